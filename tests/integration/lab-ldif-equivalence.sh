#!/bin/bash
# lab-ldif-equivalence.sh -- the LDIF path against live collection on the
# real lab (tests/lab): for every AD baseline (the Samba DC) and every
# OpenLDAP baseline (both slapd instances), the export that 'rempart
# evidence ldif-recipe' writes, run against the lab server and evaluated
# through --ldif, gives the status of a live collection for every check.
# Both paths ask content/probes.h for the probes (<evaluator also=...>
# included); a check an export cannot answer would show here as an error
# or a different verdict. Also: the script is POSIX sh (shellcheck when
# installed), holds no secret, and fails without writing any LDIF when a
# search fails. Needs LAB (a running "lab.sh up DIR ldap ad", or "all").
. "$(dirname "$0")/lib.sh"
t_setup
# Under the sanitizers build: the known leaks of libldap, not of rempart
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR all)}"
export REMPART_DATADIR=$SRCDIR/checks LDAPCONF=/dev/null LDAPRC=/dev/null
ADENV=$LAB/ad/env
WEAK=$LAB/ldap/weak/env
HARD=$LAB/ldap/hardened/env
for f in "$ADENV" "$WEAK" "$HARD"; do
	[ -f "$f" ] || { not_ok "lab part present" "no $f (lab.sh up DIR ldap ad)"; t_done; exit 1; }
done
envval() { sed -n "s/^$2=//p" "$1"; }
R() { "$REMPART" "$@"; }

INV=$T_TMP/dir.ini
cat > "$INV" <<EOF
[ad]
dc1 ldap_url=$(envval "$ADENV" AD_LDAPS_URI) ca_file=$(envval "$ADENV" AD_CACERT) bind_dn=$(envval "$ADENV" AD_BIND_UPN) bind_password_file=$(envval "$ADENV" AD_BIND_PW_FILE) role=dc

[openldap]
ldap-weak ldap_url=$(envval "$WEAK" LDAP_URI) starttls=yes ca_file=$(envval "$WEAK" LDAP_CACERT) bind_dn=$(envval "$WEAK" LDAP_BIND_DN) bind_password_file=$(envval "$WEAK" LDAP_BIND_PW_FILE)
ldap-hardened ldap_url=$(envval "$HARD" LDAPS_URI) ca_file=$(envval "$HARD" LDAP_CACERT) bind_dn=$(envval "$HARD" LDAP_BIND_DN) bind_password_file=$(envval "$HARD" LDAP_BIND_PW_FILE) role=critical
EOF
# one inventory per target: a collection audits only it
for t in dc1 ldap-weak ldap-hardened; do
	g=openldap; [ $t = dc1 ] && g=ad
	{ echo "[$g]"; grep "^$t " "$INV"; } > "$T_TMP/$t.ini"
done
declare -A ROLE=([dc1]=dc [ldap-weak]= [ldap-hardened]=critical)
declare -A KIND=([dc1]=ad [ldap-weak]=openldap [ldap-hardened]=openldap)
declare -A BIND=([dc1]=$(envval "$ADENV" AD_BIND_UPN) [ldap-weak]=$(envval "$WEAK" LDAP_BIND_DN)
	[ldap-hardened]=$(envval "$HARD" LDAP_BIND_DN))

# Every shipped baseline of each directory kind (ad-anssi-level-2..5, the
# recommended one, openldap-hardened, any added later)
R baseline list > "$T_TMP/baselines.txt"
AD_BL=$(awk '$2 == "ad" { print $1 }' "$T_TMP/baselines.txt")
OL_BL=$(awk '$2 == "openldap" { print $1 }' "$T_TMP/baselines.txt")
n_ad=$(echo "$AD_BL" | grep -c .)
n_ol=$(echo "$OL_BL" | grep -c .)
if [ "$n_ad" -ge 5 ] && [ "$n_ol" -ge 1 ]; then ok "baselines: $n_ad ad, $n_ol openldap"
else not_ok "baselines: at least 5 ad and 1 openldap" "$n_ad ad, $n_ol openldap"; fi

