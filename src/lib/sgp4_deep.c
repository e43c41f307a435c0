/* SDP4: the deep-space terms of the NORAD propagator for orbits with periods
 * of 225 minutes and more: lunar and solar gravity (secular rates and
 * long-period periodics) and the geopotential resonance of 12-hour
 * (Molniya, GPS-like) and 24-hour (geosynchronous) orbits.
 *
 * Theory: Hoots & Roehrich, Spacetrack Report #3 (1980), sec. 10, and
 * Hujsak, "A restricted four body solution for resonating satellites with an
 * oblate earth", AIAA 79-136 (1979), as revised in Vallado, Crawford, Hujsak
 * & Kelso, AIAA 2006-6753 (sec. "Deep space": the dscom/dpper/dsinit/dspace
 * organisation, the Lyddane choice on the perturbed inclination, and the
 * integrator that works for negative times). The numerical constants below
 * are those of those reports.
 *
 * Unlike the reference, the resonance integrator keeps no state between
 * calls: each call integrates from epoch in the same fixed 720-minute steps,
 * which reproduces the reference's cached integrator to the last bit while
 * letting one record serve many threads. */
#include "sgp4_deep.h"

#include <math.h>

static const double PI = 3.14159265358979323846;
static const double TWOPI = 2.0 * 3.14159265358979323846;

/* Solar and lunar perturbation constants (STR#3 sec. 10): mean motions of
 * the Sun's and Moon's mean anomalies (rad/min), their orbit
 * eccentricities, and the perturbation magnitudes (rad/min). */
static const double ZNS = 1.19459e-5, ZES = 0.01675, C1SS = 2.9864797e-6;
static const double ZNL = 1.5835218e-4, ZEL = 0.05490, C1L = 4.7968065e-7;
/* Earth rotation rate used by the resonance terms (rad/min; equals
 * 7.29211514668855e-5 rad/s). */
static const double RPTIM = 4.37526908801129966e-3;

/* What one perturbing body (Sun or Moon) contributes: the s and z
 * coefficients of STR#3 sec. 10 (names follow the report). */
typedef struct body_terms {
    double s1, s2, s3, s4, s5, s6, s7;
    double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
} body_terms;

/* Coefficients for one body whose orbit plane has inclination (ci, si),
 * node (ch, sh) relative to the satellite's node frame and argument of
 * perigee (cg, sg); cc scales the perturbation strength. Satellite state at
 * epoch: inclination (cosim, sinim), argument of perigee (cosomm, sinomm),
 * eccentricity squared emsq, mean motion nm (rad/min). */
static void body_coefficients(double cg, double sg, double ci, double si,
                              double ch, double sh, double cc,
                              double cosim, double sinim, double cosomm,
                              double sinomm, double em, double nm,
                              body_terms *b)
{
    double emsq = em * em;
    double betasq = 1.0 - emsq;
    double rtemsq = sqrt(betasq);
    double a1 = cg * ch + sg * ci * sh;
    double a3 = -sg * ch + cg * ci * sh;
    double a7 = -cg * sh + sg * ci * ch;
    double a8 = sg * si;
    double a9 = sg * sh + cg * ci * ch;
    double a10 = cg * si;
    double a2 = cosim * a7 + sinim * a8;
    double a4 = cosim * a9 + sinim * a10;
    double a5 = -sinim * a7 + cosim * a8;
    double a6 = -sinim * a9 + cosim * a10;

    double x1 = a1 * cosomm + a2 * sinomm;
    double x2 = a3 * cosomm + a4 * sinomm;
    double x3 = -a1 * sinomm + a2 * cosomm;
    double x4 = -a3 * sinomm + a4 * cosomm;
    double x5 = a5 * sinomm;
    double x6 = a6 * sinomm;
    double x7 = a5 * cosomm;
    double x8 = a6 * cosomm;

    b->z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
    b->z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
    b->z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
    b->z1 = 3.0 * (a1 * a1 + a2 * a2) + b->z31 * emsq;
    b->z2 = 6.0 * (a1 * a3 + a2 * a4) + b->z32 * emsq;
    b->z3 = 3.0 * (a3 * a3 + a4 * a4) + b->z33 * emsq;
    b->z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
    b->z12 = -6.0 * (a1 * a6 + a3 * a5)
           + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
    b->z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
    b->z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
    b->z22 = 6.0 * (a4 * a5 + a2 * a6)
           + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
    b->z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
    b->z1 = b->z1 + b->z1 + betasq * b->z31;
    b->z2 = b->z2 + b->z2 + betasq * b->z32;
    b->z3 = b->z3 + b->z3 + betasq * b->z33;

    b->s3 = cc * (1.0 / nm);
    b->s2 = -0.5 * b->s3 / rtemsq;
    b->s4 = b->s3 * rtemsq;
    b->s1 = -15.0 * em * b->s4;
    b->s5 = x1 * x3 + x2 * x4;
    b->s6 = x2 * x3 + x1 * x4;
    b->s7 = x2 * x4 - x1 * x3;
}

