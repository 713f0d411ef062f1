LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN rempart.id==\n'
id -u </dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END rempart.id %d==\n' "$?"
rp_el=1; rp_ell=1; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN rempart.elevate==\n'
if [ -z "$rp_su" ]; then echo uid=0; rp_el=0; rp_ell=0; else sudo -n /bin/sh -c 'exec /bin/true' </dev/null 2>&1; rp_el=$?; if [ "$rp_el" != 0 ]; then sudo -n -l </dev/null >/dev/null 2>&1; rp_ell=$?; echo "rempart-sudo-list=$rp_ell"; fi; fi
printf '\n==RP-0123456789abcdef0123456789abcdef-END rempart.elevate %d==\n' "$rp_el"
if command -v 'sendmail' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.aliases==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; [ -r /etc/aliases ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' /etc/aliases
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.aliases %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.aliases==\n'
fi
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
if [ "$rp_el" = 0 ]; then
if command -v 'auditctl' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.auditctl==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; auditctl -s
auditctl -l
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.auditctl %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.auditctl==\n'
fi
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.auditctl==\n'
fi
if [ "$rp_el" = 0 ]; then
if command -v 'auditctl' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.auditd-conf==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; grep -Ev '\''^[[:space:]]*(#|$)'\'' /etc/audit/auditd.conf
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.auditd-conf %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.auditd-conf==\n'
fi
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.auditd-conf==\n'
fi
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
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.cmdline==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; cat /proc/cmdline
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.cmdline %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.group==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; cat /etc/group
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.group %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.kernel-versions==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; echo "running $(uname -r)"
for f in /boot/vmlinuz-*; do
	[ -f "$f" ] && echo "installed ${f#/boot/vmlinuz-}"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.kernel-versions %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.ld-preload==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; [ -f /etc/ld.so.preload ] && cat /etc/ld.so.preload
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.ld-preload %d==\n' "$?"
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
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.login-defs==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; cat /etc/login.defs /etc/default/useradd 2>/dev/null | grep -Ev '\''^[[:space:]]*(#|$)'\''
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.login-defs %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.mac==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; [ -r /sys/kernel/security/lsm ] && printf '\''lsm %s\n'\'' "$(cat /sys/kernel/security/lsm)"
[ -r /sys/module/apparmor/parameters/enabled ] && printf '\''apparmor-enabled %s\n'\'' "$(cat /sys/module/apparmor/parameters/enabled)"
[ -r /sys/fs/selinux/enforce ] && printf '\''selinux-enforce %s\n'\'' "$(cat /sys/fs/selinux/enforce)"
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.mac %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.modprobe==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; grep -hsE '\''^[[:space:]]*(install|blacklist)[[:space:]]'\'' /etc/modprobe.d/*.conf /run/modprobe.d/*.conf /usr/local/lib/modprobe.d/*.conf /usr/lib/modprobe.d/*.conf /lib/modprobe.d/*.conf
awk '\''{ print "loaded", $1 }'\'' /proc/modules 2>/dev/null
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.modprobe %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.mounts==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; cat /proc/self/mounts
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.mounts %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.net-ifaces==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for i in /sys/class/net/*; do
	[ -r "$i/flags" ] || continue
	w=-; [ -d "$i/wireless" ] && w=wireless
	echo "${i##*/} $(cat "$i/flags") $(cat "$i/operstate" 2>/dev/null) $w"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.net-ifaces %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.os-release==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/os-release /usr/lib/os-release; do
	[ -r "$f" ] || continue
	awk -F= '\''$1 == "ID" { i = $2 } $1 == "VERSION_ID" { v = $2 } END { gsub(/"/, "", i); gsub(/"/, "", v); print i, v }'\'' "$f"
	break
done
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.os-release %d==\n' "$?"
if command -v 'dpkg-query' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.packages==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; dpkg-query -W -f='\''${db:Status-Abbrev} ${Package} ${Version}\n'\'' 2>/dev/null
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.packages %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.packages==\n'
fi
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.pam==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/pam.d/* /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf /etc/security/faillock.conf /etc/nsswitch.conf; do
	[ -f "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f" | sed "s|^|$f: |"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.pam %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.passwd==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; cat /etc/passwd
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.passwd %d==\n' "$?"
if command -v 'rsyslogd' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.rsyslog-conf==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/rsyslog.conf /etc/rsyslog.d/*.conf; do
	[ -r "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.rsyslog-conf %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.rsyslog-conf==\n'
fi
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
if [ "$rp_el" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.shadow-status==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; awk -F: '\''{h=$2;t="HASH";if(h=="")t="EMPTY";else if(h~/^[!*]/)t="LOCKED";else if(h~/^\$/){split(h,a,"$");t="ALG_" a[2]} print $1":"t":"$3":"$5}'\'' /etc/shadow
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.shadow-status %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.shadow-status==\n'
fi
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.shell-init==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; grep -sHE '\''^[^#]*(umask|TMOUT)'\'' /etc/profile /etc/profile.d/*.sh /etc/bash.bashrc /etc/bashrc /etc/zsh/zprofile /etc/zsh/zshrc
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.shell-init %d==\n' "$?"
if [ "$rp_el" = 0 ]; then
if command -v 'sshd' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.sshd-config==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; sshd -T 2>/dev/null || for f in /etc/ssh/sshd_config.d/*.conf /etc/ssh/sshd_config; do [ -r "$f" ] && grep -v '\''^[[:space:]]*#'\'' "$f"; done
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.sshd-config %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.sshd-config==\n'
fi
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.sshd-config==\n'
fi
if [ "$rp_el" = 0 ]; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.stat-shadow==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; stat -c '\''%a|%u|%g|%n'\'' /etc/shadow /etc/gshadow /etc/shadow- /etc/gshadow- 2>/dev/null
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.stat-shadow %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.stat-shadow==\n'
fi
if [ "$rp_el" = 0 ]; then
if command -v 'sudo' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.sudoers==\n'
$rp_su /bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/sudoers /etc/sudoers.d/*; do [ -f "$f" ] && grep -Ev '\''^[[:space:]]*(#[^i@]|#$|$)'\'' "$f" | sed "s|^|$f: |"; done
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.sudoers %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.sudoers==\n'
fi
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.sudoers==\n'
fi
if command -v 'sysctl' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.sysctl==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; sysctl -a 2>/dev/null
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.sysctl %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.sysctl==\n'
fi
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.syslog-conf==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for f in /etc/rsyslog.conf /etc/rsyslog.d/*.conf /etc/syslog-ng/syslog-ng.conf /etc/syslog-ng/conf.d/*.conf /etc/systemd/journal-upload.conf /etc/systemd/journal-upload.conf.d/*.conf /etc/audit/plugins.d/au-remote.conf /etc/audisp/plugins.d/au-remote.conf; do
	[ -r "$f" ] && grep -Ev '\''^[[:space:]]*(#|$)'\'' "$f" | sed "s|^|$f: |"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.syslog-conf %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.time==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; T=; command -v timeout >/dev/null 2>&1 && T='\''timeout 5'\''
for p in /proc/[0-9]*; do
	c=$(cat "$p/comm" 2>/dev/null) || continue
	case $c in chronyd|ntpd|ntpsec|openntpd|systemd-timesyn) echo "running $c $(stat -c %u "$p" 2>/dev/null)" ;; esac
done
[ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1 && $T timedatectl show 2>/dev/null | grep -E '\''^(NTP|NTPSynchronized)='\''
command -v chronyc >/dev/null 2>&1 && [ -e /run/chrony/chronyd.sock ] && $T chronyc -n tracking 2>/dev/null | grep -E '\''^(Leap status|System time|Reference ID)'\''
for f in /etc/chrony/chrony.conf /etc/chrony/conf.d/*.conf /etc/chrony/sources.d/*.sources /etc/chrony.conf /etc/systemd/timesyncd.conf /etc/systemd/timesyncd.conf.d/*.conf /etc/ntp.conf /etc/ntpsec/ntp.conf /etc/openntpd/ntpd.conf; do
	[ -f "$f" ] && grep -Ev '\''^[[:space:]]*(#|;|!|$)'\'' "$f" | sed "s|^|$f: |"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.time %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.tools==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; for t in auditd auditctl aide rsyslogd syslog-ng chronyd ntpd sudo apparmor_parser getenforce ufw nft firewall-cmd; do
	p=$(command -v "$t" 2>/dev/null) && echo "$t $p"
done
for p in /lib/systemd/systemd-timesyncd /usr/lib/systemd/systemd-timesyncd /lib/systemd/systemd-journal-upload /usr/lib/systemd/systemd-journal-upload; do
	[ -x "$p" ] && echo "${p##*/} $p"
done
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.tools %d==\n' "$?"
printf '\n==RP-0123456789abcdef0123456789abcdef-DONE==\n'
