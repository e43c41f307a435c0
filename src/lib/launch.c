/* Launch-vehicle catalog and deployment planning: how many launches a
 * constellation takes (mass- or volume-limited, satellites indivisible),
 * when they fly, and how many per year a yearly IT-power target needs. */
#include "odc/launch.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "econ_internal.h"

static const char *const LV_KEYS[] = {
    "name", "leo_kg", "sso_kg", "fairing_m3", "fairing_diameter_m", "fairing_height_m",
    "price_usd", "price_year", "cadence_per_yr", "reusable", "estimate", "source", "date",
    "note"};
#define N_LV_KEYS ((int)(sizeof LV_KEYS / sizeof LV_KEYS[0]))

static int read_vehicle(const char *path, const char *w, const cJSON *o, odc_launch_vehicle *v,
                        odc_err *err)
{
    int rc;
    double yr;
    if ((rc = odc_econ_keys(path, w, o, LV_KEYS, N_LV_KEYS, err)) ||
        (rc = odc_econ_str(path, w, o, "name", v->name, sizeof v->name, err)) ||
        (rc = odc_econ_num(path, w, o, "leo_kg", 0, 1, 1e7, 0, &v->leo_kg, err)) ||
        (rc = odc_econ_num(path, w, o, "sso_kg", 0, 1, 1e7, 0, &v->sso_kg, err)) ||
        (rc = odc_econ_num(path, w, o, "fairing_m3", 0, 1, 1e5, 0, &v->fairing_m3, err)) ||
        (rc = odc_econ_num(path, w, o, "fairing_diameter_m", 0, 1, 100, 0, &v->fairing_diam_m,
                           err)) ||
        (rc = odc_econ_num(path, w, o, "fairing_height_m", 0, 1, 200, 0, &v->fairing_height_m,
                           err)) ||
        (rc = odc_econ_num(path, w, o, "price_usd", 0, 1, 1e11, 0, &v->price_usd, err)) ||
        (rc = odc_econ_num(path, w, o, "price_year", 1957, 0, 2200, 0, &yr, err)) ||
        (rc = odc_econ_num(path, w, o, "cadence_per_yr", 0, 1, 1e5, 0, &v->cadence_per_yr,
                           err)) ||
        (rc = odc_econ_bool(path, w, o, "reusable", &v->reusable, err)) ||
        (rc = odc_econ_bool(path, w, o, "estimate", &v->estimate, err)) ||
        (rc = odc_econ_str(path, w, o, "source", NULL, 0, err)) ||
        (rc = odc_econ_str(path, w, o, "date", NULL, 0, err)) ||
        (rc = odc_econ_str(path, w, o, "note", NULL, 0, err)))
        return rc;
    if (yr != floor(yr)) {
        char f[96];
        snprintf(f, sizeof f, "%s.price_year", w);
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected an integer year");
    }
    v->price_year = (int)yr;
    return ODC_OK;
}

int odc_launch_catalog_load(const char *path, odc_launch_catalog *c, odc_err *err)
{
    if (!c)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "catalog", "missing output");
    memset(c, 0, sizeof *c);
    cJSON *root = odc_econ_json_load(path, "odcsim-launch-vehicles/1", err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    static const char *const TOP[] = {"schema", "note", "vehicles"};
    int rc = odc_econ_keys(path, "", root, TOP, 3, err);
    const cJSON *vs = cJSON_GetObjectItemCaseSensitive(root, "vehicles");
    if (!rc && (!cJSON_IsArray(vs) || cJSON_GetArraySize(vs) < 1 ||
                cJSON_GetArraySize(vs) > ODC_LV_MAX))
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "vehicles",
                         "expected an array of 1..%d vehicles", ODC_LV_MAX);
    int i = 0;
    for (const cJSON *o = rc ? NULL : vs->child; o && !rc; o = o->next, i++) {
        char w[32];
        snprintf(w, sizeof w, "vehicles[%d]", i);
        rc = read_vehicle(path, w, o, &c->v[i], err);
        for (int j = 0; !rc && j < i; j++)
            if (strcmp(c->v[j].name, c->v[i].name) == 0)
                rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, w, "duplicate name '%s'",
                                 c->v[i].name);
        c->n = i + 1;
    }
    cJSON_Delete(root);
    if (rc)
        c->n = 0;
    return rc;
}

const odc_launch_vehicle *odc_launch_find(const odc_launch_catalog *c, const char *name)
{
    for (int i = 0; c && name && i < c->n; i++)
        if (strcmp(c->v[i].name, name) == 0)
            return &c->v[i];
    return NULL;
}

double odc_launch_usd_per_kg(const odc_launch_vehicle *v, int sso)
{
    return v->price_usd / (sso ? v->sso_kg : v->leo_kg);
}

/* ---- deployment ------------------------------------------------------ */

