/*
 * The x86 CPU object: creation, reset and the state-update helpers that
 * keep hflags in step with CR0/CR3/CR4, segment caches, CPL and A20
 * (QEMU 7.2's target/i386/cpu.c x86_cpu_reset and qemu32 model,
 * target/i386/cpu.h cpu_x86_load_seg_cache, target/i386/helper.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include "cpu/cpu.h"
#include "cpu/misc_helper.h"
#include "accel/tcg/cputlb.h"
#include "softmmu/log.h"
#include "hw/intc/apic.h"
#include "softmmu/trace.h"

/* ---- the qemu32 model ------------------------------------------------- */

/*
 * QEMU 7.2's "qemu32" CPU model as TCG runs it: family 6 model 6
 * stepping 3, level 4, xlevel 0x80000004, PPRO_FEATURES in CPUID.1:EDX
 * and SSE3 in CPUID.1:ECX.  Realize adds CPUID_EXT_HYPERVISOR (the
 * "hypervisor" property is on by default) and filters nothing else
 * (every PPRO feature is in TCG_FEATURES).  Checked against
 * qemu-system-i386 7.2 (Debian 12): CPUID.1 = 00000663 00000800
 * 80000001 0781abfd.  The extended feature words stay 0 for an Intel
 * vendor.
 */
#define QEMU32_FEATURES (CPUID_FP87 | CPUID_DE | CPUID_PSE | CPUID_TSC | \
        CPUID_MSR | CPUID_MCE | CPUID_CX8 | CPUID_PGE | CPUID_CMOV | \
        CPUID_PAT | CPUID_FXSR | CPUID_MMX | CPUID_SSE | CPUID_SSE2 | \
        CPUID_PAE | CPUID_SEP | CPUID_APIC)

static void x86_cpu_init_model(CPUX86State *env)
{
    static const char model_id[48] = "QEMU Virtual CPU version 2.5+";

    env->cpuid_level = 4;
    env->cpuid_xlevel = 0x80000004;
    env->cpuid_vendor[0] = CPUID_VENDOR_INTEL_1;
    env->cpuid_vendor[1] = CPUID_VENDOR_INTEL_2;
    env->cpuid_vendor[2] = CPUID_VENDOR_INTEL_3;
    env->cpuid_version = (6 << 8) | (6 << 4) | 3;     /* 0x663 */
    env->cpuid_features = QEMU32_FEATURES;            /* 0x0781abfd */
    env->cpuid_ext_features = CPUID_EXT_SSE3 | CPUID_EXT_HYPERVISOR;
    env->cpuid_ext2_features = 0;
    env->cpuid_ext3_features = 0;
    for (int i = 0; i < 12; i++) {
        const unsigned char *p = (const unsigned char *)model_id + 4 * i;
        env->cpuid_model[i] = p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
    }
}

CPUX86State *x86_cpu_new(AddressSpace *as_mem, AddressSpace *as_smm, AddressSpace *as_io)
{
    CPUX86State *env = calloc(1, sizeof(*env));

    if (!env) {
        abort();
    }
    env->as = as_mem;
    env->as_smm = as_smm;
    env->as_io = as_io;
    x86_cpu_init_model(env);
    tlb_init(env);
    x86_cpu_reset(env);
    return env;
}

void x86_cpu_free(CPUX86State *env)
{
    if (!env) {
        return;
    }
    tlb_destroy(env);
    free(env);
}

/* ---- reset -------------------------------------------------------------- */

/*
 * QEMU's x86_cpu_reset, plus what runs with it at a machine reset:
 * cpu_common_reset (interrupt_request, halted, exception_index, TLB and
 * jump-cache flush) and the APIC's reset (apic_base).
 *
 * QEMU clears every field up to end_reset_fields; the others keep their
 * values over a reset: the CPUID model (including an APIC bit cleared by
 * cpu_clear_apic_feature), mcg_ctl and the MCE banks.
 */
