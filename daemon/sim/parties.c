/* parties.c: the companies behind the filings and how each filing spells
 * them.  Pools of regular traders per country, the big forwarders whose
 * phone is on thousands of notify lines, the few insurers everyone uses,
 * and fresh companies for schemes that share no identifier with anyone
 * else (a registry of name, phone, address, domain and registration keys
 * keeps accidental links out).  party_file() turns a company into one
 * filing's party: legal-form spelling, case, script, typos, phone format,
 * which optional fields the filer bothered with. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

/* ---- the fixed cast: forwarders and insurers ---------------------------- */

typedef struct { const char *name, *cc, *code; double size; } fixed_company;

static const fixed_company forwarders[] = {
    {"Orient Bridge Logistics", "HK", "OBL", 10}, {"TransGlobal Freight", "SG", "TGF", 9},
    {"BlueWave Shipping", "CN", "BWS", 9}, {"Pan Ocean Forwarding", "KR", "POF", 6},
    {"Meridian Cargo Services", "AE", "MCS", 6}, {"Seahorse Logistics", "MY", "SHL", 5},
    {"Golden Gate Freight", "US", "GGF", 7}, {"Nordic Line Spedition", "DE", "NLS", 6},
    {"Eastern Star Shipping Agency", "CN", "ESS", 8}, {"Polaris Global Logistics", "NL", "PGL", 5},
    {"Atlas Cargo Network", "GB", "ACN", 4}, {"Harbourline Logistics", "IN", "HBL", 4},
    {"Silk Road Freight", "TR", "SRF", 3}, {"Kestrel Logistics", "TH", "KSL", 3},
    {"Trident Shipping Services", "GR", "TSS", 2}, {"Compass Freight Systems", "US", "CFS", 4},
    {"Jade Dragon Logistics", "CN", "JDL", 6}, {"Sakura Freight Forwarding", "JP", "SFF", 4},
    {"Andes Cargo", "CL", "ADC", 2}, {"Sahara Logistics", "EG", "SAL", 2},
};

static const fixed_company insurers[] = {
    {"Pacific Marine Insurance", "SG", "PMI", 10}, {"Harbour Mutual Assurance", "GB", "HMA", 8},
    {"Orient Cargo Insurance", "HK", "OCI", 9}, {"North Sea Marine Underwriters", "NL", "NSM", 6},
    {"Meridian General Insurance", "AE", "MGI", 5}, {"Crescent Takaful Insurance", "MY", "CTI", 3},
    {"Rhine Marine Versicherung", "DE", "RMV", 5}, {"Atlantic Specialty Cargo Insurance", "US", "ASC", 6},
    {"Great Eastern Property and Casualty Insurance", "CN", "GEP", 9},
    {"Han River Fire and Marine Insurance", "KR", "HRF", 4},
    {"Sakura Marine and Fire Insurance", "JP", "SMF", 4}, {"Bosphorus Sigorta", "TR", "BOS", 2},
};

/* ---- pools ----------------------------------------------------------------- */

typedef struct {
    char cc[3];
    company *c;
    size_t n;
} pool;

struct parties {
    const refdata *ref;
    uint64_t seed;
    pool *pools;
    size_t npools;
    keyset names, phones, addresses, domains, regs;
    company fwd[COUNT_OF(forwarders)];
    double fwd_cum[COUNT_OF(forwarders)];
    company ins[COUNT_OF(insurers)];
    double ins_cum[COUNT_OF(insurers)];
    company **fresh;
    size_t nfresh, capfresh;
};

/* How many regular traders a country's pool holds: big trading nations
 * have many, the rest a handful. */
static size_t pool_size(const char *cc)
{
    static const struct { const char *cc; size_t n; } sizes[] = {
        {"CN", 1500}, {"US", 600}, {"DE", 400}, {"JP", 300}, {"KR", 300}, {"IN", 300},
        {"VN", 200}, {"TW", 200}, {"HK", 200}, {"SG", 120}, {"MY", 150}, {"TH", 150},
        {"NL", 150}, {"BE", 100}, {"GB", 200}, {"FR", 150}, {"IT", 200}, {"ES", 150},
        {"TR", 200}, {"AE", 200}, {"SA", 80}, {"BR", 150}, {"MX", 150}, {"ID", 150},
        {"AU", 100}, {"PH", 60}, {"PK", 60}, {"BD", 60}, {"LK", 40}, {"EG", 60},
        {"IR", 40}, {"RU", 60},
    };
    for (size_t i = 0; i < COUNT_OF(sizes); i++)
        if (strcmp(sizes[i].cc, cc) == 0)
            return sizes[i].n;
    return 25;
}

