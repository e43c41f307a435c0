/* odcsim convert-frame: convert a position (and velocity) between TEME,
 * ITRF, GCRS and WGS-84 geodetic at a UTC instant. One state from the
 * options, or many from stdin ("UTC x y z [vx vy vz]" per line), which is
 * how the test oracle drives it. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/frames.h"
#include "odc/timescale.h"

enum frame { F_NONE, F_TEME, F_ITRF, F_GCRS, F_GEODETIC };

static const char *USAGE =
    "usage: odcsim convert-frame --from F --to F [--utc ISO] --r X,Y,Z\n"
    "                            [--v VX,VY,VZ] [--dut1 S]\n"
    "                            [--xp-arcsec A] [--yp-arcsec B]\n"
    "       odcsim convert-frame --from F --to F --stdin [EOP options]\n"
    "\n"
    "Frames F: teme (SGP4's output), itrf (Earth-fixed), gcrs (inertial,\n"
    "IAU 2006/2000A), geodetic (WGS-84: latitude deg, east longitude deg,\n"
    "height km; positions only). Positions in km, velocities in km/s.\n"
    "\n"
    "  --utc ISO        instant, ISO 8601 UTC (needed unless both frames\n"
    "                   are Earth-fixed: itrf, geodetic)\n"
    "  --r X,Y,Z        position (for geodetic: LAT_DEG,LON_DEG,ALT_KM)\n"
    "  --v VX,VY,VZ     velocity (optional; not with geodetic)\n"
    "  --dut1 S         UT1-UTC in seconds (IERS Bulletin A; default 0,\n"
    "                   error up to ~420 m at the equator)\n"
    "  --xp-arcsec A, --yp-arcsec B   polar motion (default 0, < ~20 m)\n"
    "  --stdin          read lines 'UTC x y z [vx vy vz]' from stdin and\n"
    "                   print one converted line each ('#' starts a comment)\n"
    "\n"
    "Output: 'x y z [vx vy vz]' (km, km/s), or 'lat_deg lon_deg alt_km'.\n";

static enum frame parse_frame(const char *s)
{
    if (!strcmp(s, "teme")) return F_TEME;
    if (!strcmp(s, "itrf")) return F_ITRF;
    if (!strcmp(s, "gcrs")) return F_GCRS;
    if (!strcmp(s, "geodetic")) return F_GEODETIC;
    return F_NONE;
}

/* Parse exactly n comma-separated finite numbers. */
static int parse_vec(const char *s, double *out, int n)
{
    const char *p = s;
    for (int i = 0; i < n; i++) {
        char *end;
        out[i] = strtod(p, &end);
        if (end == p || !isfinite(out[i]))
            return -1;
        p = end;
        if (i < n - 1) {
            if (*p != ',')
                return -1;
            p++;
        }
    }
    return *p ? -1 : 0;
}

static int parse_num(const char *s, double *out)
{
    return parse_vec(s, out, 1);
}

typedef struct {
    enum frame from, to;
    double dut1_s, xp_rad, yp_rad;
} job;

