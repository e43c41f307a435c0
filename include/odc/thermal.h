/* Spacecraft thermal models for sizing and time-stepped simulation:
 * view factor of a flat plate to the Earth, absorbed environmental fluxes
 * (direct Sun, albedo, Earth infrared), radiator sizing from the
 * Stefan-Boltzmann law, panel equilibrium temperature, and a lumped
 * transient model of the compute payload integrated exactly per step.
 *
 * References: Gilmore (ed.), "Spacecraft Thermal Control Handbook, Vol. I"
 * (2nd ed., Aerospace Press 2002), ch. 2 (environment: albedo 0.30, Earth
 * IR ~237 W/m^2) and ch. 2 / App. (plate-to-sphere view factors); Howell,
 * "A Catalog of Radiation Heat Transfer Configuration Factors" (3rd ed.),
 * factor C-137 (sphere to tilted plate); CODATA 2018 for sigma. */
#ifndef ODC_THERMAL_H
#define ODC_THERMAL_H

#include "odc/error.h"

/* Stefan-Boltzmann constant, W m^-2 K^-4 (CODATA 2018, exact in the 2019
 * SI since h, c and k are fixed). */
#define ODC_SIGMA_SB 5.670374419e-8

/* View factor from a small flat plate at altitude alt_km above a sphere of
 * radius re_km to that sphere, for a plate whose normal makes the angle
 * tilt_rad with the local nadir (0: facing the Earth, pi/2: edge-on /
 * normal horizontal, pi: facing zenith).
 *
 * alt_km    altitude of the plate above the sphere surface (km), > 0
 * re_km     sphere radius (km), > 0 (ODC_RE_EARTH_KM for the Earth)
 * tilt_rad  angle between plate normal and nadir (rad), 0..pi
 * f         out: view factor, 0..1
 * returns   ODC_OK, or ODC_EINPUT naming the bad field.
 *
 * Model: with H = (re + alt)/re, the plate sees the whole visible cap when
 * tilt <= acos(1/H): F = cos(tilt)/H^2; otherwise the partial-view closed
 * form of Howell's catalog factor C-137 (also Gilmore 2002, ch. 2). The
 * nadir-facing limit is 1/H^2 (-> 1 as alt -> 0); the edge-on value tends
 * to 1/2 as alt -> 0. Exact for a diffuse sphere and a differential plate. */
int odc_vf_plate_sphere(double alt_km, double re_km, double tilt_rad,
                        double *f, odc_err *err);

/* Orbital thermal environment. */
typedef struct odc_thermal_env {
    double solar_w_m2;     /* solar irradiance at the spacecraft (W/m^2), >= 0 */
    double albedo;         /* Earth Bond albedo, 0..1 (Gilmore 2002: ~0.30)   */
    double earth_ir_w_m2;  /* Earth outgoing longwave radiation at the top of
                              the atmosphere (W/m^2), >= 0 (~237, Gilmore)    */
} odc_thermal_env;

/* Geometry of one radiating face relative to Sun and Earth. */
typedef struct odc_face {
    double cos_sun;       /* cosine of Sun incidence on the face; <= 0 means
                             the face is not lit (eclipse or back side)      */
    double f_earth;       /* view factor face -> Earth, 0..1                */
    double albedo_factor; /* fraction of full-phase albedo seen, 0..1: about
                             the cosine of the solar zenith angle at the
                             sub-satellite point (0 on the night side)       */
} odc_face;

/* Environmental power absorbed per m^2 of one face (W/m^2):
 * q = alpha*S*max(cos_sun,0) + alpha*S*albedo*albedo_factor*f_earth
 *     + eps*OLR*f_earth
 * (albedo is solar-spectrum, absorbed with alpha; Earth IR is long-wave,
 * absorbed with eps by Kirchhoff's law for a grey surface).
 * returns ODC_OK or ODC_EINPUT naming the field (alpha, eps in [0,1],
 * f_earth and albedo_factor in [0,1], env fields as documented). */
int odc_face_absorbed_w_m2(double alpha, double eps, const odc_thermal_env *env,
                           const odc_face *face, double *q_w_m2, odc_err *err);

