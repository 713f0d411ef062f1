#!/bin/bash
# lab-faults.sh -- hostile targets and faults against the real lab
# (tests/lab): LDAP servers that accept and say nothing, answer garbage or
# a BER length of 2 GiB; one that hits its time limit mid-search; a referral in the directory; SSH listeners that
# accept and say nothing, or send a banner and nothing; a probe whose
# output is 100 MB; a connection killed mid-run. Each faulty target gets a
# precise status and message, the targets beside it are complete, the
# bundle verifies, exit 3. Then no secret of the lab in anything written.
# Needs LAB (a running "lab.sh up DIR ssh ldap"; with "ad" the AD bind and
# administrator passwords are looked for too), python3, ldap-utils, root.
. "$(dirname "$0")/lib.sh"
t_setup
# Under the sanitizers build: the known leaks of libldap, not of rempart
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRCDIR/tests/lsan.supp:fast_unwind_on_malloc=0}
: "${LAB:?set LAB to a running lab (tests/lab/lab.sh up DIR ssh ldap)}"
LABDIR=$SRCDIR/tests/lab
FX=$SRCDIR/tests/fixtures/lab
C=$LAB/ssh/client
KH=$C/known_hosts
WENV=$LAB/ldap/weak/env
HENV=$LAB/ldap/hardened/env
envget() { sed -n "s/^$2=//p" "$1"; }
W_URI=$(envget "$WENV" LDAP_URI); W_CA=$(envget "$WENV" LDAP_CACERT)
W_DN=$(envget "$WENV" LDAP_BIND_DN); W_PW=$(envget "$WENV" LDAP_BIND_PW_FILE)
H1=$(sed -n 's/^h1 *ansible_host=\([^ ]*\).*/\1/p' "$LAB/ssh/inventory.ini")
H3=$(sed -n 's/^h3 *ansible_host=\([^ ]*\).*/\1/p' "$LAB/ssh/inventory.ini")
export LDAPCONF=/dev/null LDAPRC=/dev/null

# Test-only probes and baselines in a copy of the catalogue
D=$T_TMP/data
cp -r "$SRCDIR/checks" "$D"
for m in flood reset; do
	cp "$FX/$m.xml" "$D/linux/lab$m.xml"
	cp "$FX/lab$m.xml" "$D/baselines/lab$m.xml"
done
R() { "$REMPART" --data-dir "$D" "$@"; }
# "id status | error" then "  probe status bytes | detail"
summary() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["id"], d["status"], "|", d["error"])
for p in d["probes"]:
    print(" ", p["id"], p["status"], p["bytes"], "|", p["detail"])
PY
}
tj() { echo "$1/targets/$2/target.json"; }

# The hostile listeners (tests/lab/fault-server.py), and our own slapd
PIDS=()
SW=$T_TMP/sl
stop_all() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null; done
	[ -d "$SW/ref" ] && "$LABDIR/slapd.sh" stop "$SW" ref > /dev/null 2>&1
	t_cleanup
}
trap stop_all EXIT
for m in silent garbage ber-huge ber-bad ssh-banner ldap-timelimit; do
	python3 "$LABDIR/fault-server.py" "$m" "$T_TMP/$m.port" > "$T_TMP/$m.log" 2>&1 &
	PIDS+=($!)
done
for _ in $(seq 100); do
	[ -s "$T_TMP/ssh-banner.port" ] && [ -s "$T_TMP/silent.port" ] && [ -s "$T_TMP/garbage.port" ] &&
		[ -s "$T_TMP/ber-huge.port" ] && [ -s "$T_TMP/ber-bad.port" ] &&
		[ -s "$T_TMP/ldap-timelimit.port" ] && break
	sleep 0.1
done
P_SILENT=$(cat "$T_TMP/silent.port"); P_GARB=$(cat "$T_TMP/garbage.port")
P_HUGE=$(cat "$T_TMP/ber-huge.port"); P_BAD=$(cat "$T_TMP/ber-bad.port")
P_BANNER=$(cat "$T_TMP/ssh-banner.port"); P_TLIM=$(cat "$T_TMP/ldap-timelimit.port")

