#!/bin/bash
# lab-ad.sh -- directory audits against the real lab (tests/lab): the Samba
# AD DC and the two slapd instances, each audited with an ordinary account.
# Asserts the exact verdict of every AD and OpenLDAP check per target
# (tests/fixtures/ad/expected-*.txt, each line checked by hand against
# tests/lab/README.md sections 2 and 3 and docs/ad-coverage.md), the
# post-incident checks against an incident window set around the lab's
# planted findings, that what the account cannot read is an error (never a
# pass), the probes an evaluator reads besides its own, krbtgt reset twice
# since an earlier audit (it resets krbtgt on the DC, then gives it its 2016
# password date back), and that no secret
# reaches the evidence. Needs LAB (a running "lab.sh up DIR all").
. "$(dirname "$0")/lib.sh"
t_setup
# Under the sanitizers build: the known leaks of libldap, not of rempart
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR all)}"
FX=$SRCDIR/tests/fixtures/ad
ADENV=$LAB/ad/env
WEAK=$LAB/ldap/weak/env
HARD=$LAB/ldap/hardened/env
for f in "$ADENV" "$WEAK" "$HARD" "$LAB/ad/misconfig-results.txt"; do
	[ -f "$f" ] || { not_ok "lab part present" "no $f (lab.sh up DIR all)"; t_done; exit 1; }
done
envval() { sed -n "s/^$2=//p" "$1"; }

# The compromise started when the findings were planted; containment is
# now, before the audit: nothing was renewed since.
START=$(sed -n 's/^== creating findings (\(.*\))$/\1/p' "$LAB/ad/misconfig-results.txt")
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat > "$T_TMP/incident.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<incident xmlns="urn:rempart:incident:1">
  <organisation type="hospital">rempart lab</organisation>
  <reference>LAB-AD-1</reference>
  <compromise-start>$START</compromise-start>
  <containment>$NOW</containment>
</incident>
EOF
sleep 1

cat > "$T_TMP/dir.ini" <<EOF
[ad]
dc1 ldap_url=$(envval "$ADENV" AD_LDAPS_URI) ca_file=$(envval "$ADENV" AD_CACERT) bind_dn=$(envval "$ADENV" AD_BIND_UPN) bind_password_file=$(envval "$ADENV" AD_BIND_PW_FILE) role=dc

[openldap]
ldap-weak ldap_url=$(envval "$WEAK" LDAP_URI) starttls=yes ca_file=$(envval "$WEAK" LDAP_CACERT) bind_dn=$(envval "$WEAK" LDAP_BIND_DN) bind_password_file=$(envval "$WEAK" LDAP_BIND_PW_FILE)
ldap-hardened ldap_url=$(envval "$HARD" LDAPS_URI) ca_file=$(envval "$HARD" LDAP_CACERT) bind_dn=$(envval "$HARD" LDAP_BIND_DN) bind_password_file=$(envval "$HARD" LDAP_BIND_PW_FILE) role=critical
EOF

# 1. Every AD check (level 5 selects them all) and every OpenLDAP check
"$REMPART" audit -i "$T_TMP/dir.ini" -b ad-anssi-level-5 -b openldap-hardened \
	-o "$T_TMP/audit" --lang en > "$T_TMP/audit.out" 2> "$T_TMP/audit.err"
