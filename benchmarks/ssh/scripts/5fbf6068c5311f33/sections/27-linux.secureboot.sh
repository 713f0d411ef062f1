LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.secureboot==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; if [ -d /sys/firmware/efi ]; then
	s=unknown
	for f in /sys/firmware/efi/efivars/SecureBoot-*; do
		[ -r "$f" ] && s=$(od -An -tu1 -j4 -N1 "$f" | tr -d '\'' '\'')
	done
	echo "secureboot $s"
else
	echo '\''firmware bios'\''
fi
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.secureboot %d==\n' "$?"
