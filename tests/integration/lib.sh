# lib.sh -- tiny assertion helpers for the integration tests (sourced).
# Each test script ends with "N passed, N failed" and exits non-zero on any
# failure.
T_PASS=0
T_FAIL=0
REMPART=${REMPART:-$(cd "$(dirname "$0")/../.." && pwd)/rempart}
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

ok() { T_PASS=$((T_PASS + 1)); printf 'ok   %s\n' "$1"; }
not_ok() { T_FAIL=$((T_FAIL + 1)); printf 'FAIL %s\n' "$1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; return 0; }

# check NAME CMD...: passes when CMD succeeds
check() { local n=$1; shift; if "$@" >/dev/null 2>&1; then ok "$n"; else not_ok "$n" "command failed: $*"; fi; }
# check_rc NAME RC CMD...: passes when CMD exits with RC
check_rc() {
	local n=$1 want=$2 rc; shift 2
	"$@" >/dev/null 2>"$T_TMP/stderr"; rc=$?
	if [ "$rc" = "$want" ]; then ok "$n"; else not_ok "$n" "exit $rc, expected $want: $(head -c 300 "$T_TMP/stderr")"; fi
}
# check_grep NAME PATTERN FILE
check_grep() { if grep -qE -- "$2" "$3"; then ok "$1"; else not_ok "$1" "'$2' not in $3"; fi; }
check_nogrep() { if grep -qE -- "$2" "$3"; then not_ok "$1" "'$2' found in $3"; else ok "$1"; fi; }
# check_same NAME EXPECTED_FILE ACTUAL_FILE
check_same() {
	if diff -u "$2" "$3" > "$T_TMP/diff" 2>&1; then ok "$1"; else not_ok "$1" "differs:"; head -40 "$T_TMP/diff"; fi
}

t_setup() { T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rempart-test.XXXXXX"); trap 't_cleanup' EXIT; }
t_cleanup() { [ -n "${T_KEEP:-}" ] || rm -rf "$T_TMP"; }
t_done() { printf '%s: %d passed, %d failed\n' "$(basename "$0" .sh)" "$T_PASS" "$T_FAIL"; [ "$T_FAIL" -eq 0 ]; }

# Sorted "target check status" lines of a results.json
results_lines() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for r in sorted(d["results"], key=lambda r:(r["target"],r["check"])): print(r["target"], r["check"], r["status"])' "$1"
}

# print_pdf HTML PDF NETLOG: the HTML printed to PDF by headless Chromium,
# in an empty network namespace, its network log in NETLOG.
print_pdf() {
	rm -rf "$T_TMP/prof"
	unshare -n timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$T_TMP/prof" \
		--log-net-log="$3" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$1" > "$T_TMP/chromium.log" 2>&1
}
# pdf_pages PDF: its number of pages (empty when unreadable)
pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# pdf_numbered PDF PAGES: how many pages carry their "N / PAGES" number
pdf_numbered() {
	local p np=0
	for p in $(seq 1 "${2:-0}"); do
		pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null | grep -qx "$p / $2" && np=$((np + 1))
	done
	echo "$np"
}
