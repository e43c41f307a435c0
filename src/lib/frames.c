/* Reference frames: why this file exists.
 *
 * SGP4 gives states in TEME (true equator, mean equinox of date). Ground
 * tracks, station visibility and Earth shadow need them in the rotating
 * ITRF or in the inertial GCRS. The chain, after Vallado, Crawford, Hujsak
 * & Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, appendix C:
 *
 *   TEME --R3(GMST82)--> PEF --W(xp, yp)--> ITRF
 *   ITRF --W^T--> TIRS --R3(-ERA)--> CIRS --C2I^T (IAU 2006/2000A)--> GCRS
 *
 * with velocities carrying the Earth-rotation term omega x r in the
 * rotating frames. The celestial part uses ERFA (IERS Conventions 2010). */
#include "odc/frames.h"

#include <erfa.h>
#include <erfam.h>
#include <math.h>
#include <string.h>

#include "odc/timescale.h"

/* y = M x and y = M^T x for 3x3 matrices; y may alias x. */
static void mxv(const double m[3][3], const double x[3], double y[3])
{
    double t[3];
    for (int i = 0; i < 3; i++)
        t[i] = m[i][0] * x[0] + m[i][1] * x[1] + m[i][2] * x[2];
    memcpy(y, t, sizeof t);
}

static void mtxv(const double m[3][3], const double x[3], double y[3])
{
    double t[3];
    for (int i = 0; i < 3; i++)
        t[i] = m[0][i] * x[0] + m[1][i] * x[1] + m[2][i] * x[2];
    memcpy(y, t, sizeof t);
}

/* y = R3(th) x, the frame rotation about z by th (ERFA's eraRz sense). */
static void rz(double c, double s, const double x[3], double y[3])
{
    double a = c * x[0] + s * x[1], b = -s * x[0] + c * x[1];
    y[0] = a;
    y[1] = b;
    y[2] = x[2];
}

/* omega x r with omega along +z, added with the sign `sgn`. */
static void add_wxr(double sgn, const double r[3], double v[3])
{
    v[0] += sgn * (-ODC_OMEGA_EARTH_RAD_S * r[1]);
    v[1] += sgn * (ODC_OMEGA_EARTH_RAD_S * r[0]);
}

void odc_teme_itrf_matrix(double ut1_1, double ut1_2, double xp_rad,
                          double yp_rad, double m[3][3])
{
    double th = odc_gmst82(ut1_1, ut1_2), c = cos(th), s = sin(th);
    double w[3][3];
    eraPom00(xp_rad, yp_rad, 0.0, w);
    /* m = W * R3(th); R3 columns: (c,-s,0), (s,c,0), (0,0,1). */
    for (int i = 0; i < 3; i++) {
        m[i][0] = w[i][0] * c - w[i][1] * s;
        m[i][1] = w[i][0] * s + w[i][1] * c;
        m[i][2] = w[i][2];
    }
}

void odc_teme_to_itrf(const double r_teme[3], const double v_teme[3],
                      double ut1_1, double ut1_2, double xp_rad, double yp_rad,
                      double r_itrf[3], double v_itrf[3])
{
    double th = odc_gmst82(ut1_1, ut1_2), c = cos(th), s = sin(th);
    double w[3][3], rp[3], vp[3];
    /* Polar motion with s' = 0: Vallado et al. (2006) use the IAU-76/FK5
     * form without the TIO locator (|s'| < 0.1 mas, < 3 mm in LEO). */
    eraPom00(xp_rad, yp_rad, 0.0, w);
    rz(c, s, r_teme, rp);
    if (v_teme && v_itrf) {
        rz(c, s, v_teme, vp);
        add_wxr(-1.0, rp, vp); /* v_pef = R3 v_teme - omega x r_pef */
        mxv(w, vp, v_itrf);
    }
    mxv(w, rp, r_itrf);
}

void odc_itrf_to_teme(const double r_itrf[3], const double v_itrf[3],
                      double ut1_1, double ut1_2, double xp_rad, double yp_rad,
                      double r_teme[3], double v_teme[3])
{
    double th = odc_gmst82(ut1_1, ut1_2), c = cos(th), s = sin(th);
    double w[3][3], rp[3], vp[3];
    eraPom00(xp_rad, yp_rad, 0.0, w);
    mtxv(w, r_itrf, rp);
    if (v_itrf && v_teme) {
        mtxv(w, v_itrf, vp);
        add_wxr(1.0, rp, vp);
        rz(c, -s, vp, v_teme); /* R3(-th) = R3(th)^T */
    }
    rz(c, -s, rp, r_teme);
}

void odc_teme_to_itrf_soa(size_t n, const double *restrict x,
                          const double *restrict y, const double *restrict z,
                          double ut1_1, double ut1_2, double xp_rad,
                          double yp_rad, double *restrict xo,
                          double *restrict yo, double *restrict zo)
{
    double m[3][3];
    odc_teme_itrf_matrix(ut1_1, ut1_2, xp_rad, yp_rad, m);
    const double m00 = m[0][0], m01 = m[0][1], m02 = m[0][2];
    const double m10 = m[1][0], m11 = m[1][1], m12 = m[1][2];
    const double m20 = m[2][0], m21 = m[2][1], m22 = m[2][2];
    for (size_t i = 0; i < n; i++) {
        double a = x[i], b = y[i], d = z[i];
        xo[i] = m00 * a + m01 * b + m02 * d;
        yo[i] = m10 * a + m11 * b + m12 * d;
        zo[i] = m20 * a + m21 * b + m22 * d;
    }
}

