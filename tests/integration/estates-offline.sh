#!/bin/bash
# estates-offline.sh -- estates in parts, without network: evidence merge
# (verification of each source, a target in two bundles refused or the
# newest kept, provenance kept and verified, the merged bundle evaluating to
# the same results as the whole), evaluate --limit on the groups recorded in
# the evidence, and the Kubernetes Indexed Job manifest and GNU parallel
# recipe of contrib/ (structure, shard arithmetic, a real parallel run over
# sealed shards). Needs the built binary, python3 with yaml, GNU parallel.
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures
BL="-b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened"
R=$REMPART
W=$T_TMP

# The whole: the fixture bundle, with inventory groups in its target.json
cp -r "$FX/bundle" "$W/all"
python3 - "$W/all" <<'EOF'
import json, sys, os
groups = {"web1": ["site_a", "web"], "app1": ["site_a"], "db1": ["dbs", "site_b"],
          "dc1": ["ad", "site_b"], "ldap1": ["openldap", "site_b"]}
for t, g in groups.items():
    p = os.path.join(sys.argv[1], "targets", t, "target.json")
    j = json.load(open(p))
    j["groups"] = g
    json.dump(j, open(p, "w"), indent=2)
EOF
check "seal the whole" "$R" evidence seal "$W/all"

# Two collections: site_a's targets and site_b's
split() {	# split DIR NAME TARGET...
	local d=$1 n=$2; shift 2
	mkdir -p "$W/$n/targets"
	for t in "$@"; do cp -r "$d/targets/$t" "$W/$n/targets/"; done
	"$R" evidence seal "$W/$n" > /dev/null
}
split "$W/all" a web1 app1
split "$W/all" b db1 dc1 ldap1

check "merge two verified bundles" "$R" evidence merge -o "$W/merged" "$W/a" "$W/b"
check "the merged bundle verifies" "$R" evidence verify "$W/merged"
check "each source's manifest is kept as it was" cmp "$W/a/manifest.json" "$W/merged/sources/1/manifest.json"
check "provenance: two sources, their targets, their manifests' SHA-256" python3 - "$W" <<'EOF'
import json, sys, hashlib
w = sys.argv[1]
m = json.load(open(w + "/merged/manifest.json"))
p = m["provenance"]
assert [x["source"] for x in p] == [w + "/a", w + "/b"], p
assert sorted(p[0]["targets"]) == ["app1", "web1"] and sorted(p[1]["targets"]) == ["db1", "dc1", "ldap1"]
for i, x in enumerate(p):
    assert x["manifest"] == "sources/%d/manifest.json" % (i + 1)
    assert x["manifest_sha256"] == hashlib.sha256(open(w + "/merged/" + x["manifest"], "rb").read()).hexdigest()
    assert x["tool"]["name"] == "rempart" and x["superseded"] == []
assert m["targets"] == ["app1", "db1", "dc1", "ldap1", "web1"], m["targets"]
assert m["collector"]["merged"] is True and m["collector"]["host"]
EOF

