#!/bin/bash
# bench.sh -- rempart collect vs OpenSSH and ansible on the same lab hosts and probes.
#
#   benchmarks/ssh/bench.sh N DELAY_MS [REPS]
#
# Starts N bulk lab hosts (tests/lab/sshd-hosts.sh start-bulk, N <= 60), adds
# DELAY_MS ms on every packet each host sends (sshd-hosts.sh delay; 0 = none),
# records the exact probe script rempart sends for BASELINE, then runs, REPS
# times (default 3), in rounds (every variant once per round, in this order):
#
#   floor           ssh -n hN true                     all hosts in parallel
#   floor-x25519    the same with -o KexAlgorithms=curve25519-sha256 (what libssh2 uses)
#   rempart         rempart -v collect -i INV -b BASELINE -j N
#   shell           ssh hN 'exec /bin/sh -s' < script  all hosts in parallel (the
#                                                      same script rempart sent)
#   naive           ssh -n hN "$section"               one ssh per section, in
#                                                      sequence per host, hosts in parallel
#   ansible-pipe    ansible-playbook, one shell task per section, forks = N, pipelining
#   ansible-nopipe  the same without pipelining
#
# Each run is timed with /usr/bin/time -v (wall, user+sys of the client side and
# its children, max RSS of the biggest single process). The targets' CPU is read
# per host from /proc: sshd is pid 1 of each host's pid namespace and reaps every
# process of every session, so utime+stime+cutime+cstime of that sshd grows by
# exactly what the host spent on the run (sshd, bash, sudo, the probes).
# Writes RESULTS (default benchmarks/ssh/results/nN-dDELAY):
#   runs.tsv      one line per run (machine_cpu_s: busy time of all cores during the
#                 run, quiescing included: the rest is other load on the machine)
#   target.tsv    one line per run and host
#   summary.md    the table (also printed), made by summarize.py
#   script.txt    names the probe script (boundary fixed), kept once as
#                 benchmarks/ssh/scripts/SHA256-PREFIX/script.sh
#   env.txt       machine, versions, commands      log/  every run's time -v, stdout, stderr
#
# Env: BASELINE (anssi-bp028-enhanced), VARIANTS (all of the above),
#      SLOW_REPS (REPS): rounds that also run naive and ansible-*,
#      SLOW_LAST=1: every round of the fast variants first, then the slow ones,
#      RP_TIMEOUT: rempart's --timeout (default: none given, rempart's own default:
#      10 s per probe, at least 120 s, counted from the host's login),
#      REMPART (build/normal/rempart), REMPART_DATA (checks/: the catalogue),
#      BENCH_WORKDIR (/tmp/rbench),
#      LAB_PREFIX (bench), LAB_NET (10.204), RESULTS.
# Needs root (the lab), python3, ansible-core, GNU time; stops its lab on exit.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${BENCH_ROOT:-$(cd "$HERE/../.." && pwd)}
LAB=$ROOT/tests/lab/sshd-hosts.sh
PY=/usr/bin/python3

usage() { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
die() { echo "bench.sh: $*" >&2; exit 1; }

# ------------------------------------------------------------------ variants
# Internal entry points, run under /usr/bin/time by the driver below
# (environment: W N D S = sections dir, OUT = output dir).
if [ "${1:-}" = __run ]; then
  v=$2; cfg=$W/client/ssh_config; rc=0; pids=()
  case $v in
    floor)
      for i in $(seq "$N"); do ssh -n -F "$cfg" "h$i" true > "$OUT/h$i" 2>&1 & pids+=($!); done ;;
    floor-x25519) # the key exchange libssh2 1.10 negotiates (OpenSSH prefers sntrup761x25519)
      for i in $(seq "$N"); do
        ssh -n -F "$cfg" -o KexAlgorithms=curve25519-sha256 "h$i" true > "$OUT/h$i" 2>&1 & pids+=($!)
      done ;;
    shell)
      for i in $(seq "$N"); do
        ssh -F "$cfg" "h$i" 'exec /bin/sh -s' < "$S/script.sh" > "$OUT/h$i" 2> "$OUT/h$i.err" & pids+=($!)
      done ;;
    naive)
      C=()
      while IFS= read -r f; do C+=("$(cat "$f")"); done < <(ls "$S"/[0-9]*.sh)
      for i in $(seq "$N"); do
        ( r=0
          for c in "${C[@]}"; do ssh -n -F "$cfg" "h$i" "$c" || r=$?; done
          exit "$r" ) > "$OUT/h$i" 2> "$OUT/h$i.err" & pids+=($!)
      done ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  exit "$rc"
