/* replay.c: see replay.h. */
#include "replay.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "log.h"

typedef struct {
    const char *name;
    FILE *out;
} replay_ctx;

static void on_alert(void *ud, const char *id, const char *json, size_t len, void *cause)
{
    (void)id, (void)cause;
    replay_ctx *r = ud;
    fwrite(json, 1, len, r->out);
    fputc('\n', r->out);
}

static void on_dead(void *ud, const char *reason, void *cause)
{
    replay_ctx *r = ud;
    fprintf(stderr, "%s:%zu: %s\n", r->name, (size_t)(uintptr_t)cause, reason);
}

static void on_done(void *ud, void *cause) { (void)ud, (void)cause; }

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cw_replay(const cw_config *cfg, cw_ruleset *rules, const char *path)
{
    FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!in) {
        cw_err("cannot open %s: %s", path, strerror(errno));
        cw_rules_free(rules);
        return 1;
    }
    replay_ctx r = {strcmp(path, "-") ? path : "stdin", stdout};
    /* Alerts go out in large writes; bad lines on stderr stay unbuffered. */
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    cw_sink sink = {on_alert, on_dead, on_done, &r};
    cw_engine *e = cw_engine_new(cfg, rules, &sink);
    cw_engine_source_add(e, 0);

    /* Timed from here, after the rules are loaded: what the benchmarks
     * read, CPU time too since the machine may be shared. */
    double wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (!n)
            continue; /* blank lines separate nothing in JSON Lines */
        cw_engine_push(e, 0, line, (size_t)n, (void *)(uintptr_t)lineno);
    }
    int rc = ferror(in) ? 1 : 0;
    if (rc)
        cw_err("reading %s: %s", r.name, strerror(errno));
    cw_engine_flush(e);
    double wall = seconds(CLOCK_MONOTONIC) - wall0, cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    const cw_engine_stats *st = cw_engine_stats_get(e);
    cw_info("replay of %s: %zu lines, %llu manifests, %llu certificates, %llu bad, %llu duplicates, "
            "%llu late, %llu alerts, %llu shipments held; in %.3f s (%.3f s CPU)",
            r.name, lineno, (unsigned long long)st->in_manifest, (unsigned long long)st->in_insurance,
            (unsigned long long)st->bad, (unsigned long long)st->duplicates, (unsigned long long)st->late,
            (unsigned long long)st->alerts, (unsigned long long)st->window_shipments, wall, cpu);
    cw_engine_free(e);
    free(line);
    if (in != stdin)
        fclose(in);
    fflush(stdout);
    return rc;
}
