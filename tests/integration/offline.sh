#!/bin/bash
# offline.sh -- end to end without network: fixtures -> evidence bundle ->
# evaluate -> report, plus the manifest, determinism, exit codes and XML
# safety. Needs only the built binary.
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures
EV=$T_TMP/ev
BL="-b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened"

cp -r "$FX/bundle" "$EV"
check "seal a hand-made bundle" "$REMPART" evidence seal "$EV"
check "a sealed bundle verifies" "$REMPART" evidence verify "$EV"

# shellcheck disable=SC2086
check_rc "evaluate: a target not audited gives exit 3" 3 \
	"$REMPART" evaluate -e "$EV" $BL --waivers "$FX/waivers.xml" \
	--incident "$FX/incident.xml" -o "$T_TMP/r1.json"
results_lines "$T_TMP/r1.json" > "$T_TMP/got.txt"
check_same "exact pass/fail set on the fixtures" "$FX/expected-results.txt" "$T_TMP/got.txt"
python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["target"] == "dc1" and r["check"] in ("AD-PRV-021", "AD-PRV-022", "AD-ACL-012"):
        print(r["check"], r.get("observed"))' "$T_TMP/r1.json" > "$T_TMP/meta.txt"
check_grep "member added to Domain Admins in the window, dated by its value metadata" \
	'^AD-PRV-021 Domain Admins: admin2 added 2026-10-05T14:22:10Z$' "$T_TMP/meta.txt"
check_grep "AdminSDHolder ACL changed in the window, dated by replPropertyMetaData (not the domain root, not the GPOs)" \
	'^AD-ACL-012 CN=AdminSDHolder,CN=System,DC=lab,DC=test: nTSecurityDescriptor changed 2026-10-04T22:10:00Z \(version 2\)$' "$T_TMP/meta.txt"
check_grep "delegation flag changed in the window on deleg_user only" \
	'^AD-PRV-022 deleg_user: userAccountControl changed 2026-10-03T01:00:00Z \(version 2\)$' "$T_TMP/meta.txt"

# shellcheck disable=SC2086
"$REMPART" evaluate -e "$EV" $BL --waivers "$FX/waivers.xml" \
	--incident "$FX/incident.xml" -o "$T_TMP/r2.json" 2>/dev/null
check "results.json is byte-identical on a second run" cmp "$T_TMP/r1.json" "$T_TMP/r2.json"
check "every result and plan action has its finding in en and fr, next to the title" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["results"] + [a for a in d["plan"] if a.get("kind") != "hostkey-mismatch"]
assert len(d["results"]) > 0 and len(d["plan"]) > 0
for x in rows:
    k = list(x)
    assert k[k.index("title") + 1] == "finding", (x["check"], k)
    f, t = x["finding"], x["title"]
    assert set(f) == {"en", "fr"} and f["en"] and f["fr"], x["check"]
    assert f["en"] != t["en"] and f["fr"] != t["fr"], x["check"]
r = {(x["target"], x["check"]): x for x in d["results"]}
assert r[("web1", "LNX-SSH-006")]["finding"]["fr"].startswith("SSH propose des algorithmes")
' "$T_TMP/r1.json"

# The manifest lists targets in the order they finished: results sort them.
cp -r "$EV" "$T_TMP/ev-rev"
python3 -c 'import json,sys
p = sys.argv[1] + "/manifest.json"
m = json.load(open(p))
m["targets"].reverse()
json.dump(m, open(p, "w"), indent=2)' "$T_TMP/ev-rev"
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$T_TMP/ev-rev" $BL --waivers "$FX/waivers.xml" \
	--incident "$FX/incident.xml" -o "$T_TMP/r-rev.json" 2>/dev/null
check "targets in id order whatever the manifest's order" cmp "$T_TMP/r1.json" "$T_TMP/r-rev.json"

python3 - "$T_TMP/r1.json" "$EV/manifest.json" > "$T_TMP/fields.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = {(x["target"], x["check"]): x for x in d["results"]}
print("tool", d["tool"]["name"])
print("generated_at", d["generated_at"])
print("baseline", d["baseline"]["id"])
print("incident", d["incident"]["reference"])
print("expired", r[("web1", "LNX-KRN-001")]["waiver"]["expired"])
print("waived_owner", r[("web1", "LNX-SSH-004")]["waiver"]["owner"])
print("override", r[("db1", "LNX-SSH-005")]["expected"])
print("observed", r[("web1", "LNX-SSH-006")]["observed"])
print("refs", " ".join(r[("web1", "LNX-SSH-001")]["references"]))
print("total", d["summary"]["overall"]["total"])
print("web1_fail", d["summary"]["targets"]["web1"]["by_status"]["fail"])
print("app1", [t["status"] for t in d["targets"] if t["id"] == "app1"][0])
hk = d["plan"][0]
print("plan_hostkey", hk["rank"], hk["kind"], hk["phase"], hk["severity"], ",".join(hk["targets"]), ",".join(hk["objects"]))
p = [a for a in d["plan"] if a["kind"] == "check"]
print("plan_first", p[0]["rank"], p[0]["phase"], p[0]["check"], p[0]["score"])
c = d["summary"]["coverage"]
print("coverage", c["verdict"], c["targets"]["full"], c["targets"]["partial"], c["targets"]["none"],
      c["checks"]["not_assessed"], c["score"]["compliant"], c["score"]["not_compliant"], c["score"]["not_assessed"])