void x86_cpu_reset(CPUX86State *env)
{
    /* cpu_common_reset logs the state being reset (x86's
     * reset_dump_flags).  QEMU resets the CPU at realize and again at the
     * machine reset, so "-d cpu_reset" shows an all-zero state first; the
     * reset inside x86_cpu_new plays the first part here. */
    if (qemu_loglevel_mask(CPU_LOG_RESET)) {
        qemu_log("CPU Reset (CPU %d)\n", 0);
        x86_cpu_dump_state(env, qemu_log_stream(), CPU_DUMP_FPU | CPU_DUMP_CCOP);
    }

    memset(env->regs, 0, sizeof(env->regs));
    env->eip = 0;
    env->eflags = 0;
    env->cc_dst = env->cc_src = env->cc_src2 = 0;
    env->hflags = 0;
    env->hflags2 = 0;
    memset(env->segs, 0, sizeof(env->segs));
    memset(&env->ldt, 0, sizeof(env->ldt));
    memset(&env->tr, 0, sizeof(env->tr));
    memset(&env->gdt, 0, sizeof(env->gdt));
    memset(&env->idt, 0, sizeof(env->idt));
    memset(env->cr, 0, sizeof(env->cr));
    env->efer = 0;
    env->tsc_offset = 0;
    env->sysenter_cs = env->sysenter_esp = env->sysenter_eip = 0;
    env->star = 0;
    env->vm_hsave = 0;
    env->tsc_aux = 0;
    env->msr_bndcfgs = 0;
    env->pkrs = 0;
    env->mcg_status = 0;
    env->fpstt = 0;
    env->fpus = 0;
    memset(env->fpregs, 0, sizeof(env->fpregs));
    memset(env->xmm, 0, sizeof(env->xmm));
    env->error_code = 0;
    env->exception_is_int = 0;
    env->exception_next_eip = 0;

    env->old_exception = -1;

    /* init to reset state */
    env->hflags2 |= HF2_GIF_MASK | HF2_VGIF_MASK;

    cpu_x86_update_cr0(env, 0x60000010);
    env->a20_mask = ~0u;
    env->smbase = 0x30000;

    env->idt.limit = 0xffff;
    env->gdt.limit = 0xffff;
    env->ldt.limit = 0xffff;
    env->ldt.flags = DESC_P_MASK | (2 << DESC_TYPE_SHIFT);
    env->tr.limit = 0xffff;
    env->tr.flags = DESC_P_MASK | (11 << DESC_TYPE_SHIFT);

    cpu_x86_load_seg_cache(env, R_CS, 0xf000, 0xffff0000, 0xffff,
                           DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK |
                           DESC_R_MASK | DESC_A_MASK);
    for (int seg = R_ES; seg <= R_GS; seg++) {
        if (seg != R_CS) {
            cpu_x86_load_seg_cache(env, seg, 0, 0, 0xffff,
                                   DESC_P_MASK | DESC_S_MASK | DESC_W_MASK |
                                   DESC_A_MASK);
        }
    }

    env->eip = 0xfff0;
    env->regs[R_EDX] = env->cpuid_version;

    env->eflags = 0x2;
    /*
     * QEMU's reset leaves cc_op = CC_OP_DYNAMIC (0, from the memset; the
     * "-d cpu_reset" dump shows CCO=DYNAMIC), and cpu_exec's
     * x86_cpu_exec_enter turns it into CC_OP_EFLAGS before the first
     * instruction, so the first "-d cpu" line shows CCO=EFLAGS.  Flag
     * computations treat DYNAMIC as "no flags".  df is 0 after QEMU's
     * memset until exec_enter sets it from EFLAGS.DF; here it must be
     * +-1 at all times.
     */
    env->cc_op = CC_OP_DYNAMIC;
    env->cc_src = 0;
    env->df = 1;

    /* FPU init */
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = 1;
    }
    env->fpuc = 0x37f;
    env->mxcsr = 0x1f80;

    env->pat = 0x0007040600070406ULL;
    env->msr_ia32_misc_enable = MSR_IA32_MISC_ENABLE_DEFAULT;
    /* (no MWAIT bit: qemu32 lacks CPUID_EXT_MONITOR) */

    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = DR6_FIXED_1;
    env->dr[7] = DR7_FIXED_1;

    cpu_x86_update_cr4(env, 0);

    env->mtrr_deftype = 0;
    memset(env->mtrr_var_base, 0, sizeof(env->mtrr_var_base));
    memset(env->mtrr_var_mask, 0, sizeof(env->mtrr_var_mask));
    memset(env->mtrr_fixed, 0, sizeof(env->mtrr_fixed));

    /* QEMU designates the BSP in its APIC (apic_designate_bsp) and reads
     * the base back (cpu_is_bsp, traced as cpu_get_apic_base).  The reset
     * of a CPU not yet tied to its APIC is QEMU's realize-time reset,
     * traced by the machine (pc_cpu_init).  Then the base as the
     * machine's APIC reset leaves it (apic_reset_common). */
    if (env->apic_state) {
        trace_cpu_get_apic_base(env->apic_base | MSR_IA32_APICBASE_BSP);
    }
    env->apic_base = APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_BSP |
                     MSR_IA32_APICBASE_ENABLE;

    /* cpu_common_reset */
    env->interrupt_request = 0;
    env->cflags_next_tb = -1;
    env->halted = false;        /* the BSP runs */
    env->exception_index = EXCP_NONE;
    env->mmu_idx = cpu_mmu_index(env);
    env->tlb_data = env->tlb[env->mmu_idx];
    tlb_flush(env);
}

