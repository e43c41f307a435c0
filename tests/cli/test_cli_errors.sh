#!/bin/sh
# Bad command lines and bad input files for every odcsim subcommand: each
# must exit 2 with a message on stderr that names the problem, print nothing
# on stdout, never crash (no status >= 128, no sanitizer report), and leave
# no temporary file behind, within 30 s. Also: every subcommand accepts --help (exit 0,
# usage on stdout).
# usage: sh test_cli_errors.sh <odcsim> <shared-dir>   (run from the repo root)
set -u
ODCSIM=$1
SHARED=$2
VER=$SHARED/testdata/sgp4/SGP4-VER.TLE
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A few valid inputs to break one thing at a time.
grep -v '^#' scenarios/data/near-earth-3.tle | head -3 >"$tmp/one.tle"
: >"$tmp/empty"
printf 'garbage\001\002\377\000more\n' >"$tmp/binary"
mkdir "$tmp/dir"
E="--epoch 2026-03-20T00:00:00Z"

# expect2 DESCRIPTION REGEX -- ARGS...: exit 2, stdout empty, stderr matches
# REGEX (grep -E), no temporary files left in $tmp.
expect2() {
    desc=$1 re=$2
    shift 3
    timeout 30 "$ODCSIM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] || ! grep -Eq -- "$re" "$tmp/err" ||
        grep -q "Sanitizer\|runtime error" "$tmp/err" ||
        ls "$tmp" | grep -q '\.tmp\.'; then
        echo "FAIL: $desc (exit $rc)"
        echo "  args: $*"
        sed 's/^/  stderr: /' "$tmp/err" | head -5
        sed 's/^/  stdout: /' "$tmp/out" | head -3
        fail=1
    else
        echo "ok: $desc"
    fi
}

# --help everywhere.
for c in version validate run propagate generate convert convert-frame illumination eclipses; do
    "$ODCSIM" $c --help >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 0 ] && grep -q "usage" "$tmp/out"; then
        echo "ok: $c --help"
    else
        echo "FAIL: $c --help (exit $rc)"
        fail=1
    fi
done

# Dispatcher.
expect2 "no command" "usage: odcsim" -- 
expect2 "unknown command" "unknown command 'frobnicate'" -- frobnicate
expect2 "version with an argument" "takes no arguments" -- version extra

# propagate: numbers.
P="propagate --tle $VER --no-checksum"
for v in 12abc nan inf -inf 1e999 "" " " 0x10p0x; do
    expect2 "propagate --stop '$v'" "--stop '.*': expected a finite number" -- $P --start 0 --stop "$v" --step 1
done
expect2 "propagate --step 0" "cannot go from" -- $P --start 0 --stop 10 --step 0
expect2 "propagate step of the wrong sign" "cannot go from" -- $P --start 0 --stop 10 --step -1
expect2 "propagate 1e12 steps" "more than 1e9 steps" -- $P --start 0 --stop 1e12 --step 1e-3
expect2 "propagate --duration nan" "--duration 'nan'" -- $P --utc 2026-01-01T00:00:00Z --duration nan --step-s 60
expect2 "propagate --step-s 0" "--step-s > 0" -- $P --utc 2026-01-01T00:00:00Z --duration 60 --step-s 0
expect2 "propagate bad --utc" "field '--utc'.*month 13" -- $P --utc 2026-13-01T00:00:00Z --duration 60 --step-s 60
expect2 "propagate leap second on a day without one" "second 60" -- $P --utc 2026-01-01T23:59:60Z --duration 60 --step-s 60
# propagate: options.
expect2 "propagate duplicate --step" "option --step given twice" -- $P --start 0 --stop 10 --step 1 --step 2
expect2 "propagate duplicate --tle" "option --tle given twice" -- $P --tle "$VER" --verification
expect2 "propagate missing value" "--tle needs a value" -- propagate --tle
expect2 "propagate no --tle" "--tle FILE is required" -- propagate --verification
expect2 "propagate no grid" "exactly one of" -- $P
expect2 "propagate two grids" "exactly one of" -- $P --verification --start 0 --stop 1 --step 1
expect2 "propagate half a grid" "go together" -- $P --start 0 --stop 1
expect2 "propagate unknown option" "unknown argument '--bogus'" -- $P --verification --bogus
expect2 "propagate bad --frame" "--frame 'ITRF'" -- $P --verification --frame ITRF
expect2 "propagate bad --gravity" "--gravity 'wgs99'" -- $P --verification --gravity wgs99
expect2 "propagate bad --opsmode" "--opsmode 'x'" -- $P --verification --opsmode x
# propagate: files.
expect2 "propagate missing file" "$tmp/nope.tle.*No such file" -- propagate --tle "$tmp/nope.tle" --verification
expect2 "propagate directory" "expected a file, got a directory" -- propagate --tle "$tmp/dir" --verification
expect2 "propagate empty file name" "expected a file name" -- propagate --tle "" --verification
expect2 "propagate empty file" "$tmp/empty: expected at least one element set" -- propagate --tle "$tmp/empty" --start 0 --stop 1 --step 1
expect2 "propagate /dev/null" "at least one element set" -- propagate --tle /dev/null --start 0 --stop 1 --step 1
expect2 "propagate binary file" "$tmp/binary" -- propagate --tle "$tmp/binary" --start 0 --stop 1 --step 1
sed '2s/^1 /1x/' "$tmp/one.tle" >"$tmp/badcol.tle"
expect2 "propagate malformed TLE line: file and line" "$tmp/badcol.tle:2" -- propagate --tle "$tmp/badcol.tle" --start 0 --stop 1 --step 1

