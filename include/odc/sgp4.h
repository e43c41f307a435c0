/* SGP4/SDP4 orbit propagation from TLE/OMM mean elements.
 *
 * Reference: Hoots & Roehrich, Spacetrack Report #3 (1980); Vallado,
 * Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3", AIAA
 * 2006-6753 (the revised theory and its verification set); Hujsak, AIAA
 * 79-136 (resonance). Written here from those papers. Output frame: TEME of
 * date (true equator, mean equinox). Valid for SGP4 mean elements (TLE/OMM
 * fitted with this theory), whose own accuracy is ~1 km at epoch; over the
 * verification set it reproduces the reference output tcppver.out to
 * 1.2e-7 km and 5e-10 km/s (tests/test_sgp4_verification.c, docs/sgp4.md). */
#ifndef ODC_SGP4_H
#define ODC_SGP4_H

#include "odc/elements.h"
#include "odc/error.h"

/* Gravity constant sets (Vallado et al. 2006, sec. "Gravitational
 * constants"): WGS-72 is what the element sets are fitted with and the
 * default; WGS-72 low precision reproduces the original STR#3 results;
 * WGS-84 is offered for comparison only. */
typedef enum odc_grav {
    ODC_WGS72OLD = 0,
    ODC_WGS72 = 1,
    ODC_WGS84 = 2
} odc_grav;

typedef struct odc_grav_consts {
    double mu_km3_s2, radius_km, xke, tumin, j2, j3, j4, j3oj2;
} odc_grav_consts;

/* Constants of one gravity model: mu (km^3/s^2), Earth radius (km), xke
 * (sqrt(mu) in earth radii^1.5 per minute), tumin = 1/xke (minutes per
 * time unit), zonal harmonics J2, J3, J4 and J3/J2 (Vallado et al. 2006,
 * getgravconst). An unknown g gives WGS-72. */
void odc_grav_get(odc_grav g, odc_grav_consts *c);

/* SGP4 error codes (Vallado et al. 2006): */
enum {
    ODC_SGP4_OK = 0,
    ODC_SGP4_ECC = 1,       /* mean eccentricity out of range 0..1       */
    ODC_SGP4_MEANMOTION = 2,/* mean motion negative                       */
    ODC_SGP4_PERTECC = 3,   /* perturbed eccentricity out of range 0..1   */
    ODC_SGP4_SEMILATUS = 4, /* semi-latus rectum negative                 */
    ODC_SGP4_DECAYED = 6,   /* satellite has decayed (radius < 1 Earth radius) */
    /* odcsim addition, not in the reference: tsince not finite or beyond
     * +-ODC_SGP4_MAX_TSINCE_MIN, or a non-finite state (elements outside
     * the theory's domain). The reference would loop forever (resonance
     * integrator) or return NaN there. */
    ODC_SGP4_DOMAIN = 7
};
/* Largest |tsince| accepted (minutes; about 190 years). */
#define ODC_SGP4_MAX_TSINCE_MIN 1.0e8
/* Static English text for an ODC_SGP4_* code ("unknown SGP4 error" else). */
const char *odc_sgp4_strerror(int code);

/* Everything initialisation computes for one element set. Propagation only
 * reads it (so one record serves many threads). Field names follow the
 * published theory's symbols. */
typedef struct odc_sgp4 {
    long   norad;
    char   opsmode;        /* 'a' AFSPC or 'i' improved                   */
    odc_grav grav;
    int    isimp;          /* 1: simplified drag (perigee < 220 km)        */
    int    deep;           /* 1: SDP4 (period >= 225 min)                  */
    int    init_error;     /* ODC_SGP4_* found at initialisation           */
    int    unusable;       /* 1: elements failed the range checks, nothing
                              else was computed; propagate returns
                              init_error                                   */
    double epoch_jd, epoch_jd_frac; /* UTC epoch, two-part Julian date     */
    /* mean elements at epoch (radians, radians/minute) */
    double ecco, inclo, nodeo, argpo, mo, no_kozai, no_unkozai, bstar, a,
           alta, altp;
    /* near-earth constants */
    double aycof, con41, cc1, cc4, cc5, d2, d3, d4, delmo, eta, argpdot,
           omgcof, sinmao, t2cof, t3cof, t4cof, t5cof, x1mth2, x7thm1, mdot,
           nodedot, xlcof, xmcof, nodecf;
    /* deep-space constants (see Vallado et al. 2006, dscom/dpper/dsinit).
     * The resonance integrator keeps no state here: it restarts from epoch
     * (xlamo, no_unkozai) on every call. */
    int    irez;           /* 0 none, 1 one-day (24 h), 2 half-day (12 h)  */
    double d2201, d2211, d3210, d3222, d4410, d4422, d5220, d5232, d5421,
           d5433, dedt, del1, del2, del3, didt, dmdt, dnodt, domdt, e3, ee2,
           peo, pgho, pho, pinco, plo, se2, se3, sgh2, sgh3, sgh4, sh2, sh3,
           si2, si3, sl2, sl3, sl4, gsto, xfact, xgh2, xgh3, xgh4, xh2, xh3,
           xi2, xi3, xl2, xl3, xl4, xlamo, zmol, zmos;
    odc_grav_consts gc;
} odc_sgp4;

/* Initialise from mean elements.
 *
 * rec      record to fill (everything propagation needs)
 * el       mean elements in TLE units (degrees, rev/day, bstar in 1/earth
 *          radii; epoch as epoch_jd + epoch_jd_frac, UTC)
 * grav     gravity constants (ODC_WGS72 is what TLEs are fitted with)
 * opsmode  'a' AFSPC or 'i' improved (the reference's default)
 * err      may be NULL
 * returns  ODC_OK; ODC_EMODEL with rec->init_error set when the elements
 *          fail (e outside 0..1 or n <= 0: code 1 or 2, nothing else is
 *          computed) or the propagation to epoch fails (any code; the record
 *          is filled, as the reference does, and later calls still run);
 *          ODC_EINPUT for a bad opsmode/grav or non-finite angles/epoch.
 * Vallado et al. (2006), sgp4init/initl/dscom/dsinit. */
int odc_sgp4_init(odc_sgp4 *rec, const odc_elements *el, odc_grav grav,
                  char opsmode, odc_err *err);

/* State at tsince_min minutes from the record's epoch.
 *
 * rec         initialised record; only read (safe from many threads)
 * tsince_min  minutes since epoch, |tsince_min| <= ODC_SGP4_MAX_TSINCE_MIN
 * r_km        position, TEME of date (km)
 * v_km_s      velocity, TEME of date (km/s)
 * returns     ODC_SGP4_OK, or an ODC_SGP4_* code: for 1-4 and 7, r and v
 *             are NaN; for 6 (decayed) they hold the sub-surface state, as
 *             the reference returns it.
 * Cost: near earth constant; resonant deep-space orbits integrate from
 * epoch in 720-min steps, |tsince|/720 steps per call. */
int odc_sgp4_propagate(const odc_sgp4 *rec, double tsince_min,
                       double r_km[3], double v_km_s[3]);

/* Minutes since the record's epoch (UTC) of the UTC instant jd + jd_frac
 * (any split); the two parts are differenced separately to keep
 * microseconds. Minutes count UTC days of 1440 min (SGP4's convention). */
double odc_sgp4_tsince_min(const odc_sgp4 *rec, double jd, double jd_frac);

#endif
