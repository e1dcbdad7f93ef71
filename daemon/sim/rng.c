/* rng.c: the simulator's random numbers.  xoshiro256** seeded through
 * splitmix64, with named streams, so the same seed and options give the
 * same bytes on every run (rand() is neither portable nor ours to seed). */
#include <math.h>
#include <string.h>

#include "sim.h"
#include "util.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(rng *r, uint64_t seed, const char *stream)
{
    uint64_t x = seed ^ cw_hash64(stream, strlen(stream));
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Lemire's multiply-shift: no modulo bias worth speaking of at our sizes. */
uint32_t rng_below(rng *r, uint32_t n)
{
    if (n == 0)
        return 0;
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int rng_range(rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double rng_uniform(rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

bool rng_chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

double rng_normal(rng *r)
{
    double u = 1.0 - rng_unit(r); /* (0, 1] so log() is finite */
    double v = rng_unit(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double rng_lognormal(rng *r, double median, double sigma)
{
    return median * exp(sigma * rng_normal(r));
}

double rng_exponential(rng *r, double mean)
{
    return -mean * log(1.0 - rng_unit(r));
}

size_t rng_cumulative(rng *r, const double *cum, size_t n)
{
    if (n == 0)
        return 0;
    double x = rng_unit(r) * cum[n - 1];
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

uint32_t rng_skewed(rng *r, uint32_t n)
{
    double u = rng_unit(r);
    uint32_t i = (uint32_t)(n * u * u * u);
    return i < n ? i : n - 1;
}
