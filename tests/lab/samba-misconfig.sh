#!/bin/bash
# samba-misconfig.sh WORKDIR -- plant the AD findings rempart must report into the
# lab DC started by samba-ad.sh, and show what an auditor sees over LDAPS.
# Every change is first tried the way an admin would (LDAP modify as
# Administrator over LDAPS); what Samba refuses there is retried locally on
# sam.ldb (ldbmodify as system, then with the relax control). The outcome is
# logged in WORKDIR/misconfig-results.txt. Re-runnable: existing objects are
# kept, modifications are replaces. Called by: samba-ad.sh misconfig WORKDIR
# (no "set -e": one refused change must not stop the others)
set -uo pipefail
[ -n "${1:-}" ] || { echo "usage: $0 WORKDIR" >&2; exit 2; }
W=$(cd "$1" && pwd)
# shellcheck disable=SC1091
. "$W/env" || { echo "samba-misconfig: no $W/env (start the DC first)" >&2; exit 1; }
DC=$W/dc; CONF=$AD_SMB_CONF; B=$AD_BASE; IP=$AD_IP
DNSDOM=$(echo "$AD_REALM" | tr '[:upper:]' '[:lower:]')
export LDAPCONF=/dev/null LDAPRC=/dev/null LDAPTLS_CACERT=$AD_CACERT KRB5_CONFIG
LM=(ldapmodify -x -H "$AD_LDAPS_URI" -D "$AD_ADMIN_UPN" -y "$AD_ADMIN_PW_FILE")
LS=(ldapsearch -x -LLL -o ldif-wrap=no -H "$AD_LDAPS_URI" -D "$AD_ADMIN_UPN" -y "$AD_ADMIN_PW_FILE")
OUT=$W/misconfig-results.txt; : > "$OUT"
PWB64=$(printf '"Passw0rd!123"' | iconv -f utf-8 -t utf-16le | base64 -w0)
log() { echo "$*" | tee -a "$OUT"; }

# try_ldap DESC  (LDIF on stdin)  -> LDAP:OK / LDAP:REFUSED(<error>), falls back to local
try() {
  local desc=$1 ldif err
  ldif=$(cat)
  if err=$(printf '%s\n' "$ldif" | "${LM[@]}" 2>&1 >/dev/null); then log "OK    over LDAP as Administrator: $desc"; return 0; fi
  case $err in *"Already exists"*) log "OK    (exists): $desc"; return 0;; esac
  log "REFUSED over LDAP: $desc -- $(echo "$err" | tr '\n' ' ' | sed 's/  */ /g' | cut -c1-200)"
  if err=$(printf '%s\n' "$ldif" | ldbmodify -H "$DC/private/sam.ldb" --configfile="$CONF" 2>&1); then
    log "      OK locally (ldbmodify on sam.ldb as system): $desc"; return 0; fi
  log "      REFUSED locally: $(echo "$err" | tr '\n' ' ' | cut -c1-200)"
  if err=$(printf '%s\n' "$ldif" | ldbmodify -H "$DC/private/sam.ldb" --configfile="$CONF" --relax 2>&1); then
    log "      OK locally with --relax: $desc"; return 0; fi
  log "      REFUSED locally even with --relax: $(echo "$err" | tr '\n' ' ' | cut -c1-200)"
  return 1
}
adduser() { # sam [extra ldif lines...]
  local s=$1; shift
  { printf 'dn: CN=%s,CN=Users,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: %s\nuserPrincipalName: %s@%s\nunicodePwd:: %s\n' "$s" "$B" "$s" "$s" "$DNSDOM" "$PWB64"
    for l in "$@"; do echo "$l"; done; } | try "create user $s"
}
addmember() { # group-cn user-cn
  printf 'dn: CN=%s,CN=Users,%s\nchangetype: modify\nadd: member\nmember: CN=%s,CN=Users,%s\n' "$1" "$B" "$2" "$B" \
    | "${LM[@]}" >/dev/null 2>&1 || true; }
filetime() { awk -v s="$(date -d "$1" +%s)" 'BEGIN{printf "%.0f", (s + 11644473600) * 10000000}'; }

