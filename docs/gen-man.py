#!/usr/bin/env python3
"""gen-man.py -- write rempart's man pages from the built binary's --help.

    gen-man.py --binary ./rempart --outdir man [--pkgdatadir DIR]
               [--docdir DIR] [--completionsdir DIR]

Runs 'rempart --help', takes the commands from its "Commands:" block, runs
'rempart COMMAND --help' for each and writes rempart.1 and
rempart-COMMAND.1 (roff, man macros) into OUTDIR, plus OUTDIR/pages: the
list of the files written (the install and uninstall rules read it).
The pages hold the help text itself (synopsis, description, options,
examples, exit status), so they cannot drift from --help; only FILES,
ENVIRONMENT and SEE ALSO are added here. Any help text that does not parse
(no usage line, no command list) is an error: the build fails rather than
install an empty page.
"""
import argparse
import os
import re
import subprocess
import sys
import time

# an option line of a help text: "  -o, --output FILE   what it does"; the
# metavariable (FILE, B, TARGET=FILE) follows the option after one space
OPT_RE = re.compile(
    r"^ {2,}((?:-[A-Za-z0-9], )?--?[A-Za-z0-9][\w-]*"
    r"(?:[ =][A-Z][A-Z0-9_=|]*(?:\.[A-Za-z0-9]+)*)?)(?: +(.*))?$")
# a command of the "Commands:" list (a long name leaves one space)
CMD_RE = re.compile(r"^  ([a-z][\w-]*) +(\S.*)$")


