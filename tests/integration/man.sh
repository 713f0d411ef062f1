#!/bin/bash
# man.sh -- the manual pages say what --help says (made by man/gen-man.py,
# one per command, valid roff), the bash completion completes commands,
# verbs, options, baseline and check ids, a binary outside the build tree
# never reads the source tree, and "make install" installs the binary, the
# pages, the completion, the documentation and the example files.
. "$(dirname "$0")/lib.sh"
t_setup
B=$(cd "$(dirname "$REMPART")" && pwd)
mkdir -p "$T_TMP/man"
check "gen-man.py makes the pages" python3 "$SRCDIR/man/gen-man.py" "$REMPART" "$T_TMP/man"
cmds=$("$REMPART" --help | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1; next} on {exit}')
check "rempart --help lists the commands" test -n "$cmds"
for c in "" $cmds; do
	p=$T_TMP/man/rempart${c:+-$c}.1
	if [ ! -s "$p" ]; then not_ok "a page for '${c:-rempart}'"; continue; fi
	# groff: no warning (-ww) on the page
	if LC_ALL=C groff -man -ww -z "$p" > "$T_TMP/groff.txt" 2>&1 && [ ! -s "$T_TMP/groff.txt" ]; then
		ok "rempart${c:+-$c}.1 is valid roff"
	else
		not_ok "rempart${c:+-$c}.1 is valid roff" "$(head -3 "$T_TMP/groff.txt")"
	fi
	# every option of --help is in the page, every word of --help too
	# shellcheck disable=SC2086
	"$REMPART" $c --help > "$T_TMP/help.txt"
	MANWIDTH=200 LC_ALL=C.UTF-8 man -l "$p" 2> /dev/null | col -b > "$T_TMP/page.txt"
	check "rempart${c:+-$c}.1 holds every word of '${c:+$c }--help', in order" python3 -c '
import re, sys
norm = lambda s: re.sub(r"[\u2010\u2011\u2212]", "-", s).lower()
h = [w.rstrip(":") for w in re.findall(r"\S+", open(sys.argv[1]).read().lower())]
p = re.findall(r"\S+", norm(open(sys.argv[2]).read()))
# "usage:" is the SYNOPSIS heading, "Examples:" an upper-case heading
text = " ".join(p)
i = 0
for w in h:
    if w == "usage" or not w:
        continue
    j = text.find(w, i)
    if j < 0:
        sys.exit("missing or out of order: %r" % w)
    i = j + len(w)
' "$T_TMP/help.txt" "$T_TMP/page.txt"
done
check "the build made the same pages (make: man/*.1)" diff -r "$T_TMP/man" "$B/man" -x .stamp
check "Makefile.am lists every page" python3 -c '
import re, sys
m = open(sys.argv[1]).read()
listed = set(re.findall(r"man/(rempart[a-z-]*\.1)", m))
made = set(sys.argv[2:])
assert listed == made, (listed ^ made)
' "$SRCDIR/Makefile.am" $(cd "$T_TMP/man" && ls)

# bash completion
comp() {	# WORDS...: the completions of the last word
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _rempart; printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$SRCDIR/completion/rempart.bash" "$REMPART" "$@" 2> /dev/null | sort
}
check_grep "completion: commands" '^history$' <(comp hi)
check_grep "completion: history's verbs" '^trend$' <(comp history t)
check_grep "completion: evidence's verbs" '^import-ldif$' <(comp evidence i)
check_grep "completion: audit's options from its --help" '^--dated$' <(comp audit --da)
check_grep "completion: evaluate's --history" '^--history$' <(comp evaluate --hi)
check_grep "completion: baseline ids after -b" '^anssi-bp028-intermediary$' <(comp audit -b anssi-bp028-i)
check_grep "completion: check ids after --check" '^LNX-SSH-001$' <(comp history trend --check LNX-SSH-00)
check_grep "completion: check ids after checks show" '^AD-ACL-001$' <(comp checks show AD-ACL-00)
check_grep "completion: severities after --fail-on" '^critical$' <(comp evaluate --fail-on c)
check_grep "completion: report formats" '^plan-csv$' <(comp report -f pl)
check "completion: the installed file is the source's" cmp "$SRCDIR/completion/rempart.bash" "$B/completion/rempart"

# a binary outside the build tree never reads the build or source tree
mkdir -p "$T_TMP/bin"
cp "$REMPART" "$T_TMP/bin/rempart"
pkgdata=$(printf 'print:\n\t@echo $(pkgdatadir)\n' | make -s -C "$B" -f Makefile -f - print 2> /dev/null)
if [ -z "$pkgdata" ] || [ -e "$pkgdata" ]; then
	printf 'SKIP the copied binary tests: rempart is installed in %s (they need it absent)\n' "${pkgdata:-?}"
else
check_rc "a copied binary does not fall back to the source tree's checks" 2 "$T_TMP/bin/rempart" baseline list
check_grep "... it names the installed data directory" "share/rempart/checks.* not found \(set REMPART_DATADIR" "$T_TMP/stderr"
cp -r "$SRCDIR/tests/fixtures/bundle" "$T_TMP/ev"
"$REMPART" evidence seal "$T_TMP/ev" > /dev/null
REMPART_DATADIR=$SRCDIR/checks "$T_TMP/bin/rempart" evaluate -e "$T_TMP/ev" \
	-b anssi-bp028-minimal -o "$T_TMP/r.json" 2> /dev/null
check_rc "... nor to the build tree's catalogues for a French report" 2 \
	env REMPART_DATADIR="$SRCDIR/checks" "$T_TMP/bin/rempart" report -r "$T_TMP/r.json" -f md --lang fr -o "$T_TMP/r.md"
check_grep "... and says which catalogue it lacks" "no catalogue for language 'fr'" "$T_TMP/stderr"
check "the build tree's binary reads them" "$REMPART" report -r "$T_TMP/r.json" -f md --lang fr -o "$T_TMP/r.md"
fi

# make install
if make -C "$B" -s install DESTDIR="$T_TMP/inst" > "$T_TMP/install.txt" 2>&1; then
	ok "make install"
	prefix=$(sed -n 's/^prefix = //p' "$B/Makefile")
	I=$T_TMP/inst$prefix
	for f in bin/rempart share/man/man1/rempart.1 share/man/man1/rempart-history.1 \
		share/bash-completion/completions/rempart share/doc/rempart/sweeps.md \
		share/doc/rempart/history.md share/doc/rempart/examples/inventory.ini \
		share/doc/rempart/examples/incident.xml share/doc/rempart/examples/waivers.xml \
		share/rempart/checks/baselines share/rempart/locale/fr/LC_MESSAGES/rempart.mo \
		share/rempart/reports/default/report.css; do
		check "installed: $f" test -e "$I/$f"
	done
else
	not_ok "make install" "$(tail -5 "$T_TMP/install.txt")"
fi
t_done
