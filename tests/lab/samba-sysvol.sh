#!/bin/bash
# samba-sysvol.sh -- plant the SYSVOL findings of rempart's lab in the Samba
# AD DC of WORKDIR (samba-ad.sh): the files of tests/lab/sysvol-plant.py
# written into the folder of the GPO "Lab Weak Policy" (created by
# samba-misconfig.sh) through the DC's file system, then the NT ACLs of
# SYSVOL reset (samba-tool ntacl sysvolreset) so that the audit account
# reads them over SMB. Idempotent.
#
# Usage: samba-sysvol.sh WORKDIR     prints the GPO's folder
set -euo pipefail
die() { echo "samba-sysvol: $*" >&2; exit 1; }
W=${1:-}; [ -n "$W" ] && [ -f "$W/env" ] || die "usage: samba-sysvol.sh WORKDIR (a running samba-ad.sh DC)"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck disable=SC1091
. "$W/env"
export LDAPCONF=/dev/null LDAPRC=/dev/null LDAPTLS_CACERT=$AD_CACERT LDAPTLS_REQCERT=demand
guid=$(ldapsearch -x -LLL -o ldif-wrap=no -H "$AD_LDAPS_URI" -D "$AD_BIND_DN" -y "$AD_BIND_PW_FILE" \
  -b "CN=Policies,CN=System,$AD_BASE" '(displayName=Lab Weak Policy)' cn | sed -n 's/^cn: //p')
[ -n "$guid" ] || die "no GPO 'Lab Weak Policy' (run samba-ad.sh misconfig first)"
pol=$AD_SYSVOL/Policies
[ -d "$pol" ] || die "no $pol"
/usr/bin/python3 "$HERE/sysvol-plant.py" "$pol" "$guid"
# smbd serves SYSVOL as the audit account's own uid: every folder above the
# share must let it pass (a lab made by mktemp -d is 0700), search only;
# the folders Samba keeps POSIX ACLs on are left to it
d=$(dirname "$AD_SYSVOL")
while d=$(dirname "$d") && [ "$d" != / ]; do
	[ "$(( $(stat -c '%a' "$d") & 1 ))" = 1 ] || chmod o+x "$d"
done
# the planted files get the GPO's NT ACL (readable by Authenticated Users)
samba-tool ntacl sysvolreset -s "$AD_SMB_CONF" >/dev/null 2>&1 \
  || die "samba-tool ntacl sysvolreset failed"
