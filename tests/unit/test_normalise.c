/* test_normalise.c: identifier folding: spellings of one party meet,
 * distinct ones stay apart, and hostile input is survived. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dialcodes.h"
#include "normalise.h"
#include "util.h"

typedef size_t (*norm_fn)(const char *, char *, size_t);

static const char *name(const char *in)
{
    static char out[4][512];
    static int k;
    k = (k + 1) % 4;
    cw_norm_name(in, out[k], sizeof out[k]);
    return out[k];
}

static const char *key(const char *in)
{
    static char out[4][512];
    static int k;
    k = (k + 1) % 4;
    cw_norm_name_key(in, out[k], sizeof out[k]);
    return out[k];
}

static const char *phone(const char *in, const char *country)
{
    static char out[4][64];
    static int k;
    k = (k + 1) % 4;
    cw_norm_phone(in, country, out[k], sizeof out[k]);
    return out[k];
}

static const char *apply(norm_fn f, const char *in)
{
    static char out[4][1024];
    static int k;
    k = (k + 1) % 4;
    f(in, out[k], sizeof out[k]);
    return out[k];
}

static bool ascii_words(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == ' '))
            return false;
    return true;
}

/* ---- names ---------------------------------------------------------- */

static void name_han_meets_pinyin(void **state)
{
    (void)state;
    assert_string_equal(name("大连"), "dalian");
    assert_string_equal(name("Dalian"), "dalian");
    assert_string_equal(name("DALIAN"), "dalian");
    assert_string_equal(key("大连"), key("Dalian"));
    /* designators in Chinese, and dictionary words kept apart */
    assert_string_equal(name("大连东明贸易有限公司"), "dalian dongming maoyi");
    assert_string_equal(name("大连东明贸易股份有限公司"), "dalian dongming maoyi");
    assert_string_equal(name("“大连东明贸易公司”"), "dalian dongming maoyi");
    assert_string_equal(name("Dalian Dongming Maoyi Co., Ltd."), "dalian dongming maoyi");
    assert_string_equal(key("大连东明贸易有限公司"), key("DALIAN DONGMING MAOYI CO LTD"));
    /* polyphonic characters read as in the place or trade name */
    assert_string_equal(name("厦门"), "xiamen");
    assert_string_equal(key("厦门东明贸易有限公司"), key("Xiamen Dongming Maoyi Co Ltd"));
    assert_string_equal(name("长沙"), "changsha");
    assert_string_equal(name("中国银行"), "zhongguo yinhang");
    /* a city missing from the word dictionary still meets in the key */
    assert_string_equal(key("丹东"), key("Dandong"));
    /* Han next to Latin and digits */
    assert_string_equal(name("大连 No.2 贸易"), "dalian no 2 maoyi");
}

