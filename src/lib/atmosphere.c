/* Harris-Priester upper-atmosphere density (Montenbruck & Gill 2000,
 * sec. 3.5.2): table loading, exponential interpolation between heights and
 * the diurnal-bulge weighting. Drag and lifetime live in lifetime.c. */
#include "odc/atmosphere.h"
#include "odc/datafile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define G_KM3_TO_KG_M3 1e-12 /* 1 g/km^3 = 1e-3 kg / 1e9 m^3 */

int odc_atmos_load(odc_atmos_table *t, const char *path, odc_err *err)
{
    static const char *const hdr[3] = {"h_km", "rho_min_g_km3", "rho_max_g_km3"};
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s", path);
    odc_csv_table csv;
    if (odc_csv_read(path, &csv, err) != ODC_OK)
        return err ? err->code : ODC_EIO;
    int lineno = 0, cur = -1, want_header = 0, rc = ODC_OK;
    for (int r = 0; r < csv.nrow; r++) {
        lineno = csv.row[r].line;
        char **fld = csv.row[r].field;
        int *col = csv.row[r].col;
        int nf = csv.row[r].nf;
        if (strcmp(fld[0], "activity") == 0) {
            const char *names[3] = {"low", "mean", "high"};
            cur = -1;
            for (int k = 0; k < 3 && nf >= 2; k++)
                if (strcmp(fld[1], names[k]) == 0)
                    cur = k;
            if (cur < 0) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, nf >= 2 ? col[1] : 1,
                                 "activity", "expected low, mean or high");
                goto out;
            }
            if (t->block[cur].n) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[1], "activity",
                                 "block '%s' given twice", names[cur]);
                goto out;
            }
            want_header = 1;
            continue;
        }
        if (cur < 0) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, "activity",
                             "expected an 'activity,<low|mean|high>' line first");
            goto out;
        }
        if (want_header) {
            for (int k = 0; k < 3; k++)
                if (nf != 3 || strcmp(fld[k < nf ? k : 0], hdr[k]) != 0) {
                    rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k < nf ? k : 0],
                                     hdr[k], "expected header h_km,rho_min_g_km3,"
                                     "rho_max_g_km3");
                    goto out;
                }
            want_header = 0;
            continue;
        }
        odc_hp_block *b = &t->block[cur];
        if (nf != 3) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "expected 3 fields, found %d", nf);
            goto out;
        }
        if (b->n >= ODC_ATMOS_MAX_ROWS) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, 1, NULL,
                             "more than %d rows in one block", ODC_ATMOS_MAX_ROWS);
            goto out;
        }
        double v[3];
        for (int k = 0; k < 3; k++)
            if (odc_parse_double_strict(fld[k], &v[k]) != 0 || (k > 0 && v[k] <= 0.0) ||
                (k == 0 && v[k] < 0.0)) {
                rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[k], hdr[k],
                                 "expected a %s number, found '%s'",
                                 k ? "positive" : "non-negative", fld[k]);
                goto out;
            }
        int i = b->n;
        if (i > 0 && v[0] <= b->h_km[i - 1]) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[0], "h_km",
                             "heights must increase (%g after %g)", v[0], b->h_km[i - 1]);
            goto out;
        }
        if (i > 0 && (v[1] * G_KM3_TO_KG_M3 >= b->rho_min_kg_m3[i - 1] ||
                      v[2] * G_KM3_TO_KG_M3 >= b->rho_max_kg_m3[i - 1])) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[1], "rho_min_g_km3",
                             "densities must decrease with height");
            goto out;
        }
        if (v[2] < v[1]) {
            rc = odc_err_set(err, ODC_EINPUT, path, lineno, col[2], "rho_max_g_km3",
                             "rho_max (%g) below rho_min (%g)", v[2], v[1]);
            goto out;
        }
        b->h_km[i] = v[0];
        b->rho_min_kg_m3[i] = v[1] * G_KM3_TO_KG_M3;
        b->rho_max_kg_m3[i] = v[2] * G_KM3_TO_KG_M3;
        b->n++;
    }
    for (int k = 0; k < 3; k++)
        if (t->block[k].n == 1) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "h_km",
                             "a block needs at least two heights");
            goto out;
        }
    if (!t->block[0].n && !t->block[1].n && !t->block[2].n)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL, "no density rows");
out:
    odc_csv_free(&csv);
    return rc;
}

int odc_solar_activity_from_f107(double f107_sfu, odc_solar_activity *act,
                                 odc_err *err)
{
    if (!isfinite(f107_sfu) || f107_sfu <= 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "f107_sfu",
                           "expected a positive F10.7 in sfu, got %g", f107_sfu);
    *act = f107_sfu < 100.0 ? ODC_SOLAR_LOW
         : f107_sfu > 200.0 ? ODC_SOLAR_HIGH : ODC_SOLAR_MEAN;
    return ODC_OK;
}