static uint64_t key2(const char *a, const char *b)
{
    cw_hash h;
    cw_hash_init(&h);
    cw_hash_str(&h, a);
    cw_hash_str(&h, b);
    return h.a ^ (h.b << 1);
}

void company_name(const company *c, char *out, size_t n)
{
    name_render(c, NAME_LATIN, 0, 0, out, n);
}

/* Two companies are the same name to a reader when brand and trade match,
 * whatever their legal form: so is the key (with the city where every
 * name of the style carries it). */
static uint64_t name_key(const company *c)
{
    char k[128];
    if (c->fixed)
        snprintf(k, sizeof k, "fixed/%s", c->fixed);
    else
        snprintf(k, sizeof k, "%u/%u/%d", c->brand, c->trade,
                 style_names_city(c->st) ? (int)c->city : -1);
    return key2(c->cc, k);
}

static uint64_t phone_key(const company *c)
{
    char num[32];
    snprintf(num, sizeof num, "%s%s%s", c->dial, c->area, c->local);
    return key2("phone", num);
}

static uint64_t address_key(const company *c)
{
    char a[96];
    snprintf(a, sizeof a, "%s/%u/%u/%u/%u", c->cc, c->street, c->house_no, c->city, c->unit);
    return key2("address", a);
}

static bool is_freemail(const company *c)
{
    static const char *const common[] = {
        "gmail.com", "yahoo", "hotmail", "outlook", "163.com", "126.com", "qq.com",
        "sina.com", "naver.com", "daum.net", "mail.ru", "yandex", "bk.ru", "gmx.de",
        "web.de", "t-online", "orange.fr", "wanadoo", "libero.it", "tiscali", "telefonica",
        "prodigy", "uol.com", "terra.com", "btinternet", "singnet", "streamyx",
        "rediffmail", "bigpond", "emirates.net", "hinet", "chmail", "silibank", "star-co",
    };
    for (size_t i = 0; i < COUNT_OF(common); i++)
        if (strstr(c->domain, common[i]))
            return true;
    return false;
}

static bool collides(const parties *p, const company *c)
{
    if (keyset_has(&p->names, name_key(c)) || keyset_has(&p->phones, phone_key(c)) ||
        keyset_has(&p->addresses, address_key(c)))
        return true;
    if (!is_freemail(c) && keyset_has(&p->domains, key2("domain", c->domain)))
        return true;
    return *c->reg && keyset_has(&p->regs, key2("reg", c->reg));
}

static void remember(parties *p, const company *c)
{
    keyset_add(&p->names, name_key(c));
    keyset_add(&p->phones, phone_key(c));
    keyset_add(&p->addresses, address_key(c));
    if (!is_freemail(c))
        keyset_add(&p->domains, key2("domain", c->domain));
    if (*c->reg)
        keyset_add(&p->regs, key2("reg", c->reg));
}

static void random_digits(rng *r, char *out, int n)
{
    out[0] = (char)('2' + rng_below(r, 8)); /* subscriber numbers do not start 0 or 1 */
    for (int i = 1; i < n; i++)
        out[i] = (char)('0' + rng_below(r, 10));
    out[n] = 0;
}

/* On a free mail service the mailbox names the company: "hengtai88",
 * "sinar.trading". */
static void freemail_local(company *c, rng *r)
{
    char name[64], slug[24];
    name_render(c, NAME_ALT, 0, 0, name, sizeof name);
    size_t k = 0;
    for (const char *s = name; *s && k + 1 < sizeof slug; s++)
        if (isalnum((unsigned char)*s) && (unsigned char)*s < 128)
            slug[k++] = (char)tolower((unsigned char)*s);
        else if (*s == ' ' && k > 0 && slug[k - 1] != '.' && rng_chance(r, 0.3))
            slug[k++] = '.';
    while (k > 0 && slug[k - 1] == '.')
        k--;
    slug[k] = 0;
    if (k < 6 || rng_chance(r, 0.4))
        snprintf(c->email_local, sizeof c->email_local, "%.16s%u", slug, rng_below(r, 999));
    else
        scopy(c->email_local, sizeof c->email_local, slug);
}

