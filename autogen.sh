#!/bin/sh
# Regenerate the build system: run once after a fresh checkout.
set -e
cd "$(dirname "$0")"
autoreconf --install --force
echo "now run: ./configure && make && make check"