# shellcheck disable=SC2086
"$R" evaluate -e "$W/all" $BL -o "$W/r-all.json" 2> /dev/null
# shellcheck disable=SC2086
"$R" evaluate -e "$W/merged" $BL -o "$W/r-merged.json" 2> /dev/null
drop() {	# results.json without what must differ: times, provenance
	python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
j.pop("generated_at")
for k in ("started_at", "finished_at", "provenance"):
    j["evidence"].pop(k, None)
json.dump(j, sys.stdout, indent=1, sort_keys=False)' "$1"
}
drop "$W/r-all.json" > "$W/r-all.cmp"
drop "$W/r-merged.json" > "$W/r-merged.cmp"
check_same "merged evaluates as the whole (results.json identical but times and provenance)" "$W/r-all.cmp" "$W/r-merged.cmp"
check "results.json of the merged bundle has provenance with both sources" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["evidence"]["provenance"]
assert [x["targets"] for x in p] == [2, 3], p
assert all(x["manifest"].startswith("sources/") for x in p)' "$W/r-merged.json"
check "the merged results file follows the schema" python3 "$SRCDIR/tests/integration/results-schema.py" "$SRCDIR/docs/results.schema.json" "$W/r-merged.json"
"$R" report -r "$W/r-merged.json" -f md --lang en -o "$W/m.md"
"$R" report -r "$W/r-merged.json" -f html --lang fr -o "$W/m.html"
check_grep "Markdown report: the collections merged, one row per source" '^\| '"$W"'/b \| — \| [0-9.]+ \| — → — \| 3 \| 0 \|$' "$W/m.md"
check_grep "HTML report (fr): the table in the method section" '<h3 id="provenance">Collectes fusionnées</h3>' "$W/m.html"
"$R" report -r "$W/r-all.json" -f md --lang en -o "$W/all.md"
check_nogrep "a report of one collection has no such table" 'Collections merged' "$W/all.md"
check "results.json: each plan action counts its targets by group" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
g = {t["id"]: t["groups"] for t in j["targets"]}
for a in j["plan"]:
    want = {}
    for t in a["targets"]:
        for x in g.get(t, []):
            want[x] = want.get(x, 0) + 1
    assert a.get("groups", {}) == want, (a["rank"], a.get("groups"), want)
assert any(a.get("groups") == {"site_a": 1, "web": 1} for a in j["plan"])' "$W/r-all.json"
check "results.json with plan groups follows the schema" python3 "$SRCDIR/tests/integration/results-schema.py" "$SRCDIR/docs/results.schema.json" "$W/r-all.json"
check_grep "Markdown plan: an action's targets counted by group" '\(by group: site\\_a: 1 target, web: 1\) \|$' "$W/all.md"
check_grep "HTML plan (fr): an action's targets counted by group" 'Par groupe :</b> ad : 1 cible, site_b : 1 · <b>Où :</b>' "$W/m.html"
# Past five groups the smallest are counted together; targets in no group
# (here also an id no target has) are counted last
python3 - "$W/r-all.json" "$W/r-groups.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
for i, t in enumerate(j["targets"]):
    t["groups"] = ["g%d" % i, "all"]
j["plan"][0]["targets"] = [t["id"] for t in j["targets"]] + ["elsewhere"]
json.dump(j, open(sys.argv[2], "w"))
EOF
"$R" report -r "$W/r-groups.json" -f md --lang en -o "$W/groups.md"
check_grep "six groups: four named, two counted, then the targets in no group" '\(by group: all: 5 targets, g0: 1, g1: 1, g2: 1, and 2 more groups \(2\), in no group: 1\) \|$' "$W/groups.md"
# Alike targets: four copies of web1 share its row in "Findings by target"
# and its rows in the audit footprint, three named and the others counted,
# each with its anchor; db1, alone of its kind, keeps its own row
python3 - "$W/r-all.json" "$W/r-alike.json" <<'EOF'
import copy, json, sys
j = json.load(open(sys.argv[1]))
web = [t for t in j["targets"] if t["id"] == "web1"][0]
cov = [c for c in j["summary"]["coverage"]["per_target"] if c["target"] == "web1"][0]
for s in "bcde":
    t = copy.deepcopy(web)
    t["id"] = "web1-" + s
    j["targets"].append(t)
    j["summary"]["targets"][t["id"]] = j["summary"]["targets"]["web1"]
    c = dict(cov, target=t["id"])
    j["summary"]["coverage"]["per_target"].append(c)
    for a in j["plan"]:
        if "web1" in a["targets"]:
            a["targets"].append(t["id"])
