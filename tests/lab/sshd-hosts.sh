#!/bin/bash
# sshd-hosts.sh -- rempart's SSH test lab: real OpenSSH servers, one network
# namespace each, every one with its own /etc (overlayfs), /home, /root, /run,
# /tmp, hostname and pid namespace. Nothing of this machine's /etc is changed.
#
# Host N lives in netns "<prefix>N" (default rlabN) at <net>.N.2 port 22
# (default 10.200.N.2); this machine's end of the veth pair has <net>.N.1.
# There is no default route inside a namespace: a host can only talk to this
# machine. The planted state of every profile is documented in README.md.
#
# Usage:
#   sshd-hosts.sh start WORKDIR [PROFILE...]  default set: h1 weak, h2 hardened,
#                     h3 mixed, h4 rekeyed, h5 sudopw, h6 hostile, h7 stall,
#                     h8 refused (netns + address, no sshd). With PROFILE
#                     names, host N gets the Nth name. Stops a running lab first.
#                     Post-incident profiles (not in the default set): breached,
#                     cleaned (tests/integration/lab-incident.sh plants and
#                     remediates through exec; see README.md)
#   sshd-hosts.sh start-bulk WORKDIR N        N (1..60) "bulk" hosts (hardened sshd,
#                     auditor NOPASSWD: ALL) + WORKDIR/inventory-bulk.ini
#                     (also: LAB_HOSTS=N sshd-hosts.sh start WORKDIR)
#   sshd-hosts.sh start-light WORKDIR N       N (1..1000) "light" hosts for scale
#                     benchmarks: one sshd each, pid 1 of its own pid, network,
#                     UTS and mount namespaces, a /30 in LAB_NET's /16 (host I at
#                     LAB_NET.(4I/256).(4I%256+2)), but ONE shared prepared /etc,
#                     /home, /tmp and ONE host key; LAB_NET's /16 routed
#                     unreachable here while up; WORKDIR/inventory-light.ini with
#                     groups site_01..site_10 (LIGHT_SITES); status and check
#                     look at a sample (h1, the middle one, hN; LIGHT_SAMPLE)
#   sshd-hosts.sh stop    WORKDIR             ends only the recorded pids, removes netns/veths
#   sshd-hosts.sh status  WORKDIR
#   sshd-hosts.sh check   WORKDIR             verify every host behaves as documented
#   sshd-hosts.sh exec    WORKDIR N CMD...    run CMD inside host N (its mounts, pid ns, netns)
#   sshd-hosts.sh delay   WORKDIR N MS        add MS ms to every packet host N sends
#   sshd-hosts.sh undelay WORKDIR N
# Env: LAB_NET=10.200  LAB_PREFIX=rlab  LAB_HOSTS=N (bulk)  LIGHT_SITES=10  LIGHT_SAMPLE
# Client files: WORKDIR/client/{id_ed25519,id_ed25519_pp,passphrase,auditor.pw,
#   known_hosts,ssh_config}; inventories: WORKDIR/inventory.ini,
#   WORKDIR/inventory-faults.ini (or WORKDIR/inventory-bulk.ini); WORKDIR/hosts.tsv
# Needs: root, openssh-server, openssh-client, sudo, iproute2, util-linux,
#   attr (setfattr), openssl; for delay: iptables, gcc, libnetfilter-queue-dev.
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

die() { echo "sshd-hosts: $*" >&2; exit 1; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cmd=${1:-}; W=${2:-}
if [ -z "$cmd" ] || [ -z "$W" ]; then usage; exit 2; fi
[ "$(id -u)" = 0 ] || die "must run as root (namespaces, overlayfs)"
case $W in /*) ;; *) W=$PWD/$W ;; esac
[ "$cmd" = start ] || [ "$cmd" = start-bulk ] || [ "$cmd" = start-light ] || [ -d "$W" ] || die "no lab in $W"
mkdir -p "$W"; W=$(cd "$W" && pwd)
case $W in *[[:space:]]*) die "WORKDIR must not contain white space" ;; esac
ST=$W/state
NET=${LAB_NET:-10.200}
PREFIX=${LAB_PREFIX:-rlab}
[ ${#PREFIX} -le 12 ] || die "LAB_PREFIX too long for interface names"
DEFAULT_PROFILES="weak hardened mixed rekeyed sudopw hostile stall refused"
SSHD=/usr/sbin/sshd
AUSER=auditor; AUID=2001
AUDITOR_PW=auditor123         # weak + sudopw hosts; also in WORKDIR/client/auditor.pw
DELIM='==rempart:end:deadbeef=='
MAXBULK=60

addr_of() { echo "$NET.$1.2"; }
pid_alive() { [ -n "${1:-}" ] && [ -d "/proc/$1" ]; }
comm_of() { cat "/proc/$1/comm" 2>/dev/null || true; }
children_of() { local f; for f in "/proc/$1/task/"*/children; do tr ' ' '\n' < "$f"; done 2>/dev/null || true; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

# ---------------------------------------------------------------- profiles
sshd_kind() { # profile -> weak | hardened | stock | none
  case $1 in
    weak) echo weak ;;
    hardened|rekeyed|bulk|light) echo hardened ;;
    mixed|sudopw|hostile|stall|breached) echo stock ;;
    cleaned) echo hardened ;;
    refused) echo none ;;
    *) die "unknown profile '$1' (weak hardened mixed rekeyed sudopw hostile stall refused bulk breached cleaned)" ;;
  esac
}
role_of() {
  case $1 in
    weak) echo internet-facing ;;
    hardened|rekeyed) echo critical ;;
    mixed|sudopw|hostile|stall|breached|cleaned) echo internal ;;
    *) echo "" ;;
  esac
}
is_fault_profile() { [ "$1" = hostile ] || [ "$1" = stall ]; }

write_sshd_config() { # profile file
  local kind; kind=$(sshd_kind "$1")
  case $kind in
  weak) cat > "$2" <<'EOF'
# rempart lab profile: weak -- what a neglected / compromised server looks like
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_rsa_key
HostKey /etc/ssh/ssh_host_ecdsa_key
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin yes
PasswordAuthentication yes
PermitEmptyPasswords yes
KbdInteractiveAuthentication yes
UsePAM yes
X11Forwarding yes
AllowTcpForwarding yes
AllowAgentForwarding yes
PermitTunnel yes
GatewayPorts yes
PermitUserEnvironment yes
StrictModes no
MaxAuthTries 10
LoginGraceTime 600
ClientAliveInterval 0
LogLevel QUIET
Banner /etc/issue.net
Ciphers +3des-cbc,aes128-cbc,aes256-cbc
KexAlgorithms +diffie-hellman-group1-sha1,diffie-hellman-group14-sha1
MACs +hmac-md5,hmac-sha1-96
HostKeyAlgorithms +ssh-rsa
PubkeyAcceptedAlgorithms +ssh-rsa
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  ;;
  hardened) cat > "$2" <<EOF
# rempart lab profile: hardened -- CIS/ANSSI-style sshd. Kept reachable for
# libssh2 1.10 (Debian 12), which needs aes*-ctr and non-etm hmac-sha2.
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin no
PasswordAuthentication no
PermitEmptyPasswords no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthenticationMethods publickey
UsePAM yes
AllowUsers $AUSER
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
GatewayPorts no
PermitUserEnvironment no
StrictModes yes
IgnoreRhosts yes
HostbasedAuthentication no
MaxAuthTries 3
MaxSessions 4
MaxStartups 10:30:60
LoginGraceTime 30
ClientAliveInterval 300
ClientAliveCountMax 0
LogLevel VERBOSE
Banner /etc/issue.net
Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr
KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha256
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-512,hmac-sha2-256
HostKeyAlgorithms ssh-ed25519
PrintMotd no
Subsystem sftp internal-sftp
EOF
  ;;
  stock) # Debian 12's pristine sshd_config, byte for byte (defaults: port 22,
         # all addresses, rsa/ecdsa/ed25519 keys in /etc/ssh, /run/sshd.pid)
    if [ -f /usr/share/openssh/sshd_config ]; then cp /usr/share/openssh/sshd_config "$2"
    else cp /etc/ssh/sshd_config "$2"; fi
    chmod 644 "$2" ;;
  esac
}

