#!/usr/bin/python3
"""Tables from bench.sh results: summarize.py RESULTS_DIR...

For each results dir: one row per variant (medians over the rounds), then the
issue's targets for rempart. With several dirs, also one line per dir with the
ratios. Markdown on stdout.
"""
import csv
import os
import statistics as st
import sys

ORDER = ["floor", "floor-x25519", "rempart", "shell", "naive", "ansible-pipe", "ansible-nopipe"]
LABEL = {
    "floor": "floor: `ssh hN true`, parallel",
    "floor-x25519": "floor, curve25519 kex (as libssh2)",
    "rempart": "**rempart collect -j N**",
    "shell": "best shell: `ssh hN sh -s < script`, parallel",
    "naive": "naive: one `ssh hN CMD` per probe",
    "ansible-pipe": "ansible, 1 task/probe, pipelining",
    "ansible-nopipe": "ansible, 1 task/probe, no pipelining",
}


def med(xs):
    return st.median(xs) if xs else float("nan")


def load(d):
    runs = list(csv.DictReader(open(os.path.join(d, "runs.tsv")), delimiter="\t"))
    tp = os.path.join(d, "target.tsv")
    # a results dir rebuilt from bench.log has no per-host data (RECONSTRUCTED.md)
    tgt = list(csv.DictReader(open(tp), delimiter="\t")) if os.path.exists(tp) else []
    return runs, tgt


def per_variant(runs, tgt):
    out = {}
    for v in ORDER:
        allrs = [r for r in runs if r["variant"] == v]
        if not allrs:
            continue
        # medians over the runs that passed their check; failed runs are counted
        # in "runs ok" and stay in runs.tsv
        rs = [r for r in allrs if r["check"] == "ok"] or allrs
        okreps = {r["rep"] for r in rs}
        hosts = {}
        for t in tgt:
            if t["variant"] == v and t["rep"] in okreps:
                hosts.setdefault(t["host"], []).append(float(t["target_cpu_s"]))
        hmed = sorted(med(x) for x in hosts.values())
        if not hmed:    # no per-host data: the mean over hosts of each run
            hmed = [med([float(r["target_cpu_s"]) / int(r["n"]) for r in rs])]
        out[v] = {
            "wall": [float(r["wall_s"]) for r in rs],
            "cpu": [float(r["user_s"]) + float(r["sys_s"]) + float(r["extra_cpu_s"]) for r in rs],
            "rss": [int(r["maxrss_kb"]) for r in rs],
            "tsum": [float(r["target_cpu_s"]) for r in rs],
            "host": hmed,
            "check": [r["check"] for r in allrs],
            "busy": [float(r["target_cpu_s"]) / (2.0 * float(r["wall_s"])) for r in rs],
            # busy CPU of the machine minus this run's client and targets: other load
            "other": [float(r["machine_cpu_s"]) - float(r["user_s"]) - float(r["sys_s"])
                      - float(r["extra_cpu_s"]) - float(r["target_cpu_s"])
                      for r in rs if r.get("machine_cpu_s")],
            "reps": {r["rep"]: r for r in allrs},
        }
    return out


def fmt_ratio(a, b):
    return "%.2fx" % (a / b) if b > 0 else "-"


