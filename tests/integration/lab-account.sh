#!/bin/bash
# lab-account.sh -- "rempart account-setup" on a real host: a hardened lab
# host (tests/lab/sshd-hosts.sh profile "hardened": Defaults requiretty,
# noexec, use_pty) whose audit account is given ONLY what account-setup
# prints (the lab's own sudo rule and key for it are removed first), then
# audited at the highest Linux baseline (anssi-bp028-enhanced): no probe
# may be refused by sudo, every root probe must run, and the key line's
# from= and restrictions must still let the collector in. Then the same
# with --no-exec (the content scan must be an error, never a clean pass),
# and the --remove script must leave no rule and no key behind.
# OpenLDAP: a hardened lab slapd (tests/lab/slapd.sh) whose auditor loses
# every right of its own (cn=config read, its size limit, its attribute
# rule) is audited at openldap-hardened before and after the olcAccess
# rules account-setup prints are applied: "not readable" before, none after.
# Needs root. Own addresses: ACCT_LAB_NET (default 10.204) and
# ACCT_LAB_PREFIX (default racct), slapd ports 4389/4636 + ACCT_SLAPD_PORT_OFFSET
# (default 40), so that it runs beside the main lab.
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
[ "$(id -u)" = 0 ] || { not_ok "lab-account needs root (namespaces)"; t_done; exit 1; }
HOSTS=$SRCDIR/tests/lab/sshd-hosts.sh
W=$T_TMP/lab
export LAB_NET=${ACCT_LAB_NET:-10.204} LAB_PREFIX=${ACCT_LAB_PREFIX:-racct}
SLAPD=$SRCDIR/tests/lab/slapd.sh
trap '"$HOSTS" stop "$W" > /dev/null 2>&1; "$SLAPD" stop "$T_TMP/ldap" acct > /dev/null 2>&1; t_cleanup' EXIT
if ! "$HOSTS" start "$W" hardened > "$T_TMP/start.log" 2>&1; then
	not_ok "start a hardened host" "$(tail -5 "$T_TMP/start.log")"
	t_done; exit 1
fi
ok "start a hardened host (requiretty, noexec)"
C=$W/client
KH=$C/known_hosts
B=anssi-bp028-enhanced
x() { "$HOSTS" exec "$W" 1 sh -c "$*"; }
printf '[linux]\nh1 ansible_host=%s.1.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$LAB_NET" "$C/id_ed25519" > "$T_TMP/h1.ini"

# Who is left with root after a run: the target.json probes that are not ok
# (na: a tool not installed), and the results that name sudo.
summary() { # OUTDIR
	python3 - "$1" <<'PY'
import json, sys
d = sys.argv[1]
t = json.load(open(d + "/evidence/targets/h1/target.json"))
print("status", t["status"], t.get("elevation"))
for p in t.get("probes", []):
    if p.get("status") not in ("ok", "na"):
        print("probe", p["id"], p["status"], p.get("detail"))
r = json.load(open(d + "/results.json"))
for x in r["results"]:
    if x["status"] == "error":
        print("error", x["check"], x.get("observed"))
PY
}
audit() { # OUTDIR
	"$REMPART" audit -i "$T_TMP/h1.ini" -b "$B" --known-hosts "$KH" -o "$1" \
		--lang en > "$1.out" 2>&1
}

# 1. the script, and its drop-in on its own
check "account-setup writes the script" "$REMPART" account-setup -b "$B" --kind linux \
	--user auditor --from "$LAB_NET.1.1" --key "$C/id_ed25519.pub"
"$REMPART" account-setup -b "$B" --kind linux --user auditor --from "$LAB_NET.1.1" \
	--key "$C/id_ed25519.pub" > "$T_TMP/setup.sh" 2> "$T_TMP/setup.err"
