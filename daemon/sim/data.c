/* data.c: loads the reference data the simulator draws on (UN/LOCODE
 * seaports, HS 2022 subheadings, ISO countries with dial codes and
 * currencies) from the shipped CSV files in rules/reference. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sim.h"
#include "util.h"

#define MAX_FIELDS 64

/* ---- a small CSV reader (RFC 4180 quoting, CRLF or LF) ----------------- */

typedef struct {
    char *text;            /* the whole file */
    char *pos;
    char *field[MAX_FIELDS];
    int nfield;
    cw_buf line;           /* unquoted copy of the current record */
} csv;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cw_err("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    cw_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cw_buf_add(&b, chunk, n);
    fclose(f);
    if (!b.p)
        cw_buf_add(&b, "", 0);
    return b.p;
}

/* Reads one record into c->field; false at the end of the text.  Fields are
 * NUL-separated copies in c->line, so quotes are undone. */
static bool csv_next(csv *c)
{
    if (!*c->pos)
        return false;
    c->line.len = 0;
    size_t start[MAX_FIELDS];
    int n = 0;
    char *p = c->pos;
    for (;;) {
        if (n < MAX_FIELDS)
            start[n++] = c->line.len;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    cw_buf_add(&c->line, "\"", 1);
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    cw_buf_add(&c->line, p++, 1);
                }
            }
        }
        /* unquoted text, or what follows a closing quote up to the comma */
        while (*p && *p != ',' && *p != '\n' && *p != '\r')
            cw_buf_add(&c->line, p++, 1);
        cw_buf_add(&c->line, "", 1);
        if (*p == ',') {
            p++;
            continue;
        }
        break;
    }
    while (*p == '\r' || *p == '\n')
        p++;
    c->pos = p;
    c->nfield = n;
    for (int i = 0; i < n; i++)
        c->field[i] = c->line.p + start[i];
    return true;
}

static bool csv_open(csv *c, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    memset(c, 0, sizeof *c);
    c->text = slurp(path);
    if (!c->text)
        return false;
    c->pos = c->text;
    return csv_next(c); /* header */
}

static void csv_close(csv *c)
{
    free(c->text);
    cw_buf_free(&c->line);
}

static int csv_column(const csv *c, const char *name)
{
    for (int i = 0; i < c->nfield; i++)
        if (strcmp(c->field[i], name) == 0)
            return i;
    return -1;
}

static void copy(char *dst, size_t n, const char *src)
{
    scopy(dst, n, src ? src : "");
}

/* ---- UN/LOCODE seaports ------------------------------------------------ */

static int cmp_port(const void *a, const void *b)
{
    return strcmp(((const ref_port *)a)->code, ((const ref_port *)b)->code);
}

static bool code_ok(const char *cc, const char *loc)
{
    if (strlen(cc) != 2 || strlen(loc) != 3)
        return false;
    for (int i = 0; i < 2; i++)
        if (cc[i] < 'A' || cc[i] > 'Z')
            return false;
    for (int i = 0; i < 3; i++) {
        char ch = loc[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '9')))
            return false;
    }
    return true;
}

/* Some source lines quote a name with a comma so that it spills into two
 * fields and status and iata are lost (see rules/reference/README.md). */
static void port_from_record(const csv *c, ref_port *p)
{
    bool spilled = c->field[2][0] == '"';
    /* nameWoDiacritics; on a spilled line, its part before the comma */
    const char *name = spilled ? c->field[4] + 1 : c->field[3];
    const char *status = spilled ? "" : c->field[5];
    const char *lat = c->field[8], *lon = c->field[9];
    copy(p->code, sizeof p->code, c->field[0]);
    strncat(p->code, c->field[1], 3);
    copy(p->cc, sizeof p->cc, c->field[0]);
    copy(p->name, sizeof p->name, name);
    char *end1, *end2;
    p->lat = strtod(lat, &end1);
    p->lon = strtod(lon, &end2);
    p->has_pos = *lat && *lon && !*end1 && !*end2;
    p->approved = status[0] == 'A' || strcmp(status, "RL") == 0 ||
                  strcmp(status, "QQ") == 0;
}

static bool load_ports(refdata *d, const char *dir)
{
    csv c;
    if (!csv_open(&c, dir, "unlocode-seaports.csv"))
        return false;
    size_t cap = 1024;
    d->ports = cw_xmalloc(cap * sizeof *d->ports);
    while (csv_next(&c)) {
        if (c.nfield < 11 || !code_ok(c.field[0], c.field[1]))
            continue;
        if (d->nports == cap)
            d->ports = cw_xrealloc(d->ports, (cap *= 2) * sizeof *d->ports);
        port_from_record(&c, &d->ports[d->nports++]);
    }
    csv_close(&c);
    qsort(d->ports, d->nports, sizeof *d->ports, cmp_port);
    /* the source lists a few codes twice (INNSA): keep the first */
    size_t k = 0;
    for (size_t i = 0; i < d->nports; i++)
        if (k == 0 || strcmp(d->ports[k - 1].code, d->ports[i].code) != 0)
            d->ports[k++] = d->ports[i];
    d->nports = k;
    return d->nports > 0;
}

/* ---- HS 2022 ----------------------------------------------------------- */

