/* Radiation effects for sizing: dose-depth table interpolation (TID), the
 * South Atlantic Anomaly as a polygon crossed by a ground track, and
 * single-event rates from cross-sections and fluxes. Tables live in
 * data/radiation/ with their sources; see docs/radiation.md. */
#include "odc/radiation.h"
#include "odc/datafile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JULIAN_YEAR_D 365.25

/* ---- dose-depth table ---------------------------------------------------- */

void odc_dose_table_free(odc_dose_table *t)
{
    if (!t)
        return;
    free(t->alt_km);
    free(t->incl_deg);
    free(t->depth_mm_al);
    free(t->ln_rate);
    memset(t, 0, sizeof *t);
}

/* Insert v into a sorted set of unique values (size *n, capacity cap). */
static int add_unique(double *set, int *n, int cap, double v)
{
    int i = 0;
    while (i < *n && set[i] < v)
        i++;
    if (i < *n && set[i] == v)
        return 0;
    if (*n >= cap)
        return -1;
    memmove(set + i + 1, set + i, (size_t)(*n - i) * sizeof *set);
    set[i] = v;
    (*n)++;
    return 0;
}

static int index_of(const double *set, int n, double v)
{
    for (int i = 0; i < n; i++)
        if (set[i] == v)
            return i;
    return -1;
}

