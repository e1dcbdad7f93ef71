/* fuzz_util.h: what the fuzz targets share: failing loudly, the checks on
 * error text that every loader promises, and a private scratch directory. */
#ifndef CW_FUZZ_UTIL_H
#define CW_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Print "fuzz invariant broken: ..." and abort(), so libFuzzer keeps the
 * input as a crash. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
bool fuzz_utf8(const char *s, size_t n);

/* s must be a non-empty, NUL-terminated single line. */
void fuzz_check_line(const char *what, const char *s);

/* err must be non-empty and each of its lines "file:line: reason".  When
 * the loader may have cut err at errlen, the last line is let be. */
void fuzz_check_errors(const char *what, const char *err, size_t errlen);

/* The shipped rules: $CW_SOURCE_DIR/rules, else the source tree's, as
 * compiled in. */
void fuzz_rules_dir(char *out, size_t outlen);

/* A private directory, made once per process and removed at exit, and a
 * file in it holding exactly the given bytes.  Both abort on failure. */
const char *fuzz_tempdir(void);
void fuzz_write(const char *name, const void *data, size_t size, char *path, size_t pathlen);

#endif
