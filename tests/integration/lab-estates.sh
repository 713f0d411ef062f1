#!/bin/bash
# lab-estates.sh -- an estate whose sites are reachable only from their own
# bastion, audited with contrib/ansible/collect-sites.yml run by
# ansible-playbook from this machine (the controller):
#
#   controller (this netns) --ssh--> bastion A (netns) --ssh--> a1, a2 (site A)
#                           --ssh--> bastion B (netns) --ssh--> b1, b2 (site B)
#
# Sites are real sshd hosts (tests/lab/sshd-hosts.sh, bulk profile); their
# veth ends are moved from this namespace into their bastion's, so only the
# bastion has a route to them, and each host's firewall (iptables in its
# namespace) accepts SSH from its bastion's address only. The test asserts
# that isolation (the controller cannot connect, nor collect; a bastion
# cannot reach the other site; another source address is dropped), then
# runs the playbook and checks the merged evidence, its provenance, the
# results per site and the report. It starts and stops its own lab; it uses
# only namespaces and addresses of its own (ESTATES_PREFIX, default t4;
# ESTATES_NET_A / ESTATES_NET_B, default 10.226 / 10.227).
# Needs: root, the lab packages (tests/lab/packages.txt: ansible-core).
. "$(dirname "$0")/lib.sh"
t_setup
P=${ESTATES_PREFIX:-t4}
NA=${ESTATES_NET_A:-10.226}
NB=${ESTATES_NET_B:-10.227}
W=$T_TMP/l
R=$REMPART
SH=$SRCDIR/tests/lab/sshd-hosts.sh
mkdir -p "$W"

for c in ansible-playbook iptables-legacy sshd python3; do
	command -v "$c" > /dev/null || [ -x "/usr/sbin/$c" ] || {
		not_ok "$c is installed (tests/lab/packages.txt)"; t_done; exit 1; }
done

net_of() { [ "$1" = a ] && echo "$NA" || echo "$NB"; }

