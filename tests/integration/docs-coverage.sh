#!/bin/bash
# docs-coverage.sh -- docs/linux-coverage.md and docs/ad-coverage.md are
# what docs/gen-coverage.py makes of the catalogue (no hand table to drift),
# and the generator refuses a catalogue citing an id its reference lacks.
. "$(dirname "$0")/lib.sh"
t_setup
GEN=$SRCDIR/docs/gen-coverage.py

if python3 "$GEN" --check "$SRCDIR" 2> "$T_TMP/err"; then
	ok "coverage docs are up to date with the catalogue"
else
	not_ok "coverage docs are up to date with the catalogue" "$(head -c 600 "$T_TMP/err")"
fi

# a copy of the sources to break on purpose
mkdir -p "$T_TMP/src/docs"
cp -r "$SRCDIR/checks" "$T_TMP/src/"
cp -r "$SRCDIR/docs/coverage" "$SRCDIR/docs/linux-coverage.md" "$SRCDIR/docs/ad-coverage.md" "$T_TMP/src/docs/"
check "the copy is up to date too" python3 "$GEN" --check "$T_TMP/src"

# an invented ANSSI AD id, a wrong BP-028 level, an unknown PingCastle rule
sed -i 's|<ref scheme="pingcastle" id="A-MinPwdLen"/>|<ref scheme="anssi-ad" id="vuln_password_policy"/>|' "$T_TMP/src/checks/ad/password.xml"
python3 "$GEN" --check "$T_TMP/src" 2> "$T_TMP/err1"
check_grep "an invented ANSSI checkpoint is refused" 'cites anssi-ad:vuln_password_policy, a checkpoint no source names' "$T_TMP/err1"
cp "$SRCDIR/checks/ad/password.xml" "$T_TMP/src/checks/ad/password.xml"
sed -i '0,/id="R12" level="intermediary"/s//id="R12" level="minimal"/' "$T_TMP/src/checks/linux/kernel.xml"
python3 "$GEN" --check "$T_TMP/src" 2> "$T_TMP/err2"
check_grep "a BP-028 reference at the wrong level is refused" 'cites anssi-bp028:R12 at level minimal; BP-028 says intermediary' "$T_TMP/err2"
cp "$SRCDIR/checks/linux/kernel.xml" "$T_TMP/src/checks/linux/kernel.xml"
sed -i '0,/id="S-Inactive"/s//id="S-Inactiv"/' "$T_TMP/src/checks/ad/stale.xml"
python3 "$GEN" --check "$T_TMP/src" 2> "$T_TMP/err3"
check_grep "an unknown PingCastle rule is refused" 'cites pingcastle:S-Inactiv, which PingCastle does not have' "$T_TMP/err3"
cp "$SRCDIR/checks/ad/stale.xml" "$T_TMP/src/checks/ad/stale.xml"

# a recommendation said covered that no check cites, and a stale table
sed -i 's/^R5\tI\tBoot loader password\tyes/R5\tI\tBoot loader password\tno/' "$T_TMP/src/docs/coverage/anssi-bp028.tsv"
python3 "$GEN" --check "$T_TMP/src" 2> "$T_TMP/err4"
check_grep "coverage 'no' for a recommendation a check cites is refused" "R5 says 'no' but LNX-BOOT-001 cite it" "$T_TMP/err4"
cp "$SRCDIR/docs/coverage/anssi-bp028.tsv" "$T_TMP/src/docs/coverage/anssi-bp028.tsv"
sed -i 's/<select check="AD-STL-009"\/>//' "$T_TMP/src/checks/baselines/ad-anssi-level-2.xml"
python3 "$GEN" --check "$T_TMP/src" 2> "$T_TMP/err5"
check_grep "a stale table is reported" 'ad-coverage.md is not up to date' "$T_TMP/err5"
check "the generator rewrites it" python3 "$GEN" "$T_TMP/src"
check "then it is up to date" python3 "$GEN" --check "$T_TMP/src"
t_done
