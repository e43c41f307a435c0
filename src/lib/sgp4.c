/* SGP4: the near-earth part of the NORAD analytic propagator, its
 * initialisation, and the short-period / Kepler step shared with SDP4.
 *
 * The theory is Hoots & Roehrich, Spacetrack Report #3 (1980) as revised in
 * Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3",
 * AIAA 2006-6753 (the "sgp4fix" corrections: Kepler step limit, small
 * eccentricity floor, perigee-dependent s and q0 terms, decay test, AFSPC
 * and improved operation modes). The deep-space (SDP4) terms live in
 * sgp4_deep.c; this file calls them only when rec->deep is set, so the
 * near-earth path stays separable for the batch propagator.
 *
 * Propagation only reads the record: everything that the reference code
 * rewrites inside its record while propagating (the deep-space inclination
 * functions, the resonance integrator's state) is a local here. */
#include "odc/sgp4.h"

#include <math.h>
#include <string.h>

#include "sgp4_deep.h"

static const double PI = 3.14159265358979323846;
static const double TWOPI = 2.0 * 3.14159265358979323846;
static const double X2O3 = 2.0 / 3.0;
/* Guard against 1 + cos(i) = 0 for i = 180 deg (Vallado et al. 2006). */
static const double TEMP4 = 1.5e-12;

void odc_grav_get(odc_grav g, odc_grav_consts *c)
{
    /* Vallado et al. (2006), "getgravconst": WGS-72 low precision (STR#3
     * values, xke given directly), WGS-72 (xke derived from mu and radius)
     * and WGS-84 (EGM-96 zonal harmonics). */
    switch (g) {
    case ODC_WGS72OLD:
        c->mu_km3_s2 = 398600.79964;
        c->radius_km = 6378.135;
        c->xke = 0.0743669161;
        c->j2 = 0.001082616;
        c->j3 = -0.00000253881;
        c->j4 = -0.00000165597;
        break;
    case ODC_WGS84:
        c->mu_km3_s2 = 398600.5;
        c->radius_km = 6378.137;
        c->xke = 60.0 / sqrt(c->radius_km * c->radius_km * c->radius_km
                             / c->mu_km3_s2);
        c->j2 = 0.00108262998905;
        c->j3 = -0.00000253215306;
        c->j4 = -0.00000161098761;
        break;
    case ODC_WGS72:
    default:
        c->mu_km3_s2 = 398600.8;
        c->radius_km = 6378.135;
        c->xke = 60.0 / sqrt(c->radius_km * c->radius_km * c->radius_km
                             / c->mu_km3_s2);
        c->j2 = 0.001082616;
        c->j3 = -0.00000253881;
        c->j4 = -0.00000165597;
        break;
    }
    c->tumin = 1.0 / c->xke;
    c->j3oj2 = c->j3 / c->j2;
}

const char *odc_sgp4_strerror(int code)
{
    switch (code) {
    case ODC_SGP4_OK:         return "no error";
    case ODC_SGP4_ECC:        return "mean eccentricity out of range 0 <= e < 1";
    case ODC_SGP4_MEANMOTION: return "mean motion negative";
    case ODC_SGP4_PERTECC:    return "perturbed eccentricity out of range 0 <= e <= 1";
    case ODC_SGP4_SEMILATUS:  return "semi-latus rectum negative";
    case ODC_SGP4_DECAYED:    return "satellite has decayed (radius below 1 Earth radius)";
    case ODC_SGP4_DOMAIN:     return "time or state outside SGP4's domain (non-finite, or |tsince| > 1e8 min)";
    default:                  return "unknown SGP4 error";
    }
}

/* Greenwich mean sidereal angle (rad) of the IAU 1982 model at a UT1 Julian
 * date, as SGP4's improved mode uses it (Vallado et al. 2006, "gstime"). */