int odc_dose_table_load(odc_dose_table *t, const char *path, odc_err *err)
{
    enum { CAP = 4096, AXIS = 256 };
    static const char *const hdr[4] = {"alt_km", "incl_deg", "depth_mm_al", "dose_rad_si"};
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s", path);
    odc_csv_table csv;
    if (odc_csv_read(path, &csv, err) != ODC_OK)
        return err ? err->code : ODC_EIO;
    double (*row)[4] = malloc(CAP * sizeof *row);
    int *row_line = malloc(CAP * sizeof *row_line);
    t->alt_km = malloc(AXIS * sizeof(double));
    t->incl_deg = malloc(AXIS * sizeof(double));
    t->depth_mm_al = malloc(AXIS * sizeof(double));
    int rc = ODC_OK, nrow = 0, lineno = 0, have_hdr = 0;
    if (!row || !row_line || !t->alt_km || !t->incl_deg || !t->depth_mm_al) {
        rc = odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
        goto out;
    }
    for (int r = 0; r < csv.nrow; r++) {
        lineno = csv.row[r].line;
        char **fld = csv.row[r].field;
        int *col = csv.row[r].col;
        int nf = csv.row[r].nf;
        if (strcmp(fld[0], "duration_days") == 0) {
            if (nf != 2 || odc_parse_double_strict(fld[1], &t->duration_days) ||
                t->duration_days <= 0) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, nf == 2 ? col[1] : 1,
                                 "duration_days", "expected a positive number of days");
                goto out;
            }
            continue;
        }
        if (!have_hdr) {
            for (int k = 0; k < 4; k++)
                if (nf != 4 || strcmp(fld[k < nf ? k : 0], hdr[k]) != 0) {
                    rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k < nf ? k : 0],
                                     hdr[k], "expected header alt_km,incl_deg,"
                                     "depth_mm_al,dose_rad_si");
                    goto out;
                }
            have_hdr = 1;
            continue;
        }
        if (nf != 4) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "expected 4 fields, found %d", nf);
            goto out;
        }
        if (nrow >= CAP) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "more than %d rows", CAP);
            goto out;
        }
        for (int k = 0; k < 4; k++) {
            double v;
            int ok = odc_parse_double_strict(fld[k], &v) == 0;
            if (ok && k == 0)
                ok = v > 0.0;
            if (ok && k == 1)
                ok = v >= 0.0 && v <= 180.0;
            if (ok && k >= 2)
                ok = v > 0.0;
            if (!ok) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k], hdr[k],
                                 "expected %s, found '%s'",
                                 k == 1 ? "an inclination 0..180 deg" : "a positive number",
                                 fld[k]);
                goto out;
            }
            row[nrow][k] = v;
        }
        row_line[nrow] = lineno;
        if (add_unique(t->alt_km, &t->n_alt, AXIS, row[nrow][0]) ||
            add_unique(t->incl_deg, &t->n_incl, AXIS, row[nrow][1]) ||
            add_unique(t->depth_mm_al, &t->n_depth, AXIS, row[nrow][2])) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "more than %d distinct values on one axis", AXIS);
            goto out;
        }
        nrow++;
    }
    if (!have_hdr || nrow == 0) {
        rc = odc_err_set(err, ODC_EINPUT, path, csv.nline, 0, NULL, "no dose rows");
        goto out;
    }
    if (t->duration_days <= 0.0) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "duration_days",
                         "missing 'duration_days,<days>' line");
        goto out;
    }
    size_t cells = (size_t)t->n_alt * (size_t)t->n_incl * (size_t)t->n_depth;
    if (cells != (size_t)nrow) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL,
                         "incomplete or duplicated grid: %d rows for %d x %d x %d points",
                         nrow, t->n_alt, t->n_incl, t->n_depth);
        goto out;
    }
    t->ln_rate = malloc(cells * sizeof(double));
    if (!t->ln_rate) {
        rc = odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
        goto out;
    }
    for (size_t c = 0; c < cells; c++)
        t->ln_rate[c] = NAN;
    double per_year = JULIAN_YEAR_D / t->duration_days;
    for (int r = 0; r < nrow; r++) {
        int ia = index_of(t->alt_km, t->n_alt, row[r][0]);
        int ii = index_of(t->incl_deg, t->n_incl, row[r][1]);
        int id = index_of(t->depth_mm_al, t->n_depth, row[r][2]);
        size_t c = ((size_t)ia * t->n_incl + ii) * t->n_depth + id;
        if (!isnan(t->ln_rate[c])) {
            rc = odc_err_set(err, ODC_EINPUT, path, row_line[r], 1, NULL,
                             "grid point given twice");
            goto out;
        }
        t->ln_rate[c] = log(row[r][3] * per_year);
    }
    /* Dose must not grow with shielding: this is what makes the
     * interpolated dose monotonic in depth. */
    for (int ia = 0; ia < t->n_alt; ia++)
        for (int ii = 0; ii < t->n_incl; ii++)
            for (int id = 1; id < t->n_depth; id++) {
                size_t c = ((size_t)ia * t->n_incl + ii) * t->n_depth + id;
                if (t->ln_rate[c] > t->ln_rate[c - 1]) {
                    rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "dose_rad_si",
                                     "dose increases with depth at alt %g km, incl %g deg,"
                                     " depth %g mm", t->alt_km[ia], t->incl_deg[ii],
                                     t->depth_mm_al[id]);
                    goto out;
                }
            }
out:
    odc_csv_free(&csv);
    free(row);
    free(row_line);
    if (rc) {
        char keep[256];
        memcpy(keep, t->path, sizeof keep);
        odc_dose_table_free(t);
        memcpy(t->path, keep, sizeof keep);
    }
    return rc;
}

/* Bracket v on an axis: lower index and weight of the upper node. */
static int bracket(const double *ax, int n, double v, const char *field,
                   int *i, double *w, odc_err *err)
{
    if (!isfinite(v) || v < ax[0] || v > ax[n - 1])
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "%g is outside the dose table (%g..%g)", v, ax[0], ax[n - 1]);
    if (n == 1) {
        *i = 0;
        *w = 0.0;
        return ODC_OK;
    }
    int k = 0;
    while (k < n - 2 && v >= ax[k + 1])
        k++;
    *i = k;
    *w = (v - ax[k]) / (ax[k + 1] - ax[k]);
    return ODC_OK;
}

