/* world.c: the physical side of the trade.  Which ports matter (the big
 * container ports, weighted by their throughput, and the long tail of the
 * UN/LOCODE seaports), trade lanes between regions, the carriers with their
 * fleets, the weekly liner services that run the lanes, and the sailings a
 * B/L rides: vessel, voyage, departure, arrival, transshipments.  Shipments
 * on one service's week share vessel and voyage, as in a real feed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sim.h"
#include "util.h"

/* ---- the big ports ------------------------------------------------------
 * Throughput in million TEU a year (rounded public figures), and positions
 * of the container terminals: the source's coordinates are approximate, and
 * wrong for the codes it lists as airports (see rules/reference/README.md).
 * Weight 0: called only by schemes. */
typedef struct {
    const char *code;
    double teu, lat, lon;
    int region;
} major_port;

static const major_port majors[] = {
    {"CNSHA", 49.0, 31.35, 121.62, R_EAST_ASIA}, {"CNNGB", 35.0, 29.93, 121.85, R_EAST_ASIA},
    {"CNSZX", 14.0, 22.49, 113.88, R_EAST_ASIA}, {"CNYTN", 14.0, 22.57, 114.27, R_EAST_ASIA},
    {"CNTAO", 29.0, 36.02, 120.22, R_EAST_ASIA}, {"CNNSA", 20.0, 22.70, 113.65, R_EAST_ASIA},
    {"CNTXG", 22.0, 38.98, 117.78, R_EAST_ASIA}, {"CNXMN", 12.0, 24.47, 118.07, R_EAST_ASIA},
    {"CNDLC", 5.0, 38.93, 121.65, R_EAST_ASIA},  {"CNLYG", 5.5, 34.74, 119.45, R_EAST_ASIA},
    {"CNRZH", 3.0, 35.38, 119.56, R_EAST_ASIA},  {"CNQZH", 4.0, 21.70, 108.60, R_EAST_ASIA},
    {"CNSHK", 3.0, 22.48, 113.91, R_EAST_ASIA},  {"HKHKG", 14.0, 22.33, 114.12, R_EAST_ASIA},
    {"KRPUS", 23.0, 35.08, 128.83, R_EAST_ASIA}, {"KRINC", 3.4, 37.38, 126.64, R_EAST_ASIA},
    {"KRKAN", 2.0, 34.90, 127.69, R_EAST_ASIA},  {"KRUSN", 0.5, 35.50, 129.38, R_EAST_ASIA},
    {"TWKHH", 9.0, 22.56, 120.31, R_EAST_ASIA},  {"TWKEL", 1.5, 25.14, 121.74, R_EAST_ASIA},
    {"TWTXG", 1.7, 24.29, 120.50, R_EAST_ASIA},  {"JPTYO", 4.3, 35.62, 139.79, R_EAST_ASIA},
    {"JPYOK", 2.9, 35.44, 139.67, R_EAST_ASIA},  {"JPUKB", 2.9, 34.67, 135.22, R_EAST_ASIA},
    {"JPOSA", 2.4, 34.63, 135.42, R_EAST_ASIA},  {"JPNGO", 2.7, 35.05, 136.85, R_EAST_ASIA},
    {"JPHKT", 1.0, 33.62, 130.38, R_EAST_ASIA},  {"RUVVO", 1.5, 43.10, 131.88, R_EAST_ASIA},
    {"SGSIN", 39.0, 1.26, 103.80, R_SE_ASIA},    {"MYPKG", 14.0, 2.98, 101.33, R_SE_ASIA},
    {"MYTPP", 10.5, 1.36, 103.55, R_SE_ASIA},    {"MYPEN", 1.5, 5.41, 100.36, R_SE_ASIA},
    {"THLCH", 8.9, 13.08, 100.88, R_SE_ASIA},    {"THBKK", 1.5, 13.69, 100.57, R_SE_ASIA},
    {"VNSGN", 7.9, 10.76, 106.79, R_SE_ASIA},    {"VNCMT", 5.0, 10.52, 107.02, R_SE_ASIA},
    {"VNHPH", 6.0, 20.84, 106.77, R_SE_ASIA},    {"IDJKT", 7.0, -6.10, 106.88, R_SE_ASIA},
    {"IDSUB", 3.9, -7.20, 112.73, R_SE_ASIA},    {"PHMNL", 5.0, 14.61, 120.95, R_SE_ASIA},
    {"LKCMB", 7.0, 6.95, 79.84, R_SOUTH_ASIA},   {"INNSA", 6.4, 18.95, 72.95, R_SOUTH_ASIA},
    {"INMUN", 7.4, 22.74, 69.70, R_SOUTH_ASIA},  {"INMAA", 1.6, 13.10, 80.30, R_SOUTH_ASIA},
    {"INPAV", 0.8, 20.91, 71.51, R_SOUTH_ASIA},  {"INHZA", 0.8, 21.08, 72.63, R_SOUTH_ASIA},
    {"PKKHI", 2.0, 24.84, 66.98, R_SOUTH_ASIA},  {"PKBQM", 1.1, 24.78, 67.35, R_SOUTH_ASIA},
    {"BDCGP", 3.0, 22.31, 91.80, R_SOUTH_ASIA},  {"AEJEA", 14.5, 25.01, 55.06, R_MIDDLE_EAST},
    {"AEKLF", 4.0, 25.35, 56.36, R_MIDDLE_EAST}, {"AEKHL", 2.5, 24.81, 54.65, R_MIDDLE_EAST},
    {"AESHJ", 0.4, 25.36, 55.38, R_MIDDLE_EAST}, {"OMSLL", 4.5, 16.94, 54.00, R_MIDDLE_EAST},
    {"OMSOH", 1.0, 24.52, 56.62, R_MIDDLE_EAST}, {"SAJED", 5.0, 21.47, 39.15, R_MIDDLE_EAST},
    {"SADMM", 2.3, 26.51, 50.20, R_MIDDLE_EAST}, {"QAHMD", 1.5, 25.01, 51.61, R_MIDDLE_EAST},
    {"KWSWK", 0.6, 29.36, 47.93, R_MIDDLE_EAST}, {"IQUQR", 1.2, 30.03, 47.95, R_MIDDLE_EAST},
    {"IRBND", 0.8, 27.11, 56.06, R_MIDDLE_EAST}, {"IRBKM", 0.1, 30.43, 49.08, R_MIDDLE_EAST},
    {"IRBUZ", 0.0, 28.98, 50.83, R_MIDDLE_EAST}, {"EGPSD", 3.5, 31.23, 32.35, R_MED},
    {"EGALY", 1.5, 31.18, 29.87, R_MED},         {"GRPIR", 5.1, 37.94, 23.58, R_MED},
    {"TRMER", 2.0, 36.79, 34.64, R_MED},         {"TRAMR", 3.0, 40.97, 28.69, R_MED},
    {"TRIZM", 0.8, 38.44, 27.14, R_MED},         {"TRGEM", 1.0, 40.42, 29.11, R_MED},
    {"ESVLC", 4.8, 39.44, -0.32, R_MED},         {"ESALG", 4.7, 36.13, -5.44, R_MED},
    {"ESBCN", 3.5, 41.34, 2.16, R_MED},          {"ITGOA", 2.5, 44.40, 8.90, R_MED},
    {"ITGIT", 3.5, 38.45, 15.90, R_MED},         {"ITSPE", 1.2, 44.10, 9.85, R_MED},
    {"ITTRS", 0.9, 45.62, 13.75, R_MED},         {"MAPTM", 8.6, 35.88, -5.50, R_MED},
    {"FRFOS", 1.5, 43.40, 4.87, R_MED},          {"DZALG", 0.5, 36.77, 3.07, R_MED},
    {"NLRTM", 13.4, 51.95, 4.05, R_N_EUROPE},    {"BEANR", 12.5, 51.28, 4.33, R_N_EUROPE},
    {"DEHAM", 7.7, 53.53, 9.92, R_N_EUROPE},     {"DEBRV", 4.5, 53.58, 8.53, R_N_EUROPE},
    {"DEWVN", 0.7, 53.59, 8.15, R_N_EUROPE},     {"BEZEE", 2.3, 51.35, 3.18, R_N_EUROPE},
    {"GBFXT", 3.7, 51.95, 1.32, R_N_EUROPE},     {"GBLGP", 2.0, 51.50, 0.48, R_N_EUROPE},
    {"GBSOU", 1.7, 50.90, -1.43, R_N_EUROPE},    {"FRLEH", 2.9, 49.47, 0.12, R_N_EUROPE},
    {"PLGDN", 2.1, 54.39, 18.71, R_N_EUROPE},    {"RULED", 1.8, 59.88, 30.21, R_N_EUROPE},
    {"USLAX", 9.9, 33.74, -118.26, R_NA_WEST},   {"USLGB", 9.1, 33.75, -118.21, R_NA_WEST},
    {"USOAK", 2.3, 37.80, -122.32, R_NA_WEST},   {"USSEA", 1.8, 47.58, -122.35, R_NA_WEST},
    {"USTIW", 1.6, 47.27, -122.41, R_NA_WEST},   {"CAVAN", 3.5, 49.29, -123.11, R_NA_WEST},
    {"CAPRR", 1.0, 54.30, -130.33, R_NA_WEST},   {"MXZLO", 3.5, 19.06, -104.30, R_NA_WEST},
    {"MXLZC", 1.5, 17.94, -102.17, R_NA_WEST},   {"USNYC", 8.0, 40.67, -74.15, R_NA_EAST},
    {"USSAV", 5.5, 32.13, -81.14, R_NA_EAST},    {"USHOU", 3.8, 29.61, -95.01, R_NA_EAST},
    {"USORF", 3.5, 36.90, -76.33, R_NA_EAST},    {"USCHS", 2.5, 32.90, -79.95, R_NA_EAST},
    {"CAMTR", 1.6, 45.56, -73.52, R_NA_EAST},    {"MXVER", 1.2, 19.21, -96.13, R_NA_EAST},
    {"PAMIT", 2.5, 9.37, -79.88, R_LATAM},       {"PABLB", 3.0, 8.95, -79.57, R_LATAM},
    {"PAONX", 1.0, 9.36, -79.90, R_LATAM},       {"BRSSZ", 5.0, -23.97, -46.30, R_LATAM},
    {"BRPNG", 1.2, -25.50, -48.52, R_LATAM},     {"BRITJ", 1.3, -26.90, -48.66, R_LATAM},
    {"COCTG", 3.2, 10.39, -75.52, R_LATAM},      {"COBUN", 1.2, 3.89, -77.06, R_LATAM},
    {"PECLL", 2.7, -12.05, -77.15, R_LATAM},     {"CLSAI", 1.8, -33.59, -71.62, R_LATAM},
    {"CLVAP", 1.0, -33.03, -71.63, R_LATAM},     {"ARBUE", 1.5, -34.58, -58.37, R_LATAM},
    {"ZADUR", 2.8, -29.87, 31.03, R_AFRICA},     {"ZACPT", 0.9, -33.91, 18.44, R_AFRICA},
    {"KEMBA", 1.6, -4.06, 39.65, R_AFRICA},      {"TZDAR", 1.0, -6.83, 39.29, R_AFRICA},
    {"NGAPP", 1.5, 6.44, 3.37, R_AFRICA},        {"GHTEM", 1.2, 5.63, 0.01, R_AFRICA},
    {"AUMEL", 3.0, -37.83, 144.91, R_OCEANIA},   {"AUSYD", 2.8, -33.97, 151.22, R_OCEANIA},
    {"AUBNE", 1.5, -27.38, 153.17, R_OCEANIA},   {"NZAKL", 0.9, -36.84, 174.79, R_OCEANIA},
    {"KPNAM", 0.0, 38.73, 125.39, R_EAST_ASIA},  {"KPCHO", 0.0, 41.77, 129.82, R_EAST_ASIA},
    {"KPRJN", 0.0, 42.24, 130.29, R_EAST_ASIA},  {"KPWON", 0.0, 39.17, 127.45, R_EAST_ASIA},
};

