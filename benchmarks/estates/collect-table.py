#!/usr/bin/python3
"""collect-table.py RESULTS.tsv...: the Markdown tables of
bench-collect-1000.sh runs: every run, then rempart against OpenSSH
(and Ansible) at each -j, as ratios."""
import csv, sys

rows = []
for f in sys.argv[1:]:
    rows += list(csv.DictReader(open(f), delimiter="\t"))
mib = lambda k: "%.1f" % (int(k) / 1024.0)
name = {"rempart": "`rempart collect -j %s`", "ssh": "`xargs -P %s` + OpenSSH",
        "ansible": "`ansible-playbook -f %s`"}
print("| tag | collector | wall (s) | client CPU (s) | client CPU per host (ms) "
      "| peak RSS, all client processes (MiB) | peak PSS, all (MiB) | largest process (MiB) "
      "| peak open fds | peak processes | target CPU per host (ms) | hosts done | load (start/end) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s | %s / %s |" % (
        r["tag"], name[r["collector"]] % r["jobs"], r["wall_s"], r["client_cpu_s"],
        r["client_cpu_per_host_ms"], mib(r["peak_rss_all_kib"]), mib(r["peak_pss_all_kib"]),
        mib(r["largest_rss_kib"]), r["peak_fds"], r["peak_procs"],
        r["target_cpu_per_host_ms"], r["hosts_done"], r["n"], r["load1_start"], r["load1_end"]))
print()
print("| tag | -j | client CPU per host: rempart / OpenSSH | target CPU per host: rempart / OpenSSH "
      "| client CPU per host: Ansible / rempart | target CPU per host: Ansible / rempart "
      "| peak RSS all: rempart / OpenSSH | peak fds: rempart / OpenSSH |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
by = {}
for r in rows:
    by.setdefault((r["tag"], r["jobs"]), {})[r["collector"]] = r
def ratio(a, b, k):
    try:
        return "%.2f" % (float(a[k]) / float(b[k]))
    except (KeyError, TypeError, ZeroDivisionError, ValueError):
        return "-"
for (tag, j), d in by.items():
    rp, sh, an = d.get("rempart"), d.get("ssh"), d.get("ansible")
    cells = []
    for a, b, k in ((rp, sh, "client_cpu_per_host_ms"), (rp, sh, "target_cpu_per_host_ms"),
                    (an, rp, "client_cpu_per_host_ms"), (an, rp, "target_cpu_per_host_ms"),
                    (rp, sh, "peak_rss_all_kib"), (rp, sh, "peak_fds")):
        cells.append(ratio(a, b, k) if a and b else "-")
    print("| %s | %s | %s |" % (tag, j, " | ".join(cells)))