static void name_romanisation_variants(void **state)
{
    (void)state;
    const char *a = "DALIAN TONG-MYO'NG TRADING CO., LTD.";
    const char *b = "Dalian Tong Myong Trading Company Limited";
    const char *c = "dalian tongmyong trading co ltd";
    assert_string_equal(name(a), "dalian tong myong trading");
    assert_string_equal(name(b), "dalian tong myong trading");
    assert_string_equal(name(c), "dalian tongmyong trading");
    assert_string_equal(key(a), key(b));
    assert_string_equal(key(a), key(c));
    assert_string_equal(key(a), key("Dalian Dong Myeong Trading Co. Ltd"));
    assert_string_equal(key(a), key("DALIAN TONG MYŎNG TRADING LIMITED"));
    assert_string_equal(key(a), "talantankmanktlatank");

    /* Hangul (Revised Romanization from ICU) against McCune-Reischauer */
    assert_string_equal(name("동명"), "dongmyeong");
    const char *k = key("동명");
    assert_string_equal(key("Tong-Myŏng"), k);
    assert_string_equal(key("Tong-Myo'ng"), k);
    assert_string_equal(key("Tong Myong"), k);
    assert_string_equal(key("Tongmyong"), k);
    assert_string_equal(key("Dong Myong"), k);
    assert_string_equal(name("(주)동명"), "dongmyeong");
    assert_string_equal(name("동명 주식회사"), "dongmyeong");

    /* Persian/Arabic given names in their Latin spellings */
    assert_string_equal(key("Mohammad Rezaei"), key("Muhammad Rezaie"));
    assert_string_equal(key("Mohamed"), key("Mohammed"));
    assert_string_equal(key("Hossein"), key("Husain"));
    assert_string_equal(key("Yousef"), key("Yusuf"));
    assert_string_equal(key("Ahmad"), key("Ahmed"));
    assert_string_equal(key("Vahid"), key("Wahid"));
    assert_string_equal(key("Djamal"), key("Jamal"));
    assert_string_equal(key("Джамал"), key("Jamal"));
    assert_string_equal(key("Khalid"), key("Kaled"));
    /* pinyin and Wade-Giles initials */
    assert_string_equal(key("Zhang"), key("Chang"));
    /* the Korean reading of 大连 */
    assert_string_equal(key("대련"), key("Dalian"));
    assert_string_equal(key("Taeryŏn"), key("大连"));
    /* McCune-Reischauer and Revised Romanization of other syllables */
    assert_string_equal(key("Kwangmyŏng"), key("Gwangmyeong"));
    assert_string_equal(key("Ch'ŏllima"), key("Cheollima"));
    assert_string_equal(key("P'yŏngyang"), key("Pyeongyang"));
    assert_string_equal(key("Ŭnha"), key("Eunha"));

    /* distinct names stay distinct */
    assert_string_not_equal(key("Dalian Tong Myong Trading"), key("Dalian Tong Il Trading"));
    assert_string_not_equal(key("Hossein Trading"), key("Karimi Trading"));
    assert_string_not_equal(key("Seven 11"), key("Seven 1"));
}

static void name_cyrillic(void **state)
{
    (void)state;
    assert_string_equal(name("ООО Ромашка"), "romashka");
    assert_string_equal(name("ООО «Ромашка»"), "romashka");
    assert_string_equal(name("«Ромашка» ООО"), "romashka");
    assert_string_equal(name("АО \"Ромашка\""), "romashka");
    assert_string_equal(name("OOO Romashka"), "romashka");
    assert_string_equal(name("Общество с ограниченной ответственностью «Ромашка»"), "romashka");
    assert_string_equal(key("ЗАО Щукин и Жуков"), key("ZAO Shchukin i Zhukov"));
    /* АО inside a word is not a designator */
    assert_string_equal(name("АОРТА"), "aorta");
}

static void name_persian_arabic(void **state)
{
    (void)state;
    const char *fa[] = {"شرکت بازرگانی تجارت", "شركة النور للتجارة ذ.م.م", "پارس کالا (سهامی خاص)",
                        "مؤسسة الأمل"};
    for (size_t i = 0; i < sizeof fa / sizeof *fa; i++) {
        char a[256], b[256];
        assert_true(cw_norm_name(fa[i], a, sizeof a) > 0);
        assert_true(cw_norm_name(fa[i], b, sizeof b) > 0);
        assert_string_equal(a, b);
        assert_true(ascii_words(a));
        assert_true(cw_norm_name_key(fa[i], a, sizeof a) > 0);
    }
    /* company designators in the script are dropped */
    assert_string_equal(name("شرکت بازرگانی تجارت"), name("بازرگانی تجارت"));
    assert_string_equal(name("شركة النور للتجارة ذ.م.م"), name("النور للتجارة"));
    assert_string_equal(name("پارس کالا (سهامی خاص)"), name("پارس کالا"));
    /* Latin with diacritics */
    assert_string_equal(name("Ṣanāyiʿ Ārāk"), "sanayi arak");
    assert_string_equal(name("Société Générale S.A."), "societe generale");
}

/* Latin with diacritics is folded without the transliterator unless
 * other scripts are present: both ways must agree. */
static void name_latin_fast_path_agrees(void **state)
{
    (void)state;
    static const char *t[] = {"Łódź Straße Øresund Æther", "Société Générale", "Nguyễn Đức Thắng",
                              "Çukurova Dış Ticaret", "ＡＢＣ　Ｔｒａｄｉｎｇ", "Ṣanāyiʿ"};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        char mixed[256], want[256];
        snprintf(mixed, sizeof mixed, "%s 大", t[i]);
        snprintf(want, sizeof want, "%s da", name(t[i]));
        assert_string_equal(name(mixed), want);
    }
    assert_string_equal(name("Łódź Straße Øresund Æther"), "lodz strasse oresund aether");
    assert_string_equal(name("Nguyễn Đức Thắng"), "nguyen duc thang");
    assert_string_equal(name("ＡＢＣ　Ｔｒａｄｉｎｇ"), "abc trading");
}

