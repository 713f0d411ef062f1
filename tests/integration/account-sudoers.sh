#!/bin/bash
# account-sudoers.sh -- the sudoers drop-in 'rempart account-setup' prints,
# judged by the real sudo: installed as /etc/sudoers in a private mount
# namespace (unshare -m, the host's file untouched) for the user nobody,
# 'sudo -l -U nobody CMD' says whether CMD is granted. The probes' own
# commands are; find writing or deleting a file as root (-fprintf, -fprint,
# -fls, -delete: '*' in the probes' find rules lets them through) is not,
# nor is dpkg doing anything but --verify (--verify-format rpm --remove),
# with EXEC and with --no-exec. Needs root (unshare, mount). Before that,
# without root: --from patterns matching any address refused, and a
# baseline of manual checks only said to need no account.
. "$(dirname "$0")/lib.sh"
t_setup
B=anssi-bp028-enhanced

# options that would defeat the account's limits, refused before anything
for f in '*' '*.*.*.*' '?*' '0.0.0.0/0' '10.0.0.0/00' '::/0' '192.0.2.10,*' '192.0.2.10,,'; do
	check_rc "--from '$f' (any address) refused" 2 "$REMPART" account-setup -b "$B" --from "$f"
done
check "--from with an address, a CIDR and a host pattern taken" \
	"$REMPART" account-setup -b "$B" --from '192.0.2.10,198.51.100.0/24,10.0.0.0/10,*.audit.example'
# a baseline whose checks need no account (manual checks only) says so
"$REMPART" account-setup -b post-incident-manual > "$T_TMP/manual.out" 2> "$T_TMP/manual.err"; rc=$?
if [ $rc = 2 ] && grep -q 'no probe' "$T_TMP/manual.err"; then ok "manual checks only: said, exit 2"
else not_ok "manual checks only: said, exit 2" "exit $rc: $(head -c 200 "$T_TMP/manual.err")"; fi

# the directory kinds' DN and domain: in --help, and placeholders said
"$REMPART" account-setup --help > "$T_TMP/help.txt" 2>&1
check_grep "--help names --base-dn" '^ +--base-dn DN' "$T_TMP/help.txt"
check_grep "--help names --domain" '^ +--domain NAME' "$T_TMP/help.txt"
"$REMPART" account-setup -b ad-anssi-level-5 --kind ad > "$T_TMP/ad.out" 2> "$T_TMP/ad.err"
check_grep "AD without --base-dn: the placeholder is said on stderr" 'placeholder.*--base-dn' "$T_TMP/ad.err"
check_grep "AD without --domain: the placeholder is said on stderr" 'placeholder.*--domain' "$T_TMP/ad.err"
check_grep "... and in the output" '^# .*placeholder' "$T_TMP/ad.out"
"$REMPART" account-setup -b ad-anssi-level-5 --kind ad --base-dn DC=lab,DC=test --domain LAB \
	> "$T_TMP/ad2.out" 2> "$T_TMP/ad2.err"
check_nogrep "AD with both: no placeholder" 'placeholder|example,DC=org|DOMAIN' "$T_TMP/ad2.out"
check_grep "AD with both: the DN given is used" 'DC=lab,DC=test' "$T_TMP/ad2.out"
"$REMPART" account-setup -b openldap-hardened --kind openldap > "$T_TMP/ol.out" 2> "$T_TMP/ol.err"
check_grep "OpenLDAP without --base-dn: the placeholder is said" 'placeholder.*--base-dn' "$T_TMP/ol.err"

# --base-dn: a DN (libldap's parser), and in the filter escaped (RFC 4515)
check_rc "--base-dn 'not a dn' refused" 2 "$REMPART" account-setup -b openldap-hardened \
	--kind openldap --base-dn 'not a dn'
"$REMPART" account-setup -b openldap-hardened --kind openldap --base-dn 'not a dn' 2> "$T_TMP/bdn.err"
check_grep "the refusal names --base-dn" "^rempart: .*--base-dn 'not a dn'" "$T_TMP/bdn.err"
"$REMPART" account-setup -b openldap-hardened --kind openldap --base-dn 'dc=x)(olcSuffix=*' \
	> "$T_TMP/olinj.out" 2> /dev/null
check_grep "a base DN with ')(' and '*': escaped in the filter value" \
	"^FBASE='dc=x\\\\29\\\\28olcSuffix=\\\\2a'\$" "$T_TMP/olinj.out"
check_grep "the search filter takes the escaped value" '"\(olcSuffix=\$FBASE\)"' "$T_TMP/olinj.out"
check_nogrep "the raw value is never in a filter" 'olcSuffix=\$BASE' "$T_TMP/olinj.out"