rc=$?
if [ $rc = 0 ]; then ok "audit of the directories: exit 0"
else not_ok "audit of the directories: exit 0" "exit $rc: $(tail -3 "$T_TMP/audit.err")"; fi
check "the evidence verifies" "$REMPART" evidence verify "$T_TMP/audit/evidence"
R=$T_TMP/audit/results.json
python3 - "$T_TMP"/audit/evidence/targets/*/target.json > "$T_TMP/targets.txt" <<'PY'
import json, sys
for f in sorted(sys.argv[1:]):
    t = json.load(open(f))
    print(t["id"], t["status"], t["user"])
PY
check_grep "dc1 audited as the ordinary auditor account" '^dc1 ok auditor@lab.test$' "$T_TMP/targets.txt"
check_grep "ldap-weak audited as uid=auditor" '^ldap-weak ok uid=auditor,' "$T_TMP/targets.txt"
check_grep "ldap-hardened audited as uid=auditor" '^ldap-hardened ok uid=auditor,' "$T_TMP/targets.txt"
results_lines "$R" > "$T_TMP/verdicts.txt"
for t in dc1 ldap-weak ldap-hardened; do
	grep "^$t " "$T_TMP/verdicts.txt" > "$T_TMP/$t.txt"
	check_same "exact verdicts on $t" "$FX/expected-$t.txt" "$T_TMP/$t.txt"
done

# 2. What each planted finding points at (observed values)
python3 - "$R" > "$T_TMP/observed.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in sorted(d["results"], key=lambda r: (r["target"], r["check"])):
    print(r["target"], r["check"], r["status"], "|", (r.get("observed") or "").replace("\n", " "),
          "|", (r.get("reason") or "").replace("\n", " "))
PY
O=$T_TMP/observed.txt
check_grep "AS-REP roastable asrep_user" '^dc1 AD-KRB-002 fail \| 1: asrep_user \|' "$O"
check_grep "kerberoastable Domain Admin svc_sql" '^dc1 AD-PRV-003 fail \| svc_sql \|' "$O"
check_grep "RC4-only svc_rc4" '^dc1 AD-KRB-011 fail \| 1: svc_rc4 \|' "$O"
check_grep "PASSWD_NOTREQD nopw_user and Guest" '^dc1 AD-PWD-010 fail \| 2: (nopw_user, Guest|Guest, nopw_user) \|' "$O"
check_grep "DONT_EXPIRE on the Domain Admin admin2" '^dc1 AD-PRV-002 fail \| admin2 \|' "$O"
check_grep "unconstrained delegation: deleg_user, SRV-DELEG\$ (not DC1\$)" '^dc1 AD-KRB-005 fail \| 2: (deleg_user, SRV-DELEG\$|SRV-DELEG\$, deleg_user) \|' "$O"
check_grep "adminCount orphan former_admin" '^dc1 AD-PRV-008 fail \| former_admin \|' "$O"
check_grep "dangerous sIDHistory on former_admin" '^dc1 AD-SIDH-002 fail \| former_admin: S-1-5-21-1-2-3-512 \[Domain Admins\] \(privileged RID\)' "$O"
check_grep "stale computer OLD-PC\$" '^dc1 AD-STL-002 fail \| OLD-PC\$: lastLogonTimestamp 2019-01-01' "$O"
check_grep "Windows 7 on OLD-PC\$" '^dc1 AD-STL-004 fail \| 1: OLD-PC\$ \|' "$O"
check_grep "stale_user's password from 2018" '^dc1 AD-PWD-013 fail \| .*stale_user: pwdLastSet 2018-06-01' "$O"
check_grep "krbtgt password of 2016" '^dc1 AD-KRB-001 fail \| krbtgt: [0-9]+ days' "$O"
check_grep "machine account quota 10" '^dc1 AD-DOM-001 fail \| 10 \|' "$O"
check_grep "minPwdLength 4" '^dc1 AD-PWD-001 fail \| 4 \|' "$O"
check_grep "Guest enabled" '^dc1 AD-STL-006 fail \| Guest \|' "$O"
check_grep "anonymous LDAP through dSHeuristics" '^dc1 AD-DOM-006 fail \| 0000002 \|' "$O"
check_grep "functional level 2008 R2 below the level-5 target" '^dc1 AD-DOM-002 fail \| 4 \|' "$O"
check_grep "no LAPS schema" '^dc1 AD-LAPS-001 fail \| 0 \|' "$O"
check_grep "LAPS coverage not applicable without the schema" '^dc1 AD-LAPS-003 na \| +\| LAPS schema absent' "$O"
check_grep "weak: cleartext and MD5 userPassword" '^ldap-weak OLDAP-PWD-001 fail \| alice: \{CLEARTEXT\}, bob: \{MD5\}, svc_backup: \{CLEARTEXT\}' "$O"
check_grep "weak: cleartext rootpw in both databases" '^ldap-weak OLDAP-PWD-003 fail \| \{0\}config: olcRootPW stored as \{CLEARTEXT\}, \{1\}mdb: olcRootPW stored as \{CLEARTEXT\}' "$O"
check_grep "weak: userPassword readable by anyone" '^ldap-weak OLDAP-ACL-001 fail \| \{1\}mdb: anonymous has read access to userPassword' "$O"

# AD CS (samba-misconfig.sh plants the templates, the enterprise CA, the
# root store and NTAuth as plain LDAP objects), read by the ordinary auditor
DU="Domain Users \\(S-1-5-21-[0-9-]+-513\\)"
check_grep "ESC1: RempartESC1 published by lab-DC1-CA, Domain Users enroll" "^dc1 AD-PKI-001 fail \\| .*RempartESC1 \\(published by lab-DC1-CA\\): the enrollee supplies the subject, EKU Client Authentication, $DU may enroll" "$O"
check_grep "ESC1: RempartUnpub named as published by no CA" '^dc1 AD-PKI-001 fail \| .*RempartUnpub: .* but no enterprise CA publishes it' "$O"
check_grep "ESC2: RempartESC2, Authenticated Users autoenroll" '^dc1 AD-PKI-002 fail \| .*RempartESC2 \(published by lab-DC1-CA\): EKU Any Purpose, Authenticated Users \(S-1-5-11\) may enroll' "$O"
check_grep "ESC3: RempartESC3, Domain Users" "^dc1 AD-PKI-003 fail \\| .*RempartESC3 \\(published by lab-DC1-CA\\): EKU Certificate Request Agent, $DU may enroll" "$O"
if grep -E '^dc1 AD-PKI-00[123] .*RempartClean' "$O" > /dev/null; then not_ok "the clean template (manager approval, Domain Admins) is no finding" "$(grep RempartClean "$O" | head -1)"
else ok "the clean template (manager approval, Domain Admins) is no finding"; fi
if grep -E '^dc1 AD-PKI-001 .*RempartESC[23]|^dc1 AD-PKI-003 .*RempartESC[12]' "$O" > /dev/null; then not_ok "each ESC names only its own templates"; else ok "each ESC names only its own templates"; fi
check_grep "CA certificates: the RSA-1024 SHA-1 old root, level 3 only" '^dc1 AD-PKI-005 fail \| root CA Lab Old Root CA: CN=Lab Old Root CA,O=Lab \(SHA-1 [0-9a-f]{40}\): RSA key of 1024 bits, signed with SHA1' "$O"
check_grep "... not below the level-1 bound of 1024 bits" '^dc1 AD-PKI-004 pass \| 5 CA certificate\(s\) examined' "$O"
ROGUE=$(sha1sum "$LAB/ad/pki/rogue.der" 2> /dev/null | cut -d' ' -f1)
check_grep "NTAuth: the rogue CA, by its thumbprint" "^dc1 AD-PKI-006 fail \\| .*NTAuth: CN=Rogue CA \\(SHA-1 ${ROGUE:-none}\\) is the certificate of no enterprise CA" "$O"
check_grep "NTAuth: the enterprise CA listed and accepted" '^dc1 AD-PKI-006 fail \| enterprise CA lab-DC1-CA on dc1.lab.test publishes 4 template\(s\), NTAuth: CN=lab-DC1-CA,DC=lab,DC=test \(SHA-1 [0-9a-f]{40}\), enterprise CA lab-DC1-CA' "$O"

check_grep "dMSA: dmsa_delegates may create dMSAs in OU=Tier1Servers, listed (no 2025 DC)" '^dc1 AD-DMSA-001 pass \| OU=Tier1Servers,DC=lab,DC=test: S-1-5-21-[0-9-]+ has CreateChild\(msDS-DelegatedManagedServiceAccount\), no DC runs Windows Server 2025' "$O"
if grep -E '^dc1 AD-DMSA-001 .*(Account Operators|Domain Admins|OU=Domain Controllers)' "$O" > /dev/null; then not_ok "dMSA: the default DACLs give no finding"; else ok "dMSA: the default DACLs give no finding"; fi

check_grep "DNS: the domain zone accepts nonsecure updates (planted)" '^dc1 AD-DNS-001 fail \| lab.test \(DomainDnsZones\): nonsecure dynamic updates allowed \|' "$O"
check_grep "DNS: the other zones (RootDNSServers, _msdcs) are secure" '^dc1 AD-DNS-002 pass \| [0-9]+ zone\(s\) examined' "$O"

check_grep "RODC: admin2's password cached on RODC1\$ (a Domain Admin)" '^dc1 AD-RODC-001 fail \| RODC1\$: the password of admin2 is cached \|' "$O"
check_grep "RODC: Domain Admins allowed to be cached on RODC1\$" '^dc1 AD-RODC-002 fail \| RODC1\$: may cache the passwords of Domain Admins, a tier-0 group \|' "$O"

check_grep "server SRV-FILE\$ in use with a password of 2024" '^dc1 AD-MACH-001 fail \| SRV-FILE\$: password set 2024-01-15, last logon 20[0-9-]+ \([0-9]+ days later\) \|' "$O"
check_grep "cluster CLUSTER1\$ in use with a password of 2022" '^dc1 AD-MACH-003 fail \| CLUSTER1\$: password set 2022-06-01, last logon' "$O"
if grep -E '^dc1 AD-MACH-00[123] .*(WEB-NEW|OLD-PC|DC1)' "$O" > /dev/null; then not_ok "machine passwords: a recent server, an inactive computer and the DC are not findings"; else ok "machine passwords: a recent server, an inactive computer and the DC are not findings"; fi

check_grep "owner: Administrator owned by dmsa_delegates (read with SD_FLAGS 1 by the auditor)" '^dc1 AD-OWN-001 fail \| Administrator: owned by S-1-5-21-[0-9-]+ \|' "$O"
if grep -E '^dc1 AD-OWN-001 .*(DC1\$|Domain Admins):' "$O" > /dev/null; then not_ok "owner: the DC and the groups keep their default owners"; else ok "owner: the DC and the groups keep their default owners"; fi

check_grep "backup: the planted dSASignature change dated by the domain head's metadata" '^dc1 AD-BKP-001 pass \| last backup 20[0-9-]+T[0-9:]+Z \([0-6] days ago\) \|' "$O"

check_grep "DC accounts: HALF-DC\$ has SERVER_TRUST_ACCOUNT alone" '^dc1 AD-DC-001 fail \| HALF-DC\$: userAccountControl 0x2000, no TRUSTED_FOR_DELEGATION \|' "$O"

check_grep "hidden Domain Admin through primaryGroupID 512 (level-1 subset)" '^dc1 AD-PGID-001 fail \| 1: hidden_admin \|' "$O"
check_grep "... and in every modified primary group (AD-STL-007)" '^dc1 AD-STL-007 fail \| 1: hidden_admin \|' "$O"
check_grep "... counted among the Domain Admins by its primary group" '^dc1 AD-PRV-001 pass \| .*hidden_admin' "$O"

check_grep "ADIDNS: the wildcard record asrep_user added over LDAP, with its address and owner" '^dc1 AD-DNS-003 fail \| \*\.lab\.test \(A [0-9.]+\.66, created 20[0-9-]+T[0-9:]+Z\): owned by S-1-5-21-[0-9-]+, not an administrator \|' "$O"

check_grep "display specifier: a console menu entry running a program from a foreign share" '^dc1 AD-DSP-001 fail \| CN=user-Display,CN=409,CN=DisplaySpecifiers,CN=Configuration,DC=lab,DC=test \(adminContextMenu\): runs \\\\files\.attacker\.test\\tools\\audit\.exe, outside SYSVOL' "$O"
check_grep "... the default program entries listed once each" '^dc1 AD-DSP-001 fail \| .*RsAdmin\.msc run by [0-9]+ specifier\(s\)' "$O"
check_grep "SYSVOL: the FRS replica set left behind is reported" '^dc1 AD-DOM-014 fail \| 1: Domain System Volume \(SYSVOL share\) \|' "$O"
check_grep "SYSVOL: Domain Users' write on the DFSR replication group is named" '^dc1 AD-ACL-015 fail \| CN=Domain System Volume,CN=DFSR-GlobalSettings,CN=System,DC=lab,DC=test: Domain Users \(S-1-5-21-[0-9-]+-513\) has WriteProperty\(all\) \|' "$O"
check_grep "no DPAPI backup key or KDS root key object on Samba: not assessed, never pass" '^dc1 AD-ACL-01[34] error \| +\| no object returned' "$O"
check_grep "default schema: no class derived from container under user or computer" '^dc1 AD-DOM-015 pass \| 0 \|' "$O"

# 3. Least privilege: unreadable data is an error that says so
check_grep "PSOs: error, the right to grant" '^dc1 AD-PWD-009 error \| +\| .*not read them; grant it Read on .CN=Password Settings Container' "$O"
check_grep "MicrosoftDNS descriptor: error, not readable" '^dc1 AD-ACL-009 error \| +\| .*not readable with this account' "$O"
check_grep "hardened userPassword hidden: error, not a pass" '^ldap-hardened OLDAP-PWD-001 error \| +\| no userPassword readable with this account but its own' "$O"
P=$T_TMP/audit/evidence/targets/dc1/probes
check "security descriptors readable with SD_FLAGS 4 (domain root)" grep -q '^nTSecurityDescriptor:: ' "$P/ad.domain-root-sd.ldif"
check "the auditor is in no privileged group" sh -c "! grep -qi '^member: CN=auditor,' '$P/ad.groups.ldif'"

# 4. The incident window on the same evidence
"$REMPART" evaluate -e "$T_TMP/audit/evidence" -b ad-anssi-level-5 --incident "$T_TMP/incident.xml" \
	-o "$T_TMP/inc.json" > /dev/null 2> "$T_TMP/inc.err"
rc=$?
if [ $rc = 0 ]; then ok "evaluate with the incident context: exit 0"
else not_ok "evaluate with the incident context" "exit $rc: $(tail -3 "$T_TMP/inc.err")"; fi
results_lines "$T_TMP/inc.json" | grep -E '^dc1 (AD-ACL-012|AD-KRB-014|AD-PRV-019|AD-PRV-020|AD-PRV-021|AD-PRV-022|AD-PRV-023|AD-SHDW-003|AD-STL-010|AD-TRU-006) ' > "$T_TMP/inc.txt"
check_same "post-incident verdicts" "$FX/expected-dc1-incident.txt" "$T_TMP/inc.txt"
python3 - "$T_TMP/inc.json" > "$T_TMP/inc-obs.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    if r["target"] == "dc1" and r["check"] in ("AD-PRV-019", "AD-STL-010", "AD-PRV-020"):
        print(r["check"], r.get("observed") or "")
PY
# The directory returns entries in no fixed order: one assertion per name.
check_grep "admins created in the window: svc_sql" '^AD-PRV-019 .*svc_sql: created' "$T_TMP/inc-obs.txt"
check_grep "admins created in the window: admin2" '^AD-PRV-019 .*admin2: created' "$T_TMP/inc-obs.txt"
check_nogrep "Administrator predates the compromise" '^AD-PRV-019 .*Administrator' "$T_TMP/inc-obs.txt"
check_grep "computers created in the window: SRV-DELEG" '^AD-STL-010 .*SRV-DELEG\$: created' "$T_TMP/inc-obs.txt"
check_grep "computers created in the window: OLD-PC" '^AD-STL-010 .*OLD-PC\$: created' "$T_TMP/inc-obs.txt"
check_grep "no admin password renewed since containment" '^AD-PRV-020 .*Administrator: password set .*before the containment' "$T_TMP/inc-obs.txt"
# Samba 4.17 does not construct msDS-ReplValueMetaData: the member
# additions cannot be dated there, and the check says so (na, not pass)
python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if (r["target"], r["check"]) == ("dc1", "AD-PRV-021"): print(r["status"], "|", r.get("reason"))' \
	"$T_TMP/inc.json" > "$T_TMP/prv021.txt"
check_grep "members added in the window: na on Samba, which returns no value metadata" \
	'^na \| this DC \(Samba\) does not return msDS-ReplValueMetaData' "$T_TMP/prv021.txt"
check_grep "the privileged groups were read with their members" '^member: CN=admin2,CN=Users,' \
	"$T_TMP/audit/evidence/targets/dc1/probes/ad.privileged-groups-meta.ldif"
check_nogrep "and no value metadata came back" '^msDS-ReplValueMetaData' \
	"$T_TMP/audit/evidence/targets/dc1/probes/ad.privileged-groups-meta.ldif"

# Changes in the window on objects older than it, dated by their
# replication metadata (samba-misconfig.sh planted both), then a window
# that starts after the planting: nothing
python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["target"] == "dc1" and r["check"] in ("AD-ACL-012", "AD-PRV-022"):
        print(r["check"], r["status"], "|", r.get("observed") or "", "|", r.get("reason") or "")' \
	"$T_TMP/inc.json" > "$T_TMP/meta.txt"
check_grep "AdminSDHolder ACL changed in the window, with the time" \
	'^AD-ACL-012 fail \| .*CN=AdminSDHolder,CN=System,[^:]*: nTSecurityDescriptor changed 20[0-9-]+T[0-9:]+Z \(version [2-9]' "$T_TMP/meta.txt"
check_grep "GPO created in the window: Lab Weak Policy" '^AD-ACL-012 fail \| .*Lab Weak Policy: created' "$T_TMP/meta.txt"
check_nogrep "the domain root's ACL predates the window" '^AD-ACL-012 .*(\| |, )DC=lab,DC=test: nTSecurityDescriptor' "$T_TMP/meta.txt"
check_grep "SPN added to DC1\$ in the window, with the time" \
	'^AD-PRV-022 fail \| .*DC1\$: servicePrincipalName changed 20[0-9-]+T[0-9:]+Z' "$T_TMP/meta.txt"
check_grep "accounts with an SPN or a delegation created in the window: svc_sql, deleg_user" \
	'^AD-PRV-022 fail \| .*svc_sql: created.*|^AD-PRV-022 fail \| .*deleg_user: created' "$T_TMP/meta.txt"
sed "s|<compromise-start>$START</compromise-start>|<compromise-start>$NOW</compromise-start>|" \
	"$T_TMP/incident.xml" > "$T_TMP/incident-late.xml"
"$REMPART" evaluate -e "$T_TMP/audit/evidence" -b ad-anssi-level-5 --incident "$T_TMP/incident-late.xml" \
	-o "$T_TMP/late.json" > /dev/null 2>&1
# The DC keeps working after the planting (a fresh domain controller updates
# its own SPNs and descriptors, AdminSDHolder's and the GPOs' included, for a
# while): what it changes after NOW may be reported, but nothing dated before
# NOW, which is when everything was planted.
python3 -c 'import json,re,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["target"] == "dc1" and r["check"] in ("AD-ACL-012", "AD-PRV-022"):
        print(r["check"], r["status"], "|", r.get("observed") or "")' \
	"$T_TMP/late.json" > "$T_TMP/late.txt"
check_grep "a window after the planting: both checks judged" '^AD-ACL-012 (pass|fail) ' "$T_TMP/late.txt"
check_grep "a window after the planting: both checks judged (SPN)" '^AD-PRV-022 (pass|fail) ' "$T_TMP/late.txt"
check "a window after the planting: nothing dated before it" python3 -c 'import re,sys
start = sys.argv[2]
bad = [t for t in re.findall(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z", open(sys.argv[1]).read()) if t < start]
sys.exit(1 if bad else 0)' "$T_TMP/late.txt" "$NOW"

# The window ends at the remediation: one dated a second before the
# planting makes every planted object a change after it, listed for review
# (not a finding of the in-window checks) and a finding of AD-PRV-023; a
# remediation given as the planting's day keeps the whole day in the window.
REM=$(date -u -d "@$(( $(date -u -d "$START" +%s) - 1 ))" +%Y-%m-%dT%H:%M:%SZ)
post_incident() {	# $1 remediation, $2 output
	sed -e "s|<compromise-start>$START</compromise-start>|<compromise-start>2000-01-01T00:00:00Z</compromise-start>|" \
		-e "s|<containment>$NOW</containment>|<containment>$1</containment><remediation>$1</remediation>|" \
		"$T_TMP/incident.xml" > "$2.xml"
	"$REMPART" evaluate -e "$T_TMP/audit/evidence" -b ad-anssi-level-5 --incident "$2.xml" \
		-o "$2.json" > /dev/null 2>&1
	python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["target"] == "dc1" and r["check"] in ("AD-ACL-012", "AD-PRV-019", "AD-PRV-023", "AD-STL-010"):
        print(r["check"], r["status"], "|", r.get("observed") or "", "|", r.get("reason") or "", "|", (r.get("evidence") or "").replace("\n", " / "))' \
		"$2.json" > "$2.txt"
}
post_incident "$REM" "$T_TMP/post"
check_grep "remediation before the planting: svc_sql created after it, for review" \
	'^AD-PRV-019 [a-z]+ \| .*svc_sql: created after the remediation \(20[0-9-]+T[0-9:]+Z\): review' "$T_TMP/post.txt"
check_nogrep "and not as created in the window" '^AD-PRV-019 .*svc_sql: created 20' "$T_TMP/post.txt"
check_grep "remediation before the planting: the GPO created after it, for review" \
	'^AD-ACL-012 [a-z]+ \| .*Lab Weak Policy: created after the remediation' "$T_TMP/post.txt"
check_grep "remediation before the planting: computers created after it, for review" \
	'^AD-STL-010 [a-z]+ \| .*SRV-DELEG\$: created after the remediation' "$T_TMP/post.txt"
check_grep "AD-PRV-023 fails on the tier-0 changes after the remediation: admin2 created" \
	'^AD-PRV-023 fail \| .*admin2: created after the remediation \(20[0-9-]+T[0-9:]+Z\): review' "$T_TMP/post.txt"
check_grep "AD-PRV-023: AdminSDHolder's ACL changed after the remediation" \
	'^AD-PRV-023 fail \| .*CN=AdminSDHolder,CN=System,[^:]*: nTSecurityDescriptor changed after the remediation' "$T_TMP/post.txt"
check_grep "AD-PRV-023: the planted GPO" '^AD-PRV-023 fail \| .*Lab Weak Policy: created after the remediation' "$T_TMP/post.txt"
check_grep "AD-PRV-023 says member changes are not dated on Samba" '^AD-PRV-023 .*member changes not dated' "$T_TMP/post.txt"
post_incident "${START%%T*}" "$T_TMP/day"
check_grep "remediation given as the planting's day: svc_sql created in the window" \
	'^AD-PRV-019 fail \| .*svc_sql: created 20[0-9-]+T[0-9:]+Z \(whenCreated\), in the incident window' "$T_TMP/day.txt"
check_nogrep "and not listed after it" '^AD-PRV-0(19|23) .*svc_sql: created after' "$T_TMP/day.txt"
check_grep "AD-PRV-023 judged with a day-only remediation date" '^AD-PRV-023 (pass|fail|error) ' "$T_TMP/day.txt"

# 5. Probes an evaluator reads besides its own are collected with it
cat > "$T_TMP/one.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<baseline xmlns="urn:rempart:baseline:1" id="lab-ad-one" kind="ad">
  <title lang="en">one check</title><title lang="fr">un contrôle</title>
  <select check="AD-PRV-002"/>
</baseline>
EOF
printf '[ad]\n%s\n' "$(sed -n 's/^dc1 /dc1 /p' "$T_TMP/dir.ini")" > "$T_TMP/dc1.ini"
"$REMPART" collect -i "$T_TMP/dc1.ini" -b "$T_TMP/one.xml" -o "$T_TMP/one" > /dev/null 2>&1
check "also= probes collected (ad.groups for AD-PRV-002)" test -s "$T_TMP/one/targets/dc1/probes/ad.groups.ldif"
check "and the check's own probe" test -s "$T_TMP/one/targets/dc1/probes/ad.users-dont-expire.ldif"

# 6. krbtgt reset twice since an earlier audit (AD-KRB-014 with
# --previous DIR): the audit above is the earlier evidence; krbtgt is then
# reset on the DC (samba-tool, random passwords) and dc1 collected again
# after each reset. The last reset is stamped 11 h ahead (libfaketime) to
# stand for a second reset made the next day. krbtgt gets its 2016
# password date back at the end, as the lab planted it.
cat > "$T_TMP/krb.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<baseline xmlns="urn:rempart:baseline:1" id="lab-ad-krbtgt" kind="ad">
  <title lang="en">krbtgt</title><title lang="fr">krbtgt</title>
  <select check="AD-KRB-014"/>
</baseline>
EOF
CONF=$(envval "$ADENV" AD_SMB_CONF)
kvno_of() { sed -n 's/^msDS-KeyVersionNumber: //p' "$1/targets/dc1/probes/ad.krbtgt.ldif"; }
krb_reset() { # [faketime spec]
	if [ -n "${1:-}" ]; then faketime -f "$1" samba-tool user setpassword krbtgt --random-password -s "$CONF"
	else samba-tool user setpassword krbtgt --random-password -s "$CONF"; fi > /dev/null 2>&1
}
krb_audit() { # N [evaluate options...]: collect dc1 into kvN once, evaluate it
	local n=$1; shift
	[ -d "$T_TMP/kv$n" ] || "$REMPART" collect -i "$T_TMP/dc1.ini" -b "$T_TMP/krb.xml" -o "$T_TMP/kv$n" > /dev/null 2>&1
	rm -f "$T_TMP/kv$n.json"	# a refused run must not leave the last verdict behind
	"$REMPART" evaluate -e "$T_TMP/kv$n" -b "$T_TMP/krb.xml" --incident "$T_TMP/incident.xml" "$@" \
		-o "$T_TMP/kv$n.json" > /dev/null 2>> "$T_TMP/kv.err"
	[ -f "$T_TMP/kv$n.json" ] || { echo "no results: $(tail -1 "$T_TMP/kv.err")"; return; }
	python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    if (r["target"], r["check"]) == ("dc1", "AD-KRB-014"):
        print(r["status"], "|", r.get("observed") or r.get("reason") or "")' "$T_TMP/kv$n.json"
}
E0=$T_TMP/audit/evidence
K0=$(kvno_of "$E0")
if command -v samba-tool > /dev/null && command -v faketime > /dev/null && [ -n "$K0" ]; then
	ok "the auditor reads krbtgt's msDS-KeyVersionNumber ($K0)"
	krb_reset
	krb_audit 1 > "$T_TMP/kv1.txt"
	check_grep "one reset since the containment, no earlier bundle: pass, two resets unproven" \
		'^pass \| krbtgt: password set .*after the containment .*cannot be proven' "$T_TMP/kv1.txt"
	check "samba-tool setpassword raised the key version by 1" test "$(kvno_of "$T_TMP/kv1")" = $((K0 + 1))
	krb_audit 1 --previous "$E0" > "$T_TMP/kv1.txt"
	check_grep "one reset since the earlier audit: fail" \
		"^fail \| krbtgt: reset only once since the earlier audit of .*\(msDS-KeyVersionNumber $K0, now $((K0 + 1))\)" "$T_TMP/kv1.txt"
	krb_reset
	krb_audit 2 --previous "$E0" > "$T_TMP/kv2.txt"
	check_grep "two resets minutes apart: fail, within 10 h" \
		"^fail \| krbtgt: reset 2 times since the earlier audit .*\(msDS-KeyVersionNumber $K0, now $((K0 + 2))\) but all within 10 h" "$T_TMP/kv2.txt"
	krb_reset +11h
	krb_audit 3 --previous "$E0" > "$T_TMP/kv3.txt"
	check_grep "a third reset 11 h later: pass with both key versions" \
		"^pass \| krbtgt: reset 3 times since the earlier audit .*\(msDS-KeyVersionNumber $K0, now $((K0 + 3))\), the last on" "$T_TMP/kv3.txt"
	krb_audit 3 --previous "$T_TMP/kv2" > "$T_TMP/kv3b.txt"
	check_grep "against the audit before it: reset only once" '^fail \| krbtgt: reset only once' "$T_TMP/kv3b.txt"
	krb_audit 1 --previous "$T_TMP/kv3" > /dev/null 2>&1
	check_grep "an earlier bundle collected after the evaluated one is refused" 'not before the one evaluated' "$T_TMP/kv.err"
	krb_reset "@2016-03-01 12:00:00"
else
	not_ok "krbtgt reset twice" "needs samba-tool, faketime and msDS-KeyVersionNumber in $E0"
fi

# 7. No secret in anything rempart wrote: the evidence, the verdicts'
# observed values and reasons, the log (the reports only add check texts)
W=$T_TMP/audit/evidence/targets/ldap-weak/probes
check_grep "weak olcRootPW kept as its scheme" '^olcRootPW: \{CLEARTEXT\}$' "$W/openldap.config-dbs.ldif"
leak=0
for f in "$(envval "$ADENV" AD_BIND_PW_FILE)" "$(envval "$ADENV" AD_ADMIN_PW_FILE)" \
	"$(envval "$WEAK" LDAP_BIND_PW_FILE)" \
	"$(envval "$HARD" LDAP_BIND_PW_FILE)" "$(envval "$WEAK" LDAP_ROOT_PW_FILE)" \
	"$(envval "$HARD" LDAP_ROOT_PW_FILE)"; do
	s=$(cat "$f")
	if grep -rqawF -- "$s" "$T_TMP/audit/evidence" "$O" "$T_TMP/inc-obs.txt" \
	    "$T_TMP/audit.err"; then
		leak=1; echo "     secret of $f found"
	fi
done
for s in alice123 backup2019 Welcome1 'Passw0rd!123' 'Stale!Passw0rd1'; do
	if grep -rqaF -- "$s" "$T_TMP/audit"; then leak=1; echo "     '$s' found"; fi
done
if [ $leak = 0 ]; then ok "no password, hash or bind secret in the outputs"; else not_ok "no secret in the outputs"; fi

t_done
