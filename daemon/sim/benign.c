/* benign.c: the ordinary traffic that is most of any feed.  Shipments on
 * the world's services between regular traders, their notify parties and
 * containers, some insured, a few carrying dual-use look-alikes that go
 * one by one between unrelated parties.  Filing times are spread over the
 * run so the message budget ends at the end of the span. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

/* Messages one benign shipment makes on average (manifest, certificate,
 * amendments, cancels, duplicates): paces the filing clock. */
#define MESSAGES_PER_SHIPMENT 1.41

static void cc_of(const char *locode, char cc[3])
{
    cc[0] = locode[0];
    cc[1] = locode[1];
    cc[2] = 0;
}

/* Initials of a forwarder's name make its house B/L prefix ("OBL"). */
static void house_prefix(const party *fwd, const char *loading, char out[8])
{
    size_t k = 0;
    bool start = true;
    for (const char *p = fwd->name; *p && k < 3; p++) {
        if (start && *p >= 'A' && *p <= 'Z')
            out[k++] = *p;
        else if (start && *p >= 'a' && *p <= 'z')
            out[k++] = (char)(*p - 32);
        start = *p == ' ';
    }
    while (k < 3)
        out[k++] = 'X';
    snprintf(out + k, 8 - k, "%.3s", loading + 2);
}

void sim_new_bl(sim *s, rng *r, manifest *m)
{
    uint64_t n = s->bl_counter++;
    id_bl(carrier_scac(m->s.carrier), m->s.loading, n, m->bl);
    m->master_bl[0] = 0;
    /* a forwarder's house B/L under the carrier's master */
    if (m->has_notify && rng_chance(r, 0.25) && strncmp(m->notify.name, "SAME", 4) != 0) {
        char prefix[8];
        house_prefix(&m->notify, m->s.loading, prefix);
        scopy(m->master_bl, sizeof m->master_bl, m->bl);
        id_house_bl(prefix, n, m->bl);
    }
}

void sim_boxes(sim *s, rng *r, manifest *m, int n, const char *type)
{
    static const char *const dry[] = {"45G1", "45G1", "42G1", "22G1", "22G1"};
    m->nbox = n < MAX_BOXES ? n : MAX_BOXES;
    for (int i = 0; i < m->nbox; i++) {
        container *b = &m->box[i];
        world_container(s->w, r, m->s.carrier, b->number);
        id_seal(r, carrier_scac(m->s.carrier), b->seal);
        scopy(b->type, sizeof b->type, type ? type : RNG_PICK(r, dry));
        if (rng_chance(r, 0.1))
            b->seal[0] = 0;
    }
}

void benign_notify(sim *s, rng *r, manifest *m, const company *consignee)
{
    double u = rng_unit(r);
    m->has_notify = true;
    if (u < 0.45) {
        party_file_default(parties_forwarder(s->pt, r), r, &m->notify);
    } else if (u < 0.65) {
        memset(&m->notify, 0, sizeof m->notify);
        scopy(m->notify.name, sizeof m->notify.name,
                 rng_chance(r, 0.7) ? "SAME AS CONSIGNEE" : "Same as consignee");
    } else if (u < 0.8) {
        party_file_default(parties_pick(s->pt, r, consignee->cc), r, &m->notify);
    } else {
        m->has_notify = false;
    }
}

static const char *box_type_for(const goods_line *l)
{
    if (strncmp(l->hs, "02", 2) == 0 || strncmp(l->hs, "03", 2) == 0 ||
        strncmp(l->hs, "07", 2) == 0 || strncmp(l->hs, "08", 2) == 0)
        return "45R1";
    return NULL;
}

void benign_fill_manifest(sim *s, rng *r, manifest *m, const sailing *sl,
                          const company *shipper, const company *consignee, int64_t filed_at)
{
    memset(m, 0, sizeof *m);
    m->s = *sl;
    m->filed_at = filed_at;
    party_file_default(shipper, r, &m->shipper);
    party_file_default(consignee, r, &m->consignee);
    benign_notify(s, r, m, consignee);
    sim_new_bl(s, r, m);
}

static int box_count(rng *r)
{
    double u = rng_unit(r);
    return u < 0.55 ? 1 : u < 0.8 ? 2 : rng_range(r, 3, 6);
}

static void benign_shipment(sim *s, rng *r, int64_t t)
{
    sailing sl;
    world_benign_sailing(s->w, r, t, &sl);
    char from[3], to[3];
    cc_of(sl.loading, from);
    cc_of(*sl.delivery ? sl.delivery : sl.discharge, to);
    static const char *const traders[] = {"HK", "SG", "AE", "US", "DE", "CH", "GB", "NL"};
    const char *shipper_cc = rng_chance(r, 0.9) ? from : RNG_PICK(r, traders);
    const company *shipper = parties_pick(s->pt, r, shipper_cc);
    const company *consignee = parties_pick(s->pt, r, to);
    manifest m;
    benign_fill_manifest(s, r, &m, &sl, shipper, consignee, t);
    int nbox = box_count(r);
    if (rng_chance(r, 0.025))
        m.nline = goods_bait(s->g, r, from, nbox, m.line, MAX_LINES);
    else
        m.nline = goods_benign(s->g, r, from, to, nbox, m.line, MAX_LINES);
    sim_boxes(s, r, &m, nbox, box_type_for(&m.line[0]));
    certificate c, *cp = NULL;
    if (rng_chance(r, 0.3)) {
        insurance_benign(s->ins, r, &m, shipper, consignee, &c);
        cp = &c;
    }
    publish_plan plan = {0.06, 0.005, 0.015, false};
    publish(&s->pub, &m, cp, &plan, NULL);
}

void benign_run(sim *s)
{
    rng r;
    rng_seed(&r, s->opt.seed, "benign");
    int64_t t = s->opt.start;
    while (s->pub.budget > 0) {
        /* the next filing: the time left shared by the shipments left */
        double left = (double)s->pub.budget / MESSAGES_PER_SHIPMENT;
        double gap = (double)(s->opt.end - t) / (left > 1 ? left : 1);
        t += (int64_t)rng_exponential(&r, gap > 0 ? gap : 0);
        if (t > s->opt.end)
            t = s->opt.end;
        if (!feed_release(s->pub.f, t))
            return;
        benign_shipment(s, &r, t);
    }
}