/* Hubs where boxes change ships between services. */
static const char *const hubs[] = {
    "SGSIN", "LKCMB", "AEJEA", "MYPKG", "MYTPP", "EGPSD", "MAPTM", "PAMIT",
    "GRPIR", "ESALG", "OMSLL", "HKHKG", "KRPUS", "ITGIT", "ESVLC",
};

/* ---- trade lanes (million TEU a year, rounded) ------------------------- */
typedef struct { int from, to; double weight; } lane;

static const lane lanes[] = {
    {R_EAST_ASIA, R_NA_WEST, 18}, {R_EAST_ASIA, R_NA_EAST, 7}, {R_EAST_ASIA, R_N_EUROPE, 14},
    {R_EAST_ASIA, R_MED, 7}, {R_EAST_ASIA, R_MIDDLE_EAST, 7}, {R_EAST_ASIA, R_SOUTH_ASIA, 5},
    {R_EAST_ASIA, R_SE_ASIA, 12}, {R_EAST_ASIA, R_EAST_ASIA, 10}, {R_EAST_ASIA, R_LATAM, 5},
    {R_EAST_ASIA, R_AFRICA, 4}, {R_EAST_ASIA, R_OCEANIA, 3},
    {R_SE_ASIA, R_EAST_ASIA, 8}, {R_SE_ASIA, R_SE_ASIA, 5}, {R_SE_ASIA, R_NA_WEST, 4},
    {R_SE_ASIA, R_NA_EAST, 1.5}, {R_SE_ASIA, R_N_EUROPE, 3}, {R_SE_ASIA, R_SOUTH_ASIA, 2.5},
    {R_SE_ASIA, R_MIDDLE_EAST, 2.5}, {R_SE_ASIA, R_OCEANIA, 1.5}, {R_SE_ASIA, R_MED, 1.5},
    {R_SOUTH_ASIA, R_N_EUROPE, 2}, {R_SOUTH_ASIA, R_NA_EAST, 2.5}, {R_SOUTH_ASIA, R_MIDDLE_EAST, 2.5},
    {R_SOUTH_ASIA, R_EAST_ASIA, 1.5}, {R_SOUTH_ASIA, R_SE_ASIA, 1}, {R_SOUTH_ASIA, R_MED, 1},
    {R_SOUTH_ASIA, R_AFRICA, 1},
    {R_MIDDLE_EAST, R_EAST_ASIA, 1.5}, {R_MIDDLE_EAST, R_SOUTH_ASIA, 1.5},
    {R_MIDDLE_EAST, R_AFRICA, 1}, {R_MIDDLE_EAST, R_SE_ASIA, 0.7}, {R_MIDDLE_EAST, R_N_EUROPE, 0.5},
    {R_MED, R_NA_EAST, 1.2}, {R_MED, R_MIDDLE_EAST, 1.2}, {R_MED, R_EAST_ASIA, 1.5},
    {R_MED, R_N_EUROPE, 1}, {R_MED, R_MED, 1.5}, {R_MED, R_AFRICA, 0.8},
    {R_N_EUROPE, R_EAST_ASIA, 6}, {R_N_EUROPE, R_NA_EAST, 5}, {R_N_EUROPE, R_MIDDLE_EAST, 2},
    {R_N_EUROPE, R_SOUTH_ASIA, 1.5}, {R_N_EUROPE, R_LATAM, 2}, {R_N_EUROPE, R_AFRICA, 2},
    {R_N_EUROPE, R_MED, 2}, {R_N_EUROPE, R_N_EUROPE, 1.5}, {R_N_EUROPE, R_SE_ASIA, 1},
    {R_NA_WEST, R_EAST_ASIA, 6}, {R_NA_WEST, R_SE_ASIA, 1.5}, {R_NA_EAST, R_N_EUROPE, 3},
    {R_NA_EAST, R_LATAM, 2}, {R_NA_EAST, R_EAST_ASIA, 2}, {R_NA_EAST, R_MED, 1},
    {R_NA_EAST, R_MIDDLE_EAST, 0.7},
    {R_LATAM, R_EAST_ASIA, 2.5}, {R_LATAM, R_N_EUROPE, 1.5}, {R_LATAM, R_NA_EAST, 2},
    {R_LATAM, R_NA_WEST, 1}, {R_LATAM, R_MED, 0.7},
    {R_AFRICA, R_EAST_ASIA, 1}, {R_AFRICA, R_N_EUROPE, 1}, {R_AFRICA, R_MIDDLE_EAST, 0.5},
    {R_OCEANIA, R_EAST_ASIA, 1.5}, {R_OCEANIA, R_SE_ASIA, 0.5},
};

