/*
 * SMBIOS structure table and 2.1 entry point (QEMU 7.2's hw/smbios/
 * smbios.c smbios_get_tables with the pc machine's defaults).  Each
 * structure is its formatted area, field by field in the spec's order
 * (little-endian), then its strings, then one NUL (two if it has no
 * string), as QEMU's SMBIOS_BUILD_TABLE_PRE/SET_STR/POST macros lay it out.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "hw/smbios/smbios.h"

/* Handles (smbios.c T*_BASE). */
#define T1_BASE   0x100
#define T3_BASE   0x300
#define T4_BASE   0x400
#define T16_BASE  0x1000
#define T17_BASE  0x1100
#define T19_BASE  0x1300
#define T32_BASE  0x2000
#define T127_BASE 0x7f00

#define KIB 1024ULL
#define MIB (1024 * KIB)
#define GIB (1024 * MIB)
#define DEFAULT_CPU_SPEED 2000          /* MHz, QEMU's SVVP default */
#define MAX_DIMM_SZ (16 * GIB)
#define MAX_T16_STD_SZ 0x80000000ULL    /* 2 TiB in KiB */
#define MAX_T17_STD_SZ 0x7fff           /* 32 GiB - 1 MiB, in MiB */

typedef struct SmbiosBuilder {
    GByteArray *tables;
    GString *strings;           /* the current structure's strings, NUL-separated */
    size_t t_off;               /* where the current structure starts */
    int str_index;
    unsigned table_max, table_cnt;
} SmbiosBuilder;

static void put(SmbiosBuilder *b, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint8_t byte = (uint8_t)(v >> (8 * i));

        g_byte_array_append(b->tables, &byte, 1);
    }
}

#define put8(b, v)  put(b, v, 1)
#define put16(b, v) put(b, v, 2)
#define put32(b, v) put(b, v, 4)
#define put64(b, v) put(b, v, 8)

/* SMBIOS_BUILD_TABLE_PRE: the header; the length is patched at the end. */
static void table_begin(SmbiosBuilder *b, uint8_t type, uint16_t handle)
{
    b->t_off = b->tables->len;
    b->str_index = 0;
    g_string_truncate(b->strings, 0);
    put8(b, type);
    put8(b, 0);
    put16(b, handle);
}

/* SMBIOS_TABLE_SET_STR: the string's number, or 0 for none/empty. */
static uint8_t table_str(SmbiosBuilder *b, const char *value)
{
    if (!value || !*value) {
        return 0;
    }
    g_string_append_len(b->strings, value, strlen(value) + 1);
    return (uint8_t)++b->str_index;
}

/* SMBIOS_BUILD_TABLE_POST */
static void table_end(SmbiosBuilder *b)
{
    size_t size;

    b->tables->data[b->t_off + 1] = (uint8_t)(b->tables->len - b->t_off);
    g_byte_array_append(b->tables, (const guint8 *)b->strings->str, b->strings->len);
    put(b, 0, b->str_index == 0 ? 2 : 1);
    size = b->tables->len - b->t_off;
    if (size > b->table_max) {
        b->table_max = (unsigned)size;
    }
    b->table_cnt++;
}

/* Type 1, system information: no UUID (-uuid not given: all zeros). */
static void build_type_1(SmbiosBuilder *b, const SmbiosParams *p)
{
    table_begin(b, 1, T1_BASE);
    put8(b, table_str(b, p->manufacturer));
    put8(b, table_str(b, p->product));
    put8(b, table_str(b, p->version));
    put8(b, 0);                                 /* serial number */
    put64(b, 0);                                /* uuid */
    put64(b, 0);
    put8(b, 0x06);                              /* wake-up: power switch */
    put8(b, 0);                                 /* SKU */
    put8(b, 0);                                 /* family */
    table_end(b);
}

/* Type 3, system enclosure. */
static void build_type_3(SmbiosBuilder *b, const SmbiosParams *p)
{
    table_begin(b, 3, T3_BASE);
    put8(b, table_str(b, p->manufacturer));
    put8(b, 0x01);                              /* type: other */
    put8(b, table_str(b, p->version));
    put8(b, 0);                                 /* serial number */
    put8(b, 0);                                 /* asset tag */
    put8(b, 0x03);                              /* boot-up state: safe */
    put8(b, 0x03);                              /* power supply state */
    put8(b, 0x03);                              /* thermal state */
    put8(b, 0x02);                              /* security status: unknown */
    put32(b, 0);                                /* OEM defined */
    put8(b, 0);                                 /* height */
    put8(b, 0);                                 /* power cords */
    put8(b, 0);                                 /* contained elements */
    put8(b, 0);                                 /* element record length */
    put8(b, 0);                                 /* SKU */
    table_end(b);
}

