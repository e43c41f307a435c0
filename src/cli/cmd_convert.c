/* odcsim convert: read element sets (TLE, or OMM as CSV, JSON or XML, told
 * apart by their content) and write them as TLE or OMM. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "odc/afile.h"
#include "odc/omm.h"
#include "odc/tle.h"

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim convert --in FILE --to tle|omm-csv|omm-json|omm-xml [--out FILE]\n"
            "                      [--no-checksum]\n"
            "\n"
            "Reads element sets from FILE (TLE in 2- or 3-line form, or CCSDS OMM as\n"
            "CSV, JSON or XML, detected from the content) and writes them in the chosen\n"
            "form to --out (written atomically) or to standard output.\n"
            "  --no-checksum  accept TLE lines whose checksum digit is wrong\n"
            "Exit status: 0 success, 2 bad usage or bad input (message on stderr\n"
            "naming file, line, column and field), 1 an output error.\n");
}

int cmd_convert(int argc, char **argv)
{
    const char *in = NULL, *to = NULL, *outp = NULL;
    odc_tle_options opt = {1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--no-checksum")) {
            opt.verify_checksum = 0;
        } else if ((!strcmp(argv[i], "--in") || !strcmp(argv[i], "--to") ||
                    !strcmp(argv[i], "--out")) && i + 1 < argc) {
            const char **dst = argv[i][2] == 'i' ? &in : argv[i][2] == 't' ? &to : &outp;
            *dst = argv[++i];
        } else {
            return cli_usage("convert", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!in || !to)
        return cli_usage("convert", "--in FILE and --to FORMAT are required");
    if (cli_input_file("convert", "--in", in))
        return 2;
    if (outp && !*outp)
        return cli_usage("convert", "--out: expected a file name, got an empty string");
    int tle = !strcmp(to, "tle");
    odc_omm_format fmt = ODC_OMM_CSV;
    if (!strcmp(to, "omm-csv"))
        fmt = ODC_OMM_CSV;
    else if (!strcmp(to, "omm-json"))
        fmt = ODC_OMM_JSON;
    else if (!strcmp(to, "omm-xml"))
        fmt = ODC_OMM_XML;
    else if (!tle)
        return cli_usage("convert", "--to must be tle, omm-csv, omm-json or omm-xml, not '%s'",
                         to);

    odc_elset_list l;
    odc_err err;
    odc_err_clear(&err);
    int rc = odc_elsets_read_file(in, &opt, &l, &err);
    if (rc) {
        cli_report(&err);
        return 2; /* an unreadable --in file (EIO) is an input error too */
    }
    if (l.n == 0) {
        odc_elset_list_free(&l);
        odc_err_set(&err, ODC_EINPUT, in, 0, 0, NULL,
                    "expected at least one element set (TLE or OMM), found none");
        return cli_report(&err);
    }
    odc_afile af;
    FILE *fp = stdout;
    if (outp) {
        if ((rc = odc_afile_open(&af, outp, &err))) {
            odc_elset_list_free(&l);
            return cli_report(&err);
        }
        fp = af.fp;
    }
    rc = tle ? odc_tle_write(fp, l.el, l.n, &err) : odc_omm_write(fp, l.el, l.n, fmt, &err);
    if (rc == ODC_OK && outp)
        rc = odc_afile_commit(&af, &err);
    else if (outp)
        odc_afile_abort(&af);
    if (rc == ODC_OK && !outp && fflush(stdout))
        rc = odc_err_set(&err, ODC_EIO, NULL, 0, 0, NULL, "cannot write standard output");
    if (rc && err.file[0] == '\0' && err.line == 0)
        snprintf(err.file, sizeof err.file, "%s", in);
    odc_elset_list_free(&l);
    return rc ? cli_report(&err) : 0;
}
