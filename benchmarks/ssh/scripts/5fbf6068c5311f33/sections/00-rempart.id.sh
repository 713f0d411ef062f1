LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN rempart.id==\n'
id -u </dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END rempart.id %d==\n' "$?"