sed -n "/^cat > \"\$T\" <<'RP_EOF'\$/,/^RP_EOF\$/p" "$T_TMP/setup.sh" | sed '1d;$d' > "$T_TMP/dropin"
check "the drop-in passes visudo -cf" visudo -cf "$T_TMP/dropin"
check_grep "shadow is read with a fixed argument" $'^\t/usr/bin/cat /etc/shadow' "$T_TMP/dropin"
check_grep "sshd -T with its argument" $'^\t/usr/sbin/sshd -T' "$T_TMP/dropin"
check_grep "NOEXEC for the commands that start nothing" '^auditor ALL=\(root\) NOPASSWD: NOEXEC: ' "$T_TMP/dropin"
check_grep "EXEC only for find -exec" '^Cmnd_Alias RP_LINUX_PERSIST_CONTENT_EXEC = ' "$T_TMP/dropin"
check_nogrep "no ALL command" 'NOPASSWD: (NO)?EXEC: .*\bALL\b|NOPASSWD: *ALL' "$T_TMP/dropin"
check_grep "free arguments said in a comment" "arguments not fixed by the probe" "$T_TMP/dropin"
check_grep "the key: from=, restrict, pty" "^L='from=\"$LAB_NET\\.1\\.1\",restrict,pty ssh-ed25519 [A-Za-z0-9+/=]+ rempart-audit'\$" "$T_TMP/setup.sh"
check_grep "the removal is printed" '^#   rm -f /etc/sudoers.d/rempart-audit$' "$T_TMP/setup.sh"

# 2. the host gets ONLY this: the lab's rule and key for the auditor go
x 'rm -f /etc/sudoers.d/auditor; : > /home/auditor/.ssh/authorized_keys'
if x 'script -qec "sudo -l -U auditor" /dev/null' 2>&1 | grep -q 'is not allowed to run sudo'; then
	ok "before: the auditor has no sudo rule"
else not_ok "before: the auditor has no sudo rule" "$(x 'script -qec "sudo -l -U auditor" /dev/null' 2>&1 | tail -3)"; fi
if "$HOSTS" exec "$W" 1 sh -s < "$T_TMP/setup.sh" > "$T_TMP/run.out" 2>&1; then
	ok "the script runs on the host"
else not_ok "the script runs on the host" "$(tail -3 "$T_TMP/run.out")"; fi
check "the drop-in is installed, 0440" x 'test "$(stat -c %a /etc/sudoers.d/rempart-audit)" = 440'
check "no temporary file left" x '! ls -A /etc/sudoers.d | grep -q "^\."'
check "hardened defaults kept" x 'grep -qx "Defaults requiretty" /etc/sudoers.d/00-anssi'
check "running it again changes nothing" sh -c "\"$HOSTS\" exec \"$W\" 1 sh -s < \"$T_TMP/setup.sh\" && \"$HOSTS\" exec \"$W\" 1 sh -c 'test \$(grep -c rempart-audit /home/auditor/.ssh/authorized_keys) = 1'"

# 3. the audit through the restricted key and the drop-in alone
audit "$T_TMP/after"
rc=$?
if [ $rc = 0 ] || [ $rc = 1 ]; then ok "audit at $B: exit $rc"
else not_ok "audit at $B: exit 0 or 1" "exit $rc: $(tail -3 "$T_TMP/after.out")"; fi
summary "$T_TMP/after" > "$T_TMP/after.txt"
check_grep "elevated through the allowed commands, on a pty" '^status ok sudo-pty-commands$' "$T_TMP/after.txt"
n=$(grep -c 'sudo refused' "$T_TMP/after.txt")
if [ "$n" = 0 ]; then ok "zero 'sudo refused'"
else not_ok "zero 'sudo refused'" "$n: $(grep 'sudo refused' "$T_TMP/after.txt" | head -3)"; fi
check_nogrep "every root probe ran (no probe error)" '^probe ' "$T_TMP/after.txt"
check_nogrep "no error names sudo, root or noexec" '^error .*(sudo|root|noexec)' "$T_TMP/after.txt"
check "the content scan ran (find -exec grep under Defaults noexec)" python3 -c "
import json, sys
t = json.load(open('$T_TMP/after/evidence/targets/h1/target.json'))
p = [p for p in t['probes'] if p['id'] == 'linux.persist-content']
sys.exit(0 if p and p[0]['status'] == 'ok' else 1)"

# 3b. the same audit with the answers to the manual checks
"$REMPART" audit -i "$T_TMP/h1.ini" -b "$B" --known-hosts "$KH" -o "$T_TMP/att" --lang fr \
	--attestations "$SRCDIR/tests/fixtures/attestations/partial.xml" > "$T_TMP/att.out" 2>&1
check "audit --attestations: the organisation judged with the host" python3 -c "
import json, sys
d = json.load(open('$T_TMP/att/results.json'))
org = [r['status'] for r in d['results'] if r['target'] == 'organisation']
lin = [r for r in d['results'] if r['target'] == 'h1']
sys.exit(0 if len(org) >= 20 and org.count('error') == 15 and lin else 1)"
check_grep "audit --attestations: the French report says what was not answered" \
	'sans réponse dans le fichier de déclarations' "$T_TMP/att/report.fr.html"

