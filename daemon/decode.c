/* decode.c: see decode.h.  Checks follow the JSON Schemas field by field;
 * where the prose contract and a schema differ, the prose wins. */
#include "decode.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The decoder's state for one message: where to write the reason. */
typedef struct {
    char *err;
    size_t errlen;
    int reason;
} dec;

static bool fail(dec *d, int reason, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(dec *d, int reason, const char *fmt, ...)
{
    if (d->reason)
        return false;
    d->reason = reason;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, d->errlen, fmt, ap);
    va_end(ap);
    cw_one_line(d->err); /* reasons go into one log line and one header */
    return false;
}

/* --- the tree's memory ---
 *
 * A message's cJSON tree is a hundred-odd small values, and a malloc and a
 * free for each was a third of the engine's time (the free on a heap
 * fragmented by the windows most of it).  So the tree is built into chunks
 * of one block list per message and dropped all at once: cJSON's hooks
 * allocate from the message being parsed (a thread-local pointer, set only
 * around the parse) and fall back to malloc otherwise.  The tree is never
 * given to cJSON_Delete, which would free into the block list. */

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    max_align_t data[];
} chunk;

static _Thread_local chunk **parsing; /* the message being parsed, or NULL */

static void *tree_alloc(size_t n)
{
    if (!parsing)
        return malloc(n);
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    chunk *c = *parsing;
    if (!c || c->cap - c->used < n) {
        size_t cap = c ? 2 * c->cap : 0;
        if (cap < n)
            cap = n;
        chunk *nc = malloc(sizeof *nc + cap);
        if (!nc)
            return NULL;
        *nc = (chunk){c, 0, cap};
        *parsing = c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

static void tree_free(void *p)
{
    if (!parsing)
        free(p); /* inside a parse, a failed parse gives back what the list holds */
}

static void chunks_free(chunk *c)
{
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

/* Parse buf into memory of its own; *mem gets the block list. */
static cJSON *parse(const char *buf, size_t len, const char **end, void **mem)
{
    static bool hooked;
    if (!hooked) {
        cJSON_InitHooks(&(cJSON_Hooks){tree_alloc, tree_free});
        hooked = true;
    }
    /* a contract message of n bytes makes about 5n bytes of tree */
    chunk *first = cw_xmalloc(sizeof *first + 6 * len + 512);
    *first = (chunk){NULL, 0, 6 * len + 512};
    parsing = &first;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len, end, false);
    parsing = NULL;
    *mem = first;
    return root;
}

/* --- the message without its tree ---
 *
 * A decoded message waits in the reorder buffer until the watermark
 * passes it: with a backlog read faster from some partitions than others
 * that is tens of thousands of messages.  Its tree is five to six times
 * the size of the message, what the message refers to a fifth of that.
 * So once decoded, its strings are copied into one block of their own and
 * the tree is dropped, its memory going straight to the next parse. */

typedef void string_fn(const char **s, void *ud);

/* Every string of m that points into its tree (loading, discharge and the
 * other ports point into m->path).  msg.h's string fields, all of them. */
static void each_string(cw_msg *m, string_fn *fn, void *ud)
{
    const char **top[] = {&m->id,         &m->event_time,  &m->bl,     &m->master_bl,         &m->carrier,
                          &m->vessel_name, &m->vessel_imo, &m->voyage, &m->certificate,       &m->policy,
                          &m->claims_payable_at, &m->subject_matter, &m->currency};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        fn(top[i], ud);
    for (int r = 0; r < CW_ROLE_COUNT; r++) {
        cw_party *p = &m->party[r];
        const char **party[] = {&p->name, &p->address, &p->country, &p->phone, &p->email, &p->registration};
        for (size_t i = 0; i < sizeof party / sizeof *party; i++)
            fn(party[i], ud);
    }
    for (size_t g = 0; g < m->ngoods; g++) {
        cw_goods *x = &m->goods[g];
        const char **goods[] = {&x->description, &x->hs, &x->package_type, &x->currency, &x->container, &x->origin};
        for (size_t i = 0; i < sizeof goods / sizeof *goods; i++)
            fn(goods[i], ud);
    }
    for (size_t i = 0; i < m->ncontainers; i++)
        fn(&m->containers[i], ud);
    for (size_t i = 0; i < m->nbl_refs; i++)
        fn(&m->bl_refs[i], ud);
}

static void count_string(const char **s, void *ud)
{
    if (*s)
        *(size_t *)ud += strlen(*s) + 1;
}

static void move_string(const char **s, void *ud)
{
    char **at = ud;
    if (!*s)
        return;
    size_t n = strlen(*s) + 1;
    memcpy(*at, *s, n);
    *s = *at;
    *at += n;
}

/* Keep m's strings in a block of their own (a chunk, so that cw_msg_free
 * is the same) and drop the tree. */
static void drop_tree(cw_msg *m)
{
    size_t total = 0;
    each_string(m, count_string, &total);
    chunk *c = cw_xmalloc(sizeof *c + total);
    *c = (chunk){NULL, total, total};
    char *at = (char *)c->data;
    each_string(m, move_string, &at);
    chunks_free(m->mem);
    m->mem = c;
    m->json = NULL;
}

/* --- formats --- */

static bool all_of(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(set, s[i]))
            return false;
    return true;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"

static bool is_locode(const char *s)
{
    return strlen(s) == 5 && all_of(s, 2, UPPER) && all_of(s + 2, 3, UPPER "23456789");
}
static bool is_country(const char *s) { return strlen(s) == 2 && all_of(s, 2, UPPER); }
static bool is_currency(const char *s) { return strlen(s) == 3 && all_of(s, 3, UPPER); }
static bool is_hs(const char *s)
{
    size_t n = strlen(s);
    return n >= 6 && n <= 10 && all_of(s, n, DIGIT);
}
static bool is_imo(const char *s) { return strlen(s) == 7 && all_of(s, 7, DIGIT); }
static bool is_container(const char *s)
{
    return strlen(s) == 11 && all_of(s, 4, UPPER) && all_of(s + 4, 7, DIGIT);
}
static bool is_time(const char *s)
{
    int64_t ms;
    return cw_parse_time(s, &ms);
}

typedef bool (*format_fn)(const char *);

/* A field path's prefix for reasons ("shipper.", "goods[12]."), built by
 * hand: snprintf for each party and goods line of every message cost more
 * than reading the fields.  out has room for 32 bytes; the parts are the
 * decoder's own short names, an index below 1000. */
#define PATH_MAX_LEN 32
static void path_prefix(char out[PATH_MAX_LEN], const char *a, const char *b, long index)
{
    size_t o = 0;
    for (const char *p = a; *p && o < PATH_MAX_LEN - 8; p++)
        out[o++] = *p;
    for (const char *p = b; *p && o < PATH_MAX_LEN - 8; p++)
        out[o++] = *p;
    if (index >= 0) {
        char digits[20];
        size_t nd = 0;
        do
            digits[nd++] = (char)('0' + index % 10);
        while ((index /= 10) > 0 && nd < 6);
        out[o++] = '[';
        while (nd)
            out[o++] = digits[--nd];
        out[o++] = ']';
    }
    out[o++] = '.';
    out[o] = '\0';
}

/* --- field readers: each returns false after recording the reason --- */

/* obj's member named key, as cJSON_GetObjectItemCaseSensitive finds it
 * (the first; none past a member without a name), comparing first bytes
 * before whole names: a message's thirty-odd lookups walk its members,
 * and a strcmp call for each member passed was a tenth of decoding. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    if (!obj)
        return NULL;
    for (const cJSON *c = obj->child; c && c->string; c = c->next)
        if (c->string[0] == key[0] && !strcmp(c->string, key))
            return c;
    return NULL;
}

/* A string field.  *out stays NULL when absent and optional. */
static bool get_str(dec *d, const cJSON *obj, const char *path, const char *key, bool required,
                    size_t maxlen, format_fn fmt, const char *fmt_name, const char **out)
{
    *out = NULL;
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v)) {
        if (required)
            return fail(d, CW_BAD_FIELD, "missing field: %s%s", path, key);
        return true;
    }
    if (!cJSON_IsString(v))
        return fail(d, CW_BAD_FIELD, "invalid field: %s%s: not a string", path, key);
    const char *s = v->valuestring;
    size_t n = strlen(s);
    if (required && n == 0)
        return fail(d, CW_BAD_FIELD, "invalid field: %s%s: empty", path, key);
    if (fmt && !fmt(s))
        return fail(d, CW_BAD_FIELD, "invalid field: %s%s: not %s", path, key, fmt_name);
    if (n > maxlen)
        return fail(d, CW_BAD_FIELD, "invalid field: %s%s: longer than %zu bytes", path, key, maxlen);
    *out = s;
    return true;
}

