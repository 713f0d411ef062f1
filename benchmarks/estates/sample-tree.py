#!/usr/bin/python3
"""sample-tree.py PID OUT [INTERVAL]: until PID exits, every INTERVAL s
(default 0.2) walk PID and its descendants in /proc and keep the peaks of:
open descriptors summed, VmRSS summed, Pss summed (smaps_rollup: shared
pages divided among their sharers, so copy-on-write forks are not counted
twice), the largest single VmRSS, and the number of processes. Writes
"peak_fds peak_rss_kib peak_pss_kib peak_largest_rss_kib peak_procs samples"
to OUT after every sample (the last line is the result)."""
import os, sys, time

root = int(sys.argv[1]); out = sys.argv[2]
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2

def children(pid):
    kids = []
    try:
        for t in os.listdir("/proc/%d/task" % pid):
            try:
                with open("/proc/%d/task/%s/children" % (pid, t)) as f:
                    kids += [int(x) for x in f.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return kids

def field(path, name):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0

peak = [0, 0, 0, 0, 0]; n = 0
while os.path.exists("/proc/%d" % root):
    todo = [root]; seen = []
    while todo:
        p = todo.pop(); seen.append(p); todo += children(p)
    fds = rss = pss = big = 0
    for p in seen:
        try:
            fds += len(os.listdir("/proc/%d/fd" % p))
        except OSError:
            pass
        r = field("/proc/%d/status" % p, "VmRSS:")
        rss += r; big = max(big, r)
        pss += field("/proc/%d/smaps_rollup" % p, "Pss:")
    for i, v in enumerate((fds, rss, pss, big, len(seen))):
        peak[i] = max(peak[i], v)
    n += 1
    with open(out, "w") as f:
        f.write("%d %d %d %d %d %d\n" % tuple(peak + [n]))
    time.sleep(interval)
