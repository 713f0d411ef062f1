LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.pam==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/pam.d/* /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf /etc/security/faillock.conf /etc/nsswitch.conf; do
	[ -f "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f" | sed "s|^|$f: |"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.pam %d==\n' "$?"
