/* TLE reader and writer: every field of known element sets, epochs against
 * ERFA's calendar routine, checksums, Alpha-5, the SGP4-VER verification
 * file, each kind of malformation (exact line, column and field), and
 * format/parse round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <erfa.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/tle.h"

/* ISS example of CelesTrak's format page (Kelso), with valid checksums. */
static const char *ISS0 = "ISS (ZARYA)";
static const char *ISS1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
static const char *ISS2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";

static void test_iss_fields(void **state)
{
    (void)state;
    odc_elements el;
    odc_err err;
    odc_err_clear(&err);
    assert_int_equal(odc_tle_parse(ISS0, ISS1, ISS2, NULL, "iss.tle", 2, &el, &err), ODC_OK);
    assert_string_equal(el.name, "ISS (ZARYA)");
    assert_string_equal(el.object_id, "1998-067A");
    assert_int_equal(el.norad, 25544);
    assert_int_equal(el.classification, 'U');
    assert_int_equal(el.epoch_year, 2008);
    assert_true(el.epoch_doy == 264.51782528);
    assert_true(el.mean_motion_dot == -0.00002182);
    assert_true(el.mean_motion_ddot == 0.0);
    assert_true(el.bstar == -0.11606e-4);
    assert_int_equal(el.ephemeris_type, 0);
    assert_int_equal(el.element_set_no, 292);
    assert_true(el.incl_deg == 51.6416);
    assert_true(el.raan_deg == 247.4627);
    assert_true(el.ecc == 0.0006703);
    assert_true(el.argp_deg == 130.5360);
    assert_true(el.mean_anomaly_deg == 325.0288);
    assert_true(el.mean_motion_rev_day == 15.72125391);
    assert_int_equal(el.rev_at_epoch, 56353);
    /* Epoch: day 264 of 2008 (leap) = 20 September; ERFA's calendar. */
    double djm0, djm;
    assert_int_equal(eraCal2jd(2008, 9, 20, &djm0, &djm), 0);
    assert_true(el.epoch_jd == djm0 + djm);
    assert_true(el.epoch_jd_frac == 0.51782528);
}

static void test_epoch_years(void **state)
{
    (void)state;
    /* 57-99 -> 19xx, 00-56 -> 20xx; day 1.0 is 1 January 0h. */
    const char *l1[] = {
        "1 00005U 58002B   57001.00000000  .00000023  00000-0  28098-4 0  4753",
        "1 00005U 58002B   56366.50000000  .00000023  00000-0  28098-4 0  4753",
        "1 00005U 58002B   00060.25000000  .00000023  00000-0  28098-4 0  4753",
    };
    const int y[] = {1957, 2056, 2000}, m[] = {1, 12, 2}, d[] = {1, 31, 29};
    const double f[] = {0.0, 0.5, 0.25};
    const char *l2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";
    odc_tle_options opt = {0};
    for (int i = 0; i < 3; i++) {
        odc_elements el;
        odc_err err;
        assert_int_equal(odc_tle_parse(NULL, l1[i], l2, &opt, "t", 1, &el, &err), ODC_OK);
        double djm0, djm;
        assert_int_equal(eraCal2jd(y[i], m[i], d[i], &djm0, &djm), 0);
        assert_int_equal(el.epoch_year, y[i]);
        assert_true(el.epoch_jd == djm0 + djm);
        assert_true(el.epoch_jd_frac == f[i]);
    }
}

static void test_checksum(void **state)
{
    (void)state;
    assert_int_equal(odc_tle_checksum(ISS1), 7);
    assert_int_equal(odc_tle_checksum(ISS2), 7);
    /* '-' counts 1, letters and '.' and '+' count 0. */
    assert_int_equal(odc_tle_checksum("-A+.9"), 0);
    assert_int_equal(odc_tle_checksum("1-"), 2);
}

