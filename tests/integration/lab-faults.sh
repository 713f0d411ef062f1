#!/bin/bash
# lab-faults.sh -- hostile targets and faults against the real lab
# (tests/lab): LDAP servers that accept and say nothing, answer garbage or
# a BER length of 2 GiB; one that hits its time limit mid-search; a referral in the directory; SSH listeners that
# accept and say nothing, or send a banner and nothing; a probe whose
# output is 100 MB; a connection killed mid-run. Each faulty target gets a
# precise status and message, the targets beside it are complete, the
# bundle verifies, exit 3. Then what must fail closed: a plain-LDAP
# listener that records every byte (no password may arrive), flooding and
# dripping directories (budgets, run limit, SIGTERM), revoked host keys, a
# private key others may read, secret files that are FIFOs or devices.
# Then no secret of the lab in anything written.
# FAULT_PORTS=LOW-HIGH keeps the listeners to a port range.
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
MODES="silent garbage ber-huge ber-bad ssh-banner ldap-timelimit ldap-sniff ldap-flood ldap-drip ldap-bytedrip"
for m in $MODES; do
	python3 "$LABDIR/fault-server.py" "$m" "$T_TMP/$m.port" > "$T_TMP/$m.log" 2>&1 &
	PIDS+=($!)
done
# a flood that never ends and never reads the client's abandon
FAULT_FLOOD_MB=0 python3 "$LABDIR/fault-server.py" ldap-flood "$T_TMP/flood0.port" > "$T_TMP/flood0.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
	n=0
	for m in $MODES flood0; do [ -s "$T_TMP/$m.port" ] && n=$((n + 1)); done
	[ $n = 11 ] && break
	sleep 0.1
done
P_SILENT=$(cat "$T_TMP/silent.port"); P_GARB=$(cat "$T_TMP/garbage.port")
P_HUGE=$(cat "$T_TMP/ber-huge.port"); P_BAD=$(cat "$T_TMP/ber-bad.port")
P_BANNER=$(cat "$T_TMP/ssh-banner.port"); P_TLIM=$(cat "$T_TMP/ldap-timelimit.port")
P_SNIFF=$(cat "$T_TMP/ldap-sniff.port"); P_FLOOD=$(cat "$T_TMP/ldap-flood.port")
P_DRIP=$(cat "$T_TMP/ldap-drip.port"); P_FLOOD0=$(cat "$T_TMP/flood0.port")
P_BDRIP=$(cat "$T_TMP/ldap-bytedrip.port")

# 1. LDAP servers that accept and then say nothing, or garbage
cat > "$T_TMP/ldap.ini" <<EOF
[openldap]
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
silent ldap_url=ldap://127.0.0.1:$P_SILENT
garbage ldap_url=ldap://127.0.0.1:$P_GARB
berhuge ldap_url=ldap://127.0.0.1:$P_HUGE
berbad ldap_url=ldap://127.0.0.1:$P_BAD
starttls-silent ldap_url=ldap://127.0.0.1:$P_SILENT starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
ldaps-silent ldap_url=ldaps://127.0.0.1:$P_SILENT ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
tlimit ldap_url=ldap://127.0.0.1:$P_TLIM
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
# a free port (of FAULT_PORTS when set), not one of the arguments
free_port() { python3 - "$@" <<'PY'
import os, socket, sys
s = socket.socket()
r = os.environ.get("FAULT_PORTS", "")
ports = range(int(r.split("-")[0]), int(r.split("-")[1]) + 1) if r else [0]
for p in ports:
    if str(p) in sys.argv[1:]:
        continue
    try:
        s.bind(("127.0.0.1", p))
        break
    except OSError:
        continue
print(s.getsockname()[1])
PY
}
SP1=$(free_port); SP2=$(free_port "$SP1")
if SLAPD_PORT=$SP1 SLAPD_TLS_PORT=$SP2 "$LABDIR/slapd.sh" start "$SW" ref weak 20 \
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

