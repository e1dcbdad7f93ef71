/* main.c: cargowatchd's command line: the Kafka daemon, --replay and
 * --check-rules, all on the same configuration and engine. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "kafka.h"
#include "log.h"
#include "normalise.h"
#include "replay.h"
#include "rules.h"
#include "util.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: cargowatchd [-c FILE] [-b BROKERS] [--rules DIR]\n"
            "       cargowatchd --replay FILE|- [-c FILE] [--rules DIR]\n"
            "       cargowatchd --check-rules [--rules DIR]\n"
            "\n"
            "Watches manifest and freight-insurance feeds for the parts of controlled items\n"
            "converging on linked parties by different routes, and raises alerts.\n"
            "\n"
            "  -c, --config FILE     configuration (YAML); without it, built-in defaults\n"
            "  -b, --brokers LIST    Kafka bootstrap servers, overriding the configuration\n"
            "      --rules DIR       rules directory, overriding the configuration\n"
            "      --replay FILE     read JSON Lines (- for stdin), write alerts as JSON Lines\n"
            "                        on stdout and bad lines as FILE:LINE: reason on stderr\n"
            "      --check-rules     load the rules and run their test cases; exit 0 or 1\n"
            "  -v, --verbose         log debug messages too\n"
            "  -q, --quiet           log warnings and errors only\n"
            "  -V, --version         print the version\n"
            "  -h, --help            print this help\n"
            "\n"
            "Signals: SIGTERM/SIGINT stop after delivering pending alerts and committing;\n"
            "SIGHUP reloads the rules, keeping the old ones if the new ones are invalid.\n");
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
    }
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
    cw_norm_cleanup();
    return rc;
}
