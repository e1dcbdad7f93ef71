/* goods.c: what the containers hold.  Real HS 2022 subheadings drawn with
 * the weight each chapter has in container trade, declared in the words
 * shippers use (the official text shortened, upper-cased, wrapped in trade
 * wording), with packages, weight and a value per kilogram typical of the
 * chapter, so a rule can learn a running median.  Also the benign dual-use
 * look-alikes that must not be taken for a scheme. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "sim.h"
#include "util.h"

enum { LIGHT, MEDIUM, HEAVY, REEFER };

typedef struct {
    const char *chapter;
    double weight;         /* share of container trade, rough */
    double usd_per_kg;     /* median declared value */
    int density;
    const char *packages;  /* '|' list */
} chapter_info;

static const chapter_info chapters[] = {
    {"02", 1.0, 4.0, REEFER, "CARTONS"}, {"03", 1.5, 5.0, REEFER, "CARTONS|BLOCKS"},
    {"07", 1.0, 1.2, REEFER, "CARTONS|BAGS"}, {"08", 2.0, 1.5, REEFER, "CARTONS"},
    {"09", 0.8, 4.0, HEAVY, "BAGS|CARTONS"}, {"10", 0.8, 0.5, HEAVY, "BAGS"},
    {"11", 0.5, 0.6, HEAVY, "BAGS"}, {"12", 0.8, 1.0, HEAVY, "BAGS"},
    {"15", 1.0, 1.2, HEAVY, "DRUMS|FLEXITANK|IBC"}, {"16", 0.8, 4.0, HEAVY, "CARTONS"},
    {"17", 0.6, 0.6, HEAVY, "BAGS"}, {"18", 0.4, 4.0, HEAVY, "BAGS|CARTONS"},
    {"19", 0.6, 3.0, MEDIUM, "CARTONS"}, {"20", 1.0, 1.8, HEAVY, "CARTONS|DRUMS"},
    {"21", 0.8, 4.0, MEDIUM, "CARTONS"}, {"22", 1.5, 2.0, HEAVY, "CARTONS|PALLETS"},
    {"23", 0.8, 0.5, HEAVY, "BAGS"}, {"25", 0.5, 0.2, HEAVY, "BAGS|BULK BAGS"},
    {"27", 0.5, 1.2, HEAVY, "DRUMS|IBC"}, {"28", 1.0, 1.0, HEAVY, "BAGS|DRUMS"},
    {"29", 2.0, 3.0, HEAVY, "DRUMS|BAGS|IBC"}, {"30", 0.8, 40.0, LIGHT, "CARTONS|PALLETS"},
    {"31", 0.5, 0.4, HEAVY, "BAGS|BULK BAGS"}, {"32", 1.0, 3.5, HEAVY, "DRUMS|PAILS|BAGS"},
    {"33", 1.0, 6.0, MEDIUM, "CARTONS"}, {"34", 1.0, 2.5, HEAVY, "CARTONS|DRUMS"},
    {"35", 0.3, 4.0, HEAVY, "BAGS|DRUMS"}, {"38", 2.0, 2.5, HEAVY, "DRUMS|IBC|BAGS"},
    {"39", 6.0, 2.2, MEDIUM, "BAGS|PALLETS|ROLLS"}, {"40", 2.5, 3.0, MEDIUM, "PALLETS|ROLLS|PIECES"},
    {"41", 0.3, 6.0, MEDIUM, "PALLETS|BUNDLES"}, {"42", 1.0, 15.0, LIGHT, "CARTONS"},
    {"44", 2.0, 0.7, HEAVY, "BUNDLES|PALLETS|CRATES"}, {"46", 0.2, 2.0, LIGHT, "CARTONS"},
    {"47", 1.0, 0.7, HEAVY, "BALES|UNITS"}, {"48", 2.5, 1.3, HEAVY, "ROLLS|REELS|PALLETS"},
    {"49", 0.3, 5.0, MEDIUM, "CARTONS|PALLETS"}, {"52", 1.0, 4.0, MEDIUM, "BALES|ROLLS"},
    {"54", 1.0, 4.0, MEDIUM, "ROLLS|CARTONS"}, {"55", 1.0, 3.0, MEDIUM, "BALES|CARTONS"},
    {"56", 0.5, 3.0, MEDIUM, "ROLLS|BALES"}, {"57", 0.3, 5.0, LIGHT, "ROLLS|BALES"},
    {"58", 0.3, 10.0, LIGHT, "ROLLS|CARTONS"}, {"59", 0.3, 4.0, MEDIUM, "ROLLS"},
    {"60", 1.0, 6.0, MEDIUM, "ROLLS"}, {"61", 3.0, 22.0, LIGHT, "CARTONS"},
    {"62", 3.0, 25.0, LIGHT, "CARTONS"}, {"63", 1.5, 5.0, LIGHT, "CARTONS|BALES"},
    {"64", 3.0, 18.0, LIGHT, "CARTONS"}, {"65", 0.3, 12.0, LIGHT, "CARTONS"},
    {"66", 0.2, 6.0, LIGHT, "CARTONS"}, {"67", 0.2, 15.0, LIGHT, "CARTONS"},
    {"68", 1.0, 0.5, HEAVY, "PALLETS|CRATES"}, {"69", 1.5, 1.0, HEAVY, "PALLETS|CARTONS"},
    {"70", 1.5, 1.5, HEAVY, "PALLETS|CRATES|CARTONS"}, {"72", 2.0, 0.9, HEAVY, "COILS|BUNDLES|PIECES"},
    {"73", 4.0, 2.8, HEAVY, "PALLETS|BUNDLES|CRATES|CARTONS"}, {"74", 0.8, 9.0, HEAVY, "COILS|PALLETS"},
    {"76", 1.5, 4.0, MEDIUM, "PALLETS|COILS|BUNDLES"}, {"79", 0.2, 3.5, HEAVY, "BUNDLES|PALLETS"},
    {"82", 1.0, 9.0, MEDIUM, "CARTONS|PALLETS"}, {"83", 1.0, 6.0, MEDIUM, "CARTONS|PALLETS"},
    {"84", 12.0, 14.0, MEDIUM, "PALLETS|CRATES|CASES|PACKAGES|PIECES|CARTONS"},
    {"85", 12.0, 22.0, MEDIUM, "CARTONS|PALLETS|CASES|PACKAGES"},
    {"87", 4.0, 7.0, MEDIUM, "UNITS|PACKAGES|CASES|PIECES"}, {"89", 0.1, 5.0, HEAVY, "UNITS|PIECES"},
    {"90", 2.0, 60.0, LIGHT, "CASES|CARTONS|PACKAGES"}, {"91", 0.2, 150.0, LIGHT, "CARTONS"},
    {"92", 0.2, 12.0, LIGHT, "CARTONS|CASES"}, {"94", 5.0, 3.5, LIGHT, "CARTONS|PACKAGES|PIECES"},
    {"95", 3.0, 6.0, LIGHT, "CARTONS"}, {"96", 1.0, 5.0, MEDIUM, "CARTONS"},
};

