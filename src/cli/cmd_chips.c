/* odcsim chips: list the compute chip catalog (data/chips.json), or one
 * chip, as a table or as CSV. Estimated values are marked with '~'. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/chips.h"

static const char *USAGE =
    "usage: odcsim chips [--file PATH] [--name NAME] [--csv]\n"
    "\n"
    "List the compute chip catalog: peak dense BF16 and FP8 rates (TFLOP/s),\n"
    "HBM capacity (GB) and bandwidth (TB/s), power (W), mass (kg), source date.\n"
    "Values that are estimates are prefixed with '~'; '-' = not applicable\n"
    "(no native FP8) or not published (mass).\n"
    "\n"
    "  --file PATH   catalog file (default: chips.json in the data folder:\n"
    "                $ODCSIM_DATA, ./data, or the installed share/odcsim)\n"
    "  --name NAME   show one chip (case-insensitive) with its full source\n"
    "  --csv         comma-separated output with a header line\n";

static void num(char *buf, size_t n, double v, int est, const char *fmt)
{
    if (v <= 0.0) {
        snprintf(buf, n, "-");
        return;
    }
    char t[24];
    snprintf(t, sizeof t, fmt, v);
    snprintf(buf, n, "%s%.23s", est ? "~" : "", t);
}

static void print_chip(const odc_chip *c, int csv)
{
    char b16[32], f8[32], hg[32], hb[32], tw[32], mk[32];
    unsigned e = c->estimated;
    num(b16, sizeof b16, c->bf16_dense_tflops, e & ODC_CHIP_EST_BF16, "%.1f");
    num(f8, sizeof f8, c->fp8_dense_tflops, e & ODC_CHIP_EST_FP8, "%.1f");
    num(hg, sizeof hg, c->hbm_gb, e & ODC_CHIP_EST_HBM_GB, "%.0f");
    num(hb, sizeof hb, c->hbm_tb_s, e & ODC_CHIP_EST_HBM_TB_S, "%.3f");
    num(tw, sizeof tw, c->tdp_w, e & ODC_CHIP_EST_TDP, "%.0f");
    num(mk, sizeof mk, c->mass_kg, e & ODC_CHIP_EST_MASS, "%.2f");
    if (csv)
        printf("%s,%s,%s,%s,%s,%s,%s,%s,%s\n", c->name, b16, f8, hg, hb, tw, mk, c->date,
               c->url);
    else
        printf("%-24s %10s %10s %6s %7s %7s %7s  %s\n", c->name, b16, f8, hg, hb, tw, mk,
               c->date);
}

int cmd_chips(int argc, char **argv)
{
    const char *file = NULL, *name = NULL;
    int csv = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            return 0;
        } else if (!strcmp(a, "--file") && i + 1 < argc) {
            file = argv[++i];
        } else if (!strcmp(a, "--name") && i + 1 < argc) {
            name = argv[++i];
        } else if (!strcmp(a, "--csv")) {
            csv = 1;
        } else {
            return cli_usage("chips", "unknown or incomplete option '%s'", a);
        }
    }
    char path[4096];
    if (file)
        snprintf(path, sizeof path, "%s", file);
    else
        snprintf(path, sizeof path, "%s/chips.json", cli_data_dir(NULL));
    odc_chip_catalog cat;
    odc_err err;
    odc_err_clear(&err);
    if (odc_chips_load(path, &cat, &err))
        return cli_report(&err);
    const odc_chip *one = name ? odc_chips_find(&cat, name) : NULL;
    if (name && !one) {
        odc_err_set(&err, ODC_EINPUT, path, 0, 0, "name", "no chip named '%s'", name);
        odc_chips_free(&cat);
        return cli_report(&err);
    }
    if (csv)
        printf("name,bf16_dense_tflops,fp8_dense_tflops,hbm_gb,hbm_tb_s,tdp_w,mass_kg,"
               "date,url\n");
    else
        printf("%-24s %10s %10s %6s %7s %7s %7s  %s\n", "name", "bf16_TF/s", "fp8_TF/s",
               "HBM_GB", "HBM_TB/s", "power_W", "mass_kg", "source date");
    if (one) {
        print_chip(one, csv);
        if (!csv)
            printf("\nvendor: %s\nsource: %s\nurl:    %s\n", one->vendor, one->source,
                   one->url);
    } else {
        for (int i = 0; i < cat.n; i++)
            print_chip(&cat.chips[i], csv);
    }
    odc_chips_free(&cat);
    return 0;
}