fi

[ $# -ge 2 ] || usage
N=$1 D=$2 REPS=${3:-3}
SLOW_REPS=${SLOW_REPS:-$REPS}
# rempart's --timeout bounds a host's run from its login (default: 10 s per probe,
# at least 120 s). Empty: rempart's default. The shell variants have no limit.
RP_TIMEOUT=${RP_TIMEOUT:-}
RPT=(); [ -z "$RP_TIMEOUT" ] || RPT=(--timeout "$RP_TIMEOUT")
case $N in ''|*[!0-9]*) usage ;; esac
case $D in ''|*[!0-9]*) usage ;; esac
case $REPS in ''|*[!0-9]*) usage ;; esac
[ "$N" -ge 1 ] && [ "$N" -le 60 ] || die "N must be 1..60"
[ "$(id -u)" = 0 ] || die "needs root (the lab uses network namespaces)"
for t in /usr/bin/time ansible-playbook ssh iptables-legacy gcc "$PY"; do
  command -v "$t" > /dev/null || die "missing $t (apt-get install -y --no-install-recommends time ansible-core openssh-client iptables gcc libnetfilter-queue-dev python3)"
done

BASELINE=${BASELINE:-anssi-bp028-enhanced}
VARIANTS=${VARIANTS:-floor floor-x25519 rempart shell naive ansible-pipe ansible-nopipe}
REMPART=${REMPART:-$ROOT/build/normal/rempart}
W=${BENCH_WORKDIR:-/tmp/rbench}
export LAB_PREFIX=${LAB_PREFIX:-bench} LAB_NET=${LAB_NET:-10.204}
R=${RESULTS:-$HERE/results/n$N-d$D}
[ -x "$REMPART" ] || die "no rempart binary at $REMPART (cd build/normal && make)"

rm -rf "$R"; mkdir -p "$R/log"
# Freeze what is measured: a copy of the binary and of the catalogue, so a
# rebuild or a catalogue edit during the run changes nothing.
rm -rf "$W/bench"; mkdir -p "$W/bench/out"
cp "$REMPART" "$W/bench/rempart"
RP=$W/bench/rempart
DATA=${REMPART_DATA:-$ROOT/checks}
cp -r "$DATA" "$W/bench/data"
RPD=(--data-dir "$W/bench/data")

now() { date +%s.%N; }
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$R/log/bench.log" >&2; }

