#!/bin/bash
# audit-lab.sh [OUTDIR] -- the main job, end to end on Debian 12 as root:
# install the packages, build rempart, start the bundled lab (8 OpenSSH
# hosts in network namespaces, two slapd servers, a Samba AD DC), audit all
# of it with the ANSSI Linux, AD and OpenLDAP baselines, stop the lab, and
# print the report's path. OUTDIR defaults to ./lab-audit (replaced).
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$(realpath -m "${1:-lab-audit}")
cd "$SRC"
echo "== packages"
tests/deps.sh lab
echo "== build"
B=$(tests/build.sh normal)
LAB=$(mktemp -d /tmp/rlab.XXXXXX)
trap 'tests/lab/lab.sh down "$LAB" > /dev/null 2>&1; rm -rf "$LAB"' EXIT
echo "== lab (about 20 s)"
tests/lab/lab.sh up "$LAB" all > "$LAB.log" 2>&1 || { tail -30 "$LAB.log"; exit 1; }
INV=$LAB/all.ini
tests/lab/all-inventory.sh "$LAB" > "$INV"
echo "== audit"
rm -rf "$OUT"
rc=0
"$B/rempart" audit -i "$INV" -b anssi-bp028-intermediary -b ad-anssi-level-2 \
	-b openldap-hardened --known-hosts "$LAB/ssh/client/known_hosts" \
	--incident tests/fixtures/lab/incident.xml --lang "${REMPART_LANG:-fr}" \
	-o "$OUT" || rc=$?
# 3: some lab hosts are deliberately unreachable, rekeyed or half-elevated
[ "$rc" = 0 ] || [ "$rc" = 3 ] || exit "$rc"
ls "$OUT"/report.*.html
