#!/bin/bash
# run-tests.sh -- set up and run every test of rempart on Debian 12, as root:
# installs the packages, builds (normal, and ASan+UBSan), runs the unit tests
# in both builds, starts the real lab (OpenSSH hosts in network namespaces),
# runs the integration tests against it with both builds, stops the lab, and
# ends with "N passed, N failed". Exit status 0 only when nothing failed.
#
#   tests/run-tests.sh            everything
#   REMPART_NO_LAB=1 tests/run-tests.sh   skip the lab tests (said loudly)
#   REMPART_LAB=DIR tests/run-tests.sh    use a lab already up in DIR
set -uo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$SRC" || exit 1
PASS=0
FAIL=0
FAILED=()
step() { printf '\n=== %s\n' "$*"; }
record() { # name rc
	if [ "$2" = 0 ]; then PASS=$((PASS + 1)); echo "PASS: $1"
	else FAIL=$((FAIL + 1)); FAILED+=("$1"); echo "FAIL: $1"; fi
}
# A suite that prints "N passed, N failed" (ours) or cmocka's summary counts
# each of its tests.
run_suite() { # name cmd...
	local name=$1 out rc p f; shift
	out=$(mktemp)
	"$@" > "$out" 2>&1; rc=$?
	cat "$out"
	p=$(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' "$out" | tail -1)
	f=$(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' "$out" | tail -1)
	if [ -z "$p" ]; then	# cmocka
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
	fi
	p=${p:-0}; f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi	# crashed or aborted
	PASS=$((PASS + p)); FAIL=$((FAIL + f))
	[ "$f" = 0 ] || FAILED+=("$name")
	rm -f "$out"
}

step "packages"
WITH_LAB=lab
[ -n "${REMPART_NO_LAB:-}" ] && WITH_LAB=
tests/deps.sh $WITH_LAB; record "install packages" $?

step "build (warnings are errors)"
B=$(tests/build.sh normal); record "build" $?
BS=$(tests/build.sh sanitizers); record "build with ASan+UBSan" $?

step "unit tests"
for t in core engine evidence linux_checks ldap ad i18n incident gpo select; do
	run_suite "unit $t" "$B/tests/unit/test_$t"
done
step "unit tests under ASan+UBSan"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in core engine evidence linux_checks ldap ad i18n incident gpo select; do
	run_suite "unit $t (sanitizers)" "$BS/tests/unit/test_$t"
done
step "offline end-to-end (normal and sanitizer builds)"
run_suite "offline" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/offline.sh
run_suite "offline (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/offline.sh
run_suite "offline-ldif" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/offline-ldif.sh
run_suite "offline-ldif (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/offline-ldif.sh
run_suite "history" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/history.sh
run_suite "history (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/history.sh
run_suite "hostile-files" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/hostile-files.sh
run_suite "global-options" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/global-options.sh
run_suite "hostile-files (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/hostile-files.sh
run_suite "attest" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/attest.sh
run_suite "attest (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/attest.sh
run_suite "estates-offline" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/estates-offline.sh
run_suite "estates-offline (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/estates-offline.sh
run_suite "account-sudoers" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/account-sudoers.sh

step "golden reports (every format, en and fr) and the French translation"
run_suite "golden" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/golden.sh
run_suite "golden (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" tests/integration/golden.sh
run_suite "po-check" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/po-check.sh
run_suite "coverage (unreachable-only audit)" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/coverage.sh
run_suite "docs-coverage" env SRCDIR="$SRC" tests/integration/docs-coverage.sh
run_suite "architecture" env SRCDIR="$SRC" tests/integration/architecture.sh
run_suite "remediation-safety" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/remediation-safety.sh

step "on the machine: man pages, bash completion, make install"
run_suite "man" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/man.sh
run_suite "completion" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/completion.sh
run_suite "install" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/install.sh

step "the HTML report printed by headless Chromium"
run_suite "report-pdf" env REMPART="$B/rempart" SRCDIR="$SRC" tests/integration/report-pdf.sh

step "fuzzing: replay the corpora, then 20 s per target (clang libFuzzer, ASan+UBSan)"
FZ=$(tests/build.sh fuzz); rc=$?
record "build fuzz targets" $rc
[ $rc = 0 ] && run_suite "fuzz" tests/fuzz/run-fuzzers.sh "$FZ" "${REMPART_FUZZ_SECONDS:-20}"

step "make distcheck (tarball builds, tests pass, installs)"
(cd "$B" && make -s distcheck > distcheck.out 2>&1); rc=$?
[ $rc = 0 ] || tail -30 "$B/distcheck.out"
record "make distcheck" $rc

if [ -n "$WITH_LAB" ]; then
	step "lab: real OpenSSH hosts, two slapd, a Samba AD DC"
	if [ -n "${REMPART_LAB:-}" ]; then	# reuse a running lab
		LAB=$REMPART_LAB
		echo "using the running lab in $LAB"
	else
		LAB=$(mktemp -d /tmp/rlab.XXXXXX)
		trap 'tests/lab/lab.sh down "$LAB" > /dev/null 2>&1; rm -rf "$LAB"' EXIT
		tests/lab/lab.sh up "$LAB" all > "$LAB.up.log" 2>&1; rc=$?
		[ $rc = 0 ] || tail -30 "$LAB.up.log"
		record "lab start" $rc
	fi
	for t in tests/integration/lab-*.sh; do
		[ -e "$t" ] || continue
		run_suite "$(basename "$t" .sh)" env REMPART="$B/rempart" SRCDIR="$SRC" LAB="$LAB" "$t"
	done
	for t in tests/integration/lab-*.sh; do	# again under ASan+UBSan
		[ -e "$t" ] || continue
		run_suite "$(basename "$t" .sh) (sanitizers)" env REMPART="$BS/rempart" SRCDIR="$SRC" LAB="$LAB" "$t"
	done
else
	step "lab tests SKIPPED (REMPART_NO_LAB is set): SSH and LDAP collection untested"
fi

step "summary"
[ ${#FAILED[@]} -eq 0 ] || printf 'failed: %s\n' "${FAILED[@]}"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