/* ---- the benign look-alikes ------------------------------------------------
 * Goods whose words or codes look like parts of a controlled item but that
 * go, one by one, between ordinary traders. */
typedef struct {
    const char *hs[3];
    const char *texts;     /* '|' list */
    double usd_per_kg, kg_lo, kg_hi;
    const char *package;
} bait;

static const bait baits[] = {
    {{"760320", "760310", NULL}, "ALUMINIUM PASTE FOR PAINT|ALUMINIUM POWDER FOR COATINGS|"
     "ALUMINIUM PIGMENT POWDER (PAINT GRADE)|NON-LEAFING ALUMINIUM PASTE|Aluminium flake pigment for automotive paint",
     4, 4000, 18000, "DRUMS"},
    {{"901480", "901410", NULL}, "MARINE GYROCOMPASS|GYRO COMPASS FOR VESSEL, SPARE PARTS|"
     "SHIP NAVIGATION EQUIPMENT: GYROCOMPASS AND REPEATERS|Autopilot and gyro compass system for newbuilding",
     400, 80, 600, "CASES"},
    {{"848180", "848120", NULL}, "INDUSTRIAL VALVES|BALL VALVES, STAINLESS STEEL|GATE VALVES DN150 PN16|"
     "HYDRAULIC DIRECTIONAL CONTROL VALVES|PROPORTIONAL VALVES FOR INJECTION MOULDING MACHINES",
     12, 1000, 12000, "PALLETS"},
    {{"871491", NULL, NULL}, "CARBON FIBRE BICYCLE FRAMES|CARBON FRAMES AND FORKS|"
     "BICYCLE PARTS - CARBON FRAME SETS|Carbon fiber road bike frames", 90, 300, 2500, "CARTONS"},
    {{"870410", "870423", "870590"}, "MINING DUMP TRUCK|OFF-HIGHWAY DUMP TRUCKS|6X4 TIPPER TRUCK|"
     "HEAVY DUTY TRUCK 6X4 (NEW)|TRUCK MOUNTED CRANE 25T", 12, 12000, 30000, "UNITS"},
    {{"841410", NULL, NULL}, "ROTARY VANE VACUUM PUMP|VACUUM PUMPS FOR LABORATORY USE|"
     "DRY SCREW VACUUM PUMPS|Liquid ring vacuum pump with motor", 60, 100, 2000, "CRATES"},
    {{"850440", NULL, NULL}, "VARIABLE FREQUENCY DRIVE|VFD INVERTER 37KW|FREQUENCY INVERTERS FOR PUMPS|"
     "AC DRIVES 400V", 40, 200, 3000, "CARTONS"},
    {{"903180", NULL, NULL}, "VIBRATION SENSORS|ACCELEROMETERS FOR CONDITION MONITORING|"
     "MEMS VIBRATION TRANSMITTERS FOR PUMPS", 800, 20, 200, "CARTONS"},
    {{"852691", NULL, NULL}, "GPS TRACKER MODULES FOR FLEET MANAGEMENT|GPS NAVIGATION DEVICES FOR CARS|"
     "GNSS RECEIVER FOR LAND SURVEYING", 150, 100, 1500, "CARTONS"},
    {{"681513", NULL, NULL}, "CARBON FIBRE COMPOSITE CYLINDERS FOR SCBA|CARBON COMPOSITE AIR CYLINDERS 6.8L|"
     "TYPE 3 COMPOSITE CYLINDERS FOR BREATHING APPARATUS", 120, 300, 3000, "CARTONS"},
    {{"841221", NULL, NULL}, "HYDRAULIC CYLINDERS FOR EXCAVATOR|HYDRAULIC CYLINDER BOOM ARM BUCKET|"
     "TELESCOPIC HYDRAULIC CYLINDERS FOR DUMP TRUCKS", 8, 2000, 15000, "CRATES"},
    {{"850511", NULL, NULL}, "NDFEB MAGNETS FOR MOTORS|NEODYMIUM RING MAGNETS N42|"
     "PERMANENT MAGNETS FOR LOUDSPEAKERS", 50, 200, 5000, "CARTONS"},
    {{"830710", NULL, NULL}, "STAINLESS STEEL FLEXIBLE HOSES|METAL BELLOWS EXPANSION JOINTS|"
     "FLEXIBLE METAL HOSE ASSEMBLIES", 15, 500, 5000, "CRATES"},
    {{"842542", NULL, NULL}, "HYDRAULIC FLOOR JACKS|BOTTLE JACKS 20T|HYDRAULIC JACKS FOR VEHICLE LIFT",
     3, 3000, 15000, "CARTONS"},
    {{"854511", NULL, NULL}, "GRAPHITE ELECTRODES UHP 450MM|GRAPHITE ELECTRODES WITH NIPPLES",
     4, 10000, 22000, "CRATES"},
    {{"282990", NULL, NULL}, "POTASSIUM PERCHLORATE (FIREWORKS GRADE)|SODIUM PERCHLORATE FOR ELECTROPLATING",
     3, 5000, 20000, "DRUMS"},
    {{"400220", NULL, NULL}, "POLYBUTADIENE RUBBER BR9000|SYNTHETIC RUBBER BR FOR TYRES",
     2, 15000, 20000, "BAGS"},
    {{"846390", NULL, NULL}, "METAL SPINNING MACHINE FOR COOKWARE|CNC SPINNING LATHE FOR LAMP SHADES",
     20, 2000, 8000, "CRATES"},
};

