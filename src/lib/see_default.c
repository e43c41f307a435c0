/* Default single-event-effect environment: the in-SAA trapped-proton flux
 * versus altitude, a GCR heavy-ion LET spectrum, the SAA time fraction of a
 * circular orbit, and the glue that turns a chip name and an orbit into
 * dose, upsets, interrupts and MTBI. Data in data/radiation/ with sources;
 * see docs/radiation.md. */
#include "odc/radiation.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EARTH_RADIUS_KM 6378.137        /* WGS-84 equatorial radius       */
#define GM_EARTH_KM3_S2 398600.4418     /* EGM-96 / WGS-84                */
#define EARTH_ROT_RAD_S 7.2921150e-5    /* IERS mean rotation rate        */
#define DEG (3.14159265358979323846 / 180.0)

/* ---- CSV helpers (same conventions as radiation.c) ----------------------- */

static int split(char *line, char **field, int *col, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        field[n] = p;
        col[n] = (int)(p - line) + 1;
        n++;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    for (int i = 0; i < n; i++) {
        char *s = field[i];
        while (*s == ' ' || *s == '\t') {
            s++;
            col[i]++;
        }
        size_t len = strlen(s);
        while (len && strchr(" \t\r\n", s[len - 1]))
            s[--len] = '\0';
        field[i] = s;
    }
    return n;
}

static int num(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return (end != s && *end == '\0' && errno == 0 && isfinite(*v)) ? 0 : -1;
}

static int skip(const char *line)
{
    return line[0] == '#' || strspn(line, " \t\r\n") == strlen(line);
}

/* ---- in-SAA proton flux -------------------------------------------------- */

int odc_saa_flux_load(odc_saa_flux *f, const char *path, odc_err *err)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s",
                           strerror(errno));
    static const char *const key[5] = {"ref_orbit", "ref_saa_fraction", "h_proton_km",
                                       "alt_range_km", "see_threshold_mev"};
    static const int nval[5] = {2, 1, 1, 2, 1};
    int have[5] = {0}, have_hdr = 0, lineno = 0, rc = ODC_OK;
    char line[512];
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        if (skip(line))
            continue;
        char *fld[8];
        int col[8];
        int nf = split(line, fld, col, 8);
        int k = 0;
        while (k < 5 && strcmp(fld[0], key[k]))
            k++;
        if (k < 5) {
            double v[2] = {0, 0};
            int ok = nf == nval[k] + 1;
            for (int j = 0; ok && j < nval[k]; j++)
                ok = num(fld[1 + j], &v[j]) == 0 && v[j] > 0.0;
            if (ok && k == 0)
                ok = v[1] <= 180.0;
            if (ok && k == 1)
                ok = v[0] <= 1.0;
            if (ok && k == 3)
                ok = v[0] < v[1];
            if (!ok) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, nf > 1 ? col[1] : col[0],
                                 key[k], "expected %d positive number%s%s", nval[k],
                                 nval[k] > 1 ? "s" : "",
                                 k == 1 ? " <= 1" : k == 3 ? " (min < max)" :
                                 k == 0 ? " (alt_km, incl_deg <= 180)" : "");
                goto out;
            }
            if (k == 0) {
                f->ref_alt_km = v[0];
                f->ref_incl_deg = v[1];
            } else if (k == 1) {
                f->ref_saa_fraction = v[0];
            } else if (k == 2) {
                f->h_proton_km = v[0];
            } else if (k == 3) {
                f->alt_min_km = v[0];
                f->alt_max_km = v[1];
            } else {
                f->see_threshold_mev = v[0];
            }
            have[k] = 1;
            continue;
        }
        if (!have_hdr) {
            if (nf != 2 || strcmp(fld[0], "energy_mev") ||
                strcmp(fld[1], "flux_orbit_avg_cm2_s")) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], fld[0],
                                 "unknown key; expected ref_orbit, ref_saa_fraction, "
                                 "h_proton_km, alt_range_km, see_threshold_mev or the "
                                 "header energy_mev,flux_orbit_avg_cm2_s");
                goto out;
            }
            have_hdr = 1;
            continue;
        }
        double e, fl;
        if (nf != 2 || num(fld[0], &e) || e <= 0.0 ||
            (f->n && e <= f->e_mev[f->n - 1])) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], "energy_mev",
                             "expected an energy > 0, ascending");
            goto out;
        }
        if (num(fld[1], &fl) || fl <= 0.0 || (f->n && fl > f->flux_avg_cm2_s[f->n - 1])) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[1], "flux_orbit_avg_cm2_s",
                             "expected an integral flux > 0, non-increasing with energy");
            goto out;
        }
        if (f->n >= ODC_SAA_FLUX_MAX) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL, "more than %d rows",
                             ODC_SAA_FLUX_MAX);
            goto out;
        }
        f->e_mev[f->n] = e;
        f->flux_avg_cm2_s[f->n] = fl;
        f->n++;
    }
    for (int k = 0; k < 5; k++)
        if (!have[k]) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, key[k], "missing line '%s,...'",
                             key[k]);
            goto out;
        }
    if (f->n < 2)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "energy_mev",
                         "need at least 2 energy rows, found %d", f->n);
