#!/usr/bin/python3
"""Oracle for odcsim's time and frame code (run with Debian's python3).

Compares `odcsim convert-frame` with independent implementations:
  * GMST (IAU 1982): our own gstime vs pyerfa's erfa.gmst82;
  * TEME <-> ITRF and TEME <-> GCRS: astropy (its TEME frame follows Vallado
    et al. 2006; ITRS <-> GCRS through CIRS with ERFA matrices), first with
    all Earth-orientation parameters set to zero in astropy's IERS table,
    then with astropy's bundled IERS-B values passed to odcsim as --dut1,
    --xp-arcsec, --yp-arcsec (checks their signs and units);
  * WGS-84 geodetic <-> ITRF: erfa.gc2gd / erfa.gd2gc.

Usage: test_frames_oracle.py <path-to-odcsim> [shared-dir]. Exit 0 = pass.
Velocity note: astropy differentiates its transforms numerically (central
differences over 1 s), so its TEME velocities include TEME's slow turning
against ITRF/GCRS (precession, 7e-12 .. 1.2e-11 rad/s), which the
conventional transformation (Vallado et al. 2006, and odcsim) leaves out.
The checks remove that term explicitly: for ITRF, GMST82's rate minus
omega; for GCRS, astropy's velocity of the same position at rest in TEME.
"""
import subprocess
import sys
import warnings
from datetime import datetime, timedelta

import numpy as np
import erfa

try:
    import astropy.units as u
    from astropy.coordinates import (GCRS, ITRS, TEME, CartesianDifferential,
                                     CartesianRepresentation)
    from astropy.time import Time
    from astropy.utils import iers
except ImportError:  # python3-astropy is listed in debian-packages.txt
    print("FAIL: python3-astropy is not installed (sh scripts/deps.sh)")
    sys.exit(1)

ODCSIM = sys.argv[1] if len(sys.argv) > 1 else "build/odcsim"
FAILED = []


def check(name, value, tol, unit):
    ok = bool(value <= tol)
    print(f"{'ok  ' if ok else 'FAIL'} {name}: max {value:.3g} {unit} "
          f"(tolerance {tol:.3g})")
    if not ok:
        FAILED.append(name)


def odc(args, lines):
    """Run odcsim convert-frame --stdin and return the output as an array."""
    p = subprocess.run([ODCSIM, "convert-frame", *args, "--stdin"],
                       input="\n".join(lines) + "\n", capture_output=True,
                       text=True, timeout=60)
    if p.returncode != 0:
        print(p.stderr)
        raise SystemExit(f"FAIL: odcsim {' '.join(args)} exited {p.returncode}")
    return np.array([[float(x) for x in ln.split()]
                     for ln in p.stdout.splitlines()])


rng = np.random.default_rng(20261123)
N = 300

# Random UTC instants 1980..2022 (inside astropy's bundled IERS-B table),
# with microseconds; no leap-second instants (datetime cannot hold them).
t0 = datetime(1980, 1, 1)
span_us = int((datetime(2022, 11, 1) - t0).total_seconds() * 1e6)
iso = [(t0 + timedelta(microseconds=int(x))).strftime("%Y-%m-%dT%H:%M:%S.%f")
       for x in rng.integers(0, span_us, N)]
times = Time(iso, format="isot", scale="utc")

# Random states: radius LEO..beyond GEO, velocities up to ~8 km/s.
rad = rng.uniform(6600.0, 45000.0, N)
d = rng.normal(size=(N, 3))
r = d / np.linalg.norm(d, axis=1)[:, None] * rad[:, None]
v = rng.uniform(-4.5, 4.5, (N, 3))


def lines_of(pos, vel=None):
    if vel is None:
        return [f"{iso[i]} {pos[i,0]!r} {pos[i,1]!r} {pos[i,2]!r}"
                for i in range(N)]
    return [f"{iso[i]} {pos[i,0]!r} {pos[i,1]!r} {pos[i,2]!r} "
            f"{vel[i,0]!r} {vel[i,1]!r} {vel[i,2]!r}" for i in range(N)]


