#!/bin/bash
# lab-sysvol.sh -- the GPO content of SYSVOL, against the lab's Samba AD DC:
# the planted GPO files (tests/lab/samba-sysvol.sh) collected over SMB by
# the audit account (sysvol=yes) and from a copy made with smbclient mget
# (evidence import-sysvol) give the same verdicts; each planted item fails
# naming its object; the SMB session is signed (smbstatus on the DC while
# the collection runs); the cpassword value reaches no evidence, result or
# report; an AD target without sysvol=yes collects exactly what it did
# before and its SYSVOL checks are not assessed, saying how; hostile names
# and links of a copy are not followed; a bound reached is not assessed.
# Needs LAB (a running "lab.sh up DIR all" or "... ad").
. "$(dirname "$0")/lib.sh"
t_setup
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR ad)}"
ADENV=$LAB/ad/env
[ -f "$ADENV" ] || { not_ok "lab AD part present" "no $ADENV"; t_done; exit 1; }
envval() { sed -n "s/^$2=//p" "$1"; }
# is_eq NAME WANT GOT
is_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got $3, expected $2"; fi; }
tick() { echo "# $(date -u +%T) $*"; }
CONF=$(envval "$ADENV" AD_SMB_CONF)
SYSVOL=$(envval "$ADENV" AD_SYSVOL)
IP=$(envval "$ADENV" AD_IP)
PWF=$(envval "$ADENV" AD_BIND_PW_FILE)
CPW='j1Uyj3Vx8TY9LtLZil2uAuZkFQA'	# the planted (made-up) cpassword

START=$(date -u -d '-2 seconds' +%Y-%m-%dT%H:%M:%SZ)
if out=$("$SRCDIR/tests/lab/samba-sysvol.sh" "$LAB/ad" 2>&1); then
	ok "GPO files planted in the DC's SYSVOL"
else
	not_ok "GPO files planted in the DC's SYSVOL" "$out"; t_done; exit 1
fi
sleep 1
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)	# containment: before the audit
cat > "$T_TMP/incident.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<incident xmlns="urn:rempart:incident:1">
  <organisation type="hospital">rempart lab</organisation>
  <reference>LAB-SYSVOL-1</reference>
  <compromise-start>$START</compromise-start>
  <containment>$NOW</containment>
</incident>
EOF

DIRLINE="dc1 ldap_url=$(envval "$ADENV" AD_LDAPS_URI) ca_file=$(envval "$ADENV" AD_CACERT) bind_dn=$(envval "$ADENV" AD_BIND_UPN) bind_password_file=$PWF role=dc"
printf '[ad]\n%s sysvol=yes\n' "$DIRLINE" > "$T_TMP/sysvol.ini"
printf '[ad]\n%s\n' "$DIRLINE" > "$T_TMP/plain.ini"

tick planted
# 1. Over SMB. 300 empty GPO folders (removed afterwards) keep the session
# open long enough for smbstatus on the DC to see it.
POL=$SYSVOL/Policies
DUMMY=()
for i in $(seq 1 300); do
	g=$(printf '{FFFFFFFF-0000-4000-8000-%012d}' "$i")	# listed after the planted GPO
	mkdir -p "$POL/$g/Machine"
	printf '[General]\r\nVersion=0\r\n' > "$POL/$g/GPT.INI"
	DUMMY+=("$POL/$g")
done
# (no NT ACL on them: Samba maps their POSIX modes, readable by all)
cleanup_dummy() { rm -rf "${DUMMY[@]}"; }
"$REMPART" collect -i "$T_TMP/sysvol.ini" -b rempart-ad-sysvol -o "$T_TMP/ev-smb" \
	> "$T_TMP/collect.out" 2> "$T_TMP/collect.err" &
CPID=$!
: > "$T_TMP/polls.txt"
while kill -0 "$CPID" 2> /dev/null; do	# every state the DC shows while it runs
	smbstatus -s "$CONF" -b -j 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