# 6. Fail closed. A plain-LDAP listener that records every byte: a simple
# bind with a password over ldap:// without StartTLS is refused before any
# connection (naming file, line and host), a URL list too; StartTLS that
# the server refuses never falls back to a clear bind; only
# --insecure-plain-bind sends it, loudly, and the evidence says so.
PLAIN_PW=$T_TMP/plain.pw
printf 'Plain-Bind-S3cret-%s' "$$" > "$PLAIN_PW"; chmod 600 "$PLAIN_PW"
SNIFF=$T_TMP/ldap-sniff.port.bytes
pw_arrived() { [ -f "$SNIFF" ] && grep -qaF -- "$(cat "$PLAIN_PW")" "$SNIFF"; }
cat > "$T_TMP/plain.ini" <<EOF
[openldap]
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
plain ldap_url=ldap://127.0.0.1:$P_SNIFF bind_dn=cn=audit,dc=example,dc=org bind_password_file=$PLAIN_PW
EOF
R collect -i "$T_TMP/plain.ini" -b openldap-hardened -o "$T_TMP/ev-plain" > "$T_TMP/plain.log" 2>&1
rc=$?
if [ $rc = 2 ]; then ok "a password over clear ldap://: refused, exit 2"; else not_ok "clear ldap:// password refused, exit 2" "exit $rc"; fi
check_grep "the refusal names file, line and host, and the ways out" \
	"plain\.ini:3: host 'plain': refusing to send the bind password of 'cn=audit,dc=example,dc=org' in clear text over ldap:// without StartTLS: use ldaps://, starttls=yes or ldapi:// \(or --insecure-plain-bind" "$T_TMP/plain.log"
if [ -e "$SNIFF" ]; then not_ok "refused before connecting: the listener saw no byte" "$(wc -c < "$SNIFF") bytes"
else ok "refused before connecting: the listener saw no byte"; fi
check "nothing written for a refused inventory" test ! -e "$T_TMP/ev-plain/manifest.json"
cat > "$T_TMP/list.ini" <<EOF
[openldap]
dc1 ldap_url="ldaps://127.0.0.1:1 ldap://127.0.0.1:$P_SNIFF" bind_dn=audit@x bind_password_file=$PLAIN_PW
EOF
R collect -i "$T_TMP/list.ini" -b openldap-hardened -o "$T_TMP/ev-list" > "$T_TMP/list.log" 2>&1
rc=$?
if [ $rc = 2 ]; then ok "a list of URLs: inventory error, exit 2"; else not_ok "a list of URLs: exit 2" "exit $rc"; fi
check_grep "the list is named with its file, line and host" "list\.ini:2: host 'dc1': ldap_url: one URL per target" "$T_TMP/list.log"
if [ -e "$SNIFF" ]; then not_ok "a list of URLs: the listener saw no byte" "$(wc -c < "$SNIFF") bytes"
else ok "a list of URLs: the listener saw no byte"; fi
cat > "$T_TMP/stls.ini" <<EOF
[openldap]
stls ldap_url=ldap://127.0.0.1:$P_SNIFF starttls=yes bind_dn=cn=audit,dc=example,dc=org bind_password_file=$PLAIN_PW
EOF
R collect -i "$T_TMP/stls.ini" -b openldap-hardened --connect-timeout 5 -o "$T_TMP/ev-stls" > "$T_TMP/stls.log" 2>&1
summary "$(tj "$T_TMP/ev-stls" stls)" > "$T_TMP/stls.txt"
check_grep "StartTLS refused by the server: an error naming StartTLS" '^stls error \| StartTLS with .* the server refused it' "$T_TMP/stls.txt"
check "StartTLS refused: the listener did get the StartTLS request" test -s "$SNIFF"
if pw_arrived; then not_ok "StartTLS refused: no password byte arrived"
else ok "StartTLS refused: no password byte arrived (no fallback to a clear bind)"; fi
R collect -i "$T_TMP/plain.ini" -b openldap-hardened --insecure-plain-bind -o "$T_TMP/ev-insec" > "$T_TMP/insec.log" 2>&1
check_grep "--insecure-plain-bind: a warning on stderr" 'warning: --insecure-plain-bind: LDAP bind passwords may be sent IN CLEAR TEXT' "$T_TMP/insec.log"
check_grep "--insecure-plain-bind: the host it concerns is named" "plain\.ini:3: host 'plain': the bind password will be sent in CLEAR TEXT" "$T_TMP/insec.log"
if pw_arrived; then ok "--insecure-plain-bind: the password did go in clear (the listener proves the option's meaning)"
else not_ok "--insecure-plain-bind sends the password"; fi
summary "$(tj "$T_TMP/ev-insec" plain)" > "$T_TMP/insec.txt"
check_grep "--insecure-plain-bind: target.json marks the target partial and says CLEAR TEXT" \
	'^plain partial \| bind password sent in CLEAR TEXT over ldap:// without StartTLS \(--insecure-plain-bind\)' "$T_TMP/insec.txt"
