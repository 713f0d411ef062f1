#!/bin/bash
# bench.sh WORKDIR -- rempart's LDAP collection benchmark (benchmarks/README.md).
#
# Starts its own slapd (tests/lab/slapd.sh on free ports, then reloaded with
# slapadd) holding an AD-shaped directory (schema adlite.ldif, data from
# gen-ad-ldif.py): USERS users, USERS/10 groups nested ten to a parent and
# USERS/5 computers; and, unless SAMBA_USERS=0, its own Samba AD DC
# (tests/lab/samba-ad.sh in its own netns) populated with SAMBA_USERS users.
# On each it measures, in interleaved rounds under /usr/bin/time -v (wall,
# CPU, peak RSS; hyperfine too for the offline steps):
#   rempart    collect with ad-anssi-level-2 + bench-ad (bench-ad.xml: every
#              user, group and computer with the attributes the checks read)
#   floor      the same searches with ldapsearch (paged, to /dev/null)
#   ldd        ldapdomaindump (Debian's python3-ldapdomaindump) through
#              ldd-dn.py (a simple bind with a DN and a password file)
# and, on the slapd evidence, offline evaluation, the ldapsearch export of
# the whole directory, its import-ldif, and evaluate --ldif of it (import and
# evaluation in one; CALLGRIND=1: also the instruction counts of evaluate
# and import-ldif). Writes WORKDIR/results.md (and
# every run in WORKDIR/runs.tsv); stops everything it started, also on
# failure.
#
# Env: USERS (100000) SAMBA_USERS (10000; 0: no Samba) RUNS (5) SLOW_RUNS (2,
#      for ldapdomaindump) PAGE (500) REMPART (build/normal/rempart)
#      BENCH_NET (10.205.0: the Samba DC's /24) BENCH_NS (rbenchdc)
# Needs (Debian 12): slapd ldap-utils hyperfine python3-ldapdomaindump time,
#      and for Samba the lab's packages (tests/lab/packages.txt). Run as root.
set -euo pipefail
W=${1:?usage: bench.sh WORKDIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
LABDIR=$SRC/tests/lab
REMPART=${REMPART:-$SRC/build/normal/rempart}
USERS=${USERS:-100000}; SAMBA_USERS=${SAMBA_USERS:-10000}
RUNS=${RUNS:-5}; SLOW_RUNS=${SLOW_RUNS:-2}; PAGE=${PAGE:-500}
SUFFIX=dc=bench,dc=test
PY=/usr/bin/python3	# Debian's, which has python3-ldapdomaindump (not a pyenv one)
export LDAPCONF=/dev/null LDAPRC=/dev/null
die() { echo "bench.sh: $*" >&2; exit 1; }
for c in slapd slapadd ldapsearch $PY /usr/bin/time; do
	command -v "$c" > /dev/null || die "$c is missing (apt-get install -y --no-install-recommends slapd ldap-utils time python3-ldapdomaindump hyperfine)"
done
$PY -c 'import ldapdomaindump' 2> /dev/null || die "python3-ldapdomaindump is missing"
HYPERFINE=$(command -v hyperfine || true)
[ -x "$REMPART" ] || die "no rempart at $REMPART (build it, or set REMPART)"
case $W in /*) ;; *) W=$PWD/$W ;; esac
[ ! -e "$W/slapd" ] || die "$W/slapd exists: use a new WORKDIR"
mkdir -p "$W"
SW=$W/slapd; DCW=$W/ad
cleanup() {
	[ -f "$SW/bench/slapd.pid" ] && "$LABDIR/slapd.sh" stop "$SW" bench > /dev/null 2>&1
	[ -d "$DCW" ] && SAMBA_NS=${BENCH_NS:-rbenchdc} SAMBA_NET=${BENCH_NET:-10.205.0} \
		"$LABDIR/samba-ad.sh" stop "$DCW" > /dev/null 2>&1
	return 0
}
trap cleanup EXIT
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# ---------------------------------------------------------------- slapd
setup_slapd() {
	local t0 sock ldapi hash e=$SW/bench/env
	t0=$(now)
	SLAPD_SUFFIX=$SUFFIX SLAPD_PORT=$(free_port) SLAPD_TLS_PORT=$(free_port) \
		"$LABDIR/slapd.sh" start "$SW" bench weak 0 > "$W/slapd-start.log"
	ldapi=$(sed -n 's/^LDAPI_URI=//p' "$e")
	ldapadd -Q -Y EXTERNAL -H "$ldapi" -f "$HERE/adlite.ldif" > /dev/null
	ldapmodify -Q -Y EXTERNAL -H "$ldapi" > /dev/null <<EOF
dn: olcDatabase={1}mdb,cn=config
changetype: modify
add: olcDbIndex
olcDbIndex: sAMAccountName,objectCategory eq
EOF
	"$LABDIR/slapd.sh" stop "$SW" bench > /dev/null
	hash=$(slappasswd -h '{SSHA}' -T "$SW/bench/auditor.pw")
	log "generating $USERS users, $((USERS / 10)) groups, $((USERS / 5)) computers"
	$PY "$HERE/gen-ad-ldif.py" "$USERS" $((USERS / 10)) $((USERS / 5)) "$SUFFIX" "$hash" > "$W/ad.ldif"
	rm -rf "$SW/bench/data"; mkdir -p "$SW/bench/data"
	log "slapadd $(grep -c '^dn:' "$W/ad.ldif") entries"
	slapadd -q -F "$SW/bench/slapd.d" -b "$SUFFIX" -l "$W/ad.ldif" > "$W/slapadd.log" 2>&1
	# start it as slapd.sh does (its pid file is the one slapd.sh stop reads)
	read -r port tport < "$SW/bench/ports"
	sock=$SW/bench/ldapi
	setsid slapd -F "$SW/bench/slapd.d" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tport/ $ldapi" -d 0 \
		>> "$SW/bench/slapd.log" 2>&1 < /dev/null &
	for _ in $(seq 600); do
		[ -S "$sock" ] && ldapsearch -Q -Y EXTERNAL -H "$ldapi" -s base -b "" dn > /dev/null 2>&1 && break
		sleep 0.1
	done
	[ -f "$SW/bench/slapd.pid" ] || die "slapd did not start (see $SW/bench/slapd.log)"
	log "slapd with the AD-shaped directory ready in $(since "$t0") s"
	S_URI=$(sed -n 's/^LDAPS_URI=//p' "$e"); S_CA=$(sed -n 's/^LDAP_CACERT=//p' "$e")
	S_DN=$(sed -n 's/^LDAP_BIND_DN=//p' "$e"); S_PW=$(sed -n 's/^LDAP_BIND_PW_FILE=//p' "$e")
}

# ---------------------------------------------------------------- Samba
setup_samba() {
	local t0 e=$DCW/env
	export SAMBA_NS=${BENCH_NS:-rbenchdc} SAMBA_NET=${BENCH_NET:-10.205.0}
	ip route | grep -q "^$SAMBA_NET\." && die "$SAMBA_NET.0/24 is routed already (set BENCH_NET)"
	ip netns list | grep -qw "$SAMBA_NS" && die "netns $SAMBA_NS exists (set BENCH_NS)"
	t0=$(now)
	"$LABDIR/samba-ad.sh" start "$DCW" > "$W/samba-start.log" 2>&1
	"$LABDIR/samba-ad.sh" populate "$DCW" "$SAMBA_USERS" > "$W/samba-populate.log" 2>&1
	log "Samba DC with $SAMBA_USERS users ready in $(since "$t0") s"
	A_URI=$(sed -n 's/^AD_LDAPS_URI=//p' "$e"); A_CA=$(sed -n 's/^AD_CACERT=//p' "$e")
	A_DN=$(sed -n 's/^AD_BIND_UPN=//p' "$e"); A_PW=$(sed -n 's/^AD_BIND_PW_FILE=//p' "$e")
	A_BASE=$(sed -n 's/^AD_BASE=//p' "$e")
}

# ---------------------------------------------------------------- measure
# run_once LABEL PREPARE CMD: one run under /usr/bin/time -v; a line
# "label wall user sys rss_kib exit" in runs.tsv
run_once() {
	local label=$1 prep=$2 cmd=$3 rc=0 t=$W/time.txt
	sh -c "$prep"
	/usr/bin/time -v -o "$t" sh -c "$cmd" > /dev/null 2>> "$W/$label.err" || rc=$?
	awk -F': ' -v l="$label" -v rc="$rc" '
		/Elapsed \(wall clock\)/ { n = split($2, a, ":"); w = 0
			for (i = 1; i <= n; i++) w = w * 60 + a[i] }
		/User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident set size/ { m = $2 }
		END { printf "%s\t%.2f\t%.2f\t%.2f\t%d\t%s\n", l, w, u, s, m, rc }' "$t" >> "$W/runs.tsv"
}

# hyperfine LABEL RUNS PREPARE CMD: for the offline steps (local, CPU bound)
hf() {
	local label=$1 runs=$2 prep=$3 cmd=$4
	[ -n "$HYPERFINE" ] || return 0
	# -i: the slapd evidence is partial (searches with the SD flags control
	# fail there), so evaluate and import-ldif exit 3
	"$HYPERFINE" -N -i --style none --runs "$runs" --prepare "$prep" -n "$label" \
		--export-json "$W/hf-$label.json" "$cmd" > "$W/hf-$label.out" 2>&1 ||
		{ cat "$W/hf-$label.out" >&2; die "$label failed"; }
}

# bench_dir NAME URI BASE CA DN PWFILE: the three tools on one directory
bench_dir() {
	local n=$1 uri=$2 base=$3 ca=$4 dn=$5 pw=$6 d=$W/data
	printf '[ad]\n%s ldap_url=%s ca_file=%s bind_dn=%s bind_password_file=%s\n' \
		"$n" "$uri" "$ca" "$dn" "$pw" > "$W/$n.ini"
	$PY "$HERE/floor.py" "$d" "$uri" "$base" "$ca" "$dn" "$pw" "$PAGE" > "$W/floor-$n.sh"
	# one unmeasured run first: a broken catalogue or server fails here
	# rather than being timed (hyperfine -i lets exit 3, partial, through)
	local rc=0
	"$REMPART" --data-dir "$d" collect -i "$W/$n.ini" -b ad-anssi-level-2 -b bench-ad \
		-o "$W/ev-$n" > /dev/null 2> "$W/check-$n.err" || rc=$?
	[ $rc = 0 ] || [ $rc = 3 ] || { cat "$W/check-$n.err" >&2; die "rempart failed on $n (exit $rc)"; }
	rm -rf "$W/ev-$n"
	# interleaved rounds: a machine whose load changes over time weighs
	# on every tool alike
	local i
	local rem="$REMPART --data-dir $d collect -i $W/$n.ini -b ad-anssi-level-2 -b bench-ad -o $W/ev-$n"
	for i in $(seq "$RUNS"); do
		log "$n: round $i of $RUNS"
		# alternate which goes first
		if [ $((i % 2)) = 1 ]; then
			run_once "$n-rempart" "rm -rf $W/ev-$n" "$rem"
			run_once "$n-floor" "true" "sh $W/floor-$n.sh"
		else
			run_once "$n-floor" "true" "sh $W/floor-$n.sh"
			run_once "$n-rempart" "rm -rf $W/ev-$n" "$rem"
		fi
		if [ "$i" -le "$SLOW_RUNS" ]; then
			run_once "$n-ldapdomaindump" "rm -rf $W/ldd-$n" \
				"$PY $HERE/ldd-dn.py $uri $base $dn $pw $W/ldd-$n"
		fi
	done
	"$REMPART" evidence verify "$W/ev-$n" > /dev/null || die "the $n evidence does not verify"
	$PY - "$W/ev-$n/targets/$n/target.json" >> "$W/searches.txt" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
p = [x for x in d["probes"] if x["id"] != "rootdse"]
bad = [x for x in p if x["status"] not in ("ok", "na")]
why = sorted(set(x["detail"] for x in bad))
n = 0
for x in p:
    if x["file"]:
        with open(os.path.join(os.path.dirname(sys.argv[1]), x["file"]), "rb") as f:
            n += sum(1 for l in f if l.startswith(b"dn:"))
print("%s: %s, %d searches, %d entries, %.1f MB of LDIF; %d not ok%s" % (d["id"], d["status"],
      len(p), n, sum(x["bytes"] for x in p) / 1e6, len(bad), (": " + "; ".join(why)) if why else ""))
PY
}

offline() {
	local d=$W/data i
	local ev="$REMPART --data-dir $d evaluate -e $W/ev-slapd -o $W/results-slapd.json"
	local im="$REMPART --data-dir $d evidence import-ldif --id slapd --kind ad \
-b ad-anssi-level-2 -b bench-ad -o $W/imp $W/export.ldif"
	local el="$REMPART --data-dir $d evaluate --ldif slapd=$W/export.ldif --kind ad \
-b ad-anssi-level-2 -b bench-ad -e $W/imp-ev -o $W/results-ldif.json"
	for i in $(seq "$RUNS"); do
		# the export: what the AD team's side costs (ldapsearch, one
		# paged search of the whole directory, to a file)
		run_once "slapd-export" "rm -f $W/export.ldif" \
			"LDAPTLS_CACERT='$S_CA' ldapsearch -x -LLL -o ldif-wrap=no -H '$S_URI' -D '$S_DN' -y '$S_PW' -E pr=1000/noprompt -b '$SUFFIX' '(objectClass=*)' '*' > '$W/export.ldif'"
		run_once "slapd-evaluate" "true" "$ev"
		run_once "slapd-import-ldif" "rm -rf $W/imp" "$im"
		run_once "slapd-evaluate-ldif" "rm -rf $W/imp-ev" "$el"
	done
	hf "slapd-evaluate" "$RUNS" "true" "$ev"
	hf "slapd-import-ldif" "$RUNS" "rm -rf $W/imp" "$im"
	hf "slapd-evaluate-ldif" "$RUNS" "rm -rf $W/imp-ev" "$el"
	# instructions, not seconds: the same on a busy machine
	if [ -n "${CALLGRIND:-}" ] && command -v valgrind > /dev/null; then
		valgrind --tool=callgrind --callgrind-out-file="$W/callgrind.evaluate" \
			$ev > /dev/null 2> "$W/callgrind-evaluate.log" || true
		sed -n 's/.*Collected : \([0-9]*\).*/callgrind evaluate: \1 instructions/p' \
			"$W/callgrind-evaluate.log" >> "$W/searches.txt"
		rm -rf "$W/imp-cg"
		valgrind --tool=callgrind --callgrind-out-file="$W/callgrind.import-ldif" \
			${im/-o $W\/imp /-o $W\/imp-cg } > /dev/null 2> "$W/callgrind-import-ldif.log" || true
		sed -n 's/.*Collected : \([0-9]*\).*/callgrind import-ldif: \1 instructions/p' \
			"$W/callgrind-import-ldif.log" >> "$W/searches.txt"
	fi
	for p in bench.users bench.groups bench.computers; do
		cmp -s "$W/imp/targets/slapd/probes/$p.ldif" "$W/ev-slapd/targets/slapd/probes/$p.ldif" ||
			die "import-ldif and collect differ on $p"
	done
}

