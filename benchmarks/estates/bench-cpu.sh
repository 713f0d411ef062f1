#!/bin/bash
# bench-cpu.sh -- CPU per host, client and targets: `rempart collect` (and,
# if given, an older rempart binary) against one OpenSSH client per host
# running the same captured script, on N light lab hosts, in interleaved
# rounds (A B C A B C ...). Out of CI; root (the lab).
#
#   benchmarks/estates/bench-cpu.sh [WORKDIR]
#
# Env: N=20 hosts (1..60), ROUNDS=3, REMPART (build/normal/rempart),
#      REMPART_DATA (checks/: the catalogue, copied, for every binary),
#      REMPART_BEFORE (none: another binary measured beside, e.g. main's),
#      CLIENT_BASELINE=anssi-bp028-minimal (part A), FULL=1 (part B: every
#      probe of the Linux catalogue, FULL_BASELINES: all Linux baselines),
#      FULL_ROUNDS=ROUNDS, DEEP=1 (part C: the same with --deep, the heavy
#      probes that were in the default set when the issue measured +8 %;
#      rempart and OpenSSH only), DEEP_ROUNDS=2,
#      OUTS="disk tmpfs" (where the evidence / OpenSSH output goes: WORKDIR
#      on its file system, or /dev/shm), CALLGRIND=1 (instruction counts),
#      LAB_PREFIX=rcc LAB_NET=10.211 (tests/lab/sshd-hosts.sh start-bulk).
#
# Part A, client CPU: user+sys of the client and of every process it waits
# for (os.wait4's rusage, microseconds: rempart is one process; OpenSSH is
# xargs -P N and one `ssh -o KexAlgorithms=curve25519-sha256 host
# 'exec /bin/sh -s' < script` per host, the key exchange libssh2 uses, output
# to one file per host), divided by N. The script is the one rempart sends
# for CLIENT_BASELINE, captured on host 1 (authorized_keys command="tee ...
# | /bin/sh -s"), boundary fixed by benchmarks/ssh/split-script.py.
# Part B, target CPU: each host's sshd is pid 1 of its pid namespace and
# reaps every process of every session, so utime+stime+cutime+cstime of that
# sshd grows by what the host spent on the run (as benchmarks/ssh/bench.sh);
# measured for every run of A and B, after every session has ended.
# CALLGRIND=1: instructions (valgrind --tool=callgrind, repeatable, blind to
# the kernel) of rempart on 1 host and on N hosts (per host: the difference
# over N-1) and of one ssh client.
# Writes WORKDIR/runs.tsv (one line per run), WORKDIR/callgrind.tsv and
# prints Markdown tables; stops its lab on exit.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
REMPART_BEFORE=${REMPART_BEFORE:-}
W=${1:-/tmp/clientcpu-bench}
N=${N:-20}
ROUNDS=${ROUNDS:-3}
FULL=${FULL:-1}
FULL_ROUNDS=${FULL_ROUNDS:-$ROUNDS}
DEEP=${DEEP:-1}
DEEP_ROUNDS=${DEEP_ROUNDS:-2}
CB=${CLIENT_BASELINE:-anssi-bp028-minimal}
FB=${FULL_BASELINES:-anssi-bp028-minimal anssi-bp028-intermediary anssi-bp028-enhanced cis-debian12-l1}
FBA=(); for b in $FB; do FBA+=(-b "$b"); done
OUTS=${OUTS:-disk tmpfs}
CALLGRIND=${CALLGRIND:-0}
export LAB_PREFIX=${LAB_PREFIX:-rcc} LAB_NET=${LAB_NET:-10.211}
LAB=$SRC/tests/lab/sshd-hosts.sh
PY=/usr/bin/python3
SHM=/dev/shm/$(basename -- "$W")-out
# the tables of WORKDIR/runs.tsv and WORKDIR/callgrind.tsv
summary() {
"$PY" - "$W/runs.tsv" "$N" <<'EOF'
import csv, statistics as st, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
n = sys.argv[2]
def med(v): return st.median(v) if v else float("nan")
for part, title, col, unit in (("A", "client CPU per host (ms): median of the rounds (each round's value)", "client_ms_per_host", "%.1f"),
                               ("A", "targets' CPU per host (s), part A", "target_s_per_host", "%.3f"),
                               ("B", "full default probe set: targets' CPU per host (s)", "target_s_per_host", "%.3f"),
                               ("B", "full default probe set: client CPU per host (ms)", "client_ms_per_host", "%.1f"),
                               ("C", "full probe set with --deep: targets' CPU per host (s)", "target_s_per_host", "%.3f"),
                               ("C", "full probe set with --deep: client CPU per host (ms)", "client_ms_per_host", "%.1f")):
    sel = [r for r in rows if r["part"] == part]
    if not sel: continue
    print("\n%s, %s hosts\n" % (title, n))
    outs = sorted({r["out"] for r in sel})
    variants = list(dict.fromkeys(r["variant"] for r in sel))
    print("| variant | " + " | ".join(outs) + " | / ssh |")
    print("|---|" + "---:|" * (len(outs) + 1))
    ref = {o: med([float(r[col]) for r in sel if r["variant"] == "ssh" and r["out"] == o]) for o in outs}
    for v in variants:
        cells, ratios = [], []
        for o in outs:
            vals = [float(r[col]) for r in sel if r["variant"] == v and r["out"] == o]
            m = med(vals)
            cells.append((unit % m) + " (" + ", ".join(unit % x for x in vals) + ")")
            ratios.append("%.2fx" % (m / ref[o]) if ref[o] else "-")
        print("| %s | %s | %s |" % (v, " | ".join(cells), " / ".join(ratios)))
    bad = [r for r in sel if r["ok"] != "%s/%s" % (n, n)]
    if bad: print("\nruns not complete: " + ", ".join("%s %s %s %s" % (r["round"], r["variant"], r["out"], r["ok"]) for r in bad))
EOF
if [ -s "$W/callgrind.tsv" ]; then
	"$PY" - "$W/callgrind.tsv" "$N" <<'EOF'
import csv, sys
n = int(sys.argv[2]); c = {}
for r in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    c[(r["variant"], int(r["hosts"]))] = int(r["instructions"] or 0)
print("\ninstructions (callgrind, user space only), millions\n")
print("| variant | 1 host | %d hosts | per host (difference / %d) | fixed per run |" % (n, n - 1))
print("|---|---:|---:|---:|---:|")
for v in dict.fromkeys(k[0] for k in c):
    one, many = c.get((v, 1)), c.get((v, n))
    if many:
        per = (many - one) / (n - 1)
        print("| %s | %.1f | %.1f | %.1f | %.1f |" % (v, one / 1e6, many / 1e6, per / 1e6, (one - per) / 1e6))
    else:
        print("| %s | %.1f | - | %.1f (one process per host) | - |" % (v, one / 1e6, one / 1e6))
EOF
fi
}
if [ "${1:-}" = --summary ]; then	# bench-cpu.sh --summary WORKDIR: the tables again
	W=$2; N=$(awk -F'\t' 'NR == 2 { split($10, a, "/"); print a[2] }' "$W/runs.tsv")
	summary; exit 0
