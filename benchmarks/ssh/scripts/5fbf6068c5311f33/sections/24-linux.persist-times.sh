LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ] || [ "$rp_ell" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.persist-times==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; rp_sudo() { sudo -n "$@" && return 0; rp_rc=$?; sudo -n -l "$@" >/dev/null 2>&1 || kill -USR1 $$; return $rp_rc; }; if [ "$(id -u)" = 0 ]; then RP_SUDO=; else RP_SUDO=rp_sudo; fi; P='\''%T@|%C@|%m|%U|%p\n'\''
L=
for d in /etc/cron.d /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly /etc/crontab /etc/anacrontab /var/spool/cron /etc/systemd/system /etc/init.d /etc/rc.local /etc/profile /etc/profile.d /etc/bash.bashrc /etc/environment /etc/ld.so.preload /etc/ld.so.conf /etc/ld.so.conf.d /etc/pam.d /etc/security /etc/sudoers /etc/sudoers.d /etc/modules /etc/modules-load.d /etc/modprobe.d /etc/ssh/sshd_config /etc/ssh/sshd_config.d /etc/passwd /etc/shadow /etc/group /var/www /srv/www /usr/share/nginx/html; do
	[ -e "$d" ] && L="$L $d"
done
if find / -maxdepth 0 -printf '\'''\'' >/dev/null 2>&1; then
	W() { $RP_SUDO find "$@" -printf "$P" 2>/dev/null; }
else
	W() { $RP_SUDO find "$@" -exec stat -c '\''%Y|%Z|%a|%u|%n'\'' {} + 2>/dev/null; }
fi
[ -n "$L" ] && W $L -xdev -maxdepth 3 \( -type f -o -type l \)
W /tmp /var/tmp /dev/shm -xdev -maxdepth 4 -type f -perm /111
W /root /home -xdev -maxdepth 4 \( -path '\''*/.ssh/*'\'' -o -name .bashrc -o -name .profile -o -name .bash_profile -o -name .bash_logout \) -type f
W /usr/bin /usr/sbin /bin /sbin /usr/local -xdev -type f -perm /6000
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.persist-times %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.persist-times==\n'
fi
