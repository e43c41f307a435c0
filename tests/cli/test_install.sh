#!/bin/sh
# The library installs with its headers and a pkg-config file, and a program
# built only from what was installed links and runs (SGP4 on the reference's
# first verification case, checked against tcppver.out's 4320-min row).
set -eu
odcsim=$1
shared=$2
build=$(dirname "$odcsim")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/inst" >/dev/null
pcdir=$(dirname "$(find "$tmp/inst" -name odc.pc | head -1)")
cat > "$tmp/t.c" <<'C'
#include <odc/sgp4.h>
#include <odc/tle.h>
#include <math.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    odc_elset_list l;
    odc_err e;
    odc_tle_options o = {0};
    odc_sgp4 s;
    double r[3], v[3];
    (void)argc;
    if (odc_tle_read_file(argv[1], &o, &l, &e)) { puts(e.msg); return 1; }
    odc_sgp4_init(&s, &l.el[0], ODC_WGS72, 'i', &e);
    odc_sgp4_propagate(&s, 4320.0, r, v);
    odc_elset_list_free(&l);
    /* tcppver.out, case 00005 at 4320 min */
    double d = fabs(r[0] + 9060.47373569) + fabs(r[1] - 4658.70952502) + fabs(r[2] - 813.68673153);
    printf("installed libodc: |dr| = %.3g km\n", d);
    return d < 1e-5 ? 0 : 1;
}
C
# shellcheck disable=SC2046
cc -std=c17 "$tmp/t.c" $(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs odc) -lm \
   -Wl,-rpath,"$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir odc)" -o "$tmp/t"
# In a sanitizer build (-DCMAKE_C_FLAGS=-fsanitize=address) libodc pulls in
# libasan while this program, built without the flag, does not come first;
# let ASan accept that link order instead of aborting the test.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
"$tmp/t" "$shared/testdata/sgp4/SGP4-VER.TLE"
