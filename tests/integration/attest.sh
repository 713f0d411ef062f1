#!/bin/bash
# attest.sh -- the manual checks end to end, offline: the questionnaire
# (rempart attest template), answers fully given, partly given and absent
# judged by evaluate --attestations (the unexpected answer is a finding in
# the plan, no answer is not assessed, "na" needs its reason), and hostile
# or broken answer files refused with the file and line (DOCTYPE, entity,
# unknown or non-manual check, duplicate, bad hash, bad value, oversized).
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures
A=$FX/attestations
EV=$T_TMP/ev
cp -r "$FX/bundle" "$EV"
"$REMPART" evidence seal "$EV" > /dev/null
NMAN=$(grep -c '<check id="MAN-' "$SRCDIR/checks/manual/post-incident.xml")

# 1. the questionnaire
check "template written" "$REMPART" attest template -o "$T_TMP/q.xml" --organisation 'CH <Démo> & "Test"'
n=$(grep -c '<question id="MAN-' "$T_TMP/q.xml")
if [ "$n" = "$NMAN" ] && [ "$n" -ge 20 ]; then ok "one <question> per manual check ($n)"
else not_ok "one <question> per manual check" "$n questions, $NMAN checks"; fi
check "the questionnaire is valid for 'baseline validate'" "$REMPART" baseline validate "$T_TMP/q.xml"
check "the questionnaire is well-formed XML (xmllint)" xmllint --noout "$T_TMP/q.xml"
check_grep "the organisation is escaped" 'organisation="CH &lt;Démo&gt; &amp; &quot;Test&quot;"' "$T_TMP/q.xml"
check_grep "questions in French" '<text lang="fr">Le mot de passe DSRM a-t-il été changé' "$T_TMP/q.xml"
check_grep "what counts as evidence, in English" '<proof lang="en">Per DC: the date of the change' "$T_TMP/q.xml"
cp "$T_TMP/q.xml" "$T_TMP/q.keep"
check_rc "answers are never overwritten" 2 "$REMPART" attest template -o "$T_TMP/q.xml"
check "the file is unchanged" cmp -s "$T_TMP/q.xml" "$T_TMP/q.keep"
check_rc "a baseline without manual checks is refused" 2 "$REMPART" attest template -b anssi-bp028-minimal -o "$T_TMP/none.xml"
"$REMPART" attest check "$T_TMP/q.xml" > "$T_TMP/check.out"
check_grep "attest check: nothing answered yet" "valid, $NMAN questions, 0 answered" "$T_TMP/check.out"
# an unanswered questionnaire given back: every question not assessed
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary --attestations "$T_TMP/q.xml" \
	-o "$T_TMP/blank.json" 2> /dev/null

summary() { # results.json -> counts of the organisation's results
	python3 - "$1" <<'PY'
import json, sys
from collections import Counter
d = json.load(open(sys.argv[1]))
org = [r for r in d["results"] if r["target"] == "organisation"]
c = Counter(r["status"] for r in org)
print("statuses", " ".join("%s=%d" % (k, c[k]) for k in ("pass", "fail", "error", "na")))
for r in org:
    print("result", r["check"], r["status"], r.get("observed") or "-", "|", r.get("reason") or "-")
plan = [a["check"] for a in d.get("plan", []) if "organisation" in [t if isinstance(t, str) else t.get("id") for t in a.get("targets", [])]]
print("plan", " ".join(sorted(plan)))
t = [t for t in d["targets"] if t["id"] == "organisation"]
print("target", t[0]["kind"], t[0]["status"], t[0]["address"] if t else "none")
print("ids", " ".join(x["id"] for x in d["targets"]))
PY
}
summary "$T_TMP/blank.json" > "$T_TMP/blank.txt"
check_grep "blank answers: all not assessed" "^statuses pass=0 fail=0 error=$NMAN na=0\$" "$T_TMP/blank.txt"

# 2. every question answered: 4 "no", 1 "na", the rest "yes"
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary --attestations "$A/answered.xml" \
	-o "$T_TMP/answered.json" 2> /dev/null