/* Transliterations are cached: a name and an address of the same text,
 * and repeated calls, each keep their own form. */
static void transliteration_cache(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        assert_string_equal(name("大连东明"), "dalian dongming");
        assert_string_equal(apply(cw_norm_address, "大连东明"), "da dong lian ming");
    }
    /* more distinct inputs than the cache has slots */
    char in[64], out[64];
    for (int i = 0; i < 5000; i++) {
        snprintf(in, sizeof in, "大连%d", i);
        cw_norm_name(in, out, sizeof out);
        char want[64];
        snprintf(want, sizeof want, "dalian %d", i);
        assert_string_equal(out, want);
    }
}

static void name_designators(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } t[] = {
        {"Foo Co., Ltd.", "foo"},
        {"FOO CO.,LTD", "foo"},
        {"Foo Company Limited", "foo"},
        {"Foo Corp.", "foo"},
        {"Foo Corporation", "foo"},
        {"Foo Inc", "foo"},
        {"Foo L.L.C.", "foo"},
        {"Foo GmbH & Co. KG", "foo"},
        {"Foo AG", "foo"},
        {"Foo S.A.", "foo"},
        {"Foo S.R.L.", "foo"},
        {"Foo B.V.", "foo"},
        {"Foo N.V.", "foo"},
        {"Foo PLC", "foo"},
        {"Foo Pte. Ltd.", "foo"},
        {"Foo (Pvt) Ltd", "foo"},
        {"Foo Private Limited", "foo"},
        {"Foo Sdn. Bhd.", "foo"},
        {"Foo FZE", "foo"},
        {"Foo FZCO", "foo"},
        {"Foo FZ-LLC", "foo"},
        {"Foo JSC", "foo"},
        {"OJSC Foo", "foo"},
        {"PJSC Foo", "foo"},
        {"OOO Foo", "foo"},
        {"ZAO Foo", "foo"},
        {"Foo Kft.", "foo"},
        {"Foo Sp. z o.o.", "foo"},
        {"PT Foo Tbk", "foo"},
        {"M/S Foo Traders", "foo traders"},
        {"The Foo Company", "foo"},
        {"Foo Trading Co., Ltd.", "foo trading"},
        {"Foo Group Holdings Ltd", "foo group holdings"},
        /* designators inside a name stay */
        {"Co-operative Bank Ltd", "co operative bank"},
        {"Foo Inc Trading", "foo inc trading"},
        {"Limited Brands Inc", "limited brands"},
        /* never the last word */
        {"Limited", "limited"},
        {"Co., Ltd.", "co"},
        /* punctuation, case, initials, ampersand */
        {"  J.P.  MORGAN  ", "jp morgan"},
        {"A&B Shipping", "a and b shipping"},
        {"O'Brien  Freight", "obrien freight"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        char out[256];
        cw_norm_name(t[i].in, out, sizeof out);
        if (strcmp(out, t[i].want) != 0)
            fail_msg("'%s' -> '%s', want '%s'", t[i].in, out, t[i].want);
    }
}

static void name_sorted(void **state)
{
    (void)state;
    assert_string_equal(apply(cw_norm_name_sorted, "Trading Dalian Tong Co Ltd"), "dalian tong trading");
    assert_string_equal(apply(cw_norm_name_sorted, "Dalian Tong Trading Co Ltd"), "dalian tong trading");
    assert_string_equal(apply(cw_norm_name_sorted, ""), "");
}

static void name_fold_of_normalised(void **state)
{
    (void)state;
    char a[128], b[128];
    cw_norm_name("Dalian Tong-Myo'ng Trading Co., Ltd.", a, sizeof a);
    cw_norm_name_fold(a, b, sizeof b);
    assert_string_equal(b, key("Dalian Tong-Myo'ng Trading Co., Ltd."));
    assert_int_equal(cw_norm_name_fold("", b, sizeof b), 0);
    assert_int_equal(cw_norm_name_fold(NULL, b, sizeof b), 0);
    assert_string_equal(b, "");
}

