/*
 * Page walk helpers beyond x86_cpu_tlb_fill (whose prototype lives in
 * accel/tcg/cputlb.h): the debugger's view of memory (QEMU's
 * x86_cpu_get_phys_page_attrs_debug and cpu_memory_rw_debug), used by
 * the CPU dump's "Code=" line and by monitor commands.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_EXCP_HELPER_H
#define CPU_EXCP_HELPER_H

#include "cpu/cpu.h"

/* Bits of page-table entries QEMU names that cpu.h does not. */
#define PG_PSE_PAT_MASK  (1u << 12)
#define PG_ADDRESS_MASK  0x000ffffffffff000ULL
#define PG_HI_USER_MASK  0x7ff0000000000000ULL
#define PG_NX_MASK       (1ULL << 63)

/* The mask QEMU applies to physical addresses for A20 (x86_get_a20_mask):
 * all ones in SMM, else env->a20_mask sign-extended to 64 bits. */
static inline hwaddr x86_a20_mask(const CPUX86State *env)
{
    if (env->hflags & HF_SMM_MASK) {
        return ~(hwaddr)0;
    }
    return (hwaddr)(int64_t)(int32_t)env->a20_mask;
}

/* Physical page of linear address addr's page without side effects on
 * the page tables (no A/D updates, no faults), or (hwaddr)-1 if unmapped.
 * QEMU's x86_cpu_get_phys_page_attrs_debug: the result is the page
 * address; add (addr & ~TARGET_PAGE_MASK) yourself. */
hwaddr x86_cpu_get_phys_page_debug(CPUX86State *env, uint32_t addr);

/* Read (or, is_write, write as address_space_write_rom does: into ROM
 * too) len bytes at linear address addr through the page tables, as
 * QEMU's cpu_memory_rw_debug.  0 on success, -1 if a page is unmapped
 * or an access fails. */
int x86_cpu_memory_rw_debug(CPUX86State *env, uint32_t addr, void *buf,
                            size_t len, bool is_write);

#endif
