/*
 * System instructions: port I/O, CLI/STI/PUSHF/POPF, HLT, descriptor
 * tables and task register, control and debug registers, CPUID, RDTSC,
 * MSRs, cache control, ARPL/LAR/LSL/VERR/VERW, and the coprocessor
 * escapes (which fault until x87 execution exists: #NM as with CR0.EM).
 * Privilege checks are the ones QEMU's translator emits before each
 * helper (check_cpl0, check_iopl, check_vm86_iopl, gen_check_io).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/ops.h"
#include "cpu/ops-decl.h"
#include "cpu/misc_helper.h"
#include "cpu/seg_helper.h"


static inline void gpf(CPUX86State *env)
{
    raise_exception_err(env, EXCP0D_GPF, 0);
}

/* The privilege checks QEMU's translator makes before these helpers
 * (check_cpl0, check_iopl, check_vm86_iopl) are made by the decoder from
 * the block's flags (cpu/decode.c), so the handlers run only when allowed. */

/* ---- port I/O ----------------------------------------------------------------- */

static inline void check_io(CPUX86State *env, uint32_t port, int ot)
{
    if (pe_mode(env) && (cpl(env) > iopl(env) || vm86(env))) {
        helper_check_io(env, port, 1u << ot);
    }
}

/* d->op bit 0: port in DX (else d->imm). */
static inline uint32_t io_port(CPUX86State *env, const DecodedInsn *d)
{
    return (d->op & 1) ? (env->regs[R_EDX] & 0xffff) : (d->imm & 0xff);
}

H(h_in)
{
    uint32_t port = io_port(env, d), v;
    check_io(env, port, d->ot);
    switch (d->ot) {
    case OT_B: v = helper_inb(env, port); break;
    case OT_W: v = helper_inw(env, port); break;
    default:   v = helper_inl(env, port); break;
    }
    set_reg(env, d->ot, 0, v);
}

H(h_out)
{
    uint32_t port = io_port(env, d), v = get_reg(env, d->ot, 0);
    check_io(env, port, d->ot);
    switch (d->ot) {
    case OT_B: helper_outb(env, port, v); break;
    case OT_W: helper_outw(env, port, v); break;
    default:   helper_outl(env, port, v); break;
    }
}

/* ---- interrupt flag and EFLAGS ---------------------------------------------------- */

H(h_cli)
{
    env->eflags &= ~IF_MASK;
}

/* STI and MOV/POP SS inhibit interrupts for one instruction, unless the
 * previous instruction already did (gen_eob_inhibit_irq); d->op says
 * whether the block started inhibited. */
void x86_set_inhibit_irq(CPUX86State *env, const DecodedInsn *d)
{
    if (d->op & 0x80) {
        env->hflags &= ~HF_INHIBIT_IRQ_MASK;
    } else {
        env->hflags |= HF_INHIBIT_IRQ_MASK;
    }
}

H(h_sti)
{
    env->eflags |= IF_MASK;
    x86_set_inhibit_irq(env, d);
}

/* PUSHF: VM and RF read as 0 (helper_read_eflags). */
H(h_pushf)
{
    uint32_t f = cpu_compute_eflags(env) & ~(VM_MASK | RF_MASK);
    push_ot(env, d->ot, f);
}

H(h_popf)
{
    uint32_t mask;

    uint32_t v = peek_ot(env, d->ot);
    if (cpl(env) == 0) {
        mask = TF_MASK | AC_MASK | ID_MASK | NT_MASK | IF_MASK | IOPL_MASK;
    } else if (cpl(env) <= iopl(env)) {
        mask = TF_MASK | AC_MASK | ID_MASK | NT_MASK | IF_MASK;
    } else {
        mask = TF_MASK | AC_MASK | ID_MASK | NT_MASK;
    }
    if (d->ot == OT_W) {
        mask &= 0xffff;
    }
    cpu_load_eflags(env, v, mask);
    pop_update(env, d->ot);
}

H(h_hlt)
{
    helper_hlt(env, d->len);
}

/* ---- descriptor tables ---------------------------------------------------------------- */

/* 0F 01 /0 /1: SGDT/SIDT (d->op = 0 gdt, 1 idt). */
H(h_sxdt)
{
    SegmentCache *dt = d->op ? &env->idt : &env->gdt;
    uint32_t a = ea_linear(env, d), base = dt->base;
    if (d->ot == OT_W) {
        base &= 0xffffff;
    }
    cpu_stw_data(env, a, dt->limit);
    cpu_stl_data(env, a + 2, base);
}

/* 0F 01 /2 /3: LGDT/LIDT. */
H(h_lxdt)
{
    uint32_t a = ea_linear(env, d);
    uint32_t limit = cpu_lduw_data(env, a);
    uint32_t base = cpu_ldl_data(env, a + 2);
    if (d->ot == OT_W) {
        base &= 0xffffff;
    }
    SegmentCache *dt = d->op ? &env->idt : &env->gdt;
    dt->base = base;
    dt->limit = limit;
}

