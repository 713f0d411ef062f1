LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.fs-walk==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; F='\''%a|%u|%g|%n'\''
T=; command -v timeout >/dev/null 2>&1 && T='\''timeout 60'\''
D=; for d in /etc /bin /sbin /usr/bin /usr/sbin /usr/local /usr/lib/systemd /lib/systemd /boot /tmp /var/tmp /dev/shm /var/spool/cron; do
	[ -d "$d" ] && [ ! -L "$d" ] && D="$D $d"
done
H=; for d in /home /root; do [ -d "$d" ] && [ ! -L "$d" ] && H="$H $d"; done
X='\''( ( -type f ( -perm -4000 -o -perm -2000 ) ) -o ( ( -type f -o -type d ) -perm -0002 ) -o -name .rhosts -o -name .shosts -o -name .netrc )'\''
U=
if find / -maxdepth 0 -nouser >/dev/null 2>&1; then
	U='\''( ( -nouser -o -nogroup ) -exec stat -c unowned|%a|%u|%g|%n {} + -type f -type d ) -o'\''
fi
{
	for f in /etc/passwd /etc/passwd- /etc/group /etc/group- /etc/shadow /etc/shadow- /etc/gshadow /etc/gshadow- /etc/shells /etc/security/opasswd /etc/sudoers /etc/sudoers.d /etc/sudoers.d/* /etc/ssh/sshd_config /etc/ssh/sshd_config.d /etc/ssh/sshd_config.d/* /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub /etc/crontab /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly /etc/cron.d /boot/grub/grub.cfg /boot/grub2/grub.cfg /boot/grub2/user.cfg /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin /var/lib/aide/aide.db /var/lib/aide/aide.db.gz /var/log/audit /var/log/audit/* /etc/hosts.equiv /etc/shosts.equiv /root /home/*; do
		[ -e "$f" ] && stat -L -c "$F" "$f"
	done
	[ -z "$U" ] && echo '\''unowned|unsupported'\''
	set -f
	[ -n "$D" ] && $T find $D -xdev $U $X -exec stat -c "$F" {} +
	[ -n "$H" ] && $T find $H -xdev -maxdepth 3 $U $X -exec stat -c "$F" {} +
} | sort -u
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.fs-walk %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.fs-walk==\n'
fi