check_grep "--insecure-plain-bind: the protected directory beside it is not marked" '"status": "ok"' "$(tj "$T_TMP/ev-insec" weak)"
R evaluate -e "$T_TMP/ev-insec" -b openldap-hardened -o "$T_TMP/r-insec.json" 2>/dev/null
check_grep "--insecure-plain-bind: results.json carries the mark" 'CLEAR TEXT' "$T_TMP/r-insec.json"

# A flooding directory (60 KB entries, 100 MiB per search: 490 MB in all
# before the budgets): bounded by --ldap-probe-cap and --ldap-target-cap,
# each search over its budget is its own error, the bundle verifies.
cat > "$T_TMP/flood.ini" <<EOF
[openldap]
flood ldap_url=ldap://127.0.0.1:$P_FLOOD
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN bind_password_file=$W_PW
EOF
start=$(date +%s)
R collect -i "$T_TMP/flood.ini" -b openldap-hardened --connect-timeout 5 --ldap-probe-cap 8 --ldap-target-cap 20 \
	-o "$T_TMP/ev-flood" > "$T_TMP/flood.log" 2>&1
rc=$?
el=$(( $(date +%s) - start ))
if [ $rc = 3 ]; then ok "flooding directory: exit 3"; else not_ok "flooding directory: exit 3" "exit $rc"; fi
n=$(du -sb "$T_TMP/ev-flood/targets/flood" | cut -f1)
if [ "$n" -le $((20 * 1048576 + 65536)) ]; then ok "flooding directory: $n bytes kept, within the 20 MiB target budget ($el s)"
else not_ok "flooding directory bounded by 20 MiB" "$n bytes"; fi
summary "$(tj "$T_TMP/ev-flood" flood)" > "$T_TMP/flood.txt"
check_grep "flood: the first search is truncated at 8 MiB, the cap named" \
	'^  openldap\.config-dbs truncated [0-9]+ \| output capped at 8388608 bytes after [0-9]+ entries \(those are kept; --ldap-probe-cap\): the search was stopped$' "$T_TMP/flood.txt"
check_grep "flood: a later search is truncated by the target budget, named" \
	'truncated [0-9]+ \| the target.s budget of 20971520 bytes was spent after [0-9]+ entries' "$T_TMP/flood.txt"
check_grep "flood: the searches after the budget are not run, and say why" \
	'^  openldap\.rootdse not-run 0 \| the target.s byte budget was spent by earlier searches \(--ldap-target-cap\)$' "$T_TMP/flood.txt"
n=$(awk '$1 ~ /^openldap\./ && $3 > 8388608' "$T_TMP/flood.txt" | wc -l)
if [ "$n" = 0 ]; then ok "flood: no probe file over its 8 MiB cap"; else not_ok "flood: no probe over 8 MiB" "$n"; fi
check_grep "flood: the target is partial" '^flood partial \| some searches were incomplete' "$T_TMP/flood.txt"
check_grep "flood: the directory beside it is complete" '"status": "ok"' "$(tj "$T_TMP/ev-flood" weak)"
check "the bundle with the flooding directory verifies" "$REMPART" evidence verify "$T_TMP/ev-flood"
R evaluate -e "$T_TMP/ev-flood" -b openldap-hardened -o "$T_TMP/r-flood.json" 2>/dev/null
rc=$?
if [ $rc = 3 ]; then ok "flood: the bundle evaluates (exit 3)"; else not_ok "flood: evaluate" "exit $rc"; fi
results_lines "$T_TMP/r-flood.json" > "$T_TMP/r-flood.txt"
check_nogrep "flood: no check of the flooding directory passes" '^flood [A-Z0-9-]+ pass$' "$T_TMP/r-flood.txt"

# A flood that never ends, with the default budgets: the search stops at
# 256 MiB (what a bundle reader takes), so evaluate still reads the bundle
cat > "$T_TMP/flood0.ini" <<EOF
[openldap]
flood0 ldap_url=ldap://127.0.0.1:$P_FLOOD0
EOF
start=$(date +%s)
R collect -i "$T_TMP/flood0.ini" -b openldap-hardened --connect-timeout 3 --timeout 60 \
	-o "$T_TMP/ev-flood0" > "$T_TMP/flood0.log" 2>&1