# ------------------------------------------------------------------ lab
stop_lab() {
  [ -z "${LOADPID:-}" ] || kill "$LOADPID" 2> /dev/null || true
  "$LAB" stop "$W" >> "$R/log/lab.log" 2>&1 || true
}
trap 'stop_lab' EXIT
trap 'exit 130' INT TERM
# the machine's load beside the run: /proc/loadavg every 5 s (loadavg.tsv)
( while :; do printf '%s\t%s\n' "$(date +%s)" "$(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) > "$R/loadavg.tsv" &
LOADPID=$!
log "starting $N bulk hosts in $W ($LAB_PREFIX, $LAB_NET.x.2)"
"$LAB" start-bulk "$W" "$N" >> "$R/log/lab.log" 2>&1 || die "lab start failed (see $R/log/lab.log)"
SP=()
for i in $(seq "$N"); do
  up=$(cat "$W/state/h$i.pid")
  p=$(pgrep -P "$up" | head -n 1)
  [ "$(cat "/proc/$p/comm")" = sshd ] || die "h$i: child $p of unshare $up is not sshd"
  SP[i]=$p
done
if [ "$D" -gt 0 ]; then
  log "adding +$D ms on every packet of every host"
  for i in $(seq "$N"); do "$LAB" delay "$W" "$i" "$D" >> "$R/log/lab.log" 2>&1; done
fi

# ------------------------------------------------------------------ the script
# Record the script rempart sends: on h1, authorized_keys forces
# "tee /tmp/rp-script.sh | /bin/sh -s" (same shell, same input), one collect of h1.
AK=$W/h1/home/auditor/.ssh/authorized_keys
cp -p "$AK" "$W/bench/ak.orig"
sed -i '1s|^|command="tee /tmp/rp-script.sh \| /bin/sh -s" |' "$AK"
{ sed -n '/^\[linux\]/q;p' "$W/inventory-bulk.ini"; echo '[linux]'; grep '^h1 ' "$W/inventory-bulk.ini"
  sed -n '/^\[linux:vars\]/,$p' "$W/inventory-bulk.ini"; } > "$W/bench/inventory-h1.ini"
"$RP" -v "${RPD[@]}" collect -i "$W/bench/inventory-h1.ini" -b "$BASELINE" -o "$W/bench/ev-capture" \
    --known-hosts "$W/client/known_hosts" -j 1 > "$R/log/capture.log" 2>&1 || die "capture run failed: $R/log/capture.log"
cp -p "$W/bench/ak.orig" "$AK"
"$LAB" exec "$W" 1 cat /tmp/rp-script.sh > "$W/bench/script.captured"
S=$W/bench/sections
"$PY" "$HERE/split-script.py" "$W/bench/script.captured" "$S" | tee -a "$R/log/bench.log"
NSECT=$(wc -l < "$S/sections.txt")
# one copy per distinct script, named by its hash; the run's results name it
# (its sections: split-script.py script.sh DIR gives them back)
SHA=$(sha256sum < "$S/script.sh" | cut -c1-16); SD=$HERE/scripts/$SHA
[ -f "$SD/script.sh" ] || { mkdir -p "$SD"; cp "$S/script.sh" "$SD/script.sh"; }
cmp -s "$S/script.sh" "$SD/script.sh" || die "$SD/script.sh differs from this run's script with the same hash prefix"
printf 'The probe script of this run (sha256 %s) is in\nbenchmarks/ssh/scripts/%s/script.sh, the same for every run of\nthis table; its per-section commands: split-script.py script.sh DIR.\n' \
"$(sha256sum < "$S/script.sh" | cut -d' ' -f1)" "$SHA" > "$R/script.txt"

# ------------------------------------------------------------------ ansible
ANS=$W/bench/ansible; mkdir -p "$ANS"
{ echo '[bench]'; for i in $(seq "$N"); do echo "h$i ansible_host=$LAB_NET.$i.2"; done
  echo; echo '[bench:vars]'
  echo 'ansible_user=auditor'
  echo "ansible_ssh_private_key_file=$W/client/id_ed25519"
  echo "ansible_ssh_common_args='-F $W/client/ssh_config'"
  echo 'ansible_python_interpreter=/usr/bin/python3'; } > "$ANS/inventory.ini"
"$PY" - "$S" "$ANS/playbook.json" <<'EOF'
import glob, json, os, sys
tasks = []
for f in sorted(glob.glob(os.path.join(sys.argv[1], "[0-9]*.sh"))):
    name = os.path.basename(f)[3:-3]
    tasks.append({"name": name,
                  "ansible.builtin.shell": open(f, encoding="latin-1").read(),
                  "args": {"executable": "/bin/sh"},
                  "changed_when": False})
play = [{"name": "rempart probes, one task per probe", "hosts": "bench",
         "gather_facts": False, "become": False, "tasks": tasks}]
json.dump(play, open(sys.argv[2], "w"), indent=1)
EOF
cat > "$ANS/ansible.cfg" <<EOF
[defaults]
forks = $N
gathering = explicit
host_key_checking = True
interpreter_python = /usr/bin/python3
retry_files_enabled = False
local_tmp = $ANS/local
timeout = 30
EOF
cp "$ANS/playbook.json" "$ANS/inventory.ini" "$ANS/ansible.cfg" "$R/"

# ------------------------------------------------------------------ measuring
ticks() { # -1 if that host's sshd is gone (seen once: a host's sshd vanished mid-run)
  local i=$1 s
  if ! read -r -a s < "/proc/${SP[i]}/stat" 2>/dev/null; then echo -1; return; fi
  echo $(( s[13] + s[14] + s[15] + s[16] ))
}
quiesce() { # every host's sshd has reaped every session (its CPU is then counted)
  local i t0; t0=$(now)
  for i in $(seq "$N"); do
    while [ -n "$(pgrep -P "${SP[i]}" || true)" ]; do
      if awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 60) }'; then
        log "WARNING: h$i still has sessions after 60 s"; return 1; fi
      sleep 0.05
    done
  done
}
HZ=$(getconf CLK_TCK)
# CPU busy time of the whole machine (all cores), in ticks: what the run and
# everything else running beside it (other users, nfq-delay) used
busy() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
tv() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }     # a field of time -v output
secs() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }' <<< "$1"; }