# equivalence TARGET BASELINE: live collect + evaluate against recipe +
# ldapsearch + evaluate --ldif, check by check
equivalence() {
	local t=$1 b=$2 d=$T_TMP/$1-$2 role=() rc n
	mkdir -p "$d"
	[ -n "${ROLE[$t]}" ] && role=(--role "${ROLE[$t]}")
	R collect -i "$T_TMP/$t.ini" -b "$b" -o "$d/live" > /dev/null 2> "$d/live.err"
	R evaluate -e "$d/live" -b "$b" -o "$d/live.json" > /dev/null 2>> "$d/live.err"
	if ! R evidence ldif-recipe -i "$INV" --target "$t" -b "$b" > "$d/export.sh" 2> "$d/recipe.err"; then
		not_ok "$t $b: ldif-recipe" "$(head -3 "$d/recipe.err")"; return
	fi
	sh "$d/export.sh" > "$d/export.ldif" 2> "$d/export.err"; rc=$?
	if [ $rc != 0 ] || [ ! -s "$d/export.ldif" ]; then
		not_ok "$t $b: the export script runs" "exit $rc: $(head -3 "$d/export.err")"; return
	fi
	R evaluate --ldif "$t=$d/export.ldif" --kind "${KIND[$t]}" "${role[@]}" \
		--bind-dn "${BIND[$t]}" -b "$b" -e "$d/imp" -o "$d/ldif.json" \
		> /dev/null 2> "$d/ldif.err"; rc=$?
	# exit 0: every search of the baseline answered by the export (3:
	# partial), no finding threshold given
	if [ $rc = 0 ]; then ok "$t $b: the export answers every search"
	else not_ok "$t $b: the export answers every search" "exit $rc: $(grep -v warning "$d/ldif.err" | head -3)"; fi
	results_lines "$d/live.json" > "$d/live.txt"
	results_lines "$d/ldif.json" > "$d/ldif.txt"
	n=$(grep -c . "$d/live.txt")
	if [ "$n" -gt 0 ] && diff "$d/live.txt" "$d/ldif.txt" > "$d/diff"; then
		ok "$t $b: the same status for all $n checks, live and from the export"
	else
		not_ok "$t $b: the same status for all checks, live and from the export" \
			"$(grep -c '^<' "$d/diff") of $n differ:"
		head -20 "$d/diff"
	fi
}

for b in $AD_BL; do equivalence dc1 "$b"; done
for b in $OL_BL; do
	for t in ldap-weak ldap-hardened; do equivalence "$t" "$b"; done
done

# The probes an evaluator reads besides its own (<evaluator also=...>) are
# in the export: AD level 3 reads ad.primary-groups, openldap-hardened
# reads openldap.pwd-policies
P=$T_TMP/dc1-ad-anssi-level-3/imp/targets/dc1/probes
check "level 3 from the export: ad.primary-groups (also=) answered" test -s "$P/ad.primary-groups.ldif"
P=$T_TMP/ldap-hardened-openldap-hardened/imp/targets/ldap-hardened/probes
check "openldap-hardened from the export: openldap.pwd-policies (also=) answered" \
	test -s "$P/openldap.pwd-policies.ldif"

# The script: POSIX sh, every value quoted, no secret, the SD flags asked
S=$T_TMP/dc1-ad-anssi-level-5/export.sh
if command -v shellcheck > /dev/null 2>&1; then
	for f in "$T_TMP"/*/export.sh; do
		if shellcheck -s sh "$f" > "$T_TMP/sc.out" 2>&1; then ok "shellcheck -s sh: $(basename "$(dirname "$f")")"
		else not_ok "shellcheck -s sh: $(basename "$(dirname "$f")")" "$(head -10 "$T_TMP/sc.out")"; fi
	done
else
	echo "# shellcheck not installed: the scripts are checked with sh -n only"
	for f in "$T_TMP"/*/export.sh; do check "sh -n: $(basename "$(dirname "$f")")" sh -n "$f"; done
