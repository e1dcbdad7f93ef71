/* main.c: cargowatchd's command line: the Kafka daemon, --replay and
 * --check-rules, all on the same configuration and engine. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "kafka.h"
#include "log.h"
#include "normalise.h"
#include "replay.h"
#include "rules.h"
#include "util.h"

static const char *default_rules_dir(void);

static void usage(FILE *f)
{
    fprintf(f,
            "usage: cargowatchd [-c FILE] [-b BROKERS] [--rules DIR] [-v|-q]\n"
            "       cargowatchd --replay FILE|- [-c FILE] [--rules DIR] [-v|-q]\n"
            "       cargowatchd --check-rules [-c FILE] [--rules DIR]\n"
            "       cargowatchd --version | --help\n"
            "\n"
            "Watches manifest and freight-insurance feeds for the parts of controlled items\n"
            "converging on linked parties by different routes, and raises alerts.\n"
            "\n"
            "  -c, --config FILE     configuration (YAML; the packaged one is\n"
            "                        /etc/cargowatch/cargowatch.yaml); without it, built-in\n"
            "                        defaults: brokers localhost:9092, group cargowatch,\n"
            "                        metrics on 127.0.0.1:9464\n"
            "  -b, --brokers LIST    Kafka bootstrap servers (host:port,...), overriding the\n"
            "                        configuration's brokers\n"
            "      --rules DIR       rules directory, overriding the configuration's rules_dir\n"
            "                        (default: %s)\n"
            "      --replay FILE     read JSON Lines (- for stdin), write alerts as JSON Lines\n"
            "                        on stdout and bad lines as FILE:LINE: reason on stderr;\n"
            "                        no Kafka; exit 0 once the input is read\n"
            "      --check-rules     load the rules and run their test cases; exit 0 or 1\n"
            "  -v, --verbose         log debug messages too (log.level: debug)\n"
            "  -q, --quiet           log warnings and errors only (log.level: warning)\n"
            "  -V, --version         print the version and exit\n"
            "  -h, --help            print this help and exit\n"
            "\n"
            "Logs go to stderr, one line each, with a syslog priority prefix (<3> error ...\n"
            "<7> debug) that journald reads.  /metrics, /healthz and /readyz are served on\n"
            "the configuration's http.listen.\n"
            "\n"
            "Signals: SIGTERM/SIGINT stop after delivering pending alerts and committing (a\n"
            "second one stops at once); SIGHUP reloads the rules, keeping the old ones if the\n"
            "new ones are invalid.  Under systemd (Type=notify) it reports READY=1, STATUS=,\n"
            "RELOADING=1, STOPPING=1 and WATCHDOG=1.\n"
            "\n"
            "Exit status: 0 clean stop or success; 1 error (bad configuration or rules, Kafka\n"
            "fatal error, alerts left undelivered); 2 bad command line.\n"
            "See cargowatchd(8).\n",
            default_rules_dir());
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The rules dir compiled in (<prefix>/share/cargowatch/rules); when it is
 * absent and this binary sits in some PREFIX/bin with PREFIX/share/
 * cargowatch/rules beside it (a package built for another prefix, or
 * unpacked elsewhere), that one. */
static const char *default_rules_dir(void)
{
    static char found[PATH_MAX];
    if (*found)
        return found;
    snprintf(found, sizeof found, "%s", CW_RULES_DIR);
    if (is_dir(CW_RULES_DIR))
        return found;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return found;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return found;
    *slash = '\0';
    size_t len = strlen(exe);
    if (len < 4 || strcmp(exe + len - 4, "/bin"))
        return found;
    exe[len - 4] = '\0';
    char alt[PATH_MAX + 32];
    snprintf(alt, sizeof alt, "%s/share/cargowatch/rules", exe);
    size_t altlen = strlen(alt);
    if (is_dir(alt) && altlen < sizeof found)
        memcpy(found, alt, altlen + 1);
    return found;
}

/* Every value of a secret librdkafka setting stays out of the logs, even
 * when a library message quotes it. */
static void hide_secrets(const cw_config *cfg)
{
    for (size_t i = 0; i < cfg->nkafka; i++) {
        const char *k = cfg->kafka[i].key;
        if (strstr(k, "password") || strstr(k, "secret") || !strcmp(k, "ssl.key.pem") ||
            !strcmp(k, "sasl.oauthbearer.config"))
            cw_log_secret(cfg->kafka[i].value);
    }
}

enum { OPT_RULES = 256, OPT_REPLAY, OPT_CHECK };

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'}, {"brokers", required_argument, NULL, 'b'},
        {"rules", required_argument, NULL, OPT_RULES}, {"replay", required_argument, NULL, OPT_REPLAY},
        {"check-rules", no_argument, NULL, OPT_CHECK}, {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'}, {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    const char *config = NULL, *brokers = NULL, *rules_dir = NULL, *replay = NULL;
    bool check = false;
    int log_level = -1, c;
    while ((c = getopt_long(argc, argv, "c:b:vqVh", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 'b': brokers = optarg; break;
        case OPT_RULES: rules_dir = optarg; break;
        case OPT_REPLAY: replay = optarg; break;
        case OPT_CHECK: check = true; break;
        case 'v': log_level = LOG_DEBUG; break;
        case 'q': log_level = LOG_WARNING; break;
        case 'V': printf("cargowatchd %s\n", CW_VERSION); return 0;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cargowatchd: unexpected argument: %s\n", argv[optind]);
        usage(stderr);
        return 2;
    }

    cw_config cfg;
    cw_config_defaults(&cfg);
    char err[8192];
    if (config && cw_config_load(&cfg, config, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        cw_config_free(&cfg);
        return 1;
    }
    if (brokers) {
        free(cfg.brokers);
        cfg.brokers = cw_xstrdup(brokers);
    }
    if (rules_dir) {
        free(cfg.rules_dir);
        cfg.rules_dir = cw_xstrdup(rules_dir);
    } else if (!strcmp(cfg.rules_dir, CW_RULES_DIR) && strcmp(default_rules_dir(), CW_RULES_DIR)) {
        free(cfg.rules_dir);
        cfg.rules_dir = cw_xstrdup(default_rules_dir());
    }
    hide_secrets(&cfg);
    cw_log_set_level(log_level >= 0 ? log_level : cfg.log_level);

    cw_ruleset *rules = cw_rules_load(cfg.rules_dir, err, sizeof err);
    int rc;
    if (!rules) {
        fprintf(stderr, "%s", err);
        if (!*err || err[strlen(err) - 1] != '\n')
            fputc('\n', stderr);
        cw_err("rules in %s are invalid", cfg.rules_dir);
        rc = 1;
    } else if (check) {
        int failures = cw_rules_selftest(rules, cfg.rules_dir, err, sizeof err);
        if (failures)
            fprintf(stderr, "%s", err);
        printf("%s: %zu rules, %zu kits, %s: %s\n", cfg.rules_dir, cw_rules_nrules(rules), cw_rules_nkits(rules),
               cw_rules_version(rules), failures ? "test cases FAILED" : "ok");
        cw_rules_free(rules);
        rc = failures ? 1 : 0;
    } else if (replay) {
        rc = cw_replay(&cfg, rules, replay);
    } else {
        rc = cw_daemon_run(&cfg, rules);
    }
    cw_config_free(&cfg);
    cw_log_secrets_clear();
    cw_norm_cleanup();
    return rc;
}
