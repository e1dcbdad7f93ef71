/* emit.c: the JSON text of one manifest or certificate, as the message
 * contract (shared/spec, tests/contract/schema) lays it out.  Built with
 * cJSON; optional fields are left out when the filer left them empty. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

/* Keys are literals and values live in the manifest until it is printed,
 * so the tree references both instead of copying them: a third of the
 * run's mallocs went to those copies. */
static void add_ref(cJSON *o, const char *key, const char *v)
{
    cJSON_AddItemToObjectCS(o, key, cJSON_CreateStringReference(v));
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v && *v)
        add_ref(o, key, v);
}

static cJSON *add_array(cJSON *o, const char *key)
{
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToObjectCS(o, key, a);
    return a;
}

static cJSON *add_object(cJSON *o, const char *key)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddItemToObjectCS(o, key, a);
    return a;
}

/* "2026-03-01T10:00:00Z" from ms since the epoch, without strftime's
 * locale machinery (civil-from-days, proleptic Gregorian). */
static void format_time(int64_t ms, char out[24])
{
    int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int64_t rem = secs - days * 86400;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2));
    int parts[6] = {y % 10000, m, d, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60)};
    static const char sep[6] = {'-', '-', 'T', ':', ':', 'Z'};
    char *p = out;
    for (int i = 0; i < 6; i++) {
        if (i == 0) {
            *p++ = (char)('0' + parts[0] / 1000);
            *p++ = (char)('0' + parts[0] / 100 % 10);
        }
        *p++ = (char)('0' + parts[i] / 10 % 10);
        *p++ = (char)('0' + parts[i] % 10);
        *p++ = sep[i];
    }
    *p = 0;
}

typedef struct {
    char t[4][24];
    int n;
} time_texts;

static void add_time(cJSON *o, const char *key, int64_t ms, time_texts *tt)
{
    char *t = tt->t[tt->n++ & 3];
    format_time(ms, t);
    add_ref(o, key, t);
}

/* Numbers as the feed writes them: cents or tenths, no exponent, no
 * float noise.  Printed here because cJSON's round-trip check of every
 * double (sprintf, then sscanf) was a fifth of the run time. */
static void add_fixed(cJSON *o, const char *key, double v, int decimals)
{
    char buf[48];
    double scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
    long long units = llround(v * scale);
    if (decimals == 0 || units % (long long)scale == 0)
        snprintf(buf, sizeof buf, "%lld", units / (long long)scale);
    else if (decimals == 1)
        snprintf(buf, sizeof buf, "%lld.%lld", units / 10, llabs(units % 10));
    else if (units % 10 == 0)
        snprintf(buf, sizeof buf, "%lld.%lld", units / 100, llabs(units % 100) / 10);
    else
        snprintf(buf, sizeof buf, "%lld.%02lld", units / 100, llabs(units % 100));
    cJSON_AddRawToObject(o, key, buf);
}

static cJSON *party_json(const party *p)
{
    cJSON *o = cJSON_CreateObject();
    add_ref(o, "name", p->name);
    add_str(o, "address", p->address);
    add_str(o, "country", p->country);
    add_str(o, "phone", p->phone);
    add_str(o, "email", p->email);
    add_str(o, "registration", p->registration);
    return o;
}

static cJSON *vessel_json(const vessel *v)
{
    cJSON *o = cJSON_CreateObject();
    add_ref(o, "name", v->name);
    add_ref(o, "imo", v->imo);
    return o;
}

static cJSON *route_json(const sailing *s)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "receipt", s->receipt);
    add_ref(o, "loading", s->loading);
    cJSON *ts = add_array(o, "transshipment");
    for (int i = 0; i < s->nts; i++)
        cJSON_AddItemToArray(ts, cJSON_CreateStringReference(s->ts[i]));
    add_ref(o, "discharge", s->discharge);
    add_str(o, "delivery", s->delivery);
    return o;
}

static cJSON *goods_json(const goods_line *l, const manifest *m)
{
    cJSON *o = cJSON_CreateObject();
    add_ref(o, "description", l->description);
    add_str(o, "hs", l->hs);
    add_fixed(o, "packages", l->packages, 0);
    add_str(o, "package_type", l->package_type);
    add_fixed(o, "weight_kg", l->weight_kg, 1);
    add_fixed(o, "value", l->value, 2);
    add_str(o, "currency", l->currency);
    if (l->container >= 0 && l->container < m->nbox)
        add_ref(o, "container", m->box[l->container].number);
    add_str(o, "origin", l->origin);
    return o;
}

