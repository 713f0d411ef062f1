#!/bin/bash
# run-all.sh -- the configurations of benchmarks/README.md (SSH section), then the
# combined table: 20 and 50 hosts, each with no added latency and +50 ms.
#   benchmarks/ssh/run-all.sh [REPS]      env as bench.sh, e.g. SLOW_REPS=1 SLOW_LAST=1
#                                         (as the README's runs): about 70 min on 2 cores
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPS=${1:-3}
for cfg in "20 0" "20 50" "50 0" "50 50"; do
  set -- $cfg
  "$HERE/bench.sh" "$1" "$2" "$REPS"
done
/usr/bin/python3 "$HERE/summarize.py" "$HERE"/results/n20-d0 "$HERE"/results/n20-d50 \
    "$HERE"/results/n50-d0 "$HERE"/results/n50-d50 | tee "$HERE/results/summary.md"
