#!/bin/bash
# run-all.sh -- the four configurations of benchmarks/README.md (SSH section), then
# one combined table: 20 and 50 hosts, each with no added latency and +50 ms.
#   benchmarks/ssh/run-all.sh [REPS]        (env as bench.sh; about 2 hours on 2 cores)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPS=${1:-3}
for cfg in "20 0" "20 50" "50 0" "50 50"; do
  set -- $cfg
  "$HERE/bench.sh" "$1" "$2" "$REPS"
done
/usr/bin/python3 "$HERE/summarize.py" "$HERE"/results/n20-d0 "$HERE"/results/n20-d50 \
    "$HERE"/results/n50-d0 "$HERE"/results/n50-d50 | tee "$HERE/results/summary.md"
