#!/bin/bash
# lab-report.sh -- the report of a full audit of the running lab (its
# OpenSSH hosts, the Samba AD DC and both slapd, with the baselines and the
# incident of the README's main job), printed to PDF by headless Chromium in
# French and English: at most 25 A4 pages, every page numbered, and the
# page counts printed for the CI log. Earlier lab suites may have changed
# the lab (remediated hosts, rotated keys): the limit holds for any state.
# Needs LAB (a running "lab.sh up DIR all").
. "$(dirname "$0")/lib.sh"
t_setup
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR all)}"
command -v chromium > /dev/null || { not_ok "chromium is installed (tests/deps.sh installs it)"; t_done; exit 1; }
command -v pdfinfo > /dev/null || { not_ok "pdfinfo is installed (poppler-utils)"; t_done; exit 1; }

if ! "$SRCDIR/tests/lab/all-inventory.sh" "$LAB" > "$T_TMP/all.ini" 2> "$T_TMP/inv.err"; then
	not_ok "the lab's inventory" "$(head -c 400 "$T_TMP/inv.err")"; t_done; exit 1
fi
rc=0
"$REMPART" audit -i "$T_TMP/all.ini" -b anssi-bp028-intermediary -b ad-anssi-level-2 \
	-b openldap-hardened --known-hosts "$LAB/ssh/client/known_hosts" \
	--incident "$SRCDIR/tests/fixtures/lab/incident.xml" --lang fr \
	-o "$T_TMP/out" > "$T_TMP/audit.log" 2>&1 || rc=$?
# 3: some lab hosts are deliberately unreachable, rekeyed or half-elevated
if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then ok "full lab audit (exit $rc)"
else not_ok "full lab audit" "exit $rc: $(tail -c 600 "$T_TMP/audit.log")"; t_done; exit 1; fi
"$REMPART" report -r "$T_TMP/out/results.json" -f html --lang en \
	-o "$T_TMP/out/report.en.html" 2>> "$T_TMP/audit.log"
for lang in fr en; do
	check "$lang: the report is written" test -s "$T_TMP/out/report.$lang.html"
	print_pdf "$T_TMP/out/report.$lang.html" "$T_TMP/r.$lang.pdf" "$T_TMP/net.$lang.json"
	pages=$(pdf_pages "$T_TMP/r.$lang.pdf")
	echo "     lab report, $lang: ${pages:-?} A4 pages"
	if [ "${pages:-0}" -ge 5 ] && [ "${pages:-0}" -le 25 ]; then ok "$lang: $pages pages (at most 25)"
	else not_ok "$lang: at most 25 pages" "got '${pages:-none}'"; fi
	np=$(pdf_numbered "$T_TMP/r.$lang.pdf" "${pages:-0}")
	[ "$np" = "${pages:-x}" ] && ok "$lang: every page numbered N / $pages" ||
		not_ok "$lang: every page numbered" "$np of ${pages:-?} pages"
done
t_done