/* Replace column c (1-based) of line ln (1-based) of text with str. */
static char *mutate(const char *text, int ln, int c, const char *str)
{
    char *t = strdup(text);
    char *p = t;
    for (int k = 1; k < ln; k++)
        p = strchr(p, '\n') + 1;
    memcpy(p + c - 1, str, strlen(str));
    return t;
}

static const char *GOOD =
    "ISS (ZARYA)\n"
    "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
    "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n";

static void expect_err(const char *text, int line, int col, const char *field,
                       const char *msg_part)
{
    odc_elset_list l;
    odc_err err;
    odc_err_clear(&err);
    int rc = odc_tle_read_string(text, "sats.tle", NULL, &l, &err);
    char buf[1024];
    odc_err_format(&err, buf, sizeof buf);
    if (rc != ODC_EINPUT || err.line != line || err.col != col ||
        strcmp(err.field, field) || (msg_part && !strstr(err.msg, msg_part)))
        fail_msg("expected %d:%d '%s' (%s), got rc %d: %s", line, col, field,
                 msg_part ? msg_part : "", rc, buf);
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        int ln, c;
        const char *repl;
        int eln, ec;
        const char *field, *msg;
    } cases[] = {
        {3, 29, "x", 3, 27, "ECCENTRICITY",
         "expected 7 digits (implied leading decimal point), got \"00x6703\""},
        {3, 27, " ", 3, 27, "ECCENTRICITY", "7 digits"},
        {3, 1, "3", 3, 1, "LINE_NUMBER", "expected '2 '"},
        {2, 4, "5x", 2, 3, "NORAD_CAT_ID", NULL},
        {3, 3, "I", 3, 3, "NORAD_CAT_ID", "Alpha-5"},
        {3, 3, "25545", 3, 3, "NORAD_CAT_ID", "differs from line 1"},
        {2, 8, "X", 2, 8, "CLASSIFICATION_TYPE", NULL},
        {2, 10, "9x", 2, 10, "OBJECT_ID", NULL},
        {2, 15, "a", 2, 10, "OBJECT_ID", NULL},
        {2, 19, "0x", 2, 19, "EPOCH_YEAR", NULL},
        {2, 21, "367", 2, 21, "EPOCH_DAY", "out of range 1..366"},
        {2, 21, "000", 2, 21, "EPOCH_DAY", "out of range"},
        {2, 24, ",", 2, 21, "EPOCH_DAY", NULL},
        {2, 30, "e", 2, 21, "EPOCH_DAY", NULL},
        {2, 35, "+", 2, 34, "MEAN_MOTION_DOT", NULL},
        {2, 34, "1", 2, 34, "MEAN_MOTION_DOT", "below 1"},
        {2, 47, "x", 2, 45, "MEAN_MOTION_DDOT", "implied leading decimal point"},
        {2, 51, "*", 2, 45, "MEAN_MOTION_DDOT", NULL},
        {2, 61, "x", 2, 54, "BSTAR", NULL},
        {2, 63, "x", 2, 63, "EPHEMERIS_TYPE", NULL},
        {2, 66, "x", 2, 65, "ELEMENT_SET_NO", NULL},
        {2, 44, "0", 2, 44, "separator", "before MEAN_MOTION_DDOT"},
        {3, 17, "7", 3, 17, "separator", "before RA_OF_ASC_NODE"},
        {2, 69, "8", 2, 69, "CHECKSUM", "checksum is 8 but columns 1-68 sum to 7"},
        {3, 69, "x", 3, 69, "CHECKSUM", "a checksum digit"},
        {3, 9, "180.0001", 3, 9, "INCLINATION", "out of range 0..180"},
        {3, 9, "-51.6416", 3, 9, "INCLINATION", NULL},
        {3, 18, "360.0001", 3, 18, "RA_OF_ASC_NODE", "out of range 0..360"},
        {3, 35, "4x0.5360", 3, 35, "ARG_OF_PERICENTER", NULL},
        {3, 44, "325.02.8", 3, 44, "MEAN_ANOMALY", NULL},
        {3, 53, " 0.00000000", 3, 53, "MEAN_MOTION", "positive"},
        {3, 53, "15.7212539x", 3, 53, "MEAN_MOTION", NULL},
        {3, 54, "5e72125391", 3, 53, "MEAN_MOTION", NULL},
        {3, 65, "x", 3, 64, "REV_AT_EPOCH", NULL},
        /* Decimal points out of their columns (a shifted or edited field). */
        {3, 18, "2.433054", 3, 18, "RA_OF_ASC_NODE", "4 decimals"},
        {2, 21, "2645.1782528", 2, 21, "EPOCH_DAY", NULL},
        {2, 34, "-0.000021", 2, 34, "MEAN_MOTION_DOT", "point in column 35"},
        {3, 53, "157.2125391", 3, 53, "MEAN_MOTION", "point in column 55"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = mutate(GOOD, cases[i].ln, cases[i].c, cases[i].repl);
        expect_err(t, cases[i].eln, cases[i].ec, cases[i].field, cases[i].msg);
        free(t);
    }
    /* The whole message of the brief's example. */
    {
        char *t = mutate(GOOD, 3, 29, "x");
        odc_elset_list l;
        odc_err err;
        char buf[512];
        assert_int_equal(odc_tle_read_string(t, "sats.tle", NULL, &l, &err), ODC_EINPUT);
        assert_string_equal(odc_err_format(&err, buf, sizeof buf),
                            "sats.tle:3:27: field 'ECCENTRICITY': expected 7 digits (implied "
                            "leading decimal point), got \"00x6703\"");
        free(t);
    }
    /* Short lines: the first missing column and its field. */
    expect_err("1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  29\n"
               "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n",
               1, 68, "ELEMENT_SET_NO", "67 characters long");
    expect_err("1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
               "2 25544  51.6416 247.4627 0006703 130.5360\n",
               2, 43, "separator", "missing columns");
    /* A line 1 with trailing text. */
    expect_err("1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927 x\n"
               "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n",
               1, 70, "line 1", NULL);
    /* Line structure: name followed by a non-line-1, line 2 alone, line 1
     * alone at the end, name alone at the end. */
    expect_err("ISS\nISS again\n", 2, 1, "LINE_NUMBER", "named at line 1");
    expect_err("2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n",
               1, 1, "LINE_NUMBER", "without a line 1");
    {
        odc_elset_list l;
        odc_err err;
        assert_int_equal(odc_tle_read_string(
                             "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n",
                             "x", NULL, &l, &err),
                         ODC_EINPUT);
        assert_int_equal(err.line, 1);
        assert_int_equal(odc_tle_read_string("ISS\n", "x", NULL, &l, &err), ODC_EINPUT);
        assert_int_equal(err.line, 1);
        assert_int_equal(odc_tle_read_string("ISS\x01\n", "x", NULL, &l, &err), ODC_EINPUT);
    }
    /* Verification columns that are not three numbers. */
    expect_err("1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
               "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537  0.0 1.0\n",
               2, 70, "VERIFICATION", "found 2");
    expect_err("1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
               "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537  0.0 1.0 x\n",
               2, 80, "VERIFICATION", NULL);
}

