/* test_namekey.c: a company's name in its own script, with its generic
 * words translated, meets its Latin name; distinct companies stay apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "namekey.h"
#include "normalise.h"

static const char *sounds(const char *in)
{
    static char out[4][128];
    static int k;
    k = (k + 1) % 4;
    cw_name_sounds(in, out[k], sizeof out[k]);
    return out[k];
}

static void meet(const char *a, const char *b)
{
    const char *x = sounds(a), *y = sounds(b);
    if (!*x || strcmp(x, y))
        fail_msg("\"%s\" (%s) and \"%s\" (%s) should meet", a, x, b, y);
}

static void apart(const char *a, const char *b)
{
    const char *x = sounds(a), *y = sounds(b);
    if (!strcmp(x, y))
        fail_msg("\"%s\" and \"%s\" should stay apart (both %s)", a, b, x);
}

static void persian_without_vowels_and_reordered(void **state)
{
    (void)state;
    meet("Golestan Kala Co.", "شرکت کالا گلستان");
    meet("Zagros Mohandesi Co.", "شرکت مهندسی زاگرس");
    meet("Raad Engineering Co.", "شرکت مهندسی رعد"); /* translated, not transliterated */
    meet("SHERKAT-E SANATI GROUP BEH SAZ", "گروه صنعتی بهساز");
}

static void arabic_with_generic_words_translated(void **state)
{
    (void)state;
    meet("AL BARAKA MACHINERY TRADING LLC", "البركة لتجارة المعدات ذ.م.م");
    meet("Al Waha Machinery Trading FZE", "الواحة لتجارة المعدات م.م.ح");
    meet("Al Noor General Trading L.L.C.", "النور للتجارة العامة ذ.م.م");
}

static void korean_and_chinese_without_spaces(void **state)
{
    (void)state;
    meet("Choson Ch'o'llima Trading Corporation", "조선천리마무역총회사");
    meet("Ryonggaksan Trading Co.", "룡악산무역회사");
    meet("Yuantong (Foshan) Precision Instrument Co Ltd", "佛山远通精密仪器有限公司");
    meet("Shenzhen Yongsheng Import & Export Co., Ltd.", "深圳市永盛进出口有限公司");
    meet("Ningbo Hongyuan Machinery Co., Ltd.", "Hong Yuan Machinery (Ningbo) Co., Ltd.");
    meet("HAIXING (WUXI) PLASTIC PRODUCTS CO., LTD.", "无锡海星塑料制品有限公司");
}

static void other_trades_stay_apart(void **state)
{
    (void)state;
    apart("Golestan Kala Co.", "Golestan Tejarat Co.");
    apart("Al Baraka Machinery Trading LLC", "Al Baraka General Trading LLC");
    apart("Zagros Mohandesi Co.", "Damavand Mohandesi Co.");
}

static void nothing_left(void **state)
{
    (void)state;
    char out[16];
    assert_int_equal(cw_name_sounds("General Trading Co., Ltd.", out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(cw_name_sounds(NULL, out, sizeof out), 0);
    assert_int_equal(cw_name_sounds("Golestan", out, 4), 0); /* no room */
    char big[4096];
    memset(big, 0xd8, sizeof big - 1); /* a run of broken Arabic lead bytes */
    big[sizeof big - 1] = '\0';
    cw_name_sounds(big, out, sizeof out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(persian_without_vowels_and_reordered),
        cmocka_unit_test(arabic_with_generic_words_translated),
        cmocka_unit_test(korean_and_chinese_without_spaces),
        cmocka_unit_test(other_trades_stay_apart),
        cmocka_unit_test(nothing_left),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    cw_norm_cleanup();
    return rc;
}