check_run() { # variant rep rc -> "ok" or why not
  local v=$1 rep=$2 rc=$3 i n bad=0 o=$W/bench/out
  case $v in
    floor|floor-x25519) [ "$rc" = 0 ] || bad=1 ;;
    rempart)
      grep -q "^rempart: $N targets: $N ok, 0 partial, 0 failed" "$R/log/$v-$rep.err" || bad=1 ;;
    shell|naive)
      for i in $(seq "$N"); do
        n=$(grep -Eac '^==RP-0123456789abcdef0123456789abcdef-(END|NA|SKIP) ' "$o/h$i" || true)
        [ "$n" = "$NSECT" ] || { bad=1; echo "h$i: $n of $NSECT sections" >> "$R/log/$v-$rep.check"; }
        if [ $v = shell ]; then grep -aq -- '-DONE==$' "$o/h$i" || bad=1; fi
      done ;;
    ansible-*)
      n=$(grep -Ec "ok=$NSECT +changed=0 +unreachable=0 +failed=0" "$R/log/$v-$rep.out" || true)
      [ "$n" = "$N" ] || bad=1 ;;
  esac
  [ $bad = 0 ] && [ "$rc" = 0 ] && echo ok || echo "FAILED(rc=$rc)"
}

run_variant() { # variant rep
  local v=$1 rep=$2 rc=0 i b a extra=0 s out tfile pipe
  tfile=$R/log/$v-$rep.time
  rm -rf "$W/bench/out"; mkdir -p "$W/bench/out"
  quiesce || true
  local before=(); for i in $(seq "$N"); do before[i]=$(ticks "$i"); done
  local m0; m0=$(busy)
  case $v in
    rempart)
      rm -rf "$W/bench/ev"
      /usr/bin/time -v -o "$tfile" "$RP" -v "${RPD[@]}" collect -i "$W/inventory-bulk.ini" -b "$BASELINE" \
          -o "$W/bench/ev" --known-hosts "$W/client/known_hosts" -j "$N" "${RPT[@]}" \
          > "$R/log/$v-$rep.out" 2> "$R/log/$v-$rep.err" || rc=$? ;;
    ansible-pipe|ansible-nopipe)
      [ $v = ansible-pipe ] && pipe=True || pipe=False
      rm -rf "$W/bench/cp"; mkdir -p "$W/bench/cp"
      ANSIBLE_CONFIG=$ANS/ansible.cfg ANSIBLE_PIPELINING=$pipe ANSIBLE_SSH_CONTROL_PATH_DIR=$W/bench/cp \
        ANSIBLE_NOCOLOR=1 /usr/bin/time -v -o "$tfile" ansible-playbook -i "$ANS/inventory.ini" -f "$N" \
          "$ANS/playbook.json" > "$R/log/$v-$rep.out" 2> "$R/log/$v-$rep.err" || rc=$?
      # ControlPersist masters detach from ansible-playbook, so time -v misses
      # their CPU (they carry all the traffic): add it, then close them.
      for s in "$W/bench/cp"/*; do
        [ -S "$s" ] || continue
        out=$(ssh -O check -o ControlPath="$s" x 2>&1 || true)
        p=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<< "$out")
        if [ -n "$p" ] && [ -r "/proc/$p/stat" ]; then
          read -r -a st < "/proc/$p/stat"; extra=$(( extra + st[13] + st[14] + st[15] + st[16] ))
        fi
        ssh -O exit -o ControlPath="$s" x > /dev/null 2>&1 || true
      done ;;
    *)
      W=$W N=$N S=$S OUT=$W/bench/out /usr/bin/time -v -o "$tfile" "$0" __run "$v" \
          > "$R/log/$v-$rep.out" 2> "$R/log/$v-$rep.err" || rc=$? ;;
  esac
  quiesce || true
  local m1; m1=$(busy)
  local tot=0 c gone=0
  for i in $(seq "$N"); do
    a=$(ticks "$i")
    if [ "$a" -lt 0 ] || [ "${before[i]}" -lt 0 ]; then
      log "WARNING: h$i's sshd (pid ${SP[i]}) is gone"; gone=1; continue
    fi
    c=$(( a - before[i] )); tot=$(( tot + c ))
    printf '%s\t%s\t%s\t%s\th%s\t%s\n' "$N" "$D" "$rep" "$v" "$i" "$(awk -v c="$c" -v hz="$HZ" 'BEGIN { printf "%.2f", c / hz }')" >> "$R/target.tsv"
  done
  s=$(check_run "$v" "$rep" "$rc")
  [ $gone = 0 ] || s="FAILED(a host's sshd is gone)"
  local wall user sys rss
  wall=$(secs "$(tv "$tfile" 'Elapsed (wall clock) time (h:mm:ss or m:ss)')")
  user=$(tv "$tfile" 'User time (seconds)'); sys=$(tv "$tfile" 'System time (seconds)')
  rss=$(tv "$tfile" 'Maximum resident set size (kbytes)')
  extra=$(awk -v c="$extra" -v hz="$HZ" 'BEGIN { printf "%.2f", c / hz }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$D" "$rep" "$v" "$wall" "$user" "$sys" "$extra" \
      "$rss" "$(awk -v c="$tot" -v hz="$HZ" 'BEGIN { printf "%.2f", c / hz }')" "$s" \
      "$(awk -v c="$(( m1 - m0 ))" -v hz="$HZ" 'BEGIN { printf "%.2f", c / hz }')" >> "$R/runs.tsv"
  log "rep $rep $v: load $(cut -d' ' -f1 /proc/loadavg) wall ${wall}s cpu ${user}+${sys}+${extra}s rss ${rss}kB targets $(awk -v c="$tot" -v hz="$HZ" 'BEGIN { printf "%.1f", c / hz }')s $s"
  if [ $v = rempart ] && [ -d "$W/bench/ev" ]; then
    # per probe duration on each host, from the evidence (for the analysis)
    "$PY" - "$W/bench/ev" "$rep" >> "$R/rempart-probes.tsv" <<'EOF'
import glob, json, sys
for f in sorted(glob.glob(sys.argv[1] + "/targets/*/target.json")):
    t = json.load(open(f))
    for p in t["probes"]:
        print("%s\t%s\t%s\t%s\t%s\t%s" % (sys.argv[2], t["id"], p["id"], p["status"], p["duration_ms"], p["bytes"]))
