#!/bin/bash
# lab-ldif-remediation.sh -- the OpenLDAP remediations of the catalogue that
# carry an LDIF block, pasted as written into real slapd instances of our
# own (one fresh instance per remediation, tests/lab/slapd.sh): ldapmodify
# accepts the block, and the audit of the instance then finds the check
# passing. Only the placeholders are filled in (the database's number, the
# suffix, the server, the replica's DN, a hash). Needs slapd, ldap-utils;
# root for ldapi:// SASL EXTERNAL as the catalogue writes it. Does not use
# the shared lab: its instances listen on 127.0.0.1 at 5389/5390 (ldap)
# and 5636/5637 (ldaps) plus SLAPD_PORT_OFFSET.
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
export LDAPCONF=/dev/null LDAPRC=/dev/null
OFF=${SLAPD_PORT_OFFSET:-0}
SL=$SRCDIR/tests/lab/slapd.sh
W=$T_TMP/slapd
envget() { sed -n "s/^$2=//p" "$W/$1/env"; }
start() { # NAME PROFILE: a fresh instance
	local p=5389 t=5636
	[ "$2" = hardened ] && { p=5390; t=5637; }
	SLAPD_PORT=$((p + OFF)) SLAPD_TLS_PORT=$((t + OFF)) "$SL" start "$W" "$1" "$2" 5 > "$T_TMP/start.log" 2>&1
}
stop_all() { for n in lw lh; do [ -d "$W/$n" ] && "$SL" stop "$W" "$n" > /dev/null 2>&1; done; }
trap 'stop_all; t_cleanup' EXIT

"$REMPART" checks list --format json > "$T_TMP/checks.json"
python3 - "$T_TMP/checks.json" > "$T_TMP/blocks" <<'PY'
import json, sys
for c in json.load(open(sys.argv[1])):
    r = c["remediation"]["en"]
    if c["id"].startswith("OLDAP-") and "\n" in r:
        print(json.dumps([c["id"], r.split("\n", 1)[1]]))
PY
n=$(wc -l < "$T_TMP/blocks")
if [ "$n" -ge 15 ]; then ok "the OpenLDAP remediations carry their LDIF as a block ($n)"
else not_ok "the OpenLDAP remediations carry their LDIF as a block" "only $n"; fi

while IFS= read -r line; do
	id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0])' "$line")
	case $id in OLDAP-PPOL-*) name=lh; prof=hardened ;; *) name=lw; prof=weak ;; esac
	if ! start "$name" "$prof"; then not_ok "$id: a fresh $prof instance starts" "$(tail -3 "$T_TMP/start.log")"; continue; fi
	I=$(envget $name LDAPI_URI)
	db="{1}mdb"
	if [ "$id" = OLDAP-MON-001 ]; then	# the lab instances have no monitor database: add one, readable by all
		printf 'dn: olcDatabase=monitor,cn=config\nobjectClass: olcDatabaseConfig\nolcDatabase: monitor\nolcAccess: {0}to * by * read\n' |
			ldapadd -Q -Y EXTERNAL -H "$I" > /dev/null 2>&1
		db=$(ldapsearch -LLL -Q -Y EXTERNAL -H "$I" -b cn=config olcDatabase=monitor dn | sed -n 's/^dn: olcDatabase=\({[0-9]*}monitor\).*/\1/p')
	fi
	# "once for each database the finding names": every olcRootPW
	[ "$id" = OLDAP-PWD-003 ] && db=$(ldapsearch -LLL -Q -Y EXTERNAL -H "$I" -b cn=config '(olcRootPW=*)' dn |
		sed -n 's/^dn: olcDatabase=\({[0-9-]*}[a-z]*\),cn=config$/\1/p')
	: > "$T_TMP/apply.sh"
	for d in $db; do
	python3 - "$line" "$I" "$(envget $name LDAPS_URI)" "$(envget $name LDAP_BASE)" "$(envget $name LDAP_ROOT_PW_FILE)" "$d" "$(envget $name LDAP_BIND_DN)" >> "$T_TMP/apply.sh" <<'PY'
import json, sys
cid, b = json.loads(sys.argv[1])
ldapi, ldaps, suffix, rootpw, db, auditor = sys.argv[2:8]
# as the text says: the audit account keeps its read of cn=config
if cid == "OLDAP-ACL-003":
    b = b.replace(" manage by * none", ' manage by dn.exact="%s" read by * none' % auditor)
b = b.replace("ldapi:///", ldapi)
b = b.replace("-x -W -D", "-x -y %s -D" % rootpw).replace("ldaps://SERVER", ldaps)
b = b.replace("{N}mdb", db).replace("{N}monitor", db).replace("SUFFIX", suffix)
b = b.replace("REPLICA_DN", "uid=replica,ou=people," + suffix)
b = b.replace("{SSHA}HASH", "{SSHA}x1Zb5Z9qYt0O2xk1s3o8n6k9mQm0ZQ2Y")
print(b)
PY
	done
	if LDAPTLS_CACERT=$(envget $name LDAP_CACERT) bash "$T_TMP/apply.sh" > "$T_TMP/apply.out" 2>&1; then
		ok "$id: ldapmodify accepts the LDIF as written"
	else
		not_ok "$id: ldapmodify accepts the LDIF as written" "$(tail -2 "$T_TMP/apply.out")"; continue
	fi
	printf '[openldap]\n%s ldap_url=%s ca_file=%s bind_dn=%s bind_password_file=%s\n' "$name" \
		"$(envget $name LDAPS_URI)" "$(envget $name LDAP_CACERT)" "$(envget $name LDAP_BIND_DN)" \
		"$(envget $name LDAP_BIND_PW_FILE)" > "$T_TMP/inv.ini"
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<baseline xmlns="urn:rempart:baseline:1" id="t-ldif" kind="openldap"><title lang="en">t</title><title lang="fr">t</title><select check="%s"/></baseline>\n' "$id" > "$T_TMP/bl.xml"
	rm -rf "$T_TMP/out"
	"$REMPART" audit -i "$T_TMP/inv.ini" -b "$T_TMP/bl.xml" -o "$T_TMP/out" --lang en > "$T_TMP/audit.log" 2>&1
	st=$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["results"] if x["check"]==sys.argv[2]]; print(r[0]["status"] if r else "absent")' "$T_TMP/out/results.json" "$id" 2>/dev/null)
	if [ "$st" = pass ]; then ok "$id: the instance passes the check afterwards"
	else not_ok "$id: the instance passes the check afterwards" "status ${st:-none}: $(tail -2 "$T_TMP/audit.log")"; fi
done < "$T_TMP/blocks"
t_done
