/* http.h: the operator's endpoints on loopback, served by libevent's
 * evhttp on the daemon's own loop: /metrics (Prometheus text format),
 * /healthz (the loop is alive) and /readyz (state rebuilt, broker
 * reachable). */
#ifndef CW_HTTP_H
#define CW_HTTP_H

#include <stdbool.h>

#include "util.h"

struct event_base;
typedef struct cw_http cw_http;

typedef struct {
    /* Append the metrics in Prometheus text format. */
    void (*metrics)(void *ud, cw_buf *out);
    /* Ready to serve: false with a one-line reason in why. */
    bool (*ready)(void *ud, cw_buf *why);
    void *ud;
} cw_http_handlers;

/* listen is "HOST:PORT" ("127.0.0.1:9464"; port 0 picks one).  NULL on
 * error, logged.  cw_http_port() tells the bound port. */
cw_http *cw_http_start(struct event_base *base, const char *listen, const cw_http_handlers *h);
int cw_http_port(const cw_http *h);
void cw_http_stop(cw_http *h);

/* Prometheus helpers: a HELP/TYPE header, and one sample. */
void cw_prom_header(cw_buf *b, const char *name, const char *type, const char *help);
void cw_prom_sample(cw_buf *b, const char *name, const char *labels, double value);

#endif