static int cmp_hs(const void *a, const void *b)
{
    return strcmp(((const ref_hs *)a)->code, ((const ref_hs *)b)->code);
}

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool load_hs(refdata *d, const char *dir)
{
    csv c;
    if (!csv_open(&c, dir, "harmonized-system.csv"))
        return false;
    int code = csv_column(&c, "hscode"), desc = csv_column(&c, "description");
    int parent = csv_column(&c, "parent");
    if (code < 0 || desc < 0 || parent < 0) {
        cw_err("harmonized-system.csv: missing hscode/description/parent");
        csv_close(&c);
        return false;
    }
    /* headings first, kept by code, so subheadings can point at them */
    strlist hcodes = {0}, htexts = {0};
    size_t cap = 1024;
    d->hs = cw_xmalloc(cap * sizeof *d->hs);
    strlist parents = {0};
    while (csv_next(&c)) {
        if (c.nfield <= desc || c.nfield <= parent)
            continue;
        const char *k = c.field[code];
        if (all_digits(k, 4)) {
            strlist_add(&hcodes, k);
            strlist_add(&htexts, c.field[desc]);
        } else if (all_digits(k, 6)) {
            if (d->nhs == cap)
                d->hs = cw_xrealloc(d->hs, (cap *= 2) * sizeof *d->hs);
            ref_hs *h = &d->hs[d->nhs++];
            copy(h->code, sizeof h->code, k);
            strlist_add(&d->text, c.field[desc]);
            h->desc = d->text.v[d->text.n - 1];
            strlist_add(&parents, c.field[parent]);
            h->heading = NULL;
        }
    }
    csv_close(&c);
    for (size_t i = 0; i < d->nhs; i++) {
        d->hs[i].heading = d->hs[i].desc;
        for (size_t j = 0; j < hcodes.n; j++)
            if (strcmp(hcodes.v[j], parents.v[i]) == 0) {
                strlist_add(&d->text, htexts.v[j]);
                d->hs[i].heading = d->text.v[d->text.n - 1];
                break;
            }
    }
    strlist_free(&hcodes);
    strlist_free(&htexts);
    strlist_free(&parents);
    qsort(d->hs, d->nhs, sizeof *d->hs, cmp_hs);
    return d->nhs > 0;
}

/* ---- countries --------------------------------------------------------- */

static int cmp_country(const void *a, const void *b)
{
    return strcmp(((const ref_country *)a)->a2, ((const ref_country *)b)->a2);
}

/* "1-684" or "44" -> the leading digits */
static void dial_digits(const char *s, char out[8])
{
    size_t k = 0;
    while (*s >= '0' && *s <= '9' && k < 7)
        out[k++] = *s++;
    out[k] = 0;
}

static bool load_countries(refdata *d, const char *dir)
{
    csv c;
    if (!csv_open(&c, dir, "country-codes.csv"))
        return false;
    int a2 = csv_column(&c, "ISO3166-1-Alpha-2"), dial = csv_column(&c, "Dial");
    int cur = csv_column(&c, "ISO4217-currency_alphabetic_code");
    int name = csv_column(&c, "CLDR display name");
    int sub = csv_column(&c, "Sub-region Name");
    int cap = csv_column(&c, "Capital");
    if (a2 < 0 || dial < 0 || cur < 0 || name < 0 || sub < 0 || cap < 0) {
        cw_err("country-codes.csv: missing a column the simulator needs");
        csv_close(&c);
        return false;
    }
    d->countries = cw_xcalloc(300, sizeof *d->countries);
    while (csv_next(&c) && d->ncountries < 300) {
        if (c.nfield < 50 || strlen(c.field[a2]) != 2)
            continue;
        ref_country *k = &d->countries[d->ncountries++];
        copy(k->a2, sizeof k->a2, c.field[a2]);
        dial_digits(c.field[dial], k->dial);
        snprintf(k->currency, sizeof k->currency, "%.3s", c.field[cur]);
        copy(k->name, sizeof k->name, c.field[name]);
        copy(k->subregion, sizeof k->subregion, c.field[sub]);
        copy(k->capital, sizeof k->capital, c.field[cap]);
    }
    csv_close(&c);
    qsort(d->countries, d->ncountries, sizeof *d->countries, cmp_country);
    return d->ncountries > 0;
}

bool ref_load(refdata *d, const char *dir)
{
    memset(d, 0, sizeof *d);
    if (!load_ports(d, dir) || !load_hs(d, dir) || !load_countries(d, dir)) {
        cw_err("reference data in %s is missing or unreadable", dir);
        return false;
    }
    return true;
}

void ref_free(refdata *d)
{
    free(d->ports);
    free(d->hs);
    free(d->countries);
    strlist_free(&d->text);
    memset(d, 0, sizeof *d);
}

const ref_port *ref_port_find(const refdata *d, const char *code)
{
    ref_port key;
    copy(key.code, sizeof key.code, code);
    return bsearch(&key, d->ports, d->nports, sizeof key, cmp_port);
}

const ref_hs *ref_hs_find(const refdata *d, const char *code6)
{
    ref_hs key;
    snprintf(key.code, sizeof key.code, "%.6s", code6);
    return bsearch(&key, d->hs, d->nhs, sizeof key, cmp_hs);
}

const ref_country *ref_country_find(const refdata *d, const char *a2)
{
    ref_country key;
    copy(key.a2, sizeof key.a2, a2);
    return bsearch(&key, d->countries, d->ncountries, sizeof key, cmp_country);
}
