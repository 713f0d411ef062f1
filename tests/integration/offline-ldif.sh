#!/bin/bash
# offline-ldif.sh -- "rempart evaluate --ldif TARGET=FILE": a directory
# exported elsewhere (tests/fixtures/ldif-export: a real ldapsearch export of
# the benchmark's AD-shaped slapd) evaluated without credentials, the same
# as "evidence import-ldif" then "evaluate -e"; bad exports and bad options
# fail with the file and line. Needs only the built binary.
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures/ldif-export/bench-ad.ldif
R() { "$REMPART" "$@"; }

# results.json without the dates (an import is stamped with its own time)
strip_dates() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
d.pop("generated_at",None)
for k in ("started_at","finished_at"): d["evidence"].pop(k,None)
print(json.dumps(d,indent=1,sort_keys=True))' "$1"
}

R evaluate --help > "$T_TMP/help.txt" 2>&1
check_grep "--help teaches --ldif TARGET=FILE" '--ldif TARGET=FILE' "$T_TMP/help.txt"
check_grep "--help points to the export recipe" 'rempart evidence ldif-recipe' "$T_TMP/help.txt"

# 1. the export alone: no rootDSE, no configuration partition -> partial
R evaluate --ldif dc1="$FX" --kind ad -b ad-anssi-level-2 -e "$T_TMP/ev" \
	-o "$T_TMP/r1.json" > /dev/null 2> "$T_TMP/e1.txt"
rc=$?
if [ $rc = 3 ]; then ok "evaluate --ldif of a partial export: exit 3"; else not_ok "evaluate --ldif: exit 3" "exit $rc: $(head -c 300 "$T_TMP/e1.txt")"; fi
check_grep "says where the evidence is" "evidence of 'dc1' from the LDIF export: $T_TMP/ev \(partial" "$T_TMP/e1.txt"
check "the evidence it wrote verifies" R evidence verify "$T_TMP/ev"
results_lines "$T_TMP/r1.json" > "$T_TMP/l1.txt"
check_grep "a search outside the export is an error saying so" \
	'"reason": "probe .ad.rootdse. error: not in the LDIF export' "$T_TMP/r1.json"
