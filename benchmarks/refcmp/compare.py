#!/usr/bin/env python3
"""compare.py -- helpers of run.sh (rempart against OpenSCAP and Lynis).

  compare.py all-baseline checks/linux/*.xml   a baseline of every Linux check
  compare.py oscap-results RESULTS.xml         rule<TAB>result
  compare.py rempart-results results.json      check<TAB>status
  compare.py probe-times TARGET_DIR            probe<TAB>seconds (when recorded)
  compare.py perhost perhost.tsv                per-host default-mode times
  compare.py compare mapping.tsv OUT           the Markdown comparison

mapping.tsv: tool<TAB>rule<TAB>checks<TAB>kind<TAB>note, where tool is
oscap or lynis, rule an XCCDF rule id (without its prefix) or a Lynis
"TEST-ID" / "TEST-ID|detail" key, checks one or more rempart check ids
(comma-separated: the rule fails when any of them fails), kind "same" (same
definition: the verdicts must agree) or "near" (related: compared, a
disagreement is expected and explained in note), and note the explanation
of any disagreement.
"""
import json, os, re, sys
import xml.etree.ElementTree as ET

PFX = "xccdf_org.ssgproject.content_rule_"


def all_baseline(files):
    ids = []
    for f in files:
        for m in re.finditer(r'<check id="([A-Z0-9-]+)"', open(f).read()):
            ids.append(m.group(1))
    print('<?xml version="1.0" encoding="UTF-8"?>')
    print('<baseline xmlns="urn:rempart:baseline:1" id="refcmp-all" kind="linux">')
    print('  <title lang="en">Every Linux check</title><title lang="fr">Tous les contrôles Linux</title>')
    for i in sorted(ids):
        print('  <select check="%s"/>' % i)
    print('</baseline>')


def oscap_results(path):
    for ev, el in ET.iterparse(path):
        if el.tag.endswith("}rule-result"):
            res = [c.text for c in el if c.tag.endswith("}result")]
            print("%s\t%s" % (el.get("idref").replace(PFX, ""), res[0] if res else "?"))
            el.clear()


def rempart_results(path):
    d = json.load(open(path))
    for r in sorted(d["results"], key=lambda r: r["check"]):
        print("%s\t%s" % (r["check"], r["status"]))


def probe_times(tdir):
    p = os.path.join(tdir, "target.json")
    d = json.load(open(p))
    for pr in d.get("probes", []):
        if isinstance(pr, dict) and "id" in pr:
            print("%s\t%s\t%s" % (pr["id"], pr.get("duration_ms"), pr.get("status")))