static void test_alpha5(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        long v;
    } c[] = {{"A0000", 100000}, {"B1234", 111234}, {"H9999", 179999}, {"J0000", 180000},
             {"N0001", 220001}, {"P0000", 230000}, {"Z9999", 339999}, {"00042", 42},
             {"   42", 42}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char l1[80], l2[80];
        snprintf(l1, sizeof l1, "1 %sU 58002B   00179.78495062  .00000023  00000-0  28098-4 0  475",
                 c[i].s);
        snprintf(l2, sizeof l2, "2 %s  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667",
                 c[i].s);
        l1[68] = (char)('0' + odc_tle_checksum(l1));
        l1[69] = '\0';
        l2[68] = (char)('0' + odc_tle_checksum(l2));
        l2[69] = '\0';
        odc_elements el;
        odc_err err;
        if (odc_tle_parse(NULL, l1, l2, NULL, "a5", 1, &el, &err) != ODC_OK)
            fail_msg("%s: %s", c[i].s, err.msg);
        assert_int_equal(el.norad, c[i].v);
        /* Written back: Alpha-5 above 99999, zero-padded digits below. */
        char o1[70], o2[70];
        assert_int_equal(odc_tle_format(&el, o1, o2, &err), ODC_OK);
        char want[24];
        if (c[i].v > 99999)
            snprintf(want, sizeof want, "%s", c[i].s);
        else
            snprintf(want, sizeof want, "%05ld", c[i].v);
        assert_memory_equal(o1 + 2, want, 5);
        assert_memory_equal(o2 + 2, want, 5);
    }
    /* I and O are not Alpha-5 letters; lower case is not either. */
    const char *badl[] = {"I0000", "O1234", "a0000", "A00x0"};
    for (size_t i = 0; i < 4; i++) {
        char l1[80];
        snprintf(l1, sizeof l1, "1 %sU 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753",
                 badl[i]);
        odc_elements el;
        odc_err err;
        odc_tle_options opt = {0};
        assert_int_equal(odc_tle_parse(NULL, l1, ISS2, &opt, "a5", 1, &el, &err), ODC_EINPUT);
        assert_int_equal(err.col, 3);
        assert_string_equal(err.field, "NORAD_CAT_ID");
    }
    odc_elements el;
    odc_err err;
    char o1[70], o2[70];
    assert_int_equal(odc_tle_parse(NULL, ISS1, ISS2, NULL, "t", 1, &el, &err), ODC_OK);
    el.norad = 340000;
    assert_int_equal(odc_tle_format(&el, o1, o2, &err), ODC_EINPUT);
    assert_string_equal(err.field, "NORAD_CAT_ID");
}

