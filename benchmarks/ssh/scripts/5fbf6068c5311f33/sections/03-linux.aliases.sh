LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
if command -v 'sendmail' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.aliases==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; [ -r /etc/aliases ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' /etc/aliases
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.aliases %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.aliases==\n'
fi