static void set_contact(const parties *p, rng *r, company *c)
{
    static const char *const locals[] = {
        "info", "sales", "export", "import", "trade", "ops", "admin", "contact",
        "purchase", "logistics", "account", "office", "shipping", "docs", "manager",
    };
    const style *st = c->st;
    const ref_country *k = ref_country_find(p->ref, c->cc);
    scopy(c->dial, sizeof c->dial, k && *k->dial ? k->dial : "1");
    scopy(c->area, sizeof c->area, style_city_area(st, c->city, r));
    int digits = style_local_digits(st);
    if (strlen(c->area) >= 3 && digits > 7)
        digits = 7 + (int)rng_below(r, 2);
    random_digits(r, c->local, digits);
    c->house_no = (uint16_t)rng_range(r, 1, 1999);
    c->unit = rng_chance(r, 0.3) ? 0 : (uint16_t)rng_range(r, 1, 2999);
    c->district = (uint16_t)rng_below(r, 60);
    c->street = (uint16_t)rng_below(r, 60000);
    random_digits(r, c->zip, 5 + (int)rng_below(r, 2));
    scopy(c->email_local, sizeof c->email_local, RNG_PICK(r, locals));
    style_email_domain(c, r, c->domain, sizeof c->domain);
    if (is_freemail(c))
        freemail_local(c, r);
    style_registration(st, r, c->reg, sizeof c->reg);
    c->phone_share = (uint8_t)rng_range(r, 30, 85);
    c->email_share = (uint8_t)rng_range(r, 15, 60);
    c->reg_share = (uint8_t)rng_range(r, 5, 35);
    c->addr_share = (uint8_t)rng_range(r, 70, 98);
}

static void init_company(const parties *p, rng *r, company *c, const char *cc)
{
    memset(c, 0, sizeof *c);
    scopy(c->cc, sizeof c->cc, cc);
    c->st = style_for(cc);
    const ref_country *k = ref_country_find(p->ref, cc);
    c->capital = k && *k->capital ? k->capital : NULL;
    const style *st = c->st;
    c->brand = (uint16_t)rng_below(r, (uint32_t)style_brand_count(st));
    c->trade = (uint16_t)rng_below(r, (uint32_t)style_trade_count(st));
    c->city = (uint16_t)rng_below(r, (uint32_t)(style_city_count(st) ? style_city_count(st) : 1));
    c->tpl = (uint16_t)rng_below(r, (uint32_t)style_tpl_count(st));
    c->form = (uint16_t)(rng_chance(r, 0.7) ? 0 : rng_below(r, (uint32_t)style_form_count(st)));
    set_contact(p, r, c);
}

/* A company unlike every one made before; NULL-equivalent false when the
 * country's name space is used up. */
static bool make_unique(parties *p, rng *r, company *c, const char *cc)
{
    for (int tries = 0; tries < 30; tries++) {
        init_company(p, r, c, cc);
        if (!collides(p, c)) {
            remember(p, c);
            return true;
        }
    }
    return false;
}

static pool *find_pool(parties *p, const char *cc)
{
    for (size_t i = 0; i < p->npools; i++)
        if (strcmp(p->pools[i].cc, cc) == 0)
            return &p->pools[i];
    return NULL;
}

/* Pools are made the first time a country trades, from their own stream,
 * so a pool's companies do not depend on what was drawn before. */
static pool *make_pool(parties *p, const char *cc)
{
    p->pools = cw_xrealloc(p->pools, (p->npools + 1) * sizeof *p->pools);
    pool *pl = &p->pools[p->npools++];
    memset(pl, 0, sizeof *pl);
    scopy(pl->cc, sizeof pl->cc, cc);
    size_t want = pool_size(cc);
    pl->c = cw_xcalloc(want, sizeof *pl->c);
    rng r;
    char stream[16];
    snprintf(stream, sizeof stream, "pool-%s", cc);
    rng_seed(&r, p->seed, stream);
    while (pl->n < want && make_unique(p, &r, &pl->c[pl->n], cc))
        pl->n++;
    if (pl->n == 0) /* nothing unique left: a single trader, shared */
        init_company(p, &r, &pl->c[pl->n++], cc);
    return pl;
}

const company *parties_pick(parties *p, rng *r, const char *cc)
{
    pool *pl = find_pool(p, cc);
    if (!pl)
        pl = make_pool(p, cc);
    return &pl->c[rng_skewed(r, (uint32_t)pl->n)];
}

company *parties_fresh(parties *p, rng *r, const char *cc)
{
    /* make the country's pool first, so its regulars keep their names */
    if (!find_pool(p, cc))
        make_pool(p, cc);
    company *c = cw_xcalloc(1, sizeof *c);
    if (!make_unique(p, r, c, cc))
        init_company(p, r, c, cc);
    if (p->nfresh == p->capfresh) {
        p->capfresh = p->capfresh ? p->capfresh * 2 : 64;
        p->fresh = cw_xrealloc(p->fresh, p->capfresh * sizeof *p->fresh);
    }
    p->fresh[p->nfresh++] = c;
    return c;
}

