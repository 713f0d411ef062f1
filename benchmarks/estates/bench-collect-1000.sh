#!/bin/bash
# bench-collect-1000.sh -- one machine, 1,000 hosts: `rempart collect`,
# `xargs -P` + OpenSSH and an Ansible playbook sending the same probe script
# to N light lab hosts, at -j 16, 64 and 256, side by side in one run.
# Out of CI; root (the lab).
#
#   benchmarks/estates/bench-collect-1000.sh [WORKDIR]
#       N=1000 JOBS="16 64 256" COLLECTORS="rempart ssh ansible"
#       ANSIBLE_JOBS=$JOBS (the -f values Ansible runs at, after every
#       rempart and OpenSSH run: it is the slow one)
#       BASELINES=benchmarks/estates/bench-light.xml (ids or files, space-separated)
#       TAG=nN RESULTS=benchmarks/estates/results/collect-TAG.tsv
#       LAB_PREFIX=eb LAB_NET=10.222 LIGHT_SITES=10
#
# Hosts: tests/lab/sshd-hosts.sh start-light (one sshd per network, pid, UTS
# and mount namespace, one shared /etc and host key); the time to start them
# and their memory are recorded (WORKDIR/lab.tsv, and RESULTS with .lab.tsv).
# The script: what rempart sends for BASELINES, captured on h1
# (authorized_keys command="tee ... | /bin/sh -s"), boundary fixed by
# benchmarks/ssh/split-script.py. Collectors:
#   rempart   rempart collect -i INVENTORY -b ... --known-hosts K -j J -o EV
#             (the lab's inventory, nothing else: rempart's defaults)
#   ssh       xargs -P J -L 1 one-ssh.sh < addresses: ssh -o
#             KexAlgorithms=curve25519-sha256 (libssh2's) ADDR 'exec /bin/sh -s' < script
#   ansible   ansible-playbook -f J: one shell task per host, `exec /bin/sh -s`
#             with the script as its stdin; pipelining on, facts off,
#             ControlMaster=no (one connection per host: a persisted master
#             would leave N detached ssh processes outside what is measured),
#             the same key exchange; the module runs with the hosts' python3
# Each run: /usr/bin/time -v (wall, user+sys of the client and every
# descendant, largest single RSS) and sample-tree.py every 0.2 s (peaks,
# summed over the client's process tree: open descriptors, RSS, PSS).
# Target CPU: each host's sshd is pid 1 of its pid namespace and reaps every
# process of every session: utime+stime+cutime+cstime of that sshd, read
# before and after the run (every session reaped), is what the host spent
# (sshd, the shell, sudo, the probes; Ansible: also python). As in
# benchmarks/ssh/bench.sh.
# Writes RESULTS (one line per run), RESULTS with .env.txt, prints a Markdown table.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
W=${1:-/tmp/rempart-estates-1000}
N=${N:-1000}
JOBS=${JOBS:-16 64 256}
COLLECTORS=${COLLECTORS:-rempart ssh ansible}
ANSIBLE_JOBS=${ANSIBLE_JOBS:-$JOBS}
read -r -a BL <<< "${BASELINES:-$HERE/bench-light.xml}"
TAG=${TAG:-n$N}
RESULTS=${RESULTS:-$HERE/results/collect-$TAG.tsv}
export LAB_PREFIX=${LAB_PREFIX:-eb} LAB_NET=${LAB_NET:-10.222} LIGHT_SITES=${LIGHT_SITES:-10}
LAB=$SRC/tests/lab/sshd-hosts.sh
PY=/usr/bin/python3
die() { echo "bench-collect-1000.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "root needed (the lab)"
[ -x "$REMPART" ] || die "no rempart at $REMPART (tests/build.sh normal)"
for t in /usr/bin/time ssh xargs "$PY"; do command -v "$t" > /dev/null || die "missing $t"; done
case " $COLLECTORS " in *" ansible "*)
	command -v ansible-playbook > /dev/null || die "missing ansible-playbook (apt-get install ansible-core)" ;; esac
B=()
for b in "${BL[@]}"; do B+=(-b "$b"); done
HZ=$(getconf CLK_TCK)
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

