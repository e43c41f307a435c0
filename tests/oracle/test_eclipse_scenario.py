"""`odcsim illumination --scenario` and `odcsim eclipses --scenario` against
positions that the scenario module itself writes (`odcsim run`,
ephemeris.csv in TEME), with the Sun from astropy and the shadow fraction
computed here from the geometry (lens area of two circles, as in
test_eclipse_oracle.py):

  * every (satellite, time) row of the scenario grid: illumination within
    2e-5 and beta within 1e-3 deg of the oracle on the run's positions, in
    the same satellite order (a Walker shell with the J2 design propagator,
    an SSO plane with SGP4 and a TLE constellation);
  * eclipse rows agree with the illumination grid: grid times inside an
    umbra row are dark, times outside every penumbra row are fully lit;
  * the TLE constellation gives the same rows through --scenario as
    through --tle.
Run: /usr/bin/python3 tests/oracle/test_eclipse_scenario.py build/odcsim shared
"""
import csv
import io
import math
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np

warnings.simplefilter("ignore")
from astropy.utils import iers  # noqa: E402

iers.conf.auto_download = False
iers.conf.iers_degraded_accuracy = "ignore"
import astropy.units as u  # noqa: E402
from astropy.coordinates import TEME, get_sun  # noqa: E402
from astropy.time import Time  # noqa: E402

import eclipse_common  # noqa: E402

EPOCH = "2024-06-21T00:00:00Z"
DUR, STEP = 10800.0, 300.0


def make_tle(norad, incl, raan, ma, n_rev_day):
    # epoch 2024 day 173.0 = 2024-06-21 00:00 UTC
    return eclipse_common.make_tle(norad, 173.0, incl, raan, 0.0005, 30.0, ma, n_rev_day)


SCENARIO = """odcsim: 1
name: sun-oracle
time:
  epoch: %s
  duration_s: %d
  step_s: %d
constellations:
  - name: shell
    type: walker
    t: 6
    p: 2
    f: 1
    alt_km: 550
    incl_deg: 53
    raan0_deg: 20
    pattern: delta
    first_norad: 91001
  - name: dusk
    type: sso
    n: 2
    alt_km: 650
    ltan_h: 18.0
    propagator: sgp4
  - name: real
    type: tle
    file: sats.tle
output:
  frame: teme
  ephemeris: true
""" % (EPOCH, DUR, STEP)


def run(odcsim, args):
    p = subprocess.run([odcsim] + args, capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr)
        raise SystemExit("odcsim %s failed (%d)" % (" ".join(args[:1]), p.returncode))
    return p.stdout


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def main():
    odcsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        tle = os.path.join(tmp, "sats.tle")
        with open(tle, "w") as f:
            for l1, l2 in (make_tle(92001, 97.6, 270.0, 0.0, 15.2),
                           make_tle(92002, 28.5, 100.0, 90.0, 15.5)):
                f.write(l1 + "\n" + l2 + "\n")
        scen = os.path.join(tmp, "scen.yaml")
        with open(scen, "w") as f:
            f.write(SCENARIO)
        run(odcsim, ["run", scen, "--out", os.path.join(tmp, "out")])
        with open(os.path.join(tmp, "out", "ephemeris.csv")) as f:
            eph = rows(f.read())
        ill = rows(run(odcsim, ["illumination", "--scenario", scen]))
        ecl = rows(run(odcsim, ["eclipses", "--scenario", scen]))
        ecl_tle = rows(run(odcsim, ["eclipses", "--tle", tle, "--utc", EPOCH,
                                    "--duration", str(DUR)]))

    # ephemeris.csv is time-major; illumination is satellite-major.
    order = {"shell": 0, "dusk": 1, "real": 2}
    key = lambda r: (order[r["constellation"]], int(r["sat"]), float(r["t_s"]))  # noqa: E731
    eph.sort(key=key)
    n_sat = len({(r["constellation"], r["sat"]) for r in eph})
    n_t = int(DUR / STEP) + 1
    assert n_sat == 10 and len(eph) == n_sat * n_t, (n_sat, len(eph))
    assert len(ill) == len(eph), (len(ill), len(eph))

    t0 = Time(EPOCH.rstrip("Z"), format="isot", scale="utc")
    times = t0 + np.arange(n_t) * STEP * u.s
    sun = get_sun(times).transform_to(TEME(obstime=times)).cartesian.xyz.to(u.km).value.T

    worst_nu = worst_beta = 0.0
    dark = 0
    grid = {}
    for e, r in zip(eph, ill):
        assert r["utc"] == e["utc"], (r["utc"], e["utc"])
        if e["norad"]:
            assert r["norad"] == e["norad"], (r["norad"], e["norad"])
        k = int(round(float(e["t_s"]) / STEP))
        pos = np.array([float(e[c]) for c in ("x_km", "y_km", "z_km")])
        vel = np.array([float(e[c]) for c in ("vx_km_s", "vy_km_s", "vz_km_s")])
        s = sun[k]
        nu = eclipse_common.fraction(pos, s)
        h = np.cross(pos, vel)
        beta = math.degrees(math.asin(np.dot(h, s) / (np.linalg.norm(h) * np.linalg.norm(s))))
        got = float(r["illumination"])
        worst_nu = max(worst_nu, abs(got - nu))
        worst_beta = max(worst_beta, abs(float(r["beta_deg"]) - beta))
        dark += got == 0.0
        grid.setdefault(r["norad"], []).append((float(e["t_s"]), got))
    print("scenario illumination: %d rows (%d dark), max |d nu| = %.2e, "
          "max |d beta| = %.2e deg" % (len(ill), dark, worst_nu, worst_beta))
    assert dark > 20
    assert worst_nu < 2e-5, worst_nu
    assert worst_beta < 1e-3, worst_beta

    def secs(iso):
        return (Time(iso.rstrip("Z"), format="isot", scale="utc") - t0).to(u.s).value

    checked = 0
    for norad, pts in grid.items():
        mine = [(x["kind"], secs(x["entry_utc"]), secs(x["exit_utc"]))
                for x in ecl if x["norad"] == norad]
        for t, nu in pts:
            in_umb = any(k == "umbra" and a + 1e-3 < t < b - 1e-3 for k, a, b in mine)
            in_pen = any(k == "penumbra" and a - 1e-3 <= t <= b + 1e-3 for k, a, b in mine)
            if in_umb:
                assert nu == 0.0, (norad, t, nu)
                checked += 1
            if not in_pen:
                assert nu == 1.0, (norad, t, nu)
                checked += 1
    print("eclipse rows consistent with %d grid points" % checked)
    assert checked > 200

    sub = [x for x in ecl if x["norad"] in ("92001", "92002")]
    assert sub == ecl_tle, "TLE constellation differs between --scenario and --tle"
    print("TLE constellation: %d rows identical through --scenario and --tle" % len(sub))
    assert len(sub) >= 8
    print("PASS")


if __name__ == "__main__":
    main()
