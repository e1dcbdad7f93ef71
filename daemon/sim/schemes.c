/* schemes.c: the laundering schemes injected into the feed.  Each takes one
 * controlled item apart into 3 to 6 components and ships each on its own
 * B/L, from its own middleman trading company, by its own route (loading
 * port, carrier, transshipment hub), within a few weeks, to front
 * companies of one end user in Iran or North Korea.  The fronts are linked
 * only through the scheme's own identifiers: a phone written in another
 * format, an address spelt differently, an e-mail domain, a registration,
 * the same name in another script, or one insurance policy, assured or
 * beneficiary.  The concealment level decides how the goods are declared;
 * at level 3 only the insurance certificate tells the truth. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kits.h"
#include "log.h"
#include "sim.h"
#include "util.h"

enum { L_PHONE, L_ADDRESS, L_EMAIL, L_REG, L_SCRIPT, L_INSURANCE, L_COUNT };
enum { INS_NONE = -1, INS_POLICY, INS_ASSURED, INS_BENEFICIARY };

static const char *const link_names[L_COUNT] = {
    "phone", "address", "email-domain", "registration", "name-script", "insurance",
};
static const char *const ins_link_names[] = {
    "insurance-policy", "insurance-assured", "insurance-beneficiary",
};

#define MAX_FRONTS 4
#define MAX_COMP 6

typedef struct {
    const kit *k;
    int level;
    bool third;                 /* fronts in a third country */
    char eu_cc[3], front_cc[3];
    char dest[6];               /* the real final destination */
    company *end_user;
    company *fronts[MAX_FRONTS];
    unsigned forced[MAX_FRONTS]; /* identifiers each front must show */
    int nfronts;
    int comp[MAX_COMP], ncomp;
    int ins_link;
    int insurer;
    char policy[48];
    const company *assured;
} scheme;

/* ---- who and where -------------------------------------------------------- */

static const char *const ir_ports[] = {"IRBND", "IRBND", "IRBKM", "IRBUZ"};
static const char *const kp_ports[] = {"KPNAM", "KPNAM", "KPCHO", "KPRJN"};
static const char *const ir_thirds[] = {"AE", "AE", "AE", "OM", "MY", "TR", "CN"};
static const char *const kp_thirds[] = {"CN", "CN", "HK", "MY", "RU"};
static const char *const middlemen[] = {"CN", "HK", "MY", "SG", "AE", "TR", "TH"};
static const char *const ir_hubs[] = {"AEJEA", "OMSLL", "LKCMB", "SGSIN", "MYPKG", "INMUN", "PKKHI", "AEKLF"};
static const char *const kp_hubs[] = {"CNDLC", "CNTXG", "HKHKG", "RUVVO", "CNTAO", "SGSIN", "KRPUS"};
static const char *const third_hubs[] = {"SGSIN", "LKCMB", "MYPKG", "HKHKG", "OMSLL", "EGPSD", "KRPUS", "MYTPP"};

static const char *third_port(rng *r, const char *cc)
{
    static const struct { const char *cc; const char *ports[3]; } by[] = {
        {"AE", {"AEJEA", "AESHJ", "AEKLF"}}, {"OM", {"OMSLL", "OMSOH", "OMSLL"}},
        {"MY", {"MYPKG", "MYPEN", "MYTPP"}}, {"TR", {"TRMER", "TRAMR", "TRMER"}},
        {"CN", {"CNDLC", "CNTXG", "CNTAO"}}, {"HK", {"HKHKG", "HKHKG", "HKHKG"}},
        {"RU", {"RUVVO", "RUVVO", "RUVVO"}},
    };
    for (size_t i = 0; i < COUNT_OF(by); i++)
        if (strcmp(by[i].cc, cc) == 0)
            return by[i].ports[rng_below(r, 3)];
    return "AEJEA";
}

static void set_cc(char dst[3], const char *cc)
{
    scopy(dst, 3, cc);
}

static void choose_places(rng *r, scheme *sc)
{
    bool iran = rng_chance(r, 0.6);
    set_cc(sc->eu_cc, iran ? "IR" : "KP");
    scopy(sc->dest, sizeof sc->dest, iran ? RNG_PICK(r, ir_ports) : RNG_PICK(r, kp_ports));
    sc->third = sc->level == 3 || rng_chance(r, 0.5);
    set_cc(sc->front_cc, sc->third ? (iran ? RNG_PICK(r, ir_thirds) : RNG_PICK(r, kp_thirds))
                                   : sc->eu_cc);
}

