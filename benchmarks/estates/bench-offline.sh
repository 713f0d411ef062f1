#!/bin/bash
# bench-offline.sh -- the offline side of a 1,000-target estate: merge of
# per-site bundles, evaluate, evaluate --limit one site, report (HTML and
# Markdown) and, when Chromium is there, the A4 page count. Out of CI.
#
#   benchmarks/estates/bench-offline.sh [WORKDIR]   REMPART=build/normal/rempart
#   N=1000 SITES=10 RUNS=1 PRINT=1
#
# The estate is synthetic: the offline fixture bundle's five targets
# (tests/fixtures/bundle: web1, db1 audited, app1 with a changed host key,
# the AD DC dc1 partly audited, the OpenLDAP server ldap1) replicated
# round-robin under new ids, each given the inventory group site_NN (N/SITES
# targets a site), sealed as one bundle ("whole") and as SITES bundles (one
# per site) merged with `rempart evidence merge`. The report of one site is
# made both ways: evaluate --limit then report, and report --limit of the
# whole results (checked equal). Every command runs under
# /usr/bin/time -v (wall, user+sys CPU, peak RSS); best of RUNS.
# Writes WORKDIR/results.tsv and prints a Markdown table.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
W=${1:-/tmp/rempart-estates-bench}
N=${N:-1000}
SITES=${SITES:-10}
RUNS=${RUNS:-1}
PRINT=${PRINT:-1}
FX=$SRC/tests/fixtures
BL=(-b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened)
rm -rf "$W"; mkdir -p "$W"

python3 - "$FX/bundle" "$W" "$N" "$SITES" <<'PY'
import json, os, shutil, sys
src, w, n, sites = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = ["web1", "db1", "app1", "dc1", "ldap1"]
for i in range(n):
    b = base[i % 5]
    new = "%s-%04d" % (b, i // 5 + 1)
    site = "site_%02d" % (i * sites // n + 1)
    for dst in (os.path.join(w, "whole"), os.path.join(w, "sites", site)):
        d = os.path.join(dst, "targets", new)
        shutil.copytree(os.path.join(src, "targets", b), d)
        p = os.path.join(d, "target.json")
        t = json.load(open(p))
        t["id"] = new
        t["groups"] = [site, "estate"]
        json.dump(t, open(p, "w"), indent=2)
PY
"$REMPART" evidence seal "$W/whole" > /dev/null
for d in "$W"/sites/site_*; do "$REMPART" evidence seal "$d" > /dev/null; done

printf 'step\twall_s\tcpu_s\tpeak_rss_kib\toutput_bytes\n' > "$W/results.tsv"
# measure NAME OUTPUT CMD...: best of RUNS (wall and CPU each), max RSS
measure() {
	local name=$1 out=$2 bw='' bc='' rss=0 w u s m c
	shift 2
	for _ in $(seq "$RUNS"); do
		[ -z "$out" ] || [ ! -d "$out" ] || rm -rf "$out"
		/usr/bin/time -v -o "$W/time.txt" "$@" > /dev/null 2>> "$W/stderr.log" || true
		w=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$W/time.txt")
		u=$(awk -F': ' '/User time/ { print $2 }' "$W/time.txt")
		s=$(awk -F': ' '/System time/ { print $2 }' "$W/time.txt")
		m=$(awk -F': ' '/Maximum resident/ { print $2 }' "$W/time.txt")
		c=$(echo "$u + $s" | bc)
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc)" = 1 ]; then bw=$w; fi
		if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc)" = 1 ]; then bc=$c; fi
		[ "$m" -gt "$rss" ] && rss=$m
	done
	size=$( [ -n "$out" ] && du -sb "$out" | cut -f1 || echo "")
	printf '%s\t%.2f\t%.2f\t%s\t%s\n' "$name" "$bw" "$bc" "$rss" "$size" >> "$W/results.tsv"
}

measure "evidence merge ($SITES site bundles)" "$W/merged" \
	"$REMPART" evidence merge -o "$W/merged" "$W"/sites/site_*
