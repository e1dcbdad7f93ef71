/* normalise.c: identifier folding (see normalise.h).
 *
 * Every party of every message passes through here, so the common case is
 * kept cheap: input is bounded, work happens in stack buffers, and text
 * that is pure ASCII is tokenised directly without ICU.  Latin with
 * diacritics is folded by decomposition; only other scripts reach the
 * transliterator (opened once), whose recent results are cached. */
#include "normalise.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "dialcodes.h"
#include "util.h"

/* ASCII text produced from one input: transliteration can expand (a Han
 * character of 3 bytes becomes up to 6 letters), the caller's key is cut
 * to outlen anyway. */
#define WORK_MAX (3 * CW_NORM_INPUT_MAX)
/* UTF-16 units for the marked text and its transliteration; longer
 * results go to the heap (rare: only long, highly expanding input). */
#define TX_MAX (3 * CW_NORM_INPUT_MAX)
/* Private-use characters that bracket a Han word through
 * transliteration, so the syllables ICU separates can be joined again. */
#define MARK_OPEN 0xE000
#define MARK_CLOSE 0xE001

/* ---- small ASCII helpers (no locale) -------------------------------- */

static inline bool is_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static inline bool is_digit(unsigned char c)
{
    return (unsigned char)(c - '0') < 10;
}

static inline bool is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}

static inline char lower(unsigned char c)
{
    return (char)((unsigned char)(c - 'A') < 26 ? c | 0x20 : c);
}

static inline char upper(unsigned char c)
{
    return (char)((unsigned char)(c - 'a') < 26 ? c & ~0x20 : c);
}

static size_t bounded_len(const char *in)
{
    return in ? strnlen(in, CW_NORM_INPUT_MAX) : 0;
}

static bool all_ascii(const char *s, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= (unsigned char)s[i];
    return acc < 0x80;
}

/* Copy s[0..n) to out, cut to fit (without a trailing space), and return
 * the length written.  Always terminates out when outlen > 0. */
static size_t put(char *out, size_t outlen, const char *s, size_t n)
{
    if (!out || outlen == 0)
        return 0;
    if (n > outlen - 1)
        n = outlen - 1;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    memmove(out, s, n);
    out[n] = '\0';
    return n;
}

static size_t none(char *out, size_t outlen)
{
    if (out && outlen)
        out[0] = '\0';
    return 0;
}

/* Lower-case words of letters and digits from ASCII text, separated by
 * single spaces.  Apostrophes vanish inside words ("myo'ng" -> "myong"),
 * "&" is the word "and", any other byte separates.  Returns the length;
 * dst (capacity cap > 0) is terminated. */
static size_t words(const char *s, size_t n, char *dst, size_t cap)
{
    size_t o = 0;
    bool gap = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *w;
        size_t wl;
        char one;
        if (is_alnum(c)) {
            one = lower(c);
            w = &one;
            wl = 1;
        } else if (c == '\'' || c == '`') {
            continue;
        } else if (c == '&') {
            w = "and";
            wl = 3;
            gap = true;
        } else {
            gap = true;
            continue;
        }
        if (gap && o > 0) {
            if (o + 1 >= cap)
                break;
            dst[o++] = ' ';
        }
        gap = wl > 1;
        if (o + wl >= cap)
            break;
        memcpy(dst + o, w, wl);
        o += wl;
    }
    while (o > 0 && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
    return o;
}

/* ---- memo ----------------------------------------------------------- */

/* A feed names the same parties again and again: each party name goes
 * through cw_norm_name several times a message (identifiers, watchlists),
 * each word of it again for its sound key.  So the results of names and
 * addresses are kept by their text as filed (util.h's cw_memo, 4 MB each
 * at most). */
static cw_memo name_memo = CW_MEMO_INIT(16384), address_memo = CW_MEMO_INIT(16384);

/* ---- ICU ------------------------------------------------------------ */

static UTransliterator *translit;
static UBreakIterator *han_words;
static const UNormalizer2 *nfkd;
static bool icu_broken;

/* Transliteration costs 5-15 us per word (Han: ~13 us per character),
 * and the same parties file again and again, so recent results are kept
 * in a direct-mapped cache, allocated once (9 MB, touched as it fills: a
 * port's feed names tens of thousands of parties in non-Latin scripts). */
#define CACHE_SLOTS 16384
#define CACHE_IN 192
#define CACHE_OUT 384
struct cache_slot {
    uint16_t inlen, outlen; /* inlen 0: empty slot */
    bool syllables;
    char in[CACHE_IN];
    char out[CACHE_OUT];
};
static struct cache_slot *cache;

/* Any-Latin works script run by script run, asking ICU for a
 * "<script>-Latin" transliterator for each.  The marks around Han words
 * (private use: script Zzzz, "unknown") make runs of their own, for which
 * ICU has none, and it does not remember that: at every mark it searched
 * its data for "Zzzz-Latin" again (resource bundles opened, locale
 * fallbacks tried), a third of the time a transliteration took.  A
 * "Zzzz-Latin" that leaves text as it is, registered once, answers at
 * once; Any-Latin does with it what it did with none: nothing. */
static void register_unknown_script(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    static const char id[] = "Zzzz-Latin", rules[] = "::Null;";
    UChar uid[sizeof id], urules[sizeof rules];
    u_charsToUChars(id, uid, (int32_t)sizeof id);
    u_charsToUChars(rules, urules, (int32_t)sizeof rules);
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, urules, -1, &pe, &st);
    if (U_FAILURE(st) || !t) {
        if (t)
            utrans_close(t);
        return;
    }
    utrans_register(t, &st); /* ICU owns it now */
}

static bool icu_open(void)
{
    if (translit)
        return true;
    if (icu_broken)
        return false;
    register_unknown_script();
    /* BGN/PCGN for Russian gives the spellings filers use ("Romashka", not
     * ISO 9's "Romaška" -> "romaska"); Any-Latin does the other scripts. */
    static const char id[] = "Russian-Latin/BGN; Any-Latin; Latin-ASCII";
    UChar uid[sizeof id];
    u_charsToUChars(id, uid, (int32_t)sizeof id);
    UErrorCode st = U_ZERO_ERROR;
    translit = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st) || !translit) {
        translit = NULL;
        icu_broken = true;
        return false;
    }
    /* Without the word dictionary a Han run is kept as one word. */
    st = U_ZERO_ERROR;
    han_words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st))
        han_words = NULL;
    cache = cw_xcalloc(CACHE_SLOTS, sizeof *cache);
    return true;
}

void cw_norm_cleanup(void)
{
    if (translit)
        utrans_close(translit);
    if (han_words)
        ubrk_close(han_words);
    free(cache);
    cw_memo_free(&name_memo);
    cw_memo_free(&address_memo);
    translit = NULL;
    han_words = NULL;
    cache = NULL;
    icu_broken = false;
}