int odc_tid_rate(const odc_dose_table *t, double alt_km, double incl_deg,
                 double depth_mm_al, double *dose_rad_si_per_yr, odc_err *err)
{
    if (!t || !t->ln_rate)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL, "dose table not loaded");
    if (isfinite(depth_mm_al) && depth_mm_al < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "depth_mm_al",
                           "shield thickness must be >= 0, got %g mm", depth_mm_al);
    int ia, ii, id;
    double wa, wi, wd;
    if (bracket(t->alt_km, t->n_alt, alt_km, "alt_km", &ia, &wa, err) ||
        bracket(t->incl_deg, t->n_incl, incl_deg, "incl_deg", &ii, &wi, err) ||
        bracket(t->depth_mm_al, t->n_depth, depth_mm_al, "depth_mm_al", &id, &wd, err))
        return ODC_EINPUT;
    double acc = 0.0;
    for (int da = 0; da <= (t->n_alt > 1); da++)
        for (int di = 0; di <= (t->n_incl > 1); di++)
            for (int dd = 0; dd <= (t->n_depth > 1); dd++) {
                double w = (da ? wa : 1.0 - wa) * (di ? wi : 1.0 - wi) *
                           (dd ? wd : 1.0 - wd);
                if (w == 0.0)
                    continue;  /* keeps nodes exact and skips 0 * value */
                size_t c = ((size_t)(ia + da) * t->n_incl + (ii + di)) * t->n_depth
                           + (id + dd);
                acc += w * t->ln_rate[c];
            }
    *dose_rad_si_per_yr = exp(acc);
    return ODC_OK;
}

/* ---- altitude scaling law (opt-in fallback) ------------------------------ */

int odc_tid_alt_scaling_load(odc_tid_alt_scaling *s, const char *path, odc_err *err)
{
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    odc_csv_table csv;
    if (odc_csv_read(path, &csv, err) != ODC_OK)
        return err ? err->code : ODC_EIO;
    static const char *const key[4] = {"ref_alt_km", "h_proton_km", "h_electron_km",
                                       "alt_range_km"};
    int have[4] = {0, 0, 0, 0};
    int lineno = 0, rc = ODC_OK;
    for (int r = 0; r < csv.nrow; r++) {
        lineno = csv.row[r].line;
        char **fld = csv.row[r].field;
        int *col = csv.row[r].col;
        int nf = csv.row[r].nf;
        int k = 0;
        while (k < 4 && strcmp(fld[0], key[k]) != 0)
            k++;
        if (k == 4) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], fld[0],
                             "unknown key; expected ref_alt_km, h_proton_km, "
                             "h_electron_km or alt_range_km");
            goto out;
        }
        double v[2];
        int need = k == 3 ? 2 : 1, ok = nf == need + 1;
        for (int j = 0; ok && j < need; j++)
            ok = odc_parse_double_strict(fld[1 + j], &v[j]) == 0 && v[j] > 0.0;
        if (ok && k == 3)
            ok = v[0] < v[1];
        if (!ok) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, nf > 1 ? col[1] : col[0],
                             key[k], k == 3 ? "expected two altitudes 0 < min < max (km)"
                                            : "expected one positive number (km)");
            goto out;
        }
        if (k == 0)
            s->ref_alt_km = v[0];
        else if (k == 1)
            s->h_proton_km = v[0];
        else if (k == 2)
            s->h_electron_km = v[0];
        else {
            s->alt_min_km = v[0];
            s->alt_max_km = v[1];
        }
        have[k] = 1;
    }
    for (int k = 0; k < 4; k++)
        if (!have[k]) {
            rc = odc_err_set(err, ODC_EINPUT, path, csv.nline, 0, key[k],
                             "missing line '%s,...'",
                             key[k]);
            goto out;
        }
out:
    odc_csv_free(&csv);
    return rc;
}