out:
    fclose(fp);
    return rc;
}

int odc_saa_flux_at(const odc_saa_flux *f, double alt_km, double e_mev,
                    double *flux_cm2_s, odc_err *err)
{
    if (!isfinite(alt_km) || alt_km < f->alt_min_km || alt_km > f->alt_max_km)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "%g km is outside the SAA flux law's range %g..%g km (%s)",
                           alt_km, f->alt_min_km, f->alt_max_km, f->path);
    if (!isfinite(e_mev) || e_mev < f->e_mev[0] || e_mev > f->e_mev[f->n - 1])
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "e_mev",
                           "%g MeV is outside the SAA flux table %g..%g MeV (%s)", e_mev,
                           f->e_mev[0], f->e_mev[f->n - 1], f->path);
    int k = 0;
    while (k < f->n - 2 && e_mev >= f->e_mev[k + 1])
        k++;
    double w = log(e_mev / f->e_mev[k]) / log(f->e_mev[k + 1] / f->e_mev[k]);
    double lf = w == 0.0 ? log(f->flux_avg_cm2_s[k])
                         : (1.0 - w) * log(f->flux_avg_cm2_s[k]) +
                               w * log(f->flux_avg_cm2_s[k + 1]);
    *flux_cm2_s = exp(lf) / f->ref_saa_fraction *
                  exp((alt_km - f->ref_alt_km) / f->h_proton_km);
    return ODC_OK;
}

/* ---- SAA fraction of a circular orbit ------------------------------------ */

struct circ { double n_rad_s, sin_i, cos_i, step_s, alt_km; };

static int circ_sample(void *ctx, size_t i, double *lat, double *lon, double *alt,
                       odc_err *err)
{
    (void)err;
    const struct circ *c = ctx;
    double t = ((double)i + 0.5) * c->step_s;
    double u = c->n_rad_s * t;                       /* argument of latitude */
    double su = sin(u), cu = cos(u);
    *lat = asin(c->sin_i * su) / DEG;
    *lon = (atan2(c->cos_i * su, cu) - EARTH_ROT_RAD_S * t) / DEG;
    *alt = c->alt_km;
    return ODC_OK;
}

int odc_saa_fraction_circular(const odc_saa_region *s, double alt_km, double incl_deg,
                              double days, double step_s, double *frac, odc_err *err)
{
    if (!isfinite(alt_km) || alt_km <= 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "expected an altitude > 0 km, got %g", alt_km);
    if (!isfinite(incl_deg) || incl_deg < 0.0 || incl_deg > 180.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "incl_deg",
                           "expected an inclination 0..180 deg, got %g", incl_deg);
    if (!isfinite(days) || days <= 0.0 || days > 3650.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "days",
                           "expected 0 < days <= 3650, got %g", days);
    if (!isfinite(step_s) || step_s <= 0.0 || days * 86400.0 / step_s > 1e8)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "step_s",
                           "expected a step > 0 s giving at most 1e8 samples, got %g",
                           step_s);
    double a = EARTH_RADIUS_KM + alt_km;
    struct circ c = {sqrt(GM_EARTH_KM3_S2 / (a * a * a)), sin(incl_deg * DEG),
                     cos(incl_deg * DEG), step_s, alt_km};
    size_t n = (size_t)(days * 86400.0 / step_s);
    if (n == 0)
        n = 1;
    return odc_saa_fraction_cb(s, n, circ_sample, &c, frac, err);
}

/* ---- GCR LET spectrum ---------------------------------------------------- */

