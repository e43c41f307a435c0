/* Wright's-law price learning for launch: $/kg falls by the learning rate
 * with each doubling of cumulative mass launched, down to a floor.
 * T. P. Wright, "Factors affecting the cost of airplanes", J. Aeronautical
 * Sciences 3(4):122-128 (1936). */
#include "odc/launch.h"

#include <math.h>
#include <stdio.h>

int odc_learning_check(const odc_learning *l, odc_err *err)
{
    if (!l)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "learning", "missing curve");
    if (!(l->c1_usd_per_kg > 0) || !isfinite(l->c1_usd_per_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "c1_usd_per_kg", "expected > 0, got %g",
                           l->c1_usd_per_kg);
    if (!(l->x1_kg > 0) || !isfinite(l->x1_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "x1_kg", "expected > 0, got %g", l->x1_kg);
    if (!(l->lr > 0 && l->lr <= 1))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "lr",
                           "learning rate per doubling expected in (0,1], got %g", l->lr);
    if (!(l->floor_usd_per_kg >= 0) || !isfinite(l->floor_usd_per_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "floor_usd_per_kg",
                           "expected >= 0, got %g", l->floor_usd_per_kg);
    return ODC_OK;
}

static double wright(const odc_learning *l, double x)
{
    return l->c1_usd_per_kg * pow(x / l->x1_kg, log2(l->lr));
}

int odc_learning_usd_per_kg(const odc_learning *l, double x_kg, double *usd_per_kg, odc_err *err)
{
    int rc = odc_learning_check(l, err);
    if (rc)
        return rc;
    if (!(x_kg > 0) || !isfinite(x_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "x_kg",
                           "cumulative mass expected > 0, got %g", x_kg);
    *usd_per_kg = fmax(l->floor_usd_per_kg, wright(l, x_kg));
    return ODC_OK;
}

/* Integral of c1 (x/x1)^b from a to b_ (a < b_), closed form. */
static double wright_integral(const odc_learning *l, double b, double a, double z)
{
    if (b == 0.0)
        return l->c1_usd_per_kg * (z - a);
    if (fabs(b + 1.0) < 1e-12) /* lr = 1/2: the antiderivative is a logarithm */
        return l->c1_usd_per_kg * l->x1_kg * log(z / a);
    /* c1 x1 / (b+1) * ((z/x1)^(b+1) - (a/x1)^(b+1)) */
    return l->c1_usd_per_kg * l->x1_kg / (b + 1.0) *
           (pow(z / l->x1_kg, b + 1.0) - pow(a / l->x1_kg, b + 1.0));
}

/* Integral of max(floor, c(x)) over [a, z]. c falls with x, so it is above
 * the floor up to x* = x1 (floor/c1)^(1/b) and at the floor after. */
static double price_integral(const odc_learning *l, double a, double z)
{
    double b = log2(l->lr);
    double fl = l->floor_usd_per_kg;
    if (b == 0.0)
        return fmax(fl, l->c1_usd_per_kg) * (z - a);
    double xs = fl > 0 ? l->x1_kg * pow(fl / l->c1_usd_per_kg, 1.0 / b) : INFINITY;
    double s = 0.0;
    if (a < xs)
        s += wright_integral(l, b, a, fmin(z, xs));
    if (z > xs)
        s += fl * (z - fmax(a, xs));
    return s;
}

int odc_learning_series(const odc_learning *l, double x0_kg, const double *mass_kg, int n,
                        double *usd_per_kg, double *cum_kg, double *spend_usd, odc_err *err)
{
    int rc = odc_learning_check(l, err);
    if (rc)
        return rc;
    if (!(x0_kg > 0) || !isfinite(x0_kg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "x0_kg",
                           "cumulative mass before year 0 expected > 0, got %g", x0_kg);
    if (n < 0 || (n > 0 && (!mass_kg || !usd_per_kg)))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n", "expected n >= 0 and arrays");
    for (int k = 0; k < n; k++)
        if (!(mass_kg[k] >= 0) || !isfinite(mass_kg[k])) {
            char f[32];
            snprintf(f, sizeof f, "mass_kg[%d]", k);
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f, "expected >= 0, got %g",
                               mass_kg[k]);
        }
    double x = x0_kg;
    for (int k = 0; k < n; k++) {
        double m = mass_kg[k];
        double p = m > 0 ? price_integral(l, x, x + m) / m
                         : fmax(l->floor_usd_per_kg, wright(l, x));
        usd_per_kg[k] = p;
        x += m;
        if (cum_kg) cum_kg[k] = x;
        if (spend_usd) spend_usd[k] = p * m;
    }
    return ODC_OK;
}
