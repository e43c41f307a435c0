/* OMM readers and writers: the CelesTrak samples field by field (epoch
 * against ERFA's calendar), OMM -> TLE -> elements equality, write/read
 * round trips in the three syntaxes, errors with record, keyword, line and
 * column, and format detection by odc_elsets_read_file. */
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
#include <unistd.h>

#include "odc/omm.h"
#include "odc/tle.h"

#define SAMPLES ODC_SHARED_DIR "/testdata/sgp4/sample_omm."

static double jd_of(int y, int m, int d)
{
    double a, b;
    assert_int_equal(eraCal2jd(y, m, d, &a, &b), 0);
    return a + b;
}

static void test_samples(void **state)
{
    (void)state;
    const char *ext[] = {"csv", "xml", "json"};
    for (int f = 0; f < 3; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", SAMPLES, ext[f]);
        odc_elset_list l;
        odc_err err;
        if (odc_omm_read_file(path, &l, &err) != ODC_OK)
            fail_msg("%s: %s", path, err.msg);
        assert_int_equal(l.n, 1);
        const odc_elements *e = &l.el[0];
        assert_string_equal(e->name, "VANGUARD 1");
        assert_string_equal(e->object_id, "1958-002B");
        assert_int_equal(e->norad, 5);
        assert_int_equal(e->classification, 'U');
        assert_int_equal(e->ephemeris_type, 0);
        assert_int_equal(e->element_set_no, 999);
        if (f < 2) { /* CSV and XML carry the same 2020 set */
            assert_true(e->epoch_jd == jd_of(2020, 10, 13));
            assert_true(e->epoch_jd_frac == (double)(((4 * 60 + 52) * 60 + 48) * 1000000LL + 472320) / 86400e6);
            assert_int_equal(e->epoch_year, 2020);
            assert_true(fabs(e->epoch_doy - (287.0 + 17568.47232 / 86400.0)) < 1e-11);
            assert_true(e->mean_motion_rev_day == 10.84869164);
            assert_true(e->ecc == 0.1845686);
            assert_true(e->incl_deg == 34.2443);
            assert_true(e->raan_deg == 225.5254);
            assert_true(e->argp_deg == 162.2516);
            assert_true(e->mean_anomaly_deg == 205.2356);
            assert_int_equal(e->rev_at_epoch, 21814);
            assert_true(e->bstar == -0.22483e-4);
            assert_true(e->mean_motion_dot == -1.6e-7);
            assert_true(e->mean_motion_ddot == 0.0);
        } else {
            assert_true(e->epoch_jd == jd_of(2025, 2, 14));
            assert_true(e->epoch_jd_frac == (double)(((14 * 60 + 36) * 60 + 48) * 1000000LL + 662784) / 86400e6);
            assert_true(e->mean_motion_rev_day == 10.85873516);
            assert_true(e->ecc == 0.1841322);
            assert_true(e->raan_deg == 19.2327);
            assert_int_equal(e->rev_at_epoch, 39027);
            assert_true(e->bstar == 0.00035436);
            assert_true(e->mean_motion_dot == 2.64e-6);
        }
        odc_elset_list_free(&l);
    }
}

/* OMM -> odc_elements -> TLE text -> odc_elements: every field identical;
 * the epoch to the TLE's 1e-8 day (0.864 ms), here within 0.5 us since
 * CelesTrak's OMM epochs are TLE epochs rounded to the microsecond. */
static void test_omm_tle_same_orbit(void **state)
{
    (void)state;
    const char *ext[] = {"csv", "xml", "json"};
    for (int f = 0; f < 3; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", SAMPLES, ext[f]);
        odc_elset_list l;
        odc_err err;
        assert_int_equal(odc_omm_read_file(path, &l, &err), ODC_OK);
        const odc_elements *a = &l.el[0];
        char l1[70], l2[70];
        assert_int_equal(odc_tle_format(a, l1, l2, &err), ODC_OK);
        odc_elements b;
        assert_int_equal(odc_tle_parse(a->name, l1, l2, NULL, "t", 1, &b, &err), ODC_OK);
        assert_string_equal(a->name, b.name);
        assert_string_equal(a->object_id, b.object_id);
        assert_int_equal(a->norad, b.norad);
        assert_int_equal(a->classification, b.classification);
        assert_int_equal(a->element_set_no, b.element_set_no);
        assert_int_equal(a->rev_at_epoch, b.rev_at_epoch);
        assert_true(a->epoch_jd == b.epoch_jd);
        assert_true(fabs(a->epoch_jd_frac - b.epoch_jd_frac) * 86400e6 <= 0.5);
        assert_true(a->mean_motion_rev_day == b.mean_motion_rev_day);
        assert_true(a->ecc == b.ecc);
        assert_true(a->incl_deg == b.incl_deg);
        assert_true(a->raan_deg == b.raan_deg);
        assert_true(a->argp_deg == b.argp_deg);
        assert_true(a->mean_anomaly_deg == b.mean_anomaly_deg);
        assert_true(a->bstar == b.bstar);
        assert_true(a->mean_motion_dot == b.mean_motion_dot);
        assert_true(a->mean_motion_ddot == b.mean_motion_ddot);
        odc_elset_list_free(&l);
    }
}

