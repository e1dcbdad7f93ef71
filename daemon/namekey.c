/* namekey.c: see namekey.h. */
#include "namekey.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

/* What a generic business word means.  Legal forms and filler mean
 * nothing (0): they are dropped. */
enum {
    TRADE = 1 << 0,   /* trading, commerce */
    IMPEX = 1 << 1,   /* import, export */
    INDUS = 1 << 2,   /* industry, industrial, manufacturing */
    GROUP = 1 << 3,   /* group, holding */
    TECH = 1 << 4,    /* technology, technical */
    ENGIN = 1 << 5,   /* engineering */
    EQUIP = 1 << 6,   /* machinery, equipment */
    ELEC = 1 << 7,    /* electronics */
    CHEM = 1 << 8,    /* chemicals */
    GOODS = 1 << 9,   /* goods, products of a trade (plastics, textiles, furniture...) */
    SUPPLY = 1 << 10, /* supplies */
    SERV = 1 << 11,   /* services */
    INTL = 1 << 12,   /* international */
    METAL = 1 << 13,  /* metal, steel */
    LOGIS = 1 << 14,  /* logistics, supply chain */
    INSTR = 1 << 15,  /* instruments, precision */
};

typedef struct {
    const char *word;
    uint16_t means;
} generic;

/* In their own scripts, found as substrings (Chinese and Korean write no
 * spaces); where one contains another the longer comes first. */
static const generic native[] = {
    /* Arabic: legal forms, company, establishment; (for) trading, general,
     * equipment, electronics, supplies, industrial, services, technical */
    {"ش.ذ.م.م", 0}, {"ذ.م.م", 0}, {"م.م.ح", 0}, {"ش.م.ح", 0}, {"ش.م.م", 0}, {"شركة", 0},
    {"مؤسسة", 0}, {"للتجارة", TRADE}, {"لتجارة", TRADE}, {"التجارة", TRADE}, {"تجارة", TRADE},
    {"العامة", 0}, {"المعدات", EQUIP}, {"معدات", EQUIP}, {"الإلكترونيات", ELEC},
    {"الالكترونيات", ELEC}, {"للتوريدات", SUPPLY}, {"التوريدات", SUPPLY}, {"الصناعية", INDUS},
    {"للخدمات", SERV}, {"الخدمات", SERV}, {"الفنية", TECH},
    /* Persian: company, joint-stock, private; group, industrial, industry,
     * trade, commerce, engineering, goods, equipment, technology,
     * manufacturing */
    {"شرکت", 0}, {"سهامی", 0}, {"خاص", 0}, {"گروه", GROUP}, {"صنعتی", INDUS}, {"صنایع", INDUS},
    {"صنعت", INDUS}, {"تجارت", TRADE}, {"بازرگانی", TRADE}, {"مهندسی", ENGIN}, {"کالا", GOODS},
    {"تجهیزات", EQUIP}, {"تجهیز", EQUIP}, {"فناوری", TECH}, {"تولیدی", INDUS},
    /* Korean: Korea (Choson), corporation, company; trading, technology,
     * machinery, equipment, import, industry, electronics */
    {"조선", 0}, {"총회사", 0}, {"주식회사", 0}, {"(주)", 0}, {"회사", 0}, {"무역", TRADE},
    {"기술", TECH}, {"기계", EQUIP}, {"설비", EQUIP}, {"수입", IMPEX}, {"산업", INDUS},
    {"전자", ELEC},
    /* Chinese: limited company, city, province, group; international trade, trading,
     * machinery, electronics, chemical, import-export, textile, industrial,
     * technology, metal and plastic products, hardware, steel, new
     * materials, precision instruments, textiles, garments, furniture, auto
     * parts, lighting, supply chain, logistics */
    {"股份有限公司", 0}, {"市", 0}, {"省", 0}, {"有限公司", 0}, {"有限責任公司", 0}, {"公司", 0}, {"集团", GROUP},
    {"国际贸易", INTL | TRADE}, {"贸易", TRADE}, {"机械", EQUIP}, {"电子", ELEC}, {"化工", CHEM},
    {"进出口", IMPEX}, {"实业", INDUS}, {"工业", INDUS}, {"科技", TECH}, {"技术", TECH},
    {"金属制品", METAL | GOODS}, {"塑料制品", GOODS}, {"五金", METAL}, {"钢铁", METAL},
    {"新材料", 0}, {"精密仪器", INSTR}, {"纺织", GOODS}, {"服装", GOODS}, {"家具", GOODS},
    {"汽车配件", GOODS}, {"照明", GOODS}, {"国际", INTL}, {"供应链", LOGIS}, {"物流", LOGIS},
    /* Japanese: kabushiki kaisha, trading, industry */
    {"株式会社", 0}, {"商事", TRADE}, {"貿易", TRADE}, {"工業", INDUS}, {"産業", INDUS},
    /* Russian: legal forms, trading house */
    {"ООО", 0}, {"ОАО", 0}, {"ЗАО", 0}, {"ПАО", 0}, {"АО", 0}, {"Торговый дом", TRADE},
};