/* A non-negative number field; *out = -1 when absent. */
static bool get_num(dec *d, const cJSON *obj, const char *path, const char *key, double *out)
{
    *out = -1;
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsNumber(v))
        return fail(d, CW_BAD_FIELD, "invalid field: %s%s: not a number", path, key);
    double x = v->valuedouble;
    if (!isfinite(x) || x < 0 || x > 1e15)
        return fail(d, CW_BAD_FIELD, "invalid field: %s%s: out of range", path, key);
    *out = x;
    return true;
}

static const cJSON *get_obj(dec *d, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v)) {
        if (required)
            fail(d, CW_BAD_FIELD, "missing field: %s", key);
        return NULL;
    }
    if (!cJSON_IsObject(v)) {
        fail(d, CW_BAD_FIELD, "invalid field: %s: not an object", key);
        return NULL;
    }
    return v;
}

/* An optional array; NULL when absent (or invalid, with the reason set). */
static const cJSON *get_arr(dec *d, const cJSON *obj, const char *path, const char *key, int maxitems)
{
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsArray(v)) {
        fail(d, CW_BAD_FIELD, "invalid field: %s%s: not an array", path, key);
        return NULL;
    }
    if (cJSON_GetArraySize(v) > maxitems) {
        fail(d, CW_BAD_FIELD, "invalid field: %s%s: more than %d items", path, key, maxitems);
        return NULL;
    }
    return v;
}