static struct cache_slot *cache_slot(const char *s, size_t n, bool syllables)
{
    if (!cache || n > CACHE_IN)
        return NULL;
    return &cache[(cw_hash_slot(s, n) ^ syllables) % CACHE_SLOTS];
}

/* ---- Latin with diacritics, without the transliterator --------------- */

/* Latin letters that have no decomposition, and punctuation worth
 * keeping apart from other symbols; as Latin-ASCII spells them. */
static const char *latin_extra(UChar32 c)
{
    switch (c) {
    case 0x00DF: return "ss";
    case 0x00C6: return "AE";
    case 0x00E6: return "ae";
    case 0x0152: return "OE";
    case 0x0153: return "oe";
    case 0x00D8: return "O";
    case 0x00F8: return "o";
    case 0x0110: case 0x00D0: return "D";
    case 0x0111: case 0x00F0: return "d";
    case 0x00DE: return "TH";
    case 0x00FE: return "th";
    case 0x0141: return "L";
    case 0x0142: return "l";
    case 0x0131: return "i";
    case 0x014A: return "NG";
    case 0x014B: return "ng";
    case 0x0126: return "H";
    case 0x0127: return "h";
    case 0x0166: return "T";
    case 0x0167: return "t";
    case 0x0192: return "f";
    case 0x2018: case 0x2019: case 0x201B: case 0x02BB: case 0x02BC: case 0x02BE:
    case 0x02BF: case 0x00B4: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: return "-";
    case 0x00A9: case 0x00AE: case 0x00B0: case 0x00B7: case 0x2022: return " ";
    default: return NULL;
    }
}

/* Fold s[0..n) to ASCII by compatibility decomposition, dropping the
 * combining marks ("Société" -> "Societe", "ＡＢＣ" -> "ABC", "№" -> "No")
 * — 20 times faster than the transliterator for the Latin-script names
 * that make up most non-ASCII input.  Returns (size_t)-1, leaving the text
 * to ICU, at the first character that does not fold this way. */
static size_t fold_latin(const char *s, size_t n, char *dst, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    if (!nfkd)
        nfkd = unorm2_getNFKDInstance(&st);
    if (!nfkd || U_FAILURE(st))
        return (size_t)-1;
    size_t o = 0;
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        const char *x;
        if (c >= 0 && c < 0x80) {
            if (o + 1 >= cap)
                break;
            dst[o++] = (char)c;
        } else if (c < 0) {
            if (o + 1 >= cap)
                break;
            dst[o++] = ' '; /* as ICU's path treats invalid bytes */
        } else if (c >= 0x300 && c <= 0x36F) {
            continue;
        } else if ((x = latin_extra(c)) != NULL) {
            size_t l = strlen(x);
            if (o + l >= cap)
                break;
            memcpy(dst + o, x, l);
            o += l;
        } else {
            UChar d[32];
            st = U_ZERO_ERROR;
            int32_t dl = unorm2_getDecomposition(nfkd, c, d, 32, &st);
            if (dl <= 0 || U_FAILURE(st))
                return (size_t)-1;
            for (int32_t k = 0; k < dl; k++) {
                if (d[k] >= 0x300 && d[k] <= 0x36F)
                    continue;
                if (d[k] >= 0x80)
                    return (size_t)-1;
                if (o + 1 >= cap)
                    break;
                dst[o++] = (char)d[k];
            }
        }
    }
    dst[o] = '\0';
    return o;
}

static bool is_han(UChar32 c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

/* Append u[0..n) to t (capacity cap) at *tl; false when it does not fit. */
static bool tx_add(UChar *t, int32_t cap, int32_t *tl, const UChar *u, int32_t n)
{
    if (*tl + n > cap)
        return false;
    memcpy(t + *tl, u, (size_t)n * sizeof *u);
    *tl += n;
    return true;
}

static bool tx_mark(UChar *t, int32_t cap, int32_t *tl, UChar m)
{
    return tx_add(t, cap, tl, &m, 1);
}

/* Han words ICU reads with the wrong sound of a polyphonic character
 * (厦门 "shamen", 银行 "yinxing"): place and trade names that matter in
 * shipping, spelled as filers do, syllables apart. */
static const struct {
    const UChar *han;
    const char *latin;
} han_fixes[] = {
    {u"厦门", "xia men"},    {u"长沙", "chang sha"},   {u"长春", "chang chun"},
    {u"长江", "chang jiang"}, {u"长城", "chang cheng"}, {u"长安", "chang an"},
    {u"长治", "chang zhi"},  {u"长乐", "chang le"},    {u"珲春", "hun chun"},
    {u"蚌埠", "beng bu"},    {u"六安", "lu an"},       {u"番禺", "pan yu"},
    {u"乐清", "yue qing"},   {u"银行", "yin hang"},    {u"商行", "shang hang"},
    {u"洋行", "yang hang"},  {u"车行", "che hang"},    {u"行业", "hang ye"},
};

/* Bracket u[0..n), part of a Han run, word by word (or whole, when words
 * are not wanted or the dictionary is missing). */
static bool mark_words(const UChar *u, int32_t n, bool split, UChar *t, int32_t cap, int32_t *tl)
{
    UErrorCode st = U_ZERO_ERROR;
    if (n == 0)
        return true;
    if (split && han_words)
        ubrk_setText(han_words, u, n, &st);
    if (!split || !han_words || U_FAILURE(st))
        return tx_mark(t, cap, tl, MARK_OPEN) && tx_add(t, cap, tl, u, n) &&
               tx_mark(t, cap, tl, MARK_CLOSE);
    int32_t a = ubrk_first(han_words), b;
    while ((b = ubrk_next(han_words)) != UBRK_DONE) {
        if (!tx_mark(t, cap, tl, MARK_OPEN) || !tx_add(t, cap, tl, u + a, b - a) ||
            !tx_mark(t, cap, tl, MARK_CLOSE))
            return false;
        a = b;
    }
    return true;
}

/* Bracket the Han run u[0..n), putting han_fixes in place. */
static bool mark_run(const UChar *u, int32_t n, bool split, UChar *t, int32_t cap, int32_t *tl)
{
    int32_t seg = 0;
    for (int32_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof han_fixes / sizeof *han_fixes; k++) {
            const UChar *h = han_fixes[k].han;
            if (u[i] != h[0])
                continue;
            int32_t hl = u_strlen(h);
            if (n - i < hl || u_memcmp(u + i, h, hl) != 0)
                continue;
            if (!mark_words(u + seg, i - seg, split, t, cap, tl) || !tx_mark(t, cap, tl, MARK_OPEN))
                return false;
            for (const char *l = han_fixes[k].latin; *l; l++)
                if (!tx_mark(t, cap, tl, (UChar)*l))
                    return false;
            if (!tx_mark(t, cap, tl, MARK_CLOSE))
                return false;
            i += hl - 1;
            seg = i + 1;
            break;
        }
    }
    return mark_words(u + seg, n - seg, split, t, cap, tl);
}

/* Copy u into t, bracketing every Han word with MARK_OPEN and MARK_CLOSE.
 * Returns the length, or -1 when t is too small. */