rm -rf "$W"; mkdir -p "$W/out"
( while :; do printf '%s\t%s\n' "$(date -u +%FT%TZ)" "$(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) > "$W/loadavg.tsv" &
LOADPID=$!
stop() {
	kill "$LOADPID" 2> /dev/null || true
	"$LAB" stop "$W/lab" > "$W/lab-stop.log" 2>&1 || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ the lab
memavail() { awk '/^MemAvailable/ { print $2 }' /proc/meminfo; }
m0=$(memavail); l0=$(cut -d' ' -f1 /proc/loadavg); t0=$(date +%s.%N)
"$LAB" start-light "$W/lab" "$N" > "$W/lab-start.log" 2>&1 || { tail -5 "$W/lab-start.log" >&2; die "lab start failed"; }
start_s=$(echo "$(date +%s.%N) - $t0" | bc)
m1=$(memavail)
SP=()
for (( i = 1; i <= N; i++ )); do   # builtins only: 1,000 forks take minutes on a loaded machine
	read -r up < "$W/lab/state/h$i.pid"
	p=; read -r p < "/proc/$up/task/$up/children" || true
	p=${p%% *}; comm=
	[ -z "$p" ] || read -r comm < "/proc/$p/comm" || true
	[ "$comm" = sshd ] || die "h$i: child ${p:-none} of unshare $up is not sshd"
	SP[i]=$p
done
hostmem=$("$PY" - "${SP[@]}" <<'PYEOF'
import os, sys
rss = pss = 0
for p in sys.argv[1:]:
    for q in (p, open("/proc/%s/stat" % p).read().split()[3]):   # sshd and its unshare
        for f, k in (("status", "VmRSS:"), ("smaps_rollup", "Pss:")):
            for line in open("/proc/%s/%s" % (q, f)):
                if line.startswith(k):
                    if k == "Pss:": pss += int(line.split()[1])
                    else: rss += int(line.split()[1])
print(rss, pss)
PYEOF
)
read -r hrss hpss <<< "$hostmem"
printf 'n\tstart_s\tmemavailable_drop_kib\thosts_rss_kib\thosts_pss_kib\tload1_before\n%s\t%s\t%s\t%s\t%s\t%s\n' \
	"$N" "$start_s" "$(( m0 - m1 ))" "$hrss" "$hpss" "$l0" > "$W/lab.tsv"
log "lab: $N light hosts up in $start_s s; MemAvailable fell by $(( (m0 - m1) / 1024 )) MiB; hosts' processes RSS $(( hrss / 1024 )) MiB, PSS $(( hpss / 1024 )) MiB"

INV=$W/lab/inventory-light.ini
K=$W/lab/client/known_hosts
KEY=$W/lab/client/id_ed25519
awk '{ print $2 }' "$W/lab/hosts.tsv" > "$W/hosts.txt"

# ------------------------------------------------------------------ the script
AK=$W/lab/hlight/home/auditor/.ssh/authorized_keys   # shared by every host
cp -p "$AK" "$W/ak.orig"
sed -i '1s|^|command="tee /tmp/rp-script.sh \| /bin/sh -s" |' "$AK"
"$REMPART" collect -i "$INV" --limit h1 "${B[@]}" --known-hosts "$K" -o "$W/capture" > "$W/capture.log" 2>&1 || true
cp -p "$W/ak.orig" "$AK"
"$LAB" exec "$W/lab" 1 cat /tmp/rp-script.sh > "$W/script.captured"
"$LAB" exec "$W/lab" 1 rm -f /tmp/rp-script.sh
[ -s "$W/script.captured" ] || die "no script captured (see $W/capture.log)"
"$PY" "$SRC/benchmarks/ssh/split-script.py" "$W/script.captured" "$W/sections" > /dev/null
S=$W/sections/script.sh
NPROBES=$(( $(wc -l < "$W/sections/sections.txt") - 2 ))
grep -q -e '-DONE==' "$S" || die "no done marker in the captured script"
log "script: $(wc -c < "$S") bytes, $NPROBES probes (${BL[*]})"

cat > "$W/one-ssh.sh" <<EOS
#!/bin/sh
# one-ssh.sh ADDR: the probe script on one host, output to \$OUTDIR/ADDR
exec ssh -i $KEY -o IdentitiesOnly=yes -o BatchMode=yes -o KexAlgorithms=curve25519-sha256 \\
	-o UserKnownHostsFile=$K -o GlobalKnownHostsFile=/dev/null \\
	-o StrictHostKeyChecking=yes -o ConnectTimeout=10 -l auditor "\$1" 'exec /bin/sh -s' \\
	< $S > "\$OUTDIR/\$1" 2> "\$OUTDIR/\$1.err"
EOS
chmod +x "$W/one-ssh.sh"

A=$W/ansible; mkdir -p "$A/tmp"
grep -v -e '^ansible_become' "$INV" > "$A/inventory.ini"   # the script elevates itself (sudo -n)
cat > "$A/ansible.cfg" <<EOC
[defaults]
gathering = explicit
host_key_checking = True
interpreter_python = /usr/bin/python3
retry_files_enabled = False
local_tmp = $A/tmp
timeout = 30
[ssh_connection]
pipelining = True
ssh_args = -C -o ControlMaster=no -o KexAlgorithms=curve25519-sha256 -o UserKnownHostsFile=$K -o GlobalKnownHostsFile=/dev/null -o BatchMode=yes
EOC
cat > "$A/playbook.yml" <<'EOY'
- name: the probe script rempart sends, on every host
  hosts: linux
  gather_facts: false
  become: false
  tasks:
    - name: probes (exec /bin/sh -s, the script on stdin)
      ansible.builtin.shell: exec /bin/sh -s
      args:
        executable: /bin/sh
        stdin: "{{ lookup('ansible.builtin.file', script) }}"
      register: out
      changed_when: false
      failed_when: "'-DONE==' not in out.stdout"
EOY

# ------------------------------------------------------------------ measuring
ticks_all() { # -> TICKS[i]: utime+stime+cutime+cstime of host i's sshd (-1: gone); no fork
	local i s
	for (( i = 1; i <= N; i++ )); do
		if read -r -a s < "/proc/${SP[i]}/stat" 2> /dev/null; then TICKS[i]=$(( s[13] + s[14] + s[15] + s[16] )); else TICKS[i]=-1; fi
	done
}
quiesce() { # every host's sshd has reaped every session (its CPU is then counted)
	local i c t0=$SECONDS
	for (( i = 1; i <= N; i++ )); do
		while c=; read -r c < "/proc/${SP[i]}/task/${SP[i]}/children" || true; [ -n "$c" ]; do
			[ $(( SECONDS - t0 )) -lt 120 ] || { log "WARNING: h$i still has sessions after 120 s"; return 1; }
			sleep 0.05
		done
	done
}
tv() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }
secs() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<< "$1"; }
[ -f "$RESULTS" ] || mkdir -p "$(dirname "$RESULTS")"
printf 'tag\tn\tprobes\tcollector\tjobs\twall_s\tclient_cpu_s\tclient_cpu_per_host_ms\tpeak_rss_all_kib\tpeak_pss_all_kib\tlargest_rss_kib\tpeak_fds\tpeak_procs\ttarget_cpu_s\ttarget_cpu_per_host_ms\thosts_done\tload1_start\tload1_end\tstarted_utc\n' > "$W/runs.tsv"

