#!/bin/sh
# odcsim validate: good scenarios print "FILE: OK (N satellites in M
# constellations)" and exit 0; bad ones list every problem as
# FILE:LINE:COL: field '...': ... and exit 2; errors of a referenced TLE
# file come through with that file's own line and column.
# usage: sh test_validate.sh <odcsim> <shared-dir>   (run from the repo root)
set -u
ODCSIM=$1
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # description, command status
    if [ "$2" -ne 0 ]; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi
}

for f in default:81:1 walker-example:30:2 tle-example:3:1; do
    name=${f%%:*}; rest=${f#*:}; n=${rest%%:*}; m=${rest#*:}
    out=$("$ODCSIM" validate "scenarios/$name.yaml" 2>&1); rc=$?
    [ $m -eq 1 ] && cs=constellation || cs=constellations
    [ "$rc" -eq 0 ] && [ "$out" = "scenarios/$name.yaml: OK ($n satellites in $m $cs)" ]
    check "validate $name.yaml -> OK, $n satellites" $?
done

out=$("$ODCSIM" validate tests/data/scenarios/omm.yaml 2>&1); rc=$?
[ "$rc" -eq 0 ] && [ "$out" = "tests/data/scenarios/omm.yaml: OK (3 satellites in 1 constellation)" ]
check "validate omm.yaml (OMM/JSON read) -> OK, 3 satellites" $?
# An OMM file with a bad field: the OMM reader's message comes through.
sed 's/"ECCENTRICITY":	0.0030035/"ECCENTRICITY":	"x"/' tests/data/scenarios/data/near-earth-3.json >"$tmp/bad.json"
sed "s#data/near-earth-3.json#$tmp/bad.json#" tests/data/scenarios/omm.yaml >"$tmp/badomm.yaml"
"$ODCSIM" validate "$tmp/badomm.yaml" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "^$tmp/bad.json:.*ECCENTRICITY.*(file named at $tmp/badomm.yaml:12:11)" "$tmp/err"
st=$?; check "bad OMM field: reader's error passed through" $st
[ $st -eq 0 ] || cat "$tmp/err"

# bad-keys.yaml: every problem, exact text, document order.
cat > "$tmp/want" <<'W'
tests/data/scenarios/bad-keys.yaml:5:3: field 'time.step': expected a known key, got unknown key 'step' (did you mean 'step_s'?)
tests/data/scenarios/bad-keys.yaml:6:1: field 'constelations': expected a known key, got unknown key 'constelations' (did you mean 'constellations'?)
tests/data/scenarios/bad-keys.yaml:15:5: field 'constellations[0].ltan_h': expected one of the keys of constellations[0] (name, type, propagator, first_norad, t, p, f, alt_km, incl_deg, raan0_deg, pattern), got 'ltan_h', which does not apply to type walker
tests/data/scenarios/bad-keys.yaml:16:11: field 'constellations[1].name': expected a unique name, got 'w' again (also on line 8)
tests/data/scenarios/bad-keys.yaml:20:5: field 'constellations[1].alt_km': expected each key once, got a second 'alt_km' (first on line 19)
tests/data/scenarios/bad-keys.yaml:22:11: field 'constellations[2].type': expected walker, sso, cluster, tle or omm, got 'cloud'
tests/data/scenarios/bad-keys.yaml:27:3: field 'output.colour': expected one of dir, frame, ephemeris, got unknown key 'colour'
tests/data/scenarios/bad-keys.yaml: 7 problems
W
"$ODCSIM" validate tests/data/scenarios/bad-keys.yaml >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/want" "$tmp/err"
st=$?; check "bad-keys.yaml: exit 2, 7 exact messages" $st
[ $st -eq 0 ] || diff "$tmp/want" "$tmp/err"

# Syntax error: position of the problem, exit 2.
"$ODCSIM" validate tests/data/scenarios/bad-syntax.yaml 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -qx "tests/data/scenarios/bad-syntax.yaml:6:15: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 5, column 11)" "$tmp/err"
check "bad-syntax.yaml: YAML syntax error with line and column" $?

# Every file of the set: exit 2 and the number of problems the unit test
# checks one by one (tests/test_scenario.c).
for f in bad-ranges:13 bad-types:12 bad-missing:4; do
    name=${f%%:*}; n=${f#*:}
    "$ODCSIM" validate "tests/data/scenarios/$name.yaml" 2>"$tmp/err"; rc=$?
    got=$(grep -c "^tests/data/scenarios/$name.yaml:[0-9]*:[0-9]*: " "$tmp/err")
    [ "$rc" -eq 2 ] && [ "$got" -eq "$n" ] && grep -qx "tests/data/scenarios/$name.yaml: $n problems" "$tmp/err"
    check "$name.yaml: exit 2, $n problems each with line:col" $?
done

# Referenced TLE file: its own error passes through; the cluster the
# generator refuses is reported at its entry.
cat > "$tmp/want" <<'W'
tests/data/scenarios/data/bad-checksum.tle:2:69: field 'CHECKSUM': checksum is 7 but columns 1-68 sum to 6 (mod 10) (file named at tests/data/scenarios/bad-elset.yaml:8:11)
tests/data/scenarios/bad-elset.yaml:9:5: field 'constellations[1]': n: 30 satellites do not fit within radius 200 m at spacing >= 100 m (hexagonal packing gives spacing 75.593 m; at most 19 fit)
tests/data/scenarios/bad-elset.yaml: 2 problems
W
"$ODCSIM" validate tests/data/scenarios/bad-elset.yaml 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && cmp -s "$tmp/want" "$tmp/err"
st=$?; check "bad-elset.yaml: TLE reader's file:line:col passed through; generator refusal" $st
[ $st -eq 0 ] || diff "$tmp/want" "$tmp/err"

# Usage errors, a missing file and --help.
"$ODCSIM" validate >/dev/null 2>&1; check "no file -> exit 2" $(( $? != 2 ))
"$ODCSIM" validate --bogus >/dev/null 2>&1; check "unknown option -> exit 2" $(( $? != 2 ))
"$ODCSIM" validate "$tmp/nope.yaml" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "nope.yaml: cannot open scenario: No such file or directory" "$tmp/err"
check "missing scenario -> exit 2 with reason" $?
"$ODCSIM" validate --help | grep -q "usage: odcsim validate"; check "--help" $?
# Two files, one bad: both checked, exit 2.
"$ODCSIM" validate scenarios/default.yaml tests/data/scenarios/bad-missing.yaml >"$tmp/out" 2>/dev/null; rc=$?
[ "$rc" -eq 2 ] && grep -q "default.yaml: OK" "$tmp/out"
check "several files: each checked, exit 2 if any bad" $?
exit $fail