summary "$T_TMP/answered.json" > "$T_TMP/answered.txt"
check_grep "answered: 18 pass, 4 fail, 1 na, no error" '^statuses pass=18 fail=4 error=0 na=1$' "$T_TMP/answered.txt"
check_grep "a 'no' is a finding in the plan" '^plan MAN-AD-003 MAN-MFA-002 MAN-NET-001 MAN-SYS-001$' "$T_TMP/answered.txt"
check_grep "who and when in the observed value" '^result MAN-BKP-002 pass answered yes by Jeanne Martin, RSSI on 2026-11-' "$T_TMP/answered.txt"
check_grep "na with its reason" '^result MAN-NET-002 na answered not applicable by' "$T_TMP/answered.txt"
check_grep "the organisation is a target of kind manual" '^target manual ok Centre hospitalier de démonstration$' "$T_TMP/answered.txt"
check_grep "targets stay sorted by id" '^ids app1 db1 dc1 ldap1 organisation web1$' "$T_TMP/answered.txt"
check "the attachment's SHA-256 is in the evidence" python3 -c "
import json, sys
d = json.load(open('$T_TMP/answered.json'))
r = [r for r in d['results'] if r['check'] == 'MAN-BKP-002'][0]
sys.exit(0 if 'pv-restauration-2026-11-24.pdf sha256:' + '3f' * 32 in (r.get('evidence') or '') else 1)"
# every target with a baseline of its kind (a kind left without one is a
# coverage cause the schema does not list yet)
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened \
	--attestations "$A/answered.xml" -o "$T_TMP/all.json" 2> /dev/null
check "results valid against docs/results.schema.json" python3 "$SRCDIR/tests/integration/results-schema.py" \
	"$SRCDIR/docs/results.schema.json" "$T_TMP/all.json"
"$REMPART" attest check "$A/answered.xml" > "$T_TMP/check2.out"
check_grep "attest check counts the answers" "valid, $NMAN questions, $NMAN answered" "$T_TMP/check2.out"

# 3. partly answered: the others are not assessed, and said so
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary --attestations "$A/partial.xml" \
	-o "$T_TMP/partial.json" 2> /dev/null
summary "$T_TMP/partial.json" > "$T_TMP/partial.txt"
check_grep "partial: 15 not assessed" '^statuses pass=7 fail=1 error=15 na=0$' "$T_TMP/partial.txt"
check_grep "partial: the reason" '^result MAN-ACC-002 error - \| not answered in the attestations file$' "$T_TMP/partial.txt"
"$REMPART" report -r "$T_TMP/partial.json" -f md --lang fr -o "$T_TMP/partial.fr.md"
check_grep "partial (fr): not assessed counted in the coverage" 'organisation: auditée en partie · 15 contrôles non évalués' "$T_TMP/partial.fr.md"
check_grep "partial (fr): the reason translated" 'sans réponse dans le fichier de déclarations' "$T_TMP/partial.fr.md"

# 4. absent: the manual baseline without answers
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary -b post-incident-manual \
	-o "$T_TMP/absent.json" 2> /dev/null
summary "$T_TMP/absent.json" > "$T_TMP/absent.txt"
check_grep "absent: every question not assessed" "^statuses pass=0 fail=0 error=$NMAN na=0\$" "$T_TMP/absent.txt"
check_grep "absent: the reason says how to answer" 'not answered: no attestations file \(rempart attest template, then --attestations\)' "$T_TMP/absent.txt"
# without the manual baseline nor answers: no organisation target at all
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary -o "$T_TMP/none.json" 2> /dev/null
check_nogrep "no manual baseline: no organisation target" '"organisation"' "$T_TMP/none.json"