gen_hostkeys() { # profile dir N
  local kind; kind=$(sshd_kind "$1")
  case $kind in
    weak) ssh-keygen -q -t rsa -b 1024 -N '' -C "h$3" -f "$2/ssh_host_rsa_key"
          ssh-keygen -q -t ecdsa -b 256 -N '' -C "h$3" -f "$2/ssh_host_ecdsa_key"
          ssh-keygen -q -t ed25519 -N '' -C "h$3" -f "$2/ssh_host_ed25519_key" ;;
    hardened) ssh-keygen -q -t ed25519 -N '' -C "h$3" -f "$2/ssh_host_ed25519_key" ;;
    stock) ssh-keygen -q -t rsa -b 3072 -N '' -C "h$3" -f "$2/ssh_host_rsa_key"
           ssh-keygen -q -t ecdsa -b 256 -N '' -C "h$3" -f "$2/ssh_host_ecdsa_key"
           ssh-keygen -q -t ed25519 -N '' -C "h$3" -f "$2/ssh_host_ed25519_key" ;;
  esac
}

# the machine's system accounts only (uid < 1000 or 65534, no login shell
# except root's), group member lists cleared: hosts don't depend on who else
# uses this machine. Lab accounts are appended by prepare_host.
copy_accounts() { # upper-dir
  local up=$1 keep
  keep=$(awk -F: '$1=="root" || (($3<1000 || $3==65534) && $7 ~ /(nologin|false|sync)$/) {print $1}' /etc/passwd | tr '\n' ' ')
  awk -F: -v k=" $keep " 'index(k, " " $1 " ")' /etc/passwd > "$up/passwd"
  awk -F: -v k=" $keep " 'index(k, " " $1 " ")' /etc/shadow > "$up/shadow"
  awk -F: -v OFS=: '($3<1000 || $3==65534) {$4=""; print}' /etc/group > "$up/group"
  awk -F: -v OFS=: 'NR==FNR {g[$1]=1; next} ($1 in g) {$4=""; print}' "$up/group" /etc/gshadow > "$up/gshadow"
  chmod 644 "$up/passwd" "$up/group"; chmod 640 "$up/shadow" "$up/gshadow"
  chown root:shadow "$up/shadow" "$up/gshadow"
}

add_user() { # up name uid gecos home shell shadow-hash
  local up=$1
  echo "$2:x:$3:$3:$4:$5:$6" >> "$up/passwd"
  echo "$2:x:$3:" >> "$up/group"; echo "$2:!::" >> "$up/gshadow"
  echo "$2:$7:19000:0:99999:7:::" >> "$up/shadow"
}

write_sudoers() { # up profile
  local up=$1 prof=$2 d=$1/sudoers.d
  mkdir -p "$d"; setfattr -n trusted.overlay.opaque -v y "$d"   # only our files
  cat > "$up/sudoers" <<'EOF'
# rempart lab: Debian 12's default sudoers
Defaults	env_reset
Defaults	mail_badpass
Defaults	secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
Defaults	use_pty
root	ALL=(ALL:ALL) ALL
%sudo	ALL=(ALL:ALL) ALL
@includedir /etc/sudoers.d
EOF
  case $prof in
    hardened|rekeyed)
      local cat_ find_ sshd_
      cat_=$(command -v cat); find_=$(command -v find); sshd_=$SSHD
      printf 'Defaults requiretty\nDefaults noexec\nDefaults use_pty\n' > "$d/00-anssi"
      echo "$AUSER ALL=(root) NOPASSWD: $cat_, $sshd_ -T*, $find_" > "$d/$AUSER" ;;
    sudopw)
      echo "$AUSER ALL=(ALL:ALL) ALL" > "$d/$AUSER" ;;
    *)
      echo "$AUSER ALL=(ALL) NOPASSWD: ALL" > "$d/$AUSER" ;;
  esac
  # weak: a host's own passwordless rule besides the audit's (a finding;
  # the audit account's rule alone is the audit's footprint)
  [ "$prof" = weak ] && echo "deploy ALL=(ALL) NOPASSWD: ALL" > "$d/deploy"
  chmod 0440 "$up/sudoers" "$d"/*
}

write_pam() { # up profile
  local up=$1 nodelay=""
  [ "$2" = weak ] && nodelay=" nodelay"   # empty-password "none" probe: no 2 s fail delay
  mkdir -p "$up/pam.d"
  printf 'auth\t[success=1 default=ignore]\tpam_unix.so nullok%s\nauth\trequisite\tpam_deny.so\nauth\trequired\tpam_permit.so\n' "$nodelay" > "$up/pam.d/common-auth"
  printf 'account\t[success=1 new_authtok_reqd=done default=ignore]\tpam_unix.so\naccount\trequisite\tpam_deny.so\naccount\trequired\tpam_permit.so\n' > "$up/pam.d/common-account"
  printf 'session\t[default=1]\tpam_permit.so\nsession\trequisite\tpam_deny.so\nsession\trequired\tpam_permit.so\nsession\trequired\tpam_unix.so\n' | tee "$up/pam.d/common-session" > "$up/pam.d/common-session-noninteractive"
  printf 'password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\tpam_deny.so\npassword\trequired\tpam_permit.so\n' > "$up/pam.d/common-password"
  printf 'passwd: files\ngroup: files\nshadow: files\ngshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\nethers: files\nrpc: files\nsudoers: files\n' > "$up/nsswitch.conf"
}

login_defs() { # up max-days
  sed "s/^PASS_MAX_DAYS.*/PASS_MAX_DAYS\t$2/" /etc/login.defs > "$1/login.defs"
  if [ "$2" = 90 ]; then sed -i 's/^PASS_MIN_DAYS.*/PASS_MIN_DAYS\t1/' "$1/login.defs"; fi
}

hostile_files() { # up
  local up=$1
  { printf 'Welcome to h6 (rempart lab, profile hostile).\n'
    printf '%s\n' "$DELIM"
    printf '\033[2J\033[H\033]0;pwned\007\033[31mred text\033[0m\n'
    printf '==rempart:begin:deadbeef==\n'
    printf 'carriage\rreturn overwrite\n'
    printf 'no trailing newline'; } > "$up/motd"
  # 5 MiB exactly: 81920 lines of 64 bytes
  awk 'BEGIN { for (i = 0; i < 81920; i++) print "lab-big-line 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKL" }' > "$up/lab-big.txt"
  # every byte value 0..255, then the delimiter between NULs, then an ESC sequence
  { local i; for i in $(seq 0 255); do printf '%b' "\\0$(printf %03o "$i")"; done
    printf '\000%s\000\033[2J\000' "$DELIM"; } > "$up/lab-binary"
  mkdir -p "$up/cron.d"
  { printf '# rempart lab hostile cron file\n%s\n' "$DELIM"
    printf '# \033[2J escape in a comment\n'
    printf '17 3 * * * root /bin/true'; } > "$up/cron.d/lab-hostile"
  chmod 644 "$up/motd" "$up/lab-big.txt" "$up/lab-binary" "$up/cron.d/lab-hostile"
}

