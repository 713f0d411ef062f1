LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH
umask 077
if command -v 'apt-get' >/dev/null 2>&1; then
printf '\n==RP-0123456789abcdef0123456789abcdef-BEGIN linux.apt-upgradable==\n'
/bin/sh -c 'LC_ALL=C; export LC_ALL; PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin"; export PATH; apt-get -s -o Debug::NoLocking=1 -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= dist-upgrade 2>/dev/null | grep '\''^Inst '\''
true
' </dev/null 2>/dev/null
printf '\n==RP-0123456789abcdef0123456789abcdef-END linux.apt-upgradable %d==\n' "$?"
else
printf '\n==RP-0123456789abcdef0123456789abcdef-NA linux.apt-upgradable==\n'
fi
