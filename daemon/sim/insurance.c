/* insurance.c: marine cargo certificates as insurers and brokers issue
 * them.  A few insurers write everything; logistics firms hold open covers
 * that thousands of certificates are declared under; regular shippers have
 * their own policy; the rest buy one certificate at a time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

typedef struct {
    char number[48];
    int insurer;
    const company *holder;
} open_cover;

struct insurance {
    parties *p;
    uint64_t counter;
    open_cover covers[30];
    double cover_cum[30];
};

static const char *const banks[] = {
    "Bank of Asia Pacific", "First Gulf Trade Bank", "Commerce Harbour Bank",
    "United Merchants Bank", "Eastern Maritime Bank", "Continental Trade Finance Bank",
};

insurance *insurance_new(parties *p, uint64_t seed)
{
    insurance *in = cw_xcalloc(1, sizeof *in);
    in->p = p;
    rng r;
    rng_seed(&r, seed, "covers");
    in->counter = rng_below(&r, 500000);
    double t = 0;
    for (size_t i = 0; i < COUNT_OF(in->covers); i++) {
        open_cover *c = &in->covers[i];
        parties_insurer(p, &r, &c->insurer);
        c->holder = parties_forwarder(p, &r);
        snprintf(c->number, sizeof c->number, "OC/%s/%u/%04u", insurer_code(c->insurer),
                 2024 + rng_below(&r, 3), 1 + rng_below(&r, 9999));
        in->cover_cum[i] = (t += 1.0 / (1 + i)); /* a few covers carry most */
    }
    return in;
}

void insurance_free(insurance *in)
{
    free(in);
}

void insurance_policy_number(insurance *in, rng *r, int insurer, char *out, size_t n)
{
    (void)in;
    snprintf(out, n, "MOC-%s-%c%06u", insurer_code(insurer), 'A' + rng_below(r, 26),
             rng_below(r, 1000000));
}

static double manifest_value(const manifest *m, const char *currency)
{
    double usd = 0;
    for (int i = 0; i < m->nline; i++)
        usd += m->line[i].value / goods_usd_rate(m->line[i].currency);
    return usd * goods_usd_rate(currency);
}

static void claims_payable(rng *r, const manifest *m, certificate *c)
{
    double u = rng_unit(r);
    if (u < 0.4)
        scopy(c->claims_payable_at, sizeof c->claims_payable_at, m->s.discharge);
    else if (u < 0.7)
        snprintf(c->claims_payable_at, sizeof c->claims_payable_at, "At destination, in %s",
                 m->nline ? m->line[0].currency : "USD");
    else if (u < 0.8)
        scopy(c->claims_payable_at, sizeof c->claims_payable_at, "Worldwide, by appointed agents");
}

void insurance_base(insurance *in, rng *r, const manifest *m, int insurer, certificate *c)
{
    memset(c, 0, sizeof *c);
    int k;
    const company *ins = parties_insurer(in->p, r, &k);
    if (insurer >= 0) {
        k = insurer;
        ins = parties_insurer_at(in->p, k);
    }
    uint64_t n = in->counter++;
    char yy[32];
    cw_format_time(m->filed_at, yy); /* "2026-..." */
    snprintf(c->certificate, sizeof c->certificate, "%s/%.2s/%07llu", insurer_code(k), yy + 2,
             (unsigned long long)((n * 7919 + 13) % 10000000));
    c->issued_at = m->filed_at + (int64_t)rng_range(r, 10, 30 * 60) * MIN_MS;
    c->has_insurer = rng_chance(r, 0.9);
    if (c->has_insurer) {
        filing_opts o = FILING_DEFAULT;
        o.clean = true;
        o.name_mode = NAME_LATIN;
        party_file(ins, r, &o, &c->insurer);
    }
    c->has_conveyance = rng_chance(r, 0.7);
    scopy(c->from, sizeof c->from, m->s.loading);
    for (int i = 0; i < m->s.nts && i < 2; i++)
        scopy(c->via[c->nvia++], 6, m->s.ts[i]);
    scopy(c->to, sizeof c->to, m->s.discharge);
    if (rng_chance(r, 0.75))
        scopy(c->final_destination, sizeof c->final_destination,
                 *m->s.delivery ? m->s.delivery : m->s.discharge);
    claims_payable(r, m, c);
    /* insurers usually know the B/L or the boxes; now and then neither */
    c->refs_bl = rng_chance(r, 0.85);
    c->refs_boxes = rng_chance(r, c->refs_bl ? 0.5 : 0.75);
    scopy(c->currency, sizeof c->currency, m->nline ? m->line[0].currency : "USD");
    c->sum_insured = round(manifest_value(m, c->currency) * 1.1);
    c->source = rng_chance(r, 0.8) ? "insurer" : "broker";
}

void insurance_benign(insurance *in, rng *r, const manifest *m, const company *shipper,
                      const company *consignee, certificate *c)
{
    double u = rng_unit(r);
    const company *assured = shipper;
    if (u < 0.55) {            /* declared under a forwarder's open cover */
        const open_cover *oc = &in->covers[rng_cumulative(r, in->cover_cum, COUNT_OF(in->covers))];
        insurance_base(in, r, m, oc->insurer, c);
        scopy(c->policy, sizeof c->policy, oc->number);
        if (rng_chance(r, 0.5))
            assured = oc->holder;
    } else if (u < 0.8) {      /* the shipper's own annual policy, always the same insurer */
        char name[513];
        company_name(shipper, name, sizeof name);
        uint64_t h = cw_hash64(name, strlen(name)) ^ cw_hash64(shipper->cc, 2);
        int k = (int)(h % (uint64_t)parties_insurer_count());
        insurance_base(in, r, m, k, c);
        snprintf(c->policy, sizeof c->policy, "MOC-%s-%c%06llu", insurer_code(k),
                 'A' + (int)((h >> 8) % 26), (unsigned long long)((h >> 16) % 1000000ULL));
    } else {
        insurance_base(in, r, m, -1, c);
    }
    party_file_default(assured, r, &c->assured);
    u = rng_unit(r);
    if (u < 0.4) {
        c->has_beneficiary = true;
        party_file_default(consignee, r, &c->beneficiary);
    } else if (u < 0.55) {
        c->has_beneficiary = true;
        snprintf(c->beneficiary.name, sizeof c->beneficiary.name, "To the order of %s",
                 RNG_PICK(r, banks));
    }
    goods_subject_matter(r, m->line, m->nline, c->subject_matter, sizeof c->subject_matter);
}
