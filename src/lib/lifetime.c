/* Drag on a near-circular orbit: decay rate, uncontrolled lifetime (GSL
 * quadrature), altitude after a given time (root of the lifetime integral),
 * station-keeping delta-v and the
 * rocket equation. Density comes through a callback (odc_density_fn). */
#include "odc/lifetime.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <string.h>

/* EGM-96 / WGS-84 values, the same as ODC_MU_EARTH_KM3_S2 and
 * ODC_RE_EARTH_KM in odc/constellation.h (kept here in SI to avoid a
 * dependency on the design propagator). */
static const double MU_M3_S2 = 398600.4418e9;
static const double RE_M = 6378137.0;

static int bad(odc_err *err, const char *field, const char *what, double v)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field, "expected %s, got %g",
                       what, v);
}

int odc_density_hp_mean(void *ctx, double alt_km, double *rho_kg_m3, odc_err *err)
{
    const odc_hp_mean_ctx *c = ctx;
    return odc_hp_density_mean(c->table, alt_km, c->n_exp, c->activity, rho_kg_m3, err);
}

int odc_ballistic_coeff(double mass_kg, double cd, double area_m2,
                        double *bc_kg_m2, odc_err *err)
{
    if (!isfinite(mass_kg) || mass_kg <= 0.0)
        return bad(err, "mass_kg", "a positive mass (kg)", mass_kg);
    if (!isfinite(cd) || cd <= 0.0)
        return bad(err, "cd", "a positive drag coefficient", cd);
    if (!isfinite(area_m2) || area_m2 <= 0.0)
        return bad(err, "area_m2", "a positive area (m^2)", area_m2);
    *bc_kg_m2 = mass_kg / (cd * area_m2);
    return ODC_OK;
}

static int check_bc(double bc_kg_m2, odc_err *err)
{
    if (!isfinite(bc_kg_m2) || bc_kg_m2 <= 0.0)
        return bad(err, "bc_kg_m2", "a positive ballistic coefficient (kg/m^2)",
                   bc_kg_m2);
    return ODC_OK;
}

int odc_drag_accel(double rho_kg_m3, double v_m_s, double bc_kg_m2,
                   double *acc_m_s2, odc_err *err)
{
    if (!isfinite(rho_kg_m3) || rho_kg_m3 < 0.0)
        return bad(err, "rho_kg_m3", "a density >= 0 (kg/m^3)", rho_kg_m3);
    if (!isfinite(v_m_s) || v_m_s < 0.0)
        return bad(err, "v_m_s", "a speed >= 0 (m/s)", v_m_s);
    if (check_bc(bc_kg_m2, err))
        return ODC_EINPUT;
    *acc_m_s2 = 0.5 * rho_kg_m3 * v_m_s * v_m_s / bc_kg_m2;
    return ODC_OK;
}

int odc_decay_rate(double alt_km, double rho_kg_m3, double bc_kg_m2,
                   double *dadt_m_s, odc_err *err)
{
    if (!isfinite(alt_km) || alt_km <= 0.0)
        return bad(err, "alt_km", "a positive altitude (km)", alt_km);
    if (!isfinite(rho_kg_m3) || rho_kg_m3 < 0.0)
        return bad(err, "rho_kg_m3", "a density >= 0 (kg/m^3)", rho_kg_m3);
    if (check_bc(bc_kg_m2, err))
        return ODC_EINPUT;
    double a_m = RE_M + alt_km * 1e3;
    *dadt_m_s = -sqrt(MU_M3_S2 * a_m) * rho_kg_m3 / bc_kg_m2;
    return ODC_OK;
}

/* Integrand of the lifetime quadrature, dt/da = B / (sqrt(mu a) rho(a)). The
 * first density error stops the integration: the remaining calls return 0
 * and the caller reports the saved error. */
struct life_ctx {
    odc_density_fn rho;
    void *ctx;
    double bc;
    int rc;
    odc_err *err;
};

static double dt_da(double a_m, void *p)
{
    struct life_ctx *c = p;
    if (c->rc)
        return 0.0;
    double rho_kg_m3;
    int rc = c->rho(c->ctx, (a_m - RE_M) * 1e-3, &rho_kg_m3, c->err);
    if (rc == ODC_OK && !(rho_kg_m3 > 0.0 && isfinite(rho_kg_m3)))
        rc = odc_err_set(c->err, ODC_EMODEL, NULL, 0, 0, "rho_kg_m3",
                         "density model returned %g at %g km; need > 0", rho_kg_m3,
                         (a_m - RE_M) * 1e-3);
    if (rc) {
        c->rc = rc;
        return 0.0;
    }
    return c->bc / (sqrt(MU_M3_S2 * a_m) * rho_kg_m3);
}

int odc_lifetime(odc_density_fn rho, void *ctx, double alt0_km, double alt_end_km,
                 double bc_kg_m2, double *t_s, odc_err *err)
{
    if (!rho)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "rho", "no density model");
    if (!isfinite(alt_end_km) || alt_end_km <= 0.0)
        return bad(err, "alt_end_km", "a positive re-entry altitude (km)", alt_end_km);
    if (!isfinite(alt0_km) || alt0_km <= alt_end_km)
        return bad(err, "alt0_km", "an initial altitude above alt_end_km (km)", alt0_km);
    if (check_bc(bc_kg_m2, err))
        return ODC_EINPUT;
    enum { LIMIT = 200 };
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(LIMIT);
    if (!w)
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    struct life_ctx c = {rho, ctx, bc_kg_m2, ODC_OK, err};
    gsl_function f = {dt_da, &c};
    const double slice_km = 5.0;
    double total = 0.0;
    int rc = ODC_OK;
    for (double lo = alt_end_km; lo < alt0_km && rc == ODC_OK; lo += slice_km) {
        double hi = fmin(lo + slice_km, alt0_km), part, abserr;
        int st = gsl_integration_qag(&f, RE_M + lo * 1e3, RE_M + hi * 1e3, 0.0, 1e-9,
                                     LIMIT, GSL_INTEG_GAUSS21, w, &part, &abserr);
        if (c.rc)
            rc = c.rc;
        else if (st)
            rc = odc_err_set(err, ODC_EMODEL, NULL, 0, 0, NULL,
                             "lifetime quadrature failed between %g and %g km: %s",
                             lo, hi, gsl_strerror(st));
        total += part;
    }
    gsl_set_error_handler(old);
    gsl_integration_workspace_free(w);
    if (rc == ODC_OK)
        *t_s = total;
    return rc;
}

