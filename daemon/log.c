/* log.c: see log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int log_level = LOG_INFO;
static char **secrets;
static size_t nsecrets;

void cw_log_set_level(int priority) { log_level = priority; }
int cw_log_level(void) { return log_level; }

void cw_log_secret(const char *value)
{
    if (!value || strlen(value) < 4)
        return;
    char **s = realloc(secrets, (nsecrets + 1) * sizeof *secrets);
    char *copy = strdup(value);
    if (!s || !copy) {
        free(copy);
        if (s)
            secrets = s;
        return;
    }
    secrets = s;
    secrets[nsecrets++] = copy;
}

void cw_log_secrets_clear(void)
{
    for (size_t i = 0; i < nsecrets; i++) {
        memset(secrets[i], 0, strlen(secrets[i]));
        free(secrets[i]);
    }
    free(secrets);
    secrets = NULL;
    nsecrets = 0;
}

/* Replace each registered secret in line (in place: "***" is never longer).
 * A line cut to the buffer may end in the start of one: cut that too. */
static void redact(char *line, bool cut)
{
    for (size_t i = 0; i < nsecrets; i++) {
        size_t n = strlen(secrets[i]);
        char *p;
        while ((p = strstr(line, secrets[i]))) {
            memcpy(p, "***", 3);
            memmove(p + 3, p + n, strlen(p + n) + 1);
        }
        size_t len = strlen(line);
        for (size_t k = n - 1; cut && k > 0; k--)
            if (k <= len && !memcmp(line + len - k, secrets[i], k)) {
                line[len - k] = '\0';
                break;
            }
    }
}

void cw_log(int priority, const char *fmt, ...)
{
    if (priority > log_level)
        return;
    char line[2048];
    int n = snprintf(line, sizeof line, "<%d>", priority);
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    bool cut = len >= (int)(sizeof line - (size_t)n);
    /* one event, one line: fold any newline a message carries */
    for (char *p = line + n; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (nsecrets)
        redact(line + n, cut);
    fprintf(stderr, "%s\n", line);
}