static bool get_party(dec *d, const cJSON *obj, const char *key, bool required, cw_party *p)
{
    memset(p, 0, sizeof *p);
    const cJSON *o = get_obj(d, obj, key, required);
    if (!o)
        return !d->reason;
    char path[PATH_MAX_LEN];
    path_prefix(path, key, "", -1);
    return get_str(d, o, path, "name", true, 512, NULL, NULL, &p->name) &&
           get_str(d, o, path, "address", false, 1024, NULL, NULL, &p->address) &&
           get_str(d, o, path, "country", false, 2, is_country, "an ISO 3166 country code", &p->country) &&
           get_str(d, o, path, "phone", false, 64, NULL, NULL, &p->phone) &&
           get_str(d, o, path, "email", false, 256, NULL, NULL, &p->email) &&
           get_str(d, o, path, "registration", false, 64, NULL, NULL, &p->registration);
}

static bool get_vessel(dec *d, const cJSON *obj, const char *path, cw_msg *m)
{
    const cJSON *v = member(obj, "vessel");
    if (!v || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsObject(v))
        return fail(d, CW_BAD_FIELD, "invalid field: %svessel: not an object", path);
    char p[PATH_MAX_LEN];
    path_prefix(p, path, "vessel", -1);
    return get_str(d, v, p, "name", false, 128, NULL, NULL, &m->vessel_name) &&
           get_str(d, v, p, "imo", false, 7, is_imo, "a 7-digit IMO number", &m->vessel_imo);
}

/* Append a LOCODE to the path; returns a pointer to the stored copy. */
static const char *path_add(cw_msg *m, const char *code)
{
    if (!code)
        return NULL;
    /* discharge and delivery are often the same port: one stop, not two */
    if (m->npath && !strcmp(m->path[m->npath - 1], code))
        return m->path[m->npath - 1];
    if (m->npath >= CW_MAX_PATH)
        return NULL;
    char *slot = m->path[m->npath++];
    memcpy(slot, code, CW_LOCODE_LEN);
    slot[CW_LOCODE_LEN] = '\0';
    return slot;
}

/* A locode array (transshipment, via) appended to the path in order. */
static bool get_ports(dec *d, const cJSON *obj, const char *path, const char *key, cw_msg *m)
{
    const cJSON *a = get_arr(d, obj, path, key, 16);
    if (!a)
        return !d->reason;
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, a) {
        if (!cJSON_IsString(it) || !is_locode(it->valuestring))
            return fail(d, CW_BAD_FIELD, "invalid field: %s%s[%d]: not a UN/LOCODE", path, key, i);
        path_add(m, it->valuestring);
        i++;
    }
    return true;
}