struct goods {
    const refdata *ref;
    char **plain;          /* per ref->hs entry: the official text as shippers shorten it */
    const ref_hs **by_chapter[COUNT_OF(chapters)];
    size_t nby_chapter[COUNT_OF(chapters)];
    double cum[COUNT_OF(chapters)];
};

static void plain_official(const char *official, char *out, size_t n);

goods *goods_new(const refdata *ref)
{
    goods *g = cw_xcalloc(1, sizeof *g);
    g->ref = ref;
    /* the cleaning is the slow part of wording a line: do it once per code */
    g->plain = cw_xcalloc(ref->nhs, sizeof *g->plain);
    for (size_t i = 0; i < ref->nhs; i++) {
        char text[600];
        plain_official(ref->hs[i].desc, text, sizeof text);
        g->plain[i] = cw_xstrdup(*text ? text : "GENERAL CARGO");
    }
    double t = 0;
    for (size_t c = 0; c < COUNT_OF(chapters); c++) {
        g->by_chapter[c] = cw_xcalloc(ref->nhs, sizeof(ref_hs *));
        for (size_t i = 0; i < ref->nhs; i++)
            if (strncmp(ref->hs[i].code, chapters[c].chapter, 2) == 0)
                g->by_chapter[c][g->nby_chapter[c]++] = &ref->hs[i];
        g->cum[c] = (t += g->nby_chapter[c] ? chapters[c].weight : 0);
    }
    return g;
}