/* Resonance coefficients for half-day orbits (irez 2): the eccentricity
 * functions G and inclination functions F of the 2-2, 3-2, 4-4, 5-2 and 5-4
 * tesseral terms (Hujsak 1979; fits in e as in STR#3). */
static void half_day_resonance(odc_sgp4 *rec, double cosim, double sinim,
                               double aonv)
{
    double em = rec->ecco;
    double emsq = em * em;
    double eoc = em * emsq;
    double cosisq = cosim * cosim;
    double g201 = -0.306 - (em - 0.64) * 0.440;
    double g211, g310, g322, g410, g422, g520, g521, g532, g533;
    if (em <= 0.65) {
        g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
        g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
        g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
        g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
        g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
        g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
    } else {
        g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
        g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
        g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
        g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
        g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
        if (em > 0.715)
            g520 = -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc;
        else
            g520 = 1464.74 - 4664.75 * em + 3763.64 * emsq;
    }
    if (em < 0.7) {
        g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
        g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
        g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
    } else {
        g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
        g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
        g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
    }

    double sini2 = sinim * sinim;
    double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
    double f221 = 1.5 * sini2;
    double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
    double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
    double f441 = 35.0 * sini2 * f220;
    double f442 = 39.3750 * sini2 * sini2;
    double f522 = 9.84375 * sinim
                * (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq)
                   + 0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
    double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq)
                           + 6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
    double f542 = 29.53125 * sinim
                * (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
    double f543 = 29.53125 * sinim
                * (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));

    /* Normalised tesseral harmonic strengths (STR#3): sqrt(C^2+S^2) of
     * J22, J32, J44, J52, J54. */
    const double root22 = 1.7891679e-6, root32 = 3.7393792e-7;
    const double root44 = 7.3636953e-9, root52 = 1.1428639e-7;
    const double root54 = 2.1765803e-9;
    double nm = rec->no_unkozai;
    double xno2 = nm * nm;
    double ainv2 = aonv * aonv;
    double temp1 = 3.0 * xno2 * ainv2;
    double temp = temp1 * root22;
    rec->d2201 = temp * f220 * g201;
    rec->d2211 = temp * f221 * g211;
    temp1 = temp1 * aonv;
    temp = temp1 * root32;
    rec->d3210 = temp * f321 * g310;
    rec->d3222 = temp * f322 * g322;
    temp1 = temp1 * aonv;
    temp = 2.0 * temp1 * root44;
    rec->d4410 = temp * f441 * g410;
    rec->d4422 = temp * f442 * g422;
    temp1 = temp1 * aonv;
    temp = temp1 * root52;
    rec->d5220 = temp * f522 * g520;
    rec->d5232 = temp * f523 * g532;
    temp = 2.0 * temp1 * root54;
    rec->d5421 = temp * f542 * g521;
    rec->d5433 = temp * f543 * g533;
}

/* Resonance coefficients for one-day orbits (irez 1): the 2-2-0, 3-1-1 and
 * 3-3-0 terms (STR#3 sec. 10). */
