/* Solar array power and sizing, and the per-satellite power budget. The
 * array model is the SMAD sec. 11.4 chain (irradiance x efficiency x
 * inherent degradation x lifetime degradation x cos incidence) with a
 * linear cell-temperature coefficient. */
#include "odc/power.h"

#include <math.h>

static int bad(double x) { return !isfinite(x); }

static int check_frac01(double x, const char *field, const char *what, odc_err *err)
{
    if (bad(x) || !(x > 0.0) || x > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "%s must be in (0,1], got %g", what, x);
    return ODC_OK;
}

int odc_solar_array_check(const odc_solar_array *sa, odc_err *err)
{
    int rc;
    if (!sa)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "solar_array", "missing");
    if ((rc = check_frac01(sa->eff_ref, "eff_ref", "cell efficiency", err)))
        return rc;
    if (bad(sa->t_ref_k) || !(sa->t_ref_k > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_ref_k",
                           "reference temperature must be > 0 K, got %g", sa->t_ref_k);
    if (bad(sa->temp_coeff_per_k) || fabs(sa->temp_coeff_per_k) >= 0.05)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "temp_coeff_per_k",
                           "relative temperature coefficient must be within "
                           "+/-0.05 1/K (e.g. -0.0024), got %g", sa->temp_coeff_per_k);
    if ((rc = check_frac01(sa->packing_factor, "packing_factor", "packing factor", err)))
        return rc;
    if ((rc = check_frac01(sa->inherent_deg, "inherent_deg", "inherent degradation", err)))
        return rc;
    if (bad(sa->degr_per_yr) || sa->degr_per_yr < 0.0 || !(sa->degr_per_yr < 1.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "degr_per_yr",
                           "degradation per year must be in [0,1), got %g",
                           sa->degr_per_yr);
    if (bad(sa->areal_density_kg_m2) || !(sa->areal_density_kg_m2 > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "areal_density_kg_m2",
                           "areal density must be > 0 kg/m^2, got %g",
                           sa->areal_density_kg_m2);
    return ODC_OK;
}

int odc_solar_irradiance(double s_1au_w_m2, double d_au, double *s_w_m2,
                         odc_err *err)
{
    if (bad(s_1au_w_m2) || s_1au_w_m2 < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "s_1au_w_m2",
                           "irradiance at 1 au must be >= 0 W/m^2, got %g", s_1au_w_m2);
    if (bad(d_au) || !(d_au > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "d_au",
                           "Sun distance must be > 0 au, got %g", d_au);
    *s_w_m2 = s_1au_w_m2 / (d_au * d_au);
    return ODC_OK;
}

static int check_conditions(double s_w_m2, double cos_inc, double t_cell_k,
                            double years, odc_err *err)
{
    if (bad(s_w_m2) || s_w_m2 < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "s_w_m2",
                           "irradiance must be >= 0 W/m^2, got %g", s_w_m2);
    if (bad(cos_inc) || cos_inc < -1.0 || cos_inc > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cos_inc",
                           "cosine of incidence must be in [-1,1], got %g", cos_inc);
    if (bad(t_cell_k) || !(t_cell_k > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_cell_k",
                           "cell temperature must be > 0 K, got %g", t_cell_k);
    if (bad(years) || years < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "years",
                           "time since beginning of life must be >= 0 years, got %g",
                           years);
    return ODC_OK;
}

/* Power per m^2 of panel under valid inputs. */
static double specific_area_power(const odc_solar_array *sa, double s_w_m2,
                                  double cos_inc, double t_cell_k, double years)
{
    double eta = sa->eff_ref * (1.0 + sa->temp_coeff_per_k * (t_cell_k - sa->t_ref_k));
    if (eta < 0.0) eta = 0.0;
    double c = cos_inc > 0.0 ? cos_inc : 0.0;
    double life = pow(1.0 - sa->degr_per_yr, years);
    return s_w_m2 * c * eta * sa->packing_factor * sa->inherent_deg * life;
}

int odc_solar_array_power(const odc_solar_array *sa, double area_m2,
                          double s_w_m2, double cos_inc, double t_cell_k,
                          double years, double *p_w, odc_err *err)
{
    int rc = odc_solar_array_check(sa, err);
    if (rc) return rc;
    if (bad(area_m2) || area_m2 < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "area_m2",
                           "array area must be >= 0 m^2, got %g", area_m2);
    if ((rc = check_conditions(s_w_m2, cos_inc, t_cell_k, years, err)))
        return rc;
    *p_w = area_m2 * specific_area_power(sa, s_w_m2, cos_inc, t_cell_k, years);
    return ODC_OK;
}

int odc_smad_array_power(double pe_w, double te_s, double pd_w, double td_s,
                         double xe, double xd, double *psa_w, odc_err *err)
{
    int rc;
    if (bad(pe_w) || pe_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "pe_w",
                           "eclipse load must be >= 0 W, got %g", pe_w);
    if (bad(pd_w) || pd_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "pd_w",
                           "daylight load must be >= 0 W, got %g", pd_w);
    if (bad(te_s) || te_s < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "te_s",
                           "eclipse duration must be >= 0 s, got %g", te_s);
    if (bad(td_s) || !(td_s > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "td_s",
                           "daylight duration must be > 0 s, got %g", td_s);
    if ((rc = check_frac01(xe, "xe", "eclipse path efficiency", err)))
        return rc;
    if ((rc = check_frac01(xd, "xd", "daylight path efficiency", err)))
        return rc;
    *psa_w = (pe_w * te_s / xe + pd_w * td_s / xd) / td_s;
    return ODC_OK;
}

int odc_solar_array_size(const odc_solar_array *sa, double p_eol_w,
                         double s_w_m2, double cos_inc, double t_cell_k,
                         double years, double *area_m2, double *mass_kg,
                         double *p_bol_w, odc_err *err)
{
    int rc = odc_solar_array_check(sa, err);
    if (rc) return rc;
    if (bad(p_eol_w) || p_eol_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "p_eol_w",
                           "required end-of-life power must be >= 0 W, got %g", p_eol_w);
    if ((rc = check_conditions(s_w_m2, cos_inc, t_cell_k, years, err)))
        return rc;
    double eol = specific_area_power(sa, s_w_m2, cos_inc, t_cell_k, years);
    if (!(eol > 0.0))
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "s_w_m2",
                           "the array produces no power under these conditions "
                           "(irradiance %g W/m^2, cos incidence %g, cell %g K)",
                           s_w_m2, cos_inc, t_cell_k);
    double a = p_eol_w / eol;
    *area_m2 = a;
    if (mass_kg)
        *mass_kg = a * sa->areal_density_kg_m2;
    if (p_bol_w)
        *p_bol_w = a * specific_area_power(sa, s_w_m2, cos_inc, t_cell_k, 0.0);
    return ODC_OK;
}

int odc_solar_array_mass_specific(double p_bol_w, double specific_power_w_kg,
                                  double *mass_kg, odc_err *err)
{
    if (bad(p_bol_w) || p_bol_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "p_bol_w",
                           "beginning-of-life power must be >= 0 W, got %g", p_bol_w);
    if (bad(specific_power_w_kg) || !(specific_power_w_kg > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "specific_power_w_kg",
                           "specific power must be > 0 W/kg, got %g", specific_power_w_kg);
    *mass_kg = p_bol_w / specific_power_w_kg;
    return ODC_OK;
}

int odc_power_budget_sum(const odc_power_budget *b, odc_power_total *t,
                         odc_err *err)
{
    int rc;
    if (!b)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "budget", "missing");
    const struct { double v; const char *name; } loads[] = {
        {b->it_w, "it_w"}, {b->isl_w, "isl_w"}, {b->avionics_w, "avionics_w"},
        {b->thermal_w, "thermal_w"}, {b->other_w, "other_w"},
    };
    for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++)
        if (bad(loads[i].v) || loads[i].v < 0.0)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, loads[i].name,
                               "load must be >= 0 W, got %g", loads[i].v);
    if ((rc = check_frac01(b->eta_it_conv, "eta_it_conv", "IT conversion efficiency", err)))
        return rc;
    if ((rc = check_frac01(b->eta_other_conv, "eta_other_conv",
                           "conversion efficiency of other loads", err)))
        return rc;
    if ((rc = check_frac01(b->eta_distribution, "eta_distribution",
                           "distribution efficiency", err)))
        return rc;
    double other = b->isl_w + b->avionics_w + b->thermal_w + b->other_w;
    double load = b->it_w + other;
    double bus = b->it_w / b->eta_it_conv + other / b->eta_other_conv;
    double source = bus / b->eta_distribution;
    t->load_w = load;
    t->conv_loss_w = bus - load;
    t->dist_loss_w = source - bus;
    t->source_w = source;
    t->heat_w = source;
    return ODC_OK;
}
