"""CLI contract of `odcsim illumination` and `odcsim eclipses`: headers, exit
status on bad input (2) with a message naming the problem, --help (0),
cylindrical rows are umbra only, eclipses under way at the window ends are
clipped to it, --stats columns and seasons, --out writes the file.

The shadow-free check is geometric: a satellite in a 20 000 km circular
polar orbit whose plane is nearly perpendicular to the Sun (beta ~ 90 deg)
can never enter the shadow (its beta stays far above the eclipse limit
asin(Re/a) = 18.5 deg over a day), so it must have no rows and illumination 1.
Run: /usr/bin/python3 tests/oracle/test_eclipse_cli.py build/odcsim shared
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

import eclipse_common
from eclipse_common import n_of



def make_tle(norad, incl, raan, ma, n_rev_day):
    return eclipse_common.make_tle(norad, 80.0, incl, raan, 0.0001, 0.0, ma, n_rev_day)


def run(odcsim, args):
    p = subprocess.run([odcsim] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def main():
    odcsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        tle = os.path.join(tmp, "s.tle")
        # 90010: LEO 500 km, equatorial-ish (eclipses every orbit);
        # 90011: 20000 km polar orbit with its plane across the Sun line
        #        (node at Sun RA 0h + 90 deg at the March equinox): no shadow.
        sats = [make_tle(90010, 10.0, 0.0, 180.0, n_of(500.0)),
                make_tle(90011, 90.0, 90.0, 0.0, n_of(20000.0))]
        with open(tle, "w") as f:
            for l1, l2 in sats:
                f.write(l1 + "\n" + l2 + "\n")
        base = ["--tle", tle, "--utc", "2024-03-20T00:00:00Z", "--duration", "86400"]

        for cmd in ("illumination", "eclipses"):
            rc, out, err = run(odcsim, [cmd, "--help"])
            assert rc == 0 and "usage: odcsim " + cmd in out, (cmd, rc)
            # usage errors
            for bad, needle in (
                    (["--tle", tle], "--utc"),
                    (base + ["--shadow", "round"], "conical or cylindrical"),
                    (base + ["--step-s", "-1"], "--step-s"),
                    (base + ["--bogus"], "unknown argument"),
                    (["--tle", tle, "--utc", "2024-13-40T00:00:00Z", "--duration", "10",
                      "--step-s", "1"], "--utc")):
                rc, out, err = run(odcsim, [cmd] + bad)
                assert rc == 2, (cmd, bad, rc, err)
                assert needle in err, (cmd, bad, err)
            # a missing file and a broken TLE: exit 2 naming the file
            rc, out, err = run(odcsim, [cmd, "--tle", os.path.join(tmp, "none.tle")]
                               + base[2:] + ["--step-s", "60"])
            # an unreadable input file is an input error: exit 2, as propagate
            assert rc == 2 and "none.tle" in err, (rc, err)
            broken = os.path.join(tmp, "broken.tle")
            with open(broken, "w") as f:
                f.write(sats[0][0] + "\n" + sats[0][1][:40] + "\n")
            rc, out, err = run(odcsim, [cmd, "--tle", broken] + base[2:] + ["--step-s", "60"])
            assert rc == 2 and "broken.tle" in err, (rc, err)

        # illumination rows and header
        rc, out, err = run(odcsim, ["illumination"] + base + ["--step-s", "600"])
        assert rc == 0, err
        assert out.splitlines()[0] == "norad,utc,illumination,beta_deg"
        r = rows(out)
        assert len(r) == 2 * 145
        assert r[0]["utc"] == "2024-03-20T00:00:00.000Z"
        far = [x for x in r if x["norad"] == "90011"]
        assert all(float(x["illumination"]) == 1.0 for x in far)
        assert all(abs(float(x["beta_deg"])) > 60.0 for x in far)
        near = [float(x["illumination"]) for x in r if x["norad"] == "90010"]
        assert min(near) == 0.0 and max(near) == 1.0

        # eclipses: starts at midnight of the orbit (mean anomaly 180 deg,
        # Sun near +x at the equinox) -> first eclipse open at the start
        rc, out, err = run(odcsim, ["eclipses"] + base)
        assert rc == 0, err
        assert out.splitlines()[0] == "norad,entry_utc,exit_utc,duration_s,kind"
        e = rows(out)
        assert all(x["norad"] == "90010" for x in e)
        kinds = {x["kind"] for x in e}
        assert kinds == {"umbra", "penumbra"}
        assert e[0]["entry_utc"] == "2024-03-20T00:00:00.000Z" and e[0]["kind"] == "penumbra"
        full = [float(x["duration_s"]) for x in e if x["kind"] == "umbra"
                and x["entry_utc"] != "2024-03-20T00:00:00.000Z"
                and x["exit_utc"] != "2024-03-21T00:00:00.000Z"]
        assert float(e[1]["duration_s"]) < min(full)      # the clipped one
        # cylindrical: umbra rows only, same count of passages
        rc, out, err = run(odcsim, ["eclipses"] + base + ["--shadow", "cylindrical"])
        assert rc == 0, err
        c = rows(out)
        assert {x["kind"] for x in c} == {"umbra"}
        assert len(c) == len([x for x in e if x["kind"] == "penumbra"])

        # stats and --out
        outp = os.path.join(tmp, "stats.csv")
        rc, out, err = run(odcsim, ["eclipses"] + base + ["--stats", "--out", outp])
        assert rc == 0 and out == "", (rc, err)
        with open(outp) as f:
            s = rows(f.read())
        assert [x["norad"] for x in s] == ["90010", "90011"]
        assert 0.5 < float(s[0]["sunlit_fraction"]) < 0.7
        assert int(s[0]["eclipses"]) == len(c)
        assert s[0]["seasons"].startswith("2024-03-20T00:00:00Z/")
        assert float(s[1]["sunlit_fraction"]) == 1.0 and s[1]["seasons"] == ""
        assert not [p for p in os.listdir(tmp) if p.startswith("stats.csv") and p != "stats.csv"]
        print("PASS")


if __name__ == "__main__":
    main()
