LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ] || [ "$rp_ell" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.account-times==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; rp_sudo() { sudo -n "$@" && return 0; rp_rc=$?; sudo -n -l "$@" >/dev/null 2>&1 || kill -USR1 $$; return $rp_rc; }; if [ "$(id -u)" = 0 ]; then RP_SUDO=; else RP_SUDO=rp_sudo; fi; getent group sudo wheel admin 2>/dev/null | awk -F: '\''{ print "group|" $1 "|" $4 }'\''
awk -F: '\''$3 == 0 { print "group|uid0|" $1 }'\'' /etc/passwd
$RP_SUDO cat /etc/shadow | awk -F: '\''{ s = $2 == "" ? "empty" : ($2 ~ /^[!*]/) ? "locked" : "set"; print "shadow|" $1 "|" $3 "|" s "|" }'\''
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.account-times %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.account-times==\n'
fi
