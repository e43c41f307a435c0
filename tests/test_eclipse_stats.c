/* Yearly eclipse statistics with the real Sun (ERFA) on analytic orbits:
 * - GEO: two eclipse seasons centred on the equinoxes, each ~44-46 days,
 *   longest eclipse ~72 min (Soop, "Handbook of Geostationary Orbits",
 *   1994: seasons of about 45 days, eclipses up to ~72 min), and
 *   the longest umbra bracketed by the closed form at beta = 0;
 * - dawn-dusk sun-synchronous orbits at 650 km (node precessing with the
 *   mean Sun): one season per year, around the June solstice for an
 *   ascending node at 18 h local time and around the December solstice for
 *   6 h; its longest eclipse bracketed by the cylindrical closed form at the
 *   year's smallest |beta|. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "odc/eclipse.h"
#include "odc/shadow.h"
#include "odc/sun.h"

static const double RE = 6378.137, MU = 398600.4418, J2 = 1.08262668e-3;
#define D2R (M_PI / 180.0)
#define DAY 86400.0

/* Circular orbit with a uniformly moving node (TEME-like axes). */
typedef struct orb {
    double a, n, incl, raan0, raan_dot, u0;
} orb;

static int orb_pos(void *ctx, double t, double r[3])
{
    const orb *o = ctx;
    double u = o->u0 + o->n * t, W = o->raan0 + o->raan_dot * t;
    double cu = cos(u), su = sin(u), cW = cos(W), sW = sin(W);
    double ci = cos(o->incl), si = sin(o->incl);
    r[0] = o->a * (cW * cu - sW * su * ci);
    r[1] = o->a * (sW * cu + cW * su * ci);
    r[2] = o->a * su * si;
    return 0;
}

static void orb_vel_dir(const orb *o, double t, double v[3])
{
    double r1[3], r2[3];
    orb_pos((void *)o, t - 0.5, r1);
    orb_pos((void *)o, t + 0.5, r2);
    for (int k = 0; k < 3; k++)
        v[k] = r2[k] - r1[k];
}

static double closed_form(double a, double beta)
{
    double h = a - RE, P = 2.0 * M_PI * sqrt(a * a * a / MU);
    double arg = sqrt(h * h + 2.0 * RE * h) / (a * cos(beta));
    return arg >= 1.0 ? 0.0 : P / M_PI * acos(arg);
}

/* Day of year (from 2024-03-20 00:00 UTC, JD 2460389.5) of a time. */
static const double U1 = 2460389.5, YEAR = 365.0 * DAY;

static void run_year(orb *o, odc_sun_table *tab, odc_eclipse_stats *st)
{
    odc_eclipse_opts opt;
    odc_eclipse_opts_default(&opt);
    clock_t c0 = clock();
    assert_int_equal(odc_eclipse_stats_compute(orb_pos, o, odc_sun_table_fn, tab,
                                               &opt, 0.0, YEAR, 0.0, st, NULL),
                     ODC_OK);
    printf("  one year at 60 s steps: %.2f s CPU\n",
           (double)(clock() - c0) / CLOCKS_PER_SEC);
}

static odc_sun_table TAB;

static int setup(void **state)
{
    (void)state;
    return odc_sun_table_init(&TAB, U1, 0.0, -DAY, YEAR + DAY, 3600.0,
                              ODC_SUN_TEME, NULL);
}

static int teardown(void **state)
{
    (void)state;
    odc_sun_table_free(&TAB);
    return 0;
}

static void test_geo(void **state)
{
    (void)state;
    orb o = {42164.17, 7.2921158553e-5, 0.0, 0.0, 0.0, 0.0};
    odc_eclipse_stats st;
    run_year(&o, &TAB, &st);
    printf("GEO: %zu eclipses, %zu seasons, longest %.1f min (umbra %.1f), "
           "sunlit %.5f\n", st.n_eclipses, st.n_seasons, st.longest_s / 60,
           st.longest_umbra_s / 60, st.sunlit_fraction);
    /* Equinoxes 2024-03-20 03:06 UTC (t ~ 0) and 2024-09-22 12:44 UTC
     * (day 186.53); the span ends at 2025-03-20 0h, 3 hours before the
     * next equinox (day 365.3). So: the second half of the March season,
     * the whole September season, the first half of next March's. */
    assert_int_equal(st.n_seasons, 3);
    for (size_t i = 0; i < st.n_seasons; i++)
        printf("  season %zu: day %.2f .. %.2f\n", i, st.season_start_s[i] / DAY,
               st.season_end_s[i] / DAY);
    double mid = 0.5 * (st.season_start_s[1] + st.season_end_s[1]) / DAY;
    double len = (st.season_end_s[1] - st.season_start_s[1]) / DAY;
    assert_true(fabs(mid - 186.53) < 3.0);
    assert_true(len > 42.0 && len < 48.0);
    assert_true(st.season_start_s[0] < DAY);
    assert_true(st.season_end_s[0] / DAY > 19.0 && st.season_end_s[0] / DAY < 26.0);
    assert_true(st.season_start_s[2] / DAY > 365.3 - 26.0 &&
                st.season_start_s[2] / DAY < 365.3 - 19.0);
    assert_true(st.season_end_s[2] > YEAR - DAY);
    assert_true(st.longest_s / 60 > 70.0 && st.longest_s / 60 < 72.5);
    double Tcyl = closed_form(o.a, 0.0);
    assert_true(st.longest_umbra_s < Tcyl && st.longest_s > Tcyl);
    /* ~90 eclipses a year, one a day in each season */
    assert_true(st.n_eclipses > 85 && st.n_eclipses < 95);
}

