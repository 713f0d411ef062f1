#!/bin/bash
# linux-checks.sh -- every Linux check against its fixture cases, offline.
#
# tests/fixtures/linux-checks/<CHECK-ID>/<case>/ holds what the probes of one
# host printed: <probe-id>.out (output of a probe that ran), <probe-id>.status
# (a probe that did not run: "na" when its required command is absent) and
# optionally _target-status (the target status, e.g. hostkey-mismatch) and
# _incident.xml (the incident context, for the post-incident checks). For
# each case this builds a one-target evidence bundle (targets/h1), seals it,
# evaluates it with a baseline selecting that check alone and asserts that
# the verdict is the case name up to the first dot (pass, fail, na, error;
# "fail.unset" is another fail case). It also asserts that every Linux check
# has at least a pass and a fail case, and that the Linux baselines resolve.
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures/linux-checks
export REMPART_DATADIR=$SRCDIR/checks

"$REMPART" checks list --format json > "$T_TMP/checks.json" 2>"$T_TMP/err" ||
	{ not_ok "checks list" "$(cat "$T_TMP/err")"; t_done; exit 1; }
python3 -c 'import json,sys
for c in json.load(open(sys.argv[1])):
    if c["id"].startswith("LNX-"): print(c["id"])' "$T_TMP/checks.json" > "$T_TMP/ids.txt"

n=$(wc -l < "$T_TMP/ids.txt")
if [ "$n" -ge 90 ]; then ok "at least 90 Linux checks ($n)"; else not_ok "at least 90 Linux checks" "got $n"; fi

# coverage: every check has a pass and a fail case, every case dir a check
while read -r id; do
	if [ -d "$FX/$id/pass" ] && [ -d "$FX/$id/fail" ]; then :; else
		not_ok "$id has pass and fail fixture cases" "missing in $FX/$id"
	fi
done < "$T_TMP/ids.txt"
for d in "$FX"/*/; do
	id=$(basename "$d")
	grep -qx -- "$id" "$T_TMP/ids.txt" || not_ok "fixture $id names a check" "no such check"
done

# one bundle per case
json_str() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
make_bundle() { # CASEDIR BUNDLEDIR
	local cd=$1 b=$2 t=$2/targets/h1 st=ok f id sep=
	mkdir -p "$t/probes"
	[ -f "$cd/_target-status" ] && st=$(tr -d '\n' < "$cd/_target-status")
	{
		printf '{\n  "id": "h1", "kind": "linux", "address": "192.0.2.1", "port": 22,\n'
		printf '  "user": "auditor", "role": null, "status": "%s", "error": null,\n' "$st"
		printf '  "identity": {"hostkey": "ssh-ed25519 SHA256:fixture", "server": null, "naming_context": null},\n'
		printf '  "elevated": true, "started_at": "2026-11-20T09:00:00Z", "finished_at": "2026-11-20T09:00:02Z",\n'
		printf '  "probes": ['
		for f in "$cd"/*.out "$cd"/*.status; do
			[ -f "$f" ] || continue
			case $f in
			*.out)
				id=$(basename "$f" .out)
				cp "$f" "$t/probes/$id.out"
				printf '%s\n    {"id": %s, "status": "ok", "exit": 0, "started": true, "duration_ms": 1, "bytes": %d, "file": %s, "detail": null}' \
					"$sep" "$(json_str "$id")" "$(wc -c < "$f")" "$(json_str "probes/$id.out")" ;;
			*.status)
				id=$(basename "$f" .status)
				printf '%s\n    {"id": %s, "status": "%s", "exit": -1, "duration_ms": 0, "bytes": 0, "file": null, "detail": "fixture: %s"}' \
					"$sep" "$(json_str "$id")" "$(tr -d '\n' < "$f")" "$(tr -d '\n' < "$f")" ;;
			esac
			sep=,
		done
		printf '\n  ]\n}\n'
	} > "$t/target.json"
	"$REMPART" evidence seal "$b" > /dev/null
}

mkdir -p "$T_TMP/cases"
: > "$T_TMP/runs.txt"
for cd in "$FX"/*/*/; do
	cd=${cd%/}
	case_name=$(basename "$cd")
	id=$(basename "$(dirname "$cd")")
	w=$T_TMP/cases/$id.$case_name
	bl=$(printf 't-%s' "$id" | tr '[:upper:]' '[:lower:]')
	mkdir -p "$w"
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<baseline xmlns="urn:rempart:baseline:1" id="%s" kind="linux"><title lang="en">%s</title><title lang="fr">%s</title><select check="%s"/></baseline>\n' \
		"$bl" "$id" "$id" "$id" > "$w/baseline.xml"
	if ! make_bundle "$cd" "$w/ev" 2> "$w/err"; then
		not_ok "$id $case_name: bundle" "$(head -c 300 "$w/err")"
		continue
	fi
	inc=()	# _incident.xml: the incident context of the case
	[ -f "$cd/_incident.xml" ] && inc=(--incident "$cd/_incident.xml")
	"$REMPART" evaluate -e "$w/ev" -b "$w/baseline.xml" "${inc[@]}" -o "$w/r.json" 2> "$w/err" > /dev/null
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
		not_ok "$id $case_name: evaluate" "exit $rc: $(head -c 300 "$w/err")"
		continue
	fi
	printf '%s %s %s\n' "$id" "$case_name" "$w/r.json" >> "$T_TMP/runs.txt"
done

python3 - "$T_TMP/runs.txt" > "$T_TMP/verdicts.txt" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    cid, case, path = line.split()
    rs = [r for r in json.load(open(path))["results"] if r["check"] == cid]
    if len(rs) != 1:
        print(cid, case, "missing", "-")
        continue
    r = rs[0]
    why = (r.get("reason") or r.get("observed") or "").replace("\n", " ")[:200]
    print(cid, case, r["status"], why or "-")
PY
while read -r id case_name got why; do
	want=${case_name%%.*}
	if [ "$got" = "$want" ]; then ok "$id $case_name"
	else not_ok "$id $case_name" "verdict $got, expected $want ($why)"; fi
done < "$T_TMP/verdicts.txt"

# the shipped Linux baselines resolve, each extending the previous level
for b in anssi-bp028-minimal anssi-bp028-intermediary anssi-bp028-enhanced cis-debian12-l1; do
	check "baseline $b resolves" "$REMPART" baseline show "$b"
done
"$REMPART" baseline show anssi-bp028-enhanced > "$T_TMP/enh.txt" 2>&1
check_grep "enhanced inherits minimal checks" 'LNX-ACC-001 .*level=minimal' "$T_TMP/enh.txt"
check_grep "enhanced inherits intermediary checks" 'LNX-SSH-001 .*level=intermediary' "$T_TMP/enh.txt"
check_grep "enhanced adds its own checks" 'LNX-KRN-023 .*level=enhanced' "$T_TMP/enh.txt"

t_done