EOF
  fi
}

# ------------------------------------------------------------------ environment
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: nproc=$(nproc) mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) kernel=$(uname -r) debian=$(cat /etc/debian_version)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "load before: $(cat /proc/loadavg)"
  echo "rempart: $REMPART (sha256 $(sha256sum < "$REMPART" | cut -c1-16)), catalogue $DATA (tree $ROOT: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "not a git tree: ${BENCH_SOURCE:-?}"))"
  echo "versions: $(ssh -V 2>&1); libssh2 $(dpkg-query -W -f '${Version}' libssh2-1 2>/dev/null); $(ansible-playbook --version 2>/dev/null | sed -n 1p); python $($PY -V 2>&1)"
  echo "baseline: $BASELINE, $(( NSECT - 2 )) probes + 2 rempart sections, script $(wc -c < "$S/script.sh") bytes, sha256 $(sha256sum < "$S/script.sh" | cut -c1-16)"
  echo "lab: N=$N hosts, +$D ms per packet sent by each host, LAB_PREFIX=$LAB_PREFIX LAB_NET=$LAB_NET, WORKDIR $W"
  echo "reps: $REPS (naive, ansible: $SLOW_REPS), variants: $VARIANTS"
  echo "commands:"
  echo "  floor:   ssh -n -F $W/client/ssh_config hI true                      (I = 1..N, in parallel)"
  echo "  rempart: rempart -v --data-dir COPY collect -i $W/inventory-bulk.ini -b $BASELINE -o EV --known-hosts $W/client/known_hosts -j $N ${RPT[*]}"
  echo "  shell:   ssh -F $W/client/ssh_config hI 'exec /bin/sh -s' < script.sh   (in parallel)"
  echo "  naive:   for each section file C: ssh -n -F $W/client/ssh_config hI \"\$(cat C)\"   (sequential per host, hosts in parallel)"
  echo "  ansible: ANSIBLE_CONFIG=ansible.cfg ANSIBLE_PIPELINING=True|False ansible-playbook -i inventory.ini -f $N playbook.json"
} > "$R/env.txt"
printf 'n\tdelay\trep\tvariant\twall_s\tuser_s\tsys_s\textra_cpu_s\tmaxrss_kb\ttarget_cpu_s\tcheck\tmachine_cpu_s\n' > "$R/runs.tsv"
printf 'n\tdelay\trep\tvariant\thost\ttarget_cpu_s\n' > "$R/target.tsv"
printf 'rep\thost\tprobe\tstatus\tduration_ms\tbytes\n' > "$R/rempart-probes.tsv"

if [ "${SLOW_LAST:-0}" = 1 ]; then
  # all rounds of the fast variants first, then the slow ones' rounds (when time
  # is short: the rempart/shell comparison is complete even if the run is cut)
  for rep in $(seq "$REPS"); do
    for v in $VARIANTS; do case $v in naive|ansible-*) ;; *) run_variant "$v" "$rep" ;; esac; done
  done
  for rep in $(seq "$SLOW_REPS"); do
    for v in $VARIANTS; do case $v in naive|ansible-*) run_variant "$v" "$rep" ;; esac; done
  done
else
  for rep in $(seq "$REPS"); do
    for v in $VARIANTS; do
      case $v in naive|ansible-*) [ "$rep" -le "$SLOW_REPS" ] || continue ;; esac
      run_variant "$v" "$rep"
    done
  done
fi
echo "load after: $(cat /proc/loadavg)" >> "$R/env.txt"
"$PY" "$HERE/summarize.py" "$R" | tee "$R/summary.md"