json.dump(j, open(sys.argv[2], "w"))
EOF
"$R" report -r "$W/r-alike.json" -f html --lang en -o "$W/alike.html"
check_grep "five alike targets: one row, three named, two counted, anchors kept" '<tr><td><b><span id="t-web1">web1</span></b>, <b><span id="t-web1-b">web1-b</span></b>, <b><span id="t-web1-c">web1-c</span></b> <details><summary>and 2 more targets</summary><b><span id="t-web1-d">web1-d</span></b>, <b><span id="t-web1-e">web1-e</span></b></details><span class="muted">5 targets alike: Linux · internet-facing</span></td><td>audited fully</td><td>90 findings' "$W/alike.html"
check_grep "a target alone of its kind keeps its own row" '<tr id="t-db1"><td><b>db1</b>' "$W/alike.html"
check_grep "audit footprint: the alike targets share their rows" '<td rowspan="2">web1, web1-b, web1-c <details><summary>and 2 more targets</summary>web1-d, web1-e</details></td>' "$W/alike.html"

# A target in two bundles: refused, naming both; nothing written
split "$W/all" b2 db1 web1
check_rc "a target in two bundles: exit 2" 2 "$R" evidence merge -o "$W/dup" "$W/a" "$W/b2"
"$R" evidence merge -o "$W/dup" "$W/a" "$W/b2" 2> "$W/dup.err"
check_grep "the refusal names the target and both bundles" "target 'web1' is in '$W/a' and in '$W/b2'" "$W/dup.err"
check "nothing written when refused" test ! -e "$W/dup"

# --prefer newest: the later collection of web1 is kept, and said
python3 - "$W/b2/targets/web1/target.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
j["started_at"], j["finished_at"] = "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z"
j["address"] = "192.0.2.99"
json.dump(j, open(sys.argv[1], "w"), indent=2)
EOF
"$R" evidence seal "$W/b2" > /dev/null
check "--prefer newest merges" "$R" evidence merge --prefer newest -o "$W/newest" "$W/a" "$W/b2"
"$R" evidence merge --prefer newest -o "$W/newest2" "$W/b2" "$W/a" 2> "$W/newest.err" > /dev/null
check_grep "--prefer newest says which copy it kept, on stderr" "target 'web1' taken from '$W/b2' \(collected 2030-01-01T00:01:00Z\), not from '$W/a'" "$W/newest.err"
check "the newer copy is the one kept, whatever the order; provenance says it" python3 - "$W" <<'EOF'
import json, sys
w = sys.argv[1]
for d, first in (("newest", "a"), ("newest2", "b2")):
    t = json.load(open(w + "/%s/targets/web1/target.json" % d))
    assert t["address"] == "192.0.2.99", t["address"]
    p = {x["source"]: x for x in json.load(open(w + "/%s/manifest.json" % d))["provenance"]}
    assert p[w + "/a"]["superseded"] == [{"target": "web1", "by": w + "/b2"}], p
    assert "web1" not in p[w + "/a"]["targets"] and "web1" in p[w + "/b2"]["targets"]
EOF
check_rc "--prefer: another value is bad usage" 2 "$R" evidence merge --prefer oldest -o "$W/x" "$W/a" "$W/b"

# A target renamed in a sealed bundle (folder and manifest say web1x, its
# target.json web1): the same host twice past the duplicate refusal; refused
cp -r "$W/b2" "$W/ren"
mv "$W/ren/targets/web1" "$W/ren/targets/web1x"
rm "$W/ren/manifest.json"
"$R" evidence seal "$W/ren" > /dev/null
check_rc "merge of a bundle whose target.json names another target: exit 2" 2 \
	"$R" evidence merge --prefer newest -o "$W/m-ren" "$W/a" "$W/ren"
check_grep "the refusal names the file" "ren/targets/web1x/target.json names another target" "$T_TMP/stderr"
check_rc "evaluate of it: exit 2" 2 "$R" evaluate -e "$W/ren" -b anssi-bp028-intermediary -o "$W/r-ren.json"
check_grep "evaluate names both ids" "target.json names target 'web1', its folder and the manifest 'web1x'" "$T_TMP/stderr"

