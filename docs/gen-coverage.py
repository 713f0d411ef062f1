#!/usr/bin/env python3
"""gen-coverage.py [--check] [SRCDIR] -- regenerate the tables of
docs/linux-coverage.md and docs/ad-coverage.md from the catalogue.

The checks, their references and the baselines come from checks/; what a
reference is (its recommendations or rules, their levels, and why rempart
does not cover one) from docs/coverage/*.tsv. Each generated block sits
between "<!-- BEGIN generated: NAME -->" and "<!-- END generated: NAME -->"
markers; the text around them is kept. --check writes nothing and exits 1
when a file is not up to date. Either way it fails on a catalogue that cites
a recommendation, checkpoint or rule the reference does not have, at another
level than the reference's, or on a reference line that says neither what
covers it nor why nothing does.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = {"c": "urn:rempart:catalog:1", "b": "urn:rempart:baseline:1"}
BP_LEVELS = {"M": "minimal", "I": "intermediary", "R": "enhanced",
             "E": "high"}
BP_ORDER = ["M", "I", "R", "E"]
errors = []


def err(msg):
    errors.append(msg)


def load_checks(src):
    checks = []
    for path in sorted(glob.glob(os.path.join(src, "checks", "*", "*.xml"))):
        if "/baselines/" in path or "/schema/" in path:
            continue
        raw = open(path, encoding="utf-8").read()
        root = ET.fromstring(raw)
        module = root.get("module")
        # decisions written next to a check or probe: <!-- ComplianceAsCode: -->
        notes = {}
        for m in re.finditer(r"<!--\s*ComplianceAsCode:\s*(.*?)\s*-->\s*"
                             r"<(check|probe) id=\"([^\"]+)\"", raw, re.S):
            notes[m.group(3)] = " ".join(m.group(1).split())
        for p in root.findall("c:probe", NS):
            if p.get("id") in notes:
                checks.append({"probe": p.get("id"), "module": module,
                               "cac": notes[p.get("id")]})
        for c in root.findall("c:check", NS):
            refs = [(r.get("scheme"), r.get("id"), r.get("level"))
                    for r in c.findall("c:ref", NS)]
            checks.append({"id": c.get("id"), "module": module,
                           "kind": root.get("kind"), "refs": refs,
                           "cac": notes.get(c.get("id"))})
    return checks


def load_baselines(src):
    bl = {}
    for path in sorted(glob.glob(os.path.join(src, "checks", "baselines",
                                              "*.xml"))):
        root = ET.parse(path).getroot()
        bl[root.get("id")] = {
            "extends": root.get("extends"), "kind": root.get("kind"),
            "checks": [s.get("check") for s in root.findall("b:select", NS)
                       if s.get("check")],
            "modules": [s.get("module") for s in root.findall("b:select", NS)
                        if s.get("module")],
            "excludes": [e.get("check") for e in root.findall("b:exclude",
                                                               NS)]}
    return bl


def resolve(bl, checks, bid):
    chain = []
    while bid:
        chain.append(bl[bid])
        bid = bl[bid]["extends"]
    sel = set()
    for b in reversed(chain):
        sel.update(b["checks"])
        for m in b["modules"]:
            sel.update(c["id"] for c in checks if "id" in c and
                       c["kind"] == b["kind"] and
                       (c["module"] == m or c["module"].startswith(m + "/")))
        sel.difference_update(b["excludes"])
    return sel


def load_tsv(src, name, ncols):
    rows = []
    path = os.path.join(src, "docs", "coverage", name)
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != ncols:
            err("%s:%d: %d fields, expected %d" % (path, n, len(cells),
                                                  ncols))
            continue
        rows.append(cells)
    return rows


def cell(s):
    return s.replace("|", "\\|")


def citing(checks, scheme, ids):
    out = {}
    for c in checks:
        for (s, i, lv) in c.get("refs", []):
            if s == scheme and i in ids:
                out.setdefault(i, []).append(c["id"])
    return {k: sorted(set(v)) for k, v in out.items()}


def r_range(rid):
    m = re.match(r"^R(\d+)(?:–R(\d+))?$", rid)
    a = int(m.group(1))
    return ["R%d" % n for n in range(a, int(m.group(2) or a) + 1)]


def module_table(checks, kinds, names=None):
    count = {}
    for c in checks:
        if "id" in c and c["kind"] in kinds:
            count[c["module"]] = count.get(c["module"], 0) + 1
    out = ["| module | checks |", "|---|---|"]
    for m in sorted(count):
        out.append("| %s | %d |" % (names.get(m, m) if names else m,
                                    count[m]))
    out.append("| **total** | **%d** |" % sum(count.values()))
    return out


def linux_blocks(src, checks, bl):
    rows = load_tsv(src, "anssi-bp028.tsv", 5)
    known = {}
    for rid, lv, title, cov, note in rows:
        for r in r_range(rid):
            known[r] = lv
    for c in checks:
        for (s, i, lv) in c.get("refs", []):
            if s != "anssi-bp028":
                continue
            if i not in known:
                err("%s cites anssi-bp028:%s, which BP-028 v2 does not have"
                    % (c["id"], i))
            elif BP_LEVELS[known[i]] != lv:
                err("%s cites anssi-bp028:%s at level %s; BP-028 says %s"
                    % (c["id"], i, lv, BP_LEVELS[known[i]]))
    cite = citing(checks, "anssi-bp028", set(known))
    table = ["| R | Level | Recommendation | Checks | Coverage | Notes |",
             "|---|---|---|---|---|---|"]
    per_level = {lv: [0, 0, 0] for lv in BP_ORDER}   # total, cited, yes
    for rid, lv, title, cov, note in rows:
        ids = sorted({c for r in r_range(rid) for c in cite.get(r, [])})
        if cov not in ("yes", "partial", "not yet", "no"):
            err("anssi-bp028.tsv: %s: coverage '%s'" % (rid, cov))
        if ids and cov in ("no", "not yet"):
            err("anssi-bp028.tsv: %s says '%s' but %s cite it"
                % (rid, cov, ", ".join(ids)))
        if not ids and cov in ("yes", "partial"):
            err("anssi-bp028.tsv: %s says '%s' but no check cites it"
                % (rid, cov))
        if not ids and not note:
            err("anssi-bp028.tsv: %s: no check and no reason" % rid)
        n = len(r_range(rid))
        per_level[lv][0] += n
        per_level[lv][1] += n if ids else 0
        per_level[lv][2] += n if cov == "yes" else 0
        table.append("| %s | %s | %s | %s | %s | %s |" % (
            rid, lv, cell(title), ", ".join(ids) or "–", cov, cell(note)))
    counts = ["| BP-028 level | recommendations | cited by a check | "
              "fully covered | baseline | its checks | of which cite this "
              "level or below |", "|---|---|---|---|---|---|---|"]
    bases = {"M": "anssi-bp028-minimal", "I": "anssi-bp028-intermediary",
             "R": "anssi-bp028-enhanced", "E": None}
    byid = {c["id"]: c for c in checks if "id" in c}
    for k, lv in enumerate(BP_ORDER):
        t, ci, y = per_level[lv]
        b = bases[lv]
        if b:
            sel = resolve(bl, checks, b)
            ok = set(BP_ORDER[:k + 1])
            inref = [i for i in sel if any(
                s == "anssi-bp028" and rl in {BP_LEVELS[o] for o in ok}
                for (s, _, rl) in byid[i]["refs"])]
            counts.append("| %s (%s) | %d | %d | %d | `%s` | %d | %d |" % (
                BP_LEVELS[lv], lv, t, ci, y, b, len(sel), len(inref)))
        else:
            counts.append("| %s (%s) | %d | %d | %d | – | – | – |" % (
                BP_LEVELS[lv], lv, t, ci, y))
    cis_all = {i for c in checks for (s, i, _) in c.get("refs", [])
               if s == "cis-debian12"}
    cis_l1 = {i for c in checks if c.get("id") in
              resolve(bl, checks, "cis-debian12-l1")
              for (s, i, _) in c["refs"] if s == "cis-debian12"}
    counts += ["", "CIS Debian Linux 12 v1.1.0 (310 items, 249 of them "
               "level 1 server): the catalogue cites %d distinct items; "
               "the checks of `cis-debian12-l1` cite %d." % (len(cis_all),
                                                           len(cis_l1))]
    cac = ["| check or probe | decision |", "|---|---|"]
    for c in checks:
        if c.get("cac") and c.get("module", "").startswith("linux/"):
            cac.append("| %s | %s |" % (c.get("id") or c["probe"],
                                        cell(c["cac"])))
    return {"linux-modules": module_table(checks, ("linux",)),
            "bp028": table, "linux-counts": counts, "cac": cac}


def ad_blocks(src, checks, bl):
    rows = load_tsv(src, "anssi-ad.tsv", 3)
    known = {}
    for cid, lvs, why in rows:
        known["vuln_" + cid] = set(re.findall(r"\d", lvs.split("(")[0]))
    for c in checks:
        for (s, i, lv) in c.get("refs", []):
            if s != "anssi-ad":
                continue
            if i not in known:
                err("%s cites anssi-ad:%s, a checkpoint no source names"
                    % (c["id"], i))
            elif lv is not None and lv not in known[i]:
                err("%s cites anssi-ad:%s at level %s; the source says %s"
                    % (c["id"], i, lv, ",".join(sorted(known[i]))))
    cite = citing(checks, "anssi-ad", set(known))
    table = ["| checkpoint (`vuln_` id) | level (source) | rempart | if not "
             "covered: why |", "|---|---|---|---|"]
    lvl = {}
    for cid, lvs, why in rows:
        ids = cite.get("vuln_" + cid, [])
        if not ids and not why:
            err("anssi-ad.tsv: %s: no check and no reason" % cid)
        low = min(int(x) for x in known["vuln_" + cid])
        t = lvl.setdefault(low, [0, 0])
        t[0] += 1
        t[1] += 1 if ids else 0
        table.append("| %s | %s | %s | %s |" % (cid, lvs, ", ".join(ids) or
                                                "-", cell(why)))
    prow = load_tsv(src, "pingcastle.tsv", 2)
    pk = {r[0] for r in prow}
    for c in checks:
        for (s, i, lv) in c.get("refs", []):
            if s == "pingcastle" and i not in pk:
                err("%s cites pingcastle:%s, which PingCastle does not have"
                    % (c["id"], i))
    pcite = citing(checks, "pingcastle", pk)
    ptable = ["| rule | rempart | if not covered: why |", "|---|---|---|"]
    for rule, why in prow:
        ids = pcite.get(rule, [])
        if not ids and not why:
            err("pingcastle.tsv: %s: no check and no reason" % rule)
        ptable.append("| %s | %s | %s |" % (rule, ", ".join(ids) or "-",
                                            cell(why)))
    counts = ["| reference | items | covered by a check |", "|---|---|---|"]
    cum_t = cum_c = 0
    for low in sorted(lvl):
        cum_t += lvl[low][0]
        cum_c += lvl[low][1]
        counts.append("| ANSSI AD checkpoints of level %d (up to %d) | %d "
                      "(%d) | %d (%d) |" % (low, low, lvl[low][0], cum_t,
                                            lvl[low][1], cum_c))
    counts.append("| PingCastle rules (9393a5f) | %d | %d |" % (
        len(prow), len(pcite)))
    counts.append("")
    sizes = []
    for b in ("ad-anssi-level-2", "ad-anssi-level-3", "ad-anssi-level-4",
              "ad-anssi-level-5", "rempart-ad-recommended",
              "openldap-hardened"):
        if b in bl:
            sizes.append("`%s` %d" % (b, len(resolve(bl, checks, b))))
    counts.append("Checks per baseline: " + ", ".join(sizes) + ".")
    names = {}
    return {"ad-modules": module_table(checks, ("ad", "openldap"), names),
            "anssi-ad": table, "pingcastle": ptable, "ad-counts": counts}


def fill(path, blocks, check):
    text = open(path, encoding="utf-8").read()
    new = text
    for name, lines in blocks.items():
        pat = re.compile(r"(<!-- BEGIN generated: %s -->\n).*?"
                         r"(<!-- END generated: %s -->)" % (re.escape(name),
                                                            re.escape(name)),
                         re.S)
        if not pat.search(new):
            continue
        body = "\n".join(lines) + "\n"
        new = pat.sub(lambda m: m.group(1) + body + m.group(2), new)
    if new == text:
        return True
    if check:
        return False
    open(path, "w", encoding="utf-8").write(new)
    return True


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    src = args[0] if args else os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))
    checks = load_checks(src)
    bl = load_baselines(src)
    lb = linux_blocks(src, checks, bl)
    ab = ad_blocks(src, checks, bl)
    for e in errors:
        print("gen-coverage: " + e, file=sys.stderr)
    if errors:
        return 1
    ok = True
    for path, blocks in (("docs/linux-coverage.md", lb),
                         ("docs/ad-coverage.md", ab)):
        if not fill(os.path.join(src, path), blocks, check):
            print("gen-coverage: %s is not up to date: run "
                  "docs/gen-coverage.py" % path, file=sys.stderr)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
