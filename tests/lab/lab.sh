#!/bin/bash
# lab.sh -- start / stop rempart's whole test lab (see README.md in this folder).
#
# Usage:
#   lab.sh up      WORKDIR [ssh] [ldap] [ad]   default: ssh ldap ("all" = ssh ldap ad)
#   lab.sh down    WORKDIR                     stops every part this WORKDIR may have started
#   lab.sh status  WORKDIR
#   lab.sh check   WORKDIR                     runs each running part's own check
#   lab.sh install                             apt-get install what packages.txt lists and is missing
# Layout: WORKDIR/ssh (sshd-hosts.sh), WORKDIR/ldap/{weak,hardened} (slapd.sh),
#         WORKDIR/ad (samba-ad.sh, with its findings planted), WORKDIR/lab.env (paths).
# Env: passed through to the part scripts (LAB_NET, LAB_PREFIX, SLAPD_SUFFIX, SAMBA_NS, ...);
#      LAB_LDAP_USERS=N bulk users per slapd instance (default 1000).
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "lab.sh: $*" >&2; exit 1; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cmd=${1:-}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

do_install() {
  local missing=() p created=""
  while read -r p; do
    case $p in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done < "$HERE/packages.txt"
  [ ${#missing[@]} = 0 ] && { echo "all lab packages are installed"; return 0; }
  # keep apt from starting system daemons (slapd on :389, sshd on :22, samba, ...)
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; created=1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" \
    || { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } \
    || { [ -z "$created" ] || rm -f /usr/sbin/policy-rc.d; die "apt-get install failed"; }
  [ -z "$created" ] || rm -f /usr/sbin/policy-rc.d
}

[ "$cmd" = install ] && { do_install; exit 0; }
W=${2:-}
if [ -z "$cmd" ] || [ -z "$W" ]; then usage; exit 2; fi
case $W in /*) ;; *) W=$PWD/$W ;; esac
mkdir -p "$W"; W=$(cd "$W" && pwd)

write_env() {
  {
    echo "# rempart test lab ($W); source this file"
    if [ -f "$W/ssh/hosts.tsv" ]; then
      echo "LAB_SSH_DIR=$W/ssh"
      echo "LAB_SSH_CONFIG=$W/ssh/client/ssh_config"
      echo "LAB_KNOWN_HOSTS=$W/ssh/client/known_hosts"
      echo "LAB_SSH_KEY=$W/ssh/client/id_ed25519"
      echo "LAB_SSH_KEY_PP=$W/ssh/client/id_ed25519_pp"
      echo "LAB_SSH_PASSPHRASE_FILE=$W/ssh/client/passphrase"
      echo "LAB_AUDITOR_PW_FILE=$W/ssh/client/auditor.pw"
      echo "LAB_INVENTORY=$W/ssh/inventory.ini"
      echo "LAB_INVENTORY_FAULTS=$W/ssh/inventory-faults.ini"
    fi
    [ -f "$W/ldap/weak/env" ] && echo "LAB_LDAP_WEAK_ENV=$W/ldap/weak/env"
    [ -f "$W/ldap/hardened/env" ] && echo "LAB_LDAP_HARDENED_ENV=$W/ldap/hardened/env"
    [ -f "$W/ad/env" ] && echo "LAB_AD_ENV=$W/ad/env"
    true
  } > "$W/lab.env"
}

do_down() { # the parts stop in parallel; each ends only what it recorded
  local t0 pids=() p rc=0; t0=$(now)
  if [ -d "$W/ssh" ]; then "$HERE/sshd-hosts.sh" stop "$W/ssh" >/dev/null & pids+=($!); fi
  if [ -d "$W/ldap/weak" ]; then "$HERE/slapd.sh" stop "$W/ldap" weak >/dev/null & pids+=($!); fi
  if [ -d "$W/ldap/hardened" ]; then "$HERE/slapd.sh" stop "$W/ldap" hardened >/dev/null & pids+=($!); fi
  if [ -d "$W/ad" ]; then "$HERE/samba-ad.sh" stop "$W/ad" >/dev/null & pids+=($!); fi
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  echo "lab down in $(since "$t0") s ($W)"
  return $rc
}

do_status() {
  if [ -d "$W/ssh" ]; then echo "== ssh"; "$HERE/sshd-hosts.sh" status "$W/ssh"; fi
  if [ -d "$W/ldap/weak" ]; then echo "== ldap"; "$HERE/slapd.sh" status "$W/ldap" weak; fi
  if [ -d "$W/ldap/hardened" ]; then "$HERE/slapd.sh" status "$W/ldap" hardened; fi
  if [ -d "$W/ad" ]; then echo "== ad"; "$HERE/samba-ad.sh" status "$W/ad"; fi
  if [ -f "$W/lab.env" ]; then echo "== $W/lab.env"; cat "$W/lab.env"; fi
}

do_up() {
  local parts=("$@") p t t0 ssh=0 ldap=0 ad=0
  [ ${#parts[@]} -gt 0 ] || parts=(ssh ldap)
  for p in "${parts[@]}"; do
    case $p in
      ssh) ssh=1 ;; ldap) ldap=1 ;; ad) ad=1 ;; all) ssh=1; ldap=1; ad=1 ;;
      *) die "unknown part '$p' (ssh ldap ad all)" ;;
    esac
  done
  t0=$(now)
  # a failed start leaves nothing running
  trap 'if [ "${UP_OK:-0}" != 1 ]; then echo "lab.sh: start failed, stopping" >&2; do_down >&2; fi' EXIT
  if [ $ssh = 1 ]; then
    t=$(now); "$HERE/sshd-hosts.sh" start "$W/ssh" > "$W/ssh-start.log"; echo "ssh hosts: $(since "$t") s"
  fi
  if [ $ldap = 1 ]; then
    t=$(now)
    "$HERE/slapd.sh" start "$W/ldap" weak weak "${LAB_LDAP_USERS:-1000}" > "$W/ldap-start.log"
    "$HERE/slapd.sh" start "$W/ldap" hardened hardened "${LAB_LDAP_USERS:-1000}" >> "$W/ldap-start.log"
    echo "slapd weak + hardened: $(since "$t") s"
  fi
  if [ $ad = 1 ]; then
    t=$(now); "$HERE/samba-ad.sh" start "$W/ad" > "$W/ad-start.log"; echo "samba AD DC: $(since "$t") s"
    t=$(now); "$HERE/samba-ad.sh" misconfig "$W/ad" > "$W/ad-misconfig.log" 2>&1; echo "AD findings: $(since "$t") s"
  fi
  write_env
  UP_OK=1
  echo "lab up in $(since "$t0") s"
  echo
  do_status
}

do_check() {
  local rc=0
  if [ -f "$W/ssh/hosts.tsv" ]; then "$HERE/sshd-hosts.sh" check "$W/ssh" || rc=1; fi
  if [ -f "$W/ldap/weak/slapd.pid" ]; then "$HERE/slapd.sh" check "$W/ldap" weak || rc=1; fi
  if [ -f "$W/ldap/hardened/slapd.pid" ]; then "$HERE/slapd.sh" check "$W/ldap" hardened || rc=1; fi
  if [ -f "$W/ad/samba.pid" ]; then "$HERE/samba-ad.sh" check "$W/ad" || rc=1; fi
  return $rc
}

case $cmd in
  up) shift 2; do_up "$@" ;;
  down) do_down ;;
  status) do_status ;;
  check) do_check ;;
  *) die "unknown command $cmd" ;;
esac
