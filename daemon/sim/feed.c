/* feed.c: the window between making messages and writing them.  Each
 * message waits in a min-heap keyed by the time the feed delivers it (its
 * event time plus a bounded lateness), so the output arrives slightly out
 * of event-time order, as Kafka feeds do, while memory holds only what is
 * not yet due.  Ties go in the order messages were made, so a seed always
 * gives the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

typedef struct {
    int64_t at;
    uint64_t seq;
    int type;
    char *key;
    char *line;
} item;

struct feed {
    item *h;
    size_t n, cap;
    uint64_t seq;
    sink *out;
    size_t written, bytes;
    bool failed;
};

feed *feed_new(sink *s)
{
    feed *f = cw_xcalloc(1, sizeof *f);
    f->out = s;
    return f;
}

static bool before(const item *a, const item *b)
{
    return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

static void swap(item *a, item *b)
{
    item t = *a;
    *a = *b;
    *b = t;
}

void feed_push(feed *f, int64_t emit_at, int type, const char *key, char *line)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 1024;
        f->h = cw_xrealloc(f->h, f->cap * sizeof *f->h);
    }
    size_t i = f->n++;
    f->h[i] = (item){emit_at, f->seq++, type, cw_xstrdup(key), line};
    while (i > 0 && before(&f->h[i], &f->h[(i - 1) / 2])) {
        swap(&f->h[i], &f->h[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
}

static item pop(feed *f)
{
    item top = f->h[0];
    f->h[0] = f->h[--f->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < f->n && before(&f->h[l], &f->h[m]))
            m = l;
        if (r < f->n && before(&f->h[r], &f->h[m]))
            m = r;
        if (m == i)
            break;
        swap(&f->h[i], &f->h[m]);
        i = m;
    }
    return top;
}

static void write_one(feed *f, item *it)
{
    size_t len = strlen(it->line);
    if (!f->failed && !sink_write(f->out, it->type, it->key, it->line, len))
        f->failed = true;
    f->written++;
    f->bytes += len + 1;
    free(it->key);
    free(it->line);
}

bool feed_release(feed *f, int64_t now)
{
    while (f->n > 0 && f->h[0].at < now) {
        item it = pop(f);
        write_one(f, &it);
    }
    return !f->failed;
}

bool feed_finish(feed *f)
{
    while (f->n > 0) {
        item it = pop(f);
        write_one(f, &it);
    }
    return !f->failed;
}

void feed_free(feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->h[i].key);
        free(f->h[i].line);
    }
    free(f->h);
    free(f);
}

size_t feed_written(const feed *f) { return f->written; }
size_t feed_bytes(const feed *f) { return f->bytes; }
