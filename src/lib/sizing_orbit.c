/* Orbit environment for sizing: sunlit fraction, longest eclipse and beta
 * angles of one circular orbit over a span (normally the mission's first
 * year), by running the eclipse finder of the sun module on the J2 design
 * propagator. A closed form of the cylindrical eclipse is kept here for
 * the tests' cross-check. */
#include "odc/sizing.h"

#include <math.h>
#include <string.h>

#include "odc/constellation.h"
#include "odc/eclipse.h"
#include "odc/shadow.h"
#include "odc/sun.h"

/* Lowest altitude accepted: below ~150 km a satellite decays in days
 * (Vallado 2013 sec. 9.7), so sizing for years is meaningless. */
#define MIN_ALT_KM 150.0
/* Upper limit: the Sun/eclipse statistics hold anywhere, but the drag and
 * dose tables stop at 1000 km; 40000 km keeps GEO (35786 km) inside. */
#define MAX_ALT_KM 40000.0
/* Sun table nodes every 6 h: linear interpolation errs by ~w^2 h^2 / 8 =
 * 2.3e-6 rad in direction (w = 2e-7 rad/s), which moves a LEO shadow
 * boundary by ~16 m, i.e. ~2 ms of eclipse time; the Sun positions (ERFA
 * nutation) dominate the run time otherwise (85 % with hourly nodes). */
#define SUN_STEP_S 21600.0
/* Beta angles are sampled every 6 h: beta changes by < 1 deg a day. */
#define BETA_STEP_S 21600.0

double odc_eclipse_fraction_cylindrical(double alt_km, double beta_rad)
{
    double r = ODC_RE_EARTH_KM + alt_km;
    double cb = cos(beta_rad);
    if (cb <= 0.0)
        return 0.0;
    double c = sqrt(alt_km * alt_km + 2.0 * ODC_RE_EARTH_KM * alt_km) / (r * cb);
    if (c >= 1.0)
        return 0.0;
    return acos(c) / M_PI;
}

static int pos_fn(void *ctx, double t_s, double r_km[3])
{
    double v[3];
    odc_constellation_state((const odc_constellation *)ctx, 0, t_s, r_km, v);
    return 0;
}

int odc_sizing_orbit_env(const odc_sizing_orbit *o, odc_orbit_env *env, odc_err *err)
{
    if (!o || !env)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "orbit", "missing orbit or output");
    if (!isfinite(o->alt_km) || o->alt_km < MIN_ALT_KM || o->alt_km > MAX_ALT_KM)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "expected an altitude in [%g, %g] km, got %g", MIN_ALT_KM,
                           MAX_ALT_KM, o->alt_km);
    if (!o->sso && (!isfinite(o->incl_deg) || o->incl_deg < 0.0 || o->incl_deg > 180.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "incl_deg",
                           "expected an inclination in [0, 180] deg, got %g", o->incl_deg);
    if (o->sso && (!isfinite(o->ltan_h) || o->ltan_h < 0.0 || o->ltan_h > 24.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ltan_h",
                           "expected a local time of the ascending node in [0, 24] h, got %g",
                           o->ltan_h);
    if (!isfinite(o->span_s) || o->span_s < 86400.0 || o->span_s > 4.0 * ODC_TROPICAL_YEAR_DAYS * 86400.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "span_s",
                           "expected a span of 1 day to 4 years, got %g s", o->span_s);
    memset(env, 0, sizeof *env);
    odc_constellation c;
    memset(&c, 0, sizeof c);
    int rc;
    if (o->sso)
        rc = odc_sso(&c, 1, o->alt_km, o->ltan_h, o->epoch_jd1, o->epoch_jd2, err);
    else
        rc = odc_walker(&c, 1, 1, 0, o->alt_km, o->incl_deg, 0.0, 0, o->epoch_jd1,
                        o->epoch_jd2, err);
    if (rc)
        return rc;
    double a = c.a_km[0];
    env->incl_deg = c.incl_rad[0] * 180.0 / M_PI;
    env->period_s = 2.0 * M_PI * sqrt(a * a * a / ODC_MU_EARTH_KM3_S2);

    odc_sun_table tab;
    if ((rc = odc_sun_table_init(&tab, o->epoch_jd1, o->epoch_jd2, 0.0, o->span_s, SUN_STEP_S,
                                 ODC_SUN_TEME, err))) {
        odc_constellation_free(&c);
        return rc;
    }
    odc_eclipse_opts eo;
    odc_eclipse_opts_default(&eo);
    eo.shadow.model = o->cylindrical ? ODC_SHADOW_CYLINDRICAL : ODC_SHADOW_CONICAL;
    odc_eclipse_stats st;
    rc = odc_eclipse_stats_compute(pos_fn, &c, odc_sun_table_fn, &tab, &eo, 0.0, o->span_s,
                                   0.0, &st, err);
    if (!rc) {
        env->sunlit_fraction = st.sunlit_fraction;
        env->eclipse_max_s = st.longest_s;
        env->n_eclipses = st.n_eclipses;
        double orbits = o->span_s / env->period_s;
        env->eclipse_orbit_frac = fmin(1.0, (double)st.n_eclipses / orbits);
        /* A clipped passage at either end of the span can be the only one
         * (then longest_s is 0): fall back to the total shadow time. */
        if (st.n_eclipses > 0 && env->eclipse_max_s <= 0.0)
            env->eclipse_max_s = fmin(st.umbra_s + st.penumbra_s, env->period_s);
        double bmin = HUGE_VAL, bmax = -HUGE_VAL, sum = 0.0;
        size_t n = 0;
        for (double t = 0.0; t <= o->span_s; t += BETA_STEP_S, n++) {
            double r[3], v[3], s[3];
            odc_constellation_state(&c, 0, t, r, v);
            odc_sun_table_eval(&tab, t, s);
            double b = odc_beta_angle(r, v, s);
            bmin = fmin(bmin, b);
            bmax = fmax(bmax, b);
            sum += fabs(cos(b));
        }
        env->beta_min_deg = bmin * 180.0 / M_PI;
        env->beta_max_deg = bmax * 180.0 / M_PI;
        env->mean_abs_cos_beta = sum / (double)n;
    }
    odc_sun_table_free(&tab);
    odc_constellation_free(&c);
    return rc;
}