print("coverage_app1", [(x["coverage"], x["cause"]) for x in c["per_target"] if x["target"] == "app1"][0])
print("plan_phases", " ".join(sorted(set(a["phase"] for a in p))))
print("plan_actions", len(p), sum(len(a["targets"]) for a in p))
print("evidence_partial", d["evidence"]["partial"], json.load(open(sys.argv[2]))["partial"])
print("plan_ranks", [a["rank"] for a in d["plan"]] == list(range(1, len(d["plan"]) + 1)))
print("plan_hostkey_twice", [a["check"] for a in p if "app1" in a["targets"] and a["check"] == "LNX-SSH-007"])
fp = {t["id"]: t["footprint"] for t in d["targets"]}
print("footprint_web1", " | ".join("%s %s %s %s" % (x["kind"], x["account"],
    x["where"], x["detail"]) for x in fp["web1"]))
print("footprint_dc1", len(fp["dc1"]))
print("sudo_001", r[("web1", "LNX-SUDO-001")]["observed"])
lv = {x["baseline"]: x for x in d["levels"]}
for b in ("anssi-bp028-intermediary", "ad-anssi-level-2"):
    x = lv[b]
    print("level", b, x["reference"], x["level"], x["checkpoints"]["cited"],
        x["checkpoints"]["in_reference"], " ".join("%s=%s/%d/%d/%d" % (t,
        v["verdict"], v["reference_checks"]["total"],
        v["reference_checks"]["fail"], v["other_checks"]["total"])
        for t, v in sorted(x["targets"].items())))
print("level_openldap", "openldap-hardened" in lv)
print("maturity", " ".join("%s=%s/%s/%s" % (t, v["maturity"]["level"],
    v["maturity"]["of"], v["maturity"]["limited_by"]) for b in
    ("anssi-bp028-intermediary", "ad-anssi-level-2")
    for t, v in sorted(lv[b]["targets"].items())))
PY
check_grep "results: tool name" '^tool rempart$' "$T_TMP/fields.txt"
check_grep "results: time comes from the evidence" '^generated_at 2026-11-20T09:00:02Z$' "$T_TMP/fields.txt"
check_grep "results: first baseline" '^baseline anssi-bp028-intermediary$' "$T_TMP/fields.txt"
check_grep "results: incident reference" '^incident CERT-SANTE-2026-0042$' "$T_TMP/fields.txt"
check_grep "an expired waiver is flagged and does not hide" '^expired True$' "$T_TMP/fields.txt"
check_grep "a valid waiver keeps its owner" '^waived_owner .+' "$T_TMP/fields.txt"
check_grep "baseline override of the expected value" '^override 3$' "$T_TMP/fields.txt"
check_grep "observed lists the offending values" '^observed 3des-cbc, aes128-cbc, aes256-cbc$' "$T_TMP/fields.txt"
check_grep "references written scheme:id" 'anssi-bp028:R33 cis-debian12:5.1.20' "$T_TMP/fields.txt"
check_grep "summary counts" '^total 598$' "$T_TMP/fields.txt"
check_grep "per-target summary" '^web1_fail 96$' "$T_TMP/fields.txt"
check_grep "target status kept" '^app1 hostkey-mismatch$' "$T_TMP/fields.txt"
check_grep "plan: a changed host key comes first, in confinement" '^plan_hostkey 1 hostkey-mismatch immediate critical app1 ssh-ed25519 SHA256:BBBB$' "$T_TMP/fields.txt"
check_grep "plan: then confinement, highest score" '^plan_first 2 immediate AD-SIDH-002 60.0$' "$T_TMP/fields.txt"
check_grep "coverage: partial, 1 full, 3 partly (accounts without a last-change day are not dated), 1 not at all; errors count against the score" '^coverage partial 1 3 1 166 49.1 22.6 28.4$' "$T_TMP/fields.txt"
check_grep "coverage: the changed host key is why app1 was not audited" "^coverage_app1 \('none', 'hostkey-mismatch'\)$" "$T_TMP/fields.txt"
check_grep "plan: phases" '^plan_phases immediate long-term medium-term quick-wins remediation$' "$T_TMP/fields.txt"
# 132 failed results, LNX-SSH-007 on app1 folded into the host key action
check_grep "plan: one action per failed check, the host key's folded" '^plan_actions 131 131$' "$T_TMP/fields.txt"
check_grep "plan: the changed host key is one action, LNX-SSH-007 adds none for app1" '^plan_hostkey_twice \[\]$' "$T_TMP/fields.txt"
check_grep "evidence.partial: true when a target could not be collected (app1), though the manifest was not interrupted" '^evidence_partial True False$' "$T_TMP/fields.txt"
check_grep "plan: ranks are 1..n without a gap" '^plan_ranks True$' "$T_TMP/fields.txt"
check_grep "footprint: the audit's login key and its own sudo rule" \
	"^footprint_web1 login-key auditor None None \| sudo-rule auditor /etc/sudoers.d/auditor auditor ALL=\(ALL\) NOPASSWD: ALL$" "$T_TMP/fields.txt"
check_grep "footprint: none on a directory target" '^footprint_dc1 0$' "$T_TMP/fields.txt"
# levels: BP-028 conformity on the BP-028 checks of the level only, the
# post-incident and other checks apart, with the reference's coverage
check_grep "level: BP-028 intermediary, 36 of its 40 R cited, db1 reached, web1 not, app1 not assessed" \
	'^level anssi-bp028-intermediary anssi-bp028 intermediary 36 40 app1=not-assessed/101/0/62 db1=reached/101/0/62 web1=not-reached/101/66/62$' "$T_TMP/fields.txt"
check_grep "maturity over every level of the reference: db1 reaches intermediary, enhanced (evaluated apart) fails; AD up to level 5" \
	'^maturity app1=0/3/no-pass db1=2/3/fail web1=0/3/fail dc1=0/5/fail$' "$T_TMP/fields.txt"
# the checks above the baseline's level are evaluated for the maturity only
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$EV" -b anssi-bp028-minimal -o "$T_TMP/rmin.json" 2>/dev/null
python3 - "$T_TMP/rmin.json" > "$T_TMP/min.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("baselines", sorted(set(r["baseline"] for r in d["results"])))
print("levels", sorted(set(r["level"] for r in d["results"] if r["level"])))
print("plan-levels-ok", all(a["check"] is None or any(r["check"] == a["check"]
    and r["level"] == "minimal" for r in d["results"]) for a in d["plan"]))
