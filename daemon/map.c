/* map.c: see map.h. */
#include "map.h"

#include <stdlib.h>

#include "util.h"

void cw_map_init(cw_map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->len = 0;
}

/* The key's home: its place in the table, as the key's in 2^64. */
static size_t home(const cw_map *m, uint64_t key)
{
    return (size_t)(((unsigned __int128)key * m->cap) >> 64);
}

static size_t next(const cw_map *m, size_t i) { return i + 1 == m->cap ? 0 : i + 1; }

void cw_map_free(cw_map *m)
{
    if (m->slots)
        cw_table_free(m->slots, m->cap * sizeof *m->slots);
    cw_map_init(m);
}

void cw_map_grow(cw_map *m)
{
    /* 2^k, then 1.5 * 2^k, then 2^(k+1) */
    size_t oldcap = m->cap, ncap = !oldcap ? 16 : oldcap & (oldcap - 1) ? oldcap / 3 * 4 : oldcap / 2 * 3;
    cw_map_slot *old = m->slots;
    m->slots = cw_table_alloc(ncap * sizeof *m->slots);
    m->cap = ncap;
    m->len = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].val)
            cw_map_put(m, old[i].key, old[i].val);
    cw_table_free(old, oldcap * sizeof *old);
}

bool cw_map_full(const cw_map *m)
{
    return (m->len + 1) * 4 > m->cap * 3;
}

void *cw_map_get(const cw_map *m, uint64_t key)
{
    if (!m->slots)
        return NULL;
    for (size_t i = home(m, key);; i = next(m, i)) {
        if (!m->slots[i].val)
            return NULL;
        if (m->slots[i].key == key)
            return m->slots[i].val;
    }
}

void *cw_map_put(cw_map *m, uint64_t key, void *val)
{
    if (cw_map_full(m))
        cw_map_grow(m);
    for (size_t i = home(m, key);; i = next(m, i)) {
        if (!m->slots[i].val) {
            m->slots[i].key = key;
            m->slots[i].val = val;
            m->len++;
            return NULL;
        }
        if (m->slots[i].key == key) {
            void *old = m->slots[i].val;
            m->slots[i].val = val;
            return old;
        }
    }
}

/* Empty slot i, moving later entries of its run back over it. */
static void del_at(cw_map *m, size_t i)
{
    /* shift back every later entry of the run that may sit closer to home */
    size_t j = i;
    for (;;) {
        j = next(m, j);
        if (!m->slots[j].val)
            break;
        size_t h = home(m, m->slots[j].key);
        /* can slot j move into the hole at i? only if its home is not in (i, j] */
        if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j))) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    m->slots[i].val = NULL;
    m->len--;
}

void *cw_map_del(cw_map *m, uint64_t key)
{
    if (!m->slots)
        return NULL;
    size_t i = home(m, key);
    while (m->slots[i].val && m->slots[i].key != key)
        i = next(m, i);
    void *old = m->slots[i].val;
    if (old)
        del_at(m, i);
    return old;
}

size_t cw_map_sweep(cw_map *m, bool (*drop)(void *val, void *ud), void *ud)
{
    size_t n = 0;
    /* A deletion moves a later entry into slot i (or, at the end of the
     * table, one from its start that was already kept): look at i again. */
    for (size_t i = 0; i < m->cap;) {
        if (m->slots[i].val && drop(m->slots[i].val, ud)) {
            del_at(m, i);
            n++;
        } else {
            i++;
        }
    }
    return n;
}