int odc_let_spectrum_load(odc_let_spectrum *s, const char *path, odc_err *err)
{
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s",
                           strerror(errno));
    int have_hdr = 0, lineno = 0, rc = ODC_OK;
    char line[512];
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        if (skip(line))
            continue;
        char *fld[4];
        int col[4];
        int nf = split(line, fld, col, 4);
        if (!have_hdr) {
            if (nf != 2 || strcmp(fld[0], "let_mev_cm2_mg") ||
                strcmp(fld[1], "flux_gt_let_cm2_s")) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], "let_mev_cm2_mg",
                                 "expected header let_mev_cm2_mg,flux_gt_let_cm2_s");
                goto out;
            }
            have_hdr = 1;
            continue;
        }
        double l, fl;
        if (nf != 2 || num(fld[0], &l) || l < 0.0 ||
            (s->n && l <= s->let_mev_cm2_mg[s->n - 1])) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], "let_mev_cm2_mg",
                             "expected a LET >= 0, ascending");
            goto out;
        }
        if (num(fld[1], &fl) || fl < 0.0 || (s->n && fl > s->flux_gt_let_cm2_s[s->n - 1])) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[1], "flux_gt_let_cm2_s",
                             "expected an integral flux >= 0, non-increasing with LET");
            goto out;
        }
        if (s->n >= ODC_LET_MAX) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL, "more than %d rows",
                             ODC_LET_MAX);
            goto out;
        }
        s->let_mev_cm2_mg[s->n] = l;
        s->flux_gt_let_cm2_s[s->n] = fl;
        s->n++;
    }
    if (s->n < 2)
        rc = odc_err_set(err, ODC_EINPUT, path, lineno, 0, "let_mev_cm2_mg",
                         "need at least 2 LET rows, found %d", s->n);
out:
    fclose(fp);
    return rc;
}

/* ---- tabulated heavy-ion cross-sections ---------------------------------- */

int odc_chip_ion_load(const char *path, const char *name, odc_xs_table *sefi,
                      odc_xs_table *seu, odc_err *err)
{
    static const char *const hdr[6] = {"name", "effect", "let_mev_cm2_mg", "xs_cm2",
                                       "status", "source"};
    memset(sefi, 0, sizeof *sefi);
    memset(seu, 0, sizeof *seu);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s",
                           strerror(errno));
    int have_hdr = 0, lineno = 0, rc = ODC_OK;
    char line[1024];
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        if (skip(line))
            continue;
        char *fld[8];
        int col[8];
        int nf = split(line, fld, col, 7);
        if (!have_hdr) {
            for (int k = 0; k < 6; k++)
                if (nf != 6 || strcmp(fld[k < nf ? k : 0], hdr[k])) {
                    rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k < nf ? k : 0],
                                     hdr[k], "expected header name,effect,let_mev_cm2_mg,"
                                     "xs_cm2,status,source");
                    goto out;
                }
            have_hdr = 1;
            continue;
        }
        if (nf != 6) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "expected 6 fields, found %d", nf);
            goto out;
        }
        odc_xs_table *t = !strcmp(fld[1], "sefi") ? sefi : !strcmp(fld[1], "seu") ? seu : NULL;
        if (!t) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[1], "effect",
                             "expected sefi or seu, found '%s'", fld[1]);
            goto out;
        }
        double l, x;
        if (num(fld[2], &l) || l <= 0.0) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[2], "let_mev_cm2_mg",
                             "expected a LET > 0");
            goto out;
        }
        if (num(fld[3], &x) || x <= 0.0) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[3], "xs_cm2",
                             "expected a cross-section > 0");
            goto out;
        }
        if (strcmp(fld[4], "measured") && strcmp(fld[4], "digitized") &&
            strcmp(fld[4], "estimate")) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[4], "status",
                             "expected measured, digitized or estimate");
            goto out;
        }
        if (strcmp(fld[0], name))
            continue;
        if (t->n && l <= t->let_mev_cm2_mg[t->n - 1]) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[2], "let_mev_cm2_mg",
                             "LET must ascend within one chip and effect");
            goto out;
        }
        if (t->n >= ODC_XS_MAX) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "more than %d rows for one chip and effect", ODC_XS_MAX);
            goto out;
        }
        t->let_mev_cm2_mg[t->n] = l;
        t->xs_cm2[t->n] = x;
        t->n++;
    }
    if (!have_hdr)
        rc = odc_err_set(err, ODC_EINPUT, path, lineno, 0, "name", "missing header");
out:
    fclose(fp);
    return rc;
}

/* sigma just right of L (so the step at the first LET counts in the bin
 * that starts there): 0 below, log-log inside, last value beyond. */