static bool get_string_list(dec *d, const cJSON *obj, const char *key, size_t maxlen, format_fn fmt,
                            const char *fmt_name, const char ***out, size_t *nout)
{
    const cJSON *a = get_arr(d, obj, "", key, 500);
    if (!a)
        return !d->reason;
    size_t n = (size_t)cJSON_GetArraySize(a), i = 0;
    *out = cw_xcalloc(n, sizeof **out);
    const cJSON *it;
    cJSON_ArrayForEach(it, a) {
        if (!cJSON_IsString(it) || strlen(it->valuestring) > maxlen || (fmt && !fmt(it->valuestring)))
            return fail(d, CW_BAD_FIELD, "invalid field: %s[%zu]: not %s", key, i, fmt_name);
        (*out)[i++] = it->valuestring;
    }
    *nout = i;
    return true;
}

static bool get_containers(dec *d, const cJSON *obj, cw_msg *m)
{
    const cJSON *a = get_arr(d, obj, "", "containers", 500);
    if (!a)
        return !d->reason;
    size_t n = (size_t)cJSON_GetArraySize(a), i = 0;
    m->containers = cw_xcalloc(n, sizeof *m->containers);
    const cJSON *it;
    cJSON_ArrayForEach(it, a) {
        char path[PATH_MAX_LEN];
        path_prefix(path, "containers", "", (long)i);
        if (!cJSON_IsObject(it))
            return fail(d, CW_BAD_FIELD, "invalid field: containers[%zu]: not an object", i);
        const char *num, *seal, *type;
        if (!get_str(d, it, path, "number", true, 11, is_container, "an ISO 6346 container number", &num) ||
            !get_str(d, it, path, "seal", false, 64, NULL, NULL, &seal) ||
            !get_str(d, it, path, "type", false, 16, NULL, NULL, &type))
            return false;
        m->containers[i++] = num;
    }
    m->ncontainers = i;
    return true;
}

static bool get_goods(dec *d, const cJSON *obj, cw_msg *m)
{
    const cJSON *a = member(obj, "goods");
    if (!a || cJSON_IsNull(a))
        return fail(d, CW_BAD_FIELD, "missing field: goods");
    if (!cJSON_IsArray(a))
        return fail(d, CW_BAD_FIELD, "invalid field: goods: not an array");
    int n = cJSON_GetArraySize(a);
    if (n < 1 || n > 999)
        return fail(d, CW_BAD_FIELD, "invalid field: goods: %s", n < 1 ? "empty" : "more than 999 lines");
    m->goods = cw_xcalloc((size_t)n, sizeof *m->goods);
    const cJSON *it;
    size_t i = 0;
    cJSON_ArrayForEach(it, a) {
        cw_goods *g = &m->goods[i];
        char path[PATH_MAX_LEN];
        path_prefix(path, "goods", "", (long)i);
        if (!cJSON_IsObject(it))
            return fail(d, CW_BAD_FIELD, "invalid field: goods[%zu]: not an object", i);
        if (!get_str(d, it, path, "description", true, 4096, NULL, NULL, &g->description) ||
            !get_str(d, it, path, "hs", false, 10, is_hs, "an HS code of 6 to 10 digits", &g->hs) ||
            !get_str(d, it, path, "package_type", false, 64, NULL, NULL, &g->package_type) ||
            !get_str(d, it, path, "currency", false, 3, is_currency, "an ISO 4217 code", &g->currency) ||
            !get_str(d, it, path, "container", false, 16, NULL, NULL, &g->container) ||
            !get_str(d, it, path, "origin", false, 2, is_country, "an ISO 3166 country code", &g->origin) ||
            !get_num(d, it, path, "weight_kg", &g->weight_kg) || !get_num(d, it, path, "value", &g->value))
            return false;
        double packages;
        if (!get_num(d, it, path, "packages", &packages))
            return false;
        if (packages >= 0 && packages != floor(packages))
            return fail(d, CW_BAD_FIELD, "invalid field: %spackages: not an integer", path);
        g->packages = packages >= 0 ? (int64_t)packages : -1;
        i++;
    }
    m->ngoods = i;
    return true;
}

