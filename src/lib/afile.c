/* Atomic output files (temporary + fsync + rename) and mkdir -p. */
#include "odc/afile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int odc_afile_open(odc_afile *af, const char *path, odc_err *err)
{
    memset(af, 0, sizeof *af);
    struct stat st;
    if (!*path)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "expected an output file name, got an empty string");
    /* Caught here, not at the final rename, so nothing is written first. */
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL,
                           "expected an output file, got a directory");
    if (strlen(path) + 16 >= sizeof af->tmp)
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "path too long");
    snprintf(af->path, sizeof af->path, "%s", path);
    snprintf(af->tmp, sizeof af->tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(af->tmp);
    if (fd < 0)
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL,
                           "cannot create temporary file: %s", strerror(errno));
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        close(fd);
        unlink(af->tmp);
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "fdopen: %s",
                           strerror(errno));
    }
    return ODC_OK;
}

int odc_afile_commit(odc_afile *af, odc_err *err)
{
    if (!af->fp)
        return odc_err_set(err, ODC_EIO, af->path, 0, 0, NULL, "file not open");
    int bad = fflush(af->fp) != 0 || ferror(af->fp);
    if (!bad)
        bad = fsync(fileno(af->fp)) != 0;
    int e = errno;
    if (fclose(af->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    af->fp = NULL;
    /* mkstemp creates 0600; results are ordinary user files. */
    if (!bad)
        chmod(af->tmp, 0644);
    if (!bad && rename(af->tmp, af->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        unlink(af->tmp);
        return odc_err_set(err, ODC_EIO, af->path, 0, 0, NULL, "write failed: %s",
                           strerror(e));
    }
    return ODC_OK;
}

void odc_afile_abort(odc_afile *af)
{
    if (af->fp) {
        fclose(af->fp);
        af->fp = NULL;
        unlink(af->tmp);
    }
}

int odc_mkdir_p(const char *dir, odc_err *err)
{
    char buf[4096];
    if (!*dir)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "expected a directory name, got an empty string");
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return odc_err_set(err, ODC_EIO, dir, 0, 0, NULL, "path too long");
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return odc_err_set(err, ODC_EIO, dir, 0, 0, NULL, "mkdir %s: %s", buf,
                               strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return odc_err_set(err, ODC_EIO, dir, 0, 0, NULL, "mkdir: %s",
                           strerror(errno));
    /* EEXIST also covers a plain file of that name. */
    struct stat st;
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
        return odc_err_set(err, ODC_EINPUT, dir, 0, 0, NULL,
                           "expected a directory, got an existing file");
    return ODC_OK;
}
