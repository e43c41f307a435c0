/* Benchmark of the per-step link selection (odc_nbr_select) on a
 * Walker-like shell: 53 deg, 550 km, P planes x S satellites, positions
 * generated analytically on circles. The range is 1.5 in-plane spacings
 * (constant candidates per satellite as N grows), 4 terminals, Earth
 * blockage at 80 km grazing height. Prints ns per satellite per step
 * (median of 7 steps, satellites moved along their orbits between steps). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "odc/isl.h"
#include "odc/neighbors.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static void walker(size_t planes, size_t per, double du, double *x, double *y, double *z)
{
    const double r = ODC_ISL_R_EARTH_KM + 550, inc = 53 * M_PI / 180;
    size_t n = planes * per;
    for (size_t p = 0; p < planes; p++) {
        double raan = 2 * M_PI * p / planes;
        for (size_t s = 0; s < per; s++) {
            double u = 2 * M_PI * s / per + 2 * M_PI * p / n + du;
            size_t i = p * per + s;
            x[i] = r * (cos(u) * cos(raan) - sin(u) * cos(inc) * sin(raan));
            y[i] = r * (cos(u) * sin(raan) + sin(u) * cos(inc) * cos(raan));
            z[i] = r * sin(u) * sin(inc);
        }
    }
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run(size_t planes, size_t per)
{
    size_t n = planes * per;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
    odc_nbr_edge *e = malloc(2 * n * sizeof *e);
    if (!x || !y || !z || !e)
        return 1;
    double spacing = 2 * M_PI * (ODC_ISL_R_EARTH_KM + 550) / per;
    odc_nbr_params p = {.max_range_km = 1.5 * spacing, .k_terminals = 4,
                        .r_block_km = ODC_ISL_R_EARTH_KM + 80};
    odc_nbr_ws *ws;
    odc_err err;
    if (odc_nbr_ws_create(n, &p, &ws, &err))
        return 1;
    double t[7];
    size_t ne = 0;
    for (int k = 0; k < 7; k++) {
        walker(planes, per, 1e-3 * k, x, y, z);
        double t0 = now_s();
        if (odc_nbr_select(ws, n, x, y, z, e, 2 * n, &ne, &err)) {
            char buf[512];
            fprintf(stderr, "bench_neighbors: %s\n", odc_err_format(&err, buf, sizeof buf));
            return 1;
        }
        t[k] = now_s() - t0;
    }
    qsort(t, 7, sizeof t[0], dcmp);
    printf("N=%7zu  range %.1f km  candidates %zu  links %zu  %.1f ms/step  %.0f ns/satellite\n",
           n, p.max_range_km, odc_nbr_last_candidates(ws), ne, 1e3 * t[3], 1e9 * t[3] / n);
    odc_nbr_ws_free(ws);
    free(x);
    free(y);
    free(z);
    free(e);
    return 0;
}

int main(void)
{
    if (run(100, 100) || run(316, 316))
        return 1;
    return 0;
}
