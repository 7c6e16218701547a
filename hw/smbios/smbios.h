/*
 * SMBIOS tables as QEMU 7.2 builds them for the pc machine's fw_cfg files
 * "etc/smbios/smbios-tables" and "etc/smbios/smbios-anchor"
 * (hw/smbios/smbios.c smbios_get_tables), for machines with
 * smbios_defaults, no -smbios options, the SMBIOS 2.1 (32-bit) entry
 * point and no legacy mode: types 1, 3, 4 (one per socket), 16, 17 (one
 * per 16 GiB of RAM), 19 (one per e820 RAM area), 32 and 127.  Types 0
 * and 2 are optional and left to the BIOS; 8, 11, 38 and 41 only come
 * from options x86slice does not have.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_SMBIOS_SMBIOS_H
#define HW_SMBIOS_SMBIOS_H

#include <stddef.h>
#include <stdint.h>

/* The 2.1 entry point's size (struct smbios_21_entry_point). */
#define SMBIOS_21_EP_SIZE 31

struct smbios_phys_mem_area {
    uint64_t address;
    uint64_t length;
};

typedef struct SmbiosParams {
    /* smbios_set_defaults */
    const char *manufacturer, *product, *version;
    /* smbios_set_cpuid: CPUID 1 EAX and EDX of CPU 0 */
    uint32_t cpuid_version, cpuid_features;
    /* -smp topology */
    unsigned sockets, cores_per_socket, threads_per_socket;
    uint64_t ram_size;
    /* RAM areas of the e820 table */
    const struct smbios_phys_mem_area *mem_array;
    unsigned mem_array_size;
} SmbiosParams;

/* Build the structure table and the entry point (anchor); both are
 * g_malloc'd and become the caller's. */
void smbios_get_tables(const SmbiosParams *p, uint8_t **tables, size_t *tables_len,
                       uint8_t **anchor, size_t *anchor_len);

#endif