void goods_free(goods *g)
{
    if (!g)
        return;
    for (size_t c = 0; c < COUNT_OF(chapters); c++)
        free(g->by_chapter[c]);
    for (size_t i = 0; i < g->ref->nhs; i++)
        free(g->plain[i]);
    free(g->plain);
    free(g);
}

bool goods_check_tables(const refdata *ref)
{
    bool ok = true;
    for (size_t i = 0; i < COUNT_OF(baits); i++)
        for (int k = 0; k < 3 && baits[i].hs[k]; k++)
            if (!ref_hs_find(ref, baits[i].hs[k])) {
                cw_err("sim: bait HS %s is not in HS 2022", baits[i].hs[k]);
                ok = false;
            }
    return ok;
}

/* ---- currencies ---------------------------------------------------------- */

static const struct { const char *code; double per_usd; } rates[] = {
    {"USD", 1}, {"EUR", 0.92}, {"CNY", 7.2}, {"JPY", 150}, {"GBP", 0.79},
    {"KRW", 1350}, {"INR", 83}, {"AED", 3.67},
};

double goods_usd_rate(const char *currency)
{
    for (size_t i = 0; i < COUNT_OF(rates); i++)
        if (strcmp(rates[i].code, currency) == 0)
            return rates[i].per_usd;
    return 1;
}

/* Most trade is invoiced in dollars; Europe often in euros; some
 * exporters in their own money. */
const char *goods_currency_for(rng *r, const char *cc)
{
    static const char *const euro[] = {"DE", "NL", "BE", "FR", "IT", "ES", "AT", "PT", "GR", "FI", "IE"};
    for (size_t i = 0; i < COUNT_OF(euro); i++)
        if (strcmp(euro[i], cc) == 0)
            return rng_chance(r, 0.6) ? "EUR" : "USD";
    double u = rng_unit(r);
    if (strcmp(cc, "CN") == 0 && u < 0.04) return "CNY";
    if (strcmp(cc, "JP") == 0 && u < 0.25) return "JPY";
    if (strcmp(cc, "GB") == 0 && u < 0.4) return "GBP";
    if (strcmp(cc, "KR") == 0 && u < 0.05) return "KRW";
    if (strcmp(cc, "IN") == 0 && u < 0.05) return "INR";
    if (strcmp(cc, "AE") == 0 && u < 0.10) return "AED";
    return "USD";
}

