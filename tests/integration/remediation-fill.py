#!/usr/bin/env python3
"""remediation-fill.py -- the remediation's commands filled with hostile
object names render inertly.

Usage: remediation-fill.py REMPART FIXTURE_BUNDLE WORKDIR
Plants accounts with hostile names in a copy of the fixture bundle (UID 0
accounts, an account without password, AS-REP roastable AD accounts),
evaluates it, then:
- runs every filled POSIX shell command with sh, the commands it calls
  replaced by a stub that records its arguments: each object arrives as
  one argument, whole, after "--", and no command substitution ran;
- parses every filled PowerShell command by PowerShell's quoting rules:
  the object is one single-quoted string that reads back as the object;
- checks the objects that must not be filled in are refused, with why;
- renders HTML and Markdown in both languages: no raw control character,
  no raw markup of an object.
Prints "ok"/"FAIL" lines; exits 1 on a failure.
"""
import base64
import json
import os
import shutil
import subprocess
import sys

FAILS = 0


def ok(name, cond, detail=""):
    global FAILS
    if cond:
        print("ok   " + name)
    else:
        FAILS += 1
        print("FAIL " + name + (("\n     " + detail) if detail else ""))


HOSTILE_SH = [  # filled in, must arrive whole as one argument
    "x'$(touch PWNED1)'y",
    "b`touch PWNED2`",
    "-rf",
    "$(touch PWNED3)",
    "a;touch PWNED4",
    "sp ace&&touch PWNED5",
    "o\u2019brien",
    "\\'\\",
]
REFUSED_SH = {  # name -> refusal
    "evil\rname": "control",
    "esc\x1b[31mred": "control",
    "rlo\u202eexe.sh": "control",
    "del\x7f": "control",
    "L" * 600: "length",
}
BADUTF8 = b"bad\xff\xfe"
STL_FILLED = ["o'brien", "-Force", "a`b", "x$(calc)y"]
STL_REFUSED = {  # name -> refusal
    "evil\nname": "control",
    "x\u2019y": "quote",
    "has space: whenCreated": "form",
}
PS_VERBS = ("Set-AD", "Get-AD", "Disable-AD", "dsacls ")


def plant(ev):
    web = os.path.join(ev, "targets", "web1", "probes")
    with open(os.path.join(web, "linux.passwd.out"), "ab") as f:
        for n in HOSTILE_SH + list(REFUSED_SH):
            f.write(n.encode() + b":x:0:0:x:/root:/bin/sh\n")
        f.write(BADUTF8 + b":x:0:0:x:/root:/bin/sh\n")
    with open(os.path.join(web, "linux.shadow-status.out"), "ab") as f:
        f.write(b"-rf:EMPTY:19000:99999\n")
        f.write(b"$(touch PWNED6):EMPTY:19000:99999\n")
    dc = os.path.join(ev, "targets", "dc1", "probes", "ad.asrep-roastable.ldif")
    with open(dc, "ab") as f:
        for i, n in enumerate(["o'brien", "$(Invoke-Expression calc)",
                               "x\u2019y", "-Force", "a`b"]):
            f.write(b"\ndn: CN=h%d,OU=Services,DC=lab,DC=test\n" % i)
            f.write(b"sAMAccountName:: " +
                    base64.b64encode(n.encode()) + b"\n")
            f.write(b"userAccountControl: 4260352\n")
    # AD-STL-009 (ad-older-than, a native evaluator): its observed items
    # are "NAME: whenCreated ...", its objects the names alone
    dc = os.path.join(ev, "targets", "dc1", "probes",
                      "ad.users-never-logged-on.ldif")
    with open(dc, "ab") as f:
        for i, n in enumerate(STL_FILLED + list(STL_REFUSED)):
            f.write(b"\ndn: CN=n%d,OU=Staff,DC=lab,DC=test\n" % i)
            f.write(b"sAMAccountName:: " +
                    base64.b64encode(n.encode()) + b"\n")
            f.write(b"whenCreated: 20190304100000.0Z\n")