int odc_tid_rate_scaled(const odc_dose_table *total, const odc_dose_table *electron,
                        const odc_tid_alt_scaling *s, double alt_km, double incl_deg,
                        double depth_mm_al, double *dose_rad_si_per_yr, odc_err *err)
{
    if (!total || !total->ln_rate || !electron || !electron->ln_rate || !s)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL, "dose tables not loaded");
    /* Table altitudes always win: the law only fills what the table lacks. */
    if (isfinite(alt_km) && alt_km >= total->alt_km[0] &&
        alt_km <= total->alt_km[total->n_alt - 1])
        return odc_tid_rate(total, alt_km, incl_deg, depth_mm_al, dose_rad_si_per_yr, err);
    if (!isfinite(alt_km) || alt_km < s->alt_min_km || alt_km > s->alt_max_km)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "%g is outside the dose table (%g..%g) and the altitude "
                           "scaling range (%g..%g)", alt_km, total->alt_km[0],
                           total->alt_km[total->n_alt - 1], s->alt_min_km, s->alt_max_km);
    if (index_of(total->alt_km, total->n_alt, s->ref_alt_km) < 0 ||
        index_of(electron->alt_km, electron->n_alt, s->ref_alt_km) < 0)
        return odc_err_set(err, ODC_EINPUT, s->path, 0, 0, "ref_alt_km",
                           "%g km is not an altitude of both dose tables", s->ref_alt_km);
    double t, e;
    int rc = odc_tid_rate(total, s->ref_alt_km, incl_deg, depth_mm_al, &t, err);
    if (!rc)
        rc = odc_tid_rate(electron, s->ref_alt_km, incl_deg, depth_mm_al, &e, err);
    if (rc)
        return rc;
    if (e > t)
        e = t;  /* the 5-digit sum in the electron file can exceed the total by rounding */
    double dh = alt_km - s->ref_alt_km;
    *dose_rad_si_per_yr = (t - e) * exp(dh / s->h_proton_km) + e * exp(dh / s->h_electron_km);
    return ODC_OK;
}

/* ---- South Atlantic Anomaly ------------------------------------------------ */

int odc_saa_load(odc_saa_region *s, const char *path, odc_err *err)
{
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    odc_csv_table csv;
    if (odc_csv_read(path, &csv, err) != ODC_OK)
        return err ? err->code : ODC_EIO;
    int lineno = 0, rc = ODC_OK, have_alt = 0, have_hdr = 0;
    for (int r = 0; r < csv.nrow; r++) {
        lineno = csv.row[r].line;
        char **fld = csv.row[r].field;
        int *col = csv.row[r].col;
        int nf = csv.row[r].nf;
        if (strcmp(fld[0], "alt_range_km") == 0) {
            if (nf != 3 || odc_parse_double_strict(fld[1], &s->alt_min_km) ||
                odc_parse_double_strict(fld[2], &s->alt_max_km) || s->alt_min_km < 0.0 ||
                s->alt_max_km <= s->alt_min_km) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, nf > 1 ? col[1] : 1,
                                 "alt_range_km", "expected two altitudes min < max (km)");
                goto out;
            }
            have_alt = 1;
            continue;
        }
        if (!have_hdr) {
            if (nf != 2 || strcmp(fld[0], "lat_deg") || strcmp(fld[1], "lon_deg")) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, "lat_deg",
                                 "expected header lat_deg,lon_deg");
                goto out;
            }
            have_hdr = 1;
            continue;
        }
        double la, lo;
        if (nf != 2 || odc_parse_double_strict(fld[0], &la) || la < -90.0 || la > 90.0) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], "lat_deg",
                             "expected a latitude -90..90 deg");
            goto out;
        }
        if (odc_parse_double_strict(fld[1], &lo) || lo < -180.0 || lo > 180.0) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[1], "lon_deg",
                             "expected an east longitude -180..180 deg");
            goto out;
        }
        if (s->n >= ODC_SAA_MAX_VERTS) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "more than %d vertices", ODC_SAA_MAX_VERTS);
            goto out;
        }
        s->lat_deg[s->n] = la;
        s->lon_deg[s->n] = lo;
        s->n++;
    }
    if (!have_alt)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "alt_range_km",
                         "missing 'alt_range_km,<min>,<max>' line");
    else if (s->n < 3)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "lat_deg",
                         "a polygon needs at least 3 vertices, found %d", s->n);
