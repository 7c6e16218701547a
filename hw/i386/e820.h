/*
 * The e820 memory map the pc machine gives its firmware as the fw_cfg
 * file "etc/e820" (QEMU 7.2's hw/i386/e820_memory_layout.c).  QEMU keeps
 * one global table; x86slice keeps one per machine.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_E820_H
#define HW_I386_E820_H

#include <stdbool.h>
#include <stdint.h>

/* e820 types */
#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

/* One entry as the guest reads it: 20 bytes, little-endian. */
#define E820_ENTRY_SIZE 20

typedef struct E820Table {
    uint8_t *entries;           /* E820_ENTRY_SIZE bytes each */
    unsigned count;
} E820Table;

/* e820_add_entry: append one entry; returns the new count. */
int e820_add_entry(E820Table *t, uint64_t address, uint64_t length, uint32_t type);
int e820_get_num_entries(const E820Table *t);
/* e820_get_entry: entry idx if it has that type. */
bool e820_get_entry(const E820Table *t, int idx, uint32_t type,
                    uint64_t *address, uint64_t *length);
/* A copy of the table in the guest's format (E820_ENTRY_SIZE * count
 * bytes; NULL when empty); g_free it. */
uint8_t *e820_table_dup(const E820Table *t);
void e820_table_free(E820Table *t);

#endif