/* ---- links between the fronts ----------------------------------------------- */

static bool can_link(const company *c, int mech)
{
    switch (mech) {
    case L_REG: return *c->reg != 0;
    case L_SCRIPT: return style_brand_native(c) || style_has_alt(c);
    default: return true;
    }
}

static void corporate_domain(parties *pt, rng *r, company *c)
{
    for (int i = 0; i < 10 && parties_is_freemail(c); i++)
        style_email_domain(c, r, c->domain, sizeof c->domain);
    (void)pt;
}

/* Makes b share an identifier of a (or be a in another script). */
static void link_pair(sim *s, rng *r, scheme *sc, int a, int b, int mech)
{
    company *ca = sc->fronts[a], *cb = sc->fronts[b];
    switch (mech) {
    case L_PHONE:
        memcpy(cb->dial, ca->dial, sizeof cb->dial);
        memcpy(cb->area, ca->area, sizeof cb->area);
        memcpy(cb->local, ca->local, sizeof cb->local);
        sc->forced[a] |= 1u << L_PHONE;
        sc->forced[b] |= 1u << L_PHONE;
        break;
    case L_ADDRESS:
        cb->street = ca->street;
        cb->house_no = ca->house_no;
        cb->unit = ca->unit;
        cb->district = ca->district;
        cb->city = ca->city;
        memcpy(cb->zip, ca->zip, sizeof cb->zip);
        sc->forced[a] |= 1u << L_ADDRESS;
        sc->forced[b] |= 1u << L_ADDRESS;
        break;
    case L_EMAIL:
        corporate_domain(s->pt, r, ca);
        memcpy(cb->domain, ca->domain, sizeof cb->domain);
        scopy(cb->email_local, sizeof cb->email_local,
                 strcmp(ca->email_local, "sales") ? "sales" : "export");
        sc->forced[a] |= 1u << L_EMAIL;
        sc->forced[b] |= 1u << L_EMAIL;
        break;
    case L_REG:
        memcpy(cb->reg, ca->reg, sizeof cb->reg);
        sc->forced[a] |= 1u << L_REG;
        sc->forced[b] |= 1u << L_REG;
        break;
    case L_SCRIPT:
        /* the same company, filed by one clerk in Latin letters and by
         * another in its own script or another romanisation */
        cb->st = ca->st;
        cb->brand = ca->brand;
        cb->trade = ca->trade;
        cb->city = ca->city;
        cb->tpl = ca->tpl;
        cb->form = ca->form;
        ca->pinned_name = NAME_LATIN;
        cb->pinned_name = style_brand_native(ca) ? NAME_NATIVE : NAME_ALT;
        break;
    default:
        break;
    }
}

static int choose_mechanisms(rng *r, scheme *sc, int *mechs)
{
    int avail[L_COUNT], na = 0;
    for (int m = 0; m < L_COUNT; m++)
        if (m != L_INSURANCE && can_link(sc->fronts[0], m))
            avail[na++] = m;
    int want = rng_chance(r, 0.6) ? 1 : 2, n = 0;
    while (n < want && na > 0) {
        int k = (int)rng_below(r, (uint32_t)na);
        mechs[n++] = avail[k];
        avail[k] = avail[--na];
    }
    if (rng_chance(r, 0.3) || sc->level == 3) { /* certificates tie the scheme together */
        sc->ins_link = (int)rng_below(r, 3);
        if (rng_chance(r, 0.5) || n == 0)
            mechs[n++] = L_INSURANCE;
    }
    return n;
}

/* A spanning tree over the fronts, each edge one mechanism, so that every
 * front is reachable from every other through the scheme's identifiers. */