# A source that does not match its manifest: refused, named
cp -r "$W/b" "$W/bad"
printf 'x' >> "$W/bad/targets/db1/target.json"
"$R" evidence merge -o "$W/m2" "$W/a" "$W/bad" > /dev/null 2> "$W/bad.err"
check_rc "a tampered source: exit 2" 2 "$R" evidence merge -o "$W/m3" "$W/a" "$W/bad"
check_grep "the tampered source and file are named" "changed +targets/db1/target.json" "$W/bad.err"
check_grep "the error names the bundle" "evidence '$W/bad' does not match its manifest" "$W/bad.err"
check "nothing written from a tampered source" test ! -e "$W/m2"
check_rc "an output that already holds a bundle is refused" 2 "$R" evidence merge -o "$W/merged" "$W/a" "$W/b"
check_rc "the same bundle twice is refused" 2 "$R" evidence merge -o "$W/m4" "$W/a" "$W/a"

# A merged bundle whose kept manifest is altered no longer verifies
cp -r "$W/merged" "$W/merged-bad"
sed -i 's/"partial": false/"partial": true/' "$W/merged-bad/sources/2/manifest.json"
check_rc "an altered source manifest in a merged bundle: verify exits 2" 2 "$R" evidence verify "$W/merged-bad"
# shellcheck disable=SC2086
check_rc "... and evaluate refuses it" 2 "$R" evaluate -e "$W/merged-bad" $BL -o "$W/x.json"

# evaluate --limit on the recorded groups
# shellcheck disable=SC2086
"$R" evaluate -e "$W/merged" $BL --limit 'site_b:!dc1' -o "$W/r-b.json" 2> /dev/null
check "evaluate --limit 'site_b:!dc1': targets db1 and ldap1 only, groups kept" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert [t["id"] for t in j["targets"]] == ["db1", "ldap1"], j["targets"]
assert {r["target"] for r in j["results"]} == {"db1", "ldap1"}
assert j["targets"][0]["groups"] == ["dbs", "site_b"]
assert set(j["summary"]["targets"]) == {"db1", "ldap1"}' "$W/r-b.json"
# shellcheck disable=SC2086
"$R" evaluate -e "$W/all" $BL -o "$W/r-whole-a.json" --limit 'web*:app1' 2> /dev/null
check "evaluate --limit with a glob and a union" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert [t["id"] for t in j["targets"]] == ["app1", "web1"], j["targets"]' "$W/r-whole-a.json"
# the selection is made before the probes are read: what it evaluates is
# exactly the whole evaluation's, restricted to the targets selected
check "evaluate --limit: results, targets and their summaries equal the whole evaluation's restricted to them" python3 - "$W/r-all.json" "$W/r-b.json" "$W/r-whole-a.json" <<'EOF'
import json, sys
whole = json.load(open(sys.argv[1]))
for p in sys.argv[2:]:
    part = json.load(open(p))
    ids = [t["id"] for t in part["targets"]]
    assert ids and len(ids) < len(whole["targets"]), ids
    assert part["targets"] == [t for t in whole["targets"] if t["id"] in ids], p
    want = [r for r in whole["results"] if r["target"] in ids]
    assert len(want) > 100 and part["results"] == want, (p, len(part["results"]), len(want))
    assert part["summary"]["targets"] == {t: c for t, c in whole["summary"]["targets"].items() if t in ids}, p
    assert part["summary"]["coverage"]["per_target"] == [c for c in whole["summary"]["coverage"]["per_target"] if c["target"] in ids], p
EOF
# shellcheck disable=SC2086
check_rc "evaluate --limit selecting nothing: exit 2" 2 "$R" evaluate -e "$W/all" $BL --limit nosuchsite -o "$W/x.json"