# Build host N's overlay upper dir, home dirs and keys (nothing is mounted yet).
prepare_host() { # N profile
  local n=$1 prof=$2 h=$W/h$1 up hh rh kind f
  kind=$(sshd_kind "$prof")
  rm -rf "$h"; mkdir -p "$h"
  echo "$prof" > "$h/profile"
  [ "$kind" = none ] && return 0
  up=$h/etc-upper; hh=$h/home; rh=$h/root
  mkdir -p "$up/ssh" "$h/etc-work" "$hh" "$rh/.ssh"
  chmod 755 "$hh" "$up"; chmod 700 "$rh" "$rh/.ssh"
  setfattr -n trusted.overlay.opaque -v y "$up/ssh"   # the host sees only our /etc/ssh
  cp -p /etc/ssh/moduli /etc/ssh/ssh_config "$up/ssh/"
  gen_hostkeys "$prof" "$up/ssh" "$n"
  write_sshd_config "$prof" "$up/ssh/sshd_config"
  mkdir -p "$up/ssh/sshd_config.d"
  if [ "$prof" = mixed ] || [ "$prof" = sudopw ]; then
    printf '# rempart lab: a drop-in (read through the Include at the top of sshd_config)\nPasswordAuthentication no\nX11Forwarding yes\n' > "$up/ssh/sshd_config.d/50-lab.conf"
  fi
  # identity
  echo "h$n" > "$up/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\th%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' "$n" > "$up/hosts"
  printf 'profile=%s\nhost=h%s\n' "$prof" "$n" > "$up/lab-profile"
  write_pam "$up" "$prof"
  copy_accounts "$up"
  # the audit account
  local shell=/bin/bash hash='!'
  if [ "$prof" = weak ] || [ "$prof" = sudopw ]; then hash=$(openssl passwd -6 -salt rlabsalt1 "$AUDITOR_PW"); fi
  if [ "$prof" = stall ]; then
    shell=/etc/lab-stall-shell
    cat > "$up/lab-stall-shell" <<'EOF'
#!/bin/sh
# rempart lab (profile stall): the auditor's login shell. It prints a line and
# then never runs the command (sleeps an hour): every command times out.
echo "lab-stall: h7 accepted the login and will now hang"
sleep 3600
exec /bin/sh "$@"
EOF
    chmod 755 "$up/lab-stall-shell"
  fi
  cp /etc/shells "$up/shells"
  [ "$prof" = stall ] && echo /etc/lab-stall-shell >> "$up/shells"
  add_user "$up" "$AUSER" "$AUID" "rempart auditor" "/home/$AUSER" "$shell" "$hash"
  mkdir -p "$hh/$AUSER/.ssh"
  cat "$W/client/id_ed25519.pub" "$W/client/id_ed25519_pp.pub" > "$hh/$AUSER/.ssh/authorized_keys"
  chmod 700 "$hh/$AUSER" "$hh/$AUSER/.ssh"; chmod 600 "$hh/$AUSER/.ssh/authorized_keys"
  chown -R "$AUID:$AUID" "$hh/$AUSER"
  write_sudoers "$up" "$prof"
  case $prof in
  weak)
    cat "$W/client/id_ed25519.pub" > "$rh/.ssh/authorized_keys"
    echo "toor:x:0:0:backdoor:/root:/bin/bash" >> "$up/passwd"
    echo "toor:$(openssl passwd -6 -salt rlabsalt2 toor):19000:0:99999:7:::" >> "$up/shadow"
    add_user "$up" guest 2002 guest /home/guest /bin/bash ""          # empty password
    add_user "$up" xssuser 2003 '<script>alert(1)</script>' /home/xssuser /bin/bash '!'
    add_user "$up" csvuser 2004 "=cmd|' /C calc'!A0" /home/csvuser /bin/bash '!'
    for f in guest:2002 xssuser:2003 csvuser:2004; do
      mkdir -p "$hh/${f%%:*}"; chown "${f#*:}:${f#*:}" "$hh/${f%%:*}"; chmod 755 "$hh/${f%%:*}"
    done
    printf 'Authorized users only <img src=x onerror=alert(1)>\n' > "$up/issue.net"
    chmod 0644 "$up/shadow"                                     # world-readable shadow
    chmod 0666 "$up/ssh/sshd_config"                            # world-writable sshd config
    mkdir -p "$up/cron.d"; echo "* * * * * root /tmp/.x/run.sh" > "$up/cron.d/backup"
    chmod 0666 "$up/cron.d/backup"                              # world-writable root cron job
    # timestomped like an intruder would: mtime in 2019, ctime (set by the
    # kernel) stays the lab's start, which the post-incident checks use
    touch -d '2019-03-04 05:06:07 UTC' "$up/cron.d/backup"
    mkdir -p "$up/sysctl.d"; echo "net.ipv4.ip_forward = 1" > "$up/sysctl.d/99-lab.conf"
    ;;
  hardened|rekeyed|bulk|light)
    chmod 0600 "$up/ssh/sshd_config"                            # CIS 5.1.1
    echo "Authorized access only." > "$up/issue.net"
    login_defs "$up" 90
    mkdir -p "$up/sysctl.d"
    printf 'net.ipv4.ip_forward = 0\nnet.ipv4.conf.all.accept_redirects = 0\nnet.ipv4.conf.all.send_redirects = 0\nkernel.randomize_va_space = 2\n' > "$up/sysctl.d/99-hardening.conf"
    ;;
  mixed|sudopw)
    cat "$W/client/id_ed25519.pub" > "$rh/.ssh/authorized_keys"
    login_defs "$up" 99999
    ;;
  hostile)
    hostile_files "$up" ;;
  breached)
    # an account whose password was set ten days ago (shadow last-change
    # day): dated by /etc/shadow whatever the file's own times
    local d10; d10=$(( $(date +%s) / 86400 - 10 ))
    add_user "$up" svc-old 1600 "svc-old" /nonexistent /usr/sbin/nologin '!'
    sed -i "s/^svc-old:!:19000:/svc-old:!:$d10:/" "$up/shadow"
    mkdir -p "$up/systemd/system/multi-user.target.wants" "$up/cron.d" "$up/cron.daily" "$up/profile.d"
    ;;
  cleaned)
    mkdir -p "$up/systemd/system" "$up/cron.d"
    ;;
  esac
  [ -f "$rh/.ssh/authorized_keys" ] && chmod 600 "$rh/.ssh/authorized_keys"
  return 0
}

mk_netns() { # N profile
  local n=$1 ns=$PREFIX$1 addr; addr=$(addr_of "$1")
  ip netns list | awk '{print $1}' | grep -qx "$ns" && die "netns $ns already exists (another lab? set LAB_PREFIX)"
  [ -z "$(ip route show to exact "$NET.$n.0/24")" ] || die "$NET.$n.0/24 is already routed here (set LAB_NET)"
  ip netns add "$ns"; echo "$ns" > "$ST/h$n.netns"
  ip link add "$ns" type veth peer name eth0 netns "$ns"
  ip addr add "$NET.$n.1/24" dev "$ns"; ip link set "$ns" up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up; ip -n "$ns" link set lo up
  # net.* sysctls are per netns: make the live values match the profile
  case $2 in
    weak) ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 ;;
    hardened|rekeyed|bulk)
      ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.all.send_redirects=0 ;;
  esac
}

# the host's init: private /run, overlay /etc, own /home, /root, /tmp; sshd as pid 1
# shellcheck disable=SC2016  # expanded by the inner sh
INNER='set -e; h=$1; n=$2
  mount -t tmpfs -o mode=755 lab-run /run; mkdir -m 755 /run/sshd
  mount -t overlay lab-etc -o "lowerdir=/etc,upperdir=$h/etc-upper,workdir=$h/etc-work" /etc
  mount --bind "$h/home" /home
  mount --bind "$h/root" /root
  mount -t tmpfs -o mode=1777 lab-tmp /tmp
  hostname "h$n"
  '"$SSHD"' -t -f /etc/ssh/sshd_config
  exec '"$SSHD"' -D -e -f /etc/ssh/sshd_config'

