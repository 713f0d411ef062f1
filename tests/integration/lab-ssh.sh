#!/bin/bash
# lab-ssh.sh -- SSH collection against the real lab (tests/lab): exact
# statuses per host, exact verdicts of the asserted checks, hostile output,
# timeouts, auth failures, sudo without a password, interruption, and no
# secret in anything rempart wrote. Needs LAB (a running "lab.sh up" dir)
# and, for a lab in another slot, the LAB_NET it was started with.
. "$(dirname "$0")/lib.sh"
t_setup
# Under the sanitizers build: the known leaks of libldap, not of rempart
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR)}"
FX=$SRCDIR/tests/fixtures/lab
C=$LAB/ssh/client
KH=$C/known_hosts
INV=$LAB/ssh/inventory.ini
NET=${LAB_NET:-10.200}	# the lab's address prefix (lab.sh's LAB_NET)

# 1. The main inventory: statuses and verdicts
"$REMPART" audit -i "$INV" -b "$FX/lab-linux.xml" --known-hosts "$KH" \
	-o "$T_TMP/audit" --lang en > "$T_TMP/audit.out" 2> "$T_TMP/audit.err"
rc=$?
if [ $rc = 3 ]; then ok "audit of the lab: exit 3 (some hosts not audited)"
else not_ok "audit of the lab: exit 3" "exit $rc: $(tail -3 "$T_TMP/audit.err")"; fi
check_grep "audit ends with the report's path" "^report: $T_TMP/audit/report.en.html$" "$T_TMP/audit.out"
check "the evidence verifies" "$REMPART" evidence verify "$T_TMP/audit/evidence"
python3 - "$T_TMP/audit/results.json" > "$T_TMP/status.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for t in sorted(d["targets"], key=lambda t: t["id"]):
    print(t["id"], t["status"], "elevated" if t["elevated"] else "-")
PY
check_same "target statuses" "$FX/expected-status.txt" "$T_TMP/status.txt"
results_lines "$T_TMP/audit/results.json" > "$T_TMP/verdicts.txt"
check_same "exact verdicts per host and check" "$FX/expected-lab-linux.txt" "$T_TMP/verdicts.txt"
check_grep "h4: both fingerprints in the error" \
	"host key mismatch for '$NET.4.2'.*SHA256:.*SHA256:" "$T_TMP/audit/evidence/targets/h4/target.json"
check_grep "h5: sudo needs a password, said plainly" 'sudo needs a password' \
	"$T_TMP/audit/evidence/targets/h5/target.json"
check_grep "h8: refused" 'Connection refused' "$T_TMP/audit/evidence/targets/h8/target.json"
for f in html md; do
	check "report.en.$f written" test -s "$T_TMP/audit/report.en.$f"
done
# The audit's own footprint: recorded, left out of the verdicts, reported
python3 - "$T_TMP/audit/results.json" "$T_TMP/audit/evidence" > "$T_TMP/fp.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = {(x["target"], x["check"]): x for x in d["results"]}
for t in sorted(d["targets"], key=lambda t: t["id"]):
    ev = json.load(open("%s/targets/%s/target.json" % (sys.argv[2], t["id"])))
    print("login", t["id"], ev["user"], ev.get("auth"), ev.get("elevation"))
    for x in t["footprint"]:
        print("footprint", t["id"], x["kind"], x["account"], x["where"], x["detail"])
for h in ("h1", "h3"):
    x = r[(h, "LNX-SUDO-001")]
    print("sudo", h, x["status"], x["observed"])
PY
check_grep "h1: login, method and elevation recorded in the evidence" '^login h1 auditor publickey sudo$' "$T_TMP/fp.txt"
check_grep "h2: elevation through the commands sudo allows, on a pty" '^login h2 auditor publickey sudo-pty-commands$' "$T_TMP/fp.txt"
check_grep "h1: the audit's login key is its footprint" '^footprint h1 login-key auditor None None$' "$T_TMP/fp.txt"
check_grep "h3: the audit account's NOPASSWD rule is its footprint" \
	'^footprint h3 sudo-rule auditor /etc/sudoers.d/auditor auditor ALL=\(ALL\) NOPASSWD: ALL$' "$T_TMP/fp.txt"