for k, s in d.get("sessions", {}).items():
    if s["username"] != "(auth in progress)":
        print(k, s["remote_machine"].split()[0], s["session_dialect"], "signing=" + s["signing"]["degree"],
              s["signing"]["cipher"], "encryption=" + s["encryption"]["degree"], s["encryption"]["cipher"])' \
		>> "$T_TMP/polls.txt" 2> /dev/null
	sleep 0.02
done
# the last state seen of each session (a record may be read while the
# session setup is being written)
awk '{ last[$1] = $0 } END { for (k in last) print last[k] }' "$T_TMP/polls.txt" | cut -d' ' -f2- > "$T_TMP/sessions.txt"
wait "$CPID"; rc=$?
cleanup_dummy
is_eq "collection over SMB: exit 0" 0 $rc
if [ -s "$T_TMP/sessions.txt" ] && ! grep -vq 'SMB3_11 signing=full' "$T_TMP/sessions.txt"; then
	ok "the DC saw the audit's SMB session signed: $(head -1 "$T_TMP/sessions.txt")"
else
	not_ok "the DC saw the audit's SMB session signed" "smbstatus: $(cat "$T_TMP/sessions.txt")"
fi
# smbclient's default (client smb encrypt = default) does not encrypt: this
# shows the collector's own settings were in force
if [ -s "$T_TMP/sessions.txt" ] && ! grep -Evq 'encryption=(partial|full) AES' "$T_TMP/sessions.txt"; then
	ok "the session is encrypted, the server offering it"
else
	not_ok "the session is encrypted, the server offering it" "smbstatus: $(cat "$T_TMP/sessions.txt")"
fi
check "the SMB evidence verifies" "$REMPART" evidence verify "$T_TMP/ev-smb"
OUT=$T_TMP/ev-smb/targets/dc1/probes/ad.sysvol.out
check_grep "ad.sysvol collected over SMB" '^source smb$' "$OUT"
check_grep "ad.sysvol complete (end line), the 300 extra folders listed" '^end gpos=30[0-9] ' "$OUT"
grep -a '^end' "$OUT"
check_grep "the named logon script was collected" 'User/Scripts/Logon/logon.bat ' "$OUT"
check_nogrep "a script no scripts.ini names was not" 'unnamed.bat' "$OUT"
check_grep "server file times kept (birth time)" 'Groups.xml size=[0-9]+ stored=[0-9]+ mtime=[0-9]+ ctime=[0-9]+ btime=[1-9]' "$OUT"

tick collected
# 2. From a copy, as a team would hand it over (smbclient mget; the
# credentials in an authentication file, not on the command line)
mkdir -p "$T_TMP/copy"
printf 'username = auditor\npassword = %s\ndomain = LAB\n' "$(cat "$PWF")" > "$T_TMP/auth"
chmod 600 "$T_TMP/auth"
(cd "$T_TMP/copy" && smbclient "//$IP/sysvol" -A "$T_TMP/auth" -m SMB3 \
	-c 'cd lab.test; recurse; prompt; mget Policies' > "$T_TMP/mget.out" 2>&1)
rm -f "$T_TMP/auth"
check "the copy holds the planted Groups.xml" test -n "$(find "$T_TMP/copy" -iname Groups.xml)"
"$REMPART" evidence import-sysvol --id dc1 -b rempart-ad-sysvol -o "$T_TMP/ev-copy" \
	"$T_TMP/copy" > "$T_TMP/import.out" 2>&1
is_eq "import-sysvol of the copy: exit 0" 0 $?
check "the imported evidence verifies" "$REMPART" evidence verify "$T_TMP/ev-copy"

