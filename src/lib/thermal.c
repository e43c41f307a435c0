/* Thermal models: Earth view factors, absorbed environment, radiator
 * sizing, equilibrium temperature and the exact-per-step lumped transient
 * used to throttle compute power against a temperature limit. */
#include "odc/thermal.h"

#include <float.h>
#include <math.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* A value is usable only if finite; NaN compares false everywhere, so
 * range checks below are written to reject it. */
static int bad(double x) { return !isfinite(x); }

int odc_vf_plate_sphere(double alt_km, double re_km, double tilt_rad,
                        double *f, odc_err *err)
{
    if (bad(alt_km) || !(alt_km > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "altitude must be > 0 km, got %g", alt_km);
    if (bad(re_km) || !(re_km > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "re_km",
                           "sphere radius must be > 0 km, got %g", re_km);
    if (bad(tilt_rad) || tilt_rad < 0.0 || tilt_rad > M_PI)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "tilt_rad",
                           "tilt must be in [0, pi] rad, got %g", tilt_rad);
    double h = (re_km + alt_km) / re_km;
    double h2 = h * h;
    double c = cos(tilt_rad), s = sin(tilt_rad);
    double horizon = acos(1.0 / h);    /* half-angle of the Earth seen */
    double root = sqrt(h2 - 1.0);
    if (tilt_rad <= horizon) {
        /* The whole visible cap is in front of the plate. */
        *f = c / h2;
    } else if (tilt_rad >= M_PI - horizon) {
        *f = 0.0;                       /* Earth entirely behind the plate */
    } else {
        /* Plate plane cuts the visible cap (Howell C-137). */
        double a = root / (h * s);
        if (a > 1.0) a = 1.0;
        double b = -root * c / s;       /* -sqrt(H^2-1) cot(tilt) */
        if (b > 1.0) b = 1.0;
        if (b < -1.0) b = -1.0;
        double q = 1.0 - h2 * c * c;
        if (q < 0.0) q = 0.0;
        double v = 0.5 - asin(a) / M_PI
                 + (c * acos(b) - root * sqrt(q)) / (M_PI * h2);
        *f = v < 0.0 ? 0.0 : v;
    }
    return ODC_OK;
}

int odc_face_absorbed_w_m2(double alpha, double eps, const odc_thermal_env *env,
                           const odc_face *face, double *q_w_m2, odc_err *err)
{
    if (bad(alpha) || alpha < 0.0 || alpha > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alpha",
                           "solar absorptivity must be in [0,1], got %g", alpha);
    if (bad(eps) || eps < 0.0 || eps > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "eps",
                           "IR emissivity must be in [0,1], got %g", eps);
    if (!env)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "env", "missing environment");
    if (bad(env->solar_w_m2) || env->solar_w_m2 < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "solar_w_m2",
                           "solar irradiance must be >= 0 W/m^2, got %g",
                           env->solar_w_m2);
    if (bad(env->albedo) || env->albedo < 0.0 || env->albedo > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "albedo",
                           "albedo must be in [0,1], got %g", env->albedo);
    if (bad(env->earth_ir_w_m2) || env->earth_ir_w_m2 < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "earth_ir_w_m2",
                           "Earth IR must be >= 0 W/m^2, got %g", env->earth_ir_w_m2);
    if (!face)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "face", "missing face geometry");
    if (bad(face->cos_sun) || face->cos_sun < -1.0 || face->cos_sun > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cos_sun",
                           "cosine of Sun incidence must be in [-1,1], got %g",
                           face->cos_sun);
    if (bad(face->f_earth) || face->f_earth < 0.0 || face->f_earth > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "f_earth",
                           "view factor must be in [0,1], got %g", face->f_earth);
    if (bad(face->albedo_factor) || face->albedo_factor < 0.0 || face->albedo_factor > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "albedo_factor",
                           "albedo factor must be in [0,1], got %g",
                           face->albedo_factor);
    double s = env->solar_w_m2;
    double direct = face->cos_sun > 0.0 ? alpha * s * face->cos_sun : 0.0;
    double alb = alpha * s * env->albedo * face->albedo_factor * face->f_earth;
    double ir = eps * env->earth_ir_w_m2 * face->f_earth;
    *q_w_m2 = direct + alb + ir;
    return ODC_OK;
}