fi
[ "$(id -u)" = 0 ] || { echo "bench-cpu.sh: root needed (the lab)" >&2; exit 1; }
[ "$N" -ge 1 ] && [ "$N" -le 60 ] || { echo "bench-cpu.sh: N must be 1..60" >&2; exit 2; }
case $W in /tmp/?*) ;; *) echo "bench-cpu.sh: WORKDIR must be under /tmp" >&2; exit 2 ;; esac
rm -rf "$W" "$SHM"; mkdir -p "$W/bin" "$W/out" "$SHM"
stop() { "$LAB" stop "$W/lab" > /dev/null 2>&1 || true; rm -rf "$SHM"; }
trap stop EXIT
trap 'exit 130' INT TERM
# frozen copies: a rebuild during the run changes nothing
cp "$REMPART" "$W/bin/rempart"
[ -z "$REMPART_BEFORE" ] || cp "$REMPART_BEFORE" "$W/bin/rempart-before"
cp -r "${REMPART_DATA:-$SRC/checks}" "$W/data"	# the catalogue, for both
RPD=(--data-dir "$W/data")
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

log "starting $N bulk hosts ($LAB_PREFIX, $LAB_NET.x.2)"
"$LAB" start-bulk "$W/lab" "$N" > "$W/lab.log" 2>&1 || { cat "$W/lab.log" >&2; exit 1; }
L=$W/lab
INV=$L/inventory-bulk.ini KH=$L/client/known_hosts
SP=()
for i in $(seq "$N"); do
	up=$(cat "$L/state/h$i.pid"); p=$(pgrep -P "$up" | head -n 1)
	[ "$(cat "/proc/$p/comm")" = sshd ] || { echo "h$i: $p is not sshd" >&2; exit 1; }
	SP[i]=$p
done
for i in $(seq "$N"); do echo "$LAB_NET.$i.2"; done > "$W/hosts.txt"