static void test_sgp4_ver(void **state)
{
    (void)state;
    odc_elset_list l;
    odc_err err;
    odc_tle_options opt = {0};
    const char *path = ODC_SHARED_DIR "/testdata/sgp4/SGP4-VER.TLE";
    assert_int_equal(odc_tle_read_file(path, &opt, &l, &err), ODC_OK);
    assert_int_equal(l.n, 33);
    for (size_t i = 0; i < l.n; i++)
        assert_int_equal(l.has_verif[i], 1);
    /* First: 00005, 0..4320 step 360; the 22312 case starts at 54.2028672. */
    assert_int_equal(l.el[0].norad, 5);
    assert_int_equal(l.line[0], 3);
    assert_true(l.verif[0][0] == 0.0 && l.verif[0][1] == 4320.0 && l.verif[0][2] == 360.0);
    assert_true(l.el[0].ecc == 0.1859667);
    assert_true(l.el[0].bstar == 0.28098e-4);
    int found = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (l.el[i].norad == 22312) {
            found = 1;
            assert_true(l.verif[i][0] == 54.2028672);
            assert_true(l.verif[i][1] == 1440.0 && l.verif[i][2] == 20.0);
            assert_true(l.el[i].mean_motion_dot == 0.99999999);
            assert_true(l.el[i].mean_motion_ddot == 0.81888e-5);
            assert_int_equal(l.el[i].rev_at_epoch, 9878);
        }
        if (l.el[i].norad == 11801) {
            /* Blank designator, ephemeris type and a 1-digit set number. */
            assert_string_equal(l.el[i].object_id, "");
            assert_int_equal(l.el[i].element_set_no, 1);
            assert_true(l.el[i].bstar == 0.14311e-1);
        }
        if (l.el[i].norad == 29141)
            assert_string_equal(l.el[i].object_id, "1985-108AA");
        if (l.el[i].norad == 21897)
            assert_true(l.el[i].bstar == -0.13525e-3);
    }
    assert_true(found);
    assert_int_equal(l.el[32].norad, 20413);
    assert_true(l.verif[32][0] == 1844000.0 && l.verif[32][2] == 5.0);
    odc_elset_list_free(&l);
    /* With checksums verified, the first stale checksum (error-code cases
     * 33333, edited from 28872) stops the read at line 100. */
    assert_int_equal(odc_tle_read_file(path, NULL, &l, &err), ODC_EINPUT);
    assert_int_equal(err.line, 100);
    assert_int_equal(err.col, 69);
    assert_string_equal(err.field, "CHECKSUM");
    assert_null(l.el);
}

