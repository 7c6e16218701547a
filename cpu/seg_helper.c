/*
 * Segmentation, far transfers, task switches, interrupts and exceptions.
 *
 * The behaviour is QEMU 7.2's (target/i386/tcg/seg_helper.c,
 * tcg/sysemu/seg_helper.c and tcg/excp_helper.c, as built for
 * qemu-system-i386): the same checks in the same order, the same vectors
 * and error codes, the same stack pushes and the same state updates, so
 * that `-d cpu` and `-d int` logs compare equal.  Where QEMU departs from
 * the Intel manual the comments say so; QEMU is what we follow.
 *
 * General QEMU simplifications reproduced here:
 * - No segment limit or rights checks on the data accesses these helpers
 *   make: stack pushes and pops only mask the stack pointer with the SS
 *   size (0xffff or 0xffffffff) and add the SS base.  A full stack raises
 *   no #SS; only paging can fault.
 * - All the implicit accesses (descriptor tables, TSS, and every stack
 *   push/pop made here, even at CPL 3) use the supervisor MMU index.
 * - Descriptor-table limits are checked; the stack segment limit never.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "cpu/seg_helper.h"
#include "cpu/misc_helper.h"
#include "accel/tcg/cputlb.h"
#include "softmmu/log.h"
#include "hw/intc/apic.h"

/* How a task switch was started (QEMU's SWITCH_TSS_*). */
enum { TS_JMP, TS_IRET, TS_CALL };

#define DR7_LOCAL_BP_MASK 0x00000055    /* L0-L3 */

/* ======================================================================
 * Exceptions (QEMU's excp_helper.c)
 * ====================================================================== */

/*
 * Task switches started by an instruction (JMP/CALL/IRET) set env->eip to
 * the new task's EIP before their last checks.  In QEMU a fault there goes
 * through cpu_restore_state, which (TARGET_TB_PCREL, as qemu-system-i386
 * 7.2 is built) rebuilds EIP from the page of the *current* env->eip plus
 * the old CS base, and the page offset of the faulting instruction, minus
 * the old CS base.  raise_interrupt2 applies that same formula while a
 * switch is in this state.  A switch started by interrupt delivery has
 * nothing to restore (QEMU passes retaddr 0 there).  QEMU's restore also
 * resets cc_op to the value its translator knew at the start of the
 * instruction; with one instruction per block (-singlestep, the lockstep
 * setting) that is CC_OP_DYNAMIC, i.e. no change, which is what we do.
 */
static struct {
    CPUX86State *env;           /* non-NULL while the restore is armed */
    uint32_t cs_base;           /* CS base of the instruction */
    uint32_t page_offset;       /* linear address of it, & ~PAGE_MASK */
} tss_restore;

static void tss_restore_arm(CPUX86State *env, uint32_t cs_base, uint32_t insn_eip)
{
    tss_restore.env = env;
    tss_restore.cs_base = cs_base;
    tss_restore.page_offset = (cs_base + insn_eip) & ~TARGET_PAGE_MASK;
}

static void tss_restore_apply(CPUX86State *env)
{
    if (tss_restore.env == env) {
        uint32_t page = (env->eip + tss_restore.cs_base) & TARGET_PAGE_MASK;
        env->eip = (page | tss_restore.page_offset) - tss_restore.cs_base;
    }
    tss_restore.env = NULL;
}

/*
 * Nested-exception check (QEMU's check_exception): turn a contributory
 * fault during the delivery of another into #DF, any fault while
 * delivering #DF into a triple fault.  Only for exceptions, not INT n.
 * QEMU (and so we) treat *every* exception raised while old_exception is
 * #DF as a triple fault, benign ones included.
 */
static int check_exception(CPUX86State *env, int intno, int *error_code)
{
    int old = env->old_exception;
    bool old_contrib = old == EXCP00_DIVZ || (old >= EXCP0A_TSS && old <= EXCP0D_GPF);
    bool new_contrib = intno == EXCP00_DIVZ || (intno >= EXCP0A_TSS && intno <= EXCP0D_GPF);

    qemu_log_mask(CPU_LOG_INT, "check_exception old: 0x%x new 0x%x\n",
                  (unsigned)old, (unsigned)intno);

    if (old == EXCP08_DBLE) {
        qemu_log_mask(CPU_LOG_RESET, "Triple fault\n");
        if (env->reset_request) {
            env->reset_request(env->machine);
        }
        return EXCP_HLT;
    }

    if ((old_contrib && new_contrib) ||
        (old == EXCP0E_PAGE && (new_contrib || intno == EXCP0E_PAGE))) {
        intno = EXCP08_DBLE;
        *error_code = 0;
    }
    if (new_contrib || intno == EXCP0E_PAGE || intno == EXCP08_DBLE) {
        env->old_exception = intno;
    }
    return intno;
}

static G_NORETURN_FN void raise_interrupt2(CPUX86State *env, int intno, int is_int,
                                           int error_code, int next_eip_addend)
{
    if (!is_int) {
        intno = check_exception(env, intno, &error_code);
    }
    tss_restore_apply(env);
    env->exception_index = intno;
    env->error_code = error_code;
    env->exception_is_int = is_int;
    env->exception_next_eip = env->eip + next_eip_addend;
    siglongjmp(env->jmp_env, 1);
}

void raise_interrupt(CPUX86State *env, int intno, int is_int, int error_code,
                     int next_eip_addend)
{
    raise_interrupt2(env, intno, is_int, error_code, next_eip_addend);
}

void raise_exception_err(CPUX86State *env, int exception_index, int error_code)
{
    raise_interrupt2(env, exception_index, 0, error_code, 0);
}

void raise_exception(CPUX86State *env, int exception_index)
{
    raise_interrupt2(env, exception_index, 0, 0, 0);
}

void cpu_loop_exit(CPUX86State *env)
{
    /* QEMU's cpu_loop_exit restores nothing and leaves exception_index
     * as it is (-1 unless someone set it). */
    tss_restore.env = NULL;
    siglongjmp(env->jmp_env, 1);
}

/* QEMU's cpu_abort, for the "cannot happen" TSS states QEMU aborts on. */
static G_NORETURN_FN void seg_cpu_abort(CPUX86State *env, const char *msg)
{
    FILE *log = qemu_log_stream();

    fprintf(stderr, "qemu: fatal: %s\n", msg);
    x86_cpu_dump_state(env, stderr, CPU_DUMP_FPU | CPU_DUMP_CCOP);
    if (log && log != stderr) {
        fprintf(log, "qemu: fatal: %s\n", msg);
        x86_cpu_dump_state(env, log, CPU_DUMP_FPU | CPU_DUMP_CCOP);
        fflush(log);
    }
    abort();
}

/* ======================================================================
 * Descriptors
 * ====================================================================== */

static inline uint32_t desc_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000);
}

static inline uint32_t desc_limit(uint32_t e1, uint32_t e2)
{
    uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000);

    return (e2 & DESC_G_MASK) ? (limit << 12) | 0xfff : limit;
}

static inline int desc_dpl(uint32_t e2)
{
    return (e2 >> DESC_DPL_SHIFT) & 3;
}

