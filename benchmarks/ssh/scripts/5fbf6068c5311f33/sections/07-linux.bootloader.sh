LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ] || [ "$rp_ell" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.bootloader==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; rp_sudo() { sudo -n "$@" && return 0; rp_rc=$?; sudo -n -l "$@" >/dev/null 2>&1 || kill -USR1 $$; return $rp_rc; }; if [ "$(id -u)" = 0 ]; then RP_SUDO=; else RP_SUDO=rp_sudo; fi; for f in /boot/grub/grub.cfg /boot/grub2/grub.cfg /boot/grub2/user.cfg /boot/efi/EFI/*/grub.cfg; do
	[ -f "$f" ] || continue
	c=$($RP_SUDO cat "$f")
	printf '\''%s superusers=%s password=%s\n'\'' "$f" "$(printf '\''%s\n'\'' "$c" | grep -c '\''^[[:space:]]*set[[:space:]][[:space:]]*superusers='\'')" "$(printf '\''%s\n'\'' "$c" | grep -cE '\''^[[:space:]]*(password_pbkdf2|password)[[:space:]]|^GRUB2_PASSWORD='\'')"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.bootloader %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.bootloader==\n'
fi