/* In Latin letters, as cw_norm_name writes them, whole words. */
static const generic latin[] = {
    /* legal forms, and words that only say "company" */
    {"co", 0}, {"company", 0}, {"corp", 0}, {"corporation", 0}, {"inc", 0}, {"incorporated", 0},
    {"ltd", 0}, {"limited", 0}, {"llc", 0}, {"plc", 0}, {"pte", 0}, {"pvt", 0}, {"private", 0},
    {"public", 0}, {"sdn", 0}, {"bhd", 0}, {"sendirian", 0}, {"berhad", 0}, {"gmbh", 0},
    {"ag", 0}, {"sa", 0}, {"srl", 0}, {"spa", 0}, {"bv", 0}, {"nv", 0}, {"fze", 0}, {"fzco", 0},
    {"fz", 0}, {"est", 0}, {"establishment", 0}, {"wll", 0}, {"jsc", 0}, {"pjsc", 0},
    {"ooo", 0}, {"oao", 0}, {"zao", 0}, {"joint", 0}, {"stock", 0}, {"pcl", 0}, {"tbk", 0},
    {"pt", 0}, {"sti", 0}, {"tic", 0}, {"san", 0}, {"ve", 0}, {"ticaret", 0}, {"sanayi", 0},
    {"sherkat", 0}, {"sharikat", 0}, {"kk", 0}, {"kaisha", 0}, {"kabushiki", 0}, {"and", 0},
    {"general", 0}, {"gen", 0}, {"new", 0}, {"material", 0}, {"materials", 0},
    /* the country written into North Korean names */
    {"korea", 0}, {"choson", 0}, {"chosun", 0}, {"joseon", 0},
    /* business words */
    {"trading", TRADE}, {"trade", TRADE}, {"traders", TRADE}, {"commercial", TRADE},
    {"commerce", TRADE}, {"import", IMPEX}, {"imports", IMPEX}, {"imp", IMPEX},
    {"export", IMPEX}, {"exports", IMPEX}, {"exp", IMPEX}, {"industrial", INDUS},
    {"industry", INDUS}, {"industries", INDUS}, {"ind", INDUS}, {"manufacturing", INDUS},
    {"mfg", INDUS}, {"group", GROUP}, {"holding", GROUP}, {"holdings", GROUP},
    {"technology", TECH}, {"technologies", TECH}, {"tech", TECH}, {"technical", TECH},
    {"engineering", ENGIN}, {"machinery", EQUIP}, {"machine", EQUIP}, {"machines", EQUIP},
    {"equipment", EQUIP}, {"electronics", ELEC}, {"electronic", ELEC}, {"electrical", ELEC},
    {"chemical", CHEM}, {"chemicals", CHEM}, {"products", GOODS}, {"product", GOODS},
    {"goods", GOODS}, {"plastic", GOODS}, {"plastics", GOODS}, {"textile", GOODS},
    {"textiles", GOODS}, {"garments", GOODS}, {"furniture", GOODS}, {"lighting", GOODS},
    {"auto", GOODS}, {"parts", GOODS}, {"supplies", SUPPLY}, {"supply", SUPPLY}, {"services", SERV},
    {"service", SERV}, {"international", INTL}, {"intl", INTL}, {"metal", METAL},
    {"steel", METAL}, {"hardware", METAL}, {"logistics", LOGIS}, {"chain", LOGIS},
    {"precision", INSTR}, {"instrument", INSTR}, {"instruments", INSTR},
    /* Persian business words in Latin letters */
    {"sanat", INDUS}, {"sanaat", INDUS}, {"sanati", INDUS}, {"sanaye", INDUS},
    {"tolidi", INDUS}, {"tejarat", TRADE}, {"tejaarat", TRADE}, {"bazargani", TRADE},
    {"mohandesi", ENGIN}, {"kala", GOODS}, {"kalaa", GOODS}, {"tajhiz", EQUIP},
    {"tajheez", EQUIP}, {"tajhizat", EQUIP}, {"fanavari", TECH},
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static generic sorted[COUNT(latin)];

static int cmp_generic(const void *a, const void *b)
{
    return strcmp(((const generic *)a)->word, ((const generic *)b)->word);
}

static const generic *latin_word(const char *word)
{
    if (!sorted[0].word) {
        memcpy(sorted, latin, sizeof latin);
        qsort(sorted, COUNT(sorted), sizeof *sorted, cmp_generic);
    }
    generic key = {word, 0};
    return bsearch(&key, sorted, COUNT(sorted), sizeof *sorted, cmp_generic);
}

/* The code point of the two-byte Arabic-block letter at p, or 0. */
static unsigned arabic_at(const unsigned char *p)
{
    if (p[0] < 0xd8 || p[0] > 0xdb || (p[1] & 0xc0) != 0x80)
        return 0;
    return ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
}

static bool arabic_vowel_letter(unsigned c)
{
    return c == 0x627 || c == 0x622 || c == 0x648 || c == 0x64a || c == 0x649 || c == 0x6cc;
}

/* Waw between two consonants is the long vowel of "Noor" (النور), not the
 * "w" of "Al Waha" (الواحة) or the "v" of "Damavand" (دماوند). */
static void drop_long_u(char *s)
{
    unsigned char *u = (unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 2; i + 3 < n; i++) {
        if (u[i] != 0xd9 || u[i + 1] != 0x88)
            continue;
        unsigned before = arabic_at(u + i - 2), after = arabic_at(u + i + 2);
        if (before && after && !arabic_vowel_letter(before) && !arabic_vowel_letter(after)) {
            memmove(u + i, u + i + 2, n - i - 1);
            n -= 2;
        }
    }
}

/* Sort the n letters and digits of s: counted, not compared (qsort's
 * calls were a sixth of this file's time). */
static void sort_chars(char *s, size_t n)
{
    size_t count[128] = {0};
    for (size_t i = 0; i < n; i++)
        count[(unsigned char)s[i] & 127]++;
    size_t o = 0;
    for (size_t c = 0; c < 128; c++)
        for (size_t k = 0; k < count[c]; k++)
            s[o++] = (char)c;
}

size_t cw_name_sounds(const char *name, char *out, size_t outlen)
{
    if (outlen)
        *out = '\0';
    if (!name || outlen < 8)
        return 0;

    /* the generic words of other scripts out, their meaning noted */
    char s[CW_NORM_INPUT_MAX + 1];
    size_t len = strnlen(name, CW_NORM_INPUT_MAX);
    memcpy(s, name, len);
    s[len] = '\0';
    unsigned means = 0;
    bool hangul = false; /* syllables U+AC00-U+D7A3: lead bytes EA-ED */
    /* Every native word (and ta marbuta, and waw) holds a byte above
     * 0x7f: a name in plain ASCII, most of them, has none to take out,
     * and a hundred substring searches for nothing were a third of the
     * time this took. */
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (!ascii) {
        for (size_t i = 0; i < COUNT(native); i++) {
            size_t n = strlen(native[i].word);
            for (char *p = strstr(s, native[i].word); p; p = strstr(p + n, native[i].word)) {
                memset(p, ' ', n);
                means |= native[i].means;
            }
        }
        /* Arabic ta marbuta is the "-a"/"-ah" of a Latin spelling, not a "t" */
        for (char *p = strstr(s, "ة"); p; p = strstr(p + 2, "ة"))
            memcpy(p, "ه", 2);
        drop_long_u(s);
        for (const unsigned char *p = (const unsigned char *)s; *p && !hangul; p++)
            hangul = *p >= 0xea && *p <= 0xed;
    }

    /* then the Latin ones; the consonants of each word left, folded on
     * its own (doubled letters collapse within a word, not across) */
    char norm[CW_NORM_INPUT_MAX + 1];
    if (!cw_norm_name(s, norm, sizeof norm))
        return 0;
    size_t o = 0;
    for (char *w = norm; *w;) {
        size_t n = strcspn(w, " ");
        char after = w[n];
        w[n] = '\0';
        const generic *g = latin_word(w);
        if (g) {
            means |= g->means;
        } else {
            char f[CW_NORM_INPUT_MAX + 1];
            size_t nf = cw_norm_name_fold(w, f, sizeof f);
            for (size_t i = 0; i < nf && o + 6 < outlen; i++) {
                /* vowels and h are what other scripts write least alike;
                 * Hangul "n" before "l" is said "l" (천리마 cheonlima,
                 * Ch'ollima) */
                if (f[i] == 'a' || f[i] == 'h' || (hangul && f[i] == 'n' && f[i + 1] == 'l'))
                    continue;
                out[o++] = f[i];
            }
        }
        w += n + (after != '\0');
    }
    if (o < 2) {
        *out = '\0';
        return 0;
    }
    /* in order of the alphabet, then what the generic words meant:
     * "klnst.0200" */
    sort_chars(out, o);
    static const char hex[] = "0123456789abcdef";
    out[o++] = '.';
    for (int shift = 12; shift >= 0; shift -= 4)
        out[o++] = hex[(means >> shift) & 15];
    out[o] = '\0';
    return o;
}