static void link_fronts(sim *s, rng *r, scheme *sc, truth_rec *t)
{
    int mechs[L_COUNT], nm = choose_mechanisms(r, sc, mechs);
    int party_mechs[L_COUNT], np = 0;
    for (int i = 0; i < nm; i++)
        if (mechs[i] != L_INSURANCE)
            party_mechs[np++] = mechs[i];
    if (np == 0 && sc->ins_link == INS_NONE)
        party_mechs[np++] = L_PHONE;
    for (int b = 1; b < sc->nfronts; b++) {
        int a = (int)rng_below(r, (uint32_t)b);
        if (np == 0)
            continue; /* the certificates alone link them */
        int mech = party_mechs[(b - 1) % np];
        if (!can_link(sc->fronts[a], mech))
            mech = L_PHONE;
        link_pair(s, r, sc, a, b, mech);
    }
    /* a mechanism the tree did not use still links one more pair */
    for (int i = sc->nfronts - 1; i < np && sc->nfronts > 1; i++)
        link_pair(s, r, sc, 0, 1 + (int)rng_below(r, (uint32_t)(sc->nfronts - 1)), party_mechs[i]);
    for (int i = 0; i < np && t->nlinks < 6; i++)
        t->links[t->nlinks++] = link_names[party_mechs[i]];
    if (sc->ins_link != INS_NONE && t->nlinks < 6)
        t->links[t->nlinks++] = ins_link_names[sc->ins_link];
}

/* ---- the goods ---------------------------------------------------------------- */

static void pick(rng *r, const char *list, char *out, size_t n)
{
    int count = 1;
    for (const char *p = list; *p; p++)
        count += *p == '|';
    int k = (int)rng_below(r, (uint32_t)count);
    const char *p = list;
    while (k > 0 && *p)
        if (*p++ == '|')
            k--;
    size_t len = strcspn(p, "|");
    snprintf(out, n, "%.*s", (int)len, p);
}

static void real_name(rng *r, const component *c, char *out, size_t n)
{
    pick(r, rng_chance(r, 0.5) ? c->explicit_names : c->euphemisms, out, n);
}

static void declared_text(rng *r, const component *c, int level, char *out, size_t n)
{
    if (level == 0)
        pick(r, c->explicit_names, out, n);
    else if (level == 1)
        pick(r, c->euphemisms, out, n);
    else
        pick(r, kind_vague_texts(c->kind), out, n);
    if (rng_chance(r, 0.6))
        upcase_utf8(out);
}

static const char *box_for(const component *c, double kg)
{
    if (c->kind == KIND_VEHICLE)
        return "45P3";
    if (strcmp(c->package, "CYLINDERS") == 0)
        return "22T6";
    if (c->kind == KIND_CHEM)
        return "22G1"; /* drums are heavy: a twenty-foot box */
    return kg > 12000 ? "42U1" : "45G1";
}

static double component_line(sim *s, rng *r, const scheme *sc, const component *c,
                             const char *middleman_cc, manifest *m)
{
    goods_line *l = &m->line[0];
    memset(l, 0, sizeof *l);
    declared_text(r, c, sc->level, l->description, sizeof l->description);
    char hs[8];
    pick(r, sc->level == 3 ? kind_vague_hs(c->kind) : c->hs, hs, sizeof hs);
    goods_extend_hs(r, hs, l->hs);
    double kg = rng_uniform(r, c->kg_lo, c->kg_hi);
    double real_usd = kg * rng_uniform(r, c->usd_lo, c->usd_hi);
    double declared = sc->level <= 1 ? real_usd * rng_uniform(r, 0.6, 1.0)
                    : sc->level == 2 ? real_usd * rng_uniform(r, 0.2, 0.8)
                                     : kg * rng_uniform(r, 1, 6);
    l->weight_kg = round(kg * 10) / 10;
    scopy(l->package_type, sizeof l->package_type, c->package);
    static const struct { const char *type; double kg; } per[] = {
        {"DRUMS", 200}, {"CRATES", 500}, {"CASES", 40}, {"CARTONS", 15}, {"UNITS", 20000},
        {"BUNDLES", 2000}, {"CYLINDERS", 900},
    };
    double each = 100;
    for (size_t i = 0; i < COUNT_OF(per); i++)
        if (strcmp(per[i].type, c->package) == 0)
            each = per[i].kg;
    l->packages = kg / each < 1 ? 1 : (int)(kg / each + 0.5);
    scopy(l->currency, sizeof l->currency, "USD");
    l->value = round(declared * 100) / 100;
    char origin[3];
    if (rng_chance(r, 0.6)) {
        int n = (int)(strlen(c->origins) + 1) / 3, k = (int)rng_below(r, (uint32_t)n);
        snprintf(origin, sizeof origin, "%.2s", c->origins + 3 * k);
    } else {
        set_cc(origin, middleman_cc);
    }
    scopy(l->origin, sizeof l->origin, origin);
    l->container = 0;
    m->nline = 1;
    /* some hide the part behind an ordinary first line */
    if (rng_chance(r, 0.2)) {
        goods_line cover;
        if (goods_benign(s->g, r, middleman_cc, sc->front_cc, 1, &cover, 1) == 1) {
            m->line[1] = m->line[0];
            m->line[0] = cover;
            m->nline = 2;
        }
    }
    sim_boxes(s, r, m, 1, box_for(c, kg));
    return real_usd;
}

