#!/bin/bash
# lab-light.sh -- the SSH lab's light mode (tests/lab/sshd-hosts.sh
# start-light: one sshd per network namespace, one shared /etc and host key,
# the mode that hosts 1,000 targets for benchmarks/estates) proven with a
# handful of hosts: they start, pass the lab's own checks, are collected by
# rempart with the inventory's site groups, cannot reach each other nor leave
# by the default route, and stop leaves nothing behind. It starts and stops
# its own hosts (LIGHT_PREFIX, default rlt; LIGHT_NET, default 10.229;
# LIGHT_N, default 5). Needs root and the lab packages (tests/lab/packages.txt).
. "$(dirname "$0")/lib.sh"
t_setup
P=${LIGHT_PREFIX:-rlt}
NET=${LIGHT_NET:-10.229}
N=${LIGHT_N:-5}
W=$T_TMP/light
SH=$SRCDIR/tests/lab/sshd-hosts.sh
L() { LAB_PREFIX=$P LAB_NET=$NET LIGHT_SITES=2 "$SH" "$@"; }
cleanup() { L stop "$W" > /dev/null 2>&1 || true; t_cleanup; }
trap cleanup EXIT

check_rc "start-light refuses 0 hosts" 1 L start-light "$W" 0
check_rc "start-light refuses 1,001 hosts" 1 L start-light "$W" 1001
if ! L start-light "$W" "$N" > "$T_TMP/start.log" 2>&1; then
	not_ok "start-light $N" "$(tail -5 "$T_TMP/start.log")"; t_done; exit 1
fi
ok "start-light $N: $(head -1 "$T_TMP/start.log")"
check "$N light hosts pass the lab's checks (a sample: login, sudo, one /30 route, no default route, no route to a neighbour)" L check "$W"
check "this machine routes $NET.0.0/16 nowhere but to the hosts' links" \
	sh -c "ip route show root $NET.0.0/16 | grep -qx 'unreachable $NET.0.0/16 *'"
check "one netns per host, named ${P}1..$P$N" \
	sh -c "[ \$(ip netns list | awk '{print \$1}' | grep -cE '^${P}[0-9]+\$') = $N ]"

# rempart's default settings, the lab's inventory and known_hosts
"$REMPART" collect -i "$W/inventory-light.ini" -b anssi-bp028-minimal \
	--known-hosts "$W/client/known_hosts" -o "$T_TMP/ev" > "$T_TMP/collect.out" 2> "$T_TMP/collect.err"
rc=$?
if [ $rc = 0 ]; then ok "rempart collects the $N light hosts (exit 0)"
else not_ok "rempart collects the $N light hosts (exit 0)" "exit $rc: $(tail -3 "$T_TMP/collect.err")"; fi
check_grep "... $N ok, 0 partial, 0 failed" "$N targets: $N ok, 0 partial, 0 failed" "$T_TMP/collect.err"
check "every host is a target, audited with sudo, in its inventory site group" python3 -c '
import json, sys
n = int(sys.argv[2]); half = (n + 1) // 2
for i in range(1, n + 1):
    t = json.load(open("%s/targets/h%d/target.json" % (sys.argv[1], i)))
    assert t["status"] == "ok" and t["elevated"], t["id"]
    assert t["groups"] == ["linux", "site_01" if i <= half else "site_02"], t["groups"]
    assert all(p["status"] in ("ok", "na") for p in t["probes"]), t["id"]' "$T_TMP/ev" "$N"
check "the hosts share one host key (the lab's, in known_hosts)" python3 -c '
import json, sys
keys = {json.load(open("%s/targets/h%d/target.json" % (sys.argv[1], i)))["identity"]["hostkey"] for i in range(1, int(sys.argv[2]) + 1)}
assert len(keys) == 1, keys' "$T_TMP/ev" "$N"
"$REMPART" collect -i "$W/inventory-light.ini" --limit site_02 -b anssi-bp028-minimal \
	--list-hosts > "$T_TMP/site2.txt" 2>&1
check_grep "--limit site_02 selects the second half" "^h$N\b" "$T_TMP/site2.txt"
check_nogrep "... and not h1" "^h1\b" "$T_TMP/site2.txt"

# the hosts' processes (unshare and its sshd, pid 1 of the host's pid namespace)
pids=$(for f in "$W"/state/h*.pid; do p=$(cat "$f"); echo "$p"; cat /proc/"$p"/task/*/children 2>/dev/null; done | tr '\n' ' ')
check "every host runs unshare, then sshd as its child" sh -c "[ \$(echo $pids | wc -w) = $((2 * N)) ]"
if L stop "$W" > "$T_TMP/stop.log" 2>&1; then ok "stop"; else not_ok "stop" "$(tail -3 "$T_TMP/stop.log")"; fi
check "stop: no netns $P*, no link $P*" \
	sh -c "! ip netns list | awk '{print \$1}' | grep -qE '^${P}[0-9]+\$' && ! ip -o link | awk -F': ' '{print \$2}' | grep -qE '^${P}[0-9]+(@|\$)'"
check "stop: no route in $NET.0.0/16" sh -c "[ -z \"\$(ip route show root $NET.0.0/16)\" ]"
check "stop: no mount under the lab's directory" sh -c "! findmnt -rn -o TARGET | grep -q '^$W'"
check "stop: none of the hosts' processes is left (zombies wait for init)" sh -c "for p in $pids; do [ ! -d /proc/\$p ] || [ \"\$(cut -d' ' -f3 /proc/\$p/stat 2>/dev/null)\" = Z ] || [ ! -d /proc/\$p ] || exit 1; done"
t_done