static double money(double usd, const char *currency)
{
    double v = usd * goods_usd_rate(currency);
    return round(v * 100) / 100;
}

/* ---- wording ------------------------------------------------------------- */

static void variant(const char *s, int k, char *out, size_t n)
{
    while (k > 0 && *s)
        if (*s++ == '|')
            k--;
    size_t len = 0;
    while (s[len] && s[len] != '|')
        len++;
    snprintf(out, n, "%.*s", (int)len, s);
}

static int count_variants(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += *s == '|';
    return n;
}

static void pick_variant(rng *r, const char *list, char *out, size_t n)
{
    variant(list, (int)rng_below(r, (uint32_t)count_variants(list)), out, n);
}

static char *find_ci(char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return p;
    return NULL;
}

/* The official text without what shippers leave out: parentheses, the
 * "n.e.c." and "other than" qualifications. */
static void plain_official(const char *official, char *out, size_t n)
{
    size_t k = 0;
    int depth = 0;
    for (const char *p = official; *p && k + 1 < n; p++) {
        /* "(excluding ...)" goes; "Poly(vinyl chloride)" is a name and stays */
        if (*p == '(' && (depth || p == official || p[-1] == ' '))
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (!depth)
            out[k++] = *p;
    }
    out[k] = 0;
    static const char *const cuts[] = {
        " n.e.c", ", n.e.c", " not elsewhere", " other than", ", other than", " whether or not",
        " excluding", " including", " not specified", ", of a kind", " of a kind used",
        " and parts thereof", ", for the manufacture",
    };
    for (size_t i = 0; i < COUNT_OF(cuts); i++) {
        char *c = find_ci(out, cuts[i]);
        if (c)
            *c = 0;
    }
    /* "Valves; for oleohydraulic ..." -> "Valves for oleohydraulic ..." */
    for (char *p = out; *p; p++)
        if (*p == ';')
            *p = ',';
    size_t len = strlen(out);
    while (len > 0 && (out[len - 1] == ' ' || out[len - 1] == ',' || out[len - 1] == ';'))
        out[--len] = 0;
    /* collapse doubled spaces left by the cuts */
    char *w = out;
    for (char *p = out; *p; p++) {
        if (*p == ',' && w > out && w[-1] == ' ')
            w--;
        if (!(*p == ' ' && (w == out || w[-1] == ' ')))
            *w++ = *p;
    }
    *w = 0;
}

static void shorten(char *s, size_t max)
{
    if (strlen(s) <= max)
        return;
    size_t cut = max;
    while (cut > 10 && s[cut] != ' ')
        cut--;
    s[cut] = 0;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ',' || s[len - 1] == ' '))
        s[--len] = 0;
    static const char *const dangling[] = {" and", " or", " of", " for", " with", " the", " in"};
    for (size_t i = 0; i < COUNT_OF(dangling); i++) {
        size_t d = strlen(dangling[i]);
        len = strlen(s);
        if (len > d && strcasecmp(s + len - d, dangling[i]) == 0)
            s[len - d] = 0;
    }
}

/* Trade wording around the goods: said-to-contain, the HS code written
 * in, purchase order and invoice numbers. */