/* ---- carriers ------------------------------------------------------------
 * SCAC, market share (%), box owner codes, and how their ships are named. */
typedef struct {
    const char *scac;
    double share;
    const char *owners[3];
    const char *prefix, *suffix;
    int names;             /* which name list */
    int voyage_style;
} carrier;

enum { N_CITIES, N_WOMEN, N_WORDS, N_STARS };

static const carrier carriers[] = {
    {"MSCU", 20, {"MSCU", "MEDU", NULL}, "MSC ", "", N_WOMEN, 1},
    {"MAEU", 15, {"MSKU", "MRKU", "MAEU"}, "MAERSK ", "", N_CITIES, 0},
    {"CMDU", 13, {"CMAU", NULL, NULL}, "CMA CGM ", "", N_WORDS, 2},
    {"COSU", 9, {"CSNU", "CBHU", "CCLU"}, "COSCO ", "", N_CITIES, 0},
    {"HLCU", 7, {"HLXU", "HLBU", NULL}, "", " EXPRESS", N_CITIES, 0},
    {"ONEY", 6, {"ONEU", "NYKU", NULL}, "ONE ", "", N_WORDS, 0},
    {"EGLV", 6, {"EGHU", "EMCU", "EISU"}, "EVER ", "", N_WORDS, 3},
    {"HDMU", 3, {"HDMU", NULL, NULL}, "HMM ", "", N_CITIES, 0},
    {"YMLU", 3, {"YMLU", "YMMU", NULL}, "YM ", "", N_WORDS, 0},
    {"OOLU", 3, {"OOLU", "OOCU", NULL}, "OOCL ", "", N_CITIES, 0},
    {"ZIMU", 2.5, {"ZIMU", "ZCSU", NULL}, "ZIM ", "", N_CITIES, 1},
    {"WHLC", 2, {"WHSU", NULL, NULL}, "WAN HAI ", "", N_STARS, 0},
    {"PABV", 2, {"PCIU", NULL, NULL}, "KOTA ", "", N_WORDS, 0},
    {"APLU", 1, {"APZU", "APHU", NULL}, "APL ", "", N_CITIES, 0},
    {"SMLM", 0.5, {"SMCU", NULL, NULL}, "SM ", "", N_CITIES, 0},
};
#define NCARRIERS ((int)COUNT_OF(carriers))