def run_help(binary, args):
    env = dict(os.environ, LC_ALL="C", LANGUAGE="", LANG="C")
    p = subprocess.run([binary] + args + ["--help"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, check=False)
    if p.returncode != 0:
        sys.exit("gen-man: '%s --help' exited %d: %s" % (
            " ".join([binary] + args), p.returncode,
            p.stderr.decode(errors="replace").strip()))
    return p.stdout.decode("utf-8")


def esc(s):
    """Roff text: backslashes and dashes escaped (dashes as \\- so that
    options and commands copied from the page still work)."""
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return s


def line(s):
    """One output line of text: no leading control character."""
    s = esc(s)
    if s.startswith((".", "'")):
        s = "\\&" + s
    return s


def blocks(text):
    out, cur = [], []
    for ln in text.rstrip("\n").split("\n"):
        if ln.strip() == "":
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(ln.rstrip())
    if cur:
        out.append(cur)
    return out


def is_heading(ln):
    return (not ln.startswith(" ") and ln.endswith(":") and len(ln) <= 64
            and ". " not in ln)


def option_tag(spec):
    """'-o, --output FILE' -> bold options, italic metavariable."""
    parts = []
    for alt in spec.split(", "):
        m = re.match(r"^(--?[A-Za-z0-9][\w-]*)(?:([ =])(.*))?$", alt)
        if not m:
            parts.append(esc(alt))
            continue
        t = "\\fB%s\\fR" % esc(m.group(1))
        if m.group(3):
            t += "%s\\fI%s\\fR" % ("=" if m.group(2) == "=" else " ",
                                  esc(m.group(3)))
        parts.append(t)
    return ", ".join(parts)


def render_body(lines, out, pre_only=False):
    """Lines of one block: paragraphs filled, option lists as .TP,
    indented text kept as it is (all of it with pre_only)."""
    mode = None      # "text", "pre", "opt"
    opt_indent = 0

    def close_pre():
        if mode == "pre":
            out.append(".fi")
            out.append(".RE")

    for ln in lines:
        indent = len(ln) - len(ln.lstrip(" "))
        m = None if pre_only else OPT_RE.match(ln)
        if m and ln.lstrip().startswith("-"):
            close_pre()
            out.append(".TP")
            out.append(option_tag(m.group(1)))
            if m.group(2):
                out.append(line(m.group(2)))
            opt_indent = indent
            mode = "opt"
            continue
        # the description goes on, indented deeper than the option
        if mode == "opt" and indent >= opt_indent + 4:
            out.append(line(ln.strip()))
            continue
        if indent == 0:
            close_pre()
            if mode != "text":
                out.append(".PP")
            out.append(line(ln))
            mode = "text"
            continue
        if mode != "pre":
            if mode == "opt":
                out.append(".PP")
            out.append(".RS 2")
            out.append(".nf")
            mode = "pre"
        out.append(line(ln[2:] if ln.startswith("  ") else ln))
    close_pre()


def parse_help(text):
    """-> (synopsis lines, [(heading or None, lines)])"""
    bl = blocks(text)
    if not bl or not bl[0][0].startswith("usage: "):
        sys.exit("gen-man: help text does not start with 'usage: '")
    syn = []
    for ln in bl[0]:
        if ln.startswith("usage: "):
            syn.append(ln[7:])
        elif ln.startswith("       rempart"):
            syn.append(ln[7:])
        else:
            syn.append(ln[7:] if ln.startswith("       ") else ln.strip())
    sections = []
    for b in bl[1:]:
        if is_heading(b[0]):
            sections.append((b[0][:-1], b[1:]))
        else:
            sections.append((None, b))
    return syn, sections


def exit_lines(text):
    for head, lines in parse_help(text)[1]:
        if (head or "").lower() == "exit status":
            return lines
    return []


def render_page(name, section_title, summary, text, version, date, extra,
                see_also, default_exits):
    syn, sections = parse_help(text)
    out = ['.\\" Generated by docs/gen-man.py from "%s --help": do not edit.'
           % name.replace("-", " "),
           '.TH %s 1 "%s" "rempart %s" "%s"' % (
               esc(name.upper()), date, esc(version), section_title),
           ".nh",
           ".ad l",
           ".SH NAME",
           "%s \\- %s" % (esc(name), esc(summary)),
           ".SH SYNOPSIS",
           ".nf"]
    for s in syn:
        out.append(line(s))
    out.append(".fi")
    desc, opts, examples, exits, cmds = [], [], [], [], []
    for head, lines in sections:
        h = (head or "").lower()
        has_opt = any(OPT_RE.match(x) and x.lstrip().startswith("-")
                      for x in lines)
        if h in ("example", "examples"):
            examples.append(lines)
        elif h == "exit status":
            exits.extend(lines)
        elif h == "commands":
            cmds.extend(lines)
        elif has_opt:
            if h == "options":      # the section says it already
                head = None
            opts.append((head, lines))
        else:
            desc.append((head, lines))
    out.append(".SH DESCRIPTION")
    for head, lines in desc:
        if head:
            out.append(".SS %s" % esc(head))
        render_body(lines, out)
    if cmds:
        out.append(".SH COMMANDS")
        for c in cmds:
            m = CMD_RE.match(c)
            if not m:
                sys.exit("gen-man: unparsed command line '%s'" % c)
            out.append(".TP")
            out.append("\\fBrempart\\-%s\\fR(1)" % esc(m.group(1)))
            out.append(line(m.group(2)))
    if opts:
        out.append(".SH OPTIONS")
        for head, lines in opts:
            if head:
                out.append(".SS %s" % esc(head))
            render_body(lines, out)
    if examples:
        out.append(".SH EXAMPLES")
        for lines in examples:
            render_body(lines, out, pre_only=True)
    if not exits:      # a command without its own: the general ones
        exits = default_exits
    if exits:
        out.append(".SH EXIT STATUS")
        render_exit(exits, out)
    out.extend(extra)
    out.append(".SH SEE ALSO")
    out.append(",\n".join("\\fB%s\\fR(1)" % esc(s) for s in see_also))
    return "\n".join(out) + "\n"


def render_exit(lines, out):
    for ln in lines:
        m = re.match(r"^ {2}(\d+) +(.*)$", ln)
        if m:
            out.append(".TP")
            out.append(".B %s" % m.group(1))
            out.append(line(m.group(2)))
        else:
            out.append(line(ln.strip()))


def files_section(a):
    fl = [".SH ENVIRONMENT",
          ".TP",
          ".B REMPART_DATADIR",
          "The check catalogue to use instead of the installed one (as "
          "\\fB\\-\\-data\\-dir\\fR): the directory holding linux/, ad/, "
          "openldap/, baselines/ and schema/.",
          ".TP",
          '.B "LANGUAGE, LC_ALL, LC_MESSAGES, LANG"',
          "The default language of the reports (fr or en)."]
    fl.append(".SH FILES")
    if a.pkgdatadir:
        for path, what in (
                ("/checks", "the check catalogue and the baselines (XML), "
                 "with their schemas"),
                ("/reports/default", "the HTML report's stylesheet and "
                 "branding (report.css, brand.conf)"),
                ("/locale", "the translations of the reports")):
            fl += [".TP", ".I %s" % esc(a.pkgdatadir + path), esc(what)]
    if a.docdir:
        fl += [".TP", ".I %s" % esc(a.docdir),
               "README.md and the documentation (docs/)",
               ".TP", ".I %s" % esc(a.docdir + "/examples"),
               "an example inventory, incident context and waivers file"]
    if a.completionsdir:
        fl += [".TP", ".I %s" % esc(a.completionsdir + "/rempart"),
               "bash completion"]
    return fl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--pkgdatadir")
    ap.add_argument("--docdir")
    ap.add_argument("--completionsdir")
    a = ap.parse_args()

    main_help = run_help(a.binary, [])
    v = subprocess.run([a.binary, "--version"], stdout=subprocess.PIPE,
                       check=True).stdout.decode().split()
    version = v[-1] if v else ""
    date = ""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        date = time.strftime("%Y-%m-%d", time.gmtime(
            int(os.environ["SOURCE_DATE_EPOCH"])))
    cmds = []
    _, sections = parse_help(main_help)
    for head, lines in sections:
        if head == "Commands":
            for c in lines:
                m = CMD_RE.match(c)
                if m:
                    cmds.append((m.group(1), m.group(2)))
    if not cmds:
        sys.exit("gen-man: no 'Commands:' list in 'rempart --help'")
    # NAME of rempart(1): the help's first sentence
    first = next((l for h, l in sections if h is None), [""])
    summary = " ".join(first).split(". ")[0].rstrip(".")
    summary = summary[:1].lower() + summary[1:]
    fl = files_section(a)
    os.makedirs(a.outdir, exist_ok=True)
    written = []
    names = ["rempart"] + ["rempart-" + c for c, _ in cmds]
    pages = [("rempart", summary, main_help)]
    for c, s in cmds:
        pages.append(("rempart-" + c, s, run_help(a.binary, [c])))
    for name, s, text in pages:
        see = [n for n in names if n != name]
        page = render_page(name, "User Commands", s, text, version, date, fl,
                           see, exit_lines(main_help))
        fn = os.path.join(a.outdir, name + ".1")
        with open(fn + ".tmp", "w", encoding="utf-8") as f:
            f.write(page)
        os.replace(fn + ".tmp", fn)
        written.append(name + ".1")
    with open(os.path.join(a.outdir, "pages"), "w") as f:
        f.write("\n".join(written) + "\n")


if __name__ == "__main__":
    main()
