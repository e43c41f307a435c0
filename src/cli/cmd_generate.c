/* odcsim generate: design a constellation (Walker, sun-synchronous plane,
 * formation-flying cluster) and export it as TLE or CCSDS OMM so other
 * tools can read it. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/afile.h"
#include "odc/constellation.h"
#include "odc/timescale.h"
#include "odc/tle.h"

static const char *usage_text =
    "usage: odcsim generate walker --t T --p P --f F --alt-km A --incl-deg I\n"
    "                              [--star] [--raan0-deg R] COMMON\n"
    "       odcsim generate sso --n N --alt-km A --ltan H COMMON\n"
    "       odcsim generate cluster --n N --radius-m R --min-spacing-m S\n"
    "                              --alt-km A --ltan H COMMON\n"
    "COMMON: --epoch ISO8601-UTC [--format tle|omm-json|omm-csv|omm-xml]\n"
    "        [--out FILE] [--first-norad N] [--name PREFIX]\n\n"
    "  walker   Walker delta T/P/F (nodes over 360 deg) or, with --star, Walker\n"
    "           star (nodes over 180 deg); circular at --alt-km (above Re =\n"
    "           6378.137 km), inclination --incl-deg, first node --raan0-deg (0).\n"
    "  sso      N circular satellites equally spaced in one sun-synchronous plane;\n"
    "           inclination solved for the altitude, node at local time of the\n"
    "           ascending node --ltan (hours; 6 = dawn-dusk).\n"
    "  cluster  N satellites in a hexagonal lattice within --radius-m of a\n"
    "           sun-synchronous reference orbit (the first satellite), spacing\n"
    "           >= --min-spacing-m, in the Clohessy-Wiltshire circular relative\n"
    "           orbit plane (no drift in two-body motion).\n"
    "Output: TLE (3-line, with names; default) or OMM; to --out FILE (written\n"
    "atomically) or stdout. Catalogue numbers from --first-norad (default 80001,\n"
    "the analyst-object range). Elements are design J2 mean elements, mean\n"
    "motion from Kepler's third law, BSTAR 0 (see docs/constellations.md).\n";

typedef struct {
    const char *name;
    int has_arg;
    const char *val;
    int seen;
} opt;

static opt *find_opt(opt *o, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(o[i].name, name))
            return &o[i];
    return NULL;
}

static int parse_double(const char *cmd, const opt *o, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(o->val, &end);
    if (errno || end == o->val || *end)
        return cli_usage(cmd, "%s: expected a number, got '%s'", o->name, o->val);
    return 0;
}

static int parse_int(const char *cmd, const opt *o, long lo, long hi, long *v)
{
    char *end;
    errno = 0;
    *v = strtol(o->val, &end, 10);
    if (errno || end == o->val || *end || *v < lo || *v > hi)
        return cli_usage(cmd, "%s: expected an integer %ld..%ld, got '%s'", o->name, lo,
                         hi, o->val);
    return 0;
}

static int write_tle(FILE *fp, const odc_elements *el, size_t n, odc_err *err)
{
    for (size_t i = 0; i < n; i++) {
        char l1[70], l2[70];
        int rc = odc_tle_format(&el[i], l1, l2, err);
        if (rc)
            return rc;
        if (fprintf(fp, "%s\n%s\n%s\n", el[i].name, l1, l2) < 0)
            return odc_err_set(err, ODC_EIO, NULL, 0, 0, NULL, "write failed");
    }
    return ODC_OK;
}

/* OMM output needs odc_omm_write from the TLE/OMM module (branch tle). */
static int write_omm(FILE *fp, const odc_elements *el, size_t n, const char *fmt,
                     odc_err *err)
{
    (void)fp;
    (void)el;
    (void)n;
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "--format",
                       "%s output is not available in this build (needs odc_omm_write); "
                       "use --format tle", fmt);
}