start_host() { # N
  local n=$1 h=$W/h$1
  # setsid: the caller's Ctrl-C / process-group kill doesn't reach the hosts.
  # ip netns exec and unshare exec() their command, so $! is unshare; with
  # --fork it stays the parent of sshd (pid 1 of the host's pid namespace).
  setsid ip netns exec "$PREFIX$n" unshare --mount --uts --pid --fork --mount-proc \
      --propagation private --kill-child=SIGTERM /bin/sh -c "$INNER" sh "$h" "$n" \
      >> "$h/sshd.log" 2>&1 < /dev/null &
  echo $! > "$ST/h$n.pid"
}

wait_port() { # addr port timeout_s
  local i
  for i in $(seq $(($3 * 20))); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.05
  done; return 1
}

do_stop() {
  [ -d "$ST" ] || return 0
  if [ -f "$ST/light" ]; then do_stop_light; return 0; fi
  local f n p c
  for f in "$ST"/h*.delaypid; do [ -e "$f" ] || continue; do_undelay "$(basename "$f" .delaypid | tr -d h)"; done
  # signal every host first, then wait: a pid-ns teardown takes 1-2 s each.
  # unshare --fork ignores SIGTERM itself: signal its child (pid 1 = sshd).
  for f in "$ST"/h*.pid; do
    [ -e "$f" ] || continue; p=$(cat "$f")
    if pid_alive "$p" && [ "$(comm_of "$p")" = unshare ]; then
      for c in $(children_of "$p"); do kill -TERM "$c" 2>/dev/null || true; done
    fi
  done
  for f in "$ST"/h*.pid; do
    [ -e "$f" ] || continue; p=$(cat "$f")
    if pid_alive "$p" && [ "$(comm_of "$p")" = unshare ]; then
      for _ in $(seq 50); do pid_alive "$p" || break; sleep 0.1; done
      if pid_alive "$p" && [ "$(comm_of "$p")" = unshare ]; then kill -KILL "$p" 2>/dev/null || true; fi
    fi
    rm -f "$f"
  done
  for f in "$ST"/h*.netns; do
    [ -e "$f" ] || continue
    n=$(cat "$f")
    # anything still in a netns we created is ours (e.g. an exec'd command)
    for p in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip link del "$n" 2>/dev/null || true    # our end of the veth pair (now, not when the netns is reaped)
    ip netns del "$n" 2>/dev/null || true
    rm -f "$f"
  done
  rm -f "$W/hosts.tsv"
}

client_files() {
  local c=$W/client
  mkdir -p "$c"; chmod 700 "$c"
  [ -f "$c/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C rempart-lab -f "$c/id_ed25519"
  if [ ! -f "$c/id_ed25519_pp" ] || [ ! -f "$c/passphrase" ]; then
    rm -f "$c/id_ed25519_pp" "$c/id_ed25519_pp.pub"
    (umask 077; openssl rand -hex 12 | tr -d '\n' > "$c/passphrase")
    ssh-keygen -q -t ed25519 -N "$(cat "$c/passphrase")" -C rempart-lab-pp -f "$c/id_ed25519_pp"
  fi
  (umask 077; printf '%s' "$AUDITOR_PW" > "$c/auditor.pw")
  chmod 600 "$c/passphrase" "$c/auditor.pw" "$c/id_ed25519" "$c/id_ed25519_pp"
}

write_known_hosts_and_config() {
  local c=$W/client name addr prof hk
  : > "$c/known_hosts"
  {
    echo "# rempart lab client config: ssh -F $c/ssh_config hN CMD"
    while read -r name addr prof; do
      printf 'Host %s\n  HostName %s\n' "$name" "$addr"
    done < "$W/hosts.tsv"
    cat <<EOF
Host *
  Port 22
  User $AUSER
  IdentityFile $c/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $c/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  UpdateHostKeys no
  HashKnownHosts no
  BatchMode yes
  ConnectTimeout 5
  LogLevel ERROR
EOF
  } > "$c/ssh_config"
  if [ -f "$ST/light" ]; then   # light hosts: one key set for every address
    hk=$(cut -d' ' -f1,2 "$W/hlight/etc-upper/ssh/ssh_host_ed25519_key.pub")
    awk -v k="$hk" '{ print $2 " " k }' "$W/hosts.tsv" >> "$c/known_hosts"
  else
  while read -r name addr prof; do
    [ "$(sshd_kind "$prof")" = none ] && continue
    for hk in "$W/$name"/etc-upper/ssh/ssh_host_*_key.pub; do
      echo "$addr $(cut -d' ' -f1,2 "$hk")"
    done
  done < "$W/hosts.tsv" >> "$c/known_hosts"
  fi
  chmod 644 "$c/known_hosts" "$c/ssh_config"
}

write_inventory() { # file group-filter(main|faults|bulk)
  local f=$1 sel=$2 name addr prof role line any=0
  {
    echo "# rempart lab inventory ($sel), generated by tests/lab/sshd-hosts.sh"
    echo "# known_hosts: $W/client/known_hosts"
    echo "[linux]"
    while read -r name addr prof; do
      case $sel in
        main) is_fault_profile "$prof" && continue ;;
        faults) is_fault_profile "$prof" || continue ;;
      esac
      any=1
      line="$name ansible_host=$addr"
      role=$(role_of "$prof"); [ -n "$role" ] && line="$line role=$role"
      echo "$line"
    done < "$W/hosts.tsv"
    cat <<EOF

[linux:vars]
ansible_user=$AUSER
ansible_port=22
ansible_ssh_private_key_file=$W/client/id_ed25519
ansible_become=true
ansible_become_method=sudo
EOF
  } > "$f.tmp"
  if [ $any = 1 ]; then mv "$f.tmp" "$f"; else rm -f "$f.tmp"; fi
}