m = d["levels"][0]["targets"]["db1"]["maturity"]
print("db1", m["level"], m["of"], m["limited_by"], m.get("ladder"))
PY
check_grep "minimal baseline: only its own checks are results" "^baselines \['anssi-bp028-minimal'\]$" "$T_TMP/min.txt"
check_grep "minimal baseline: no result of a higher level" "^levels \['minimal'\]$" "$T_TMP/min.txt"
check_grep "minimal baseline: the plan holds only its checks" "^plan-levels-ok True$" "$T_TMP/min.txt"
check_grep "minimal baseline: db1's maturity still sees intermediary reached and enhanced failing" \
	"^db1 2 3 fail anssi-bp028-enhanced$" "$T_TMP/min.txt"
# a level whose probes are not in the evidence: said, with what to collect
python3 - "$T_TMP/rmin.json" "$T_TMP/rnc.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["levels"][0]["targets"]["db1"]["maturity"]
m["limited_by"] = "not-collected"
json.dump(d, open(sys.argv[2], "w"))
PY
for lang in en fr; do
	"$REMPART" report -r "$T_TMP/rnc.json" -f md --lang "$lang" -o "$T_TMP/rnc.$lang.md" 2>/dev/null
done
check_grep "maturity not collected (en): at least the level reached, what to collect" \
	'at least intermediary; level enhanced and above not evaluated: their probes were not collected \(collect again with anssi-bp028-enhanced\)' "$T_TMP/rnc.en.md"
check_grep "maturity not collected (fr)" \
	'au moins intermédiaire ; niveau renforcé et au-delà non évalués : leurs sondes n.ont pas été collectées \(collecter de nouveau avec anssi-bp028-enhanced\)' "$T_TMP/rnc.fr.md"
check_grep "level: ANSSI AD level 2, 52 of 56 checkpoints cited, post-incident checks apart" \
	'^level ad-anssi-level-2 anssi-ad 2 52 56 dc1=not-reached/62/21/20$' "$T_TMP/fields.txt"
check_grep "level: none for a baseline without a reference" '^level_openldap False$' "$T_TMP/fields.txt"
check_grep "sudo: a rule shared with another account still fails, the audit's own is left out and named" \
	"^sudo_001 1: /etc/sudoers.d/deploy: auditor,deploy .*\(left out, the audit account 'auditor' alone: /etc/sudoers.d/auditor: " "$T_TMP/fields.txt"


# --fail-on on a fully audited bundle
mkdir -p "$T_TMP/ev2/targets"
cp -r "$FX/bundle/targets/db1" "$FX/bundle/targets/web1" "$T_TMP/ev2/targets/"
"$REMPART" evidence seal "$T_TMP/ev2" >/dev/null
check_rc "no --fail-on: exit 0 despite findings" 0 "$REMPART" evaluate -e "$T_TMP/ev2" -b anssi-bp028-minimal -o "$T_TMP/r3.json"
check_rc "--fail-on critical with critical findings: exit 1" 1 "$REMPART" evaluate -e "$T_TMP/ev2" -b anssi-bp028-minimal --fail-on critical -o "$T_TMP/r3.json"
check_rc "bad --fail-on: exit 2" 2 "$REMPART" evaluate -e "$T_TMP/ev2" -b anssi-bp028-minimal --fail-on severe -o "$T_TMP/r3.json"
check_rc "unknown baseline: exit 2" 2 "$REMPART" evaluate -e "$T_TMP/ev2" -b no-such-baseline -o "$T_TMP/r3.json"
check_rc "missing -e: exit 2" 2 "$REMPART" evaluate -b anssi-bp028-minimal

# reports
for lang in en fr; do
	for f in html md json csv junit; do
		check "report $f in $lang" "$REMPART" report -r "$T_TMP/r1.json" -f "$f" --lang "$lang" -o "$T_TMP/report.$lang.$f"
	done
done
check_grep "md report has the findings" 'LNX-ACC-001' "$T_TMP/report.en.md"
check_grep "md report in French" 'Constats' "$T_TMP/report.fr.md"
check_grep "md report has the plan by phase" '^### Immédiat : confinement' "$T_TMP/report.fr.md"
check_grep "md report names the incident" 'CERT-SANTE-2026-0042' "$T_TMP/report.fr.md"
# one answer to "was this target fully audited", from the coverage
check_grep "html: a target's status is its coverage, with its checks not assessed" \
	'<tr id="t-app1">.*</span></td><td>non auditée · 162 contrôles non évalués<br/>' "$T_TMP/report.fr.html"
check_grep "html: a partly audited target says so in its row" \
	'<tr id="t-dc1">.*</span></td><td>auditée en partie · [0-9]+ contrôles? non évalués?' "$T_TMP/report.fr.html"
check_nogrep "html: no target row says merely audited" '<tr id="t-[^"]*">.*</span></td><td>auditée(<|$)' "$T_TMP/report.fr.html"
check_grep "md: the targets table gives the same status" '^\| app1 \| Linux \| not audited · 162 checks not assessed \|' "$T_TMP/report.en.md"
check_grep "md: the coverage list counts the checks not assessed" '^- dc1: partly audited · [0-9]+ checks? not assessed · ' "$T_TMP/report.en.md"
check_grep "html: the host key action is in the target's row" '<tr id="t-app1">.*<td><a href="#a-1">1</a></td></tr>' "$T_TMP/report.fr.html"
# the headline answers "could the attacker still be there?" first
n=$(python3 -c 'import json,sys; print(sum(a["phase"] == "immediate" for a in json.load(open(sys.argv[1]))["plan"]))' "$T_TMP/r1.json")
check_grep "html: the headline counts the confinement actions first" \
	"<p class=\"verdict verdict-partial\">$n actions de confinement : l&#39;attaquant peut encore être présent. Tout n" "$T_TMP/report.fr.html"
