#!/bin/bash
# build.sh [normal|sanitizers] -- out-of-tree build under build/NAME with
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
	"$SRC/configure" -q --enable-werror "${extra[@]}" > configure.out 2>&1 \
		|| { cat configure.out >&2; exit 1; }
fi
make -s -j"$(nproc)" > make.out 2>&1 || { cat make.out >&2; exit 1; }
make -s -j"$(nproc)" tests/unit/test_core tests/unit/test_engine tests/unit/test_evidence > /dev/null 2>&1 || true
echo "$B"
