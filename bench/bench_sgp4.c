/* SGP4 throughput: the scalar path (odc_sgp4_propagate, one satellite per
 * call) against the batch path (odc_sgp4_batch_propagate_tsince, SoA + SIMD
 * + OpenMP) with 1 and 2 threads, on a near-earth-only set and a mixed set
 * (10% deep space, which the batch sends through the scalar path).
 *
 * Usage: bench_sgp4 [satellites [steps [repeats]]]   (default 4096 50 7)
 * Each run propagates every satellite to `steps` successive times (1 min
 * apart); one untimed warm-up run, then `repeats` timed runs; the table gives
 * the median. Element sets are generated deterministically (splitmix64):
 * near earth: 12-15.8 rev/day, e 0-0.05 with perigee above 250 km, any
 * inclination, bstar 0-2e-4 (LEO constellations); deep space: GPS-like (2.006 rev/day), geostationary
 * (1.0027), Molniya-like (2.006, e 0.7) and 1-6 rev/day e 0-0.5. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "odc/sgp4.h"
#include "odc/sgp4_batch.h"
#include "odc/tle.h"

static uint64_t rng_state = 0x5eed0dc5ULL;
static double urand(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}
static double uniform(double lo, double hi) { return lo + (hi - lo) * urand(); }

static int make_set(odc_sgp4 *recs, size_t n, int mixed)
{
    for (size_t i = 0; i < n; i++) {
        odc_elements el;
        memset(&el, 0, sizeof el);
        el.norad = (long)(10000 + i);
        if (odc_elements_set_epoch_jd(&el, 2460676.5, uniform(0.0, 30.0),
                                      NULL) != ODC_OK)
            return -1;
        if (mixed && i % 10 == 9) {
            static const double nn[] = {2.006, 1.0027, 2.006};
            static const double ee[] = {0.01, 0.0002, 0.7};
            int k = (int)((i / 10) % 4);
            el.mean_motion_rev_day = k < 3 ? nn[k] : uniform(1.0, 6.0);
            el.ecc = k < 3 ? ee[k] : uniform(0.0, 0.5);
            el.bstar = uniform(0.0, 1e-5);
        } else {
            /* perigee at least 250 km up: no decayed sets */
            el.mean_motion_rev_day = uniform(12.0, 15.8);
            double n_rad_s = el.mean_motion_rev_day * 2.0 * M_PI / 86400.0;
            double a_km = cbrt(398600.8 / (n_rad_s * n_rad_s));
            double emax = 1.0 - (6378.135 + 250.0) / a_km;
            el.ecc = uniform(0.0, emax < 0.05 ? emax : 0.05);
            el.bstar = uniform(0.0, 2e-4);
        }
        el.incl_deg = uniform(0.0, 180.0);
        el.raan_deg = uniform(0.0, 360.0);
        el.argp_deg = uniform(0.0, 360.0);
        el.mean_anomaly_deg = uniform(0.0, 360.0);
        odc_err e;
        if (odc_sgp4_init(&recs[i], &el, ODC_WGS72, 'i', &e) != ODC_OK) {
            char buf[512];
            fprintf(stderr, "set %zu: %s\n", i, odc_err_format(&e, buf, sizeof buf));
            return -1;
        }
    }
    return 0;
}

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct ctx {
    const odc_sgp4 *recs;
    const odc_sgp4_batch *b;
    size_t n;
    int steps;
    const odc_sgp4_batch_state *out;
    double sink;
} ctx;

static void run_scalar(ctx *c)
{
    for (int s = 0; s < c->steps; s++) {
        double t = 60.0 + s;
        for (size_t i = 0; i < c->n; i++) {
            double r[3], v[3];
            c->out->err[i] = odc_sgp4_propagate(&c->recs[i], t, r, v);
            c->out->x_km[i] = r[0];
            c->out->y_km[i] = r[1];
            c->out->z_km[i] = r[2];
            c->out->vx_km_s[i] = v[0];
            c->out->vy_km_s[i] = v[1];
            c->out->vz_km_s[i] = v[2];
        }
        c->sink += c->out->x_km[c->n / 2];
    }
}

static void run_batch(ctx *c, int threads)
{
    for (int s = 0; s < c->steps; s++) {
        odc_sgp4_batch_propagate_tsince(c->b, 60.0 + s, threads, c->out);
        c->sink += c->out->x_km[c->n / 2];
    }
}