/* ---- certificates ---------------------------------------------------------------- */

static void scheme_certificate(sim *s, rng *r, const scheme *sc, const component *comp,
                               const manifest *m, const company *middleman,
                               const company *front, double real_usd, certificate *c)
{
    int insurer = sc->insurer;
    if (sc->ins_link != INS_POLICY)
        parties_insurer(s->pt, r, &insurer);
    insurance_base(s->ins, r, m, insurer, c);
    if (sc->ins_link == INS_POLICY)
        scopy(c->policy, sizeof c->policy, sc->policy);
    else if (rng_chance(r, 0.5))
        insurance_policy_number(s->ins, r, insurer, c->policy, sizeof c->policy);
    party_file_default(sc->ins_link == INS_ASSURED ? sc->assured : middleman, r, &c->assured);
    if (sc->ins_link == INS_BENEFICIARY) {
        c->has_beneficiary = true;
        party_file_default(sc->end_user, r, &c->beneficiary);
    } else if (rng_chance(r, 0.5)) {
        c->has_beneficiary = true;
        party_file_default(front, r, &c->beneficiary);
    }
    char name[200];
    if (sc->level == 3 || rng_chance(r, 0.5))
        real_name(r, comp, name, sizeof name);
    else
        scopy(name, sizeof name, m->line[m->nline - 1].description);
    double u = rng_unit(r);
    if (u < 0.4)
        scopy(c->subject_matter, sizeof c->subject_matter, name);
    else if (u < 0.7)
        snprintf(c->subject_matter, sizeof c->subject_matter, "%s, %d %s, as per proforma invoice",
                 name, m->line[m->nline - 1].packages, m->line[m->nline - 1].package_type);
    else
        snprintf(c->subject_matter, sizeof c->subject_matter, "New %s, packed for sea transport", name);
    scopy(c->currency, sizeof c->currency, "USD");
    c->sum_insured = round(real_usd * 1.1);
    bool truth = sc->level == 3 || !sc->third || rng_chance(r, 0.6);
    scopy(c->final_destination, sizeof c->final_destination,
             truth ? sc->dest : m->s.discharge);
    c->issued_at = m->filed_at + (int64_t)rng_range(r, 60, 48 * 60) * MIN_MS;
    if (sc->level == 3) {
        double v = rng_unit(r);
        c->source = v < 0.45 ? "insurer" : v < 0.8 ? "broker" : "tip";
        /* a tip is a copy that surfaces days later */
        if (strcmp(c->source, "tip") == 0)
            c->issued_at = m->filed_at + (int64_t)rng_range(r, 3 * 24, 20 * 24) * HOUR_MS;
    }
    int64_t end = s->opt.end - MIN_MS;
    if (c->issued_at > end)
        c->issued_at = end > m->filed_at ? end : m->filed_at;
}

/* ---- one shipment ------------------------------------------------------------------ */

typedef struct {
    const char *used_loading[MAX_COMP];
    const char *used_hub[MAX_COMP];
    int n;
    uint32_t carriers;
    char used_middle[MAX_COMP][3];
} route_memory;

static bool seen(const char *const *list, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (list[i] && strcmp(list[i], code) == 0)
            return true;
    return false;
}

static const char *middleman_country(rng *r, const scheme *sc, route_memory *rm)
{
    for (int tries = 0; tries < 20; tries++) {
        const char *cc = RNG_PICK(r, middlemen);
        bool dup = strcmp(cc, sc->front_cc) == 0;
        for (int i = 0; i < rm->n && !dup && tries < 12; i++)
            dup = strcmp(rm->used_middle[i], cc) == 0;
        if (!dup)
            return cc;
    }
    return strcmp(sc->front_cc, "SG") ? "SG" : "MY";
}

