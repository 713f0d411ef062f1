LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
if command -v 'dpkg-query' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.packages==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; dpkg-query -W -f='\''${db:Status-Abbrev} ${Package} ${Version}\n'\'' 2>/dev/null
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.packages %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.packages==\n'
fi