static inline int cur_cpl(CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

/* Read the descriptor a selector names from the GDT or LDT.  False (no
 * access made) if it lies beyond the table limit. */
static bool fetch_desc(CPUX86State *env, uint32_t *e1, uint32_t *e2, int selector)
{
    SegmentCache *dt = (selector & 4) ? &env->ldt : &env->gdt;
    int index = selector & ~7;
    uint32_t addr;

    /* int + 7 compared as unsigned, as in QEMU */
    if ((uint32_t)(index + 7) > dt->limit) {
        return false;
    }
    addr = dt->base + index;
    *e1 = cpu_ldl_kernel(env, addr);
    *e2 = cpu_ldl_kernel(env, addr + 4);
    return true;
}

/* Fill a system-segment cache (LDTR, TR) without touching hflags. */
static void set_sys_cache(SegmentCache *sc, uint32_t e1, uint32_t e2)
{
    sc->base = desc_base(e1, e2);
    sc->limit = desc_limit(e1, e2);
    sc->flags = e2;
}

void load_seg_vm(CPUX86State *env, int seg, int selector)
{
    selector &= 0xffff;
    cpu_x86_load_seg_cache(env, seg, selector, (uint32_t)selector << 4, 0xffff,
                           DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK |
                           (3u << DESC_DPL_SHIFT));
}

/* ======================================================================
 * Stack access with an SS-size mask (QEMU's PUSHW/PUSHL/POPW/POPL): the
 * pointer moves in full 32 bits, the address is base + (sp & mask).
 * ====================================================================== */

typedef struct StackPtr {
    uint32_t base;
    uint32_t sp;
    uint32_t mask;
} StackPtr;

static inline uint32_t sp_mask_of(uint32_t flags)
{
    return (flags & DESC_B_MASK) ? 0xffffffffu : 0xffffu;
}

static inline void push16(CPUX86State *env, StackPtr *s, uint32_t val)
{
    s->sp -= 2;
    cpu_stw_kernel(env, s->base + (s->sp & s->mask), val);
}

static inline void push32(CPUX86State *env, StackPtr *s, uint32_t val)
{
    s->sp -= 4;
    cpu_stl_kernel(env, s->base + (s->sp & s->mask), val);
}

static inline void push_sz(CPUX86State *env, StackPtr *s, int shift, uint32_t val)
{
    if (shift) {
        push32(env, s, val);
    } else {
        push16(env, s, val);
    }
}

static inline uint32_t pop16(CPUX86State *env, StackPtr *s)
{
    uint32_t v = cpu_lduw_kernel(env, s->base + (s->sp & s->mask));

    s->sp += 2;
    return v;
}

static inline uint32_t pop32(CPUX86State *env, StackPtr *s)
{
    uint32_t v = cpu_ldl_kernel(env, s->base + (s->sp & s->mask));

    s->sp += 4;
    return v;
}

static inline uint32_t pop_sz(CPUX86State *env, StackPtr *s, int shift)
{
    return shift ? pop32(env, s) : pop16(env, s);
}

/* ESP keeps its bits outside the mask (QEMU's SET_ESP, 32-bit build). */
static inline void set_esp(CPUX86State *env, uint32_t val, uint32_t mask)
{
    env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (val & mask);
}

/* ======================================================================
 * Task state segments
 * ====================================================================== */

/* SS:ESP for privilege level dpl from the current TSS. */
static void tss_stack_for(CPUX86State *env, uint32_t *ss, uint32_t *esp, int dpl)
{
    int type, shift, off;

    if (!(env->tr.flags & DESC_P_MASK)) {
        seg_cpu_abort(env, "invalid tss");
    }
    type = (env->tr.flags >> DESC_TYPE_SHIFT) & 0xf;
    if ((type & 7) != 1) {
        seg_cpu_abort(env, "invalid tss type");
    }
    shift = type >> 3;
    off = (dpl * 4 + 2) << shift;
    if ((uint32_t)(off + (4 << shift) - 1) > env->tr.limit) {
        raise_exception_err(env, EXCP0A_TSS, env->tr.selector & 0xfffc);
    }
    if (shift) {
        *esp = cpu_ldl_kernel(env, env->tr.base + off);
        *ss = cpu_lduw_kernel(env, env->tr.base + off + 4);
    } else {
        *esp = cpu_lduw_kernel(env, env->tr.base + off);
        *ss = cpu_lduw_kernel(env, env->tr.base + off + 2);
    }
}

/* Load one segment register of the incoming task; faults are #TS, a
 * missing segment #NP.  The accessed bit is not set (as in QEMU). */
static void tss_load_seg(CPUX86State *env, int seg, int selector, int cpl)
{
    uint32_t e1, e2;
    int err = selector & 0xfffc;
    int rpl, dpl;

    if ((selector & 0xfffc) == 0) {
        if (seg == R_SS || seg == R_CS) {
            raise_exception_err(env, EXCP0A_TSS, err);
        }
        return;     /* the selector-only cache loaded earlier stays */
    }
    if (!fetch_desc(env, &e1, &e2, selector) || !(e2 & DESC_S_MASK)) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    rpl = selector & 3;
    dpl = desc_dpl(e2);
    if (seg == R_CS) {
        if (!(e2 & DESC_CS_MASK) || dpl != rpl) {
            raise_exception_err(env, EXCP0A_TSS, err);
        }
    } else if (seg == R_SS) {
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK) || dpl != cpl || dpl != rpl) {
            raise_exception_err(env, EXCP0A_TSS, err);
        }
    } else {
        if ((e2 & DESC_CS_MASK) && !(e2 & DESC_R_MASK)) {
            raise_exception_err(env, EXCP0A_TSS, err);
        }
        /* data and non-conforming code (type < 12): privilege check */
        if (((e2 >> DESC_TYPE_SHIFT) & 0xf) < 12 && (dpl < cpl || dpl < rpl)) {
            raise_exception_err(env, EXCP0A_TSS, err);
        }
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, err);
    }
    cpu_x86_load_seg_cache(env, seg, selector, desc_base(e1, e2), desc_limit(e1, e2), e2);
}

/*
 * Switch tasks (QEMU's switch_tss_ra).  (e1, e2) is the descriptor the
 * selector names: a TSS or, for type 5, a task gate.  next_eip is saved as
 * the outgoing task's EIP.  from_insn: started by JMP/CALL/IRET (rather
 * than by interrupt delivery), see tss_restore.
 *
 * QEMU simplifications kept: no busy-bit check of the incoming TSS beyond
 * the descriptor types the callers accept; the old TSS's CR3 and LDT
 * fields are not written; the new TSS's T bit is ignored; a TSS whose
 * limit is >= 2 GiB fails the (signed) minimum-limit check with #TS.
 */