# the comments say which secrets the rules let the auditor read
"$REMPART" account-setup -b openldap-hardened --kind openldap --user auditor \
	--base-dn dc=lab,dc=test > "$T_TMP/olrm.out" 2> /dev/null
check_grep "userPassword hashes read: said" '^# \(userPassword is read' "$T_TMP/olrm.out"
check_grep "olcRootPW hash read: said" "^# \(olcRootPW is read .*rootdn's" "$T_TMP/olrm.out"
# the removal deletes each rule by its value, never by its {n} position
check_nogrep "the removal names no {n} position" '^#.*olcAccess: \{[0-9]+\}' "$T_TMP/olrm.out"
n=$(grep -c '^#   printf .*delete: olcAccess\\nolcAccess: to dn.subtree=.* by dn.exact="%s" read by \* break' "$T_TMP/olrm.out")
if [ "$n" = 2 ]; then ok "the removal gives both rules' full values"
else not_ok "the removal gives both rules' full values" "$n of 2"; fi
for r in cn=config '$BASE'; do
	a=$(grep -F "olcAccess: {0}to dn.subtree=\"$r\"" "$T_TMP/olrm.out" | sed 's/.* attrs=\([^ ]*\) .*/\1/')
	if [ -n "$a" ] && grep '^#   printf' "$T_TMP/olrm.out" | grep -qF "attrs=$a by"; then
		ok "the removal of the rule on $r names the attributes added"
	else not_ok "the removal of the rule on $r names the attributes added" "attrs '$a'"; fi
done

if [ "$(id -u)" != 0 ] || ! command -v unshare > /dev/null || ! command -v visudo > /dev/null; then
	not_ok "account-sudoers needs root, unshare and sudo (visudo)"
	t_done; exit
fi

# granted DROPIN CMD...: sudo's own verdict for nobody
granted() {
	local f=$1; shift
	unshare -m sh -c 'mount --bind "$0" /etc/sudoers && exec sudo -l -U nobody "$@"' \
		"$f" "$@" > /dev/null 2>&1
}
for mode in exec no-exec; do
	opt=(); [ $mode = no-exec ] && opt=(--no-exec)
	"$REMPART" account-setup -b "$B" --kind linux --deep "${opt[@]}" --user nobody \
		--from 192.0.2.10 > "$T_TMP/setup-$mode.sh" 2> /dev/null
	f=$T_TMP/sudoers-$mode
	{ printf 'Defaults !lecture\nroot ALL=(ALL) ALL\n'
	  sed -n "/<<'RP_EOF'/,/^RP_EOF\$/p" "$T_TMP/setup-$mode.sh" | sed '1d;$d'; } > "$f"
	chmod 0440 "$f"
	check "$mode: the drop-in passes visudo -cf" visudo -cf "$f"
	if granted "$f" /usr/bin/find / -xdev -printf '%p\n'; then ok "$mode: a probe's find is granted"
	else not_ok "$mode: a probe's find is granted"; fi
	if granted "$f" /usr/bin/cat /etc/shadow; then ok "$mode: a probe's cat is granted"
	else not_ok "$mode: a probe's cat is granted"; fi
	for w in "-fprintf /etc/sudoers.d/x nobody_ALL" "-fprint /etc/sudoers.d/x" "-fprint0 /etc/x" "-fls /etc/x" "-delete"; do
		# shellcheck disable=SC2086
		if granted "$f" /usr/bin/find / -maxdepth 0 -xdev $w -printf x; then
			not_ok "$mode: find $w (writes as root) is refused" "granted by $(grep -c . "$f")-line drop-in"
		else ok "$mode: find ${w%% *} (writes as root) is refused"; fi
		# shellcheck disable=SC2086
		if granted "$f" /bin/find / -maxdepth 0 -xdev $w -printf x; then
			not_ok "$mode: /bin/find $w is refused"
		else ok "$mode: /bin/find ${w%% *} is refused"; fi
	done
	if granted "$f" /usr/bin/dpkg --verify openssh-server sudo; then ok "$mode: the probe's dpkg --verify is granted"
	else not_ok "$mode: the probe's dpkg --verify is granted"; fi
	for w in "--verify-format rpm --remove login" "--verify sudo --remove login" "--verify -r login" "--verify=x"; do
		# shellcheck disable=SC2086
		if granted "$f" /usr/bin/dpkg $w; then not_ok "$mode: dpkg $w is refused"
		else ok "$mode: dpkg $w is refused"; fi
	done
done
t_done
