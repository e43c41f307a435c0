/* First-order J2 secular rates of the mean elements: the whole of the
 * design propagator's perturbation model (no short-period terms). */
#include "odc/constellation.h"

#include <math.h>

void odc_j2_rates(double a_km, double ecc, double incl_rad,
                  double *raan_dot, double *argp_dot, double *m_dot)
{
    double n = sqrt(ODC_MU_EARTH_KM3_S2 / (a_km * a_km * a_km));
    double p = a_km * (1.0 - ecc * ecc);
    double q = ODC_RE_EARTH_KM / p;
    double k = n * ODC_J2_EARTH * q * q;          /* n J2 (Re/p)^2 */
    double ci = cos(incl_rad), si = sin(incl_rad);
    double s2 = si * si;
    if (raan_dot)
        *raan_dot = -1.5 * k * ci;
    if (argp_dot)
        *argp_dot = 0.75 * k * (4.0 - 5.0 * s2);
    if (m_dot)
        *m_dot = n + 0.75 * k * sqrt(1.0 - ecc * ecc) * (2.0 - 3.0 * s2);
}