/* Radiator area (m^2 of panel, one face's area) needed to reject q_w at the
 * radiator temperature t_k with n_faces (1 or 2) radiating faces, each
 * absorbing its environmental load:
 *   area = q_w / sum_faces (eps*sigma*t^4 - q_abs(face)).
 * faces may be NULL for deep space (no environment).
 * returns ODC_OK; ODC_EINPUT for bad inputs (field named); ODC_EMODEL when
 * the environment absorbs at least what the faces emit at t_k (no area
 * can reject heat at that temperature). Valid for an isothermal radiator
 * (fin efficiency 1; apply a fin efficiency to eps or t_k otherwise). */
int odc_radiator_area(double q_w, double t_k, double eps, double alpha,
                      int n_faces, const odc_face *faces,
                      const odc_thermal_env *env, double *area_m2,
                      odc_err *err);

/* Equilibrium temperature of a node that radiates to deep space and is
 * conductively coupled to a sink:
 *   a4 * T^4 + g * (T - t_sink) = q_in
 * a4_w_k4   eps*sigma*(radiating area), W/K^4, > 0
 * g_w_k     conductance to the sink (W/K), >= 0 (0: purely radiative)
 * t_sink_k  sink temperature (K), > 0 when g > 0 (ignored when g == 0)
 * q_in_w    absorbed environmental + internal power (W), >= 0
 * t_k       out: the unique positive root (K)
 * Solved with a bracketed Newton iteration on the quartic; the residual at
 * the returned root is below 1e-12 of q_in + g*t_sink.
 * returns ODC_OK, ODC_EINPUT (field named), or ODC_EMODEL if the root is
 * not positive (q_in + g*t_sink <= 0). */
int odc_equilibrium_temp(double a4_w_k4, double g_w_k, double t_sink_k,
                         double q_in_w, double *t_k, odc_err *err);

/* Lumped transient node: C dT/dt = q_in - a4*T^4, with q_in (absorbed
 * environment + internal dissipation) held constant over a step. */
typedef struct odc_lumped {
    double c_j_k;     /* heat capacity (J/K), > 0                          */
    double a4_w_k4;   /* eps*sigma*radiating area (W/K^4), > 0             */
} odc_lumped;

/* One step of the lumped node, integrated exactly (not by a discrete
 * scheme): with Te = (q_in/a4)^(1/4) and u = T/Te,
 *   G(u) = ln|(1+u)/(1-u)| + 2 atan(u) advances as G(u0) + 4*a4*Te^3*dt/C,
 * so any dt is stable and T never overshoots Te. For q_in = 0,
 *   T = T0 / (1 + 3*a4*T0^3*dt/C)^(1/3).
 * t0_k        temperature at the start (K), > 0
 * q_in_w      constant heat input over the step (W), >= 0
 * dt_s        step (s), >= 0
 * t_limit_k   temperature limit (K), or <= 0 for none
 * t1_k        out: temperature at the end of the step (K)
 * t_hit_s     out (may be NULL): time into the step (s) at which T first
 *             reaches t_limit_k; 0 if T0 >= limit; -1 if not reached
 * returns ODC_OK or ODC_EINPUT naming the field. Relative accuracy of T
 * about 1e-13 (root of G solved to machine precision). */
int odc_lumped_step(const odc_lumped *m, double t0_k, double q_in_w,
                    double dt_s, double t_limit_k, double *t1_k,
                    double *t_hit_s, odc_err *err);

/* Largest constant internal power (W) that keeps the node at or below
 * t_limit_k at the end of a step of dt_s (and hence throughout it, since T
 * is monotone within a step), given environmental input q_env_w. Used by
 * a simulation to throttle IT power. If T0 > limit the answer is the
 * power that brings T back exactly to the limit, or 0 if even zero power
 * cannot (then *p_max_w = 0 and ODC_OK is returned; the caller sees
 * T1 > limit from odc_lumped_step). Bisection on q to 1e-12 relative.
 * returns ODC_OK, ODC_EINPUT naming the field, or ODC_EMODEL if dt_s is
 * so short that no finite power reaches the limit. */
int odc_lumped_max_power(const odc_lumped *m, double t0_k, double q_env_w,
                         double dt_s, double t_limit_k, double *p_max_w,
                         odc_err *err);

#endif