/* Convert one state; prints the result line. has_v: velocity given. */
static int convert(const job *j, double u1, double u2, const double in[3],
                   const double vin[3], int has_v, odc_err *err)
{
    double r[3], v[3], b1 = 0, b2 = 0, out[3], vout[3];
    const double *vp = has_v ? vin : NULL;
    double *vo = has_v ? v : NULL;
    int rc;
    int need_time = !((j->from == F_ITRF || j->from == F_GEODETIC) &&
                      (j->to == F_ITRF || j->to == F_GEODETIC));
    if (need_time) {
        rc = odc_utc_to_ut1(u1, u2, j->dut1_s, &b1, &b2, err);
        if (rc)
            return rc;
    }
    /* Everything goes through ITRF. */
    switch (j->from) {
    case F_TEME:
        odc_teme_to_itrf(in, vp, b1, b2, j->xp_rad, j->yp_rad, r, vo);
        break;
    case F_GCRS:
        rc = odc_gcrs_to_itrf(in, vp, u1, u2, j->dut1_s, j->xp_rad, j->yp_rad,
                              r, vo, err);
        if (rc)
            return rc;
        break;
    case F_GEODETIC:
        if (fabs(in[0]) > 90.0 || fabs(in[1]) > 360.0 || in[2] <= -6300.0)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "geodetic",
                               "expected latitude -90..90 deg, longitude -360..360 deg "
                               "and height above -6300 km, got %g, %g, %g",
                               in[0], in[1], in[2]);
        odc_geodetic_to_itrf(in[0] * M_PI / 180.0, in[1] * M_PI / 180.0, in[2],
                             r);
        break;
    default:
        memcpy(r, in, sizeof r);
        if (has_v)
            memcpy(v, vin, sizeof v);
        break;
    }
    switch (j->to) {
    case F_TEME:
        odc_itrf_to_teme(r, vo, b1, b2, j->xp_rad, j->yp_rad, out,
                         has_v ? vout : NULL);
        break;
    case F_GCRS:
        rc = odc_itrf_to_gcrs(r, vo, u1, u2, j->dut1_s, j->xp_rad, j->yp_rad,
                              out, has_v ? vout : NULL, err);
        if (rc)
            return rc;
        break;
    case F_GEODETIC: {
        double lat, lon, alt;
        odc_itrf_to_geodetic(r, &lat, &lon, &alt);
        printf("%.12f %.12f %.10f\n", lat * 180.0 / M_PI, lon * 180.0 / M_PI,
               alt);
        return ODC_OK;
    }
    default:
        memcpy(out, r, sizeof out);
        if (has_v)
            memcpy(vout, v, sizeof vout);
        break;
    }
    if (has_v)
        printf("%.10f %.10f %.10f %.13f %.13f %.13f\n", out[0], out[1], out[2],
               vout[0], vout[1], vout[2]);
    else
        printf("%.10f %.10f %.10f\n", out[0], out[1], out[2]);
    return ODC_OK;
}

static int run_stdin(const job *j)
{
    char line[1024];
    int lineno = 0;
    odc_err err;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        odc_err_clear(&err);
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *tok[8];
        int nt = 0;
        for (char *t = strtok(line, " \t\r\n"); t; t = strtok(NULL, " \t\r\n"))
            if (nt < 8)
                tok[nt++] = t;
            else
                nt = 99;
        if (nt == 0)
            continue;
        if (nt != 4 && nt != 7) {
            odc_err_set(&err, ODC_EINPUT, "<stdin>", lineno, 0, NULL,
                        "expected 'UTC x y z' or 'UTC x y z vx vy vz' "
                        "(4 or 7 fields), found %d", nt > 8 ? 9 : nt);
            return cli_report(&err);
        }
        if (nt == 7 && (j->from == F_GEODETIC || j->to == F_GEODETIC)) {
            odc_err_set(&err, ODC_EINPUT, "<stdin>", lineno, 0, "velocity",
                        "velocities cannot be converted to or from geodetic");
            return cli_report(&err);
        }
        double u1, u2, x[6];
        if (odc_time_parse_iso(tok[0], &u1, &u2, &err)) {
            snprintf(err.file, sizeof err.file, "<stdin>");
            err.line = lineno;
            snprintf(err.field, sizeof err.field, "UTC");
            return cli_report(&err);
        }
        for (int i = 1; i < nt; i++)
            if (parse_num(tok[i], &x[i - 1])) {
                odc_err_set(&err, ODC_EINPUT, "<stdin>", lineno, 0, NULL,
                            "field %d '%.40s' is not a finite number", i + 1,
                            tok[i]);
                return cli_report(&err);
            }
        if (convert(j, u1, u2, x, x + 3, nt == 7, &err)) {
            snprintf(err.file, sizeof err.file, "<stdin>");
            err.line = lineno;
            return cli_report(&err);
        }
    }
    return 0;
}

