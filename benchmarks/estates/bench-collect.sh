#!/bin/bash
# bench-collect.sh -- one machine, many hosts: `rempart collect` at -j 16
# and -j 64 against `xargs -P 16|64` + OpenSSH running the same probe script,
# on N light lab hosts, side by side in one run. Out of CI; root (the lab).
#
#   benchmarks/estates/bench-collect.sh [WORKDIR]   N=100 BASELINE=anssi-bp028-minimal
#       REPS=1 JOBS="16 64" LAB_PREFIX=t4 LAB_NET_1=10.220 LAB_NET_2=10.221
#
# Hosts: tests/lab/sshd-hosts.sh start-bulk (at most 60 per instance: N is
# split over two instances, LAB_PREFIX.c / .d on LAB_NET_1 / LAB_NET_2).
# The script: what rempart sends for BASELINE, captured on the first host
# (authorized_keys command="tee ... | /bin/sh -s"), boundary fixed by
# benchmarks/ssh/split-script.py; OpenSSH sends that file to every host with
# `ssh host 'exec /bin/sh -s' < script.sh`, with the key exchange libssh2 uses
# (curve25519-sha256), so both do the same cryptographic work.
# Each run: /usr/bin/time -v (wall, user+sys of the client and its children,
# max RSS of the largest single process) and a sampler every 0.2 s of the
# client side: open descriptors and RSS summed over the client's processes
# (rempart: one process; xargs: xargs and every ssh), peak kept.
# Writes WORKDIR/runs.tsv and prints a Markdown table.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
W=${1:-/tmp/rempart-estates-collect}
N=${N:-100}
BASELINE=${BASELINE:-anssi-bp028-minimal}
REPS=${REPS:-1}
JOBS=${JOBS:-16 64}
PFX=${LAB_PREFIX:-t4}
NET1=${LAB_NET_1:-10.220}
NET2=${LAB_NET_2:-10.221}
LAB=$SRC/tests/lab/sshd-hosts.sh
[ "$(id -u)" = 0 ] || { echo "bench-collect.sh: root needed (the lab)" >&2; exit 1; }
n1=$(( N > 60 ? (N + 1) / 2 : N )); n2=$(( N - n1 ))
[ "$n1" -le 60 ] && [ "$n2" -le 60 ] || { echo "N at most 120" >&2; exit 2; }
rm -rf "$W"; mkdir -p "$W/out"
stop() {
	LAB_PREFIX=${PFX}c LAB_NET=$NET1 "$LAB" stop "$W/c" > /dev/null 2>&1 || true
	[ "$n2" = 0 ] || LAB_PREFIX=${PFX}d LAB_NET=$NET2 "$LAB" stop "$W/d" > /dev/null 2>&1 || true
}
trap stop EXIT
t0=$(date +%s.%N)
LAB_PREFIX=${PFX}c LAB_NET=$NET1 "$LAB" start-bulk "$W/c" "$n1" > "$W/lab-c.log" 2>&1
[ "$n2" = 0 ] || LAB_PREFIX=${PFX}d LAB_NET=$NET2 "$LAB" start-bulk "$W/d" "$n2" > "$W/lab-d.log" 2>&1
echo "lab: $N hosts up in $(echo "$(date +%s.%N) - $t0" | bc) s"

# inventory (rempart) and host list (OpenSSH): address key
: > "$W/hosts.txt"; : > "$W/known_hosts"
{
	echo "[all:vars]"; echo "ansible_user=auditor"; echo "ansible_become=true"
	for part in c d; do
		[ "$part" = d ] && [ "$n2" = 0 ] && continue
		net=$NET1 k=$n1; [ "$part" = d ] && net=$NET2 k=$n2
		echo "[site_$part]"
		for i in $(seq "$k"); do
			echo "$part$i ansible_host=$net.$i.2"
			echo "$net.$i.2 $W/$part/client/id_ed25519" >> "$W/hosts.txt"
		done
		echo "[site_$part:vars]"; echo "ansible_ssh_private_key_file=$W/$part/client/id_ed25519"
		cat "$W/$part/client/known_hosts" >> "$W/known_hosts"
	done
} > "$W/inventory.ini"

# the script rempart sends, captured on c1
AK=$W/c/h1/home/auditor/.ssh/authorized_keys
cp -p "$AK" "$W/ak.orig"
sed -i '1s|^|command="tee /tmp/rp-script.sh \| /bin/sh -s" |' "$AK"
"$REMPART" collect -i "$W/inventory.ini" --limit c1 -b "$BASELINE" \
	--known-hosts "$W/known_hosts" -o "$W/capture" > "$W/capture.log" 2>&1
cp -p "$W/ak.orig" "$AK"
LAB_PREFIX=${PFX}c LAB_NET=$NET1 "$LAB" exec "$W/c" 1 cat /tmp/rp-script.sh > "$W/script.captured"
python3 "$SRC/benchmarks/ssh/split-script.py" "$W/script.captured" "$W/sections" > /dev/null
S=$W/sections/script.sh
echo "script: $(wc -c < "$S") bytes, $(( $(wc -l < "$W/sections/sections.txt") - 2 )) probes ($BASELINE)"

