#!/bin/bash
# collect-shards.sh -- collect a flat estate in N local shards with GNU
# parallel, then merge, evaluate and report once.
#
#   contrib/parallel/collect-shards.sh N INVENTORY OUTDIR [rempart collect options...]
#
# Shard K (0..N-1) is `rempart collect --shard K/N` into OUTDIR/shard-K
# (parallel's input is 0..N-1: its own {#} counts from 1). A shard that fails
# to start is reported by parallel (--halt never: the others go on); a
# shard whose hosts are partly unreachable still writes its bundle. The
# bundles are then merged (each verified against its manifest) into
# OUTDIR/evidence, evaluated into OUTDIR/results.json and reported.
#
# Example: 4 shards of 16 connections each, on one machine:
#   contrib/parallel/collect-shards.sh 4 inventory.ini audit/ \
#       -b anssi-bp028-intermediary --known-hosts ~/.ssh/known_hosts -j 16
set -uo pipefail
[ $# -ge 3 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
n=$1 inv=$2 out=$3
shift 3
REMPART=${REMPART:-rempart}
case $n in ''|*[!0-9]*) echo "collect-shards.sh: N must be a number" >&2; exit 2;; esac
mkdir -p "$out" || exit 4
seq 0 $((n - 1)) | parallel --halt never --line-buffer --tagstring 'shard {}' \
	"$REMPART" collect -i "$inv" --shard {}/"$n" -o "$out"/shard-{} "$@"
rc=$?
# exit 3 (some targets not audited) still leaves a bundle to merge
shards=()
for ((k = 0; k < n; k++)); do
	[ -f "$out/shard-$k/manifest.json" ] && shards+=("$out/shard-$k")
done
[ ${#shards[@]} -gt 0 ] || { echo "collect-shards.sh: no shard wrote a bundle" >&2; exit 4; }
[ ${#shards[@]} -eq "$n" ] || echo "collect-shards.sh: only ${#shards[@]} of $n shards wrote a bundle" >&2
"$REMPART" evidence merge -o "$out/evidence" "${shards[@]}" || exit $?
"$REMPART" evaluate -e "$out/evidence" -o "$out/results.json"
erc=$?
[ $erc -le 3 ] || exit $erc
"$REMPART" report -r "$out/results.json" -f html -o "$out/report.html" || exit $?
echo "collect-shards.sh: $out/report.html (parallel exit $rc, evaluate exit $erc)"
[ $rc -eq 0 ] && exit $erc || exit 3