static int32_t mark_han(const UChar *u, int32_t n, bool split, UChar *t, int32_t cap)
{
    int32_t tl = 0, i = 0;
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U16_NEXT(u, i, n, c);
        if (!is_han(c)) {
            if (!tx_add(t, cap, &tl, u + start, i - start))
                return -1;
            continue;
        }
        int32_t end = i;
        while (end < n) {
            int32_t j = end;
            U16_NEXT(u, j, n, c);
            if (!is_han(c))
                break;
            end = j;
        }
        if (!mark_run(u + start, end - start, split, t, cap, &tl))
            return -1;
        i = end;
    }
    return tl;
}

/* Latin-ASCII text for s[0..n): ICU's transliteration, with the spaces ICU
 * puts between the syllables of a Han word removed unless syllables is set.
 * Anything ICU leaves outside ASCII becomes a space; invalid UTF-8 bytes
 * too.  Returns the length of dst (capacity cap > 0, terminated). */
static size_t icu_latin(const char *s, size_t n, bool syllables, char *dst, size_t cap)
{
    size_t o = 0;
    UChar u[CW_NORM_INPUT_MAX];
    UChar tbuf[TX_MAX];
    UChar *t = tbuf, *heap = NULL;
    int32_t ul = 0, tl, limit;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, CW_NORM_INPUT_MAX, &ul, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING)
        goto fail;
    tl = mark_han(u, ul, !syllables, t, TX_MAX);
    if (tl < 0)
        goto fail;
    st = U_ZERO_ERROR;
    limit = tl;
    utrans_transUChars(translit, t, &tl, TX_MAX, 0, &limit, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        /* tl is now the length needed: mark again into a big enough buffer. */
        int32_t need = tl + 1;
        heap = cw_xmalloc((size_t)need * sizeof *heap);
        t = heap;
        tl = mark_han(u, ul, !syllables, t, need);
        if (tl < 0)
            goto fail;
        st = U_ZERO_ERROR;
        limit = tl;
        utrans_transUChars(translit, t, &tl, need, 0, &limit, &st);
    }
    if (U_FAILURE(st))
        goto fail;
    bool in_han = false;
    for (int32_t i = 0; i < tl && o + 1 < cap; i++) {
        UChar c = t[i];
        if (c == MARK_OPEN || c == MARK_CLOSE) {
            in_han = c == MARK_OPEN;
            dst[o++] = ' ';
        } else if (c < 0x80 && c != 0) {
            if (c == ' ' && in_han && !syllables)
                continue;
            dst[o++] = (char)c;
        } else {
            dst[o++] = ' ';
        }
    }
    dst[o] = '\0';
    free(heap);
    return o;
fail:
    free(heap);
    dst[0] = '\0';
    return 0;
}

static size_t to_latin(const char *s, size_t n, bool syllables, char *dst, size_t cap)
{
    size_t o = fold_latin(s, n, dst, cap);
    if (o != (size_t)-1)
        return o;
    if (!icu_open()) {
        for (o = 0; o < n && o + 1 < cap; o++)
            dst[o] = (unsigned char)s[o] < 0x80 ? s[o] : ' ';
        dst[o] = '\0';
        return o;
    }
    struct cache_slot *c = cache_slot(s, n, syllables);
    if (c && c->inlen == n && c->syllables == syllables && memcmp(c->in, s, n) == 0 &&
        c->outlen < cap) {
        memcpy(dst, c->out, c->outlen + 1);
        return c->outlen;
    }
    o = icu_latin(s, n, syllables, dst, cap);
    if (c && o < CACHE_OUT) {
        c->inlen = (uint16_t)n;
        c->outlen = (uint16_t)o;
        c->syllables = syllables;
        memcpy(c->in, s, n);
        memcpy(c->out, dst, o + 1);
    }
    return o;
}

void cw_norm_warm(void)
{
    static const char *const samples[] = {
        "Москва", "طهران", "大连", "서울", "トヨタ", "Αθήνα", "חיפה", "กรุงเทพ", "मुंबई",
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char out[64];
        to_latin(samples[i], strlen(samples[i]), false, out, sizeof out);
    }
}

/* Words of any text: ASCII is tokenised as is, the rest transliterated
 * first.  dst has room for WORK_MAX. */
static size_t any_words(const char *s, size_t n, bool syllables, char *dst)
{
    if (all_ascii(s, n))
        return words(s, n, dst, WORK_MAX);
    char latin[WORK_MAX];
    size_t ln = to_latin(s, n, syllables, latin, sizeof latin);
    return words(latin, ln, dst, WORK_MAX);
}

/* ---- kinds of company -------------------------------------------------- */

/* The legal forms that say plainly which kind of company they make (see
 * cw_norm_legal_form in normalise.h). */
static const struct legal_form {
    const char *words; /* folded: lower case, Latin, no punctuation */
    unsigned kind;
} legal_forms[] = {
    /* longer first: "gmbh co kg" before "kg" */
    {"gmbh co kg", CW_FORM_PARTNERSHIP},
    {"kg", CW_FORM_PARTNERSHIP},
    {"sdn bhd", CW_FORM_LIMITED},
    {"sendirian berhad", CW_FORM_LIMITED},
    {"ltd sti", CW_FORM_LIMITED},
    {"limited sirketi", CW_FORM_LIMITED},
    {"anonim sirketi", CW_FORM_SHARES},
    {"limited liability company", CW_FORM_LIMITED},
    {"joint stock company", CW_FORM_SHARES},
    {"private joint stock co", CW_FORM_SHARES},
    {"private joint stock company", CW_FORM_SHARES},
    {"pjs co", CW_FORM_SHARES},
    {"public co ltd", CW_FORM_SHARES},
    {"public company limited", CW_FORM_SHARES},
    {"pvt ltd", CW_FORM_LIMITED},
    {"private limited", CW_FORM_LIMITED},
    {"pte ltd", CW_FORM_LIMITED},
    {"pty ltd", CW_FORM_LIMITED},
    {"kabushiki kaisha", CW_FORM_SHARES},
    {"sa de cv", CW_FORM_SHARES},
    {"sac", CW_FORM_SHARES},
    {"as", CW_FORM_SHARES},
    {"ag", CW_FORM_SHARES},
    {"aktiengesellschaft", CW_FORM_SHARES},
    {"spa", CW_FORM_SHARES},
    {"nv", CW_FORM_SHARES},
    {"sa", CW_FORM_SHARES},
    {"plc", CW_FORM_SHARES},
    {"pcl", CW_FORM_SHARES},
    {"jsc", CW_FORM_SHARES},
    {"pjsc", CW_FORM_SHARES},
    {"ao", CW_FORM_SHARES},
    {"pao", CW_FORM_SHARES},
    {"oao", CW_FORM_SHARES},
    {"zao", CW_FORM_SHARES},
    {"kk", CW_FORM_SHARES},
    {"inc", CW_FORM_SHARES},
    {"incorporated", CW_FORM_SHARES},
    {"corp", CW_FORM_SHARES},
    {"corporation", CW_FORM_SHARES},
    {"gmbh", CW_FORM_LIMITED},
    {"srl", CW_FORM_LIMITED},
    {"sarl", CW_FORM_LIMITED},
    {"sl", CW_FORM_LIMITED},
    {"slu", CW_FORM_LIMITED},
    {"bv", CW_FORM_LIMITED},
    {"ooo", CW_FORM_LIMITED},
    {"llc", CW_FORM_LIMITED},
    {"ltda", CW_FORM_LIMITED},
    {"wll", CW_FORM_LIMITED},
    {"est", CW_FORM_SOLE},
    {"establishment", CW_FORM_SOLE},
};