# contrib/kubernetes: the Indexed Job's YAML and its shard arithmetic
check "Kubernetes Indexed Job: structure and shard arithmetic" python3 - "$SRCDIR/contrib/kubernetes/rempart-indexed-job.yaml" "$R" <<'EOF'
import sys, yaml, re, subprocess, hashlib
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
jobs = [d for d in docs if d.get("kind") == "Job"]
assert len(jobs) == 1, [d.get("kind") for d in docs]
job = jobs[0]
assert job["apiVersion"] == "batch/v1"
spec = job["spec"]
assert spec["completionMode"] == "Indexed"
n = spec["completions"]
assert isinstance(n, int) and n >= 1 and spec["parallelism"] <= n
pod = spec["template"]["spec"]
assert pod["restartPolicy"] in ("Never", "OnFailure")
c = pod["containers"][0]
cmd = " ".join(c.get("command", []) + c.get("args", []))
# the shard is the completion index, out of the same N as completions
m = re.search(r"--shard \"?\$\{?JOB_COMPLETION_INDEX\}?/(\$\{?SHARDS\}?|\d+)", cmd)
assert m, cmd
env = {e["name"]: e.get("value") for e in c.get("env", [])}
shards = int(env["SHARDS"]) if m.group(1).lstrip("${").rstrip("}") == "SHARDS" else int(m.group(1))
assert shards == n, (shards, n)
assert "collect" in cmd and "-o" in cmd
# every index K in 0..N-1 is a shard for rempart, N/N is refused; the N
# shards of an inventory are a partition, each K the hosts Python's
# SHA-256 puts there
import tempfile, os
d = tempfile.mkdtemp()
inv = os.path.join(d, "inv.ini")
ids = ["host%04d" % i for i in range(200)]
with open(inv, "w") as f:
    f.write("[estate]\n" + "".join("%s ansible_host=192.0.2.1\n" % i for i in ids))
seen = {}
for k in range(n):
    r = subprocess.run([sys.argv[2], "collect", "-i", inv, "-b", "anssi-bp028-minimal",
                        "--list-hosts", "--shard", "%d/%d" % (k, n)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for line in r.stdout.split("\n"):
        if line:
            h = line.split("\t")[0]
            assert h not in seen, h
            seen[h] = k
assert sorted(seen) == ids, len(seen)
for h, k in seen.items():
    assert int.from_bytes(hashlib.sha256(h.encode()).digest()[:8], "big") % n == k, h
r = subprocess.run([sys.argv[2], "collect", "-i", inv, "-b", "anssi-bp028-minimal",
                    "--list-hosts", "--shard", "%d/%d" % (n, n)], capture_output=True, text=True)
assert "--shard" in r.stderr and r.returncode == 2, r.stderr
EOF

# contrib/parallel: N local shards with GNU parallel, then one merge
if command -v parallel > /dev/null; then
	# a stand-in for the collector: each shard job seals the targets of
	# its shard (the same --shard arithmetic through evaluate --limit is
	# not possible: collect needs hosts; lab-estates.sh runs it for real)
	python3 - "$W/all" "$W/shards" 3 <<'EOF'
import sys, os, shutil, hashlib
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for t in os.listdir(src + "/targets"):
    k = int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "big") % n
    os.makedirs("%s/shard-%d/targets" % (out, k), exist_ok=True)
    shutil.copytree(src + "/targets/" + t, "%s/shard-%d/targets/%s" % (out, k, t))
EOF
	check "GNU parallel: seal the shards in parallel" parallel -j 3 "$R" evidence seal {} ::: "$W"/shards/shard-*
	# shellcheck disable=SC2046
	check "merge every shard" "$R" evidence merge -o "$W/shards-merged" $(ls -d "$W"/shards/shard-*)
	# shellcheck disable=SC2086
	"$R" evaluate -e "$W/shards-merged" $BL -o "$W/r-shards.json" 2> /dev/null
	drop "$W/r-shards.json" > "$W/r-shards.cmp"
	check_same "the merged shards evaluate as the whole" "$W/r-all.cmp" "$W/r-shards.cmp"
	check "contrib/parallel/collect-shards.sh is valid shell" bash -n "$SRCDIR/contrib/parallel/collect-shards.sh"
else
	not_ok "GNU parallel is installed (tests/deps.sh: parallel)"
fi

t_done
