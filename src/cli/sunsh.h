/* What `odcsim illumination` and `odcsim eclipses` share (defined in
 * cmd_illumination.c): their options, the satellites they read from a TLE/
 * OMM file or a scenario, a position callback for odc_eclipse_find, the
 * output file and the --stats table. Private to those two commands. */
#ifndef ODCSIM_SUNSH_H
#define ODCSIM_SUNSH_H

#include <stddef.h>
#include <stdio.h>

#include "odc/afile.h"
#include "odc/constellation.h"
#include "odc/eclipse.h"
#include "odc/scenario.h"
#include "odc/sgp4.h"
#include "odc/shadow.h"
#include "odc/sun.h"
#include "odc/tle.h"

typedef struct sunsh_args {
    const char *tle, *scenario, *utc_iso, *out;
    double duration_s, step_s;
    int have_utc, have_duration, have_step;
    int stats, no_checksum;
    odc_shadow_opts shadow;
    double u1, u2;             /* start, UTC two-part JD */
} sunsh_args;

enum { SUNSH_SGP4 = 0, SUNSH_J2 = 1, SUNSH_KEPLER = 2 };

/* Satellites as structure-of-arrays; each one is propagated either with
 * SGP4 (rec, tsince0_min) or with the design propagator (con, con_i,
 * dt0_s). Positions are TEME (designed: equator and equinox of date,
 * within the equation of the equinoxes, < 1.2", of TEME). */
typedef struct sunsh_sats {
    size_t n;
    long *norad;
    int *prop;
    odc_sgp4 *rec;
    double *tsince0_min;       /* SGP4: minutes from epoch to the start    */
    const odc_constellation **con;
    size_t *con_i;
    double *dt0_s;             /* designed: seconds from epoch to start    */
    odc_constellation *cons;   /* generated constellations (owned)         */
    size_t n_cons;
    odc_elset_list list;       /* --tle                                     */
    odc_scenario sc;           /* --scenario                                */
    odc_elset_list *sets;
    int have_sc;
} sunsh_sats;

/* Context of the position callback for satellite i. */
typedef struct sunsh_pos {
    const sunsh_sats *s;
    size_t i;
    int code;                  /* last SGP4 error, 0 if none */
    double t_fail_s;
} sunsh_pos;

/* Parse options; with --scenario, --utc/--duration/--step-s default to the
 * scenario's time block (filled in by sunsh_load). Returns -1 to go on,
 * else the exit status. */
int sunsh_parse(const char *cmd, int argc, char **argv, int step_required,
                void (*help)(FILE *), sunsh_args *a);
/* Read satellites. Returns ODC_OK or an error code after printing the
 * problem(s) (the return value is then the exit status to use, > 0). */
int sunsh_load(const char *cmd, sunsh_args *a, sunsh_sats *s);
void sunsh_free(sunsh_sats *s);
/* TEME state at t_s from the start; 0 or an SGP4 error code. */
int sunsh_state(const sunsh_sats *s, size_t i, double t_s, double r[3],
                double v[3]);
/* odc_pos_fn over a sunsh_pos context. */
int sunsh_pos_fn(void *ctx, double t_s, double r[3]);
int sunsh_open_out(const sunsh_args *a, odc_afile *af, FILE **fp, odc_err *err);
int sunsh_close_out(const sunsh_args *a, odc_afile *af, int ok, odc_err *err);
void sunsh_stats_header(FILE *fp);
void sunsh_stats_row(FILE *fp, const sunsh_args *a, long norad,
                     const odc_eclipse_stats *st);
void sunsh_sat_failed(const char *cmd, const sunsh_sats *s, size_t i,
                      const sunsh_args *a, const sunsh_pos *p);
/* --stats rows for all satellites (parallel), in order; exit status. */
int sunsh_stats_all(const char *cmd, const sunsh_args *a, const sunsh_sats *s,
                    const odc_sun_table *tab, const odc_eclipse_opts *eo, FILE *fp);
/* UTC ISO 8601 of t_s from the start with ndp decimals; 0 or -1. */
int sunsh_iso(const sunsh_args *a, double t_s, int ndp, char *buf, size_t n);

/* Everything one run of either command holds between start and finish. */
typedef struct sunsh_run {
    sunsh_args a;
    sunsh_sats s;
    odc_sun_table tab;         /* Sun over [-1 h, duration + 1 h], TEME     */
    odc_afile af;
    FILE *fp;                  /* output: stdout or the --out file          */
    odc_eclipse_opts eo;       /* defaults with --shadow and --step-s       */
    odc_err err;
    int status;                /* exit status so far                        */
} sunsh_run;

/* Parse options, read satellites, build the Sun table and open the output;
 * then with --stats write the whole stats table, else the CSV `header`.
 * Returns -1 when the caller should write its rows (only when !a.stats and
 * status == 0 are rows wanted), else the exit status (all freed). */
int sunsh_begin(const char *cmd, int argc, char **argv, int step_required,
                void (*help)(FILE *), const char *header, sunsh_run *r);
/* Commit or abort the output, free everything; returns the exit status. */
int sunsh_end(sunsh_run *r);

#endif