/* A filed name folded to lower-case Latin words without punctuation,
 * dotted abbreviations joined ("A.Ş." -> "as", "S.p.A." -> "spa"). */
static void fold_form_words(const char *name, char *out, size_t outlen)
{
    static const struct {
        const char *utf8, *ascii;
    } letters[] = {
        {"\xc5\x9f", "s"}, {"\xc5\x9e", "s"}, {"\xc4\xb1", "i"}, {"\xc4\xb0", "i"}, {"\xc3\xa7", "c"},
        {"\xc3\x87", "c"}, {"\xc4\x9f", "g"}, {"\xc4\x9e", "g"}, {"\xc3\xb6", "o"}, {"\xc3\x96", "o"},
        {"\xc3\xbc", "u"}, {"\xc3\x9c", "u"}, {"\xd0\x9e\xd0\x9e\xd0\x9e", "ooo"}, {"\xd0\x90\xd0\x9e", "ao"},
        {"\xd0\x9f\xd0\x90\xd0\x9e", "pao"},
    };
    size_t o = 0;
    bool space = true;
    for (const char *p = name; *p && o + 4 < outlen;) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            space = false;
            p++;
            continue;
        }
        if (c == '.' || c == '\'') {
            p++; /* "A.S." -> "as", "Int'l" -> "intl" */
            continue;
        }
        if (c >= 0x80) {
            size_t k = 0;
            for (; k < sizeof letters / sizeof *letters; k++)
                if (!strncmp(p, letters[k].utf8, strlen(letters[k].utf8)))
                    break;
            if (k < sizeof letters / sizeof *letters) {
                for (const char *a = letters[k].ascii; *a && o + 4 < outlen; a++)
                    out[o++] = *a;
                p += strlen(letters[k].utf8);
                space = false;
                continue;
            }
        }
        /* anything else (space, comma, "&", other scripts) separates words */
        if (!space)
            out[o++] = ' ';
        space = true;
        p++;
        while ((unsigned char)*p >= 0x80 && ((unsigned char)*p & 0xc0) == 0x80)
            p++;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* The kind of the first listed form the folded words w (n bytes) end
 * with, or start with, as a word of their own; 0 when none. */
static unsigned form_at(const char *w, size_t n, bool at_end)
{
    for (size_t i = 0; i < sizeof legal_forms / sizeof *legal_forms; i++) {
        const char *f = legal_forms[i].words;
        size_t fl = strlen(f);
        if (n > fl && (at_end ? !strcmp(w + n - fl, f) && w[n - fl - 1] == ' ' : !strncmp(w, f, fl) && w[fl] == ' '))
            return legal_forms[i].kind;
    }
    return 0;
}

unsigned cw_norm_legal_form(const char *name)
{
    char w[512];
    fold_form_words(name, w, sizeof w);
    size_t n = strlen(w);
    unsigned kind = form_at(w, n, true);
    return kind ? kind : form_at(w, n, false);
}

/* ---- legal-form designators ----------------------------------------- */

struct desig {
    const char *s;
    unsigned char len;
    bool word; /* must stand apart from the name (space or punctuation) */
};
#define DW(str) {str, sizeof str - 1, true}
#define DC(str) {str, sizeof str - 1, false}

/* In the filed script, before transliteration: written without spaces
 * (CJK), or words whose Latin spelling is ambiguous ("АО" -> "ao", "ТОО"
 * -> "too"), or whose transliteration is unreadable ("شرکت" -> "shrkt"). */
static const struct desig native_prefix[] = {
    DC("株式会社"), DC("有限会社"), DC("合同会社"), DC("주식회사"), DC("유한회사"),
    DC("(주)"), DC("（주）"), DC("㈜"), DC("(株)"), DC("（株）"), DC("㈱"),
    DW("Общество с ограниченной ответственностью"), DW("ООО"), DW("ЗАО"),
    DW("ОАО"), DW("ПАО"), DW("НАО"), DW("АО"), DW("ТОО"), DW("ТОВ"), DW("ПрАТ"),
    DW("ИП"), DW("شرکت"), DW("شركة"), DW("شركه"),
};

static const struct desig native_suffix[] = {
    DC("股份有限公司"), DC("有限责任公司"), DC("有限責任公司"), DC("有限公司"), DC("公司"),
    DC("株式会社"), DC("有限会社"), DC("合同会社"), DC("주식회사"), DC("유한책임회사"),
    DC("유한회사"), DC("(주)"), DC("（주）"), DC("㈜"), DC("(株)"), DC("（株）"), DC("㈱"),
    DW("ООО"), DW("ЗАО"), DW("ОАО"), DW("ПАО"), DW("АО"), DW("ТОО"), DW("ТОВ"),
    DW("(سهامی خاص)"), DW("(سهامی عام)"), DW("سهامی خاص"), DW("سهامی عام"),
    DW("با مسئولیت محدود"), DW("ذ.م.م."), DW("ذ.م.م"), DW("ذ م م"), DW("ش.م.م"),
    DW("ش.م.ل"), DW("ش.م.ع"), DW("ش.م.خ"), DW("المحدودة"), DW("בע\"מ"), DW("בע״מ"),
};

/* Transliterated words, matched on whole words of cw_norm_name's text.
 * Longer phrases first: the first match wins. */
static const struct desig latin_suffix[] = {
    DW("s de rl de cv"), DW("sa de cv"), DW("and co kg"), DW("company limited"),
    DW("company ltd"), DW("co limited"), DW("co ltd"), DW("corp ltd"), DW("and co"),
    DW("co kg"), DW("de cv"), DW("sdn bhd"), DW("fz llc"), DW("sp zoo"), DW("pty ltd"),
    DW("ltd"), DW("limited"), DW("co"), DW("company"), DW("llc"), DW("llp"), DW("lp"),
    DW("pllc"), DW("inc"), DW("incorporated"), DW("corp"), DW("corporation"),
    DW("gmbh"), DW("mbh"), DW("ag"), DW("kg"), DW("sa"), DW("sas"), DW("sarl"),
    DW("srl"), DW("sl"), DW("spa"), DW("bv"), DW("nv"), DW("plc"), DW("pte"),
    DW("pvt"), DW("private"), DW("pty"), DW("bhd"), DW("fze"), DW("fzco"), DW("fzc"),
    DW("fzllc"), DW("jsc"), DW("ojsc"), DW("pjsc"), DW("cjsc"), DW("ooo"), DW("zao"),
    DW("oao"), DW("pao"), DW("kft"), DW("zrt"), DW("spzoo"), DW("sro"), DW("doo"),
    DW("as"), DW("asa"), DW("ab"), DW("oy"), DW("oyj"), DW("aps"), DW("ltda"),
    DW("sti"), DW("kk"), DW("tbk"), DW("sae"), DW("wll"), DW("spc"),
};

