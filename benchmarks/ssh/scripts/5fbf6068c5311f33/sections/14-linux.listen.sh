LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.listen==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; if command -v ss >/dev/null 2>&1; then
	ss -Htuln | awk '\''{ print $1, $5 }'\''
elif command -v netstat >/dev/null 2>&1; then
	netstat -tuln | awk '\''$1 ~ /^(tcp|udp)/ { a = $4; p = a; sub(/.*:/, "", p); h = substr(a, 1, length(a) - length(p) - 1); if (h ~ /:/) h = "[" h "]"; print substr($1, 1, 3), h ":" p }'\''
else
	for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
		[ -r "$f" ] && awk -v f="${f##*/}" '\''
		function hex(s,  i, n) { n = 0; for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1; return n }
		NR > 1 && (($4 == "0A" && f ~ /^tcp/) || ($4 == "07" && f ~ /^udp/)) {
			split($2, a, ":"); h = a[1]
			if (length(h) == 8) ip = hex(substr(h, 7, 2)) "." hex(substr(h, 5, 2)) "." hex(substr(h, 3, 2)) "." hex(substr(h, 1, 2))
			else if (h == "00000000000000000000000000000000") ip = "[::]"
			else if (h == "00000000000000000000000001000000") ip = "[::1]"
			else if (substr(h, 1, 24) == "0000000000000000FFFF0000") ip = "[::ffff:" hex(substr(h, 31, 2)) "." hex(substr(h, 29, 2)) "." hex(substr(h, 27, 2)) "." hex(substr(h, 25, 2)) "]"
			else ip = "[" h "]"
			print substr(f, 1, 3), ip ":" hex(a[2]) }'\'' "$f"
	done
fi
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.listen %d==\n' "$?"
