/* SGP4/SDP4 orbit propagation from TLE/OMM mean elements.
 *
 * Reference: Hoots & Roehrich, Spacetrack Report #3 (1980); Vallado,
 * Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3", AIAA
 * 2006-6753 (the revised theory and its verification set). Written here from
 * those papers. Output frame: TEME of epoch (true equator, mean equinox).
 * Valid for the element sets it was fitted with (SGP4 mean elements); near
 * epoch it reproduces the reference to about 1 mm. */
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

/* Constants of one gravity model. */
void odc_grav_get(odc_grav g, odc_grav_consts *c);

/* SGP4 error codes (Vallado et al. 2006): */
enum {
    ODC_SGP4_OK = 0,
    ODC_SGP4_ECC = 1,       /* mean eccentricity out of range 0..1       */
    ODC_SGP4_MEANMOTION = 2,/* mean motion negative                       */
    ODC_SGP4_PERTECC = 3,   /* perturbed eccentricity out of range 0..1   */
    ODC_SGP4_SEMILATUS = 4, /* semi-latus rectum negative                 */
    ODC_SGP4_DECAYED = 6    /* satellite has decayed (radius < 1 Earth radius) */
};
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

/* Initialise from mean elements. opsmode 'a' or 'i' ('i' is the
 * reference implementation's default). Returns ODC_OK, or ODC_EMODEL with
 * rec->init_error set and err explaining (the record is still filled, as
 * the reference does, so the caller can report the code). */
int odc_sgp4_init(odc_sgp4 *rec, const odc_elements *el, odc_grav grav,
                  char opsmode, odc_err *err);

/* Position (km) and velocity (km/s) in TEME at tsince_min minutes from
 * epoch. Returns ODC_SGP4_OK or an ODC_SGP4_* code (r, v are still written
 * where the reference writes them). Pure: safe to call from many threads. */
int odc_sgp4_propagate(const odc_sgp4 *rec, double tsince_min,
                       double r_km[3], double v_km_s[3]);

/* Minutes since the record's epoch of a two-part UTC Julian date. */
double odc_sgp4_tsince_min(const odc_sgp4 *rec, double jd, double jd_frac);

#endif
