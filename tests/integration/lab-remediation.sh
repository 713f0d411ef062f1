#!/bin/bash
# lab-remediation.sh -- the quick-wins remediations of the catalogue, applied
# as written to a lab host: the host fails the checks, the remediation text
# is turned into commands (sshd directives from 'Set "..."', the shell
# commands as given), sshd -t must accept the result, then the host is
# audited again: every check passes and the audit's own SSH login and
# elevation still work, while root's key login (LNX-SSH-001) is refused.
# The host is put back as it was at the end.
#
# Needs LAB (a running "lab.sh up DIR ssh") and its LAB_NET; host h3
# ("mixed": Debian's stock sshd_config with its Include, root key login).
# Only what lives in the host's own /etc and network namespace is changed:
# remediations touching /usr (pam-configs), packages or global kernel
# parameters are left out here (the lab hosts share this machine's /usr and
# kernel); the sysctl ones are applied with "sysctl -p FILE" on the file
# they write rather than "sysctl --system" (which would also load the
# machine-wide kernel.* keys).
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR ssh)}"
NET=${LAB_NET:-10.200}
N=3
H=h$N
C=$LAB/ssh/client
KH=$C/known_hosts
LABSH=$SRCDIR/tests/lab/sshd-hosts.sh
CHECKS="LNX-SSH-001 LNX-FS-002 LNX-SSH-004 LNX-SSH-005 LNX-SSH-015 LNX-SSH-021 LNX-KRN-003 LNX-KRN-004 LNX-KRN-005 LNX-KRN-006 LNX-KRN-007"
in_host() { "$LABSH" exec "$LAB/ssh" "$N" "$@"; }

{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<baseline xmlns="urn:rempart:baseline:1" id="t-remediation" kind="linux"><title lang="en">r</title><title lang="fr">r</title>'
	for c in $CHECKS; do printf '<select check="%s"/>' "$c"; done
	printf '</baseline>\n'
} > "$T_TMP/bl.xml"
printf '[linux]\n%s ansible_host=%s.%s.2\n[linux:vars]\nansible_user=auditor\nansible_ssh_private_key_file=%s\nansible_become=true\n' \
	"$H" "$NET" "$N" "$C/id_ed25519" > "$T_TMP/inv.ini"
audit() { # OUTDIR: collect and evaluate; prints "check status" lines
	"$REMPART" audit -i "$T_TMP/inv.ini" -b "$T_TMP/bl.xml" --known-hosts "$KH" \
		-o "$1" --lang en > /dev/null 2> "$1.err"
	python3 - "$1/results.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["targets"]:
    print("target", t["status"], "elevated" if t["elevated"] else "-")
for r in sorted(d["results"], key=lambda r: r["check"]):
    print(r["check"], r["status"])
PY
}
root_login() { ssh -n -F "$C/ssh_config" -o User=root "$H" true > /dev/null 2>&1; }

# what to put back afterwards
mode=$(in_host stat -c %a /etc/ssh/sshd_config)
in_host sh -c 'sysctl -a 2>/dev/null | grep -E "^net\.ipv[46]\.conf\.(all|default)\.(accept_redirects|secure_redirects|send_redirects|accept_source_route|rp_filter) "' > "$T_TMP/sysctl.before"
restore() {
	in_host rm -f /etc/ssh/sshd_config.d/00-hardening.conf /etc/sysctl.d/90-hardening-lnx-krn-003.conf \
		/etc/sysctl.d/90-hardening-lnx-krn-004.conf /etc/sysctl.d/90-hardening-lnx-krn-005.conf \
		/etc/sysctl.d/90-hardening-lnx-krn-006.conf /etc/sysctl.d/90-hardening-lnx-krn-007.conf
	in_host chmod "$mode" /etc/ssh/sshd_config
	while read -r k _ v; do in_host sysctl -q -w "$k=$v" > /dev/null 2>&1; done < "$T_TMP/sysctl.before"
	in_host sh -c 'kill -HUP "$(cat /run/sshd.pid)"'
	sleep 1
}
trap 'restore; t_cleanup' EXIT

# 1. before: the host has every finding, root logs in with its key
audit "$T_TMP/before" > "$T_TMP/before.txt"
check_grep "before: $H audited, elevated" '^target ok elevated$' "$T_TMP/before.txt"
for c in $CHECKS; do check_grep "before: $c fails on $H" "^$c fail$" "$T_TMP/before.txt"; done
if root_login; then ok "before: root logs in with its key"; else not_ok "before: root logs in with its key"; fi

# 2. the remediations, as the catalogue writes them
"$REMPART" checks list --format json > "$T_TMP/checks.json"
python3 - "$T_TMP/checks.json" $CHECKS > "$T_TMP/apply.sh" 2> "$T_TMP/apply.err" <<'PY'
import json, re, shlex, sys
cat = {c["id"]: c for c in json.load(open(sys.argv[1]))}
dropin = []
out = []
for cid in sys.argv[2:]:
    text = cat[cid]["remediation"]["en"]
    sets = re.findall(r'[Ss]et "([^"]+)"', text)
    if sets:
        dropin += sets
        continue
    # a shell command: the text after "Then: " or the whole text
    m = re.search(r"(?:^|Then: )((?:printf|chown|chmod|find) .*?)(?: \(.*\))?$", text)
    if not m:
        sys.exit("%s: no command in its remediation: %s" % (cid, text))
    cmd = m.group(1)
    m2 = re.match(r"(.*> (/etc/sysctl\.d/\S+)) && sysctl --system$", cmd)
    if m2:
        cmd = "%s && sysctl -q -p %s" % (m2.group(1), m2.group(2))
    out.append(cmd)
print("set -e")
print("printf '%%s\\n' %s > /etc/ssh/sshd_config.d/00-hardening.conf" %
      " ".join(shlex.quote(s) for s in dropin))
for c in out:
    print(c)
print("sshd -t")
PY
check "every remediation gives a command or an sshd directive" test ! -s "$T_TMP/apply.err"
check_grep "LNX-SSH-001's directive goes in the drop-in it names" "PermitRootLogin no" "$T_TMP/apply.sh"
check_grep "LNX-FS-002's command is run as written" '^find /etc/ssh/sshd_config /etc/ssh/sshd_config.d -type f -exec chown root:root \{\} \+ -exec chmod 0600 \{\} \+$' "$T_TMP/apply.sh"
if in_host sh -e < "$T_TMP/apply.sh" > "$T_TMP/apply.out" 2>&1; then
	ok "the remediations apply and sshd -t accepts the result"
else
	not_ok "the remediations apply and sshd -t accepts the result" "$(head -c 400 "$T_TMP/apply.out")"
fi
in_host sh -c 'kill -HUP "$(cat /run/sshd.pid)"'	# the lab's "systemctl reload ssh"
sleep 1

# 3. after: every check passes, the audit still logs in and elevates
audit "$T_TMP/after" > "$T_TMP/after.txt"
check_grep "after: the audit's SSH login and sudo still work" '^target ok elevated$' "$T_TMP/after.txt"
for c in $CHECKS; do check_grep "after: $c passes on $H" "^$c pass$" "$T_TMP/after.txt"; done
if root_login; then not_ok "after: root's key login is refused"; else ok "after: root's key login is refused"; fi
if ssh -n -F "$C/ssh_config" "$H" true > /dev/null 2>&1; then ok "after: the auditor still logs in with ssh"
else not_ok "after: the auditor still logs in with ssh"; fi
t_done