def one(d):
    runs, tgt = load(d)
    if not runs:
        return "(no runs in %s)\n" % d, None
    n, delay = runs[0]["n"], runs[0]["delay"]
    pv = per_variant(runs, tgt)
    o = []
    o.append("#### `%s`: %s hosts, +%s ms (%d rounds)\n" % (os.path.basename(os.path.normpath(d)), n, delay, max(len(x["check"]) for x in pv.values())))
    o.append("| variant | wall s | wall / shell | client CPU s | CPU / ssh clients | max RSS MiB | target CPU s, all hosts | per host: median (min-max) | targets' CPU / (2 cores x wall) | other load CPU s | runs ok |")
    o.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|")
    sh = pv.get("shell")
    for v, x in pv.items():
        w, c = med(x["wall"]), med(x["cpu"])
        h = x["host"]
        ok = sum(1 for s in x["check"] if s == "ok")
        o.append("| %s | %.2f | %s | %.2f | %s | %.1f | %.1f | %.2f (%.2f-%.2f) | %.2f | %s | %d/%d |" % (
            LABEL[v], w, fmt_ratio(w, med(sh["wall"])) if sh else "-", c,
            fmt_ratio(c, med(sh["cpu"])) if sh else "-",
            med(x["rss"]) / 1024, med(x["tsum"]), med(h), h[0], h[-1], med(x["busy"]),
            "%.0f" % med(x["other"]) if x["other"] else "-", ok, len(x["check"])))
    la = os.path.join(d, "loadavg.tsv")
    if os.path.exists(la):
        l1 = sorted(float(line.split("\t")[1].split()[0]) for line in open(la) if "\t" in line)
        if l1:
            o.append("")
            o.append("Load average (1 min, every 5 s over the whole configuration; it counts the lab's own "
                     "busy targets, up to N, plus the other users): median %.1f (%.1f-%.1f), %d samples."
                     % (med(l1), l1[0], l1[-1], len(l1)))
    res = None
    if "rempart" in pv and sh:
        rp = pv["rempart"]
        wr = med(rp["wall"]) / med(sh["wall"])
        per_round = []
        for rep, r in sorted(rp["reps"].items()):
            s = sh["reps"].get(rep)
            if s:
                per_round.append("%.2f%s" % (float(r["wall_s"]) / float(s["wall_s"]),
                                             "" if r["check"] == "ok" else " (rempart run failed: %s)" % r["check"]))
        cr = med(rp["cpu"]) / med(sh["cpu"])
        rss = max(rp["rss"]) / 1024
        o.append("")
        o.append("Targets (rempart): wall / best shell **%.2fx** (per round %s; target <= 1.1x: %s); "
                 "CPU / the %s OpenSSH clients **%.2fx** (target <= 1: %s); peak RSS **%.1f MiB** (max of the rounds; target < 64: %s)"
                 % (wr, ", ".join(per_round), "met" if wr <= 1.1 else "NOT met",
                    n, cr, "met" if cr <= 1.0 else "NOT met", rss, "met" if rss < 64 else "NOT met"))
        an = []
        for v in ("ansible-pipe", "ansible-nopipe"):
            if v in pv:
                f = med(pv[v]["wall"]) / med(rp["wall"])
                an.append("%s **%.1fx** slower (target >= 10x: %s)" % (v, f, "met" if f >= 10 else "NOT met"))
        if an:
            o.append("; ".join(an) + ".")
        if "floor" in pv:
            o.append("Target CPU per host above the floor's (the probes themselves): %s."
                     % ", ".join("%s %.2f s" % (v, med(pv[v]["host"]) - med(pv["floor"]["host"]))
                                 for v in ("rempart", "shell", "naive", "ansible-pipe", "ansible-nopipe") if v in pv))
        res = (os.path.basename(os.path.normpath(d)), n, delay, pv)
    o.append("")
    return "\n".join(o) + "\n", res


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    allres = []
    for d in sys.argv[1:]:
        text, res = one(d)
        print(text)
        if res:
            allres.append(res)
    if len(allres) > 1:
        print("#### All runs: medians, as ratios\n")
        print("| results | hosts | delay | rempart wall s | shell wall s | rempart / shell | floor s | naive / rempart | ansible pipelining / rempart | ansible no pipelining / rempart | rempart CPU / ssh CPU | rempart RSS MiB | target CPU/host: rempart / shell |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, n, delay, pv in allres:
            rp, sh = pv["rempart"], pv["shell"]
            w = med(rp["wall"])

            def r(v):
                return "%.1fx" % (med(pv[v]["wall"]) / w) if v in pv else "-"
            print("| %s | %s | +%s ms | %.2f | %.2f | %.2fx | %s | %s | %s | %s | %.2fx | %.1f | %.2f / %.2f s |" % (
                name, n, delay, w, med(sh["wall"]), w / med(sh["wall"]),
                "%.2f" % med(pv["floor"]["wall"]) if "floor" in pv else "-",
                r("naive"), r("ansible-pipe"), r("ansible-nopipe"),
                med(rp["cpu"]) / med(sh["cpu"]), max(rp["rss"]) / 1024,
                med(rp["host"]), med(sh["host"])))
        print()


if __name__ == "__main__":
    main()