static void one_day_resonance(odc_sgp4 *rec, double cosim, double sinim,
                              double aonv)
{
    const double q22 = 1.7891679e-6, q31 = 2.1460748e-6, q33 = 2.2123015e-7;
    double emsq = rec->ecco * rec->ecco;
    double nm = rec->no_unkozai;
    double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
    double g310 = 1.0 + 2.0 * emsq;
    double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
    double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
    double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim)
                - 0.75 * (1.0 + cosim);
    double f330 = 1.0 + cosim;
    f330 = 1.875 * f330 * f330 * f330;
    double del1 = 3.0 * nm * nm * aonv * aonv;
    rec->del2 = 2.0 * del1 * f220 * g200 * q22;
    rec->del3 = 3.0 * del1 * f330 * g300 * q33 * aonv;
    rec->del1 = del1 * f311 * g310 * q31 * aonv;
}

void odc_sdp4_init(odc_sgp4 *rec, double epoch_days, double xpidot)
{
    /* ---- geometry of the Sun's and Moon's orbits at epoch (STR#3
     * sec. 10, "dscom") ---- */
    const double zsinis = 0.39785416, zcosis = 0.91744867; /* obliquity */
    const double zcosgs = 0.1945905, zsings = -0.98088458; /* Sun's perigee */
    double em = rec->ecco, nm = rec->no_unkozai;
    double snodm = sin(rec->nodeo), cnodm = cos(rec->nodeo);
    double sinomm = sin(rec->argpo), cosomm = cos(rec->argpo);
    double sinim = sin(rec->inclo), cosim = cos(rec->inclo);
    double emsq = em * em;

    double day = epoch_days + 18261.5; /* days since 1900 Jan 0.5 */
    /* The Moon's node, and its orbit's inclination to the equator. */
    double xnodce = fmod(4.5236020 - 9.2422029e-4 * day, TWOPI);
    double stem = sin(xnodce), ctem = cos(xnodce);
    double zcosil = 0.91375164 - 0.03568096 * ctem;
    double zsinil = sqrt(1.0 - zcosil * zcosil);
    double zsinhl = 0.089683511 * stem / zsinil;
    double zcoshl = sqrt(1.0 - zsinhl * zsinhl);
    double gam = 5.8351514 + 0.0019443680 * day;
    double zx = 0.39785416 * stem / zsinil;
    double zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
    zx = atan2(zx, zy);
    zx = gam + zx - xnodce;
    double zcosgl = cos(zx), zsingl = sin(zx);

    body_terms sun, moon;
    body_coefficients(zcosgs, zsings, zcosis, zsinis, cnodm, snodm, C1SS,
                      cosim, sinim, cosomm, sinomm, em, nm, &sun);
    body_coefficients(zcosgl, zsingl, zcosil, zsinil,
                      zcoshl * cnodm + zsinhl * snodm,
                      snodm * zcoshl - cnodm * zsinhl, C1L,
                      cosim, sinim, cosomm, sinomm, em, nm, &moon);

    rec->zmol = fmod(4.7199672 + 0.22997150 * day - gam, TWOPI);
    rec->zmos = fmod(6.2565837 + 0.017201977 * day, TWOPI);

    /* Long-period periodic amplitudes: solar (s*) and lunar (x*, e*). */
    rec->se2 = 2.0 * sun.s1 * sun.s6;
    rec->se3 = 2.0 * sun.s1 * sun.s7;
    rec->si2 = 2.0 * sun.s2 * sun.z12;
    rec->si3 = 2.0 * sun.s2 * (sun.z13 - sun.z11);
    rec->sl2 = -2.0 * sun.s3 * sun.z2;
    rec->sl3 = -2.0 * sun.s3 * (sun.z3 - sun.z1);
    rec->sl4 = -2.0 * sun.s3 * (-21.0 - 9.0 * emsq) * ZES;
    rec->sgh2 = 2.0 * sun.s4 * sun.z32;
    rec->sgh3 = 2.0 * sun.s4 * (sun.z33 - sun.z31);
    rec->sgh4 = -18.0 * sun.s4 * ZES;
    rec->sh2 = -2.0 * sun.s2 * sun.z22;
    rec->sh3 = -2.0 * sun.s2 * (sun.z23 - sun.z21);
    rec->ee2 = 2.0 * moon.s1 * moon.s6;
    rec->e3 = 2.0 * moon.s1 * moon.s7;
    rec->xi2 = 2.0 * moon.s2 * moon.z12;
    rec->xi3 = 2.0 * moon.s2 * (moon.z13 - moon.z11);
    rec->xl2 = -2.0 * moon.s3 * moon.z2;
    rec->xl3 = -2.0 * moon.s3 * (moon.z3 - moon.z1);
    rec->xl4 = -2.0 * moon.s3 * (-21.0 - 9.0 * emsq) * ZEL;
    rec->xgh2 = 2.0 * moon.s4 * moon.z32;
    rec->xgh3 = 2.0 * moon.s4 * (moon.z33 - moon.z31);
    rec->xgh4 = -18.0 * moon.s4 * ZEL;
    rec->xh2 = -2.0 * moon.s2 * moon.z22;
    rec->xh3 = -2.0 * moon.s2 * (moon.z23 - moon.z21);
    /* The periodics are measured from their value at epoch; the reference
     * keeps these offsets at zero (its epoch call of dpper only computes),
     * so they stay zero here too. */
    rec->peo = rec->pinco = rec->plo = rec->pgho = rec->pho = 0.0;

    /* ---- lunar-solar secular rates ("dsinit") ---- */
    /* Node terms are dropped below 3 degrees (and above 177) inclination,
     * where they are singular. */
    int low_incl = rec->inclo < 5.2359877e-2 || rec->inclo > PI - 5.2359877e-2;
    double ses = sun.s1 * ZNS * sun.s5;
    double sis = sun.s2 * ZNS * (sun.z11 + sun.z13);
    double sls = -ZNS * sun.s3 * (sun.z1 + sun.z3 - 14.0 - 6.0 * emsq);
    double sghs = sun.s4 * ZNS * (sun.z31 + sun.z33 - 6.0);
    double shs = -ZNS * sun.s2 * (sun.z21 + sun.z23);
    if (low_incl)
        shs = 0.0;
    if (sinim != 0.0)
        shs = shs / sinim;
    double sgs = sghs - cosim * shs;

    rec->dedt = ses + moon.s1 * ZNL * moon.s5;
    rec->didt = sis + moon.s2 * ZNL * (moon.z11 + moon.z13);
    rec->dmdt = sls - ZNL * moon.s3 * (moon.z1 + moon.z3 - 14.0 - 6.0 * emsq);
    double sghl = moon.s4 * ZNL * (moon.z31 + moon.z33 - 6.0);
    double shll = -ZNL * moon.s2 * (moon.z21 + moon.z23);
    if (low_incl)
        shll = 0.0;
    rec->domdt = sgs + sghl;
    rec->dnodt = shs;
    if (sinim != 0.0) {
        rec->domdt = rec->domdt - cosim / sinim * shll;
        rec->dnodt = rec->dnodt + shll / sinim;
    }

    /* ---- geopotential resonance ---- */
    rec->irez = 0;
    if (nm > 0.0034906585 && nm < 0.0052359877)
        rec->irez = 1; /* period 1200..1800 min: one-day */
    if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5)
        rec->irez = 2; /* period 680..760 min, eccentric: half-day */
    if (rec->irez == 0)
        return;
    double theta = fmod(rec->gsto, TWOPI);
    double aonv = pow(nm / rec->gc.xke, 2.0 / 3.0);
    if (rec->irez == 2) {
        half_day_resonance(rec, cosim, sinim, aonv);
        rec->xlamo = fmod(rec->mo + rec->nodeo + rec->nodeo - theta - theta,
                          TWOPI);
        rec->xfact = rec->mdot + rec->dmdt
                   + 2.0 * (rec->nodedot + rec->dnodt - RPTIM) - rec->no_unkozai;
    } else {
        one_day_resonance(rec, cosim, sinim, aonv);
        rec->xlamo = fmod(rec->mo + rec->nodeo + rec->argpo - theta, TWOPI);
        rec->xfact = rec->mdot + xpidot - RPTIM + rec->dmdt + rec->domdt
                   + rec->dnodt - rec->no_unkozai;
    }
}