check_grep "md: the headline counts the confinement actions first" "^\*\*$n confinement actions: the attacker may still be present. Not everything" "$T_TMP/report.en.md"
check "html: the topic table shows labels, sorted, no raw module name" python3 -c '
import re, sys
for lang, head in (("fr", "Thème"), ("en", "Topic")):
    h = open(sys.argv[1] % lang).read()
    t = h[h.index("<h3>%s</h3>" % head):]
    t = t[:t.index("</table>")]
    rows = re.findall(r"<tr><td>([^<]*)</td>", t)
    assert len(rows) >= 10, rows
    assert rows == sorted(rows), rows
    assert not [r for r in rows if "/" in r], rows
' "$T_TMP/report.%s.html"
check_grep "md: a remediation is pasteable from the raw file (&& as written)" '^\*\*Remediation\*\*: .*sshd -t && systemctl reload ssh' "$T_TMP/report.en.md"
check_nogrep "md: no HTML entity in a remediation" '^\*\*(Remediation|Remédiation)\*\*: .*&(amp|gt|lt);' "$T_TMP/report.en.md"
check_nogrep "md: no HTML entity in a French remediation" '^\*\*Remédiation\*\*: .*&(amp|gt|lt);' "$T_TMP/report.fr.md"
# a date given as a day is the whole day: shown as a day
check_grep "html: a remediation date given as a day is a day" '<th>Remédiation terminée</th><td>5 nov. 2026</td>' "$T_TMP/report.fr.html"
check_grep "html: a date with a time keeps it" '<th>Confinement</th><td>10 oct. 2026, 18:00 UTC</td>' "$T_TMP/report.fr.html"
check_grep "md: header with detection as a day" '^- \*\*Detection\*\*: 9 Oct 2026$' "$T_TMP/report.en.md"
check_grep "md: header with containment" '^- \*\*Containment\*\*: 10 Oct 2026, 18:00 UTC$' "$T_TMP/report.en.md"
check_grep "md: header with the compromised accounts and hosts, separated" '^- \*\*Known compromised accounts and hosts\*\*: svc-backup, web1$' "$T_TMP/report.en.md"
check_grep "html: compromised accounts and hosts separated" '<td>svc-backup, web1</td>' "$T_TMP/report.fr.html"
check_grep "md report: the audit's footprint, to remove" '^- web1: sudo rule for auditor in /etc/sudoers.d/auditor: auditor ALL=\(ALL\) NOPASSWD: ALL$' "$T_TMP/report.en.md"
check_grep "md report: the audit's footprint in French" '^## Traces de l.audit$' "$T_TMP/report.fr.md"
check_grep "html report: the audit's footprint" '<h2 id="footprint">Traces de l.{1,6}audit</h2>' "$T_TMP/report.fr.html"
check_grep "html report: the footprint's items" '<td>web1</td><td>authorized key of auditor' "$T_TMP/report.en.html"
check "html report is well-formed (polyglot XHTML)" xmllint --noout "$T_TMP/report.fr.html"
check_grep "html report: hostile value escaped" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "$T_TMP/report.en.html"
check_nogrep "html report: no live script element" '<script' "$T_TMP/report.en.html"
check_nogrep "html report: no external resource" '(src|<link[^>]*href)="(https?:)?//' "$T_TMP/report.en.html"
check_grep "html report: references are links" '<a href="https://attack.mitre.org/techniques/T[0-9]+/[0-9]+/"><code>attack:T' "$T_TMP/report.en.html"
check_grep "html report: plan and French headings" 'Plan de remédiation et de durcissement' "$T_TMP/report.fr.html"
check_grep "html report: expired waiver flagged" 'EXPIRED: finding again' "$T_TMP/report.en.html"
awk '/^```/ { f = !f; next } !f' "$T_TMP/report.en.md" > "$T_TMP/md-prose.txt"
check_nogrep "md report: no live script element outside code blocks" '<script' "$T_TMP/md-prose.txt"
check_grep "md report: hostile value kept visible in a code block" '^666\|0\|0\|/etc/cron.d/<script>alert' "$T_TMP/report.en.md"
check_grep "csv report: formula neutralised" "\"'=cmd\\|" "$T_TMP/report.en.csv"
check_nogrep "csv report: no cell starts with a formula" '(^|,)"[=+@-]' "$T_TMP/report.en.csv"
check "json report parses" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T_TMP/report.en.json"
check "results.json valid against docs/results.schema.json" python3 "$SRCDIR/tests/integration/results-schema.py" "$SRCDIR/docs/results.schema.json" "$T_TMP/r1.json"

# a check's finding title (what is wrong) replaces its title wherever a
# finding is listed: plan, per-target list, JUnit failure, CSV, JSON
python3 - "$T_TMP/r1.json" "$T_TMP/rf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = {"en": "Other accounts than root have user id 0",
     "fr": "D'autres comptes que root ont l'identifiant 0"}
for x in d["results"] + d["plan"]:
    if x.get("check") == "LNX-ACC-001":
        x["finding"] = f
json.dump(d, open(sys.argv[2], "w"))
PY
for f in html md junit csv json; do
	"$REMPART" report -r "$T_TMP/rf.json" -f "$f" --lang fr -o "$T_TMP/rf.$f"