# 1. LDAP servers that accept and then say nothing, or garbage
cat > "$T_TMP/ldap.ini" <<EOF
[openldap]
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
silent ldap_url=ldap://127.0.0.1:$P_SILENT bind_dn=$W_DN bind_password_file=$W_PW
garbage ldap_url=ldap://127.0.0.1:$P_GARB bind_dn=$W_DN bind_password_file=$W_PW
berhuge ldap_url=ldap://127.0.0.1:$P_HUGE bind_dn=$W_DN bind_password_file=$W_PW
berbad ldap_url=ldap://127.0.0.1:$P_BAD bind_dn=$W_DN bind_password_file=$W_PW
starttls-silent ldap_url=ldap://127.0.0.1:$P_SILENT starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
ldaps-silent ldap_url=ldaps://127.0.0.1:$P_SILENT ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
tlimit ldap_url=ldap://127.0.0.1:$P_TLIM bind_dn=$W_DN bind_password_file=$W_PW
EOF
start=$(date +%s)
R -vv collect -i "$T_TMP/ldap.ini" -b openldap-hardened --connect-timeout 5 -o "$T_TMP/ev1" \
	> "$T_TMP/ev1.log" 2>&1
rc=$?
el=$(( $(date +%s) - start ))
if [ $rc = 3 ]; then ok "hostile LDAP servers: exit 3"; else not_ok "hostile LDAP servers: exit 3" "exit $rc"; fi
if [ "$el" -le 30 ]; then ok "every hostile LDAP server is cut within its timeout ($el s)"
else not_ok "hostile LDAP servers cut in time" "$el s"; fi
for t in weak silent garbage berhuge berbad starttls-silent ldaps-silent; do summary "$(tj "$T_TMP/ev1" $t)"; done > "$T_TMP/ldap.txt"
check_grep "the good directory beside them is complete" '^weak ok \| None$' "$T_TMP/ldap.txt"
check_grep "silent server: unreachable, it accepted and did not answer within 5 s" \
	"^silent unreachable \| 'ldap://127.0.0.1:$P_SILENT' accepted the connection but did not answer the bind within 5 s$" "$T_TMP/ldap.txt"
check_grep "garbage: error, the answer is not LDAP" \
	"^garbage error \| 'ldap://127.0.0.1:$P_GARB' accepted the connection, then answered the bind with something that is not LDAP" "$T_TMP/ldap.txt"
check_grep "a 2 GiB BER length: an error at once, nothing waited or allocated for it" \
	'^berhuge error \| .* is not LDAP' "$T_TMP/ldap.txt"
check_grep "malformed BER: error, decoding error" '^berbad error \| .* is not LDAP \(Decoding error\)' "$T_TMP/ldap.txt"
check_grep "StartTLS to a silent server: error naming StartTLS" '^starttls-silent error \| StartTLS with .*Timed out' "$T_TMP/ldap.txt"
check_grep "ldaps:// to a silent server: the TLS handshake is cut at the timeout" \
	"^ldaps-silent unreachable \| 'ldaps://127.0.0.1:$P_SILENT' accepted the connection but did not answer the TLS handshake within 5 s$" "$T_TMP/ldap.txt"
grep -v '^weak ' "$T_TMP/ldap.txt" | sed -n '/^silent /,$p' > "$T_TMP/ldap-bad.txt"
check_nogrep "no search on any hostile server" '^  openldap\.' "$T_TMP/ldap-bad.txt"
check "the bundle with hostile servers verifies" "$REMPART" evidence verify "$T_TMP/ev1"

# A server that answers two entries, then timeLimitExceeded (3): partial,
# each search a timeout naming the server's limit, never a silent "ok"
summary "$(tj "$T_TMP/ev1" tlimit)" > "$T_TMP/tlimit.txt"
check_grep "server time limit: the target is partial, the error names the server's limit and its message" \
	"^tlimit partial \| some searches were incomplete: openldap\.[a-z-]+: the server's time limit was reached after 2 entries \(those are kept\): time limit exceeded by the fault server" "$T_TMP/tlimit.txt"
n=$(grep -cE "^  openldap\.(config-dbs|config-global|password-schemes|pwd-policies) timeout [1-9][0-9]* \| the server's time limit was reached after 2 entries \(those are kept\): time limit exceeded by the fault server$" "$T_TMP/tlimit.txt")
if [ "$n" = 4 ]; then ok "server time limit: each of the 4 searches is a timeout with what the server said"
else not_ok "server time limit: 4 searches timeout" "$n of 4: $(cat "$T_TMP/tlimit.txt")"; fi
check_nogrep "server time limit: no cut search reads as ok" '^  openldap\.(config|password|pwd)[a-z-]* ok ' "$T_TMP/tlimit.txt"
check_grep "server time limit: the rootDSE it did answer is ok" '^  rootdse ok ' "$T_TMP/tlimit.txt"
check_grep "server time limit: the entries sent before the limit are kept" '^dn: cn=entry2,' \
	"$T_TMP/ev1/targets/tlimit/probes/openldap.password-schemes.ldif"