check_grep "h2: the audit account's restricted rule is its footprint" '^footprint h2 sudo-rule auditor /etc/sudoers.d/auditor auditor ALL=\(root\) NOPASSWD: ' "$T_TMP/fp.txt"
check_nogrep "h1: the host's own rule (deploy) is not footprint" '^footprint h1 .*deploy' "$T_TMP/fp.txt"
check_grep "h3: LNX-SUDO-001 passes, saying the audit's rule was left out" \
	"^sudo h3 pass 0 \(left out, the audit account 'auditor' alone: /etc/sudoers.d/auditor: " "$T_TMP/fp.txt"
check_grep "h1: LNX-SUDO-001 still fails on the host's own rule" '^sudo h1 fail 1: /etc/sudoers.d/deploy: deploy ALL=\(ALL\) NOPASSWD: ALL \(left out' "$T_TMP/fp.txt"
# h1 and h3 left the same things: one entry naming both, the items under it
check_grep "md report: the footprint section, h3 with h1 that left the same" '^- h1, h3:$' "$T_TMP/audit/report.en.md"
check_grep "md report: ... the rule to remove under them" \
	'^  - sudo rule for auditor in /etc/sudoers.d/auditor: auditor ALL=\(ALL\) NOPASSWD: ALL$' "$T_TMP/audit/report.en.md"
check_grep "html report: the footprint section" '<h2 id="footprint">Audit footprint</h2>' "$T_TMP/audit/report.en.html"
check "html report of the lab is well-formed" xmllint --noout "$T_TMP/audit/report.en.html"

# 2. Hostile output, caps and absent commands (h6), with test-only probes
D=$T_TMP/data
cp -r "$SRCDIR/checks" "$D"
cp "$FX/hostile.xml" "$D/linux/labtest.xml"
cp "$FX/labtest.xml" "$D/baselines/labtest.xml"
printf '[linux]\nh6 ansible_host='"$NET"'.6.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$C/id_ed25519" > "$T_TMP/h6.ini"
"$REMPART" --data-dir "$D" collect -i "$T_TMP/h6.ini" -b labtest --known-hosts "$KH" \
	-o "$T_TMP/ev6" > /dev/null 2> "$T_TMP/ev6.err"
P=$T_TMP/ev6/targets/h6/probes
LABSH=$SRCDIR/tests/lab/sshd-hosts.sh
"$LABSH" exec "$LAB/ssh" 6 cat /etc/motd > "$T_TMP/motd"
check "forged boundaries and escapes come back byte for byte" cmp "$P/labtest.motd.out" "$T_TMP/motd"
"$LABSH" exec "$LAB/ssh" 6 cat /etc/lab-binary > "$T_TMP/bin"
check "binary output with NULs kept exactly" cmp "$P/labtest.binary.out" "$T_TMP/bin"
"$LABSH" exec "$LAB/ssh" 6 cat /etc/cron.d/lab-hostile > "$T_TMP/cron"
check "an elevated probe (\$RP_SUDO) with a fake boundary" cmp "$P/labtest.cron.out" "$T_TMP/cron"
n=$(stat -c %s "$P/labtest.big.out")
if [ "$n" = 1048576 ]; then ok "5 MiB output capped at the probe's max-bytes"; else not_ok "5 MiB output capped" "got $n bytes"; fi
python3 - "$T_TMP/ev6/targets/h6/target.json" > "$T_TMP/ev6.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("target", d["status"])
for p in d["probes"]:
    print(p["id"], p["status"], p["bytes"])
PY
check_grep "capped probe marked truncated with what the host sent" '^labtest.big truncated 5242880$' "$T_TMP/ev6.txt"
check_grep "absent command: probe na" '^labtest.absent na ' "$T_TMP/ev6.txt"
check_grep "a truncated probe makes the host partial" '^target partial$' "$T_TMP/ev6.txt"
"$REMPART" --data-dir "$D" evaluate -e "$T_TMP/ev6" -b labtest -o "$T_TMP/r6.json" 2>/dev/null
results_lines "$T_TMP/r6.json" > "$T_TMP/r6.txt"
check_grep "a check on a truncated probe is an error, never a pass" '^h6 LNX-LABT-003 error$' "$T_TMP/r6.txt"
check_grep "a check on an absent command is na" '^h6 LNX-LABT-005 na$' "$T_TMP/r6.txt"
"$REMPART" report -r "$T_TMP/r6.json" -f md -o "$T_TMP/r6.md"
check_nogrep "no raw escape character reaches the report" $'\x1b' "$T_TMP/r6.md"