static void trade_words(rng *r, const char *hs, const char *text, char *out, size_t n)
{
    double u = rng_unit(r);
    char prefix[48] = "", suffix[64] = "";
    if (u < 0.12)
        snprintf(prefix, sizeof prefix, "STC ");
    else if (u < 0.18)
        snprintf(prefix, sizeof prefix, "SAID TO CONTAIN ");
    else if (u < 0.22)
        snprintf(prefix, sizeof prefix, "%u PACKAGES ", 1 + rng_below(r, 400));
    u = rng_unit(r);
    if (u < 0.15)
        snprintf(suffix, sizeof suffix, " HS CODE %.4s.%.2s", hs, hs + 4);
    else if (u < 0.22)
        snprintf(suffix, sizeof suffix, " HS: %s", hs);
    else if (u < 0.30)
        snprintf(suffix, sizeof suffix, " PO NO. %u", 4500000 + rng_below(r, 400000));
    else if (u < 0.36)
        snprintf(suffix, sizeof suffix, " INV NO. %c%c%u", 'A' + rng_below(r, 26),
                 'A' + rng_below(r, 26), 10000 + rng_below(r, 90000));
    else if (u < 0.40)
        snprintf(suffix, sizeof suffix, " FREIGHT PREPAID");
    snprintf(out, n, "%s%s%s", prefix, text, suffix);
}

/* Shipper's words for a text already cleaned by plain_official(). */
static void shipper_words(rng *r, const char *clean, const char *hs, char *out, size_t n)
{
    char plain[600];
    scopy(plain, sizeof plain, clean);
    double u = rng_unit(r);
    if (u < 0.35) {
        char *comma = strchr(plain, ',');
        if (comma && comma - plain > 3)
            *comma = 0;
    }
    shorten(plain, u < 0.6 ? 48 : 90);
    if (rng_chance(r, 0.7))
        upcase_utf8(plain);
    trade_words(r, hs, plain, out, n);
}

void goods_shipper_text(rng *r, const char *official, const char *hs, char *out, size_t n)
{
    char plain[600];
    plain_official(official, plain, sizeof plain);
    shipper_words(r, *plain ? plain : "GENERAL CARGO", hs, out, n);
}

void goods_extend_hs(rng *r, const char *hs6, char out[11])
{
    static const char *const two[] = {"00", "10", "90", "19", "20", "80"};
    static const char *const four[] = {"0000", "0090", "9000", "1000", "0010", "9090"};
    double u = rng_unit(r);
    if (u < 0.6)
        snprintf(out, 11, "%.6s", hs6);
    else if (u < 0.85)
        snprintf(out, 11, "%.6s%s", hs6, RNG_PICK(r, two));
    else
        snprintf(out, 11, "%.6s%s", hs6, RNG_PICK(r, four));
}

/* ---- lines ----------------------------------------------------------------- */

static double payload_kg(int density)
{
    switch (density) {
    case LIGHT: return 6500;
    case HEAVY: return 21000;
    case REEFER: return 22000;
    default: return 13000;
    }
}

static double kg_per_package(const char *type)
{
    static const struct { const char *type; double kg; } sizes[] = {
        {"CARTONS", 14}, {"BAGS", 25}, {"DRUMS", 200}, {"PALLETS", 650}, {"CRATES", 400},
        {"CASES", 120}, {"PACKAGES", 250}, {"PIECES", 900}, {"ROLLS", 500}, {"REELS", 800},
        {"COILS", 5000}, {"BUNDLES", 1800}, {"BALES", 220}, {"IBC", 1000}, {"UNITS", 12000},
        {"BLOCKS", 20}, {"FLEXITANK", 22000}, {"BULK BAGS", 1000}, {"PAILS", 20},
    };
    for (size_t i = 0; i < COUNT_OF(sizes); i++)
        if (strcmp(sizes[i].type, type) == 0)
            return sizes[i].kg;
    return 100;
}

static const char *origin_of(rng *r, const char *shipper_cc)
{
    static const char *const makers[] = {"CN", "CN", "CN", "VN", "IN", "DE", "JP", "KR", "TH", "MY", "TW", "US", "IT", "TR"};
    return rng_chance(r, 0.85) ? shipper_cc : RNG_PICK(r, makers);
}

