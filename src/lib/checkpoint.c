/* Checkpoint interval and expected-waste formulas (Young 1974, Daly 2006)
 * and the pooled attrition model. Closed forms only: the tests minimise
 * Daly's wall-time model numerically to check the interval formulas. */
#include "odc/checkpoint.h"

#include <math.h>

static int pos(double x, const char *field, odc_err *err)
{
    if (!isfinite(x) || !(x > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "must be finite and > 0, got %g", x);
    return ODC_OK;
}

static int nonneg(double x, const char *field, odc_err *err)
{
    if (!isfinite(x) || x < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "must be finite and >= 0, got %g", x);
    return ODC_OK;
}

static int outp(const void *p, const char *field, odc_err *err)
{
    return p ? ODC_OK
             : odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field, "output pointer is NULL");
}

int odc_ckpt_young_s(double delta_s, double mtbi_s, double *tau_s, odc_err *err)
{
    int rc;
    if ((rc = pos(delta_s, "delta_s", err)) || (rc = pos(mtbi_s, "mtbi_s", err)) ||
        (rc = outp(tau_s, "tau_s", err)))
        return rc;
    *tau_s = sqrt(2.0 * delta_s * mtbi_s);
    return ODC_OK;
}

int odc_ckpt_daly_s(double delta_s, double mtbi_s, double *tau_s, odc_err *err)
{
    int rc;
    if ((rc = pos(delta_s, "delta_s", err)) || (rc = pos(mtbi_s, "mtbi_s", err)) ||
        (rc = outp(tau_s, "tau_s", err)))
        return rc;
    if (delta_s >= 2.0 * mtbi_s) {
        *tau_s = mtbi_s;
        return ODC_OK;
    }
    double x = delta_s / (2.0 * mtbi_s);
    *tau_s = sqrt(2.0 * delta_s * mtbi_s) * (1.0 + sqrt(x) / 3.0 + x / 9.0) - delta_s;
    return ODC_OK;
}

int odc_ckpt_wall_s(double solve_s, double tau_s, double delta_s,
                    double restart_s, double mtbi_s, double *wall_s,
                    double *waste_frac, odc_err *err)
{
    int rc;
    if ((rc = nonneg(solve_s, "solve_s", err)) || (rc = pos(tau_s, "tau_s", err)) ||
        (rc = pos(delta_s, "delta_s", err)) || (rc = nonneg(restart_s, "restart_s", err)) ||
        (rc = pos(mtbi_s, "mtbi_s", err)) || (rc = outp(wall_s, "wall_s", err)))
        return rc;
    /* expm1 keeps precision when (tau+delta) << M. */
    double w = mtbi_s * exp(restart_s / mtbi_s) * expm1((tau_s + delta_s) / mtbi_s) *
               solve_s / tau_s;
    if (!isfinite(w))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "mtbi_s",
                           "expected wall time overflows: interval %g s + "
                           "checkpoint %g s is far longer than the mean time "
                           "between interrupts %g s", tau_s, delta_s, mtbi_s);
    *wall_s = w;
    if (waste_frac)
        *waste_frac = (w > 0.0) ? 1.0 - solve_s / w : 0.0;
    return ODC_OK;
}

static int check_attr(int replicas, int cpr, int spares, double lambda, odc_err *err)
{
    if (replicas < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "replicas",
                           "must be >= 1, got %d", replicas);
    if (cpr < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "chips_per_replica",
                           "must be >= 1, got %d", cpr);
    if (spares < 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "spares",
                           "must be >= 0, got %d", spares);
    return nonneg(lambda, "lambda_per_chip_yr", err);
}

int odc_attrition_replicas(int replicas, int chips_per_replica, int spares,
                           double lambda_per_chip_yr, double t_yr, int *running,
                           odc_err *err)
{
    int rc;
    if ((rc = check_attr(replicas, chips_per_replica, spares, lambda_per_chip_yr, err)) ||
        (rc = nonneg(t_yr, "t_yr", err)) || (rc = outp(running, "running", err)))
        return rc;
    double n0 = (double)replicas * chips_per_replica + spares;
    double n = n0 * exp(-lambda_per_chip_yr * t_yr);
    double k = floor(n / chips_per_replica + 1e-12);  /* guard n0 exact multiples */
    *running = (k >= replicas) ? replicas : (int)k;
    return ODC_OK;
}

int odc_attrition_drop_yr(int replicas, int chips_per_replica, int spares,
                          double lambda_per_chip_yr, int k, double *t_yr,
                          odc_err *err)
{
    int rc;
    if ((rc = check_attr(replicas, chips_per_replica, spares, lambda_per_chip_yr, err)) ||
        (rc = outp(t_yr, "t_yr", err)))
        return rc;
    if (k < 1 || k > replicas)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "k",
                           "replica count must be in 1..%d, got %d", replicas, k);
    if (lambda_per_chip_yr == 0.0) {
        *t_yr = INFINITY;
        return ODC_OK;
    }
    double n0 = (double)replicas * chips_per_replica + spares;
    double t = log(n0 / ((double)k * chips_per_replica)) / lambda_per_chip_yr;
    *t_yr = t > 0.0 ? t : 0.0;
    return ODC_OK;
}
