LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=1; rp_ell=1; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN rempart.elevate==\n'
if [ -z "$rp_su" ]; then echo uid=0; rp_el=0; rp_ell=0; else sudo -n /bin/sh -c 'exec /bin/true' </dev/null 2>&1; rp_el=$?; if [ "$rp_el" != 0 ]; then sudo -n -l </dev/null >/dev/null 2>&1; rp_ell=$?; echo "rempart-sudo-list=$rp_ell"; fi; fi
printf '\n==RP-0123456789abcdef0123456789abcdef-END rempart.elevate %d==\n' "$rp_el"
