/* broker.c: cargowatch-broker, a development Kafka broker on loopback.
 *
 * librdkafka's mock cluster speaks the real Kafka protocol, so kcat, the
 * daemon and the simulator use it as they would a real cluster.  It is
 * hosted by a producer handle that sends nothing.  It creates the
 * contract's topics, prints its bootstrap servers as the first line of
 * stdout, logs to stderr and runs until SIGTERM or SIGINT.
 *
 * Fault injection, for the end-to-end tests: commands on stdin, one a line
 * (see usage()), each handed to the mock cluster's own fault injection and
 * logged to stderr as it is applied.  End of input just ends the commands.
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
#include <strings.h>

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
            "  -h, --help            print this help\n"
            "\n"
            "Faults, one command a line on stdin (brokers are numbered from 1; each\n"
            "command is logged to stderr once applied):\n"
            "  down BROKER                      the broker stops answering (connections closed)\n"
            "  up BROKER                        ... and answers again\n"
            "  rtt BROKER MS                    add MS milliseconds to each of its answers (0: none)\n"
            "  leader TOPIC PARTITION BROKER    move a partition's leadership\n"
            "  errors API COUNT ERROR           fail the next COUNT requests of API (Produce,\n"
            "                                   Fetch, OffsetCommit, ... or its number) with\n"
            "                                   ERROR (a Kafka error name such as\n"
            "                                   NOT_LEADER_FOR_PARTITION, or its number)\n"
            "  clear API                        drop the errors still queued for API\n");
}

/* --- fault injection commands --- */

static const struct {
    const char *name;
    int16_t key;
} api_keys[] = {
    {"Produce", 0},          {"Fetch", 1},          {"ListOffsets", 2},     {"Metadata", 3},
    {"OffsetCommit", 8},     {"OffsetFetch", 9},    {"FindCoordinator", 10}, {"JoinGroup", 11},
    {"Heartbeat", 12},       {"LeaveGroup", 13},    {"SyncGroup", 14},      {"InitProducerId", 22},
    {"AddPartitionsToTxn", 24}, {"AddOffsetsToTxn", 25}, {"EndTxn", 26},    {"TxnOffsetCommit", 28},
};

static pthread_mutex_t control_lock = PTHREAD_MUTEX_INITIALIZER;
static rd_kafka_mock_cluster_t *control_mc; /* NULL once stopping */

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_api(const char *s, int16_t *key)
{
    long v;
    for (size_t i = 0; s && i < sizeof api_keys / sizeof *api_keys; i++)
        if (!strcasecmp(s, api_keys[i].name)) {
            *key = api_keys[i].key;
            return true;
        }
    if (!parse_long(s, 0, 100, &v))
        return false;
    *key = (int16_t)v;
    return true;
}

static bool parse_error(const char *s, rd_kafka_resp_err_t *err)
{
    const struct rd_kafka_err_desc *descs;
    size_t n;
    long v;
    rd_kafka_get_err_descs(&descs, &n);
    for (size_t i = 0; s && i < n; i++)
        if (descs[i].name && !strcasecmp(s, descs[i].name)) {
            *err = descs[i].code;
            return true;
        }
    if (!parse_long(s, -200, 200, &v))
        return false;
    *err = (rd_kafka_resp_err_t)v;
    return true;
}

/* One command line; NULL when applied, else why not. */
static const char *control(rd_kafka_mock_cluster_t *mc, char *line)
{
    char *save = NULL, *w[5] = {0};
    int n = 0;
    for (char *t = strtok_r(line, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save))
        if (n < 5)
            w[n++] = t;
    long a, b, c;
    int16_t api;
    rd_kafka_resp_err_t err;
    if (!n)
        return NULL;
    if (!strcmp(w[0], "down") && n == 2 && parse_long(w[1], 1, INT32_MAX, &a))
        err = rd_kafka_mock_broker_set_down(mc, (int32_t)a);
    else if (!strcmp(w[0], "up") && n == 2 && parse_long(w[1], 1, INT32_MAX, &a))
        err = rd_kafka_mock_broker_set_up(mc, (int32_t)a);
    else if (!strcmp(w[0], "rtt") && n == 3 && parse_long(w[1], 1, INT32_MAX, &a) &&
             parse_long(w[2], 0, 600000, &b))
        err = rd_kafka_mock_broker_set_rtt(mc, (int32_t)a, (int)b);
    else if (!strcmp(w[0], "leader") && n == 4 && parse_long(w[2], 0, INT32_MAX, &b) &&
             parse_long(w[3], 1, INT32_MAX, &c))
        err = rd_kafka_mock_partition_set_leader(mc, w[1], (int32_t)b, (int32_t)c);
    else if (!strcmp(w[0], "errors") && n == 4 && parse_api(w[1], &api) && parse_long(w[2], 1, 100000, &a) &&
             parse_error(w[3], &err)) {
        rd_kafka_resp_err_t *errs = malloc((size_t)a * sizeof *errs);
        if (!errs)
            return "out of memory";
        for (long i = 0; i < a; i++)
            errs[i] = err;
        rd_kafka_mock_push_request_errors_array(mc, api, (size_t)a, errs);
        free(errs);
        err = RD_KAFKA_RESP_ERR_NO_ERROR;
    } else if (!strcmp(w[0], "clear") && n == 2 && parse_api(w[1], &api)) {
        rd_kafka_mock_clear_request_errors(mc, api);
        err = RD_KAFKA_RESP_ERR_NO_ERROR;
    } else
        return "not a command (see --help)";
    return err ? rd_kafka_err2str(err) : NULL;
}

static void *control_thread(void *arg)
{
    (void)arg;
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        char shown[sizeof line];
        snprintf(shown, sizeof shown, "%.*s", (int)strcspn(line, "\r\n"), line);
        pthread_mutex_lock(&control_lock);
        if (!control_mc) {
            pthread_mutex_unlock(&control_lock);
            break;
        }
        const char *why = control(control_mc, line);
        pthread_mutex_unlock(&control_lock);
        if (why)
            cw_warn("broker: control: %s: %s", shown, why);
        else if (*shown)
            cw_info("broker: control: %s: done", shown);
    }
    return NULL;
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

    control_mc = mc;
    pthread_t ctl;
    if (pthread_create(&ctl, NULL, control_thread, NULL) == 0)
        pthread_detach(ctl); /* may sit in a read of stdin until the exit */
    const char *bootstraps = rd_kafka_mock_cluster_bootstraps(mc);
    printf("%s\n", bootstraps);
    fflush(stdout);
    cw_info("broker: %d brokers at %s, %zu topics of %d partitions (librdkafka %s mock cluster); "
            "fault commands on stdin; SIGTERM or SIGINT stops it",
            nbrokers, bootstraps, ntopics, partitions, rd_kafka_version_str());

    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    cw_info("broker: %s received, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");

out:
    pthread_mutex_lock(&control_lock);
    control_mc = NULL;
    pthread_mutex_unlock(&control_lock);
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    free(topics);
    return rc;

usage_error:
    usage(stderr);
    free(topics);
    return 2;
}