/* Leasing companies own about 40 % of the boxes at sea. */
static const char *const lessors[] = {
    "TGHU", "TCNU", "TRHU", "FCIU", "SEGU", "GESU", "CAIU", "BMOU",
    "TEMU", "TCLU", "TTNU", "DFSU", "FSCU", "GLDU", "BSIU", "UETU",
};

static const char *const cities[] = {
    "ESSEN", "KENSINGTON", "HANGZHOU", "SEOUL", "DENVER", "GENOA", "LISBON",
    "OSAKA", "BERLIN", "DUBLIN", "VIENNA", "MADRID", "BOSTON", "ATLANTA",
    "NINGBO", "TIANJIN", "XIAMEN", "QINGDAO", "DALIAN", "BUSAN", "TOKYO",
    "NAGOYA", "KOBE", "MANILA", "JAKARTA", "COLOMBO", "CHENNAI", "MUMBAI",
    "KARACHI", "MUSCAT", "DOHA", "JEDDAH", "ANTWERP", "BREMEN", "HAMBURG",
    "ROTTERDAM", "FELIXSTOWE", "VALENCIA", "PIRAEUS", "ISTANBUL", "SANTOS",
    "CALLAO", "OAKLAND", "SEATTLE", "HOUSTON", "SAVANNAH", "NORFOLK",
    "MELBOURNE", "SYDNEY", "AUCKLAND", "DURBAN", "MOMBASA", "LAGOS", "TEMA",
    "CHARLESTON", "HALIFAX", "MONTREAL", "ODESSA", "RIGA", "GDANSK",
};
static const char *const women[] = {
    "ANNA", "ISABELLA", "MIA", "TESSA", "GULSUN", "SIXIN", "AMELIA", "CHIARA",
    "SOFIA", "GIULIA", "ELENA", "MARTINA", "LORENA", "PAOLA", "ROSA",
    "FEDERICA", "ALINA", "IRINA", "NURIA", "LUCIA", "VALERIA", "CAROLINA",
    "DANIELA", "FRANCESCA", "MAYA", "NOA", "LEANNE", "SARAH", "ALEXANDRA",
    "BETTINA", "CLORINDA", "DIANA", "EMMA", "FABIENNE", "GRETA", "HELENA",
    "IVANA", "JOANNA", "KATYA", "LAURA", "MONICA", "NATALIA", "OLIVIA",
    "PAMELA", "REGINA", "SAMANTHA", "TERESA", "URSULA", "VICTORIA", "ZOE",
};
static const char *const words[] = {
    "ACE", "APUS", "HARMONY", "INNOVATION", "TRUST", "COMMITMENT", "GOLDEN",
    "GENTLE", "LUCKY", "BLOOM", "LOTUS", "GRACE", "WISDOM", "WELLNESS",
    "TRIUMPH", "UNITY", "LIBERTY", "PROSPERITY", "FORTUNE", "HONOUR",
    "PIONEER", "PERKASA", "PELANGI", "JATI", "RIA", "SEMPURNA", "MEGAH",
    "CHAMPION", "GLORY", "ETERNITY", "SINCERE", "BRAVE", "NOBLE", "STEADY",
    "VERITAS", "AMBITION", "DESTINY", "EXCELLENCE", "FIDELITY", "INTEGRITY",
    "JUSTICE", "LOYALTY", "MAJESTY", "OPTIMUM", "PRIDE", "RADIANCE", "SERENITY",
    "TENACITY", "VALOUR", "ZENITH",
};
static const char *const stars[] = {
    "301", "302", "305", "307", "311", "312", "316", "317", "351", "352",
    "355", "357", "501", "502", "503", "505", "506", "507", "509", "511",
    "512", "513", "515", "517", "601", "602", "603", "605", "606", "607",
};

typedef struct {
    int carrier;
    char code[4];
    int from, to;
    int out[5], nout, in[4], nin;
    int fleet_first, fleet_n;
    int weekday, voyage_base;
    char dir;
} service;

struct world {
    const refdata *ref;
    port *ports;
    size_t nports, nmajor;           /* majors first, then the tail, by code */
    int *region_majors[R_COUNT];
    double *region_cum[R_COUNT];
    size_t nregion_majors[R_COUNT];
    int *region_tail[R_COUNT];
    size_t nregion_tail[R_COUNT];
    int *major_order;                /* majors by code, for lookups */
    service *svc;
    size_t nsvc;
    double *svc_cum;
    vessel *fleet;
    size_t nfleet;
    keyset boxes;                    /* container numbers in use this run */
    size_t fleet_first[COUNT_OF(carriers)], fleet_n[COUNT_OF(carriers)];
};

const char *carrier_scac(int c) { return carriers[c].scac; }
int carrier_count(void) { return NCARRIERS; }

int carrier_by_scac(const char *scac)
{
    for (int i = 0; i < NCARRIERS; i++)
        if (strcmp(carriers[i].scac, scac) == 0)
            return i;
    return -1;
}

