#!/bin/bash
# history.sh -- the history database of sweeps on a real SQLite file:
# three evaluations of the fixture bundle with changes in between (a fix,
# a new finding, a waiver that expires, then a regression), the trend,
# diff, show and prune commands, the "history" section of results.json,
# the schema version (a version 1 file from a committed dump opens, a newer
# version and other files are refused), two writer processes at once.
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures
BL="-b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened"
DB=$T_TMP/history.db
command -v sqlite3 > /dev/null || { not_ok "sqlite3 shell (Debian package sqlite3) is installed"; t_done; exit 1; }

# sweep N DATE: the fixture bundle audited on DATE, with web1 changed
bundle() {
	local d=$T_TMP/ev$1
	cp -r "$FX/bundle" "$d"
	sed -i "s/2026-11-20T/$2T/g" "$d"/targets/*/target.json
	case $1 in
	2)	# root login closed, /etc/shadow 0640, host-based auth opened
		sed -i 's/^permitrootlogin yes$/permitrootlogin no/' "$d/targets/web1/probes/linux.sshd-config.out"
		echo 'hostbasedauthentication yes' >> "$d/targets/web1/probes/linux.sshd-config.out"
		sed -i 's/^644|0|42|\/etc\/shadow$/640|0|42|\/etc\/shadow/' "$d/targets/web1/probes/linux.stat-shadow.out";;
	3)	# root login back (a regression), the rest as in 2
		echo 'hostbasedauthentication yes' >> "$d/targets/web1/probes/linux.sshd-config.out"
		sed -i 's/^644|0|42|\/etc\/shadow$/640|0|42|\/etc\/shadow/' "$d/targets/web1/probes/linux.stat-shadow.out";;
	esac
	"$REMPART" evidence seal "$d" > /dev/null
}
# the waiver of LNX-SSH-004 on web1 expires between the first and second sweep
sed 's/expires="2027-06-30"/expires="2026-11-25"/' "$FX/waivers.xml" > "$T_TMP/waivers.xml"
bundle 1 2026-11-20
bundle 2 2026-11-27
bundle 3 2026-12-04
for n in 1 2 3; do
	# shellcheck disable=SC2086
	check_rc "sweep $n recorded (exit 3: the fixtures hold an unreachable target)" 3 \
		"$REMPART" evaluate -e "$T_TMP/ev$n" $BL --waivers "$T_TMP/waivers.xml" \
		--incident "$FX/incident.xml" -o "$T_TMP/r$n.json" --history "$DB"
done
check_grep "the database is SQLite with schema version 2" '^2$' <(sqlite3 "$DB" 'PRAGMA user_version')
check_grep "the database is in WAL mode" '^wal$' <(sqlite3 "$DB" 'PRAGMA journal_mode')
check_grep "the database is readable by its owner only" '^600$' <(stat -c %a "$DB")
check_grep "3 runs, 1 row per target and check each" '^3\|1794\|1794$' \
	<(sqlite3 "$DB" 'SELECT count(*), (SELECT count(*) FROM results), (SELECT sum(n_pass+n_fail+n_error+n_na+n_waived) FROM runs) FROM runs')
check_grep "results use integer keys: targets and checks stored once" '^5\|' \
	<(sqlite3 "$DB" 'SELECT count(*), (SELECT count(*) FROM checks) FROM targets')

# Without --history, results.json is what it was: the section is the only addition
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$T_TMP/ev2" $BL --waivers "$T_TMP/waivers.xml" \
	--incident "$FX/incident.xml" -o "$T_TMP/plain2.json" 2> /dev/null
check "results.json with --history = without it + the history section" python3 -c '
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert "history" not in b
h = a.pop("history")
assert a == b
' "$T_TMP/r2.json" "$T_TMP/plain2.json"

check "the history section of sweep 2: 2 runs, fixed and oldest open findings" python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["history"]
assert h["run"] == 2 and h["previous"] == {"run": 1, "generated_at": "2026-11-20T09:00:02Z"}, h["previous"]
assert [r["run"] for r in h["runs"]] == [1, 2]
assert all("recorded_at" not in r for r in h["runs"])
r1, r2 = h["runs"]
assert r1["by_status"]["fail"] == 132 and r1["failed_by_severity"]["critical"] == 27, r1
assert r2["by_status"]["pass"] == r1["by_status"]["pass"] + 1 and r2["score"] >= r1["score"], (r1, r2)
fixed = {(x["target"], x["check"]) for x in h["fixed_since_previous"]}
assert fixed == {("web1", "LNX-SSH-001"), ("web1", "LNX-FS-001")}, fixed
f = {x["check"]: x for x in h["fixed_since_previous"]}
assert f["LNX-FS-001"]["time_to_fix_seconds"] == 7 * 86400, f["LNX-FS-001"]
assert f["LNX-SSH-001"]["fixed_at"] == "2026-11-27T09:00:02Z"
o = h["oldest_open"]
assert len(o) == 10 and h["open_findings"] >= 130
assert all(x["open_since"] == "2026-11-20T09:00:02Z" for x in o)
assert o[0]["severity"] == "critical"
' "$T_TMP/r2.json"

check "the history section of sweep 1 has no previous run and nothing fixed" python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["history"]
assert h["previous"] is None and len(h["runs"]) == 1 and h["fixed_since_previous"] == []
' "$T_TMP/r1.json"

check "results.json with a history section validates against docs/results.schema.json" \
	python3 "$SRCDIR/tests/integration/results-schema.py" "$SRCDIR/docs/results.schema.json" \
	"$T_TMP/r1.json" "$T_TMP/r2.json" "$T_TMP/r3.json"

# The reports show the history: an inline SVG (no script) and two tables
for l in en fr; do
	"$REMPART" report -r "$T_TMP/r3.json" -f html --lang $l -o "$T_TMP/r3.$l.html"
	"$REMPART" report -r "$T_TMP/r3.json" -f md --lang $l -o "$T_TMP/r3.$l.md"
done
python3 - "$T_TMP/r3.en.html" > "$T_TMP/hist.html" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.find('<h2 id="history">')
print(s[i:s.find("<h2", i + 10)] if i >= 0 else "")
PY
check_grep "HTML: the history section" '<h2 id="history">History of the sweeps</h2>' "$T_TMP/hist.html"
check "HTML: one bar per run (3 dates) and the score line with 3 points" python3 -c '
import re, sys
s = open(sys.argv[1]).read()
assert re.findall(r">(2026-1[12]-[0-9]{2})</text>", s) == ["2026-11-20", "2026-11-27", "2026-12-04"]
assert len(re.findall(r"<circle ", s)) == 3 and "<polyline" in s
assert "<script" not in s.lower() and "javascript:" not in s.lower()
' "$T_TMP/hist.html"
"$REMPART" report -r "$T_TMP/r2.json" -f html -o "$T_TMP/r2.en.html"
check_grep "HTML of run 2: the root login in the fixed table, first failed in run 1" \
	'<code>LNX-SSH-001</code>[^<]*</td><td>web1</td><td><span class="sev sev-high">high</span></td><td>20 Nov 2026' "$T_TMP/r2.en.html"
check_grep "HTML of run 3: a finding open since run 1 among the oldest" \
	'<code>AD-ACL-001</code>[^<]*</td><td>dc1</td><td><span class="sev sev-critical">critical</span></td><td>20 Nov 2026' "$T_TMP/hist.html"
check_grep "HTML (fr): translated" 'Historique des campagnes' "$T_TMP/r3.fr.html"
check_grep "Markdown: the runs table, one row per run" '^\| 4 Dec 2026, 09:00 UTC \| [0-9.]+ % \| 27 \|' "$T_TMP/r3.en.md"
check_grep "Markdown (fr): the fixed table" "^### Corrigés depuis l'exécution précédente" "$T_TMP/r3.fr.md"
check_nogrep "no history section in a report without --history" 'id="history"|History of the sweeps' \
	<("$REMPART" report -r "$T_TMP/plain2.json" -f html -o - 2>/dev/null)

"$REMPART" history list --history "$DB" > "$T_TMP/list.txt" 2>&1
check_grep "list: run 3 at its audit time with score and findings" \
	'^ +3  2026-12-04T09:00:02Z +[0-9.]+%' "$T_TMP/list.txt"
check_grep "list: the incident reference" 'CERT-SANTE-2026-0042' "$T_TMP/list.txt"

"$REMPART" history diff 1 2 --history "$DB" --format json > "$T_TMP/d12.json"
check "diff 1 2: fixed, new, expired waiver; none regressed" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {(x["change"], x["target"], x["check"]) for x in d["items"]}
assert ("fixed", "web1", "LNX-SSH-001") in c and ("fixed", "web1", "LNX-FS-001") in c, c
assert ("new", "web1", "LNX-SSH-009") in c, c
assert ("waiver-expired", "web1", "LNX-SSH-004") in c, c
assert d["counts"]["fixed"] == 2 and d["counts"]["new"] == 1 and d["counts"]["regressed"] == 0, d["counts"]
assert d["counts"]["waiver-expired"] == 1
assert d["counts"]["still-open"] >= 120
' "$T_TMP/d12.json"
"$REMPART" history diff 2 3 --history "$DB" > "$T_TMP/d23.txt"
check_grep "diff 2 3 (text): root login regressed" '^regressed +web1 +LNX-SSH-001 +high +pass -> fail' "$T_TMP/d23.txt"
check_grep "diff 2 3 (text): counts" '^  regressed +1$' "$T_TMP/d23.txt"

"$REMPART" history trend --history "$DB" --target web1 --format json > "$T_TMP/trend.json"
check "trend: first failed, fixed, time to fix, regression, open since, expired waiver" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
assert [r["run"] for r in t["runs"]] == [1, 2, 3]
f = {x["check"]: x for x in t["findings"]}
assert all(x["target"] == "web1" for x in t["findings"])
s = f["LNX-SSH-001"]
assert s["first_failed"] == "2026-11-20T09:00:02Z" and s["regressions"] == 1 and s["fixes"] == 1, s
assert s["status"] == "fail" and s["open_since"] == "2026-12-04T09:00:02Z" and s["fixed_at"] is None, s
assert s["time_to_fix_seconds"] == 7 * 86400
s = f["LNX-FS-001"]
assert s["fixed_at"] == "2026-11-27T09:00:02Z" and s["open_since"] is None and s["status"] == "pass", s
s = f["LNX-SSH-009"]
assert s["first_failed"] == "2026-11-27T09:00:02Z" and s["open_since"] == "2026-11-27T09:00:02Z", s
w = f["LNX-SSH-004"]["waivers_expired"]
assert w == [{"from": "2026-11-20T09:00:02Z", "to": "2026-11-27T09:00:02Z", "expires": "2026-11-25"}], w
assert "LNX-SSH-007" not in f   # never failed
' "$T_TMP/trend.json"
"$REMPART" history trend --history "$DB" --check LNX-SSH-001 --last 2 > "$T_TMP/trend.txt"
check_grep "trend (text, --last 2): judged on runs 2 and 3 only, open since run 3" \
	'^web1 +LNX-SSH-001 +high +fail +2026-12-04T09:00:02Z +2026-12-04T09:00:02Z +- ' "$T_TMP/trend.txt"
check_nogrep "trend --last 2: run 1 left out" '^ +1  2026-11-20' "$T_TMP/trend.txt"

# The lives of findings kept at record time (schema 2) give the same trend
# as a walk over every result (forced by marking them stale in a copy)
same_trend() {
	local db=$1 what=$2 f
	rm -f "$T_TMP/walk.db"
	sqlite3 "$db" ".backup '$T_TMP/walk.db'"
	sqlite3 "$T_TMP/walk.db" 'UPDATE lives_upto SET run = NULL'
	for f in "" "--target web1" "--check LNX-SSH-001"; do
		# shellcheck disable=SC2086
		"$REMPART" history trend --history "$db" --format json $f > "$T_TMP/lives.json"
		# shellcheck disable=SC2086
		"$REMPART" history trend --history "$T_TMP/walk.db" --format json $f > "$T_TMP/walked.json"
		check "$what: trend ${f:-of every finding} from the lives = walked over every result" \
			python3 -c '
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a == b and len(a["findings"]) > 0, (len(a["findings"]), len(b["findings"]))' "$T_TMP/lives.json" "$T_TMP/walked.json"
	done
}
check_grep "the lives of findings hold every run (3)" '^3$' <(sqlite3 "$DB" 'SELECT run FROM lives_upto')
same_trend "$DB" "3 runs in order"
# a sweep of older evidence recorded last: the lives are folded again
bundle 4 2026-11-13
sqlite3 "$DB" ".backup '$T_TMP/late.db'"
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$T_TMP/ev4" $BL -o "$T_TMP/late.json" --history "$T_TMP/late.db" 2> /dev/null
check_grep "a run of older evidence recorded last: lives up to the latest by time (3)" '^3\|4$' \
	<(sqlite3 "$T_TMP/late.db" 'SELECT run, (SELECT max(id) FROM runs) FROM lives_upto')
same_trend "$T_TMP/late.db" "a run recorded out of order"

"$REMPART" history show 2 --history "$DB" > "$T_TMP/show.txt"
check_grep "show: a finding of the run with its observed value" '^web1 +LNX-SSH-009 +fail +' "$T_TMP/show.txt"
check_nogrep "show: passes are left out" '^web1 +LNX-SSH-001 ' "$T_TMP/show.txt"
check_rc "show of a run that does not exist: exit 2" 2 "$REMPART" history show 99 --history "$DB"
check_rc "history without --history: usage error" 2 "$REMPART" history list
check_rc "history of a missing file: exit 2, not created" 2 "$REMPART" history list --history "$T_TMP/none.db"
check "the missing file was not created" test ! -e "$T_TMP/none.db"

# Version 1 files from a committed dump open, are read and written to
sqlite3 "$T_TMP/v1.db" < "$FX/history/v1.sql"
"$REMPART" history list --history "$T_TMP/v1.db" > "$T_TMP/v1.txt" 2>&1
check_grep "a version 1 database (committed dump) opens: its 2 runs listed" '^ +2  2026-11-27T09:00:02Z' "$T_TMP/v1.txt"
# shellcheck disable=SC2086
check_rc "a run is recorded into the version 1 database" 3 \
	"$REMPART" evaluate -e "$T_TMP/ev3" $BL -o "$T_TMP/v1r.json" --history "$T_TMP/v1.db"
check_grep "... as its run 3, at schema version 2 (migrated)" '^3\|2$' \
	<(sqlite3 "$T_TMP/v1.db" 'SELECT max(id), (SELECT user_version FROM pragma_user_version) FROM runs')
check_grep "... its lives of findings hold every run up to 3" '^3\|[1-9][0-9]*$' \
	<(sqlite3 "$T_TMP/v1.db" 'SELECT run, (SELECT count(*) FROM lives) FROM lives_upto')
same_trend "$T_TMP/v1.db" "the migrated version 1 database"
cp "$T_TMP/v1.db" "$T_TMP/v99.db"
sqlite3 "$T_TMP/v99.db" 'PRAGMA user_version = 99'
check_rc "a newer schema version is refused (exit 2)" 2 "$REMPART" history list --history "$T_TMP/v99.db"
check_grep "... saying which version and what to do" "schema version 99 was written by a newer rempart .*upgrade rempart" "$T_TMP/stderr"
sqlite3 "$T_TMP/other.db" 'CREATE TABLE t(x)'
check_rc "another application's SQLite file is refused" 2 "$REMPART" history list --history "$T_TMP/other.db"
check_grep "... as not a rempart history database" "not a rempart history database" "$T_TMP/stderr"
check "... and left untouched" test "$(sqlite3 "$T_TMP/other.db" 'PRAGMA user_version')" = 0
head -c 4096 /dev/urandom > "$T_TMP/junk.db"
check_rc "a file that is not SQLite is refused" 4 "$REMPART" history list --history "$T_TMP/junk.db"

# A history that cannot be written: results written anyway, exit 4
mkdir "$T_TMP/adir"
# shellcheck disable=SC2086
check_rc "an unwritable history gives exit 4" 4 \
	"$REMPART" evaluate -e "$T_TMP/ev1" $BL -o "$T_TMP/nohist.json" --history "$T_TMP/adir"
check "... and the results are written, without a history section" python3 -c '
import json, sys; assert "history" not in json.load(open(sys.argv[1]))' "$T_TMP/nohist.json"

# Two sweeps writing the same database at once, 4 runs each
CDB=$T_TMP/concurrent.db
writer() {
	local i
	for i in 1 2 3 4; do
		# shellcheck disable=SC2086
		"$REMPART" evaluate -e "$T_TMP/ev$(( (i % 3) + 1 ))" $BL -o "$T_TMP/c$1-$i.json" \
			--history "$CDB" 2>> "$T_TMP/c$1.err"
		[ $? = 3 ] || echo "writer $1 run $i failed" >> "$T_TMP/c$1.err"
	done
}
writer a & pa=$!
writer b & pb=$!
wait $pa; wait $pb
check_nogrep "two writers at once: no run failed" 'failed|error' <(cat "$T_TMP/ca.err" "$T_TMP/cb.err")
check_grep "two writers at once: the database is intact" '^ok$' <(sqlite3 "$CDB" 'PRAGMA integrity_check')
check_grep "two writers at once: 8 runs, every result of each" '^8\|4784\|0$' \
	<(sqlite3 "$CDB" 'SELECT count(*), (SELECT count(*) FROM results),
	  (SELECT count(*) FROM runs r WHERE n_pass+n_fail+n_error+n_na+n_waived != (SELECT count(*) FROM results x WHERE x.run = r.id)) FROM runs')

# Unattended sweeps: the command lines of docs/sweeps.md, run twice in a row
DOC=$SRCDIR/docs/sweeps.md
cronline=$(sed -nE 's/^    15 3 \* \* 1  rempart  //p' "$DOC")
unitline=$(sed -nE 's/^    ExecStart=//p' "$DOC")
evalline=$(sed -nE 's/^    (rempart -q evaluate .*)$/\1/p' "$DOC")
check "docs/sweeps.md: the cron and systemd examples run the same audit" \
	test -n "$cronline" -a "$cronline" = "$unitline"
check "docs/sweeps.md: an evaluate example" test -n "$evalline"
SW=$T_TMP/sweep
mkdir -p "$SW/etc" "$SW/var" "$SW/var2"	# /var/lib/rempart: StateDirectory=
# a target that refuses connections: a real audit run, no lab needed
printf '[linux]\nweb1 ansible_host=127.0.0.1 ansible_port=47701 ansible_user=auditor\n' > "$SW/etc/inventory.ini"
: > "$SW/etc/known_hosts"
subst() {
	sed -e "s|/etc/rempart|$SW/etc|g" -e "s|/var/lib/rempart|$SW/var|g" \
		-e "s|/srv/rempart/evidence/this-week|$SW/evidence|g" -e "s|^rempart |$REMPART |"
}
read -ra cmd <<< "$(echo "$cronline" | subst)"
for i in 1 2; do
	"${cmd[@]}" > "$SW/out$i.txt" 2> "$SW/err$i.txt"
	echo $? > "$SW/rc$i"
done
check_grep "sweep 1: exit 3 (the target refused the connection)" '^3$' "$SW/rc1"
check_grep "sweep 2: exit 3" '^3$' "$SW/rc2"
ls "$SW/var/sweeps" > "$SW/dirs.txt"
check_grep "two dated directories and latest" '^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9]{6}Z\n?' "$SW/dirs.txt"
check "exactly two dated directories, each with its reports" python3 -c '
import os, re, sys
d = sys.argv[1]
dated = sorted(x for x in os.listdir(d) if re.fullmatch(r"20\d\d-\d\d-\d\dT\d{6}Z", x))
assert len(dated) == 2 and sorted(os.listdir(d)) == dated + ["latest"], os.listdir(d)
for x in dated:
    assert os.path.isfile(os.path.join(d, x, "results.json")) and os.path.isfile(os.path.join(d, x, "report.en.html"))
assert os.readlink(os.path.join(d, "latest")) == dated[1]
' "$SW/var/sweeps"
second=$(ls "$SW/var/sweeps" | grep -v latest | sort | tail -1)
check_grep "-q: one summary line naming the second directory and its history run" \
	"^rempart audit: dir=$SW/var/sweeps/$second exit=3 coverage=nothing-assessed score=none targets=1 critical=0 high=0 medium=0 low=0 info=0 history_run=2\$" "$SW/out2.txt"
check "-q: nothing else on stdout" test "$(wc -l < "$SW/out2.txt")" = 1
check_grep "the history holds the two sweeps" '^2$' <(sqlite3 "$SW/var/history.db" 'SELECT count(*) FROM runs')
check "history diff of the two sweeps" "$REMPART" history diff 1 2 --history "$SW/var/history.db"
# a refused run (unknown baseline) leaves no directory and latest unmoved
read -ra bad <<< "$(echo "$cronline" | sed 's/anssi-bp028-intermediary/no-such-baseline/' | subst)"
"${bad[@]}" > /dev/null 2>&1
check "a refused run leaves no dated directory, latest unmoved" python3 -c '
import os, sys
d = sys.argv[1]
assert len(os.listdir(d)) == 3 and os.readlink(os.path.join(d, "latest")) == sys.argv[2]
' "$SW/var/sweeps" "$second"

# the evaluate example: the fixture bundle, then its changed copy, with the
# baselines recorded in the manifest as 'rempart collect' does
with_baselines() {
	python3 -c 'import json, sys
p = sys.argv[1] + "/manifest.json"
m = json.load(open(p))
m["baselines"] = ["anssi-bp028-intermediary", "ad-anssi-level-2", "openldap-hardened"]
json.dump(m, open(p, "w"), indent=2)' "$1"
}
for i in 1 2; do
	rm -rf "$SW/evidence"
	cp -r "$T_TMP/ev$i" "$SW/evidence"
	with_baselines "$SW/evidence"
	read -ra cmd <<< "$(echo "$evalline" | sed "s|/var/lib/rempart|$SW/var2|g" | subst)"
	"${cmd[@]}" > "$SW/eout$i.txt" 2> "$SW/eerr$i.txt"
	echo $? > "$SW/erc$i"
done
check_grep "evaluate sweep 2: exit 3 (fixtures: a target not audited)" '^3$' "$SW/erc2"
check "evaluate sweeps: two dated directories, latest at the second" python3 -c '
import os, re, sys
d = sys.argv[1]
dated = sorted(x for x in os.listdir(d) if re.fullmatch(r"20\d\d-\d\d-\d\dT\d{6}Z", x))
assert len(dated) == 2 and os.readlink(os.path.join(d, "latest")) == dated[1]
assert os.path.isfile(os.path.join(d, "latest", "results.json"))
' "$SW/var2/sweeps"
check "evaluate: the summary line says what results.json says" python3 -c '
import json, re, sys
line = open(sys.argv[1]).read()
m = re.fullmatch(r"rempart evaluate: dir=(\S+) exit=3 coverage=partial score=([0-9.]+) targets=5 "
    r"critical=(\d+) high=(\d+) medium=(\d+) low=(\d+) info=(\d+) history_run=2\n", line)
assert m, line
d = json.load(open(m.group(1) + "/results.json"))
f = d["summary"]["overall"]["failed_by_severity"]
assert [int(m.group(i)) for i in range(3, 8)] == [f[k] for k in ("critical", "high", "medium", "low", "info")]
assert float(m.group(2)) == d["summary"]["coverage"]["score"]["compliant"]
' "$SW/eout2.txt"
"$REMPART" history diff 1 2 --history "$SW/var2/history.db" --format json > "$SW/ediff.json"
check "evaluate sweeps: the diff says what was fixed and what is new" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["counts"]["fixed"] == 2 and d["counts"]["new"] == 1, d["counts"]
' "$SW/ediff.json"
check_rc "evaluate --dated without -o: usage error" 2 "$REMPART" evaluate -e "$T_TMP/ev1" --dated

# --syslog: the line reaches /dev/log (a private /dev in a mount namespace)
if unshare -m true 2> /dev/null; then
	cat > "$T_TMP/syslog.sh" <<'SH'
set -e
mkdir -p "$1/olddev"
mount --bind /dev "$1/olddev"
mount -t tmpfs tmpfs /dev
for n in null zero urandom random; do : > "/dev/$n"; mount --bind "$1/olddev/$n" "/dev/$n"; done
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind("/dev/log"); s.settimeout(30)
open(sys.argv[1], "wb").write(s.recv(4096))' "$1/syslog.txt" &
for _ in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
shift
"$@" > /dev/null 2>&1 || true
wait
SH
	unshare -m bash "$T_TMP/syslog.sh" "$T_TMP" "$REMPART" -q evaluate -e "$SW/evidence" \
		-o "$T_TMP/sl.json" --syslog
	check_grep "--syslog: the summary line sent to syslog, warning priority, ident rempart" \
		'^<12>.*rempart\[[0-9]+\]: rempart evaluate: dir=.* exit=3 coverage=partial' "$T_TMP/syslog.txt"
else
	printf 'SKIP --syslog: unshare -m is not permitted here (not root)\n'
fi

# An observed value with a bidirectional override and a C1 control (CSI)
# is printed by 'history show' as visible text only
cp -r "$FX/bundle" "$T_TMP/evc"
sed -i 's/^permitrootlogin yes$/permitrootlogin yes\xe2\x80\xaeevil\xc2\x9b31m/' "$T_TMP/evc/targets/web1/probes/linux.sshd-config.out"
"$REMPART" evidence seal "$T_TMP/evc" > /dev/null
"$REMPART" evaluate -e "$T_TMP/evc" -b anssi-bp028-intermediary -o "$T_TMP/rc.json" --history "$T_TMP/c.db" > /dev/null 2>&1
"$REMPART" history show 1 --history "$T_TMP/c.db" > "$T_TMP/show-c.txt" 2>&1
check_grep "history show: the hostile observed value is recorded" '^web1 +LNX-SSH-001 +fail .*yes' "$T_TMP/show-c.txt"
check "history show prints no bidi override or C1 control" python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
sys.exit(any(b in d for b in (b"\xe2\x80\xae", b"\xc2\x9b")))' "$T_TMP/show-c.txt"

# A database another user owns, or that others may write, is refused before
# anything is written to it (SQLite gives the -wal and -shm it creates the
# file's owner, and with them the results; others could rewrite the trends)
cp "$DB" "$T_TMP/other.db"; chmod 600 "$T_TMP/other.db"
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
	chown nobody "$T_TMP/other.db"
	check_rc "a database of another user: refused (exit 2)" 2 "$REMPART" history list --history "$T_TMP/other.db"
	check_grep "the refusal names the file and its owner" "other.db': owned by another user \(uid [0-9]+\)" "$T_TMP/stderr"
	check_rc "evaluate --history with it: results without history (exit 4)" 4 "$REMPART" evaluate -e "$T_TMP/ev1" \
		-b openldap-hardened -o "$T_TMP/rx.json" --history "$T_TMP/other.db"
	check_grep "evaluate names the refusal" "other.db': owned by another user" "$T_TMP/stderr"
	chown root "$T_TMP/other.db"
else
	printf 'SKIP a database of another user: not root\n'
fi
chmod 662 "$T_TMP/other.db"
check_rc "a database others can write: refused (exit 2)" 2 "$REMPART" history list --history "$T_TMP/other.db"
check_grep "the refusal says what to do" "other.db': writable by others \(chmod 600 " "$T_TMP/stderr"

# prune
check "prune --keep 2" "$REMPART" history prune --keep 2 --history "$DB"
check_grep "prune: the 2 latest runs and their results remain" '^2,3\|1196$' \
	<(sqlite3 "$DB" "SELECT group_concat(id), (SELECT count(*) FROM results) FROM (SELECT id FROM runs ORDER BY id)")
same_trend "$DB" "after prune"
# prune --vacuum: the file shrinks, and is still whole
sqlite3 "$DB" ".backup '$T_TMP/vac.db'"
"$REMPART" history prune --keep 1 --vacuum --history "$T_TMP/vac.db" --format json > "$T_TMP/vac.json"
check "prune --keep 1 --vacuum: the file is smaller than before, the size said is the file's, no WAL left" python3 -c '
import json, os, sys
o = json.load(open(sys.argv[1])); db = sys.argv[2]
assert o["removed"] == 1 and 0 < o["size_after"] < o["size_before"], o
assert os.path.getsize(db) == o["size_after"], (os.path.getsize(db), o)
assert not os.path.exists(db + "-wal") or os.path.getsize(db + "-wal") == 0' "$T_TMP/vac.json" "$T_TMP/vac.db"
check_grep "... intact, with its last run and lives" '^ok\|3\|3$' \
	<(sqlite3 "$T_TMP/vac.db" 'SELECT (SELECT integrity_check FROM pragma_integrity_check), (SELECT group_concat(id) FROM runs), (SELECT run FROM lives_upto)')
LC_ALL=fr_FR.UTF-8 LANGUAGE=fr "$REMPART" history prune --keep 1 --vacuum --history "$T_TMP/vac.db" > "$T_TMP/vac.txt"
check_grep "prune --vacuum (text): the new size said" '^(file compacted|fichier compacté).* Mi' "$T_TMP/vac.txt"
check_rc "--vacuum without prune: usage error" 2 "$REMPART" history list --vacuum --history "$DB"
check_rc "prune without --keep: usage error" 2 "$REMPART" history prune --history "$DB"
t_done
