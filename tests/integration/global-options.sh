#!/bin/bash
# global-options.sh -- -q, -v and --data-dir work before and after the
# command, in every command's --help; offline (a collection to a closed
# port of 127.0.0.1 only).
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures
EV=$T_TMP/ev
cp -r "$FX/bundle" "$EV"
"$REMPART" evidence seal "$EV" > /dev/null 2>&1
BL="-b anssi-bp028-minimal"

ev() { # name stderr-file options...: evaluate with options around it
	local n=$1 err=$2; shift 2
	# shellcheck disable=SC2086
	"$REMPART" "${@:1:$PRE}" evaluate -e "$EV" $BL -o "$T_TMP/r.json" \
		"${@:$((PRE + 1))}" 2> "$err"
	[ $? = 3 ] || not_ok "$n: evaluate exit 3 (one target not audited)"
}
PRE=0 ev "-v after" "$T_TMP/v-after" -v
check_grep "evaluate ... -v: verbose (the info line)" \
	'^rempart: evaluated [0-9]+ results on [0-9]+ targets' "$T_TMP/v-after"
PRE=1 ev "-v before" "$T_TMP/v-before" -v
check_same "-v before the command says the same" "$T_TMP/v-after" "$T_TMP/v-before"
PRE=0 ev "--verbose after" "$T_TMP/v-long" --verbose
check_same "--verbose after the command says the same" "$T_TMP/v-after" "$T_TMP/v-long"
PRE=0 ev "-q after" "$T_TMP/q-after" -q
if [ -s "$T_TMP/q-after" ]; then not_ok "evaluate ... -q: nothing on stderr" "$(head -c 300 "$T_TMP/q-after")"
else ok "evaluate ... -q: nothing on stderr"; fi
PRE=1 ev "-v before, -q after" "$T_TMP/vq" -v -q
if [ -s "$T_TMP/vq" ]; then not_ok "-v before and -q after: the last wins (quiet)"
else ok "-v before and -q after: the last wins (quiet)"; fi
PRE=1 ev "-q before, -v after" "$T_TMP/qv" -q -v
check_grep "-q before and -v after: the last wins (verbose)" \
	'^rempart: evaluated [0-9]+ results on [0-9]+ targets' "$T_TMP/qv"
PRE=0 ev "-qv after" "$T_TMP/qv2" -qv
check_grep "-qv (a cluster): the last wins (verbose)" \
	'^rempart: evaluated [0-9]+ results on [0-9]+ targets' "$T_TMP/qv2"
PRE=0 ev "-vv after" "$T_TMP/vv" -vv
check_grep "-vv after the command (a cluster) is verbose" '^rempart: evaluated' "$T_TMP/vv"

# a warning given while the options are read is silenced by a later -q
"$REMPART" collect -t auditor@127.0.0.1:1 $BL -o "$T_TMP/c1" \
	--known-hosts /dev/null --insecure-tls --connect-timeout 5 > /dev/null 2> "$T_TMP/c1.err"
check_grep "collect --insecure-tls warns" 'warning: --insecure-tls' "$T_TMP/c1.err"
"$REMPART" collect -t auditor@127.0.0.1:1 $BL -o "$T_TMP/c2" \
	--known-hosts /dev/null --insecure-tls --connect-timeout 5 -q > /dev/null 2> "$T_TMP/c2.err"
check_nogrep "collect --insecure-tls ... -q: no warning at all" 'warning' "$T_TMP/c2.err"

# --data-dir anywhere
check_rc "--data-dir after the command is used (a missing catalogue: exit 2)" 2 \
	"$REMPART" checks list --data-dir "$T_TMP/none"
"$REMPART" evaluate -e "$EV" $BL -o "$T_TMP/r.json" --data-dir "$T_TMP/none" 2> "$T_TMP/dd.err"
check_grep "evaluate --data-dir DIR names DIR" "$T_TMP/none" "$T_TMP/dd.err"
check "--data-dir before the command" "$REMPART" --data-dir "$SRCDIR/checks" baseline list
check "hand-parsed verbs take them too: baseline -v list" "$REMPART" baseline -v list
check "evidence verify EV -q" "$REMPART" evidence verify "$EV" -q
check "checks list --kind linux -q" "$REMPART" checks list --kind linux -q
"$REMPART" checks -v --format json show LNX-SSH-001 > "$T_TMP/show.json" 2>&1
check "checks -v --format json show ID: options before the verb too" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["id"] == "LNX-SSH-001"' "$T_TMP/show.json"
check_rc "checks -q alone: no verb, exit 2" 2 "$REMPART" checks -q
check_rc "an unknown option before the command: exit 2" 2 "$REMPART" --bogus evaluate
check_rc "an unknown option after it: exit 2" 2 "$REMPART" evaluate --bogus

# documented
"$REMPART" --help > "$T_TMP/help" 2>&1
check_grep "rempart --help documents the global options" '^Global options \(before or after the command\)' "$T_TMP/help"
check_grep "rempart --help: report renders html too" '^  report +render results as html' "$T_TMP/help"
for c in audit collect evaluate report checks baseline evidence; do
	"$REMPART" "$c" --help > "$T_TMP/h-$c" 2>&1
	check_grep "rempart $c --help documents -q and -v" '^  -q, --quiet' "$T_TMP/h-$c"
done
t_done
