#!/bin/sh
# Runs every benchmark built from bench/bench_*.c. Usage: bench/run.sh BUILD_DIR
set -eu
build=${1:-build}
for b in "$build"/bench_*; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b"
done
