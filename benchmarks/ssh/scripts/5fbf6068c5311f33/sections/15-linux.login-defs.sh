LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.login-defs==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; cat /etc/login.defs /etc/default/useradd 2>/dev/null | grep -Ev '\''^[[:space:]]*(#|$)'\''
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.login-defs %d==\n' "$?"
