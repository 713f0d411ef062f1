LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.stat-shadow==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; stat -c '\''%a|%u|%g|%n'\'' /etc/shadow /etc/gshadow /etc/shadow- /etc/gshadow- 2>/dev/null
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.stat-shadow %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.stat-shadow==\n'
fi
