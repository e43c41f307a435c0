"""Pieces shared by the eclipse/illumination oracles (not a test itself):
TLE lines written from elements, the mean motion of a circular orbit, and
the shadow fraction from the geometry of two discs (Earth radius 6378.137
km, WGS-84; solar radius 695700 km, IAU 2015 Resolution B3 nominal value).
Written here from first principles, none of it odcsim code.
"""
import math

import numpy as np

RE = 6378.137
RS = 695700.0


def checksum(line):
    """TLE checksum of columns 1-68: digits, minus signs count 1, mod 10."""
    s = 0
    for ch in line[:68]:
        if ch.isdigit():
            s += int(ch)
        elif ch == "-":
            s += 1
    return str(s % 10)


def make_tle(norad, epoch_doy, incl, raan, ecc, argp, ma, n_rev_day):
    """Two TLE lines for a 2024 epoch (day of year, fractional), angles in
    deg, mean motion in rev/day, BSTAR 0."""
    l1 = "1 %05dU 24001A   24%012.8f  .00000000  00000-0  00000-0 0  999" % (
        norad, epoch_doy)
    l2 = "2 %05d %8.4f %8.4f %07d %8.4f %8.4f %11.8f    1" % (
        norad, incl, raan, int(round(ecc * 1e7)), argp, ma, n_rev_day)
    l1 = l1[:68] + checksum(l1)
    l2 = l2[:68] + checksum(l2)
    assert len(l1) == 69 and len(l2) == 69, (l1, l2)
    return l1, l2


def n_of(alt_km):
    """Mean motion (rev/day) of a circular orbit at alt_km (Kepler, mu =
    398600.4418 km^3/s^2)."""
    a = RE + alt_km
    return 86400.0 / (2 * math.pi * math.sqrt(a ** 3 / 398600.4418))


def geometry(r, s):
    """Apparent radii of Sun (a) and Earth (b) and their separation (c)."""
    r = np.asarray(r)
    d = s - r
    dn = np.linalg.norm(d)
    rn = np.linalg.norm(r)
    a = math.asin(RS / dn)
    b = math.asin(RE / rn)
    c = math.acos(max(-1.0, min(1.0, float(np.dot(-r, d)) / (rn * dn))))
    return a, b, c


def fraction(r, s):
    """Fraction of the solar disc visible from r (Sun at s, same frame, km)."""
    a, b, c = geometry(r, s)
    if c >= a + b:
        return 1.0
    if c <= b - a:
        return 0.0
    if c <= a - b:
        return 1.0 - (b / a) ** 2
    # lens area of circles radii a, b at distance c
    k1 = a * a * math.acos((c * c + a * a - b * b) / (2 * c * a))
    k2 = b * b * math.acos((c * c + b * b - a * a) / (2 * c * b))
    k3 = 0.5 * math.sqrt(max(0.0, (-c + a + b) * (c + a - b) * (c - a + b) * (c + a + b)))
    return 1.0 - (k1 + k2 - k3) / (math.pi * a * a)