el=$(( $(date +%s) - start ))
n=$(stat -c %s "$T_TMP/ev-flood0/targets/flood0/probes/openldap.config-dbs.ldif" 2>/dev/null || echo 0)
if [ "$n" -gt $((200 * 1048576)) ] && [ "$n" -le 268435456 ]; then ok "endless flood: the search kept $n bytes, at most the default 256 MiB ($el s)"
else not_ok "endless flood capped at 256 MiB" "$n bytes"; fi
R evaluate -e "$T_TMP/ev-flood0" -b openldap-hardened -o "$T_TMP/r-flood0.json" > "$T_TMP/r-flood0.log" 2>&1
rc=$?
if [ $rc = 3 ]; then ok "endless flood: evaluate reads the bundle (exit 3, not 4)"; else not_ok "endless flood: evaluate" "exit $rc: $(tail -2 "$T_TMP/r-flood0.log")"; fi
rm -rf "$T_TMP/ev-flood0"

# A dripping directory (one entry every 2 s, for ever): --timeout 5 ends
# the run, the search cut is a timeout naming the limit; SIGTERM ends it
# within a second; both bundles verify.
cat > "$T_TMP/drip.ini" <<EOF
[openldap]
drip ldap_url=ldap://127.0.0.1:$P_DRIP
EOF
s=$(date +%s%N)
R collect -i "$T_TMP/drip.ini" -b openldap-hardened --connect-timeout 3 --timeout 5 -o "$T_TMP/ev-drip" \
	> "$T_TMP/drip.log" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - s) / 1000000 ))
if [ $rc = 3 ]; then ok "dripping directory: exit 3"; else not_ok "dripping directory: exit 3" "exit $rc"; fi
if [ $ms -le 8000 ]; then ok "dripping directory: collect ends by its --timeout 5 ($ms ms)"
else not_ok "dripping directory ends by its deadline" "$ms ms"; fi
summary "$(tj "$T_TMP/ev-drip" drip)" > "$T_TMP/drip.txt"
check_grep "drip: the search is a timeout naming the run limit, its entries kept" \
	'^  openldap\.config-dbs timeout [1-9][0-9]* \| run time limit reached \(5 s after the bind, --timeout\) after [1-9][0-9]* entries \(those are kept\)$' "$T_TMP/drip.txt"
check_grep "drip: the searches after it are not run, and say why" \
	'^  openldap\.rootdse not-run 0 \| the run time limit was reached before this search \(--timeout\)$' "$T_TMP/drip.txt"
check "the bundle of the dripping directory verifies" "$REMPART" evidence verify "$T_TMP/ev-drip"
"$REMPART" --data-dir "$D" collect -i "$T_TMP/drip.ini" -b openldap-hardened --connect-timeout 3 \
	-o "$T_TMP/ev-drip2" > "$T_TMP/drip2.log" 2>&1 &
pid=$!	# rempart itself, not a subshell
sleep 4
kill -TERM $pid
s=$(date +%s%N)
wait $pid
rc=$?
ms=$(( ($(date +%s%N) - s) / 1000000 ))
if [ $ms -le 1500 ]; then ok "drip: SIGTERM ends the collection in $ms ms"; else not_ok "drip: SIGTERM honoured within a second" "$ms ms"; fi
if [ $rc = 3 ]; then ok "drip: interrupted run, exit 3"; else not_ok "drip: interrupted, exit 3" "exit $rc"; fi
summary "$(tj "$T_TMP/ev-drip2" drip)" > "$T_TMP/drip2.txt"
check_grep "drip: the search under SIGTERM says interrupted, its entries kept" \
	'^  openldap\.config-dbs error [1-9][0-9]* \| interrupted after [1-9][0-9]* entries \(those are kept\)$' "$T_TMP/drip2.txt"
check "the interrupted bundle verifies" "$REMPART" evidence verify "$T_TMP/ev-drip2"
check_grep "the interrupted bundle is marked partial" '"partial": true' "$T_TMP/ev-drip2/manifest.json"

# One entry dripped a byte every 100 ms: each search ends at the operation
# timeout (--connect-timeout) though bytes keep coming; SIGTERM in the
# middle of the message ends the run within a second
cat > "$T_TMP/bdrip.ini" <<EOF
[openldap]
bdrip ldap_url=ldap://127.0.0.1:$P_BDRIP
EOF
s=$(date +%s%N)
R collect -i "$T_TMP/bdrip.ini" -b openldap-hardened --connect-timeout 2 --timeout 30 -o "$T_TMP/ev-bdrip" \
	> "$T_TMP/bdrip.log" 2>&1