/* Type 4, processor (the 2.8 length, 42 bytes: 32-bit entry point). */
static void build_type_4(SmbiosBuilder *b, const SmbiosParams *p, unsigned instance)
{
    char sock[32];
    unsigned cores = p->cores_per_socket, threads = p->threads_per_socket;
    uint8_t core_count = cores > 255 ? 0xff : cores;

    snprintf(sock, sizeof(sock), "CPU%2x", instance);
    table_begin(b, 4, T4_BASE + instance);
    put8(b, table_str(b, sock));
    put8(b, 0x03);                              /* processor type: CPU */
    put8(b, 0x01);                              /* family: other */
    put8(b, table_str(b, p->manufacturer));
    put32(b, p->cpuid_version);                 /* processor ID */
    put32(b, p->cpuid_features);
    put8(b, table_str(b, p->version));
    put8(b, 0);                                 /* voltage */
    put16(b, 0);                                /* external clock: unknown */
    put16(b, DEFAULT_CPU_SPEED);                /* max speed */
    put16(b, DEFAULT_CPU_SPEED);                /* current speed */
    put8(b, 0x41);                              /* populated, enabled */
    put8(b, 0x01);                              /* upgrade: other */
    put16(b, 0xffff);                           /* L1, L2, L3: none */
    put16(b, 0xffff);
    put16(b, 0xffff);
    put8(b, 0);                                 /* serial number */
    put8(b, 0);                                 /* asset tag */
    put8(b, 0);                                 /* part number */
    put8(b, core_count);
    put8(b, core_count);                        /* cores enabled */
    put8(b, threads > 255 ? 0xff : threads);
    put16(b, 0x02);                             /* characteristics: unknown */
    put16(b, 0x01);                             /* family 2: other */
    table_end(b);
}

/* Type 16, physical memory array. */
static void build_type_16(SmbiosBuilder *b, const SmbiosParams *p, unsigned dimm_cnt)
{
    uint64_t size_kb = (p->ram_size + KIB - 1) / KIB;
    bool std = size_kb < MAX_T16_STD_SZ;

    table_begin(b, 16, T16_BASE);
    put8(b, 0x01);                              /* location: other */
    put8(b, 0x03);                              /* use: system memory */
    put8(b, 0x06);                              /* multi-bit ECC */
    put32(b, std ? size_kb : MAX_T16_STD_SZ);
    put16(b, 0xfffe);                           /* error information: none */
    put16(b, dimm_cnt);
    put64(b, std ? 0 : p->ram_size);
    table_end(b);
}

/* Type 17, memory device ("DIMM n", up to 16 GiB each). */
static void build_type_17(SmbiosBuilder *b, const SmbiosParams *p, unsigned instance,
                          uint64_t size)
{
    char loc[32];
    uint64_t size_mb = (size + MIB - 1) / MIB;
    bool std = size_mb < MAX_T17_STD_SZ;

    snprintf(loc, sizeof(loc), "DIMM %d", instance);
    table_begin(b, 17, T17_BASE + instance);
    put16(b, T16_BASE);                         /* physical memory array */
    put16(b, 0xfffe);                           /* error information: none */
    put16(b, 0xffff);                           /* total width: unknown */
    put16(b, 0xffff);                           /* data width: unknown */
    put16(b, std ? size_mb : MAX_T17_STD_SZ);
    put8(b, 0x09);                              /* form factor: DIMM */
    put8(b, 0);                                 /* device set: none */
    put8(b, table_str(b, loc));
    put8(b, 0);                                 /* bank locator */
    put8(b, 0x07);                              /* memory type: RAM */
    put16(b, 0x02);                             /* type detail: other */
    put16(b, 0);                                /* speed: unknown */
    put8(b, table_str(b, p->manufacturer));
    put8(b, 0);                                 /* serial number */
    put8(b, 0);                                 /* asset tag */
    put8(b, 0);                                 /* part number */
    put8(b, 0);                                 /* attributes */
    put32(b, std ? 0 : size_mb);                /* extended size */
    put16(b, 0);                                /* configured speed = speed */
    put16(b, 0);                                /* voltages: unknown */
    put16(b, 0);
    put16(b, 0);
    table_end(b);
}

