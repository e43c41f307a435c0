/* odcsim propagate: run SGP4/SDP4 over the element sets of a TLE or OMM file
 * and print states as CSV. Three time grids: the verification grid that
 * SGP4-VER.TLE carries after column 69 of line 2 (--verification, the same
 * times the reference driver prints in tcppver.out), one grid in minutes
 * since each set's epoch (--start/--stop/--step), or one UTC grid shared by
 * all sets (--utc/--duration/--step-s). States are TEME by default, or
 * ITRF / GCRS (--frame).
 *
 * An element set that SGP4 cannot propagate (decayed, eccentricity out of
 * range, ...) stops at the first failing time with one line on stderr; the
 * other sets go on and the exit status stays 0 (see docs/sgp4.md). */
#include "cli.h"
#include "args.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/frames.h"
#include "odc/sgp4.h"
#include "odc/timescale.h"
#include "odc/tle.h"

static void propagate_help(FILE *f)
{
    fprintf(f,
"usage: odcsim propagate --tle FILE --verification [options]\n"
"       odcsim propagate --tle FILE --start MIN --stop MIN --step MIN [options]\n"
"       odcsim propagate --tle FILE --utc START_ISO --duration S --step-s S [options]\n"
"\n"
"Propagate every element set of FILE (TLE, 2- or 3-line, or CCSDS OMM in\n"
"CSV/JSON/XML) with SGP4/SDP4 and print CSV on stdout:\n"
"  norad,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s\n"
"  (with --utc the second column is utc, ISO 8601 with microseconds)\n"
"\n"
"  --tle FILE         element sets to read\n"
"  --verification     each set's start/stop/step (minutes) after column 69 of\n"
"                     line 2 (SGP4-VER.TLE); prints t=0 first, as the\n"
"                     reference driver does; checksums are not verified\n"
"  --start MIN --stop MIN --step MIN\n"
"                     minutes since each set's epoch; stop is always included;\n"
"                     step is negative when stop < start\n"
"  --utc START_ISO --duration S --step-s S\n"
"                     one UTC grid for all sets: START, START+S, ... up to and\n"
"                     including START+duration\n"
"  --frame F          teme (default; SGP4's true equator, mean equinox),\n"
"                     itrf (GMST82 rotation) or gcrs (IAU 2006/2000A);\n"
"                     UT1-UTC and polar motion are taken as 0\n"
"  --opsmode a|i      AFSPC ('a') or improved ('i', default) operation mode\n"
"  --gravity G        wgs72 (default), wgs72old or wgs84\n"
"  --no-checksum      accept TLE lines with wrong checksums\n"
"\n"
"A set that fails (SGP4 error 1-4, or 6 decayed) stops with one line on\n"
"stderr naming it, the time and the code; the others go on and the exit\n"
"status is still 0. Usage or input errors exit 2.\n");
}

enum frame { FRAME_TEME, FRAME_ITRF, FRAME_GCRS };

typedef struct prop_run {
    const odc_elements *el;
    const odc_sgp4 *rec;
    enum frame frame;
    int utc_col;       /* 1: time column is UTC ISO 8601                    */
    int failed;        /* 1 once an SGP4 error stopped this set             */
    int frame_error;   /* 1 when a frame conversion failed (bad date)       */
} prop_run;

static void report_fail(const prop_run *p, double t, int code, double u1,
                        double u2)
{
    char utc[64] = "";
    if (p->utc_col) {
        char iso[48];
        if (odc_time_format_iso(u1, u2, 6, iso, sizeof iso) == ODC_OK)
            snprintf(utc, sizeof utc, " (UTC %s)", iso);
    }
    fprintf(stderr,
            "odcsim propagate: satellite %ld%s%s: SGP4 error %d at tsince %.9f min%s: %s\n",
            p->el->norad, p->el->name[0] ? " " : "", p->el->name, code, t, utc,
            odc_sgp4_strerror(code));
}

/* Propagate one set to t minutes from epoch (UTC u1 + u2), convert to the
 * output frame and print the row. Returns 0, or nonzero after reporting an
 * SGP4 error (or a frame error) on stderr. */