static const odc_hp_block *pick(const odc_atmos_table *t, odc_solar_activity act,
                                odc_err *err)
{
    static const char *const names[3] = {"low", "mean", "high"};
    if ((int)act < 0 || (int)act > 2) {
        odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "activity",
                    "expected ODC_SOLAR_LOW, _MEAN or _HIGH");
        return NULL;
    }
    if (t->block[act].n < 2) {
        odc_err_set(err, ODC_EINPUT, t->path, 0, 0, "activity",
                    "the density table has no '%s' solar-activity block",
                    names[act]);
        return NULL;
    }
    return &t->block[act];
}

int odc_hp_minmax(const odc_atmos_table *t, double alt_km, odc_solar_activity act,
                  double *rho_min_kg_m3, double *rho_max_kg_m3, odc_err *err)
{
    const odc_hp_block *b = pick(t, act, err);
    if (!b)
        return ODC_EINPUT;
    if (!isfinite(alt_km) || alt_km < b->h_km[0] || alt_km > b->h_km[b->n - 1])
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "%g km is outside the density table (%g..%g km)",
                           alt_km, b->h_km[0], b->h_km[b->n - 1]);
    int i = 0;
    while (i < b->n - 2 && alt_km >= b->h_km[i + 1])
        i++;
    double dh_km = alt_km - b->h_km[i], span_km = b->h_km[i + 1] - b->h_km[i];
    /* rho(h) = rho_i exp(-(h - h_i)/H_i) with H_i from the two nodes, written
     * as a power of the node ratio so both nodes are reproduced exactly. */
    double f = dh_km / span_km;
    if (rho_min_kg_m3)
        *rho_min_kg_m3 = f == 0.0 ? b->rho_min_kg_m3[i]
            : b->rho_min_kg_m3[i] * pow(b->rho_min_kg_m3[i + 1] / b->rho_min_kg_m3[i], f);
    if (rho_max_kg_m3)
        *rho_max_kg_m3 = f == 0.0 ? b->rho_max_kg_m3[i]
            : b->rho_max_kg_m3[i] * pow(b->rho_max_kg_m3[i + 1] / b->rho_max_kg_m3[i], f);
    return ODC_OK;
}

static int check_n(double n_exp, odc_err *err)
{
    if (!isfinite(n_exp) || n_exp < 2.0 || n_exp > 6.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_exp",
                           "expected 2 (low inclination) .. 6 (polar), got %g", n_exp);
    return ODC_OK;
}

int odc_hp_density(const odc_atmos_table *t, double alt_km, double cos_psi,
                   double n_exp, odc_solar_activity act, double *rho_kg_m3,
                   odc_err *err)
{
    if (!isfinite(cos_psi) || cos_psi < -1.0 || cos_psi > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cos_psi",
                           "expected -1..1, got %g", cos_psi);
    if (check_n(n_exp, err))
        return ODC_EINPUT;
    double night_kg_m3 = 0.0, day_kg_m3 = 0.0; /* set on ODC_OK; gcc -O3 cannot see it */
    int rc = odc_hp_minmax(t, alt_km, act, &night_kg_m3, &day_kg_m3, err);
    if (rc)
        return rc;
    double w = pow(0.5 * (1.0 + cos_psi), 0.5 * n_exp);
    *rho_kg_m3 = night_kg_m3 + (day_kg_m3 - night_kg_m3) * w;
    return ODC_OK;
}

double odc_hp_cos_psi(const double r[3], const double sun[3])
{
    const double lag_rad = 30.0 * M_PI / 180.0;  /* M&G eq. 3.101 */
    double rs = sqrt(sun[0] * sun[0] + sun[1] * sun[1] + sun[2] * sun[2]);
    double rr = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (rs == 0.0 || rr == 0.0)
        return 0.0;
    double ra = atan2(sun[1], sun[0]), dec = asin(sun[2] / rs);
    double eb[3] = {cos(dec) * cos(ra + lag_rad), cos(dec) * sin(ra + lag_rad), sin(dec)};
    double c = (r[0] * eb[0] + r[1] * eb[1] + r[2] * eb[2]) / rr;
    return c > 1.0 ? 1.0 : c < -1.0 ? -1.0 : c;
}

int odc_hp_density_mean(const odc_atmos_table *t, double alt_km, double n_exp,
                        odc_solar_activity act, double *rho_kg_m3, odc_err *err)
{
    if (check_n(n_exp, err))
        return ODC_EINPUT;
    double night_kg_m3 = 0.0, day_kg_m3 = 0.0; /* set on ODC_OK; gcc -O3 cannot see it */
    int rc = odc_hp_minmax(t, alt_km, act, &night_kg_m3, &day_kg_m3, err);
    if (rc)
        return rc;
    *rho_kg_m3 = night_kg_m3 + (day_kg_m3 - night_kg_m3) / (0.5 * n_exp + 1.0);
    return ODC_OK;
}