/* A box is on one voyage at a time: numbers do not repeat within a run. */
void world_container(world *w, rng *r, int c, char out[12])
{
    for (;;) {
        const char *owner;
        if (rng_chance(r, 0.4) || c < 0 || c >= NCARRIERS) {
            owner = RNG_PICK(r, lessors);
        } else {
            int n = 0;
            while (n < 3 && carriers[c].owners[n])
                n++;
            owner = carriers[c].owners[rng_below(r, (uint32_t)n)];
        }
        id_container(r, owner, out);
        uint64_t key = cw_hash64(out, 11);
        if (!keyset_has(&w->boxes, key)) {
            keyset_add(&w->boxes, key);
            return;
        }
    }
}

/* ---- regions ------------------------------------------------------------ */

static const struct { const char *cc; int region; } region_override[] = {
    {"IR", R_MIDDLE_EAST}, {"TR", R_MED}, {"CY", R_MED}, {"IL", R_MED},
    {"LB", R_MED}, {"SY", R_MED}, {"GE", R_MED}, {"UA", R_MED}, {"RO", R_MED},
    {"BG", R_MED}, {"PT", R_MED}, {"AZ", -1}, {"KZ", -1}, {"TM", -1},
};

static const struct { const char *sub; int region; } region_by_sub[] = {
    {"Eastern Asia", R_EAST_ASIA}, {"South-eastern Asia", R_SE_ASIA},
    {"Southern Asia", R_SOUTH_ASIA}, {"Western Asia", R_MIDDLE_EAST},
    {"Northern Africa", R_MED}, {"Sub-Saharan Africa", R_AFRICA},
    {"Southern Europe", R_MED}, {"Western Europe", R_N_EUROPE},
    {"Northern Europe", R_N_EUROPE}, {"Eastern Europe", R_N_EUROPE},
    {"Northern America", R_NA_EAST}, {"Latin America and the Caribbean", R_LATAM},
    {"Australia and New Zealand", R_OCEANIA}, {"Melanesia", R_OCEANIA},
    {"Micronesia", R_OCEANIA}, {"Polynesia", R_OCEANIA},
};

int world_region_of(const world *w, const char *cc, double lon)
{
    for (size_t i = 0; i < COUNT_OF(region_override); i++)
        if (strcmp(region_override[i].cc, cc) == 0)
            return region_override[i].region;
    if (strcmp(cc, "RU") == 0)
        return lon > 100 ? R_EAST_ASIA : lon < 40 ? R_N_EUROPE : -1;
    if (strcmp(cc, "US") == 0 || strcmp(cc, "CA") == 0 || strcmp(cc, "MX") == 0)
        return lon < -100 ? R_NA_WEST : R_NA_EAST;
    const ref_country *k = ref_country_find(w->ref, cc);
    if (!k)
        return -1;
    for (size_t i = 0; i < COUNT_OF(region_by_sub); i++)
        if (strcmp(region_by_sub[i].sub, k->subregion) == 0)
            return region_by_sub[i].region;
    return -1;
}

/* ---- building the world ------------------------------------------------- */

static bool is_major(const char *code)
{
    for (size_t i = 0; i < COUNT_OF(majors); i++)
        if (strcmp(majors[i].code, code) == 0)
            return true;
    return false;
}

static void add_port(world *w, const char *code, double lat, double lon,
                     bool has_pos, double weight, int region)
{
    port *p = &w->ports[w->nports++];
    scopy(p->code, sizeof p->code, code);
    snprintf(p->cc, sizeof p->cc, "%.2s", code);
    p->lat = lat;
    p->lon = lon;
    p->has_pos = has_pos;
    p->weight = weight;
    p->region = region;
}

static void build_ports(world *w)
{
    w->ports = cw_xcalloc(COUNT_OF(majors) + w->ref->nports, sizeof *w->ports);
    for (size_t i = 0; i < COUNT_OF(majors); i++) {
        const major_port *m = &majors[i];
        if (!ref_port_find(w->ref, m->code))
            cw_warn("sim: major port %s is not in unlocode-seaports.csv", m->code);
        add_port(w, m->code, m->lat, m->lon, true, m->teu, m->region);
    }
    w->nmajor = w->nports;
    /* The tail: confirmed seaports with a position, outside the sanctioned
     * countries that ordinary liner trade does not serve. */
    for (size_t i = 0; i < w->ref->nports; i++) {
        const ref_port *rp = &w->ref->ports[i];
        if (!rp->approved || !rp->has_pos || is_major(rp->code))
            continue;
        if (strcmp(rp->cc, "KP") == 0 || strcmp(rp->cc, "IR") == 0)
            continue;
        int region = world_region_of(w, rp->cc, rp->lon);
        if (region < 0)
            continue;
        add_port(w, rp->code, rp->lat, rp->lon, true, 0, region);
    }
}

static const world *sorting;

static int cmp_major(const void *a, const void *b)
{
    return strcmp(sorting->ports[*(const int *)a].code, sorting->ports[*(const int *)b].code);
}

static void index_regions(world *w)
{
    w->major_order = cw_xcalloc(w->nmajor, sizeof(int));
    for (size_t i = 0; i < w->nmajor; i++)
        w->major_order[i] = (int)i;
    sorting = w;
    qsort(w->major_order, w->nmajor, sizeof(int), cmp_major);
    for (int r = 0; r < R_COUNT; r++) {
        w->region_majors[r] = cw_xcalloc(w->nmajor, sizeof(int));
        w->region_cum[r] = cw_xcalloc(w->nmajor, sizeof(double));
        w->region_tail[r] = cw_xcalloc(w->nports, sizeof(int));
    }
    for (size_t i = 0; i < w->nports; i++) {
        const port *p = &w->ports[i];
        int r = p->region;
        if (i < w->nmajor && p->weight > 0) {
            size_t k = w->nregion_majors[r]++;
            w->region_majors[r][k] = (int)i;
            w->region_cum[r][k] = (k ? w->region_cum[r][k - 1] : 0) + p->weight;
        } else if (i >= w->nmajor) {
            w->region_tail[r][w->nregion_tail[r]++] = (int)i;
        }
    }
}

