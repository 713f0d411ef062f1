#!/bin/bash
# coverage.sh -- an audit whose only target cannot be reached: a real
# 'rempart audit' against a loopback port where nothing listens. Nothing is
# assessed, so no format may show a score, "100 %" or "no finding" as good
# news: every one says "nothing assessed" (results.json, HTML and Markdown
# in both languages, JSON, CSV, JUnit and the terminal summary).
. "$(dirname "$0")/lib.sh"
t_setup
OUT=$T_TMP/out
: > "$T_TMP/known_hosts"
# a loopback port nobody listens on (bound, then released)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

"$REMPART" audit -t "auditor@127.0.0.1:$PORT" -b anssi-bp028-minimal \
	--known-hosts "$T_TMP/known_hosts" --connect-timeout 3 --lang en \
	-o "$OUT" > "$T_TMP/stdout" 2> "$T_TMP/stderr"
rc=$?
cp "$T_TMP/stderr" "$T_TMP/audit.err"
[ "$rc" = 3 ] && ok "audit of an unreachable target exits 3 (incomplete)" ||
	not_ok "audit of an unreachable target exits 3 (incomplete)" "rc=$rc: $(head -c 300 "$T_TMP/stderr")"

# results.json: the verdict, no score, the cause
py() { python3 -c "import json, sys; d = json.load(open('$OUT/results.json')); $1"; }
check "results: verdict nothing-assessed" py 'c = d["summary"]["coverage"]; sys.exit(c["verdict"] != "nothing-assessed")'
check "results: no score (null)" py 'sys.exit(d["summary"]["coverage"]["score"] is not None)'
check "results: 1 target, not audited, unreachable" py 'c = d["summary"]["coverage"]; t = c["per_target"][0]; sys.exit(not (c["targets"] == {"total": 1, "full": 0, "partial": 0, "none": 1} and t["coverage"] == "none" and t["cause"] == "unreachable"))'
check "results: every check not assessed" py 'k = d["summary"]["coverage"]["checks"]; sys.exit(not (k["assessed"] == 0 and k["not_assessed"] == k["total"] and k["total"] > 0))'

# the schema in the tree holds it, and refuses a score when nothing was assessed
SCHEMA=$SRCDIR/docs/results.schema.json
check "results: valid against docs/results.schema.json" python3 "$SRCDIR/tests/integration/results-schema.py" "$SCHEMA" "$OUT/results.json"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
d['summary']['coverage']['score'] = {'compliant': 100.0, 'not_compliant': 0.0, 'not_assessed': 0.0}
json.dump(d, open(sys.argv[2], 'w'))" "$OUT/results.json" "$T_TMP/lying.json"
check_rc "schema: a score beside 'nothing assessed' is refused" 1 python3 "$SRCDIR/tests/integration/results-schema.py" "$SCHEMA" "$T_TMP/lying.json"

# the terminal summary
check_grep "terminal: nothing assessed" '^Nothing was assessed' "$T_TMP/stdout"
check_grep "terminal: no score" '^Score: no score: nothing was assessed' "$T_TMP/stdout"
check_grep "terminal: the target, its checks not assessed and why" "^  127\.0\.0\.1: not audited · [0-9]+ checks not assessed · unreachable" "$T_TMP/stdout"
check_grep "terminal: the collector's line speaks of the collection" 'rempart: collection: 1 target: 0 ok, 0 partial, 1 failed$' "$T_TMP/audit.err"
check_nogrep "terminal: no bare 'ok' count that reads as audited" 'rempart: [0-9]+ targets?: ' "$T_TMP/audit.err"
check_grep "terminal: report path" "^report: $OUT/report.en.html" "$T_TMP/stdout"
check_nogrep "terminal: no percentage" '[0-9] %' "$T_TMP/stdout"

# the formats audit wrote
H=$OUT/report.en.html
check "html: well-formed" xmllint --noout "$H"
check_grep "html: nothing-assessed verdict" 'class="verdict verdict-nothing-assessed">Nothing was assessed' "$H"
check_grep "html: no score tile" '<div class="v">—</div><div class="l">no score: nothing was assessed' "$H"
check_nogrep "html: no percentage anywhere" '[0-9] %' "$H"
check_nogrep "html: no 'no finding' reassurance" 'No action: no finding' "$H"
check_grep "html: the plan says why it is empty" 'No action can be planned: nothing was assessed' "$H"
check_grep "html: the target in what could not be audited" '<a href="#t-127.0.0.1">127.0.0.1</a></td><td>not audited: unreachable' "$H"
M=$OUT/report.en.md
check_grep "md: nothing-assessed verdict" '^\*\*Nothing was assessed' "$M"
check_grep "md: no score" '^Score: no score: nothing was assessed' "$M"
check_nogrep "md: no percentage" '[0-9] %' "$M"
check "json: report verdict nothing-assessed, no score" python3 -c "
import json, sys
d = json.load(open('$OUT/report.json'))
sys.exit(not (d['report']['verdict'] == 'nothing-assessed' and
    d['summary']['coverage']['score'] is None and d['report']['verdict_text'].startswith('Nothing was assessed')))"
