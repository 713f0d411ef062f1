#!/bin/bash
# run.sh -- rempart against the reference scanners on one lab host.
#
# Usage: benchmarks/refcmp/run.sh LAB HOST [OUT]
#   LAB   a running lab (tests/lab/lab.sh up LAB ssh), same LAB_PREFIX /
#         LAB_NET as when it was started
#   HOST  lab host number (1 = weak, 2 = hardened, 3 = mixed)
#   OUT   results directory (default benchmarks/refcmp/results/hHOST)
# Env: REMPART (default build/normal/rempart); STEPS (default "oscap lynis
#   rempart perhost") to redo some steps only (the others' results in OUT are kept);
#   SKIP_ALL=1 skips the five-minute OpenSCAP run of every rule.
#
# Runs, each timed with /usr/bin/time:
#   1. OpenSCAP (openscap-scanner, ssg-debian 0.1.65, Debian 11 content:
#      there is no Debian 12 content in that release) inside the host's view
#      (sshd-hosts.sh exec: its /etc, /home, /root, /run, /tmp), profile
#      anssi_np_nt28_high, then every rule of the benchmark. The data stream
#      is copied with two platform tests removed: the Debian 11 CPE (the host
#      is Debian 12) and "#machine" (the lab shares this container's /, whose
#      /.dockerenv makes every machine-only rule not applicable);
#   2. Lynis (Debian's lynis) inside the same view: audit system --quick;
#   3. rempart over SSH (the lab's auditor, sudo) with every Linux check
#      (all.xml, generated from checks/linux/*.xml), default mode then --deep;
#   4. rempart's default mode on every lab host, one host at a time (RUNS
#      rounds, default 3; with BASE_REV also that revision's checks):
#      OUT/perhost.md;
#   5. compare.py: mapping.tsv against the three results -> OUT/compare.md.
# Needs root, lynis, openscap-scanner, ssg-debian, python3.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
LAB=${1:?usage: run.sh LAB HOST [OUT]}; N=${2:?usage: run.sh LAB HOST [OUT]}
OUT=${3:-$HERE/results/h$N}
REMPART=${REMPART:-$SRC/build/normal/rempart}
LABSH=$SRC/tests/lab/sshd-hosts.sh
DS=/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml
PROFILE=xccdf_org.ssgproject.content_profile_anssi_np_nt28_high
[ "$(id -u)" = 0 ] || { echo "run.sh: must run as root" >&2; exit 2; }
for c in lynis oscap python3 /usr/bin/time; do
	command -v "$c" > /dev/null || { echo "run.sh: $c missing (apt-get install lynis openscap-scanner ssg-debian time python3)" >&2; exit 2; }
done
[ -f "$DS" ] || { echo "run.sh: $DS missing (apt-get install ssg-debian)" >&2; exit 2; }
[ -x "$REMPART" ] || { echo "run.sh: $REMPART missing (tests/build.sh normal)" >&2; exit 2; }
[ -f "$LAB/ssh/inventory.ini" ] || { echo "run.sh: no lab in $LAB" >&2; exit 2; }
mkdir -p "$OUT"
# The lab hosts have their own /tmp, /home, /root, /run and /etc: the
# scanners' files live in a directory both sides see.
W=$(mktemp -d /var/tmp/refcmp.XXXXXX)
trap 'rm -rf "$W"' EXIT
hx() { "$LABSH" exec "$LAB/ssh" "$N" "$@"; }
timed() { # name cmd...: wall, user, sys seconds and max RSS (KiB) into $OUT/times.tsv
	local name=$1; shift
	local t=$W/time.$name
	local rc=0
	/usr/bin/time -f "$name	%e	%U	%S	%M" -o "$t" "$@" || rc=$?
	# one line per measure: the newest run replaces an older one
	{ grep -v "^$name	" "$OUT/times.tsv" || true; tail -1 "$t"; } > "$t.all"
	mv "$t.all" "$OUT/times.tsv"
	return $rc
}
step() { case " ${STEPS:-oscap lynis rempart perhost} " in *" $1 "*) return 0 ;; esac; return 1; }
touch "$OUT/times.tsv"
{
	echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
	echo "host	h$N ($(hx hostname))"
	echo "machine	$(nproc) CPU $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "rempart	$("$REMPART" --version 2>&1 | head -1)"
	echo "lynis	$(dpkg-query -W -f '${Version}' lynis)"
	echo "openscap	$(dpkg-query -W -f '${Version}' openscap-scanner), ssg-debian $(dpkg-query -W -f '${Version}' ssg-debian)"
} > "$OUT/env.tsv"

