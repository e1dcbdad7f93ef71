/* test_map.c: the hash map against a plain array of what it should hold,
 * through growth, deletion (backward shift across the table's end) and
 * sweeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "map.h"

#define N 5000

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_key(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    /* one key in four near the top of the range: their homes are the
     * table's last slots, so their runs wrap to its start */
    return (rng & 3) ? rng : rng | UINT64_C(0xfff0000000000000);
}

static uint64_t keys[N];
static bool in[N];

static void check_all(const cw_map *m)
{
    size_t len = 0;
    for (size_t i = 0; i < N; i++) {
        void *v = cw_map_get(m, keys[i]);
        if (in[i])
            assert_ptr_equal(v, &keys[i]);
        else
            assert_null(v);
        len += in[i];
    }
    assert_int_equal(m->len, len);
}

static bool odd_slot(void *val, void *ud)
{
    (void)ud;
    return ((uint64_t *)val - keys) % 2 == 1;
}

static void map_holds_what_was_put(void **state)
{
    (void)state;
    cw_map m;
    cw_map_init(&m);
    assert_null(cw_map_get(&m, 1));
    assert_true(cw_map_full(&m));
    size_t caps[8], ncaps = 0;
    for (size_t i = 0; i < N; i++) {
        keys[i] = next_key();
        assert_null(cw_map_put(&m, keys[i], &keys[i]));
        in[i] = true;
        if (!ncaps || caps[ncaps - 1] != m.cap) {
            if (ncaps < 8)
                caps[ncaps++] = m.cap;
        }
        assert_true(m.len * 4 <= m.cap * 3);
    }
    /* half a power of two at a time */
    assert_int_equal(caps[0], 16);
    assert_int_equal(caps[1], 24);
    assert_int_equal(caps[2], 32);
    assert_int_equal(caps[3], 48);
    check_all(&m);
    /* replacing keeps one entry */
    assert_ptr_equal(cw_map_put(&m, keys[7], &keys[7]), &keys[7]);
    check_all(&m);
    /* delete every third, then put some back */
    for (size_t i = 0; i < N; i += 3) {
        assert_ptr_equal(cw_map_del(&m, keys[i]), &keys[i]);
        in[i] = false;
        assert_null(cw_map_del(&m, keys[i]));
    }
    check_all(&m);
    for (size_t i = 0; i < N; i += 6) {
        cw_map_put(&m, keys[i], &keys[i]);
        in[i] = true;
    }
    check_all(&m);
    /* sweep out the odd ones */
    size_t odd = 0;
    for (size_t i = 1; i < N; i += 2)
        odd += in[i], in[i] = false;
    assert_int_equal(cw_map_sweep(&m, odd_slot, NULL), odd);
    check_all(&m);
    size_t seen = 0;
    cw_map_each(&m, i) seen++;
    assert_int_equal(seen, m.len);
    cw_map_free(&m);
    assert_int_equal(m.len, 0);
    assert_null(cw_map_get(&m, keys[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(map_holds_what_was_put),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
