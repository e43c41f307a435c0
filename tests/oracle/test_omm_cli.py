"""odcsim convert as a user meets it: exit codes (0, 2 for bad usage or bad
input with file:line:col: field message), --help, --out written atomically
(no file left on failure), --no-checksum on SGP4-VER.TLE (33 sets, whose
stale checksums otherwise stop the read at line 100), and chains
TLE -> OMM (csv, json, xml) -> TLE giving back the same TLE lines.

Usage: /usr/bin/python3 test_omm_cli.py ODCSIM SHARED_DIR  (exit 0 = pass)
"""
import os
import subprocess
import sys
import tempfile

ODCSIM, SHARED = sys.argv[1], sys.argv[2]
VER = os.path.join(SHARED, "testdata", "sgp4", "SGP4-VER.TLE")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    return subprocess.run([ODCSIM, "convert", *args], capture_output=True, text=True)


r = run("--help")
check(r.returncode == 0 and "--to tle|omm-csv|omm-json|omm-xml" in r.stdout, "--help")
r = run("--in", VER)
check(r.returncode == 2 and "--to" in r.stderr, "missing --to exits 2")
r = run("--in", VER, "--to", "yaml")
check(r.returncode == 2, "unknown --to exits 2")

# Stale checksums in SGP4-VER.TLE (see docs/elements.md).
r = run("--in", VER, "--to", "tle")
check(r.returncode == 2 and "SGP4-VER.TLE:100:69: field 'CHECKSUM'" in r.stderr,
      "checksum error position: %r" % r.stderr)
r = run("--in", VER, "--to", "tle", "--no-checksum")
lines = r.stdout.splitlines()
check(r.returncode == 0 and len(lines) == 66, "--no-checksum gives 33 sets (%d lines)" % len(lines))

with tempfile.TemporaryDirectory() as d:
    bad = os.path.join(d, "sats.tle")
    with open(bad, "w") as f:
        f.write("ISS (ZARYA)\n"
                "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
                "2 25544  51.6416 247.4627 00x6703 130.5360 325.0288 15.72125391563537\n")
    out = os.path.join(d, "out.json")
    r = run("--in", bad, "--to", "omm-json", "--out", out)
    check(r.returncode == 2, "bad input exits 2")
    check("sats.tle:3:27: field 'ECCENTRICITY': expected 7 digits" in r.stderr,
          "error message: %r" % r.stderr)
    check(not os.path.exists(out) and os.listdir(d) == ["sats.tle"],
          "no output or temporary left after a failure: %r" % os.listdir(d))
    r = run("--in", os.path.join(d, "missing.tle"), "--to", "tle")
    check(r.returncode == 2 and "cannot open" in r.stderr, "missing input file: %r" % r.stderr)

    # TLE -> each OMM syntax -> TLE: same lines.
    ref = run("--in", VER, "--to", "tle", "--no-checksum").stdout
    src = os.path.join(d, "ver.tle")
    with open(src, "w") as f:
        f.write(ref)
    for fmt in ("omm-csv", "omm-json", "omm-xml"):
        mid = os.path.join(d, "mid." + fmt)
        r = run("--in", src, "--to", fmt, "--out", mid)
        check(r.returncode == 0 and os.path.exists(mid), "%s written: %s" % (fmt, r.stderr))
        back = run("--in", mid, "--to", "tle").stdout
        check(back == ref, "TLE -> %s -> TLE differs" % fmt)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
