/* filings.c: one shipment as a feed carries it.  The original manifest,
 * and as the plan draws them: amendments (same B/L, new id, later filing,
 * something corrected), a cancel, re-deliveries of the same message (same
 * id, same bytes), and the insurance certificate.  Each message gets its
 * delivery time here: event time plus a lateness of at most 30 minutes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

#define MAX_LATENESS (30 * MIN_MS)

/* Most messages arrive within a minute or two; a few are held up to half
 * an hour (a broker batch, a retried upload). */
int64_t feed_lateness(rng *r)
{
    double u = rng_unit(r);
    if (u < 0.8)
        return (int64_t)rng_below(r, 90) * 1000;
    if (u < 0.95)
        return (int64_t)rng_below(r, 600) * 1000;
    return (int64_t)rng_below(r, (uint32_t)(MAX_LATENESS / 1000)) * 1000;
}

int publish_max_messages(void)
{
    return 1 + 1 + 2 + 1 + 4; /* original, certificate, amendments, cancel, duplicates */
}

static bool room(const publisher *p, const publish_plan *plan)
{
    return plan->must_fit || p->budget > 0;
}

/* Pushes a message, and sometimes the same bytes again a little later. */
static void push(publisher *p, const publish_plan *plan, int64_t event, int type,
                 const char *key, char *line)
{
    int64_t late = feed_lateness(&p->r);
    if (room(p, plan) && rng_chance(&p->r, plan->p_dup)) {
        int64_t again = late + (int64_t)rng_below(&p->r, (uint32_t)((MAX_LATENESS - late) / 1000 + 1)) * 1000;
        feed_push(p->f, event + again, type, key, cw_xstrdup(line));
        p->budget--;
        p->made++;
    }
    feed_push(p->f, event + late, type, key, line);
    p->budget--;
    p->made++;
}

static const char *original_action(rng *r)
{
    /* the contract's default; many feeds leave it out */
    return rng_chance(r, 0.7) ? "original" : NULL;
}

/* What an amendment corrects. */
static void amend(publisher *p, manifest *m)
{
    rng *r = &p->r;
    switch (rng_below(r, 5)) {
    case 0: /* weights and counts corrected after weighing */
        for (int i = 0; i < m->nline; i++) {
            m->line[i].weight_kg = round(m->line[i].weight_kg * rng_uniform(r, 0.9, 1.1) * 10) / 10;
            m->line[i].packages += rng_range(r, -2, 5);
            if (m->line[i].packages < 1)
                m->line[i].packages = 1;
        }
        break;
    case 1: /* rolled to the next sailing */
        world_roll_sailing(p->w, &m->s, 1);
        break;
    case 2: /* container number corrected */
        if (m->nbox > 0)
            world_container(p->w, r, m->s.carrier, m->box[0].number);
        break;
    case 3: /* notify party dropped, or the invoice value corrected */
        if (m->has_notify)
            m->has_notify = false;
        else
            m->line[0].value = round(m->line[0].value * rng_uniform(r, 0.95, 1.05) * 100) / 100;
        break;
    default: /* description completed with the HS code */
        if (m->nline > 0 && strlen(m->line[0].description) < 600) {
            size_t len = strlen(m->line[0].description);
            snprintf(m->line[0].description + len, sizeof m->line[0].description - len,
                     " HS %.6s", m->line[0].hs);
        }
    }
}

static void record(strlist *l, const char *s, id_record *rec)
{
    if (rec)
        strlist_add(l, s);
}

void publish(publisher *p, manifest *m, certificate *c, const publish_plan *plan, id_record *rec)
{
    rng *r = &p->r;
    char id[40];
    id_message(r, id);
    push(p, plan, m->filed_at, MSG_MANIFEST, m->bl, emit_manifest(m, id, original_action(r)));
    if (rec) {
        record(&rec->manifest_ids, id, rec);
        if (!strlist_has(&rec->bls, m->bl))
            strlist_add(&rec->bls, m->bl);
    }
    if (c && room(p, plan)) {
        id_message(r, id);
        /* certificates of the last day stay inside the run's span */
        if (c->issued_at > p->end)
            c->issued_at = p->end > m->filed_at ? p->end : m->filed_at;
        int64_t at = c->issued_at;
        push(p, plan, at, MSG_INSURANCE, c->certificate, emit_certificate(c, m, id));
        if (rec)
            record(&rec->insurance_ids, id, rec);
    }
    int amends = rng_chance(r, plan->p_amend) ? (rng_chance(r, 0.2) ? 2 : 1) : 0;
    int64_t last = m->filed_at;
    for (int i = 0; i < amends && room(p, plan); i++) {
        int64_t t = last + (int64_t)rng_range(r, 2 * 60, 72 * 60) * MIN_MS;
        if (t > p->end)
            break;
        m->filed_at = last = t;
        amend(p, m);
        id_message(r, id);
        push(p, plan, t, MSG_MANIFEST, m->bl, emit_manifest(m, id, "amend"));
        if (rec)
            record(&rec->manifest_ids, id, rec);
    }
    if (room(p, plan) && rng_chance(r, plan->p_cancel)) {
        int64_t t = last + (int64_t)rng_range(r, 60, 48 * 60) * MIN_MS;
        if (t <= p->end) {
            m->filed_at = t;
            id_message(r, id);
            push(p, plan, t, MSG_MANIFEST, m->bl, emit_manifest(m, id, "cancel"));
            if (rec)
                record(&rec->manifest_ids, id, rec);
        }
    }
}
