#!/bin/bash
# lab-hostile.sh -- fail closed on hosts that lie by omission, against the
# real lab (tests/lab): a host whose /dev/null is not a writable device (no
# probe can run: never "ok" with an empty output), and planted findings in
# the forms that used to hide them (a PAM line padded past the regex limit or
# continued with "\", sudo rules with a trailing comment, sshd options sshd
# itself rejects, sudo rules without a root runas, a home left by a deleted
# account), and a credential in an apt source that must reach nothing
# written. Every change is made inside one lab host's own mount namespace
# (its private /etc overlay, a tmpfs node bound over its /dev/null) and
# undone at the end. Needs LAB (a running "lab.sh up" dir) and, for a lab in
# another slot, the LAB_NET it was started with.
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR)}"
C=$LAB/ssh/client
KH=$C/known_hosts
NET=${LAB_NET:-10.200}
LABSH=$SRCDIR/tests/lab/sshd-hosts.sh
hx() { "$LABSH" exec "$LAB/ssh" "$@"; }	# N CMD...: inside host N

inv() { # N: a one-host inventory
	printf '[linux]\nh%s ansible_host=%s.%s.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
		"$1" "$NET" "$1" "$C/id_ed25519" > "$T_TMP/h$1.ini"
}
# "check status" of one target's results
verdicts() { python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for r in sorted(d["results"], key=lambda r:r["check"]): print(r["check"], r["status"])' "$1"; }

undo=()
restore() { local i; for ((i = ${#undo[@]} - 1; i >= 0; i--)); do eval "${undo[i]}" > /dev/null 2>&1; done; t_cleanup; }
trap restore EXIT

# 1. /dev/null unusable (h1, weak: a uid-0 backdoor, an empty password,
# nullok, a world-writable cron file). Good run first, for comparison.
inv 1
"$REMPART" audit -i "$T_TMP/h1.ini" -b anssi-bp028-minimal --known-hosts "$KH" \
	-o "$T_TMP/good" --lang en > /dev/null 2>&1
verdicts "$T_TMP/good/results.json" > "$T_TMP/good.txt"
python3 -c 'import json,sys
t=json.load(open(sys.argv[1]))
print("na", " ".join(sorted(p["id"] for p in t["probes"] if p["status"] == "na")))' \
	"$T_TMP/good/evidence/targets/h1/target.json" > "$T_TMP/good.na"
for c in LNX-ACC-001 LNX-ACC-002 LNX-ACC-015 LNX-CRON-001; do
	check_grep "good run: $c fails on h1" "^$c fail$" "$T_TMP/good.txt"
done
for form in device-0644 device-0000 regular-file; do
	# a node on the host's private /run, bound over /dev/null in the host's
	# own mount namespace only (never the machine's /dev)
	hx 1 sh -c 'mkdir -p /run/rp-null && mount -t tmpfs -o size=64k,mode=755 rp-null /run/rp-null' ||
		{ not_ok "$form: tmpfs in h1" "mount failed"; continue; }
	undo+=("hx 1 umount /run/rp-null")
	if [ $form = device-0644 ]; then
		hx 1 sh -c 'mknod /run/rp-null/null c 1 3 && chmod 644 /run/rp-null/null'
	elif [ $form = device-0000 ]; then
		hx 1 sh -c 'mknod /run/rp-null/null c 1 3 && chmod 000 /run/rp-null/null'
	else
		hx 1 sh -c 'echo "not a device" > /run/rp-null/null && chmod 644 /run/rp-null/null'
	fi
	hx 1 mount --bind /run/rp-null/null /dev/null
	undo+=("hx 1 umount /dev/null")
	if [ -c /dev/null ] && [ "$(stat -c %a /dev/null)" = 666 ]; then ok "$form: this machine's /dev/null untouched"
	else not_ok "$form: this machine's /dev/null untouched" "$(ls -l /dev/null)"; fi
	"$REMPART" audit -i "$T_TMP/h1.ini" -b anssi-bp028-minimal --known-hosts "$KH" \
		-o "$T_TMP/bad-$form" --lang en > /dev/null 2> "$T_TMP/bad-$form.err"
	rc=$?
	hx 1 umount /dev/null; hx 1 umount /run/rp-null
	undo=()
	if [ $rc != 0 ]; then ok "$form: audit exit non-zero ($rc)"; else not_ok "$form: audit exit non-zero" "exit 0"; fi
	R=$T_TMP/bad-$form/results.json
	verdicts "$R" > "$T_TMP/bad-$form.txt"
	python3 - "$R" "$T_TMP/bad-$form/evidence/targets/h1/target.json" "$SRCDIR/checks/linux" > "$T_TMP/bad-$form.chk" <<'PY'
import glob, json, sys
import xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1]))
t = json.load(open(sys.argv[2]))
ns = {"c": "urn:rempart:catalog:1"}
probe = {}
for f in glob.glob(sys.argv[3] + "/*.xml"):
    for ck in ET.parse(f).getroot().findall("c:check", ns):
        rd = ck.find("c:read", ns)
        if rd is not None:
            probe[ck.get("id")] = rd.get("probe")
bad = {p["id"] for p in t["probes"] if p["status"] != "ok"}
unproven = [p["id"] for p in t["probes"] if p["status"] == "ok" and not p.get("started")]
print("target", t["status"])
print("na", " ".join(sorted(p["id"] for p in t["probes"] if p["status"] == "na")))
print("unproven-ok", len(unproven))
print("failed-probes", len(bad))
print("checked", sum(1 for r in d["results"] if probe.get(r["check"]) in bad))
# every check that reads a failed probe: error (or na), never pass/fail
from collections import Counter
st = Counter()
for r in d["results"]:
    if probe.get(r["check"]) in bad:
        st[r["status"]] += 1
print("on-failed", " ".join("%s=%d" % kv for kv in sorted(st.items())))
PY
	check_grep "$form: the target is not ok" '^target (partial|error)$' "$T_TMP/bad-$form.chk"
	# (unreadable: sudo's own test fails, every root probe is an error)
	[ $form = device-0000 ] ||
		check_same "$form: a broken /dev/null makes no command look absent (na)" "$T_TMP/good.na" \
			<(grep '^na ' "$T_TMP/bad-$form.chk")
	check_grep "$form: no probe is ok without its start token" '^unproven-ok 0$' "$T_TMP/bad-$form.chk"
	check_nogrep "$form: no check on a failed probe passes or fails" '^on-failed .*(pass|fail)=' "$T_TMP/bad-$form.chk"
	for c in LNX-ACC-001 LNX-ACC-002 LNX-ACC-015 LNX-CRON-001; do
		check_nogrep "$form: $c does not pass" "^$c pass$" "$T_TMP/bad-$form.txt"
	done
	check_grep "$form: the evidence says why" 'did not start.*/dev/null on the target is not a writable character device' \
		"$T_TMP/bad-$form/evidence/targets/h1/target.json"
done

# 2. Findings in the forms that used to hide them, planted on h3 (mixed) one
# round at a time in its own /etc overlay and /home, undone after each round
inv 3
cat > "$T_TMP/bl.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<baseline xmlns="urn:rempart:baseline:1" id="lab-hostile" kind="linux">
  <title lang="en">Fail-closed assertions</title><title lang="fr">Assertions de fermeture</title>
  <select check="LNX-ACC-015"/>
  <select check="LNX-ACC-023"/>
  <select check="LNX-SSH-001"/>
  <select check="LNX-SUDO-001"/>
  <select check="LNX-SUDO-008"/>
  <select check="LNX-UPD-004"/>
</baseline>
XML
hx 3 cat /etc/pam.d/common-auth > "$T_TMP/common-auth.orig"
undo+=("hx 3 sh -c 'cat > /etc/pam.d/common-auth' < '$T_TMP/common-auth.orig'")
# ROUND NAME: audit h3 into $T_TMP/NAME, verdicts in $T_TMP/NAME.txt
round() {
	"$REMPART" -v audit -i "$T_TMP/h3.ini" -b "$T_TMP/bl.xml" --known-hosts "$KH" \
		-o "$T_TMP/$1" --lang en > "$T_TMP/$1.out" 2> "$T_TMP/$1.err"
	verdicts "$T_TMP/$1/results.json" > "$T_TMP/$1.txt"
}
reason() { python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["check"] == sys.argv[2]: print(r["status"], r.get("observed") or "", "|", r.get("reason") or "")' "$@"; }
pam_auth() { # the pam_unix line of common-auth, as printf arguments
	# shellcheck disable=SC2059
	printf "$@" | hx 3 sh -c 'cat > /etc/pam.d/common-auth'
	printf 'auth\trequisite\tpam_deny.so\nauth\trequired\tpam_permit.so\n' |
		hx 3 sh -c 'cat >> /etc/pam.d/common-auth'
}

pam_auth 'auth\t[success=1 default=ignore]\tpam_unix.so\n'
round pam-plain
check_grep "control: pam_unix.so without nullok passes LNX-ACC-015" '^LNX-ACC-015 pass$' "$T_TMP/pam-plain.txt"
# B8: nullok then 1.1 MB of blanks (PAM honours the line)
pam_auth 'auth\t[success=1 default=ignore]\tpam_unix.so nullok%1100000s\n' ' '
round pam-padded
check_grep "nullok padded with 1.1 MB of blanks: LNX-ACC-015 fails" '^LNX-ACC-015 fail$' "$T_TMP/pam-padded.txt"
# B9: the option on a continued line
pam_auth 'auth\t[success=1 default=ignore]\tpam_unix.so \\\n    nullok\n'
round pam-continued
check_grep "nullok on a continued line: LNX-ACC-015 fails" '^LNX-ACC-015 fail$' "$T_TMP/pam-continued.txt"
reason "$T_TMP/pam-continued/results.json" LNX-ACC-015 > "$T_TMP/pam-continued.why"
check_grep "the continued line is shown joined" 'pam_unix\.so nullok' "$T_TMP/pam-continued.why"
hx 3 sh -c 'cat > /etc/pam.d/common-auth' < "$T_TMP/common-auth.orig"

# B10: sudo backdoors with a trailing comment; LNX-SUDO-008's implied root
undo+=("hx 3 rm -f /etc/sudoers.d/zz")
sudo_zz() { printf '%s\n' "$@" | hx 3 sh -c 'cat > /etc/sudoers.d/zz && chmod 0440 /etc/sudoers.d/zz && visudo -cq -f /etc/sudoers.d/zz'; }
if sudo_zz 'backdoor ALL = NOPASSWD: ALL # ops' '%backdoors ALL=(ALL) NOPASSWD: ALL # ops'; then
	round sudo-comment
	reason "$T_TMP/sudo-comment/results.json" LNX-SUDO-001 > "$T_TMP/sudo-comment.why"
	check_grep "commented sudo backdoors: LNX-SUDO-001 fails" '^fail ' "$T_TMP/sudo-comment.why"
	check_grep "  naming the user rule" 'backdoor ALL = NOPASSWD: ALL' "$T_TMP/sudo-comment.why"
	check_grep "  naming the group rule" '%backdoors ALL=\(ALL\) NOPASSWD: ALL' "$T_TMP/sudo-comment.why"
else not_ok "sudo backdoor lines accepted by visudo" "visudo -c failed"; fi
for rule in 'alice ALL= ALL' 'alice ALL=(admin) /bin/sh, (root) /bin/git' 'alice ALL=(admin, root) /bin/sh'; do
	if sudo_zz "$rule"; then
		round sudo8
		check_grep "LNX-SUDO-008 fails on '$rule'" '^LNX-SUDO-008 fail$' "$T_TMP/sudo8.txt"
	else not_ok "visudo accepts '$rule'" "visudo -c failed"; fi
done
if sudo_zz 'Cmnd_Alias EVERY = ALL' 'bob ALL=(root) NOPASSWD: EVERY'; then
	round sudo-alias
	reason "$T_TMP/sudo-alias/results.json" LNX-SUDO-001 > "$T_TMP/sudo-alias.why"
	check_grep "NOPASSWD on a Cmnd_Alias that is ALL: LNX-SUDO-001 fails" '^fail .*bob ALL=\(root\) NOPASSWD: EVERY' "$T_TMP/sudo-alias.why"
else not_ok "visudo accepts the alias" "visudo -c failed"; fi
sudo_zz 'alice ALL=(postgres) /usr/bin/psql' && round sudo8ok
check_grep "control: LNX-SUDO-008 passes a rule for postgres only" '^LNX-SUDO-008 pass$' "$T_TMP/sudo8ok.txt"
hx 3 rm -f /etc/sudoers.d/zz

# sshd: a configuration sshd itself rejects (it would not restart)
undo+=("hx 3 rm -f /etc/ssh/sshd_config.d/00-zz.conf")
printf 'PermitRootLogin yes\nPermitRootLogin wrong_value\n' | hx 3 sh -c 'cat > /etc/ssh/sshd_config.d/00-zz.conf'
round sshd-bad
reason "$T_TMP/sshd-bad/results.json" LNX-SSH-001 > "$T_TMP/sshd-bad.why"
check_grep "sshd -T refuses the config: LNX-SSH-001 is an error" '^error ' "$T_TMP/sshd-bad.why"
check_grep "  saying sshd would not start, with sshd's words" 'sshd -T failed.*wrong_value' "$T_TMP/sshd-bad.why"
hx 3 rm -f /etc/ssh/sshd_config.d/00-zz.conf

# LNX-ACC-023: a home left by a deleted account
undo+=("hx 3 rm -rf /home/gone")
hx 3 sh -c 'mkdir -m 700 /home/gone && chown 4242:4242 /home/gone'
round home-gone
reason "$T_TMP/home-gone/results.json" LNX-ACC-023 > "$T_TMP/home-gone.why"
check_grep "a deleted account's home: LNX-ACC-023 fails (not an error)" '^fail ' "$T_TMP/home-gone.why"
check_grep "  naming that home" '/home/gone 0700 uid=4242 \(no such account' "$T_TMP/home-gone.why"
hx 3 rm -rf /home/gone

# B11: a credential in an apt source reaches nothing written
SECRET=Gl-T0ken-S3cret-$$
undo+=("hx 3 rm -f /etc/apt/sources.list.d/vendor.list")
printf 'deb [trusted=yes] https://deploy:%s@repo.vendor.example/debian bookworm main\n' "$SECRET" |
	hx 3 sh -c 'cat > /etc/apt/sources.list.d/vendor.list'
round apt-secret
for f in json csv junit; do
	"$REMPART" report -r "$T_TMP/apt-secret/results.json" -f $f -o "$T_TMP/apt-secret/report.$f" 2>> "$T_TMP/apt-secret.err"
done
n=$(grep -rl -- "$SECRET" "$T_TMP/apt-secret" "$T_TMP/apt-secret.out" "$T_TMP/apt-secret.err" | wc -l)
if [ "$n" = 0 ]; then ok "the apt source's token is in no evidence, result, report or log"
else not_ok "the apt source's token is in nothing written" "$(grep -rl -- "$SECRET" "$T_TMP/apt-secret" "$T_TMP/apt-secret.err")"; fi
check_grep "the source line is still there, its password masked" 'https://deploy:\*\*\*\*@repo\.vendor\.example' \
	"$T_TMP/apt-secret/evidence/targets/h3/probes/linux.apt-state.out"
check_grep "the masking is logged (-v)" 'linux.apt-state: 1 secret value masked' "$T_TMP/apt-secret.err"
hx 3 rm -f /etc/apt/sources.list.d/vendor.list
undo=()
t_done
