/* Optical ISL budget against hand-computed cases, its scaling laws, the
 * rate and aperture caps, and Earth blockage against closed-form
 * geometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "odc/isl.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static int close_rel(double a, double b, double rel)
{
    return fabs(a - b) <= rel * fabs(b);
}

#define ASSERT_REL(a, b, rel)                                                     \
    do {                                                                          \
        double a_ = (a), b_ = (b);                                                \
        if (!close_rel(a_, b_, rel))                                              \
            fail_msg("%s = %.12g, expected %.12g (rel %g)", #a, a_, b_, rel);      \
    } while (0)

/* 10 cm apertures at 1550 nm, ideal efficiencies, no losses. */
static odc_isl_terminal ideal(void)
{
    odc_isl_terminal t = {
        .p_tx_w = 1.0, .d_tx_m = 0.1, .d_rx_m = 0.1, .wavelength_m = 1.55e-6,
        .eta_tx = 1.0, .eta_rx = 1.0, .pointing_loss_db = 0.0, .impl_loss_db = 0.0,
        .n_ppb = 100.0, .max_rate_bps = 1e15, .n_channels = 1,
    };
    return t;
}

static void test_hand_computed(void **state)
{
    (void)state;
    odc_isl_terminal t = ideal();
    odc_isl_budget b;
    assert_int_equal(odc_isl_budget_eval(&t, 1000.0, &b, NULL), ODC_OK);
    /* G = (pi D / lambda)^2 = (pi 0.1 / 1.55e-6)^2 = (202683.0)^2
     *   = 4.10806e10 (106.14 dBi)
     * L_fs = (lambda / (4 pi R))^2 = (1.55e-6 / (4 pi 1e6))^2
     *      = (1.23345e-13)^2 = 1.52140e-26 (-258.18 dB)
     * P_rx = 1 W x G^2 x L_fs = 1.68762e21 x 1.52140e-26 = 2.56753e-5 W
     *      = (pi D^2 / (4 lambda R))^2 = (0.0314159 / 6.2)^2 = (5.06708e-3)^2
     *      = -15.905 dBm */
    ASSERT_REL(b.g_tx, 4.108056e10, 1e-6);
    ASSERT_REL(b.g_rx, 4.108056e10, 1e-6);
    ASSERT_REL(b.l_fs, 1.521401e-26, 1e-6);
    ASSERT_REL(b.p_rx_w, 2.567535e-5, 1e-6);
    assert_true(fabs(b.p_rx_dbm - (-15.9048)) < 1e-4);
    ASSERT_REL(b.geom_fraction, 2.567535e-5, 1e-6);
    assert_false(b.aperture_limited);
    assert_false(b.near_field);    /* 1000 km >> D^2/lambda = 6.45 km */
    /* Photon energy h c / lambda = 6.62607015e-34 x 299792458 / 1.55e-6
     *   = 1.281578e-19 J; 100 photons/bit -> 1.281578e-17 J/bit;
     * rate = 2.567535e-5 / 1.281578e-17 = 2.003417e12 bit/s. */
    ASSERT_REL(b.rate_uncapped_bps, 2.003417e12, 1e-6);
    ASSERT_REL(b.rate_bps, 2.003417e12, 1e-6);
    assert_false(b.rate_capped);

    /* With efficiencies 0.8 x 0.8 and 1 dB pointing + 3 dB implementation
     * losses: factor 0.64 x 10^-0.4 = 0.64 x 0.3981072 = 0.2547886;
     * P_rx = 2.567535e-5 x 0.2547886 = 6.541786e-6 W (-21.843 dBm);
     * rate = 6.541786e-6 / 1.281578e-17 = 5.104478e11 bit/s. */
    t.eta_tx = t.eta_rx = 0.8;
    t.pointing_loss_db = 1.0;
    t.impl_loss_db = 3.0;
    assert_int_equal(odc_isl_budget_eval(&t, 1000.0, &b, NULL), ODC_OK);
    ASSERT_REL(b.g_tx, 0.8 * 4.108056e10, 1e-6);
    ASSERT_REL(b.p_rx_w, 6.541786e-6, 1e-6);
    assert_true(fabs(b.p_rx_dbm - (-21.8430)) < 1e-4);
    ASSERT_REL(b.rate_bps, 5.104478e11, 1e-6);
    ASSERT_REL(odc_isl_rate_bps(&t, 1000.0), 5.104478e11, 1e-6);

    /* Unequal apertures and another wavelength: D_tx = 0.08 m, D_rx = 0.135
     * m, lambda = 1064 nm, R = 45000 km, P = 2.2 W, eta 1, no losses:
     * (pi 0.08 0.135 / (4 1.064e-6 4.5e7))^2 = (0.03392920 / 191.52)^2
     * = (1.771575e-4)^2 = 3.138477e-8; P_rx = 2.2 x 3.138477e-8
     * = 6.904650e-8 W. */
    odc_isl_terminal u = ideal();
    u.p_tx_w = 2.2;
    u.d_tx_m = 0.08;
    u.d_rx_m = 0.135;
    u.wavelength_m = 1.064e-6;
    assert_int_equal(odc_isl_budget_eval(&u, 45000.0, &b, NULL), ODC_OK);
    ASSERT_REL(b.p_rx_w, 6.904650e-8, 1e-6);
}