/* Median wall seconds per run of path (0 scalar, else batch with that many
 * threads); *cpu_s gets the median process CPU seconds per run (all
 * threads, including OpenMP's spin-waiting). */
static double time_path(ctx *c, int path, int repeats, double *cpu_s)
{
    double *dt = malloc(2 * (size_t)repeats * sizeof *dt);
    if (!dt)
        return NAN;
    double *dc = dt + repeats;
    for (int r = -1; r < repeats; r++) {
        double t0 = clock_s(CLOCK_MONOTONIC);
        double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        if (path == 0)
            run_scalar(c);
        else
            run_batch(c, path);
        double t1 = clock_s(CLOCK_MONOTONIC);
        double c1 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        if (r >= 0) {
            dt[r] = t1 - t0;
            dc[r] = c1 - c0;
        }
    }
    qsort(dt, (size_t)repeats, sizeof *dt, cmp_double);
    qsort(dc, (size_t)repeats, sizeof *dc, cmp_double);
    double med = dt[repeats / 2];
    *cpu_s = dc[repeats / 2];
    free(dt);
    return med;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 4096;
    int steps = argc > 2 ? atoi(argv[2]) : 50;
    int repeats = argc > 3 ? atoi(argv[3]) : 7;
    if (n == 0 || steps <= 0 || repeats <= 0) {
        fprintf(stderr, "usage: bench_sgp4 [satellites [steps [repeats]]]\n");
        return 2;
    }
    odc_sgp4 *recs = malloc(n * sizeof *recs);
    double *a[6];
    int *err = malloc(n * sizeof *err);
    for (int k = 0; k < 6; k++)
        a[k] = malloc(n * sizeof(double));
    if (!recs || !err || !a[0] || !a[1] || !a[2] || !a[3] || !a[4] || !a[5]) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    odc_sgp4_batch_state out = {a[0], a[1], a[2], a[3], a[4], a[5], err};

    printf("SGP4 throughput: %zu satellites x %d steps per run, median of %d "
           "runs after 1 warm-up (OpenMP default threads: %d)\n",
           n, steps, repeats, omp_get_max_threads());
    printf("wall: elapsed time; CPU: process CPU time (both medians). On a "
           "loaded machine\nwall figures drop; props per CPU-second show the "
           "work itself.\n");
    printf("%-20s %-7s %7s %11s %9s %9s %12s %9s\n", "set", "path",
           "threads", "props/s", "ns/prop", "speed-up", "props/CPU-s",
           "ns/CPU");
    double sink = 0.0;
    for (int mixed = 0; mixed < 2; mixed++) {
        if (make_set(recs, n, mixed) != 0) {
            fprintf(stderr, "element set generation failed\n");
            return 1;
        }
        odc_sgp4_batch b;
        odc_err e;
        if (odc_sgp4_batch_init(&b, recs, n, &e) != ODC_OK) {
            fprintf(stderr, "batch init failed\n");
            return 1;
        }
        char setname[64];
        snprintf(setname, sizeof setname, "%s (%zu deep)",
                 mixed ? "mixed" : "near-earth", b.n_scalar);
        ctx c = {recs, &b, n, steps, &out, 0.0};
        static const struct { const char *name; int path; } rows[] = {
            {"scalar", 0}, {"batch", 1}, {"batch", 2}};
        double t_scalar = 0.0;
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
            double cpu = NAN;
            double t = time_path(&c, rows[k].path, repeats, &cpu);
            double props = (double)n * steps / t;
            double props_cpu = (double)n * steps / cpu;
            if (rows[k].path == 0)
                t_scalar = t;
            printf("%-20s %-7s %7d %11.3e %9.1f %8.1fx %12.3e %9.1f\n",
                   setname, rows[k].name, rows[k].path ? rows[k].path : 1,
                   props, 1e9 / props, t_scalar / t, props_cpu,
                   1e9 / props_cpu);
        }
        sink += c.sink;
        odc_sgp4_batch_free(&b);
    }
    /* keeps the compiler from discarding the runs */
    if (sink == 1.2345)
        printf("%g\n", sink);
    for (int k = 0; k < 6; k++)
        free(a[k]);
    free(err);
    free(recs);
    return 0;
}