static double gmst82(double jd_ut1)
{
    double tut1 = (jd_ut1 - 2451545.0) / 36525.0;
    double s = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1
             + (876600.0 * 3600 + 8640184.812866) * tut1 + 67310.54841;
    double g = fmod(s * (PI / 180.0) / 240.0, TWOPI);
    return g < 0.0 ? g + TWOPI : g;
}

/* Greenwich sidereal angle (rad) as the AFSPC code computes it, from days
 * since 1970 January 1 0h (Vallado et al. 2006, initl, opsmode 'a'). */
static double gst_afspc(double epoch_days1950)
{
    const double c1 = 1.72027916940703639e-2;
    const double thgr70 = 1.7321343856509374;
    const double fk5r = 5.07551419432269442e-15;
    double ts70 = epoch_days1950 - 7305.0;
    double ds70 = floor(ts70 + 1.0e-8);
    double tfrac = ts70 - ds70;
    double g = fmod(thgr70 + c1 * ds70 + (c1 + TWOPI) * tfrac
                    + ts70 * ts70 * fk5r, TWOPI);
    return g < 0.0 ? g + TWOPI : g;
}

int odc_sgp4_init(odc_sgp4 *rec, const odc_elements *el, odc_grav grav,
                  char opsmode, odc_err *err)
{
    const double deg = PI / 180.0;
    const double xpdotp = 1440.0 / (2.0 * PI); /* rev/day per rad/min */

    memset(rec, 0, sizeof *rec);
    if (opsmode != 'a' && opsmode != 'i')
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "opsmode",
                           "SGP4 operation mode '%c': expected 'a' or 'i'",
                           opsmode);
    if (grav != ODC_WGS72OLD && grav != ODC_WGS72 && grav != ODC_WGS84)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "gravity",
                           "unknown gravity model %d", (int)grav);
    odc_grav_get(grav, &rec->gc);
    rec->norad = el->norad;
    rec->opsmode = opsmode;
    rec->grav = grav;
    rec->epoch_jd = el->epoch_jd;
    rec->epoch_jd_frac = el->epoch_jd_frac;
    rec->bstar = el->bstar;
    rec->ecco = el->ecc;
    rec->inclo = el->incl_deg * deg;
    rec->nodeo = el->raan_deg * deg;
    rec->argpo = el->argp_deg * deg;
    rec->mo = el->mean_anomaly_deg * deg;
    rec->no_kozai = el->mean_motion_rev_day / xpdotp;

    /* Range checks the reference leaves to floating point (it would carry
     * NaN through); the codes are the ones its propagator reports for the
     * same conditions. */
    if (!(rec->ecco >= 0.0 && rec->ecco < 1.0)) {
        rec->init_error = ODC_SGP4_ECC;
        rec->unusable = 1;
    } else if (!(rec->no_kozai > 0.0) || !isfinite(rec->no_kozai)) {
        rec->init_error = ODC_SGP4_MEANMOTION;
        rec->unusable = 1;
    } else if (!isfinite(rec->inclo) || !isfinite(rec->nodeo)
               || !isfinite(rec->argpo) || !isfinite(rec->mo)
               || !isfinite(rec->bstar) || !isfinite(el->epoch_jd)
               || !isfinite(el->epoch_jd_frac)) {
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "elements",
                           "satellite %ld: element set has a non-finite value",
                           el->norad);
    }
    if (rec->unusable)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, NULL,
                           "satellite %ld: SGP4 error %d at initialisation: %s",
                           el->norad, rec->init_error,
                           odc_sgp4_strerror(rec->init_error));

    const odc_grav_consts *gc = &rec->gc;
    const double re = gc->radius_km, j2 = gc->j2, xke = gc->xke;
    /* Days since 1949 December 31 0h, the epoch SGP4's deep-space and
     * sidereal-time terms count from. */
    double epoch_days = (el->epoch_jd + el->epoch_jd_frac) - 2433281.5;

    /* ---- recover the Brouwer mean motion from the Kozai one (STR#3
     * sec. 6, "initl") ---- */
    double e0 = rec->ecco;
    double eccsq = e0 * e0;
    double omeosq = 1.0 - eccsq;
    double rteosq = sqrt(omeosq);
    double cosio = cos(rec->inclo), sinio = sin(rec->inclo);
    double cosio2 = cosio * cosio;
    double ak = pow(xke / rec->no_kozai, X2O3);
    double d1 = 0.75 * j2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
    double del = d1 / (ak * ak);
    double adel = ak * (1.0 - del * del
                        - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
    del = d1 / (adel * adel);
    rec->no_unkozai = rec->no_kozai / (1.0 + del);
    double ao = pow(xke / rec->no_unkozai, X2O3);
    double po = ao * omeosq;
    double con42 = 1.0 - 5.0 * cosio2;
    rec->con41 = -con42 - cosio2 - cosio2;
    double posq = po * po;
    double rp = ao * (1.0 - e0);
    rec->gsto = opsmode == 'a' ? gst_afspc(epoch_days)
                               : gmst82(epoch_days + 2433281.5);

    rec->a = pow(rec->no_unkozai * gc->tumin, -2.0 / 3.0);
    rec->alta = rec->a * (1.0 + e0) - 1.0;
    rec->altp = rec->a * (1.0 - e0) - 1.0;

    /* ---- atmospheric density fit: s and q0 of STR#3, lowered for
     * perigees under 156 km (Vallado et al. 2006) ---- */
    rec->isimp = rp < 220.0 / re + 1.0;
    double s_er = 78.0 / re + 1.0;
    double q0ms = (120.0 - 78.0) / re;
    double qzms24 = q0ms * q0ms * q0ms * q0ms;
    double perigee_km = (rp - 1.0) * re;
    if (perigee_km < 156.0) {
        double s_km = perigee_km < 98.0 ? 20.0 : perigee_km - 78.0;
        double q = (120.0 - s_km) / re;
        qzms24 = q * q * q * q;
        s_er = s_km / re + 1.0;
    }

    /* ---- drag and secular gravity coefficients (STR#3 sec. 6) ---- */
    double pinvsq = 1.0 / posq;
    double tsi = 1.0 / (ao - s_er);
    rec->eta = ao * e0 * tsi;
    double etasq = rec->eta * rec->eta;
    double eeta = e0 * rec->eta;
    double psisq = fabs(1.0 - etasq);
    double coef = qzms24 * pow(tsi, 4.0);
    double coef1 = coef / pow(psisq, 3.5);
    double cc2 = coef1 * rec->no_unkozai
               * (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq))
                  + 0.375 * j2 * tsi / psisq * rec->con41
                    * (8.0 + 3.0 * etasq * (8.0 + etasq)));
    rec->cc1 = rec->bstar * cc2;
    double cc3 = 0.0;
    if (e0 > 1.0e-4)
        cc3 = -2.0 * coef * tsi * gc->j3oj2 * rec->no_unkozai * sinio / e0;
    rec->x1mth2 = 1.0 - cosio2;
    rec->cc4 = 2.0 * rec->no_unkozai * coef1 * ao * omeosq
             * (rec->eta * (2.0 + 0.5 * etasq) + e0 * (0.5 + 2.0 * etasq)
                - j2 * tsi / (ao * psisq)
                  * (-3.0 * rec->con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta))
                     + 0.75 * rec->x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq))
                       * cos(2.0 * rec->argpo)));
    rec->cc5 = 2.0 * coef1 * ao * omeosq
             * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);

    double cosio4 = cosio2 * cosio2;
    double temp1 = 1.5 * j2 * pinvsq * rec->no_unkozai;
    double temp2 = 0.5 * temp1 * j2 * pinvsq;
    double temp3 = -0.46875 * gc->j4 * pinvsq * pinvsq * rec->no_unkozai;
    rec->mdot = rec->no_unkozai + 0.5 * temp1 * rteosq * rec->con41
              + 0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
    rec->argpdot = -0.5 * temp1 * con42
                 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4)
                 + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
    double xhdot1 = -temp1 * cosio;
    rec->nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2)
                             + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
    double xpidot = rec->argpdot + rec->nodedot;
    rec->omgcof = rec->bstar * cc3 * cos(rec->argpo);
    rec->xmcof = 0.0;
    if (e0 > 1.0e-4)
        rec->xmcof = -X2O3 * coef * rec->bstar / eeta;
    rec->nodecf = 3.5 * omeosq * xhdot1 * rec->cc1;
    rec->t2cof = 1.5 * rec->cc1;
    double opc = fabs(cosio + 1.0) > TEMP4 ? 1.0 + cosio : TEMP4;
    rec->xlcof = -0.25 * gc->j3oj2 * sinio * (3.0 + 5.0 * cosio) / opc;
    rec->aycof = -0.5 * gc->j3oj2 * sinio;
    double dm = 1.0 + rec->eta * cos(rec->mo);
    rec->delmo = dm * dm * dm;
    rec->sinmao = sin(rec->mo);
    rec->x7thm1 = 7.0 * cosio2 - 1.0;

    /* ---- deep space for periods of 225 minutes and more (STR#3 sec. 10);
     * SDP4 keeps only the simple drag terms ---- */
    if (2.0 * PI / rec->no_unkozai >= 225.0) {
        rec->deep = 1;
        rec->isimp = 1;
        odc_sdp4_init(rec, epoch_days, xpidot);
    }

    if (!rec->isimp) {
        double cc1sq = rec->cc1 * rec->cc1;
        rec->d2 = 4.0 * ao * tsi * cc1sq;
        double t = rec->d2 * tsi * rec->cc1 / 3.0;
        rec->d3 = (17.0 * ao + s_er) * t;
        rec->d4 = 0.5 * t * ao * tsi * (221.0 * ao + 31.0 * s_er) * rec->cc1;
        rec->t3cof = rec->d2 + 2.0 * cc1sq;
        rec->t4cof = 0.25 * (3.0 * rec->d3
                             + rec->cc1 * (12.0 * rec->d2 + 10.0 * cc1sq));
        rec->t5cof = 0.2 * (3.0 * rec->d4 + 12.0 * rec->cc1 * rec->d3
                            + 6.0 * rec->d2 * rec->d2
                            + 15.0 * cc1sq * (2.0 * rec->d2 + cc1sq));
    }

    /* The reference propagates to epoch at the end of initialisation and
     * reports any error found there as the element set's error. */
    double r[3], v[3];
    rec->init_error = odc_sgp4_propagate(rec, 0.0, r, v);
    if (rec->init_error != ODC_SGP4_OK)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, NULL,
                           "satellite %ld: SGP4 error %d at epoch: %s",
                           el->norad, rec->init_error,
                           odc_sgp4_strerror(rec->init_error));
    return ODC_OK;
}

