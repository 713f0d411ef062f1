#!/bin/bash
# man.sh -- the man pages docs/gen-man.py writes from the binary's --help:
# one page per command 'rempart --help' lists (and rempart.1), each renders
# with groff without a warning, has the sections admins look for, and
# carries every option and exit code of its command's --help, so a page
# cannot silently lose what the help says.
. "$(dirname "$0")/lib.sh"
t_setup
M=$T_TMP/man
PYTHON3=${PYTHON3:-python3}

check "gen-man.py writes the pages" "$PYTHON3" "$SRCDIR/docs/gen-man.py" \
	--binary "$REMPART" --outdir "$M" --pkgdatadir /usr/share/rempart \
	--docdir /usr/share/doc/rempart \
	--completionsdir /usr/share/bash-completion/completions
cmds=$(LC_ALL=C "$REMPART" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[ -n "$cmds" ] && ok "rempart --help lists commands" || not_ok "rempart --help lists commands"
{ echo rempart.1; for c in $cmds; do echo "rempart-$c.1"; done; } | sort > "$T_TMP/want"
(cd "$M" && ls ./*.1 | sed 's|^\./||' | sort) > "$T_TMP/got"
check_same "one page per command, and rempart.1" "$T_TMP/want" "$T_TMP/got"
sort "$M/pages" > "$T_TMP/listed"
check_same "man/pages lists the pages written" "$T_TMP/want" "$T_TMP/listed"

for c in "" $cmds; do
	page=$M/rempart${c:+-$c}.1
	name=rempart${c:+-$c}
	[ -f "$page" ] || { not_ok "$name.1 exists"; continue; }
	groff -ww -z -man -Tutf8 "$page" > "$T_TMP/groff.err" 2>&1
	if [ -s "$T_TMP/groff.err" ]; then
		not_ok "$name.1: groff -ww -z -man is silent" "$(head -5 "$T_TMP/groff.err")"
	else
		ok "$name.1: groff -ww -z -man is silent"
	fi
	LC_ALL=C.UTF-8 MANWIDTH=200 MAN_KEEP_FORMATTING= man --warnings -l "$page" \
		2> "$T_TMP/man.err" | col -b > "$T_TMP/$name.txt"
	if [ -s "$T_TMP/man.err" ]; then
		not_ok "$name.1: man -l renders it without warnings" "$(head -5 "$T_TMP/man.err")"
	else
		ok "$name.1: man -l renders it without warnings"
	fi
	missing=
	for s in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
		grep -q "^$s\$" "$T_TMP/$name.txt" || missing="$missing $s"
	done
	[ -z "$missing" ] && ok "$name.1 has its sections" || not_ok "$name.1 has its sections" "missing:$missing"
	# every option the help defines or names in its usage, in the page
	LC_ALL=C "$REMPART" $c --help > "$T_TMP/help"
	missing=
	for o in $(grep -oE '(^|[][ (|,])--?[A-Za-z][A-Za-z0-9-]*' "$T_TMP/help" |
			sed 's/^[][ (|,]//' | sort -u); do
		grep -qe "$o" "$T_TMP/$name.txt" || missing="$missing $o"
	done
	[ -z "$missing" ] && ok "$name.1 names every option of its --help" ||
		not_ok "$name.1 names every option of its --help" "missing:$missing"
	# every exit code, with its text
	missing=
	while read -r code text; do
		grep -qE "^ +$code +$(printf '%s' "$text" | sed 's/[][().*^$|+?{}\\]/\\&/g')" \
			"$T_TMP/$name.txt" || missing="$missing $code"
	done < <(sed -n '/^Exit status:/,/^$/s/^  \([0-9]\)  \(.\{1,30\}\).*/\1 \2/p' "$T_TMP/help")
	[ -z "$missing" ] && ok "$name.1 documents the exit codes of its --help" ||
		not_ok "$name.1 documents the exit codes of its --help" "missing:$missing"
done
# NAME lines: what 'rempart --help' says of each command
for c in $cmds; do
	s=$(LC_ALL=C "$REMPART" --help | sed -n "s/^  $c  *//p" | sed 's/[][().*^$|+?{}\\]/\\&/g')
	check_grep "rempart-$c(1) NAME is the command's summary" "^ +rempart-$c - $s\$" "$T_TMP/rempart-$c.txt"
done
t_done
