LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
rp_el=0; rp_ell=0; rp_su='sudo -n'
[ "$(id -u)" = 0 ] && rp_su=''
if [ "$rp_el" = 0 ] || [ "$rp_ell" = 0 ]; then
if command -v 'dpkg' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.pkg-verify==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; rp_sudo() { sudo -n "$@" && return 0; rp_rc=$?; sudo -n -l "$@" >/dev/null 2>&1 || kill -USR1 $$; return $rp_rc; }; if [ "$(id -u)" = 0 ]; then RP_SUDO=; else RP_SUDO=rp_sudo; fi; $RP_SUDO dpkg --verify openssh-server openssh-client openssh-sftp-server sudo libpam-modules libpam-modules-bin libpam-runtime login passwd coreutils procps util-linux findutils iproute2 cron libc6 systemd 2>/dev/null
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.pkg-verify %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.pkg-verify==\n'
fi
else
printf '\n==RP-0123456789abcdef0123456789abcdef-SKIP linux.pkg-verify==\n'
fi