out:
    odc_csv_free(&csv);
    return rc;
}

int odc_saa_contains(const odc_saa_region *s, double lat_deg, double lon_deg)
{
    double lon = fmod(lon_deg + 180.0, 360.0);
    if (lon < 0.0)
        lon += 360.0;
    lon -= 180.0;
    /* Even-odd ray casting along constant latitude; the polygon may or may
     * not repeat its first vertex at the end. */
    int inside = 0;
    for (int i = 0, j = s->n - 1; i < s->n; j = i++) {
        double yi = s->lat_deg[i], yj = s->lat_deg[j];
        double xi = s->lon_deg[i], xj = s->lon_deg[j];
        if ((yi > lat_deg) != (yj > lat_deg)) {
            double x = xi + (lat_deg - yi) * (xj - xi) / (yj - yi);
            if (lon < x)
                inside = !inside;
        }
    }
    return inside;
}

static int count_sample(const odc_saa_region *s, size_t i, double lat, double lon,
                        double alt, size_t *inside, odc_err *err)
{
    if (!isfinite(lat) || lat < -90.0 || lat > 90.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "lat_deg",
                           "sample %zu: latitude %g outside -90..90 deg", i, lat);
    if (!isfinite(lon))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "lon_deg",
                           "sample %zu: longitude not finite", i);
    if (!isfinite(alt) || alt < s->alt_min_km || alt > s->alt_max_km)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "sample %zu: altitude %g km outside the SAA region's "
                           "range %g..%g km (%s)", i, alt, s->alt_min_km,
                           s->alt_max_km, s->path);
    *inside += (size_t)odc_saa_contains(s, lat, lon);
    return ODC_OK;
}

int odc_saa_fraction(const odc_saa_region *s, size_t n, const double *lat_deg,
                     const double *lon_deg, const double *alt_km, double *frac,
                     odc_err *err)
{
    if (n == 0 || !lat_deg || !lon_deg || !alt_km)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "need at least one ground-track sample");
    size_t inside = 0;
    for (size_t i = 0; i < n; i++)
        if (count_sample(s, i, lat_deg[i], lon_deg[i], alt_km[i], &inside, err))
            return ODC_EINPUT;
    *frac = (double)inside / (double)n;
    return ODC_OK;
}

int odc_saa_fraction_cb(const odc_saa_region *s, size_t n, odc_track_fn sample,
                        void *ctx, double *frac, odc_err *err)
{
    if (n == 0 || !sample)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "need at least one ground-track sample and a callback");
    size_t inside = 0;
    for (size_t i = 0; i < n; i++) {
        double la, lo, al;
        int rc = sample(ctx, i, &la, &lo, &al, err);
        if (rc)
            return rc;
        if (count_sample(s, i, la, lo, al, &inside, err))
            return ODC_EINPUT;
    }
    *frac = (double)inside / (double)n;
    return ODC_OK;
}

int odc_orbit_avg_flux(double frac, double flux_saa_cm2_s,
                       double flux_outside_cm2_s, double *flux_cm2_s, odc_err *err)
{
    if (!isfinite(frac) || frac < 0.0 || frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "frac",
                           "expected a time fraction 0..1, got %g", frac);
    if (!isfinite(flux_saa_cm2_s) || flux_saa_cm2_s < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "flux_saa_cm2_s",
                           "expected a flux >= 0, got %g", flux_saa_cm2_s);
    if (!isfinite(flux_outside_cm2_s) || flux_outside_cm2_s < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "flux_outside_cm2_s",
                           "expected a flux >= 0, got %g", flux_outside_cm2_s);
    *flux_cm2_s = frac * flux_saa_cm2_s + (1.0 - frac) * flux_outside_cm2_s;
    return ODC_OK;
}

