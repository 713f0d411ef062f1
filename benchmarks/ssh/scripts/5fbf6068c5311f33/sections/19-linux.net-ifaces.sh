LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.net-ifaces==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for i in /sys/class/net/*; do
	[ -r "$i/flags" ] || continue
	w=-; [ -d "$i/wireless" ] && w=wireless
	echo "${i##*/} $(cat "$i/flags") $(cat "$i/operstate" 2>/dev/null) $w"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.net-ifaces %d==\n' "$?"
