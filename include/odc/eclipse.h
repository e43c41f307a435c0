/* Eclipse events and statistics for one orbit, for any propagator that can
 * give a position at a time: entry/exit of umbra and penumbra found by
 * bracketing on a sampled grid and Brent root finding (GSL) on the smooth
 * shadow-boundary functions of odc/shadow.h; yearly statistics (sunlit
 * fraction, longest eclipse, eclipse seasons).
 *
 * Reference: shadow geometry after Montenbruck & Gill, "Satellite Orbits"
 * (2000), sec. 3.4.2; Brent, "Algorithms for Minimization without
 * Derivatives" (1973), ch. 4 (gsl_root_fsolver_brent) and ch. 5
 * (gsl_min_fminimizer_brent, used to catch grazing passes shorter than the
 * sampling step). */
#ifndef ODC_ECLIPSE_H
#define ODC_ECLIPSE_H

#include <stddef.h>
#include "odc/error.h"
#include "odc/shadow.h"

/* Position of the satellite (km, same Earth-centred frame as the Sun) at
 * t_s seconds from the caller's epoch. Returns 0, or nonzero on failure
 * (the search then stops with ODC_EMODEL). */
typedef int (*odc_pos_fn)(void *ctx, double t_s, double r_km[3]);
/* Geocentric Sun (km) at t_s (e.g. odc_sun_table_fn). 0 or failure. */
typedef int (*odc_sunpos_fn)(void *ctx, double t_s, double sun_km[3]);

enum {
    ODC_ECL_PENUMBRA = 0,  /* the whole shadow passage: illumination < 1  */
    ODC_ECL_UMBRA = 1      /* the total part: illumination = 0            */
};

/* One eclipse. A penumbra eclipse spans the whole passage (it contains the
 * umbra eclipse, if any); in the cylindrical model there is only umbra. */
typedef struct odc_eclipse {
    int    kind;           /* ODC_ECL_PENUMBRA or ODC_ECL_UMBRA           */
    double entry_s, exit_s;/* seconds from the caller's epoch             */
    int    entry_open;     /* 1: already under way at t0 (entry_s = t0)   */
    int    exit_open;      /* 1: still under way at t1 (exit_s = t1)      */
} odc_eclipse;

/* Called once per eclipse, at its exit (so an umbra eclipse is reported
 * before the penumbra eclipse that contains it). Return 0 to go on,
 * nonzero to stop the search (odc_eclipse_find then returns ODC_EMODEL
 * with a message). */
typedef int (*odc_eclipse_cb)(void *ctx, const odc_eclipse *e);

typedef struct odc_eclipse_opts {
    odc_shadow_opts shadow;
    double step_s;   /* bracketing step (s), default 60. Must be shorter
                        than the time between a boundary's entry and exit
                        except for grazing passes, which a local-extremum
                        search catches (see docs/sun-shadow.md).         */
    double tol_s;    /* root tolerance (s), default 1e-4                  */
} odc_eclipse_opts;

void odc_eclipse_opts_default(odc_eclipse_opts *o);

/* Find every umbra and penumbra eclipse in [t0_s, t1_s].
 *
 * pos, pos_ctx   satellite position callback (km)
 * sun, sun_ctx   Sun position callback (km, same frame)
 * o              options (NULL: defaults)
 * cb, cb_ctx     receives each eclipse (see odc_eclipse_cb)
 * returns        ODC_OK; ODC_EINPUT (t1 < t0, step or tol <= 0);
 *                ODC_EMODEL (a callback failed or cb asked to stop). */
int odc_eclipse_find(odc_pos_fn pos, void *pos_ctx, odc_sunpos_fn sun,
                     void *sun_ctx, const odc_eclipse_opts *o, double t0_s,
                     double t1_s, odc_eclipse_cb cb, void *cb_ctx,
                     odc_err *err);

#define ODC_ECL_MAX_SEASONS 64

/* Statistics of one orbit over a span (typically a year). */
typedef struct odc_eclipse_stats {
    double span_s;            /* t1 - t0                                    */
    double sunlit_fraction;   /* time-average of the illumination fraction */
    double umbra_s;           /* total time in umbra (cylindrical: shadow) */
    double penumbra_s;        /* total time in penumbra only (0 < nu < 1)  */
    size_t n_eclipses;        /* shadow passages (penumbra events; umbra
                                 events in the cylindrical model), clipped
                                 ones at the span ends included            */
    size_t n_umbra;           /* umbra eclipses                             */
    double longest_s;         /* longest complete shadow passage (s)        */
    double longest_entry_s;   /* its entry time                             */
    double longest_umbra_s;   /* longest complete umbra eclipse (s)         */
    /* Eclipse seasons: runs of eclipses with no gap longer than
     * season_gap_s between one exit and the next entry. */
    size_t n_seasons;
    int    seasons_truncated; /* 1 if more than ODC_ECL_MAX_SEASONS        */
    double season_start_s[ODC_ECL_MAX_SEASONS];
    double season_end_s[ODC_ECL_MAX_SEASONS];
} odc_eclipse_stats;

/* Eclipse statistics over [t0_s, t1_s]. Arguments as odc_eclipse_find;
 * season_gap_s <= 0 selects the default 2 days (172800 s: longer than a
 * GEO day, so daily GEO eclipses form one season).
 *
 * Sunlit fraction: (span - umbra time - integral of (1 - nu) over the
 * penumbra-only intervals) / span, the penumbra integral by 20-point
 * Gauss-Legendre on each interval (exact event times, no sampling error).
 * Returns as odc_eclipse_find. */
int odc_eclipse_stats_compute(odc_pos_fn pos, void *pos_ctx, odc_sunpos_fn sun,
                              void *sun_ctx, const odc_eclipse_opts *o,
                              double t0_s, double t1_s, double season_gap_s,
                              odc_eclipse_stats *st, odc_err *err);

#endif