/* ---- single-event effects -------------------------------------------------- */

double odc_weibull_xs(const odc_weibull *w, double let_mev_cm2_mg)
{
    if (!(let_mev_cm2_mg > w->l0_mev_cm2_mg))
        return 0.0;
    double x = (let_mev_cm2_mg - w->l0_mev_cm2_mg) / w->w_mev_cm2_mg;
    return w->sigma_sat_cm2 * -expm1(-pow(x, w->s));
}

int odc_see_rate_let(const odc_weibull *w, size_t n, const double *let_mev_cm2_mg,
                     const double *flux_gt_let_cm2_s, double *rate_per_s,
                     odc_err *err)
{
    if (!w || !isfinite(w->sigma_sat_cm2) || w->sigma_sat_cm2 < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sigma_sat_cm2",
                           "expected a cross-section >= 0");
    if (!isfinite(w->l0_mev_cm2_mg) || w->l0_mev_cm2_mg < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "l0_mev_cm2_mg",
                           "expected a threshold LET >= 0");
    if (!isfinite(w->w_mev_cm2_mg) || w->w_mev_cm2_mg <= 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "w_mev_cm2_mg",
                           "expected a width > 0");
    if (!isfinite(w->s) || w->s <= 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "s", "expected a shape > 0");
    if (n < 2 || !let_mev_cm2_mg || !flux_gt_let_cm2_s)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "need at least two LET spectrum points");
    double r = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(let_mev_cm2_mg[i]) || let_mev_cm2_mg[i] < 0.0 ||
            (i && let_mev_cm2_mg[i] <= let_mev_cm2_mg[i - 1]))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "let_mev_cm2_mg",
                               "point %zu: LET must be >= 0 and ascending", i);
        if (!isfinite(flux_gt_let_cm2_s[i]) || flux_gt_let_cm2_s[i] < 0.0 ||
            (i && flux_gt_let_cm2_s[i] > flux_gt_let_cm2_s[i - 1]))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "flux_gt_let_cm2_s",
                               "point %zu: integral flux must be >= 0 and "
                               "non-increasing", i);
        if (i) {
            double s0 = odc_weibull_xs(w, let_mev_cm2_mg[i - 1]);
            double s1 = odc_weibull_xs(w, let_mev_cm2_mg[i]);
            r += 0.5 * (s0 + s1) * (flux_gt_let_cm2_s[i - 1] - flux_gt_let_cm2_s[i]);
        }
    }
    *rate_per_s = r;
    return ODC_OK;
}

static double opt_num(const char *s, int *bad)
{
    if (!s[0])
        return NAN;
    double v;
    if (odc_parse_double_strict(s, &v) || v < 0.0) {
        *bad = 1;
        return NAN;
    }
    return v;
}