report() {
	local f=$W/results.md cpu
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
	{
	# shellcheck disable=SC1091
	echo "machine: $(nproc) x $cpu, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "date: $(date -u +%Y-%m-%dT%H:%MZ); rempart $("$REMPART" --version 2>/dev/null | head -1); $(slapd -VV 2>&1 | sed -n 's/.*\(slapd [0-9.]*\).*/\1/p' | head -1); ldapdomaindump $(dpkg-query -W -f '${Version}' python3-ldapdomaindump); samba $(dpkg-query -W -f '${Version}' samba 2>/dev/null)"
	echo "slapd: $(grep -c '^dn:' "$W/ad.ldif") entries ($USERS users, $((USERS / 10)) groups, $((USERS / 5)) computers); export.ldif $(du -h "$W/export.ldif" | cut -f1)"
	sed 's/^/searches: /' "$W/searches.txt"
	echo
	$PY - "$W/runs.tsv" "$W" <<'PY'
import glob, json, os, statistics as st, sys
rows = {}
for l in open(sys.argv[1]):
    lab, w, u, s, m, rc = l.split("\t")
    rows.setdefault(lab, []).append((float(w), float(u) + float(s), int(m), rc.strip()))
print("| directory | tool | runs | wall median (min-max), s | vs floor (median) | CPU user+sys median, s | peak RSS, MiB | exit |")
print("|---|---|---|---|---|---|---|---|")
for lab, r in rows.items():
    d, tool = lab.split("-", 1)
    w = [x[0] for x in r]
    fl = rows.get(d + "-floor")
    ratio = "%.2fx" % (st.median(w) / st.median([x[0] for x in fl])) if fl and tool not in ("floor", "evaluate", "import-ldif", "export", "evaluate-ldif") else "-"
    print("| %s | %s | %d | %.2f (%.2f-%.2f) | %s | %.2f | %.1f | %s |" % (d, tool, len(r), st.median(w), min(w), max(w),
          ratio, st.median([x[1] for x in r]), max(x[2] for x in r) / 1024, ",".join(sorted(set(x[3] for x in r)))))
for j in sorted(glob.glob(os.path.join(sys.argv[2], "hf-*.json"))):
    x = json.load(open(j))["results"][0]
    print("\nhyperfine %s: mean %.2f s ± %.2f (min %.2f, %d runs)" % (x["command"], x["mean"], x.get("stddev") or 0, x["min"], len(x["times"])))
PY
	} > "$f"
	cat "$f"
}

# the catalogue with the benchmark probes
rm -rf "$W/data"; cp -r "$SRC/checks" "$W/data"
cp "$HERE/bench-ad.xml" "$W/data/ad/bench.xml"
cp "$HERE/bench-ad-baseline.xml" "$W/data/baselines/bench-ad.xml"
: > "$W/runs.tsv"; : > "$W/searches.txt"
setup_slapd
bench_dir slapd "$S_URI" "$SUFFIX" "$S_CA" "$S_DN" "$S_PW"
offline
"$LABDIR/slapd.sh" stop "$SW" bench > /dev/null
if [ "$SAMBA_USERS" -gt 0 ]; then
	setup_samba
	bench_dir samba "$A_URI" "$A_BASE" "$A_CA" "$A_DN" "$A_PW"
fi
report
