/* sim.c: cargowatch-sim's command line and the run.  Reads the options,
 * loads the reference data, plans the schemes and the legitimate split
 * deliveries (their messages wait in the feed's window), writes the ground
 * truth, then fills the rest of the message budget with ordinary traffic
 * and drains the window to the file or to Kafka. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kits.h"
#include "log.h"
#include "sim.h"
#include "util.h"

#ifndef CW_VERSION
#define CW_VERSION "0"
#endif
#ifndef CW_DATA_DIR
#define CW_DATA_DIR "/usr/local/share/cargowatch/rules/reference"
#endif

typedef struct {
    sim_options run;
    const char *out, *truth, *data, *brokers;
    const char *manifest_topic, *insurance_topic;
    double rate;
    bool splits_given;
} options;

static void usage(FILE *f)
{
    fprintf(f,
        "usage: cargowatch-sim [options]\n"
        "Writes a realistic port feed of manifests and insurance certificates (JSON Lines,\n"
        "message contract version 1) with laundering schemes and legitimate split\n"
        "deliveries injected, and optionally their ground truth.\n"
        "\n"
        "  --seed N              random seed (default 1); same seed and options, same bytes\n"
        "  --messages N          total messages to write (default 10000)\n"
        "  --schemes N           laundering schemes to inject (default 5)\n"
        "  --splits N            legitimate split deliveries to inject (default: --schemes)\n"
        "  --days N              event-time span in days (default 30)\n"
        "  --start TIME          first event time, RFC 3339 (default 2026-03-01T00:00:00Z)\n"
        "  -o, --output FILE     JSON Lines output (default: stdout)\n"
        "  --truth FILE          ground truth, one JSON line per scheme and split\n"
        "  --data DIR            reference data (default: %s,\n"
        "                        else ./rules/reference, else $CW_SOURCE_DIR/rules/reference)\n"
        "  -b, --brokers LIST    produce to Kafka instead of a file\n"
        "  --manifest-topic T    topic for manifests, keyed by B/L (default cargo.manifests)\n"
        "  --insurance-topic T   topic for certificates, keyed by certificate (default cargo.insurance)\n"
        "  --rate N              messages per second (default 0: as fast as possible)\n"
        "  --version             print the version and exit\n"
        "  -h, --help            this text\n",
        CW_DATA_DIR);
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_number(const char *name, const char *s, long lo, long hi, long *out)
{
    if (parse_long(s, lo, hi, out))
        return true;
    fprintf(stderr, "cargowatch-sim: %s wants a whole number from %ld to %ld, not '%s'\n", name,
            lo, hi, s);
    return false;
}

enum { OPT_SEED = 256, OPT_MESSAGES, OPT_SCHEMES, OPT_SPLITS, OPT_DAYS, OPT_START, OPT_TRUTH,
       OPT_DATA, OPT_MTOPIC, OPT_ITOPIC, OPT_RATE, OPT_VERSION };

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, OPT_SEED},
        {"messages", required_argument, NULL, OPT_MESSAGES},
        {"schemes", required_argument, NULL, OPT_SCHEMES},
        {"splits", required_argument, NULL, OPT_SPLITS},
        {"days", required_argument, NULL, OPT_DAYS},
        {"start", required_argument, NULL, OPT_START},
        {"output", required_argument, NULL, 'o'},
        {"truth", required_argument, NULL, OPT_TRUTH},
        {"data", required_argument, NULL, OPT_DATA},
        {"brokers", required_argument, NULL, 'b'},
        {"manifest-topic", required_argument, NULL, OPT_MTOPIC},
        {"insurance-topic", required_argument, NULL, OPT_ITOPIC},
        {"rate", required_argument, NULL, OPT_RATE},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    long v;
    int c;
    while ((c = getopt_long(argc, argv, "o:b:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_SEED: {
            char *end;
            errno = 0;
            unsigned long long seed = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || optarg[0] == '-') {
                fprintf(stderr, "cargowatch-sim: --seed wants a whole number, not '%s'\n", optarg);
                return 2;
            }
            o->run.seed = seed;
            break;
        }
        case OPT_MESSAGES:
            if (!parse_number("--messages", optarg, 1, LONG_MAX / 2, &v))
                return 2;
            o->run.messages = v;
            break;
        case OPT_SCHEMES:
            if (!parse_number("--schemes", optarg, 0, 10000, &v))
                return 2;
            o->run.schemes = (int)v;
            break;
        case OPT_SPLITS:
            if (!parse_number("--splits", optarg, 0, 10000, &v))
                return 2;
            o->run.splits = (int)v;
            o->splits_given = true;
            break;
        case OPT_DAYS:
            if (!parse_number("--days", optarg, 1, 3650, &v))
                return 2;
            o->run.days = (int)v;
            break;
        case OPT_START: {
            int64_t ms;
            if (!cw_parse_time(optarg, &ms)) {
                fprintf(stderr, "cargowatch-sim: --start wants an RFC 3339 time, not '%s'\n", optarg);
                return 2;
            }
            o->run.start = ms - ms % 1000;
            break;
        }
        case 'o': o->out = optarg; break;
        case OPT_TRUTH: o->truth = optarg; break;
        case OPT_DATA: o->data = optarg; break;
        case 'b': o->brokers = optarg; break;
        case OPT_MTOPIC: o->manifest_topic = optarg; break;
        case OPT_ITOPIC: o->insurance_topic = optarg; break;
        case OPT_RATE:
            if (!parse_number("--rate", optarg, 0, 100000000, &v))
                return 2;
            o->rate = (double)v;
            break;
        case OPT_VERSION:
            printf("cargowatch-sim %s\n", CW_VERSION);
            return 0;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cargowatch-sim: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (o->brokers && o->out) {
        fprintf(stderr, "cargowatch-sim: give -o or -b, not both\n");
        return 2;
    }
    if (!o->splits_given)
        o->run.splits = o->run.schemes;
    o->run.end = o->run.start + (int64_t)o->run.days * DAY_MS;
    return -1;
}

static bool has_data(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/unlocode-seaports.csv", dir);
    return access(path, R_OK) == 0;
}

/* --data, the installed copy, the source tree we are run in, or the one
 * the tests name. */