static void switch_tss(CPUX86State *env, int tss_selector, uint32_t e1, uint32_t e2,
                       int source, uint32_t next_eip, bool from_insn)
{
    int type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    int tss_limit, tss_limit_max, old_type, old_tss_limit_max, i;
    uint32_t tss_base, new_regs[8], new_segs[6];
    uint32_t new_eflags, new_eip, new_cr3, new_ldt;
    uint32_t old_eflags, eflags_mask, v1, v2, addr, d2;
    uint32_t insn_eip = env->eip, insn_cs_base = env->segs[R_CS].base;

    if (type == 5) {
        /* task gate: the TSS is the one it names */
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, tss_selector & 0xfffc);
        }
        tss_selector = e1 >> 16;
        if (tss_selector & 4) {
            raise_exception_err(env, EXCP0A_TSS, tss_selector & 0xfffc);
        }
        if (!fetch_desc(env, &e1, &e2, tss_selector) || (e2 & DESC_S_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, tss_selector & 0xfffc);
        }
        type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
        if ((type & 7) != 1) {
            raise_exception_err(env, EXCP0D_GPF, tss_selector & 0xfffc);
        }
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, tss_selector & 0xfffc);
    }

    tss_limit_max = (type & 8) ? 103 : 43;
    tss_limit = (int)desc_limit(e1, e2);
    tss_base = desc_base(e1, e2);
    if ((tss_selector & 4) || tss_limit < tss_limit_max) {
        raise_exception_err(env, EXCP0A_TSS, tss_selector & 0xfffc);
    }
    old_type = (env->tr.flags >> DESC_TYPE_SHIFT) & 0xf;
    old_tss_limit_max = (old_type & 8) ? 103 : 43;

    /* the incoming task's state */
    if (type & 8) {
        new_cr3 = cpu_ldl_kernel(env, tss_base + 0x1c);
        new_eip = cpu_ldl_kernel(env, tss_base + 0x20);
        new_eflags = cpu_ldl_kernel(env, tss_base + 0x24);
        for (i = 0; i < 8; i++) {
            new_regs[i] = cpu_ldl_kernel(env, tss_base + 0x28 + i * 4);
        }
        for (i = 0; i < 6; i++) {
            new_segs[i] = cpu_lduw_kernel(env, tss_base + 0x48 + i * 4);
        }
        new_ldt = cpu_lduw_kernel(env, tss_base + 0x60);
        (void)cpu_ldl_kernel(env, tss_base + 0x64);     /* T bit: read, unused */
    } else {
        new_cr3 = 0;
        new_eip = cpu_lduw_kernel(env, tss_base + 0x0e);
        new_eflags = cpu_lduw_kernel(env, tss_base + 0x10);
        for (i = 0; i < 8; i++) {
            new_regs[i] = cpu_lduw_kernel(env, tss_base + 0x12 + i * 2);
        }
        for (i = 0; i < 4; i++) {
            new_segs[i] = cpu_lduw_kernel(env, tss_base + 0x22 + i * 2);
        }
        new_ldt = cpu_lduw_kernel(env, tss_base + 0x2a);
        new_segs[R_FS] = 0;
        new_segs[R_GS] = 0;
    }

    /* Touch both ends of the old TSS first so that a page fault comes
     * before anything is modified (QEMU's dummy accesses). */
    v1 = cpu_ldub_kernel(env, env->tr.base);
    v2 = cpu_ldub_kernel(env, env->tr.base + old_tss_limit_max);
    cpu_stb_kernel(env, env->tr.base, v1);
    cpu_stb_kernel(env, env->tr.base + old_tss_limit_max, v2);

    /* JMP and IRET leave the old task: clear its busy bit */
    if (source == TS_JMP || source == TS_IRET) {
        addr = env->gdt.base + (env->tr.selector & ~7);
        d2 = cpu_ldl_kernel(env, addr + 4);
        cpu_stl_kernel(env, addr + 4, d2 & ~DESC_TSS_BUSY_MASK);
    }
    old_eflags = cpu_compute_eflags(env);
    if (source == TS_IRET) {
        old_eflags &= ~NT_MASK;
    }

    /* save the outgoing task */
    if (old_type & 8) {
        cpu_stl_kernel(env, env->tr.base + 0x20, next_eip);
        cpu_stl_kernel(env, env->tr.base + 0x24, old_eflags);
        for (i = 0; i < 8; i++) {
            cpu_stl_kernel(env, env->tr.base + 0x28 + i * 4, env->regs[i]);
        }
        for (i = 0; i < 6; i++) {
            cpu_stw_kernel(env, env->tr.base + 0x48 + i * 4, env->segs[i].selector);
        }
    } else {
        cpu_stw_kernel(env, env->tr.base + 0x0e, next_eip);
        cpu_stw_kernel(env, env->tr.base + 0x10, old_eflags);
        for (i = 0; i < 8; i++) {
            cpu_stw_kernel(env, env->tr.base + 0x12 + i * 2, env->regs[i]);
        }
        for (i = 0; i < 4; i++) {
            cpu_stw_kernel(env, env->tr.base + 0x22 + i * 2, env->segs[i].selector);
        }
    }

    /* From here on a fault is taken in the context of the new task. */
    if (source == TS_CALL) {
        cpu_stw_kernel(env, tss_base, env->tr.selector);    /* back link */
        new_eflags |= NT_MASK;
    }
    if (source == TS_JMP || source == TS_CALL) {
        addr = env->gdt.base + (tss_selector & ~7);
        d2 = cpu_ldl_kernel(env, addr + 4);
        cpu_stl_kernel(env, addr + 4, d2 | DESC_TSS_BUSY_MASK);
    }

    env->cr[0] |= CR0_TS_MASK;
    env->hflags |= HF_TS_MASK;
    env->tr.selector = tss_selector;
    env->tr.base = tss_base;
    env->tr.limit = tss_limit;
    env->tr.flags = e2 & ~DESC_TSS_BUSY_MASK;

    if ((type & 8) && (env->cr[0] & CR0_PG_MASK)) {
        cpu_x86_update_cr3(env, new_cr3);
    }

    /* Registers first, without faults; then the checked loads. */
    env->eip = new_eip;
    if (from_insn) {
        tss_restore_arm(env, insn_cs_base, insn_eip);
    }
    eflags_mask = TF_MASK | AC_MASK | ID_MASK | IF_MASK | IOPL_MASK |
                  VM_MASK | RF_MASK | NT_MASK;
    if (type & 8) {
        cpu_load_eflags(env, new_eflags, eflags_mask);
        for (i = 0; i < 8; i++) {
            env->regs[i] = new_regs[i];
        }
    } else {
        cpu_load_eflags(env, new_eflags, eflags_mask & 0xffff);
        for (i = 0; i < 8; i++) {
            env->regs[i] = (env->regs[i] & 0xffff0000) | new_regs[i];
        }
    }
    if (new_eflags & VM_MASK) {
        for (i = 0; i < 6; i++) {
            load_seg_vm(env, i, new_segs[i]);
        }
    } else {
        for (i = 0; i < 6; i++) {
            cpu_x86_load_seg_cache(env, i, new_segs[i], 0, 0, 0);
        }
    }

    env->ldt.selector = new_ldt & ~4;
    env->ldt.base = 0;
    env->ldt.limit = 0;
    env->ldt.flags = 0;
    if (new_ldt & 4) {
        raise_exception_err(env, EXCP0A_TSS, new_ldt & 0xfffc);
    }
    if ((new_ldt & 0xfffc) != 0) {
        int index = new_ldt & ~7;

        if ((uint32_t)(index + 7) > env->gdt.limit) {
            raise_exception_err(env, EXCP0A_TSS, new_ldt & 0xfffc);
        }
        addr = env->gdt.base + index;
        e1 = cpu_ldl_kernel(env, addr);
        e2 = cpu_ldl_kernel(env, addr + 4);
        if ((e2 & DESC_S_MASK) || ((e2 >> DESC_TYPE_SHIFT) & 0xf) != 2) {
            raise_exception_err(env, EXCP0A_TSS, new_ldt & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            /* Intel: #NP; QEMU: #TS */
            raise_exception_err(env, EXCP0A_TSS, new_ldt & 0xfffc);
        }
        set_sys_cache(&env->ldt, e1, e2);
    }

    if (!(new_eflags & VM_MASK)) {
        int cpl = new_segs[R_CS] & 3;

        tss_load_seg(env, R_CS, new_segs[R_CS], cpl);
        tss_load_seg(env, R_SS, new_segs[R_SS], cpl);
        tss_load_seg(env, R_ES, new_segs[R_ES], cpl);
        tss_load_seg(env, R_DS, new_segs[R_DS], cpl);
        tss_load_seg(env, R_FS, new_segs[R_FS], cpl);
        tss_load_seg(env, R_GS, new_segs[R_GS], cpl);
    }

    if (new_eip > env->segs[R_CS].limit) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    tss_restore.env = NULL;

    /* the local breakpoint enables are per task */
    if (env->dr[7] & DR7_LOCAL_BP_MASK) {
        cpu_x86_update_dr7(env, env->dr[7] & ~DR7_LOCAL_BP_MASK);
    }
}

/* ======================================================================
 * Interrupt and exception delivery
 * ====================================================================== */

int exception_has_error_code(int intno)
{
    switch (intno) {
    case 8: case 10: case 11: case 12: case 13: case 14: case 17:
        return 1;
    }
    return 0;
}

/*
 * Protected mode: through the IDT (QEMU's do_interrupt_protected).
 * QEMU departures from the manual kept: the gate's target offset is not
 * checked against the CS limit; a 286 gate's offset still takes bits
 * 31..16 from the descriptor; from V86 an interrupt to a non-conforming
 * segment of DPL 1 or 2 is taken (Intel: #GP unless DPL 0).
 */