cat > "$W/one-ssh.sh" <<EOS
#!/bin/sh
# one-ssh.sh ADDR KEY: the probe script on one host, output to out/ADDR
exec ssh -i "\$2" -o IdentitiesOnly=yes -o BatchMode=yes -o KexAlgorithms=curve25519-sha256 \\
	-o UserKnownHostsFile=$W/known_hosts -o GlobalKnownHostsFile=/dev/null \\
	-o StrictHostKeyChecking=yes -o ConnectTimeout=10 -l auditor "\$1" 'exec /bin/sh -s' \\
	< $S > "\$OUTDIR/\$1" 2> "\$OUTDIR/\$1.err"
EOS
chmod +x "$W/one-ssh.sh"

# sample PID: peak fds and RSS summed over PID and its descendants
sampler() {
	local root=$1 f=$2 pf=0 pr=0 fds rss p kids all
	while kill -0 "$root" 2> /dev/null; do
		all=$root; kids=$root
		while [ -n "$kids" ]; do
			kids=$(for p in $kids; do cat /proc/"$p"/task/*/children 2> /dev/null; done | tr '\n' ' ')
			kids=$(echo $kids); [ -z "$kids" ] || all="$all $kids"
		done
		fds=0; rss=0
		for p in $all; do
			fds=$(( fds + $(ls /proc/"$p"/fd 2> /dev/null | wc -l) ))
			rss=$(( rss + $(awk '/^VmRSS/ { print $2 }' /proc/"$p"/status 2> /dev/null || echo 0) ))
		done
		[ $fds -gt $pf ] && pf=$fds
		[ $rss -gt $pr ] && pr=$rss
		echo "$pf $pr" > "$f"
		sleep 0.2
	done
}

printf 'variant\trep\twall_s\tclient_cpu_s\tcpu_per_host_ms\tmax_rss_one_kib\tpeak_rss_all_kib\tpeak_fds\tok_hosts\n' > "$W/runs.tsv"
run() { # name rep cmd...
	local name=$1 rep=$2 d=$W/out/$1-$2; shift 2
	rm -rf "$d"; mkdir -p "$d"
	sync
	OUTDIR=$d /usr/bin/time -v -o "$d.time" "$@" > "$d.stdout" 2> "$d.stderr" &
	local tp=$! cp
	sleep 0.05
	cp=$(cat /proc/$tp/task/*/children 2> /dev/null | head -1)
	: > "$d.peak"
	[ -z "$cp" ] || sampler "$cp" "$d.peak" &
	wait $tp || true
	wait 2> /dev/null || true
	local w u s m c ok pf pr
	w=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$d.time")
	u=$(awk -F': ' '/User time/ { print $2 }' "$d.time"); s=$(awk -F': ' '/System time/ { print $2 }' "$d.time")
	m=$(awk -F': ' '/Maximum resident/ { print $2 }' "$d.time")
	c=$(echo "$u + $s" | bc)
	read -r pf pr < "$d.peak" || { pf=; pr=; }
	if [ -d "$d/ev" ]; then
		ok=$(python3 -c 'import json, glob, sys
print(sum(json.load(open(f))["status"] == "ok" for f in glob.glob(sys.argv[1] + "/targets/*/target.json")))' "$d/ev")
	else
		ok=$( (grep -l -e '-DONE==' "$d"/*[0-9] 2> /dev/null || true) | wc -l)
	fi
	printf '%s\t%s\t%.2f\t%.2f\t%.1f\t%s\t%s\t%s\t%s\n' "$name" "$rep" "$w" "$c" \
		"$(echo "$c * 1000 / $N" | bc -l)" "$m" "$pr" "$pf" "$ok" >> "$W/runs.tsv"
}
grep -q -e '-DONE==' "$S" || echo "warning: no done marker in the script: ok_hosts of OpenSSH runs counts nothing" >&2
for rep in $(seq "$REPS"); do
	for j in $JOBS; do
		run "rempart -j $j" "$rep" "$REMPART" collect -i "$W/inventory.ini" -b "$BASELINE" \
			--known-hosts "$W/known_hosts" -j "$j" -o "$W/out/rempart -j $j-$rep/ev"
		run "xargs -P $j + ssh" "$rep" sh -c "xargs -P $j -L 1 $W/one-ssh.sh < $W/hosts.txt"
	done
done
echo "machine: $(nproc) CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "| variant | rep | wall (s) | client CPU (s) | CPU per host (ms) | max RSS, one process (MiB) | peak RSS, all client processes (MiB) | peak open fds | hosts done |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
tail -n +2 "$W/runs.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %.1f | %.1f | %s | %s/'"$N"' |\n", $1, $2, $3, $4, $5, $6 / 1024, $7 / 1024, $8, $9 }'