static double xs_at(const odc_xs_table *t, double l)
{
    if (t->n == 0 || l < t->let_mev_cm2_mg[0])
        return 0.0;
    if (l >= t->let_mev_cm2_mg[t->n - 1])
        return t->xs_cm2[t->n - 1];
    int k = 0;
    while (l >= t->let_mev_cm2_mg[k + 1])
        k++;
    double w = log(l / t->let_mev_cm2_mg[k]) /
               log(t->let_mev_cm2_mg[k + 1] / t->let_mev_cm2_mg[k]);
    return exp((1.0 - w) * log(t->xs_cm2[k]) + w * log(t->xs_cm2[k + 1]));
}

/* Phi(>L) between spectrum nodes: log-log where both ends are > 0. */
static double phi_at(size_t n, const double *let, const double *phi, double l)
{
    size_t k = 0;
    while (k + 2 < n && l >= let[k + 1])
        k++;
    if (l <= let[k])
        return phi[k];
    if (l >= let[k + 1])
        return phi[k + 1];
    if (phi[k] > 0.0 && phi[k + 1] > 0.0 && let[k] > 0.0) {
        double w = log(l / let[k]) / log(let[k + 1] / let[k]);
        return exp((1.0 - w) * log(phi[k]) + w * log(phi[k + 1]));
    }
    double w = (l - let[k]) / (let[k + 1] - let[k]);
    return (1.0 - w) * phi[k] + w * phi[k + 1];
}

int odc_see_rate_let_table(const odc_xs_table *xs, size_t n, const double *let,
                           const double *phi, double *rate_per_s, odc_err *err)
{
    if (!xs || xs->n < 0 || xs->n > ODC_XS_MAX)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "xs_cm2", "bad cross-section table");
    for (int k = 0; k < xs->n; k++)
        if (!(xs->let_mev_cm2_mg[k] > 0.0) || !(xs->xs_cm2[k] > 0.0) ||
            !isfinite(xs->xs_cm2[k]) || !isfinite(xs->let_mev_cm2_mg[k]) ||
            (k && xs->let_mev_cm2_mg[k] <= xs->let_mev_cm2_mg[k - 1]))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "xs_cm2",
                               "table point %d: LET and cross-section must be > 0, LET "
                               "ascending", k);
    if (n < 2 || !let || !phi)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "need at least two LET spectrum points");
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(let[i]) || let[i] < 0.0 || (i && let[i] <= let[i - 1]))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "let_mev_cm2_mg",
                               "point %zu: LET must be >= 0 and ascending", i);
        if (!isfinite(phi[i]) || phi[i] < 0.0 || (i && phi[i] > phi[i - 1]))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "flux_gt_let_cm2_s",
                               "point %zu: integral flux must be >= 0 and "
                               "non-increasing", i);
    }
    /* Walk the merged grid of spectrum and table LETs. */
    double r = 0.0, a = let[0];
    size_t i = 1;
    int k = 0;
    while (k < xs->n && xs->let_mev_cm2_mg[k] <= a)
        k++;
    while (i < n) {
        double b = let[i];
        if (k < xs->n && xs->let_mev_cm2_mg[k] < b)
            b = xs->let_mev_cm2_mg[k++];
        else
            i++;
        if (b <= a)
            continue;
        double fa = phi_at(n, let, phi, a), fb = phi_at(n, let, phi, b);
        /* sigma at the right end, approached from the left */
        double sb = xs_at(xs, b * (1.0 - 1e-12));
        r += 0.5 * (xs_at(xs, a) + sb) * (fa - fb);
        a = b;
    }
    /* Particles above the last spectrum LET, at the cross-section there. */
    r += xs_at(xs, let[n - 1]) * phi[n - 1];
    *rate_per_s = r;
    return ODC_OK;
}

/* ---- the bundle and the assessment --------------------------------------- */

void odc_see_env_free(odc_see_env *env)
{
    if (!env)
        return;
    odc_dose_table_free(&env->total);
    odc_dose_table_free(&env->electron);
}

int odc_see_env_load(odc_see_env *env, const char *data_dir, odc_err *err)
{
    memset(env, 0, sizeof *env);
    char p[512];
    int rc;
#define PATH(f) (snprintf(p, sizeof p, "%s/radiation/%s", data_dir, f), p)
    if ((rc = odc_dose_table_load(&env->total, PATH("tid_spenvis_sh2_leo.csv"), err)) ||
        (rc = odc_dose_table_load(&env->electron,
                                  PATH("tid_spenvis_sh2_leo_electrons.csv"), err)) ||
        (rc = odc_tid_alt_scaling_load(&env->scaling, PATH("tid_alt_scaling.csv"), err)) ||
        (rc = odc_saa_load(&env->saa, PATH("saa_fermi_gbm.csv"), err)) ||
        (rc = odc_saa_flux_load(&env->saa_flux, PATH("saa_proton_flux.csv"), err)) ||
        (rc = odc_let_spectrum_load(&env->gcr, PATH("gcr_let_leo.csv"), err))) {
        odc_see_env_free(env);
        return rc;
    }
#undef PATH
    snprintf(env->chips_path, sizeof env->chips_path, "%s/radiation/chips.csv", data_dir);
    snprintf(env->ion_path, sizeof env->ion_path, "%s/radiation/chips_ion.csv", data_dir);
    odc_xs_table a, b;   /* check the file once, so later calls fail only on names */
    if ((rc = odc_chip_ion_load(env->ion_path, "", &a, &b, err))) {
        odc_see_env_free(env);
        return rc;
    }
    return ODC_OK;
}