done
"$REMPART" report -r "$T_TMP/rf.json" -f junit --lang en -o "$T_TMP/rf.en.junit"
check_grep "finding title: in the plan" '<code>LNX-ACC-001</code> D&#39;autres comptes que root ont l&#39;identifiant 0 <span' "$T_TMP/rf.html"
check_grep "finding title: in the per-check Markdown block" '^### \[critique\] LNX-ACC-001: D.autres comptes que root ont l.identifiant 0' "$T_TMP/rf.md"
check_grep "finding title: in the JUnit failure" 'name="LNX-ACC-001"><failure type="critical" message="Other accounts than root have user id 0: ' "$T_TMP/rf.en.junit"
check_grep "finding title: in the CSV row of the failure" '^"web1","LNX-ACC-001","fail",.*"D.autres comptes que root ont l.identifiant 0"' "$T_TMP/rf.csv"
check_nogrep "finding title: the compliant title is not listed as a problem" 'Seul root a l&#39;identifiant 0' "$T_TMP/rf.html"
check_grep "junit: test names are check ids, whatever the language" 'testcase classname="linux/accounts" name="LNX-ACC-001">' "$T_TMP/rf.junit"

# the plan as a spreadsheet: one row per action, owner/due date/status left
# empty; the French Excel dialect: byte order mark, semicolons, French headers
"$REMPART" report -r "$T_TMP/r1.json" -f plan-csv --lang en -o "$T_TMP/plan.csv"
"$REMPART" report -r "$T_TMP/r1.json" -f plan-csv --lang fr --csv-dialect excel-fr -o "$T_TMP/plan.fr.csv"
"$REMPART" report -r "$T_TMP/r1.json" -f csv --lang fr --csv-dialect excel-fr -o "$T_TMP/report.xl.csv"
check "plan csv: one row per action, in rank order, client columns empty" python3 -c "
import csv, json, sys
plan = json.load(open('$T_TMP/r1.json'))['plan']
rows = list(csv.DictReader(open('$T_TMP/plan.csv', newline='')))
sys.exit(not (len(rows) == len(plan) and [int(r['rank']) for r in rows] == [a['rank'] for a in plan]
    and all(r['owner'] == r['due_date'] == r['status'] == '' for r in rows)
    and rows[0]['target_list'] == 'app1' and rows[0]['objects'] == 'ssh-ed25519 SHA256:BBBB'))"
check "excel-fr: byte order mark, semicolons, French headers and labels" python3 -c "
import csv, sys
raw = open('$T_TMP/plan.fr.csv', 'rb').read()
rows = list(csv.reader(raw[3:].decode('utf-8').splitlines(), delimiter=';'))
sys.exit(not (raw.startswith(b'\xef\xbb\xbf') and rows[0][:3] == ['Rang', 'Phase du plan', 'Sévérité']
    and rows[0][-3:] == ['Responsable', 'Échéance', 'Statut'] and rows[1][2] == 'critique'))"
check "excel-fr results csv: statuses and reasons in French" python3 -c "
import csv, sys
raw = open('$T_TMP/report.xl.csv', 'rb').read()
rows = list(csv.DictReader(raw[3:].decode('utf-8').splitlines(), delimiter=';'))
r = [x for x in rows if x['Cible'] == 'app1' and x['Contrôle'] == 'LNX-ACC-001'][0]
sys.exit(not (r['Statut'] == 'non évalué' and r['Raison'] == 'cible non auditée (clé d\'hôte changée)'
    and r['Couverture de la cible'] == 'non auditée'))"
# an audit refused before collecting leaves no empty OUTDIR behind
check_rc "audit: unknown baseline, exit 2" 2 "$REMPART" audit -t auditor@127.0.0.1:9 -b anssi-bp28-minimal -o "$T_TMP/o-bl"
check_grep "audit: unknown baseline, the closest id suggested" "unknown baseline 'anssi-bp28-minimal'; did you mean anssi-bp028-minimal\?" "$T_TMP/stderr"
check "audit: unknown baseline, no OUTDIR left" test ! -e "$T_TMP/o-bl"
check_rc "audit: a prefix suggests every baseline it starts" 2 "$REMPART" audit -t auditor@127.0.0.1:9 -b anssi-bp028 -o "$T_TMP/o-bl"
check_grep "audit: a prefix suggests the ids it starts" "did you mean anssi-bp028-enhanced, anssi-bp028-intermediary, anssi-bp028-minimal\?" "$T_TMP/stderr"
printf 'garbage [\n' > "$T_TMP/bad-inv.ini"
check_rc "audit: bad inventory, exit 2" 2 "$REMPART" audit -i "$T_TMP/bad-inv.ini" -b anssi-bp028-minimal -o "$T_TMP/o-inv"
check "audit: bad inventory, no OUTDIR left" test ! -e "$T_TMP/o-inv"
mkdir "$T_TMP/o-mine" && touch "$T_TMP/o-mine/keep"
check_rc "audit: bad inventory in an existing OUTDIR, exit 2" 2 "$REMPART" audit -i "$T_TMP/bad-inv.ini" -b anssi-bp028-minimal -o "$T_TMP/o-mine"
check "audit: an OUTDIR that existed is left as it was" test -f "$T_TMP/o-mine/keep"
check_grep "html: the TOC entry is named as its heading" '<a href="#gaps">Ce qui n.{1,6}a pas pu être audité</a>' "$T_TMP/report.fr.html"
check_grep "html: with waivers, the gaps section starts its own page" '<h2 id="gaps">' "$T_TMP/report.fr.html"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
for r in d['results']:
    r.pop('waiver', None)
