/* broker.c: cargowatch-broker, a development Kafka broker on loopback.
 *
 * librdkafka's mock cluster speaks the real Kafka protocol, so kcat, the
 * daemon and the simulator use it as they would a real cluster.  It is
 * hosted by a producer handle that sends nothing.  It creates the
 * contract's topics, prints its bootstrap servers as the first line of
 * stdout, logs to stderr and runs until SIGTERM or SIGINT.
 *
 * Everything lives in memory: stopping the broker loses every topic.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "log.h"

#ifndef CW_VERSION
#define CW_VERSION "dev"
#endif

static const char *const contract_topics[] = {
    "cargo.manifests", "cargo.insurance", "cargo.alerts", "cargo.deadletter",
    "cargo.alerts.checkpoints", /* processing.guarantee: exactly_once */
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: cargowatch-broker [--partitions N] [--brokers N] [--topic NAME]...\n"
            "\n"
            "A development Kafka broker on loopback (librdkafka's mock cluster), with the\n"
            "contract's topics cargo.manifests, cargo.insurance, cargo.alerts and\n"
            "cargo.deadletter, and the daemon's cargo.alerts.checkpoints (exactly once).\n"
            "Prints its bootstrap servers as the first line of stdout, logs to stderr,\n"
            "and runs until SIGTERM or SIGINT.  Nothing is kept on disk.\n"
            "\n"
            "  -p, --partitions N    partitions per topic (default 4)\n"
            "  -n, --brokers N       brokers in the cluster (default 3)\n"
            "  -t, --topic NAME      create one more topic (repeatable)\n"
            "  -v, --verbose         log every request the brokers serve (librdkafka's mock debug)\n"
            "  -V, --version         print the version\n"
            "  -h, --help            print this help\n");
}

static int parse_count(const char *opt, const char *s, int max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > max) {
        fprintf(stderr, "cargowatch-broker: %s wants a number from 1 to %d, not \"%s\"\n", opt, max, s);
        return -1;
    }
    return (int)v;
}

static void on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk;
    /* The host handle never connects anywhere: it has no bootstrap servers
     * on purpose, so librdkafka's warning about that is noise here. */
    if (!strcmp(fac, "CONFWARN") && strstr(buf, "bootstrap.servers"))
        return;
    cw_log(level, "broker: %s: %s", fac, buf);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"partitions", required_argument, NULL, 'p'}, {"brokers", required_argument, NULL, 'n'},
        {"topic", required_argument, NULL, 't'},      {"verbose", no_argument, NULL, 'v'},
        {"version", no_argument, NULL, 'V'},          {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int partitions = 4, nbrokers = 3, c;
    bool verbose = false;
    const char **topics = calloc((size_t)argc + 4, sizeof *topics);
    size_t ntopics = 0;
    if (!topics)
        return 1;
    for (size_t i = 0; i < sizeof contract_topics / sizeof *contract_topics; i++)
        topics[ntopics++] = contract_topics[i];

    while ((c = getopt_long(argc, argv, "p:n:t:vVh", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if ((partitions = parse_count("--partitions", optarg, 10000)) < 0)
                goto usage_error;
            break;
        case 'n':
            if ((nbrokers = parse_count("--brokers", optarg, 64)) < 0)
                goto usage_error;
            break;
        case 't':
            if (!*optarg) {
                fprintf(stderr, "cargowatch-broker: --topic wants a name\n");
                goto usage_error;
            }
            topics[ntopics++] = optarg;
            break;
        case 'v': verbose = true; break;
        case 'V':
            printf("cargowatch-broker %s (librdkafka %s)\n", CW_VERSION, rd_kafka_version_str());
            free(topics);
            return 0;
        case 'h':
            usage(stdout);
            free(topics);
            return 0;
        default: goto usage_error;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cargowatch-broker: unexpected argument: %s\n", argv[optind]);
        goto usage_error;
    }
    cw_log_set_level(verbose ? LOG_DEBUG : LOG_INFO);

    /* Block the stop signals before librdkafka starts its threads, which
     * inherit the mask: only sigwait() below ever sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, on_log);
    if (rd_kafka_conf_set(conf, "log_level", verbose ? "7" : "5", err, sizeof err) != RD_KAFKA_CONF_OK ||
        (verbose && rd_kafka_conf_set(conf, "debug", "mock", err, sizeof err) != RD_KAFKA_CONF_OK) ||
        rd_kafka_conf_set(conf, "client.id", "cargowatch-broker", err, sizeof err) != RD_KAFKA_CONF_OK) {
        cw_err("broker: %s", err);
        rd_kafka_conf_destroy(conf);
        free(topics);
        return 1;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        cw_err("broker: cannot create the host handle: %s", err);
        free(topics);
        return 1;
    }
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, nbrokers);
    if (!mc) {
        cw_err("broker: cannot start a mock cluster of %d brokers", nbrokers);
        rd_kafka_destroy(rk);
        free(topics);
        return 1;
    }
    int replication = nbrokers < 3 ? nbrokers : 3;
    int rc = 0;
    for (size_t i = 0; i < ntopics; i++) {
        rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, topics[i], partitions, replication);
        if (e) {
            cw_err("broker: cannot create topic %s: %s", topics[i], rd_kafka_err2str(e));
            rc = 1;
            goto out;
        }
    }

    const char *bootstraps = rd_kafka_mock_cluster_bootstraps(mc);
    printf("%s\n", bootstraps);
    fflush(stdout);
    cw_info("broker: %d brokers at %s, %zu topics of %d partitions (librdkafka %s mock cluster); "
            "SIGTERM or SIGINT stops it",
            nbrokers, bootstraps, ntopics, partitions, rd_kafka_version_str());

    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    cw_info("broker: %s received, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");

out:
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    free(topics);
    return rc;

usage_error:
    usage(stderr);
    free(topics);
    return 2;
}
