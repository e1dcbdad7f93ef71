/* http.c: see http.h. */
#include "http.h"

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/util.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

struct cw_http {
    struct evhttp *http;
    struct evhttp_bound_socket *sock;
    cw_http_handlers h;
};

static void reply(struct evhttp_request *req, int code, const char *reason, const char *type, const cw_buf *body)
{
    struct evbuffer *out = evbuffer_new();
    if (body && body->len)
        evbuffer_add(out, body->p, body->len);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", type);
    evhttp_send_reply(req, code, reason, out);
    evbuffer_free(out);
}

static void on_request(struct evhttp_request *req, void *arg)
{
    cw_http *h = arg;
    const char *path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
    cw_buf b = {0};
    if (evhttp_request_get_command(req) != EVHTTP_REQ_GET && evhttp_request_get_command(req) != EVHTTP_REQ_HEAD) {
        cw_buf_puts(&b, "only GET\n");
        reply(req, 405, "Method Not Allowed", "text/plain", &b);
    } else if (path && !strcmp(path, "/metrics")) {
        h->h.metrics(h->h.ud, &b);
        reply(req, 200, "OK", "text/plain; version=0.0.4", &b);
    } else if (path && !strcmp(path, "/healthz")) {
        cw_buf_puts(&b, "ok\n");
        reply(req, 200, "OK", "text/plain", &b);
    } else if (path && !strcmp(path, "/readyz")) {
        bool ready = h->h.ready(h->h.ud, &b);
        if (ready)
            cw_buf_puts(&b, "ready\n");
        else
            cw_buf_puts(&b, "\n");
        reply(req, ready ? 200 : 503, ready ? "OK" : "Service Unavailable", "text/plain", &b);
    } else {
        cw_buf_puts(&b, "not found: try /metrics, /healthz, /readyz\n");
        reply(req, 404, "Not Found", "text/plain", &b);
    }
    cw_buf_free(&b);
}

cw_http *cw_http_start(struct event_base *base, const char *listen, const cw_http_handlers *handlers)
{
    char host[256];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host) {
        cw_err("http: listen address \"%s\" is not HOST:PORT", listen);
        return NULL;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    /* [::1]:9464 */
    char *h0 = host;
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        host[strlen(host) - 1] = '\0';
        h0 = host + 1;
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) {
        cw_err("http: bad port in \"%s\"", listen);
        return NULL;
    }
    cw_http *h = calloc(1, sizeof *h);
    h->h = *handlers;
    h->http = evhttp_new(base);
    evhttp_set_allowed_methods(h->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
    evhttp_set_timeout(h->http, 10);
    evhttp_set_gencb(h->http, on_request, h);
    h->sock = evhttp_bind_socket_with_handle(h->http, h0, (ev_uint16_t)port);
    if (!h->sock) {
        cw_err("http: cannot listen on %s", listen);
        evhttp_free(h->http);
        free(h);
        return NULL;
    }
    cw_info("http: serving /metrics, /healthz, /readyz on %s:%d", h0, cw_http_port(h));
    return h;
}

int cw_http_port(const cw_http *h)
{
    evutil_socket_t fd = evhttp_bound_socket_get_fd(h->sock);
    struct sockaddr_storage ss;
    ev_socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
        return -1;
    if (ss.ss_family == AF_INET)
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return -1;
}

void cw_http_stop(cw_http *h)
{
    if (!h)
        return;
    evhttp_free(h->http);
    free(h);
}

void cw_prom_header(cw_buf *b, const char *name, const char *type, const char *help)
{
    cw_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void cw_prom_sample(cw_buf *b, const char *name, const char *labels, double value)
{
    if (labels && *labels)
        cw_buf_printf(b, "%s{%s} %.17g\n", name, labels, value);
    else
        cw_buf_printf(b, "%s %.17g\n", name, value);
}