static void test_inverse_square(void **state)
{
    (void)state;
    odc_isl_terminal t = ideal();
    t.eta_tx = 0.81;
    t.pointing_loss_db = 2.0;
    odc_isl_budget b1, b2;
    /* Far field (R >> D^2/lambda): power and rate scale as 1/R^2. */
    for (double r = 50.0; r < 50000.0; r *= 3.7) {
        assert_int_equal(odc_isl_budget_eval(&t, r, &b1, NULL), ODC_OK);
        assert_int_equal(odc_isl_budget_eval(&t, 2.0 * r, &b2, NULL), ODC_OK);
        ASSERT_REL(b1.p_rx_w / b2.p_rx_w, 4.0, 1e-12);
        ASSERT_REL(b1.rate_bps / b2.rate_bps, 4.0, 1e-12);
        ASSERT_REL(odc_isl_rate_bps(&t, r) / odc_isl_rate_bps(&t, 10.0 * r), 100.0, 1e-12);
    }
    /* Rate proportional to 1/N_ppb and to lambda (photon energy h c / lambda,
     * gains (1/lambda)^2 x path loss lambda^2 cancel). */
    odc_isl_terminal u = t;
    u.n_ppb = 2.0 * t.n_ppb;
    ASSERT_REL(odc_isl_rate_bps(&t, 2000.0) / odc_isl_rate_bps(&u, 2000.0), 2.0, 1e-12);
    u = t;
    u.wavelength_m = 2.0 * t.wavelength_m;
    ASSERT_REL(odc_isl_rate_bps(&u, 2000.0) / odc_isl_rate_bps(&t, 2000.0), 0.5, 1e-12);
}

static void test_rate_cap_and_wdm(void **state)
{
    (void)state;
    odc_isl_terminal t = ideal();
    odc_isl_budget b;
    /* 1000 km: photon-limited 2.003417e12 bit/s (see hand case). */
    t.max_rate_bps = 100e9;
    assert_int_equal(odc_isl_budget_eval(&t, 1000.0, &b, NULL), ODC_OK);
    assert_true(b.rate_capped);
    assert_true(b.rate_bps == 100e9);
    ASSERT_REL(b.rate_uncapped_bps, 2.003417e12, 1e-6);
    /* 40 channels of 100 Gb/s share the power: 2.003417e12 / 40 =
     * 5.0085e10 per channel < 1e11, so the total stays photon-limited. */
    t.n_channels = 40;
    assert_int_equal(odc_isl_budget_eval(&t, 1000.0, &b, NULL), ODC_OK);
    assert_false(b.rate_capped);
    ASSERT_REL(b.rate_bps, 2.003417e12, 1e-6);
    /* 16 channels: 1.252e11 per channel > 1e11 -> 16 x 100 Gb/s. */
    t.n_channels = 16;
    assert_int_equal(odc_isl_budget_eval(&t, 1000.0, &b, NULL), ODC_OK);
    assert_true(b.rate_capped);
    assert_true(b.rate_bps == 16 * 100e9);
    /* Rate never exceeds n_channels x max, and the fast path agrees with
     * the full budget in every regime (aperture-limited, capped, free). */
    t.eta_tx = 0.7;
    t.impl_loss_db = 2.5;
    for (double r = 1e-3; r < 1e5; r *= 1.13) {
        double rate = odc_isl_rate_bps(&t, r);
        assert_true(rate <= 16 * 100e9);
        assert_int_equal(odc_isl_budget_eval(&t, r, &b, NULL), ODC_OK);
        assert_true(rate == b.rate_bps);
    }
}