/* Type 19, memory array mapped address (KiB, or extended in bytes). */
static void build_type_19(SmbiosBuilder *b, unsigned handle, uint64_t start, uint64_t size)
{
    uint64_t end = start + size - 1;
    uint64_t start_kb = start / KIB, end_kb = end / KIB;
    bool std = start_kb < UINT32_MAX && end_kb < UINT32_MAX;

    table_begin(b, 19, handle);
    put32(b, std ? start_kb : UINT32_MAX);
    put32(b, std ? end_kb : UINT32_MAX);
    put16(b, T16_BASE);                         /* memory array */
    put8(b, 1);                                 /* partition width */
    put64(b, std ? 0 : start);
    put64(b, std ? 0 : end);
    table_end(b);
}

/* Type 32 (boot information, no errors) and 127 (end of table). */
static void build_type_32_127(SmbiosBuilder *b)
{
    table_begin(b, 32, T32_BASE);
    put(b, 0, 6);                               /* reserved */
    put8(b, 0);                                 /* boot status */
    table_end(b);
    table_begin(b, 127, T127_BASE);
    table_end(b);
}

static void build_memory(SmbiosBuilder *b, const SmbiosParams *p)
{
    unsigned dimm_cnt = (unsigned)((p->ram_size + MAX_DIMM_SZ - 1) / MAX_DIMM_SZ);
    unsigned offset = dimm_cnt > T19_BASE - T17_BASE ? dimm_cnt - (T19_BASE - T17_BASE) : 0;

    build_type_16(b, p, dimm_cnt);
    for (unsigned i = 0; i < dimm_cnt; i++) {
        uint64_t size = i < dimm_cnt - 1 ? MAX_DIMM_SZ : (p->ram_size - 1) % MAX_DIMM_SZ + 1;

        build_type_17(b, p, i, size);
    }
    for (unsigned i = 0; i < p->mem_array_size; i++) {
        build_type_19(b, T19_BASE + offset + i, p->mem_array[i].address,
                      p->mem_array[i].length);
    }
}

/* smbios_entry_point_setup, SMBIOS_ENTRY_POINT_TYPE_32: version 2.8; the
 * checksums and the table address are left for the BIOS. */
static uint8_t *entry_point_21(const SmbiosBuilder *b)
{
    GByteArray *ep = g_byte_array_sized_new(SMBIOS_21_EP_SIZE);
    SmbiosBuilder e = { .tables = ep };

    g_byte_array_append(ep, (const guint8 *)"_SM_", 4);
    put8(&e, 0);                                /* checksum */
    put8(&e, SMBIOS_21_EP_SIZE);
    put8(&e, 2);                                /* SMBIOS 2.8 */
    put8(&e, 8);
    put16(&e, b->table_max);
    put8(&e, 0);                                /* entry point revision */
    put(&e, 0, 5);                              /* formatted area */
    g_byte_array_append(ep, (const guint8 *)"_DMI_", 5);
    put8(&e, 0);                                /* intermediate checksum */
    put16(&e, b->tables->len);
    put32(&e, 0);                               /* table address */
    put16(&e, b->table_cnt);
    put8(&e, 0x28);                             /* BCD revision */
    return g_byte_array_free(ep, FALSE);
}

void smbios_get_tables(const SmbiosParams *p, uint8_t **tables, size_t *tables_len,
                       uint8_t **anchor, size_t *anchor_len)
{
    SmbiosBuilder b = { .tables = g_byte_array_new(), .strings = g_string_new(NULL) };

    build_type_1(&b, p);
    build_type_3(&b, p);
    for (unsigned i = 0; i < p->sockets; i++) {
        build_type_4(&b, p, i);
    }
    build_memory(&b, p);
    build_type_32_127(&b);
    *anchor = entry_point_21(&b);
    *anchor_len = SMBIOS_21_EP_SIZE;
    *tables_len = b.tables->len;
    *tables = g_byte_array_free(b.tables, FALSE);
    g_string_free(b.strings, TRUE);
}