ms=$(( ($(date +%s%N) - s) / 1000000 ))
summary "$(tj "$T_TMP/ev-bdrip" bdrip)" > "$T_TMP/bdrip.txt"
check_grep "byte drip: a message never finished is a timeout at --connect-timeout" \
	'^  openldap\.config-dbs timeout 0 \| no answer within 2 s after 0 entries' "$T_TMP/bdrip.txt"
if [ $ms -le 15000 ]; then ok "byte drip: the run ends ($ms ms for 5 searches)"; else not_ok "byte drip: the run ends" "$ms ms"; fi
"$REMPART" --data-dir "$D" collect -i "$T_TMP/bdrip.ini" -b openldap-hardened --connect-timeout 30 \
	-o "$T_TMP/ev-bdrip2" > "$T_TMP/bdrip2.log" 2>&1 &
pid=$!
sleep 3
kill -TERM $pid
s=$(date +%s%N)
wait $pid
ms=$(( ($(date +%s%N) - s) / 1000000 ))
if [ $ms -le 1500 ]; then ok "byte drip: SIGTERM mid-message ends the collection in $ms ms"
else not_ok "byte drip: SIGTERM honoured within a second" "$ms ms"; fi
check_grep "byte drip: the cut search says interrupted" '^  openldap\.config-dbs error 0 \| interrupted after 0 entries' \
	<(summary "$(tj "$T_TMP/ev-bdrip2" bdrip)")
check "the bundle interrupted mid-message verifies" "$REMPART" evidence verify "$T_TMP/ev-bdrip2"

# Revoked host keys (@revoked lines of known_hosts): refused, named, and
# --accept-new never records them
cp "$KH" "$T_TMP/kh-rev"
grep "^$H3 " "$KH" | cut -d' ' -f2- | sed 's/^/@revoked * /' > "$T_TMP/rev-lines"
cat "$T_TMP/rev-lines" >> "$T_TMP/kh-rev"
cat > "$T_TMP/h3.ini" <<EOF
[linux]
h3 ansible_host=$H3
[linux:vars]
ansible_user=auditor
ansible_ssh_private_key_file=$C/id_ed25519
EOF
R collect -i "$T_TMP/h3.ini" -b anssi-bp028-minimal --known-hosts "$T_TMP/kh-rev" --connect-timeout 5 \
	-o "$T_TMP/ev-rev" > "$T_TMP/rev.log" 2>&1
summary "$(tj "$T_TMP/ev-rev" h3)" > "$T_TMP/rev.txt"
check_grep "a revoked host key (also listed as known): refused, the error says REVOKED" \
	"^h3 hostkey-mismatch \| REVOKED host key for '$H3' port 22: .* is marked @revoked in " "$T_TMP/rev.txt"
check_nogrep "a revoked host: no probe ran" '^  linux\.' "$T_TMP/rev.txt"
cp "$T_TMP/rev-lines" "$T_TMP/kh-rev2"
R collect -i "$T_TMP/h3.ini" -b anssi-bp028-minimal --known-hosts "$T_TMP/kh-rev2" --accept-new --connect-timeout 5 \
	-o "$T_TMP/ev-rev2" > "$T_TMP/rev2.log" 2>&1
check_grep "--accept-new with a revoked key: refused" '^h3 hostkey-mismatch \| REVOKED host key' \
	<(summary "$(tj "$T_TMP/ev-rev2" h3)")
check_same "--accept-new never records a revoked key" "$T_TMP/rev-lines" "$T_TMP/kh-rev2"
# OpenSSH skips blanks before a marker: so does rempart
cp "$KH" "$T_TMP/kh-rev4"
sed 's/^/  /' "$T_TMP/rev-lines" >> "$T_TMP/kh-rev4"
R collect -i "$T_TMP/h3.ini" -b anssi-bp028-minimal --known-hosts "$T_TMP/kh-rev4" --connect-timeout 5 \
	-o "$T_TMP/ev-rev4" > "$T_TMP/rev4.log" 2>&1
check_grep "an indented @revoked line is honoured too" '^h3 hostkey-mismatch \| REVOKED host key' \
	<(summary "$(tj "$T_TMP/ev-rev4" h3)")
printf '@revoked * ssh-ed25519 not-base64!\n' > "$T_TMP/kh-bad"; cat "$KH" >> "$T_TMP/kh-bad"
R collect -i "$T_TMP/h3.ini" -b anssi-bp028-minimal --known-hosts "$T_TMP/kh-bad" --connect-timeout 5 \
	-o "$T_TMP/ev-rev3" > "$T_TMP/rev3.log" 2>&1