def astropy_state(frame_cls, pos, vel, obstime):
    rep = CartesianRepresentation(pos.T * u.km, differentials=
                                  CartesianDifferential(vel.T * u.km / u.s))
    return frame_cls(rep, obstime=obstime, representation_type="cartesian",
                     differential_type="cartesian")


def astropy_xyz(c):
    return (c.cartesian.xyz.to_value(u.km).T,
            c.velocity.d_xyz.to_value(u.km / u.s).T)


# ---- 1. GMST82: TEME (1e6 km, 0, 0) -> ITRF with zero EOP is
#      (R cos g, -R sin g, 0). ------------------------------------------------
g_out = odc(["--from", "teme", "--to", "itrf"],
            [f"{s} 1000000 0 0" for s in iso])
g_odc = np.mod(np.arctan2(-g_out[:, 1], g_out[:, 0]), 2 * np.pi)
u1, u2 = erfa.dtf2d("UTC", *np.array([[int(s[0:4]), int(s[5:7]), int(s[8:10]),
                                       int(s[11:13]), int(s[14:16])]
                                      for s in iso]).T,
                    np.array([float(s[17:]) for s in iso]))
b1, b2 = erfa.utcut1(u1, u2, 0.0)
g_erfa = erfa.gmst82(b1, b2)
dg = np.abs(np.angle(np.exp(1j * (g_odc - g_erfa))))
check("GMST82 vs erfa.gmst82", dg.max(), 1e-11, "rad")

# ---- 2. Zero EOP in astropy: copy of IERS-B with UT1-UTC, PM set to 0. ----
iers.conf.auto_download = False
# The bundled leap-second file's expiry date is irrelevant here (1980..2022).
warnings.simplefilter("ignore", iers.IERSStaleWarning)
real_eop = iers.IERS_B.open()
zero_eop = real_eop.copy()
zero_eop["UT1_UTC"] = 0.0 * u.s
zero_eop["PM_x"] = 0.0 * u.arcsec
zero_eop["PM_y"] = 0.0 * u.arcsec
iers.earth_orientation_table.set(zero_eop)

vel_tol = 1e-9   # km/s (1 um/s), after removing TEME's precession term

# GMST82 turns at omega + dw (Aoki et al. 1982: 8640184.812866 s per
# century on top of one turn per UT1 day); odcsim's v uses omega.
OMEGA = 7.29211514670698e-5
dw = 2 * np.pi / 86400 * (1 + 8640184.812866 / (86400 * 36525.0)) - OMEGA


def spin_term(pos):
    """dw z x pos (km/s), the precession part astropy keeps in v."""
    return dw * np.stack([-pos[:, 1], pos[:, 0], np.zeros(len(pos))], axis=1)


teme = astropy_state(TEME, r, v, times)
ri_ap, vi_ap = astropy_xyz(teme.transform_to(ITRS(obstime=times)))
vi_ap = vi_ap + spin_term(ri_ap)
rg_ap, vg_ap = astropy_xyz(teme.transform_to(GCRS(obstime=times)))
# Same positions at rest in TEME: astropy's v is then TEME's own motion.
_, vg_rest = astropy_xyz(astropy_state(TEME, r, 0 * v, times)
                         .transform_to(GCRS(obstime=times)))
vg_ap = vg_ap - vg_rest
print(f"     (TEME precession term removed from astropy's GCRS v: up to "
      f"{np.linalg.norm(vg_rest, axis=1).max()*1e6:.2f} mm/s)")
# astropy's central difference over +-1 s of a rotation leaves
# omega^3 r dt^2 / 6 (<= 3e-9 km/s at 45000 km) in its ITRS velocity.
vel_tol_itrf = vel_tol + OMEGA**3 * rad.max() / 6

out = odc(["--from", "teme", "--to", "itrf"], lines_of(r, v))
check("TEME->ITRF position vs astropy (EOP 0)",
      np.linalg.norm(out[:, :3] - ri_ap, axis=1).max() * 1e3, 1e-3, "m")
