/* Apparent geocentric Sun from ERFA's Earth ephemeris, rotated to TEME when
 * asked, and a tabulated form for loops over many steps. Satellites' shadow
 * needs the direction of the light that reaches the Earth now, hence the
 * light-time and aberration corrections (together ~20" of arc, i.e. ~0.1 s
 * on a LEO shadow boundary). */
#include "odc/sun.h"

#include <erfa.h>
#include <erfam.h>
#include <math.h>
#include <stdlib.h>

int odc_sun_tt(double tt1, double tt2, odc_sun_frame frame, double sun_km[3],
               double *dist_au, odc_err *err)
{
    double pvh[2][3], pvb[2][3];
    if (eraEpv00(tt1, tt2, pvh, pvb) != 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "date",
                           "TT JD %.6f is outside 1900-2100, the span of "
                           "ERFA's Earth ephemeris (eraEpv00)", tt1 + tt2);

    /* Geometric geocentric Sun = -(heliocentric Earth). */
    double g[3], d_au;
    for (int k = 0; k < 3; k++)
        g[k] = -pvh[0][k];
    d_au = sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);

    /* Light time: the Sun where it was tau ago (its barycentric velocity
     * is pvb[1] - pvh[1]; ~13 m/s, so this is a ~6 km, 0.01" correction). */
    double tau_d = d_au / ERFA_DC;
    double p[3];
    for (int k = 0; k < 3; k++)
        p[k] = g[k] - tau_d * (pvb[1][k] - pvh[1][k]);
    double pn = sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    double pnat[3] = {p[0] / pn, p[1] / pn, p[2] / pn};

    /* Annual aberration from the Earth's barycentric velocity. */
    double v[3], v2 = 0.0;
    for (int k = 0; k < 3; k++) {
        v[k] = pvb[1][k] / ERFA_DC;
        v2 += v[k] * v[k];
    }
    double ppr[3];
    eraAb(pnat, v, d_au, sqrt(1.0 - v2), ppr);

    double s[3];
    for (int k = 0; k < 3; k++)
        s[k] = ppr[k] * d_au * ODC_AU_KM;
    if (frame == ODC_SUN_TEME) {
        double m[3][3];
        odc_sun_gcrs_to_teme_matrix(tt1, tt2, m);
        eraRxp(m, s, s);
    }
    for (int k = 0; k < 3; k++)
        sun_km[k] = s[k];
    if (dist_au)
        *dist_au = d_au;
    return ODC_OK;
}

int odc_sun_utc(double utc1, double utc2, odc_sun_frame frame,
                double sun_km[3], double *dist_au, odc_err *err)
{
    double a1, a2, t1, t2;
    /* eraUtctai: +1 = dubious year (beyond the leap-second table): accepted,
     * the offset is then the table's last one; -1 = unacceptable date. */
    if (eraUtctai(utc1, utc2, &a1, &a2) < 0 || eraTaitt(a1, a2, &t1, &t2) != 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "date",
                           "UTC JD %.6f cannot be converted to TT", utc1 + utc2);
    return odc_sun_tt(t1, t2, frame, sun_km, dist_au, err);
}

void odc_sun_gcrs_to_teme_matrix(double tt1, double tt2, double m[3][3])
{
    /* TEME is the frame that GMST82 rotates into the pseudo-Earth-fixed
     * frame (Vallado et al. 2006, appendix C): r_pef = Rz(GMST82) r_teme.
     * The IAU 2006/2000A CIO route gives r_pef = Rz(ERA) C2I r_gcrs (polar
     * motion left out: it is applied after PEF and cancels). Hence
     * r_teme = Rz(-GMST82) Rz(ERA) C2I r_gcrs, the same chain that
     * odc_teme_to_gcrs inverts. ERA - GMST82 changes by 0.14"/day, so
     * evaluating both at TT rather than UT1 (~70 s apart) costs ~0.1 mas. */
    double c2i[3][3];
    eraC2i06a(tt1, tt2, c2i);
    double ang = eraEra00(tt1, tt2) - eraGmst82(tt1, tt2);
    eraCr(c2i, m);
    eraRz(ang, m);
}

int odc_sun_table_init(odc_sun_table *tab, double utc1, double utc2,
                       double t0_s, double t1_s, double step_s,
                       odc_sun_frame frame, odc_err *err)
{
    tab->x_km = tab->y_km = tab->z_km = NULL;
    tab->n = 0;
    if (!(step_s > 0.0) || !(t1_s >= t0_s) || !isfinite(t0_s) || !isfinite(t1_s))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "step_s",
                           "Sun table needs step > 0 and t1 >= t0 "
                           "(got t0=%g t1=%g step=%g)", t0_s, t1_s, step_s);
    double span = t1_s - t0_s;
    if (span / step_s > 1e8)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "step_s",
                           "Sun table would need more than 1e8 nodes");
    size_t n = (size_t)ceil(span / step_s) + 2;   /* >= 2 nodes, covers t1 */
    tab->x_km = malloc(n * sizeof(double));
    tab->y_km = malloc(n * sizeof(double));
    tab->z_km = malloc(n * sizeof(double));
    if (!tab->x_km || !tab->y_km || !tab->z_km) {
        odc_sun_table_free(tab);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                           "out of memory for %zu Sun table nodes", n);
    }
    tab->utc1 = utc1;
    tab->utc2 = utc2;
    tab->t0_s = t0_s;
    tab->step_s = step_s;
    tab->frame = frame;
    tab->n = n;
    for (size_t i = 0; i < n; i++) {
        double s[3];
        double t = t0_s + (double)i * step_s;
        int rc = odc_sun_utc(utc1, utc2 + t / ERFA_DAYSEC, frame, s, NULL, err);
        if (rc != ODC_OK) {
            odc_sun_table_free(tab);
            return rc;
        }
        tab->x_km[i] = s[0];
        tab->y_km[i] = s[1];
        tab->z_km[i] = s[2];
    }
    return ODC_OK;
}

void odc_sun_table_free(odc_sun_table *tab)
{
    free(tab->x_km);
    free(tab->y_km);
    free(tab->z_km);
    tab->x_km = tab->y_km = tab->z_km = NULL;
    tab->n = 0;
}

void odc_sun_table_eval(const odc_sun_table *tab, double t_s, double sun_km[3])
{
    double u = (t_s - tab->t0_s) / tab->step_s;
    double fl = floor(u);
    size_t i;
    if (fl < 0.0)
        i = 0;
    else if (fl > (double)(tab->n - 2))
        i = tab->n - 2;
    else
        i = (size_t)fl;
    double f = u - (double)i;
    sun_km[0] = tab->x_km[i] + f * (tab->x_km[i + 1] - tab->x_km[i]);
    sun_km[1] = tab->y_km[i] + f * (tab->y_km[i + 1] - tab->y_km[i]);
    sun_km[2] = tab->z_km[i] + f * (tab->z_km[i + 1] - tab->z_km[i]);
}

int odc_sun_table_fn(void *ctx, double t_s, double sun_km[3])
{
    odc_sun_table_eval((const odc_sun_table *)ctx, t_s, sun_km);
    return 0;
}