/* Root function for odc_decay_altitude: time to fall from alt0 to h, minus
 * the requested time. Decreasing in h; the first error stops the search. */
struct alt_ctx {
    odc_density_fn rho;
    void *ctx;
    double alt0_km, bc, t_s;
    int rc;
    odc_err *err;
};

static double time_left(double h_km, void *p)
{
    struct alt_ctx *c = p;
    if (c->rc || h_km >= c->alt0_km)
        return -c->t_s;
    double t;
    c->rc = odc_lifetime(c->rho, c->ctx, c->alt0_km, h_km, c->bc, &t, c->err);
    return c->rc ? 0.0 : t - c->t_s;
}

int odc_decay_altitude(odc_density_fn rho, void *ctx, double alt0_km,
                       double alt_floor_km, double bc_kg_m2, double t_s,
                       double *alt_km, double *t_floor_s, odc_err *err)
{
    if (!rho)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "rho", "no density model");
    if (!isfinite(alt_floor_km) || alt_floor_km <= 0.0)
        return bad(err, "alt_floor_km", "a positive floor altitude (km)", alt_floor_km);
    if (!isfinite(alt0_km) || alt0_km <= alt_floor_km)
        return bad(err, "alt0_km", "an initial altitude above alt_floor_km (km)", alt0_km);
    if (!isfinite(t_s) || t_s < 0.0)
        return bad(err, "t_s", "a duration >= 0 (s)", t_s);
    if (check_bc(bc_kg_m2, err))
        return ODC_EINPUT;
    if (t_floor_s)
        *t_floor_s = -1.0;
    double t_life;
    int rc = odc_lifetime(rho, ctx, alt0_km, alt_floor_km, bc_kg_m2, &t_life, err);
    if (rc)
        return rc;
    if (t_life <= t_s) {
        *alt_km = alt_floor_km;
        if (t_floor_s)
            *t_floor_s = t_life;
        return ODC_OK;
    }
    if (t_s == 0.0) {
        *alt_km = alt0_km;
        return ODC_OK;
    }
    /* Brent's method on the altitude, which never asks the density model
     * for a height outside [floor, alt0] (a time-stepping integrator would
     * probe below the floor near re-entry). */
    struct alt_ctx c = {rho, ctx, alt0_km, bc_kg_m2, t_s, ODC_OK, err};
    gsl_function f = {time_left, &c};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_root_fsolver_set(s, &f, alt_floor_km, alt0_km);
    int st = GSL_CONTINUE;
    for (int it = 0; it < 200 && st == GSL_CONTINUE && c.rc == ODC_OK; it++) {
        if (gsl_root_fsolver_iterate(s))
            break;
        st = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                    gsl_root_fsolver_x_upper(s), 1e-9, 1e-13);
    }
    double h = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    gsl_set_error_handler(old);
    if (c.rc)
        return c.rc;
    if (st != GSL_SUCCESS)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, NULL,
                           "decay altitude search did not converge");
    *alt_km = h;
    return ODC_OK;
}

int odc_stationkeeping_dv(odc_density_fn rho, void *ctx, double alt_km,
                          double bc_kg_m2, double *dv_m_s_per_yr, odc_err *err)
{
    if (!rho)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "rho", "no density model");
    if (!isfinite(alt_km) || alt_km <= 0.0)
        return bad(err, "alt_km", "a positive altitude (km)", alt_km);
    if (check_bc(bc_kg_m2, err))
        return ODC_EINPUT;
    double rho_kg_m3, acc_m_s2;
    int rc = rho(ctx, alt_km, &rho_kg_m3, err);
    if (rc)
        return rc;
    double v_m_s = sqrt(MU_M3_S2 / (RE_M + alt_km * 1e3));
    rc = odc_drag_accel(rho_kg_m3, v_m_s, bc_kg_m2, &acc_m_s2, err);
    if (rc)
        return rc;
    *dv_m_s_per_yr = acc_m_s2 * ODC_YEAR_S;
    return ODC_OK;
}

int odc_propellant_mass(double m0_kg, double dv_m_s, double isp_s,
                        double *m_prop_kg, odc_err *err)
{
    if (!isfinite(m0_kg) || m0_kg <= 0.0)
        return bad(err, "m0_kg", "a positive initial mass (kg)", m0_kg);
    if (!isfinite(dv_m_s) || dv_m_s < 0.0)
        return bad(err, "dv_m_s", "a delta-v >= 0 (m/s)", dv_m_s);
    if (!isfinite(isp_s) || isp_s <= 0.0)
        return bad(err, "isp_s", "a positive specific impulse (s)", isp_s);
    /* -expm1 keeps precision when dv << Isp g0. */
    *m_prop_kg = -m0_kg * expm1(-dv_m_s / (isp_s * ODC_G0_M_S2));
    return ODC_OK;
}
