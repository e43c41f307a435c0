/* Scenario files: a YAML document, versioned by a mandatory top-level
 * `odcsim: 1`, loaded into typed C structs. Every problem found (syntax,
 * unknown key, wrong type, value out of range, missing file) is collected
 * with file, line, column and the dotted path of the field, so a user sees
 * all of them at once. docs/scenario.md describes every key, its unit,
 * default and the reason for the default.
 *
 * Later issues add sections (spacecraft, power, thermal, chips, network,
 * workloads, economics): each is a member of odc_scenario and one row in the
 * top-level key table of scenario.c; existing members do not move.
 *
 * Reference: YAML 1.2 (yaml.org, 2009) as read by libyaml 0.2. */
#ifndef ODC_SCENARIO_H
#define ODC_SCENARIO_H

#include <stddef.h>
#include "odc/error.h"
#include "odc/tle.h"

#define ODC_SCENARIO_VERSION 1
#define ODC_SCENARIO_NAME_MAX 64
#define ODC_SCENARIO_PATH_MAX 4096

/* A list of problems (each an odc_err with file, line, col, field). */
typedef struct odc_diag {
    odc_err *items;
    size_t   n, cap;
} odc_diag;

void odc_diag_init(odc_diag *d);
void odc_diag_free(odc_diag *d);
/* Append one problem; returns ODC_EINPUT (or ODC_ENOMEM, in which case the
 * problem is counted in n only if it fitted). */