static void do_interrupt_protected(CPUX86State *env, int intno, int is_int,
                                   int error_code, uint32_t next_eip, int is_hw)
{
    int has_error_code = (!is_int && !is_hw) ? exception_has_error_code(intno) : 0;
    uint32_t old_eip = is_int ? next_eip : env->eip;
    bool vm86 = (env->eflags & VM_MASK) != 0;
    int cpl = cur_cpl(env);
    int type, dpl, selector, shift, gate_err = intno * 8 + 2;
    uint32_t e1, e2, offset, ss = 0, ss_e1 = 0, ss_e2 = 0, esp = 0;
    bool new_stack;
    StackPtr st;

    /* int + 7 compared as unsigned, as in QEMU */
    if ((uint32_t)(intno * 8 + 7) > env->idt.limit) {
        raise_exception_err(env, EXCP0D_GPF, gate_err);
    }
    e1 = cpu_ldl_kernel(env, env->idt.base + intno * 8);
    e2 = cpu_ldl_kernel(env, env->idt.base + intno * 8 + 4);
    type = (e2 >> DESC_TYPE_SHIFT) & 0x1f;     /* with S: must be 0 */
    switch (type) {
    case 5:     /* task gate */
    case 6:     /* 286 interrupt gate */
    case 7:     /* 286 trap gate */
    case 14:    /* 386 interrupt gate */
    case 15:    /* 386 trap gate */
        break;
    default:
        raise_exception_err(env, EXCP0D_GPF, gate_err);
    }
    dpl = desc_dpl(e2);
    if (is_int && dpl < cpl) {
        raise_exception_err(env, EXCP0D_GPF, gate_err);
    }

    if (type == 5) {
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, gate_err);
        }
        switch_tss(env, intno * 8, e1, e2, TS_CALL, old_eip, false);
        if (has_error_code) {
            /* pushed on the new task's stack, sized by the new TSS type */
            int tshift = ((env->tr.flags >> DESC_TYPE_SHIFT) & 0xf) >> 3;
            uint32_t mask = sp_mask_of(env->segs[R_SS].flags);
            uint32_t nsp = (env->regs[R_ESP] - (2u << tshift)) & mask;

            if (tshift) {
                cpu_stl_kernel(env, env->segs[R_SS].base + nsp, error_code);
            } else {
                cpu_stw_kernel(env, env->segs[R_SS].base + nsp, error_code);
            }
            set_esp(env, nsp, mask);
        }
        return;
    }

    /* interrupt or trap gate */
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, gate_err);
    }
    selector = e1 >> 16;
    offset = (e2 & 0xffff0000) | (e1 & 0x0000ffff);
    if ((selector & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!fetch_desc(env, &e1, &e2, selector)) {
        raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
    }
    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) {
        raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
    }
    dpl = desc_dpl(e2);
    if (dpl > cpl) {
        raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, selector & 0xfffc);
    }
    if (e2 & DESC_C_MASK) {
        dpl = cpl;
    }

    if (dpl < cpl) {
        /* to an inner ring: stack from the TSS */
        tss_stack_for(env, &ss, &esp, dpl);
        if ((ss & 0xfffc) == 0 || (int)(ss & 3) != dpl ||
            !fetch_desc(env, &ss_e1, &ss_e2, ss) || desc_dpl(ss_e2) != dpl ||
            !(ss_e2 & DESC_S_MASK) || (ss_e2 & DESC_CS_MASK) || !(ss_e2 & DESC_W_MASK) ||
            !(ss_e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0A_TSS, ss & 0xfffc);
        }
        new_stack = true;
        st.base = desc_base(ss_e1, ss_e2);
        st.sp = esp;
        st.mask = sp_mask_of(ss_e2);
    } else {
        if (vm86) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        new_stack = false;
        st.base = env->segs[R_SS].base;
        st.sp = env->regs[R_ESP];
        st.mask = sp_mask_of(env->segs[R_SS].flags);
    }

    shift = type >> 3;
    if (new_stack) {
        if (vm86) {
            push_sz(env, &st, shift, env->segs[R_GS].selector);
            push_sz(env, &st, shift, env->segs[R_FS].selector);
            push_sz(env, &st, shift, env->segs[R_DS].selector);
            push_sz(env, &st, shift, env->segs[R_ES].selector);
        }
        push_sz(env, &st, shift, env->segs[R_SS].selector);
        push_sz(env, &st, shift, env->regs[R_ESP]);
    }
    push_sz(env, &st, shift, cpu_compute_eflags(env));
    push_sz(env, &st, shift, env->segs[R_CS].selector);
    push_sz(env, &st, shift, old_eip);
    if (has_error_code) {
        push_sz(env, &st, shift, error_code);
    }

    if ((type & 1) == 0) {
        env->eflags &= ~IF_MASK;        /* interrupt gate */
    }
    env->eflags &= ~(TF_MASK | VM_MASK | RF_MASK | NT_MASK);

    if (new_stack) {
        if (vm86) {
            cpu_x86_load_seg_cache(env, R_ES, 0, 0, 0, 0);
            cpu_x86_load_seg_cache(env, R_DS, 0, 0, 0, 0);
            cpu_x86_load_seg_cache(env, R_FS, 0, 0, 0, 0);
            cpu_x86_load_seg_cache(env, R_GS, 0, 0, 0, 0);
        }
        ss = (ss & ~3u) | dpl;
        cpu_x86_load_seg_cache(env, R_SS, ss, st.base, desc_limit(ss_e1, ss_e2), ss_e2);
    }
    set_esp(env, st.sp, st.mask);

    selector = (selector & ~3) | dpl;
    cpu_x86_load_seg_cache(env, R_CS, selector, desc_base(e1, e2), desc_limit(e1, e2), e2);
    env->eip = offset;
}

/* Real mode: through the IVT (QEMU's do_interrupt_real).  The stack is
 * always 16-bit; CS gets selector and base only (no hflags update). */
static void do_interrupt_real(CPUX86State *env, int intno, int is_int,
                              uint32_t next_eip)
{
    uint32_t offset, selector;
    StackPtr st;

    if ((uint32_t)(intno * 4 + 3) > env->idt.limit) {
        /* QEMU's error code here is the protected-mode one */
        raise_exception_err(env, EXCP0D_GPF, intno * 8 + 2);
    }
    offset = cpu_lduw_kernel(env, env->idt.base + intno * 4);
    selector = cpu_lduw_kernel(env, env->idt.base + intno * 4 + 2);

    st.base = env->segs[R_SS].base;
    st.sp = env->regs[R_ESP];
    st.mask = 0xffff;
    push16(env, &st, cpu_compute_eflags(env));
    push16(env, &st, env->segs[R_CS].selector);
    push16(env, &st, is_int ? next_eip : env->eip);

    env->regs[R_ESP] = (env->regs[R_ESP] & ~0xffffu) | (st.sp & 0xffff);
    env->eip = offset;
    env->segs[R_CS].selector = selector;
    env->segs[R_CS].base = selector << 4;
    env->eflags &= ~(IF_MASK | TF_MASK | AC_MASK | RF_MASK);
}

/* QEMU's do_interrupt_all, with its -d int line. */
static void do_interrupt_all(CPUX86State *env, int intno, int is_int, int error_code,
                             uint32_t next_eip, int is_hw)
{
    if (qemu_loglevel_mask(CPU_LOG_INT) && (env->cr[0] & CR0_PE_MASK)) {
        static int count;

        qemu_log("%6d: v=%02x e=%04x i=%d cpl=%d IP=%04x:%08x pc=%08x SP=%04x:%08x",
                 count, (unsigned)intno, (unsigned)error_code, is_int,
                 (int)(env->hflags & HF_CPL_MASK),
                 env->segs[R_CS].selector, env->eip,
                 env->segs[R_CS].base + env->eip,
                 env->segs[R_SS].selector, env->regs[R_ESP]);
        if (intno == EXCP0E_PAGE) {
            qemu_log(" CR2=%08x", env->cr[2]);
        } else {
            qemu_log(" env->regs[R_EAX]=%08x", env->regs[R_EAX]);
        }
        qemu_log("\n");
        x86_cpu_dump_state(env, qemu_log_stream(), CPU_DUMP_CCOP);
        count++;
    }
    if (env->cr[0] & CR0_PE_MASK) {
        do_interrupt_protected(env, intno, is_int, error_code, next_eip, is_hw);
    } else {
        do_interrupt_real(env, intno, is_int, next_eip);
    }
}