int odc_see_default_assess(const odc_see_env *env, const char *chip_name,
                           double alt_km, double incl_deg, double shielding_mm_al,
                           double mission_yr, double saa_frac, int n_chips,
                           const odc_weibull *ion_seu, const odc_weibull *ion_sefi,
                           odc_see_default_result *out, odc_err *err)
{
    if (!env || !env->total.ln_rate || !chip_name || !out)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "environment not loaded (odc_see_env_load)");
    if (!isfinite(mission_yr) || mission_yr <= 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "mission_yr",
                           "expected a mission length > 0 years, got %g", mission_yr);
    if (!isfinite(saa_frac) || saa_frac < 0.0 || saa_frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "saa_frac",
                           "expected a time fraction 0..1, got %g", saa_frac);
    if (n_chips < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_chips",
                           "expected at least 1 chip per satellite, got %d", n_chips);
    memset(out, 0, sizeof *out);
    int rc = odc_chip_rad_load(env->chips_path, chip_name, &out->chip, err);
    if (!rc)
        rc = odc_tid_rate_scaled(&env->total, &env->electron, &env->scaling, alt_km,
                                 incl_deg, shielding_mm_al, &out->dose_rad_si_per_yr, err);
    if (rc)
        return rc;
    const odc_saa_flux *f = &env->saa_flux;
    double e = f->see_threshold_mev;
    if (out->chip.proton_mev < e)   /* false for NaN: no beam energy known */
        e = out->chip.proton_mev;
    if (e < f->e_mev[0])
        e = f->e_mev[0];
    out->proton_e_mev = e;
    if ((rc = odc_saa_flux_at(f, alt_km, e, &out->saa_flux_cm2_s, err)))
        return rc;
    if ((rc = odc_orbit_avg_flux(saa_frac, out->saa_flux_cm2_s, 0.0,
                                 &out->proton_flux_cm2_s, err)))
        return rc;
    const odc_let_spectrum *g = &env->gcr;
    odc_xs_table t_sefi, t_seu;
    if ((rc = odc_chip_ion_load(env->ion_path, chip_name, &t_sefi, &t_seu, err)))
        return rc;
    rc = ion_seu ? odc_see_rate_let(ion_seu, (size_t)g->n, g->let_mev_cm2_mg,
                                    g->flux_gt_let_cm2_s, &out->ion_upset_per_s, err)
                 : odc_see_rate_let_table(&t_seu, (size_t)g->n, g->let_mev_cm2_mg,
                                          g->flux_gt_let_cm2_s, &out->ion_upset_per_s, err);
    if (rc)
        return rc;
    rc = ion_sefi ? odc_see_rate_let(ion_sefi, (size_t)g->n, g->let_mev_cm2_mg,
                                     g->flux_gt_let_cm2_s, &out->ion_sefi_per_s, err)
                  : odc_see_rate_let_table(&t_sefi, (size_t)g->n, g->let_mev_cm2_mg,
                                           g->flux_gt_let_cm2_s, &out->ion_sefi_per_s, err);
    if (rc)
        return rc;
    out->ion_upsets_per_chip_day = out->ion_upset_per_s * 86400.0;
    if ((rc = odc_see_assess(&out->chip, out->dose_rad_si_per_yr, mission_yr,
                             out->proton_flux_cm2_s, out->ion_upset_per_s,
                             out->ion_sefi_per_s, &out->see, err)))
        return rc;
    out->sefi_per_chip_day = out->see.sefi_per_s * 86400.0;
    out->mtbi_sat_h = isnan(out->see.sefi_per_s) ? NAN
                    : out->see.sefi_per_s > 0.0
                        ? 1.0 / ((double)n_chips * out->see.sefi_per_s) / 3600.0
                        : INFINITY;
    return ODC_OK;
}
