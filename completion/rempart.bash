# bash completion for rempart: commands, their verbs and options (read from
# the binary's --help, so they follow the version installed), baseline ids,
# check ids (from the catalogue), and the values of the enumerated options.
# Installed as $(datadir)/bash-completion/completions/rempart.

_rempart_help()	# BINARY [COMMAND]: its --help, cached per command line
{
	local key="$1 $2"
	if [ "${_rempart_help_key-}" != "$key" ]; then
		_rempart_help_text=$("$1" ${2:+"$2"} --help 2>/dev/null)
		_rempart_help_key=$key
	fi
	printf '%s\n' "$_rempart_help_text"
}

_rempart()
{
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev= cmd= verb= i w words
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	# the command: the first word that is not an option (nor --data-dir's value)
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--data-dir) i=$((i + 1));;
		-*) ;;
		*) if [ -z "$cmd" ]; then cmd=$w; elif [ -z "$verb" ]; then verb=$w; fi;;
		esac
	done
	case $prev in
	-b|--baseline)
		words=$("$bin" baseline list 2>/dev/null | awk '{print $1}')
		COMPREPLY=($(compgen -W "$words" -- "$cur") $(compgen -f -X '!*.xml' -- "$cur"))
		return;;
	--check)
		words=$("$bin" checks list 2>/dev/null | awk '{print $1}')
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return;;
	--fail-on) COMPREPLY=($(compgen -W "info low medium high critical" -- "$cur")); return;;
	--lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return;;
	--kind) COMPREPLY=($(compgen -W "ad openldap" -- "$cur")); return;;
	--csv-dialect) COMPREPLY=($(compgen -W "rfc4180 excel-fr" -- "$cur")); return;;
	-f|--format)
		if [ "$cmd" = report ]; then words="md html json csv plan-csv junit"
		else words="text json"; fi
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return;;
	-e|--evidence|-o|--output|-i|--inventory|--incident|--waivers|--allowed-keys|\
	--previous|--known-hosts|-k|--key|--history|-r|--results|--template-dir|--data-dir|--ldif)
		COMPREPLY=($(compgen -f -- "$cur"))
		return;;
	esac
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-v -q --data-dir --help --version" -- "$cur"))
		else
			words=$(_rempart_help "$bin" | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1; next} on {exit}')
			COMPREPLY=($(compgen -W "$words" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		words=$(_rempart_help "$bin" "$cmd" | grep -E '^ +-' | grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u)
		COMPREPLY=($(compgen -W "$words --help" -- "$cur"))
		return
	fi
	if [ -z "$verb" ]; then
		# verbs: "rempart CMD VERB" in the usage lines
		words=$(_rempart_help "$bin" "$cmd" | sed -nE "s/^(usage: |       )rempart $cmd ([a-z][a-z-]*)( .*)?$/\2/p" | sort -u)
		if [ -n "$words" ]; then
			COMPREPLY=($(compgen -W "$words" -- "$cur"))
			return
		fi
	fi
	case "$cmd $verb" in
	"checks show") words=$("$bin" checks list 2>/dev/null | awk '{print $1}')
		COMPREPLY=($(compgen -W "$words" -- "$cur"));;
	"baseline show") words=$("$bin" baseline list 2>/dev/null | awk '{print $1}')
		COMPREPLY=($(compgen -W "$words" -- "$cur") $(compgen -f -X '!*.xml' -- "$cur"));;
	*) COMPREPLY=($(compgen -f -- "$cur"));;
	esac
}
complete -F _rempart rempart
