/* util.c: see util.h. */
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "<2>out of memory allocating %zu bytes\n", n);
    abort();
}

void *cw_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *cw_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

void *cw_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *cw_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(cw_xmalloc(n), s, n);
}

/* Two FNV-1a lanes with different offset bases, each finished with a
 * 64-bit avalanche mix.  Not cryptographic: ids need stability and spread,
 * not secrecy. */
#define FNV_PRIME 0x100000001b3ULL

void cw_hash_init(cw_hash *h)
{
    h->a = 0xcbf29ce484222325ULL;
    h->b = 0x84222325cbf29ce4ULL;
}

void cw_hash_add(cw_hash *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t a = h->a, b = h->b;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ p[i]) * FNV_PRIME;
        b = (b ^ (p[i] + 0x9dU)) * 0x100000001b5ULL;
    }
    h->a = a;
    h->b = b;
}

void cw_hash_str(cw_hash *h, const char *s)
{
    cw_hash_add(h, s ? s : "", s ? strlen(s) : 0);
    cw_hash_add(h, "\x1f", 1);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* By hand, not snprintf: every identifier and shipment key is hashed
 * through here, several times a message. */
static void hex64(uint64_t v, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, v >>= 4)
        out[i] = digits[v & 15];
}

void cw_hash_hex(const cw_hash *h, char out[33])
{
    hex64(mix64(h->a ^ (h->b << 1)), out);
    hex64(mix64(h->b + h->a), out + 16);
    out[32] = '\0';
}

uint64_t cw_hash_fold(const cw_hash *h) { return mix64(h->a ^ mix64(h->b)); }

uint64_t cw_hash64(const void *data, size_t len)
{
    cw_hash h;
    cw_hash_init(&h);
    cw_hash_add(&h, data, len);
    return cw_hash_fold(&h);
}

uint64_t cw_hash_slot(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, p, sizeof w);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, p, len);
    return mix64(h ^ w);
}

/* --- big tables --- */

#define HUGE_PAGE ((size_t)2 << 20)

/* Under AddressSanitizer every table comes from calloc, where its bounds
 * are checked. */
#if defined(__SANITIZE_ADDRESS__)
#define CW_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CW_ASAN 1
#endif
#endif
#ifdef CW_ASAN
#define TABLE_MAPPED(bytes) false
#else
#define TABLE_MAPPED(bytes) ((bytes) >= HUGE_PAGE)
#endif

void *cw_table_alloc(size_t bytes)
{
    if (!TABLE_MAPPED(bytes))
        return cw_xcalloc(1, bytes);
    /* map a huge page more than asked, then keep an aligned run of it */
    size_t span = bytes + HUGE_PAGE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        out_of_memory(bytes);
    char *q = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    if (q > p)
        munmap(p, (size_t)(q - p));
    if (p + span > q + bytes)
        munmap(q + bytes, (size_t)(p + span - (q + bytes)));
    madvise(q, bytes, MADV_HUGEPAGE); /* advice: where it is not taken, small pages serve */
    return q;
}

void cw_table_free(void *p, size_t bytes)
{
    if (p && !TABLE_MAPPED(bytes))
        free(p);
    else if (p)
        munmap(p, bytes);
}

/* --- memo --- */

const char *cw_memo_get(cw_memo *m, const char *in, size_t n, size_t *outn, cw_memo_slot **keep)
{
    *keep = NULL;
    if (n == 0 || n >= CW_MEMO_TEXT)
        return NULL;
    if (!m->slots)
        m->slots = cw_table_alloc(m->nslots * sizeof *m->slots);
    cw_memo_slot *set = &m->slots[(cw_hash_slot(in, n) & (m->nslots / 2 - 1)) * 2];
    for (int w = 0; w < 2; w++)
        if (set[w].inlen == n && memcmp(set[w].text, in, n) == 0) {
            set[w].recent = 1;
            set[!w].recent = 0;
            *outn = set[w].outlen;
            return set[w].text + n;
        }
    *keep = set[0].recent ? &set[1] : &set[0];
    return NULL;
}

void cw_memo_keep(cw_memo *m, cw_memo_slot *s, const char *in, size_t n, const void *out, size_t outn)
{
    if (!s || n + outn + 1 > CW_MEMO_TEXT)
        return;
    s->inlen = (uint16_t)n;
    s->outlen = (uint16_t)outn;
    memcpy(s->text, in, n);
    memcpy(s->text + n, out, outn);
    s->text[n + outn] = '\0';
    s->recent = 1;
    m->slots[(size_t)(s - m->slots) ^ 1].recent = 0;
}

void cw_memo_free(cw_memo *m)
{
    cw_table_free(m->slots, m->nslots * sizeof *m->slots);
    m->slots = NULL;
}

/* --- time --- */

static bool digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

bool cw_parse_time(const char *s, int64_t *ms)
{
    int y, mo, d, h, mi, se, frac_ms = 0;
    if (!s || strlen(s) < 20)
        return false;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
        !digits(s + 17, 2, &se))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60)
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        int n = 0, scale = 100;
        for (p++; *p >= '0' && *p <= '9'; p++, n++) {
            frac_ms += (*p - '0') * scale;
            scale /= 10;
        }
        if (n == 0)
            return false;
    }
    int64_t offset_min = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || oh > 23 || om > 59)
            return false;
        offset_min = (oh * 60 + om) * (*p == '-' ? -1 : 1);
        p += 6;
    } else {
        return false;
    }
    if (*p)
        return false;
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset_min * 60;
    *ms = t * 1000 + frac_ms;
    return true;
}

void cw_format_time(int64_t ms, char out[32])
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- buffers --- */

static void buf_reserve(cw_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->p = cw_xrealloc(b->p, cap);
    b->cap = cap;
}

void cw_buf_add(cw_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void cw_buf_puts(cw_buf *b, const char *s) { cw_buf_add(b, s, strlen(s)); }

void cw_buf_printf(cw_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void cw_buf_free(cw_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Does any of the 8 bytes of w have its top bit set, or is any of them
 * NUL?  (The classic "has a zero byte" test, on w and on its top bits.) */
static inline bool word_not_plain(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    return ((w | ((w - ones) & ~w)) & highs) != 0;
}

bool cw_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        /* Messages are mostly ASCII: eight bytes at a time until one is
         * not plain ASCII (or NUL), then byte by byte. */
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, sizeof w);
            if (word_not_plain(w))
                break;
            p += 8;
        }
        if (p == end)
            break;
        unsigned c = *p;
        if (c == 0)
            return false;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t len;
        unsigned min;
        if ((c & 0xe0) == 0xc0) {
            len = 2, min = 0x80, c &= 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3, min = 0x800, c &= 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if ((size_t)(end - p) < len)
            return false;
        for (size_t i = 1; i < len; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            c = (c << 6) | (p[i] & 0x3f);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return false;
        p += len;
    }
    return true;
}

void cw_one_line(char *s)
{
    size_t n = 0;
    for (unsigned char *p = (unsigned char *)s; *p; p++, n++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
    /* back up over a trailing partial character */
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
        i--;
    if (i > 0 && (unsigned char)s[i - 1] >= 0xc0) {
        unsigned char lead = (unsigned char)s[i - 1];
        size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        if (n - (i - 1) < want)
            s[i - 1] = '\0';
    }
}