static void assert_same(const odc_elements *a, const odc_elements *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->object_id, b->object_id);
    assert_int_equal(a->norad, b->norad);
    assert_int_equal(a->classification, b->classification);
    assert_int_equal(a->ephemeris_type, b->ephemeris_type);
    assert_int_equal(a->element_set_no, b->element_set_no);
    assert_int_equal(a->rev_at_epoch, b->rev_at_epoch);
    assert_true(a->epoch_jd == b->epoch_jd);
    assert_true(a->epoch_jd_frac == b->epoch_jd_frac);
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

/* Write -> read in each syntax gives the same sets (awkward names, Alpha-5
 * range numbers, values needing all 17 digits). */
static void test_write_round_trip(void **state)
{
    (void)state;
    odc_elset_list src;
    odc_err err;
    odc_tle_options opt = {0};
    assert_int_equal(odc_tle_read_file(ODC_SHARED_DIR "/testdata/sgp4/SGP4-VER.TLE", &opt, &src, &err),
                     ODC_OK);
    snprintf(src.el[0].name, sizeof src.el[0].name, "A, \"quoted\" <&> name");
    snprintf(src.el[1].name, sizeof src.el[1].name, "Zo\xc3\xab");
    src.el[2].norad = 339999;
    src.el[3].raan_deg = 1.0 / 3.0;
    src.el[3].incl_deg = 34.002414549263996; /* cJSON's own printing loses it */
    src.el[4].bstar = -1.234567890123e-7;
    for (int f = 0; f < 3; f++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        assert_non_null(fp);
        assert_int_equal(odc_omm_write(fp, src.el, src.n, (odc_omm_format)f, &err), ODC_OK);
        fclose(fp);
        odc_elset_list back;
        if (odc_omm_read_string(buf, len, "rt", &back, &err) != ODC_OK)
            fail_msg("format %d: %s:%d:%d %s %s", f, err.file, err.line, err.col, err.field, err.msg);
        assert_int_equal(back.n, src.n);
        for (size_t i = 0; i < src.n; i++)
            assert_same(&src.el[i], &back.el[i]);
        odc_elset_list_free(&back);
        free(buf);
    }
    odc_elset_list_free(&src);
}

static void expect(const char *text, int line, int col, const char *field, const char *part)
{
    odc_elset_list l;
    odc_err err;
    odc_err_clear(&err);
    int rc = odc_omm_read_string(text, strlen(text), "in.omm", &l, &err);
    char buf[1024];
    odc_err_format(&err, buf, sizeof buf);
    if (rc != ODC_EINPUT || err.line != line || err.col != col || strcmp(err.field, field) ||
        (part && !strstr(err.msg, part)))
        fail_msg("expected %d:%d '%s' (%s), got rc %d: %s", line, col, field, part ? part : "",
                 rc, buf);
}

#define HDR "OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\n"
#define ROW "VANGUARD 1,1958-002B,2020-10-13T04:52:48.472320,10.84869164,.1845686,34.2443,225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n"