# generate.
G="generate walker --t 24 --p 3 --f 1 --incl-deg 53 $E"
for v in 12abc nan inf 1e999 -550; do
    expect2 "generate --alt-km '$v'" "alt.km" -- $G --alt-km "$v"
done
expect2 "generate --t 12abc" "--t: expected an integer" -- generate walker --t 12abc --p 3 --f 1 --incl-deg 53 --alt-km 550 $E
expect2 "generate P not dividing T" "field 'p'" -- generate walker --t 24 --p 5 --f 1 --incl-deg 53 --alt-km 550 $E
expect2 "generate duplicate --alt-km" "given twice" -- $G --alt-km 550 --alt-km 600
expect2 "generate missing option" "missing required option --epoch" -- generate sso --n 3 --alt-km 550 --ltan 6
expect2 "generate option of another kind" "applies to walker only" -- generate sso --n 3 --alt-km 550 --ltan 6 --t 3 $E
expect2 "generate --ltan nan" "ltan" -- generate sso --n 3 --alt-km 550 --ltan nan $E
expect2 "generate no kind" "expected a kind" -- generate
expect2 "generate unknown kind" "unknown kind 'ring'" -- generate ring
expect2 "generate --out a directory" "got a directory" -- generate sso --n 3 --alt-km 550 --ltan 6 $E --out "$tmp/dir"
expect2 "generate bad --epoch" "field '--epoch'" -- generate sso --n 3 --alt-km 550 --ltan 6 --epoch 2026-02-30

# convert.
expect2 "convert missing --to" "--to FORMAT are required" -- convert --in "$tmp/one.tle"
expect2 "convert bad --to" "--to must be" -- convert --in "$tmp/one.tle" --to kml
expect2 "convert duplicate --to" "given twice" -- convert --in "$tmp/one.tle" --to tle --to omm-csv
expect2 "convert missing file" "No such file" -- convert --in "$tmp/nope" --to tle
expect2 "convert directory" "got a directory" -- convert --in "$tmp/dir" --to tle
expect2 "convert empty file" "at least one element set" -- convert --in "$tmp/empty" --to omm-json
expect2 "convert --out a directory" "got a directory" -- convert --in "$tmp/one.tle" --to tle --out "$tmp/dir"
expect2 "convert --out empty" "expected a file name" -- convert --in "$tmp/one.tle" --to tle --out ""

# convert-frame.
F="convert-frame --from teme --to itrf --utc 2026-01-01T00:00:00Z"
for v in 7000,0,nan 7000,0,1e999 7000,0 7000,0,0,0 7000,,0 12abc,0,0; do
    expect2 "convert-frame --r '$v'" "--r '.*': expected three" -- $F --r "$v"
done
expect2 "convert-frame --dut1 inf" "--dut1 'inf'" -- $F --r 7000,0,0 --dut1 inf
expect2 "convert-frame --dut1 5" "within" -- $F --r 7000,0,0 --dut1 5
expect2 "convert-frame duplicate --r" "given twice" -- $F --r 7000,0,0 --r 1,2,3
expect2 "convert-frame bad frame" "--from 'j2000'" -- convert-frame --from j2000 --to itrf --r 1,2,3
expect2 "convert-frame no --utc" "--utc is required" -- convert-frame --from teme --to gcrs --r 7000,0,0
expect2 "convert-frame latitude 95" "latitude -90..90" -- convert-frame --from geodetic --to itrf --r 95,0,0
expect2 "convert-frame unknown option" "'--bogus'" -- $F --r 7000,0,0 --bogus 1