/* The pieces of ERFA's eraC2t06a at one UTC instant: rc2i (GCRS -> CIRS),
 * the Earth rotation angle, rpom (TIRS -> ITRF), and the UT1 JD. */
typedef struct {
    double rc2i[3][3], rpom[3][3], era, ut1_1, ut1_2;
} celestial;

static int celestial_at(double utc1, double utc2, double dut1_s,
                        double xp_rad, double yp_rad, celestial *c,
                        odc_err *err)
{
    double tt1, tt2;
    int rc = odc_utc_to_tt(utc1, utc2, &tt1, &tt2, err);
    if (rc)
        return rc;
    rc = odc_utc_to_ut1(utc1, utc2, dut1_s, &c->ut1_1, &c->ut1_2, err);
    if (rc)
        return rc;
    eraC2i06a(tt1, tt2, c->rc2i);
    c->era = eraEra00(c->ut1_1, c->ut1_2);
    eraPom00(xp_rad, yp_rad, eraSp00(tt1, tt2), c->rpom);
    return ODC_OK;
}

int odc_itrf_to_gcrs(const double r_itrf[3], const double v_itrf[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_gcrs[3], double v_gcrs[3],
                     odc_err *err)
{
    celestial c;
    int rc = celestial_at(utc1, utc2, dut1_s, xp_rad, yp_rad, &c, err);
    if (rc)
        return rc;
    double ce = cos(c.era), se = sin(c.era), rt[3], vt[3];
    mtxv(c.rpom, r_itrf, rt);
    if (v_itrf && v_gcrs) {
        /* Inertial velocity seen in TIRS: v + omega x r. The slow motion
         * of the pole and of the CIP (precession-nutation) is neglected:
         * < 1e-11 rad/s, below 0.1 mm/s in LEO. */
        mtxv(c.rpom, v_itrf, vt);
        add_wxr(1.0, rt, vt);
        rz(ce, -se, vt, vt);
        mtxv(c.rc2i, vt, v_gcrs);
    }
    rz(ce, -se, rt, rt);
    mtxv(c.rc2i, rt, r_gcrs);
    return ODC_OK;
}

int odc_gcrs_to_itrf(const double r_gcrs[3], const double v_gcrs[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_itrf[3], double v_itrf[3],
                     odc_err *err)
{
    celestial c;
    int rc = celestial_at(utc1, utc2, dut1_s, xp_rad, yp_rad, &c, err);
    if (rc)
        return rc;
    double ce = cos(c.era), se = sin(c.era), rt[3], vt[3];
    mxv(c.rc2i, r_gcrs, rt);
    rz(ce, se, rt, rt);
    if (v_gcrs && v_itrf) {
        mxv(c.rc2i, v_gcrs, vt);
        rz(ce, se, vt, vt);
        add_wxr(-1.0, rt, vt);
        mxv(c.rpom, vt, v_itrf);
    }
    mxv(c.rpom, rt, r_itrf);
    return ODC_OK;
}

int odc_teme_to_gcrs(const double r_teme[3], const double v_teme[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_gcrs[3], double v_gcrs[3],
                     odc_err *err)
{
    double u1, u2, r[3], v[3];
    int rc = odc_utc_to_ut1(utc1, utc2, dut1_s, &u1, &u2, err);
    if (rc)
        return rc;
    int vel = v_teme && v_gcrs;
    odc_teme_to_itrf(r_teme, vel ? v_teme : NULL, u1, u2, xp_rad, yp_rad, r,
                     vel ? v : NULL);
    return odc_itrf_to_gcrs(r, vel ? v : NULL, utc1, utc2, dut1_s, xp_rad,
                            yp_rad, r_gcrs, vel ? v_gcrs : NULL, err);
}

int odc_gcrs_to_teme(const double r_gcrs[3], const double v_gcrs[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_teme[3], double v_teme[3],
                     odc_err *err)
{
    double u1, u2, r[3], v[3];
    int vel = v_gcrs && v_teme;
    int rc = odc_gcrs_to_itrf(r_gcrs, vel ? v_gcrs : NULL, utc1, utc2, dut1_s,
                              xp_rad, yp_rad, r, vel ? v : NULL, err);
    if (rc)
        return rc;
    rc = odc_utc_to_ut1(utc1, utc2, dut1_s, &u1, &u2, err);
    if (rc)
        return rc;
    odc_itrf_to_teme(r, vel ? v : NULL, u1, u2, xp_rad, yp_rad, r_teme,
                     vel ? v_teme : NULL);
    return ODC_OK;
}

void odc_itrf_to_geodetic(const double r_km[3], double *lat_rad,
                          double *lon_rad, double *alt_km)
{
    double xyz[3] = {r_km[0] * 1e3, r_km[1] * 1e3, r_km[2] * 1e3};
    double elong, phi, h;
    if (eraGc2gd(ERFA_WGS84, xyz, &elong, &phi, &h) != 0) {
        elong = phi = h = NAN; /* not reached with the WGS-84 constants */
    }
    *lat_rad = phi;
    *lon_rad = elong;
    *alt_km = h * 1e-3;
}

void odc_geodetic_to_itrf(double lat_rad, double lon_rad, double alt_km,
                          double r_km[3])
{
    double xyz[3];
    if (eraGd2gc(ERFA_WGS84, lon_rad, lat_rad, alt_km * 1e3, xyz) != 0)
        xyz[0] = xyz[1] = xyz[2] = NAN;
    for (int i = 0; i < 3; i++)
        r_km[i] = xyz[i] * 1e-3;
}
