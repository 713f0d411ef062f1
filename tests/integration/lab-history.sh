#!/bin/bash
# lab-history.sh -- three unattended sweeps of a real lab host (h3) into a
# history database, with its sshd configuration changed in between: two
# findings fixed after the first sweep, one of them back after the second.
# Asserts the dated directories and latest, the summary lines, the diffs
# (fixed, still open, regressed), the trend (time to fix, regression, open
# since) and the history section of the last results and report.
#
# Needs LAB (a running "lab.sh up DIR ssh") and its LAB_NET. Only h3's own
# /etc/ssh/sshd_config.d is changed, and put back at the end.
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR ssh)}"
NET=${LAB_NET:-10.200}
N=3
C=$LAB/ssh/client
LABSH=$SRCDIR/tests/lab/sshd-hosts.sh
DROP=/etc/ssh/sshd_config.d/00-rempart-history-test.conf
in_host() { "$LABSH" exec "$LAB/ssh" "$N" "$@"; }
put_back() { in_host rm -f "$DROP" > /dev/null 2>&1; t_cleanup; }
trap put_back EXIT

{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<baseline xmlns="urn:rempart:baseline:1" id="t-history" kind="linux"><title lang="en">h</title><title lang="fr">h</title>'
	for c in LNX-SSH-001 LNX-SSH-004 LNX-SSH-005 LNX-SSH-021; do printf '<select check="%s"/>' "$c"; done
	printf '</baseline>\n'
} > "$T_TMP/bl.xml"
printf '[linux]\nh%s ansible_host=%s.%s.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$N" "$NET" "$N" "$C/id_ed25519" > "$T_TMP/inv.ini"
sweep() {
	"$REMPART" -q audit -i "$T_TMP/inv.ini" -b "$T_TMP/bl.xml" --known-hosts "$C/known_hosts" \
		-o "$T_TMP/sweeps" --dated --history "$T_TMP/history.db" > "$T_TMP/out$1.txt" 2> "$T_TMP/err$1.txt"
	echo $? > "$T_TMP/rc$1"
}
# 1: as the lab made it (every selected check fails on h3)
sweep 1
# 2: X11 forwarding off and 3 authentication tries (sshd: the first value wins)
printf 'X11Forwarding no\nMaxAuthTries 3\n' | in_host sh -c "umask 077; cat > $DROP"
sleep 1	# audit times are in seconds: each sweep its own
sweep 2
# 3: X11 forwarding back on (a regression)
printf 'MaxAuthTries 3\n' | in_host sh -c "umask 077; cat > $DROP"
sleep 1
sweep 3
for i in 1 2 3; do
	check_grep "sweep $i: exit 0" '^0$' "$T_TMP/rc$i"
done
check "three dated directories, latest at the third" python3 -c '
import os, re, sys
d = sys.argv[1]
dated = sorted(x for x in os.listdir(d) if re.fullmatch(r"20\d\d-\d\d-\d\dT\d{6}Z", x))
assert len(dated) == 3 and os.readlink(os.path.join(d, "latest")) == dated[2], os.listdir(d)
' "$T_TMP/sweeps"
check_grep "sweep 3: the summary line, history run 3" \
	'^rempart audit: dir=.*/sweeps/20[0-9-]+T[0-9]{6}Z exit=0 coverage=complete score=[0-9.]+ targets=1 critical=[0-9]+ high=[0-9]+ medium=[0-9]+ low=0 info=0 history_run=3$' \
	"$T_TMP/out3.txt"
"$REMPART" history diff 1 2 --history "$T_TMP/history.db" --format json > "$T_TMP/d12.json"
check "diff 1 2: X11 forwarding and the tries fixed, root login still open" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["check"]: x["change"] for x in d["items"] if x["target"] == "h3"}
assert c.get("LNX-SSH-004") == "fixed" and c.get("LNX-SSH-005") == "fixed", c
assert c.get("LNX-SSH-001") == "still-open", c
assert d["counts"]["fixed"] == 2 and d["counts"]["new"] == 0, d["counts"]
' "$T_TMP/d12.json"
"$REMPART" history diff 2 3 --history "$T_TMP/history.db" > "$T_TMP/d23.txt"
check_grep "diff 2 3: X11 forwarding regressed" '^regressed +h3 +LNX-SSH-004 ' "$T_TMP/d23.txt"
"$REMPART" history trend --target h3 --history "$T_TMP/history.db" --format json > "$T_TMP/trend.json"
check "trend: time to fix, the regression, open since" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
from datetime import datetime
runs = [r["generated_at"] for r in t["runs"]]
assert len(runs) == 3 and runs == sorted(runs) and len(set(runs)) == 3, runs
ts = [datetime.strptime(r, "%Y-%m-%dT%H:%M:%SZ").timestamp() for r in runs]
f = {x["check"]: x for x in t["findings"]}
x = f["LNX-SSH-005"]
assert x["fixed_at"] == runs[1] and x["open_since"] is None and x["first_failed"] == runs[0], x
assert x["time_to_fix_seconds"] == ts[1] - ts[0] > 0, x
x = f["LNX-SSH-004"]
assert x["regressions"] == 1 and x["open_since"] == runs[2] and x["fixes"] == 1, x
x = f["LNX-SSH-001"]
assert x["open_since"] == runs[0] and x["fixes"] == 0 and x["regressions"] == 0, x
' "$T_TMP/trend.json"
check "the last results carry the history: 3 runs, the oldest open finding" python3 -c '
import json, sys
h = json.load(open(sys.argv[1] + "/latest/results.json"))["history"]
assert h["run"] == 3 and [r["run"] for r in h["runs"]] == [1, 2, 3]
assert h["oldest_open"][0]["check"] in ("LNX-SSH-001", "LNX-SSH-021"), h["oldest_open"]
assert h["fixed_since_previous"] == []
' "$T_TMP/sweeps"
check_grep "the report of the last sweep draws the three runs" \
	'<h2 id="history">.*' "$T_TMP/sweeps/latest/report.en.html"
t_done