# illumination / eclipses.
for c in illumination eclipses; do
    I="$c --tle $tmp/one.tle --no-checksum --utc 2026-01-01T00:00:00Z"
    expect2 "$c --duration 12abc" "--duration '12abc'" -- $I --duration 12abc --step-s 60
    expect2 "$c --duration 1e999" "--duration '1e999'" -- $I --duration 1e999 --step-s 60
    expect2 "$c --step-s nan" "--step-s 'nan'" -- $I --duration 600 --step-s nan
    expect2 "$c --step-s -1" "--step-s must be > 0" -- $I --duration 600 --step-s -1
    expect2 "$c duplicate --utc" "given twice" -- $I --utc 2026-01-02 --duration 600 --step-s 60
    expect2 "$c --tle and --scenario" "exactly one of" -- $I --scenario scenarios/default.yaml --duration 60 --step-s 60
    expect2 "$c directory" "got a directory" -- $c --tle "$tmp/dir" --utc 2026-01-01 --duration 60 --step-s 60
    expect2 "$c missing file" "No such file" -- $c --tle "$tmp/nope" --utc 2026-01-01 --duration 60 --step-s 60
    expect2 "$c empty file" "at least one element set" -- $c --tle "$tmp/empty" --utc 2026-01-01 --duration 60 --step-s 60
    expect2 "$c missing scenario" "cannot open scenario" -- $c --scenario "$tmp/nope.yaml"
    expect2 "$c --out a directory" "got a directory" -- $I --duration 600 --step-s 60 --out "$tmp/dir"
    expect2 "$c bad --shadow" "--shadow 'flat'" -- $I --duration 600 --step-s 60 --shadow flat
done

# validate / run.
expect2 "validate no file" "expected a scenario file" -- validate
expect2 "validate unknown option" "unknown option '--bogus'" -- validate --bogus
expect2 "validate missing file" "cannot open scenario" -- validate "$tmp/nope.yaml"
expect2 "validate directory" "expected a scenario file, got a directory" -- validate "$tmp/dir"
expect2 "validate empty file" "got an empty file" -- validate "$tmp/empty"
expect2 "validate binary file" "$tmp/binary:1:.*YAML" -- validate "$tmp/binary"
# Broken YAML: every problem with line and column, fast, never a crash.
/usr/bin/python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
ok = 'time:\n  epoch: 2026-03-20T00:00:00Z\nconstellations:\n  - {name: a, type: sso, n: 2, alt_km: 700, ltan_h: 6}\n'
open(t + '/deep.yaml', 'w').write('odcsim: 1\nx: ' + '[' * 200000 + ']' * 200000 + '\n')
open(t + '/many.yaml', 'w').write('odcsim: 1\n' + ''.join('k%d: 1\n' % i for i in range(3000)))
open(t + '/utf8.yaml', 'wb').write(b'odcsim: 1\nname: \xc3\x28\n')
open(t + '/dup.yaml', 'w').write('odcsim: 1\n' + ok + 'odcsim: 1\n')
open(t + '/alias.yaml', 'w').write('odcsim: 1\ntime: *nothing\n')
open(t + '/anchor.yaml', 'w').write('odcsim: 1\n' + ok + '  - &c {name: b, type: sso, n: 2, alt_km: 700, ltan_h: 6}\n  - *c\n')
open(t + '/huge.yaml', 'w').write('odcsim: 1\n' + ok.replace('n: 2', 'n: 99999999999999999999999').replace('700', '1e999'))
open(t + '/tag.yaml', 'w').write('odcsim: 1\n' + ok.replace('n: 2', 'n: !!float 2'))
open(t + '/laughs.yaml', 'w').write('odcsim: 1\n' + ok + 'a: &a [x, x, x, x, x, x, x, x, x]\n' +
    ''.join('l%d: &l%d [%s]\n' % (i, i, ', '.join(['*' + ('a' if i == 1 else 'l%d' % (i - 1))] * 9)) for i in range(1, 12)) +
    'output: *l11\n')