log "== creating findings ($(date -u +%FT%TZ))"
# 1 AS-REP roastable: DONT_REQ_PREAUTH 0x400000
adduser asrep_user "userAccountControl: $((512 | 0x400000))"
# 2 kerberoastable admin: SPN + Domain Admins
adduser svc_sql "userAccountControl: 512" "servicePrincipalName: MSSQLSvc/sql1.$DNSDOM:1433"
addmember "Domain Admins" svc_sql
# 2b RC4-only service account (msDS-SupportedEncryptionTypes = 4)
adduser svc_rc4 "servicePrincipalName: HTTP/web1.$DNSDOM" "msDS-SupportedEncryptionTypes: 4"
# 3 PASSWD_NOTREQD 0x20
adduser nopw_user "userAccountControl: $((512 | 0x20))"
# 4 DONT_EXPIRE_PASSWORD 0x10000 on an admin
adduser admin2 "userAccountControl: $((512 | 0x10000))"
addmember "Domain Admins" admin2
# 5 unconstrained delegation: TRUSTED_FOR_DELEGATION 0x80000 on a user and on a computer
adduser deleg_user "userAccountControl: 512"
printf 'dn: CN=deleg_user,CN=Users,%s\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: %d\n' "$B" $((512 | 0x80000)) \
  | try "TRUSTED_FOR_DELEGATION on user deleg_user"
printf 'dn: CN=SRV-DELEG,CN=Computers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: SRV-DELEG$\ndNSHostName: srv-deleg.%s\nuserAccountControl: %d\n' "$B" "$DNSDOM" $((0x1000 | 0x80000)) \
  | try "computer SRV-DELEG\$ with TRUSTED_FOR_DELEGATION"
# 6 adminCount=1 orphan (not in any protected group)
adduser former_admin "userAccountControl: 512"
printf 'dn: CN=former_admin,CN=Users,%s\nchangetype: modify\nreplace: adminCount\nadminCount: 1\n' "$B" | try "adminCount=1 on former_admin (orphan)"
# 9 stale computer: old lastLogonTimestamp / pwdLastSet
printf 'dn: CN=OLD-PC,CN=Computers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: OLD-PC$\ndNSHostName: old-pc.%s\nuserAccountControl: 4096\noperatingSystem: Windows 7 Professional\noperatingSystemVersion: 6.1 (7601)\n' "$B" "$DNSDOM" \
  | try "computer OLD-PC\$ (Windows 7)"
printf 'dn: CN=OLD-PC,CN=Computers,%s\nchangetype: modify\nreplace: lastLogonTimestamp\nlastLogonTimestamp: %s\n' "$B" "$(filetime 2019-01-01)" \
  | try "lastLogonTimestamp=2019-01-01 on OLD-PC\$"
printf 'dn: CN=OLD-PC,CN=Computers,%s\nchangetype: modify\nreplace: pwdLastSet\npwdLastSet: %s\n' "$B" "$(filetime 2019-01-01)" \
  | try "pwdLastSet=2019-01-01 on OLD-PC\$"
printf 'dn: CN=OLD-PC,CN=Computers,%s\nchangetype: modify\nreplace: lastLogon\nlastLogon: %s\n' "$B" "$(filetime 2019-01-01)" \
  | try "lastLogon=2019-01-01 on OLD-PC\$"
# stale user with an old password
adduser stale_user "userAccountControl: 512"
printf 'dn: CN=stale_user,CN=Users,%s\nchangetype: modify\nreplace: pwdLastSet\npwdLastSet: %s\n' "$B" "$(filetime 2018-06-01)" \
  | try "pwdLastSet=2018-06-01 on stale_user"
printf 'dn: CN=stale_user,CN=Users,%s\nchangetype: modify\nreplace: pwdLastSet\npwdLastSet: 0\n' "$B" \
  | try "pwdLastSet=0 (must change) on stale_user"