check_grep "the privileged groups are read from the export" '^dc1 AD-PRV-001 pass$' "$T_TMP/l1.txt"
# the enabled users of the export, counted here without rempart
n_users=$(python3 -c 'import sys
n = 0
for e in open(sys.argv[1]).read().split("\n\n"):
    a = [l.split(": ", 1) for l in e.splitlines() if ": " in l]
    oc = [v.lower() for k, v in a if k == "objectClass"]
    cat = [v for k, v in a if k == "objectCategory"]
    uac = [int(v) for k, v in a if k == "userAccountControl"]
    if "user" in oc and cat == ["person"] and not (uac and uac[0] & 2):
        n += 1
print(n)' "$FX")
n_probe=$(grep -c '^dn: ' "$T_TMP/ev/targets/dc1/probes/ad.users.ldif")
if [ "$n_users" -gt 0 ] && [ "$n_users" = "$n_probe" ]; then ok "ad.users holds every enabled user of the export ($n_users)"; else not_ok "ad.users holds the enabled users" "$n_probe, expected $n_users"; fi

# 2. the same as import-ldif + evaluate -e, result for result
R evidence import-ldif --id dc1 --kind ad -b ad-anssi-level-2 -o "$T_TMP/imp" "$FX" > /dev/null 2>&1
R evaluate -e "$T_TMP/imp" -b ad-anssi-level-2 -o "$T_TMP/r2.json" 2> /dev/null
strip_dates "$T_TMP/r1.json" > "$T_TMP/s1.json"
strip_dates "$T_TMP/r2.json" > "$T_TMP/s2.json"
check_same "--ldif = import-ldif + evaluate -e (results.json but its dates)" "$T_TMP/s2.json" "$T_TMP/s1.json"
same=1
for f in "$T_TMP"/imp/targets/dc1/probes/*; do
	cmp -s "$f" "$T_TMP/ev/targets/dc1/probes/$(basename "$f")" || same=0
done
if [ $same = 1 ]; then ok "the probes are byte-identical to import-ldif's"; else not_ok "probes identical to import-ldif's"; fi

# 2b. the probes an evaluator reads besides its own (<evaluator also=...>)
# are answered too: level 3 reads ad.primary-groups (content/probes.h)
R evidence import-ldif --id dc1 --kind ad -b ad-anssi-level-3 -o "$T_TMP/imp3" "$FX" > /dev/null 2>&1
check "level 3: the also= probe ad.primary-groups is answered" \
	test -f "$T_TMP/imp3/targets/dc1/probes/ad.primary-groups.ldif"

# 2c. the export recipe, offline: one POSIX sh script per target, every
# partition the baseline searches, the password only as a file name
printf '[ad]\ndc1 ldap_url=ldaps://dc1.example.test bind_dn=auditor@example.test bind_password_file=/etc/rempart/dc1.pw ca_file=/etc/rempart/ca.pem\n[openldap]\nol1 ldap_url=ldap://ol1 starttls=yes bind_dn=cn=a,dc=x bind_password_file=/etc/rempart/o.pw\n' > "$T_TMP/dirs.ini"
R evidence ldif-recipe -i "$T_TMP/dirs.ini" --target dc1 -b ad-anssi-level-5 > "$T_TMP/dc1.sh" 2> "$T_TMP/rec.err"
check "ldif-recipe for an AD target: sh -n" sh -n "$T_TMP/dc1.sh"
if command -v shellcheck > /dev/null 2>&1; then check "ldif-recipe: shellcheck -s sh" shellcheck -s sh "$T_TMP/dc1.sh"; fi
for b in '"\$NC"' '"\$CONFIG"' '"\$SCHEMA"' "'CN=MicrosoftDNS,DC=DomainDnsZones,'\"\\\$NC\"" "'CN=MicrosoftDNS,DC=ForestDnsZones,'\"\\\$NC\""; do
	check_grep "ldif-recipe searches ${b//\\/}" "^lds -b $b -s sub" "$T_TMP/dc1.sh"
done
check_grep "ldif-recipe: the password file, -y" "^PW_FILE='/etc/rempart/dc1.pw'$" "$T_TMP/dc1.sh"
check_grep "ldif-recipe: the import command with --bind-dn" "--bind-dn 'auditor@example.test'" "$T_TMP/dc1.sh"
R evidence ldif-recipe -i "$T_TMP/dirs.ini" --target ol1 -b openldap-hardened > "$T_TMP/ol1.sh" 2> "$T_TMP/rec.err"
# only the attributes the probes read or filter on: never '*' below the
# rootDSE, so no olcSyncrepl / olcDbIDAssertBind credentials=, no LAPS
# password (ms-Mcs-AdmPwd, msLAPS-Password); said in the header
for f in dc1 ol1; do
	check_nogrep "ldif-recipe $f: no search below the rootDSE asks '*'" "^ +'\(objectClass=\*\)'.* '\*'" "$T_TMP/$f.sh"
	check_nogrep "ldif-recipe $f: the NC entry without '*'" "^lds -b \"\\\$NC\" -s base .*'\*'" "$T_TMP/$f.sh"
	check_nogrep "ldif-recipe $f: no secret attribute asked" "'(olcSyncrepl|olcDbIDAssertBind|ms-Mcs-AdmPwd|msLAPS-Password|msLAPS-EncryptedPassword)'" "$T_TMP/$f.sh"
	check_grep "ldif-recipe $f: the header says what is exported" '^# and, of the entries below, only the attributes the probes read' "$T_TMP/$f.sh"
done
check_grep "ldif-recipe: the filter's attributes exported (objectCategory)" "'objectCategory'" "$T_TMP/dc1.sh"
check_grep "ldif-recipe: what a probe reads exported (olcAccess)" "'olcAccess'" "$T_TMP/ol1.sh"
check_grep "ldif-recipe: StartTLS (-ZZ) for ldap:// with starttls=yes" 'ldapsearch .* -ZZ ' "$T_TMP/ol1.sh"
# the certificate is checked whatever ldap.conf or ~/.ldaprc say (TLS_REQCERT
# never there would send the password to whoever answers)
check_grep "ldif-recipe: the certificate is demanded (StartTLS)" '^LDAPTLS_REQCERT=demand$' "$T_TMP/ol1.sh"
check_grep "ldif-recipe: the certificate is demanded (ldaps://)" '^LDAPTLS_REQCERT=demand$' "$T_TMP/dc1.sh"
check_grep "ldif-recipe: ... and exported" '^export LDAPTLS_REQCERT$' "$T_TMP/dc1.sh"
printf '[openldap]\nol2 ldap_url=ldap://ol2 bind_dn=cn=a,dc=x bind_password_file=/etc/rempart/o.pw\n' > "$T_TMP/plain.ini"
check_rc "ldif-recipe refuses a password over plain ldap://" 2 R evidence ldif-recipe -i "$T_TMP/plain.ini" --target ol2 -b openldap-hardened

# 2d. evaluators are bound by the engine after loading (engine/bind.c): an
# unknown evaluator name is still refused at load, naming file and line,
# by every command that loads the catalogue, before anything is written
cp -r "$SRCDIR/checks" "$T_TMP/badchecks"
sed -i '0,/evaluator name="ad-privileged"/s//evaluator name="ad-privileged-typo"/' "$T_TMP/badchecks/ad/privileged.xml"
for c in "checks list" "baseline list" "evidence ldif-recipe -i $T_TMP/dirs.ini --target dc1 -b ad-anssi-level-2" \
	"evidence import-ldif --id dc1 --kind ad -b ad-anssi-level-2 -o $T_TMP/never $FX" \
	"evaluate --ldif dc1=$FX --kind ad -b ad-anssi-level-2 -e $T_TMP/never"; do
	# shellcheck disable=SC2086
	REMPART_DATADIR=$T_TMP/badchecks "$REMPART" $c > /dev/null 2> "$T_TMP/bad.err"; rc=$?
	if [ $rc = 2 ] && grep -qE "privileged.xml:[0-9]+: check 'AD-[A-Z0-9-]+': unknown evaluator 'ad-privileged-typo'" "$T_TMP/bad.err"; then
		ok "unknown evaluator refused by '${c%% -*}' (file:line)"
	else not_ok "unknown evaluator refused by '${c%% -*}'" "exit $rc: $(head -c 300 "$T_TMP/bad.err")"; fi
done
if [ -e "$T_TMP/never" ]; then not_ok "nothing written with a bad catalogue"; else ok "nothing written with a bad catalogue"; fi
# the DNS partitions are naming contexts of their own: an export of the
# domain alone does not cover them, and that is said, not read as "no zone"
check_grep "a DNS partition absent from the export is an error, not an empty search" \
	'not in the LDIF export: nothing at or under .CN=MicrosoftDNS,DC=DomainDnsZones' \
	"$T_TMP/imp/targets/dc1/target.json"

# 3. an export in two files (the rootDSE apart), no -e: a new directory
printf 'dn:\nobjectClass: top\ndefaultNamingContext: dc=bench,dc=test\n' > "$T_TMP/rootdse.ldif"
mkdir "$T_TMP/tmp"
TMPDIR=$T_TMP/tmp R evaluate --ldif dc1="$T_TMP/rootdse.ldif" --ldif dc1="$FX" --kind ad \
	-b ad-anssi-level-2 -o "$T_TMP/r3.json" > /dev/null 2> "$T_TMP/e3.txt"
made=$(sed -n "s/.*from the LDIF export: \([^ ]*\).*/\1/p" "$T_TMP/e3.txt")
case $made in
"$T_TMP"/tmp/rempart-ldif-*/evidence) ok "without -e: a new directory under \$TMPDIR, printed" ;;
*) not_ok "without -e: a new directory under \$TMPDIR" "got '$made': $(head -c 300 "$T_TMP/e3.txt")" ;;
esac
check "that directory verifies" R evidence verify "$made"
check_nogrep "the rootDSE, in its own file, is no longer missing" 'probe .ad.rootdse. error' "$T_TMP/r3.json"