run() { # collector J
	local c=$1 j=$2 d=$W/out/$1-$2 rc=0 tp cp i a tot=0 before=() l0 l1 when
	rm -rf "$d"; mkdir -p "$d"
	quiesce || true
	ticks_all; for (( i = 1; i <= N; i++ )); do before[i]=${TICKS[i]}; done
	l0=$(cut -d' ' -f1 /proc/loadavg); when=$(date -u +%FT%TZ)
	log "$c -j $j: start (load $l0)"
	case $c in
	rempart) /usr/bin/time -v -o "$d.time" "$REMPART" collect -i "$INV" "${B[@]}" --known-hosts "$K" \
			-j "$j" -o "$d/ev" > "$d.stdout" 2> "$d.stderr" & ;;
	ssh) OUTDIR=$d /usr/bin/time -v -o "$d.time" xargs -P "$j" -L 1 "$W/one-ssh.sh" < "$W/hosts.txt" \
			> "$d.stdout" 2> "$d.stderr" & ;;
	ansible) ANSIBLE_CONFIG=$A/ansible.cfg ANSIBLE_NOCOLOR=1 /usr/bin/time -v -o "$d.time" \
			ansible-playbook -i "$A/inventory.ini" -f "$j" -e "script=$S" "$A/playbook.yml" \
			> "$d.stdout" 2> "$d.stderr" & ;;
	esac
	tp=$!; cp=
	for _ in $(seq 100); do
		read -r cp < "/proc/$tp/task/$tp/children" 2> /dev/null || true; cp=${cp%% *}
		[ -z "$cp" ] || break; sleep 0.01
	done
	: > "$d.peak"; local sp=
	if [ -n "$cp" ]; then "$PY" "$HERE/sample-tree.py" "$cp" "$d.peak" 0.2 & sp=$!; fi
	wait "$tp" || rc=$?
	[ -z "$sp" ] || wait "$sp" || true
	quiesce || true
	ticks_all
	for (( i = 1; i <= N; i++ )); do
		a=${TICKS[i]}
		if [ "$a" -lt 0 ] || [ "${before[i]}" -lt 0 ]; then log "WARNING: h$i's sshd is gone"; continue; fi
		tot=$(( tot + a - before[i] ))
		printf '%s\t%s\t%s\th%s\t%s\n' "$TAG" "$c" "$j" "$i" "$(( a - before[i] ))" >> "$W/target-ticks.tsv"
	done
	l1=$(cut -d' ' -f1 /proc/loadavg)
	local wall u s cpu big pf pr pp pb pn done_
	wall=$(secs "$(tv "$d.time" 'Elapsed (wall clock) time (h:mm:ss or m:ss)')")
	u=$(tv "$d.time" 'User time (seconds)'); s=$(tv "$d.time" 'System time (seconds)')
	big=$(tv "$d.time" 'Maximum resident set size (kbytes)')
	cpu=$(echo "$u + $s" | bc)
	read -r pf pr pp pb pn _ < "$d.peak" || { pf=0; pr=0; pp=0; pb=0; pn=0; }
	[ "$pb" -ge "$big" ] || pb=$big
	case $c in
	rempart) done_=$("$PY" -c 'import json, glob, sys
print(sum(json.load(open(f))["status"] == "ok" for f in glob.glob(sys.argv[1] + "/targets/*/target.json")))' "$d/ev" 2> /dev/null || echo 0) ;;
	ssh) done_=$( (grep -l -e '-DONE==' "$d"/*[0-9] 2> /dev/null || true) | wc -l) ;;
	ansible) done_=$(grep -cE ': ok=1 +changed=0 +unreachable=0 +failed=0' "$d.stdout" || true) ;;
	esac
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.1f\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.1f\t%s\t%s\t%s\t%s\n' \
		"$TAG" "$N" "$NPROBES" "$c" "$j" "$wall" "$cpu" "$(echo "$cpu * 1000 / $N" | bc -l)" \
		"$pr" "$pp" "$pb" "$pf" "$pn" "$(echo "$tot / $HZ" | bc -l)" "$(echo "$tot * 1000 / $HZ / $N" | bc -l)" \
		"$done_" "$l0" "$l1" "$when" >> "$W/runs.tsv"
	log "$c -j $j: rc $rc wall ${wall}s client ${cpu}s target $(echo "$tot / $HZ" | bc -l | cut -c1-7)s done $done_/$N (load $l1)"
	rm -rf "$d/ev"    # keep disk use bounded (target.json files counted above)
}

{
	echo "date: $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPU $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), Debian $(cat /etc/debian_version)"
	echo "load before: $(cat /proc/loadavg)"
	echo "rempart: $REMPART (sha256 $(sha256sum < "$REMPART" | cut -c1-16)), tree $(git -C "$SRC" rev-parse --short HEAD 2> /dev/null || echo ?)"
	echo "versions: $(ssh -V 2>&1); libssh2 $(dpkg-query -W -f '${Version}' libssh2-1 2> /dev/null); $(ansible-playbook --version 2> /dev/null | head -n 1 || true)"
	echo "baselines: ${BL[*]}: $NPROBES probes, script $(wc -c < "$S") bytes"
	echo "lab: $N light hosts (LAB_PREFIX=$LAB_PREFIX LAB_NET=$LAB_NET), up in $start_s s, MemAvailable fell by $(( (m0 - m1) / 1024 )) MiB (other loads move it too), hosts' processes RSS $(( hrss / 1024 )) MiB / PSS $(( hpss / 1024 )) MiB"
	echo "jobs: $JOBS (ansible: $ANSIBLE_JOBS); collectors: $COLLECTORS"
} > "$W/env.txt"
# every -j of rempart and OpenSSH first, then Ansible (the slow one) at ANSIBLE_JOBS
for j in $JOBS; do
	for c in $COLLECTORS; do [ "$c" = ansible ] || run "$c" "$j"; done
done
case " $COLLECTORS " in *" ansible "*) for j in $ANSIBLE_JOBS; do run ansible "$j"; done ;; esac
echo "load after: $(cat /proc/loadavg)" >> "$W/env.txt"
cp "$W/runs.tsv" "$RESULTS"; cp "$W/env.txt" "${RESULTS%.tsv}.env.txt"; cp "$W/lab.tsv" "${RESULTS%.tsv}.lab.tsv"
cat "$W/env.txt"
"$PY" "$HERE/collect-table.py" "$RESULTS"