/* The fields QEMU's do_cpu_init copies back over the reset
 * (CPUX86State start_init_save..end_init_save, for this model). */
typedef struct InitSave {
    unsigned fpstt;
    uint16_t fpus, fpuc;
    uint8_t fptags[8];
    FPReg fpregs[8];
    uint32_t mxcsr;
    XMMReg xmm[8];
    uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t star, vm_hsave, tsc_aux, mcg_status, msr_ia32_misc_enable, pat;
    uint32_t smbase, pkrs;
} InitSave;

#define INIT_SAVE_FIELDS(X) \
    X(fpstt) X(fpus) X(fpuc) X(mxcsr) X(sysenter_cs) X(sysenter_esp) X(sysenter_eip) \
    X(star) X(vm_hsave) X(tsc_aux) X(mcg_status) X(msr_ia32_misc_enable) X(pat) \
    X(smbase) X(pkrs)

static void init_save(InitSave *v, const CPUX86State *env)
{
#define SAVE_(f) v->f = env->f;
    INIT_SAVE_FIELDS(SAVE_)
#undef SAVE_
    memcpy(v->fptags, env->fptags, sizeof(v->fptags));
    memcpy(v->fpregs, env->fpregs, sizeof(v->fpregs));
    memcpy(v->xmm, env->xmm, sizeof(v->xmm));
}

static void init_restore(CPUX86State *env, const InitSave *v)
{
#define RESTORE_(f) env->f = v->f;
    INIT_SAVE_FIELDS(RESTORE_)
#undef RESTORE_
    memcpy(env->fptags, v->fptags, sizeof(v->fptags));
    memcpy(env->fpregs, v->fpregs, sizeof(v->fpregs));
    memcpy(env->xmm, v->xmm, sizeof(v->xmm));
}

/* QEMU's do_cpu_init.  The APIC base MSR lives in QEMU's APIC, which INIT
 * does not reset: it survives here too. */
void do_cpu_init(CPUX86State *env)
{
    uint32_t sipi = env->interrupt_request & CPU_INTERRUPT_SIPI;
    uint64_t apic_base = env->apic_base;
    InitSave v;

    init_save(&v, env);
    x86_cpu_reset(env);
    env->interrupt_request = sipi;
    init_restore(env, &v);
    env->apic_base = apic_base;
    apic_init_reset(env->apic_state);
}

/*
 * QEMU's x86_cpu_exec_enter, run each time cpu_exec is entered: the
 * lazy flags are folded into CC_OP_EFLAGS form (CC_SRC = the arithmetic
 * flags; CC_DST is left as it is).  QEMU's x86_cpu_exec_exit merges them
 * back into env->eflags, which this layout never needs.  Visible in
 * "-d cpu": the first block after reset, and after every return from
 * cpu_exec (HLT, exit requests), shows CCO=EFLAGS.
 */
void x86_cpu_exec_enter(CPUX86State *env)
{
    env->cc_src = cpu_cc_compute_all(env, env->cc_op);
    env->cc_op = CC_OP_EFLAGS;
}