static void sso(double ltan_h, orb *o)
{
    double a = RE + 650.0, n = sqrt(MU / (a * a * a));
    double rate = 2.0 * M_PI / (365.2421897 * DAY);    /* mean Sun, rad/s */
    /* J2 node rate -1.5 n J2 (Re/a)^2 cos i = rate (Vallado 2013, 9-41) */
    double ci = -rate / (1.5 * n * J2 * (RE / a) * (RE / a));
    /* Mean Sun's right ascension at the epoch ~ its mean longitude
     * (Meeus 1998, 25.2): 280.46646 + 36000.76983 T deg. */
    double T = (U1 - 2451545.0) / 36525.0;
    double Lsun = fmod(280.46646 + 36000.76983 * T, 360.0) * D2R;
    o->a = a;
    o->n = n;
    o->incl = acos(ci);
    o->raan0 = Lsun + (ltan_h - 12.0) * 15.0 * D2R;
    o->raan_dot = rate;
    o->u0 = 0.0;
}

static double min_abs_beta(const orb *o)
{
    double m = M_PI;
    for (double t = 0.0; t < YEAR; t += 0.25 * DAY) {
        double r[3], v[3], s[3];
        orb_pos((void *)o, t, r);
        orb_vel_dir(o, t, v);
        odc_sun_table_eval(&TAB, t, s);
        double b = fabs(odc_beta_angle(r, v, s));
        if (b < m)
            m = b;
    }
    return m;
}

static void check_sso(double ltan_h, double solstice_day)
{
    orb o;
    sso(ltan_h, &o);
    odc_eclipse_stats st;
    run_year(&o, &TAB, &st);
    double bmin = min_abs_beta(&o);
    double Tcyl = closed_form(o.a, bmin);
    printf("SSO 650 km LTAN %.0f h (i = %.3f deg): %zu eclipses, %zu seasons, "
           "longest %.1f s (umbra %.1f s), closed form at min|beta| %.2f deg: "
           "%.1f s, sunlit %.5f\n", ltan_h, o.incl / D2R, st.n_eclipses,
           st.n_seasons, st.longest_s, st.longest_umbra_s, bmin / D2R, Tcyl,
           st.sunlit_fraction);
    for (size_t i = 0; i < st.n_seasons; i++)
        printf("  season: day %.2f .. %.2f\n", st.season_start_s[i] / DAY,
               st.season_end_s[i] / DAY);
    assert_int_equal(st.n_seasons, 1);
    double mid = 0.5 * (st.season_start_s[0] + st.season_end_s[0]) / DAY;
    assert_true(fabs(mid - solstice_day) < 10.0);
    assert_true(st.n_eclipses > 100);
    /* beta changes by < 0.01 deg per orbit near its minimum, so the year's
     * longest eclipse is within a few seconds of the closed form there. */
    assert_true(Tcyl > 0.0);
    assert_true(st.longest_umbra_s < Tcyl + 2.0 && st.longest_s > Tcyl - 2.0);
    assert_true(st.sunlit_fraction > 0.95 && st.sunlit_fraction < 0.99);
}

/* June solstice 2024-06-20 20:51 UTC = day 92.87; December solstice
 * 2024-12-21 09:20 UTC = day 276.39 (from 2024-03-20 0h). */
static void test_sso_dusk(void **state)
{
    (void)state;
    check_sso(18.0, 92.87);
}

static void test_sso_dawn(void **state)
{
    (void)state;
    check_sso(6.0, 276.39);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geo),
        cmocka_unit_test(test_sso_dusk),
        cmocka_unit_test(test_sso_dawn),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