do_start() { # profile...
  local profiles=("$@") n prof t0 pids=() p rc=0 name addr
  command -v "$SSHD" >/dev/null || die "openssh-server not installed"
  command -v sudo >/dev/null || die "sudo not installed (apt-get install -y --no-install-recommends sudo)"
  command -v setfattr >/dev/null || die "attr not installed (setfattr)"
  [ ${#profiles[@]} -le $MAXBULK ] || die "at most $MAXBULK hosts"
  for prof in "${profiles[@]}"; do sshd_kind "$prof" >/dev/null; done
  t0=$(now)
  do_stop
  # a start that fails half-way leaves nothing running
  trap 'if [ "${STARTED:-0}" != 1 ]; then do_stop; fi' EXIT
  rm -f "$W"/inventory*.ini
  mkdir -p "$ST"; : > "$W/hosts.tsv"
  client_files
  n=0
  for prof in "${profiles[@]}"; do
    n=$((n + 1)); echo "h$n $(addr_of $n) $prof" >> "$W/hosts.tsv"
  done
  # prepare every host in parallel (key generation dominates)
  n=0
  for prof in "${profiles[@]}"; do
    n=$((n + 1)); prepare_host "$n" "$prof" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  [ $rc = 0 ] || die "preparing a host failed"
  write_known_hosts_and_config
  # rekeyed: the client's known_hosts now has the first key; replace it
  n=0
  for prof in "${profiles[@]}"; do
    n=$((n + 1)); [ "$prof" = rekeyed ] || continue
    local k=$W/h$n/etc-upper/ssh/ssh_host_ed25519_key
    mv "$k.pub" "$W/h$n/old_ssh_host_ed25519_key.pub"; rm -f "$k"
    ssh-keygen -q -t ed25519 -N '' -C "h$n-rekeyed" -f "$k"
  done
  n=0
  for prof in "${profiles[@]}"; do
    n=$((n + 1)); mk_netns "$n" "$prof"
    [ "$(sshd_kind "$prof")" = none ] || start_host "$n"
  done
  while read -r name addr prof; do
    [ "$(sshd_kind "$prof")" = none ] && continue
    wait_port "$addr" 22 10 || { cat "$W/$name/sshd.log" >&2; die "$name did not start"; }
    p=$(cat "$ST/$name.pid")
    [ "$(comm_of "$p")" = unshare ] || die "$name: recorded pid $p is not unshare"
  done < "$W/hosts.tsv"
  if [ "${profiles[0]}" = bulk ]; then write_inventory "$W/inventory-bulk.ini" bulk
  else write_inventory "$W/inventory.ini" main; write_inventory "$W/inventory-faults.ini" faults; fi
  STARTED=1
  echo "started ${#profiles[@]} hosts in $(since "$t0") s (WORKDIR $W)"
  do_status
}

do_status() {
  [ -f "$W/hosts.tsv" ] || { echo "not running"; return 0; }
  if [ -f "$ST/light" ]; then do_status_light; return; fi
  local name addr prof p s
  while read -r name addr prof; do
    if [ "$(sshd_kind "$prof")" = none ]; then
      if [ -f "$ST/$name.netns" ]; then s="up (no sshd: connection refused)"; else s=DOWN; fi
      p=-
    else
      p=$(cat "$ST/$name.pid" 2>/dev/null || echo -)
      if pid_alive "$p" && [ "$(comm_of "$p")" = unshare ]; then s=up; else s=DOWN; fi
    fi
    printf '%-4s %-12s %-9s netns=%s pid=%s %s\n' "$name" "$addr:22" "$prof" "$(cat "$ST/$name.netns" 2>/dev/null || echo -)" "$p" "$s"
  done < "$W/hosts.tsv"
}

host_pid() { # N -> pid of sshd in the root pid ns (pid 1 of the host's pid ns)
  local up; up=$(cat "$ST/h$1.pid" 2>/dev/null) || die "h$1 is not running"
  children_of "$up" | head -n 1
}

do_exec() { local n=$1; shift
  [ $# -gt 0 ] || die "exec WORKDIR N CMD..."
  if [ -f "$ST/h$n.pid" ]; then nsenter -t "$(host_pid "$n")" -m -u -p -n -r -w -- "$@"
  elif [ -f "$ST/h$n.netns" ]; then ip netns exec "$(cat "$ST/h$n.netns")" "$@"
  else die "h$n is not running"; fi
}

do_delay() { # N MS
  local n=$1 ms=$2 ns bin=$W/nfq-delay
  ns=$(cat "$ST/h$n.netns" 2>/dev/null) || die "h$n is not running"
  case $ms in ''|*[!0-9]*) die "delay MS must be a number" ;; esac
  do_undelay "$n"
  # this kernel has no sch_netem: hold the host's outgoing packets in user space
  # via an NFQUEUE rule inside the host's own netns (the root ns is untouched)
  command -v iptables-legacy >/dev/null || die "need iptables (iptables-legacy)"
  if [ ! -x "$bin" ] || [ "$HERE/nfq-delay.c" -nt "$bin" ]; then
    gcc -O2 -o "$bin" "$HERE/nfq-delay.c" -lnetfilter_queue || die "need gcc + libnetfilter-queue-dev"
  fi
  ip netns exec "$ns" iptables-legacy -A OUTPUT -o eth0 -j NFQUEUE --queue-num 0 --queue-bypass
  ip netns exec "$ns" "$bin" 0 "$ms" >> "$W/h$n/delay.log" 2>&1 < /dev/null &
  echo $! > "$ST/h$n.delaypid"
  sleep 0.2
  echo "h$n: +$ms ms on every packet it sends (nfq-delay pid $(cat "$ST/h$n.delaypid"))"
}

do_undelay() { local n=$1 ns p
  ns=$(cat "$ST/h$n.netns" 2>/dev/null) || return 0
  [ -f "$ST/h$n.delaypid" ] || return 0
  ip netns exec "$ns" iptables-legacy -D OUTPUT -o eth0 -j NFQUEUE --queue-num 0 --queue-bypass 2>/dev/null || true
  p=$(cat "$ST/h$n.delaypid")
  if pid_alive "$p" && [ "$(comm_of "$p")" = nfq-delay ]; then
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 30); do pid_alive "$p" || break; sleep 0.1; done
  fi
  rm -f "$ST/h$n.delaypid"
}

# ---------------------------------------------------------------- light hosts
# start-light: up to MAXLIGHT sshd hosts for scale benchmarks. Each host is an
# sshd process in its own network namespace (/30 inside LAB_NET's /16: host I
# at LAB_NET.(4I/256).(4I%256+2), this machine's end at +1; no default route)
# and its own UTS, pid and mount namespaces (hostname hI; sshd is pid 1 and
# reaps every process of every session, orphans included, so its cumulative
# CPU, utime+stime+cutime+cstime, is the host's; its own /proc). What the
# hosts SHARE: one prepared overlay /etc (the bulk profile's: hardened sshd,
# auditor with NOPASSWD: ALL, PidFile none), one /home, /root, /run, /tmp
# (a mount namespace, WORKDIR/state/mntns, each host's a copy of it), and
# ONE host key set (known_hosts lists it for every address).
# LAB_NET's whole /16 is routed "unreachable" on this machine while the lab
# runs: no address of it can leave by the default route.
MAXLIGHT=1000
# At 1,000 hosts every fork counts (this machine is shared): the loops below
# use bash builtins only; ip runs once for this machine's side (-batch) and
# once inside each host, in the host's own start command, in parallel.
light_addr() { # I [end: 2 host, 1 this machine]
  local b=$(( 4 * $1 )); echo "$NET.$(( b / 256 )).$(( b % 256 + ${2:-2} ))"
}
light_addr_v() { # I END -> REPLY (no subshell)
  local b=$(( 4 * $1 )); REPLY="$NET.$(( b / 256 )).$(( b % 256 + $2 ))"
}
# fixed MAC addresses, so that both ends know each other without ARP:
# neighbour entries are global to the machine and its table is full at
# gc_thresh3 (1,024 by default), 2,000 dynamic entries would overflow it and
# drop connections; permanent entries are exempt from that limit
light_mac_v() { # I END -> REPLY
  printf -v REPLY '02:%02x:%02x:%02x:00:%02x' "${NET#*.}" $(( $1 / 256 )) $(( $1 % 256 )) "$2"
}

light_sites() { # N -> number of inventory groups (site_01..): LIGHT_SITES or 10 (fewer if N < 10)
  local s=${LIGHT_SITES:-10}
  case $s in ''|*[!0-9]*|0) die "LIGHT_SITES must be a positive number" ;; esac
  [ "$s" -le "$1" ] || s=$1; echo "$s"
}

write_light_inventory() { # N
  local n=$1 s i k g per
  s=$(light_sites "$n"); per=$(( (n + s - 1) / s ))
  {
    echo "# rempart lab inventory (light: $n hosts in $s groups), generated by tests/lab/sshd-hosts.sh"
    echo "# known_hosts: $W/client/known_hosts"
    i=1
    for (( k = 1; k <= s; k++ )); do
      printf -v g 'site_%02d' "$k"
      echo "[$g]"
      while [ "$i" -le "$n" ] && [ "$i" -le $(( k * per )) ]; do
        light_addr_v "$i" 2; echo "h$i ansible_host=$REPLY"; i=$(( i + 1 ))
      done
      echo
    done
    echo "[linux:children]"
    for (( k = 1; k <= s; k++ )); do printf 'site_%02d\n' "$k"; done
    cat <<EOT

[linux:vars]
ansible_user=$AUSER
ansible_port=22
ansible_ssh_private_key_file=$W/client/id_ed25519
ansible_become=true
ansible_become_method=sudo
EOT
  } > "$W/inventory-light.ini"
}

