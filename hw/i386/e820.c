/*
 * The pc machine's e820 table (QEMU 7.2's hw/i386/e820_memory_layout.c):
 * packed { le64 address; le64 length; le32 type } entries.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/i386/e820.h"

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;

    for (unsigned i = n; i-- > 0;) {
        v = v << 8 | p[i];
    }
    return v;
}

int e820_add_entry(E820Table *t, uint64_t address, uint64_t length, uint32_t type)
{
    uint8_t *e;

    t->entries = g_realloc(t->entries, (t->count + 1) * E820_ENTRY_SIZE);
    e = t->entries + t->count * E820_ENTRY_SIZE;
    put_le(e, address, 8);
    put_le(e + 8, length, 8);
    put_le(e + 16, type, 4);
    return ++t->count;
}

int e820_get_num_entries(const E820Table *t)
{
    return (int)t->count;
}

bool e820_get_entry(const E820Table *t, int idx, uint32_t type,
                    uint64_t *address, uint64_t *length)
{
    const uint8_t *e;

    if (idx < 0 || (unsigned)idx >= t->count) {
        return false;
    }
    e = t->entries + idx * E820_ENTRY_SIZE;
    if (get_le(e + 16, 4) != type) {
        return false;
    }
    *address = get_le(e, 8);
    *length = get_le(e + 8, 8);
    return true;
}

uint8_t *e820_table_dup(const E820Table *t)
{
    return t->count ? g_memdup2(t->entries, t->count * E820_ENTRY_SIZE) : NULL;
}

void e820_table_free(E820Table *t)
{
    g_free(t->entries);
    t->entries = NULL;
    t->count = 0;
}
