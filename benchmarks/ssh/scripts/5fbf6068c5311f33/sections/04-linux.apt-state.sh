LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
if command -v 'apt-get' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.apt-state==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; now=$(date +%s); newest=0
for f in /var/lib/apt/lists/*Release; do
	[ -f "$f" ] || continue
	m=$(stat -c %Y "$f") && [ "$m" -gt "$newest" ] && newest=$m
done
[ "$newest" -gt 0 ] && echo "lists-age-days $(( (now - newest) / 86400 ))"
[ -f /var/run/reboot-required ] && echo '\''reboot-required yes'\''
apt-config dump 2>/dev/null | grep -E '\''^(APT::Periodic::|APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)'\''
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f" | sed "s|^|$f: |"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.apt-state %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.apt-state==\n'
fi