static void assert_same(const odc_elements *a, const odc_elements *b)
{
    assert_int_equal(a->norad, b->norad);
    assert_string_equal(a->object_id, b->object_id);
    assert_int_equal(a->classification, b->classification);
    assert_int_equal(a->ephemeris_type, b->ephemeris_type);
    assert_int_equal(a->element_set_no, b->element_set_no);
    assert_int_equal(a->rev_at_epoch, b->rev_at_epoch);
    assert_int_equal(a->epoch_year, b->epoch_year);
    assert_true(a->epoch_jd == b->epoch_jd);
    assert_true(a->epoch_jd_frac == b->epoch_jd_frac);
    assert_true(a->epoch_doy == b->epoch_doy);
    assert_true(a->mean_motion_rev_day == b->mean_motion_rev_day);
    assert_true(a->ecc == b->ecc);
    assert_true(a->incl_deg == b->incl_deg);
    assert_true(a->raan_deg == b->raan_deg);
    assert_true(a->argp_deg == b->argp_deg);
    assert_true(a->mean_anomaly_deg == b->mean_anomaly_deg);
    assert_true(a->bstar == b->bstar);
    assert_true(a->mean_motion_dot == b->mean_motion_dot);
    assert_true(a->mean_motion_ddot == b->mean_motion_ddot);
}