int odc_deploy_plan(const odc_deploy_in *in, const odc_launch_vehicle *v,
                    odc_deploy_out *out, odc_err *err)
{
    if (!in || !v || !out)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "deploy", "missing argument");
    if (!(in->sat_mass_kg > 0) || !isfinite(in->sat_mass_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sat_mass_kg", "expected > 0, got %g",
                           in->sat_mass_kg);
    if (!(in->sat_volume_m3 > 0) || !isfinite(in->sat_volume_m3))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sat_volume_m3",
                           "expected > 0, got %g", in->sat_volume_m3);
    if (in->n_sats < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_sats", "expected >= 1, got %ld",
                           in->n_sats);
    if (!(in->volume_eff > 0 && in->volume_eff <= 1))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "volume_eff",
                           "expected in (0,1], got %g", in->volume_eff);
    if (!(in->cadence_per_yr >= 0) || !isfinite(in->cadence_per_yr))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cadence_per_yr",
                           "expected >= 0 (0: the vehicle's), got %g", in->cadence_per_yr);
    double payload = in->sso ? v->sso_kg : v->leo_kg;
    if (!(payload > 0) || !(v->fairing_m3 > 0) || !(v->price_usd > 0) || !(v->cadence_per_yr > 0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "vehicle",
                           "'%s': payload, fairing volume, price and cadence must be > 0",
                           v->name);
    memset(out, 0, sizeof *out);
    /* A tiny tolerance so that an exact multiple (e.g. 10 x 1500 kg in a
     * 15000 kg payload) is not lost to rounding of the division. */
    double nm = floor(payload / in->sat_mass_kg * (1 + 1e-12));
    double nv = floor(in->volume_eff * v->fairing_m3 / in->sat_volume_m3 * (1 + 1e-12));
    if (nm < 1)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "sat_mass_kg",
                           "one satellite (%g kg) exceeds the payload of '%s' (%g kg)",
                           in->sat_mass_kg, v->name, payload);
    if (nv < 1)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "sat_volume_m3",
                           "one satellite (%g m^3) exceeds the usable fairing volume of '%s' "
                           "(%g m^3)", in->sat_volume_m3, v->name, in->volume_eff * v->fairing_m3);
    if (nm > 1e15) nm = 1e15;
    if (nv > 1e15) nv = 1e15;
    out->sats_per_launch_mass = (long)nm;
    out->sats_per_launch_volume = (long)nv;
    out->limit = nm <= nv ? ODC_LIMIT_MASS : ODC_LIMIT_VOLUME;
    out->sats_per_launch = nm <= nv ? (long)nm : (long)nv;
    out->launches = (in->n_sats + out->sats_per_launch - 1) / out->sats_per_launch;
    out->last_launch_sats = in->n_sats - (out->launches - 1) * out->sats_per_launch;
    out->mass_fill = (double)in->n_sats * in->sat_mass_kg / ((double)out->launches * payload);
    out->launch_cost_usd = (double)out->launches * v->price_usd;
    out->cadence_per_yr = in->cadence_per_yr > 0 ? in->cadence_per_yr : v->cadence_per_yr;
    out->days_to_full = (double)(out->launches - 1) * 365.25 / out->cadence_per_yr;
    return ODC_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant 2013). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int odc_launch_schedule(int y0, int m0, int d0, double cadence_per_yr, long n, int *ymd,
                        odc_err *err)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y0 % 4 == 0 && y0 % 100 != 0) || y0 % 400 == 0;
    if (y0 < 1900 || y0 > 2500 || m0 < 1 || m0 > 12 || d0 < 1 ||
        d0 > mdays[m0 - 1] + (m0 == 2 && leap))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "start_date",
                           "expected a valid date in 1900..2500, got %04d-%02d-%02d", y0, m0, d0);
    if (!(cadence_per_yr > 0) || !isfinite(cadence_per_yr))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cadence_per_yr", "expected > 0, got %g",
                           cadence_per_yr);
    if (n < 0 || (n > 0 && !ymd))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n", "expected >= 0 and an output array");
    long day0 = days_from_civil(y0, m0, d0);
    double gap = 365.25 / cadence_per_yr;
    for (long i = 0; i < n; i++) {
        /* the 1e-9 keeps an exact day (i*gap integral) from landing a day early */
        long day = day0 + (long)floor((double)i * gap + 1e-9);
        civil_from_days(day, &ymd[3 * i], &ymd[3 * i + 1], &ymd[3 * i + 2]);
    }
    return ODC_OK;
}

int odc_launches_per_year(double gw_per_yr, double kg_per_it_kw, double payload_kg,
                          double mass_fill, double *launches_per_yr, odc_err *err)
{
    if (!(gw_per_yr > 0) || !isfinite(gw_per_yr))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "gw_per_yr", "expected > 0, got %g",
                           gw_per_yr);
    if (!(kg_per_it_kw > 0) || !isfinite(kg_per_it_kw))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "kg_per_it_kw", "expected > 0, got %g",
                           kg_per_it_kw);
    if (!(payload_kg > 0) || !isfinite(payload_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "payload_kg", "expected > 0, got %g",
                           payload_kg);
    if (!(mass_fill > 0 && mass_fill <= 1))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "mass_fill", "expected in (0,1], got %g",
                           mass_fill);
    *launches_per_yr = gw_per_yr * 1e6 * kg_per_it_kw / (payload_kg * mass_fill);
    return ODC_OK;
}