# 3. A host that stalls (h7) next to a good one (h3): timeout, nothing lost
printf '[linux]\nh3 ansible_host='"$NET"'.3.2\nh7 ansible_host='"$NET"'.7.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$C/id_ed25519" > "$T_TMP/h7.ini"
start=$(date +%s)
check_rc "stalled host: exit 3" 3 "$REMPART" collect -i "$T_TMP/h7.ini" -b "$FX/lab-linux.xml" \
	--known-hosts "$KH" --timeout 4 -o "$T_TMP/ev7"
el=$(( $(date +%s) - start ))
if [ "$el" -le 15 ]; then ok "the stall is cut by --timeout ($el s)"; else not_ok "stall cut by --timeout" "$el s"; fi
check_grep "h7 status says what happened" '"status": "(error|partial)"' "$T_TMP/ev7/targets/h7/target.json"
check_grep "h7: the login shell's words are quoted" 'lab-stall' "$T_TMP/ev7/targets/h7/target.json"
check_grep "h7: the error names the limit that was hit" 'run time limit reached \(4 s after the login, --timeout\)' "$T_TMP/ev7/targets/h7/target.json"
# one worker, the stalled host first: h3's clock starts at its own login,
# not while it waits for the worker
printf '[linux]\nh7 ansible_host='"$NET"'.7.2\nh3 ansible_host='"$NET"'.3.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$C/id_ed25519" > "$T_TMP/h7q.ini"
"$REMPART" -v collect -i "$T_TMP/h7q.ini" -b "$FX/lab-linux.xml" -j 1 \
	--known-hosts "$KH" --timeout 4 -o "$T_TMP/ev7q" > /dev/null 2> "$T_TMP/ev7q.err"
check_grep "-j 1: the host queued behind a stalled one is complete" '"status": "ok"' "$T_TMP/ev7q/targets/h3/target.json"
"$REMPART" -v collect -i "$T_TMP/h7.ini" -b "$FX/lab-linux.xml" --known-hosts "$KH" \
	-o "$T_TMP/ev7d" > /dev/null 2> "$T_TMP/ev7d.err" &
pid=$!
for _ in $(seq 100); do
	grep -q 'per host after its login' "$T_TMP/ev7d.err" 2>/dev/null && break
	sleep 0.1
done
kill -INT $pid; wait $pid
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["probes"]))' "$T_TMP/ev7/targets/h3/target.json" 2>/dev/null)
check_grep "the default run limit: 10 s per probe, at least 120 s" \
	"collecting ${n:-?} probes .* $(( n * 10 > 120 ? n * 10 : 120 )) s per host after its login \(default" "$T_TMP/ev7d.err"
check_grep "h3 next to it is complete" '"status": "ok"' "$T_TMP/ev7/targets/h3/target.json"
check "the bundle with a stalled host verifies" "$REMPART" evidence verify "$T_TMP/ev7"

# 4. Interrupted: Ctrl-C during collection leaves a valid partial bundle
"$REMPART" collect -i "$T_TMP/h7.ini" -b "$FX/lab-linux.xml" --known-hosts "$KH" \
	--timeout 60 -o "$T_TMP/ev8" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 300); do	# interrupt once h3 is done, h7 still stalled
	[ -f "$T_TMP/ev8/targets/h3/target.json" ] && break
	sleep 0.1
done
sleep 0.5
kill -INT $pid
wait $pid
rc=$?
if [ $rc = 3 ]; then ok "SIGINT: exit 3"; else not_ok "SIGINT: exit 3" "exit $rc"; fi
check "SIGINT: the partial bundle verifies" "$REMPART" evidence verify "$T_TMP/ev8"
check_grep "SIGINT: the manifest says partial" '"partial": true' "$T_TMP/ev8/manifest.json"
check_grep "SIGINT: the finished host is kept" '"status": "ok"' "$T_TMP/ev8/targets/h3/target.json"