/* ---- phones --------------------------------------------------------- */

static void phone_formats_meet(void **state)
{
    (void)state;
    assert_string_equal(phone("+86 411 8888 1234", NULL), "8641188881234");
    assert_string_equal(phone("+86 411 8888 1234", "CN"), "8641188881234");
    assert_string_equal(phone("0086-411-88881234", NULL), "8641188881234");
    assert_string_equal(phone("0086-411-88881234", "KR"), "8641188881234");
    assert_string_equal(phone("0411 8888 1234", "CN"), "8641188881234");
    assert_string_equal(phone("0411 8888 1234", "cn"), "8641188881234");
    assert_string_equal(phone("(411) 88881234", "CN"), "8641188881234");
    assert_string_equal(phone("+86 (0)411 8888 1234", NULL), "8641188881234");
    assert_string_equal(phone("Tel: +86-411-8888-1234 ext. 22", NULL), "8641188881234");
    assert_string_equal(phone("+86 411 8888 1234 / 8888 1235", NULL), "8641188881234");
    assert_string_equal(phone("+86 411 8888 1234 +86 411 8888 1235", NULL), "8641188881234");
    assert_string_equal(phone("電話：0411-88881234 转 22", "CN"), "8641188881234");
    assert_string_equal(phone("０４１１－８８８８１２３４", "CN"), "8641188881234");
    assert_string_equal(phone("8641188881234", "CN"), "8641188881234");
    /* no country, no prefix: the digits as filed */
    assert_string_equal(phone("(411) 88881234", NULL), "41188881234");
    assert_string_equal(phone("(411) 88881234", "ZZ"), "41188881234");
    assert_string_equal(phone("0411 8888 1234", NULL), "041188881234");
    /* national numbers without a trunk zero */
    assert_string_equal(phone("138 1234 5678", "CN"), "8613812345678");
    /* country quirks */
    assert_string_equal(phone("06 1234 5678", "IT"), phone("+39 06 1234 5678", NULL));
    assert_string_equal(phone("8 (495) 123-45-67", "RU"), "74951234567");
    assert_string_equal(phone("+7 495 123 45 67", "RU"), "74951234567");
    assert_string_equal(phone("(212) 555-1234", "US"), "12125551234");
    assert_string_equal(phone("1-212-555-1234", "US"), "12125551234");
    assert_string_equal(phone("011 86 411 8888 1234", "US"), "8641188881234");
    assert_string_equal(phone("+44 (0)20 7946 0000", NULL), "442079460000");
    assert_string_equal(phone("020 7946 0000", "GB"), "442079460000");
    assert_string_equal(phone("۰۲۱ ۸۸۸۸ ۱۲۳۴", "IR"), "982188881234");
    assert_string_equal(phone("+850 2 18111", NULL), "850218111");
}

