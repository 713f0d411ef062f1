#!/bin/bash
# bench.sh OUTDIR [TARGETS] [SWEEPS] -- the history store at estate scale
# (README.md): builds bench_history against build/normal, evaluates the
# fixture bundle for the template results, records SWEEPS sweeps of
# TARGETS targets (default 1000 x 52) in OUTDIR/history.db and times the
# queries. Results in OUTDIR/results.tsv.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:?usage: bench.sh OUTDIR [TARGETS] [SWEEPS]}
TARGETS=${2:-1000}
SWEEPS=${3:-52}
B=$SRC/build/normal
[ -x "$B/rempart" ] || "$SRC/tests/build.sh" normal > /dev/null
mkdir -p "$OUT"
rm -f "$OUT/history.db" "$OUT/history.db-wal" "$OUT/history.db-shm"
# shellcheck disable=SC2046
cc -std=gnu11 -O2 -I"$SRC/src" -I"$B" -o "$OUT/bench_history" \
	"$SRC/benchmarks/history/bench_history.c" "$B/librempart.a" \
	$(pkg-config --cflags --libs sqlite3 jansson libssh2 ldap libpcre2-8 libxml-2.0 libcrypto) \
	-lpthread -lm
rm -rf "$OUT/ev"
cp -r "$SRC/tests/fixtures/bundle" "$OUT/ev"
"$B/rempart" evidence seal "$OUT/ev" > /dev/null
"$B/rempart" evaluate -e "$OUT/ev" -b anssi-bp028-intermediary -b ad-anssi-level-2 \
	-b openldap-hardened -o "$OUT/template.json" 2> /dev/null || [ $? = 3 ]
/usr/bin/time -f "bench_total_wall	%e	s
bench_max_rss	%M	KiB" "$OUT/bench_history" "$OUT/template.json" "$OUT/history.db" \
	"$TARGETS" "$SWEEPS" > "$OUT/results.tsv" 2> "$OUT/time.txt"
cat "$OUT/time.txt" >> "$OUT/results.tsv"
# the CLI, end to end (process start, open, query, JSON or text out)
for q in "list" "trend --last 12 --format json" "trend --target host00042" "diff $((SWEEPS - 1)) $SWEEPS --format json"; do
	# shellcheck disable=SC2086
	s=$( { /usr/bin/time -f %e "$B/rempart" history $q --history "$OUT/history.db" > /dev/null; } 2>&1 )
	printf 'cli_history_%s\t%s\ts\n' "$(echo "$q" | tr ' ' '_' | sed 's/--format_json/json/')" "$s" >> "$OUT/results.tsv"
done
printf 'db_size_after_checkpoint\t%s\tMiB\n' \
	"$(python3 -c 'import os,sys; print(round(os.path.getsize(sys.argv[1]) / 1048576, 1))' "$OUT/history.db")" >> "$OUT/results.tsv"
cat "$OUT/results.tsv"
