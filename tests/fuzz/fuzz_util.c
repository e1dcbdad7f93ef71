/* fuzz_util.c: see fuzz_util.h. */
#include "fuzz_util.h"

#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CW_FUZZ_SOURCE_DIR
#define CW_FUZZ_SOURCE_DIR "."
#endif

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz invariant broken: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

bool fuzz_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p, len, min;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            len = 2, min = 0x80, c &= 0x1f;
        else if (c >= 0xe0 && c <= 0xef)
            len = 3, min = 0x800, c &= 0x0f;
        else if (c >= 0xf0 && c <= 0xf4)
            len = 4, min = 0x10000, c &= 0x07;
        else
            return false;
        if ((size_t)(end - p) < len)
            return false;
        for (unsigned i = 1; i < len; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            c = c << 6 | (p[i] & 0x3f);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return false;
        p += len;
    }
    return true;
}

/* CW_FUZZ_ALLOW_MULTILINE=1 lets reasons run over several lines, to look
 * past that finding while it is being fixed. */
static bool allow_multiline(void)
{
    static int allow = -1;
    if (allow < 0) {
        const char *e = getenv("CW_FUZZ_ALLOW_MULTILINE");
        allow = e && *e && strcmp(e, "0") != 0;
    }
    return allow;
}

void fuzz_check_line(const char *what, const char *s)
{
    if (!s)
        fuzz_fail("%s is NULL", what);
    if (!*s)
        fuzz_fail("%s is empty", what);
    const char *nl = strpbrk(s, "\r\n");
    if (nl && !allow_multiline())
        fuzz_fail("%s is not one line: \"%.*s\" + \"%.80s\"", what, (int)(nl - s), s, nl);
}

/* Does the line (not NUL-terminated, n bytes) read "file:line: reason"? */
static bool file_line_reason(const char *l, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (l[i] != ':')
            continue;
        size_t j = i + 1;
        while (j < n && l[j] >= '0' && l[j] <= '9')
            j++;
        if (j > i + 1 && j + 2 < n && l[j] == ':' && l[j + 1] == ' ')
            return true;
    }
    return false;
}

void fuzz_check_errors(const char *what, const char *err, size_t errlen)
{
    if (!err[0])
        fuzz_fail("%s failed with no error text", what);
    size_t total = strlen(err);
    bool maybe_cut = total + 1 >= errlen;
    const char *p = err;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        bool last = !nl || !nl[1];
        if (!(last && maybe_cut) && !file_line_reason(p, n) && !(allow_multiline() && p != err))
            fuzz_fail("%s: error line not \"file:line: reason\": \"%.*s\"", what, (int)(n > 300 ? 300 : n), p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

void fuzz_rules_dir(char *out, size_t outlen)
{
    const char *src = getenv("CW_SOURCE_DIR");
    snprintf(out, outlen, "%s/rules", src && *src ? src : CW_FUZZ_SOURCE_DIR);
}

static char tempdir[256];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void rm_tempdir(void)
{
    if (tempdir[0])
        nftw(tempdir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_tempdir(void)
{
    if (tempdir[0])
        return tempdir;
    const char *t = getenv("TMPDIR");
    snprintf(tempdir, sizeof tempdir, "%s/cwfuzz.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tempdir)) {
        fprintf(stderr, "fuzz: cannot make a directory %s: %s\n", tempdir, strerror(errno));
        abort();
    }
    atexit(rm_tempdir);
    return tempdir;
}

void fuzz_write(const char *name, const void *data, size_t size, char *path, size_t pathlen)
{
    snprintf(path, pathlen, "%s/%s", fuzz_tempdir(), name);
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, size, f) == size;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
}