static void phone_unusable(void **state)
{
    (void)state;
    char out[32] = "x";
    assert_int_equal(cw_norm_phone("12345", NULL, out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(cw_norm_phone("+86 12", NULL, out, sizeof out), 0);
    assert_int_equal(cw_norm_phone("0012345", NULL, out, sizeof out), 0);
    assert_int_equal(cw_norm_phone("n/a", "CN", out, sizeof out), 0);
    assert_int_equal(cw_norm_phone("", "CN", out, sizeof out), 0);
    assert_int_equal(cw_norm_phone(NULL, "CN", out, sizeof out), 0);
    assert_int_equal(cw_norm_phone("+", NULL, out, sizeof out), 0);
    /* a run of digits is cut, not overflowed */
    char big[4096];
    memset(big, '9', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(cw_norm_phone(big, "CN", out, sizeof out), 20);
    assert_int_equal(strlen(out), 20);
    assert_int_equal(cw_norm_phone(big, "CN", out, 5), 4);
    assert_string_equal(out, "8699");
}

static void dialcodes(void **state)
{
    (void)state;
    assert_string_equal(cw_dialcode("CN"), "86");
    assert_string_equal(cw_dialcode("kp"), "850");
    assert_string_equal(cw_dialcode("AS"), "1");
    assert_string_equal(cw_dialcode("VA"), "39");
    assert_null(cw_dialcode("ZZ"));
    assert_null(cw_dialcode("C"));
    assert_null(cw_dialcode("CHN"));
    assert_null(cw_dialcode(""));
    assert_null(cw_dialcode(NULL));
}

/* ---- emails --------------------------------------------------------- */

static void emails(void **state)
{
    (void)state;
    assert_string_equal(apply(cw_norm_email, "  J.Smith+cargo@Example.COM "), "j.smith@example.com");
    assert_string_equal(apply(cw_norm_email, "j.smith@example.com"), "j.smith@example.com");
    assert_string_equal(apply(cw_norm_email, "Bob Smith <BOB@dalian-tm.cn>"), "bob@dalian-tm.cn");
    assert_string_equal(apply(cw_norm_email, "mailto:bob@dalian-tm.cn."), "bob@dalian-tm.cn");
    assert_string_equal(apply(cw_norm_email, "J.Smith+x@GoogleMail.com"), "jsmith@gmail.com");
    assert_string_equal(apply(cw_norm_email, "jsmith@gmail.com"), "jsmith@gmail.com");
    static const char *bad[] = {"nobody", "nobody.example.com", "@example.com", "bob@", "bob@localhost",
                                "+tag@example.com", "bo b@example.com", "a@b@example.com",
                                "bob@.example.com", "bob@exa..mple.com", "bob@exa_mple.com",
                                "bob@ex\xffmple.com", "", "   "};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char out[64] = "x";
        if (cw_norm_email(bad[i], out, sizeof out) != 0 || out[0])
            fail_msg("'%s' accepted as '%s'", bad[i], out);
    }
    assert_int_equal(cw_norm_email(NULL, NULL, 0), 0);
}

static void email_domains(void **state)
{
    (void)state;
    assert_string_equal(apply(cw_norm_email_domain, "J.Smith+x@Example.COM"), "example.com");
    assert_string_equal(apply(cw_norm_email_domain, "x@GoogleMail.com"), "gmail.com");
    assert_string_equal(apply(cw_norm_email_domain, "no at sign"), "");
    static const char *free_[] = {"gmail.com", "yahoo.com", "yahoo.co.uk", "163.com", "126.com",
                                  "qq.com", "hotmail.com", "hotmail.fr", "outlook.com", "mail.ru",
                                  "yandex.ru", "naver.com", "QQ.COM"};
    for (size_t i = 0; i < sizeof free_ / sizeof *free_; i++)
        if (!cw_norm_freemail(free_[i]))
            fail_msg("%s is free mail", free_[i]);
    static const char *own[] = {"dalian-tm.cn", "maersk.com", "mail.maersk.com", "myyahoo.com", "", NULL};
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        assert_false(cw_norm_freemail(own[i]));
}

/* ---- addresses, registrations --------------------------------------- */

static void addresses(void **state)
{
    (void)state;
    const char *want = "12 5 a building floor renmin road";
    assert_string_equal(apply(cw_norm_address, "No. 5, Renmin Rd., 12/F, Bldg A"), want);
    assert_string_equal(apply(cw_norm_address, "Building A 12th Floor 5 Renmin Road"), want);
    assert_string_equal(apply(cw_norm_address, "5 RENMIN ROAD, BLDG. A, 12F"), want);
    assert_string_equal(apply(cw_norm_address, "№5 Renmin Lu, Building A, Fl. 12"), want);
    assert_string_equal(apply(cw_norm_address, "Rm 1203, 12/F, 1 Harbour Rd, Wan Chai"),
                        apply(cw_norm_address, "1 Harbour Road, Room 1203, Floor 12, Wan Chai"));
    assert_string_equal(apply(cw_norm_address, "12 St George St"), "12 george street");
    const char *zh = apply(cw_norm_address, "大连市中山区人民路5号");
    assert_string_equal(zh, "5 da district lian min ren road shan shi zhong");
    assert_string_equal(apply(cw_norm_address, "大连市 中山区 人民路 5 号"), zh);
    assert_true(ascii_words(apply(cw_norm_address, "خیابان ولیعصر، پلاک ۱۲")));
    assert_string_equal(apply(cw_norm_address, ",.;"), "");
}

static void registrations(void **state)
{
    (void)state;
    assert_string_equal(apply(cw_norm_registration, "91-2102-0000 1234x"), "91210200001234X");
    assert_string_equal(apply(cw_norm_registration, "de 123.456.789"), "DE123456789");
    assert_string_equal(apply(cw_norm_registration, "ＤＥ１２３ｘ"), "DE123X");
    assert_string_equal(apply(cw_norm_registration, "EORI: de 123456789"), "DE123456789");
    assert_string_equal(apply(cw_norm_registration, "统一社会信用代码：91210200MA0XXXXX1Y"),
                        "91210200MA0XXXXX1Y");
    assert_string_equal(apply(cw_norm_registration, "DE123:"), "DE123");
    assert_string_equal(apply(cw_norm_registration, "№ —"), "");
    assert_int_equal(cw_norm_registration(NULL, NULL, 0), 0);
}

/* ---- hostile input -------------------------------------------------- */

static size_t phone_cn(const char *in, char *out, size_t outlen)
{
    return cw_norm_phone(in, "CN", out, outlen);
}

static const norm_fn all_fns[] = {cw_norm_name, cw_norm_name_sorted, cw_norm_name_key, cw_norm_name_fold,
                                  phone_cn, cw_norm_email, cw_norm_email_domain, cw_norm_address,
                                  cw_norm_registration};

/* Run every function on in with several output sizes; each must stay
 * inside outlen, terminate, and return strlen(out). */
static void survive(const char *in)
{
    static const size_t sizes[] = {1, 2, 3, 7, 64, 1024};
    for (size_t f = 0; f < sizeof all_fns / sizeof *all_fns; f++) {
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            char out[1024 + 16];
            memset(out, 'Z', sizeof out);
            size_t n = all_fns[f](in, out, sizes[s]);
            assert_true(n < sizes[s]);
            assert_int_equal(strlen(out), n);
            for (size_t i = sizes[s]; i < sizeof out; i++)
                if (out[i] != 'Z')
                    fail_msg("function %zu wrote past outlen %zu", f, sizes[s]);
        }
        assert_int_equal(all_fns[f](in, NULL, 0), 0);
        char one = 'Z';
        assert_int_equal(all_fns[f](in, &one, 0), 0);
        assert_int_equal(one, 'Z');
    }
}

static void hostile_invalid_utf8(void **state)
{
    (void)state;
    static const char *t[] = {
        "\xff\xfe\xfd",
        "\xc3",                       /* truncated */
        "Dalian\xe5\xa4",             /* truncated Han */
        "\xc0\xaf\xe0\x80\xaf",       /* overlong */
        "\xed\xa0\x80\xed\xb0\x80",   /* surrogates */
        "\xf4\x90\x80\x80",           /* past U+10FFFF */
        "\x80\x80\x80 Trading Co Ltd",
        "\xe5\xa4\xa7\xff\xe8\xbf\x9e",
        "\x01\x02\x1b[31m",
        "ООО",
        "(주)",
        "有限公司",
        "﷽",
        "",
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        survive(t[i]);
    survive(NULL);
    assert_string_equal(name("Dalian\xff Tong"), "dalian tong");
    assert_string_equal(name("\xff\xfe"), "");
    assert_string_equal(name("\xe5\xa4\xa7\xff\xe8\xbf\x9e"), "da lian");
    assert_string_equal(name("有限公司"), "youxian"); /* never empty */
}

static void fill(char *buf, size_t n, const char *unit)
{
    size_t ul = strlen(unit), o = 0;
    while (o + ul < n) {
        memcpy(buf + o, unit, ul);
        o += ul;
    }
    buf[o] = '\0';
}

static void hostile_long(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    static const char *units[] = {"a", " ", "大", "동", "Ж", "ش", "9", "@", ".", "x@y.cn ",
                                  "Co Ltd ", "\xff", "﷽", "ﷺ", "ŏ'"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        fill(big, n, units[i]);
        survive(big);
    }
    /* transliteration that outgrows the stack buffer (18 letters from one
     * 3-byte character) is still complete up to the input bound */
    fill(big, 3000, "ﷺ");
    char out[4096];
    assert_true(cw_norm_name(big, out, sizeof out) > 2000);
    assert_true(ascii_words(out));
    fill(big, 3000, "大");
    assert_true(cw_norm_name(big, out, sizeof out) > 0);
    assert_true(ascii_words(out));
    /* output is cut at outlen */
    assert_int_equal(cw_norm_name("Dalian Tong Myong Trading", out, 10), 9);
    assert_string_equal(out, "dalian to");
    assert_int_equal(cw_norm_name("Dalian Tong Myong", out, 8), 6);
    assert_string_equal(out, "dalian");
    free(big);
}

static void hostile_random(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15u;
    char buf[600];
    /* bytes biased towards the lead and continuation bytes of UTF-8 */
    static const unsigned char pick[] = {' ', 'a', 'Z', '0', '9', '+', '@', '.', '(', ')', '\'', '&', '-',
                                         0x80, 0xa4, 0xbf, 0xc0, 0xc3, 0xd0, 0xd8, 0xe3, 0xe5, 0xea,
                                         0xed, 0xef, 0xf0, 0xf4, 0xff};
    for (int round = 0; round < 2000; round++) {
        size_t n = 0, len = (size_t)(round % 97) * 6;
        while (n < len) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            buf[n++] = (char)pick[x % sizeof pick];
        }
        buf[n] = '\0';
        char out[128];
        for (size_t f = 0; f < sizeof all_fns / sizeof *all_fns; f++) {
            size_t r = all_fns[f](buf, out, sizeof out);
            assert_int_equal(strlen(out), r);
        }
    }
}

static void cleanup_reopens(void **state)
{
    (void)state;
    assert_string_equal(name("大连"), "dalian");
    cw_norm_cleanup();
    cw_norm_cleanup();
    assert_string_equal(name("大连"), "dalian");
}

/* The memo behind names, addresses and name cards: what was kept comes
 * back byte for byte, a miss never evicts the way used last, and text
 * too long for a slot is not kept. */
static void memo_keeps_recent_results(void **state)
{
    (void)state;
    cw_memo m = CW_MEMO_INIT(4); /* two sets of two ways */
    size_t n;
    cw_memo_slot *keep;
    assert_null(cw_memo_get(&m, "hot", 3, &n, &keep));
    assert_non_null(keep);
    const unsigned char bytes[5] = {1, 0, 2, 0, 3}; /* results may be binary */
    cw_memo_keep(&m, keep, "hot", 3, bytes, sizeof bytes);
    for (int i = 0; i < 200; i++) {
        const char *kept = cw_memo_get(&m, "hot", 3, &n, &keep);
        assert_non_null(kept);
        assert_int_equal(n, sizeof bytes);
        assert_memory_equal(kept, bytes, sizeof bytes);
        char other[16];
        int ol = snprintf(other, sizeof other, "other %d", i);
        assert_null(cw_memo_get(&m, other, (size_t)ol, &n, &keep));
        cw_memo_keep(&m, keep, other, (size_t)ol, "x", 1);
        assert_non_null(cw_memo_get(&m, other, (size_t)ol, &n, &keep));
    }
    char big[CW_MEMO_TEXT + 10];
    memset(big, 'a', sizeof big);
    assert_null(cw_memo_get(&m, big, sizeof big, &n, &keep));
    assert_null(keep);
    assert_null(cw_memo_get(&m, big, 200, &n, &keep));
    cw_memo_keep(&m, keep, big, 200, big, 100); /* input and result do not fit: not kept */
    assert_null(cw_memo_get(&m, big, 200, &n, &keep));
    cw_memo_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memo_keeps_recent_results),
        cmocka_unit_test(name_han_meets_pinyin),
        cmocka_unit_test(name_romanisation_variants),
        cmocka_unit_test(name_cyrillic),
        cmocka_unit_test(name_persian_arabic),
        cmocka_unit_test(name_latin_fast_path_agrees),
        cmocka_unit_test(transliteration_cache),
        cmocka_unit_test(name_designators),
        cmocka_unit_test(name_sorted),
        cmocka_unit_test(name_fold_of_normalised),
        cmocka_unit_test(phone_formats_meet),
        cmocka_unit_test(phone_unusable),
        cmocka_unit_test(dialcodes),
        cmocka_unit_test(emails),
        cmocka_unit_test(email_domains),
        cmocka_unit_test(addresses),
        cmocka_unit_test(registrations),
        cmocka_unit_test(hostile_invalid_utf8),
        cmocka_unit_test(hostile_long),
        cmocka_unit_test(hostile_random),
        cmocka_unit_test(cleanup_reopens),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    cw_norm_cleanup();
    return rc;
}
