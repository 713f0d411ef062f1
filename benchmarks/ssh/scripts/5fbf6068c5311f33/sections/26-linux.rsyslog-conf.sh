LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
if command -v 'rsyslogd' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.rsyslog-conf==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/rsyslog.conf /etc/rsyslog.d/*.conf; do
	[ -r "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.rsyslog-conf %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.rsyslog-conf==\n'
fi