# 4. bad input: named file and line, exit 2, nothing evaluated
sed '100s/.*/this line has no colon/' "$FX" > "$T_TMP/bad.ldif"
check_rc "an export with a malformed line: exit 2" 2 R evaluate --ldif dc1="$T_TMP/bad.ldif" \
	--kind ad -b ad-anssi-level-2 -e "$T_TMP/ev-bad" -o "$T_TMP/rb.json"
check_grep "the error names the file and the line" "'$T_TMP/bad.ldif': LDIF line 100" "$T_TMP/stderr"
if [ ! -e "$T_TMP/rb.json" ]; then ok "no results from a malformed export"; else not_ok "no results from a malformed export"; fi
check_rc "a missing export: exit 4" 4 R evaluate --ldif dc1="$T_TMP/nope.ldif" --kind ad \
	-b ad-anssi-level-2 -e "$T_TMP/ev-nope" -o "$T_TMP/rn.json"
check_grep "the error names the missing file" "nope.ldif" "$T_TMP/stderr"
check_rc "-e naming an existing directory: exit 2" 2 R evaluate --ldif dc1="$FX" --kind ad \
	-b ad-anssi-level-2 -e "$T_TMP/ev" -o "$T_TMP/rx.json"
check_grep "... saying it exists" "exists" "$T_TMP/stderr"
check_rc "--ldif without --kind: usage, exit 2" 2 R evaluate --ldif dc1="$FX" -b ad-anssi-level-2
check_rc "--ldif without -b: usage, exit 2" 2 R evaluate --ldif dc1="$FX" --kind ad
check_rc "--ldif without TARGET=: exit 2" 2 R evaluate --ldif "$FX" --kind ad -b ad-anssi-level-2
check_grep "... saying TARGET=FILE" 'TARGET=FILE' "$T_TMP/stderr"
check_rc "two targets in one evaluation: exit 2" 2 R evaluate --ldif dc1="$FX" --ldif dc2="$FX" \
	--kind ad -b ad-anssi-level-2
