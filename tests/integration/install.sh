#!/bin/bash
# install.sh -- "make install" as an admin sees it, and an installed rempart
# that never reads a source or build tree left on disk.
#
# A copy of the source tree is configured, built and installed into a
# prefix; the copy and its build tree are then deleted and recreated at the
# same paths with planted content (a catalogue whose titles say PLANTED, a
# report.css and a French catalogue that do too). The installed rempart
# must work from its prefix alone and never show PLANTED; positive controls
# show each planted file is seen when asked for explicitly. Also: what is
# installed (binary, catalogue, translations, man pages, completion, docs,
# examples), and that "make uninstall" removes it all.
#
# Needs SRCDIR (a source tree: a git checkout or an unpacked tarball) and
# REMPART (a built rempart, for the copied-binary check). Builds once
# (about a minute at -j2).
. "$(dirname "$0")/lib.sh"
t_setup
S=$T_TMP/src
B=$T_TMP/build
P=$T_TMP/prefix
mkdir -p "$S" "$B"

# the source tree without build outputs (an in-tree configure would make
# the copy unusable for a VPATH build)
tar -C "$SRCDIR" --exclude=./build --exclude=./.git \
	--exclude=./config.status --exclude=./config.log --exclude=./config.h \
	--exclude=./Makefile --exclude=./stamp-h1 --exclude='*.o' --exclude='*.a' \
	--exclude=./rempart --exclude='*.tar.gz' -cf - . | tar -C "$S" -xf -
[ -x "$S/configure" ] || (cd "$S" && ./autogen.sh > /dev/null 2>&1)
(cd "$B" && "$S/configure" -q --prefix="$P" --disable-tests > configure.out 2>&1) ||
	{ tail -20 "$B/configure.out"; }
check "configure a copy of the source tree" test -f "$B/Makefile"
make -C "$B" -s -j2 > "$B/make.out" 2>&1 || tail -20 "$B/make.out"
check "make" test -x "$B/rempart"
check_rc "make install" 0 make -C "$B" -s install
[ -x "$P/bin/rempart" ] || { t_done; exit 1; }
# absent NAME PATTERN FILE: FILE was written and has no PATTERN
absent() {
	if [ ! -s "$3" ]; then not_ok "$1" "$3 missing or empty"
	else check_nogrep "$1" "$2" "$3"; fi
}