# ... and a closed terminal (SIGHUP) does the same: the bundle finished as partial
"$REMPART" collect -i "$T_TMP/h7.ini" -b "$FX/lab-linux.xml" --known-hosts "$KH" \
	--timeout 60 -o "$T_TMP/ev8h" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 300); do
	[ -f "$T_TMP/ev8h/targets/h3/target.json" ] && break
	sleep 0.1
done
sleep 0.5
kill -HUP $pid
wait $pid
rc=$?
if [ $rc = 3 ]; then ok "SIGHUP: exit 3"; else not_ok "SIGHUP: exit 3" "exit $rc"; fi
check "SIGHUP: the partial bundle verifies" "$REMPART" evidence verify "$T_TMP/ev8h"
check_grep "SIGHUP: the manifest says partial" '"partial": true' "$T_TMP/ev8h/manifest.json"

# 5. Authentication and host keys
check_rc "unknown user: auth-failed, exit 3" 3 "$REMPART" collect -t nosuchuser@$NET.3.2 \
	-k "$C/id_ed25519" -b "$FX/lab-linux.xml" --known-hosts "$KH" -o "$T_TMP/ev9"
check_grep "auth-failed status" '"status": "auth-failed"' "$T_TMP/ev9/targets/$NET.3.2/target.json"
: > "$T_TMP/empty_kh"
check_rc "unknown host key refused by default" 3 "$REMPART" collect -t auditor@$NET.3.2 \
	-k "$C/id_ed25519" -b "$FX/lab-linux.xml" --known-hosts "$T_TMP/empty_kh" -o "$T_TMP/ev10"
check "nothing recorded without --accept-new" test ! -s "$T_TMP/empty_kh"
"$REMPART" collect -t auditor@$NET.3.2 -k "$C/id_ed25519" -b "$FX/lab-linux.xml" \
	--known-hosts "$T_TMP/empty_kh" --accept-new -o "$T_TMP/ev11" > /dev/null 2>&1
check_grep "--accept-new records the key" "^${NET//./\\.}\\.3\\.2 " "$T_TMP/empty_kh"
check_grep "--accept-new then audits" '"status": "ok"' "$T_TMP/ev11/targets/$NET.3.2/target.json"
# through a jump host: h1 relays to its own sshd (127.0.0.1 in h1)
cp "$KH" "$T_TMP/kh_jump"
printf '[linux]\nh1j ansible_host=127.0.0.1 jump_host=auditor@'"$NET"'.1.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$C/id_ed25519" > "$T_TMP/jump.ini"
start=$(date +%s)
check_rc "a target behind a jump host is audited" 0 "$REMPART" collect -i "$T_TMP/jump.ini" \
	-b "$FX/lab-linux.xml" --known-hosts "$T_TMP/kh_jump" --accept-new -o "$T_TMP/evj"
el=$(( $(date +%s) - start ))
check_grep "jump host: the target is complete and elevated" '"elevated": true' "$T_TMP/evj/targets/h1j/target.json"
if [ "$el" -le 20 ]; then ok "jump host: the relay ends with the session ($el s)"; else not_ok "jump host: the relay ends with the session" "$el s"; fi
cp "$C/passphrase" "$T_TMP/pp"; chmod 644 "$T_TMP/pp"
printf '[linux]\nh3 ansible_host='"$NET"'.3.2 ansible_user=auditor ansible_become=true ansible_ssh_private_key_file=%s key_passphrase_file=%s\n' \
	"$C/id_ed25519_pp" "$T_TMP/pp" > "$T_TMP/pp.ini"
check_rc "a secret file readable by others is refused" 2 "$REMPART" collect -i "$T_TMP/pp.ini" \
	-b "$FX/lab-linux.xml" --known-hosts "$KH" -o "$T_TMP/ev12"
chmod 600 "$T_TMP/pp"
# (decrypting the key is CPU-heavy: a generous limit for a loaded machine)
check_rc "passphrase-protected key with its passphrase file" 0 "$REMPART" collect -i "$T_TMP/pp.ini" \
	-b "$FX/lab-linux.xml" --known-hosts "$KH" --connect-timeout 60 -o "$T_TMP/ev13"