static const char *const *name_list(int which, size_t *n)
{
    switch (which) {
    case N_CITIES: *n = COUNT_OF(cities); return cities;
    case N_WOMEN: *n = COUNT_OF(women); return women;
    case N_STARS: *n = COUNT_OF(stars); return stars;
    default: *n = COUNT_OF(words); return words;
    }
}

static const char *const roman[] = {"", " II", " III", " IV", " V", " VI"};

/* The fleets do not depend on --seed: the world's ships are the same in
 * every run, only the traffic changes.  This seed gives a fleet none of
 * whose IMO numbers is that of a vessel on the OFAC SDN list shipped with
 * the project's shared data (about January 2022), so a sanctions rule
 * fires on schemes, not on an accident of the fleet. */
#ifndef FLEET_SEED
#define FLEET_SEED 4
#endif
static void build_fleet(world *w)
{
    rng r;
    rng_seed(&r, FLEET_SEED, "fleet");
    size_t total = 0;
    for (int c = 0; c < NCARRIERS; c++)
        total += 20 + (size_t)(carriers[c].share * 8);
    w->fleet = cw_xcalloc(total, sizeof *w->fleet);
    for (int c = 0; c < NCARRIERS; c++) {
        size_t n = 20 + (size_t)(carriers[c].share * 8), nl;
        const char *const *list = name_list(carriers[c].names, &nl);
        size_t offset = rng_below(&r, (uint32_t)nl);
        w->fleet_first[c] = w->nfleet;
        w->fleet_n[c] = n;
        for (size_t k = 0; k < n; k++) {
            vessel *v = &w->fleet[w->nfleet++];
            size_t round = k / nl < COUNT_OF(roman) ? k / nl : COUNT_OF(roman) - 1;
            snprintf(v->name, sizeof v->name, "%s%s%s%s", carriers[c].prefix,
                     list[(k + offset) % nl], carriers[c].suffix, roman[round]);
            /* IMO numbers are unique to a hull */
            for (bool dup = true; dup;) {
                id_imo(&r, v->imo);
                dup = false;
                for (size_t j = 0; j + 1 < w->nfleet && !dup; j++)
                    dup = strcmp(w->fleet[j].imo, v->imo) == 0;
            }
            v->carrier = c;
        }
    }
}

static int pick_carrier(rng *r)
{
    double cum[COUNT_OF(carriers)], t = 0;
    for (int c = 0; c < NCARRIERS; c++)
        cum[c] = (t += carriers[c].share);
    return (int)rng_cumulative(r, cum, COUNT_OF(carriers));
}

static int pick_major(const world *w, rng *r, int region)
{
    size_t n = w->nregion_majors[region];
    if (n == 0)
        return -1;
    return w->region_majors[region][rng_cumulative(r, w->region_cum[region], n)];
}

/* Picks up to want distinct ports of a region, weighted. */
static int pick_rotation(const world *w, rng *r, int region, int want, int *out,
                         const int *avoid, int navoid)
{
    int n = 0;
    for (int tries = 0; tries < 40 && n < want; tries++) {
        int p = pick_major(w, r, region);
        bool dup = p < 0;
        for (int i = 0; i < n && !dup; i++)
            dup = out[i] == p;
        for (int i = 0; i < navoid && !dup; i++)
            dup = avoid[i] == p;
        if (!dup)
            out[n++] = p;
    }
    return n;
}

static char lane_direction(int from, int to)
{
    static const double lon[R_COUNT] = {120, 105, 78, 52, 20, 5, -120, -78, -60, 30, 145};
    bool asia_from = from <= R_SOUTH_ASIA, asia_to = to <= R_SOUTH_ASIA;
    if (asia_from && (to == R_NA_WEST || to == R_NA_EAST || to == R_LATAM || to == R_OCEANIA))
        return 'E';
    if (asia_to && (from == R_NA_WEST || from == R_NA_EAST || from == R_LATAM))
        return 'W';
    if (from == to)
        return 'N';
    return lon[to] < lon[from] ? 'W' : 'E';
}

static void build_services(world *w, rng *r)
{
    size_t cap = 0;
    for (size_t i = 0; i < COUNT_OF(lanes); i++)
        cap += 1 + (size_t)(lanes[i].weight / 2);
    w->svc = cw_xcalloc(cap, sizeof *w->svc);
    w->svc_cum = cw_xcalloc(cap, sizeof *w->svc_cum);
    size_t next_vessel[COUNT_OF(carriers)] = {0};
    double total = 0;
    for (size_t i = 0; i < COUNT_OF(lanes); i++) {
        const lane *ln = &lanes[i];
        int n = 1 + (int)(ln->weight / 2);
        for (int k = 0; k < n; k++) {
            service *s = &w->svc[w->nsvc];
            s->carrier = pick_carrier(r);
            s->from = ln->from;
            s->to = ln->to;
            s->nout = pick_rotation(w, r, ln->from, rng_range(r, 2, 5), s->out, NULL, 0);
            s->nin = pick_rotation(w, r, ln->to, rng_range(r, 2, 4), s->in, s->out, s->nout);
            if (s->nout == 0 || s->nin == 0)
                continue;
            snprintf(s->code, sizeof s->code, "%c%c%c", 'A' + rng_below(r, 26),
                     'A' + rng_below(r, 26), '1' + rng_below(r, 9));
            /* vessels are handed out in turn; a carrier short of ships
             * shares them between services, as slot swaps do */
            int c = s->carrier;
            s->fleet_n = rng_range(r, 4, 8);
            s->fleet_first = (int)(next_vessel[c] % w->fleet_n[c]);
            next_vessel[c] += (size_t)s->fleet_n;
            s->weekday = rng_range(r, 0, 6);
            s->voyage_base = rng_range(r, 1, 899);
            s->dir = lane_direction(ln->from, ln->to);
            total += ln->weight / n * rng_uniform(r, 0.6, 1.4);
            w->svc_cum[w->nsvc++] = total;
        }
    }
}

