#!/bin/bash
# slapd.sh -- private OpenLDAP servers for rempart's tests: cn=config in
# WORKDIR/NAME/slapd.d, mdb in WORKDIR/NAME/data, listeners on 127.0.0.1 only
# (ldap://, ldaps://, and an ldapi:// socket in WORKDIR/NAME). The system's
# /etc/ldap and slapd are not touched. Several instances can run side by side.
#
# Usage:
#   slapd.sh start  WORKDIR NAME PROFILE [N]   PROFILE weak | hardened; N bulk users
#                                              (default 1000) besides the named ones.
#                                              Restarts NAME if it is running.
#   slapd.sh stop   WORKDIR NAME
#   slapd.sh status WORKDIR NAME
#   slapd.sh env    WORKDIR NAME               print WORKDIR/NAME/env
#   slapd.sh check  WORKDIR NAME               verify the instance behaves as documented
# Default ports: weak 127.0.0.1:3389 (ldap) / 3636 (ldaps); hardened 4389 / 4636.
# Env: SLAPD_PORT SLAPD_TLS_PORT (one instance), SLAPD_PORT_OFFSET (added to every
# default port, for a second lab beside the first), SLAPD_SUFFIX (default dc=lab,dc=test)
# Writes WORKDIR/NAME/env (shell syntax): URIs, CA file, base, bind DN and the
# path of the bind password file (mode 0600; the password is never printed).
# Needs: slapd ldap-utils openssl
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "slapd.sh: $*" >&2; exit 1; }
cmd=${1:-}; WROOT=${2:-}; NAME=${3:-}
if [ -z "$cmd" ] || [ -z "$WROOT" ] || [ -z "$NAME" ]; then usage; exit 2; fi
case $NAME in *[!A-Za-z0-9_-]*) die "NAME: letters, digits, - and _ only" ;; esac
case $WROOT in /*) ;; *) WROOT=$PWD/$WROOT ;; esac
[ "$cmd" = start ] || [ -d "$WROOT/$NAME" ] || die "no instance $WROOT/$NAME"
mkdir -p "$WROOT/$NAME"; W=$(cd "$WROOT/$NAME" && pwd)
case $W in *[[:space:]]*) die "WORKDIR must not contain white space" ;; esac
SUFFIX=${SLAPD_SUFFIX:-dc=lab,dc=test}
DC1=${SUFFIX%%,*}; DC1=${DC1#*=}
ROOTDN="cn=admin,$SUFFIX"; CONFIGDN="cn=admin,cn=config"
AUDITOR_DN="uid=auditor,ou=people,$SUFFIX"
SOCK=$W/ldapi
SOCK_URL="ldapi://$(printf '%s' "$SOCK" | sed 's|/|%2F|g')"
[ ${#SOCK} -lt 100 ] || die "WORKDIR path too long for a unix socket ($SOCK)"
export LDAPTLS_CACERT=$W/tls/ca.pem LDAPTLS_REQCERT=demand LDAPCONF=/dev/null LDAPRC=/dev/null

pid_alive() { [ -n "${1:-}" ] && [ -d "/proc/$1" ]; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }
profile() { cat "$W/profile" 2>/dev/null || echo "?"; }
# the ports an instance uses: recorded at start, else the profile's default
ports() { # profile -> "PORT TLSPORT"
  if [ -f "$W/ports" ]; then cat "$W/ports"; return; fi
  case $1 in
    weak) echo "${SLAPD_PORT:-$((3389 + ${SLAPD_PORT_OFFSET:-0}))} ${SLAPD_TLS_PORT:-$((3636 + ${SLAPD_PORT_OFFSET:-0}))}" ;;
    hardened) echo "${SLAPD_PORT:-$((4389 + ${SLAPD_PORT_OFFSET:-0}))} ${SLAPD_TLS_PORT:-$((4636 + ${SLAPD_PORT_OFFSET:-0}))}" ;;
    *) die "unknown profile '$1' (weak | hardened)" ;;
  esac
}

do_stop() {
  local p
  [ -f "$W/slapd.pid" ] || return 0
  p=$(cat "$W/slapd.pid")
  if pid_alive "$p" && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = slapd ]; then
    kill -TERM "$p"
    for _ in $(seq 100); do pid_alive "$p" || break; sleep 0.1; done
    if pid_alive "$p" && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = slapd ]; then kill -KILL "$p"; fi
  fi
  rm -f "$W/slapd.pid" "$SOCK"
}

mk_tls() { # own CA + server cert (SAN IP 127.0.0.1) per instance
  [ -f "$W/tls/server.pem" ] && return 0
  mkdir -p "$W/tls"; local t=$W/tls
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$t/ca.key" -out "$t/ca.pem" -days 3650 \
    -subj "/CN=rempart lab LDAP CA ($NAME)" -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$t/server.key" -out "$t/server.csr" -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' > "$t/ext.cnf"
  openssl x509 -req -in "$t/server.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" -CAcreateserial \
    -out "$t/server.pem" -days 3650 -extfile "$t/ext.cnf" 2>/dev/null
  chmod 600 "$t/server.key" "$t/ca.key"
}

secret_file() { # file: create a random password file (0600) if missing
  [ -s "$1" ] || (umask 077; openssl rand -base64 18 | tr -d '\n/+=' > "$1")
  chmod 600 "$1"
}

mk_config() { # profile
  local prof=$1 rootpw cfg
  rm -rf "$W/slapd.d" "$W/data"; mkdir -p "$W/slapd.d" "$W/data"
  cfg=$W/config.ldif
  if [ "$prof" = weak ]; then
    printf 'secret' > "$W/rootdn.pw"; chmod 600 "$W/rootdn.pw"
    rootpw=secret                                     # cleartext in cn=config: a finding
  else
    secret_file "$W/rootdn.pw"
    rootpw=$(slappasswd -h '{SSHA}' -T "$W/rootdn.pw")
  fi
  {
  cat <<EOF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $W/slapd.pid
olcArgsFile: $W/slapd.args
olcLogLevel: none
olcToolThreads: 2
olcTLSCACertificateFile: $W/tls/ca.pem
olcTLSCertificateFile: $W/tls/server.pem
olcTLSCertificateKeyFile: $W/tls/server.key
EOF
  if [ "$prof" = weak ]; then
    cat <<EOF
olcTLSProtocolMin: 3.1
olcAllows: bind_v2
olcAllows: bind_anon_dn
olcPasswordHash: {CLEARTEXT}
EOF
  else
    cat <<EOF
olcTLSProtocolMin: 3.3
olcDisallows: bind_anon
olcRequires: authc
olcSecurity: ssf=64 simple_bind=128
olcPasswordHash: {SSHA}
EOF
  fi
  cat <<EOF

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
EOF
  [ "$prof" = hardened ] && echo "olcModuleLoad: ppolicy"
  cat <<EOF

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/nis.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcAccess: {0}to * by dn.exact=gidNumber=0+uidNumber=0,cn=peercred,cn=external,cn=auth manage by * break
olcAccess: {1}to dn.exact="" by * read
olcAccess: {2}to dn.base="cn=Subschema" by * read
EOF
  if [ "$prof" = hardened ]; then printf 'olcSizeLimit: 500\nolcTimeLimit: 60\n'; fi
  cat <<EOF

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcRootDN: $CONFIGDN
olcRootPW: $rootpw
olcAccess: {0}to * by dn.exact=gidNumber=0+uidNumber=0,cn=peercred,cn=external,cn=auth manage by dn.exact="$AUDITOR_DN" read by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: $W/data
olcSuffix: $SUFFIX
olcRootDN: $ROOTDN
olcRootPW: $rootpw
olcDbMaxSize: 4294967296
olcDbIndex: objectClass eq
olcDbIndex: uid,cn,mail eq
olcDbIndex: member,memberUid eq
olcDbIndex: uidNumber,gidNumber eq
olcDbIndex: entryUUID,entryCSN eq
olcLimits: {0}dn.exact="$AUDITOR_DN" size=unlimited time=unlimited
EOF
  if [ "$prof" = weak ]; then
    cat <<EOF
olcDbNoSync: TRUE
olcAccess: {0}to attrs=userPassword by self write by * read
olcAccess: {1}to * by self write by * read
EOF
  else
    cat <<EOF
olcSecurity: tls=1 simple_bind=128
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to attrs=shadowLastChange,pwdChangedTime,pwdAccountLockedTime,pwdFailureTime,pwdHistory by self read by dn.exact="$AUDITOR_DN" read by * none
olcAccess: {2}to * by users read by * none

dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {0}ppolicy
olcPPolicyDefault: cn=default,ou=policies,$SUFFIX
olcPPolicyHashCleartext: TRUE
olcPPolicyUseLockout: FALSE
EOF
  fi
  } > "$cfg"
  chmod 600 "$cfg"
  slapadd -n0 -F "$W/slapd.d" -l "$cfg" > "$W/slapadd-config.log" 2>&1 || { cat "$W/slapadd-config.log" >&2; die "slapadd -n0"; }
}

gen_data() { # profile N file
  local prof=$1 n=$2 f=$3 hs hm ha
  secret_file "$W/auditor.pw"
  ha=$(slappasswd -h '{SSHA}' -T "$W/auditor.pw")
  hs=$(slappasswd -h '{SSHA}' -s 'Passw0rd!Lab-bulk')
  hm=$(slappasswd -h '{MD5}' -s 'password')
  {
  cat <<EOF
dn: $SUFFIX
objectClass: dcObject
objectClass: organization
dc: $DC1
o: rempart lab ($NAME, $prof)

dn: ou=people,$SUFFIX
objectClass: organizationalUnit
ou: people

dn: ou=groups,$SUFFIX
objectClass: organizationalUnit
ou: groups

dn: $AUDITOR_DN
objectClass: inetOrgPerson
uid: auditor
cn: rempart auditor
sn: auditor
userPassword: $ha

EOF
  if [ "$prof" = weak ]; then
    cat <<EOF
dn: uid=alice,ou=people,$SUFFIX
objectClass: inetOrgPerson
objectClass: posixAccount
objectClass: shadowAccount
uid: alice
cn: Alice Admin
sn: Admin
uidNumber: 10001
gidNumber: 10000
homeDirectory: /home/alice
loginShell: /bin/bash
userPassword: alice123
shadowMax: 99999

dn: uid=bob,ou=people,$SUFFIX
objectClass: inetOrgPerson
objectClass: posixAccount
uid: bob
cn: Bob MD5
sn: MD5
uidNumber: 10002
gidNumber: 10000
homeDirectory: /home/bob
userPassword: $hm

dn: uid=carol,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: carol
cn: Carol Salted
sn: Salted
userPassword: $(slappasswd -h '{SSHA}' -s 'carol-S3cure!')

dn: uid=svc_backup,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: svc_backup
cn: backup service
sn: service
userPassword: backup2019
description: service account, password never changed

dn: cn=admins,ou=groups,$SUFFIX
objectClass: groupOfNames
cn: admins
member: uid=alice,ou=people,$SUFFIX
member: uid=svc_backup,ou=people,$SUFFIX

EOF
  else
    cat <<EOF
dn: ou=policies,$SUFFIX
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,$SUFFIX
objectClass: device
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdMinLength: 12
pwdCheckQuality: 2
pwdMaxAge: 7776000
pwdMinAge: 86400
pwdExpireWarning: 604800
pwdInHistory: 5
pwdLockout: TRUE
pwdMaxFailure: 5
pwdLockoutDuration: 900
pwdFailureCountInterval: 900
pwdMustChange: TRUE
pwdAllowUserChange: TRUE
pwdSafeModify: TRUE
pwdGraceAuthNLimit: 0

dn: uid=alice,ou=people,$SUFFIX
objectClass: inetOrgPerson
objectClass: posixAccount
objectClass: shadowAccount
uid: alice
cn: Alice Admin
sn: Admin
uidNumber: 10001
gidNumber: 10000
homeDirectory: /home/alice
loginShell: /bin/bash
userPassword: $(slappasswd -h '{SSHA}' -s 'alice-Corr3ct-Horse')
shadowMax: 90

dn: uid=carol,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: carol
cn: Carol Salted
sn: Salted
userPassword: $(slappasswd -h '{SSHA}' -s 'carol-S3cure!')

dn: cn=admins,ou=groups,$SUFFIX
objectClass: groupOfNames
cn: admins
member: uid=alice,ou=people,$SUFFIX

EOF
  fi
  awk -v n="$n" -v s="$SUFFIX" -v dc="$DC1" -v hs="$hs" -v hm="$hm" -v weak="$([ "$prof" = weak ] && echo 1 || echo 0)" 'BEGIN{
    for (i = 1; i <= n; i++) {
      u = sprintf("user%06d", i)
      print "dn: uid=" u ",ou=people," s
      print "objectClass: inetOrgPerson"; print "objectClass: posixAccount"; print "objectClass: shadowAccount"
      print "uid: " u; print "cn: User " i; print "sn: " i; print "givenName: User"
      print "mail: " u "@" dc ".test"; print "uidNumber: " 100000 + i; print "gidNumber: 100000"
      print "homeDirectory: /home/" u; print "loginShell: /bin/bash"
      if (weak && i % 100 == 7) print "userPassword: Welcome1"
      else if (weak && i % 100 == 8) print "userPassword: " hm
      else print "userPassword: " hs
      if (weak && i % 100 == 3) print "shadowMax: 99999"; else print "shadowMax: 90"
      print "shadowLastChange: 19000"
      print ""
    }
    g = int(n / 100)
    for (j = 0; j < g; j++) {
      print "dn: cn=grp" sprintf("%05d", j) ",ou=groups," s
      print "objectClass: groupOfNames"; print "cn: grp" sprintf("%05d", j)
      for (i = j + 1; i <= n; i += g) print "member: uid=" sprintf("user%06d", i) ",ou=people," s
      print ""
    }
  }'
  } > "$f"
  chmod 600 "$f"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() { ldapsearch -Y EXTERNAL -H "$SOCK_URL" -s base -b cn=config dn >/dev/null 2>&1; }

start_daemon() { # port tlsport
  rm -f "$SOCK"
  port_busy "$1" && die "127.0.0.1:$1 already in use (set SLAPD_PORT)"
  port_busy "$2" && die "127.0.0.1:$2 already in use (set SLAPD_TLS_PORT)"
  setsid slapd -F "$W/slapd.d" -h "ldap://127.0.0.1:$1/ ldaps://127.0.0.1:$2/ $SOCK_URL" -d 0 \
    >> "$W/slapd.log" 2>&1 < /dev/null &
  local p=$!
  for _ in $(seq 200); do
    # ask our own ldapi socket (another server may hold a port) and check the pid
    if pid_alive "$p" && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = slapd ] && ready; then
      echo "$p" > "$W/slapd.pid"; return 0
    fi
    pid_alive "$p" || { tail "$W/slapd.log" >&2; die "slapd exited"; }
    sleep 0.05
  done
  kill -TERM "$p" 2>/dev/null || true
  die "slapd did not answer on $SOCK_URL"
}

write_env() { # profile port tlsport
  cat > "$W/env" <<EOF
# rempart lab slapd instance '$NAME' (profile $1); source this file
LDAP_NAME=$NAME
LDAP_PROFILE=$1
LDAP_URI=ldap://127.0.0.1:$2
LDAPS_URI=ldaps://127.0.0.1:$3
LDAPI_URI=$SOCK_URL
LDAP_CACERT=$W/tls/ca.pem
LDAP_BASE=$SUFFIX
LDAP_BIND_DN=$AUDITOR_DN
LDAP_BIND_PW_FILE=$W/auditor.pw
LDAP_ROOT_DN=$ROOTDN
LDAP_ROOT_PW_FILE=$W/rootdn.pw
LDAP_CONFIG_DN=$CONFIGDN
LDAP_PID_FILE=$W/slapd.pid
EOF
}

do_start() { # profile N
  local prof=$1 n=${2:-1000} t0 port tport
  command -v slapd >/dev/null || die "slapd not installed (apt-get install -y slapd ldap-utils)"
  case $n in ''|*[!0-9]*) die "N must be a number" ;; esac
  t0=$(now)
  do_stop
  rm -f "$W/ports"
  read -r port tport <<< "$(ports "$prof")"
  echo "$prof" > "$W/profile"; echo "$port $tport" > "$W/ports"
  mk_tls; mk_config "$prof"
  gen_data "$prof" "$n" "$W/data.ldif"
  slapadd -q -F "$W/slapd.d" -b "$SUFFIX" -l "$W/data.ldif" > "$W/slapadd.log" 2>&1 \
    || { tail "$W/slapadd.log" >&2; die slapadd; }
  start_daemon "$port" "$tport"
  write_env "$prof" "$port" "$tport"
  echo "slapd '$NAME' ($prof, $(grep -c '^dn:' "$W/data.ldif") entries) up in $(since "$t0") s: ldap://127.0.0.1:$port ldaps://127.0.0.1:$tport pid $(cat "$W/slapd.pid"); env: $W/env"
}

# ---------------------------------------------------------------- check
OKS=0; FAILS=0
expect() { local d=$1; shift; if "$@" >/dev/null 2>&1; then OKS=$((OKS + 1)); echo "ok   $d"; else FAILS=$((FAILS + 1)); echo "FAIL $d"; fi; }
has() { local pat=$1 out; shift; out=$("$@" 2>&1) || true; case $out in *"$pat"*) return 0 ;; esac; return 1; }
fails_with() { local pat=$1 out; shift; if out=$("$@" 2>&1); then return 1; fi; case $out in *"$pat"*) return 0 ;; esac; return 1; }
is() { local want=$1 out; shift; out=$("$@" 2>&1) || return 1; [ "$out" = "$want" ]; }
lacks() { # PAT MUSTHAVE cmd...: succeeds, output has MUSTHAVE but not PAT
  local pat=$1 must=$2 out; shift 2; out=$("$@" 2>&1) || return 1
  case $out in *"$pat"*) return 1 ;; esac; case $out in *"$must"*) return 0 ;; esac; return 1; }
count_is() { # N cmd...: the search (exit 0 or 4 = size limit) returns N entries
  local want=$1 out rc=0; shift; out=$("$@" 2>/dev/null) || rc=$?
  [ $rc = 0 ] || [ $rc = 4 ] || return 1
  [ "$(printf '%s\n' "$out" | grep -c '^dn:')" = "$want" ]; }

do_check() {
  # shellcheck disable=SC1091
  . "$W/env"
  local prof=$LDAP_PROFILE A=(-x -LLL -o ldif-wrap=no) AU nusers
  AU=(-D "$LDAP_BIND_DN" -y "$LDAP_BIND_PW_FILE")
  nusers=$(grep -c '^dn: uid=' "$W/data.ldif")
  expect "ldaps with the instance CA" has "dn: $LDAP_BASE" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b "$LDAP_BASE" -s base dn
  expect "StartTLS (-ZZ) auditor bind" has "dn: $LDAP_BASE" ldapsearch "${A[@]}" -ZZ -H "$LDAP_URI" "${AU[@]}" -b "$LDAP_BASE" -s base dn
  expect "auditor sees all $nusers users (paged, no size limit)" count_is "$nusers" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -E pr=200/noprompt -b "ou=people,$LDAP_BASE" '(uid=*)' 1.1
  expect "auditor reads cn=config" has "olcRootPW" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b cn=config '(olcRootPW=*)' olcRootPW
  if [ "$prof" = weak ]; then
    expect "weak: anonymous read over plain ldap" has "uid: alice" ldapsearch "${A[@]}" -H "$LDAP_URI" -b "$LDAP_BASE" '(uid=alice)' uid
    expect "weak: anonymous read of a cleartext userPassword" is "alice123" sh -c "ldapsearch -x -LLL -o ldif-wrap=no -H '$LDAP_URI' -b '$LDAP_BASE' '(uid=alice)' userPassword | sed -n 's/^userPassword:: //p' | base64 -d"
    expect "weak: cleartext simple bind over plain ldap" has "dn: $LDAP_BASE" ldapsearch "${A[@]}" -H "$LDAP_URI" "${AU[@]}" -b "$LDAP_BASE" -s base dn
    expect "weak: bob has an {MD5} password" has "{MD5}" sh -c "ldapsearch -x -LLL -o ldif-wrap=no -H '$LDAP_URI' -b '$LDAP_BASE' '(uid=bob)' userPassword | sed -n 's/^userPassword:: //p' | base64 -d"
    expect "weak: cleartext olcRootPW in cn=config" has "olcRootPW: secret" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b 'olcDatabase={1}mdb,cn=config' -s base olcRootPW
    expect "weak: no ppolicy overlay" count_is 0 ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b cn=config '(objectClass=olcPPolicyConfig)' 1.1
    if [ "$nusers" -gt 500 ]; then
      expect "weak: anonymous paged dump stops at 500 (default size limit)" count_is 500 ldapsearch "${A[@]}" -H "$LDAP_URI" -E pr=100/noprompt -b "ou=people,$LDAP_BASE" '(uid=*)' 1.1
    fi
  else
    expect "hardened: anonymous search refused" fails_with "nonymous" ldapsearch "${A[@]}" -H "$LDAPS_URI" -b "$LDAP_BASE" '(uid=alice)' uid
    expect "hardened: simple bind over plain ldap refused" fails_with "onfidentiality required" ldapsearch "${A[@]}" -H "$LDAP_URI" "${AU[@]}" -b "$LDAP_BASE" -s base dn
    expect "hardened: auditor finds alice but cannot read her userPassword" lacks "userPassword" "dn: uid=alice" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b "$LDAP_BASE" '(uid=alice)' userPassword
    expect "hardened: hashed olcRootPW" has "olcRootPW: {SSHA}" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b 'olcDatabase={1}mdb,cn=config' -s base olcRootPW
    expect "hardened: ppolicy overlay configured" has "olcPPolicyDefault: cn=default,ou=policies,$LDAP_BASE" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b cn=config '(objectClass=olcPPolicyConfig)' olcPPolicyDefault
    expect "hardened: mdb olcSecurity tls=1 simple_bind=128" has "olcSecurity: tls=1 simple_bind=128" ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b 'olcDatabase={1}mdb,cn=config' -s base olcSecurity
    expect "hardened: olcTLSProtocolMin 3.3, olcSecurity, olcRequires authc" has "olcTLSProtocolMin: 3.3 olcSecurity: ssf=64 simple_bind=128 olcRequires: authc" sh -c "ldapsearch -x -LLL -o ldif-wrap=no -H '$LDAPS_URI' -D '$LDAP_BIND_DN' -y '$LDAP_BIND_PW_FILE' -b cn=config -s base olcTLSProtocolMin olcSecurity olcRequires | grep -v '^dn:' | sort -r | tr '\n' ' '"
    expect "hardened: TLS 1.2 accepted" has "dn: $LDAP_BASE" env LDAPTLS_PROTOCOL_MIN=3.3 LDAPTLS_PROTOCOL_MAX=3.3 ldapsearch "${A[@]}" -H "$LDAPS_URI" "${AU[@]}" -b "$LDAP_BASE" -s base dn
    expect "hardened: rootDN bind (hashed rootpw)" has "dn: $LDAP_BASE" ldapsearch "${A[@]}" -H "$LDAPS_URI" -D "$LDAP_ROOT_DN" -y "$LDAP_ROOT_PW_FILE" -b "$LDAP_BASE" -s base dn
  fi
  echo "check $NAME: $OKS ok, $FAILS failed"
  [ "$FAILS" = 0 ]
}

case $cmd in
  start) [ -n "${4:-}" ] || die "start WORKDIR NAME PROFILE [N]"; ports "$4" >/dev/null; do_start "$4" "${5:-1000}" ;;
  stop) do_stop; echo "stopped slapd '$NAME'" ;;
  status)
    if [ -f "$W/slapd.pid" ] && pid_alive "$(cat "$W/slapd.pid")"; then
      echo "$NAME: up ($(profile)), pid $(cat "$W/slapd.pid"), ports $(cat "$W/ports" 2>/dev/null)"
    else echo "$NAME: down"; fi ;;
  env) cat "$W/env" ;;
  check) do_check ;;
  *) die "unknown command $cmd" ;;
esac