static const char *data_dir(const char *given, char *buf, size_t n)
{
    if (given)
        return given;
    if (has_data(CW_DATA_DIR))
        return CW_DATA_DIR;
    if (has_data("rules/reference"))
        return "rules/reference";
    const char *src = getenv("CW_SOURCE_DIR");
    if (src) {
        snprintf(buf, n, "%s/rules/reference", src);
        if (has_data(buf))
            return buf;
    }
    return NULL;
}

static bool write_truth(const char *path, const truth_rec *recs, int n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        cw_err("cannot write %s: %s", path, strerror(errno));
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n && ok; i++)
        ok = truth_write(f, &recs[i]);
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        cw_err("writing %s failed", path);
    return ok;
}

static bool start_world(sim *s, const char *dir)
{
    if (!ref_load(&s->ref, dir))
        return false;
    if (!goods_check_tables(&s->ref) || !kits_check_tables(&s->ref) ||
        !splits_check_tables(&s->ref))
        return false;
    s->w = world_new(&s->ref, s->opt.seed);
    s->pt = parties_new(&s->ref, s->opt.seed);
    s->g = goods_new(&s->ref);
    s->ins = insurance_new(s->pt, s->opt.seed);
    rng_seed(&s->pub.r, s->opt.seed, "filings");
    s->pub.w = s->w;
    s->pub.budget = s->opt.messages;
    s->pub.end = s->opt.end;
    s->bl_counter = (s->opt.seed % 1000) * 1000003ULL + 1;
    return true;
}

static void stop_world(sim *s)
{
    insurance_free(s->ins);
    goods_free(s->g);
    parties_free(s->pt);
    world_free(s->w);
    ref_free(&s->ref);
}

static sink *open_sink(const options *o)
{
    sink *out = o->brokers
        ? sink_kafka(o->brokers, o->manifest_topic ? o->manifest_topic : "cargo.manifests",
                     o->insurance_topic ? o->insurance_topic : "cargo.insurance", o->rate > 0)
        : sink_file(o->out);
    if (out && o->rate > 0)
        sink_set_rate(out, o->rate);
    return out;
}

/* Schemes and splits first: their messages wait in the window while the
 * ordinary traffic is made around them. */
static bool plan_specials(sim *s, const options *o, truth_rec *recs)
{
    schemes_plan(s, recs, s->opt.schemes);
    splits_plan(s, recs + s->opt.schemes, s->opt.splits);
    if (s->pub.budget < 0) {
        cw_err("--messages %ld is too few: the schemes and split deliveries alone make %ld",
               s->opt.messages, s->pub.made);
        return false;
    }
    return !o->truth || write_truth(o->truth, recs, s->opt.schemes + s->opt.splits);
}

int main(int argc, char **argv)
{
    options o = {.run = {.seed = 1, .messages = 10000, .schemes = 5, .days = 30}};
    cw_parse_time("2026-03-01T00:00:00Z", &o.run.start);
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    char buf[4096];
    const char *dir = data_dir(o.data, buf, sizeof buf);
    if (!dir) {
        cw_err("no reference data: give --data DIR (rules/reference of the source tree)");
        return 2;
    }
    sim s;
    memset(&s, 0, sizeof s);
    s.opt = o.run;
    if (!start_world(&s, dir)) {
        stop_world(&s);
        return 2;
    }
    sink *out = open_sink(&o);
    if (!out) {
        stop_world(&s);
        return 1;
    }
    s.pub.f = feed_new(out);
    int nrec = s.opt.schemes + s.opt.splits;
    truth_rec *recs = cw_xcalloc((size_t)(nrec ? nrec : 1), sizeof *recs);
    bool ok = plan_specials(&s, &o, recs);
    if (ok)
        benign_run(&s);
    ok = feed_finish(s.pub.f) && ok;
    ok = sink_close(out) && ok;
    feed_free(s.pub.f);
    for (int i = 0; i < nrec; i++)
        id_record_free(&recs[i].ids);
    free(recs);
    stop_world(&s);
    return ok ? 0 : 1;
}