json.dump(d, open(sys.argv[2], 'w'))" "$T_TMP/r1.json" "$T_TMP/nowaiver.json"
"$REMPART" report -r "$T_TMP/nowaiver.json" -f html --lang fr -o "$T_TMP/nowaiver.html"
check_grep "html: no waiver, one line" '<p>Aucune dérogation.</p>' "$T_TMP/nowaiver.html"
check_grep "html: after a one-line waivers section, no new page" '<h2 id="gaps" class="follows">' "$T_TMP/nowaiver.html"
check_grep "html: the print style keeps it on the page" 'h2\.follows \{ page-break-before: auto; \}|h2\.follows' "$T_TMP/nowaiver.html"
check_grep "html: levels table says not assessed" 'Contrôles du référentiel : conformes / non conformes / non évalués' "$T_TMP/report.fr.html"
# report's errors: what is wrong, exit 2
check_rc "report -r on a missing file: exit 2" 2 "$REMPART" report -r "$T_TMP/nope.json"
check_grep "report -r on a missing file: said, without a line number" "cannot read '$T_TMP/nope.json': no such file" "$T_TMP/stderr"
check_nogrep "report -r on a missing file: no ':-1:'" ':-1:' "$T_TMP/stderr"
printf '[web]\nh1 address=192.0.2.1\n' > "$T_TMP/inv.ini"
check_rc "report -r on an inventory: exit 2" 2 "$REMPART" report -r "$T_TMP/inv.ini"
check_grep "report -r on an inventory: not a rempart results file" 'inv.ini: not a rempart results file \(not JSON' "$T_TMP/stderr"
echo '{"a":' > "$T_TMP/cut.json"
check_rc "report -r on cut JSON: exit 2" 2 "$REMPART" report -r "$T_TMP/cut.json"
check_grep "report -r on cut JSON: not a results file, with the line" 'cut.json:2: not a rempart results file \(invalid JSON' "$T_TMP/stderr"
check_rc "report -o into a missing directory: exit 2" 2 "$REMPART" report -r "$T_TMP/r1.json" -o "$T_TMP/missing/dir/f.md"
check_grep "report -o into a missing directory: names it" "no directory '$T_TMP/missing/dir'" "$T_TMP/stderr"
"$REMPART" report --help > "$T_TMP/help.txt" 2>&1
check_nogrep "report --help: no --fail-on, no exit code report never gives" '(fail-on|^  [13] )' "$T_TMP/help.txt"
check_grep "report --help: its exit codes" '^  2  bad usage' "$T_TMP/help.txt"
check_rc "csv: unknown dialect refused" 2 "$REMPART" report -r "$T_TMP/r1.json" -f csv --csv-dialect excel-de

# results without coverage (an older rempart): no score, no claim either way
python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); del d['summary']['coverage']
json.dump(d, open(sys.argv[2], 'w'))" "$T_TMP/r1.json" "$T_TMP/old.json"
"$REMPART" report -r "$T_TMP/old.json" -f html --lang en -o "$T_TMP/old.html"
check_grep "no coverage recorded: said, and no score" '<div class="v">—</div><div class="l">no score: coverage unknown' "$T_TMP/old.html"
check_grep "no coverage recorded: the verdict says so" 'class="verdict verdict-unknown">[0-9]+ confinement actions: the attacker may still be present. Coverage unknown' "$T_TMP/old.html"

check "junit is well-formed XML" xmllint --noout "$T_TMP/report.en.junit"
check_grep "junit has one testcase per target x check" 'testcase classname="linux/ssh" name="LNX-SSH-001' "$T_TMP/report.en.junit"
n=$(grep '<testcase ' "$T_TMP/report.en.junit" | grep -vc 'classname="coverage"')
if [ "$n" = 598 ]; then ok "junit: 598 test cases"; else not_ok "junit: 598 test cases" "got $n"; fi
check_rc "report: unknown format: exit 2" 2 "$REMPART" report -r "$T_TMP/r1.json" -f pdf
check_rc "report: not a results file: exit 2" 2 "$REMPART" report -r "$FX/incident.xml"

# tampering
cp -r "$EV" "$T_TMP/tampered"
printf 'permitrootlogin no\n' > "$T_TMP/tampered/targets/web1/probes/linux.sshd-config.out"
check_rc "verify detects a changed file" 2 "$REMPART" evidence verify "$T_TMP/tampered"
check_rc "evaluate refuses a tampered bundle" 2 "$REMPART" evaluate -e "$T_TMP/tampered" -b anssi-bp028-minimal -o "$T_TMP/x.json"
"$REMPART" evidence verify "$T_TMP/tampered" > "$T_TMP/verify.txt" 2>&1
check_grep "verify names the changed file" '^changed +targets/web1/probes/linux.sshd-config.out' "$T_TMP/verify.txt"
cp -r "$EV" "$T_TMP/added"; echo x > "$T_TMP/added/targets/db1/probes/extra.out"
"$REMPART" evidence verify "$T_TMP/added" > "$T_TMP/verify2.txt" 2>&1
check_grep "verify names an added file" '^added +targets/db1/probes/extra.out' "$T_TMP/verify2.txt"
cp -r "$EV" "$T_TMP/missing"; rm "$T_TMP/missing/targets/db1/probes/linux.passwd.out"
"$REMPART" evidence verify "$T_TMP/missing" > "$T_TMP/verify3.txt" 2>&1
check_grep "verify names a missing file" '^missing +targets/db1/probes/linux.passwd.out' "$T_TMP/verify3.txt"