static int check_temp(double t_k, const char *field, odc_err *err)
{
    if (bad(t_k) || !(t_k > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "temperature must be > 0 K, got %g", t_k);
    return ODC_OK;
}

int odc_radiator_area(double q_w, double t_k, double eps, double alpha,
                      int n_faces, const odc_face *faces,
                      const odc_thermal_env *env, double *area_m2,
                      odc_err *err)
{
    if (bad(q_w) || q_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "q_w",
                           "heat load must be >= 0 W, got %g", q_w);
    int rc = check_temp(t_k, "t_k", err);
    if (rc) return rc;
    if (bad(eps) || !(eps > 0.0) || eps > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "eps",
                           "IR emissivity must be in (0,1], got %g", eps);
    if (n_faces != 1 && n_faces != 2)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_faces",
                           "radiator has 1 or 2 radiating faces, got %d", n_faces);
    if (faces && !env)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "env",
                           "faces given without an environment");
    double emit = eps * ODC_SIGMA_SB * t_k * t_k * t_k * t_k;
    double net = 0.0;
    for (int i = 0; i < n_faces; i++) {
        double q_abs = 0.0;
        if (faces) {
            rc = odc_face_absorbed_w_m2(alpha, eps, env, &faces[i], &q_abs, err);
            if (rc) return rc;
        }
        net += emit - q_abs;
    }
    if (!(net > 0.0))
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "t_k",
                           "at %g K the radiator absorbs %g W/m^2 more than it emits; "
                           "raise the radiator temperature or shade it", t_k, -net);
    *area_m2 = q_w / net;
    return ODC_OK;
}

int odc_equilibrium_temp(double a4_w_k4, double g_w_k, double t_sink_k,
                         double q_in_w, double *t_k, odc_err *err)
{
    if (bad(a4_w_k4) || !(a4_w_k4 > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "a4_w_k4",
                           "eps*sigma*area must be > 0 W/K^4, got %g", a4_w_k4);
    if (bad(g_w_k) || g_w_k < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "g_w_k",
                           "conductance must be >= 0 W/K, got %g", g_w_k);
    if (g_w_k > 0.0) {
        int rc = check_temp(t_sink_k, "t_sink_k", err);
        if (rc) return rc;
    } else {
        t_sink_k = 0.0;
    }
    if (bad(q_in_w) || q_in_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "q_in_w",
                           "heat input must be >= 0 W, got %g", q_in_w);
    double rhs = q_in_w + g_w_k * t_sink_k;
    if (!(rhs > 0.0))
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "q_in_w",
                           "no heat input: equilibrium is 0 K");
    /* f(T) = a4 T^4 + g T - rhs is increasing and convex for T > 0, with
     * f(0) < 0. Bracket: T_hi = min of the two single-term roots is an
     * upper bound (each term alone would need that T). Newton from the
     * upper bound converges monotonically for a convex increasing f. */
    double t_rad = pow(rhs / a4_w_k4, 0.25);
    double t_hi = t_rad;
    if (g_w_k > 0.0 && rhs / g_w_k < t_hi)
        t_hi = rhs / g_w_k;
    double t = t_hi;
    for (int it = 0; it < 100; it++) {
        double t3 = t * t * t;
        double fval = a4_w_k4 * t3 * t + g_w_k * t - rhs;
        double fp = 4.0 * a4_w_k4 * t3 + g_w_k;
        double dt = fval / fp;
        double tn = t - dt;
        if (!(tn > 0.0)) tn = 0.5 * t;
        if (fabs(tn - t) <= 4.0 * DBL_EPSILON * tn) { t = tn; break; }
        t = tn;
    }
    *t_k = t;
    return ODC_OK;
}

