#!/bin/bash
# cost.sh -- what rendering costs on large text, before and after a change:
#   evidence  the fixture audit (tests/integration/golden.sh's evaluation)
#             with the evidence of its failed results filled to 4 KB each
#             (the evaluator's cap), failed results repeated to 2 MB of
#             evidence in all: the French phrase translation
#             (src/report/observed.c) reads all of it
#   wide      the same audit with every plan action on 2,000 targets and
#             2,000 objects: the plan CSV's joined cells (src/report/csv.c)
# rendered with REMPART and, when given, REMPART_BEFORE (another build),
# one after the other in the same run, best of RUNS (default 3) wall-clock
# and CPU (user + sys) seconds; the outputs of both are compared.
#
#   benchmarks/report/cost.sh [WORKDIR]   REMPART=... REMPART_BEFORE=...
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REMPART=${REMPART:-$SRC/build/normal/rempart}
REMPART_BEFORE=${REMPART_BEFORE:-}
W=${1:-/tmp/rempart-report-cost}
RUNS=${RUNS:-3}
FX=$SRC/tests/fixtures
mkdir -p "$W"
rm -rf "$W/ev"
cp -r "$FX/bundle" "$W/ev"
"$REMPART" evidence seal "$W/ev" > /dev/null
"$REMPART" evaluate -e "$W/ev" -b anssi-bp028-intermediary -b ad-anssi-level-2 \
	-b openldap-hardened --waivers "$FX/waivers.xml" \
	--incident "$FX/incident.xml" -o "$W/base.json" 2> /dev/null || true
python3 - "$W/base.json" "$W/evidence.json" "$W/wide.json" <<'PY'
import json, random, sys
d = json.load(open(sys.argv[1]))
random.seed(1)
lines = [
    "/etc/systemd/system/x%d.service [content changed 2026-10-15T21:36:29Z; metadata changed 2026-10-15T21:36:29Z]",
    "CN=user%d,OU=Users,DC=lab,DC=test: password set 2016-03-01T12:00:00Z, before the containment (2026-09-21T12:00:00Z)",
    "666|0|0|/var/lib/app/data/file-%d.conf",
    "user%d ALL=(ALL) NOPASSWD: ALL",
    "svc%d: lastLogonTimestamp 2024-01-15 (1054 days), created 2020-01-01, after the compromise start",
    "a long line of text with words and numbers %d that matches nothing in particular and goes on and on",
]
fails = [r for r in d["results"] if r["status"] == "fail"]
total, i, out = 0, 0, []
while total < 2 * 1024 * 1024:
    for r in fails:
        r = dict(r)
        ev, n = [], 0
        while n < 4000:
            l = random.choice(lines) % i
            i += 1
            ev.append(l)
            n += len(l) + 1
        r["evidence"] = "\n".join(ev)
        out.append(r)
        total += n
        if total >= 2 * 1024 * 1024:
            break
e = dict(d)
e["results"] = [r for r in d["results"] if r["status"] != "fail"] + out
json.dump(e, open(sys.argv[2], "w"))
for a in d["plan"]:
    a["targets"] = ["host-%05d" % k for k in range(2000)]
    a["objects"] = ["/srv/data/object-%05d.conf" % k for k in range(2000)]
json.dump(d, open(sys.argv[3], "w"))
PY

# best NAME BIN ARGS...: "wall cpu" of the best of RUNS
best() {
	local bw= bc= t u s c
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %U %S' -o "$W/time" "$@"
		read -r t u s < "$W/time"
		c=$(printf "%.2f" "$(echo "$u + $s" | bc)")
		if [ -z "$bw" ] || [ "$(echo "$t < $bw" | bc)" = 1 ]; then bw=$t; fi
		if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc)" = 1 ]; then bc=$c; fi
	done
	echo "$bw $bc"
}

echo "| case | input | format | lang | build | wall (s) | CPU (s) | output |"
echo "|---|---|---|---|---|---:|---:|---|"
for c in "evidence html fr" "evidence md fr" "evidence html en" "wide plan-csv fr" "wide plan-csv en"; do
	set -- $c
	in=$W/$1.json
	size=$(stat -c %s "$in")
	for b in before after; do
		bin=$REMPART
		if [ $b = before ]; then
			[ -n "$REMPART_BEFORE" ] || continue
			bin=$REMPART_BEFORE
		fi
		read -r tw tc < <(best "$bin" report -r "$in" -f "$2" --lang "$3" -o "$W/out.$1.$2.$3.$b")
		same=
		if [ $b = after ] && [ -n "$REMPART_BEFORE" ]; then
			if cmp -s "$W/out.$1.$2.$3.before" "$W/out.$1.$2.$3.after"; then same="same as before"; else same="DIFFERS"; fi
		fi
		echo "| $1 | $((size / 1024)) KB | $2 | $3 | $b | $tw | $tc | $same |"
	done
done
