#!/bin/bash
# build.sh [normal|sanitizers|fuzz] -- out-of-tree build under build/NAME with
# warnings as errors. Prints the build directory.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kind=${1:-normal}
B=$SRC/build/$kind
[ -x "$SRC/configure" ] || (cd "$SRC" && ./autogen.sh > /dev/null)
mkdir -p "$B"
cd "$B"
if [ ! -f Makefile ]; then
	extra=()
	[ "$kind" = sanitizers ] && extra+=(--enable-sanitizers)
	if [ "$kind" = fuzz ]; then
		extra+=(--enable-fuzzing --disable-tests CC=clang
			"CFLAGS=-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined")
	fi
	"$SRC/configure" -q --enable-werror "${extra[@]}" > configure.out 2>&1 \
		|| { cat configure.out >&2; exit 1; }
fi
make -s -j"$(nproc)" > make.out 2>&1 || { cat make.out >&2; exit 1; }
if [ "$kind" != fuzz ]; then
	# the test programs too: one that does not compile is a build failure,
	# never a stale binary run later
	make -s -j"$(nproc)" check TESTS= > make-check.out 2>&1 ||
		{ cat make-check.out >&2; exit 1; }
fi
echo "$B"