/* Rates of the resonance integrator at mean longitude xli, mean motion xni
 * and time atime: dn/dt (xndt), dL/dt (xldot) and d2n/dt2 (xnddt). */
static void resonance_rates(const odc_sgp4 *rec, double atime, double xli,
                            double xni, double *xndt, double *xldot,
                            double *xnddt)
{
    /* Phase constants of the resonant terms (STR#3 sec. 10). */
    const double fasx2 = 0.13130908, fasx4 = 2.8843198, fasx6 = 0.37448087;
    const double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998;
    const double g52 = 1.0508330, g54 = 4.4108898;
    if (rec->irez != 2) {
        *xndt = rec->del1 * sin(xli - fasx2)
              + rec->del2 * sin(2.0 * (xli - fasx4))
              + rec->del3 * sin(3.0 * (xli - fasx6));
        *xldot = xni + rec->xfact;
        *xnddt = (rec->del1 * cos(xli - fasx2)
                  + 2.0 * rec->del2 * cos(2.0 * (xli - fasx4))
                  + 3.0 * rec->del3 * cos(3.0 * (xli - fasx6))) * *xldot;
        return;
    }
    double xomi = rec->argpo + rec->argpdot * atime;
    double x2omi = xomi + xomi;
    double x2li = xli + xli;
    *xndt = rec->d2201 * sin(x2omi + xli - g22) + rec->d2211 * sin(xli - g22)
          + rec->d3210 * sin(xomi + xli - g32) + rec->d3222 * sin(-xomi + xli - g32)
          + rec->d4410 * sin(x2omi + x2li - g44) + rec->d4422 * sin(x2li - g44)
          + rec->d5220 * sin(xomi + xli - g52) + rec->d5232 * sin(-xomi + xli - g52)
          + rec->d5421 * sin(xomi + x2li - g54) + rec->d5433 * sin(-xomi + x2li - g54);
    *xldot = xni + rec->xfact;
    *xnddt = (rec->d2201 * cos(x2omi + xli - g22) + rec->d2211 * cos(xli - g22)
              + rec->d3210 * cos(xomi + xli - g32) + rec->d3222 * cos(-xomi + xli - g32)
              + rec->d5220 * cos(xomi + xli - g52) + rec->d5232 * cos(-xomi + xli - g52)
              + 2.0 * (rec->d4410 * cos(x2omi + x2li - g44)
                       + rec->d4422 * cos(x2li - g44)
                       + rec->d5421 * cos(xomi + x2li - g54)
                       + rec->d5433 * cos(-xomi + x2li - g54))) * *xldot;
}