# pid P (the host's unshare) runs in a netns where something listens on port 22
light_listening() {
  local la st
  [ -r "/proc/$1/net/tcp" ] || return 1
  while read -r _ la _ st _; do
    [ "$la" = 00000000:0016 ] && [ "$st" = 0A ] && return 0
  done < "/proc/$1/net/tcp"
  return 1
}
light_is_host() { # pid: unshare, running (a zombie waits for this machine's init)
  local c st
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  read -r _ c st _ < "/proc/$1/stat" 2>/dev/null || return 1
  [ "$c" = "(unshare)" ] && [ "$st" != Z ]
}

do_start_light() { # N
  local n=$1 t0 i ns p b addr peer
  command -v "$SSHD" >/dev/null || die "openssh-server not installed"
  command -v sudo >/dev/null || die "sudo not installed (apt-get install -y --no-install-recommends sudo)"
  command -v setfattr >/dev/null || die "attr not installed (setfattr)"
  command -v nsenter >/dev/null || die "util-linux not installed (nsenter)"
  [ $(( ${#PREFIX} + ${#n} )) -le 15 ] || die "LAB_PREFIX too long for $n hosts (interface names: 15 chars)"
  t0=$(now)
  do_stop
  [ -z "$(ip route show root "$NET.0.0/16")" ] || die "$NET.0.0/16 is already routed here (another lab? set LAB_NET)"
  for i in 1 "$n"; do
    ip netns list | awk '{print $1}' | grep -qx "$PREFIX$i" && die "netns $PREFIX$i already exists (another lab? set LAB_PREFIX)"
  done
  trap 'if [ "${STARTED:-0}" != 1 ]; then do_stop; fi' EXIT
  rm -f "$W"/inventory*.ini
  mkdir -p "$ST"; : > "$W/hosts.tsv"; echo "$n" > "$ST/light"
  ip route add unreachable "$NET.0.0/16"; touch "$ST/light.route"
  client_files
  # the one prepared /etc (upper dir), /home, /root and host key: $W/hlight
  prepare_host light light
  sed -i 's|^PidFile .*|PidFile none|' "$W/hlight/etc-upper/ssh/sshd_config"   # /run is shared
  for (( i = 1; i <= n; i++ )); do light_addr_v "$i" 2; echo "h$i $REPLY light"; done > "$W/hosts.tsv"
  write_known_hosts_and_config
  # the shared mount namespace, kept by a bind mount of its nsfs file
  mount --bind "$ST" "$ST"; mount --make-private "$ST"; touch "$ST/mntns.mounted"
  : > "$ST/mntns"
  # shellcheck disable=SC2016  # expanded by the inner sh
  unshare --mount="$ST/mntns" --propagation private /bin/sh -c 'set -e; h=$1
    mount -t tmpfs -o mode=755 lab-run /run; mkdir -m 755 /run/sshd
    mount -t overlay lab-etc -o "lowerdir=/etc,upperdir=$h/etc-upper,workdir=$h/etc-work" /etc
    mount --bind "$h/home" /home
    mount --bind "$h/root" /root
    mount -t tmpfs -o mode=1777 lab-tmp /tmp' sh "$W/hlight"
  nsenter --mount="$ST/mntns" "$SSHD" -t -f /etc/ssh/sshd_config || die "sshd -t failed on the light /etc"
  # namespaces and links: one ip process for this machine's side
  for (( i = 1; i <= n; i++ )); do echo "$PREFIX$i" > "$ST/h$i.netns"; done
  local rmac hmac
  for (( i = 1; i <= n; i++ )); do
    ns=$PREFIX$i; light_mac_v "$i" 1; rmac=$REPLY; light_mac_v "$i" 2; hmac=$REPLY
    echo "netns add $ns"
    echo "link add $ns address $rmac type veth peer name eth0 address $hmac netns $ns"
    light_addr_v "$i" 1; echo "addr add $REPLY/30 dev $ns"
    echo "link set $ns up"
    light_addr_v "$i" 2; echo "neigh replace $REPLY lladdr $hmac dev $ns nud permanent"
  done | ip -batch - || die "creating the namespaces and veth pairs failed"
  mkdir -p "$W/hlight/log"
  for (( i = 1; i <= n; i++ )); do
    light_addr_v "$i" 2; addr=$REPLY; light_addr_v "$i" 1; peer=$REPLY; light_mac_v "$i" 1
    # setsid and nsenter exec() in turn: $! is unshare, the parent of the
    # host's sshd (pid 1 of its pid namespace: it reaps every process of
    # every session, orphans included, so its CPU is the host's). The host
    # configures its own end of the link (one ip per host, in parallel).
    # shellcheck disable=SC2016  # expanded by the inner sh
    setsid nsenter --net="/run/netns/$PREFIX$i" --mount="$ST/mntns" -- \
      unshare --mount --uts --pid --fork --mount-proc --propagation private --kill-child=SIGTERM \
      /bin/sh -c 'set -e
        printf "addr add %s/30 dev eth0\nlink set eth0 up\nlink set lo up\nneigh replace %s lladdr %s dev eth0 nud permanent\n" "$3" "$4" "$5" | ip -batch -
        hostname "$1"; exec "$2" -D -e -f /etc/ssh/sshd_config' sh "h$i" "$SSHD" "$addr" "$peer" "$REPLY" \
      >> "$W/hlight/log/h$i.log" 2>&1 < /dev/null &
    echo $! > "$ST/h$i.pid"
  done
  b=$SECONDS
  for (( i = 1; i <= n; i++ )); do
    read -r p < "$ST/h$i.pid"
    until light_listening "$p"; do
      light_is_host "$p" || { cat "$W/hlight/log/h$i.log" >&2; die "h$i did not start"; }
      [ $(( SECONDS - b )) -lt 300 ] || { cat "$W/hlight/log/h$i.log" >&2; die "h$i did not listen within 300 s"; }
      sleep 0.05
    done
    light_is_host "$p" || die "h$i: recorded pid $p is not unshare"
  done
  write_light_inventory "$n"
  STARTED=1
  echo "started $n light hosts in $(since "$t0") s (WORKDIR $W); their processes: $(( $(light_rss_kib) / 1024 )) MiB RSS in all"
  do_status
}

light_pids() { # the hosts' unshare processes and their children (sshd)
  local f p c
  for f in "$ST"/h*.pid; do
    [ -e "$f" ] || continue; read -r p < "$f"
    light_is_host "$p" || continue
    echo "$p"
    # (a children file has no final newline: read returns 1 and still sets c)
    for c in "/proc/$p/task/"*/children; do read -r c < "$c" 2>/dev/null || true; [ -z "$c" ] || echo "$c"; done
  done
}

light_rss_kib() { # RSS summed over the hosts' unshare and sshd processes
  local -a files=()
  local p
  while read -r p; do files+=("/proc/${p%% *}/status"); done < <(light_pids)
  [ ${#files[@]} -gt 0 ] || { echo 0; return; }
  awk '/^VmRSS/ { t += $2 } END { print t + 0 }' "${files[@]}" 2>/dev/null || echo 0
}

do_stop_light() {
  local f p c n inos=" " pids=()
  # unshare --fork ignores SIGTERM itself: signal its child (pid 1 = sshd)
  for f in "$ST"/h*.pid; do
    [ -e "$f" ] || continue; read -r p < "$f"
    if light_is_host "$p"; then
      for c in "/proc/$p/task/"*/children; do
        read -r c < "$c" 2>/dev/null || true
        # shellcheck disable=SC2086  # every child
        [ -z "$c" ] || kill -TERM $c 2>/dev/null || true
      done
      pids+=("$p")
    fi
  done
  c=$SECONDS
  for p in "${pids[@]}"; do
    while light_is_host "$p" && [ $(( SECONDS - c )) -lt 10 ]; do sleep 0.1; done
    if light_is_host "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
  done
  rm -f "$ST"/h*.pid
  # anything still in a netns we created is ours (a session, an exec'd command)
  if ls "$ST"/h*.netns > /dev/null 2>&1; then
    inos=$(for f in "$ST"/h*.netns; do read -r n < "$f"; echo "/run/netns/$n"; done \
      | xargs -r stat -L -c %i 2>/dev/null | tr '\n' ' ')
    # shellcheck disable=SC2086  # one stat for every process
    stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null \
      | awk -v want=" $inos " 'index(want, " " $1 " ") { split($2, a, "/"); print a[3] }' \
      | xargs -r kill -KILL 2>/dev/null || true
    for f in "$ST"/h*.netns; do
      read -r n < "$f"; echo "link del $n"; echo "netns del $n"
    done | ip -force -batch - > /dev/null 2>&1 || true
  fi
  rm -f "$ST"/h*.netns
  if [ -e "$ST/mntns.mounted" ]; then
    umount "$ST/mntns" 2>/dev/null || true
    umount "$ST" 2>/dev/null || true
    rm -f "$ST/mntns.mounted" "$ST/mntns"
  fi
  if [ -e "$ST/light.route" ]; then
    ip route del unreachable "$NET.0.0/16" 2>/dev/null || true; rm -f "$ST/light.route"
  fi
  rm -f "$ST/light" "$W/hosts.tsv"
}

light_sample() { # N -> host numbers checked: 1, the middle one, N (LIGHT_SAMPLE overrides)
  if [ -n "${LIGHT_SAMPLE:-}" ]; then echo "$LIGHT_SAMPLE"; return; fi
  printf '%s\n' 1 $(( ($1 + 1) / 2 )) "$1" | sort -un | tr '\n' ' '
}

do_status_light() {
  local n i p up=0 down=() ns
  read -r n < "$ST/light"
  for (( i = 1; i <= n; i++ )); do
    p=-; [ -r "$ST/h$i.pid" ] && read -r p < "$ST/h$i.pid"
    if light_is_host "$p" && light_listening "$p"; then up=$((up + 1)); else down+=("h$i"); fi
  done
  echo "light: $up of $n hosts up (sshd listening in its netns), $(( $(light_rss_kib) / 1024 )) MiB RSS in all${down:+; DOWN: ${down[*]:0:20}}"
  for i in $(light_sample "$n"); do
    ns=-; [ -r "$ST/h$i.netns" ] && read -r ns < "$ST/h$i.netns"
    p=-; [ -r "$ST/h$i.pid" ] && read -r p < "$ST/h$i.pid"
    light_addr_v "$i" 2
    printf '%-6s %-16s light     netns=%s pid=%s\n' "h$i" "$REPLY:22" "$ns" "$p"
  done
  [ ${#down[@]} = 0 ]
}

do_check_light() {
  local n i ns name key
  read -r n < "$ST/light"
  key=$(cut -d' ' -f1,2 "$W/hlight/etc-upper/ssh/ssh_host_ed25519_key.pub")
  expect "light: every host is up" do_status_light
  expect "light: known_hosts lists the one host key for all $n addresses" \
    is "$n" sh -c "grep -c ' $key\$' '$W/client/known_hosts'"
  expect "light: $NET.0.0/16 unreachable here but for the hosts' links" \
    has "unreachable $NET.0.0/16" ip route show root "$NET.0.0/16"
  for i in $(light_sample "$n"); do
    name=h$i ns=$PREFIX$i
    expect "$name light: key login, hostname $name, /etc/lab-profile" is "$name profile=light" \
      S "$name" 'echo $(hostname) $(grep ^profile= /etc/lab-profile)'
    expect "$name light: sudo -n NOPASSWD" has "uid=0(root)" S "$name" sudo -n id
    expect "$name light: root login refused" fails_with "Permission denied" S -l root "$name" true
    expect "$name light: only an ed25519 host key" is "ssh_host_ed25519_key ssh_host_ed25519_key.pub" S "$name" "cd /etc/ssh && echo ssh_host_*"
    expect "$name light: no default route in its netns" is "" ip -n "$ns" route show default
    expect "$name light: one /30 route only" is "1" sh -c "ip -n '$ns' -4 route show | wc -l"
  done
  if [ "$n" -ge 2 ]; then
    expect "h1 light: cannot reach h2 (no route)" fails_with "unreachable" \
      ip netns exec "${PREFIX}1" timeout 5 bash -c "exec 3<>/dev/tcp/$(light_addr 2)/22"
  fi
  echo "check: $OKS ok, $FAILS failed"
  [ $FAILS = 0 ]
}

# ---------------------------------------------------------------- check
OKS=0; FAILS=0
ok() { OKS=$((OKS + 1)); echo "ok   $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL $*"; }
expect() { # description, then: command...; passes when it exits 0
  local d=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$d"; else bad "$d"; fi
}
S() { ssh -n -F "$W/client/ssh_config" "$@"; }
askpass_ssh() { # password user host cmd: password login through SSH_ASKPASS
  local ap=$ST/askpass pw=$1; shift
  # shellcheck disable=SC2016  # $LAB_PW is expanded by the askpass script
  printf '#!/bin/sh\nprintf "%%s\\n" "$LAB_PW"\n' > "$ap"; chmod 700 "$ap"
  LAB_PW=$pw SSH_ASKPASS=$ap SSH_ASKPASS_REQUIRE=force DISPLAY=none \
    ssh -n -F "$W/client/ssh_config" -o BatchMode=no -o PubkeyAuthentication=no \
      -o PreferredAuthentications=password,keyboard-interactive -o NumberOfPasswordPrompts=1 \
      -l "$@" < /dev/null
}
pp_ssh() { # addr cmd...: log in with the passphrase-protected key
  local ap=$ST/askpass
  # shellcheck disable=SC2016  # $LAB_PW is expanded by the askpass script
  printf '#!/bin/sh\nprintf "%%s\\n" "$LAB_PW"\n' > "$ap"; chmod 700 "$ap"
  LAB_PW=$(cat "$W/client/passphrase") SSH_ASKPASS=$ap SSH_ASKPASS_REQUIRE=force DISPLAY=none \
    ssh -n -F /dev/null -o BatchMode=no -o IdentitiesOnly=yes -i "$W/client/id_ed25519_pp" \
      -o UserKnownHostsFile="$W/client/known_hosts" -o GlobalKnownHostsFile=/dev/null \
      -o StrictHostKeyChecking=yes -o LogLevel=ERROR -l "$AUSER" "$@" < /dev/null
}
has() { # PATTERN cmd...: the output contains PATTERN
  local pat=$1 out; shift; out=$("$@" 2>&1) || true
  case $out in *"$pat"*) return 0 ;; esac; return 1; }
is() { # EXACT cmd...: the command succeeds and prints exactly EXACT
  local want=$1 out; shift; out=$("$@" 2>&1) || return 1; [ "$out" = "$want" ]; }
fails_with() { # PATTERN cmd...: the command fails and its output contains PATTERN
  local pat=$1 out; shift; if out=$("$@" 2>&1); then return 1; fi
  case $out in *"$pat"*) return 0 ;; esac; return 1; }

do_check() {
  [ -f "$W/hosts.tsv" ] || die "not running"
  if [ -f "$ST/light" ]; then do_check_light; return; fi
  local name addr prof t rc out
  while read -r name addr prof; do
    case $prof in
    weak)
      expect "$name weak: key login as auditor, /etc/lab-profile" has "profile=weak" S "$name" cat /etc/lab-profile
      expect "$name weak: root key login" has "uid=0(root)" S -l root "$name" id
      expect "$name weak: password login (auditor.pw)" has "uid=$AUID" askpass_ssh "$(cat "$W/client/auditor.pw")" "$AUSER" "$name" id
      expect "$name weak: guest logs in with an empty password" has "uid=2002(guest)" S -o PubkeyAuthentication=no -l guest "$name" id
      expect "$name weak: sudo -n NOPASSWD" has "uid=0(root)" S "$name" sudo -n id
      expect "$name weak: shadow 0644, sshd_config 0666, cron.d/backup 0666" is "644 666 666" S "$name" "stat -c %a /etc/shadow /etc/ssh/sshd_config /etc/cron.d/backup | tr '\n' ' ' | sed 's/ \$//'"
      expect "$name weak: live ip_forward=1" is "1" S "$name" cat /proc/sys/net/ipv4/ip_forward
      expect "$name weak: toor uid 0" has "toor:x:0:0" S "$name" grep ^toor: /etc/passwd
      expect "$name weak: XSS GECOS" has "<script>alert(1)</script>" S "$name" getent passwd xssuser
      expect "$name weak: CSV GECOS" is "csvuser:x:2004:2004:=cmd|' /C calc'!A0:/home/csvuser:/bin/bash" S "$name" getent passwd csvuser
      expect "$name weak: issue.net banner" has "<img src=x onerror=alert(1)>" S "$name" cat /etc/issue.net
      expect "$name weak: 1024-bit RSA host key" has "1024 " ssh-keygen -l -f "$W/$name/etc-upper/ssh/ssh_host_rsa_key.pub"
      ;;
    hardened|rekeyed|bulk)
      if [ "$prof" = rekeyed ]; then
        expect "$name rekeyed: host key mismatch refused" fails_with "REMOTE HOST IDENTIFICATION HAS CHANGED" S "$name" true
        expect "$name rekeyed: logs in when the key is not checked" has "profile=rekeyed" S -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "$name" cat /etc/lab-profile
        continue
      fi
      expect "$name $prof: key login, /etc/lab-profile" has "profile=$prof" S "$name" cat /etc/lab-profile
      expect "$name $prof: root login refused" fails_with "Permission denied" S -l root "$name" true
      expect "$name $prof: only an ed25519 host key" is "ssh_host_ed25519_key ssh_host_ed25519_key.pub" S "$name" "cd /etc/ssh && echo ssh_host_*"
      expect "$name $prof: PASS_MAX_DAYS 90" is "90" S "$name" "awk '/^PASS_MAX_DAYS/{print \$2}' /etc/login.defs"
      expect "$name $prof: shadow 640 root:shadow" is "640 root:shadow" S "$name" "stat -c '%a %U:%G' /etc/shadow"
      if [ "$prof" = hardened ]; then
        expect "$name hardened: sudo without a tty refused (requiretty)" fails_with "you must have a tty" S "$name" sudo -n cat /etc/shadow
        expect "$name hardened: sudo -n cat with a tty" has "root:" S -tt "$name" sudo -n "$(command -v cat)" /etc/shadow
        expect "$name hardened: sudo -n sshd -T with a tty" has "permitrootlogin no" S -tt "$name" sudo -n "$SSHD" -T
        expect "$name hardened: sudo -n id refused" fails_with "sudo:" S -tt "$name" sudo -n "$(command -v id)"
      else
        expect "$name bulk: sudo -n NOPASSWD" has "uid=0(root)" S "$name" sudo -n id
      fi
      ;;
    mixed|sudopw)
      expect "$name $prof: key login, /etc/lab-profile" has "profile=$prof" S "$name" cat /etc/lab-profile
      expect "$name $prof: drop-in read: passwordauthentication no" has "passwordauthentication no" S -l root "$name" "$SSHD" -T
      expect "$name $prof: password auth not offered" fails_with "Permission denied (publickey)" askpass_ssh "$(cat "$W/client/auditor.pw")" "$AUSER" "$name" true
      expect "$name $prof: root key login (prohibit-password)" has "uid=0(root)" S -l root "$name" id
      [ "$prof" = mixed ] && expect "$name mixed: login with id_ed25519_pp + passphrase" has "profile=mixed" pp_ssh "$addr" cat /etc/lab-profile
      if [ "$prof" = mixed ]; then
        expect "$name mixed: sudo -n NOPASSWD" has "uid=0(root)" S "$name" sudo -n id
      else
        expect "$name sudopw: sudo -n needs a password" fails_with "a password is required" S "$name" sudo -n true
        expect "$name sudopw: sudo -S with auditor.pw" has "uid=0(root)" ssh -F "$W/client/ssh_config" "$name" "sudo -S -p '' id" < "$W/client/auditor.pw"
      fi
      expect "$name $prof: PASS_MAX_DAYS 99999" is "99999" S "$name" "awk '/^PASS_MAX_DAYS/{print \$2}' /etc/login.defs"
      ;;
    hostile)
      expect "$name hostile: motd has the delimiter" has "$DELIM" S "$name" cat /etc/motd
      expect "$name hostile: lab-big.txt is 5 MiB" is "5242880" S "$name" stat -c %s /etc/lab-big.txt
      expect "$name hostile: lab-binary is 287 bytes" is "287" S "$name" stat -c %s /etc/lab-binary
      expect "$name hostile: sudo -n NOPASSWD" has "uid=0(root)" S "$name" sudo -n id
      ;;
    stall)
      t=$(now); rc=0; out=$(timeout 4 ssh -n -F "$W/client/ssh_config" "$name" true 2>&1) || rc=$?
      if [ $rc = 124 ] && [ "${out#lab-stall}" != "$out" ]; then ok "$name stall: printed a line then hung ($(since "$t") s, killed by timeout)"
      else bad "$name stall: rc=$rc out=$out"; fi
      ;;
    refused)
      t=$(now); out=$( (exec 3<>"/dev/tcp/$addr/22") 2>&1) && rc=0 || rc=$?
      if [ $rc != 0 ] && [ "${out#*refused}" != "$out" ]; then ok "$name refused: connection refused in $(since "$t") s"
      else bad "$name refused: rc=$rc $out"; fi
      ;;
    esac
  done < "$W/hosts.tsv"
  echo "check: $OKS ok, $FAILS failed"
  [ $FAILS = 0 ]
}

