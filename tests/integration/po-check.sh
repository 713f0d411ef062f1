#!/bin/bash
# po-check.sh -- every string marked for translation in the sources has a
# French translation: the catalogue is extracted afresh with xgettext (the
# options of "make update-po"), merged with po/fr.po, and msgfmt must count
# no untranslated and no fuzzy message. Also: every source file that marks
# strings is listed in po/POTFILES.in, and po/fr.po compiles with msgfmt -c.
. "$(dirname "$0")/lib.sh"
t_setup
XGETTEXT=${XGETTEXT:-xgettext}
MSGMERGE=${MSGMERGE:-msgmerge}
MSGFMT=${MSGFMT:-msgfmt}
XGETTEXT_OPTS=${XGETTEXT_OPTS:---from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2}
PO=$SRCDIR/po

# shellcheck disable=SC2086
(cd "$SRCDIR" && "$XGETTEXT" $XGETTEXT_OPTS -f po/POTFILES.in -o "$T_TMP/fresh.pot") \
	2> "$T_TMP/xgettext.err"
check "xgettext extracts the marked strings" test -s "$T_TMP/fresh.pot"

# files that mark strings (_("...", N_("...", C_("...") but are not listed
(cd "$SRCDIR" && grep -rlE '(^|[^A-Za-z0-9_])(N_|C_|P_|_|TR)\(' src --include='*.c' | sort) \
	> "$T_TMP/marking.txt"
grep -Ev '^[[:space:]]*(#|$)' "$PO/POTFILES.in" | sort > "$T_TMP/listed.txt"
check_same "every file that marks strings is in po/POTFILES.in" "$T_TMP/listed.txt" "$T_TMP/marking.txt"

for po in "$PO"/*.po; do
	l=$(basename "$po" .po)
	check "po/$l.po compiles (msgfmt -c)" "$MSGFMT" -c -o "$T_TMP/$l.mo" "$po"
	"$MSGMERGE" --quiet -o "$T_TMP/$l.merged.po" "$po" "$T_TMP/fresh.pot"
	stats=$(LC_ALL=C "$MSGFMT" --statistics -o /dev/null "$T_TMP/$l.merged.po" 2>&1)
	if echo "$stats" | grep -Eq 'untranslated|fuzzy'; then
		not_ok "po/$l.po translates every marked string" "$stats (run make update-po, then translate)"
		for a in --untranslated --only-fuzzy; do
			msgattrib "$a" --no-obsolete "$T_TMP/$l.merged.po" 2>/dev/null |
				grep -A1 '^msgid' | grep -v '^msgid ""$' | head -10
		done
	else
		ok "po/$l.po translates every marked string ($stats)"
	fi
done
n=$(grep -c '^msgid ' "$T_TMP/fresh.pot")
check "po/LINGUAS names every po file" sh -c "for p in '$PO'/*.po; do grep -qx \"\$(basename \$p .po)\" '$PO/LINGUAS' || exit 1; done"
echo "($((n - 1)) marked strings)"
t_done