# capture DIR -b B...: the script rempart sends on h1 -> DIR/script.sh
capture() {
	local d=$1 ak=$L/h1/home/auditor/.ssh/authorized_keys; shift
	local b=("$@")
	mkdir -p "$d"
	{ sed -n '/^\[linux\]/q;p' "$INV"; echo '[linux]'; grep '^h1 ' "$INV"
	  sed -n '/^\[linux:vars\]/,$p' "$INV"; } > "$d/inventory-h1.ini"
	cp -p "$ak" "$d/ak.orig"
	sed -i '1s|^|command="tee /tmp/rp-script.sh \| /bin/sh -s" |' "$ak"
	"$W/bin/rempart" "${RPD[@]}" collect -i "$d/inventory-h1.ini" "${b[@]}" --known-hosts "$KH" \
		-o "$d/ev" > "$d/capture.log" 2>&1 || true
	cp -p "$d/ak.orig" "$ak"
	grep -q "1 ok" "$d/capture.log" || { cat "$d/capture.log" >&2; exit 1; }
	"$LAB" exec "$L" 1 cat /tmp/rp-script.sh > "$d/script.captured"
	"$PY" "$SRC/benchmarks/ssh/split-script.py" "$d/script.captured" "$d/sections" > "$d/split.log"
	cp "$d/sections/script.sh" "$d/script.sh"
	grep -q -e '-DONE==' "$d/script.sh" || { echo "no done marker in $d/script.sh" >&2; exit 1; }
	log "script ${b[*]}: $(wc -c < "$d/script.sh") bytes, $(( $(wc -l < "$d/sections/sections.txt") - 2 )) probes"
}
"$LAB" exec "$L" 1 rm -f /tmp/rp-script.sh
capture "$W/script-a" -b "$CB"
"$LAB" exec "$L" 1 rm -f /tmp/rp-script.sh
[ "$FULL" = 0 ] || capture "$W/script-b" "${FBA[@]}"
"$LAB" exec "$L" 1 rm -f /tmp/rp-script.sh
[ "$DEEP" = 0 ] || capture "$W/script-c" "${FBA[@]}" --deep

cat > "$W/one-ssh.sh" <<EOS
#!/bin/sh
# one-ssh.sh SCRIPT OUTDIR ADDR: the script on one host, output to OUTDIR/ADDR
exec ssh -i $L/client/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes \\
	-o KexAlgorithms=curve25519-sha256 -o UserKnownHostsFile=$KH \\
	-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \\
	-o ConnectTimeout=30 -l auditor "\$3" 'exec /bin/sh -s' < "\$1" > "\$2/\$3" 2> "\$2/\$3.err"
EOS
chmod +x "$W/one-ssh.sh"
# timed RESULT CMD...: RESULT gets "wall user sys rc" of CMD and of
# everything it waited for (getrusage: microseconds)
cat > "$W/timed.py" <<'EOF'
import os, sys, time
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, st, ru = os.wait4(pid, 0)
open(sys.argv[1], "w").write("%.3f %.4f %.4f %d\n" % (time.monotonic() - t0,
    ru.ru_utime, ru.ru_stime, os.waitstatus_to_exitcode(st)))
EOF

HZ=$(getconf CLK_TCK)
ticks() { local s; read -r -a s < "/proc/${SP[$1]}/stat"; echo $(( s[13] + s[14] + s[15] + s[16] )); }
quiesce() {
	local i t0=$SECONDS
	for i in $(seq "$N"); do
		while [ -n "$(pgrep -P "${SP[i]}" || true)" ]; do
			[ $(( SECONDS - t0 )) -lt 120 ] || { log "h$i: sessions left after 120 s"; return 0; }
			sleep 0.05
		done
	done
}