static void test_near_field_cap(void **state)
{
    (void)state;
    /* Suncatcher-like cluster link: 10 cm apertures at 1550 nm, 100-200 m
     * apart. Far-field fraction (pi D^2 / (4 lambda R))^2 at 100 m =
     * (0.0314159 / 6.2e-4)^2 = 50.67^2 = 2567.5 > 1: capped to 1, so
     * P_rx = P_tx x eta_tx x eta_rx x losses = 1 x 0.81 x 0.81 x 10^-0.3
     * = 0.6561 x 0.5011872 = 0.3288289 W. */
    odc_isl_terminal t = ideal();
    t.eta_tx = t.eta_rx = 0.81;
    t.impl_loss_db = 3.0;
    odc_isl_budget b;
    for (double r_m = 100.0; r_m <= 200.0; r_m += 25.0) {
        assert_int_equal(odc_isl_budget_eval(&t, r_m / 1e3, &b, NULL), ODC_OK);
        assert_true(b.aperture_limited && b.near_field);
        assert_true(b.geom_fraction == 1.0);
        ASSERT_REL(b.p_rx_w, 0.3288289, 1e-6);
    }
    /* The cap sets in where the far-field fraction reaches 1:
     * R_c = pi D_tx D_rx / (4 lambda) = 0.0314159 / 6.2e-6 = 5067.08 m;
     * near-field flag below D_tx^2 / lambda = 0.01 / 1.55e-6 = 6451.6 m. */
    assert_int_equal(odc_isl_budget_eval(&t, 5.06708 * 0.999, &b, NULL), ODC_OK);
    assert_true(b.aperture_limited);
    assert_int_equal(odc_isl_budget_eval(&t, 5.06709 * 1.001, &b, NULL), ODC_OK);
    assert_false(b.aperture_limited);
    assert_true(b.near_field);
    assert_int_equal(odc_isl_budget_eval(&t, 6.4516 * 0.999, &b, NULL), ODC_OK);
    assert_true(b.near_field);
    assert_int_equal(odc_isl_budget_eval(&t, 6.4517 * 1.001, &b, NULL), ODC_OK);
    assert_false(b.near_field);
    /* Suncatcher (arXiv:2511.19468, sec. 2): received power follows 1/R^2
     * beyond the Fresnel limit; spatial multiplexing becomes possible at
     * "~10 km for a 10 cm telescope". Our near-field scale D^2/lambda =
     * 6.45 km agrees in order of magnitude (within a factor 2). */
    assert_true(0.01 / 1.55e-6 > 10e3 / 2 && 0.01 / 1.55e-6 < 10e3 * 2);
    /* P_rx is non-increasing in R and never exceeds P_tx x efficiencies. */
    double prev = INFINITY, pmax = 1.0 * 0.81 * 0.81 * pow(10.0, -0.3);
    for (double r = 1e-4; r < 100.0; r *= 1.05) {
        assert_int_equal(odc_isl_budget_eval(&t, r, &b, NULL), ODC_OK);
        assert_true(b.p_rx_w <= pmax * (1 + 1e-15));
        assert_true(b.p_rx_w <= prev);
        prev = b.p_rx_w;
    }
}