PY
expect2 "YAML nested 200000 deep: refused at once" "deep.yaml:2:.*nested at most 64 deep" -- validate "$tmp/deep.yaml"
expect2 "YAML 3000 unknown keys: list cut at 999" "many.yaml: more than 999 problems" -- validate "$tmp/many.yaml"
expect2 "YAML invalid UTF-8: its own line and column" "utf8.yaml:2:8: YAML syntax: invalid trailing UTF-8" -- validate "$tmp/utf8.yaml"
expect2 "YAML duplicate top-level key" "dup.yaml:6:1: field 'odcsim': expected each key once.*first on line 1" -- validate "$tmp/dup.yaml"
expect2 "YAML undefined alias" "alias.yaml:2:7: YAML syntax: found undefined alias" -- validate "$tmp/alias.yaml"
expect2 "YAML alias repeating an anchored entry" "anchor.yaml:[0-9]+:[0-9]+: field 'constellations\[2\].name': expected a unique name" -- validate "$tmp/anchor.yaml"
expect2 "YAML huge integer" "huge.yaml:5:.*'constellations\[0\].n'.*99999999999999999999999" -- validate "$tmp/huge.yaml"
expect2 "YAML 1e999" "huge.yaml:5:.*'constellations\[0\].alt_km'.*1e999" -- validate "$tmp/huge.yaml"
expect2 "YAML explicit tag on a number" "tag.yaml:5:.*without a YAML tag" -- validate "$tmp/tag.yaml"
expect2 "YAML billion laughs (aliases of aliases)" "laughs.yaml:[0-9]+:[0-9]+: field 'output'" -- validate "$tmp/laughs.yaml"

expect2 "run no file" "expected a scenario file" -- run
expect2 "run two files" "expected one scenario file" -- run a.yaml b.yaml
expect2 "run duplicate --out" "option --out given twice" -- run scenarios/default.yaml --out "$tmp/a" --out="$tmp/b"
expect2 "run --out empty" "--out needs a folder" -- run scenarios/default.yaml --out ""
expect2 "run --out an existing file" "expected a directory, got an existing file" -- run scenarios/default.yaml --out "$tmp/empty"
expect2 "run directory as scenario" "got a directory" -- run "$tmp/dir"
[ ! -e "$tmp/a" ] && [ ! -e "$tmp/b" ]
if [ $? -eq 0 ]; then echo "ok: run usage errors create no folder"; else echo "FAIL: run created a folder"; fail=1; fi

# Standard output on a full disk: exit 1 with a message, never 0.
if [ -w /dev/full ]; then
    for args in "propagate --tle $VER --verification" \
        "convert-frame --from teme --to itrf --utc 2026-01-01 --r 7000,0,0" \
        "illumination --tle $tmp/one.tle --utc 2026-01-01 --duration 600 --step-s 60" \
        "convert --in $tmp/one.tle --to omm-json" "version"; do
        "$ODCSIM" $args >/dev/full 2>"$tmp/err"
        rc=$?
        if [ "$rc" -eq 1 ] && grep -q "standard output\|stdout" "$tmp/err"; then
            echo "ok: stdout on a full disk: exit 1 ($args)"
        else
            echo "FAIL: stdout on a full disk: exit $rc ($args)"; fail=1
        fi
    done
fi

# A run that fails after its step loop (here: summary.txt cannot be
# replaced, a directory is in its place) must leave the previous results
# untouched (no new ephemeris beside the old summary) and no temporaries.
cat >"$tmp/small.yaml" <<'Y'
odcsim: 1
time: {epoch: 2026-03-20T00:00:00Z, duration_s: 600, step_s: 60}
constellations:
  - {name: s, type: sso, n: 2, alt_km: 700, ltan_h: 6}
Y
sed 's/step_s: 60/step_s: 30/' "$tmp/small.yaml" >"$tmp/small30.yaml"
"$ODCSIM" run "$tmp/small.yaml" --out "$tmp/res" >/dev/null 2>&1
cksum "$tmp/res/ephemeris.csv" "$tmp/res/satellites.csv" "$tmp/res/scenario.yaml" >"$tmp/before"
rm "$tmp/res/summary.txt" && mkdir "$tmp/res/summary.txt"
"$ODCSIM" run "$tmp/small30.yaml" --out "$tmp/res" >/dev/null 2>"$tmp/err"
rc=$?
cksum "$tmp/res/ephemeris.csv" "$tmp/res/satellites.csv" "$tmp/res/scenario.yaml" >"$tmp/after"
if [ "$rc" -eq 2 ] && grep -q "summary.txt: expected an output file, got a directory" "$tmp/err" &&
    cmp -s "$tmp/before" "$tmp/after" && ! ls "$tmp/res" | grep -q '\.tmp\.'; then
    echo "ok: failed run leaves the previous results whole, no temporaries"
else
    echo "FAIL: failed run changed the results folder (exit $rc)"; cat "$tmp/err"; ls "$tmp/res"
    fail=1
fi

exit $fail