printf 'part\tround\tvariant\tout\twall_s\tuser_s\tsys_s\tclient_ms_per_host\ttarget_s_per_host\tok\tload1\n' > "$W/runs.tsv"
run() { # part round variant out
	local part=$1 rd=$2 v=$3 o=$4 d s bl=() res i b=() a tot=0 ok
	[ "$o" = tmpfs ] && d=$SHM/$part-$rd-$v || d=$W/out/$part-$rd-$v-$o
	rm -rf "$d"; mkdir -p "$d"
	case $part in
	A) s=$W/script-a/script.sh; bl=(-b "$CB") ;;
	B) s=$W/script-b/script.sh; bl=("${FBA[@]}") ;;
	C) s=$W/script-c/script.sh; bl=("${FBA[@]}" --deep) ;;
	esac
	quiesce; sync
	for i in $(seq "$N"); do b[i]=$(ticks "$i"); done
	case $v in
	ssh) "$PY" "$W/timed.py" "$d.res" sh -c "xargs -P $N -n 1 $W/one-ssh.sh $s $d < $W/hosts.txt" \
		2> "$d.stderr" ;;
	*) "$PY" "$W/timed.py" "$d.res" "$W/bin/$v" "${RPD[@]}" collect -i "$INV" "${bl[@]}" --known-hosts "$KH" \
		-j "$N" -o "$d/ev" 2> "$d.stderr" > /dev/null ;;
	esac
	res=$(cat "$d.res")
	quiesce
	for i in $(seq "$N"); do a=$(ticks "$i"); tot=$(( tot + a - b[i] )); done
	if [ "$v" = ssh ]; then
		ok=$( (grep -l -e '-DONE==' "$d"/[0-9]* 2> /dev/null || true) | wc -l)
	else
		ok=$(sed -n 's/.*collection: [0-9]* targets: \([0-9]*\) ok.*/\1/p' "$d.stderr")
	fi
	set -- $res
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$part" "$rd" "$v" "$o" "$1" "$2" "$3" \
		"$(echo "($2 + $3) * 1000 / $N" | bc -l | xargs printf '%.2f')" \
		"$(echo "$tot / $HZ / $N" | bc -l | xargs printf '%.3f')" "${ok:-0}/$N" \
		"$(cut -d' ' -f1 /proc/loadavg)" >> "$W/runs.tsv"
	log "$(tail -n 1 "$W/runs.tsv" | tr '\t' ' ')"
	# kept until the end on disk: deleting 100s of files between runs would
	# make the next run's file creations slower (ext4 skips recently freed
	# inodes when it has no journal)
	[ "$o" = disk ] || rm -rf "$d"
}

VARS="rempart ssh"
[ -z "$REMPART_BEFORE" ] || VARS="rempart-before rempart ssh"
for rd in $(seq "$ROUNDS"); do
	for o in $OUTS; do for v in $VARS; do run A "$rd" "$v" "$o"; done; done
done
if [ "$FULL" != 0 ]; then
	for rd in $(seq "$FULL_ROUNDS"); do
		for v in $VARS; do run B "$rd" "$v" disk; done
	done
fi
if [ "$DEEP" != 0 ]; then
	for rd in $(seq "$DEEP_ROUNDS"); do
		for v in rempart ssh; do run C "$rd" "$v" disk; done
	done
fi

if [ "$CALLGRIND" != 0 ]; then
	printf 'variant\thosts\tinstructions\n' > "$W/callgrind.tsv"
	{ sed -n '/^\[linux\]/q;p' "$INV"; echo '[linux]'; grep '^h1 ' "$INV"
	  sed -n '/^\[linux:vars\]/,$p' "$INV"; } > "$W/inventory-h1.ini"
	cg() { # variant hosts cmd...
		local v=$1 n=$2 f; shift 2; f=$W/cg-$v-$n
		if [ "$v" = ssh ]; then "$@" || true	# valgrind inside, its log in $f.log
		else valgrind --tool=callgrind --callgrind-out-file="$f.out" "$@" > /dev/null 2> "$f.log" || true; fi
		printf '%s\t%s\t%s\n' "$v" "$n" "$(sed -n 's/.*Collected : //p' "$f.log" | tr -d ' ,')" >> "$W/callgrind.tsv"
		rm -rf "$SHM/cg"
	}
	for v in $VARS; do
		[ "$v" = ssh ] && continue
		cg "$v" 1 "$W/bin/$v" "${RPD[@]}" collect -i "$W/inventory-h1.ini" -b "$CB" --known-hosts "$KH" -o "$SHM/cg"
		cg "$v" "$N" "$W/bin/$v" "${RPD[@]}" collect -i "$INV" -b "$CB" --known-hosts "$KH" -j "$N" -o "$SHM/cg"
	done
	mkdir -p "$SHM/cg"
	cg ssh 1 sh -c "exec valgrind --tool=callgrind --log-file=$W/cg-ssh-1.log \
		--callgrind-out-file=$W/cg-ssh-1.out ssh \
		-i $L/client/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes \
		-o KexAlgorithms=curve25519-sha256 -o UserKnownHostsFile=$KH \
		-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -l auditor \
		$LAB_NET.1.2 'exec /bin/sh -s' < $W/script-a/script.sh > $SHM/cg/out 2>&1"
fi

echo "machine: $(nproc) CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), $(date -u +%FT%TZ), load now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rempart $(sha256sum < "$W/bin/rempart" | cut -c1-12)${REMPART_BEFORE:+, before $(sha256sum < "$W/bin/rempart-before" | cut -c1-12)}; $(ssh -V 2>&1); libssh2 $(dpkg-query -W -f '${Version}' libssh2-1 2>/dev/null)"
summary
