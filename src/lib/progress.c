/* Progress text with an ETA (odc/progress.h). The moving average is an
 * exponential one whose weight depends on the time between updates, so
 * irregular call intervals do not bias it: an interval dt contributes
 * weight 1 - exp(-dt/tau), the same as tau-smoothing a continuous rate
 * signal (first-order low-pass filter). */
#include "odc/progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void odc_progress_init(odc_progress *p, int64_t total, int64_t done, double now_s)
{
    memset(p, 0, sizeof *p);
    p->total = total > 0 ? total : 0;
    p->first = done;
    p->t0_s = now_s;
    p->tau_s = 20.0;
    p->width = 20;
    p->rate = -1.0;
    p->last_step = done;
    p->last_s = now_s;
    p->printed_s = -INFINITY;
}

char *odc_progress_hms(double s, char *buf, size_t n)
{
    if (!(s >= 0.0) || s > 3.6e9) {   /* NaN, negative or absurd */
        snprintf(buf, n, "--:--:--");
        return buf;
    }
    long long t = llround(s);
    snprintf(buf, n, "%lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
    return buf;
}

static void update_rate(odc_progress *p, int64_t done, double now_s)
{
    double dt = now_s - p->last_s;
    if (!(dt > 0.0) || done < p->last_step)
        return;
    double inst = (double)(done - p->last_step) / dt;
    if (p->rate < 0.0) {
        if (done == p->last_step)
            return;   /* nothing measured yet: keep waiting for a step */
        p->rate = inst;
    } else {
        double w = 1.0 - exp(-dt / p->tau_s);
        p->rate += w * (inst - p->rate);
    }
    p->last_step = done;
    p->last_s = now_s;
}

char *odc_progress_format(odc_progress *p, int64_t done, double now_s, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (done < 0)
        done = 0;
    if (done > p->total)
        done = p->total;
    update_rate(p, done, now_s);
    double frac = p->total > 0 ? (double)done / (double)p->total : 1.0;
    char bar[256];
    int w = p->width < 1 ? 1 : p->width > 200 ? 200 : p->width;
    int full = (int)floor(frac * w);
    for (int i = 0; i < w; i++)
        bar[i] = i < full ? '#' : '.';
    bar[w] = '\0';
    char t[32];
    if (done >= p->total)
        snprintf(buf, n, "[%s] %5.1f%%  step %lld/%lld  done in %s", bar, 100.0 * frac,
                 (long long)done, (long long)p->total,
                 odc_progress_hms(now_s - p->t0_s, t, sizeof t));
    else
        snprintf(buf, n, "[%s] %5.1f%%  step %lld/%lld  ETA %s", bar,
                 /* never show 100.0% before the end */
                 fmin(100.0 * frac, 99.9), (long long)done, (long long)p->total,
                 odc_progress_hms(p->rate > 0.0 ? (double)(p->total - done) / p->rate : -1.0,
                                  t, sizeof t));
    return buf;
}

int odc_progress_due(odc_progress *p, double now_s, double min_interval_s)
{
    if (now_s - p->printed_s < min_interval_s)
        return 0;
    p->printed_s = now_s;
    return 1;
}
