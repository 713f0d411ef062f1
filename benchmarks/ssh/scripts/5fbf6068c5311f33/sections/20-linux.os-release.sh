LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.os-release==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/os-release /usr/lib/os-release; do
	[ -r "$f" ] || continue
	awk -F= '\''$1 == "ID" { i = $2 } $1 == "VERSION_ID" { v = $2 } END { gsub(/"/, "", i); gsub(/"/, "", v); print i, v }'\'' "$f"
	break
done
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.os-release %d==\n' "$?"