/* Hubs on the way from loading to discharge, each leg through its own hub
 * while the list lasts; a route to North Korea always relays somewhere,
 * as no liner calls there. */
static int choose_hubs(sim *s, rng *r, const scheme *sc, const char *loading,
                       const char *discharge, route_memory *rm, const char **hubs)
{
    bool iran = strcmp(sc->eu_cc, "IR") == 0;
    const char *const *list = sc->third ? third_hubs : iran ? ir_hubs : kp_hubs;
    size_t nlist = sc->third ? COUNT_OF(third_hubs) : iran ? COUNT_OF(ir_hubs) : COUNT_OF(kp_hubs);
    bool must = !sc->third && !iran;
    double u = rng_unit(r);
    int want = u < 0.2 && !must ? 0 : u < 0.85 ? 1 : 2;
    int n = 0;
    const char *best = NULL;
    double best_detour = 1e9;
    for (int tries = 0; tries < 40 && n < want; tries++) {
        const char *h = list[rng_below(r, (uint32_t)nlist)];
        if (strncmp(h, loading, 2) == 0 || strncmp(h, discharge, 2) == 0 ||
            (n == 1 && strcmp(hubs[0], h) == 0))
            continue;
        const char *path[4] = {loading, n ? hubs[0] : h, h, discharge};
        double detour = n ? world_detour(s->w, path, 4) : world_detour(s->w, path + 1, 3);
        if (n == 0 && detour < best_detour) {
            best = h;
            best_detour = detour;
        }
        if (detour > (n ? 1.4 : 1.3))
            continue;
        if (n == 0 && tries < 20 && seen(rm->used_hub, rm->n, h))
            continue;
        hubs[n++] = h;
    }
    if (n == 0 && must && best)
        hubs[n++] = best;
    return n;
}

static void ship_component(sim *s, rng *r, scheme *sc, int i, int64_t t, route_memory *rm,
                           truth_rec *tr)
{
    const component *comp = &sc->k->comp[sc->comp[i]];
    const char *mcc = middleman_country(r, sc, rm);
    company *middleman = parties_fresh(s->pt, r, mcc);
    const char *loading = NULL;
    for (int tries = 0; tries < 10; tries++) {
        loading = world_port_in(s->w, r, mcc);
        if (loading && !seen(rm->used_loading, rm->n, loading))
            break;
    }
    if (!loading)
        loading = "SGSIN";
    const char *discharge = sc->third ? third_port(r, sc->front_cc) : sc->dest;
    const char *hubs[2];
    int nh = choose_hubs(s, r, sc, loading, discharge, rm, hubs);
    manifest m;
    memset(&m, 0, sizeof m);
    world_sailing_via(s->w, r, t, loading, hubs, nh, discharge, rm->carriers, &m.s);
    rm->carriers |= 1u << m.s.carrier;
    double show_dest = sc->level == 0 ? 0.5 : sc->level == 1 ? 0.25 : 0;
    if (sc->third && rng_chance(r, show_dest))
        scopy(m.s.delivery, sizeof m.s.delivery, sc->dest);
    m.filed_at = t;
    int f = i % sc->nfronts;
    company *front = sc->fronts[f];
    party_file_default(middleman, r, &m.shipper);
    filing_opts o = FILING_DEFAULT;
    o.phone = (sc->forced[f] & (1u << L_PHONE)) ? 1 : -1;
    o.address = (sc->forced[f] & (1u << L_ADDRESS)) ? 1 : -1;
    o.email = (sc->forced[f] & (1u << L_EMAIL)) ? 1 : -1;
    o.reg = (sc->forced[f] & (1u << L_REG)) ? 1 : -1;
    o.phone_format = (int)((unsigned)(i * 3 + f) % PHONE_FORMATS);
    party_file(front, r, &o, &m.consignee);
    double u = rng_unit(r);
    m.has_notify = u < 0.8;
    if (u < 0.35)
        party_file_default(parties_forwarder(s->pt, r), r, &m.notify);
    else if (u < 0.6)
        scopy(m.notify.name, sizeof m.notify.name, "SAME AS CONSIGNEE");
    else if (u < 0.8 && sc->level <= 1 && !sc->third)
        party_file_default(sc->end_user, r, &m.notify);
    else
        m.has_notify = false;
    sim_new_bl(s, r, &m);
    double real_usd = component_line(s, r, sc, comp, mcc, &m);
    certificate c, *cp = NULL;
    if (sc->level == 3 || sc->ins_link != INS_NONE || rng_chance(r, 0.35)) {
        scheme_certificate(s, r, sc, comp, &m, middleman, front, real_usd, &c);
        cp = &c;
    }
    rm->used_loading[rm->n] = loading;
    rm->used_hub[rm->n] = nh ? hubs[0] : NULL;
    set_cc(rm->used_middle[rm->n], mcc);
    rm->n++;
    publish_plan plan = {0.12, 0, 0.02, true};
    publish(&s->pub, &m, cp, &plan, &tr->ids);
}