static void test_errors(void **state)
{
    (void)state;
    /* CSV: line and column of the field. ECCENTRICITY of this row is at col 61. */
    expect(HDR ROW "VANGUARD 1,1958-002B,2020-10-13T04:52:48.472320,10.84869164,1.1845686,34.2443,"
                   "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           3, 61, "ECCENTRICITY", "record 2: 1.1845686 is out of range [0, 1)");
    expect(HDR "VANGUARD 1,1958-002B,2020-10-13T04:52:48.472320,10.8486x164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 49, "MEAN_MOTION", "expected a decimal number, got \"10.8486x164\"");
    expect(HDR "VANGUARD 1,1958-002B,2020-10-13T04:52:48.472320,10.84869164,.1845686,180.5,"
               "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 70, "INCLINATION", "out of range");
    expect(HDR "VANGUARD 1,1958-002B,2020-02-30T04:52:48.472320,10.84869164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 22, "EPOCH", "no such date");
    expect(HDR "VANGUARD 1,1958-002B,2020-10-13T24:00:00,10.84869164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 22, "EPOCH", "time of day");
    expect(HDR "VANGUARD 1,1958-002B,2020-10-13 04:52:48,10.84869164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 22, "EPOCH", "ISO date");
    expect(HDR "VANGUARD 1,1958-002B,2020-10-13T04:52:48,10.84869164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,X,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 100, "CLASSIFICATION_TYPE", NULL);
    expect(HDR "VANGUARD 1,1958-002B,2020-10-13T04:52:48,10.84869164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,U,5.5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 102, "NORAD_CAT_ID", "unsigned integer");
    expect(HDR "VANGUARD 1,1958-002B\n", 2, 0, "", "has 2 fields, the header has 17");
    expect(HDR "\"VANGUARD 1,1958-002B\n", 2, 1, "", "not closed");
    expect(HDR "VAN\"GUARD\n", 2, 4, "", "inside an unquoted field");
    expect(HDR "\"V\xff\",1958-002B,2020-10-13T04:52:48,10.84869164,.1845686,34.2443,"
               "225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n",
           2, 1, "OBJECT_NAME", "invalid UTF-8");
    expect("OBJECT_NAME,EPOCH,MEAN_MOTION\nX,2020-10-13T04:52:48,10.8\n", 2, 0, "ECCENTRICITY",
           "required keyword missing");
    expect("EPOCH,MEAN_MOTION,EPOCH\n", 1, 19, "EPOCH", "twice in the header");
    expect("a,b\n1,2\n", 1, 1, "", "not an OMM CSV header");
    /* JSON: syntax errors with line/column (cJSON stops just after the second
     * comma, at column 23), values with record and keyword. */
    expect("[{\"EPOCH\": \"2020-10-13T04:52:48\",\n \"MEAN_MOTION\": 10.8,,}]", 2, 23, "",
           "JSON syntax error");
    expect("[{\"ECCENTRICITY\": true}]", 0, 0, "ECCENTRICITY",
           "record 1: expected a number, got a boolean");
    expect("[{\"OBJECT_NAME\": \"A\"}, {\"EPOCH\": \"x\"}]", 0, 0, "EPOCH", "record 1: required");
    expect("[{\"NORAD_CAT_ID\": 5.5}]", 0, 0, "NORAD_CAT_ID", "expected an integer");
    expect("[{\"OBJECT_NAME\": 5}]", 0, 0, "OBJECT_NAME", "expected a string");
    expect("[{\"EPOCH\": \"2020-10-13T04:52:48\", \"EPOCH\": \"2020-10-13T04:52:48\"}]", 0, 0,
           "EPOCH", "given twice");
    expect("[1]", 0, 0, "", "record 1: expected an object");
    expect("[] x", 1, 4, "", "text after");
    /* XML: line from libxml2. */
    expect("<ndm>\n<omm>\n<body><segment><data>\n<meanElements>\n"
           "<EPOCH>2020-10-13T04:52:48</EPOCH>\n<MEAN_MOTION>-1</MEAN_MOTION>\n",
           7, 1, "", "Premature end of data");
    expect("<ndm>\n<omm><body><segment><metadata>\n<REF_FRAME>GCRF</REF_FRAME>\n"
           "</metadata></segment></body></omm></ndm>\n",
           3, 0, "REF_FRAME", "expected TEME");
    expect("<ndm><omm><body><segment><metadata>\n<MEAN_ELEMENT_THEORY>SGP4-XP</MEAN_ELEMENT_THEORY>\n"
           "</metadata></segment></body></omm></ndm>\n",
           2, 0, "MEAN_ELEMENT_THEORY", "expected SGP4");
    expect("<ndm><omm><body><segment><data><meanElements>\n"
           "<EPOCH>2020-10-13T04:52:48</EPOCH>\n<MEAN_MOTION>-1</MEAN_MOTION>\n"
           "</meanElements></data></segment></body></omm></ndm>\n",
           3, 0, "MEAN_MOTION", "out of range (0, 1000]");
    expect("<ndm/>", 0, 0, "", "no <segment>");
    expect("<!DOCTYPE ndm [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
           "<ndm><omm><body><segment><metadata><OBJECT_NAME>&b;</OBJECT_NAME></metadata>"
           "</segment></body></omm></ndm>",
           0, 0, "", "DTD");
}

static void test_epoch_forms(void **state)
{
    (void)state;
    odc_elements a, b;
    odc_err err;
    /* Calendar and day-of-year forms, 'Z', nanoseconds. */
    assert_int_equal(odc_omm_parse_epoch("2008-09-20T12:25:40.104192", &a, &err), ODC_OK);
    assert_int_equal(odc_omm_parse_epoch("2008-264T12:25:40.104192Z", &b, &err), ODC_OK);
    assert_true(a.epoch_jd == b.epoch_jd && a.epoch_jd_frac == b.epoch_jd_frac);
    assert_true(a.epoch_jd == jd_of(2008, 9, 20));
    assert_true(fabs(a.epoch_doy - 264.51782528) < 1e-11);
    assert_int_equal(odc_omm_parse_epoch("2000-12-31T23:59:59.999999999", &a, &err), ODC_OK);
    assert_int_equal(a.epoch_year, 2000);
    assert_true(fabs(a.epoch_doy - 367.0) < 1e-13);
    assert_int_equal(odc_omm_parse_epoch("2001-366T00:00:00", &a, &err), ODC_EINPUT);
    assert_int_equal(odc_omm_parse_epoch("2000-366T00:00:00", &a, &err), ODC_OK);
    assert_int_equal(odc_omm_parse_epoch("2000-01-01T00:00:00.", &a, &err), ODC_EINPUT);
    assert_int_equal(odc_omm_parse_epoch("2000-01-01T00:00:00.1234567890", &a, &err), ODC_EINPUT);
    assert_int_equal(odc_omm_parse_epoch("2000-01-01T00:00", &a, &err), ODC_EINPUT);
    assert_string_equal(err.field, "EPOCH");
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_detect(void **state)
{
    (void)state;
    char dir[] = "/tmp/odc_omm_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[600];
    odc_elset_list l;
    odc_err err;
    const char *ext[] = {"csv", "json", "xml"};
    for (int f = 0; f < 3; f++) {
        char src[512];
        snprintf(src, sizeof src, "%s%s", SAMPLES, ext[f]);
        assert_int_equal(odc_elsets_read_file(src, NULL, &l, &err), ODC_OK);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.el[0].norad, 5);
        odc_elset_list_free(&l);
    }
    snprintf(p, sizeof p, "%s/a.tle", dir);
    write_file(p, "\n# iss\n1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
                  "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n");
    assert_int_equal(odc_elsets_read_file(p, NULL, &l, &err), ODC_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.el[0].norad, 25544);
    odc_elset_list_free(&l);
    /* A TLE error is reported as a TLE error (not as a CSV one). */
    write_file(p, "ISS, the station\n1 25544U\n");
    assert_int_equal(odc_elsets_read_file(p, NULL, &l, &err), ODC_EINPUT);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "without its line 2"));
    unlink(p);
    rmdir(dir);
}

/* The library never prints, even for what libxml2 reports outside its
 * parser context (encoding errors). */
static void test_xml_silent(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;
    } docs[] = {
        /* These three made libxml2 2.9.14 print "encoding error" lines. */
        {"<\0\0\0\0\0\0\0\0\0\0\0", 12},
        {"<\0?\0x\0m\0\0\xd8\0\0", 12},
        {"<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><a>\x1b$B\xff\xff</a>", 0},
        {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ndm>\xba\xa9</ndm>", 0},
        {"<ndm><omm><body><segment><metadata><OBJECT_NAME>\xc3</OBJECT_NAME>", 0},
    };
    char path[] = "/tmp/odc_stderr_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        odc_elset_list l;
        odc_err err;
        size_t n = docs[i].n ? docs[i].n : strlen(docs[i].s);
        int rc = odc_omm_read_string(docs[i].s, n, "x.xml", &l, &err);
        if (rc == ODC_OK)
            odc_elset_list_free(&l);
        assert_int_equal(rc, ODC_EINPUT);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    assert_int_equal(size, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples),      cmocka_unit_test(test_omm_tle_same_orbit),
        cmocka_unit_test(test_write_round_trip), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_epoch_forms),  cmocka_unit_test(test_detect),
        cmocka_unit_test(test_xml_silent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