/* ---- hflags maintenance ------------------------------------------------- */

void cpu_x86_set_cpl(CPUX86State *env, int cpl)
{
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (cpl & 3);
    env->mmu_idx = cpu_mmu_index(env);
    env->tlb_data = env->tlb[env->mmu_idx];
}

/* HF_SS32 and HF_ADDSEG from the current segment caches, as the tail of
 * QEMU's cpu_x86_load_seg_cache computes them. */
static void update_ss32_addseg(CPUX86State *env)
{
    uint32_t new_hflags = (env->segs[R_SS].flags & DESC_B_MASK)
                          >> (DESC_B_SHIFT - HF_SS32_SHIFT);

    if (!(env->cr[0] & CR0_PE_MASK) || (env->eflags & VM_MASK) ||
        !(env->hflags & HF_CS32_MASK)) {
        /* QEMU: real and vm86 mode only update base and selector of the
         * caches, so the base is always added there. */
        new_hflags |= HF_ADDSEG_MASK;
    } else {
        new_hflags |= ((env->segs[R_DS].base | env->segs[R_ES].base |
                        env->segs[R_SS].base) != 0) << HF_ADDSEG_SHIFT;
    }
    env->hflags = (env->hflags & ~(HF_SS32_MASK | HF_ADDSEG_MASK)) | new_hflags;
}

/*
 * QEMU's cpu_x86_load_seg_cache.  Loading CS sets HF_CS32 from its D/B
 * bit; loading SS sets the CPL to SS.DPL (QEMU's only CPL rule here: in
 * real mode SS is loaded with DPL 0, in vm86 mode with DPL 3); any load
 * recomputes HF_SS32 and HF_ADDSEG.
 */
void cpu_x86_load_seg_cache(CPUX86State *env, int seg, uint32_t selector,
                            uint32_t base, uint32_t limit, uint32_t flags)
{
    SegmentCache *sc = &env->segs[seg];

    sc->selector = selector;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;

    if (seg == R_CS) {
        env->hflags = (env->hflags & ~HF_CS32_MASK) |
                      ((flags & DESC_B_MASK) >> (DESC_B_SHIFT - HF_CS32_SHIFT));
    }
    if (seg == R_SS) {
        cpu_x86_set_cpl(env, (flags >> DESC_DPL_SHIFT) & 3);
        /* QEMU also runs cpu_sync_bndcs_hflags here: MPX state, which
         * qemu32 cannot enable. */
    }
    update_ss32_addseg(env);
}

/*
 * Recompute HF_CS32, HF_SS32 and HF_ADDSEG from the segment caches, CR0
 * and EFLAGS, exactly as a segment load would.  Note that QEMU itself
 * recomputes these only inside cpu_x86_load_seg_cache (and for ADDSEG in
 * cpu_x86_update_cr0, which only ever sets it); callers wanting QEMU's
 * results must not call this where QEMU would leave stale bits.
 */
void x86_update_hflags_seg(CPUX86State *env)
{
    env->hflags = (env->hflags & ~HF_CS32_MASK) |
                  ((env->segs[R_CS].flags & DESC_B_MASK) >> (DESC_B_SHIFT - HF_CS32_SHIFT));
    update_ss32_addseg(env);
}

/* QEMU's cpu_x86_update_cr0 (helper.c), 32-bit: no long mode. */
void cpu_x86_update_cr0(CPUX86State *env, uint32_t new_cr0)
{
    uint32_t pe_state;

    qemu_log_mask(CPU_LOG_MMU, "CR0 update: CR0=0x%08x\n", new_cr0);
    if ((new_cr0 & (CR0_PG_MASK | CR0_WP_MASK | CR0_PE_MASK)) !=
        (env->cr[0] & (CR0_PG_MASK | CR0_WP_MASK | CR0_PE_MASK))) {
        tlb_flush(env);
    }
    env->cr[0] = new_cr0 | CR0_ET_MASK;

    /* update PE flag in hidden flags */
    pe_state = env->cr[0] & CR0_PE_MASK;
    env->hflags = (env->hflags & ~HF_PE_MASK) | (pe_state << HF_PE_SHIFT);
    /* ensure that ADDSEG is always set in real mode */
    env->hflags |= (pe_state ^ 1) << HF_ADDSEG_SHIFT;
    /* update FPU flags: CR0.MP/EM/TS are bits 1-3, HF_MP/EM/TS bits 9-11 */
    env->hflags = (env->hflags & ~(HF_MP_MASK | HF_EM_MASK | HF_TS_MASK)) |
                  ((new_cr0 << (HF_MP_SHIFT - 1)) & (HF_MP_MASK | HF_EM_MASK | HF_TS_MASK));
}