static const struct desig latin_prefix[] = {
    DW("ooo"), DW("zao"), DW("oao"), DW("pao"), DW("jsc"), DW("ojsc"), DW("pjsc"),
    DW("cjsc"), DW("pt"), DW("cv"), DW("ms"), DW("messrs"), DW("the"), DW("tov"),
};

/* Characters that may surround a name: whitespace, quotes, stops. */
#define J(str) {str, sizeof str - 1}
static const struct {
    const char *s;
    size_t len;
} junk_chars[] = {
    J("\xc2\xa0"), J("\xe3\x80\x80"), J("«"), J("»"), J("“"), J("”"), J("„"), J("‘"),
    J("’"), J("「"), J("」"), J("『"), J("』"), J("、"), J("。"), J("，"), J("："), J("．"),
};

static bool ascii_junk(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == '"' || c == '\'' || c == ',' || c == '.' || c == ';' || c == ':' || c == '-' ||
           c == '_' || c == '*';
}

static size_t junk_at(const char *p, const char *end)
{
    if (p >= end)
        return 0;
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return ascii_junk(c);
    if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF)
        return 0;
    for (size_t k = 0; k < sizeof junk_chars / sizeof *junk_chars; k++) {
        size_t l = junk_chars[k].len;
        if ((size_t)(end - p) >= l && memcmp(p, junk_chars[k].s, l) == 0)
            return l;
    }
    return 0;
}

static size_t junk_before(const char *start, const char *p)
{
    if (p <= start)
        return 0;
    unsigned char c = (unsigned char)p[-1];
    if (c < 0x80)
        return ascii_junk(c);
    for (size_t k = 0; k < sizeof junk_chars / sizeof *junk_chars; k++) {
        size_t l = junk_chars[k].len;
        if ((size_t)(p - start) >= l && (unsigned char)junk_chars[k].s[l - 1] == c &&
            memcmp(p - l, junk_chars[k].s, l) == 0)
            return l;
    }
    return 0;
}

static void trim_junk(const char **s, const char **e)
{
    size_t l;
    while ((l = junk_at(*s, *e)) > 0)
        *s += l;
    while ((l = junk_before(*s, *e)) > 0)
        *e -= l;
}

/* A word designator must be followed (prefix) or preceded (suffix) by
 * punctuation, a space or a bracket, not by more letters. */
static bool apart_after(const char *p, const char *end)
{
    if (p >= end)
        return true;
    unsigned char c = (unsigned char)*p;
    return (c < 0x80 && !is_alnum(c)) || junk_at(p, end) > 0;
}

static bool apart_before(const char *start, const char *p)
{
    if (p <= start)
        return true;
    unsigned char c = (unsigned char)p[-1];
    return (c < 0x80 && !is_alnum(c)) || junk_before(start, p) > 0;
}

/* Remove designators written in the original script from [*s, *e),
 * leaving at least something. */
static void strip_native(const char **s, const char **e)
{
    bool changed = true;
    while (changed) {
        changed = false;
        trim_junk(s, e);
        for (size_t k = 0; k < sizeof native_prefix / sizeof *native_prefix; k++) {
            const struct desig *d = &native_prefix[k];
            const char *rest = *s + d->len, *re = *e;
            if ((size_t)(*e - *s) <= d->len || **s != d->s[0] || memcmp(*s, d->s, d->len) != 0 ||
                (d->word && !apart_after(rest, *e)))
                continue;
            trim_junk(&rest, &re);
            if (rest < re) {
                *s = rest;
                changed = true;
                break;
            }
        }
        for (size_t k = 0; k < sizeof native_suffix / sizeof *native_suffix; k++) {
            const struct desig *d = &native_suffix[k];
            const char *rs = *s, *rest = *e - d->len;
            if ((size_t)(*e - *s) <= d->len || (*e)[-1] != d->s[d->len - 1] ||
                memcmp(rest, d->s, d->len) != 0 ||
                (d->word && !apart_before(*s, rest)))
                continue;
            trim_junk(&rs, &rest);
            if (rs < rest) {
                *e = rest;
                changed = true;
                break;
            }
        }
    }
}

/* Remove whole-word designators from the ends of normalised text w[0..*n),
 * never the last word; returns the new start offset. */
static size_t strip_latin(const char *w, size_t *n)
{
    size_t s = 0;
    bool changed = true;
    while (changed) {
        changed = false;
        size_t len = *n - s;
        for (size_t k = 0; k < sizeof latin_suffix / sizeof *latin_suffix; k++) {
            const struct desig *d = &latin_suffix[k];
            if (len > d->len && w[*n - 1] == d->s[d->len - 1] && w[*n - d->len - 1] == ' ' &&
                memcmp(w + *n - d->len, d->s, d->len) == 0) {
                *n -= d->len + 1;
                changed = true;
                break;
            }
        }
        len = *n - s;
        for (size_t k = 0; k < sizeof latin_prefix / sizeof *latin_prefix; k++) {
            const struct desig *d = &latin_prefix[k];
            if (len > d->len && w[s] == d->s[0] && w[s + d->len] == ' ' &&
                memcmp(w + s, d->s, d->len) == 0) {
                s += d->len + 1;
                changed = true;
                break;
            }
        }
    }
    return s;
}

/* Join runs of one-letter words in place: "s a" -> "sa", "l l c" -> "llc",
 * "sp z o o" -> "sp zoo".  Returns the new length. */
static size_t join_initials(char *w, size_t n)
{
    size_t o = 0, i = 0;
    bool prev_single = false;
    while (i < n) {
        size_t j = i;
        while (j < n && w[j] != ' ')
            j++;
        bool single = j - i == 1 && is_alpha((unsigned char)w[i]);
        if (!(single && prev_single) && o > 0)
            w[o++] = ' ';
        memmove(w + o, w + i, j - i);
        o += j - i;
        prev_single = single;
        i = j + 1;
    }
    w[o] = '\0';
    return o;
}

/* ---- names ---------------------------------------------------------- */

/* cw_norm_name's text, before the memo. */
static char *fold_name(const char *in, char *buf, size_t *n)
{
    size_t len = bounded_len(in);
    *n = 0;
    buf[0] = '\0';
    if (len == 0)
        return buf;
    size_t wl;
    if (all_ascii(in, len)) {
        wl = words(in, len, buf, WORK_MAX);
    } else {
        const char *s = in, *e = in + len;
        strip_native(&s, &e);
        wl = any_words(s, (size_t)(e - s), false, buf);
    }
    wl = join_initials(buf, wl);
    size_t start = strip_latin(buf, &wl);
    *n = wl - start;
    return buf + start;
}