# XML safety and error messages
check_rc "baseline validate: shipped files are valid" 0 "$REMPART" baseline validate "$FX/waivers.xml" "$FX/incident.xml"
for bad in "$FX"/bad-xml/*.xml; do
	want=$(sed -n 's/^<!-- expect: \(.*\) -->$/\1/p' "$bad")
	"$REMPART" baseline validate "$bad" > /dev/null 2> "$T_TMP/err.txt"
	rc=$?
	if [ "$rc" = 2 ] && grep -qF -- "$want" "$T_TMP/err.txt"; then ok "rejects $(basename "$bad")"
	else not_ok "rejects $(basename "$bad")" "exit $rc: $(cat "$T_TMP/err.txt") (wanted: $want)"; fi
done

# checks and baselines CLI
"$REMPART" checks list --format json > "$T_TMP/checks.json"
check "checks list --format json parses" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert all(':' in r for c in d for r in c['references'])" "$T_TMP/checks.json"
"$REMPART" checks show LNX-SSH-001 --format json > "$T_TMP/show.json"
check_grep "checks show has fr and en" '"fr": "La connexion SSH directe' "$T_TMP/show.json"
check "checks show has the finding in en and fr" python3 -c "import json,sys; f=json.load(open(sys.argv[1]))['finding']; assert f == {'en': 'SSH accepts root logins', 'fr': 'SSH accepte la connexion directe de root'}, f" "$T_TMP/show.json"
check_rc "checks show unknown id: exit 2" 2 "$REMPART" checks show LNX-NOPE-999
"$REMPART" baseline show anssi-bp028-intermediary > "$T_TMP/bshow.txt"
check_grep "baseline show: inherited check with its level" 'LNX-ACC-001 +critical level=minimal' "$T_TMP/bshow.txt"
check_grep "baseline show: override marked" 'LNX-SSH-005 .*expected=3 +\(overridden\)' "$T_TMP/bshow.txt"
check "every subcommand has --help" sh -c "for c in audit collect evaluate report checks baseline evidence; do '$REMPART' \$c --help | grep -q Example || exit 1; done"
check_grep "--version" "^rempart [0-9]" <("$REMPART" --version)

# --previous: what changed since an earlier audit
python3 - "$T_TMP/r1.json" "$T_TMP/prev.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    if (r["target"], r["check"]) == ("web1", "LNX-ACC-001"):
        r["observed"] = "toor"                # a new uid 0 account appeared since
    if (r["target"], r["check"]) == ("db1", "LNX-SSH-001"):
        r["status"] = "fail"                  # fixed since
    if (r["target"], r["check"]) == ("web1", "LNX-SSH-002"):
        r["status"] = "pass"                  # regressed since
json.dump(d, open(sys.argv[2], "w"))
PY
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$EV" $BL --waivers "$FX/waivers.xml" --incident "$FX/incident.xml" \
	--previous "$T_TMP/prev.json" -o "$T_TMP/since.json" 2>/dev/null
python3 - "$T_TMP/since.json" > "$T_TMP/since.txt" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["since"]
print("counts", s["counts"]["fixed"], s["counts"]["regressed"], s["counts"]["new"])
for i in s["items"]:
    print(i["change"], i["target"], i["check"], "|".join(i.get("appeared", [])))
PY
check_grep "--previous: fixed, regressed, new counted" '^counts 1 1 0$' "$T_TMP/since.txt"
check_grep "--previous: a fixed finding" '^fixed db1 LNX-SSH-001' "$T_TMP/since.txt"
check_grep "--previous: a regression" '^regressed web1 LNX-SSH-002' "$T_TMP/since.txt"
check_grep "--previous: the item that appeared in a still-open finding" "^still-open web1 LNX-ACC-001 =cmd" "$T_TMP/since.txt"
"$REMPART" report -r "$T_TMP/since.json" -f md --lang fr -o "$T_TMP/since.md"
check_grep "report: the section since the last audit" '^## Depuis le dernier audit' "$T_TMP/since.md"
check_rc "--previous: not a results file" 2 "$REMPART" evaluate -e "$EV" -b anssi-bp028-minimal --previous "$FX/waivers.xml" -o "$T_TMP/x.json"
# a part of the estate (report --limit) is no earlier run of the whole:
# every other target's finding would be called new
"$REMPART" report -r "$T_TMP/r1.json" -f json --limit db1 -o "$T_TMP/part.json"
check_rc "--previous: a part (report --limit) is refused against the whole" 2 \
	"$REMPART" evaluate -e "$EV" -b anssi-bp028-minimal --previous "$T_TMP/part.json" -o "$T_TMP/x.json"
"$REMPART" evaluate -e "$EV" -b anssi-bp028-minimal --previous "$T_TMP/part.json" -o "$T_TMP/x.json" 2> "$T_TMP/part.err"
check_grep "--previous: the refusal names the part" "is a part of an estate \\(--limit 'db1', 1 of 5 targets\\)" "$T_TMP/part.err"
check_rc "--previous: a part against the same part is compared" 0 \
	"$REMPART" evaluate -e "$EV" -b anssi-bp028-minimal --limit db1 --previous "$T_TMP/part.json" -o "$T_TMP/x.json"

# a results file from elsewhere whose identifiers carry markup is refused
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["results"][0]["check"]="<img src=x onerror=alert(1)>"; json.dump(d,open(sys.argv[2],"w"))' \
	"$T_TMP/r1.json" "$T_TMP/forged.json"
check_rc "report: forged identifiers in a results file are refused" 2 "$REMPART" report -r "$T_TMP/forged.json" -f html
check_rc "--previous: forged identifiers are refused too" 2 "$REMPART" evaluate -e "$EV" -b anssi-bp028-minimal --previous "$T_TMP/forged.json" -o "$T_TMP/x.json"

# --previous DIR: an earlier evidence bundle of the incident. Two small
# bundles of dc1: the earlier one as collected on 2026-11-20 (krbtgt key
# version 2, password of 2020), a later one on 2026-11-25 after resets on
# 2026-11-21 (version 4, or 3 for a single reset).
krbtgt_bundle() { # DIR KVNO STARTED PWDLASTSET
	mkdir -p "$1/targets" && cp -r "$EV/targets/dc1" "$1/targets/"
	python3 - "$1/targets/dc1" "$2" "$3" "$4" <<'PY'
import json, sys
d, kvno, started, pls = sys.argv[1:5]
if pls:
    ldif = ("dn: CN=krbtgt,CN=Users,DC=lab,DC=test\nsAMAccountName: krbtgt\n"
            "pwdLastSet: %s\nmsDS-KeyVersionNumber: %s\n\n" % (pls, kvno))
    open(d + "/probes/ad.krbtgt.ldif", "w").write(ldif)
t = json.load(open(d + "/target.json"))
t["started_at"] = started + "T09:00:00Z"
t["finished_at"] = started + "T09:00:02Z"
for p in t["probes"]:
    if p["id"] == "ad.krbtgt":
        p["bytes"] = len(open(d + "/probes/ad.krbtgt.ldif", "rb").read())
json.dump(t, open(d + "/target.json", "w"), indent=2)
PY
	"$REMPART" evidence seal "$1" >/dev/null
}
krb014() { # RESULTS -> "status | observed" of dc1 AD-KRB-014
	python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if (r["target"], r["check"]) == ("dc1", "AD-KRB-014"):
        print(r["status"], "|", r.get("observed") or r.get("reason") or "")' "$1"
}
FT_1121=134397360000000000	# 2026-11-21T12:00:00Z
krbtgt_bundle "$T_TMP/kv-old" "" 2026-11-20 ""
krbtgt_bundle "$T_TMP/kv-2" 4 2026-11-25 $FT_1121
krbtgt_bundle "$T_TMP/kv-1" 3 2026-11-25 $FT_1121
krbtgt_bundle "$T_TMP/kv-0" 2 2026-11-25 $FT_1121
KB="-b ad-anssi-level-2 --incident $FX/incident.xml"
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$T_TMP/kv-2" $KB -o "$T_TMP/kv-none.json" 2>/dev/null
krb014 "$T_TMP/kv-none.json" > "$T_TMP/kv.txt"
check_grep "krbtgt without an earlier bundle: pwdLastSet after containment, two resets unproven" \
	'^pass \| krbtgt: password set 2026-11-21T12:00:00Z, after the containment .*cannot be proven' "$T_TMP/kv.txt"
for n in 2 1 0; do
	# shellcheck disable=SC2086
	"$REMPART" evaluate -e "$T_TMP/kv-$n" $KB --previous "$T_TMP/kv-old" -o "$T_TMP/kv-$n.json" 2>/dev/null
	krb014 "$T_TMP/kv-$n.json" >> "$T_TMP/kv.txt"
done
check_grep "krbtgt reset twice since the earlier bundle: pass with both key versions" \
	'^pass \| krbtgt: reset 2 times since the earlier audit of 2026-11-20T09:00:00Z \(msDS-KeyVersionNumber 2, now 4\)' "$T_TMP/kv.txt"
check_grep "krbtgt reset once since the earlier bundle: fail" \
	'^fail \| krbtgt: reset only once since the earlier audit of 2026-11-20T09:00:00Z \(msDS-KeyVersionNumber 2, now 3\)' "$T_TMP/kv.txt"
check_grep "krbtgt not reset since the earlier bundle: fail" \
	'^fail \| krbtgt: not reset since the earlier audit .*still 2' "$T_TMP/kv.txt"
python3 -c 'import json,sys
for i in json.load(open(sys.argv[1]))["since"]["items"]: print(i["change"], i["target"], i["check"])' \
	"$T_TMP/kv-2.json" > "$T_TMP/kv-since.txt"
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$T_TMP/kv-2" $KB --previous "$T_TMP/kv-old" -o "$T_TMP/kv-2b.json" 2>/dev/null
check "--previous DIR: results byte-identical on a second run" cmp "$T_TMP/kv-2.json" "$T_TMP/kv-2b.json"
check_grep "--previous DIR: the earlier bundle is evaluated for the comparison too" '^fixed dc1 AD-KRB-014$' "$T_TMP/kv-since.txt"
# shellcheck disable=SC2086
check_rc "--previous DIR: an evidence collected after the one evaluated is refused" 2 \
	"$REMPART" evaluate -e "$T_TMP/kv-old" $KB --previous "$T_TMP/kv-2" -o "$T_TMP/x.json"
check_grep "--previous DIR: the error names the dates" 'not before the one evaluated' "$T_TMP/stderr"
echo "tampered" >> "$T_TMP/kv-old/targets/dc1/probes/ad.krbtgt.ldif"
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$T_TMP/kv-2" $KB --previous "$T_TMP/kv-old" -o "$T_TMP/x.json" 2>"$T_TMP/stderr"
rc=$?
if [ $rc != 0 ] && [ $rc != 1 ] && [ $rc != 3 ]; then ok "--previous DIR: a tampered earlier bundle is refused (exit $rc)"
else not_ok "--previous DIR: a tampered earlier bundle is refused" "exit $rc"; fi

# Proof of run: a Linux bundle whose probes were recorded without it (an
# older rempart, or made by hand) gives no pass and no fail, only errors
mkdir -p "$T_TMP/noproof/targets"
cp -r "$FX/bundle/targets/db1" "$T_TMP/noproof/targets/"
sed -i 's/ *"started": true,//' "$T_TMP/noproof/targets/db1/target.json"
"$REMPART" evidence seal "$T_TMP/noproof" > /dev/null
"$REMPART" evaluate -e "$T_TMP/noproof" -b anssi-bp028-minimal -o "$T_TMP/noproof.json" 2>/dev/null
python3 - "$T_TMP/noproof.json" > "$T_TMP/noproof.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    print(r["status"], r["check"], r.get("reason") or "")
PY
# (LNX-SSH-007 reads no probe: the host key recorded at the login)
grep -v ' LNX-SSH-007 ' "$T_TMP/noproof.txt" > "$T_TMP/noproof-probes.txt"
check_nogrep "no proof of run: no Linux check on a probe passes or fails" '^(pass|fail) LNX-' "$T_TMP/noproof-probes.txt"
check_grep "no proof of run: the reason says so" "^error LNX-ACC-001 probe 'linux.passwd' has no proof that it ran" "$T_TMP/noproof.txt"

t_done
