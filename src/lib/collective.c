/* Alpha-beta time of ring and halving-doubling collectives. Kept apart from
 * the training model because the engine also calls the per-hop ring on the
 * live ISL graph. */
#include "odc/collective.h"

#include <math.h>
#include <stdio.h>

static int check_common(int p, double bytes, double *t_s, odc_err *err)
{
    if (p < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "p",
                           "number of ranks must be >= 1, got %d", p);
    if (!isfinite(bytes) || bytes < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "bytes",
                           "message size must be finite and >= 0, got %g", bytes);
    if (!t_s)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_s", "output pointer is NULL");
    return ODC_OK;
}

static int check_link(double bw, double alpha, const char *fbw, const char *fa,
                      odc_err *err)
{
    if (!isfinite(bw) || !(bw > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, fbw,
                           "bandwidth must be finite and > 0 bytes/s, got %g", bw);
    if (!isfinite(alpha) || alpha < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, fa,
                           "latency must be finite and >= 0 s, got %g", alpha);
    return ODC_OK;
}

int odc_allreduce_ring_s(int p, double bytes, double bw_bytes_s, double alpha_s,
                         double *t_s, odc_err *err)
{
    int rc;
    if ((rc = check_common(p, bytes, t_s, err))) return rc;
    if ((rc = check_link(bw_bytes_s, alpha_s, "bw_bytes_s", "alpha_s", err))) return rc;
    double pm1 = (double)(p - 1);
    *t_s = 2.0 * pm1 / p * bytes / bw_bytes_s + 2.0 * pm1 * alpha_s;
    return ODC_OK;
}

int odc_allreduce_ring_hops_s(int p, double bytes, const double *bw_bytes_s,
                              const double *lat_s, double *t_s, odc_err *err)
{
    int rc;
    if ((rc = check_common(p, bytes, t_s, err))) return rc;
    if (!bw_bytes_s || !lat_s)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0,
                           !bw_bytes_s ? "bw_bytes_s" : "lat_s",
                           "per-hop array is NULL (need %d entries)", p);
    double chunk = bytes / p, worst = 0.0;
    for (int i = 0; i < p; i++) {
        char fbw[32], fa[32];
        if (!isfinite(bw_bytes_s[i]) || !(bw_bytes_s[i] > 0.0) ||
            !isfinite(lat_s[i]) || lat_s[i] < 0.0) {
            snprintf(fbw, sizeof fbw, "bw_bytes_s[%d]", i);
            snprintf(fa, sizeof fa, "lat_s[%d]", i);
            return check_link(bw_bytes_s[i], lat_s[i], fbw, fa, err);
        }
        double t = lat_s[i] + chunk / bw_bytes_s[i];
        if (t > worst) worst = t;
    }
    *t_s = (p == 1) ? 0.0 : 2.0 * (p - 1) * worst;
    return ODC_OK;
}

int odc_allreduce_ring_sched_s(int p, double bytes, const double *bw_bytes_s,
                               const double *lat_s, double *work, double *t_s,
                               odc_err *err)
{
    double bound;
    int rc = odc_allreduce_ring_hops_s(p, bytes, bw_bytes_s, lat_s, &bound, err);
    if (rc) return rc;
    if (!work)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "work",
                           "scratch array is NULL (need %d doubles)", 2 * p);
    /* free_at[i]: when hop i can take the next send; arrive[i]: when the
     * chunk sent by rank i in the previous step reached rank i+1. Ranks are
     * visited from p-1 down to 0 so arrive[i-1] still holds the previous
     * step's value when rank i reads it; rank 0 reads rank p-1's, already
     * overwritten, so that one is carried in a temporary. */
    double *free_at = work, *arrive = work + p;
    double chunk = bytes / p, end = 0.0;
    for (int i = 0; i < p; i++) { free_at[i] = 0.0; arrive[i] = 0.0; }
    for (int k = 0; k < 2 * (p - 1); k++) {
        double prev_last = arrive[p - 1];
        for (int i = p - 1; i >= 0; i--) {
            double have = (i == 0) ? prev_last : arrive[i - 1];
            double start = free_at[i] > have ? free_at[i] : have;
            free_at[i] = start + chunk / bw_bytes_s[i];
            arrive[i] = free_at[i] + lat_s[i];
            if (arrive[i] > end) end = arrive[i];
        }
    }
    *t_s = end;
    return ODC_OK;
}

int odc_allreduce_rabenseifner_s(int p, double bytes, double bw_bytes_s,
                                 double alpha_s, double *t_s, odc_err *err)
{
    int rc;
    if ((rc = check_common(p, bytes, t_s, err))) return rc;
    if ((rc = check_link(bw_bytes_s, alpha_s, "bw_bytes_s", "alpha_s", err))) return rc;
    int k = 0, pp = 1;
    while (pp * 2 <= p) { pp *= 2; k++; }
    double t = 2.0 * k * alpha_s + 2.0 * (double)(pp - 1) / pp * bytes / bw_bytes_s;
    if (pp != p)   /* fold the extra ranks in before, hand results back after */
        t += 2.0 * (alpha_s + bytes / bw_bytes_s);
    *t_s = t;
    return ODC_OK;
}

int odc_ring_gather_s(int p, double bytes, double bw_bytes_s, double alpha_s,
                      double *t_s, odc_err *err)
{
    int rc;
    if ((rc = check_common(p, bytes, t_s, err))) return rc;
    if ((rc = check_link(bw_bytes_s, alpha_s, "bw_bytes_s", "alpha_s", err))) return rc;
    double pm1 = (double)(p - 1);
    *t_s = pm1 / p * bytes / bw_bytes_s + pm1 * alpha_s;
    return ODC_OK;
}

int odc_allreduce_s(int algo, int p, double bytes, double bw_bytes_s,
                    double alpha_s, double *t_s, odc_err *err)
{
    switch (algo) {
    case ODC_ALLREDUCE_RING:
        return odc_allreduce_ring_s(p, bytes, bw_bytes_s, alpha_s, t_s, err);
    case ODC_ALLREDUCE_RABENSEIFNER:
        return odc_allreduce_rabenseifner_s(p, bytes, bw_bytes_s, alpha_s, t_s, err);
    default:
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "algo",
                           "all-reduce algorithm must be %d (ring) or %d "
                           "(Rabenseifner), got %d", ODC_ALLREDUCE_RING,
                           ODC_ALLREDUCE_RABENSEIFNER, algo);
    }
}
