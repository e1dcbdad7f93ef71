/* splits.c: legitimate split deliveries, the bait a laundering rule must
 * not bite on.  One manufacturer ships the parts of one machine (a
 * filament winding line, a gas turbine set, a flow-forming machine...) on
 * several B/Ls, from the same shipper to the same consignee, over the same
 * route within days, openly described as parts of that machine. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sim.h"
#include "util.h"

typedef struct {
    const char *part, *hs;
    double kg;
} machine_part;

typedef struct {
    const char *name;
    machine_part parts[6];
    int nparts;
    double usd_per_kg;
    const char *makers, *buyers;   /* space separated */
} machine;

static const machine machines[] = {
    {"FILAMENT WINDING MACHINE",
     {{"MANDREL DRIVE UNIT", "847989", 8000}, {"CARRIAGE AND FIBRE DELIVERY HEAD", "847990", 3000},
      {"RESIN BATH AND TENSIONER", "847990", 1500}, {"CNC CONTROL CABINET", "853710", 800},
      {"CURING OVEN", "851419", 6000}}, 5, 60, "DE IT US CN", "IN BR TR VN MX"},
    {"GAS TURBINE GENERATOR SET",
     {{"GAS TURBINE CORE ENGINE", "841182", 25000}, {"TURBINE ENCLOSURE", "841199", 18000},
      {"GENERATOR", "850164", 30000}, {"AUXILIARY SKID", "841199", 9000},
      {"CONTROL PANEL", "853710", 2500}}, 5, 90, "DE US JP IT", "SA AE IN EG BD VN MX"},
    {"PAPER MACHINE",
     {{"HEADBOX", "843991", 12000}, {"DRYER CYLINDERS", "843991", 22000},
      {"PRESS SECTION", "843991", 20000}, {"REEL AND WINDER", "843930", 15000},
      {"DRIVE MOTORS", "850152", 6000}}, 5, 20, "DE FI IT CN", "IN ID VN BR TR"},
    {"INJECTION MOULDING MACHINE",
     {{"CLAMPING UNIT", "847790", 14000}, {"INJECTION UNIT", "847790", 6000},
      {"HYDRAULIC POWER PACK", "841229", 2500}, {"ROBOT ARM", "847950", 800},
      {"MOULD", "848071", 3000}}, 5, 25, "DE AT JP CN TW", "MX VN IN TR"},
    {"WIND TURBINE",
     {{"NACELLE", "850231", 24000}, {"HUB", "850300", 18000}, {"ROTOR BLADE SET", "850300", 20000},
      {"TOWER SECTION", "730820", 25000}}, 4, 15, "DE DK ES CN", "TR BR IN VN ZA"},
    {"FLOW FORMING MACHINE",
     {{"MAIN FRAME AND HEADSTOCK", "846390", 12000}, {"ROLLER CARRIAGES", "846694", 4000},
      {"CNC CONTROL CABINET", "853710", 900}, {"HYDRAULIC UNIT", "841229", 2000},
      {"TOOLING SET", "820730", 1200}}, 5, 40, "DE IT TW CN", "TH IN MX TR"},
    {"VACUUM HEAT TREATMENT FURNACE",
     {{"VACUUM CHAMBER", "851419", 9000}, {"VACUUM PUMP SET", "841410", 1500},
      {"CONTROL CABINET", "853710", 700}, {"GAS QUENCH SYSTEM", "841990", 3000}}, 4, 45,
     "DE US CN IT", "IN MX KR TR"},
};

bool splits_check_tables(const refdata *ref)
{
    bool ok = true;
    for (size_t i = 0; i < COUNT_OF(machines); i++)
        for (int k = 0; k < machines[i].nparts; k++)
            if (!ref_hs_find(ref, machines[i].parts[k].hs)) {
                cw_err("sim: machine part HS %s is not in HS 2022", machines[i].parts[k].hs);
                ok = false;
            }
    return ok;
}

/* The k-th two-letter code of a space-separated list, picked at random. */
static void pick_country(rng *r, const char *list, char out[3])
{
    int n = (int)(strlen(list) + 1) / 3;
    int k = (int)rng_below(r, (uint32_t)n);
    out[0] = list[3 * k];
    out[1] = list[3 * k + 1];
    out[2] = 0;
}

static void describe(rng *r, int wording, const machine *mc, int i, int n, const char *contract,
                     char *out, size_t size)
{
    const char *part = mc->parts[i].part;
    switch (wording) {
    case 0:
        snprintf(out, size, "%s - PART %d OF %d: %s", mc->name, i + 1, n, part);
        break;
    case 1:
        snprintf(out, size, "%s FOR %s, SHIPMENT %d/%d, CONTRACT NO. %s", part, mc->name, i + 1, n,
                 contract);
        break;
    default:
        snprintf(out, size, "ONE (1) SET %s (PARTIAL SHIPMENT %d/%d) - %s", mc->name, i + 1, n, part);
    }
    (void)r;
}

