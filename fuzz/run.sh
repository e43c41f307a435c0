#!/bin/sh
# Coverage-guided fuzzing of the element-set readers with clang's libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer. Builds each target from
# the library sources it needs (not the gcc build) into fuzz/out/, then
# runs it for FUZZ_SECONDS (default 60) in one process (one core). The seed
# corpus fuzz/corpus/<target>/ (replayed under ctest) is only read; inputs
# the fuzzer finds interesting go to fuzz/out/corpus_<target>/ and crashing
# ones to fuzz/out/crashes/ (copy those into the seed corpus once fixed).
# Usage: sh fuzz/run.sh [target...]   (CC_FUZZ overrides the compiler)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
CC=${CC_FUZZ:-clang}
out=fuzz/out
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "fuzz: $CC not found; libFuzzer needs clang (apt-get install clang)" >&2
    exit 2
fi
mkdir -p "$out/crashes"
flags="-g -O1 -std=c17 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Iinclude -Isrc/lib"
common="src/lib/error.c src/lib/elset_common.c src/lib/tle.c"
targets=${*:-"fuzz_tle fuzz_omm"}
for t in $targets; do
    case $t in
    fuzz_tle) srcs="$common"; libs="-lm" ;;
    fuzz_omm) srcs="$common $(ls src/lib/omm*.c src/lib/elsets.c 2>/dev/null | tr '\n' ' ')"
              libs="$(pkg-config --cflags --libs libcjson libxml-2.0) -lm" ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
    esac
    echo "fuzz: building $t"
    # shellcheck disable=SC2086
    $CC $flags -o "$out/$t" "fuzz/$t.c" $srcs $libs
    mkdir -p "fuzz/corpus/$t" "$out/corpus_$t"
    echo "fuzz: running $t for $FUZZ_SECONDS s"
    "$out/$t" -max_total_time="$FUZZ_SECONDS" -max_len=8192 \
        -artifact_prefix="$out/crashes/" "$out/corpus_$t" "fuzz/corpus/$t"
done