static void fill_line(rng *r, goods_line *l, const char *hs6, const char *text,
                      const char *pkg, double kg, double usd_per_kg, const char *origin,
                      const char *currency, int box)
{
    memset(l, 0, sizeof *l);
    scopy(l->description, sizeof l->description, text);
    goods_extend_hs(r, hs6, l->hs);
    scopy(l->package_type, sizeof l->package_type, pkg);
    l->weight_kg = round(kg * 10) / 10;
    int packages = (int)(kg / kg_per_package(pkg) + 0.5);
    l->packages = packages < 1 ? 1 : packages;
    l->value = money(kg * rng_lognormal(r, usd_per_kg, 0.45), currency);
    scopy(l->currency, sizeof l->currency, currency);
    scopy(l->origin, sizeof l->origin, origin);
    l->container = box;
}

int goods_benign(goods *g, rng *r, const char *origin, const char *dest_cc, int nbox,
                 goods_line *lines, int max)
{
    (void)dest_cc;
    double u = rng_unit(r);
    int n = u < 0.62 ? 1 : u < 0.86 ? 2 : rng_range(r, 3, 5);
    if (n > max)
        n = max;
    size_t ch = rng_cumulative(r, g->cum, COUNT_OF(chapters));
    const char *currency = goods_currency_for(r, origin);
    double total = nbox * payload_kg(chapters[ch].density) * rng_uniform(r, 0.45, 1.0);
    for (int i = 0; i < n; i++) {
        if (i > 0 && rng_chance(r, 0.4)) /* a consolidation mixes chapters */
            ch = rng_cumulative(r, g->cum, COUNT_OF(chapters));
        const chapter_info *c = &chapters[ch];
        const ref_hs *h = g->by_chapter[ch][rng_below(r, (uint32_t)g->nby_chapter[ch])];
        char text[600], pkg[16];
        shipper_words(r, g->plain[h - g->ref->hs], h->code, text, sizeof text);
        pick_variant(r, c->packages, pkg, sizeof pkg);
        double kg = total / n * rng_uniform(r, 0.6, 1.4);
        fill_line(r, &lines[i], h->code, text, pkg, kg, c->usd_per_kg, origin_of(r, origin),
                  currency, nbox > 0 ? i % nbox : -1);
    }
    return n;
}

int goods_bait(goods *g, rng *r, const char *origin, int nbox, goods_line *lines, int max)
{
    (void)g;
    if (max < 1)
        return 0;
    const bait *b = &baits[rng_below(r, COUNT_OF(baits))];
    int nhs = 0;
    while (nhs < 3 && b->hs[nhs])
        nhs++;
    char text[300];
    pick_variant(r, b->texts, text, sizeof text);
    double kg = rng_uniform(r, b->kg_lo, b->kg_hi);
    fill_line(r, &lines[0], b->hs[rng_below(r, (uint32_t)nhs)], text, b->package, kg,
              b->usd_per_kg, origin, goods_currency_for(r, origin), nbox > 0 ? 0 : -1);
    return 1;
}

/* The insurer's words for the cargo: fuller than the manifest's, with the
 * invoice and packing the policy refers to. */
void goods_subject_matter(rng *r, const goods_line *lines, int n, char *out, size_t size)
{
    char first[400];
    snprintf(first, sizeof first, "%.390s", n > 0 ? lines[0].description : "General cargo");
    static const char *const drop[] = {"STC ", "SAID TO CONTAIN "};
    for (size_t i = 0; i < COUNT_OF(drop); i++)
        if (strncmp(first, drop[i], strlen(drop[i])) == 0)
            memmove(first, first + strlen(drop[i]), strlen(first) - strlen(drop[i]) + 1);
    double u = rng_unit(r);
    if (u < 0.35)
        scopy(out, size, first);
    else if (u < 0.55)
        snprintf(out, size, "New %s, as per commercial invoice", first);
    else if (u < 0.75)
        snprintf(out, size, "%d packages said to contain %s", n > 0 ? lines[0].packages : 1, first);
    else if (u < 0.9)
        snprintf(out, size, "%s%s", first, n > 1 ? " and other goods as per packing list" : "");
    else
        snprintf(out, size, "General merchandise: %s", first);
}