static void init_fixed(parties *p, rng *r, company *c, const fixed_company *f)
{
    init_company(p, r, c, f->cc);
    c->fixed = f->name;
    c->form = 0;
    c->phone_share = 90;
    c->email_share = 70;
    c->reg_share = 10;
    c->addr_share = 95;
    char slug[64];
    size_t k = 0;
    for (const char *s = f->name; *s && k + 1 < sizeof slug; s++)
        if (isalnum((unsigned char)*s))
            slug[k++] = (char)tolower((unsigned char)*s);
    slug[k] = 0;
    snprintf(c->domain, sizeof c->domain, "%.40s.com", slug);
    scopy(c->email_local, sizeof c->email_local, "ops");
    remember(p, c);
}

parties *parties_new(const refdata *ref, uint64_t seed)
{
    parties *p = cw_xcalloc(1, sizeof *p);
    p->ref = ref;
    p->seed = seed;
    rng r;
    rng_seed(&r, seed, "cast");
    double t = 0;
    for (size_t i = 0; i < COUNT_OF(forwarders); i++) {
        init_fixed(p, &r, &p->fwd[i], &forwarders[i]);
        p->fwd_cum[i] = (t += forwarders[i].size);
    }
    t = 0;
    for (size_t i = 0; i < COUNT_OF(insurers); i++) {
        init_fixed(p, &r, &p->ins[i], &insurers[i]);
        scopy(p->ins[i].email_local, sizeof p->ins[i].email_local, "cargo");
        p->ins_cum[i] = (t += insurers[i].size);
    }
    return p;
}

void parties_free(parties *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->npools; i++)
        free(p->pools[i].c);
    free(p->pools);
    for (size_t i = 0; i < p->nfresh; i++)
        free(p->fresh[i]);
    free(p->fresh);
    keyset_free(&p->names);
    keyset_free(&p->phones);
    keyset_free(&p->addresses);
    keyset_free(&p->domains);
    keyset_free(&p->regs);
    free(p);
}

const company *parties_forwarder(parties *p, rng *r)
{
    return &p->fwd[rng_cumulative(r, p->fwd_cum, COUNT_OF(forwarders))];
}

const company *parties_insurer(parties *p, rng *r, int *index)
{
    size_t i = rng_cumulative(r, p->ins_cum, COUNT_OF(insurers));
    if (index)
        *index = (int)i;
    return &p->ins[i];
}

const company *parties_insurer_at(parties *p, int index)
{
    return &p->ins[(size_t)index % COUNT_OF(insurers)];
}

int parties_insurer_count(void)
{
    return (int)COUNT_OF(insurers);
}

const char *insurer_code(int index)
{
    return insurers[index % (int)COUNT_OF(insurers)].code;
}

bool parties_is_freemail(const company *c)
{
    return is_freemail(c);
}

/* ---- filing one party --------------------------------------------------- */

/* How often filers of a country write the name in its own script. */
static double native_share(const char *cc)
{
    static const struct { const char *cc; double p; } shares[] = {
        {"CN", 0.08}, {"TW", 0.08}, {"HK", 0.04}, {"KR", 0.08}, {"KP", 0.3},
        {"JP", 0.04}, {"IR", 0.15}, {"RU", 0.15}, {"AE", 0.04}, {"SA", 0.04},
    };
    for (size_t i = 0; i < COUNT_OF(shares); i++)
        if (strcmp(shares[i].cc, cc) == 0)
            return shares[i].p;
    return 0;
}

static int choose_mode(const company *c, rng *r, int wanted)
{
    if (wanted != NAME_AUTO)
        return wanted;
    if (c->pinned_name != NAME_AUTO)
        return c->pinned_name;
    double u = rng_unit(r);
    if (u < native_share(c->cc))
        return NAME_NATIVE;
    if (u < native_share(c->cc) + 0.1)
        return NAME_ALT;
    return NAME_LATIN;
}

static void strip_punct(char *s)
{
    char *w = s;
    for (; *s; s++)
        if (*s != '.' && *s != ',')
            *w++ = *s;
    *w = 0;
}

/* One slip of the keyboard on an ASCII letter: swap, drop or double. */
static void typo(rng *r, char *s)
{
    size_t n = strlen(s);
    if (n < 6)
        return;
    for (int tries = 0; tries < 8; tries++) {
        size_t i = 1 + rng_below(r, (uint32_t)(n - 3));
        if (!isalpha((unsigned char)s[i]) || !isalpha((unsigned char)s[i + 1]) ||
            (unsigned char)s[i] >= 128 || (unsigned char)s[i + 1] >= 128)
            continue;
        switch (rng_below(r, 3)) {
        case 0: { char t = s[i]; s[i] = s[i + 1]; s[i + 1] = t; break; }
        case 1: memmove(s + i, s + i + 1, n - i); break;
        default:
            if (n + 2 < 512) {
                memmove(s + i + 1, s + i, n - i + 1);
            }
        }
        return;
    }
}