# 4. --no-exec: nothing that starts programs; the scan fails closed
"$REMPART" account-setup -b "$B" --kind linux --user auditor --no-exec --from "$LAB_NET.1.1" \
	--key "$C/id_ed25519.pub" > "$T_TMP/noexec.sh" 2>/dev/null
check_nogrep "--no-exec: no EXEC rule" 'NOPASSWD: EXEC:' "$T_TMP/noexec.sh"
check "--no-exec: installed" sh -c "\"$HOSTS\" exec \"$W\" 1 sh -s < \"$T_TMP/noexec.sh\""
audit "$T_TMP/noexec"
summary "$T_TMP/noexec" > "$T_TMP/noexec.txt"
check_nogrep "--no-exec: zero 'sudo refused'" 'sudo refused' "$T_TMP/noexec.txt"
check_grep "--no-exec: the content scan is an error, never a pass" \
	'^probe linux.persist-content error .*cannot run here' "$T_TMP/noexec.txt"
check_nogrep "--no-exec: the dating walk falls back to find -printf" \
	'^probe linux.persist-times ' "$T_TMP/noexec.txt"

# 5. the footprint removed (the account itself stays: the lab needs it)
"$REMPART" account-setup -b "$B" --kind linux --user auditor --remove > "$T_TMP/remove.sh"
check_grep "--remove removes the account too" '^userdel -r auditor$' "$T_TMP/remove.sh"
grep -v '^userdel ' "$T_TMP/remove.sh" | "$HOSTS" exec "$W" 1 sh -s > /dev/null 2>&1
check "after --remove: no drop-in" x '! test -e /etc/sudoers.d/rempart-audit'
check "after --remove: no audit key" x '! grep -q rempart-audit /home/auditor/.ssh/authorized_keys'
if x 'script -qec "sudo -l -U auditor" /dev/null' 2>&1 | grep -q 'is not allowed to run sudo'; then
	ok "after --remove: the auditor has no sudo rule"
else not_ok "after --remove: the auditor has no sudo rule"; fi

# 6. bad input: clear errors, nothing printed
check_rc "--user with a quote refused" 2 "$REMPART" account-setup -b "$B" --user "a'b"
check_rc "--from with a quote refused" 2 "$REMPART" account-setup -b "$B" --from '1.2.3.4",command="x'
printf 'not a key\n' > "$T_TMP/bad.pub"
check_rc "a bad key file refused" 2 "$REMPART" account-setup -b "$B" --key "$T_TMP/bad.pub"
# 7. OpenLDAP: only the printed olcAccess rules
if ! SLAPD_PORT_OFFSET=${ACCT_SLAPD_PORT_OFFSET:-40} "$SLAPD" start "$T_TMP/ldap" acct hardened 50 \
	> "$T_TMP/slapd.log" 2>&1; then
	not_ok "start a hardened slapd" "$(tail -5 "$T_TMP/slapd.log")"
	t_done; exit 1
fi
ok "start a hardened slapd"
envget() { sed -n "s/^$1=//p" "$T_TMP/ldap/acct/env"; }
LDAPI=$(envget LDAPI_URI); BASE=$(envget LDAP_BASE); ADN=$(envget LDAP_BIND_DN)
export LDAPCONF=/dev/null LDAPRC=/dev/null
# the auditor loses all it had: cn=config read, its limits, its attribute rule
ldapmodify -Q -Y EXTERNAL -H "$LDAPI" > "$T_TMP/strip.out" 2>&1 <<EOF
dn: olcDatabase={0}config,cn=config
changetype: modify
replace: olcAccess
olcAccess: {0}to * by dn.exact=gidNumber=0+uidNumber=0,cn=peercred,cn=external,cn=auth manage by * none

dn: olcDatabase={1}mdb,cn=config
changetype: modify
delete: olcLimits
-
delete: olcAccess
olcAccess: {1}
-
add: olcAccess
olcAccess: {1}to attrs=shadowLastChange,pwdChangedTime,pwdAccountLockedTime,pwdFailureTime,pwdHistory by self read by * none
EOF
names_auditor() { ldapsearch -Q -LLL -o ldif-wrap=no -Y EXTERNAL -H "$LDAPI" -b cn=config | grep -c "$ADN"; }
check "the auditor's own rights removed" test "$(names_auditor)" = 0
printf '[openldap]\nacct ldap_url=%s ca_file=%s bind_dn=%s bind_password_file=%s\n' \
	"$(envget LDAPS_URI)" "$(envget LDAP_CACERT)" "$ADN" "$(envget LDAP_BIND_PW_FILE)" > "$T_TMP/ldap.ini"