static void test_terminal_errors(void **state)
{
    (void)state;
    odc_isl_budget b;
    odc_err e;
    struct { const char *field; size_t off; double v; } cases[] = {
        {"p_tx_w", offsetof(odc_isl_terminal, p_tx_w), 0.0},
        {"d_tx_m", offsetof(odc_isl_terminal, d_tx_m), -0.1},
        {"d_rx_m", offsetof(odc_isl_terminal, d_rx_m), NAN},
        {"wavelength_m", offsetof(odc_isl_terminal, wavelength_m), 0.0},
        {"eta_tx", offsetof(odc_isl_terminal, eta_tx), 1.2},
        {"eta_rx", offsetof(odc_isl_terminal, eta_rx), 0.0},
        {"pointing_loss_db", offsetof(odc_isl_terminal, pointing_loss_db), -1.0},
        {"impl_loss_db", offsetof(odc_isl_terminal, impl_loss_db), INFINITY},
        {"n_ppb", offsetof(odc_isl_terminal, n_ppb), 0.0},
        {"max_rate_bps", offsetof(odc_isl_terminal, max_rate_bps), -5.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        odc_isl_terminal t = ideal();
        *(double *)((char *)&t + cases[i].off) = cases[i].v;
        odc_err_clear(&e);
        assert_int_equal(odc_isl_budget_eval(&t, 100.0, &b, &e), ODC_EINPUT);
        assert_string_equal(e.field, cases[i].field);
    }
    odc_isl_terminal t = ideal();
    t.n_channels = 0;
    assert_int_equal(odc_isl_terminal_check(&t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n_channels");
    t = ideal();
    assert_int_equal(odc_isl_budget_eval(&t, 0.0, &b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "range_km");
    assert_int_equal(odc_isl_budget_eval(&t, NAN, &b, &e), ODC_EINPUT);
    assert_int_equal(odc_isl_terminal_check(NULL, &e), ODC_EINPUT);
    assert_int_equal(odc_isl_terminal_check(&t, &e), ODC_OK);
}

/* Point at radius r and angle phi in a plane inclined by inc about x and
 * turned by raan about z (so the test is not axis-aligned). */
static void on_circle(double r, double phi, double inc, double raan, double out[3])
{
    double x = r * cos(phi), y = r * sin(phi) * cos(inc), z = r * sin(phi) * sin(inc);
    out[0] = x * cos(raan) - y * sin(raan);
    out[1] = x * sin(raan) + y * cos(raan);
    out[2] = z;
}

static void test_blockage_closed_form(void **state)
{
    (void)state;
    const double re = ODC_ISL_R_EARTH_KM;
    const double alts[] = {350.0, 550.0, 1200.0, 35786.0};
    const double grazes[] = {0.0, 80.0, 300.0};
    int n_blocked = 0, n_clear = 0;
    for (size_t a = 0; a < 4; a++)
        for (size_t g = 0; g < 3; g++) {
            double r = re + alts[a], rb = re + grazes[g];
            for (double th = 0.25; th < 179.9; th += 0.37) {
                double thr = th * M_PI / 180.0;
                /* Chord midpoint distance from the centre: r cos(theta/2). */
                double d = r * cos(thr / 2.0);
                if (fabs(d - rb) < 1e-6)
                    continue;
                double p1[3], p2[3];
                double phi0 = 0.3 + 0.01 * th;
                on_circle(r, phi0, 0.9, 1.7, p1);
                on_circle(r, phi0 + thr, 0.9, 1.7, p2);
                int clear = odc_isl_los_clear(p1, p2, rb);
                assert_int_equal(clear, !(d < rb));
                assert_true(fabs(odc_isl_segment_min_dist_km(p1, p2) - d) < 1e-7 * r);
                clear ? n_clear++ : n_blocked++;
            }
        }
    assert_true(n_clear > 100 && n_blocked > 100);
    /* 550 km shell, 80 km grazing height: critical separation
     * 2 acos(6458.137 / 6928.137) = 42.4517 deg. */
    double p1[3], p2[3], r = re + 550.0, rb = re + 80.0;
    on_circle(r, 0.0, 0.0, 0.0, p1);
    on_circle(r, 42.45 * M_PI / 180.0, 0.0, 0.0, p2);
    assert_true(odc_isl_los_clear(p1, p2, rb));
    on_circle(r, 42.46 * M_PI / 180.0, 0.0, 0.0, p2);
    assert_false(odc_isl_los_clear(p1, p2, rb));
    /* Closest point outside the segment: both satellites on the same
     * radial line, 7000 and 8000 km: the minimum is the nearer end. */
    double q1[3] = {7000.0, 0.0, 0.0}, q2[3] = {8000.0, 0.0, 0.0};
    assert_true(odc_isl_segment_min_dist_km(q1, q2) == 7000.0);
    assert_true(odc_isl_los_clear(q1, q2, rb));
    /* One end below the grazing sphere: blocked. */
    double q3[3] = {6400.0, 0.0, 0.0};
    assert_false(odc_isl_los_clear(q3, q2, rb));
    /* Coincident points. */
    assert_true(odc_isl_segment_min_dist_km(q1, q1) == 7000.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed),
        cmocka_unit_test(test_inverse_square),
        cmocka_unit_test(test_rate_cap_and_wdm),
        cmocka_unit_test(test_near_field_cap),
        cmocka_unit_test(test_terminal_errors),
        cmocka_unit_test(test_blockage_closed_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