static int emit(prop_run *p, double t, double u1, double u2)
{
    double r[3], v[3];
    int code = odc_sgp4_propagate(p->rec, t, r, v);
    if (code != ODC_SGP4_OK) {
        report_fail(p, t, code, u1, u2);
        p->failed = 1;
        return code;
    }
    if (p->frame != FRAME_TEME) {
        odc_err err;
        double b1, b2;
        int rc;
        if (p->frame == FRAME_ITRF) {
            rc = odc_utc_to_ut1(u1, u2, 0.0, &b1, &b2, &err);
            if (rc == ODC_OK)
                odc_teme_to_itrf(r, v, b1, b2, 0.0, 0.0, r, v);
        } else {
            rc = odc_teme_to_gcrs(r, v, u1, u2, 0.0, 0.0, 0.0, r, v, &err);
        }
        if (rc != ODC_OK) {
            cli_report(&err);
            p->frame_error = 1;
            return rc;
        }
    }
    if (p->utc_col) {
        char iso[48];
        if (odc_time_format_iso(u1, u2, 6, iso, sizeof iso) != ODC_OK) {
            fprintf(stderr, "odcsim propagate: satellite %ld: time %.6f min "
                    "cannot be written as a UTC date\n", p->el->norad, t);
            p->frame_error = 1;
            return 1;
        }
        printf("%ld,%s", p->el->norad, iso);
    } else {
        printf("%ld,%.9f", p->el->norad, t);
    }
    printf(",%.9f,%.9f,%.9f,%.12f,%.12f,%.12f\n", r[0], r[1], r[2], v[0], v[1],
           v[2]);
    return 0;
}

/* Minutes since epoch -> the set's UTC (epoch + t). */
static int emit_min(prop_run *p, double t)
{
    return emit(p, t, p->rec->epoch_jd, p->rec->epoch_jd_frac + t / 1440.0);
}

/* The reference driver's grid (Vallado et al. 2006, testcpp): epoch first,
 * then start, start+step, ... by repeated addition, the last step cut to
 * stop; the epoch row is not repeated when start is 0. */
static void run_verification(prop_run *p, double start, double stop,
                             double step)
{
    if (emit_min(p, 0.0))
        return;
    double t = start;
    if (fabs(t) > 1.0e-8)
        t -= step;
    while (t < stop) {
        t += step;
        if (t > stop)
            t = stop;
        if (emit_min(p, t))
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
        if (emit_min(p, t) || last)
            return;
    }
}

/* UTC grid u1 + u2 + k step_s, k = 0.., up to and including the duration. */
static void run_utc(prop_run *p, double u1, double u2, double duration_s,
                    double step_s)
{
    double tol = 1e-9 * step_s;
    for (long k = 0;; k++) {
        double dt_s = (double)k * step_s;
        int last = 0;
        if (duration_s - dt_s <= tol) {
            dt_s = duration_s;
            last = 1;
        }
        double w2 = u2 + dt_s / 86400.0;
        double t = odc_sgp4_tsince_min(p->rec, u1, w2);
        if (emit(p, t, u1, w2) || last)
            return;
    }
}