/* Printed into one reused buffer, then copied once: cJSON's own printer
 * grows its buffer by reallocating. */
static char *print(cJSON *o)
{
    static char buf[256 * 1024];
    char *s;
    if (cJSON_PrintPreallocated(o, buf, (int)sizeof buf, false))
        s = cw_xstrdup(buf);
    else
        s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s) {
        fprintf(stderr, "<2>cargowatch-sim: out of memory printing JSON\n");
        abort();
    }
    return s;
}

char *emit_manifest(const manifest *m, const char *id, const char *action)
{
    cJSON *o = cJSON_CreateObject();
    time_texts tt = {.n = 0};
    add_ref(o, "type", "manifest");
    cJSON_AddRawToObject(o, "version", "1");
    add_ref(o, "id", id);
    add_str(o, "action", action);
    add_ref(o, "bl", m->bl);
    add_str(o, "master_bl", m->master_bl);
    add_ref(o, "carrier", carrier_scac(m->s.carrier));
    if (m->s.vessel)
        cJSON_AddItemToObjectCS(o, "vessel", vessel_json(m->s.vessel));
    add_str(o, "voyage", m->s.voyage);
    add_time(o, "filed_at", m->filed_at, &tt);
    add_time(o, "departure", m->s.departure, &tt);
    add_time(o, "arrival", m->s.arrival, &tt);
    cJSON_AddItemToObjectCS(o, "route", route_json(&m->s));
    cJSON_AddItemToObjectCS(o, "shipper", party_json(&m->shipper));
    cJSON_AddItemToObjectCS(o, "consignee", party_json(&m->consignee));
    if (m->has_notify)
        cJSON_AddItemToObjectCS(o, "notify", party_json(&m->notify));
    cJSON *boxes = add_array(o, "containers");
    for (int i = 0; i < m->nbox; i++) {
        cJSON *b = cJSON_CreateObject();
        add_ref(b, "number", m->box[i].number);
        add_str(b, "seal", m->box[i].seal);
        add_str(b, "type", m->box[i].type);
        cJSON_AddItemToArray(boxes, b);
    }
    cJSON *lines = add_array(o, "goods");
    for (int i = 0; i < m->nline; i++)
        cJSON_AddItemToArray(lines, goods_json(&m->line[i], m));
    return print(o);
}

char *emit_certificate(const certificate *c, const manifest *m, const char *id)
{
    cJSON *o = cJSON_CreateObject();
    time_texts tt = {.n = 0};
    add_ref(o, "type", "insurance");
    cJSON_AddRawToObject(o, "version", "1");
    add_ref(o, "id", id);
    add_ref(o, "certificate", c->certificate);
    add_str(o, "policy", c->policy);
    add_time(o, "issued_at", c->issued_at, &tt);
    if (c->has_insurer)
        cJSON_AddItemToObjectCS(o, "insurer", party_json(&c->insurer));
    cJSON_AddItemToObjectCS(o, "assured", party_json(&c->assured));
    if (c->has_beneficiary)
        cJSON_AddItemToObjectCS(o, "beneficiary", party_json(&c->beneficiary));
    add_str(o, "claims_payable_at", c->claims_payable_at);
    if (c->has_conveyance && m->s.vessel) {
        cJSON *cv = add_object(o, "conveyance");
        cJSON_AddItemToObjectCS(cv, "vessel", vessel_json(m->s.vessel));
        add_str(cv, "voyage", m->s.voyage);
    }
    cJSON *v = add_object(o, "voyage");
    add_ref(v, "from", c->from);
    cJSON *via = add_array(v, "via");
    for (int i = 0; i < c->nvia; i++)
        cJSON_AddItemToArray(via, cJSON_CreateStringReference(c->via[i]));
    add_ref(v, "to", c->to);
    add_str(v, "final_destination", c->final_destination);
    if (c->refs_bl) {
        cJSON *refs = add_array(o, "bl_refs");
        cJSON_AddItemToArray(refs, cJSON_CreateStringReference(m->bl));
    }
    if (c->refs_boxes && m->nbox > 0) {
        cJSON *boxes = add_array(o, "containers");
        for (int i = 0; i < m->nbox; i++)
            cJSON_AddItemToArray(boxes, cJSON_CreateStringReference(m->box[i].number));
    }
    add_ref(o, "subject_matter", c->subject_matter);
    if (c->sum_insured > 0)
        add_fixed(o, "sum_insured", c->sum_insured, 2);
    add_str(o, "currency", c->currency);
    add_ref(o, "source", c->source ? c->source : "insurer");
    return print(o);
}
