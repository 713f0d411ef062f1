#!/bin/bash
# deps.sh -- install the Debian 12 packages rempart needs to build and test
# (and, with "lab", the packages of the bundled test lab). Idempotent; only
# missing packages are installed; no daemon is started by apt.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PKGS="gcc make autoconf automake pkg-config libc6-dev
	libssh2-1-dev libldap-dev libpcre2-dev libxml2-dev libxml2-utils
	libjansson-dev libssl-dev libcmocka-dev libsasl2-dev libsmbclient-dev python3 ca-certificates
	clang libclang-rt-14-dev chromium poppler-utils util-linux gettext
	python3-jsonschema libsqlite3-dev sqlite3 python3-yaml parallel"
pkgs=$BUILD_PKGS
if [ "${1:-}" = lab ]; then
	pkgs="$pkgs $(grep -Ev '^[[:space:]]*(#|$)' "$HERE/lab/packages.txt" | tr '\n' ' ')"
fi
missing=()
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" = 0 ] || { echo "deps.sh: missing packages (${missing[*]}); run as root" >&2; exit 1; }
created=
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	created=1
fi
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q > /dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" > /tmp/rempart-apt.log 2>&1 \
	|| { tail -20 /tmp/rempart-apt.log >&2; exit 1; }
[ -z "$created" ] || rm -f /usr/sbin/policy-rc.d
