/*
 * The x86 page walk: x86_cpu_tlb_fill (QEMU 7.2's
 * target/i386/tcg/sysemu/excp_helper.c get_physical_address and
 * mmu_translate) for 32-bit paging, with PSE 4 MiB pages, and PAE paging
 * (qemu32 has CPUID.PAE), plus the debugger's side-effect-free walk
 * (target/i386/helper.c x86_cpu_get_phys_page_attrs_debug).
 *
 * What QEMU does and this file does too, where the Intel manual says
 * otherwise (QEMU wins):
 *  - a reserved-bit fault's error code has RSVD set but not P;
 *  - PAE PDPTEs get their accessed bit set, and are read from memory on
 *    every walk (no PDPTE registers loaded at MOV CR3);
 *  - a 4 MiB page's PDE bits 20-13 are physical address bits 39-32
 *    although qemu32 lacks PSE36; only bit 21 is reserved;
 *  - the I/D bit of the error code is set on fetches only with EFER.NXE
 *    or CR4.SMEP (qemu32 can set neither, so never);
 *  - the A20 mask applies to page-table addresses (QEMU walks through its
 *    physical MMU index, which masks) and to the final address, but not
 *    in SMM.
 *
 * Page-table entries are read and their A/D bits written through the
 * CPU's current address space (cpu-smm-0 in SMM), so entries in MMIO are
 * device accesses, and A/D writes into RAM that holds decoded code
 * invalidate that code (physmem's write notification).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/cpu.h"
#include "cpu/excp_helper.h"
#include "cpu/misc_helper.h"
#include "accel/tcg/cputlb.h"
#include "softmmu/physmem.h"

#define PG_MODE_PAE  (1 << 0)
#define PG_MODE_NXE  (1 << 2)
#define PG_MODE_PSE  (1 << 3)
#define PG_MODE_WP   (1 << 16)
#define PG_MODE_SMEP (1 << 19)
#define PG_MODE_PG   (1 << 20)

#define CR4_SMEP_BIT (1u << 20)

/* QEMU's get_pg_mode, for a CPU without long mode. */
static int get_pg_mode(const CPUX86State *env)
{
    int pg_mode = PG_MODE_PG;

    if (!(env->cr[0] & CR0_PG_MASK)) {
        return 0;
    }
    if (env->cr[0] & CR0_WP_MASK) {
        pg_mode |= PG_MODE_WP;
    }
    if (env->cr[4] & CR4_PAE_MASK) {
        pg_mode |= PG_MODE_PAE;
        if (env->efer & MSR_EFER_NXE) {
            pg_mode |= PG_MODE_NXE;
        }
    }
    if (env->cr[4] & CR4_PSE_MASK) {
        pg_mode |= PG_MODE_PSE;
    }
    if (env->cr[4] & CR4_SMEP_BIT) {
        pg_mode |= PG_MODE_SMEP;
    }
    return pg_mode;
}

/* ---- page-table entry access ------------------------------------------- */

static inline MemTxAttrs ptw_attrs(const CPUX86State *env)
{
    return (MemTxAttrs){ .secure = (env->hflags & HF_SMM_MASK) != 0 };
}

static inline AddressSpace *ptw_as(const CPUX86State *env)
{
    return (env->hflags & HF_SMM_MASK) && env->as_smm ? env->as_smm : env->as;
}

static inline uint64_t ptw_ldq(CPUX86State *env, hwaddr addr)
{
    return address_space_ldq_le(ptw_as(env), addr, ptw_attrs(env), NULL);
}

/*
 * QEMU's ptw_setl: make sure the entry at `addr`, last read as `old`, has
 * the bits `set`.  Nothing is written when it has them already.  QEMU
 * does a compare-and-swap on RAM and, elsewhere, re-reads the entry and
 * stores only if it still equals `old`; a single CPU sees no difference
 * on RAM, so the re-read form is used throughout.  False means the entry
 * changed under us and the walk must restart.
 */
static bool ptw_setl(CPUX86State *env, hwaddr addr, uint32_t old, uint32_t set)
{
    if (set & ~old) {
        uint32_t cur = x86_ldl_phys(env, addr);
        if (cur != old) {
            return false;
        }
        x86_stl_phys_notdirty(env, addr, old | set);
    }
    return true;
}