fi
leak=0
for f in "$(envval "$ADENV" AD_BIND_PW_FILE)" "$(envval "$WEAK" LDAP_BIND_PW_FILE)" \
	"$(envval "$HARD" LDAP_BIND_PW_FILE)"; do
	grep -qaF -- "$(cat "$f")" "$T_TMP"/*/export.sh && leak=1
done
if [ $leak = 0 ]; then ok "no password in any export script"; else not_ok "no password in any export script"; fi
check_grep "the script reads the password file with -y" "-y \"\\\$PW_FILE\"" "$S"
check_grep "the CA file through LDAPTLS_CACERT" "^LDAPTLS_CACERT='$(envval "$ADENV" AD_CACERT)'$" "$S"
# SD flags: owner (1) and DACL (4) read in the domain: 5, DACL only elsewhere
check_grep "the SD flags control, owner and DACL, on the domain" \
	"-b \"\\\$NC\" -s sub .* -E '!1.2.840.113556.1.4.801=::MAMCAQU='" "$S"
check_grep "constructed attributes asked for by name" "'msDS-KeyVersionNumber'" "$S"
check_grep "the StartTLS target gets -ZZ" ' -ZZ ' "$T_TMP/ldap-weak-openldap-hardened/export.sh"

# A failed search writes no LDIF: a wrong password (a copy of the file)
# and a password file ending with a new line
cp "$(envval "$ADENV" AD_BIND_PW_FILE)" "$T_TMP/pw"
printf 'not-the-password' > "$T_TMP/pw"; chmod 600 "$T_TMP/pw"
sed "s|^PW_FILE=.*|PW_FILE='$T_TMP/pw'|" "$S" > "$T_TMP/bad.sh"
sh "$T_TMP/bad.sh" > "$T_TMP/bad.ldif" 2> "$T_TMP/bad.err"; rc=$?
if [ $rc != 0 ] && [ ! -s "$T_TMP/bad.ldif" ]; then ok "wrong password: exit $rc, no LDIF"
else not_ok "wrong password: non-zero exit, no LDIF" "exit $rc, $(wc -c < "$T_TMP/bad.ldif") bytes"; fi
check_grep "... and says which search failed" 'ldif-recipe: cannot read the rootDSE' "$T_TMP/bad.err"
printf '%s\n' "$(cat "$(envval "$ADENV" AD_BIND_PW_FILE)")" > "$T_TMP/pw"
sh "$T_TMP/bad.sh" > "$T_TMP/bad.ldif" 2> "$T_TMP/bad.err"; rc=$?
if [ $rc = 1 ] && [ ! -s "$T_TMP/bad.ldif" ]; then ok "password file ending with a new line: exit 1, no LDIF"
else not_ok "password file ending with a new line: exit 1, no LDIF" "exit $rc"; fi
check_grep "... and says why" 'ends with a new line' "$T_TMP/bad.err"
# a search failing after the rootDSE: a base that does not exist
sed 's|^lds -b "\$CONFIG"|lds -b "CN=Nowhere,$NC"|' "$S" > "$T_TMP/bad2.sh"
sh "$T_TMP/bad2.sh" > "$T_TMP/bad2.ldif" 2> "$T_TMP/bad2.err"; rc=$?
if [ $rc = 1 ] && [ ! -s "$T_TMP/bad2.ldif" ]; then ok "a search failing midway: exit 1, no partial LDIF"
else not_ok "a search failing midway: exit 1, no partial LDIF" "exit $rc, $(wc -c < "$T_TMP/bad2.ldif") bytes"; fi

# Refusals: not a directory, unknown target, a baseline of another kind
printf '[web]\nweb1 ansible_host=127.0.0.1\n' > "$T_TMP/linux.ini"
check_rc "ldif-recipe of a Linux target: exit 2" 2 R evidence ldif-recipe -i "$T_TMP/linux.ini" --target web1 -b ad-anssi-level-2
check_rc "ldif-recipe of an unknown target: exit 2" 2 R evidence ldif-recipe -i "$INV" --target nope -b ad-anssi-level-2
check_rc "ldif-recipe with an OpenLDAP baseline for AD: exit 2" 2 R evidence ldif-recipe -i "$INV" --target dc1 -b openldap-hardened
R evidence ldif-recipe --help > "$T_TMP/help.txt"
check_grep "ldif-recipe --help teaches it" 'usage: rempart evidence ldif-recipe' "$T_TMP/help.txt"

t_done
