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
FX=$SRCDIR/tests/fixtures/lab
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
for form in device-0644 regular-file; do
	# a node on the host's private /run, bound over /dev/null in the host's
	# own mount namespace only (never the machine's /dev)
	hx 1 sh -c 'mkdir -p /run/rp-null && mount -t tmpfs -o size=64k,mode=755 rp-null /run/rp-null' ||
		{ not_ok "$form: tmpfs in h1" "mount failed"; continue; }
	undo+=("hx 1 umount /run/rp-null")
	if [ $form = device-0644 ]; then
		hx 1 sh -c 'mknod /run/rp-null/null c 1 3 && chmod 644 /run/rp-null/null'
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
	check_same "$form: a broken /dev/null makes no command look absent (na)" "$T_TMP/good.na" \
		<(grep '^na ' "$T_TMP/bad-$form.chk")
	check_grep "$form: no probe is ok without its start token" '^unproven-ok 0$' "$T_TMP/bad-$form.chk"
	check_nogrep "$form: no check on a failed probe passes or fails" '^on-failed .*(pass|fail)=' "$T_TMP/bad-$form.chk"
	for c in LNX-ACC-001 LNX-ACC-002 LNX-ACC-015 LNX-CRON-001; do
		check_nogrep "$form: $c does not pass" "^$c pass$" "$T_TMP/bad-$form.txt"
	done
	check_grep "$form: the evidence says why" 'did not start.*/dev/null' "$T_TMP/bad-$form/evidence/targets/h1/target.json"
done