/* ---- exact lumped transient ------------------------------------------ */

/* G as a function of w = |1 - u| (u = T/Te) on the side below (below=1) or
 * above Te; written in w so that approaching Te keeps full precision. */
static double g_of_w(double w, int below)
{
    if (below)
        return log((2.0 - w) / w) + 2.0 * atan(1.0 - w);
    return log1p(2.0 / w) + 2.0 * atan(1.0 + w);
}

/* dG/ds with s = ln w (always negative: G grows as T nears Te). */
static double dg_ds(double w, int below)
{
    if (below) {
        double u = 1.0 - w;
        return w * (-1.0 / (2.0 - w) - 1.0 / w - 2.0 / (1.0 + u * u));
    }
    double u = 1.0 + w;
    return w * (-2.0 / (w * (2.0 + w)) + 2.0 / (1.0 + u * u));
}

/* Solve g_of_w(w) = target for w in (0, w0], where g_of_w(w0) <= target.
 * Safeguarded Newton in s = ln w. Returns 0 when w underflows. */
static double solve_w(double w0, int below, double target)
{
    double s_hi = log(w0);            /* F(s_hi) = G - target <= 0 */
    if (g_of_w(w0, below) >= target)
        return w0;
    /* Near Te, G ~ ln(2/w) + pi/2, so w ~ 2 exp(pi/2 - target): start
     * below that and walk down until F > 0. */
    double s_lo = fmin(s_hi, log(2.0) + M_PI / 2.0 - target) - 1.0;
    if (s_lo < -740.0)
        return 0.0;                   /* closer to Te than a double resolves */
    while (g_of_w(exp(s_lo), below) < target) {
        s_lo -= 2.0 * (s_hi - s_lo) + 1.0;
        if (s_lo < -740.0)
            return 0.0;               /* indistinguishable from Te */
    }
    double s = 0.5 * (s_lo + s_hi);
    for (int it = 0; it < 200; it++) {
        double w = exp(s);
        double fval = g_of_w(w, below) - target;
        if (fval > 0.0) s_lo = s; else s_hi = s;
        double d = dg_ds(w, below);
        double sn = s - fval / d;
        if (!(sn > s_lo && sn < s_hi))
            sn = 0.5 * (s_lo + s_hi);  /* Newton left the bracket */
        if (fabs(sn - s) <= 1e-15 * (1.0 + fabs(s)) || s_hi - s_lo <= 1e-15 * (1.0 + fabs(s))) {
            s = sn;
            break;
        }
        s = sn;
    }
    return exp(s);
}