static bool decode_manifest(dec *d, const cJSON *o, cw_msg *m)
{
    const char *action;
    if (!get_str(d, o, "", "action", false, 16, NULL, NULL, &action))
        return false;
    if (!action || !strcmp(action, "original"))
        m->action = CW_ORIGINAL;
    else if (!strcmp(action, "amend"))
        m->action = CW_AMEND;
    else if (!strcmp(action, "cancel"))
        m->action = CW_CANCEL;
    else
        return fail(d, CW_BAD_FIELD, "invalid field: action: not original, amend or cancel");

    const char *departure, *arrival;
    if (!get_str(d, o, "", "bl", true, 64, NULL, NULL, &m->bl) ||
        !get_str(d, o, "", "master_bl", false, 64, NULL, NULL, &m->master_bl) ||
        !get_str(d, o, "", "carrier", false, 8, NULL, NULL, &m->carrier) ||
        !get_str(d, o, "", "voyage", false, 32, NULL, NULL, &m->voyage) ||
        !get_str(d, o, "", "filed_at", true, 64, is_time, "an RFC 3339 time", &m->event_time) ||
        !get_str(d, o, "", "departure", false, 64, is_time, "an RFC 3339 time", &departure) ||
        !get_str(d, o, "", "arrival", false, 64, is_time, "an RFC 3339 time", &arrival) ||
        !get_vessel(d, o, "", m))
        return false;

    const cJSON *route = get_obj(d, o, "route", true);
    if (!route)
        return false;
    const char *receipt, *loading, *discharge, *delivery;
    if (!get_str(d, route, "route.", "receipt", false, 5, is_locode, "a UN/LOCODE", &receipt) ||
        !get_str(d, route, "route.", "loading", true, 5, is_locode, "a UN/LOCODE", &loading) ||
        !get_str(d, route, "route.", "discharge", true, 5, is_locode, "a UN/LOCODE", &discharge) ||
        !get_str(d, route, "route.", "delivery", false, 5, is_locode, "a UN/LOCODE", &delivery))
        return false;
    path_add(m, receipt);
    m->loading = path_add(m, loading);
    if (!get_ports(d, route, "route.", "transshipment", m))
        return false;
    m->discharge = path_add(m, discharge);
    m->delivery = path_add(m, delivery);

    return get_party(d, o, "shipper", true, &m->party[CW_SHIPPER]) &&
           get_party(d, o, "consignee", true, &m->party[CW_CONSIGNEE]) &&
           get_party(d, o, "notify", false, &m->party[CW_NOTIFY]) && get_containers(d, o, m) &&
           get_goods(d, o, m);
}

static bool decode_insurance(dec *d, const cJSON *o, cw_msg *m)
{
    const char *source;
    if (!get_str(d, o, "", "certificate", true, 64, NULL, NULL, &m->certificate) ||
        !get_str(d, o, "", "policy", false, 64, NULL, NULL, &m->policy) ||
        !get_str(d, o, "", "issued_at", true, 64, is_time, "an RFC 3339 time", &m->event_time) ||
        !get_str(d, o, "", "claims_payable_at", false, 128, NULL, NULL, &m->claims_payable_at) ||
        !get_str(d, o, "", "subject_matter", true, 4096, NULL, NULL, &m->subject_matter) ||
        !get_str(d, o, "", "currency", false, 3, is_currency, "an ISO 4217 code", &m->currency) ||
        !get_num(d, o, "", "sum_insured", &m->sum_insured) ||
        !get_str(d, o, "", "source", false, 16, NULL, NULL, &source))
        return false;
    if (!source || !strcmp(source, "insurer"))
        m->source = CW_SRC_INSURER;
    else if (!strcmp(source, "broker"))
        m->source = CW_SRC_BROKER;
    else if (!strcmp(source, "tip"))
        m->source = CW_SRC_TIP;
    else
        return fail(d, CW_BAD_FIELD, "invalid field: source: not insurer, broker or tip");

    const cJSON *conv = get_obj(d, o, "conveyance", false);
    if (d->reason)
        return false;
    if (conv && (!get_vessel(d, conv, "conveyance.", m) ||
                 !get_str(d, conv, "conveyance.", "voyage", false, 32, NULL, NULL, &m->voyage)))
        return false;

    const cJSON *voy = get_obj(d, o, "voyage", true);
    if (!voy)
        return false;
    const char *from, *to, *final;
    if (!get_str(d, voy, "voyage.", "from", true, 5, is_locode, "a UN/LOCODE", &from) ||
        !get_str(d, voy, "voyage.", "to", true, 5, is_locode, "a UN/LOCODE", &to) ||
        !get_str(d, voy, "voyage.", "final_destination", false, 5, is_locode, "a UN/LOCODE", &final))
        return false;
    m->voyage_from = path_add(m, from);
    if (!get_ports(d, voy, "voyage.", "via", m))
        return false;
    m->voyage_to = path_add(m, to);
    m->final_destination = final && strcmp(final, to) ? path_add(m, final) : m->voyage_to;
    if (!final)
        m->final_destination = NULL;

    return get_party(d, o, "insurer", false, &m->party[CW_INSURER]) &&
           get_party(d, o, "assured", true, &m->party[CW_ASSURED]) &&
           get_party(d, o, "beneficiary", false, &m->party[CW_BENEFICIARY]) &&
           get_string_list(d, o, "bl_refs", 64, NULL, "a B/L number", &m->bl_refs, &m->nbl_refs) &&
           get_string_list(d, o, "containers", 16, NULL, "a container number", &m->containers,
                           &m->ncontainers);
}

