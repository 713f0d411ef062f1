#!/bin/bash
# architecture.sh -- docs/architecture.md is what docs/gen-architecture.py
# makes of the #include lines of src/ (no hand graph to drift), and no folder
# includes a folder later in the pipeline (core < parse < content < evidence
# < collect < engine < plan < results < report < cli), apart from the known
# exceptions listed on the one KNOWN_UPWARD line of the generator.
. "$(dirname "$0")/lib.sh"
t_setup
GEN=$SRCDIR/docs/gen-architecture.py

if python3 "$GEN" --check "$SRCDIR/src" > "$T_TMP/arch.md" 2> "$T_TMP/err"; then
	ok "no folder includes a folder later in the pipeline"
else
	not_ok "no folder includes a folder later in the pipeline" "$(head -c 800 "$T_TMP/err")"
fi
check_same "docs/architecture.md is up to date (docs/gen-architecture.py > docs/architecture.md)" \
	"$SRCDIR/docs/architecture.md" "$T_TMP/arch.md"

# the check can fail: a copy of src/ with a core file reaching up into cli
cp -r "$SRCDIR/src" "$T_TMP/src"
printf '#include "cli/cli.h"\n' >> "$T_TMP/src/core/err.c"
python3 "$GEN" --check "$T_TMP/src" > "$T_TMP/arch2.md" 2> "$T_TMP/err2"
check_grep "an upward include is refused, naming the file" \
	'upward include: src/core/err.c includes cli/cli.h' "$T_TMP/err2"
check_grep "and listed as forbidden in the document" \
	'`src/core/err.c` \| `cli/cli.h` \| \*\*forbidden\*\*' "$T_TMP/arch2.md"
if cmp -s "$SRCDIR/docs/architecture.md" "$T_TMP/arch2.md"; then
	not_ok "a new arrow changes the document"
else
	ok "a new arrow changes the document"
fi
# a folder outside the pipeline is flagged too
mkdir "$T_TMP/src/stray" && printf '#include "core/err.h"\n' > "$T_TMP/src/stray/x.c"
printf '#include "stray/x.h"\n' >> "$T_TMP/src/cli/main.c"
rm "$T_TMP/src/core/err.c"
python3 "$GEN" --check "$T_TMP/src" > "$T_TMP/arch3.md" 2> "$T_TMP/err3"
check_grep "a folder not in the pipeline is refused" \
	'src/cli/main.c includes stray/x.h' "$T_TMP/err3"
t_done