R evaluate -e "$T_TMP/ev1" -b openldap-hardened -o "$T_TMP/r1.json" 2>/dev/null
results_lines "$T_TMP/r1.json" > "$T_TMP/r1.txt"
check_grep "a check on a search cut by the server's time limit is an error, never a pass" '^tlimit OLDAP-PWD-001 error$' "$T_TMP/r1.txt"

# 2. A referral in the directory: searched, not chased, and said so
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if SLAPD_PORT=$(free_port) SLAPD_TLS_PORT=$(free_port) "$LABDIR/slapd.sh" start "$SW" ref weak 20 \
	> "$T_TMP/own-slapd.log" 2>&1; then ok "own slapd started"
else not_ok "own slapd" "$(tail -3 "$T_TMP/own-slapd.log")"; fi
S_URI=$(envget "$SW/ref/env" LDAP_URI); S_CA=$(envget "$SW/ref/env" LDAP_CACERT)
S_DN=$(envget "$SW/ref/env" LDAP_BIND_DN); S_PW=$(envget "$SW/ref/env" LDAP_BIND_PW_FILE)
S_BASE=$(envget "$SW/ref/env" LDAP_BASE)
if ldapadd -M -x -D "$(envget "$SW/ref/env" LDAP_ROOT_DN)" -y "$(envget "$SW/ref/env" LDAP_ROOT_PW_FILE)" \
	-H "$(envget "$SW/ref/env" LDAPI_URI)" > "$T_TMP/ref-add.log" 2>&1 <<EOF
dn: ou=branch,$S_BASE
objectClass: referral
objectClass: extensibleObject
ou: branch
ref: ldap://branch.example.invalid/ou=branch,$S_BASE
EOF
then ok "the referral entry is added"; else not_ok "referral entry added" "$(cat "$T_TMP/ref-add.log")"; fi
cat > "$T_TMP/ref.ini" <<EOF
[openldap]
ref ldap_url=$S_URI starttls=yes ca_file=$S_CA bind_dn=$S_DN bind_password_file=$S_PW
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
EOF
R -vv collect -i "$T_TMP/ref.ini" -b openldap-hardened -o "$T_TMP/ev2" > "$T_TMP/ev2.log" 2>&1
rc=$?
if [ $rc = 3 ]; then ok "a referral: exit 3"; else not_ok "a referral: exit 3" "exit $rc"; fi
summary "$(tj "$T_TMP/ev2" ref)" > "$T_TMP/ref.txt"
check_grep "the target with a referral is partial, the error names it" \
	'^ref partial \| some searches were incomplete: .*referral not followed.*ldap://branch\.example\.invalid/' "$T_TMP/ref.txt"
check_grep "the subtree search is truncated, what was read is kept" \
	'^  openldap\.password-schemes truncated [1-9][0-9]* \| 1 referral not followed after [1-9][0-9]* entries: the entries under ldap://branch\.example\.invalid/ou=branch' "$T_TMP/ref.txt"
check_grep "the directory beside it is complete" '"status": "ok"' "$(tj "$T_TMP/ev2" weak)"
check "the bundle with a referral verifies" "$REMPART" evidence verify "$T_TMP/ev2"
R evaluate -e "$T_TMP/ev2" -b openldap-hardened -o "$T_TMP/r2.json" 2>/dev/null
results_lines "$T_TMP/r2.json" > "$T_TMP/r2.txt"
check_grep "a check on a search cut by a referral is an error, never a pass" '^ref OLDAP-PWD-001 error$' "$T_TMP/r2.txt"

# 3. SSH: TCP accepted and no banner; a banner and then nothing; beside
# them a good host whose probe sends 100 MB
cat > "$T_TMP/ssh.ini" <<EOF
[linux]
h3 ansible_host=$H3
nobanner ansible_host=127.0.0.1 ansible_port=$P_SILENT
banner ansible_host=127.0.0.1 ansible_port=$P_BANNER
[linux:vars]
ansible_user=auditor
ansible_ssh_private_key_file=$C/id_ed25519
EOF
start=$(date +%s)
R -vv collect -i "$T_TMP/ssh.ini" -b labflood --known-hosts "$KH" --connect-timeout 4 --timeout 120 \
	-o "$T_TMP/ev3" > "$T_TMP/ev3.log" 2>&1