int cmd_generate(int argc, char **argv)
{
    const char *cmd = "generate";
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (argc < 2)
        return cli_usage(cmd, "expected a kind: walker, sso or cluster");
    const char *kind = argv[1];
    int is_walker = !strcmp(kind, "walker"), is_sso = !strcmp(kind, "sso"),
        is_cluster = !strcmp(kind, "cluster");
    if (!is_walker && !is_sso && !is_cluster)
        return cli_usage(cmd, "unknown kind '%s': expected walker, sso or cluster", kind);

    opt o[] = {
        {"--t", 1, NULL, 0},          {"--p", 1, NULL, 0},
        {"--f", 1, NULL, 0},          {"--alt-km", 1, NULL, 0},
        {"--incl-deg", 1, NULL, 0},   {"--star", 0, NULL, 0},
        {"--raan0-deg", 1, NULL, 0},  {"--n", 1, NULL, 0},
        {"--ltan", 1, NULL, 0},       {"--radius-m", 1, NULL, 0},
        {"--min-spacing-m", 1, NULL, 0}, {"--epoch", 1, NULL, 0},
        {"--format", 1, NULL, 0},     {"--out", 1, NULL, 0},
        {"--first-norad", 1, NULL, 0}, {"--name", 1, NULL, 0},
    };
    size_t no = sizeof o / sizeof o[0];
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        }
        opt *p = find_opt(o, no, argv[i]);
        if (!p)
            return cli_usage(cmd, "unknown option '%s'", argv[i]);
        if (p->seen)
            return cli_usage(cmd, "option %s given twice", argv[i]);
        p->seen = 1;
        if (p->has_arg) {
            if (i + 1 >= argc)
                return cli_usage(cmd, "option %s needs a value", argv[i]);
            p->val = argv[++i];
        }
    }
    /* Which options each kind requires and allows. */
    const char *need_w[] = {"--t", "--p", "--f", "--alt-km", "--incl-deg", "--epoch", NULL};
    const char *need_s[] = {"--n", "--alt-km", "--ltan", "--epoch", NULL};
    const char *need_c[] = {"--n", "--radius-m", "--min-spacing-m", "--alt-km", "--ltan",
                            "--epoch", NULL};
    const char **need = is_walker ? need_w : is_sso ? need_s : need_c;
    for (int k = 0; need[k]; k++)
        if (!find_opt(o, no, need[k])->seen)
            return cli_usage(cmd, "%s: missing required option %s", kind, need[k]);
    const char *only_w[] = {"--t", "--p", "--f", "--incl-deg", "--star", "--raan0-deg", NULL};
    const char *only_sc[] = {"--n", "--ltan", NULL};
    const char *only_c[] = {"--radius-m", "--min-spacing-m", NULL};
    for (int k = 0; only_w[k]; k++)
        if (!is_walker && find_opt(o, no, only_w[k])->seen)
            return cli_usage(cmd, "%s: option %s applies to walker only", kind, only_w[k]);
    for (int k = 0; only_sc[k]; k++)
        if (is_walker && find_opt(o, no, only_sc[k])->seen)
            return cli_usage(cmd, "walker: option %s applies to sso and cluster", only_sc[k]);
    for (int k = 0; only_c[k]; k++)
        if (!is_cluster && find_opt(o, no, only_c[k])->seen)
            return cli_usage(cmd, "%s: option %s applies to cluster only", kind, only_c[k]);

    odc_err err;
    odc_err_clear(&err);
    double jd1, jd2;
    if (odc_time_parse_iso(find_opt(o, no, "--epoch")->val, &jd1, &jd2, &err)) {
        snprintf(err.field, sizeof err.field, "--epoch");
        return cli_report(&err);
    }
    const char *fmt = find_opt(o, no, "--format")->seen ? find_opt(o, no, "--format")->val : "tle";
    if (strcmp(fmt, "tle") && strcmp(fmt, "omm-json") && strcmp(fmt, "omm-csv") &&
        strcmp(fmt, "omm-xml"))
        return cli_usage(cmd, "--format: expected tle, omm-json, omm-csv or omm-xml, got '%s'",
                         fmt);
    long first = 80001;
    if (find_opt(o, no, "--first-norad")->seen &&
        parse_int(cmd, find_opt(o, no, "--first-norad"), 1, 339999, &first))
        return 2;
    double alt;
    if (parse_double(cmd, find_opt(o, no, "--alt-km"), &alt))
        return 2;

    odc_constellation c = {0};
    int rc;
    const char *prefix = is_walker ? "WALKER" : is_sso ? "SSO" : "CLUSTER";
    if (find_opt(o, no, "--name")->seen)
        prefix = find_opt(o, no, "--name")->val;
    if (is_walker) {
        long t, p, f;
        double incl, raan0 = 0.0;
        if (parse_int(cmd, find_opt(o, no, "--t"), 1, 1000000, &t) ||
            parse_int(cmd, find_opt(o, no, "--p"), 1, 1000000, &p) ||
            parse_int(cmd, find_opt(o, no, "--f"), 0, 1000000, &f) ||
            parse_double(cmd, find_opt(o, no, "--incl-deg"), &incl) ||
            (find_opt(o, no, "--raan0-deg")->seen &&
             parse_double(cmd, find_opt(o, no, "--raan0-deg"), &raan0)))
            return 2;
        rc = odc_walker(&c, (int)t, (int)p, (int)f, alt, incl, raan0,
                        find_opt(o, no, "--star")->seen, jd1, jd2, &err);
    } else {
        long n;
        double ltan;
        if (parse_int(cmd, find_opt(o, no, "--n"), 1, 1000000, &n) ||
            parse_double(cmd, find_opt(o, no, "--ltan"), &ltan))
            return 2;
        if (is_sso) {
            rc = odc_sso(&c, (int)n, alt, ltan, jd1, jd2, &err);
        } else {
            double rad, spc, got;
            if (parse_double(cmd, find_opt(o, no, "--radius-m"), &rad) ||
                parse_double(cmd, find_opt(o, no, "--min-spacing-m"), &spc))
                return 2;
            odc_constellation ref = {0};
            rc = odc_sso(&ref, 1, alt, ltan, jd1, jd2, &err);
            if (!rc)
                rc = odc_cluster(&c, &ref, (int)n, rad, spc, &got, &err);
            odc_constellation_free(&ref);
            if (!rc)
                fprintf(stderr, "odcsim generate: cluster of %ld, lattice spacing %.3f m\n",
                        n, got);
            /* TLE fields round angles to 1e-4 deg (12 m at 7000 km) and
             * eccentricity to 1e-7: too coarse for metre-level formations. */
            if (!rc && !strcmp(fmt, "tle"))
                fprintf(stderr, "odcsim generate: warning: TLE rounds angles to 1e-4 deg "
                        "(~%.0f m at this altitude); use an omm format to keep the "
                        "cluster geometry\n", 1e-4 * 3.14159265358979 / 180.0 *
                        (ODC_RE_EARTH_KM + alt) * 1000.0);
        }
    }
    if (rc) {
        odc_constellation_free(&c);
        return cli_report(&err);
    }
    odc_elements *el = calloc(c.n ? c.n : 1, sizeof *el);
    if (!el) {
        odc_constellation_free(&c);
        odc_err_set(&err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        return cli_report(&err);
    }
    rc = odc_constellation_to_elements(&c, first, prefix, el, &err);
    size_t n = c.n;
    odc_constellation_free(&c);
    if (rc) {
        free(el);
        return cli_report(&err);
    }

    odc_afile af;
    FILE *fp = stdout;
    const char *out = find_opt(o, no, "--out")->seen ? find_opt(o, no, "--out")->val : NULL;
    if (out) {
        if ((rc = odc_afile_open(&af, out, &err))) {
            free(el);
            return cli_report(&err);
        }
        fp = af.fp;
    }
    if (!strcmp(fmt, "tle"))
        rc = write_tle(fp, el, n, &err);
    else
        rc = write_omm(fp, el, n, fmt, &err);
    free(el);
    if (out) {
        if (rc)
            odc_afile_abort(&af);
        else
            rc = odc_afile_commit(&af, &err);
    } else if (!rc && fflush(stdout)) {
        rc = odc_err_set(&err, ODC_EIO, NULL, 0, 0, NULL, "write to stdout failed");
    }
    return rc ? cli_report(&err) : 0;
}
