LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.syslog-conf==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/rsyslog.conf /etc/rsyslog.d/*.conf /etc/syslog-ng/syslog-ng.conf /etc/syslog-ng/conf.d/*.conf /etc/systemd/journal-upload.conf /etc/systemd/journal-upload.conf.d/*.conf /etc/audit/plugins.d/au-remote.conf /etc/audisp/plugins.d/au-remote.conf; do
	[ -r "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f" | sed "s|^|$f: |"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.syslog-conf %d==\n' "$?"