void do_interrupt_x86_hardirq(CPUX86State *env, int intno, int is_hw)
{
    do_interrupt_all(env, intno, 0, 0, 0, is_hw);
}

void x86_cpu_do_interrupt(CPUX86State *env)
{
    tss_restore.env = NULL;     /* never armed between instructions */
    do_interrupt_all(env, env->exception_index, env->exception_is_int,
                     env->error_code, env->exception_next_eip, 0);
    /* delivered: the next fault is not nested */
    env->old_exception = -1;
}

/* QEMU's x86_cpu_pending_interrupt, for the sources this machine has. */
static uint32_t pending_interrupt(CPUX86State *env, uint32_t req)
{
    if (req & CPU_INTERRUPT_SIPI) {
        return CPU_INTERRUPT_SIPI;
    }
    if (!(env->hflags2 & HF2_GIF_MASK)) {
        return 0;
    }
    if ((req & CPU_INTERRUPT_SMI) && !(env->hflags & HF_SMM_MASK) && do_smm_enter) {
        return CPU_INTERRUPT_SMI;
    }
    if ((req & CPU_INTERRUPT_NMI) && !(env->hflags2 & HF2_NMI_MASK)) {
        return CPU_INTERRUPT_NMI;
    }
    if ((req & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK) &&
        !(env->hflags & HF_INHIBIT_IRQ_MASK)) {
        return CPU_INTERRUPT_HARD;
    }
    return 0;
}

bool x86_cpu_has_work(CPUX86State *env)
{
    return pending_interrupt(env, env->interrupt_request) != 0;
}

bool x86_cpu_exec_interrupt(CPUX86State *env, uint32_t interrupt_request)
{
    uint32_t which = pending_interrupt(env, interrupt_request);
    int intno;

    if (!which) {
        return false;
    }
    tss_restore.env = NULL;     /* never armed between instructions */
    /* QEMU leaves the halted state in cpu_handle_halt once work is
     * pending; here the effect is the same. */
    env->halted = false;

    /* one request per call, as QEMU */
    switch (which) {
    case CPU_INTERRUPT_SIPI:
        /* QEMU's do_cpu_sipi: ignored in SMM */
        env->interrupt_request &= ~CPU_INTERRUPT_SIPI;
        if (!(env->hflags & HF_SMM_MASK)) {
            apic_sipi(env->apic_state);
        }
        break;
    case CPU_INTERRUPT_SMI:
        env->interrupt_request &= ~CPU_INTERRUPT_SMI;
        do_smm_enter(env);
        break;
    case CPU_INTERRUPT_NMI:
        env->interrupt_request &= ~CPU_INTERRUPT_NMI;
        env->hflags2 |= HF2_NMI_MASK;
        do_interrupt_x86_hardirq(env, EXCP02_NMI, 1);
        break;
    case CPU_INTERRUPT_HARD:
        env->interrupt_request &= ~CPU_INTERRUPT_HARD;
        /* QEMU's cpu_get_pic_interrupt may return -1 (spurious); that is
         * delivered as it is, as QEMU does. */
        intno = env->get_pic_interrupt ? env->get_pic_interrupt(env->pic_opaque) : -1;
        qemu_log_mask(CPU_LOG_INT, "Servicing hardware INT=0x%02x\n", (unsigned)intno);
        do_interrupt_x86_hardirq(env, intno, 1);
        break;
    }
    return true;
}

/* ======================================================================
 * LLDT, LTR, segment register loads
 * ====================================================================== */

void helper_lldt(CPUX86State *env, int selector)
{
    uint32_t e1, e2, addr;
    int index;

    selector &= 0xffff;
    if ((selector & 0xfffc) == 0) {
        /* null: QEMU clears base and limit but keeps the flags */
        env->ldt.base = 0;
        env->ldt.limit = 0;
    } else {
        if (selector & 4) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        index = selector & ~7;
        if ((uint32_t)(index + 7) > env->gdt.limit) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        addr = env->gdt.base + index;
        e1 = cpu_ldl_kernel(env, addr);
        e2 = cpu_ldl_kernel(env, addr + 4);
        if ((e2 & DESC_S_MASK) || ((e2 >> DESC_TYPE_SHIFT) & 0xf) != 2) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, selector & 0xfffc);
        }
        set_sys_cache(&env->ldt, e1, e2);
    }
    env->ldt.selector = selector;
}

void helper_ltr(CPUX86State *env, int selector)
{
    uint32_t e1, e2, addr;
    int index, type;

    selector &= 0xffff;
    if ((selector & 0xfffc) == 0) {
        /* null: an invalid TR (Intel: #GP(0); QEMU loads it) */
        env->tr.base = 0;
        env->tr.limit = 0;
        env->tr.flags = 0;
    } else {
        if (selector & 4) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        index = selector & ~7;
        if ((uint32_t)(index + 7) > env->gdt.limit) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        addr = env->gdt.base + index;
        e1 = cpu_ldl_kernel(env, addr);
        e2 = cpu_ldl_kernel(env, addr + 4);
        type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
        if ((e2 & DESC_S_MASK) || (type != 1 && type != 9)) {
            raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, selector & 0xfffc);
        }
        /* the cache keeps the available type; memory gets the busy bit */
        set_sys_cache(&env->tr, e1, e2);
        cpu_stl_kernel(env, addr + 4, e2 | DESC_TSS_BUSY_MASK);
    }
    env->tr.selector = selector;
}

void helper_load_seg(CPUX86State *env, int seg_reg, int selector)
{
    uint32_t e1, e2, addr;
    int cpl = cur_cpl(env), rpl, dpl, index, err;
    SegmentCache *dt;

    selector &= 0xffff;
    err = selector & 0xfffc;
    if (err == 0) {
        /* null selector: fine except for SS */
        if (seg_reg == R_SS) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        cpu_x86_load_seg_cache(env, seg_reg, selector, 0, 0, 0);
        return;
    }

    dt = (selector & 4) ? &env->ldt : &env->gdt;
    index = selector & ~7;
    if ((uint32_t)(index + 7) > dt->limit) {
        raise_exception_err(env, EXCP0D_GPF, err);
    }
    addr = dt->base + index;
    e1 = cpu_ldl_kernel(env, addr);
    e2 = cpu_ldl_kernel(env, addr + 4);

    if (!(e2 & DESC_S_MASK)) {
        raise_exception_err(env, EXCP0D_GPF, err);
    }
    rpl = selector & 3;
    dpl = desc_dpl(e2);
    if (seg_reg == R_SS) {
        /* writable data, RPL = DPL = CPL */
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, err);
        }
        if (rpl != cpl || dpl != cpl) {
            raise_exception_err(env, EXCP0D_GPF, err);
        }
    } else {
        /* data or readable code */
        if ((e2 & (DESC_CS_MASK | DESC_R_MASK)) == DESC_CS_MASK) {
            raise_exception_err(env, EXCP0D_GPF, err);
        }
        /* conforming code skips the privilege check */
        if (!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) {
            if (dpl < cpl || dpl < rpl) {
                raise_exception_err(env, EXCP0D_GPF, err);
            }
        }
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, seg_reg == R_SS ? EXCP0C_STACK : EXCP0B_NOSEG, err);
    }
    if (!(e2 & DESC_A_MASK)) {
        e2 |= DESC_A_MASK;
        cpu_stl_kernel(env, addr + 4, e2);
    }
    cpu_x86_load_seg_cache(env, seg_reg, selector, desc_base(e1, e2), desc_limit(e1, e2), e2);
}