static int is_valued(const char *a)
{
    static const char *const opts[] = {
        "--tle", "--start", "--stop", "--step", "--opsmode", "--gravity",
        "--frame", "--utc", "--duration", "--step-s",
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (!strcmp(a, opts[i]))
            return 1;
    return 0;
}

int cmd_propagate(int argc, char **argv)
{
    const char *path = NULL, *utc_iso = NULL;
    int verification = 0, no_checksum = 0;
    int have_start = 0, have_stop = 0, have_step = 0;
    int have_duration = 0, have_step_s = 0;
    double start = 0.0, stop = 0.0, step = 0.0, duration_s = 0.0, step_s = 0.0;
    char opsmode = 'i';
    odc_grav grav = ODC_WGS72;
    enum frame frame = FRAME_TEME;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            propagate_help(stdout);
            return 0;
        } else if (!strcmp(a, "--verification")) {
            verification = 1;
            continue;
        } else if (!strcmp(a, "--no-checksum")) {
            no_checksum = 1;
            continue;
        } else if (!is_valued(a)) {
            return cli_usage("propagate", "unknown argument '%s'", a);
        }
        if (i + 1 >= argc)
            return cli_usage("propagate", "%s needs a value", a);
        const char *val = argv[++i];
        if (!strcmp(a, "--tle")) {
            path = val;
        } else if (!strcmp(a, "--utc")) {
            utc_iso = val;
        } else if (!strcmp(a, "--start")) {
            if (cli_arg_double("propagate", a, val, &start))
                return 2;
            have_start = 1;
        } else if (!strcmp(a, "--stop")) {
            if (cli_arg_double("propagate", a, val, &stop))
                return 2;
            have_stop = 1;
        } else if (!strcmp(a, "--step")) {
            if (cli_arg_double("propagate", a, val, &step))
                return 2;
            have_step = 1;
        } else if (!strcmp(a, "--duration")) {
            if (cli_arg_double("propagate", a, val, &duration_s))
                return 2;
            have_duration = 1;
        } else if (!strcmp(a, "--step-s")) {
            if (cli_arg_double("propagate", a, val, &step_s))
                return 2;
            have_step_s = 1;
        } else if (!strcmp(a, "--opsmode")) {
            if (strcmp(val, "a") && strcmp(val, "i"))
                return cli_usage("propagate", "--opsmode '%s': expected a or i", val);
            opsmode = val[0];
        } else if (!strcmp(a, "--frame")) {
            if (!strcmp(val, "teme"))
                frame = FRAME_TEME;
            else if (!strcmp(val, "itrf"))
                frame = FRAME_ITRF;
            else if (!strcmp(val, "gcrs"))
                frame = FRAME_GCRS;
            else
                return cli_usage("propagate", "--frame '%s': expected teme, itrf or gcrs", val);
        } else { /* --gravity */
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
    }

    if (!path)
        return cli_usage("propagate", "--tle FILE is required");
    if (cli_input_file("propagate", "--tle", path))
        return 2;
    int min_grid = have_start || have_stop || have_step;
    int utc_grid = utc_iso || have_duration || have_step_s;
    if (verification + min_grid + utc_grid != 1)
        return cli_usage("propagate", "give exactly one of --verification, "
                         "--start/--stop/--step, or --utc/--duration/--step-s");
    if (min_grid) {
        if (!(have_start && have_stop && have_step))
            return cli_usage("propagate", "--start, --stop and --step go together");
        if (step == 0.0 || (stop - start) * step < 0.0)
            return cli_usage("propagate",
                             "--step %g cannot go from --start %g to --stop %g",
                             step, start, stop);
        if (fabs((stop - start) / step) > 1e9)
            return cli_usage("propagate", "more than 1e9 steps per element set");
    }
    double u1 = 0.0, u2 = 0.0;
    if (utc_grid) {
        if (!(utc_iso && have_duration && have_step_s))
            return cli_usage("propagate", "--utc, --duration and --step-s go together");
        if (duration_s < 0.0 || !(step_s > 0.0))
            return cli_usage("propagate",
                             "--duration must be >= 0 and --step-s > 0 (seconds)");
        if (duration_s / step_s > 1e9)
            return cli_usage("propagate", "more than 1e9 steps per element set");
        odc_err terr;
        if (odc_time_parse_iso(utc_iso, &u1, &u2, &terr) != ODC_OK) {
            snprintf(terr.field, sizeof terr.field, "--utc");
            return cli_report(&terr);
        }
    }

    /* SGP4-VER.TLE carries edited lines with stale checksums, so the
     * verification grid never checks them. */
    odc_tle_options opt = {.verify_checksum = !(no_checksum || verification)};
    odc_elset_list list;
    odc_err err;
    odc_err_clear(&err);
    if (odc_elsets_read_file(path, &opt, &list, &err) != ODC_OK) {
        cli_report(&err);
        return 2; /* unreadable --tle file (EIO) is an input error too */
    }
    if (list.n == 0) {
        odc_elset_list_free(&list);
        odc_err_set(&err, ODC_EINPUT, path, 0, 0, NULL,
                    "expected at least one element set (TLE or OMM), found none");
        return cli_report(&err);
    }

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
    printf("norad,%s,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s\n",
           utc_grid ? "utc" : "tsince_min");
    size_t nfail = 0;
    int status = 0;
    for (size_t i = 0; i < list.n; i++) {
        prop_run p = {.el = &list.el[i], .rec = &recs[i], .frame = frame,
                      .utc_col = utc_grid};
        if (init_rc[i] != ODC_OK) {
            report_fail(&p, 0.0, recs[i].init_error, recs[i].epoch_jd,
                        recs[i].epoch_jd_frac);
            nfail++;
            continue;
        }
        if (verification)
            run_verification(&p, list.verif[i][0], list.verif[i][1], list.verif[i][2]);
        else if (min_grid)
            run_grid(&p, start, stop, step);
        else
            run_utc(&p, u1, u2, duration_s, step_s);
        if (p.frame_error) {
            status = 2;
            break;
        }
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
    return status;
}
