#!/usr/bin/python3
"""Split the probe script rempart sent to a host into one piece per section.

usage: split-script.py CAPTURED_SCRIPT OUTDIR

CAPTURED_SCRIPT is the exact script rempart's `collect` sent to a target (bench.sh
records it on the target with an authorized_keys command="tee ... | /bin/sh -s").
Writes to OUTDIR:
  script.sh       the same script, with its random boundary replaced by a fixed one
                  (what the OpenSSH "best shell" variant sends to every host)
  NN-ID.sh        one stand-alone sh command per section (rempart.id, rempart.elevate,
                  then one per probe, in rempart's order): the script's preamble
                  (LC_ALL, PATH, umask), the elevation variables where needed, and
                  the section's lines exactly as rempart wrote them (the
                  `if command -v`/`if [ "$rp_el" = 0 ]` guards, the `/bin/sh -c '...'`
                  or `$rp_su /bin/sh -c '...'` run, the markers). What the naive
                  variant runs with one `ssh host CMD` each, and the ansible variant
                  with one task each.
  sections.txt    the section ids, one per line
The split is checked: preamble + sections + DONE marker == the captured script,
byte for byte; otherwise it fails.
"""
import os
import re
import sys

FIXED = "0123456789abcdef0123456789abcdef"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="latin-1").read()
    m = re.search(r"==RP-([0-9a-f]{32})-BEGIN ", text)
    if not m:
        sys.exit("no rempart marker in the captured script")
    b = m.group(1)
    text = text.replace(b, FIXED)
    pre = "==RP-%s-" % FIXED
    lines = text.splitlines(keepends=True)

    # preamble: everything before the first BEGIN marker
    first = next(i for i, l in enumerate(lines) if pre + "BEGIN " in l)
    preamble_lines = lines[:first]
    preamble = "".join(preamble_lines)
    if not preamble.startswith("LC_ALL=C;") or "umask 077" not in preamble:
        sys.exit("unexpected preamble: %r" % preamble)

    end_re = re.compile(r"^printf '\\n" + re.escape(pre) + r"END (\S+) %d==\\n' ")
    tail_re = re.compile(r"^(else|fi|printf '\\n" + re.escape(pre) + r"(NA|SKIP) (\S+)==\\n')\n$")
    sections = []           # (id, text)
    cur = []
    i = first
    while i < len(lines):
        l = lines[i]
        cur.append(l)
        i += 1
        em = end_re.match(l)
        if em:
            sid = em.group(1)
            while i < len(lines):
                tm = tail_re.match(lines[i])
                if not tm or (tm.group(3) is not None and tm.group(3) != sid):
                    break
                cur.append(lines[i])
                i += 1
            sections.append((sid, "".join(cur)))
            cur = []
    done = "".join(cur)
    if done != "printf '\\n%sDONE==\\n'\n" % pre:
        sys.exit("unexpected end of script: %r" % done)
    if preamble + "".join(t for _, t in sections) + done != text:
        sys.exit("split does not add up to the script")
    if [s for s, _ in sections[:2]] != ["rempart.id", "rempart.elevate"]:
        sys.exit("unexpected first sections: %r" % [s for s, _ in sections[:2]])

    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "script.sh"), "w", encoding="latin-1") as f:
        f.write(text)
    # the elevation state the full script computes once: the bulk hosts allow
    # "sudo -n" for everything, so rp_el=0 (checked by the rempart.elevate run)
    elev = "rp_el=0; rp_ell=0; rp_su='sudo -n'\n[ \"$(id -u)\" = 0 ] && rp_su=''\n"
    for k, (sid, body) in enumerate(sections):
        need_elev = k >= 2 and ("$rp_el" in body or "$rp_su" in body)
        cmd = preamble + (elev if need_elev else "") + body
        with open(os.path.join(out, "%02d-%s.sh" % (k, sid)), "w", encoding="latin-1") as f:
            f.write(cmd)
    with open(os.path.join(out, "sections.txt"), "w") as f:
        f.write("".join(s + "\n" for s, _ in sections))
    print("%d sections (%d probes), script %d bytes, boundary %s replaced"
          % (len(sections), len(sections) - 2, len(text), b))


if __name__ == "__main__":
    main()
