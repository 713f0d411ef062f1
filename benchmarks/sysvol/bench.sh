#!/bin/bash
# bench.sh WORKDIR -- rempart's SYSVOL benchmark (benchmarks/README.md):
# a generated SYSVOL of N GPOs (gen-sysvol.py) imported with
# "rempart evidence import-sysvol" and evaluated with rempart-ad-sysvol,
# RUNS times each under /usr/bin/time -v (wall, CPU, peak RSS). With LAB
# set to a running lab (tests/lab/lab.sh up DIR ad), also collected over SMB
# from the lab's Samba DC: the GPO folders are copied into its SYSVOL for
# the run and removed afterwards. Writes WORKDIR/results.md and
# WORKDIR/runs.tsv.
# Env: N (2000) RUNS (5) REMPART (build/normal/rempart) LAB (unset)
set -euo pipefail
W=${1:?usage: bench.sh WORKDIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
N=${N:-2000}; RUNS=${RUNS:-5}
mkdir -p "$W"; W=$(cd "$W" && pwd)
rm -rf "$W/sysvol" "$W/ev" "$W/runs.tsv"
mkdir -p "$W/sysvol/bench.test/Policies"
python3 "$HERE/gen-sysvol.py" "$W/sysvol/bench.test/Policies" "$N"
files=$(find "$W/sysvol" -type f | wc -l); bytes=$(du -sb "$W/sysvol" | cut -f1)
printf 'step\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\n' > "$W/runs.tsv"
measure() { # STEP RUN CMD...
	local step=$1 run=$2; shift 2
	/usr/bin/time -v -o "$W/time.txt" "$@" > /dev/null 2> "$W/err.txt" || {
		[ $? = 1 ] || { cat "$W/err.txt" >&2; exit 1; }; }	# 1: findings
	awk -v s="$step" -v r="$run" -F': ' '
	/Elapsed \(wall clock\)/ { n = split($2, a, ":"); w = (n == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2] }
	/User time/ { u = $2 } /System time/ { y = $2 } /Maximum resident/ { m = $2 }
	END { printf "%s\t%s\t%.2f\t%.2f\t%.2f\t%d\n", s, r, w, u, y, m }' "$W/time.txt" >> "$W/runs.tsv"
}
for r in $(seq 1 "$RUNS"); do
	rm -rf "$W/ev"
	measure import "$r" "$REMPART" evidence import-sysvol --id dc1 -b rempart-ad-sysvol -o "$W/ev" "$W/sysvol"
	measure evaluate "$r" "$REMPART" evaluate -e "$W/ev" -o "$W/results.json"
done
out=$(wc -c < "$W/ev/targets/dc1/probes/ad.sysvol.out")
kept=$(grep -ac '^file ' "$W/ev/targets/dc1/probes/ad.sysvol.out")
if [ -n "${LAB:-}" ]; then
	# shellcheck disable=SC1091
	. "$LAB/ad/env"
	P=$AD_SYSVOL/Policies
	ls "$W/sysvol/bench.test/Policies" > "$W/generated.txt"
	trap '(cd "$P" && xargs -d "\n" rm -rf < "$W/generated.txt")' EXIT
	cp -r "$W/sysvol/bench.test/Policies/." "$P/"
	printf '[ad]\ndc1 ldap_url=%s ca_file=%s bind_dn=%s bind_password_file=%s sysvol=yes\n' \
		"$AD_LDAPS_URI" "$AD_CACERT" "$AD_BIND_UPN" "$AD_BIND_PW_FILE" > "$W/inv.ini"
	for r in $(seq 1 "$RUNS"); do
		rm -rf "$W/ev-smb"
		measure "collect-smb" "$r" "$REMPART" collect -i "$W/inv.ini" -b rempart-ad-sysvol -o "$W/ev-smb"
	done
fi
{
	echo "# SYSVOL benchmark: $N GPOs ($files files, $bytes bytes; $kept kept, probe output $out bytes), $RUNS runs, $(date -u +%Y-%m-%d)"
	echo
	echo "| step | median wall (s) | median CPU user+sys (s) | max peak RSS (MiB) |"
	echo "|---|---|---|---|"
	awk -F'\t' 'NR > 1 { w[$1] = w[$1] " " $3; c[$1] = c[$1] " " ($4 + $5); if ($6 > m[$1]) m[$1] = $6; o[$1] = o[$1] ? o[$1] : NR }
	function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }; return a[int((n + 1) / 2)] }
	END { for (k in w) printf "%d|| %s | %.2f | %.2f | %.1f |\n", o[k], k, med(w[k]), med(c[k]), m[k] / 1024 }' "$W/runs.tsv" | sort -n | cut -d'|' -f3- | sed 's/^/|/'
} > "$W/results.md"
cat "$W/results.md"
