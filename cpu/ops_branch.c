/*
 * Control transfer: near and far jumps, calls and returns, Jcc, LOOP and
 * JCXZ, INT/INT3/INTO/IRET, BOUND.  Far transfers in protected mode go to
 * QEMU's helpers in seg_helper.c; real and V86 mode are handled here as
 * QEMU's translator does.  d->imm holds the target EIP already reduced to
 * the operand size; d->next_eip the return address.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/ops.h"
#include "cpu/ops-decl.h"
#include "cpu/seg_helper.h"


H(h_jmp)  { env->eip = d->imm; }
H(h_jcc)  { env->eip = test_cc(env, d->op) ? d->imm : d->next_eip; }

/* JZ/JNZ/JS/JNS after an instruction known to leave a 32-bit result in
 * cc_dst (x86_sets_cc_dst32). */
H(h_jcc_dst32)
{
    bool t = (d->op >> 1) == 2 ? env->cc_dst == 0 : (int32_t)env->cc_dst < 0;
    env->eip = t ^ (d->op & 1) ? d->imm : d->next_eip;
}

/* CALL/RET: the 32-bit operand size gets its own straight-line copy. */
static inline __attribute__((always_inline))
void call_ot(CPUX86State *env, const DecodedInsn *d, int ot)
{
    push_ot(env, ot, d->next_eip);
    env->eip = d->imm;
}

H(h_call)
{
    if (likely(d->ot == OT_L)) {
        call_ot(env, d, OT_L);
    } else {
        call_ot(env, d, d->ot);
    }
}

/* RET [imm16]: pop (zero-extended at the operand size), then release. */
static inline __attribute__((always_inline))
void ret_ot(CPUX86State *env, const DecodedInsn *d, int ot)
{
    uint32_t v = peek_ot(env, ot);
    set_esp(env, env->regs[R_ESP] + d->imm + (1u << ot));
    env->eip = v;
}

H(h_ret)
{
    if (likely(d->ot == OT_L)) {
        ret_ot(env, d, OT_L);
    } else {
        ret_ot(env, d, d->ot);
    }
}

static inline uint32_t rm_target(CPUX86State *env, const DecodedInsn *d)
{
    return d->rm == RM_MEM ? ld_ot(env, d->ot, ea_linear(env, d)) : get_reg(env, d->ot, d->rm);
}

H(h_jmp_ind)  { env->eip = rm_target(env, d); }

H(h_call_ind)
{
    uint32_t t = rm_target(env, d);
    push_ot(env, d->ot, d->next_eip);
    env->eip = t;
}

/* LOOP/LOOPZ/LOOPNZ/JCXZ: d->op 0 loopnz, 1 loopz, 2 loop, 3 jcxz;
 * ECX at the address size. */
H(h_loop)
{
    uint32_t m = d->aflag == 1 ? 0xffff : 0xffffffffu;
    uint32_t c = env->regs[R_ECX];
    bool take;

    if (d->op == 3) {
        take = (c & m) == 0;
    } else {
        c = (c & ~m) | ((c - 1) & m);
        env->regs[R_ECX] = c;
        take = (c & m) != 0;
        if (d->op == 0) {
            take = take && !test_cc(env, 4);
        } else if (d->op == 1) {
            take = take && test_cc(env, 4);
        }
    }
    env->eip = take ? d->imm : d->next_eip;
}

/* ---- far transfers ----------------------------------------------------------- */

static void far_jump(CPUX86State *env, const DecodedInsn *d, uint32_t sel, uint32_t off)
{
    if (pe_mode(env) && !vm86(env)) {
        helper_ljmp_protected(env, sel, off, d->next_eip);
    } else {
        helper_movl_seg_vm(env, R_CS, sel);
        env->eip = off;
    }
}

static void far_call(CPUX86State *env, const DecodedInsn *d, uint32_t sel, uint32_t off)
{
    if (pe_mode(env) && !vm86(env)) {
        helper_lcall_protected(env, sel, off, d->ot - 1, d->next_eip);
    } else {
        helper_lcall_real(env, sel, off, d->ot - 1, d->next_eip);
    }
}

/* JMP/CALL ptr16:16/32 (EA, 9A): offset in imm, selector in imm2. */
H(h_ljmp_ptr)  { far_jump(env, d, d->imm2, d->imm); }
H(h_lcall_ptr) { far_call(env, d, d->imm2, d->imm); }

/* JMP/CALL m16:16/32 (FF /5, /3). */
static void load_far_ptr(CPUX86State *env, const DecodedInsn *d, uint32_t *sel, uint32_t *off)
{
    uint32_t a = ea_linear(env, d);
    *off = ld_ot(env, d->ot, a);
    *sel = cpu_lduw_data(env, a + (1u << d->ot));
}

H(h_ljmp_m)
{
    uint32_t sel, off;
    load_far_ptr(env, d, &sel, &off);
    far_jump(env, d, sel, off);
}

H(h_lcall_m)
{
    uint32_t sel, off;
    load_far_ptr(env, d, &sel, &off);
    far_call(env, d, sel, off);
}

/* RETF [imm16]: real/V86 mode as QEMU's translator (offset, then
 * selector at the next slot of the linear stack address). */
H(h_lret)
{
    if (pe_mode(env) && !vm86(env)) {
        helper_lret_protected(env, d->ot - 1, d->imm);
        return;
    }
    uint32_t a = env->segs[R_SS].base + (env->regs[R_ESP] & sp_mask(env));
    uint32_t off = ld_ot(env, d->ot, a);
    uint32_t sel = ld_ot(env, d->ot, a + (1u << d->ot));
    env->eip = off;
    helper_movl_seg_vm(env, R_CS, sel);
    set_esp(env, env->regs[R_ESP] + d->imm + (2u << d->ot));
}

H(h_iret)
{
    /* V86 with IOPL < 3 was refused by the decoder (check_vm86_iopl). */
    if (!pe_mode(env) || vm86(env)) {
        helper_iret_real(env, d->ot - 1);
    } else {
        helper_iret_protected(env, d->ot - 1, d->next_eip);
    }
}

/* ---- software interrupts ------------------------------------------------------- */

/* INT n (V86 with IOPL < 3 was refused by the decoder). */
H(h_int)
{
    raise_interrupt(env, d->imm & 0xff, 1, 0, d->len);
}

H(h_int3)  { raise_interrupt(env, EXCP03_INT3, 1, 0, d->len); }

H(h_into)
{
    if (cpu_cc_compute_all(env, env->cc_op) & CC_O) {
        raise_interrupt(env, EXCP04_INTO, 1, 0, d->len);
    }
}


/* BOUND r, m: signed bounds at the operand size. */
H(h_bound)
{
    uint32_t a = ea_linear(env, d);
    int32_t v = (int32_t)sext(d->ot, get_reg(env, d->ot, d->reg));
    int32_t lo = (int32_t)sext(d->ot, ld_ot(env, d->ot, a));
    int32_t hi = (int32_t)sext(d->ot, ld_ot(env, d->ot, a + (1u << d->ot)));
    if (v < lo || v > hi) {
        raise_exception(env, EXCP05_BOUND);
    }
}