static void part_line(rng *r, const machine *mc, int i, const char *origin, const char *currency,
                      goods_line *l)
{
    memset(l, 0, sizeof *l);
    goods_extend_hs(r, mc->parts[i].hs, l->hs);
    double kg = mc->parts[i].kg * rng_uniform(r, 0.85, 1.15);
    l->weight_kg = round(kg * 10) / 10;
    l->packages = kg > 10000 ? 1 : rng_range(r, 1, 6);
    scopy(l->package_type, sizeof l->package_type, kg > 10000 ? "PIECES" : "CRATES");
    l->value = round(kg * mc->usd_per_kg * rng_uniform(r, 0.8, 1.2) * goods_usd_rate(currency) * 100) / 100;
    scopy(l->currency, sizeof l->currency, currency);
    scopy(l->origin, sizeof l->origin, origin);
    l->container = 0;
}

static void plan_one(sim *s, rng *r, truth_rec *t)
{
    const machine *mc = &machines[rng_below(r, COUNT_OF(machines))];
    char maker_cc[3], buyer_cc[3];
    pick_country(r, mc->makers, maker_cc);
    pick_country(r, mc->buyers, buyer_cc);
    const company *maker = parties_pick(s->pt, r, maker_cc);
    const company *buyer = parties_pick(s->pt, r, buyer_cc);
    const company *fwd = parties_forwarder(s->pt, r);
    scopy(t->machine, sizeof t->machine, mc->name);
    const char *loading = world_port_in(s->w, r, maker_cc);
    const char *discharge = world_port_in(s->w, r, buyer_cc);
    if (!loading || !discharge) {
        loading = "DEHAM";
        discharge = "INNSA";
    }
    int64_t span = s->opt.end - s->opt.start;
    int64_t spread = span / 3 < 8 * DAY_MS ? span / 3 : 8 * DAY_MS;
    int64_t t0 = s->opt.start + (int64_t)(rng_unit(r) * (double)(span - spread));
    sailing first;
    world_sailing_via(s->w, r, t0, loading, NULL, 0, discharge, 0, &first);
    const char *currency = goods_currency_for(r, maker_cc);
    int wording = (int)rng_below(r, 3);
    char contract[24];
    snprintf(contract, sizeof contract, "%c%c-%u/%02u", maker_cc[0], buyer_cc[0],
             1000 + rng_below(r, 9000), 24 + rng_below(r, 3));
    bool insured = rng_chance(r, 0.5);
    int insurer = -1;
    parties_insurer(s->pt, r, &insurer);
    char policy[48];
    insurance_policy_number(s->ins, r, insurer, policy, sizeof policy);
    int n = mc->nparts - (mc->nparts > 3 && rng_chance(r, 0.3) ? 1 : 0);
    for (int i = 0; i < n; i++) {
        int64_t ti = t0 + (i == 0 ? 0 : (int64_t)(rng_unit(r) * (double)spread));
        manifest m;
        memset(&m, 0, sizeof m);
        m.s = first;
        /* a part filed after its ship sailed goes on a later sailing */
        if (ti + DAY_MS > first.departure)
            world_roll_sailing(s->w, &m.s, (int)((ti + DAY_MS - first.departure) / (7 * DAY_MS)) + 1);
        m.filed_at = ti;
        party_file_default(maker, r, &m.shipper);
        party_file_default(buyer, r, &m.consignee);
        m.has_notify = true;
        party_file_default(fwd, r, &m.notify);
        sim_new_bl(s, r, &m);
        m.nline = 1;
        part_line(r, mc, i, maker_cc, currency, &m.line[0]);
        describe(r, wording, mc, i, n, contract, m.line[0].description, sizeof m.line[0].description);
        sim_boxes(s, r, &m, 1, m.line[0].weight_kg > 15000 ? "45P3" : "42U1");
        certificate c, *cp = NULL;
        if (insured) {
            insurance_base(s->ins, r, &m, insurer, &c);
            scopy(c.policy, sizeof c.policy, policy);
            party_file_default(maker, r, &c.assured);
            c.has_beneficiary = true;
            party_file_default(buyer, r, &c.beneficiary);
            scopy(c.subject_matter, sizeof c.subject_matter, m.line[0].description);
            cp = &c;
        }
        publish_plan plan = {0.06, 0, 0.015, true};
        publish(&s->pub, &m, cp, &plan, &t->ids);
    }
}

void splits_plan(sim *s, truth_rec *out, int n)
{
    rng r;
    rng_seed(&r, s->opt.seed, "splits");
    for (int i = 0; i < n; i++) {
        truth_rec *t = &out[i];
        memset(t, 0, sizeof *t);
        t->split = true;
        snprintf(t->label, sizeof t->label, "L%04d", i + 1);
        plan_one(s, &r, t);
    }
}