printf '[linux]\nh1 ansible_host='"$NET"'.1.2 ansible_password=x\n' > "$T_TMP/inline.ini"
check_rc "inline password refused" 2 "$REMPART" collect -i "$T_TMP/inline.ini" -b "$FX/lab-linux.xml" -o "$T_TMP/ev14"
"$REMPART" collect -i "$T_TMP/inline.ini" -b "$FX/lab-linux.xml" -o "$T_TMP/ev14" 2> "$T_TMP/inline.err"
check_grep "inline password: the line is named" 'inline.ini:2:' "$T_TMP/inline.err"

# 6. No secret anywhere rempart wrote (evidence, results, reports, logs)
"$REMPART" -vv collect -i "$T_TMP/pp.ini" -b "$FX/lab-linux.xml" --known-hosts "$KH" \
	--connect-timeout 60 -o "$T_TMP/ev15" > "$T_TMP/vv.log" 2>&1
leak=0
for secret in "$(cat "$C/passphrase")" "$(cat "$C/auditor.pw")"; do
	if grep -rqaF -- "$secret" "$T_TMP/audit" "$T_TMP/ev13" "$T_TMP/ev15" "$T_TMP/vv.log" "$T_TMP/audit.err"; then
		leak=1
	fi
done
if [ $leak = 0 ]; then ok "no password or passphrase in any output or log"; else not_ok "no secret in outputs"; fi

# 7. Post-incident checks: the window finds the planted changes, or not
T0=$(date -u -d '-1 day' +%Y-%m-%dT00:00:00Z)
printf '<?xml version="1.0"?>\n<incident xmlns="urn:rempart:incident:1"><organisation>Lab</organisation><compromise-start>%s</compromise-start><compromised-account>guest</compromised-account><compromised-host>h1</compromised-host></incident>\n' "$T0" > "$T_TMP/inc-now.xml"
printf '<?xml version="1.0"?>\n<incident xmlns="urn:rempart:incident:1"><organisation>Lab</organisation><compromise-start>2020-01-01</compromise-start><containment>2020-01-15</containment><remediation>2020-02-01</remediation><compromised-account>guest</compromised-account><compromised-host>h1</compromised-host></incident>\n' > "$T_TMP/inc-old.xml"
printf '<?xml version="1.0"?>\n<baseline xmlns="urn:rempart:baseline:1" id="inc" kind="linux"><title lang="en">i</title><title lang="fr">i</title><select module="linux/incident"/></baseline>\n' > "$T_TMP/inc.xml"
printf '[linux]\nh1 ansible_host='"$NET"'.1.2\nh2 ansible_host='"$NET"'.2.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$C/id_ed25519" > "$T_TMP/inc.ini"
"$REMPART" collect -i "$T_TMP/inc.ini" -b "$T_TMP/inc.xml" --known-hosts "$KH" -o "$T_TMP/evi" > /dev/null 2>&1
for w in now old; do
	"$REMPART" evaluate -e "$T_TMP/evi" -b "$T_TMP/inc.xml" --incident "$T_TMP/inc-$w.xml" \
		-o "$T_TMP/inc-$w.json" 2>/dev/null
	python3 - "$T_TMP/inc-$w.json" > "$T_TMP/inc-$w.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["target"], r["check"], r["status"], r["observed"] or "")
PY
done
"$REMPART" evaluate -e "$T_TMP/evi" -b "$T_TMP/inc.xml" -o "$T_TMP/inc-none.json" 2>/dev/null
results_lines "$T_TMP/inc-none.json" > "$T_TMP/inc-none.txt"
check_grep "window covering the lab: the planted cron job is found" '^h1 LNX-INC-001 fail .*/etc/cron\.d/backup' "$T_TMP/inc-now.txt"
check_grep "a timestomped file (mtime 2019) is still dated by its ctime" "^h1 LNX-INC-001 fail .*/etc/cron\\.d/backup \\[[^]]*metadata changed $(date -u +%Y)" "$T_TMP/inc-now.txt"
check_grep "window covering the lab: changed sudo rules found" '^h1 LNX-INC-006 fail .*/etc/sudoers\.d/auditor' "$T_TMP/inc-now.txt"
check_grep "window covering the lab: the planted root key is found" '^h1 LNX-INC-007 fail .*/root/\.ssh/authorized_keys' "$T_TMP/inc-now.txt"
check_grep "window in 2020: the same cron job is not found" '^h1 LNX-INC-001 pass' "$T_TMP/inc-old.txt"
check_grep "window in 2020: nothing changed in the window" '^h2 LNX-INC-006 pass' "$T_TMP/inc-old.txt"
check "h2 (sudo noexec): the file times are collected all the same" \
	grep -q '|/etc/passwd$' "$T_TMP/evi/targets/h2/probes/linux.persist-times.out"
