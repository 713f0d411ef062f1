#!/bin/bash
# all-inventory.sh LAB -- the inventory of everything a running lab holds
# ("lab.sh up LAB all"): its OpenSSH hosts, the Samba AD DC and the two
# slapd instances, on standard output. Used by audit-lab.sh (the main job)
# and tests/integration/lab-report.sh.
set -euo pipefail
LAB=${1:?usage: all-inventory.sh LAB}
cat "$LAB/ssh/inventory.ini"
# shellcheck disable=SC1090,SC1091
. "$LAB/ad/env"
printf '\n[ad]\ndc1 ldap_url=%s ca_file=%s bind_dn=%s bind_password_file=%s role=dc\n' \
	"$AD_LDAPS_URI" "$AD_CACERT" "$AD_BIND_UPN" "$AD_BIND_PW_FILE"
printf '\n[openldap]\n'
# shellcheck disable=SC1090,SC1091
. "$LAB/ldap/weak/env"
printf 'ldap-weak ldap_url=%s starttls=yes ca_file=%s bind_dn=%s bind_password_file=%s\n' \
	"$LDAP_URI" "$LDAP_CACERT" "$LDAP_BIND_DN" "$LDAP_BIND_PW_FILE"
# shellcheck disable=SC1090,SC1091
. "$LAB/ldap/hardened/env"
printf 'ldap-hardened ldap_url=%s ca_file=%s bind_dn=%s bind_password_file=%s role=critical\n' \
	"$LDAPS_URI" "$LDAP_CACERT" "$LDAP_BIND_DN" "$LDAP_BIND_PW_FILE"
