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
# A French report of the fixture bundle (the lab's kinds of targets: Linux
# reached, partly reached and with a changed host key, AD, OpenLDAP) holds
# none of the English words of the enumerations, reasons, operators and
# fixed sentences. Values from the targets (observed values, evidence,
# identifiers in <code>) are data and left out of the scan.
if [ -z "${REMPART:-}" ]; then
	not_ok "French report: REMPART names the rempart binary to render it with"
else
	FX=$SRCDIR/tests/fixtures
	cp -r "$FX/bundle" "$T_TMP/ev"
	"$REMPART" evidence seal "$T_TMP/ev" > /dev/null
	"$REMPART" evaluate -e "$T_TMP/ev" -b anssi-bp028-intermediary -b ad-anssi-level-2 \
		-b openldap-hardened --waivers "$FX/waivers.xml" --incident "$FX/incident.xml" \
		-o "$T_TMP/results.json" 2> /dev/null
	"$REMPART" report -r "$T_TMP/results.json" -f html --lang fr -o "$T_TMP/fr.html"
	python3 - "$T_TMP/fr.html" > "$T_TMP/english.txt" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for tag in ("style", "code", "pre"):
    s = re.sub(r"<%s\b[^>]*>.*?</%s>" % (tag, tag), " ", s, flags=re.S)
s = re.sub(r'<span class="[^"]*\bobs\b[^"]*">.*?</span>', " ", s, flags=re.S)
s = html.unescape(re.sub(r"<[^>]+>", " ", s))
words = [
    # severities, statuses, efforts, levels, target statuses, roles, changes
    "critical", "high", "medium", "low", "pass", "fail", "error", "waived",
    "intermediary", "enhanced", "hardened", "unreachable", "hostkey-mismatch",
    "auth-failed", "partial", "internal", "internet-facing", "regressed",
    "still-open", "still open", "hospital", "compliant", "assessed",
    # reasons and fixed sentences
    "target not", "not audited", "not collected", "probe", "value not found",
    "output capped", "needs a password", "targets?", "findings?",
    "score since", "none of", "at least", "at most", "must", "Nothing",
    "Every", "Found", "Where", "What to do",
    # operators and evaluator names
    "eq", "ge", "gt", "lt", "matches", "not-matches",
]
rx = re.compile(r"(?<![\w/.-])(%s|(ad|linux|openldap)-[a-z]+(-[a-z]+)*)(?![\w-])" % "|".join(words))
for m in rx.finditer(s):
    print(repr(s[max(0, m.start() - 40):m.end() + 20]))
PY
	if [ -s "$T_TMP/english.txt" ]; then
		not_ok "French report: no English word of the enumerations, reasons and operators" "$(head -5 "$T_TMP/english.txt")"
	else
		ok "French report: no English word of the enumerations, reasons and operators"
	fi
	# The observed values, reasons, target errors and evidence are data with
	# fixed phrases of the evaluators and collectors in them: every phrase
	# src/report/observed.c translates (its literal parts) and the review's
	# list must be gone from the French report, values, <pre> and <code>
	# (the plan's objects found) included.
	python3 - "$T_TMP/fr.html" "$SRCDIR/src/report/observed.c" \
	    > "$T_TMP/phrases.txt" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
src = open(sys.argv[2], encoding="utf-8").read()
tab = src[src.index("phrases[] = {"):src.index("\n};\n", src.index("phrases[] = {"))]
lits = set()
for m in re.finditer(r'N_\(((?:"(?:[^"\\]|\\.)*"\s*)+)\)', tab):
    en = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
    for part in en.replace("%%", "%").split("%s"):
        part = part.replace('\\"', '"').strip(" ,:;()'")
        if len(part) >= 8 and re.search(r"[a-z]{3,} [a-z]{2,}", part):
            lits.add(part)
if len(lits) < 50:
    print("only %d phrases read from observed.c" % len(lits))
lits |= {"created 20", "content changed", "after the compromise start",
    "before the containment", "the enrollee supplies", "may enroll",
    "outside SYSVOL", "is cached", "(changed 20", "missing: ",
    "left out", "has read access", "authorized_keys file(s)",
    "allow-list: none", "last logon", "days later", "host key mismatch",
    "sudo refused", "and more: see the probes",
    "renewal judged by mtime only"}
s = re.sub(r"<style\b[^>]*>.*?</style>", " ", s, flags=re.S)
s = html.unescape(re.sub(r"<[^>]+>", " ", s))
for l in sorted(lits):
    i = s.find(l)
    if i >= 0:
        print(repr(s[max(0, i - 40):i + len(l) + 20]))
PY
	if [ -s "$T_TMP/phrases.txt" ]; then
		not_ok "French report: no English phrase of the observed values, reasons and evidence" "$(head -5 "$T_TMP/phrases.txt")"
	else
		ok "French report: no English phrase of the observed values, reasons and evidence"
	fi
fi
n=$(grep -c '^msgid ' "$T_TMP/fresh.pot")
check "po/LINGUAS names every po file" sh -c "for p in '$PO'/*.po; do grep -qx \"\$(basename \$p .po)\" '$PO/LINGUAS' || exit 1; done"
echo "($((n - 1)) marked strings)"
t_done