typedef struct TranslateResult {
    hwaddr paddr;
    int prot;
    uint32_t page_size;
} TranslateResult;

/*
 * QEMU's mmu_translate for 32-bit and PAE paging.  Returns true with
 * *out filled, or false with *error_code set (the fault address is addr).
 */
static bool mmu_translate(CPUX86State *env, uint32_t addr, MMUAccessType access_type,
                          bool is_user, TranslateResult *out, int *error_code)
{
    const int pg_mode = get_pg_mode(env);
    const hwaddr a20 = x86_a20_mask(env);
    uint64_t ptep, pte, rsvd_mask;
    hwaddr pte_addr;
    uint32_t page_size;
    int prot, err;

restart_all:
    rsvd_mask = ~((1ULL << X86_PHYS_BITS) - 1);
    rsvd_mask &= PG_ADDRESS_MASK;
    if (!(pg_mode & PG_MODE_NXE)) {
        rsvd_mask |= PG_NX_MASK;
    }

    if (pg_mode & PG_MODE_PAE) {
        /* Page directory pointer table (level 3). */
        pte_addr = ((env->cr[3] & 0xffffffe0u) + ((addr >> 27) & 0x18)) & a20;
        rsvd_mask |= PG_HI_USER_MASK;
    restart_3:
        pte = ptw_ldq(env, pte_addr);
        if (!(pte & PG_PRESENT_MASK)) {
            goto do_fault;
        }
        if (pte & (rsvd_mask | PG_NX_MASK)) {
            goto do_fault_rsvd;
        }
        if (!ptw_setl(env, pte_addr, (uint32_t)pte, PG_ACCESSED_MASK)) {
            goto restart_3;
        }
        ptep = PG_NX_MASK | PG_USER_MASK | PG_RW_MASK;

        /* Page directory (level 2). */
        pte_addr = ((pte & PG_ADDRESS_MASK) + (((addr >> 21) & 0x1ff) << 3)) & a20;
    restart_2_pae:
        pte = ptw_ldq(env, pte_addr);
        if (!(pte & PG_PRESENT_MASK)) {
            goto do_fault;
        }
        if (pte & rsvd_mask) {
            goto do_fault_rsvd;
        }
        if (pte & PG_PSE_MASK) {
            /* 2 MiB page */
            page_size = 2048 * 1024;
            ptep &= pte ^ PG_NX_MASK;
            goto do_check_protect;
        }
        if (!ptw_setl(env, pte_addr, (uint32_t)pte, PG_ACCESSED_MASK)) {
            goto restart_2_pae;
        }
        ptep &= pte ^ PG_NX_MASK;

        /* Page table (level 1). */
        pte_addr = ((pte & PG_ADDRESS_MASK) + (((addr >> 12) & 0x1ff) << 3)) & a20;
        pte = ptw_ldq(env, pte_addr);
        if (!(pte & PG_PRESENT_MASK)) {
            goto do_fault;
        }
        if (pte & rsvd_mask) {
            goto do_fault_rsvd;
        }
        /* combine pde and pte nx, user and rw protections */
        ptep &= pte ^ PG_NX_MASK;
        page_size = 4096;
    } else {
        /* Page directory. */
        pte_addr = ((env->cr[3] & 0xfffff000u) + ((addr >> 20) & 0xffc)) & a20;
    restart_2_nopae:
        pte = x86_ldl_phys(env, pte_addr);
        if (!(pte & PG_PRESENT_MASK)) {
            goto do_fault;
        }
        ptep = pte | PG_NX_MASK;

        /* With CR4.PSE, PS=1 maps a 4 MiB page. */
        if ((pte & PG_PSE_MASK) && (pg_mode & PG_MODE_PSE)) {
            page_size = 4096 * 1024;
            /* PDE bits 20-13 give address bits 39-32; bit 21 is reserved.
             * Bits 20-13 stay in place for the A/D update below. */
            pte = (uint32_t)pte | ((pte & 0x1fe000ULL) << (32 - 13));
            rsvd_mask = 0x200000;
            goto do_check_protect_pse36;
        }
        if (!ptw_setl(env, pte_addr, (uint32_t)pte, PG_ACCESSED_MASK)) {
            goto restart_2_nopae;
        }

        /* Page table. */
        pte_addr = ((pte & ~0xfffu) + ((addr >> 10) & 0xffc)) & a20;
        pte = x86_ldl_phys(env, pte_addr);
        if (!(pte & PG_PRESENT_MASK)) {
            goto do_fault;
        }
        /* combine pde and pte user and rw protections */
        ptep &= pte | PG_NX_MASK;
        page_size = 4096;
        rsvd_mask = 0;
    }

do_check_protect:
    rsvd_mask |= (page_size - 1) & PG_ADDRESS_MASK & ~(uint64_t)PG_PSE_PAT_MASK;
do_check_protect_pse36:
    if (pte & rsvd_mask) {
        goto do_fault_rsvd;
    }
    ptep ^= PG_NX_MASK;

    /* can the page be put in the TLB?  prot will tell us */
    if (is_user && !(ptep & PG_USER_MASK)) {
        goto do_fault_protect;
    }

    /* Supervisor accesses are never SMAP-restricted (no SMAP here). */
    prot = PAGE_READ;
    if ((ptep & PG_RW_MASK) || !(is_user || (pg_mode & PG_MODE_WP))) {
        prot |= PAGE_WRITE;
    }
    if (!(ptep & PG_NX_MASK) &&
        (is_user || !((pg_mode & PG_MODE_SMEP) && (ptep & PG_USER_MASK)))) {
        prot |= PAGE_EXEC;
    }
    /* (protection keys need long mode) */

    if ((prot & (1 << access_type)) == 0) {
        goto do_fault_protect;
    }

    /* yes, it can! */
    {
        uint32_t set = PG_ACCESSED_MASK;
        if (access_type == MMU_DATA_STORE) {
            set |= PG_DIRTY_MASK;
        } else if (!(pte & PG_DIRTY_MASK)) {
            /* Only map writable once dirty: the first store comes back
             * here and sets D. */
            prot &= ~PAGE_WRITE;
        }
        if (!ptw_setl(env, pte_addr, (uint32_t)pte, set)) {
            /* Any of the levels may have changed: start again. */
            goto restart_all;
        }
    }

    /* merge offset within page */
    out->paddr = ((pte & PG_ADDRESS_MASK & ~(uint64_t)(page_size - 1)) |
                  (addr & (page_size - 1))) & a20;
    out->prot = prot;
    out->page_size = page_size;
    return true;

do_fault_rsvd:
    err = PG_ERROR_RSVD_MASK;
    goto do_fault_cont;
do_fault_protect:
    err = PG_ERROR_P_MASK;
    goto do_fault_cont;
do_fault:
    err = 0;
do_fault_cont:
    if (is_user) {
        err |= PG_ERROR_U_MASK;
    }
    switch (access_type) {
    case MMU_DATA_LOAD:
        break;
    case MMU_DATA_STORE:
        err |= PG_ERROR_W_MASK;
        break;
    case MMU_INST_FETCH:
        if (pg_mode & (PG_MODE_NXE | PG_MODE_SMEP)) {
            err |= PG_ERROR_I_D_MASK;
        }
        break;
    }
    *error_code = err;
    return false;
}