check("TEME->ITRF velocity vs astropy (EOP 0)",
      np.linalg.norm(out[:, 3:] - vi_ap, axis=1).max(), vel_tol_itrf, "km/s")
out = odc(["--from", "teme", "--to", "gcrs"], lines_of(r, v))
check("TEME->GCRS position vs astropy (EOP 0)",
      np.linalg.norm(out[:, :3] - rg_ap, axis=1).max() * 1e3, 1e-3, "m")
check("TEME->GCRS velocity vs astropy (EOP 0)",
      np.linalg.norm(out[:, 3:] - vg_ap, axis=1).max(), vel_tol, "km/s")

# Inverse directions, positions (astropy's own ITRS/GCRS -> TEME).
rt_ap, _ = astropy_xyz(astropy_state(ITRS, r, v, times)
                       .transform_to(TEME(obstime=times)))
out = odc(["--from", "itrf", "--to", "teme"], lines_of(r))
check("ITRF->TEME position vs astropy (EOP 0)",
      np.linalg.norm(out - rt_ap, axis=1).max() * 1e3, 1e-3, "m")
rt_ap, _ = astropy_xyz(astropy_state(GCRS, r, v, times)
                       .transform_to(TEME(obstime=times)))
out = odc(["--from", "gcrs", "--to", "teme"], lines_of(r))
check("GCRS->TEME position vs astropy (EOP 0)",
      np.linalg.norm(out - rt_ap, axis=1).max() * 1e3, 1e-3, "m")

# ---- 3. Real EOP (astropy's bundled IERS-B), passed as options. ----------
iers.earth_orientation_table.set(real_eop)
worst_r = worst_v = worst_g = 0.0
worst_eop_effect = 0.0
for k in range(8):
    t = times[k:k + 1]
    dut1 = float(t.delta_ut1_utc[0])
    xp, yp = (q.to_value(u.arcsec)[0] for q in real_eop.pm_xy(t))
    c = astropy_state(TEME, r[k:k + 1], v[k:k + 1], t)
    ri, vi = astropy_xyz(c.transform_to(ITRS(obstime=t)))
    vi = vi + spin_term(ri)
    # With real EOP astropy's UT1 runs at 1 + d(UT1-UTC)/dt (the length of
    # day, LOD), which odcsim neglects (< 4e-8 relative): take it out.
    dt1 = Time(t.jd1, t.jd2 + np.array([-1.0, 1.0]) / 86400, format="jd",
               scale="utc")
    lod_rate = float(np.diff(dt1.delta_ut1_utc)[0]) / 2.0
    vi = vi + (OMEGA + dw) * lod_rate * np.array([-ri[0, 1], ri[0, 0], 0.0])
    # Likewise the pole's motion (odcsim, like Vallado, neglects its rate,
    # ~1e-13 rad/s): allowed as |d(xp, yp)/dt| x r on top of vel_tol_itrf.
    pmx, pmy = (np.diff(q.to_value(u.rad))[0] / 2.0
                for q in real_eop.pm_xy(dt1))
    pm_allow = np.hypot(pmx, pmy) * np.linalg.norm(ri[0])
    rg, _ = astropy_xyz(c.transform_to(GCRS(obstime=t)))
    eop = ["--dut1", repr(dut1), "--xp-arcsec", repr(xp), "--yp-arcsec",
           repr(yp)]
    line = [lines_of(r, v)[k]]
    o = odc(["--from", "teme", "--to", "itrf", *eop], line)
    worst_r = max(worst_r, np.linalg.norm(o[0, :3] - ri[0]))
    worst_v = max(worst_v, np.linalg.norm(o[0, 3:] - vi[0]) - pm_allow)
    o0 = odc(["--from", "teme", "--to", "itrf"], line)
    worst_eop_effect = max(worst_eop_effect, np.linalg.norm(o0[0, :3] - ri[0]))
    o = odc(["--from", "teme", "--to", "gcrs", *eop], line)
    worst_g = max(worst_g, np.linalg.norm(o[0, :3] - rg[0]))
