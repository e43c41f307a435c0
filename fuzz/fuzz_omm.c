/* libFuzzer target for the OMM readers (CSV, JSON, XML, chosen from the
 * content): any bytes must give element sets or an ODC_EINPUT error, never
 * a crash; every set read must come back unchanged through each of the
 * three writers (epoch to the microsecond the writers keep). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/omm.h"

static int same(const odc_elements *a, const odc_elements *b)
{
    double dt_us = ((a->epoch_jd - b->epoch_jd) + (a->epoch_jd_frac - b->epoch_jd_frac)) * 86400e6;
    return a->norad == b->norad && !strcmp(a->name, b->name) &&
           !strcmp(a->object_id, b->object_id) && a->classification == b->classification &&
           fabs(dt_us) <= 0.51 && a->mean_motion_rev_day == b->mean_motion_rev_day &&
           a->ecc == b->ecc && a->incl_deg == b->incl_deg && a->raan_deg == b->raan_deg &&
           a->argp_deg == b->argp_deg && a->mean_anomaly_deg == b->mean_anomaly_deg &&
           a->bstar == b->bstar && a->mean_motion_dot == b->mean_motion_dot &&
           a->mean_motion_ddot == b->mean_motion_ddot &&
           a->ephemeris_type == b->ephemeris_type && a->element_set_no == b->element_set_no &&
           a->rev_at_epoch == b->rev_at_epoch;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    odc_elset_list l;
    odc_err err;
    odc_err_clear(&err);
    int rc = odc_omm_read_string((const char *)data, size, "fuzz.omm", &l, &err);
    if (rc != ODC_OK) {
        if (rc != ODC_EINPUT || !err.msg[0])
            abort();
        return 0;
    }
    for (int f = 0; f < 3; f++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        if (!fp)
            abort();
        if (odc_omm_write(fp, l.el, l.n, (odc_omm_format)f, &err) != ODC_OK)
            abort(); /* whatever was read can be written */
        fclose(fp);
        odc_elset_list back;
        if (l.n > 0) {
            if (odc_omm_read_string(buf, len, "rt", &back, &err) != ODC_OK || back.n != l.n)
                abort();
            for (size_t i = 0; i < l.n; i++)
                if (!same(&l.el[i], &back.el[i]))
                    abort();
            odc_elset_list_free(&back);
        }
        free(buf);
    }
    /* The TLE writer refuses what it cannot represent, but never crashes. */
    for (size_t i = 0; i < l.n; i++) {
        char a[70], b[70];
        odc_tle_format(&l.el[i], a, b, &err);
    }
    odc_elset_list_free(&l);
    return 0;
}