measure "evaluate, one bundle of $N" "$W/r-whole.json" \
	"$REMPART" evaluate -e "$W/whole" "${BL[@]}" -o "$W/r-whole.json"
measure "evaluate, merged bundle of $N" "$W/r-merged.json" \
	"$REMPART" evaluate -e "$W/merged" "${BL[@]}" -o "$W/r-merged.json"
measure "evaluate --limit site_01" "$W/r-site.json" \
	"$REMPART" evaluate -e "$W/merged" "${BL[@]}" --limit site_01 -o "$W/r-site.json"
measure "report -f html (en), $N targets" "$W/report.html" \
	"$REMPART" report -r "$W/r-merged.json" -f html --lang en -o "$W/report.html"
measure "report -f md (en), $N targets" "$W/report.md" \
	"$REMPART" report -r "$W/r-merged.json" -f md --lang en -o "$W/report.md"
measure "report -f html (en), site_01" "$W/report-site.html" \
	"$REMPART" report -r "$W/r-site.json" -f html --lang en -o "$W/report-site.html"
measure "report --limit site_01 -f html (en), from the $N targets' results" "$W/report-limit.html" \
	"$REMPART" report -r "$W/r-merged.json" --limit site_01 -f html --lang en -o "$W/report-limit.html"
measure "report --limit site_01 -f md (en), from the $N targets' results" "$W/report-limit.md" \
	"$REMPART" report -r "$W/r-merged.json" --limit site_01 -f md --lang en -o "$W/report-limit.md"
measure "report --limit site_01 -f json, from the $N targets' results" "$W/r-limit.json" \
	"$REMPART" report -r "$W/r-merged.json" --limit site_01 -f json -o "$W/r-limit.json"

pages() {	# HTML PDF: A4 pages, or "not measured (why)"
	rm -rf "$W/prof"
	if ! command -v chromium > /dev/null; then echo "not measured (no chromium)"; return; fi
	if unshare -n timeout 1800 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$W/prof" \
		--no-pdf-header-footer --print-to-pdf="$2" "file://$1" \
		> "$W/chromium.log" 2>&1 && [ -s "$2" ]; then
		pdfinfo "$2" | awk '/^Pages:/ { print $2 }'
	else
		echo "not measured (chromium failed or took over 30 min)"
	fi
}
if [ "$PRINT" = 1 ]; then
	for f in report-site report; do
		p0=$(date +%s.%N)
		np=$(pages "$W/$f.html" "$W/$f.pdf")
		p1=$(date +%s.%N)
		printf 'A4 pages of %s.html\t%.1f\t\t\t%s\n' "$f" "$(echo "$p1 - $p0" | bc)" "$np" >> "$W/results.tsv"
	done
fi
python3 - "$W" <<'PY'
import json, sys
w = sys.argv[1]
a = json.load(open(w + "/r-whole.json")); b = json.load(open(w + "/r-merged.json"))
for j in (a, b):
    j.pop("generated_at"); [j["evidence"].pop(k, None) for k in ("started_at", "finished_at", "provenance")]
print("merged == whole (times, provenance aside): %s; targets %d, results %d" % (a == b, len(a["targets"]), len(a["results"])))
# report --limit site_01 of the whole: evaluate --limit site_01's results
s = json.load(open(w + "/r-site.json")); l = json.load(open(w + "/r-limit.json"))
for j in (s, l):
    j.pop("generated_at"); j.pop("limit", None); j.pop("report", None)
print("report --limit site_01 == evaluate --limit site_01 (results, plan, summary, levels): %s; plan actions %d" % (s == l, len(s["plan"])))
PY
echo "| step | wall (s) | CPU (s) | peak RSS (MiB) | output |"
echo "|---|---:|---:|---:|---:|"
tail -n +2 "$W/results.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, ($4 == "" ? "" : sprintf("%.1f", $4 / 1024)), $5 }'
