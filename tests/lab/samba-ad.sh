#!/bin/bash
# samba-ad.sh -- a private Samba Active Directory DC for rempart's tests.
#
# The DC runs in its own network namespace (default "rlabdc", address
# 10.202.0.2; this machine's end of the veth is 10.202.0.1), its own UTS
# namespace (hostname dc1) and its own mount namespace (private /run/samba,
# resolv.conf and hosts bind-mounted from WORKDIR), so the AD ports never clash
# with anything on this machine. Every Samba path (smb.conf, private/, state/,
# sysvol, pid/lock/socket dirs, logs) lives under WORKDIR/dc; the system's
# /etc/samba, /var/lib/samba and /etc/krb5.conf are not touched.
# TLS: a lab CA (WORKDIR/tls/ca.pem) whose server cert names 10.202.0.2 and dc1.lab.test.
#
# Usage:
#   samba-ad.sh start  WORKDIR     provision once (cached in WORKDIR/template.tar, ~5-10 s),
#                                  then every start restores the fresh template (~1-2 s)
#                                  and creates the read-only 'auditor' account
#   samba-ad.sh stop   WORKDIR     ends every process in the DC's netns, removes the netns
#   samba-ad.sh status WORKDIR
#   samba-ad.sh env    WORKDIR     print WORKDIR/env (URIs, CA, bind DN, password files)
#   samba-ad.sh check  WORKDIR     verify the DC (and, after misconfig, the findings) as documented
#   samba-ad.sh misconfig WORKDIR  plant the AD findings (samba-misconfig.sh), log in
#                                  WORKDIR/misconfig-results.txt
#   samba-ad.sh strongauth WORKDIR yes|no   'ldap server require strong auth', restarts the DC
#   samba-ad.sh populate WORKDIR N [OU]     N users without password, enabled (UAC 512),
#                                  in OU=<OU> (default Bulk), python SamDB, ~2 s per 1000
# Env: SAMBA_NS=rlabdc SAMBA_NET=10.202.0 SAMBA_REALM=LAB.TEST SAMBA_DOMAIN=LAB
#      SAMBA_FRESH=1 (provision again) SAMBA_KEEP=1 (restart on the current database)
# Needs: samba samba-ad-dc samba-ad-provision winbind krb5-user ldb-tools ldap-utils
#        smbclient openssl (Debian 12, --no-install-recommends); faketime for misconfig
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "samba-ad: $*" >&2; exit 1; }
cmd=${1:-}; W=${2:-}
if [ -z "$cmd" ] || [ -z "$W" ]; then usage; exit 2; fi
[ "$(id -u)" = 0 ] || die "must run as root"
case $W in /*) ;; *) W=$PWD/$W ;; esac
[ "$cmd" = start ] || [ -d "$W" ] || die "no DC in $W"
mkdir -p "$W"; W=$(cd "$W" && pwd)
case $W in *[[:space:]]*) die "WORKDIR must not contain white space" ;; esac
NS=${SAMBA_NS:-rlabdc}; NET=${SAMBA_NET:-10.202.0}; IP=$NET.2
REALM=${SAMBA_REALM:-LAB.TEST}; DOMAIN=${SAMBA_DOMAIN:-LAB}
DNSDOM=$(echo "$REALM" | tr '[:upper:]' '[:lower:]'); BASE="DC=${DNSDOM//./,DC=}"
DC=$W/dc; CONF=$DC/etc/smb.conf
ADMINPW=$W/admin.pw; AUDPW=$W/auditor.pw
AUDITOR_DN="CN=auditor,CN=Users,$BASE"
PY=/usr/bin/python3     # Samba's bindings are for Debian's python3, not a pyenv/venv one
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export LDAPCONF=/dev/null LDAPRC=/dev/null LDAPTLS_CACERT=$W/tls/ca.pem LDAPTLS_REQCERT=demand
export KRB5_CONFIG=$W/client/krb5.conf

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }
# Run a command as the DC: its netns + own UTS (hostname dc1) + own mount ns in
# which /run/samba is a private tmpfs (Samba's compiled-in socket dirs, e.g.
# winbindd's, which smbd reaches through libwbclient) and /etc/resolv.conf and
# /etc/hosts point at the DC itself (samba_dnsupdate, Kerberos names).
# shellcheck disable=SC2016  # expanded by the inner sh
NSWRAP='hostname dc1
  mkdir -p /run/samba && mount -t tmpfs -o mode=755 dc-run /run/samba
  mount --bind "$0/resolv.conf" /etc/resolv.conf; mount --bind "$0/hosts" /etc/hosts
  exec "$@"'
mk_nsfiles() {
  mkdir -p "$W/nsfiles"
  printf 'search %s\nnameserver 127.0.0.1\n' "$DNSDOM" > "$W/nsfiles/resolv.conf"
  printf '127.0.0.1 localhost\n%s dc1.%s dc1\n' "$IP" "$DNSDOM" > "$W/nsfiles/hosts"
}
in_ns() { mk_nsfiles; ip netns exec "$NS" unshare --uts --mount --propagation private /bin/sh -c "$NSWRAP" "$W/nsfiles" "$@"; }
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$NS"; }
LS=(ldapsearch -x -LLL -o ldif-wrap=no -H "ldaps://$IP" -D "Administrator@$DNSDOM" -y "$ADMINPW")

secret() { # file: random password meeting AD complexity (0600, no newline)
  [ -s "$1" ] && return 0
  (umask 077; printf '%sAa1!' "$(openssl rand -base64 12 | tr -d '\n/+=')" > "$1")
}

mk_net() {
  if ns_exists; then
    [ "$(cat "$W/netns.owned" 2>/dev/null)" = "$NS" ] && return 0
    die "netns $NS exists but was not made for $W (set SAMBA_NS / SAMBA_NET)"
  fi
  [ -z "$(ip route show to exact "$NET.0/24")" ] || die "$NET.0/24 is already routed here (set SAMBA_NET)"
  ip netns add "$NS"; echo "$NS" > "$W/netns.owned"   # stop only tears down a netns we made
  ip link add "$NS" type veth peer name eth0 netns "$NS"
  ip addr add "$NET.1/24" dev "$NS"; ip link set "$NS" up
  ip -n "$NS" addr add "$IP/24" dev eth0; ip -n "$NS" link set eth0 up; ip -n "$NS" link set lo up
}

mk_client() { # krb5.conf + hosts file for clients on this machine (KRB5_CONFIG=...)
  mkdir -p "$W/client"
  cat > "$W/client/krb5.conf" <<EOF
[libdefaults]
	default_realm = $REALM
	dns_lookup_realm = false
	dns_lookup_kdc = false
	rdns = false
	dns_canonicalize_hostname = false
[realms]
	$REALM = {
		kdc = $IP
		admin_server = $IP
	}
[domain_realm]
	.$DNSDOM = $REALM
	$DNSDOM = $REALM
EOF
  # for GSSAPI: unshare --mount sh -c 'mount --bind WORKDIR/client/hosts /etc/hosts; ...'
  printf '127.0.0.1 localhost\n%s dc1.%s dc1 %s\n' "$IP" "$DNSDOM" "$DNSDOM" > "$W/client/hosts"
}

mk_tls() {
  [ -f "$W/tls/server.pem" ] && return 0
  mkdir -p "$W/tls"; local t=$W/tls
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$t/ca.key" -out "$t/ca.pem" -days 3650 \
    -subj "/CN=rempart lab AD CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$t/server.key" -out "$t/server.csr" -subj "/CN=dc1.$DNSDOM" 2>/dev/null
  printf 'subjectAltName=DNS:dc1.%s,DNS:%s,IP:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$DNSDOM" "$DNSDOM" "$IP" > "$t/ext.cnf"
  openssl x509 -req -in "$t/server.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" -CAcreateserial \
    -out "$t/server.pem" -days 3650 -extfile "$t/ext.cnf" 2>/dev/null
  chmod 600 "$t/server.key" "$t/ca.key"     # samba refuses a key file that is not 0600
}

provision() {
  rm -rf "$DC"; mkdir -p "$DC/run" "$DC/log"
  local opts=(
    --option="interfaces=lo eth0" --option="bind interfaces only=yes"
    --option="pid directory=$DC/run" --option="ncalrpc dir=$DC/run/ncalrpc"
    --option="ntp signd socket directory=$DC/run/ntp_signd"
    --option="log file=$DC/log/log.%m" --option="dns forwarder="
    --option="load printers=no" --option="printing=bsd" --option="printcap name=/dev/null"
    --option="disable spoolss=yes" --option="usershare path=" --option="panic action="
    --option="tls enabled=yes" --option="tls keyfile=$W/tls/server.key"
    --option="tls certfile=$W/tls/server.pem" --option="tls cafile=$W/tls/ca.pem"
    --option="prefork children=2")
  # --host-name/--host-ip: provision needs neither this machine's hostname nor DNS
  in_ns samba-tool domain provision --targetdir="$DC" --realm="$REALM" --domain="$DOMAIN" \
    --server-role=dc --dns-backend=SAMBA_INTERNAL --use-rfc2307 \
    --adminpass="$(cat "$ADMINPW")" \
    --host-name=dc1 --host-ip="$IP" "${opts[@]}" > "$W/provision.log" 2>&1 \
    || { tail -20 "$W/provision.log" >&2; die "provision failed"; }
}

samba_pid() { cat "$W/samba.pid" 2>/dev/null || true; }
is_up() { local p; p=$(samba_pid); [ -n "$p" ] && [ -d "/proc/$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = samba ]; }

start_samba() {
  is_up && return 0
  mk_nsfiles
  # ip netns exec, unshare (no --fork) and sh all exec(): $! is the samba master
  setsid ip netns exec "$NS" unshare --uts --mount --propagation private /bin/sh -c "$NSWRAP" "$W/nsfiles" \
    samba -F --no-process-group -s "$CONF" > "$W/samba.out" 2>&1 < /dev/null &
  echo $! > "$W/samba.pid"
  # ready = an authenticated LDAPS search answers (the port opens a bit earlier;
  # an "is samba alive" check right after the launch can race with its start-up)
  for _ in $(seq 600); do
    if "${LS[@]}" -b "$BASE" -s base dn >/dev/null 2>&1; then return 0; fi
    [ -d "/proc/$(samba_pid)" ] || { tail "$W/samba.out" "$DC/log/log.samba" >&2 2>/dev/null; die "samba exited"; }
    sleep 0.1
  done
  die "samba not ready after 60 s"
}

do_stop() {
  local p
  p=$(samba_pid)
  if [ -n "$p" ] && [ -d "/proc/$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = samba ]; then kill -TERM "$p"; fi
  rm -f "$W/samba.pid"
  if ns_exists && [ "$(cat "$W/netns.owned" 2>/dev/null)" = "$NS" ]; then
    # every process in our own netns is ours: wait, then end stragglers by pid
    for _ in $(seq 50); do [ -z "$(ip netns pids "$NS")" ] && break; sleep 0.1; done
    for p in $(ip netns pids "$NS"); do kill -KILL "$p" 2>/dev/null || true; done
    for _ in $(seq 20); do [ -z "$(ip netns pids "$NS")" ] && break; sleep 0.1; done
    ip link del "$NS" 2>/dev/null || true
    ip netns del "$NS"; rm -f "$W/netns.owned"
  fi
}

mk_auditor() { # a plain Domain Users account for read-only audits
  secret "$AUDPW"
  local b64
  b64=$(printf '"%s"' "$(cat "$AUDPW")" | iconv -f utf-8 -t utf-16le | base64 -w0)
  printf 'dn: %s\nchangetype: add\nobjectClass: user\nsAMAccountName: auditor\nuserPrincipalName: auditor@%s\ndescription: rempart read-only audit account\nunicodePwd:: %s\nuserAccountControl: 512\n' \
    "$AUDITOR_DN" "$DNSDOM" "$b64" \
    | ldapmodify -x -H "ldaps://$IP" -D "Administrator@$DNSDOM" -y "$ADMINPW" > "$W/auditor-add.log" 2>&1 \
    || grep -q "Already exists" "$W/auditor-add.log" || { cat "$W/auditor-add.log" >&2; die "could not create the auditor account"; }
}

write_env() {
  cat > "$W/env" <<EOF
# rempart lab Samba AD DC; source this file
AD_NS=$NS
AD_IP=$IP
AD_REALM=$REALM
AD_DOMAIN=$DOMAIN
AD_BASE=$BASE
AD_LDAPS_URI=ldaps://$IP
AD_LDAP_URI=ldap://$IP
AD_GC_URI=ldaps://$IP:3269
AD_CACERT=$W/tls/ca.pem
AD_BIND_DN=$AUDITOR_DN
AD_BIND_UPN=auditor@$DNSDOM
AD_BIND_PW_FILE=$AUDPW
AD_ADMIN_DN=CN=Administrator,CN=Users,$BASE
AD_ADMIN_UPN=Administrator@$DNSDOM
AD_ADMIN_PW_FILE=$ADMINPW
KRB5_CONFIG=$W/client/krb5.conf
AD_CLIENT_HOSTS=$W/client/hosts
AD_SMB_CONF=$CONF
AD_SYSVOL=$DC/state/sysvol/$DNSDOM
EOF
}

do_start() {
  local t0 t; t0=$(now)
  command -v samba >/dev/null || die "samba not installed (see tests/lab/packages.txt)"
  command -v samba-tool >/dev/null || die "samba-tool not installed (samba-ad-dc, samba-ad-provision)"
  [ -d /usr/share/samba/setup ] || die "samba-ad-provision not installed (/usr/share/samba/setup)"
  do_stop
  mk_net; mk_tls; mk_client
  # the template and the Administrator password belong together
  if [ ! -s "$ADMINPW" ]; then rm -f "$W/template.tar"; secret "$ADMINPW"; fi
  if [ -n "${SAMBA_KEEP:-}" ] && [ -f "$CONF" ]; then
    echo "keeping the existing database in $DC (SAMBA_KEEP)"
  elif [ -n "${SAMBA_FRESH:-}" ] || [ ! -f "$W/template.tar" ]; then
    t=$(now); provision; echo "provision: $(since "$t") s"
    tar -C "$W" -cf "$W/template.tar" dc
  else
    t=$(now); rm -rf "$DC"; tar -C "$W" -xf "$W/template.tar"; echo "restore provisioned template: $(since "$t") s"
  fi
  rm -f "$W/misconfig-results.txt"
  t=$(now); start_samba; echo "samba ready (LDAPS bind ok): $(since "$t") s"
  mk_auditor; write_env
  echo "Samba AD DC up in $(since "$t0") s: ldaps://$IP (realm $REALM); env: $W/env"
}

do_populate() { # N [OU]
  local n=$1 ou=${2:-Bulk} t
  case $n in ''|*[!0-9]*) die "populate WORKDIR N [OU]" ;; esac
  is_up || die "DC is not running"
  t=$(now)
  "$PY" - "$CONF" "$ou" "$n" <<'EOF'
import sys, ldb
from samba.samdb import SamDB
from samba.auth import system_session
from samba.param import LoadParm
conf, ou, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lp = LoadParm(); lp.load(conf)
db = SamDB(url=lp.samdb_url(), session_info=system_session(lp), lp=lp)
base = db.domain_dn(); dom = db.domain_dns_name()
try:
    db.add({"dn": "OU=%s,%s" % (ou, base), "objectClass": "organizationalUnit"})
except ldb.LdbError as e:
    if e.args[0] != ldb.ERR_ENTRY_ALREADY_EXISTS: raise
db.transaction_start()
for i in range(1, n + 1):
    name = "%s%06d" % (ou.lower(), i)
    db.add({"dn": "CN=%s,OU=%s,%s" % (name, ou, base), "objectClass": "user",
            "sAMAccountName": name, "userPrincipalName": "%s@%s" % (name, dom),
            "givenName": "Bulk", "sn": name, "displayName": "Bulk user %d" % i,
            "userAccountControl": "512"})
    if i % 100 == 0:
        db.transaction_commit(); db.transaction_start()
db.transaction_commit()
EOF
  echo "populate: $n users in OU=$ou in $(since "$t") s"
}

do_strongauth() {
  local v=$1
  case $v in yes|no) ;; *) die "strongauth WORKDIR yes|no" ;; esac
  sed -i '/ldap server require strong auth/d' "$CONF"
  sed -i "s/^\[global\]$/[global]\n\tldap server require strong auth = $v/" "$CONF"
  do_stop; mk_net; start_samba; echo "ldap server require strong auth = $v (restarted)"
}

OKS=0; FAILS=0
expect() { local d=$1; shift; if "$@" >/dev/null 2>&1; then OKS=$((OKS + 1)); echo "ok   $d"; else FAILS=$((FAILS + 1)); echo "FAIL $d"; fi; }
has() { local pat=$1 out; shift; out=$("$@" 2>&1) || true; case $out in *"$pat"*) return 0 ;; esac; return 1; }
fails_with() { local pat=$1 out; shift; if out=$("$@" 2>&1); then return 1; fi; case $out in *"$pat"*) return 0 ;; esac; return 1; }
do_check() {
  is_up || die "DC is not running"
  local A=(ldapsearch -x -LLL -o ldif-wrap=no -D "$AUDITOR_DN" -y "$AUDPW")
  expect "ad: auditor bind over LDAPS (lab CA verifies)" has "dn: $BASE" "${A[@]}" -H "ldaps://$IP" -b "$BASE" -s base dn
  expect "ad: auditor bind over StartTLS" has "dn: $BASE" "${A[@]}" -ZZ -H "ldap://$IP" -b "$BASE" -s base dn
  if grep -q 'require strong auth = no' "$CONF"; then
    expect "ad: cleartext simple bind accepted (strongauth no)" has "dn: $BASE" "${A[@]}" -H "ldap://$IP" -b "$BASE" -s base dn
  else
    expect "ad: cleartext simple bind refused (strong auth)" fails_with "Strong(er) authentication required" "${A[@]}" -H "ldap://$IP" -b "$BASE" -s base dn
  fi
  expect "ad: global catalog on 3269" has "sAMAccountName: krbtgt" "${A[@]}" -H "ldaps://$IP:3269" -b "$BASE" '(sAMAccountName=krbtgt)' sAMAccountName
  expect "ad: kinit Administrator (lab krb5.conf)" sh -c "kinit -c '$W/client/krb5cc' Administrator@$REALM < '$ADMINPW' && kdestroy -c '$W/client/krb5cc'"
  if [ -f "$W/misconfig-results.txt" ]; then
    expect "ad: AS-REP roastable asrep_user" has "sAMAccountName: asrep_user" "${A[@]}" -H "ldaps://$IP" -b "$BASE" '(userAccountControl:1.2.840.113556.1.4.803:=4194304)' sAMAccountName
    expect "ad: kerberoastable svc_sql in Domain Admins" has "memberOf: CN=Domain Admins" "${A[@]}" -H "ldaps://$IP" -b "$BASE" '(&(servicePrincipalName=*)(sAMAccountName=svc_sql))' memberOf
    expect "ad: unconstrained delegation deleg_user" has "sAMAccountName: deleg_user" "${A[@]}" -H "ldaps://$IP" -b "$BASE" '(userAccountControl:1.2.840.113556.1.4.803:=524288)' sAMAccountName
    expect "ad: krbtgt pwdLastSet in 2016" has "pwdLastSet: 131013" "${A[@]}" -H "ldaps://$IP" -b "$BASE" '(sAMAccountName=krbtgt)' pwdLastSet
    expect "ad: weak domain policy minPwdLength 4" has "minPwdLength: 4" "${A[@]}" -H "ldaps://$IP" -b "$BASE" -s base minPwdLength
    expect "ad: GPO 'Lab Weak Policy'" has "displayName: Lab Weak Policy" "${A[@]}" -H "ldaps://$IP" -b "CN=Policies,CN=System,$BASE" '(objectClass=groupPolicyContainer)' displayName
    expect "ad: anonymous subtree search allowed (dSHeuristics)" has "RootDNSServers" ldapsearch -x -LLL -H "ldaps://$IP" -b "$BASE" '(objectClass=*)' dn
    expect "ad: AD CS template RempartESC1 published by lab-DC1-CA" has "certificateTemplates: RempartESC1" "${A[@]}" -H "ldaps://$IP" -b "CN=Configuration,$BASE" '(objectClass=pKIEnrollmentService)' certificateTemplates
    expect "ad: NTAuth store planted (cACertificate present)" has "cACertificate:: " "${A[@]}" -H "ldaps://$IP" -b "CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,$BASE" -s base cACertificate
    expect "ad: zone $(echo "$REALM" | tr '[:upper:]' '[:lower:]') allows nonsecure updates" has "dNSProperty:: AQAAAAAAAAAAAAAAAQAAAAIAAAABAAAAAA==" "${A[@]}" -H "ldaps://$IP" -b "CN=MicrosoftDNS,DC=DomainDnsZones,$BASE" "(name=$(echo "$REALM" | tr '[:upper:]' '[:lower:]'))" dNSProperty
    expect "ad: read-only DC account RODC1\$ (primary group 521)" has "sAMAccountName: RODC1\$" "${A[@]}" -H "ldaps://$IP" -b "$BASE" '(primaryGroupID=521)' sAMAccountName
  else
    expect "ad: anonymous subtree search refused (fresh DC)" fails_with "Operation unavailable without authentication" ldapsearch -x -LLL -H "ldaps://$IP" -b "$BASE" '(sAMAccountName=krbtgt)' dn
  fi
  echo "check ad: $OKS ok, $FAILS failed"
  [ "$FAILS" = 0 ]
}

case $cmd in
  start) do_start ;;
  check) do_check ;;
  stop) do_stop; echo "stopped Samba AD DC ($W)" ;;
  status) if is_up; then echo "up (samba master pid $(samba_pid)), $(ip netns pids "$NS" | wc -l) processes in netns $NS"; else echo down; fi ;;
  env) cat "$W/env" ;;
  strongauth) do_strongauth "${3:-}" ;;
  populate) do_populate "${3:-}" "${4:-}" ;;
  misconfig) is_up || die "DC is not running"; exec "$HERE/samba-misconfig.sh" "$W" ;;
  *) die "unknown command $cmd" ;;
esac