/*
 * QEMU's x86_cpu_tlb_fill: translate, enter the 4 KiB page holding addr
 * in the TLB (a large page is entered one small page at a time; its size
 * goes to tlb_set_page for INVLPG), or set CR2 and raise #PF.  size is
 * unused, as in QEMU.
 */
void x86_cpu_tlb_fill(CPUX86State *env, target_ulong addr, int size,
                      MMUAccessType access_type, int mmu_idx)
{
    TranslateResult out;
    int error_code;

    (void)size;
    if (env->cr[0] & CR0_PG_MASK) {
        if (!mmu_translate(env, addr, access_type, mmu_idx == MMU_USER_IDX,
                           &out, &error_code)) {
            env->cr[2] = addr;
            raise_exception_err(env, EXCP0E_PAGE, error_code);
        }
    } else {
        /* No translation needed. */
        out.paddr = addr & x86_a20_mask(env);
        out.prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        out.page_size = TARGET_PAGE_SIZE;
    }
    tlb_set_page(env, addr & TARGET_PAGE_MASK, out.paddr & ~(hwaddr)(TARGET_PAGE_SIZE - 1),
                 out.prot, mmu_idx, out.page_size);
}

/* ---- debug access ------------------------------------------------------- */

/*
 * QEMU's x86_cpu_get_phys_page_attrs_debug for a 32-bit target.  Its
 * quirks are kept: in PAE mode the table addresses are computed in 32
 * bits and the final address is not A20-masked; without PAE the final
 * entry is.  The A20 mask is QEMU's x86_get_a20_mask (ignored in SMM).
 */
