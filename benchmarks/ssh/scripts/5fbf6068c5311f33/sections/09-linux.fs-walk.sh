LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ] || [ "$rp_ell" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.fs-walk==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; rp_sudo() { sudo -n "$@" && return 0; rp_rc=$?; sudo -n -l "$@" >/dev/null 2>&1 || kill -USR1 $$; return $rp_rc; }; if [ "$(id -u)" = 0 ]; then RP_SUDO=; else RP_SUDO=rp_sudo; fi; F='\''%a|%u|%g|%n'\''
P='\''%m|%U|%G|%p\n'\''
T=; command -v timeout >/dev/null 2>&1 && [ -z "$RP_SUDO" ] && T='\''timeout 60'\''
PR=; find / -maxdepth 0 -printf '\'''\'' >/dev/null 2>&1 && PR=1
D=; for d in /etc /bin /sbin /usr/bin /usr/sbin /usr/local /usr/lib/systemd /lib/systemd /boot /tmp /var/tmp /dev/shm /var/spool/cron; do
	[ -d "$d" ] && [ ! -L "$d" ] && D="$D $d"
done
H=; for d in /home /root; do [ -d "$d" ] && [ ! -L "$d" ] && H="$H $d"; done
X='\''( ( -type f ( -perm -4000 -o -perm -2000 ) ) -o ( ( -type f -o -type d ) -perm -0002 ) -o -name .rhosts -o -name .shosts -o -name .netrc )'\''
U=
if find / -maxdepth 0 -nouser >/dev/null 2>&1; then
	U='\''( ( -nouser -o -nogroup ) -exec stat -c unowned|%a|%u|%g|%n {} + -type f -type d ) -o'\''
	[ -n "$PR" ] && U='\''( ( -nouser -o -nogroup ) -printf unowned|%m|%U|%G|%p\n -type f -type d ) -o'\''
fi
{
	for f in /etc/passwd /etc/passwd- /etc/group /etc/group- /etc/shadow /etc/shadow- /etc/gshadow /etc/gshadow- /etc/shells /etc/security/opasswd /etc/sudoers /etc/sudoers.d /etc/sudoers.d/* /etc/ssh/sshd_config /etc/ssh/sshd_config.d /etc/ssh/sshd_config.d/* /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub /etc/crontab /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly /etc/cron.d /boot/grub/grub.cfg /boot/grub2/grub.cfg /boot/grub2/user.cfg /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin /var/lib/aide/aide.db /var/lib/aide/aide.db.gz /var/log/audit /var/log/audit/* /etc/hosts.equiv /etc/shosts.equiv /root /home/*; do
		[ -e "$f" ] && stat -L -c "$F" "$f"
	done
	[ -z "$U" ] && echo '\''unowned|unsupported'\''
	set -f
	[ -n "$PR" ] && $RP_SUDO find /etc/sudoers.d /etc/ssh/sshd_config.d /etc/cron.d -maxdepth 1 -printf "$P" 2>/dev/null
	if [ -n "$PR" ]; then
		# -printf, not -exec: works under sudo'\''s noexec
		[ -n "$D" ] && $T $RP_SUDO find $D -xdev $U $X -printf "$P"
		[ -n "$H" ] && $T $RP_SUDO find $H -xdev -maxdepth 3 $U $X -printf "$P"
	else
		[ -n "$D" ] && $T $RP_SUDO find $D -xdev $U $X -exec stat -c "$F" {} +
		[ -n "$H" ] && $T $RP_SUDO find $H -xdev -maxdepth 3 $U $X -exec stat -c "$F" {} +
	fi
} | sort -u
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.fs-walk %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.fs-walk==\n'
fi