check_rc "--kind linux: exit 2" 2 R evaluate --ldif dc1="$FX" --kind linux -b ad-anssi-level-2
check_rc "--kind without --ldif: exit 2" 2 R evaluate -e "$T_TMP/ev" --kind ad

# the probes an evaluator reads besides its own (<evaluator also=...>) are
# imported too: none of the checks is left with "probe ... was not collected"
R evaluate --ldif dc1="$FX" --kind ad -b ad-anssi-level-5 -e "$T_TMP/ev5" \
	-o "$T_TMP/r5.json" > /dev/null 2>&1
if grep -q 'was not collected' "$T_TMP/r5.json"; then not_ok "also= probes imported" "$(grep -o '"reason": "probe [^"]*was not collected' "$T_TMP/r5.json" | head -3)"; else ok "also= probes imported (no 'was not collected' at level 5)"; fi
check_grep "AD-PRV-012 (also: ad.users) judged from the export" '^dc1 AD-PRV-012 (pass|fail|na)$' <(results_lines "$T_TMP/r5.json")

# AD CS from an export of the configuration partition: the planted ESC1-3
# templates, weak CA certificates and foreign NTAuth certificate are found
{ printf 'dn: DC=lab,DC=test\nobjectClass: domainDNS\n\ndn: CN=Configuration,DC=lab,DC=test\nobjectClass: configuration\n\n'
  cat "$SRCDIR/tests/fixtures/ad/pki-vuln.ldif"; } > "$T_TMP/pki.ldif"
R evaluate --ldif dc1="$T_TMP/pki.ldif" --kind ad -b ad-anssi-level-3 -e "$T_TMP/evp" \
	-o "$T_TMP/rp.json" > /dev/null 2>&1
results_lines "$T_TMP/rp.json" > "$T_TMP/lp.txt"
for c in 001 002 003 004 005 006; do
	check_grep "AD-PKI-$c fails on the planted PKI export" "^dc1 AD-PKI-$c fail$" "$T_TMP/lp.txt"
done
check_grep "... naming the published ESC1 template" 'ESC1 \(published by lab-DC1-CA\): the enrollee supplies the subject' "$T_TMP/rp.json"

t_done