int cw_decode(const char *buf, size_t len, cw_msg *m, char *err, size_t errlen)
{
    dec d = {err, errlen, 0};
    memset(m, 0, sizeof *m);
    if (memchr(buf, '\0', len)) {
        fail(&d, CW_BAD_ENCODING, "invalid encoding: NUL byte at %zu", (size_t)((const char *)memchr(buf, 0, len) - buf));
        return 1 + d.reason;
    }
    if (!cw_utf8_valid(buf, len)) {
        fail(&d, CW_BAD_ENCODING, "invalid encoding: not UTF-8");
        return 1 + d.reason;
    }
    const char *end = NULL;
    cJSON *root = parse(buf, len, &end, &m->mem);
    if (!root) {
        chunks_free(m->mem);
        m->mem = NULL;
        size_t at = end ? (size_t)(end - buf) : 0;
        const char *e = cJSON_GetErrorPtr();
        if (e && e >= buf && e <= buf + len)
            at = (size_t)(e - buf);
        fail(&d, CW_BAD_JSON, "not JSON: syntax error at byte %zu", at);
        return 1 + d.reason;
    }
    m->json = root;
    while (end && end < buf + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    if (end && end != buf + len) {
        fail(&d, CW_BAD_JSON, "not JSON: trailing bytes after the object at byte %zu", (size_t)(end - buf));
        goto bad;
    }
    if (!cJSON_IsObject(root)) {
        fail(&d, CW_BAD_JSON, "not a JSON object");
        goto bad;
    }
    const cJSON *type = member(root, "type");
    if (!cJSON_IsString(type)) {
        fail(&d, CW_BAD_TYPE, "missing field: type");
        goto bad;
    }
    if (!strcmp(type->valuestring, "manifest"))
        m->kind = CW_MANIFEST;
    else if (!strcmp(type->valuestring, "insurance"))
        m->kind = CW_INSURANCE;
    else {
        char shown[41]; /* the filed type, cut on a character boundary */
        snprintf(shown, sizeof shown, "%s", type->valuestring);
        cw_one_line(shown);
        fail(&d, CW_BAD_TYPE, "unknown type: \"%s\"", shown);
        goto bad;
    }
    const cJSON *version = member(root, "version");
    if (!version) {
        fail(&d, CW_BAD_FIELD, "missing field: version");
        goto bad;
    }
    if (!cJSON_IsNumber(version) || version->valuedouble != 1) {
        fail(&d, CW_BAD_FIELD, "invalid field: version: this daemon reads contract version 1");
        goto bad;
    }
    if (!get_str(&d, root, "", "id", true, 128, NULL, NULL, &m->id))
        goto bad;
    if (!(m->kind == CW_MANIFEST ? decode_manifest(&d, root, m) : decode_insurance(&d, root, m)))
        goto bad;
    if (!cw_parse_time(m->event_time, &m->event_ms))
        goto bad; /* checked above; kept for the compiler's sake */
    drop_tree(m);
    return 0;
bad:
    cw_msg_free(m);
    return 1 + d.reason;
}

void cw_msg_free(cw_msg *m)
{
    free(m->goods);
    free(m->containers);
    free(m->bl_refs);
    chunks_free(m->mem);
    memset(m, 0, sizeof *m);
}