static int check_lumped(const odc_lumped *m, odc_err *err)
{
    if (!m)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "model", "missing lumped model");
    if (bad(m->c_j_k) || !(m->c_j_k > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "c_j_k",
                           "heat capacity must be > 0 J/K, got %g", m->c_j_k);
    if (bad(m->a4_w_k4) || !(m->a4_w_k4 > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "a4_w_k4",
                           "eps*sigma*area must be > 0 W/K^4, got %g", m->a4_w_k4);
    return ODC_OK;
}

/* Temperature after dt with no validation (inputs already checked). */
static double lumped_advance(const odc_lumped *m, double t0, double q, double dt)
{
    if (dt == 0.0)
        return t0;
    if (q == 0.0) {
        double k = 3.0 * m->a4_w_k4 * t0 * t0 * t0 * dt / m->c_j_k;
        return t0 / cbrt(1.0 + k);
    }
    double te = pow(q / m->a4_w_k4, 0.25);
    double u0 = t0 / te;
    if (u0 == 1.0)
        return te;
    int below = u0 < 1.0;
    double w0 = below ? 1.0 - u0 : u0 - 1.0;
    double rate = 4.0 * m->a4_w_k4 * te * te * te / m->c_j_k;   /* 1/s */
    double g0 = g_of_w(w0, below);
    double target = g0 + rate * dt;
    if (!(target > g0))
        return t0;                    /* step below the resolution of G */
    double w = solve_w(w0, below, target);
    return below ? te * (1.0 - w) : te * (1.0 + w);
}

int odc_lumped_step(const odc_lumped *m, double t0_k, double q_in_w,
                    double dt_s, double t_limit_k, double *t1_k,
                    double *t_hit_s, odc_err *err)
{
    int rc = check_lumped(m, err);
    if (rc) return rc;
    rc = check_temp(t0_k, "t0_k", err);
    if (rc) return rc;
    if (bad(q_in_w) || q_in_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "q_in_w",
                           "heat input must be >= 0 W, got %g", q_in_w);
    if (bad(dt_s) || dt_s < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "dt_s",
                           "time step must be >= 0 s, got %g", dt_s);
    if (bad(t_limit_k))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_limit_k",
                           "temperature limit must be finite (<= 0 for none)");
    *t1_k = lumped_advance(m, t0_k, q_in_w, dt_s);
    if (t_hit_s) {
        *t_hit_s = -1.0;
        if (t_limit_k > 0.0) {
            if (t0_k >= t_limit_k) {
                *t_hit_s = 0.0;
            } else if (q_in_w > 0.0) {
                double te = pow(q_in_w / m->a4_w_k4, 0.25);
                if (t_limit_k < te) {
                    /* Rising through the limit: invert G exactly. */
                    double rate = 4.0 * m->a4_w_k4 * te * te * te / m->c_j_k;
                    double th = (g_of_w(1.0 - t_limit_k / te, 1)
                                 - g_of_w(1.0 - t0_k / te, 1)) / rate;
                    if (th <= dt_s)
                        *t_hit_s = th;
                }
            }
        }
    }
    return ODC_OK;
}

int odc_lumped_max_power(const odc_lumped *m, double t0_k, double q_env_w,
                         double dt_s, double t_limit_k, double *p_max_w,
                         odc_err *err)
{
    int rc = check_lumped(m, err);
    if (rc) return rc;
    rc = check_temp(t0_k, "t0_k", err);
    if (rc) return rc;
    rc = check_temp(t_limit_k, "t_limit_k", err);
    if (rc) return rc;
    if (bad(q_env_w) || q_env_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "q_env_w",
                           "environmental input must be >= 0 W, got %g", q_env_w);
    if (bad(dt_s) || !(dt_s > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "dt_s",
                           "time step must be > 0 s, got %g", dt_s);
    /* T(dt) increases with q; find q with T(dt) = limit. */
    double q_steady = m->a4_w_k4 * pow(t_limit_k, 4.0);    /* Te = limit */
    if (lumped_advance(m, t0_k, q_env_w, dt_s) > t_limit_k) {
        *p_max_w = 0.0;
        return ODC_OK;
    }
    double q_lo = fmax(q_env_w, t0_k <= t_limit_k ? q_steady : q_env_w);
    if (lumped_advance(m, t0_k, q_lo, dt_s) > t_limit_k)
        q_lo = q_env_w;
    /* Upper bound: with q above q_steady + C*(limit - T0)/dt, the node gains
     * at least C*(limit - T0) while below the limit, so it must end above. */
    double q_hi = q_steady + m->c_j_k * fabs(t_limit_k - t0_k) / dt_s + 1.0;
    while (isfinite(q_hi) && lumped_advance(m, t0_k, q_hi, dt_s) <= t_limit_k)
        q_hi *= 2.0;
    if (!isfinite(q_hi))
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "dt_s",
                           "step of %g s too short to bound the power", dt_s);
    for (int it = 0; it < 200 && q_hi - q_lo > 1e-12 * q_hi; it++) {
        double q = 0.5 * (q_lo + q_hi);
        if (lumped_advance(m, t0_k, q, dt_s) <= t_limit_k) q_lo = q; else q_hi = q;
    }
    *p_max_w = q_lo - q_env_w;
    if (*p_max_w < 0.0) *p_max_w = 0.0;
    return ODC_OK;
}