tick imported
# Kerberos: a ticket of the audit account from the lab's krb5.conf, the
# DC's name from the client hosts file; bind_dn names the principal
KRB=$(envval "$ADENV" KRB5_CONFIG)
HOSTS=$(envval "$ADENV" AD_CLIENT_HOSTS)
# shellcheck disable=SC2016
in_hosts() { unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$HOSTS" "$@"; }
if KRB5_CONFIG=$KRB KRB5CCNAME=FILE:$T_TMP/krb5cc kinit auditor@LAB.TEST < "$PWF" > "$T_TMP/kinit.out" 2>&1; then
	printf '[ad]\ndc1 ldap_url=ldap://dc1.lab.test sasl_mech=GSSAPI bind_dn=auditor@LAB.TEST role=dc sysvol=yes\n' > "$T_TMP/gss.ini"
	printf '[ad]\ndc1 ldap_url=ldap://dc1.lab.test sasl_mech=GSSAPI role=dc sysvol=yes\n' > "$T_TMP/gss-noprinc.ini"
	KRB5_CONFIG=$KRB KRB5CCNAME=FILE:$T_TMP/krb5cc in_hosts "$REMPART" collect -i "$T_TMP/gss.ini" \
		-b rempart-ad-sysvol -o "$T_TMP/ev-gss" > /dev/null 2> "$T_TMP/gss.err"
	is_eq "collection over SMB with Kerberos: exit 0" 0 $?
	KRB5_CONFIG=$KRB KRB5CCNAME=FILE:$T_TMP/krb5cc in_hosts "$REMPART" collect -i "$T_TMP/gss-noprinc.ini" \
		-b rempart-ad-sysvol -o "$T_TMP/ev-gss2" > /dev/null 2>&1
	check_grep "Kerberos without a principal: the probe says to set bind_dn" \
		'SMB with Kerberos needs the principal.*bind_dn=NAME@REALM' "$T_TMP/ev-gss2/targets/dc1/target.json"
	KRB5CCNAME=FILE:$T_TMP/krb5cc kdestroy > /dev/null 2>&1
else
	not_ok "kinit with the lab's krb5.conf" "$(tail -2 "$T_TMP/kinit.out")"
fi
for e in smb copy gss; do
	[ -d "$T_TMP/ev-$e" ] || continue
	"$REMPART" evaluate -e "$T_TMP/ev-$e" --incident "$T_TMP/incident.xml" \
		-o "$T_TMP/r-$e.json" > /dev/null 2> "$T_TMP/eval-$e.err"
	rc=$?
	# 1: fail-on threshold (findings)
	if [ $rc = 0 ] || [ $rc = 1 ]; then ok "evaluate ($e)"; else
		not_ok "evaluate ($e)" "exit $rc: $(tail -2 "$T_TMP/eval-$e.err")"; fi
	python3 - "$T_TMP/r-$e.json" > "$T_TMP/v-$e.txt" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
for r in sorted(d["results"], key=lambda r: r["check"]):
    obs = r.get("observed") or ""
    # the GPO as named with or without the LDAP probes: its GUID
    obs = re.sub(r'GPO (\{[0-9A-Fa-f-]+\})( "[^"]*")? \([^)]*\)', r'\1', obs)
    if r["check"] == "AD-GPO-016":     # times are the copy's: status only
        obs = ""
    print(r["check"], r["status"], obs)
PY
done
if diff -u "$T_TMP/v-smb.txt" "$T_TMP/v-gss.txt" > "$T_TMP/v.diff"; then
	ok "Kerberos and password give the same verdicts and objects"
else
	not_ok "Kerberos and password give the same verdicts and objects" "$(head -20 "$T_TMP/v.diff")"
fi
if diff -u "$T_TMP/v-smb.txt" "$T_TMP/v-copy.txt" > "$T_TMP/v.diff"; then
	ok "SMB and copy give the same verdicts and objects ($(wc -l < "$T_TMP/v-smb.txt") checks)"
else
	not_ok "SMB and copy give the same verdicts and objects" "$(head -20 "$T_TMP/v.diff")"
fi
V=$T_TMP/v-smb.txt
check_grep "AD-GPO-001 fails on the GPP password, naming file and account" \
	'^AD-GPO-001 fail .*Machine/Preferences/Groups/Groups.xml: User "svc_backup" holds a cpassword \(account svc_backup\)' "$V"
check_grep "AD-GPO-002 fails on the immediate task" '^AD-GPO-002 fail .*immediate task "WindowsUpdateCheck" runs .*powershell.exe' "$V"
check_grep "AD-GPO-003 fails on the logon script outside SYSVOL" '^AD-GPO-003 fail .*scripts.ini \[Logon\]: \\\\10.0.0.66\\share\\run.bat' "$V"
check_grep "AD-GPO-004 fails on Domain Users in local Administrators" '^AD-GPO-004 fail .*LAB\\Domain Users added to local' "$V"
check_grep "AD-GPO-005 fails on Everyone allowed to log on locally" '^AD-GPO-005 fail .*SeInteractiveLogonRight given to \*S-1-1-0' "$V"
check_grep "AD-GPO-006 fails on LmCompatibilityLevel 1 (UTF-16LE GptTmpl.inf)" '^AD-GPO-006 fail .*LmCompatibilityLevel = 1 \(expected >= 5\)' "$V"
check_grep "AD-GPO-010 fails on SMB signing not required" '^AD-GPO-010 fail .*RequireSecuritySignature = 0' "$V"
check_grep "AD-GPO-011 fails on LLMNR (Registry.pol)" '^AD-GPO-011 fail .*EnableMulticast = 1' "$V"
check_grep "AD-GPO-012 fails on WDigest (Registry.pol)" '^AD-GPO-012 fail .*UseLogonCredential = 1' "$V"
check_grep "AD-GPO-014 fails on the spooler" '^AD-GPO-014 fail .*service Spooler start mode 2' "$V"
check_grep "AD-GPO-016 fails on the files planted in the window" '^AD-GPO-016 fail' "$V"
check_grep "AD-GPO-016 names the planted Groups.xml" 'Machine/Preferences/Groups/Groups.xml: (created )?content changed' "$T_TMP/r-smb.json"
check_grep "AD-GPO-007 passes (no GPO stores LM hashes)" '^AD-GPO-007 pass' "$V"
check_grep "AD-GPO-017 fails: no GPO turns Windows LAPS on" '^AD-GPO-017 fail no GPO sets MACHINE.Software.Microsoft.Policies.LAPS.BackupDirectory' "$V"
check_grep "over SMB the GPO is named from LDAP" 'Lab Weak Policy' "$T_TMP/r-smb.json"
check_grep "from the copy alone the GPO is named by GUID" 'name and links not collected' "$T_TMP/r-copy.json"

# The GPO objects over LDAP: with the window opened when the lab planted
# its findings, the GPO "Lab Weak Policy" (created then) is named
START0=$(sed -n 's/^== creating findings (\(.*\))$/\1/p' "$LAB/ad/misconfig-results.txt")
sed "s|<compromise-start>.*</compromise-start>|<compromise-start>$START0</compromise-start>|" \
	"$T_TMP/incident.xml" > "$T_TMP/incident0.xml"
"$REMPART" evaluate -e "$T_TMP/ev-smb" --incident "$T_TMP/incident0.xml" -o "$T_TMP/r0.json" > /dev/null 2>&1
check_grep "AD-GPO-016 names the GPO object changed over LDAP in the window" \
	'Lab Weak Policy.{0,40} \(not linked\): the GPO object changed over LDAP \(whenChanged [0-9T:Z-]+, versionNumber [0-9]+\)' "$T_TMP/r0.json"

# 3. No secret anywhere
"$REMPART" report -r "$T_TMP/r-smb.json" -f md -o "$T_TMP/report.md" > /dev/null 2>&1
if grep -rqa "$CPW" "$T_TMP/ev-smb" "$T_TMP/ev-copy" "$T_TMP/r-smb.json" "$T_TMP/r-copy.json" \
	"$T_TMP/report.md" "$T_TMP/collect.out" "$T_TMP/collect.err" "$T_TMP/import.out"; then
	not_ok "the cpassword value is in no evidence, result, report or log"
else
	ok "the cpassword value is in no evidence, result, report or log"
fi
check_grep "the collected Groups.xml says the value was masked" 'cpassword="rempart-masked"' "$OUT"
if grep -rqaF "$(cat "$PWF")" "$T_TMP/ev-smb" "$T_TMP/collect.out" "$T_TMP/collect.err"; then
	not_ok "the audit account's password is in no evidence or log"
else ok "the audit account's password is in no evidence or log"; fi

tick compared
# 4. An AD target without sysvol=yes: unchanged collection, SYSVOL checks
# not assessed saying how to collect
"$REMPART" collect -i "$T_TMP/plain.ini" -b ad-anssi-level-2 -o "$T_TMP/ev-plain" > /dev/null 2>&1
"$REMPART" collect -i "$T_TMP/sysvol.ini" -b ad-anssi-level-2 -o "$T_TMP/ev-plain2" > /dev/null 2>&1
probes() { python3 -c 'import json,sys; print(" ".join(sorted(p["id"] for p in json.load(open(sys.argv[1]))["probes"])))' "$1"; }
if [ "$(probes "$T_TMP/ev-plain/targets/dc1/target.json")" = "$(probes "$T_TMP/ev-plain2/targets/dc1/target.json")" ] &&
	! grep -q 'ad.sysvol' "$T_TMP/ev-plain/targets/dc1/target.json"; then
	ok "an AD baseline without the SYSVOL checks collects the same probes, sysvol=yes or not"
else not_ok "an AD baseline without the SYSVOL checks collects the same probes, sysvol=yes or not"; fi
"$REMPART" collect -i "$T_TMP/plain.ini" -b rempart-ad-sysvol -o "$T_TMP/ev-nosmb" > /dev/null 2>&1
"$REMPART" evaluate -e "$T_TMP/ev-nosmb" -o "$T_TMP/r-nosmb.json" > /dev/null 2>&1
python3 - "$T_TMP/r-nosmb.json" > "$T_TMP/nosmb.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["check"], r["status"], r.get("reason") or "")
PY
n=$(grep -c '^AD-GPO-0[0-9]* error .*set sysvol=yes' "$T_TMP/nosmb.txt")
is_eq "without sysvol=yes every SYSVOL check is not assessed, saying how" 17 "$n"

tick unchanged
# 5. A hostile copy: a link to a local file named like a policy file, a
# name with a control character, a file over the per-file bound
H=$T_TMP/hostile/Policies/{11111111-2222-3333-4444-555555555555}
mkdir -p "$H/Machine/Preferences/Groups" "$H/Machine/Preferences/Drives"
ln -s /etc/passwd "$H/Machine/Preferences/Groups/Groups.xml"
printf '<x/>' > "$H/Machine/Preferences/Drives/$(printf 'a\001b')"
printf '[General]\r\nVersion=1\r\n' > "$H/GPT.INI"
"$REMPART" evidence import-sysvol --id h -o "$T_TMP/ev-hostile" "$T_TMP/hostile" > /dev/null 2>&1
is_eq "hostile copy imported, partial (exit 3): what was skipped is not known" 3 $?
HO=$T_TMP/ev-hostile/targets/h/probes/ad.sysvol.out
check_nogrep "a symbolic link is not followed" 'root:' "$HO"
check_grep "the link and the name with a control character are skipped and said" '^skipped 2 names .*(Drives/a%01b|Groups/Groups.xml)' "$HO"
check_grep "the collection is cut there" '^cut$' "$HO"
ls "$T_TMP/ev-hostile/targets/h/probes" > "$T_TMP/hostile-files.txt"
is_eq "the bundle holds one probe file, whatever the names" 1 "$(wc -l < "$T_TMP/hostile-files.txt")"
head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$H/Machine/Preferences/Drives/Drives.xml"
"$REMPART" evidence import-sysvol --id h -o "$T_TMP/ev-big" "$T_TMP/hostile" > /dev/null 2>&1
is_eq "a file over the per-file bound: import exit 3 (partial)" 3 $?
"$REMPART" evaluate -e "$T_TMP/ev-big" -b rempart-ad-sysvol -o "$T_TMP/r-big.json" > /dev/null 2>&1
python3 - "$T_TMP/r-big.json" > "$T_TMP/big.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["check"], r["status"], r.get("reason") or "")
PY
n=$(grep -c '^AD-GPO-0[0-9]* error .*truncated' "$T_TMP/big.txt")
is_eq "a bound reached: every SYSVOL check not assessed" 17 "$n"
t_done
