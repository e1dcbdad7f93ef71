/* map.c: see map.h. */
#include "map.h"

#include <stdlib.h>

#include "util.h"

void cw_map_init(cw_map *m)
{
    m->slots = NULL;
    m->mask = 0;
    m->len = 0;
}

void cw_map_free(cw_map *m)
{
    if (m->slots)
        cw_table_free(m->slots, (m->mask + 1) * sizeof *m->slots);
    cw_map_init(m);
}

void cw_map_grow(cw_map *m)
{
    size_t ncap = m->slots ? (m->mask + 1) * 2 : 16;
    cw_map_slot *old = m->slots;
    size_t oldcap = old ? m->mask + 1 : 0;
    m->slots = cw_table_alloc(ncap * sizeof *m->slots);
    m->mask = ncap - 1;
    m->len = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].val)
            cw_map_put(m, old[i].key, old[i].val);
    cw_table_free(old, oldcap * sizeof *old);
}

bool cw_map_full(const cw_map *m)
{
    return !m->slots || (m->len + 1) * 4 > (m->mask + 1) * 3;
}

void *cw_map_get(const cw_map *m, uint64_t key)
{
    if (!m->slots)
        return NULL;
    for (size_t i = key & m->mask;; i = (i + 1) & m->mask) {
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
    for (size_t i = key & m->mask;; i = (i + 1) & m->mask) {
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
        j = (j + 1) & m->mask;
        if (!m->slots[j].val)
            break;
        size_t home = m->slots[j].key & m->mask;
        /* can slot j move into the hole at i? only if home is not in (i, j] */
        if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
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
    size_t i = key & m->mask;
    while (m->slots[i].val && m->slots[i].key != key)
        i = (i + 1) & m->mask;
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
    for (size_t i = 0; m->slots && i <= m->mask;) {
        if (m->slots[i].val && drop(m->slots[i].val, ud)) {
            del_at(m, i);
            n++;
        } else {
            i++;
        }
    }
    return n;
}
