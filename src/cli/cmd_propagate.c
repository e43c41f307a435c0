/* odcsim propagate: run SGP4/SDP4 over the element sets of a TLE or OMM file
 * and print TEME states as CSV. Two time grids: the verification grid that
 * SGP4-VER.TLE carries after column 69 of line 2 (--verification, the same
 * times the reference driver prints in tcppver.out), or one grid in minutes
 * since each set's epoch (--start/--stop/--step).
 *
 * An element set that SGP4 cannot propagate (decayed, eccentricity out of
 * range, ...) stops at the first failing time with one line on stderr; the
 * other sets go on and the exit status stays 0 (see docs/sgp4.md). */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/sgp4.h"
#include "odc/tle.h"

static void propagate_help(FILE *f)
{
    fprintf(f,
"usage: odcsim propagate --tle FILE --verification [options]\n"
"       odcsim propagate --tle FILE --start MIN --stop MIN --step MIN [options]\n"
"\n"
"Propagate every element set of FILE (TLE, 2- or 3-line, or CCSDS OMM in\n"
"CSV/JSON/XML) with SGP4/SDP4 and print CSV on stdout:\n"
"  norad,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s   (TEME of date)\n"
"\n"
"  --tle FILE         element sets to read\n"
"  --verification     use each set's start/stop/step (minutes) after column 69\n"
"                     of line 2 (SGP4-VER.TLE); prints t=0 first, as the\n"
"                     reference driver does; checksums are not verified\n"
"  --start MIN --stop MIN --step MIN\n"
"                     minutes since each set's epoch; stop is always included;\n"
"                     step may be negative when stop < start\n"
"  --opsmode a|i      AFSPC ('a') or improved ('i', default) operation mode\n"
"  --gravity G        wgs72 (default), wgs72old or wgs84\n"
"  --no-checksum      accept TLE lines with wrong checksums\n"
"\n"
"A set that fails (SGP4 error 1-4, or 6 decayed) stops with one line on\n"
"stderr naming it, the time and the code; the others go on and the exit\n"
"status is still 0. Usage or input errors exit 2.\n");
}

/* Parse a finite double from a whole argument. */
static int parse_num(const char *opt, const char *s, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(x))
        return cli_usage("propagate", "%s '%s': expected a finite number", opt, s);
    *out = x;
    return 0;
}

typedef struct prop_run {
    const odc_elements *el;
    const odc_sgp4 *rec;
    int failed;        /* 1 once an SGP4 error stopped this set */
} prop_run;

static void report_fail(const odc_elements *el, double t, int code)
{
    fprintf(stderr,
            "odcsim propagate: satellite %ld%s%s: SGP4 error %d at tsince %.9f min: %s\n",
            el->norad, el->name[0] ? " " : "", el->name, code, t,
            odc_sgp4_strerror(code));
}

/* Propagate one set to t and print the row; returns 0, or the SGP4 code
 * after reporting it. */
static int step_out(prop_run *p, double t)
{
    double r[3], v[3];
    int code = odc_sgp4_propagate(p->rec, t, r, v);
    if (code != ODC_SGP4_OK) {
        report_fail(p->el, t, code);
        p->failed = 1;
        return code;
    }
    printf("%ld,%.9f,%.9f,%.9f,%.9f,%.12f,%.12f,%.12f\n", p->el->norad, t,
           r[0], r[1], r[2], v[0], v[1], v[2]);
    return 0;
}

/* The reference driver's grid (Vallado et al. 2006, testcpp): epoch first,
 * then start, start+step, ... by repeated addition, the last step cut to
 * stop; the epoch row is not repeated when start is 0. */
static void run_verification(prop_run *p, double start, double stop,
                             double step)
{
    if (step_out(p, 0.0))
        return;
    double t = start;
    if (fabs(t) > 1.0e-8)
        t -= step;
    while (t < stop) {
        t += step;
        if (t > stop)
            t = stop;
        if (step_out(p, t))
            return;
    }
}

/* start + k step for k = 0, 1, ..., then stop itself when the steps do not
 * land on it (within 1e-9 of a step). */
static void run_grid(prop_run *p, double start, double stop, double step)
{
    double dir = step > 0.0 ? 1.0 : -1.0;
    double tol = 1e-9 * fabs(step);
    for (long k = 0;; k++) {
        double t = start + (double)k * step;
        int last = 0;
        if ((stop - t) * dir <= tol) {
            t = stop;
            last = 1;
        }
        if (step_out(p, t) || last)
            return;
    }
}