static void set_nan(double r[3], double v[3])
{
    for (int i = 0; i < 3; i++)
        r[i] = v[i] = NAN;
}

int odc_sgp4_propagate(const odc_sgp4 *rec, double t, double r_km[3],
                       double v_km_s[3])
{
    if (rec->unusable) {
        set_nan(r_km, v_km_s);
        return rec->init_error;
    }
    if (!(fabs(t) <= ODC_SGP4_MAX_TSINCE_MIN)) { /* also catches NaN */
        set_nan(r_km, v_km_s);
        return ODC_SGP4_DOMAIN;
    }
    const odc_grav_consts *gc = &rec->gc;
    const double xke = gc->xke;

    /* ---- secular gravity and atmospheric drag (STR#3 sec. 6) ---- */
    double xmdf = rec->mo + rec->mdot * t;
    double argpdf = rec->argpo + rec->argpdot * t;
    double nodedf = rec->nodeo + rec->nodedot * t;
    double t2 = t * t;
    odc_sgp4_mean m;
    m.argpm = argpdf;
    m.mm = xmdf;
    m.nodem = nodedf + rec->nodecf * t2;
    double tempa = 1.0 - rec->cc1 * t;
    double tempe = rec->bstar * rec->cc4 * t;
    double templ = rec->t2cof * t2;
    if (!rec->isimp) {
        double delomg = rec->omgcof * t;
        double dmt = 1.0 + rec->eta * cos(xmdf);
        double delm = rec->xmcof * (dmt * dmt * dmt - rec->delmo);
        double dsum = delomg + delm;
        m.mm = xmdf + dsum;
        m.argpm = argpdf - dsum;
        double t3 = t2 * t, t4 = t3 * t;
        tempa = tempa - rec->d2 * t2 - rec->d3 * t3 - rec->d4 * t4;
        tempe = tempe + rec->bstar * rec->cc5 * (sin(m.mm) - rec->sinmao);
        templ = templ + rec->t3cof * t3 + t4 * (rec->t4cof + t * rec->t5cof);
    }
    m.nm = rec->no_unkozai;
    m.em = rec->ecco;
    m.inclm = rec->inclo;
    if (rec->deep)
        odc_sdp4_secular(rec, t, &m);

    if (m.nm <= 0.0) {
        set_nan(r_km, v_km_s);
        return ODC_SGP4_MEANMOTION;
    }
    double am = pow(xke / m.nm, X2O3) * tempa * tempa;
    double nm = xke / pow(am, 1.5);
    double em = m.em - tempe;
    if (em >= 1.0 || em < -0.001) {
        set_nan(r_km, v_km_s);
        return ODC_SGP4_ECC;
    }
    if (em < 1.0e-6) /* avoids dividing by zero below */
        em = 1.0e-6;
    double mm = m.mm + rec->no_unkozai * templ;
    double xlm = mm + m.argpm + m.nodem;
    double nodem = fmod(m.nodem, TWOPI);
    double argpm = fmod(m.argpm, TWOPI);
    xlm = fmod(xlm, TWOPI);
    mm = fmod(xlm - argpm - nodem, TWOPI);

    /* ---- lunar-solar long-period periodics (deep space only) ---- */
    double ep = em, xincp = m.inclm, argpp = argpm, nodep = nodem, mp = mm;
    double sinip = sin(m.inclm), cosip = cos(m.inclm);
    /* Inclination functions: fixed at epoch for SGP4, recomputed from the
     * perturbed inclination for SDP4. */
    double aycof = rec->aycof, xlcof = rec->xlcof;
    double con41 = rec->con41, x1mth2 = rec->x1mth2, x7thm1 = rec->x7thm1;
    if (rec->deep) {
        odc_sdp4_periodics(rec, t, &ep, &xincp, &nodep, &argpp, &mp);
        if (xincp < 0.0) {
            xincp = -xincp;
            nodep = nodep + PI;
            argpp = argpp - PI;
        }
        if (ep < 0.0 || ep > 1.0) {
            set_nan(r_km, v_km_s);
            return ODC_SGP4_PERTECC;
        }
        sinip = sin(xincp);
        cosip = cos(xincp);
        aycof = -0.5 * gc->j3oj2 * sinip;
        double opc = fabs(cosip + 1.0) > TEMP4 ? 1.0 + cosip : TEMP4;
        xlcof = -0.25 * gc->j3oj2 * sinip * (3.0 + 5.0 * cosip) / opc;
    }

    /* ---- long-period periodics (J3) ---- */
    double axnl = ep * cos(argpp);
    double tmp = 1.0 / (am * (1.0 - ep * ep));
    double aynl = ep * sin(argpp) + tmp * aycof;
    double xl = mp + argpp + nodep + tmp * xlcof * axnl;

    /* ---- Kepler's equation in equinoctial form, Newton steps limited to
     * 0.95 rad (Vallado et al. 2006). As in the reference, the sine and
     * cosine used afterwards are those of the last iterate before its
     * correction. ---- */
    double u = fmod(xl - nodep, TWOPI);
    double eo1 = u, sineo1 = 0.0, coseo1 = 1.0;
    double step = 9999.9;
    for (int k = 1; fabs(step) >= 1.0e-12 && k <= 10; k++) {
        sineo1 = sin(eo1);
        coseo1 = cos(eo1);
        step = 1.0 - coseo1 * axnl - sineo1 * aynl;
        step = (u - aynl * coseo1 + axnl * sineo1 - eo1) / step;
        if (fabs(step) >= 0.95)
            step = step > 0.0 ? 0.95 : -0.95;
        eo1 = eo1 + step;
    }

    /* ---- short-period periodics (J2) ---- */
    double ecose = axnl * coseo1 + aynl * sineo1;
    double esine = axnl * sineo1 - aynl * coseo1;
    double el2 = axnl * axnl + aynl * aynl;
    double pl = am * (1.0 - el2);
    if (pl < 0.0) {
        set_nan(r_km, v_km_s);
        return ODC_SGP4_SEMILATUS;
    }
    double rl = am * (1.0 - ecose);
    double rdotl = sqrt(am) * esine / rl;
    double rvdotl = sqrt(pl) / rl;
    double betal = sqrt(1.0 - el2);
    tmp = esine / (1.0 + betal);
    double sinu = am / rl * (sineo1 - aynl - axnl * tmp);
    double cosu = am / rl * (coseo1 - axnl + aynl * tmp);
    double su = atan2(sinu, cosu);
    double sin2u = (cosu + cosu) * sinu;
    double cos2u = 1.0 - 2.0 * sinu * sinu;
    tmp = 1.0 / pl;
    double temp1 = 0.5 * gc->j2 * tmp;
    double temp2 = temp1 * tmp;
    if (rec->deep) {
        double cosisq = cosip * cosip;
        con41 = 3.0 * cosisq - 1.0;
        x1mth2 = 1.0 - cosisq;
        x7thm1 = 7.0 * cosisq - 1.0;
    }
    double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41)
               + 0.5 * temp1 * x1mth2 * cos2u;
    su = su - 0.25 * temp2 * x7thm1 * sin2u;
    double xnode = nodep + 1.5 * temp2 * cosip * sin2u;
    double xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
    double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / xke;
    double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / xke;

    /* ---- orientation: unit vectors along the radius (u) and in-plane
     * normal to it (v), TEME ---- */
    double sinsu = sin(su), cossu = cos(su);
    double snod = sin(xnode), cnod = cos(xnode);
    double sini = sin(xinc), cosi = cos(xinc);
    double xmx = -snod * cosi, xmy = cnod * cosi;
    double ux = xmx * sinsu + cnod * cossu;
    double uy = xmy * sinsu + snod * cossu;
    double uz = sini * sinsu;
    double vx = xmx * cossu - cnod * sinsu;
    double vy = xmy * cossu - snod * sinsu;
    double vz = sini * cossu;

    const double re = gc->radius_km;
    const double vkms = gc->radius_km * xke / 60.0; /* er/min -> km/s */
    r_km[0] = (mrt * ux) * re;
    r_km[1] = (mrt * uy) * re;
    r_km[2] = (mrt * uz) * re;
    v_km_s[0] = (mvt * ux + rvdot * vx) * vkms;
    v_km_s[1] = (mvt * uy + rvdot * vy) * vkms;
    v_km_s[2] = (mvt * uz + rvdot * vz) * vkms;

    for (int i = 0; i < 3; i++)
        if (!isfinite(r_km[i]) || !isfinite(v_km_s[i])) {
            set_nan(r_km, v_km_s);
            return ODC_SGP4_DOMAIN;
        }
    /* The state is still returned when the satellite is below the surface,
     * as the reference does. */
    if (mrt < 1.0)
        return ODC_SGP4_DECAYED;
    return ODC_SGP4_OK;
}

double odc_sgp4_tsince_min(const odc_sgp4 *rec, double jd, double jd_frac)
{
    return ((jd - rec->epoch_jd) + (jd_frac - rec->epoch_jd_frac)) * 1440.0;
}
