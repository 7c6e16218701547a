/*
 * x86 monitor commands (QEMU 7.2's target/i386/monitor.c): `info tlb`
 * walks the guest page tables from CR3 and prints each present mapping.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include "cpu/monitor.h"
#include "cpu/excp_helper.h"
#include "softmmu/physmem.h"

/* cpu_physical_memory_read of a little-endian entry (errors ignored). */
static uint64_t read_entry(CPUX86State *env, uint64_t addr, unsigned size)
{
    uint8_t b[8] = { 0 };
    uint64_t v = 0;

    address_space_read(env->as, addr, MEMTXATTRS_UNSPECIFIED, b, size);
    for (int i = (int)size - 1; i >= 0; i--) {
        v = (v << 8) | b[i];
    }
    return v;
}

/* print_pte: "addr: pte&mask XGPDACTUW" with '-' for clear bits. */
static void print_pte(GString *out, uint64_t addr, uint64_t pte, uint64_t mask)
{
    g_string_append_printf(out, "%016" PRIx64 ": %016" PRIx64 " %c%c%c%c%c%c%c%c%c\n",
                           addr, pte & mask,
                           pte & PG_NX_MASK ? 'X' : '-', pte & PG_GLOBAL_MASK ? 'G' : '-',
                           pte & PG_PSE_MASK ? 'P' : '-', pte & PG_DIRTY_MASK ? 'D' : '-',
                           pte & PG_ACCESSED_MASK ? 'A' : '-', pte & PG_PCD_MASK ? 'C' : '-',
                           pte & PG_PWT_MASK ? 'T' : '-', pte & PG_USER_MASK ? 'U' : '-',
                           pte & PG_RW_MASK ? 'W' : '-');
}

/* tlb_info_32.  QEMU masks a 4 MiB page's entry with ~(2 MiB - 1), so
 * bit 21 shows; kept. */
static void tlb_info_32(GString *out, CPUX86State *env)
{
    uint32_t pgd = env->cr[3] & ~0xfffu;

    for (uint32_t l1 = 0; l1 < 1024; l1++) {
        uint32_t pde = (uint32_t)read_entry(env, pgd + l1 * 4, 4);

        if (!(pde & PG_PRESENT_MASK)) {
            continue;
        }
        if ((pde & PG_PSE_MASK) && (env->cr[4] & CR4_PSE_MASK)) {
            print_pte(out, l1 << 22, pde, ~(uint64_t)((1u << 21) - 1));
            continue;
        }
        for (uint32_t l2 = 0; l2 < 1024; l2++) {
            uint32_t pte = (uint32_t)read_entry(env, (pde & ~0xfffu) + l2 * 4, 4);

            if (pte & PG_PRESENT_MASK) {
                print_pte(out, (l1 << 22) + (l2 << 12), pte & ~PG_PSE_MASK, ~(uint64_t)0xfff);
            }
        }
    }
}

/* tlb_info_pae32.  A 2 MiB page's entry is masked with ~(1 MiB - 1), as
 * QEMU does. */
static void tlb_info_pae32(GString *out, CPUX86State *env)
{
    uint64_t pdp_addr = env->cr[3] & ~0x1fu;

    for (uint32_t l1 = 0; l1 < 4; l1++) {
        uint64_t pdpe = read_entry(env, pdp_addr + l1 * 8, 8);
        uint64_t pd_addr = pdpe & 0x3fffffffff000ULL;

        if (!(pdpe & PG_PRESENT_MASK)) {
            continue;
        }
        for (uint32_t l2 = 0; l2 < 512; l2++) {
            uint64_t pde = read_entry(env, pd_addr + l2 * 8, 8);
            uint64_t pt_addr = pde & 0x3fffffffff000ULL;

            if (!(pde & PG_PRESENT_MASK)) {
                continue;
            }
            if (pde & PG_PSE_MASK) {
                print_pte(out, (l1 << 30) + (l2 << 21), pde, ~(uint64_t)((1u << 20) - 1));
                continue;
            }
            for (uint32_t l3 = 0; l3 < 512; l3++) {
                uint64_t pte = read_entry(env, pt_addr + l3 * 8, 8);

                if (pte & PG_PRESENT_MASK) {
                    print_pte(out, (l1 << 30) + (l2 << 21) + (l3 << 12),
                              pte & ~(uint64_t)PG_PSE_MASK, ~(uint64_t)0xfff);
                }
            }
        }
    }
}

void hmp_info_tlb(GString *out, CPUX86State *env)
{
    if (!env) {
        g_string_append(out, "No CPU available\n");
    } else if (!(env->cr[0] & CR0_PG_MASK)) {
        g_string_append(out, "PG disabled\n");
    } else if (env->cr[4] & CR4_PAE_MASK) {
        tlb_info_pae32(out, env);
    } else {
        tlb_info_32(out, env);
    }
}