# what is installed
R=$P/bin/rempart
check "the catalogue under share/rempart/checks" test -f "$P/share/rempart/checks/schema/baseline.xsd"
check "the HTML stylesheet under share/rempart/reports/default" test -f "$P/share/rempart/reports/default/report.css"
check "the French catalogue under share/rempart/locale" test -f "$P/share/rempart/locale/fr/LC_MESSAGES/rempart.mo"
cmds=$("$R" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
missing=
for p in rempart $(for c in $cmds; do echo "rempart-$c"; done); do
	[ -f "$P/share/man/man1/$p.1" ] || missing="$missing $p.1"
done
[ -n "$cmds" ] && [ -z "$missing" ] && ok "a man page per command in share/man/man1" ||
	not_ok "a man page per command in share/man/man1" "missing:$missing"
MANPATH= LC_ALL=C.UTF-8 MANWIDTH=80 man -M "$P/share/man" rempart-audit > "$T_TMP/man.txt" 2>&1
check_grep "man -M PREFIX/share/man rempart-audit shows the audit page" '^ +rempart-audit - ' "$T_TMP/man.txt"
check "the completion in share/bash-completion/completions" \
	test -f "$P/share/bash-completion/completions/rempart"
missing=
for f in README.md reports/README.md docs/results.schema.json \
		$(cd "$SRCDIR" && ls docs/*.md examples/*); do
	[ -f "$P/share/doc/rempart/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && ok "README, every docs/*.md and every example under share/doc/rempart" ||
	not_ok "README, every docs/*.md and every example under share/doc/rempart" "missing:$missing"
check "the example incident and waivers files are valid" \
	"$R" baseline validate "$P/share/doc/rempart/examples/incident.xml" \
	"$P/share/doc/rempart/examples/waivers.xml"

# a staged install (DESTDIR), and make uninstall removes all of it
check_rc "make install DESTDIR=..." 0 make -C "$B" -s install DESTDIR="$T_TMP/staged"
n=$(find "$P" -type f | wc -l)
staged=$(find "$T_TMP/staged$P" -type f | wc -l)
[ "$n" -gt 50 ] && [ "$staged" = "$n" ] && ok "DESTDIR: the same $n files" ||
	not_ok "DESTDIR: the same files" "$staged staged, $n installed"
check_rc "make uninstall DESTDIR=..." 0 make -C "$B" -s uninstall DESTDIR="$T_TMP/staged"
left=$(find "$T_TMP/staged" -type f | sed "s|^$T_TMP/staged||" | head -5)
[ -z "$left" ] && ok "make uninstall removes every installed file" ||
	not_ok "make uninstall removes every installed file" "left: $left"

# the trees the binary was built from: gone, then back with planted content
rm -rf "$S" "$B"
check "the installed rempart lists the checks with its trees deleted" "$R" checks list
mkdir -p "$S/reports/default" "$B/po/fr/LC_MESSAGES"
cp -r "$SRCDIR/checks" "$S/checks"
sed -i 's|<title lang="en">|&PLANTED |' "$S"/checks/linux/*.xml
cp "$SRCDIR/reports/default/brand.conf" "$S/reports/default/"
{ cat "$SRCDIR/reports/default/report.css"; echo '/* PLANTED */'; } > "$S/reports/default/report.css"
msgfilter -i "$SRCDIR/po/fr.po" -o "$T_TMP/planted.po" sed -e 's/^/PLANTED /' 2>/dev/null
msgfmt -o "$B/po/fr/LC_MESSAGES/rempart.mo" "$T_TMP/planted.po"

cp -r "$SRCDIR/tests/fixtures/bundle" "$T_TMP/ev"
"$R" evidence seal "$T_TMP/ev" > /dev/null 2>&1
"$R" checks list > "$T_TMP/list.txt" 2>&1
absent "checks list: not the planted catalogue at the source path" PLANTED "$T_TMP/list.txt"
check_grep "checks list: the installed catalogue" '^LNX-SSH-001 ' "$T_TMP/list.txt"
check_rc "evaluate the fixture bundle (exit 3: one target not audited)" 3 \
	"$R" evaluate -e "$T_TMP/ev" -b anssi-bp028-intermediary -o "$T_TMP/r.json"
absent "results: no planted title" PLANTED "$T_TMP/r.json"
check "report --lang fr -f html" "$R" report -r "$T_TMP/r.json" -f html --lang fr -o "$T_TMP/r.fr.html"
absent "French HTML report: no planted stylesheet nor translation" PLANTED "$T_TMP/r.fr.html"
check_grep "French HTML report: translated" 'lang="fr"' "$T_TMP/r.fr.html"
# a catalogue given with --data-dir, with no reports/ nor locale/ beside
# it: the installed ones, never the build tree's po/
mkdir -p "$T_TMP/mine"
cp -r "$P/share/rempart/checks" "$T_TMP/mine/checks"
"$R" --data-dir "$T_TMP/mine/checks" report -r "$T_TMP/r.json" -f html --lang fr \
	-o "$T_TMP/mine.fr.html" 2> "$T_TMP/mine.err"
check_grep "--data-dir without locale/ beside: still French" 'lang="fr"' "$T_TMP/mine.fr.html"
absent "--data-dir without locale/ beside: not the build tree's po/" PLANTED "$T_TMP/mine.fr.html"

# positive controls: each planted file is seen when named
REMPART_DATADIR=$S/checks "$R" checks list > "$T_TMP/planted-list.txt" 2>&1
check_grep "control: REMPART_DATADIR=planted shows PLANTED" PLANTED "$T_TMP/planted-list.txt"
"$R" report -r "$T_TMP/r.json" -f html --lang fr --template-dir "$S/reports/default" \
	-o "$T_TMP/planted.html" 2>/dev/null
check_grep "control: --template-dir planted shows PLANTED" 'PLANTED' "$T_TMP/planted.html"
mkdir -p "$T_TMP/alt"
cp -r "$P/share/rempart/checks" "$T_TMP/alt/checks"
cp -r "$B/po" "$T_TMP/alt/locale"
"$R" --data-dir "$T_TMP/alt/checks" report -r "$T_TMP/r.json" -f html --lang fr \
	-o "$T_TMP/alt.html" 2>/dev/null
check_grep "control: the planted French catalogue, beside --data-dir, shows PLANTED" \
	'PLANTED' "$T_TMP/alt.html"

# the installed completion completes with the installed rempart
got=$(bash --norc --noprofile -c '. "$1"; COMP_WORDS=("$2" checks show LNX-SSH-00); COMP_CWORD=3;
	_rempart; printf "%s\n" "${COMPREPLY[@]}"' _ \
	"$P/share/bash-completion/completions/rempart" "$R" | sort | tr '\n' ' ')
want=$("$R" checks list | awk '$1 ~ /^LNX-SSH-00/ {print $1}' | sort | tr '\n' ' ')
[ -n "$want" ] && [ "$got" = "$want" ] && ok "installed completion: check ids from the installed rempart" ||
	not_ok "installed completion: check ids from the installed rempart" "got [$got], want [$want]"

# the build tree's binary copied elsewhere is an installed one too: it
# does not read its source tree (its pkgdatadir is not installed here)
mkdir -p "$T_TMP/copy"
cp "$REMPART" "$T_TMP/copy/rempart"
pkg=$(strings "$REMPART" 2>/dev/null | grep -m1 -E '^/.*/rempart/checks$' || true)
if [ -n "$pkg" ] && [ ! -e "$pkg" ]; then
	"$T_TMP/copy/rempart" checks list > "$T_TMP/copy.out" 2>&1
	check_grep "a copied build binary looks in its pkgdatadir, not the source tree" \
		"catalogue '$pkg/linux' not found" "$T_TMP/copy.out"
else
	"$T_TMP/copy/rempart" checks list > /dev/null 2>&1 &&
		ok "a copied build binary uses its installed pkgdatadir ($pkg)" ||
		not_ok "a copied build binary uses its installed pkgdatadir ($pkg)"
fi

# only the CLI's data-directory code names the source and build trees
hits=$(cd "$SRCDIR" && grep -rlE 'RP_(SRCDIR|BUILDDIR)' src | sort | tr '\n' ' ')
[ "$hits" = "src/cli/main.c " ] && ok "RP_SRCDIR/RP_BUILDDIR used only by src/cli/main.c" ||
	not_ok "RP_SRCDIR/RP_BUILDDIR used only by src/cli/main.c" "used in: $hits"

t_done