/* SMSW: memory gets 16 bits; a register gets CR0 at the operand size. */
H(h_smsw)
{
    if (d->rm == RM_MEM) {
        cpu_stw_data(env, ea_linear(env, d), env->cr[0]);
    } else {
        set_reg(env, d->ot, d->rm, env->cr[0]);
    }
}

H(h_lmsw)
{
    uint32_t v = d->rm == RM_MEM ? cpu_lduw_data(env, ea_linear(env, d)) : get_reg(env, OT_W, d->rm);
    helper_lmsw(env, v);
}

H(h_invlpg)
{
    helper_invlpg(env, ea_linear(env, d));
}

/* 0F 00 /0 /1: SLDT/STR (d->op 0 ldt, 1 tr).  Register: operand size. */
H(h_sldt_str)
{
    uint32_t v = d->op ? env->tr.selector : env->ldt.selector;
    if (d->rm == RM_MEM) {
        cpu_stw_data(env, ea_linear(env, d), v);
    } else {
        set_reg(env, d->ot, d->rm, v);
    }
}

static inline uint32_t load_sel(CPUX86State *env, const DecodedInsn *d)
{
    return d->rm == RM_MEM ? cpu_lduw_data(env, ea_linear(env, d)) : get_reg(env, OT_W, d->rm);
}

/* 0F 00 /2 /3: LLDT/LTR. */
H(h_lldt_ltr)
{
    uint32_t sel = load_sel(env, d);
    if (d->op) {
        helper_ltr(env, sel);
    } else {
        helper_lldt(env, sel);
    }
}

/* 0F 00 /4 /5: VERR/VERW set ZF through cc_src (QEMU's helpers). */
H(h_verx)
{
    uint32_t sel = load_sel(env, d);
    if (d->op) {
        helper_verw(env, sel);
    } else {
        helper_verr(env, sel);
    }
    env->cc_op = CC_OP_EFLAGS;
}

/* LAR/LSL (0F 02/03, d->op 0/1): destination written only when ZF. */
H(h_lar_lsl)
{
    uint32_t sel = load_sel(env, d);
    uint32_t v = d->op ? helper_lsl(env, sel) : helper_lar(env, sel);
    env->cc_op = CC_OP_EFLAGS;
    if (env->cc_src & CC_Z) {
        set_reg(env, d->ot, d->reg, v);
    }
}

/* ARPL r/m16, r16. */
H(h_arpl)
{
    uint32_t a = 0, dst, src = get_reg(env, OT_W, d->reg), z = 0;
    if (d->rm == RM_MEM) {
        a = ea_linear(env, d);
        dst = cpu_lduw_data(env, a);
    } else {
        dst = get_reg(env, OT_W, d->rm);
    }
    if ((dst & 3) < (src & 3)) {
        dst = (dst & ~3u) | (src & 3);
        z = CC_Z;
    }
    if (d->rm == RM_MEM) {
        cpu_stw_data(env, a, dst);
    } else {
        set_reg(env, OT_W, d->rm, dst);
    }
    env->cc_src = (compute_eflags_cc(env) & ~CC_Z) | z;
}

/* ---- control and debug registers --------------------------------------------------- */

/* MOV CRn/DRn: d->reg = n, d->rm = general register; d->op bit 0 = write. */
H(h_mov_cr)
{
    if (d->op & 1) {
        helper_write_crN(env, d->reg, env->regs[d->rm]);
    } else {
        env->regs[d->rm] = helper_read_crN(env, d->reg);
    }
}

H(h_mov_dr)
{
    if (d->op & 1) {
        helper_set_dr(env, d->reg, env->regs[d->rm]);
    } else {
        env->regs[d->rm] = helper_get_dr(env, d->reg);
    }
}

H(h_clts)
{
    helper_clts(env);
}

/* ---- identification, time, MSRs ---------------------------------------------------- */

H(h_cpuid)  { helper_cpuid(env); }
H(h_rdtsc)  { helper_rdtsc(env); }
H(h_rdpmc)  { helper_rdpmc(env); }

H(h_rdmsr)
{
    helper_rdmsr(env);
}

H(h_wrmsr)
{
    helper_wrmsr(env);
}

/* SYSENTER/SYSEXIT: #GP(0) outside protected mode, checked before the
 * helper as QEMU's translator does. */
H(h_sysenter)
{
    if (!pe_mode(env)) {
        gpf(env);
    }
    helper_sysenter(env);
}

H(h_sysexit)
{
    if (!pe_mode(env)) {
        gpf(env);
    }
    helper_sysexit(env, d->ot - 1);
}

/* ---- faults decided at decode time ------------------------------------------------- */

H(h_ud)   { raise_exception(env, EXCP06_ILLOP); }
H(h_nm)   { raise_exception(env, EXCP07_PREX); }
H(h_gpf)  { gpf(env); }
H(h_nop)  { (void)env; (void)d; }