/* ======================================================================
 * Far JMP and CALL
 * ====================================================================== */

void helper_ljmp_protected(CPUX86State *env, int new_cs, target_ulong new_eip,
                           target_ulong next_eip)
{
    uint32_t e1, e2, limit;
    int cpl, dpl, rpl, type, gate_cs;

    if ((new_cs & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!fetch_desc(env, &e1, &e2, new_cs)) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    cpl = cur_cpl(env);

    if (e2 & DESC_S_MASK) {
        /* direct jump to a code segment */
        if (!(e2 & DESC_CS_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
        }
        dpl = desc_dpl(e2);
        if (e2 & DESC_C_MASK) {
            if (dpl > cpl) {
                raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
            }
        } else {
            rpl = new_cs & 3;
            if (rpl > cpl || dpl != cpl) {
                raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
            }
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, new_cs & 0xfffc);
        }
        limit = desc_limit(e1, e2);
        if (new_eip > limit) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        cpu_x86_load_seg_cache(env, R_CS, (new_cs & 0xfffc) | cpl,
                               desc_base(e1, e2), limit, e2);
        env->eip = new_eip;
        return;
    }

    /* system descriptor: TSS, task gate or call gate */
    dpl = desc_dpl(e2);
    rpl = new_cs & 3;
    type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    switch (type) {
    case 1:     /* available 286 TSS */
    case 9:     /* available 386 TSS */
    case 5:     /* task gate */
        if (dpl < cpl || dpl < rpl) {
            raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
        }
        switch_tss(env, new_cs, e1, e2, TS_JMP, next_eip, true);
        break;
    case 4:     /* 286 call gate */
    case 12:    /* 386 call gate */
        if (dpl < cpl || dpl < rpl) {
            raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, new_cs & 0xfffc);
        }
        gate_cs = e1 >> 16;
        new_eip = e1 & 0xffff;
        if (type == 12) {
            new_eip |= e2 & 0xffff0000;
        }
        if (!fetch_desc(env, &e1, &e2, gate_cs)) {
            raise_exception_err(env, EXCP0D_GPF, gate_cs & 0xfffc);
        }
        dpl = desc_dpl(e2);
        if ((e2 & (DESC_S_MASK | DESC_CS_MASK)) != (DESC_S_MASK | DESC_CS_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, gate_cs & 0xfffc);
        }
        if (((e2 & DESC_C_MASK) && dpl > cpl) || (!(e2 & DESC_C_MASK) && dpl != cpl)) {
            raise_exception_err(env, EXCP0D_GPF, gate_cs & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            /* Intel: #NP; QEMU: #GP */
            raise_exception_err(env, EXCP0D_GPF, gate_cs & 0xfffc);
        }
        limit = desc_limit(e1, e2);
        if (new_eip > limit) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        cpu_x86_load_seg_cache(env, R_CS, (gate_cs & 0xfffc) | cpl,
                               desc_base(e1, e2), limit, e2);
        env->eip = new_eip;
        break;
    default:
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
}

void helper_lcall_real(CPUX86State *env, uint32_t new_cs, uint32_t new_eip,
                       int shift, uint32_t next_eip)
{
    StackPtr st = {
        .base = env->segs[R_SS].base,
        .sp = env->regs[R_ESP],
        .mask = sp_mask_of(env->segs[R_SS].flags),
    };

    push_sz(env, &st, shift, env->segs[R_CS].selector);
    push_sz(env, &st, shift, next_eip);
    set_esp(env, st.sp, st.mask);
    env->eip = new_eip;
    env->segs[R_CS].selector = new_cs;
    env->segs[R_CS].base = new_cs << 4;
}

void helper_lcall_protected(CPUX86State *env, int new_cs, target_ulong new_eip,
                            int shift, target_ulong next_eip)
{
    uint32_t e1, e2, limit, offset, param_count, ss = 0, ss_e1 = 0, ss_e2 = 0;
    int cpl, dpl, rpl, type, selector, i;
    bool new_stack;
    StackPtr st;

    if ((new_cs & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!fetch_desc(env, &e1, &e2, new_cs)) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    cpl = cur_cpl(env);

    if (e2 & DESC_S_MASK) {
        /* direct call to a code segment */
        if (!(e2 & DESC_CS_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
        }
        dpl = desc_dpl(e2);
        if (e2 & DESC_C_MASK) {
            if (dpl > cpl) {
                raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
            }
        } else {
            rpl = new_cs & 3;
            if (rpl > cpl || dpl != cpl) {
                raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
            }
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, new_cs & 0xfffc);
        }
        st.base = env->segs[R_SS].base;
        st.sp = env->regs[R_ESP];
        st.mask = sp_mask_of(env->segs[R_SS].flags);
        push_sz(env, &st, shift, env->segs[R_CS].selector);
        push_sz(env, &st, shift, next_eip);
        /* QEMU checks the limit after the pushes, with the selector as
         * error code (a far JMP reports 0) */
        limit = desc_limit(e1, e2);
        if (new_eip > limit) {
            raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
        }
        set_esp(env, st.sp, st.mask);
        cpu_x86_load_seg_cache(env, R_CS, (new_cs & 0xfffc) | cpl,
                               desc_base(e1, e2), limit, e2);
        env->eip = new_eip;
        return;
    }

    /* system descriptor */
    type = (e2 >> DESC_TYPE_SHIFT) & 0x1f;
    dpl = desc_dpl(e2);
    rpl = new_cs & 3;
    switch (type) {
    case 1:     /* available 286 TSS */
    case 9:     /* available 386 TSS */
    case 5:     /* task gate */
        if (dpl < cpl || dpl < rpl) {
            raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
        }
        switch_tss(env, new_cs, e1, e2, TS_CALL, next_eip, true);
        return;
    case 4:     /* 286 call gate */
    case 12:    /* 386 call gate */
        break;
    default:
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    shift = type >> 3;      /* the gate's size decides the pushes */

    if (dpl < cpl || dpl < rpl) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, new_cs & 0xfffc);
    }
    selector = e1 >> 16;
    param_count = e2 & 0x1f;
    /* a 286 gate's offset keeps descriptor bits 31..16, as in QEMU */
    offset = (e2 & 0xffff0000) | (e1 & 0x0000ffff);
    if ((selector & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!fetch_desc(env, &e1, &e2, selector)) {
        raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
    }
    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) {
        raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
    }
    dpl = desc_dpl(e2);
    if (dpl > cpl) {
        raise_exception_err(env, EXCP0D_GPF, selector & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, selector & 0xfffc);
    }

    if (!(e2 & DESC_C_MASK) && dpl < cpl) {
        /* to an inner ring: new stack from the TSS, parameters copied */
        uint32_t sp32, old_base, old_mask;

        tss_stack_for(env, &ss, &sp32, dpl);
        if ((ss & 0xfffc) == 0 || (int)(ss & 3) != dpl ||
            !fetch_desc(env, &ss_e1, &ss_e2, ss) || desc_dpl(ss_e2) != dpl ||
            !(ss_e2 & DESC_S_MASK) || (ss_e2 & DESC_CS_MASK) || !(ss_e2 & DESC_W_MASK) ||
            !(ss_e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0A_TSS, ss & 0xfffc);
        }
        st.base = desc_base(ss_e1, ss_e2);
        st.sp = sp32;
        st.mask = sp_mask_of(ss_e2);

        old_base = env->segs[R_SS].base;
        old_mask = sp_mask_of(env->segs[R_SS].flags);
        push_sz(env, &st, shift, env->segs[R_SS].selector);
        push_sz(env, &st, shift, env->regs[R_ESP]);
        for (i = (int)param_count - 1; i >= 0; i--) {
            uint32_t v;

            if (shift) {
                v = cpu_ldl_kernel(env, old_base + ((env->regs[R_ESP] + i * 4) & old_mask));
            } else {
                v = cpu_lduw_kernel(env, old_base + ((env->regs[R_ESP] + i * 2) & old_mask));
            }
            push_sz(env, &st, shift, v);
        }
        new_stack = true;
    } else {
        /* same ring (conforming code keeps CPL) */
        st.base = env->segs[R_SS].base;
        st.sp = env->regs[R_ESP];
        st.mask = sp_mask_of(env->segs[R_SS].flags);
        new_stack = false;
    }

    push_sz(env, &st, shift, env->segs[R_CS].selector);
    push_sz(env, &st, shift, next_eip);

    if (new_stack) {
        ss = (ss & ~3u) | dpl;
        cpu_x86_load_seg_cache(env, R_SS, ss, st.base, desc_limit(ss_e1, ss_e2), ss_e2);
    }
    /* QEMU sets RPL = DPL, also for a conforming segment below CPL */
    selector = (selector & ~3) | dpl;
    cpu_x86_load_seg_cache(env, R_CS, selector, desc_base(e1, e2), desc_limit(e1, e2), e2);
    set_esp(env, st.sp, st.mask);
    env->eip = offset;
}

/* ======================================================================
 * IRET and far RET
 * ====================================================================== */

void helper_iret_real(CPUX86State *env, int shift)
{
    uint32_t new_eip, new_cs, new_eflags, mask;
    /* QEMU always uses a 16-bit stack pointer here */
    StackPtr st = { .base = env->segs[R_SS].base, .sp = env->regs[R_ESP], .mask = 0xffff };

    if (shift == 1) {
        new_eip = pop32(env, &st);
        new_cs = pop32(env, &st) & 0xffff;
        new_eflags = pop32(env, &st);
    } else {
        new_eip = pop16(env, &st);
        new_cs = pop16(env, &st);
        new_eflags = pop16(env, &st);
    }
    env->regs[R_ESP] = (env->regs[R_ESP] & ~0xffffu) | (st.sp & 0xffff);
    env->segs[R_CS].selector = new_cs;
    env->segs[R_CS].base = new_cs << 4;
    env->eip = new_eip;
    if (env->eflags & VM_MASK) {
        /* V86 (IOPL 3, checked by the caller): IOPL is kept */
        mask = TF_MASK | AC_MASK | ID_MASK | IF_MASK | RF_MASK | NT_MASK;
    } else {
        mask = TF_MASK | AC_MASK | ID_MASK | IF_MASK | IOPL_MASK | RF_MASK | NT_MASK;
    }
    if (shift == 0) {
        mask &= 0xffff;
    }
    cpu_load_eflags(env, new_eflags, mask);
    env->hflags2 &= ~HF2_NMI_MASK;
}

/* Data segment registers an outer-ring return may no longer use become
 * null (QEMU keeps base and limit and clears P; null FS/GS are left). */
static void validate_seg(CPUX86State *env, int seg, int cpl)
{
    SegmentCache *sc = &env->segs[seg];
    uint32_t e2 = sc->flags;

    if ((seg == R_FS || seg == R_GS) && (sc->selector & 0xfffc) == 0) {
        return;
    }
    if (!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) {
        if (desc_dpl(e2) < cpl) {
            cpu_x86_load_seg_cache(env, seg, 0, sc->base, sc->limit, e2 & ~DESC_P_MASK);
        }
    }
}

/* Far RET and IRET in protected mode (QEMU's helper_ret_protected).
 * QEMU departure kept: IRET with VM set in the popped EFLAGS returns to
 * V86 from any CPL (Intel: only from CPL 0). */
static void ret_protected(CPUX86State *env, int shift, int is_iret, int addend)
{
    uint32_t new_cs, new_eip, new_eflags = 0, new_esp, new_ss;
    uint32_t e1, e2, ss_e1, ss_e2, mask;
    int cpl, rpl, dpl, iopl;
    StackPtr st = {
        .base = env->segs[R_SS].base,
        .sp = env->regs[R_ESP],
        .mask = sp_mask_of(env->segs[R_SS].flags),
    };

    if (shift == 1) {
        new_eip = pop32(env, &st);
        new_cs = pop32(env, &st) & 0xffff;
        if (is_iret) {
            new_eflags = pop32(env, &st);
            if (new_eflags & VM_MASK) {
                goto return_to_vm86;
            }
        }
    } else {
        new_eip = pop16(env, &st);
        new_cs = pop16(env, &st);
        if (is_iret) {
            new_eflags = pop16(env, &st);
        }
    }

    if ((new_cs & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    if (!fetch_desc(env, &e1, &e2, new_cs)) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    cpl = cur_cpl(env);
    rpl = new_cs & 3;
    if (rpl < cpl) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    dpl = desc_dpl(e2);
    if ((e2 & DESC_C_MASK) ? dpl > rpl : dpl != rpl) {
        raise_exception_err(env, EXCP0D_GPF, new_cs & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, new_cs & 0xfffc);
    }
    /* no check of new_eip against the CS limit (QEMU) */

    st.sp += addend;
    if (rpl == cpl) {
        /* same ring */
        cpu_x86_load_seg_cache(env, R_CS, new_cs, desc_base(e1, e2), desc_limit(e1, e2), e2);
    } else {
        /* outer ring: SS:ESP from the stack */
        new_esp = pop_sz(env, &st, shift);
        new_ss = pop_sz(env, &st, shift) & 0xffff;
        if ((new_ss & 0xfffc) == 0) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        if ((int)(new_ss & 3) != rpl) {
            raise_exception_err(env, EXCP0D_GPF, new_ss & 0xfffc);
        }
        if (!fetch_desc(env, &ss_e1, &ss_e2, new_ss)) {
            raise_exception_err(env, EXCP0D_GPF, new_ss & 0xfffc);
        }
        if (!(ss_e2 & DESC_S_MASK) || (ss_e2 & DESC_CS_MASK) || !(ss_e2 & DESC_W_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, new_ss & 0xfffc);
        }
        if (desc_dpl(ss_e2) != rpl) {
            raise_exception_err(env, EXCP0D_GPF, new_ss & 0xfffc);
        }
        if (!(ss_e2 & DESC_P_MASK)) {
            /* Intel: #SS; QEMU: #NP */
            raise_exception_err(env, EXCP0B_NOSEG, new_ss & 0xfffc);
        }
        cpu_x86_load_seg_cache(env, R_SS, new_ss, desc_base(ss_e1, ss_e2),
                               desc_limit(ss_e1, ss_e2), ss_e2);
        cpu_x86_load_seg_cache(env, R_CS, new_cs, desc_base(e1, e2), desc_limit(e1, e2), e2);
        st.sp = new_esp;
        st.mask = sp_mask_of(ss_e2);

        validate_seg(env, R_ES, rpl);
        validate_seg(env, R_DS, rpl);
        validate_seg(env, R_FS, rpl);
        validate_seg(env, R_GS, rpl);

        st.sp += addend;
    }
    set_esp(env, st.sp, st.mask);
    env->eip = new_eip;
    if (is_iret) {
        /* cpl is the CPL before the return */
        mask = TF_MASK | AC_MASK | ID_MASK | RF_MASK | NT_MASK;
        if (cpl == 0) {
            mask |= IOPL_MASK;
        }
        iopl = (env->eflags >> IOPL_SHIFT) & 3;
        if (cpl <= iopl) {
            mask |= IF_MASK;
        }
        if (shift == 0) {
            mask &= 0xffff;
        }
        cpu_load_eflags(env, new_eflags, mask);
    }
    return;

return_to_vm86:
    new_esp = pop32(env, &st);
    new_ss = pop32(env, &st);
    {
        uint32_t new_es = pop32(env, &st);
        uint32_t new_ds = pop32(env, &st);
        uint32_t new_fs = pop32(env, &st);
        uint32_t new_gs = pop32(env, &st);

        cpu_load_eflags(env, new_eflags, TF_MASK | AC_MASK | ID_MASK | IF_MASK |
                        IOPL_MASK | VM_MASK | NT_MASK | VIF_MASK | VIP_MASK);
        load_seg_vm(env, R_CS, new_cs & 0xffff);
        load_seg_vm(env, R_SS, new_ss & 0xffff);
        load_seg_vm(env, R_ES, new_es & 0xffff);
        load_seg_vm(env, R_DS, new_ds & 0xffff);
        load_seg_vm(env, R_FS, new_fs & 0xffff);
        load_seg_vm(env, R_GS, new_gs & 0xffff);
    }
    env->eip = new_eip & 0xffff;
    env->regs[R_ESP] = new_esp;     /* all 32 bits */
}

void helper_iret_protected(CPUX86State *env, int shift, int next_eip)
{
    if (env->eflags & NT_MASK) {
        /* return to the task in the back link */
        uint32_t e1, e2;
        int tss_selector = cpu_lduw_kernel(env, env->tr.base);

        if (tss_selector & 4) {
            raise_exception_err(env, EXCP0A_TSS, tss_selector & 0xfffc);
        }
        if (!fetch_desc(env, &e1, &e2, tss_selector)) {
            raise_exception_err(env, EXCP0A_TSS, tss_selector & 0xfffc);
        }
        /* system descriptor of a busy TSS (type 3 or 11) */
        if (((e2 >> DESC_TYPE_SHIFT) & 0x17) != 3) {
            raise_exception_err(env, EXCP0A_TSS, tss_selector & 0xfffc);
        }
        switch_tss(env, tss_selector, e1, e2, TS_IRET, (uint32_t)next_eip, true);
    } else {
        ret_protected(env, shift, 1, 0);
    }
    env->hflags2 &= ~HF2_NMI_MASK;
}

void helper_lret_protected(CPUX86State *env, int shift, int addend)
{
    ret_protected(env, shift, 0, addend);
}

/* ======================================================================
 * SYSENTER / SYSEXIT (flat segments from SYSENTER_CS)
 * ====================================================================== */

#define FLAT_CODE (DESC_G_MASK | DESC_B_MASK | DESC_P_MASK | DESC_S_MASK | \
                   DESC_CS_MASK | DESC_R_MASK | DESC_A_MASK)
#define FLAT_DATA (DESC_G_MASK | DESC_B_MASK | DESC_P_MASK | DESC_S_MASK | \
                   DESC_W_MASK | DESC_A_MASK)

void helper_sysenter(CPUX86State *env)
{
    if (env->sysenter_cs == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->eflags &= ~(VM_MASK | IF_MASK | RF_MASK);
    cpu_x86_load_seg_cache(env, R_CS, env->sysenter_cs & 0xfffc, 0, 0xffffffff, FLAT_CODE);
    cpu_x86_load_seg_cache(env, R_SS, (env->sysenter_cs + 8) & 0xfffc, 0, 0xffffffff,
                           FLAT_DATA);
    env->regs[R_ESP] = env->sysenter_esp;
    env->eip = env->sysenter_eip;
}

void helper_sysexit(CPUX86State *env, int dflag)
{
    (void)dflag;    /* 64-bit SYSEXIT does not exist on qemu-system-i386 */
    if (env->sysenter_cs == 0 || cur_cpl(env) != 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    cpu_x86_load_seg_cache(env, R_CS, ((env->sysenter_cs + 16) & 0xfffc) | 3, 0, 0xffffffff,
                           FLAT_CODE | (3u << DESC_DPL_SHIFT));
    cpu_x86_load_seg_cache(env, R_SS, ((env->sysenter_cs + 24) & 0xfffc) | 3, 0, 0xffffffff,
                           FLAT_DATA | (3u << DESC_DPL_SHIFT));
    env->regs[R_ESP] = env->regs[R_ECX];
    env->eip = env->regs[R_EDX];
}

/* ======================================================================
 * LAR, LSL, VERR, VERW: ZF in env->cc_src (see seg_helper.h)
 * ====================================================================== */

static inline void set_zf_result(CPUX86State *env, uint32_t eflags, bool ok)
{
    env->cc_src = ok ? (eflags | CC_Z) : (eflags & ~CC_Z);
    env->cc_op = CC_OP_EFLAGS;
}

/* Privilege rule shared by LAR and LSL: conforming code is always
 * visible, everything else needs DPL >= CPL and DPL >= RPL. */
static bool lar_lsl_visible(CPUX86State *env, int selector, uint32_t e2, bool is_lar)
{
    int dpl = desc_dpl(e2), rpl = selector & 3, cpl = cur_cpl(env);

    if (e2 & DESC_S_MASK) {
        if ((e2 & DESC_CS_MASK) && (e2 & DESC_C_MASK)) {
            return true;
        }
    } else {
        switch ((e2 >> DESC_TYPE_SHIFT) & 0xf) {
        case 1: case 2: case 3: case 9: case 11:
            break;
        case 4: case 5: case 12:    /* gates: LAR only */
            if (is_lar) {
                break;
            }
            return false;
        default:
            return false;
        }
    }
    return !(dpl < cpl || dpl < rpl);
}

target_ulong helper_lar(CPUX86State *env, target_ulong selector1)
{
    uint32_t selector = selector1 & 0xffff, e1, e2;
    uint32_t eflags = cpu_cc_compute_all(env, env->cc_op);

    if ((selector & 0xfffc) == 0 || !fetch_desc(env, &e1, &e2, selector) ||
        !lar_lsl_visible(env, selector, e2, true)) {
        set_zf_result(env, eflags, false);
        return 0;
    }
    set_zf_result(env, eflags, true);
    return e2 & 0x00f0ff00;
}

target_ulong helper_lsl(CPUX86State *env, target_ulong selector1)
{
    uint32_t selector = selector1 & 0xffff, e1, e2;
    uint32_t eflags = cpu_cc_compute_all(env, env->cc_op);

    if ((selector & 0xfffc) == 0 || !fetch_desc(env, &e1, &e2, selector) ||
        !lar_lsl_visible(env, selector, e2, false)) {
        set_zf_result(env, eflags, false);
        return 0;
    }
    set_zf_result(env, eflags, true);
    return desc_limit(e1, e2);
}

void helper_verr(CPUX86State *env, target_ulong selector1)
{
    uint32_t selector = selector1 & 0xffff, e1, e2;
    uint32_t eflags = cpu_cc_compute_all(env, env->cc_op);
    int rpl, dpl, cpl;
    bool ok = false;

    if ((selector & 0xfffc) != 0 && fetch_desc(env, &e1, &e2, selector) &&
        (e2 & DESC_S_MASK)) {
        rpl = selector & 3;
        dpl = desc_dpl(e2);
        cpl = cur_cpl(env);
        if (e2 & DESC_CS_MASK) {
            /* readable; conforming code needs no privilege */
            ok = (e2 & DESC_R_MASK) &&
                 ((e2 & DESC_C_MASK) || !(dpl < cpl || dpl < rpl));
        } else {
            ok = !(dpl < cpl || dpl < rpl);
        }
    }
    set_zf_result(env, eflags, ok);
}

void helper_verw(CPUX86State *env, target_ulong selector1)
{
    uint32_t selector = selector1 & 0xffff, e1, e2;
    uint32_t eflags = cpu_cc_compute_all(env, env->cc_op);
    int rpl, dpl, cpl;
    bool ok = false;

    if ((selector & 0xfffc) != 0 && fetch_desc(env, &e1, &e2, selector) &&
        (e2 & DESC_S_MASK) && !(e2 & DESC_CS_MASK)) {
        rpl = selector & 3;
        dpl = desc_dpl(e2);
        cpl = cur_cpl(env);
        ok = !(dpl < cpl || dpl < rpl) && (e2 & DESC_W_MASK);
    }
    set_zf_result(env, eflags, ok);
}
