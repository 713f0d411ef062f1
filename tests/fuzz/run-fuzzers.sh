#!/bin/bash
# run-fuzzers.sh BUILD_DIR [SECONDS] -- replay each corpus, then fuzz each
# target for SECONDS (default 60) under ASan+UBSan. New inputs that add
# coverage go to a scratch copy, not to the repository corpus. Prints
# "N passed, N failed" (a target fails on any crash, leak or UB report).
set -uo pipefail
B=${1:?usage: run-fuzzers.sh BUILD_DIR [SECONDS]}
T=${2:-60}
HERE=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for t in ldif extract xml results ldapfilter secdesc mo adeval sid inventory manifest splitter template incident lineval attest sysvol preg gpp inf; do
	bin=$B/tests/fuzz/fuzz_$t
	work=$(mktemp -d)
	cp -r "$HERE/corpus/$t/." "$work/"
	if "$bin" -runs=0 "$work" > "$work.log" 2>&1 &&
	    "$bin" -max_total_time="$T" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$B/tests/fuzz/crash-$t-" "$work" >> "$work.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   fuzz_$t: $(grep -o 'cov: [0-9]*' "$work.log" | tail -1), $(grep -c . "$work.log") log lines"
	else
		fail=$((fail + 1))
		echo "FAIL fuzz_$t"; tail -40 "$work.log"
	fi
	rm -rf "$work" "$work.log"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