int odc_diag_add(odc_diag *d, const char *file, int line, int col,
                 const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Append a copy of an existing error record (e.g. from the TLE reader). */
int odc_diag_add_err(odc_diag *d, const odc_err *e);

typedef enum odc_cons_type {
    ODC_CONS_WALKER = 0,
    ODC_CONS_SSO = 1,
    ODC_CONS_CLUSTER = 2,
    ODC_CONS_TLE = 3,
    ODC_CONS_OMM = 4
} odc_cons_type;

typedef enum odc_propagator {
    ODC_PROP_J2 = 0,      /* mean elements + J2 secular rates (designed)   */
    ODC_PROP_KEPLER = 1,  /* two-body only (designed)                      */
    ODC_PROP_SGP4 = 2     /* SGP4/SDP4 on TLE/OMM mean elements            */
} odc_propagator;

typedef enum odc_frame {
    ODC_FRAME_TEME = 0,
    ODC_FRAME_ITRF = 1,
    ODC_FRAME_GCRS = 2
} odc_frame;

/* One entry of `constellations:`. Only the block matching `type` is
 * meaningful. line/col locate the entry in the scenario file. */
typedef struct odc_scenario_cons {
    char           name[ODC_SCENARIO_NAME_MAX];
    odc_cons_type  type;
    odc_propagator propagator;
    long           first_norad;   /* designed: catalogue no. of sat 0; 0 = none */
    int            line, col;       /* of the entry                     */
    int            name_line, name_col;
    struct { int t, p, f; double alt_km, incl_deg, raan0_deg; int star; } walker;
    struct { int n; double alt_km, ltan_h; } sso;
    struct { int n; double radius_m, min_spacing_m, alt_km, ltan_h; } cluster;
    struct {
        char file[ODC_SCENARIO_PATH_MAX];  /* as written in the scenario      */
        char path[ODC_SCENARIO_PATH_MAX];  /* resolved against its folder     */
        int  line, col;                    /* of the `file` value             */
        int  exists;                       /* 1: path names a regular file    */
    } elset;
    size_t n_sat;   /* satellites (tle/omm: known once element sets are read) */
    int    valid;   /* 1 when the entry loaded without any problem          */
} odc_scenario_cons;

/* One technology override of `spacecraft.technology` (key of
 * data/spacecraft_defaults.json or data/sizing_defaults.json). */
typedef struct odc_scenario_tech {
    char   key[64];
    double value;
    int    line, col;                            /* of the value              */
} odc_scenario_tech;

#define ODC_SCENARIO_TECH_MAX 64

/* `spacecraft:` (read by `odcsim size`, docs/sizing.md). line/col locate
 * each value for messages of later checks (0 when absent). */
typedef struct odc_scenario_spacecraft {
    int    present, line, col;
    double it_power_w;          /* IT power (W); from chips when chip_count>0;
                                   0 when chip_power_w comes from the chip
                                   catalog (data/chips.json), resolved by the
                                   caller                                   */
    int    it_line, it_col;
    long   chip_count;          /* 0: not given                               */
    double chip_power_w;        /* per chip (W); 0: the catalog's tdp_w       */
    char   chip[ODC_SCENARIO_NAME_MAX];  /* chip name ("" none)              */
    int    chip_line, chip_col;
    double chip_tid_krad;       /* TID tolerance override (krad(Si)); NaN     */
    struct {
        char   constellation[ODC_SCENARIO_NAME_MAX]; /* "" = own orbit       */
        long   cons_index;      /* index into cons, -1 when own orbit         */
        double alt_km, incl_deg, ltan_h;
        int    sso;             /* 1: sun-synchronous at ltan_h               */
        int    line, col, alt_line, alt_col;
    } orbit;
    double mission_years;       /* default 5                                  */
    int    it_in_eclipse;       /* default 1                                  */
    int    isl_terminals;       /* -1: technology default                     */
    int    solar_activity;      /* odc_solar_activity, default mean (1)       */
    int    cylindrical;         /* shadow model: 0 conical (default), 1 cyl.  */
    odc_scenario_tech tech[ODC_SCENARIO_TECH_MAX];
    size_t n_tech;
} odc_scenario_spacecraft;
/* ---- decision sections (economics, terrestrial, grid, uncertainty,
 * sweep; read by odcsim compare/sweep/montecarlo/grid, docs/decisions.md).
 * Numeric keys are stored as (parameter path, value) and applied to the
 * model through the parameter table of odc/decide.h. */
#define ODC_SCN_NUMS_MAX 192
#define ODC_SCN_DISTS_MAX 32
#define ODC_SCN_AXES_MAX 4
#define ODC_SCN_AXIS_VALUES_MAX 64
#define ODC_SCN_DIPS_MAX 64

typedef struct odc_scn_num {
    char   path[96];                 /* "economics.launch.price_per_kg_usd"  */
    double value;
    int    line, col;                /* of the value                          */
} odc_scn_num;

typedef struct odc_scn_name {
    char value[64];                  /* "" when absent                        */
    int  line, col;
} odc_scn_name;

typedef struct odc_scn_dist {
    char   path[96];
    int    type;                     /* odc_dist_type (odc/decide.h)          */
    double a, b, c;
    int    line, col;                /* of the entry                          */
} odc_scn_dist;

typedef struct odc_scn_axis {
    char   path[96];
    int    is_range;                 /* 1: start, stop, n; 0: values          */
    double start, stop;
    long   n;
    double v[ODC_SCN_AXIS_VALUES_MAX];
    size_t nv;
    int    line, col;
} odc_scn_axis;

typedef struct odc_scenario_decide {
    int          has_economics, has_terrestrial, has_grid;
    odc_scn_num  nums[ODC_SCN_NUMS_MAX];
    size_t       n_nums;
    odc_scn_name vehicle, orbit, site, power, grid_ref, battery_unit;
    odc_scn_dist dists[ODC_SCN_DISTS_MAX];
    size_t       n_dists;
    odc_scn_axis axes[ODC_SCN_AXES_MAX];
    size_t       n_axes;
    size_t       n_dips;
    double       dip_t_s[ODC_SCN_DIPS_MAX], dip_v_pu[ODC_SCN_DIPS_MAX];
} odc_scenario_decide;

typedef struct odc_scenario {
    int    version;                              /* `odcsim:`               */
    char   file[ODC_SCENARIO_PATH_MAX];          /* the scenario file        */
    char   dir[ODC_SCENARIO_PATH_MAX];           /* its folder ("." if none) */
    char  *text;                                 /* the file's bytes         */
    size_t text_len;
    char   name[ODC_SCENARIO_NAME_MAX];
    struct {
        char   epoch_iso[64];                    /* as written               */
        double epoch_jd1, epoch_jd2;             /* UTC two-part JD          */
        double duration_s;                       /* span (from stop if given) */
        double step_s;
        int    has_stop;
        char   stop_iso[64];
    } time;
    odc_scenario_cons *cons;
    size_t             n_cons;
    struct {
        char      dir[ODC_SCENARIO_PATH_MAX];    /* results folder           */
        odc_frame frame;
        int       ephemeris;                     /* write ephemeris.csv      */
    } output;
    odc_scenario_spacecraft spacecraft;          /* `spacecraft:` (optional) */
    odc_scenario_decide decide;  /* economics, terrestrial, grid, uncertainty, sweep */
} odc_scenario;

/* Load and check a scenario file. Every problem is appended to diag (in
 * document order); sc is filled with what could be read and defaults.
 *
 * path   scenario file (relative paths inside it resolve against its folder)
 * sc     receives the scenario; free with odc_scenario_free (also on error)
 * diag   receives every problem found
 * returns ODC_OK, ODC_EINPUT (diag->n > 0), ODC_EIO (file unreadable, one
 *         entry in diag) or ODC_ENOMEM.
 *
 * Element-set files of tle/omm constellations are checked to exist here;
 * their content is read by odc_scenario_load_elsets. */
int odc_scenario_load(const char *path, odc_scenario *sc, odc_diag *diag);
/* Same from a buffer; path names the file in messages and gives the folder. */
int odc_scenario_load_string(const char *text, size_t len, const char *path,
                             odc_scenario *sc, odc_diag *diag);

/* Read the element sets of every tle/omm constellation (TLE reader or OMM
 * reader by type), passing their errors through with their own file, line
 * and column, and set n_sat of those constellations.
 *
 * sets   array of sc->n_cons lists, filled for tle/omm entries (others are
 *        left empty); free with odc_scenario_free_elsets
 * returns ODC_OK or ODC_EINPUT (diag holds the problems; an empty file is
 *         one). */
int odc_scenario_load_elsets(odc_scenario *sc, odc_elset_list *sets, odc_diag *diag);
void odc_scenario_free_elsets(const odc_scenario *sc, odc_elset_list *sets);

void odc_scenario_free(odc_scenario *sc);

/* Total satellites over all constellations. */
size_t odc_scenario_n_sat(const odc_scenario *sc);

const char *odc_cons_type_name(odc_cons_type t);
const char *odc_propagator_name(odc_propagator p);
const char *odc_frame_name(odc_frame f);

/* Highest circular altitude (km) at which a sun-synchronous orbit exists
 * (cos i = -1 in the J2 nodal-rate equation), Vallado (2013) eq. 9-41 with
 * the constants of odc/constellation.h and a tropical year of
 * 365.2421897 d (Vallado 2013, sec. 3.5). */
double odc_sso_max_alt_km(void);

/* Edit distance (Levenshtein) between two strings, used to suggest the
 * nearest valid key. */
int odc_edit_distance(const char *a, const char *b);

/* ---- running a scenario ------------------------------------------------ */

typedef struct odc_run_opts {
    const char *out_dir;     /* results folder; NULL: sc->output.dir          */
    /* Called after each time step (may be NULL): step done, of nsteps. */
    void (*progress)(void *ctx, size_t step, size_t nsteps);
    void *progress_ctx;
    /* Checked every step; nonzero stops the run (ODC_EIO, "interrupted")
     * leaving no partial file under a final name. May be NULL. */
    const volatile int *cancel;
} odc_run_opts;

/* A satellite that could not be propagated (SGP4 error, decayed): it is
 * dropped from the remaining steps, the others go on. */
typedef struct odc_run_failure {
    size_t cons, sat;        /* constellation index, satellite index in it   */
    long   norad;            /* 0 when none                                  */
    double t_s;              /* seconds from the scenario epoch              */
    int    code;             /* ODC_SGP4_* code                              */
    char   msg[160];
} odc_run_failure;

typedef struct odc_run_result {
    char   out_dir[ODC_SCENARIO_PATH_MAX];
    size_t n_sat, n_steps, n_rows;       /* rows written to ephemeris.csv   */
    odc_run_failure *fail;
    size_t n_fail;
} odc_run_result;

/* Build every constellation of sc (generators for walker/sso/cluster, SGP4
 * records for element sets and for designed constellations with
 * propagator sgp4), step from the epoch to the end of the span, and write
 * the results folder: ephemeris.csv, satellites.csv, scenario.yaml (the
 * input's bytes) and summary.txt, each atomically (odc_afile). The file
 * formats are in docs/scenario.md.
 *
 * sc     a scenario that loaded without problems
 * sets   element sets from odc_scenario_load_elsets (sc->n_cons entries)
 * opt    options (may be NULL)
 * res    counts, results folder and failed satellites; free with
 *        odc_run_result_free
 * returns ODC_OK (also when some satellites failed: see res->n_fail),
 *         ODC_EINPUT (a generator refused a constellation: err names the
 *         scenario entry), ODC_EIO (cannot write; interrupted), ODC_ENOMEM.
 * Time: UTC instants are epoch + k*step_s with days of 86400 s (a leap
 * second inside the span shifts later labels by 1 s). */
int odc_scenario_run(const odc_scenario *sc, const odc_elset_list *sets,
                     const odc_run_opts *opt, odc_run_result *res, odc_err *err);
void odc_run_result_free(odc_run_result *res);

/* Run the generators of every designed constellation (without stepping)
 * and report the ones they refuse (e.g. a cluster that cannot hold n
 * satellites at min_spacing_m within radius_m) at the scenario entry.
 * Returns ODC_OK or ODC_EINPUT. */
int odc_scenario_check_designed(const odc_scenario *sc, odc_diag *diag);

#endif
