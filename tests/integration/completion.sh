#!/bin/bash
# completion.sh -- completion/rempart sourced in a bare bash (no
# bash-completion package), _rempart called as bash would (COMP_WORDS,
# COMP_CWORD), for the binary under test: commands, verbs, options per
# command, option values, baseline and check ids, file names.
. "$(dirname "$0")/lib.sh"
t_setup
COMP=$SRCDIR/completion/rempart
mkdir -p "$T_TMP/files/sub" && touch "$T_TMP/files/inv.ini" "$T_TMP/files/inv2.ini" \
	"$T_TMP/files/base.xml" "$T_TMP/files/notes.txt"

# comp WORD...: the completions of the last word (one per line, sorted)
comp() {
	(cd "$T_TMP/files" && bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
		_rempart; printf "%s\n" "${COMPREPLY[@]}"' _ "$COMP" "$REMPART" "$@") |
		sed '/^$/d' | LC_ALL=C sort
}
# In NAME "WORDS...": shell words, '' for an empty last word.
# expect NAME "WORDS..." EXPECTED...: exactly these completions
expect() {
	local n=$1 got want; local -a w; w=$2; shift 2
	eval "w=(${w[0]})"
	got=$(comp "${w[@]}" | tr '\n' ' ')
	want=$([ $# -eq 0 ] || printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then ok "$n"; else not_ok "$n" "got [$got], want [$want]"; fi
}
# has NAME "WORDS..." WORD...: these are among the completions
has() {
	local n=$1 got x miss=; local -a w; w=$2; shift 2
	eval "w=(${w[0]})"
	got=$(comp "${w[@]}")
	for x in "$@"; do grep -qxF -- "$x" <<<"$got" || miss="$miss $x"; done
	if [ -z "$miss" ]; then ok "$n"; else not_ok "$n" "missing:$miss in [$(echo $got | head -c 300)]"; fi
}
# lacks NAME "WORDS..." WORD...: none of these
lacks() {
	local n=$1 got x bad=; local -a w; w=$2; shift 2
	eval "w=(${w[0]})"
	got=$(comp "${w[@]}")
	for x in "$@"; do grep -qxF -- "$x" <<<"$got" && bad="$bad $x"; done
	if [ -z "$bad" ]; then ok "$n"; else not_ok "$n" "offered:$bad"; fi
}

check "the file sources in a bare bash and registers _rempart" \
	bash --norc --noprofile -c '. "$1" && complete -p rempart | grep -q _rempart' _ "$COMP"

cmds=$(LC_ALL=C "$REMPART" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
# shellcheck disable=SC2086
expect "every command of 'rempart --help' at the first word" "''" $cmds
expect "commands by prefix: ev" "ev" evaluate evidence
expect "commands by prefix: au" "au" audit
has "global options" "-" --data-dir --help --version
expect "verbs of checks" "checks ''" list show
expect "verbs of baseline" "baseline ''" list show validate
has "verbs of evidence" "evidence ''" verify seal import-ldif
has "options of audit" "audit --" --inventory --baseline --output --incident --waivers --fail-on --previous --lang
has "options of evaluate" "evaluate --" --evidence --ldif --kind --previous
lacks "report does not offer audit's options" "report --" --inventory --deep
has "options of report" "report --" --results --format --output --lang --csv-dialect --limit
expect "report --limit PATTERN: a host pattern, no file names" "report --limit ''"
expect "evaluate -l PATTERN: no file names either" "evaluate -l ''"
expect "report -f: the formats of the usage line" "report -f ''" html md json csv plan-csv junit
expect "report --format (the long name)" "report --format ''" html md json csv plan-csv junit
expect "--format=j (split at = as bash does)" "report --format = j" json junit
expect "report --lang" "report --lang ''" fr en
expect "evaluate --kind" "evaluate --kind ''" ad openldap
expect "--fail-on by prefix" "audit --fail-on c" critical
expect "checks list --format" "checks list --format ''" text json

# ids, as the binary lists them
bl=$("$REMPART" baseline list | awk '{print $1}')
[ -n "$bl" ] && ok "baseline list gives ids" || not_ok "baseline list gives ids"
# shellcheck disable=SC2086
has "audit -b: every baseline id" "audit -b ''" $bl
expect "audit -b anssi-bp028-m" "audit -b anssi-bp028-m" anssi-bp028-minimal
has "audit -b: XML files and directories too" "audit -b ''" base.xml sub
lacks "audit -b: no other files" "audit -b ''" notes.txt inv.ini
expect "baseline show ad-anssi-level-" "baseline show ad-anssi-level-" \
	$("$REMPART" baseline list | awk '$1 ~ /^ad-anssi-level-/ {print $1}')
ids=$("$REMPART" checks list | awk '$1 ~ /^LNX-SSH-00/ {print $1}')
[ -n "$ids" ] && ok "checks list gives LNX-SSH-00x ids" || not_ok "checks list gives LNX-SSH-00x ids"
# shellcheck disable=SC2086
expect "checks show LNX-SSH-00" "checks show LNX-SSH-00" $ids
n=$(comp checks show '' | wc -l)
want=$("$REMPART" checks list | wc -l)
[ "$n" = "$want" ] && ok "checks show: all $want check ids" || not_ok "checks show: all check ids" "$n of $want"

# file names after the options that take one
expect "audit -i: files" "audit -i inv" inv.ini inv2.ini
expect "evaluate --incident: files" "evaluate --incident no" notes.txt
expect "audit -o DIR: directories only" "audit -o ''" sub
expect "evaluate -e DIR: directories only" "evaluate -e s" sub
has "report -o FILE: files" "report -o ''" notes.txt sub
expect "a flag takes no value: audit --deep then options" "audit --deep --dee" --deep

# the answers are cached for the shell's life: the second Tab runs nothing
mkdir -p "$T_TMP/bin"
printf '#!/bin/sh\necho "$*" >> "%s/calls"\nexec "%s" "$@"\n' "$T_TMP" "$REMPART" > "$T_TMP/bin/rempart"
chmod +x "$T_TMP/bin/rempart"
bash --norc --noprofile -c '. "$1"
	for i in 1 2; do
		COMP_WORDS=("$2" checks show LNX-SSH-00); COMP_CWORD=3; _rempart
		echo "tab $i: ${#COMPREPLY[@]}" >> "$3/calls"
	done' _ "$COMP" "$T_TMP/bin/rempart" "$T_TMP"
runs=$(sed -n '/^tab 1/,$p' "$T_TMP/calls" | grep -vc '^tab')
first=$(sed '/^tab 1/q' "$T_TMP/calls" | grep -vc '^tab')
grep -q "^tab 2: $(comp checks show LNX-SSH-00 | wc -l)\$" "$T_TMP/calls" && [ "$runs" = 0 ] && [ "$first" -ge 1 ] &&
	ok "second Tab: same answer, rempart not run again (first: $first runs)" ||
	not_ok "second Tab: same answer, rempart not run again" "$(cat "$T_TMP/calls")"

# a --data-dir on the line is used for the ids
mkdir -p "$T_TMP/dd"
cp -r "$SRCDIR/checks/." "$T_TMP/dd/"
sed 's/id="anssi-bp028-minimal"/id="zz-planted-minimal"/' \
	"$T_TMP/dd/baselines/anssi-bp028-minimal.xml" > "$T_TMP/dd/baselines/zz-planted-minimal.xml"
expect "--data-dir DIR: baseline ids from DIR" "--data-dir $T_TMP/dd audit -b zz" zz-planted-minimal
expect "without it, not" "audit -b zz"
t_done