hwaddr x86_cpu_get_phys_page_debug(CPUX86State *env, uint32_t addr)
{
    const uint32_t a20 = (uint32_t)x86_a20_mask(env);
    uint64_t pte;
    uint32_t page_size, page_offset;

    if (!(env->cr[0] & CR0_PG_MASK)) {
        pte = addr & a20;
        page_size = 4096;
    } else if (env->cr[4] & CR4_PAE_MASK) {
        uint32_t pdpe_addr, pde_addr, pte_addr;
        uint64_t pdpe, pde;

        pdpe_addr = ((env->cr[3] & ~0x1fu) + ((addr >> 27) & 0x18)) & a20;
        pdpe = ptw_ldq(env, pdpe_addr);
        if (!(pdpe & PG_PRESENT_MASK)) {
            return (hwaddr)-1;
        }
        pde_addr = (uint32_t)((pdpe & PG_ADDRESS_MASK) + (((addr >> 21) & 0x1ff) << 3)) & a20;
        pde = ptw_ldq(env, pde_addr);
        if (!(pde & PG_PRESENT_MASK)) {
            return (hwaddr)-1;
        }
        if (pde & PG_PSE_MASK) {
            page_size = 2048 * 1024;
            pte = pde;
        } else {
            pte_addr = (uint32_t)((pde & PG_ADDRESS_MASK) + (((addr >> 12) & 0x1ff) << 3)) & a20;
            page_size = 4096;
            pte = ptw_ldq(env, pte_addr);
        }
        if (!(pte & PG_PRESENT_MASK)) {
            return (hwaddr)-1;
        }
    } else {
        uint32_t pde, pde_addr, pte_addr;

        pde_addr = ((env->cr[3] & ~0xfffu) + ((addr >> 20) & 0xffc)) & a20;
        pde = x86_ldl_phys(env, pde_addr);
        if (!(pde & PG_PRESENT_MASK)) {
            return (hwaddr)-1;
        }
        if ((pde & PG_PSE_MASK) && (env->cr[4] & CR4_PSE_MASK)) {
            pte = pde | ((pde & 0x1fe000ULL) << (32 - 13));
            page_size = 4096 * 1024;
        } else {
            pte_addr = ((pde & ~0xfffu) + ((addr >> 10) & 0xffc)) & a20;
            pte = x86_ldl_phys(env, pte_addr);
            if (!(pte & PG_PRESENT_MASK)) {
                return (hwaddr)-1;
            }
            page_size = 4096;
        }
        pte &= x86_a20_mask(env);
    }

    pte &= PG_ADDRESS_MASK & ~(uint64_t)(page_size - 1);
    page_offset = (addr & TARGET_PAGE_MASK) & (page_size - 1);
    return pte | page_offset;
}

int x86_cpu_memory_rw_debug(CPUX86State *env, uint32_t addr, void *buf,
                            size_t len, bool is_write)
{
    uint8_t *p = buf;

    while (len > 0) {
        uint32_t page = addr & TARGET_PAGE_MASK;
        hwaddr phys = x86_cpu_get_phys_page_debug(env, page);
        size_t l;
        MemTxResult res;

        if (phys == (hwaddr)-1) {
            return -1;
        }
        l = (size_t)page + TARGET_PAGE_SIZE - addr;
        if (l > len) {
            l = len;
        }
        phys += addr & ~TARGET_PAGE_MASK;
        if (is_write) {
            res = address_space_write_rom(ptw_as(env), phys, ptw_attrs(env), p, l);
        } else {
            res = address_space_read(ptw_as(env), phys, ptw_attrs(env), p, l);
        }
        if (res != MEMTX_OK) {
            return -1;
        }
        len -= l;
        p += l;
        addr += l;
    }
    return 0;
}
