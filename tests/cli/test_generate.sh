#!/bin/sh
# odcsim generate: output shape, atomic --out, and exit status 2 with a
# message naming the field on usage/input errors.
# usage: sh test_generate.sh <odcsim> <shared-dir>
ODCSIM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ODCSIM" generate --help | grep -q "walker" || fail "--help"
"$ODCSIM" generate walker --t 24 --p 6 --f 1 --alt-km 20180 --incl-deg 55 \
    --epoch 2026-01-01T00:00:00Z --out "$T/w.tle" || fail "walker exit status"
[ "$(wc -l < "$T/w.tle")" -eq 72 ] || fail "walker: expected 24 x 3 lines"
grep -q '^1 80024U' "$T/w.tle" || fail "walker: catalogue numbers from 80001"
"$ODCSIM" generate walker --t 66 --p 6 --f 2 --star --alt-km 780 --incl-deg 86.4 \
    --epoch 2026-01-01 --first-norad 100000 | grep -q '^1 A0000U' || fail "Alpha-5 numbers"
"$ODCSIM" generate sso --n 2 --alt-km 650 --ltan 6 --epoch 2026-03-20T06:00:00 \
    | grep -q ' 97.9860 ' || fail "sso inclination"
"$ODCSIM" generate cluster --n 81 --radius-m 1000 --min-spacing-m 100 --alt-km 650 \
    --ltan 6 --epoch 2026-03-20 --out "$T/c.tle" 2> "$T/err" || fail "cluster"
grep -q 'spacing 218.218 m' "$T/err" || fail "cluster spacing message"
[ "$(wc -l < "$T/c.tle")" -eq 243 ] || fail "cluster: 81 x 3 lines"

expect2() {   # expect exit 2 and a message containing $1
    want=$1; shift
    "$ODCSIM" "$@" > /dev/null 2> "$T/e"; rc=$?
    [ $rc -eq 2 ] || fail "exit $rc (want 2) for: $*"
    grep -q -- "$want" "$T/e" || { cat "$T/e"; fail "message lacks '$want' for: $*"; }
}
expect2 "expected a kind" generate
expect2 "unknown kind" generate ring --n 3
expect2 "missing required option --epoch" generate sso --n 3 --alt-km 650 --ltan 6
expect2 "field 'f'" generate walker --t 24 --p 6 --f 6 --alt-km 550 --incl-deg 53 --epoch 2026-01-01
expect2 "field 'p'" generate walker --t 25 --p 6 --f 1 --alt-km 550 --incl-deg 53 --epoch 2026-01-01
expect2 "expected a number" generate sso --n 3 --alt-km x --ltan 6 --epoch 2026-01-01
expect2 "field '--epoch'" generate sso --n 3 --alt-km 650 --ltan 6 --epoch 2026-02-30
expect2 "do not fit" generate cluster --n 81 --radius-m 1000 --min-spacing-m 300 --alt-km 650 --ltan 6 --epoch 2026-01-01
expect2 "no sun-synchronous" generate sso --n 1 --alt-km 7000 --ltan 6 --epoch 2026-01-01
expect2 "walker only" generate sso --n 1 --alt-km 650 --ltan 6 --star --epoch 2026-01-01
expect2 "--format" generate sso --n 1 --alt-km 650 --ltan 6 --epoch 2026-01-01 --format kml
expect2 "first-norad" generate sso --n 1 --alt-km 650 --ltan 6 --epoch 2026-01-01 --first-norad 400000
# A failed run leaves no output file behind.
"$ODCSIM" generate walker --t 5 --p 5 --f 0 --alt-km 550 --incl-deg 53 --epoch 2026-01-01 \
    --first-norad 339998 --out "$T/bad.tle" 2> /dev/null && fail "norad overflow accepted"
[ ! -e "$T/bad.tle" ] || fail "partial output left behind"
ls "$T" | grep -q '\.tmp' && fail "temporary left behind"
echo "ok"
