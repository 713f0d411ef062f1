LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.bootloader==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /boot/grub/grub.cfg /boot/grub2/grub.cfg /boot/grub2/user.cfg /boot/efi/EFI/*/grub.cfg; do
	[ -f "$f" ] && printf '\''%s superusers=%s password=%s\n'\'' "$f" "$(grep -c '\''^[[:space:]]*set[[:space:]][[:space:]]*superusers='\'' "$f")" "$(grep -cE '\''^[[:space:]]*(password_pbkdf2|password)[[:space:]]|^GRUB2_PASSWORD='\'' "$f")"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.bootloader %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.bootloader==\n'
fi
