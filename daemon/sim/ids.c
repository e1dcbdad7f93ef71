/* ids.c: identifiers as the trade writes them: message UUIDs, ISO 6346
 * container numbers with their check digit, IMO numbers with theirs, seals,
 * and bill of lading numbers in each carrier's style. */
#include <stdio.h>
#include <string.h>

#include "sim.h"

void id_message(rng *r, char out[40])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t a = rng_next(r), b = rng_next(r);
    a = (a & ~0xf000ULL) | 0x4000ULL;                         /* version 4 */
    b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  /* variant */
    char *p = out;
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            *p++ = '-';
        uint64_t word = i < 16 ? a : b;
        *p++ = hex[(word >> (60 - 4 * (i % 16))) & 0xf];
    }
    *p = 0;
}

/* ISO 6346 letter values skip the multiples of 11. */
static int letter_value(char c)
{
    int v = 10 + (c - 'A');
    if (v >= 11)
        v++;
    if (v >= 22)
        v++;
    if (v >= 33)
        v++;
    return v;
}

int iso6346_check_digit(const char *s)
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = (s[i] >= 'A' && s[i] <= 'Z') ? letter_value(s[i]) : s[i] - '0';
        sum += v << i;
    }
    return sum % 11 % 10;
}

/* Serials whose remainder is 10 would get the ambiguous digit 0; owners
 * do not issue them, so neither do we. */
void id_container(rng *r, const char *owner4, char out[12])
{
    for (;;) {
        snprintf(out, 12, "%.4s%06u", owner4, rng_below(r, 1000000));
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = i < 4 ? letter_value(out[i]) : out[i] - '0';
            sum += v << i;
        }
        if (sum % 11 != 10) {
            out[10] = (char)('0' + sum % 11);
            out[11] = 0;
            return;
        }
    }
}

bool imo_valid(const char *s)
{
    if (strlen(s) != 7)
        return false;
    int sum = 0;
    for (int i = 0; i < 7; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    for (int i = 0; i < 6; i++)
        sum += (s[i] - '0') * (7 - i);
    return sum % 10 == s[6] - '0';
}

/* Ships of today's container fleets carry numbers from 9.1 to 9.9 million. */
void id_imo(rng *r, char out[8])
{
    unsigned base = 910000 + rng_below(r, 89000);
    char d[8];
    snprintf(d, sizeof d, "%06u", base);
    int sum = 0;
    for (int i = 0; i < 6; i++)
        sum += (d[i] - '0') * (7 - i);
    memcpy(out, d, 6);
    out[6] = (char)('0' + sum % 10);
    out[7] = 0;
}

void id_seal(rng *r, const char *scac, char out[16])
{
    static const struct { const char *scac, *prefix; } seal_style[] = {
        {"MAEU", "ML-"}, {"MSCU", "FX"}, {"CMDU", "C"}, {"COSU", "CS"},
        {"HLCU", "HLB"}, {"ONEY", "ONE"}, {"EGLV", "EMC"}, {"HDMU", "HMM"},
    };
    const char *prefix = "";
    for (size_t i = 0; i < COUNT_OF(seal_style); i++)
        if (strcmp(seal_style[i].scac, scac) == 0)
            prefix = seal_style[i].prefix;
    if (!*prefix)
        snprintf(out, 16, "%c%c%06u", 'A' + rng_below(r, 26),
                 'A' + rng_below(r, 26), rng_below(r, 1000000));
    else
        snprintf(out, 16, "%s%07u", prefix, rng_below(r, 10000000));
}

/* A bijection of the counter onto k digits, so numbers look scattered but
 * never repeat while the counter is below 10^k. */
static unsigned long long scatter(uint64_t counter, unsigned long long mod)
{
    return (unsigned long long)((counter * 7919ULL + 104729ULL) % mod);
}

void id_bl(const char *scac, const char *origin, uint64_t c, char out[32])
{
    const char *loc = origin && strlen(origin) == 5 ? origin + 2 : "XXX";
    if (strcmp(scac, "MAEU") == 0)
        snprintf(out, 32, "MAEU%09llu", scatter(c, 1000000000ULL));
    else if (strcmp(scac, "MSCU") == 0)
        snprintf(out, 32, "MEDU%c%c%06llu", 'A' + (int)(c / 1000000 % 26),
                 'A' + (int)(c / 26000000 % 26), scatter(c, 1000000ULL));
    else if (strcmp(scac, "CMDU") == 0)
        snprintf(out, 32, "CMDU%s%07llu", loc, scatter(c, 10000000ULL));
    else if (strcmp(scac, "HLCU") == 0)
        snprintf(out, 32, "HLCU%s%09llu", loc, scatter(c, 1000000000ULL));
    else if (strcmp(scac, "ONEY") == 0)
        snprintf(out, 32, "ONEY%s%08llu", loc, scatter(c, 100000000ULL));
    else if (strcmp(scac, "EGLV") == 0)
        snprintf(out, 32, "EGLV%012llu", scatter(c, 1000000000000ULL));
    else
        snprintf(out, 32, "%s%010llu", scac, scatter(c, 10000000000ULL));
}

void id_house_bl(const char *prefix, uint64_t c, char out[32])
{
    snprintf(out, 32, "%.6s%08llu", prefix, scatter(c, 100000000ULL));
}
