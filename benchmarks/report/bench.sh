#!/bin/bash
# bench.sh -- the report at estate scale: the offline fixture bundle's
# targets replicated into synthetic estates, evaluated, rendered in HTML and
# printed to A4 by headless Chromium (as tests/integration/report-pdf.sh).
#
#   benchmarks/report/bench.sh [WORKDIR]     REMPART=build/normal/rempart
#
# Estates (ESTATES, default "lab 200"):
#   lab   9 targets shaped like the bundled lab: 1 AD DC, 2 OpenLDAP, 6 Linux
#         (2 web1, 2 db1, 2 app1 whose host key changed)
#   N     N targets: the 5 fixture targets (web1, db1, app1, dc1, ldap1)
#         replicated round-robin (web1-001, db1-001, ...)
# For each estate and language (LANGS, default "fr en"): render time of
# 'rempart report -f html' (best of RUNS, default 3: wall clock, and CPU
# user+sys, which a busy machine does not inflate), HTML size, PDF pages.
# Writes WORKDIR/results.tsv and prints a Markdown table.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
W=${1:-/tmp/rempart-report-bench}
ESTATES=${ESTATES:-lab 200}
LANGS=${LANGS:-fr en}
RUNS=${RUNS:-3}
FX=$SRC/tests/fixtures
BL=(-b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened)
mkdir -p "$W"

# make_estate DIR SPEC: a bundle of replicated fixture targets
make_estate() {
	local dir=$1 spec=$2
	rm -rf "$dir"
	mkdir -p "$dir/targets"
	python3 - "$FX/bundle" "$dir" "$spec" <<'PY'
import json, os, shutil, sys
src, dst, spec = sys.argv[1:]
base = ["web1", "db1", "app1", "dc1", "ldap1"]
if spec == "lab":
    plan = [("dc1", 1), ("ldap1", 2), ("web1", 2), ("db1", 2), ("app1", 2)]
    ids = [(b, "%s-%d" % (b, k + 1)) for b, n in plan for k in range(n)]
else:
    n = int(spec)
    ids = [(base[i % 5], "%s-%03d" % (base[i % 5], i // 5 + 1)) for i in range(n)]
for b, new in ids:
    shutil.copytree(os.path.join(src, "targets", b), os.path.join(dst, "targets", new))
    p = os.path.join(dst, "targets", new, "target.json")
    t = json.load(open(p))
    t["id"] = new
    json.dump(t, open(p, "w"), indent=2)
PY
	"$REMPART" evidence seal "$dir" > /dev/null
}

pages() {
	rm -rf "$W/prof"
	unshare -n timeout 600 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$W/prof" \
		--no-pdf-header-footer --print-to-pdf="$2" "file://$1" \
		> "$W/chromium.log" 2>&1
	pdfinfo "$2" | awk '/^Pages:/ { print $2 }'
}

printf 'estate\ttargets\tresults\tlang\trender_s\trender_cpu_s\thtml_bytes\tpdf_pages\tprint_s\n' > "$W/results.tsv"
for e in $ESTATES; do
	make_estate "$W/ev-$e" "$e"
	"$REMPART" evaluate -e "$W/ev-$e" "${BL[@]}" --waivers "$FX/waivers.xml" \
		--incident "$FX/incident.xml" -o "$W/results-$e.json" 2> /dev/null || true
	nt=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['targets']), len(d['results']))" "$W/results-$e.json")
	for lang in $LANGS; do
		best=
		bcpu=
		for _ in $(seq "$RUNS"); do
			/usr/bin/time -f '%e %U %S' -o "$W/time" "$REMPART" report \
				-r "$W/results-$e.json" -f html --lang "$lang" \
				-o "$W/report-$e.$lang.html"
			read -r t u s < "$W/time"
			c=$(echo "$u + $s" | bc)
			if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
			if [ -z "$bcpu" ] || [ "$(echo "$c < $bcpu" | bc)" = 1 ]; then bcpu=$c; fi
		done
		size=$(stat -c %s "$W/report-$e.$lang.html")
		p0=$(date +%s.%N)
		np=$(pages "$W/report-$e.$lang.html" "$W/report-$e.$lang.pdf")
		p1=$(date +%s.%N)
		printf '%s\t%s\t%s\t%s\t%.2f\t%.2f\t%s\t%s\t%.1f\n' "$e" ${nt% *} ${nt#* } "$lang" "$best" "$bcpu" "$size" "$np" \
			"$(echo "$p1 - $p0" | bc)" >> "$W/results.tsv"
	done
done
echo "| estate | targets | results | lang | render wall (s) | render CPU (s) | HTML (bytes) | A4 pages | Chromium print (s) |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"
tail -n +2 "$W/results.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