rc=$?
el=$(( $(date +%s) - start ))
if [ $rc = 3 ]; then ok "silent SSH listeners: exit 3"; else not_ok "silent SSH listeners: exit 3" "exit $rc"; fi
for t in h3 nobanner banner; do summary "$(tj "$T_TMP/ev3" $t)"; done > "$T_TMP/ssh.txt"
check_grep "TCP accepted, no banner: unreachable, the error says no banner came" \
	'^nobanner unreachable \| SSH handshake failed: no SSH banner within 4 s \(--connect-timeout\)$' "$T_TMP/ssh.txt"
check_grep "a banner then silence: unreachable, the error says the key exchange never came" \
	'^banner unreachable \| SSH handshake failed: banner received, then no key exchange within 4 s \(--connect-timeout\)$' "$T_TMP/ssh.txt"
if [ "$el" -le 100 ]; then ok "the run ends in time ($el s)"; else not_ok "the run ends in time" "$el s"; fi

# 4. 100 MB of output from one probe: the cap holds, the host is complete
check_grep "100 MB of output: the probe is truncated" '^  labflood.zeros truncated ' "$T_TMP/ssh.txt"
check_grep "the flooding host's error says what was kept of what was sent" \
	'^h3 [a-z]+ \| labflood.zeros: output capped at 1048576 bytes \(the host sent 104857600\)$' "$T_TMP/ssh.txt"
n=$(stat -c %s "$T_TMP/ev3/targets/h3/probes/labflood.zeros.out" 2>/dev/null || echo 0)
if [ "$n" = 1048576 ]; then ok "100 MB of output: 1 MiB kept, the probe's max-bytes"
else not_ok "100 MB capped at max-bytes" "$n bytes kept"; fi
check "the bundle with the flood and the silent hosts verifies" "$REMPART" evidence verify "$T_TMP/ev3"

# 5. The connection killed mid-run (the session's sshd dies under a probe)
cat > "$T_TMP/reset.ini" <<EOF
[linux]
h1 ansible_host=$H1
[linux:vars]
ansible_user=auditor
ansible_ssh_private_key_file=$C/id_ed25519
EOF
R -vv collect -i "$T_TMP/reset.ini" -b labreset --known-hosts "$KH" --timeout 60 -o "$T_TMP/ev4" \
	> "$T_TMP/ev4.log" 2>&1
rc=$?
if [ $rc = 3 ]; then ok "connection killed mid-run: exit 3"; else not_ok "killed mid-run: exit 3" "exit $rc"; fi
summary "$(tj "$T_TMP/ev4" h1)" > "$T_TMP/reset.txt"
check_grep "the killed connection: error, connection lost" '^h1 error \| connection lost' "$T_TMP/reset.txt"
check_grep "the probe under it: error, no end marker" '^  labreset.kill error [0-9]+ \| no end marker: connection lost' "$T_TMP/reset.txt"
check_grep "what the probe sent before is kept" 'before-the-reset' "$T_TMP/ev4/targets/h1/probes/labreset.kill.out"
check "the bundle with the killed connection verifies" "$REMPART" evidence verify "$T_TMP/ev4"

# 6. No secret of the lab in anything rempart wrote here (evidence,
# results, reports, -vv logs): the bind passwords of both slapd instances
# and of AD, the AD administrator's, the key passphrase, the auditor's
R report -r "$T_TMP/r2.json" -f md -o "$T_TMP/r2.md" 2>/dev/null
R report -r "$T_TMP/r2.json" -f html -o "$T_TMP/r2.html" 2>/dev/null
secrets=("$W_PW" "$(envget "$HENV" LDAP_BIND_PW_FILE)" "$S_PW" "$C/passphrase" "$C/auditor.pw")
if [ -f "$LAB/ad/env" ]; then
	secrets+=("$(envget "$LAB/ad/env" AD_BIND_PW_FILE)" "$(envget "$LAB/ad/env" AD_ADMIN_PW_FILE)")
fi
n=0 leak=0
for f in "${secrets[@]}"; do
	[ -s "$f" ] || continue
	n=$((n + 1))
	if grep -rqaF -- "$(cat "$f")" "$T_TMP"/ev* "$T_TMP"/r1.json "$T_TMP"/r2.*; then leak=1; echo "     secret of $f found"; fi
done
if [ $leak = 0 ] && [ $n -ge 5 ]; then ok "no secret ($n looked for) in the evidence, results, reports and -vv logs"
else not_ok "no secret in the outputs" "$n secrets looked for"; fi

t_done