cleanup() {
	local s p ns
	for s in a b; do
		ns=${P}b$s
		p=$(cat "$W/bastion-$s/pid" 2>/dev/null || true)
		if [ -n "$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = unshare ]; then
			kill -TERM "$p" 2>/dev/null || true
			for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do
				kill -TERM "$c" 2>/dev/null || true
			done
		fi
		if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
			for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
		fi
		LAB_PREFIX=$P$s LAB_NET=$(net_of $s) "$SH" stop "$W/site-$s" > /dev/null 2>&1 || true
		ip link del "${ns}c" 2>/dev/null || true
		ip netns del "$ns" 2>/dev/null || true
		[ -e "$W/route-$s" ] && ip route del unreachable "$(net_of $s).0.0/16" 2>/dev/null
		rm -f "$W/route-$s"
	done
	t_cleanup
}
trap cleanup EXIT

# ------------------------------------------------------------------ sites
# Nothing of the sites' ranges may leave by this machine's default route:
# unreachable here, but for the links this test makes (longer prefixes).
for s in a b; do
	if ip route add unreachable "$(net_of $s).0.0/16"; then
		touch "$W/route-$s"
	else
		not_ok "route $(net_of $s).0.0/16 unreachable here (in use? set ESTATES_NET_$s)"; t_done; exit 1
	fi
done
for s in a b; do
	if ! LAB_PREFIX=$P$s LAB_NET=$(net_of $s) "$SH" start-bulk "$W/site-$s" 2 > "$W/site-$s.log" 2>&1; then
		not_ok "site $s: two sshd hosts start" "$(tail -5 "$W/site-$s.log")"
		t_done; exit 1
	fi
done
ok "two sites of two sshd hosts each"

# ---------------------------------------------------------------- bastions
ssh-keygen -q -t ed25519 -N '' -C estates-controller -f "$W/ctl_key"
: > "$W/ctl_known_hosts"
for s in a b; do
	ns=${P}b$s; n=$(net_of $s); B=$W/bastion-$s
	mkdir -p "$B/work"; chmod 700 "$B" "$B/work"
	ip netns add "$ns"
	ip link add "${ns}c" type veth peer name eth0 netns "$ns"
	ip addr add "$n.100.1/24" dev "${ns}c"; ip link set "${ns}c" up
	ip -n "$ns" addr add "$n.100.2/24" dev eth0
	ip -n "$ns" link set eth0 up; ip -n "$ns" link set lo up
	for h in 1 2; do
		# this namespace's end of host h's veth goes to the bastion: the
		# site's route leaves the controller with it
		ip link set "$P$s$h" netns "$ns"
		ip -n "$ns" addr add "$n.$h.1/24" dev "$P$s$h"
		ip -n "$ns" link set "$P$s$h" up
		# the host's firewall: SSH from its bastion's address only
		ip netns exec "$P$s$h" iptables-legacy -A INPUT -p tcp --dport 22 -s "$n.$h.1" -j ACCEPT
		ip netns exec "$P$s$h" iptables-legacy -A INPUT -p tcp --dport 22 -j DROP
	done
	ssh-keygen -q -t ed25519 -N '' -C "bastion-$s" -f "$B/host_key"
	cp "$W/ctl_key.pub" "$B/authorized_keys"
	cat > "$B/sshd_config" <<EOF
ListenAddress $n.100.2
Port 22
HostKey $B/host_key
PidFile $B/sshd.pid
AuthorizedKeysFile $B/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
LogLevel ERROR
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
	# own hostname (the collector host in the provenance), own /run
	setsid ip netns exec "$ns" unshare --mount --uts --fork --propagation private \
		--kill-child=SIGTERM /bin/sh -c "mount -t tmpfs -o mode=755 es-run /run &&
		mkdir -m 755 /run/sshd && hostname bastion-$s &&
		exec /usr/sbin/sshd -D -e -f $B/sshd_config" >> "$B/sshd.log" 2>&1 < /dev/null &
	echo $! > "$B/pid"
	echo "$n.100.2 $(cut -d' ' -f1,2 "$B/host_key.pub")" >> "$W/ctl_known_hosts"
done
up=0
for _ in $(seq 100); do
	if (exec 3<>"/dev/tcp/$NA.100.2/22") 2>/dev/null && (exec 3<>"/dev/tcp/$NB.100.2/22") 2>/dev/null; then
		up=1; break
	fi
	sleep 0.1
done
[ $up = 1 ] && ok "two bastions with sshd" || { not_ok "two bastions with sshd" "$(cat "$W"/bastion-*/sshd.log)"; t_done; exit 1; }

# ---------------------------------------------------------------- isolation
tcp() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/22" 2> /dev/null; }
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
blocked=1
for h in "$NA.1.2" "$NA.2.2" "$NB.1.2" "$NB.2.2"; do
	tcp "$h" && blocked=0
	ip route get "$h" > /dev/null 2>&1 && blocked=0	# no route at all
done
[ $blocked = 1 ] && ok "the controller has no route to any site host and cannot connect" || not_ok "the controller has no route to any site host and cannot connect" "$(ip route get "$NA.1.2" 2>&1)"
check "bastion A reaches site A's hosts" in_ns "${P}ba" bash -c "exec 3<>/dev/tcp/$NA.1.2/22 && exec 4<>/dev/tcp/$NA.2.2/22"
check "bastion B reaches site B's hosts" in_ns "${P}bb" bash -c "exec 3<>/dev/tcp/$NB.1.2/22 && exec 4<>/dev/tcp/$NB.2.2/22"
if in_ns "${P}ba" timeout 3 bash -c "exec 3<>/dev/tcp/$NB.1.2/22" 2> /dev/null; then
	not_ok "bastion A cannot reach site B"
else
	ok "bastion A cannot reach site B"
fi
# the firewall: from another address of bastion A's link, SSH is dropped
ip -n "${P}ba" addr add "$NA.1.3/24" dev "${P}a1"
cat > "$W/connect_from.py" <<'EOF'
import socket, sys
s = socket.socket()
s.settimeout(2)
s.bind((sys.argv[1], 0))
try:
    s.connect((sys.argv[2], 22))
    print("connected")
except OSError as e:
    print("refused: %s" % e)
EOF
in_ns "${P}ba" python3 "$W/connect_from.py" "$NA.1.3" "$NA.1.2" > "$W/fw.txt" 2>&1
in_ns "${P}ba" python3 "$W/connect_from.py" "$NA.1.1" "$NA.1.2" >> "$W/fw.txt" 2>&1
ip -n "${P}ba" addr del "$NA.1.3/24" dev "${P}a1"
check_grep "a1's firewall drops SSH from another address than its bastion's" '^refused: timed out' "$W/fw.txt"
check_grep "... and accepts it from the bastion's" '^connected$' "$W/fw.txt"
check "the firewall rule is in a1's own namespace" bash -c "ip netns exec ${P}a1 iptables-legacy -S INPUT | grep -q -- '-A INPUT -p tcp -m tcp --dport 22 -j DROP'"

# the estate inventory (one file for every site) and the sites' host keys
cat > "$W/estate.ini" <<EOF
[site_a]
a1 ansible_host=$NA.1.2
a2 ansible_host=$NA.2.2
[site_a:vars]
ansible_ssh_private_key_file=$W/site-a/client/id_ed25519
[site_b]
b1 ansible_host=$NB.1.2
b2 ansible_host=$NB.2.2
[site_b:vars]
ansible_ssh_private_key_file=$W/site-b/client/id_ed25519
[sites:children]
site_a
site_b
[all:vars]
ansible_user=auditor
ansible_become=true
EOF
cat "$W/site-a/client/known_hosts" "$W/site-b/client/known_hosts" > "$W/estate_known_hosts"
BL=anssi-bp028-minimal
check_rc "the controller alone cannot collect site A (exit 3)" 3 "$R" collect -i "$W/estate.ini" --limit site_a -b $BL \
	--known-hosts "$W/estate_known_hosts" --connect-timeout 3 -o "$W/direct"
check "... its targets are unreachable" python3 -c '
import json, sys, glob
st = [json.load(open(f))["status"] for f in glob.glob(sys.argv[1] + "/targets/*/target.json")]
assert sorted(st) == ["unreachable", "unreachable"], st' "$W/direct"

# ---------------------------------------------------------------- ansible
export ANSIBLE_HOME=$W/ansible ANSIBLE_LOCAL_TEMP=$W/ansible/tmp ANSIBLE_SSH_CONTROL_PATH_DIR=$W/cp
export ANSIBLE_REMOTE_TEMP=$W/ansible/remote ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_HOST_KEY_CHECKING=1 ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3
cat > "$W/bastions.ini" <<EOF
[bastions]
bastion_a ansible_host=$NA.100.2 site_group=site_a rempart_remote_dir=$W/bastion-a/work
bastion_b ansible_host=$NB.100.2 site_group=site_b rempart_remote_dir=$W/bastion-b/work
[bastions:vars]
ansible_user=root
ansible_ssh_private_key_file=$W/ctl_key
ansible_ssh_common_args='-o UserKnownHostsFile=$W/ctl_known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes'
EOF
PB=$SRCDIR/contrib/ansible/collect-sites.yml
check "ansible-playbook --syntax-check" ansible-playbook --syntax-check -i "$W/bastions.ini" "$PB"
OUT=$W/ctl/out
run_pb() {
	ansible-playbook -i "$W/bastions.ini" "$PB" -e "rempart_bin=$R" \
		-e "rempart_inventory=$W/estate.ini" -e "rempart_known_hosts=$W/estate_known_hosts" \
		-e "rempart_out=$OUT" -e '{"rempart_baselines": ["'$BL'"]}'
}
t0=$(date +%s.%N)
run_pb > "$W/pb.log" 2>&1
rc=$?
t1=$(date +%s.%N)
if [ $rc = 0 ]; then ok "the playbook ran: collected on both bastions, merged, evaluated, reported ($(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s)"
else not_ok "the playbook ran" "$(tail -30 "$W/pb.log")"; fi
check_grep "both bastions collected (ok=... failed=0)" '^bastion_a +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0' "$W/pb.log"
check_grep "... bastion B too" '^bastion_b +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0' "$W/pb.log"
check "the merged evidence verifies" "$R" evidence verify "$OUT/evidence"
check "provenance: each site's bundle from its bastion (host name, targets, window)" python3 - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
m = json.load(open(out + "/evidence/manifest.json"))
p = {x["source"].rsplit("/", 1)[1]: x for x in m["provenance"]}
assert sorted(p) == ["evidence-site_a", "evidence-site_b"], list(p)
assert p["evidence-site_a"]["collector"]["host"] == "bastion-a", p["evidence-site_a"]["collector"]
assert p["evidence-site_b"]["collector"]["host"] == "bastion-b"
assert sorted(p["evidence-site_a"]["targets"]) == ["a1", "a2"]
assert sorted(p["evidence-site_b"]["targets"]) == ["b1", "b2"]
for x in p.values():
    assert x["started_at"] and x["finished_at"] and x["partial"] is False, x
    assert x["tool"]["name"] == "rempart"
assert m["targets"] == ["a1", "a2", "b1", "b2"]
EOF
check "results: the four hosts audited (status ok), with their groups" python3 - "$OUT/results.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
t = {x["id"]: x for x in j["targets"]}
assert sorted(t) == ["a1", "a2", "b1", "b2"], sorted(t)
assert all(x["status"] == "ok" for x in t.values()), [(k, x["status"], x["error"]) for k, x in t.items()]
assert t["a1"]["groups"] == ["site_a", "sites"] and t["b2"]["groups"] == ["site_b", "sites"], t["a1"]["groups"]
assert j["summary"]["coverage"]["targets"]["full"] == 4, j["summary"]["coverage"]["targets"]
assert len(j["evidence"]["provenance"]) == 2
EOF
"$R" evaluate -e "$OUT/evidence" --limit site_b -o "$W/site_b.json" 2> /dev/null
check "evaluate --limit site_b: site B's report only" python3 -c '
import json, sys
assert [t["id"] for t in json.load(open(sys.argv[1]))["targets"]] == ["b1", "b2"]' "$W/site_b.json"
check_grep "the HTML report shows where each site's evidence was collected" '<td>bastion-a</td>' "$OUT/report.en.html"
check_grep "the Markdown report too" '^\| [^|]*evidence-site\\?_b \| bastion-b \|' "$OUT/report.en.md"
check "nothing left on the bastions (the controller keeps the evidence)" bash -c "[ -z \"\$(ls -A '$W/bastion-a/work' | grep -v -e inventory.ini -e known_hosts)\" ]"

# the same host in two sites' selections: the merge refuses, naming both
sed -i "s/^bastion_b .*/bastion_b ansible_host=$NB.100.2 site_group=sites rempart_remote_dir=${W//\//\\/}\/bastion-b\/work/" "$W/bastions.ini"
if run_pb > "$W/pb2.log" 2>&1; then
	not_ok "a site group overlapping another: the playbook fails"
else
	ok "a site group overlapping another: the playbook fails"
fi
check_grep "... at the merge, naming the target and both bundles" "target 'a1' is in '[^']*evidence-site_a' and in '[^']*evidence-sites'" "$W/pb2.log"

t_done