check_grep "a compromised account with an empty password is not renewed" '^h1 LNX-INC-020 fail guest \(empty password\)' "$T_TMP/inc-old.txt"
check_grep "host keys newer than the remediation of a compromised host" '^h1 LNX-INC-021 pass' "$T_TMP/inc-old.txt"
check_grep "host keys of a host not named compromised: na" '^h2 LNX-INC-021 na' "$T_TMP/inc-old.txt"
check_grep "without an incident context the window checks are na" '^h1 LNX-INC-001 na$' "$T_TMP/inc-none.txt"

# 9. --deep: every local filesystem is walked (a setuid file five levels
# down in /home, past the default walk's three) and RP_DEEP reaches the probes
"$LABSH" exec "$LAB/ssh" 2 sh -c 'mkdir -p /home/rp-deep/a/b/c &&
	cp /bin/true /home/rp-deep/a/b/c/suid && chmod 4755 /home/rp-deep/a/b/c/suid'
awk '/^\[/ { s = $0 } s == "[linux]" && $1 != "h2" && /ansible_host/ { next } { print }' "$INV" > "$T_TMP/h2.ini"
cat > "$T_TMP/deep.xml" <<'XML'
<baseline xmlns="urn:rempart:baseline:1" id="deep" kind="linux">
  <title lang="en">deep</title><title lang="fr">deep</title>
  <select check="LNX-FS-016"/>
</baseline>
XML
for m in default deep; do
	f=; [ $m = deep ] && f=--deep
	"$REMPART" audit -i "$T_TMP/h2.ini" -b "$T_TMP/deep.xml" $f --known-hosts "$KH" \
		-o "$T_TMP/$m" --lang en > /dev/null 2> "$T_TMP/$m.err"
	results_lines "$T_TMP/$m/results.json" > "$T_TMP/$m.txt"
done
check_grep "default walk: /home below 3 levels is not seen" '^h2 LNX-FS-016 pass$' "$T_TMP/default.txt"
check_grep "--deep: the setuid file deep in /home is found" '^h2 LNX-FS-016 fail$' "$T_TMP/deep.txt"
check_grep "--deep: the finding names the file" '/home/rp-deep/a/b/c/suid' "$T_TMP/deep/results.json"
check_nogrep "--deep: the walk does not enter /proc" "[|]/(proc|sys)/" "$T_TMP/deep/evidence/targets/h2/probes/linux.fs-walk.out"
"$LABSH" exec "$LAB/ssh" 2 rm -rf /home/rp-deep

# 8. The file system: a second run into the same directory, a full disk
check_rc "a second run into a used evidence directory is refused" 2 "$REMPART" collect \
	-i "$T_TMP/inc.ini" -b "$FX/lab-linux.xml" --known-hosts "$KH" -o "$T_TMP/evi"
check "the refused run left the first bundle intact" "$REMPART" evidence verify "$T_TMP/evi"
mkdir -p "$T_TMP/tiny"
if mount -t tmpfs -o size=64k rempart-tiny "$T_TMP/tiny" 2>/dev/null; then
	"$REMPART" collect -i "$T_TMP/inc.ini" -b "$FX/lab-linux.xml" --known-hosts "$KH" \
		-o "$T_TMP/tiny/ev" > /dev/null 2> "$T_TMP/tiny.err"
	rc=$?
	if [ $rc = 4 ]; then ok "disk full: exit 4"; else not_ok "disk full: exit 4" "exit $rc"; fi
	check_grep "disk full: the error names the file and the cause" "cannot write '$T_TMP/tiny/ev/.*No space left on device" "$T_TMP/tiny.err"
	check "disk full: the manifest left behind is valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T_TMP/tiny/ev/manifest.json"
	check_grep "disk full: the manifest says partial" '"partial": true' "$T_TMP/tiny/ev/manifest.json"
	umount "$T_TMP/tiny"
else
	not_ok "disk full test: cannot mount a tmpfs (needs root)"
fi

t_done