static void file_name(const company *c, rng *r, const filing_opts *o, char *out, size_t n)
{
    int mode = choose_mode(c, r, o->name_mode);
    int forms = style_form_variants(c->st, c->form);
    int fv = rng_chance(r, 0.5) ? 0 : (int)rng_below(r, (uint32_t)forms);
    int tv = (int)rng_below(r, (uint32_t)style_tpl_variants(c->st, c->tpl));
    int used = name_render(c, mode, fv, tv, out, n);
    if (used == NAME_NATIVE)
        return;
    double u = rng_unit(r);
    if (u < 0.45)
        upcase_utf8(out);
    if (rng_chance(r, 0.06))
        strip_punct(out);
    if (!o->clean && !c->fixed && rng_chance(r, 0.015))
        typo(r, out);
}

/* The same number in the shapes filers give it (PHONE_FORMATS of them). */
static void file_phone(const company *c, int fmt, char *out, size_t n)
{
    const char *d = c->dial, *a = c->area, *l = c->local;
    size_t half = strlen(l) / 2;
    char l1[8], l2[8];
    scopy(l1, half + 1 < sizeof l1 ? half + 1 : sizeof l1, l);
    scopy(l2, sizeof l2, l + half);
    bool area = *a != 0;
    bool trunk = style_uses_trunk_zero(c->st);
    const char *sp = area ? " " : "", *dash = area ? "-" : "";
    switch (fmt % PHONE_FORMATS) {
    case 0: sjoin(out, n, "+", d, " ", a, sp, l1, " ", l2, NULL); break;
    case 1: sjoin(out, n, "00", d, "-", a, dash, l, NULL); break;
    case 2:
        if (area)
            sjoin(out, n, "(", a, ") ", l, NULL);
        else
            sjoin(out, n, l1, " ", l2, NULL);
        break;
    case 3: sjoin(out, n, "+", d, a, l, NULL); break;
    case 4: sjoin(out, n, "+", d, "-", a, dash, l1, "-", l2, NULL); break;
    case 5: sjoin(out, n, trunk && area ? "0" : "", a, dash, l, NULL); break;
    case 6: sjoin(out, n, d, " ", a, sp, l, NULL); break;
    default:
        if (area && trunk)
            sjoin(out, n, "+", d, " (0)", a, " ", l1, "-", l2, NULL);
        else
            sjoin(out, n, "+", d, " ", a, sp, l1, "-", l2, NULL);
    }
}

static bool include(rng *r, signed char forced, int share_percent)
{
    if (forced >= 0)
        return forced == 1;
    return rng_below(r, 100) < (uint32_t)share_percent;
}

void party_file(const company *c, rng *r, const filing_opts *o, party *out)
{
    memset(out, 0, sizeof *out);
    file_name(c, r, o, out->name, sizeof out->name);
    if (include(r, o->address, c->addr_share))
        style_address(c, r, -1, out->address, sizeof out->address);
    if (include(r, o->country, 85))
        scopy(out->country, sizeof out->country, c->cc);
    if (include(r, o->phone, c->phone_share)) {
        int fmt = o->phone_format >= 0 ? o->phone_format : (int)rng_below(r, PHONE_FORMATS);
        char num[48];
        file_phone(c, fmt, num, sizeof num);
        double u = rng_unit(r);
        sjoin(out->phone, sizeof out->phone, u < 0.08 ? "TEL: " : u < 0.12 ? "Tel. " : "", num,
              NULL);
    }
    if (include(r, o->email, c->email_share)) {
        static const char *const others[] = {"sales", "export", "info", "ops", "docs"};
        const char *local = c->email_local;
        if (!is_freemail(c) && rng_chance(r, 0.25))
            local = RNG_PICK(r, others); /* another mailbox of the same firm */
        sjoin(out->email, sizeof out->email, local, "@", c->domain, NULL);
        if (rng_chance(r, 0.15))
            upcase_utf8(out->email);
    }
    if (*c->reg && include(r, o->reg, c->reg_share))
        style_registration_render(c, r, out->registration, sizeof out->registration);
}

void party_file_default(const company *c, rng *r, party *out)
{
    filing_opts o = FILING_DEFAULT;
    party_file(c, r, &o, out);
}
