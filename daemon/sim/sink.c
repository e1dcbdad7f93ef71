/* sink.c: where the feed goes.  A JSON Lines file (or stdout), or Kafka:
 * manifests to one topic keyed by B/L, certificates to another keyed by
 * certificate number, through an idempotent producer whose delivery
 * reports are counted so a lost message fails the run.  An optional rate
 * paces either. */
#include <errno.h>
#include <librdkafka/rdkafka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "sim.h"
#include "util.h"

struct sink {
    FILE *f;
    bool close_f;
    rd_kafka_t *rk;
    char *topic[2];
    long failed;            /* delivery reports with an error */
    double rate;
    struct timespec t0;
    uint64_t count;
};

sink *sink_file(const char *path)
{
    sink *s = cw_xcalloc(1, sizeof *s);
    if (!path || strcmp(path, "-") == 0) {
        s->f = stdout;
    } else {
        s->f = fopen(path, "w");
        if (!s->f) {
            cw_err("cannot write %s: %s", path, strerror(errno));
            free(s);
            return NULL;
        }
        s->close_f = true;
    }
    setvbuf(s->f, NULL, _IOFBF, 1 << 20);
    return s;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    sink *s = opaque;
    if (m->err) {
        if (s->failed++ < 5)
            cw_err("delivery to %s failed: %s", rd_kafka_topic_name(m->rkt),
                   rd_kafka_err2str(m->err));
    }
}

static bool set(rd_kafka_conf_t *conf, const char *key, const char *value)
{
    char err[512];
    if (rd_kafka_conf_set(conf, key, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
        cw_err("kafka setting %s: %s", key, err);
        return false;
    }
    return true;
}

sink *sink_kafka(const char *brokers, const char *manifest_topic, const char *insurance_topic, bool paced)
{
    sink *s = cw_xcalloc(1, sizeof *s);
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    /* murmur2 as the Java clients use, so keys land where Kafka Streams
     * consumers expect them */
    if (!set(conf, "bootstrap.servers", brokers) || !set(conf, "enable.idempotence", "true") ||
        /* a paced feed stands for filings as they happen: each goes out at once */
        !set(conf, "linger.ms", paced ? "0" : "10") || !set(conf, "partitioner", "murmur2_random") ||
        !set(conf, "client.id", "cargowatch-sim") ||
        /* a broker that stays away fails the run within half a minute */
        !set(conf, "message.timeout.ms", "30000")) {
        rd_kafka_conf_destroy(conf);
        free(s);
        return NULL;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_conf_set_opaque(conf, s);
    char err[512];
    s->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!s->rk) {
        cw_err("kafka producer: %s", err);
        free(s);
        return NULL;
    }
    s->topic[MSG_MANIFEST] = cw_xstrdup(manifest_topic);
    s->topic[MSG_INSURANCE] = cw_xstrdup(insurance_topic);
    return s;
}

void sink_set_rate(sink *s, double per_second)
{
    s->rate = per_second;
    clock_gettime(CLOCK_MONOTONIC, &s->t0);
}

/* Message k is due k/rate seconds after the start. */
static void pace(sink *s)
{
    if (s->rate <= 0)
        return;
    double due = (double)s->count / s->rate;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - s->t0.tv_sec) + (now.tv_nsec - s->t0.tv_nsec) / 1e9;
    if (due <= elapsed)
        return;
    if (s->f)
        fflush(s->f);
    double wait = due - elapsed;
    while (wait > 0) {
        /* keep serving delivery reports while we wait */
        double step = wait > 0.1 ? 0.1 : wait;
        if (s->rk)
            rd_kafka_poll(s->rk, 0);
        struct timespec ts = {(time_t)step, (long)((step - (time_t)step) * 1e9)};
        nanosleep(&ts, NULL);
        wait -= step;
    }
}

static bool produce(sink *s, int type, const char *key, const char *line, size_t len)
{
    for (;;) {
        rd_kafka_resp_err_t e = rd_kafka_producev(
            s->rk, RD_KAFKA_V_TOPIC(s->topic[type]), RD_KAFKA_V_KEY(key, strlen(key)),
            RD_KAFKA_V_VALUE((void *)line, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
            break;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            cw_err("kafka produce to %s: %s", s->topic[type], rd_kafka_err2str(e));
            return false;
        }
        rd_kafka_poll(s->rk, 100); /* the local queue is full: let it drain */
    }
    rd_kafka_poll(s->rk, 0);
    return true;
}

bool sink_write(sink *s, int type, const char *key, const char *line, size_t len)
{
    pace(s);
    s->count++;
    if (s->rk)
        return produce(s, type, key, line, len);
    if (fwrite(line, 1, len, s->f) != len || fputc('\n', s->f) == EOF) {
        cw_err("write failed: %s", strerror(errno));
        return false;
    }
    return true;
}

bool sink_close(sink *s)
{
    if (!s)
        return true;
    bool ok = true;
    if (s->rk) {
        rd_kafka_flush(s->rk, 60 * 1000);
        int left = rd_kafka_outq_len(s->rk);
        if (left > 0) {
            cw_err("kafka: %d messages still undelivered after 60 s", left);
            ok = false;
        }
        if (s->failed > 0) {
            cw_err("kafka: %ld messages failed delivery", s->failed);
            ok = false;
        }
        rd_kafka_destroy(s->rk);
        free(s->topic[0]);
        free(s->topic[1]);
    }
    if (s->f) {
        if (fflush(s->f) != 0) {
            cw_err("write failed: %s", strerror(errno));
            ok = false;
        }
        if (s->close_f && fclose(s->f) != 0)
            ok = false;
    }
    free(s);
    return ok;
}