/* QEMU's cpu_x86_update_cr3: the TLB is flushed only with paging on.
 * (QEMU does not check PDPTE reserved bits on a PAE CR3 load either.) */
void cpu_x86_update_cr3(CPUX86State *env, uint32_t new_cr3)
{
    env->cr[3] = new_cr3;
    if (env->cr[0] & CR0_PG_MASK) {
        qemu_log_mask(CPU_LOG_MMU, "CR3 update: CR3=%08x\n", new_cr3);
        tlb_flush(env);
    }
}

/* CR4 bits that QEMU's cpu_x86_update_cr4 masks out for qemu32. */
#define CR4_SMAP_MASK   (1u << 21)
#define CR4_UMIP_MASK   (1u << 11)
#define CR4_PKE_MASK    (1u << 22)
#define CR4_PKS_MASK    (1u << 24)
#define CR4_SMEP_MASK   (1u << 20)
#define CR4_LA57_MASK   (1u << 12)

/* QEMU's cpu_x86_update_cr4 for the qemu32 feature set: SMAP, UMIP, PKE
 * and PKS are silently dropped (no such features); OSFXSR is kept (SSE
 * present) and mirrored in HF_OSFXSR. */
void cpu_x86_update_cr4(CPUX86State *env, uint32_t new_cr4)
{
    uint32_t hflags;

    if ((new_cr4 ^ env->cr[4]) &
        (CR4_PGE_MASK | CR4_PAE_MASK | CR4_PSE_MASK |
         CR4_SMEP_MASK | CR4_SMAP_MASK | CR4_LA57_MASK)) {
        tlb_flush(env);
    }

    hflags = env->hflags & ~HF_OSFXSR_MASK;
    if (!(env->cpuid_features & CPUID_SSE)) {
        new_cr4 &= ~CR4_OSFXSR_MASK;
    }
    if (new_cr4 & CR4_OSFXSR_MASK) {
        hflags |= HF_OSFXSR_MASK;
    }
    new_cr4 &= ~(CR4_SMAP_MASK | CR4_UMIP_MASK | CR4_PKE_MASK | CR4_PKS_MASK);

    env->cr[4] = new_cr4;
    env->hflags = hflags;
    /* cpu_sync_bndcs_hflags / cpu_sync_avx_hflag: need OSXSAVE, which
     * qemu32 cannot set. */
}

/*
 * QEMU's x86_cpu_set_a20 (called from the keyboard controller and port
 * 0x92): on a change, CPU_INTERRUPT_EXITTB is raised (the current block
 * runs to its end, the next is looked up afresh) and the TLB flushed;
 * then a20_mask is 0xffffffff or ~(1 << 20).
 */
void x86_update_a20(CPUX86State *env, bool enabled)
{
    uint32_t state = enabled ? 1 : 0;

    if (state != ((env->a20_mask >> 20) & 1)) {
        qemu_log_mask(CPU_LOG_MMU, "A20 update: a20=%d\n", (int)state);
        env->interrupt_request |= CPU_INTERRUPT_EXITTB;
        tlb_flush(env);
        env->a20_mask = ~(1u << 20) | (state << 20);
    }
}

/* ---- interrupt request lines ------------------------------------------------ */

void cpu_interrupt(CPUX86State *env, uint32_t mask)
{
    __atomic_or_fetch(&env->interrupt_request, mask, __ATOMIC_SEQ_CST);
    if (env->kick) {
        env->kick(env);
    }
}

void cpu_reset_interrupt(CPUX86State *env, uint32_t mask)
{
    __atomic_and_fetch(&env->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}