int cmd_convert_frame(int argc, char **argv)
{
    const char *C = "convert-frame";
    job j = {F_NONE, F_NONE, 0.0, 0.0, 0.0};
    const char *utc = NULL, *rs = NULL, *vs = NULL;
    int use_stdin = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            return 0;
        }
        if (!strcmp(a, "--stdin")) {
            use_stdin = 1;
            continue;
        }
        if (i + 1 >= argc)
            return cli_usage(C, "option '%s' needs a value (or is unknown)", a);
        const char *val = argv[++i];
        double d;
        if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
            enum frame f = parse_frame(val);
            if (f == F_NONE)
                return cli_usage(C, "%s '%s': expected teme, itrf, gcrs or "
                                 "geodetic", a, val);
            if (a[2] == 'f')
                j.from = f;
            else
                j.to = f;
        } else if (!strcmp(a, "--utc")) {
            utc = val;
        } else if (!strcmp(a, "--r")) {
            rs = val;
        } else if (!strcmp(a, "--v")) {
            vs = val;
        } else if (!strcmp(a, "--dut1") || !strcmp(a, "--xp-arcsec") ||
                   !strcmp(a, "--yp-arcsec")) {
            if (parse_num(val, &d))
                return cli_usage(C, "%s '%s': expected a number", a, val);
            if (a[2] == 'd') {
                if (fabs(d) > 1.0)
                    return cli_usage(C, "--dut1 %g: UT1-UTC must be within "
                                     "-1..1 s", d);
                j.dut1_s = d;
            } else {
                if (fabs(d) > 10.0)
                    return cli_usage(C, "%s %g: polar motion is below 1 "
                                     "arcsec; expected -10..10", a, d);
                if (a[2] == 'x')
                    j.xp_rad = d * M_PI / 648000.0;
                else
                    j.yp_rad = d * M_PI / 648000.0;
            }
        } else {
            return cli_usage(C, "unknown option '%s'", a);
        }
    }
    if (j.from == F_NONE || j.to == F_NONE)
        return cli_usage(C, "--from and --to are required (teme, itrf, gcrs, "
                         "geodetic)");
    if (use_stdin) {
        if (utc || rs || vs)
            return cli_usage(C, "--stdin takes the time and state from "
                             "stdin; drop --utc/--r/--v");
        return run_stdin(&j);
    }
    if (!rs)
        return cli_usage(C, "--r X,Y,Z is required (or --stdin)");
    double r[3], v[3], u1 = 0.0, u2 = 0.0;
    if (parse_vec(rs, r, 3))
        return cli_usage(C, "--r '%s': expected three comma-separated numbers",
                         rs);
    if (vs) {
        if (j.from == F_GEODETIC || j.to == F_GEODETIC)
            return cli_usage(C, "--v: velocities cannot be converted to or "
                             "from geodetic");
        if (parse_vec(vs, v, 3))
            return cli_usage(C, "--v '%s': expected three comma-separated "
                             "numbers", vs);
    }
    int need_time = !((j.from == F_ITRF || j.from == F_GEODETIC) &&
                      (j.to == F_ITRF || j.to == F_GEODETIC));
    odc_err err;
    odc_err_clear(&err);
    if (utc) {
        if (odc_time_parse_iso(utc, &u1, &u2, &err)) {
            snprintf(err.field, sizeof err.field, "--utc");
            return cli_report(&err);
        }
    } else if (need_time) {
        return cli_usage(C, "--utc is required for %s -> %s",
                         j.from == F_TEME ? "teme" : j.from == F_GCRS ? "gcrs"
                         : "itrf/geodetic",
                         j.to == F_TEME ? "teme" : j.to == F_GCRS ? "gcrs"
                         : "itrf/geodetic");
    }
    if (convert(&j, u1, u2, r, v, vs != NULL, &err))
        return cli_report(&err);
    return 0;
}