/* The normalised name of in, in buf (WORK_MAX); returns its start and
 * sets *n to its length. */
static char *name_words(const char *in, char *buf, size_t *n)
{
    cw_memo_slot *slot;
    const char *kept = cw_memo_get(&name_memo, in, bounded_len(in), n, &slot);
    if (kept) {
        memcpy(buf, kept, *n + 1);
        return buf;
    }
    char *w = fold_name(in, buf, n);
    cw_memo_keep(&name_memo, slot, in, bounded_len(in), w, *n);
    return w;
}

size_t cw_norm_name(const char *in, char *out, size_t outlen)
{
    char buf[WORK_MAX];
    size_t n;
    const char *w = name_words(in, buf, &n);
    return n ? put(out, outlen, w, n) : none(out, outlen);
}

/* Sort the words of w[0..n) (dedup: drop repeats) into out. */
static int cmp_word(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t sorted_words(char *w, size_t n, bool dedup, char *out, size_t outlen)
{
    const char *word[CW_NORM_INPUT_MAX / 2 + 1];
    size_t nw = 0;
    w[n] = '\0';
    for (size_t i = 0; i < n && nw < sizeof word / sizeof *word;) {
        word[nw++] = w + i;
        while (i < n && w[i] != ' ')
            i++;
        if (i < n)
            w[i++] = '\0';
    }
    qsort(word, nw, sizeof *word, cmp_word);
    char joined[WORK_MAX];
    size_t o = 0;
    for (size_t k = 0; k < nw; k++) {
        if (dedup && k > 0 && strcmp(word[k], word[k - 1]) == 0)
            continue;
        size_t l = strlen(word[k]);
        if (o + (o > 0) + l >= sizeof joined)
            break;
        if (o > 0)
            joined[o++] = ' ';
        memcpy(joined + o, word[k], l);
        o += l;
    }
    return o ? put(out, outlen, joined, o) : none(out, outlen);
}

size_t cw_norm_name_sorted(const char *in, char *out, size_t outlen)
{
    char buf[WORK_MAX];
    size_t n;
    char *w = name_words(in, buf, &n);
    return n ? sorted_words(w, n, false, out, outlen) : none(out, outlen);
}

static inline bool fold_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

size_t cw_norm_name_fold(const char *norm, char *out, size_t outlen)
{
    size_t len = bounded_len(norm);
    if (!out || outlen == 0)
        return 0;
    /* Letters and digits only, spaces gone: "tong myong" == "tongmyong". */
    char s[CW_NORM_INPUT_MAX + 1];
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (is_alnum((unsigned char)norm[i]))
            s[n++] = lower((unsigned char)norm[i]);
    s[n] = '\0';
    size_t o = 0;
    char last = 0;
    for (size_t i = 0; i < n && o + 1 < outlen;) {
        char c = s[i], next = s[i + 1]; /* s[n] is the NUL */
        char code;
        size_t adv = 1;
        if (fold_vowel(c)) {
            code = 'a';
        } else if (is_digit((unsigned char)c)) {
            out[o++] = c; /* digits never collapse: "711" is not "71" */
            last = c;
            i++;
            continue;
        } else {
            switch (c) {
            case 'c':
                code = next == 'h' ? 'j' : 'k';
                adv = next == 'h' ? 2 : 1;
                break;
            case 'z':
                code = next == 'h' ? 'j' : 'z';
                adv = next == 'h' ? 2 : 1;
                break;
            case 's':
                code = 's';
                adv = next == 'h' ? 2 : 1;
                break;
            case 'p':
                code = next == 'h' ? 'f' : 'p';
                adv = next == 'h' ? 2 : 1;
                break;
            case 'k':
            case 'g':
            case 'q':
                code = 'k';
                break;
            case 'd':
                /* "dj" (French) and "dzh" (Russian) spell the English "j" */
                if (next == 'j' || (next == 'z' && s[i + 2] == 'h')) {
                    code = 'j';
                    adv = next == 'j' ? 2 : 3;
                } else {
                    code = 't';
                }
                break;
            case 't':
                code = 't';
                break;
            case 'r':
                code = 'l'; /* Korean ㄹ, written r or l */
                break;
            case 'w':
                code = 'v'; /* Persian و: Vahid, Wahid */
                break;
            case 'b':
                code = 'p';
                break;
            case 'x':
                if (last != 'k') {
                    out[o++] = 'k';
                    last = 'k';
                }
                code = 's';
                break;
            case 'h':
                /* Kept only where it is heard: word-initial or between
                 * vowels ("mohammad"), dropped after a consonant ("kh",
                 * "th") and before one or at the end ("ahmad", "zadeh"). */
                if ((last == 0 || last == 'a') && fold_vowel(next)) {
                    code = 'h';
                    break;
                }
                i++;
                continue;
            default:
                code = c;
                break;
            }
        }
        i += adv;
        if (code == last)
            continue;
        if (o + 1 >= outlen)
            break;
        out[o++] = code;
        last = code;
    }
    out[o] = '\0';
    return o;
}

size_t cw_norm_name_key(const char *in, char *out, size_t outlen)
{
    char buf[WORK_MAX];
    size_t n;
    const char *w = name_words(in, buf, &n);
    if (n == 0)
        return none(out, outlen);
    buf[(size_t)(w - buf) + n] = '\0';
    return cw_norm_name_fold(w, out, outlen);
}

/* ---- phones --------------------------------------------------------- */

#define PHONE_MAX 20

/* The digit a UTF-8 sequence at p stands for (ASCII, full-width,
 * Arabic-Indic, extended Arabic-Indic), with its length in *l; -1 if none. */
static int digit_at(const unsigned char *p, size_t avail, size_t *l)
{
    *l = 1;
    if (is_digit(p[0]))
        return p[0] - '0';
    if (avail >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
        *l = 3;
        return p[2] - 0x90;
    }
    if (avail >= 2 && p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
        *l = 2;
        return p[1] - 0xA0;
    }
    if (avail >= 2 && p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
        *l = 2;
        return p[1] - 0xB0;
    }
    return -1;
}

/* Non-ASCII characters seen inside phone numbers as spacing or grouping:
 * no-break and ideographic spaces, dashes, minus, full-width brackets,
 * hyphen and plus. */
static size_t phone_spacing(const unsigned char *p, size_t avail)
{
    static const char *const sp[] = {
        "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92",
        "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92", "\xef\xbc\x88", "\xef\xbc\x89",
        "\xef\xbc\x8d", "\xef\xbc\x8b", "\xe2\x80\xaf",
    };
    for (size_t k = 0; k < sizeof sp / sizeof *sp; k++) {
        size_t l = strlen(sp[k]);
        if (avail >= l && memcmp(p, sp[k], l) == 0)
            return l;
    }
    return 0;
}

static bool country_is(const char *country, const char *iso2)
{
    return country && (country[0] | 0x20) == (iso2[0] | 0x20) &&
           country[1] && (country[1] | 0x20) == (iso2[1] | 0x20) && country[2] == '\0';
}

size_t cw_norm_phone(const char *in, const char *country, char *out, size_t outlen)
{
    size_t len = bounded_len(in);
    const unsigned char *p = (const unsigned char *)in;
    char d[PHONE_MAX + 8];
    size_t nd = 0;
    bool plus = false;
    for (size_t i = 0; i < len;) {
        size_t l;
        int v = digit_at(p + i, len - i, &l);
        if (v >= 0) {
            if (nd < sizeof d - 1)
                d[nd++] = (char)('0' + v);
            i += l;
            continue;
        }
        unsigned char c = p[i];
        if ((c == '+' || (c == 0xEF && len - i >= 3 && p[i + 1] == 0xBC && p[i + 2] == 0x8B)) &&
            nd == 0) {
            plus = true;
            i += c == '+' ? 1 : 3;
            continue;
        }
        /* "+44 (0)20 ...": the trunk zero written for national callers. */
        if (c == '(' && len - i >= 3 && p[i + 1] == '0' && p[i + 2] == ')' &&
            (plus || (nd >= 2 && d[0] == '0' && d[1] == '0'))) {
            i += 3;
            continue;
        }
        if (nd > 0 && (is_alpha(c) || c == '/' || c == ',' || c == ';' || c == '+'))
            break; /* an extension or a second number */
        if (c >= 0x80 && nd > 0) {
            size_t sl = phone_spacing(p + i, len - i);
            if (sl == 0)
                break; /* "转 22", "доб. 22" */
            i += sl;
            continue;
        }
        i++;
    }
    d[nd] = '\0';

    const char *dc = cw_dialcode(country);
    const char *num = d, *code = "";
    if (plus) {
        /* as filed */
    } else if (nd >= 2 && d[0] == '0' && d[1] == '0') {
        num = d + 2;
    } else if (dc && strcmp(dc, "1") == 0 && nd >= 3 && memcmp(d, "011", 3) == 0) {
        num = d + 3;
    } else if (dc) {
        size_t dl = strlen(dc);
        bool ru = country_is(country, "RU") || country_is(country, "KZ");
        if (d[0] == '0' && (country_is(country, "IT") || country_is(country, "SM") ||
                            country_is(country, "VA"))) {
            code = dc; /* Italian numbers keep their 0 */
        } else if (ru && d[0] == '8' && nd == 11) {
            code = "7";
            num = d + 1;
        } else if (d[0] == '0') {
            code = dc;
            num = d + 1;
        } else if (strncmp(d, dc, dl) == 0 && (ru ? nd == 11 : nd >= dl + 8)) {
            /* already international, "+" left out */
        } else {
            code = dc;
        }
    }
    size_t nn = strlen(num);
    if (nn < 6)
        return none(out, outlen);
    char r[2 * sizeof d];
    size_t cl = strlen(code);
    memcpy(r, code, cl);
    memcpy(r + cl, num, nn);
    size_t rl = cl + nn < PHONE_MAX ? cl + nn : PHONE_MAX;
    return put(out, outlen, r, rl);
}

/* ---- emails --------------------------------------------------------- */

static bool email_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t cw_norm_email(const char *in, char *out, size_t outlen)
{
    size_t len = bounded_len(in);
    const char *s = in, *e = in + len;
    if (len == 0)
        return none(out, outlen);
    while (s < e && email_space((unsigned char)*s))
        s++;
    while (e > s && email_space((unsigned char)e[-1]))
        e--;
    /* "Name <a@b.c>" and "<a@b.c>" */
    if (e > s && e[-1] == '>') {
        const char *lt = e - 1;
        while (lt > s && *lt != '<')
            lt--;
        if (*lt == '<') {
            s = lt + 1;
            e--;
        }
    }
    if (e - s >= 7 && strncasecmp(s, "mailto:", 7) == 0)
        s += 7;
    while (s < e && email_space((unsigned char)*s))
        s++;
    while (e > s && email_space((unsigned char)e[-1]))
        e--;
    size_t n = (size_t)(e - s);
    if (n == 0 || !cw_utf8_valid(s, n))
        return none(out, outlen);
    const char *at = NULL;
    for (const char *p = s; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7f || strchr("<>()[]\\,;:\"", c))
            return none(out, outlen);
        if (c == '@') {
            if (at)
                return none(out, outlen);
            at = p;
        }
        /* a domain is letters, digits, "-" and "." (or IDN UTF-8) */
        if (at && p > at && c < 0x80 && !is_alnum(c) && c != '-' && c != '.')
            return none(out, outlen);
    }
    if (!at)
        return none(out, outlen);
    const char *dom = at + 1, *de = e;
    while (de > dom && de[-1] == '.')
        de--; /* "example.com." */
    const char *le = at;
    for (const char *p = s; p < at; p++)
        if (*p == '+') {
            le = p;
            break;
        }
    if (le == s || de == dom || dom[0] == '.' || !memchr(dom, '.', (size_t)(de - dom)))
        return none(out, outlen);

    char r[CW_NORM_INPUT_MAX + 8];
    size_t dl = (size_t)(de - dom), o;
    char *domain = r + (le - s) + 1;
    for (size_t i = 0; i < dl; i++)
        domain[i] = lower((unsigned char)dom[i]);
    domain[dl] = '\0';
    if (strstr(domain, ".."))
        return none(out, outlen);
    bool gmail = strcmp(domain, "gmail.com") == 0 || strcmp(domain, "googlemail.com") == 0;
    o = 0;
    for (const char *p = s; p < le; p++)
        if (!(gmail && *p == '.'))
            r[o++] = lower((unsigned char)*p);
    if (o == 0)
        return none(out, outlen);
    r[o++] = '@';
    if (gmail) {
        memcpy(r + o, "gmail.com", 9);
        o += 9;
    } else {
        memmove(r + o, domain, dl);
        o += dl;
    }
    return put(out, outlen, r, o);
}