def sh_argv(work, line):
    """Run line with sh, every command a stub: the argv of each call."""
    stub = os.path.join(work, "bin")
    os.makedirs(stub, exist_ok=True)
    rec = os.path.join(work, "argv")
    for c in ("usermod", "passwd", "chmod", "chown", "visudo"):
        p = os.path.join(stub, c)
        with open(p, "w") as f:
            f.write("#!/bin/sh\nprintf '%s\\0' \"$0\" \"$@\" >> \"$REC\"\n"
                    "printf '\\n' >> \"$REC\"\n")
        os.chmod(p, 0o755)
    if os.path.exists(rec):
        os.unlink(rec)
    run = os.path.join(work, "run")
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(run)
    env = {"PATH": stub, "REC": rec}
    subprocess.run(["/bin/sh", "-c", line], cwd=run, env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    calls = []
    if os.path.exists(rec):
        for c in open(rec, "rb").read().split(b"\0\n"):
            if c:
                calls.append([a.decode("utf-8", "replace")
                              for a in c.split(b"\0")])
    return calls, os.listdir(run)


def ps_string(tok):
    """A PowerShell single-quoted string at the start of tok: its value
    and what follows it, or None."""
    quotes = "'\u2018\u2019\u201a\u201b"
    if not tok or tok[0] not in quotes:
        return None
    i, out = 1, []
    while i < len(tok):
        if tok[i] in quotes:
            if i + 1 < len(tok) and tok[i + 1] in quotes:
                out.append(tok[i])
                i += 2
                continue
            return "".join(out), tok[i + 1:]
        out.append(tok[i])
        i += 1
    return None


def main(argv):
    rempart, bundle, work = argv[1], argv[2], argv[3]
    ev = os.path.join(work, "ev")
    shutil.rmtree(ev, ignore_errors=True)
    shutil.copytree(bundle, ev)
    plant(ev)
    subprocess.run([rempart, "evidence", "seal", ev], check=True,
                   stdout=subprocess.DEVNULL)
    res = os.path.join(work, "r.json")
    subprocess.run([rempart, "evaluate", "-e", ev, "-b",
                    "anssi-bp028-intermediary", "-b", "ad-anssi-level-2",
                    "-o", res], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    d = json.load(open(res))
    plan = {a["check"]: a for a in d["plan"] if a.get("check")}

    # --- POSIX shell: LNX-ACC-001 (usermod ... -- NAME) -----------------
    a = plan.get("LNX-ACC-001", {})
    cmds = {e["object"]: e for e in a.get("commands", [])}
    for n in HOSTILE_SH:
        e = cmds.get(n)
        ok("LNX-ACC-001: %r is filled in" % n, e is not None and
           e["refused"] is None and len(e["commands"]) == 1,
           json.dumps(e))
        if e is None or not e["commands"]:
            continue
        calls, left = sh_argv(work, e["commands"][0])
        ok("LNX-ACC-001: %r arrives as one whole argument after --" % n,
           len(calls) == 1 and calls[0][-2:] == ["--", n],
           repr(calls))
        ok("LNX-ACC-001: %r runs nothing else (no file created)" % n,
           left == [], repr(left))
    for n, why in REFUSED_SH.items():
        e = cmds.get(n)
        ok("LNX-ACC-001: %r is not filled in (%s)" % (n[:20], why),
           e is not None and e["refused"] == why and e["commands"] == [],
           json.dumps(e)[:300])
    bad = [e for e in a.get("commands", []) if e["object"].startswith("bad")]
    ok("LNX-ACC-001: a name that is not UTF-8 is not filled in (encoding)",
       len(bad) == 1 and bad[0]["refused"] == "encoding", json.dumps(bad))
    # --- LNX-ACC-002: passwd -l -- NAME ------------------------------------
    a = plan.get("LNX-ACC-002", {})
    for n in ("-rf", "$(touch PWNED6)"):
        e = {x["object"]: x for x in a.get("commands", [])}.get(n)
        ok("LNX-ACC-002: %r is filled in" % n, e is not None and
           e["refused"] is None, json.dumps(a.get("commands")))
        if e is None or not e["commands"]:
            continue
        calls, left = sh_argv(work, e["commands"][0])
        ok("LNX-ACC-002: %r reaches passwd as -l -- NAME" % n,
           len(calls) == 1 and calls[0][1:] == ["-l", "--", n], repr(calls))
        ok("LNX-ACC-002: %r runs nothing else" % n, left == [], repr(left))
    # every filled shell command of the plan is inert: each call's last
    # argument is its object, nothing created
    nsh = 0
    for a in d["plan"]:
        for e in a.get("commands", []):
            for c in e["commands"]:
                if c.startswith(PS_VERBS):
                    continue
                nsh += 1
                calls, left = sh_argv(work, c)
                if not (len(calls) == 1 and calls[0][-1] == e["object"]
                        and left == []):
                    ok("%s: %r is inert" % (a["check"], c), False,
                       repr(calls) + repr(left))
    ok("every filled shell command of the plan is one call whose last "
       "argument is its object (%d commands)" % nsh, nsh >= 20)

    # --- PowerShell: AD-KRB-002 (Set-ADAccountControl -Identity 'NAME') ---
    a = plan.get("AD-KRB-002", {})
    cmds = {e["object"]: e for e in a.get("commands", [])}
    for n in ("o'brien", "$(Invoke-Expression calc)", "-Force", "a`b",
              "svc-legacy"):
        e = cmds.get(n)
        ok("AD-KRB-002: %r is filled in" % n, e is not None and
           e["refused"] is None and len(e["commands"]) == 1, json.dumps(e))
        if e is None or not e["commands"]:
            continue
        c = e["commands"][0]
        pre = "Set-ADAccountControl -Identity "
        s = ps_string(c[len(pre):]) if c.startswith(pre) else None
        ok("AD-KRB-002: %r is one PowerShell literal string that reads "
           "back as the name" % n, s is not None and s[0] == n and
           s[1] == " -DoesNotRequirePreAuth $false", c)
    e = cmds.get("x\u2019y")
    ok("AD-KRB-002: a typographic quote is not filled in (quote)",
       e is not None and e["refused"] == "quote", json.dumps(e))

    # --- AD-STL-009: a native evaluator's bare objects -------------------
    a = plan.get("AD-STL-009", {})
    cmds = {e["object"]: e for e in a.get("commands", [])}
    for n in STL_FILLED:
        e = cmds.get(n)
        ok("AD-STL-009: %r is filled in, without the observed text" % n,
           e is not None and e["refused"] is None and
           e["commands"] == ["Disable-ADAccount -Identity '%s'"
                             % n.replace("'", "''")], json.dumps(e))
    for n, why in STL_REFUSED.items():
        e = cmds.get(n)
        ok("AD-STL-009: %r is not filled in (%s)" % (n, why),
           e is not None and e["refused"] == why and e["commands"] == [],
           json.dumps(e))
    # every filled PowerShell command of the plan holds its object as one
    # single-quoted string that reads back as the object, and no other
    # quote
    nps = 0
    for a in d["plan"]:
        for e in a.get("commands", []):
            for c in e["commands"]:
                if not c.startswith(PS_VERBS):
                    continue
                nps += 1
                i = c.find("'")
                s = ps_string(c[i:]) if i >= 0 else None
                if s is None or s[0] != e["object"] or "'" in s[1] \
                        or "'" in c[:i]:
                    ok("%s: %r holds its object as one PowerShell string"
                       % (a["check"], c), False, json.dumps(e))
    ok("every filled PowerShell command of the plan holds its object as "
       "one literal string (%d commands)" % nps, nps >= 15)

    # --- renderings ---------------------------------------------------------
    for lang in ("en", "fr"):
        for fmt in ("html", "md"):
            out = os.path.join(work, "r.%s.%s" % (lang, fmt))
            subprocess.run([rempart, "report", "-r", res, "-f", fmt,
                            "--lang", lang, "-o", out], check=True,
                           stderr=subprocess.DEVNULL)
            t = open(out, "rb").read()
            ok("%s %s: no raw control character" % (lang, fmt),
               not any(b in t for b in (b"\r", b"\x1b", b"\x7f",
                                        "\u202e".encode()))),
            ok("%s %s: the filled commands are shown" % (lang, fmt),
               (b"passwd -l -- &#39;-rf&#39;" if fmt == "html" else
                b"passwd -l -- '-rf'") in t)
            want = {"en": "Not filled in for", "fr": "Non complété pour"}
            ok("%s %s: a refusal says why, in the report's language"
               % (lang, fmt), want[lang].encode() in t)
            if fmt == "md":
                # inside a code span a backslash is shown as it is: the
                # object escaped for Markdown must not be in one
                ok("%s md: a refused object reads as it is (not escaped "
                   "inside a code span)" % lang,
                   b"`evil\\\\x0dname`" not in t and
                   b"evil\\\\x0dname" in t)
            if fmt == "html":
                ok("%s html: an object's markup stays text" % lang,
                   b"<script>alert" not in t)
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