check("TEME->ITRF position vs astropy (IERS-B EOP)", worst_r * 1e3, 1e-3, "m")
check("TEME->ITRF velocity vs astropy (IERS-B EOP), beyond pole rate",
      worst_v, vel_tol_itrf, "km/s")
check("TEME->GCRS position vs astropy (IERS-B EOP)", worst_g * 1e3, 1e-3, "m")
# The EOP must matter (else the comparison above proves nothing about them).
print(f"     (ignoring those EOP would have cost {worst_eop_effect*1e3:.1f} m)")
if worst_eop_effect < 1e-3:
    FAILED.append("EOP effect too small to test")

# ---- 4. Geodetic on WGS-84 vs erfa.gc2gd / erfa.gd2gc. -------------------
p_km = r * rng.uniform(0.2, 1.0, N)[:, None]   # inside and above the Earth
out = odc(["--from", "itrf", "--to", "geodetic"],
          [f"2000-01-01 {x!r} {y!r} {z!r}" for x, y, z in p_km])
elong, phi, h = erfa.gc2gd(1, p_km * 1e3)
dlat = np.abs(out[:, 0] - np.degrees(phi)).max()
dlon = np.abs(np.angle(np.exp(1j * np.radians(out[:, 1] - np.degrees(elong))))
              ).max()
check("ITRF->geodetic latitude vs erfa.gc2gd", dlat, 1e-10, "deg")
check("ITRF->geodetic longitude vs erfa.gc2gd", np.degrees(dlon), 1e-10, "deg")
check("ITRF->geodetic height vs erfa.gc2gd",
      np.abs(out[:, 2] - h / 1e3).max() * 1e3, 1e-6, "m")
lat = rng.uniform(-90, 90, N)
lon = rng.uniform(-180, 180, N)
alt = rng.uniform(-1, 40000, N)
out = odc(["--from", "geodetic", "--to", "itrf"],
          [f"2000-01-01 {a!r} {b!r} {c!r}" for a, b, c in zip(lat, lon, alt)])
xyz = erfa.gd2gc(1, np.radians(lon), np.radians(lat), alt * 1e3) / 1e3
check("geodetic->ITRF vs erfa.gd2gc",
      np.linalg.norm(out - xyz, axis=1).max() * 1e3, 1e-6, "m")

# ---- 5. Bad input: exit status 2 and a message naming the problem. -------
for args, stdin, want in [
        (["--from", "teme", "--to", "itrf", "--stdin"],
         "2004-13-01T00:00:00 1 2 3\n", "<stdin>:1: field 'UTC'"),
        (["--from", "teme", "--to", "itrf", "--stdin"],
         "2004-01-01T00:00:00 1 2 nan\n", "field 4 'nan' is not a finite"),
        (["--from", "teme", "--to", "itrf", "--r", "1,2,3"], "",
         "--utc is required"),
        (["--from", "teme", "--to", "pef", "--r", "1,2,3"], "",
         "expected teme, itrf, gcrs or geodetic"),
        (["--from", "teme", "--to", "itrf", "--r", "1,2,3", "--utc",
          "2000-01-01T00:00:00", "--dut1", "2"], "", "within -1..1 s"),
        (["--from", "itrf", "--to", "geodetic", "--r", "1,2,3", "--v",
          "1,2,3"], "", "velocities cannot be converted"),
]:
    p = subprocess.run([ODCSIM, "convert-frame", *args], input=stdin,
                       capture_output=True, text=True, timeout=30)
    ok = p.returncode == 2 and want in p.stderr
    print(f"{'ok  ' if ok else 'FAIL'} bad input {args[-2:]}: exit "
          f"{p.returncode}, {p.stderr.strip().splitlines()[0]!r}")
    if not ok:
        FAILED.append(f"bad input {args}")

if FAILED:
    print("FAILED:", ", ".join(FAILED))
    sys.exit(1)
print("all frame oracle checks passed")