def read_tsv(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.rstrip("\n").partition("\t")
            out[k] = v
    return out


def lynis_findings(path):
    """TEST-ID and TEST-ID|detail keys of warnings and suggestions; executed tests."""
    keys, executed = set(), set()
    if not os.path.exists(path):
        return None, None
    for line in open(path):
        line = line.rstrip("\n")
        m = re.match(r"(warning|suggestion)\[\]=([^|]+)\|[^|]*\|([^|]*)\|", line)
        if m:
            keys.add(m.group(2))
            keys.add(m.group(2) + "|" + m.group(3))
        elif line.startswith("tests_executed="):
            executed.update(t for t in line.split("=", 1)[1].split("|") if t)
    return keys, executed


# rempart statuses reduced to the references' words
def rp_verdict(st):
    return {"pass": "pass", "fail": "fail", "na": "notapplicable",
            "not_applicable": "notapplicable"}.get(st, st)


def oscap_verdict(st):
    return {"pass": "pass", "fail": "fail", "notapplicable": "notapplicable"}.get(st, st)


def compare(mapping, out):
    rp = read_tsv(os.path.join(out, "rempart-default.tsv"))
    rpd = read_tsv(os.path.join(out, "rempart-deep.tsv"))
    osc = read_tsv(os.path.join(out, "oscap-all.tsv")) or {}
    osc_high = read_tsv(os.path.join(out, "oscap-anssi-high.tsv"))
    for k, v in osc_high.items():
        osc.setdefault(k, v)
    lyn, executed = lynis_findings(os.path.join(out, "lynis-report.txt"))
    items = read_tsv(os.path.join(out, "lynis-items.tsv"))
    rows = []
    for line in open(mapping):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        while len(f) < 5:
            f.append("")
        tool, rule, checks, kind, note = f[:5]
        cks = [c.strip() for c in checks.split(",") if c.strip()]
        # rempart: deep mode verdict where a check is deep-only
        sts = []
        for c in cks:
            s = rp.get(c)
            if s in (None, "na", "not_applicable") and rpd.get(c) not in (None,):
                s = rpd.get(c) if rpd.get(c) not in ("na", "not_applicable") else s
            sts.append(rp_verdict(s or "missing"))
        if "fail" in sts:
            ours = "fail"
        elif sts and all(s == "pass" for s in sts):
            ours = "pass"
        elif "pass" in sts and all(s in ("pass", "notapplicable") for s in sts):
            ours = "pass"
        else:
            ours = sts[0] if sts else "missing"
        if tool == "oscap":
            theirs = oscap_verdict(osc.get(rule, "missing"))
        else:
            if lyn is None:
                theirs = "missing"
            else:
                test = rule.split("|")[0]
                if "|" in rule:
                    theirs = items.get(rule, "missing")
                elif test not in executed:
                    theirs = "notapplicable"   # skipped by Lynis
                else:
                    theirs = "fail" if rule in lyn else "pass"
        rows.append((tool, rule, ",".join(cks), kind, ours, theirs, note))
    in_profile = {k for k, v in osc_high.items() if v != "notselected"}
    print("| tool | rule | rempart checks | definition | rempart | reference | agree | explanation |")
    print("|---|---|---|---|---|---|---|---|")
    stats = {}
    for tool, rule, cks, kind, ours, theirs, note in rows:
        both = ours in ("pass", "fail") and theirs in ("pass", "fail")
        if not both:
            agree = "n/a"
        elif kind == "part":
            # one point of the check: only "reference fails, rempart passes" disagrees
            agree = "**no**" if (theirs == "fail" and ours == "pass") else "yes"
        else:
            agree = "yes" if ours == theirs else "**no**"
        key = (tool, kind)
        s = stats.setdefault(key, [0, 0, 0])
        s[0] += 1
        if both:
            s[1] += 1
            s[2] += agree == "yes"
        tag = " (ANSSI high)" if tool == "oscap" and rule in in_profile else ""
        print("| %s | `%s`%s | %s | %s | %s | %s | %s | %s |" % (
            tool, rule.replace("|", "\\|"), tag, cks, kind, ours, theirs, agree,
            note if (agree != "yes") else ""))
    print()
    print("| tool | definition | mapped | both decided | agree |")
    print("|---|---|---|---|---|")
    for (tool, kind), (n, b, a) in sorted(stats.items()):
        print("| %s | %s | %d | %d | %d |" % (tool, kind, n, b, a))
    tot = {k: len(v) for k, v in (("rempart checks", rp), ("oscap rules (all)", osc))}
    print()
    for k, v in tot.items():
        print("- %s: %d" % (k, v))
    if executed is not None:
        print("- lynis tests executed: %d" % len(executed))


def perhost(path):
    """Median per host and revision of login (connect+kex+auth) and run, ms."""
    import statistics
    d = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) != 7:
            continue
        rev, _, host, c, k, a, r = f
        d.setdefault((host, rev), []).append((int(c) + int(k) + int(a), int(r)))
    print("| host | checks | runs | login ms (median) | script run ms (median, min-max) | total s (median) |")
    print("|---|---|---|---|---|---|")
    for (host, rev), v in sorted(d.items()):
        lg = statistics.median(x[0] for x in v)
        rn = [x[1] for x in v]
        print("| %s | %s | %d | %.0f | %.0f (%d-%d) | %.2f |" % (
            host, rev, len(v), lg, statistics.median(rn), min(rn), max(rn),
            (lg + statistics.median(rn)) / 1000))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "all-baseline":
        all_baseline(args)
    elif cmd == "oscap-results":
        oscap_results(args[0])
    elif cmd == "rempart-results":
        rempart_results(args[0])
    elif cmd == "probe-times":
        probe_times(args[0])
    elif cmd == "perhost":
        perhost(args[0])
    elif cmd == "compare":
        compare(args[0], args[1])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