int odc_chip_rad_load(const char *path, const char *name, odc_chip_rad *chip,
                      odc_err *err)
{
    static const char *const hdr[8] = {"name", "tid_fail_krad_si", "tid_degrade_krad_si",
                                       "sefi_xs_cm2", "seu_xs_cm2", "proton_mev",
                                       "status", "source"};
    odc_csv_table csv;
    if (odc_csv_read(path, &csv, err) != ODC_OK)
        return err ? err->code : ODC_EIO;
    int lineno = 0, have_hdr = 0, found = 0, rc = ODC_OK;
    for (int r = 0; r < csv.nrow; r++) {
        lineno = csv.row[r].line;
        char **fld = csv.row[r].field;
        int *col = csv.row[r].col;
        int nf = csv.row[r].nf;
        if (!have_hdr) {
            for (int k = 0; k < 8; k++)
                if (nf != 8 || strcmp(fld[k < nf ? k : 0], hdr[k])) {
                    rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k < nf ? k : 0],
                                     hdr[k], "unexpected header");
                    goto out;
                }
            have_hdr = 1;
            continue;
        }
        if (nf != 8) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "expected 8 fields, found %d", nf);
            goto out;
        }
        if (strcmp(fld[0], name))
            continue;
        memset(chip, 0, sizeof *chip);
        snprintf(chip->name, sizeof chip->name, "%s", fld[0]);
        double *dst[5] = {&chip->tid_fail_krad_si, &chip->tid_degrade_krad_si,
                          &chip->sefi_xs_cm2, &chip->seu_xs_cm2, &chip->proton_mev};
        for (int k = 1; k <= 5; k++) {
            int badv = 0;
            *dst[k - 1] = opt_num(fld[k], &badv);
            if (badv) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k], hdr[k],
                                 "expected a number >= 0 or empty, found '%s'", fld[k]);
                goto out;
            }
        }
        if (strcmp(fld[6], "measured") && strcmp(fld[6], "digitized") &&
            strcmp(fld[6], "estimate")) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[6], "status",
                             "expected measured, digitized or estimate");
            goto out;
        }
        snprintf(chip->status, sizeof chip->status, "%s", fld[6]);
        snprintf(chip->source, sizeof chip->source, "%s", fld[7]);
        found = 1;
        break;
    }
    if (!found)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "name",
                         "chip '%s' is not in the file", name);
out:
    odc_csv_free(&csv);
    return rc;
}

int odc_see_assess(const odc_chip_rad *chip, double dose_rad_si_per_yr,
                   double mission_yr, double proton_flux_cm2_s,
                   double ion_upset_per_s, double ion_sefi_per_s,
                   odc_see_result *out, odc_err *err)
{
    struct { double v; const char *name; } in[5] = {
        {dose_rad_si_per_yr, "dose_rad_si_per_yr"}, {mission_yr, "mission_yr"},
        {proton_flux_cm2_s, "proton_flux_cm2_s"}, {ion_upset_per_s, "ion_upset_per_s"},
        {ion_sefi_per_s, "ion_sefi_per_s"}};
    for (int k = 0; k < 5; k++)
        if (!isfinite(in[k].v) || in[k].v < 0.0 || (k == 1 && in[k].v == 0.0))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, in[k].name,
                               "expected a finite value %s 0, got %g",
                               k == 1 ? ">" : ">=", in[k].v);
    /* An unknown cross-section (NaN) gives NaN for what depends on it, so a
     * chip with only a functional-interrupt measurement still yields MTBI. */
    double seu = proton_flux_cm2_s > 0.0 ? chip->seu_xs_cm2 * proton_flux_cm2_s : 0.0;
    double sefi = proton_flux_cm2_s > 0.0 ? chip->sefi_xs_cm2 * proton_flux_cm2_s : 0.0;
    out->dose_krad_si = dose_rad_si_per_yr * mission_yr * 1e-3;
    out->tid_margin = out->dose_krad_si > 0.0 ? chip->tid_fail_krad_si / out->dose_krad_si
                                              : INFINITY;
    out->tid_degrade_margin = out->dose_krad_si > 0.0
                                  ? chip->tid_degrade_krad_si / out->dose_krad_si : INFINITY;
    if (isnan(chip->tid_fail_krad_si))
        out->tid_margin = NAN;
    if (isnan(chip->tid_degrade_krad_si))
        out->tid_degrade_margin = NAN;
    out->upsets_per_chip_day = (seu + ion_upset_per_s) * 86400.0;
    out->sefi_per_s = sefi + ion_sefi_per_s;
    out->mtbi_s = isnan(out->sefi_per_s) ? NAN
                : out->sefi_per_s > 0.0 ? 1.0 / out->sefi_per_s : INFINITY;
    return ODC_OK;
}