world *world_new(const refdata *ref, uint64_t seed)
{
    world *w = cw_xcalloc(1, sizeof *w);
    w->ref = ref;
    rng r;
    rng_seed(&r, seed, "world");
    build_ports(w);
    index_regions(w);
    build_fleet(w);
    build_services(w, &r);
    return w;
}

void world_free(world *w)
{
    if (!w)
        return;
    for (int r = 0; r < R_COUNT; r++) {
        free(w->region_majors[r]);
        free(w->region_cum[r]);
        free(w->region_tail[r]);
    }
    free(w->ports);
    free(w->major_order);
    free(w->svc);
    free(w->svc_cum);
    free(w->fleet);
    keyset_free(&w->boxes);
    free(w);
}

/* ---- lookups ------------------------------------------------------------ */

const port *world_port(const world *w, const char *code)
{
    size_t lo = 0, hi = w->nmajor;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w->ports[w->major_order[mid]].code, code);
        if (c == 0)
            return &w->ports[w->major_order[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* the tail is in code order */
    lo = w->nmajor;
    hi = w->nports;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w->ports[mid].code, code);
        if (c == 0)
            return &w->ports[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* A tail port of the same country as `near` when there is one. */
static const port *tail_port(const world *w, rng *r, const char *cc, int region)
{
    size_t lo = w->nmajor, hi = w->nports;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strncmp(w->ports[mid].code, cc, 2) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t first = lo, last = lo;
    while (last < w->nports && strncmp(w->ports[last].code, cc, 2) == 0)
        last++;
    if (last > first && rng_chance(r, 0.6))
        return &w->ports[first + rng_below(r, (uint32_t)(last - first))];
    if (region < 0 || w->nregion_tail[region] == 0)
        return last > first ? &w->ports[first] : NULL;
    return &w->ports[w->region_tail[region][rng_below(r, (uint32_t)w->nregion_tail[region])]];
}

const char *world_port_in(world *w, rng *r, const char *cc)
{
    int found[32], n = 0;
    double cum[32], t = 0;
    for (size_t i = 0; i < w->nmajor && n < 32; i++)
        if (strcmp(w->ports[i].cc, cc) == 0 && w->ports[i].weight > 0) {
            found[n] = (int)i;
            cum[n++] = (t += w->ports[i].weight);
        }
    if (n > 0 && rng_chance(r, 0.85))
        return w->ports[found[rng_cumulative(r, cum, (size_t)n)]].code;
    const port *p = tail_port(w, r, cc, -1);
    if (p && strcmp(p->cc, cc) == 0)
        return p->code;
    return n > 0 ? w->ports[found[0]].code : NULL;
}

/* ---- sailings ----------------------------------------------------------- */

static double distance_km(const port *a, const port *b)
{
    if (!a || !b || !a->has_pos || !b->has_pos)
        return 6000;
    double rad = 3.14159265358979 / 180;
    double dlat = (b->lat - a->lat) * rad, dlon = (b->lon - a->lon) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(a->lat * rad) * cos(b->lat * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * 6371 * asin(sqrt(h));
}

double world_detour(const world *w, const char *const *path, int n)
{
    double along = 0;
    for (int i = 1; i < n; i++)
        along += distance_km(world_port(w, path[i - 1]), world_port(w, path[i]));
    double direct = distance_km(world_port(w, path[0]), world_port(w, path[n - 1]));
    return direct > 50 ? along / direct : along / 50;
}

/* Days at sea: ships do not sail great circles, so add a third, at about
 * 17 knots. */
static int64_t transit_ms(const world *w, const char *from, const char *to)
{
    double km = distance_km(world_port(w, from), world_port(w, to)) * 1.33;
    double days = km / 755.0;
    if (days < 1)
        days = 1;
    return (int64_t)(days * DAY_MS);
}

static void set_code(char dst[6], const char *code)
{
    scopy(dst, 6, code ? code : "");
}

/* The service's weekly call at rotation slot `slot`: the first one at
 * least `lead` after `t`, with its voyage counter. */
static int64_t next_call(const service *s, int slot, int64_t t, int64_t lead,
                         int *voyage_index)
{
    int64_t day = (t + lead) / DAY_MS;
    int want = (s->weekday + slot) % 7;
    /* 1970-01-01 was a Thursday; weekday 0 here is a Monday */
    int dow = (int)((day + 3) % 7);
    int64_t call = day + (want - dow + 7) % 7;
    *voyage_index = (int)((call - slot) / 7);
    int hour = 5 + (int)((s->weekday * 7 + slot * 5 + s->voyage_base) % 17);
    return call * DAY_MS + hour * HOUR_MS;
}

static void set_voyage(const world *w, const service *s, int voyage_index, sailing *out)
{
    out->vessel = &w->fleet[w->fleet_first[s->carrier] +
                            (size_t)(s->fleet_first + voyage_index % s->fleet_n) %
                                w->fleet_n[s->carrier]];
    unsigned n = (unsigned)(s->voyage_base + voyage_index) % 1000u;
    unsigned base = 1000u + (unsigned)s->voyage_base % 1000u;
    switch (carriers[s->carrier].voyage_style) {
    case 1:
        snprintf(out->voyage, sizeof out->voyage, "%.2s%03u%c", s->code, n, s->dir);
        break;
    case 2:
        snprintf(out->voyage, sizeof out->voyage, "0%.3s%u%c1MA", s->code, n % 10, s->dir);
        break;
    case 3:
        snprintf(out->voyage, sizeof out->voyage, "%04u-%03u%c", base, n, s->dir);
        break;
    default:
        snprintf(out->voyage, sizeof out->voyage, "%03u%c", n, s->dir);
    }
}

static const service *pick_service(const world *w, rng *r, int *index)
{
    *index = (int)rng_cumulative(r, w->svc_cum, w->nsvc);
    return &w->svc[*index];
}

static bool in_route(const sailing *s, const char *code)
{
    if (strcmp(s->loading, code) == 0 || strcmp(s->discharge, code) == 0)
        return true;
    for (int i = 0; i < s->nts; i++)
        if (strcmp(s->ts[i], code) == 0)
            return true;
    return false;
}

static void add_hub(world *w, rng *r, sailing *s)
{
    for (int tries = 0; tries < 8 && s->nts < 2; tries++) {
        const char *h = RNG_PICK(r, hubs);
        if (in_route(s, h) || strncmp(h, s->loading, 2) == 0 ||
            strncmp(h, s->discharge, 2) == 0)
            continue;
        /* only a hub on the way: ships do not relay through the far side
         * of the world */
        const char *path[3] = {s->loading, h, s->discharge};
        if (world_detour(w, path, 3) > 1.25)
            continue;
        /* a hub goes between the feeder call and the destination call */
        if (s->nts == 1 && strncmp(s->ts[0], s->loading, 2) != 0) {
            memcpy(s->ts[1], s->ts[0], 6);
            set_code(s->ts[0], h);
        } else {
            set_code(s->ts[s->nts], h);
        }
        s->nts++;
        s->arrival += rng_range(r, 2, 5) * DAY_MS;
        return;
    }
}

/* Place of receipt and delivery: often left out, often the port itself,
 * sometimes a second port of the same country. */
static void ends(world *w, rng *r, sailing *s)
{
    double u = rng_unit(r);
    if (u < 0.3)
        set_code(s->receipt, s->loading);
    else if (u < 0.35)
        set_code(s->receipt, world_port_in(w, r, (char[3]){s->loading[0], s->loading[1], 0}));
    u = rng_unit(r);
    if (u < 0.3)
        set_code(s->delivery, s->discharge);
    else if (u < 0.36)
        set_code(s->delivery, world_port_in(w, r, (char[3]){s->discharge[0], s->discharge[1], 0}));
}

void world_benign_sailing(world *w, rng *r, int64_t filed_at, sailing *out)
{
    memset(out, 0, sizeof *out);
    int idx;
    const service *s = pick_service(w, r, &idx);
    int i = rng_below(r, (uint32_t)s->nout), j = rng_below(r, (uint32_t)s->nin);
    /* no cabotage: a foreign ship does not carry between two home ports */
    for (int tries = 0; tries < 4 && strcmp(w->ports[s->out[i]].cc, w->ports[s->in[j]].cc) == 0; tries++)
        j = rng_below(r, (uint32_t)s->nin);
    const port *from = &w->ports[s->out[i]], *to = &w->ports[s->in[j]];
    int vi;
    out->service = idx;
    out->carrier = s->carrier;
    out->departure = next_call(s, i, filed_at, rng_range(r, 24, 96) * HOUR_MS, &vi);
    out->voyage_index = vi;
    set_voyage(w, s, vi, out);
    set_code(out->loading, from->code);
    set_code(out->discharge, to->code);
    out->arrival = out->departure + transit_ms(w, from->code, to->code) +
                   (s->nout - 1 - i + j) * DAY_MS;
    double u = rng_unit(r);
    if (u < 0.15) {            /* feeder to the mother vessel's port */
        const port *f = tail_port(w, r, from->cc, s->from);
        if (f && strcmp(f->code, from->code) != 0) {
            set_code(out->ts[out->nts++], from->code);
            set_code(out->loading, f->code);
            out->departure -= rng_range(r, 2, 5) * DAY_MS;
        }
    } else if (u < 0.30) {     /* on-carriage from the discharge port */
        const port *f = tail_port(w, r, to->cc, s->to);
        if (f && strcmp(f->code, to->code) != 0 && strncmp(f->code, out->loading, 2) != 0) {
            set_code(out->ts[out->nts++], to->code);
            set_code(out->discharge, f->code);
            out->arrival += rng_range(r, 2, 5) * DAY_MS;
        }
    }
    if (rng_chance(r, 0.10))
        add_hub(w, r, out);
    ends(w, r, out);
}

void world_sailing_via(world *w, rng *r, int64_t filed_at, const char *loading,
                       const char *const *via, int nvia, const char *discharge,
                       uint32_t avoid, sailing *out)
{
    memset(out, 0, sizeof *out);
    const port *from = world_port(w, loading);
    int region = from ? from->region : R_EAST_ASIA;
    /* a service of a carrier not used yet, out of the loading port's region */
    int idx = -1;
    for (int tries = 0; tries < 200; tries++) {
        int k;
        const service *s = pick_service(w, r, &k);
        if (avoid & (1u << s->carrier))
            continue;
        idx = k;
        if (s->from == region)
            break;
    }
    if (idx < 0)
        idx = 0;
    const service *s = &w->svc[idx];
    int vi;
    out->service = idx;
    out->carrier = s->carrier;
    out->departure = next_call(s, 0, filed_at, rng_range(r, 24, 96) * HOUR_MS, &vi);
    out->voyage_index = vi;
    set_voyage(w, s, vi, out);
    set_code(out->loading, loading);
    set_code(out->discharge, discharge);
    const char *prev = loading;
    out->arrival = out->departure;
    for (int i = 0; i < nvia && i < 2; i++) {
        set_code(out->ts[out->nts++], via[i]);
        out->arrival += transit_ms(w, prev, via[i]) + rng_range(r, 2, 6) * DAY_MS;
        prev = via[i];
    }
    out->arrival += transit_ms(w, prev, discharge);
    if (rng_chance(r, 0.3))
        set_code(out->receipt, loading);
    if (rng_chance(r, 0.3))
        set_code(out->delivery, discharge);
}

void world_roll_sailing(world *w, sailing *s, int weeks)
{
    if (s->service < 0 || (size_t)s->service >= w->nsvc)
        return;
    const service *svc = &w->svc[s->service];
    int vi = s->voyage_index + weeks;
    s->voyage_index = vi;
    s->departure += weeks * 7 * DAY_MS;
    s->arrival += weeks * 7 * DAY_MS;
    set_voyage(w, svc, vi, s);
}