python3 "$HERE/compare.py" all-baseline "$SRC"/checks/linux/*.xml > "$W/all.xml"

# 1. OpenSCAP
if step oscap; then
sed -e 's|<xccdf-1.2:platform idref="cpe:/o:debian:debian_linux:11"/>||' \
    -e 's|<xccdf-1.2:platform idref="#machine"/>||' "$DS" > "$W/ds.xml"
sed 's|<xccdf-1.2:Rule selected="false"|<xccdf-1.2:Rule selected="true"|' "$W/ds.xml" > "$W/ds-all.xml"
oscap ds sds-validate "$W/ds.xml"
rc=0; timed oscap-anssi-high "$LABSH" exec "$LAB/ssh" "$N" oscap xccdf eval --profile "$PROFILE" \
	--results "$W/oscap-anssi-high.xml" "$W/ds.xml" > "$OUT/oscap-anssi-high.out" 2>&1 || rc=$?
[ $rc = 0 ] || [ $rc = 2 ] || { echo "run.sh: oscap failed ($rc)" >&2; exit 1; }
if [ -z "${SKIP_ALL:-}" ]; then
	rc=0; timed oscap-all "$LABSH" exec "$LAB/ssh" "$N" oscap xccdf eval \
		--results "$W/oscap-all.xml" "$W/ds-all.xml" > "$OUT/oscap-all.out" 2>&1 || rc=$?
	[ $rc = 0 ] || [ $rc = 2 ] || { echo "run.sh: oscap failed ($rc)" >&2; exit 1; }
fi
# results: rule id and result only (the full XML is 10+ MB)
for f in "$W"/oscap-*.xml; do
	python3 "$HERE/compare.py" oscap-results "$f" > "$OUT/$(basename "$f" .xml).tsv"
done
fi

# 2. Lynis
if step lynis; then
	timed lynis "$LABSH" exec "$LAB/ssh" "$N" lynis audit system --quick --no-colors \
		--logfile "$W/lynis.log" --report-file "$W/lynis-report.dat" > "$OUT/lynis.out" 2>&1
	grep -E '^(warning|suggestion|tests_executed|tests_skipped|lynis_version|hardening_index)' \
		"$W/lynis-report.dat" > "$OUT/lynis-report.txt"
	# per-item results: sysctl keys (KRNL-6000) and sshd options (SSH-7408)
	sed -n -E -e 's/^.* Result: sysctl key ([^ ]+) contains equal expected.*$/KRNL-6000|\1	pass/p' \
		-e 's/^.* Result: sysctl key ([^ ]+) has a different value.*$/KRNL-6000|\1	fail/p' \
		-e 's/^.* Result: OpenSSH option ([^ ]+) is configured (very well|reasonably).*$/SSH-7408|\1	pass/p' \
		-e 's/^.* Result: OpenSSH option ([^ ]+) is in a weak configuration state.*$/SSH-7408|\1	fail/p' \
		"$W/lynis.log" > "$OUT/lynis-items.tsv"
fi

# 3. rempart over SSH: the lab's own inventory line for the host
if step rempart; then
awk -v h="h$N" '/^\[/ { s = $0 } s == "[linux]" && $1 != h && /ansible_host/ { next } { print }' \
	"$LAB/ssh/inventory.ini" > "$W/inv.ini"
for mode in default deep; do
	d=$W/rempart-$mode; flag=; [ $mode = deep ] && flag=--deep
	rc=0; timed "rempart-$mode" "$REMPART" audit -i "$W/inv.ini" -b "$W/all.xml" $flag \
		--known-hosts "$LAB/ssh/client/known_hosts" -o "$d" --lang en \
		> "$OUT/rempart-$mode.out" 2>&1 || rc=$?
	# 3: partial (h2 refuses some root commands: those checks are error)
	[ $rc -le 3 ] || { echo "run.sh: rempart audit failed ($rc)" >&2; tail "$OUT/rempart-$mode.out" >&2; exit 1; }
	python3 "$HERE/compare.py" rempart-results "$d/results.json" > "$OUT/rempart-$mode.tsv"
	python3 "$HERE/compare.py" probe-times "$d/evidence/targets/h$N" > "$OUT/rempart-$mode-probes.tsv"
done
fi

# 4. Default mode, every host of the lab one at a time (-j 1), RUNS rounds:
#    rempart -v prints each host's login phases and its script's run time.
#    With BASE_REV (a git revision), the same with that revision's checks.
if step perhost; then
	revs="current"; [ -n "${BASE_REV:-}" ] && revs="current base"
	if [ -n "${BASE_REV:-}" ]; then
		mkdir -p "$W/base"; git -C "$SRC" archive "$BASE_REV" checks | tar -x -C "$W/base"
	fi
	: > "$OUT/perhost.tsv"
	for r in $(seq "${RUNS:-3}"); do
		for rev in $revs; do
			dd=$SRC/checks; [ "$rev" = base ] && dd=$W/base/checks
			rm -rf "$W/ph"
			"$REMPART" -v --data-dir "$dd" audit -j 1 -i "$LAB/ssh/inventory.ini" -b "$W/all.xml" \
				--known-hosts "$LAB/ssh/client/known_hosts" -o "$W/ph" --lang en 2>&1 > /dev/null |
			sed -n -E "s/^rempart: '([^']+)': [a-z]+: connect ([0-9]+) ms, kex ([0-9]+) ms, auth ([0-9]+) ms \\([a-z]+\\), run ([0-9]+) ms.*/$rev	$r	\\1	\\2	\\3	\\4	\\5/p" >> "$OUT/perhost.tsv" || true	# exit 3: h4, h8 are not audited
		done
	done
	python3 "$HERE/compare.py" perhost "$OUT/perhost.tsv" > "$OUT/perhost.md"
fi

# 5. The comparison
python3 "$HERE/compare.py" compare "$HERE/mapping.tsv" "$OUT" > "$OUT/compare.md"
cat "$OUT/times.tsv"
echo "run.sh: $OUT/compare.md"