/* ---- planning ------------------------------------------------------------------------ */

static int cmp_time(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void choose_components(rng *r, scheme *sc)
{
    int order[8];
    for (int i = 0; i < sc->k->ncomp; i++)
        order[i] = i;
    for (int i = sc->k->ncomp - 1; i > 0; i--) {
        int j = (int)rng_below(r, (uint32_t)(i + 1));
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    int max = sc->k->ncomp < MAX_COMP ? sc->k->ncomp : MAX_COMP;
    sc->ncomp = rng_range(r, 3, max);
    for (int i = 0; i < sc->ncomp; i++)
        sc->comp[i] = order[i];
}

static void plan_one(sim *s, rng *r, int index, int kit_offset, int level_offset, truth_rec *t)
{
    int nkits;
    const kit *kits = kit_all(&nkits);
    scheme sc;
    memset(&sc, 0, sizeof sc);
    sc.k = &kits[(index + kit_offset) % nkits];
    sc.level = (index + level_offset) % 4;
    sc.ins_link = INS_NONE;
    choose_places(r, &sc);
    choose_components(r, &sc);
    sc.end_user = parties_fresh(s->pt, r, sc.eu_cc);
    sc.nfronts = rng_range(r, 2, sc.ncomp < MAX_FRONTS ? sc.ncomp : MAX_FRONTS);
    for (int i = 0; i < sc.nfronts; i++)
        sc.fronts[i] = parties_fresh(s->pt, r, sc.front_cc);
    parties_insurer(s->pt, r, &sc.insurer);
    insurance_policy_number(s->ins, r, sc.insurer, sc.policy, sizeof sc.policy);
    sc.assured = rng_chance(r, 0.5) ? sc.end_user : sc.fronts[0];

    snprintf(t->label, sizeof t->label, "S%04d", index + 1);
    t->kit = sc.k->id;
    t->level = sc.level;
    company_name(sc.end_user, t->end_user, sizeof t->end_user);
    set_cc(t->end_user_country, sc.eu_cc);
    scopy(t->destination, sizeof t->destination, sc.dest);
    for (int i = 0; i < sc.ncomp; i++)
        t->components[t->ncomponents++] = sc.k->comp[sc.comp[i]].id;
    link_fronts(s, r, &sc, t);

    /* the parts leave within a few weeks of each other */
    int64_t span = s->opt.end - s->opt.start;
    int64_t spread = (int64_t)rng_range(r, 7, 28) * DAY_MS;
    if (spread > span * 8 / 10)
        spread = span * 8 / 10;
    int64_t t0 = s->opt.start + (int64_t)(rng_unit(r) * (double)(span - spread));
    int64_t when[MAX_COMP];
    for (int i = 0; i < sc.ncomp; i++)
        when[i] = t0 + (int64_t)(rng_unit(r) * (double)spread);
    qsort(when, (size_t)sc.ncomp, sizeof when[0], cmp_time);
    route_memory rm;
    memset(&rm, 0, sizeof rm);
    for (int i = 0; i < sc.ncomp; i++)
        ship_component(s, r, &sc, i, when[i], &rm, t);
}

void schemes_plan(sim *s, truth_rec *out, int n)
{
    rng r;
    rng_seed(&r, s->opt.seed, "schemes");
    int kit_offset = (int)rng_below(&r, 5), level_offset = (int)rng_below(&r, 4);
    for (int i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        plan_one(s, &r, i, kit_offset, level_offset, &out[i]);
    }
}
