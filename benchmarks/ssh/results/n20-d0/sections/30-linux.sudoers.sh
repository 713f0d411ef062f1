LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ]; then
if command -v 'sudo' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.sudoers==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/sudoers /etc/sudoers.d/*; do [ -f "$f" ] && grep -Ev '\''^[[:space:]]*(#[^i@]|#$|$)'\'' "$f" | sed "s|^|$f: |"; done
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.sudoers %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.sudoers==\n'
fi
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.sudoers==\n'
fi