check_grep "an @revoked line that cannot be read: every host refused, the line named" \
	"^h3 hostkey-mismatch \| .*kh-bad:1: an @revoked line rempart cannot read" <(summary "$(tj "$T_TMP/ev-rev3" h3)")

# A private key that others may read: refused as OpenSSH does
cp "$C/id_ed25519" "$T_TMP/key644"; chmod 644 "$T_TMP/key644"
sed "s|$C/id_ed25519|$T_TMP/key644|" "$T_TMP/h3.ini" > "$T_TMP/key644.ini"
SSH_AUTH_SOCK='' R collect -i "$T_TMP/key644.ini" -b anssi-bp028-minimal --known-hosts "$KH" --connect-timeout 5 \
	-o "$T_TMP/ev-key" > "$T_TMP/key.log" 2>&1
check_grep "a 0644 private key: refused, the mode and the fix named" \
	"^h3 auth-failed \| .*key '$T_TMP/key644' has mode 0644: group or others may read this private key: refused, as OpenSSH does; run 'chmod 600" \
	<(summary "$(tj "$T_TMP/ev-key" h3)")

# Secret files that are FIFOs or devices: refused at once, never opened
# for a blocking read
mkfifo -m 600 "$T_TMP/pw.fifo"
for v in "bind_password_file=$T_TMP/pw.fifo" "bind_password_file=/dev/zero"; do
	cat > "$T_TMP/fifo.ini" <<EOF
[openldap]
weak ldap_url=$W_URI starttls=yes ca_file=$W_CA bind_dn=$W_DN $v
EOF
	s=$(date +%s)
	timeout 20 "$REMPART" --data-dir "$D" collect -i "$T_TMP/fifo.ini" -b openldap-hardened -o "$T_TMP/ev-fifo" \
		> "$T_TMP/fifo.log" 2>&1
	rc=$?
	el=$(( $(date +%s) - s ))
	if [ $rc = 2 ] && [ $el -le 3 ]; then ok "$v: refused at once (exit 2, $el s)"
	else not_ok "$v refused at once" "exit $rc after $el s"; fi
	check_grep "$v: the error says what the file is" "'weak': secret file '.*' is not a regular file \((a FIFO|a character device)\): refused" "$T_TMP/fifo.log"
done
sed "s|^ansible_ssh_private_key_file=.*|password_file=$T_TMP/pw.fifo|" "$T_TMP/h3.ini" > "$T_TMP/fifo2.ini"
timeout 20 "$REMPART" --data-dir "$D" collect -i "$T_TMP/fifo2.ini" -b anssi-bp028-minimal --known-hosts "$KH" \
	-o "$T_TMP/ev-fifo2" > "$T_TMP/fifo2.log" 2>&1
rc=$?
if [ $rc = 2 ]; then ok "password_file FIFO (SSH): refused, exit 2"; else not_ok "password_file FIFO refused" "exit $rc"; fi

# 7. No secret of the lab in anything rempart wrote here (evidence,
# results, reports, -vv logs): the bind passwords of both slapd instances
# and of AD, the AD administrator's, the key passphrase, the auditor's
R report -r "$T_TMP/r2.json" -f md -o "$T_TMP/r2.md" 2>/dev/null
R report -r "$T_TMP/r2.json" -f html -o "$T_TMP/r2.html" 2>/dev/null
secrets=("$W_PW" "$(envget "$HENV" LDAP_BIND_PW_FILE)" "$S_PW" "$C/passphrase" "$C/auditor.pw" "$PLAIN_PW")
if [ -f "$LAB/ad/env" ]; then
	secrets+=("$(envget "$LAB/ad/env" AD_BIND_PW_FILE)" "$(envget "$LAB/ad/env" AD_ADMIN_PW_FILE)")
fi
n=0 leak=0
for f in "${secrets[@]}"; do
	[ -s "$f" ] || continue
	n=$((n + 1))
	if grep -rqaF -- "$(cat "$f")" "$T_TMP"/ev* "$T_TMP"/r1.json "$T_TMP"/r2.*; then leak=1; echo "     secret of $f found"; fi
done
if [ $leak = 0 ] && [ $n -ge 6 ]; then ok "no secret ($n looked for) in the evidence, results, reports and -vv logs"
else not_ok "no secret in the outputs" "$n secrets looked for"; fi

t_done