size_t cw_norm_email_domain(const char *in, char *out, size_t outlen)
{
    char r[CW_NORM_INPUT_MAX + 8];
    if (cw_norm_email(in, r, sizeof r) == 0)
        return none(out, outlen);
    const char *at = strrchr(r, '@');
    return put(out, outlen, at + 1, strlen(at + 1));
}

bool cw_norm_freemail(const char *domain)
{
    /* Providers anyone can sign up with; "yahoo.*"-style families cover
     * the national variants (yahoo.co.uk, hotmail.fr, outlook.jp...). */
    static const char *const family[] = {
        "yahoo.", "ymail.", "hotmail.", "outlook.", "live.", "msn.", "aol.", "gmx.",
        "yandex.", "rocketmail.",
    };
    static const char *const exact[] = {
        "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com", "mail.com",
        "email.com", "protonmail.com", "proton.me", "pm.me", "tutanota.com", "tuta.io",
        "zoho.com", "zohomail.com", "fastmail.com", "hushmail.com", "inbox.com",
        "lycos.com", "usa.net", "web.de", "t-online.de", "freenet.de", "libero.it",
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "seznam.cz", "wp.pl", "o2.pl",
        "interia.pl", "onet.pl", "163.com", "126.com", "yeah.net", "qq.com", "foxmail.com",
        "sina.com", "sina.cn", "sohu.com", "139.com", "189.cn", "aliyun.com", "tom.com",
        "21cn.com", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "internet.ru", "rambler.ru",
        "ya.ru", "ukr.net", "i.ua", "abv.bg", "naver.com", "daum.net", "hanmail.net",
        "nate.com", "rediffmail.com", "yopmail.com", "mailinator.com", "guerrillamail.com",
    };
    if (!domain || !*domain)
        return false;
    /* Every domain of every party is asked about: the first letter (all
     * of the above begin with a lower-case letter or a digit) rules out
     * most entries before a comparison is made. */
    char first = lower((unsigned char)domain[0]);
    for (size_t k = 0; k < sizeof family / sizeof *family; k++)
        if (family[k][0] == first && strncasecmp(domain, family[k], strlen(family[k])) == 0)
            return true;
    for (size_t k = 0; k < sizeof exact / sizeof *exact; k++)
        if (exact[k][0] == first && strcasecmp(domain, exact[k]) == 0)
            return true;
    return false;
}

