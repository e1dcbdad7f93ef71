/* bare_parse.c: the yardstick for the engine benchmark.
 *
 * Reads JSON Lines (a file, or "-" for stdin) the way `cargowatchd --replay`
 * does (getline, trailing newline cut) and does nothing with each line but
 * parse it with cJSON and free the tree: the least any consumer of the feed
 * has to do.  Prints one line: lines, bytes, seconds, lines/s, MB/s.
 * Timed from after the file is opened, as the replay times itself after
 * loading its rules; CPU time as well as wall time, for a shared machine.
 *
 * With --decode, each line goes through the daemon's own decoder instead
 * (cw_decode: the parse, the contract's checks, the fields copied out),
 * and the message is freed: the part of the engine's work that comes
 * before any rule or any state.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "decode.h"

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    bool decode = argc == 3 && strcmp(argv[1], "--decode") == 0;
    if (argc != 2 + decode) {
        fprintf(stderr, "usage: %s [--decode] FILE.jsonl|-\n", argv[0]);
        return 2;
    }
    const char *path = argv[argc - 1];
    FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!in) {
        perror(path);
        return 1;
    }
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    char *line = NULL;
    size_t cap = 0, lines = 0, bad = 0;
    unsigned long long bytes = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) >= 0) {
        bytes += (unsigned long long)n;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (!n)
            continue;
        lines++;
        if (decode) {
            cw_msg m;
            char err[256];
            if (cw_decode(line, (size_t)n, &m, err, sizeof err) == 0)
                cw_msg_free(&m);
            else
                bad++;
        } else {
            cJSON *j = cJSON_ParseWithLength(line, (size_t)n);
            if (!j)
                bad++;
            cJSON_Delete(j);
        }
    }
    double s = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    free(line);
    if (in != stdin)
        fclose(in);
    printf("%s: %zu lines (%zu not %s), %.1f MB in %.3f s (%.3f s CPU) = %.0f lines/s, %.1f MB/s "
           "of CPU time\n",
           decode ? "cw_decode" : "bare cJSON parse", lines, bad, decode ? "decoded" : "JSON", (double)bytes / 1e6, s,
           cpu, (double)lines / cpu, (double)bytes / 1e6 / cpu);
    return 0;
}