# 5. hostile and broken answer files: refused, file and line named, exit 2
bad() { # NAME FILE EXPECTED-PATTERN
	local rc
	"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary --attestations "$2" \
		-o "$T_TMP/bad.json" > /dev/null 2> "$T_TMP/bad.err"; rc=$?
	if [ $rc = 2 ] && grep -qE -- "$3" "$T_TMP/bad.err"; then ok "$1"
	else not_ok "$1" "exit $rc: $(head -c 300 "$T_TMP/bad.err")"; fi
}
hdr='<?xml version="1.0" encoding="UTF-8"?>'
ns='xmlns="urn:rempart:attestations:1"'
printf '%s\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<attestations %s><question id="MAN-AD-001"><answer value="yes" by="&x;" date="2026-11-20"/></question></attestations>\n' "$hdr" "$ns" > "$T_TMP/xxe.xml"
bad "an external entity (DOCTYPE) is refused" "$T_TMP/xxe.xml" 'xxe.xml:2: DOCTYPE declarations are not allowed'
check_nogrep "nothing of /etc/passwd leaks" 'root:' "$T_TMP/bad.err"
printf '%s\n<attestations %s>\n  <question id="MAN-ZZZ-999"/>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/unknown.xml"
bad "an unknown check is refused with its line" "$T_TMP/unknown.xml" "unknown.xml:3: question 'MAN-ZZZ-999': no such check"
printf '%s\n<attestations %s>\n  <question id="LNX-SSH-001"/>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/notman.xml"
bad "a check that is not manual is refused (schema)" "$T_TMP/notman.xml" 'notman.xml:3: .*LNX-SSH-001'
printf '%s\n<attestations %s>\n  <question id="MAN-AD-001"/>\n  <question id="MAN-AD-001"/>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/dup.xml"
bad "a question given twice is refused" "$T_TMP/dup.xml" 'dup.xml:4: .*(unique|Duplicate)'
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="2026-11-20"><attachment name="a.pdf" sha256="abc"/></answer>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/sha.xml"
bad "an attachment without a SHA-256 is refused" "$T_TMP/sha.xml" 'sha.xml:4: .*sha256'
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="maybe" by="x" date="2026-11-20"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/val.xml"
bad "an answer other than yes, no, na is refused" "$T_TMP/val.xml" 'val.xml:4: .*maybe'
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="someday"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/date.xml"
bad "a date that is not a date is refused" "$T_TMP/date.xml" 'date.xml:4: .*someday'
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" date="2026-11-20"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/who.xml"
bad "an answer without who answered is refused" "$T_TMP/who.xml" "who.xml:4: .*'by'"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n' "$hdr" "$ns" > "$T_TMP/cut.xml"
bad "a truncated file is refused" "$T_TMP/cut.xml" 'cut.xml:[0-9]+:'
{ printf '%s\n<attestations %s>\n<question id="MAN-BKP-002"><answer value="yes" by="x" date="2026-11-20"><evidence>' "$hdr" "$ns"
  head -c 17000000 /dev/zero | tr '\0' 'a'; printf '</evidence></answer></question></attestations>\n'; } > "$T_TMP/big.xml"
bad "an oversized file is refused" "$T_TMP/big.xml" 'big.xml'
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="   " date="2026-11-20"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/blankby.xml"
bad "an answer whose 'by' is blank is refused" "$T_TMP/blankby.xml" "blankby.xml:4: .*who answered"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="2999-01-01"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/future.xml"
bad "an answer dated in the future is refused" "$T_TMP/future.xml" "future.xml:4: .*2999-01-01.*future"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="2026-11-20+14:00"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/tzdate.xml"
bad "a date other than YYYY-MM-DD is refused" "$T_TMP/tzdate.xml" "tzdate.xml:4: .*YYYY-MM-DD"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="12026-11-20"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/longyear.xml"
bad "a five-digit year is refused" "$T_TMP/longyear.xml" "longyear.xml:4: .*YYYY-MM-DD"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="J. Martin \xe2\x80\xaeevil" date="2026-11-20"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/bidiby.xml"
bad "a bidi control in 'by' is refused" "$T_TMP/bidiby.xml" "bidiby.xml:4: .*(bidi|control)"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="2026-11-20">\n      <evidence>ok \xe2\x81\xa6 hidden</evidence>\n    </answer>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/bidiev.xml"
bad "a bidi control in the evidence is refused" "$T_TMP/bidiev.xml" "bidiev.xml:4: .*(bidi|control)"
printf '%s\n<attestations %s>\n  <question id="MAN-BKP-002">\n    <answer value="yes" by="x" date="2026-11-20">\n      <attachment name="a\xc2\x85b.pdf" sha256="%s"/>\n    </answer>\n  </question>\n</attestations>\n' "$hdr" "$ns" "$(printf '%064d' 0)" > "$T_TMP/nelatt.xml"
bad "a C1 control (NEL) in an attachment's name is refused" "$T_TMP/nelatt.xml" "nelatt.xml:4: .*(bidi|control)"
printf '%s\n<attestations %s organisation="CH \xe2\x80\xaeevil">\n  <question id="MAN-BKP-002"/>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/bidiorg.xml"
bad "a bidi control in the organisation is refused" "$T_TMP/bidiorg.xml" "bidiorg.xml:2: .*(bidi|control)"
printf '%s\n<attestations %s>\n  <question id="MAN-NET-002">\n    <answer value="na" by="x" date="2026-11-20"/>\n  </question>\n</attestations>\n' "$hdr" "$ns" > "$T_TMP/na.xml"
"$REMPART" evaluate -e "$EV" -b anssi-bp028-intermediary --attestations "$T_TMP/na.xml" -o "$T_TMP/na.json" 2> /dev/null
summary "$T_TMP/na.json" > "$T_TMP/na.txt"
check_grep "'na' without a reason is not assessed, never a pass" '^result MAN-NET-002 error .*answered not applicable without saying why' "$T_TMP/na.txt"
check_rc "attest check on a bad file: exit 2" 2 "$REMPART" attest check "$T_TMP/unknown.xml"
t_done