# pwdLastSet cannot be written (only 0/-1), but Samba stamps it with the clock
# at password-set time: set the password under libfaketime (package faketime)
if command -v faketime >/dev/null; then
  for spec in "stale_user|2018-06-01" "OLD-PC\$|2019-01-01" "krbtgt|2016-03-01"; do
    acct=${spec%%|*}; day=${spec##*|}
    if out=$(faketime "$day 12:00:00" samba-tool user setpassword "$acct" --newpassword='Stale!Passw0rd1' -s "$CONF" 2>&1); then
      log "OK    old pwdLastSet via 'faketime $day samba-tool user setpassword $acct'"
    else log "REFUSED faketime setpassword $acct: $(echo "$out" | tail -1)"; fi
  done
else log "SKIP  old pwdLastSet: apt-get install -y faketime"; fi
# 10 machine account quota (default 10 already is a finding; make it explicit)
printf 'dn: %s\nchangetype: modify\nreplace: ms-DS-MachineAccountQuota\nms-DS-MachineAccountQuota: 10\n' "$B" | try "ms-DS-MachineAccountQuota=10"
# 11 weak password / lockout policy
printf 'dn: %s\nchangetype: modify\nreplace: minPwdLength\nminPwdLength: 4\n-\nreplace: lockoutThreshold\nlockoutThreshold: 0\n-\nreplace: pwdProperties\npwdProperties: 0\n-\nreplace: maxPwdAge\nmaxPwdAge: 0\n-\nreplace: pwdHistoryLength\npwdHistoryLength: 0\n' "$B" \
  | try "weak password policy on the domain object (minPwdLength 4, lockoutThreshold 0, complexity off, no max age)"
# guest enabled
printf 'dn: CN=Guest,CN=Users,%s\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: %d\n' "$B" $((512 | 0x20 | 0x10000)) | try "enable Guest"
# anonymous LDAP allowed via dsHeuristics (7th char = 2)
printf 'dn: CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration,%s\nchangetype: modify\nreplace: dSHeuristics\ndSHeuristics: 0000002\n' "$B" | try "dSHeuristics=0000002 (anonymous LDAP operations)"
# sIDHistory (normally only via DsAddSidHistory)
printf 'dn: CN=former_admin,CN=Users,%s\nchangetype: modify\nadd: sIDHistory\nsIDHistory: S-1-5-21-1-2-3-512\n' "$B" | try "sIDHistory on former_admin"
# a GPO (samba-tool talks to the DC over SMB/LDAP for this)
if ! "${LS[@]}" -b "CN=Policies,CN=System,$B" '(displayName=Lab Weak Policy)' dn | grep -q '^dn:'; then
  if out=$(PASSWD=$(cat "$AD_ADMIN_PW_FILE") samba-tool gpo create "Lab Weak Policy" -H "ldap://$IP" -U Administrator -s "$CONF" 2>&1 < /dev/null); then
    log "OK    samba-tool gpo create: $(echo "$out" | tail -1)"
  else log "REFUSED samba-tool gpo create: $(echo "$out" | tail -2 | tr '\n' ' ')"; fi
fi
# AD CS (checks/ad/adcs.xml): Samba has no certificate services, but stores
# templates, enrollment services and CA objects as plain LDAP objects, which
# is all an LDAP audit sees. An enterprise CA "lab-DC1-CA" (pKIEnrollmentService)
# publishes RempartESC1 (enrollee supplies the subject + Client Authentication,
# Domain Users enroll), RempartESC2 (Any Purpose, Authenticated Users
# autoenroll), RempartESC3 (Certificate Request Agent, Domain Users) and
# RempartClean (enrollee supplies the subject + Client Authentication, but
# manager approval and Domain Admins only: no finding); RempartUnpub is ESC1
# but published by no CA (named, not failed). Root store: an RSA-1024/SHA-1
# "Lab Old Root CA" (AD-PKI-005, not AD-PKI-004: 1024 is not below 1024).
# NTAuth: the CA's certificate and a "Rogue CA" (AD-PKI-006).
PKS="CN=Public Key Services,CN=Services,CN=Configuration,$B"
PKI=$W/pki; mkdir -p "$PKI"
mkcert() { # name subject key digest
  [ -s "$PKI/$1.der" ] || OPENSSL_CONF=/dev/null openssl req -x509 -newkey "$3" -nodes -keyout "$PKI/$1.key" \
    -out "$PKI/$1.der" -outform DER -subj "$2" -days 3650 "-$4" 2>/dev/null
  base64 -w0 "$PKI/$1.der"
}
CA_B64=$(mkcert ca "/DC=test/DC=lab/CN=lab-DC1-CA" rsa:2048 sha256)
OLD_B64=$(mkcert oldroot "/O=Lab/CN=Lab Old Root CA" rsa:1024 sha1)
ROGUE_B64=$(mkcert rogue "/CN=Rogue CA" rsa:2048 sha256)
for c in "Certificate Templates" "Enrollment Services" "Certification Authorities"; do
  printf 'dn: CN=%s,%s\nchangetype: add\nobjectClass: container\n' "$c" "$PKS" | try "container $c"
done
ENROLL=0e10c968-78fb-11d2-90d4-00c04f79dc55 AUTOENROLL=a05b8cc2-17bc-4802-a710-e7c15ab866a2
template() { # cn name-flag enroll-flag sddl-ace eku...
  local cn=$1 nf=$2 ef=$3 ace=$4 dn; shift 4
  dn="CN=$cn,CN=Certificate Templates,$PKS"
  { printf 'dn: %s\nchangetype: add\nobjectClass: pKICertificateTemplate\ndisplayName: %s\nflags: 131680\nrevision: 100\n' "$dn" "$cn"
    printf 'msPKI-Certificate-Name-Flag: %s\nmsPKI-Enrollment-Flag: %s\nmsPKI-RA-Signature: 0\nmsPKI-Template-Schema-Version: 2\n' "$nf" "$ef"
    for e in "$@"; do printf 'pKIExtendedKeyUsage: %s\n' "$e"; done; } | try "certificate template $cn"
  if out=$(samba-tool dsacl set --objectdn="$dn" --sddl="$ace" -s "$CONF" 2>&1); then
    log "OK    samba-tool dsacl set $ace on template $cn"
  else log "REFUSED samba-tool dsacl set on template $cn: $(echo "$out" | tail -1)"; fi
}
template RempartESC1 1 0 "(OA;;CR;$ENROLL;;DU)" 1.3.6.1.5.5.7.3.2
template RempartESC2 0 0 "(OA;;CR;$AUTOENROLL;;AU)" 2.5.29.37.0
template RempartESC3 0 0 "(OA;;CR;$ENROLL;;DU)" 1.3.6.1.4.1.311.20.2.1
template RempartClean 1 2 "(OA;;CR;$ENROLL;;DA)" 1.3.6.1.5.5.7.3.2
template RempartUnpub 1 0 "(OA;;CR;$ENROLL;;DU)" 1.3.6.1.5.5.7.3.2
printf 'dn: CN=lab-DC1-CA,CN=Enrollment Services,%s\nchangetype: add\nobjectClass: pKIEnrollmentService\ndNSHostName: dc1.%s\ncACertificate:: %s\ncertificateTemplates: RempartESC1\ncertificateTemplates: RempartESC2\ncertificateTemplates: RempartESC3\ncertificateTemplates: RempartClean\n' \
  "$PKS" "$DNSDOM" "$CA_B64" | try "enrollment service lab-DC1-CA publishing RempartESC1-3 and RempartClean"
caobj() { # dn cert-b64...
  local dn=$1; shift
  { printf 'dn: %s\nchangetype: add\nobjectClass: certificationAuthority\nauthorityRevocationList:: AA==\ncertificateRevocationList:: AA==\n' "$dn"
    for c in "$@"; do printf 'cACertificate:: %s\n' "$c"; done; } | try "CA object ${dn%%,*}"
}
caobj "CN=lab-DC1-CA,CN=Certification Authorities,$PKS" "$CA_B64"
caobj "CN=Lab Old Root CA,CN=Certification Authorities,$PKS" "$OLD_B64"
caobj "CN=NTAuthCertificates,$PKS" "$CA_B64" "$ROGUE_B64"
log "      Rogue CA in NTAuth: SHA-1 $(sha1sum "$PKI/rogue.der" | cut -d' ' -f1)"
# dMSA creation rights (AD-DMSA-001, "BadSuccessor"): group dmsa_delegates may
# create msDS-DelegatedManagedServiceAccount objects in OU=Tier1Servers. Samba
# 4.17 has no dMSA class and no DC reports Windows Server 2025: the check
# lists the delegation and passes (it fails only with a 2025 DC).
printf 'dn: OU=Tier1Servers,%s\nchangetype: add\nobjectClass: organizationalUnit\n' "$B" | try "OU Tier1Servers"
printf 'dn: CN=dmsa_delegates,CN=Users,%s\nchangetype: add\nobjectClass: group\nsAMAccountName: dmsa_delegates\n' "$B" | try "group dmsa_delegates"
DELEG_SID=$(ldbsearch -H "$DC/private/sam.ldb" --configfile="$CONF" "(sAMAccountName=dmsa_delegates)" objectSid 2>/dev/null | sed -n 's/^objectSid: //p')
if out=$(samba-tool dsacl set --objectdn="OU=Tier1Servers,$B" --sddl="(OA;;CC;0feb936f-47b3-49f2-9386-1dedc2c23765;;$DELEG_SID)" -s "$CONF" 2>&1); then
  log "OK    samba-tool dsacl set: dmsa_delegates ($DELEG_SID) may create dMSAs in OU=Tier1Servers"
else log "REFUSED samba-tool dsacl set on OU=Tier1Servers: $(echo "$out" | tail -1)"; fi
# DNS (AD-DNS-001): the domain's zone accepts nonsecure dynamic updates
# (dNSProperty DSPROPERTY_ZONE_ALLOW_UPDATE 2 -> 1, MS-DNSP 2.3.2.1)
printf 'dn: DC=%s,CN=MicrosoftDNS,DC=DomainDnsZones,%s\nchangetype: modify\ndelete: dNSProperty\ndNSProperty:: AQAAAAAAAAAAAAAAAQAAAAIAAAACAAAAAA==\n-\nadd: dNSProperty\ndNSProperty:: AQAAAAAAAAAAAAAAAQAAAAIAAAABAAAAAA==\n' "$DNSDOM" "$B" \
  | try "zone $DNSDOM: nonsecure dynamic updates"
# read-only DC (AD-RODC-001/002): a computer object RODC1$ with
# PARTIAL_SECRETS_ACCOUNT (Samba gives it primary group 521), allowed to
# cache Domain Admins' passwords and holding admin2's (msDS-RevealedUsers,
# written locally: the KDC of a real RODC maintains it). No RODC runs; the
# account has a password, as a joined RODC has (AD-STL-003 stays a pass).
printf 'dn: CN=RODC1,OU=Domain Controllers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: RODC1$\nuserAccountControl: %d\nunicodePwd:: %s\ndNSHostName: rodc1.%s\nmsDS-RevealOnDemandGroup: CN=Allowed RODC Password Replication Group,CN=Users,%s\nmsDS-RevealOnDemandGroup: CN=Domain Admins,CN=Users,%s\nmsDS-NeverRevealGroup: CN=Denied RODC Password Replication Group,CN=Users,%s\n' \
  "$B" $((0x04001000)) "$PWB64" "$DNSDOM" "$B" "$B" "$B" | try "read-only DC account RODC1\$ allowed to cache Domain Admins"
printf 'dn: CN=RODC1,OU=Domain Controllers,%s\nchangetype: modify\nreplace: msDS-RevealedUsers\nmsDS-RevealedUsers: B:8:01000000:CN=RODC1,OU=Domain Controllers,%s\nmsDS-RevealedUsers: B:8:02000000:CN=admin2,CN=Users,%s\n' \
  "$B" "$B" "$B" | try "RODC1\$ holds the passwords of itself and admin2 (msDS-RevealedUsers)"
# machine passwords of servers in use (AD-MACH-001..003): SRV-FILE$ (Windows
# Server 2019) and the cluster name object CLUSTER1$ logged on today with
# passwords set in 2024 and 2022 (faketime, as above); WEB-NEW$ is a server
# whose password is recent (no finding)
for spec in "SRV-FILE|Windows Server 2019 Standard|" "WEB-NEW|Windows Server 2022 Standard|" "CLUSTER1||MSClusterVirtualServer/cluster1.$DNSDOM"; do
  IFS='|' read -r host os spn <<< "$spec"
  { printf 'dn: CN=%s,CN=Computers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: %s$\nuserAccountControl: 4096\n' "$host" "$B" "$host"
    [ -n "$os" ] && printf 'operatingSystem: %s\n' "$os"
    [ -n "$spn" ] && printf 'servicePrincipalName: %s\n' "$spn"; } | try "computer $host\$ ${os:-$spn}"
  printf 'dn: CN=%s,CN=Computers,%s\nchangetype: modify\nreplace: lastLogonTimestamp\nlastLogonTimestamp: %s\n' "$host" "$B" "$(filetime "$(date -u +%F)")" \
    | try "lastLogonTimestamp=today on $host\$"
done
if command -v faketime >/dev/null; then
  for spec in "SRV-FILE\$|2024-01-15" "CLUSTER1\$|2022-06-01"; do
    acct=${spec%%|*}; day=${spec#*|}
    if out=$(faketime "$day 12:00:00" samba-tool user setpassword "$acct" --newpassword='Stale!Passw0rd1' -s "$CONF" 2>&1); then
      log "OK    old pwdLastSet via 'faketime $day samba-tool user setpassword $acct'"
    else log "REFUSED faketime setpassword $acct: $(echo "$out" | tail -1)"; fi
  done
  if out=$(samba-tool user setpassword 'WEB-NEW$' --newpassword='Fresh!Passw0rd1' -s "$CONF" 2>&1); then
    log "OK    recent pwdLastSet on WEB-NEW\$"
  else log "REFUSED setpassword WEB-NEW\$: $(echo "$out" | tail -1)"; fi
else log "SKIP  old server pwdLastSet: apt-get install -y faketime"; fi
# owner of a tier-0 object (AD-OWN-001): Administrator (adminCount=1) is owned by
# the ordinary group dmsa_delegates (an owner may always rewrite the DACL);
# the owner alone is written (SD_FLAGS 1), on sam.ldb
if [ -n "${DELEG_SID:-}" ] && sd=$(/usr/bin/python3 -c 'import base64, sys
from samba.dcerpc import security
from samba.ndr import ndr_pack
print(base64.b64encode(ndr_pack(security.descriptor.from_sddl("O:" + sys.argv[1], security.dom_sid(sys.argv[1].rsplit("-", 1)[0])))).decode())' "$DELEG_SID" 2>&1); then
  if out=$(printf 'dn: CN=Administrator,CN=Users,%s\nchangetype: modify\nreplace: nTSecurityDescriptor\nnTSecurityDescriptor:: %s\n' "$B" "$sd" \
      | ldbmodify -H "$DC/private/sam.ldb" --configfile="$CONF" --controls=sd_flags:1:1 2>&1); then
    log "OK    locally (ldbmodify, SD_FLAGS 1): Administrator owned by dmsa_delegates ($DELEG_SID)"
  else log "REFUSED owner of Administrator: $(echo "$out" | tail -1)"; fi
else log "REFUSED owner of Administrator: no SID for dmsa_delegates, or no python3-samba: ${sd:-}"; fi
# backup (AD-BKP-001): what a directory backup does to the domain head, a
# new dSASignature (dated by replPropertyMetaData), written locally: Samba's
# own backup does not stamp it
if out=$(printf 'dn: %s\nchangetype: modify\nreplace: dSASignature\ndSASignature:: AQAAACgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n' "$B" \
    | ldbmodify -H "$DC/private/sam.ldb" --configfile="$CONF" 2>&1); then
  log "OK    locally (ldbmodify): dSASignature stamped on the domain head, as a backup does"
else log "REFUSED dSASignature on the domain head: $(echo "$out" | tail -1)"; fi
# DC account in an inconsistent state (AD-DC-001): HALF-DC$ gets
# SERVER_TRUST_ACCOUNT (a DC's flag: it may replicate secrets; Samba then
# gives it primary group 516) without TRUSTED_FOR_DELEGATION, which every
# real writable DC has
printf 'dn: CN=HALF-DC,CN=Computers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: HALF-DC$\nuserAccountControl: 4096\nunicodePwd:: %s\n' "$B" "$PWB64" \
  | try "computer HALF-DC\$"
printf 'dn: CN=HALF-DC,CN=Computers,%s\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 8192\n' "$B" \
  | try "SERVER_TRUST_ACCOUNT alone on HALF-DC\$"
# hidden administrator (AD-PGID-001, AD-STL-007): hidden_admin's primary
# group is Domain Admins (512); AD requires the membership before the
# change, then keeps it only through primaryGroupID
adduser hidden_admin "userAccountControl: 512"
addmember "Domain Admins" hidden_admin
printf 'dn: CN=hidden_admin,CN=Users,%s\nchangetype: modify\nreplace: primaryGroupID\nprimaryGroupID: 512\n' "$B" \
  | try "primaryGroupID 512 (Domain Admins) on hidden_admin"
# ADIDNS (AD-DNS-003): the ordinary user asrep_user adds a wildcard record
# to the domain zone over LDAPS, as any authenticated user may (the ADIDNS
# spoofing attack); it owns the record
printf 'Passw0rd!123' > "$W/asrep_user.pw"; chmod 600 "$W/asrep_user.pw"
REC=$(/usr/bin/python3 -c 'import base64, struct, sys
ip = bytes(int(x) for x in sys.argv[1].split("."))
print(base64.b64encode(struct.pack("<HHBBHI", 4, 1, 5, 0xf0, 0, 1) + struct.pack(">I", 180) + struct.pack("<II", 0, 0) + ip).decode())' "${IP%.*}.66")
if out=$(printf 'dn: DC=*,DC=%s,CN=MicrosoftDNS,DC=DomainDnsZones,%s\nchangetype: add\nobjectClass: dnsNode\ndnsRecord:: %s\n' "$DNSDOM" "$B" "$REC" \
    | ldapmodify -x -H "$AD_LDAPS_URI" -D "asrep_user@$DNSDOM" -y "$W/asrep_user.pw" 2>&1); then
  log "OK    over LDAP as asrep_user (an ordinary user): wildcard record *.$DNSDOM -> ${IP%.*}.66"
else log "REFUSED wildcard record as asrep_user: $(echo "$out" | tr '\n' ' ' | cut -c1-200)"; fi
rm -f "$W/asrep_user.pw"
# display specifier (AD-DSP-001): a context menu entry of the AD consoles on
# user objects that runs a program from a share outside SYSVOL
printf 'dn: CN=user-Display,CN=409,CN=DisplaySpecifiers,CN=Configuration,%s\nchangetype: modify\nadd: adminContextMenu\nadminContextMenu: 9,&Password audit,\\\\files.attacker.test\\tools\\audit.exe\n' "$B" \
  | try "adminContextMenu running \\\\files.attacker.test\\tools\\audit.exe on user-Display (409)"
# SYSVOL (AD-DOM-014, AD-ACL-015): an FRS replica set for SYSVOL left
# behind (Samba itself replicates nothing; PingCastle's A-NTFRSOnSysvol
# reads only this object), and write access for Domain Users on the DFSR
# replication group of SYSVOL
printf 'dn: CN=Domain System Volume (SYSVOL share),CN=File Replication Service,CN=System,%s\nchangetype: add\nobjectClass: nTFRSReplicaSet\n' "$B" \
  | try "FRS replica set Domain System Volume (SYSVOL share)"
if out=$(samba-tool dsacl set --objectdn="CN=Domain System Volume,CN=DFSR-GlobalSettings,CN=System,$B" --sddl="(A;;WP;;;DU)" -s "$CONF" 2>&1); then
  log "OK    samba-tool dsacl set: write property for Domain Users on the DFSR replication group of SYSVOL"
else log "REFUSED samba-tool dsacl set on Domain System Volume: $(echo "$out" | tail -1)"; fi
# changes in the incident window on objects older than it, dated only by
# their replication metadata (AD-ACL-012, AD-PRV-022): an ACE for Domain
# Admins on AdminSDHolder (a trusted holder: no ACL finding), and one more
# SPN on the DC account
if out=$(samba-tool dsacl set --objectdn="CN=AdminSDHolder,CN=System,$B" --sddl="(A;;RP;;;DA)" -s "$CONF" 2>&1); then
  log "OK    samba-tool dsacl set: read property for Domain Admins on AdminSDHolder"
else log "REFUSED samba-tool dsacl set on AdminSDHolder: $(echo "$out" | tail -1)"; fi
printf 'dn: CN=DC1,OU=Domain Controllers,%s\nchangetype: modify\nadd: servicePrincipalName\nservicePrincipalName: HOST/dc1-alias.%s\n' "$B" "$DNSDOM" \
  | try "servicePrincipalName HOST/dc1-alias on DC1\$"

log ""
log "== what an auditor sees over LDAPS (bind Administrator@$DNSDOM)"
q() { local title=$1; shift; log "-- $title"; "${LS[@]}" "$@" 2>&1 | grep -v '^$' | sed 's/^/   /' | tee -a "$OUT"; }
q "AS-REP roastable (UAC & 0x400000)" -b "$B" '(&(objectCategory=person)(userAccountControl:1.2.840.113556.1.4.803:=4194304))' sAMAccountName
q "kerberoastable (user with SPN) + group" -b "$B" '(&(objectCategory=person)(servicePrincipalName=*))' sAMAccountName servicePrincipalName memberOf msDS-SupportedEncryptionTypes
q "PASSWD_NOTREQD (0x20) on enabled accounts" -b "$B" '(&(userAccountControl:1.2.840.113556.1.4.803:=32)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))' sAMAccountName userAccountControl
q "DONT_EXPIRE_PASSWORD (0x10000) with adminCount" -b "$B" '(userAccountControl:1.2.840.113556.1.4.803:=65536)' sAMAccountName adminCount
q "unconstrained delegation (0x80000)" -b "$B" '(userAccountControl:1.2.840.113556.1.4.803:=524288)' sAMAccountName userAccountControl
q "adminCount=1" -b "$B" '(adminCount=1)' sAMAccountName memberOf
q "Domain Admins members (transitive, LDAP_MATCHING_RULE_IN_CHAIN)" -b "$B" "(memberOf:1.2.840.113556.1.4.1941:=CN=Domain Admins,CN=Users,$B)" sAMAccountName
q "Domain Admins member attribute" -b "CN=Domain Admins,CN=Users,$B" -s base member
q "krbtgt / stale accounts pwdLastSet" -b "$B" '(|(sAMAccountName=krbtgt)(sAMAccountName=stale_user)(sAMAccountName=OLD-PC$))' pwdLastSet
q "computers: lastLogonTimestamp / pwdLastSet / OS" -b "CN=Computers,$B" '(objectClass=computer)' sAMAccountName lastLogonTimestamp pwdLastSet operatingSystem
q "stale_user pwdLastSet" -b "$B" '(sAMAccountName=stale_user)' pwdLastSet
q "domain policy + MAQ" -b "$B" -s base ms-DS-MachineAccountQuota minPwdLength lockoutThreshold pwdProperties maxPwdAge minPwdAge pwdHistoryLength lockoutDuration
q "functional levels (rootDSE)" -b "" -s base domainFunctionality forestFunctionality domainControllerFunctionality
q "LAPS schema attributes (none = LAPS not deployed)" -b "CN=Schema,CN=Configuration,$B" '(|(lDAPDisplayName=ms-Mcs-AdmPwd)(lDAPDisplayName=msLAPS-Password)(lDAPDisplayName=msLAPS-PasswordExpirationTime))' lDAPDisplayName
q "GPOs (groupPolicyContainer)" -b "CN=Policies,CN=System,$B" '(objectClass=groupPolicyContainer)' displayName gPCFileSysPath versionNumber
q "GPO links on the domain head" -b "$B" -s base gPLink
q "Guest" -b "$B" '(sAMAccountName=Guest)' userAccountControl
q "dSHeuristics" -b "CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration,$B" -s base dSHeuristics
q "sIDHistory" -b "$B" '(sIDHistory=*)' sAMAccountName sIDHistory
log "-- anonymous search after dSHeuristics change:"
ldapsearch -x -LLL -H "ldaps://$IP" -b "$B" -s base dn 2>&1 | head -2 | sed 's/^/   /' | tee -a "$OUT"
log "-- SYSVOL on disk: $DC/state/sysvol/$DNSDOM/Policies"
find "$DC/state/sysvol/$DNSDOM/Policies" -mindepth 1 -maxdepth 1 -printf '   %f\n' | sort | tee -a "$OUT"