/* ---- addresses ------------------------------------------------------ */

struct abbrev {
    const char *from, *to; /* to NULL: drop the word */
};

static const struct abbrev address_words[] = {
    {"rd", "road"}, {"st", "street"}, {"str", "street"}, {"ave", "avenue"},
    {"av", "avenue"}, {"blvd", "boulevard"}, {"bldg", "building"}, {"bld", "building"},
    {"f", "floor"}, {"fl", "floor"}, {"flr", "floor"}, {"rm", "room"}, {"ste", "suite"},
    {"apt", "apartment"}, {"blk", "block"}, {"dist", "district"}, {"distr", "district"},
    {"prov", "province"}, {"ctr", "center"}, {"cntr", "center"}, {"centre", "center"},
    {"sq", "square"}, {"hwy", "highway"}, {"ln", "lane"}, {"dr", "drive"}, {"ct", "court"},
    {"pl", "place"}, {"ind", "industrial"}, {"indl", "industrial"},
    {"intl", "international"}, {"twr", "tower"}, {"n", "north"}, {"s", "south"},
    {"e", "east"}, {"w", "west"}, {"lu", "road"}, {"jie", "street"}, {"qu", "district"},
    {"no", NULL}, {"nr", NULL}, {"num", NULL}, {"number", NULL}, {"hao", NULL},
};

/* Append one address word to dst, expanded; "12th" -> "12", "12f" ->
 * "12 floor". */
static void address_word(const char *w, size_t l, char *dst, size_t *o, size_t cap)
{
    /* "no5", "nr5" (and "№5", transliterated): the number alone */
    if (l > 2 && (memcmp(w, "no", 2) == 0 || memcmp(w, "nr", 2) == 0) &&
        is_digit((unsigned char)w[2])) {
        w += 2;
        l -= 2;
    }
    size_t nd = 0;
    while (nd < l && is_digit((unsigned char)w[nd]))
        nd++;
    if (nd > 0 && nd < l) {
        const char *suf = w + nd;
        size_t sl = l - nd;
        if (sl == 2 && (memcmp(suf, "st", 2) == 0 || memcmp(suf, "nd", 2) == 0 ||
                        memcmp(suf, "rd", 2) == 0 || memcmp(suf, "th", 2) == 0)) {
            l = nd;
        } else if (sl == 1 && suf[0] == 'f') {
            address_word(w, nd, dst, o, cap);
            address_word("floor", 5, dst, o, cap);
            return;
        }
    }
    for (size_t k = 0; l <= 6 && k < sizeof address_words / sizeof *address_words; k++) {
        const struct abbrev *a = &address_words[k];
        if (a->from[0] == w[0] && strlen(a->from) == l && memcmp(a->from, w, l) == 0) {
            if (!a->to)
                return;
            w = a->to;
            l = strlen(w);
            break;
        }
    }
    if (*o + 1 + l >= cap)
        return;
    if (*o > 0)
        dst[(*o)++] = ' ';
    memcpy(dst + *o, w, l);
    *o += l;
    dst[*o] = '\0';
}

size_t cw_norm_address(const char *in, char *out, size_t outlen)
{
    size_t len = bounded_len(in), n;
    if (len == 0)
        return none(out, outlen);
    cw_memo_slot *slot;
    const char *kept = cw_memo_get(&address_memo, in, len, &n, &slot);
    if (kept)
        return n ? put(out, outlen, kept, n) : none(out, outlen);
    char w[WORK_MAX], x[WORK_MAX];
    size_t o = 0;
    n = any_words(in, len, true, w);
    x[0] = '\0';
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && w[j] != ' ')
            j++;
        address_word(w + i, j - i, x, &o, sizeof x);
        i = j + 1;
    }
    n = o ? sorted_words(x, o, true, w, sizeof w) : 0;
    cw_memo_keep(&address_memo, slot, in, len, w, n);
    return n ? put(out, outlen, w, n) : none(out, outlen);
}

/* ---- registrations -------------------------------------------------- */

size_t cw_norm_registration(const char *in, char *out, size_t outlen)
{
    size_t len = bounded_len(in);
    const unsigned char *p = (const unsigned char *)in;
    char r[CW_NORM_INPUT_MAX + 1];
    size_t o = 0, from = 0;
    /* "EORI: DE123", "USCC：9121...": the number after the last label */
    for (size_t i = 0; i < len; i++) {
        if (p[i] == ':')
            from = i + 1;
        else if (p[i] == 0xEF && len - i >= 3 && p[i + 1] == 0xBC && p[i + 2] == 0x9A)
            from = i + 3;
    }
    size_t first = from;
    while (first < len && !is_alnum(p[first]) && p[first] != 0xEF)
        first++;
    if (first == len)
        from = 0; /* nothing after the colon: keep everything */
    for (size_t i = from; i < len; i++) {
        if (is_alnum(p[i])) {
            r[o++] = upper(p[i]);
        } else if (p[i] == 0xEF && len - i >= 3) {
            /* full-width digits U+FF10.., capitals U+FF21.., small U+FF41.. */
            unsigned char b1 = p[i + 1], b2 = p[i + 2];
            if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99)
                r[o++] = (char)('0' + b2 - 0x90);
            else if (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA)
                r[o++] = (char)('A' + b2 - 0xA1);
            else if (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A)
                r[o++] = (char)('A' + b2 - 0x81);
            else
                continue;
            i += 2;
        }
    }
    return o ? put(out, outlen, r, o) : none(out, outlen);
}