static void test_round_trip(void **state)
{
    (void)state;
    odc_elset_list l;
    odc_err err;
    odc_tle_options opt = {0};
    assert_int_equal(
        odc_tle_read_file(ODC_SHARED_DIR "/testdata/sgp4/SGP4-VER.TLE", &opt, &l, &err), ODC_OK);
    for (size_t i = 0; i < l.n; i++) {
        char a[70], b[70];
        assert_int_equal(odc_tle_format(&l.el[i], a, b, &err), ODC_OK);
        odc_elements back;
        assert_int_equal(odc_tle_parse(NULL, a, b, NULL, "rt", 1, &back, &err), ODC_OK);
        assert_same(&l.el[i], &back);
    }
    odc_elset_list_free(&l);
    /* ISS: written back character for character. */
    odc_elements el;
    char a[70], b[70];
    assert_int_equal(odc_tle_parse(NULL, ISS1, ISS2, NULL, "t", 1, &el, &err), ODC_OK);
    assert_int_equal(odc_tle_format(&el, a, b, &err), ODC_OK);
    assert_string_equal(a, ISS1);
    assert_string_equal(b, ISS2);
    /* Exponent fields across their range, and values needing rounding. */
    static const struct {
        double v;
        const char *s;
    } ex[] = {{0.0, " 00000-0"},   {-0.11606e-4, "-11606-4"}, {0.1, " 10000+0"},
              {0.99999, " 99999+0"}, {0.999996, " 10000+1"}, {1.5e-10, " 15000-9"},
              {1.23e-12, " 00123-9"}, {123.456, " 12346+3"}, {-2.5e-5, "-25000-4"}};
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        el.bstar = ex[i].v;
        assert_int_equal(odc_tle_format(&el, a, b, &err), ODC_OK);
        assert_memory_equal(a + 53, ex[i].s, 8);
        odc_elements back;
        assert_int_equal(odc_tle_parse(NULL, a, b, NULL, "t", 1, &back, &err), ODC_OK);
        /* half a unit of the 5th digit: 0.5e-5 x 10^e <= 5e-5 |v| */
        assert_true(fabs(back.bstar - ex[i].v) <= 5e-5 * fabs(ex[i].v) + 0.5e-14);
    }
    el.bstar = 1e10;
    assert_int_equal(odc_tle_format(&el, a, b, &err), ODC_EINPUT);
    assert_string_equal(err.field, "BSTAR");
    /* Epoch fraction that rounds up to the next day and year. */
    el.bstar = 0;
    double djm0, djm;
    assert_int_equal(eraCal2jd(2009, 1, 1, &djm0, &djm), 0);
    assert_int_equal(odc_elements_set_epoch_jd(&el, djm0 + djm, -1e-9, &err), ODC_OK);
    assert_int_equal(el.epoch_year, 2008);
    assert_true(fabs(el.epoch_doy - (367.0 - 1e-9)) < 1e-8);
    assert_int_equal(odc_tle_format(&el, a, b, &err), ODC_OK);
    assert_memory_equal(a + 18, "09001.00000000", 14);
    /* Fields that cannot be written are refused, naming the field. */
    static const char *names[] = {"ECCENTRICITY", "INCLINATION", "MEAN_MOTION", "OBJECT_ID",
                                  "MEAN_MOTION_DOT", "ELEMENT_SET_NO", "ECCENTRICITY",
                                  "MEAN_MOTION_DOT"};
    for (int k = 0; k < 8; k++) {
        odc_elements e2 = el;
        switch (k) {
        case 0: e2.ecc = 0.99999996; break;
        case 1: e2.incl_deg = 180.5; break;
        case 2: e2.mean_motion_rev_day = 0.0; break;
        case 3: snprintf(e2.object_id, sizeof e2.object_id, "98-067A"); break;
        case 4: e2.mean_motion_dot = 1.0; break;
        case 5: e2.element_set_no = 10000; break;
        case 6: e2.ecc = 1e300; break;
        default: e2.mean_motion_dot = -1e300; break;
        }
        assert_int_equal(odc_tle_format(&e2, a, b, &err), ODC_EINPUT);
        assert_string_equal(err.field, names[k]);
    }
}

static void test_file_forms(void **state)
{
    (void)state;
    /* 2-line and 3-line sets mixed, "0 " names, comments, blank lines, CRLF. */
    const char *text =
        "# a comment\r\n"
        "\r\n"
        "0 VANGUARD 1\r\n"
        "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\r\n"
        "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\r\n"
        "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
        "\n"
        "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537   \n"
        "ISS (ZARYA)   \n"
        "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
        "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";
    odc_elset_list l;
    odc_err err;
    assert_int_equal(odc_tle_read_string(text, "mix.tle", NULL, &l, &err), ODC_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.el[0].name, "VANGUARD 1");
    assert_int_equal(l.line[0], 3);
    assert_string_equal(l.el[1].name, "");
    assert_int_equal(l.line[1], 6);
    assert_string_equal(l.el[2].name, "ISS (ZARYA)");
    assert_int_equal(l.line[2], 9);
    assert_int_equal(l.has_verif[0] + l.has_verif[1] + l.has_verif[2], 0);
    odc_elset_list_free(&l);
    assert_int_equal(l.n, 0);
    /* Empty input: no sets, no error. */
    assert_int_equal(odc_tle_read_string("# nothing\n", "e", NULL, &l, &err), ODC_OK);
    assert_int_equal(l.n, 0);
    odc_elset_list_free(&l);
    /* Missing file. */
    assert_int_equal(odc_tle_read_file("/nonexistent/x.tle", NULL, &l, &err), ODC_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iss_fields),  cmocka_unit_test(test_epoch_years),
        cmocka_unit_test(test_checksum),    cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_alpha5),      cmocka_unit_test(test_sgp4_ver),
        cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_file_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