void odc_sdp4_secular(const odc_sgp4 *rec, double t, odc_sgp4_mean *m)
{
    double theta = fmod(rec->gsto + t * RPTIM, TWOPI);
    m->em = m->em + rec->dedt * t;
    m->inclm = m->inclm + rec->didt * t;
    m->argpm = m->argpm + rec->domdt * t;
    m->nodem = m->nodem + rec->dnodt * t;
    m->mm = m->mm + rec->dmdt * t;
    if (rec->irez == 0)
        return;

    /* Second-order Taylor (Euler-Maclaurin) steps of 720 min from epoch
     * towards t, then a partial step of ft minutes. */
    const double step = t > 0.0 ? 720.0 : -720.0;
    const double step2 = 259200.0; /* 720^2 / 2 */
    double atime = 0.0, xli = rec->xlamo, xni = rec->no_unkozai;
    double xndt, xldot, xnddt;
    for (;;) {
        resonance_rates(rec, atime, xli, xni, &xndt, &xldot, &xnddt);
        if (fabs(t - atime) < 720.0)
            break;
        xli = xli + xldot * step + xndt * step2;
        xni = xni + xndt * step + xnddt * step2;
        atime = atime + step;
    }
    double ft = t - atime;
    double nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
    double xl = xli + xldot * ft + xndt * ft * ft * 0.5;
    if (rec->irez != 1)
        m->mm = xl - 2.0 * m->nodem + 2.0 * theta;
    else
        m->mm = xl - m->nodem - m->argpm + theta;
    m->nm = rec->no_unkozai + (nm - rec->no_unkozai);
}