int cmd_propagate(int argc, char **argv)
{
    const char *path = NULL;
    int verification = 0, no_checksum = 0;
    int have_start = 0, have_stop = 0, have_step = 0;
    double start = 0.0, stop = 0.0, step = 0.0;
    char opsmode = 'i';
    odc_grav grav = ODC_WGS72;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            propagate_help(stdout);
            return 0;
        } else if (!strcmp(a, "--verification")) {
            verification = 1;
        } else if (!strcmp(a, "--no-checksum")) {
            no_checksum = 1;
        } else if (!strcmp(a, "--tle") || !strcmp(a, "--start")
                   || !strcmp(a, "--stop") || !strcmp(a, "--step")
                   || !strcmp(a, "--opsmode") || !strcmp(a, "--gravity")) {
            if (!val)
                return cli_usage("propagate", "%s needs a value", a);
            i++;
            if (!strcmp(a, "--tle")) {
                path = val;
            } else if (!strcmp(a, "--start")) {
                if (parse_num(a, val, &start))
                    return 2;
                have_start = 1;
            } else if (!strcmp(a, "--stop")) {
                if (parse_num(a, val, &stop))
                    return 2;
                have_stop = 1;
            } else if (!strcmp(a, "--step")) {
                if (parse_num(a, val, &step))
                    return 2;
                have_step = 1;
            } else if (!strcmp(a, "--opsmode")) {
                if (strcmp(val, "a") && strcmp(val, "i"))
                    return cli_usage("propagate", "--opsmode '%s': expected a or i", val);
                opsmode = val[0];
            } else {
                if (!strcmp(val, "wgs72"))
                    grav = ODC_WGS72;
                else if (!strcmp(val, "wgs72old"))
                    grav = ODC_WGS72OLD;
                else if (!strcmp(val, "wgs84"))
                    grav = ODC_WGS84;
                else
                    return cli_usage("propagate",
                                     "--gravity '%s': expected wgs72, wgs72old or wgs84", val);
            }
        } else {
            return cli_usage("propagate", "unknown argument '%s'", a);
        }
    }

    if (!path)
        return cli_usage("propagate", "--tle FILE is required");
    int have_grid = have_start || have_stop || have_step;
    if (verification && have_grid)
        return cli_usage("propagate", "--verification and --start/--stop/--step exclude each other");
    if (!verification) {
        if (!(have_start && have_stop && have_step))
            return cli_usage("propagate",
                             "give --verification, or all of --start, --stop and --step");
        if (step == 0.0 || (stop - start) * step < 0.0)
            return cli_usage("propagate",
                             "--step %g cannot go from --start %g to --stop %g",
                             step, start, stop);
        if (fabs((stop - start) / step) > 1e9)
            return cli_usage("propagate", "more than 1e9 steps per element set");
    }

    /* SGP4-VER.TLE carries edited lines with stale checksums, so the
     * verification grid never checks them. */
    odc_tle_options opt = {.verify_checksum = !(no_checksum || verification)};
    odc_elset_list list;
    odc_err err;
    odc_err_clear(&err);
    if (odc_tle_read_file(path, &opt, &list, &err) != ODC_OK)
        return cli_report(&err);

    if (verification) {
        for (size_t i = 0; i < list.n; i++)
            if (!list.has_verif || !list.has_verif[i] || !(list.verif[i][2] > 0.0)) {
                odc_err_set(&err, ODC_EINPUT, path, list.line ? list.line[i] : 0, 70,
                            "start/stop/step",
                            "element set %ld has no verification start, stop and "
                            "positive step (minutes) after column 69 of line 2",
                            list.el[i].norad);
                odc_elset_list_free(&list);
                return cli_report(&err);
            }
    }

    /* Initialise every set before printing anything, so that bad input
     * exits 2 without partial output. */
    odc_sgp4 *recs = calloc(list.n ? list.n : 1, sizeof *recs);
    int *init_rc = calloc(list.n ? list.n : 1, sizeof *init_rc);
    if (!recs || !init_rc) {
        free(recs);
        free(init_rc);
        odc_elset_list_free(&list);
        odc_err_set(&err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        return cli_report(&err);
    }
    for (size_t i = 0; i < list.n; i++) {
        init_rc[i] = odc_sgp4_init(&recs[i], &list.el[i], grav, opsmode, &err);
        if (init_rc[i] == ODC_EINPUT) {
            err.line = list.line ? list.line[i] : 0;
            snprintf(err.file, sizeof err.file, "%s", path);
            free(recs);
            free(init_rc);
            odc_elset_list_free(&list);
            return cli_report(&err);
        }
    }

    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    printf("norad,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s\n");
    size_t nfail = 0;
    for (size_t i = 0; i < list.n; i++) {
        prop_run p = {.el = &list.el[i], .rec = &recs[i], .failed = 0};
        if (init_rc[i] != ODC_OK) {
            report_fail(p.el, 0.0, recs[i].init_error);
            nfail++;
            continue;
        }
        if (verification)
            run_verification(&p, list.verif[i][0], list.verif[i][1], list.verif[i][2]);
        else
            run_grid(&p, start, stop, step);
        nfail += (size_t)p.failed;
    }
    fflush(stdout);
    if (nfail)
        fprintf(stderr,
                "odcsim propagate: %zu of %zu element sets stopped early with SGP4 "
                "errors (exit status 0: their rows up to the error are valid)\n",
                nfail, list.n);
    free(recs);
    free(init_rc);
    odc_elset_list_free(&list);
    return 0;
}
