LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.mac==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; [ -r /sys/kernel/security/lsm ] && printf '\''lsm %s\n'\'' "$(cat /sys/kernel/security/lsm)"
[ -r /sys/module/apparmor/parameters/enabled ] && printf '\''apparmor-enabled %s\n'\'' "$(cat /sys/module/apparmor/parameters/enabled)"
[ -r /sys/fs/selinux/enforce ] && printf '\''selinux-enforce %s\n'\'' "$(cat /sys/fs/selinux/enforce)"
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.mac %d==\n' "$?"
