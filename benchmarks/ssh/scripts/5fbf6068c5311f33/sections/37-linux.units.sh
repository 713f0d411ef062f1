LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
if command -v 'systemctl' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.units==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; systemctl list-unit-files --no-legend --no-pager --type=service,socket,timer 2>/dev/null | awk '\''NF >= 2 { print "unit-file", $1, $2 }'\''
systemctl list-units --no-legend --no-pager --plain --state=active --type=service,socket,timer 2>/dev/null | awk '\''NF >= 3 { print "active", $1 }'\''
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.units %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.units==\n'
fi
