#!/bin/bash
# lab-ldap.sh -- LDAP collection against the real lab (tests/lab): simple
# bind over LDAPS and StartTLS, AD with a UPN, GSSAPI with Samba's KDC,
# wrong password, untrusted certificates, the server's size limit, a server
# stopped in the middle of a search (an instance of our own), binary
# attributes byte for byte, and the LDIF import path giving the verdicts of
# a live collection. Needs LAB (a running "lab.sh up DIR all"), root (for
# unshare --mount) and ldap-utils, krb5-user.
. "$(dirname "$0")/lib.sh"
t_setup
# Under the sanitizers build: the known leaks of libldap, not of rempart
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR all)}"
FX=$SRCDIR/tests/fixtures/ldap
LABDIR=$SRCDIR/tests/lab
WENV=$LAB/ldap/weak/env
HENV=$LAB/ldap/hardened/env
AENV=$LAB/ad/env
envget() { sed -n "s/^$2=//p" "$1"; }
W_URI=$(envget "$WENV" LDAP_URI); W_LDAPS=$(envget "$WENV" LDAPS_URI)
W_CA=$(envget "$WENV" LDAP_CACERT); W_DN=$(envget "$WENV" LDAP_BIND_DN)
W_PW=$(envget "$WENV" LDAP_BIND_PW_FILE); W_BASE=$(envget "$WENV" LDAP_BASE)
H_LDAPS=$(envget "$HENV" LDAPS_URI); H_CA=$(envget "$HENV" LDAP_CACERT)
H_DN=$(envget "$HENV" LDAP_BIND_DN); H_PW=$(envget "$HENV" LDAP_BIND_PW_FILE)
A_LDAPS=$(envget "$AENV" AD_LDAPS_URI); A_CA=$(envget "$AENV" AD_CACERT)
A_UPN=$(envget "$AENV" AD_BIND_UPN); A_PW=$(envget "$AENV" AD_BIND_PW_FILE)
A_BASE=$(envget "$AENV" AD_BASE); A_REALM=$(envget "$AENV" AD_REALM)
A_KRB5=$(envget "$AENV" KRB5_CONFIG); A_HOSTS=$(envget "$AENV" AD_CLIENT_HOSTS)
export LDAPCONF=/dev/null LDAPRC=/dev/null
H_PORT=${H_LDAPS##*:}; W_PORT=${W_URI##*:}

# Test-only probes and baselines in a copy of the catalogue
D=$T_TMP/data
cp -r "$SRCDIR/checks" "$D"
cp "$FX/labtest-openldap.xml" "$D/openldap/labtest.xml"
cp "$FX/labtest-ad.xml" "$D/ad/labtest.xml"
cp "$FX/labtest-openldap-baseline.xml" "$D/baselines/labtest-openldap.xml"
cp "$FX/labtest-ad-baseline.xml" "$D/baselines/labtest-ad.xml"
R() { "$REMPART" --data-dir "$D" "$@"; }

# "id status port user | error" then "  probe status entries | detail"
summary() {
	python3 - "$1" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
print(d["id"], d["status"], d["port"], d["user"], "|", d["error"])
for p in d["probes"]:
    n = 0
    if p["file"]:
        f = os.path.join(os.path.dirname(sys.argv[1]), p["file"])
        n = sum(1 for l in open(f, "rb") if l.startswith(b"dn:"))
    print(" ", p["id"], p["status"], n, "|", p["detail"])
PY
}
tj() { echo "$1/targets/$2/target.json"; }

# 1. LDAPS (hardened), StartTLS (weak), AD over LDAPS with a UPN
cat > "$T_TMP/ok.ini" <<EOF
[openldap]
hard ldap_url=$H_LDAPS ca_file=$H_CA bind_dn=$H_DN bind_password_file=$H_PW
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
[ad]
dc1 ldap_url=$A_LDAPS ca_file=$A_CA bind_dn=$A_UPN bind_password_file=$A_PW role=dc
EOF
check_rc "LDAPS, StartTLS and AD: exit 0" 0 R collect -i "$T_TMP/ok.ini" \
	-b openldap-hardened -b ad-anssi-level-2 -o "$T_TMP/ev1"
summary "$(tj "$T_TMP/ev1" hard)" > "$T_TMP/hard.txt"
summary "$(tj "$T_TMP/ev1" weak)" > "$T_TMP/weak.txt"
summary "$(tj "$T_TMP/ev1" dc1)" > "$T_TMP/dc1.txt"
check_grep "LDAPS simple bind: ok, port $H_PORT, as the auditor" \
	"^hard ok $H_PORT $H_DN \| None$" "$T_TMP/hard.txt"
check_grep "LDAPS: cn=config read" '^  openldap.config-global ok 1 ' "$T_TMP/hard.txt"
check_grep "StartTLS simple bind: ok, port $W_PORT" "^weak ok $W_PORT $W_DN \| None$" "$T_TMP/weak.txt"
n=$(grep -c '^dn: uid=user' "$T_TMP/ev1/targets/weak/probes/openldap.password-schemes.ldif")
if [ "$n" = 1000 ]; then ok "StartTLS: the paged search got all 1000 bulk users"; else not_ok "paged search complete" "$n users"; fi
check_grep "userPassword kept as its scheme: {CLEARTEXT}" '^userPassword: \{CLEARTEXT\}$' \
	"$T_TMP/ev1/targets/weak/probes/openldap.password-schemes.ldif"
check_grep "userPassword kept as its scheme: {MD5}" '^userPassword: \{MD5\}$' \
	"$T_TMP/ev1/targets/weak/probes/openldap.password-schemes.ldif"
check_grep "AD over LDAPS with a UPN bind: ok, port 636" "^dc1 ok 636 $A_UPN \| None$" "$T_TMP/dc1.txt"
check_grep "AD: the naming context from the rootDSE" '"naming_context": "DC=lab,DC=test"' "$(tj "$T_TMP/ev1" dc1)"
check_grep "AD: the AS-REP roastable user is found" '^sAMAccountName: asrep_user$' \
	"$T_TMP/ev1/targets/dc1/probes/ad.asrep-roastable.ldif"
check "the bundle verifies" "$REMPART" evidence verify "$T_TMP/ev1"

# 2. GSSAPI with Samba's KDC: a ticket from the lab's krb5.conf, the DC's
# name from the client hosts file (bind-mounted in a private mount ns)
export KRB5_CONFIG=$A_KRB5 KRB5CCNAME=FILE:$T_TMP/krb5cc
if kinit "auditor@$A_REALM" < "$A_PW" > "$T_TMP/kinit.out" 2>&1; then ok "kinit with the lab's krb5.conf"
else not_ok "kinit" "$(tail -2 "$T_TMP/kinit.out")"; fi
cat > "$T_TMP/gss.ini" <<EOF
[ad]
dc1 ldap_url=ldap://dc1.lab.test sasl_mech=GSSAPI role=dc
EOF
cat > "$T_TMP/gss-tls.ini" <<EOF
[ad]
dc1 ldap_url=ldaps://dc1.lab.test ca_file=$A_CA sasl_mech=GSSAPI role=dc
EOF
# shellcheck disable=SC2016
in_hosts() { unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$A_HOSTS" "$@"; }
check_rc "GSSAPI bind (Kerberos-sealed ldap://): exit 0" 0 in_hosts "$REMPART" --data-dir "$D" \
	collect -i "$T_TMP/gss.ini" -b ad-anssi-level-2 -o "$T_TMP/ev2"
summary "$(tj "$T_TMP/ev2" dc1)" > "$T_TMP/gss.txt"
check_grep "GSSAPI: ok, as 'SASL GSSAPI'" '^dc1 ok 389 SASL GSSAPI \| None$' "$T_TMP/gss.txt"
same=1
for f in "$T_TMP"/ev1/targets/dc1/probes/ad.*.ldif; do
	cmp -s "$f" "$T_TMP/ev2/targets/dc1/probes/$(basename "$f")" || same=0
done
if [ $same = 1 ]; then ok "GSSAPI and simple bind collect the same bytes"; else not_ok "GSSAPI = simple bind"; fi
in_hosts "$REMPART" --data-dir "$D" collect -i "$T_TMP/gss-tls.ini" -b ad-anssi-level-2 \
	-o "$T_TMP/ev2b" > /dev/null 2>&1
check_grep "GSSAPI inside TLS refused by Samba: the error points to ldap://" \
	'Sign or Seal.*Kerberos seals the session' "$(tj "$T_TMP/ev2b" dc1)"
kdestroy > /dev/null 2>&1
unset KRB5_CONFIG KRB5CCNAME

# 3. Wrong password, untrusted certificates (a CA that is not the server's)
printf 'not-the-password' > "$T_TMP/wrong.pw"; chmod 600 "$T_TMP/wrong.pw"
cat > "$T_TMP/bad.ini" <<EOF
[openldap]
wrongpw ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$T_TMP/wrong.pw
badca ldap_url=$H_LDAPS ca_file=$W_CA bind_dn=$H_DN bind_password_file=$H_PW
badca-starttls ldap_url=$W_URI starttls=yes ca_file=$H_CA bind_dn=$W_DN bind_password_file=$W_PW
[ad]
dc1-badca ldap_url=$A_LDAPS ca_file=$W_CA bind_dn=$A_UPN bind_password_file=$A_PW
EOF
check_rc "failed targets: exit 3" 3 R collect -i "$T_TMP/bad.ini" -b openldap-hardened \
	-b ad-anssi-level-2 -o "$T_TMP/ev3"
for t in wrongpw badca badca-starttls dc1-badca; do summary "$(tj "$T_TMP/ev3" $t)"; done > "$T_TMP/bad.txt"
check_grep "wrong password: auth-failed, Invalid credentials" '^wrongpw auth-failed .*Invalid credentials' "$T_TMP/bad.txt"
check_grep "untrusted certificate (LDAPS): error naming the certificate and the CA file" \
	"^badca error .*certificate is not trusted by the CA file $W_CA" "$T_TMP/bad.txt"
check_grep "untrusted certificate (StartTLS): error naming the certificate" \
	"^badca-starttls error .*StartTLS .*certificate is not trusted by the CA file $H_CA" "$T_TMP/bad.txt"
check_grep "untrusted certificate (AD): error naming the certificate" \
	'^dc1-badca error .*certificate is not trusted' "$T_TMP/bad.txt"
check_nogrep "no search after a refused certificate" '^  (ad|openldap)\.' "$T_TMP/bad.txt"

# 4. The server's size limit: anonymous on the weak slapd stops at 500
cat > "$T_TMP/anon.ini" <<EOF
[openldap]
anon ldap_url=$W_URI starttls=yes ca_file=$W_CA
EOF
check_rc "size limit: exit 3" 3 R collect -i "$T_TMP/anon.ini" -b openldap-hardened -o "$T_TMP/ev4"
summary "$(tj "$T_TMP/ev4" anon)" > "$T_TMP/anon.txt"
check_grep "anonymous: partial, the error says size limit" "^anon partial $W_PORT anonymous \| .*size limit" "$T_TMP/anon.txt"
check_grep "the probe is truncated at 500 entries, which are kept" \
	"^  openldap.password-schemes truncated 500 \| the server's size limit was reached after 500 entries" "$T_TMP/anon.txt"
check_grep "cn=config hidden from anonymous: an error, not 'na'" \
	'^  openldap.config-global error 0 \| not readable with this account' "$T_TMP/anon.txt"
R evaluate -e "$T_TMP/ev4" -b openldap-hardened -o "$T_TMP/r4.json" 2>/dev/null
results_lines "$T_TMP/r4.json" > "$T_TMP/r4.txt"
check_grep "a check on a truncated search is an error, never a pass" '^anon OLDAP-PWD-001 error$' "$T_TMP/r4.txt"

# 5. A server stopped in the middle of a search: our own slapd (so that the
# shared lab is not disturbed), whose size.pr limit forces small pages
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SW=$T_TMP/sl
stop_own() { [ -d "$SW/stop" ] && "$LABDIR/slapd.sh" stop "$SW" stop > /dev/null 2>&1; }
trap 'stop_own; t_cleanup' EXIT
if SLAPD_PORT=$(free_port) SLAPD_TLS_PORT=$(free_port) "$LABDIR/slapd.sh" start "$SW" stop weak 20000 \
	> "$T_TMP/own-slapd.log" 2>&1; then ok "own slapd with 20000 users started"
else not_ok "own slapd" "$(tail -3 "$T_TMP/own-slapd.log")"; fi
S_LDAPS=$(envget "$SW/stop/env" LDAPS_URI); S_CA=$(envget "$SW/stop/env" LDAP_CACERT)
S_DN=$(envget "$SW/stop/env" LDAP_BIND_DN); S_PW=$(envget "$SW/stop/env" LDAP_BIND_PW_FILE)
ldapmodify -Q -Y EXTERNAL -H "$(envget "$SW/stop/env" LDAPI_URI)" > /dev/null 2>&1 <<EOF
dn: olcDatabase={1}mdb,cn=config
changetype: modify
replace: olcLimits
olcLimits: {0}dn.exact="$S_DN" size=unlimited size.pr=10 time=unlimited
EOF
cat > "$T_TMP/stop.ini" <<EOF
[openldap]
stopme ldap_url=$S_LDAPS ca_file=$S_CA bind_dn=$S_DN bind_password_file=$S_PW
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
EOF
R -vv collect -i "$T_TMP/stop.ini" -b labtest-openldap -b openldap-hardened -o "$T_TMP/ev5" \
	> "$T_TMP/ev5.log" 2>&1 &
pid=$!
# the probe's temporary (labtest.all-entries.ldif.XXXXXX) while it is written
tmpd=$T_TMP/ev5/targets/stopme/probes
for _ in $(seq 1000); do
	[ "$(stat -c %s "$tmpd"/labtest.all-entries.ldif.?????? 2>/dev/null | head -1)" -gt 100000 ] 2>/dev/null && break
	sleep 0.01
done
stop_own
wait $pid
rc=$?
if [ $rc = 3 ]; then ok "server stopped mid-search: exit 3"; else not_ok "stopped mid-search: exit 3" "exit $rc"; fi
summary "$(tj "$T_TMP/ev5" stopme)" > "$T_TMP/stop.txt"
check_grep "a refused page size is halved until the server takes it" "page size refused, trying 7" "$T_TMP/ev5.log"
check_grep "the stopped server's target is partial" '^stopme partial .*connection to the server was lost' "$T_TMP/stop.txt"
n=$(sed -n 's/^  labtest.all-entries error \([0-9]*\) | the connection to the server was lost after \([0-9]*\) entries.*/\1 \2/p' "$T_TMP/stop.txt")
if [ -n "$n" ] && [ "${n% *}" = "${n#* }" ] && [ "${n% *}" -gt 0 ] && [ "${n% *}" -lt 20005 ]; then
	ok "what was read before the loss is kept (${n% *} entries)"
else not_ok "entries read before the loss kept" "$(grep all-entries "$T_TMP/stop.txt")"; fi
check_grep "the searches after the loss are not-run" '^  openldap.password-schemes not-run 0 \| the connection' "$T_TMP/stop.txt"
check_grep "the other target of the sweep is complete" '"status": "ok"' "$(tj "$T_TMP/ev5" weak)"
check "the bundle with a lost connection verifies" "$REMPART" evidence verify "$T_TMP/ev5"

# 6. Binary attributes: objectSid and nTSecurityDescriptor (sd-flags 4)
# byte for byte as ldapsearch returns them with the same control
check_rc "binary round trip: collect" 0 R collect -i "$T_TMP/ok.ini" -b labtest-ad -o "$T_TMP/ev6"
LDAPTLS_CACERT=$A_CA ldapsearch -x -LLL -o ldif-wrap=no -E '!1.2.840.113556.1.4.801=::MAMCAQQ=' \
	-H "$A_LDAPS" -D "$A_UPN" -y "$A_PW" -b "$A_BASE" -s base '(objectClass=*)' \
	objectSid nTSecurityDescriptor > "$T_TMP/sd-ldapsearch.ldif" 2> "$T_TMP/sd.err"
python3 - "$T_TMP/ev6/targets/dc1/probes/labtest.domain-sd.ldif" "$T_TMP/sd-ldapsearch.ldif" > "$T_TMP/sd.txt" <<'PY'
import base64, sys
def values(path):
    lines, out = [], {}
    for l in open(path, "rb").read().split(b"\n"):
        if l.startswith(b" ") and lines:
            lines[-1] += l[1:]
        else:
            lines.append(l)
    for l in lines:
        if b"::" in l:
            a, v = l.split(b":: ", 1)
            out.setdefault(a.decode().lower(), []).append(base64.b64decode(v))
    return out
a, b = values(sys.argv[1]), values(sys.argv[2])
for k in ("objectsid", "ntsecuritydescriptor"):
    x, y = a.get(k, []), b.get(k, [])
    print(k, "same" if x == y and x else "differ", len(x[0]) if x else 0)
PY
check_grep "objectSid byte for byte (a 24-byte domain SID)" '^objectsid same 24$' "$T_TMP/sd.txt"
check_grep "nTSecurityDescriptor (DACL, sd-flags 4) byte for byte" '^ntsecuritydescriptor same [1-9][0-9]+$' "$T_TMP/sd.txt"

# 7. The LDIF import path: an export made with ldapsearch gives the
# verdicts of a live collection (weak slapd: the data, the rootDSE and
# cn=config; AD: the rootDSE, the domain, the configuration partition and
# the schema's head)
WA=(-x -LLL -o ldif-wrap=no -H "$W_LDAPS" -D "$W_DN" -y "$W_PW")
LDAPTLS_CACERT=$W_CA ldapsearch "${WA[@]}" -E pr=500/noprompt -b "$W_BASE" '(objectClass=*)' '*' + \
	> "$T_TMP/weak.ldif" 2> "$T_TMP/dump.err"
{
	LDAPTLS_CACERT=$W_CA ldapsearch "${WA[@]}" -s base -b "" '(objectClass=*)' '*' +
	LDAPTLS_CACERT=$W_CA ldapsearch "${WA[@]}" -E pr=500/noprompt -b cn=config '(objectClass=*)'
} > "$T_TMP/weak-config.ldif" 2>> "$T_TMP/dump.err"
check_rc "import-ldif of the data only: exit 3 (cn=config not exported)" 3 R evidence import-ldif \
	--id weak --kind openldap -b openldap-hardened -o "$T_TMP/imp0" "$T_TMP/weak.ldif"
check_grep "the probe outside the export says so" 'not in the LDIF export.*cn=config' "$(tj "$T_TMP/imp0" weak)"
check_rc "import-ldif of data + cn=config: exit 0" 0 R evidence import-ldif --id weak --kind openldap \
	-b openldap-hardened -o "$T_TMP/imp1" "$T_TMP/weak.ldif" "$T_TMP/weak-config.ldif"
check "the imported bundle verifies" "$REMPART" evidence verify "$T_TMP/imp1"
check "imported probes are byte-identical to the live ones" \
	cmp "$T_TMP/imp1/targets/weak/probes/openldap.password-schemes.ldif" \
	"$T_TMP/ev1/targets/weak/probes/openldap.password-schemes.ldif"
R evaluate -e "$T_TMP/imp1" -o "$T_TMP/ri.json" 2>/dev/null
R evaluate -e "$T_TMP/ev1" -b openldap-hardened -o "$T_TMP/rl.json" 2>/dev/null
results_lines "$T_TMP/ri.json" > "$T_TMP/ri.txt"
results_lines "$T_TMP/rl.json" | grep '^weak ' > "$T_TMP/rl.txt"
check_same "OpenLDAP: import-ldif + evaluate = live collect + evaluate" "$T_TMP/rl.txt" "$T_TMP/ri.txt"
check_grep "the cleartext passwords are found from the export" '^weak OLDAP-PWD-001 fail$' "$T_TMP/ri.txt"

AA=(-x -LLL -o ldif-wrap=no -H "$A_LDAPS" -D "$A_UPN" -y "$A_PW" -E '!1.2.840.113556.1.4.801=::MAMCAQQ=')
{
	LDAPTLS_CACERT=$A_CA ldapsearch "${AA[@]}" -s base -b "" '(objectClass=*)' '*'
	LDAPTLS_CACERT=$A_CA ldapsearch "${AA[@]}" -E pr=1000/noprompt -b "$A_BASE" '(objectClass=*)' \
		'*' nTSecurityDescriptor msDS-KeyVersionNumber
	LDAPTLS_CACERT=$A_CA ldapsearch "${AA[@]}" -E pr=1000/noprompt -b "CN=Configuration,$A_BASE" \
		'(objectClass=*)' '*' nTSecurityDescriptor
	LDAPTLS_CACERT=$A_CA ldapsearch "${AA[@]}" -s base -b "CN=Schema,CN=Configuration,$A_BASE" \
		'(objectClass=*)' '*' nTSecurityDescriptor
	for z in DomainDnsZones ForestDnsZones; do
		LDAPTLS_CACERT=$A_CA ldapsearch "${AA[@]}" -E pr=1000/noprompt -b "DC=$z,$A_BASE" \
			'(objectClass=*)' '*' nTSecurityDescriptor
	done
} > "$T_TMP/ad.ldif" 2>> "$T_TMP/dump.err"
check_rc "import-ldif of the AD export: exit 0" 0 R evidence import-ldif --id dc1 --kind ad \
	--role dc -b ad-anssi-level-2 -b labtest-ad -o "$T_TMP/imp2" "$T_TMP/ad.ldif"
check_grep "AD import: the naming context from the exported rootDSE" \
	'"naming_context": "DC=lab,DC=test"' "$(tj "$T_TMP/imp2" dc1)"
check "AD import: the security descriptor and SID as collected live" \
	cmp "$T_TMP/imp2/targets/dc1/probes/labtest.domain-sd.ldif" \
	"$T_TMP/ev6/targets/dc1/probes/labtest.domain-sd.ldif"
R evaluate -e "$T_TMP/imp2" -b ad-anssi-level-2 -o "$T_TMP/ri2.json" 2>/dev/null
results_lines "$T_TMP/ri2.json" > "$T_TMP/ri2.txt"
results_lines "$T_TMP/rl.json" > /dev/null
R evaluate -e "$T_TMP/ev1" -b ad-anssi-level-2 -o "$T_TMP/rl2.json" 2>/dev/null
results_lines "$T_TMP/rl2.json" | grep '^dc1 ' > "$T_TMP/rl2.txt"
check_same "AD: import-ldif + evaluate = live collect + evaluate" "$T_TMP/rl2.txt" "$T_TMP/ri2.txt"

# 8. No secret anywhere rempart wrote (evidence, and the -vv log ev5.log)
leak=0
for f in "$W_PW" "$H_PW" "$A_PW" "$S_PW" "$(envget "$AENV" AD_ADMIN_PW_FILE)"; do
	[ -s "$f" ] || continue
	grep -rqaF -- "$(cat "$f")" "$T_TMP"/ev* "$T_TMP"/imp* && leak=1
done
for s in alice123 backup2019 Welcome1 not-the-password; do
	grep -rqaF -- "$s" "$T_TMP"/ev* "$T_TMP"/imp* && leak=1
done
if [ $leak = 0 ]; then ok "no password (bind or stored) in any evidence"; else not_ok "no secret in the evidence"; fi

t_done
