/* Internal interface between the SGP4 near-earth code (sgp4.c) and the SDP4
 * deep-space terms (sgp4_deep.c). Not installed; nothing outside libodc
 * calls these.
 *
 * Reference: Hoots & Roehrich, Spacetrack Report #3 (1980), sec. 10 (SDP4);
 * Vallado, Crawford, Hujsak & Kelso, AIAA 2006-6753, sec. "Deep space"
 * (the dscom/dpper/dsinit/dspace split used here). */
#ifndef ODC_SGP4_DEEP_H
#define ODC_SGP4_DEEP_H

#include "odc/sgp4.h"

/* Mean elements while they are being updated for one instant: eccentricity,
 * inclination, node, argument of perigee, mean anomaly (radians) and mean
 * motion (radians/minute). */
typedef struct odc_sgp4_mean {
    double em, inclm, nodem, argpm, mm, nm;
} odc_sgp4_mean;

/* Fill the deep-space part of rec: lunar and solar periodic coefficients,
 * secular rates, and the resonance constants (irez, d*, del*, xlamo,
 * xfact). rec's near-earth fields (no_unkozai, ecco, inclo, nodeo, argpo,
 * mo, mdot, argpdot, nodedot, gsto, gc) must already be set.
 *
 * epoch_days  epoch as days since 1949 December 31 0h UTC (JD 2433281.5)
 * xpidot      rate of the longitude of perigee, argpdot + nodedot (rad/min) */
void odc_sdp4_init(odc_sgp4 *rec, double epoch_days, double xpidot);

/* Deep-space secular effects and resonance at t_min minutes from epoch:
 * adds the lunar-solar secular rates to m, and for resonant orbits
 * integrates mean motion and mean longitude from epoch in 720-minute steps
 * (the reference's Euler-Maclaurin scheme, restarted at epoch every call so
 * the routine is pure). On entry m holds the near-earth secular elements with
 * m->em = ecco, m->inclm = inclo and m->nm = no_unkozai. */
void odc_sdp4_secular(const odc_sgp4 *rec, double t_min, odc_sgp4_mean *m);

/* Lunar-solar long-period periodics at t_min applied to the elements
 * (ep, inclp, nodep, argpp, mp: radians), with the Lyddane modification for
 * inclinations below 0.2 rad (Vallado et al. 2006: perturbed inclination
 * used for the choice). */
void odc_sdp4_periodics(const odc_sgp4 *rec, double t_min, double *ep,
                        double *inclp, double *nodep, double *argpp,
                        double *mp);

#endif
