/* Kepler's equation and elements <-> Cartesian state for elliptic orbits.
 * Kept apart from the J2 propagator so any module (SGP4 checks, relative
 * motion, designed constellations) can use the plain two-body geometry. */
#include "odc/kepler.h"

#include <math.h>

#define TWO_PI 6.283185307179586476925286766559

double odc_kepler_solve(double mean_anom_rad, double ecc)
{
    double m = remainder(mean_anom_rad, TWO_PI);     /* -pi..pi */
    if (ecc <= 0.0)
        return m;
    /* The root lies in [m - e, m + e] because |E - M| = e |sin E| <= e;
     * f(E) = E - e sin E - M is increasing (f' = 1 - e cos E > 0). */
    double lo = m - ecc, hi = m + ecc;
    /* Starter: M + e sin M is good for small e; for high e the root moves
     * towards +-pi (or stays close to 0 as (6M)^(1/3)); the bracket keeps
     * Newton safe whatever the start. */
    double e_an = ecc < 0.8 ? m + ecc * sin(m) : (m >= 0 ? fmin(M_PI, hi) : fmax(-M_PI, lo));
    if (e_an < lo || e_an > hi)
        e_an = 0.5 * (lo + hi);
    for (int it = 0; it < 200; it++) {
        double f = e_an - ecc * sin(e_an) - m;
        if (f == 0.0)
            break;
        if (f < 0.0)
            lo = e_an;
        else
            hi = e_an;
        double fp = 1.0 - ecc * cos(e_an);
        double next = e_an - f / fp;
        if (!(next > lo && next < hi))          /* also catches NaN */
            next = 0.5 * (lo + hi);
        double step = fabs(next - e_an);
        e_an = next;
        if (step <= 2e-16 * (1.0 + fabs(e_an)) || hi - lo <= 4e-16 * (1.0 + fabs(e_an)))
            break;
    }
    return e_an;
}

double odc_kepler_true_from_ecc(double ecc_anom_rad, double ecc)
{
    return 2.0 * atan2(sqrt(1.0 + ecc) * sin(0.5 * ecc_anom_rad),
                       sqrt(1.0 - ecc) * cos(0.5 * ecc_anom_rad));
}

double odc_kepler_ecc_from_true(double true_anom_rad, double ecc)
{
    return 2.0 * atan2(sqrt(1.0 - ecc) * sin(0.5 * true_anom_rad),
                       sqrt(1.0 + ecc) * cos(0.5 * true_anom_rad));
}

void odc_kepler_to_state(double mu_km3_s2, const odc_kepler_el *el,
                         double r_km[3], double v_km_s[3])
{
    double a = el->a_km, e = el->ecc;
    double ea = odc_kepler_solve(el->mean_anom_rad, e);
    double ce = cos(ea), se = sin(ea);
    double sq = sqrt(1.0 - e * e);
    double n = sqrt(mu_km3_s2 / (a * a * a));
    double rr = a * (1.0 - e * ce);
    /* Perifocal position and velocity written with E (no true anomaly), which
     * stays accurate as e -> 0. */
    double xp = a * (ce - e), yp = a * sq * se;
    double k = n * a * a / rr;
    double vxp = -k * se, vyp = k * sq * ce;

    double cO = cos(el->raan_rad), sO = sin(el->raan_rad);
    double cw = cos(el->argp_rad), sw = sin(el->argp_rad);
    double ci = cos(el->incl_rad), si = sin(el->incl_rad);
    double px = cO * cw - sO * sw * ci, py = sO * cw + cO * sw * ci, pz = sw * si;
    double qx = -cO * sw - sO * cw * ci, qy = -sO * sw + cO * cw * ci, qz = cw * si;
    r_km[0] = xp * px + yp * qx;
    r_km[1] = xp * py + yp * qy;
    r_km[2] = xp * pz + yp * qz;
    v_km_s[0] = vxp * px + vyp * qx;
    v_km_s[1] = vxp * py + vyp * qy;
    v_km_s[2] = vxp * pz + vyp * qz;
}

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static void cross3(const double a[3], const double b[3], double c[3])
{
    c[0] = a[1] * b[2] - a[2] * b[1];
    c[1] = a[2] * b[0] - a[0] * b[2];
    c[2] = a[0] * b[1] - a[1] * b[0];
}

/* Angle from unit vector p to vector q measured positively about unit h. */
static double angle_about(const double p[3], const double q[3], const double h[3])
{
    double c[3];
    cross3(p, q, c);
    return atan2(dot3(c, h), dot3(p, q));
}

static double wrap_2pi(double x)
{
    x = fmod(x, TWO_PI);
    return x < 0.0 ? x + TWO_PI : x;
}

int odc_kepler_from_state(double mu_km3_s2, const double r_km[3],
                          const double v_km_s[3], odc_kepler_el *el,
                          odc_err *err)
{
    double r = sqrt(dot3(r_km, r_km));
    double v2 = dot3(v_km_s, v_km_s);
    double h[3];
    cross3(r_km, v_km_s, h);
    double hm = sqrt(dot3(h, h));
    if (!(r > 0.0) || !(hm > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "state",
                           "position and velocity must be non-zero and not parallel");
    double energy = 0.5 * v2 - mu_km3_s2 / r;
    if (!(energy < 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "state",
                           "orbit is not bound (specific energy %.6g km^2/s^2 >= 0)",
                           energy);
    double hu[3] = {h[0] / hm, h[1] / hm, h[2] / hm};
    double rv = dot3(r_km, v_km_s);
    double ev[3];
    for (int k = 0; k < 3; k++)
        ev[k] = ((v2 - mu_km3_s2 / r) * r_km[k] - rv * v_km_s[k]) / mu_km3_s2;
    double e = sqrt(dot3(ev, ev));
    double hxy = hypot(h[0], h[1]);

    el->a_km = -mu_km3_s2 / (2.0 * energy);
    el->incl_rad = atan2(hxy, h[2]);
    /* Reference direction in the plane: the ascending node, or the x axis
     * for an equatorial orbit (where the node is undefined). */
    double nodev[3] = {1.0, 0.0, 0.0};
    if (hxy > 1e-11 * hm) {
        nodev[0] = -h[1] / hxy;
        nodev[1] = h[0] / hxy;
        el->raan_rad = wrap_2pi(atan2(h[0], -h[1]));
    } else {
        el->raan_rad = 0.0;
    }
    double nu;
    if (e > 1e-11) {
        double eu[3] = {ev[0] / e, ev[1] / e, ev[2] / e};
        el->argp_rad = wrap_2pi(angle_about(nodev, eu, hu));
        nu = angle_about(eu, r_km, hu);
        el->ecc = e;
    } else {
        el->argp_rad = 0.0;
        nu = angle_about(nodev, r_km, hu);       /* argument of latitude */
        el->ecc = 0.0;
        e = 0.0;
    }
    double ea = odc_kepler_ecc_from_true(nu, e);
    el->mean_anom_rad = wrap_2pi(ea - e * sin(ea));
    return ODC_OK;
}