void odc_sdp4_periodics(const odc_sgp4 *rec, double t, double *ep,
                        double *inclp, double *nodep, double *argpp,
                        double *mp)
{
    /* Solar terms, then lunar, as functions of each body's true anomaly
     * approximated to first order in its eccentricity. */
    double zm = rec->zmos + ZNS * t;
    double zf = zm + 2.0 * ZES * sin(zm);
    double sinzf = sin(zf);
    double f2 = 0.5 * sinzf * sinzf - 0.25;
    double f3 = -0.5 * sinzf * cos(zf);
    double ses = rec->se2 * f2 + rec->se3 * f3;
    double sis = rec->si2 * f2 + rec->si3 * f3;
    double sls = rec->sl2 * f2 + rec->sl3 * f3 + rec->sl4 * sinzf;
    double sghs = rec->sgh2 * f2 + rec->sgh3 * f3 + rec->sgh4 * sinzf;
    double shs = rec->sh2 * f2 + rec->sh3 * f3;

    zm = rec->zmol + ZNL * t;
    zf = zm + 2.0 * ZEL * sin(zm);
    sinzf = sin(zf);
    f2 = 0.5 * sinzf * sinzf - 0.25;
    f3 = -0.5 * sinzf * cos(zf);
    double sel = rec->ee2 * f2 + rec->e3 * f3;
    double sil = rec->xi2 * f2 + rec->xi3 * f3;
    double sll = rec->xl2 * f2 + rec->xl3 * f3 + rec->xl4 * sinzf;
    double sghl = rec->xgh2 * f2 + rec->xgh3 * f3 + rec->xgh4 * sinzf;
    double shll = rec->xh2 * f2 + rec->xh3 * f3;

    double pe = ses + sel - rec->peo;
    double pinc = sis + sil - rec->pinco;
    double pl = sls + sll - rec->plo;
    double pgh = sghs + sghl - rec->pgho;
    double ph = shs + shll - rec->pho;

    *inclp = *inclp + pinc;
    *ep = *ep + pe;
    double sinip = sin(*inclp), cosip = cos(*inclp);

    if (*inclp >= 0.2) {
        /* Apply directly to the classical elements. */
        ph = ph / sinip;
        pgh = pgh - cosip * ph;
        *argpp = *argpp + pgh;
        *nodep = *nodep + ph;
        *mp = *mp + pl;
        return;
    }

    /* Lyddane's modification: apply the node and inclination terms to the
     * non-singular combinations sin(i) sin(node), sin(i) cos(node), keeping
     * the node continuous across 0/2 pi. */
    const int afspc = rec->opsmode == 'a';
    double sinop = sin(*nodep), cosop = cos(*nodep);
    double alfdp = sinip * sinop + (ph * cosop + pinc * cosip * sinop);
    double betdp = sinip * cosop + (-ph * sinop + pinc * cosip * cosop);
    double node = fmod(*nodep, TWOPI);
    if (node < 0.0 && afspc)
        node = node + TWOPI;
    double xls = *mp + *argpp + pl + pgh + (cosip - pinc * sinip) * node;
    double xnoh = node;
    node = atan2(alfdp, betdp);
    if (node < 0.0 && afspc)
        node = node + TWOPI;
    if (fabs(xnoh - node) > PI)
        node = node < xnoh ? node + TWOPI : node - TWOPI;
    *mp = *mp + pl;
    *nodep = node;
    *argpp = xls - *mp - cosip * node;
}