check "csv: every row not assessed on a target not audited" python3 -c "
import csv, sys
rows = list(csv.DictReader(open('$OUT/report.csv', newline='')))
sys.exit(not (rows and all(r['status'] == 'error' and r['target_coverage'] == 'none' and
    r['reason'] in ('target not audited (unreachable)', 'target not reached (unreachable)')
    for r in rows)))"
check "plan csv: written by audit, a header and no action" sh -c "[ \$(wc -l < '$OUT/report.plan.csv') = 1 ] && head -1 '$OUT/report.plan.csv' | grep -q '^rank,phase,'"
J=$OUT/report.junit.xml
check "junit: well-formed" xmllint --noout "$J"
check_grep "junit: verdict property" '<property name="verdict" value="nothing-assessed"/>' "$J"
check_grep "junit: no score" '<property name="score" value="none"/>' "$J"
check_grep "junit: the target's coverage is an error" '<testcase classname="coverage" name="127.0.0.1"><error type="unreachable" message="not audited: unreachable"/>' "$J"
check_nogrep "junit: no passing check" '<testcase classname="[^"]*" name="[^"]*"></testcase>' "$J"

# audit takes --previous and --template-dir as evaluate and report do
TD=$T_TMP/tpl
cp -r "$SRCDIR/reports/default" "$TD"
printf 'name = Agence de test\n' > "$TD/brand.conf"
"$REMPART" audit -t "auditor@127.0.0.1:$PORT" -b anssi-bp028-minimal \
	--known-hosts "$T_TMP/known_hosts" --connect-timeout 3 --lang en \
	--previous "$OUT/results.json" --template-dir "$TD" --csv-dialect excel-fr \
	-o "$T_TMP/out2" > "$T_TMP/stdout2" 2> "$T_TMP/stderr2"
check "audit --previous: the results say what changed since" python3 -c "
import json, sys
d = json.load(open('$T_TMP/out2/results.json'))
sys.exit(not ('since' in d and d['since']['score'] is None and d['since']['previous']['score'] is None))"
check_grep "audit --template-dir: the report takes the template's brand" 'Agence de test' "$T_TMP/out2/report.en.html"
check "audit --csv-dialect excel-fr: the CSV starts with a byte order mark" sh -c "head -c 3 '$T_TMP/out2/report.csv' | od -An -tx1 | grep -q 'ef bb bf'"

# the same in French
for f in html md; do
	if "$REMPART" report -r "$OUT/results.json" -f "$f" --lang fr -o "$T_TMP/fr.$f" 2> "$T_TMP/err"; then
		ok "render fr $f"
	else
		not_ok "render fr $f" "$(cat "$T_TMP/err")"
	fi
	check_grep "fr $f: verdict « rien n'a été évalué »" "Rien n('|&#39;)a été évalué" "$T_TMP/fr.$f"
	check_grep "fr $f: pas de score" "pas de score : rien n('|&#39;)a été évalué" "$T_TMP/fr.$f"
	check_nogrep "fr $f: no percentage" '[0-9] %' "$T_TMP/fr.$f"
done
check_grep "fr md: singular 'cible' for one target" "Cible auditée entièrement : 0 sur 1 ; en partie : 0 ; pas du tout : 1\." "$T_TMP/fr.md"

# audit --lang fr: the collection's warning and the report's path in French
"$REMPART" audit -t "auditor@127.0.0.1:$PORT" -b anssi-bp028-minimal \
	--known-hosts "$T_TMP/known_hosts" --connect-timeout 3 --lang fr \
	-o "$T_TMP/out3" > "$T_TMP/stdout3" 2> "$T_TMP/stderr3"
check_grep "audit --lang fr: the target's warning in French" "^rempart: avertissement : '127\.0\.0\.1': injoignable : connexion impossible à « 127\.0\.0\.1 » port $PORT : connexion refusée$" "$T_TMP/stderr3"
check_nogrep "audit --lang fr: no English warning" 'warning:|cannot connect|Connection refused' "$T_TMP/stderr3"
check_grep "audit --lang fr: the report's path in French" "^rapport : $T_TMP/out3/report.fr.html$" "$T_TMP/stdout3"
t_done