ldap_audit() { # OUTDIR
	"$REMPART" audit -i "$T_TMP/ldap.ini" -b openldap-hardened -o "$1" --lang en > "$1.out" 2>&1
	python3 - "$1" <<'PY'
import json, sys
t = json.load(open(sys.argv[1] + "/evidence/targets/acct/target.json"))
for p in t["probes"]:
    if p["status"] != "ok":
        print("probe", p["id"], p["status"], p.get("detail"))
r = json.load(open(sys.argv[1] + "/results.json"))
for x in r["results"]:
    if x["status"] == "error":
        print("error", x["check"], x.get("observed"))
PY
}
ldap_audit "$T_TMP/lbefore" > "$T_TMP/lbefore.txt"
check_grep "before: cn=config is not readable" 'not readable' "$T_TMP/lbefore.txt"
"$REMPART" account-setup -b openldap-hardened --kind openldap --user auditor --base-dn "$BASE" \
	> "$T_TMP/ldap-setup.sh"
check_grep "the data rule lifts the size limit" '^olcLimits: dn.exact="\$AUDITOR" size=unlimited' "$T_TMP/ldap-setup.sh"
# the lab's server listens on its own socket, not the system's ldapi:///
sed "s|ldapi:///|$LDAPI|g" "$T_TMP/ldap-setup.sh" > "$T_TMP/ldap-setup-lab.sh"
if sh "$T_TMP/ldap-setup-lab.sh" > "$T_TMP/ldap-setup.out" 2>&1; then ok "the olcAccess script runs"
else not_ok "the olcAccess script runs" "$(tail -3 "$T_TMP/ldap-setup.out")"; fi
ldap_audit "$T_TMP/lafter" > "$T_TMP/lafter.txt"
n=$(grep -c 'not readable' "$T_TMP/lafter.txt")
if [ "$n" = 0 ]; then ok "after: zero 'not readable' at openldap-hardened"
else not_ok "after: zero 'not readable' at openldap-hardened" "$(grep 'not readable' "$T_TMP/lafter.txt" | head -3)"; fi
check_nogrep "after: no probe error" '^probe .* error' "$T_TMP/lafter.txt"
check_nogrep "after: no partial search (size limit)" 'partial|size limit' "$T_TMP/lafter.txt"
printf 'measured: before %s probe(s) not ok, %s error result(s); after %s, %s\n' \
	"$(grep -c '^probe' "$T_TMP/lbefore.txt")" "$(grep -c '^error' "$T_TMP/lbefore.txt")" \
	"$(grep -c '^probe' "$T_TMP/lafter.txt")" "$(grep -c '^error' "$T_TMP/lafter.txt")"
# the removal lines printed in comments leave none of the auditor's rules,
# and only them: a rule put at {0} since (shifting the auditor's to {1}) stays
sed -n 's/^#   \(printf .*\)$/\1/p' "$T_TMP/ldap-setup-lab.sh" > "$T_TMP/ldap-remove.sh"
DB=$(ldapsearch -Q -LLL -Y EXTERNAL -H "$LDAPI" -b cn=config "(olcSuffix=$BASE)" dn | sed -n 's/^dn: //p')
printf 'dn: %s\nchangetype: modify\nadd: olcAccess\nolcAccess: {0}to dn.base="cn=canary,%s" by * none\n\ndn: olcDatabase={0}config,cn=config\nchangetype: modify\nadd: olcAccess\nolcAccess: {0}to dn.base="cn=canary" by * none\n' \
	"$DB" "$BASE" | ldapmodify -Q -Y EXTERNAL -H "$LDAPI" > /dev/null 2>&1
DB=$DB AUDITOR=$ADN sh "$T_TMP/ldap-remove.sh" > "$T_TMP/ldap-remove.out" 2>&1
check "after the removal: no rule names the auditor" test "$(names_auditor)" = 0
n=$(ldapsearch -Q -LLL -o ldif-wrap=no -Y EXTERNAL -H "$LDAPI" -b cn=config olcAccess | grep -c 'olcAccess: {0}to dn.base="cn=canary')
if [ "$n" = 2 ]; then ok "after the removal: the rules put at {0} since are kept"
else not_ok "after the removal: the rules put at {0} since are kept" "$n of 2 left"; fi
t_done