case $cmd in
  start)
    shift 2
    if [ -n "${LAB_HOSTS:-}" ] && [ $# = 0 ]; then
      set -- "$LAB_HOSTS"; cmd=start-bulk
    fi
    if [ "$cmd" = start ]; then
      if [ $# = 0 ]; then read -r -a P <<< "$DEFAULT_PROFILES"; set -- "${P[@]}"; fi
      do_start "$@"
    else
      case ${1:-} in ''|*[!0-9]*) die "LAB_HOSTS must be a number" ;; esac
      if [ "$1" -lt 1 ] || [ "$1" -gt $MAXBULK ]; then die "bulk: 1..$MAXBULK hosts"; fi
      mapfile -t P < <(yes bulk | head -n "$1"); do_start "${P[@]}"
    fi ;;
  start-bulk)
    k=${3:-}; case $k in ''|*[!0-9]*) die "start-bulk WORKDIR N" ;; esac
    if [ "$k" -lt 1 ] || [ "$k" -gt $MAXBULK ]; then die "bulk: 1..$MAXBULK hosts"; fi
    mapfile -t P < <(yes bulk | head -n "$k"); do_start "${P[@]}" ;;
  start-light)
    k=${3:-}; case $k in ''|*[!0-9]*) die "start-light WORKDIR N" ;; esac
    if [ "$k" -lt 1 ] || [ "$k" -gt $MAXLIGHT ]; then die "light: 1..$MAXLIGHT hosts"; fi
    do_start_light "$k" ;;
  stop)   t0=$(now); do_stop; echo "stopped in $(since "$t0") s" ;;
  status) do_status ;;
  check)  do_check ;;
  exec)   shift 2; [ $# -ge 2 ] || die "exec WORKDIR N CMD..."; do_exec "$@" ;;
  delay)  do_delay "${3:?N}" "${4:?MS}" ;;
  undelay) do_undelay "${3:?N}"; echo "h$3: no delay" ;;
  *) die "unknown command $cmd" ;;
esac
