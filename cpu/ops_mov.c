/*
 * Data movement: MOV forms, MOVZX/MOVSX, LEA, XCHG, the stack (PUSH/POP,
 * PUSHA/POPA, ENTER/LEAVE), XLAT and the segment-register moves.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/ops.h"
#include "cpu/ops-decl.h"
#include "cpu/seg_helper.h"


/* ---- MOV --------------------------------------------------------------------- */

#define MOV_HANDLERS(OT)                                                       \
HS(mov_rr_##OT) { set_reg(env, OT, d->rm, get_reg(env, OT, d->reg)); }  \
HS(mov_mr_##OT) { st_ot(env, OT, ea_linear(env, d), get_reg(env, OT, d->reg)); } \
HS(mov_rm_##OT) { set_reg(env, OT, d->reg, ld_ot(env, OT, ea_linear(env, d))); } \
HS(mov_ri_##OT) { set_reg(env, OT, d->rm, d->imm); }                    \
HS(mov_mi_##OT) { st_ot(env, OT, ea_linear(env, d), d->imm); }
MOV_HANDLERS(0)
MOV_HANDLERS(1)
MOV_HANDLERS(2)
const X86Handler h_mov_rr[3] = { mov_rr_0, mov_rr_1, mov_rr_2 };
const X86Handler h_mov_mr[3] = { mov_mr_0, mov_mr_1, mov_mr_2 };
const X86Handler h_mov_rm[3] = { mov_rm_0, mov_rm_1, mov_rm_2 };
const X86Handler h_mov_ri[3] = { mov_ri_0, mov_ri_1, mov_ri_2 };
const X86Handler h_mov_mi[3] = { mov_mi_0, mov_mi_1, mov_mi_2 };

/* MOVZX/MOVSX: d->op bit 0 = source is 16-bit, bit 1 = sign-extend;
 * d->ot = destination size. */
H(h_movx)
{
    int sot = (d->op & 1) ? OT_W : OT_B;
    uint32_t v = d->rm == RM_MEM ? ld_ot(env, sot, ea_linear(env, d)) : get_reg(env, sot, d->rm);
    if (d->op & 2) {
        v = sext(sot, v);
    }
    set_reg(env, d->ot, d->reg, v);
}

H(h_lea)
{
    set_reg(env, d->ot, d->reg, ea_offset(env, d));
}

/* ---- XCHG ----------------------------------------------------------------------- */

#define XCHG_HANDLERS(OT)                                                      \
HS(xchg_rr_##OT)                                                         \
{                                                                              \
    uint32_t a = get_reg(env, OT, d->reg), b = get_reg(env, OT, d->rm);        \
    set_reg(env, OT, d->reg, b);                                               \
    set_reg(env, OT, d->rm, a);                                                \
}                                                                              \
HS(xchg_rm_##OT)                                                         \
{                                                                              \
    uint32_t addr = ea_linear(env, d);                                         \
    uint32_t v = ld_ot(env, OT, addr);                                         \
    st_ot(env, OT, addr, get_reg(env, OT, d->reg));                            \
    set_reg(env, OT, d->reg, v);                                               \
}
XCHG_HANDLERS(0)
XCHG_HANDLERS(1)
XCHG_HANDLERS(2)
const X86Handler h_xchg_rr[3] = { xchg_rr_0, xchg_rr_1, xchg_rr_2 };
const X86Handler h_xchg_rm[3] = { xchg_rm_0, xchg_rm_1, xchg_rm_2 };

/* ---- stack ----------------------------------------------------------------------- */

H(h_push_r)
{
    if (likely(d->ot == OT_L)) {
        push_ot(env, OT_L, env->regs[d->rm]);
    } else {
        push_ot(env, d->ot, get_reg(env, d->ot, d->rm));
    }
}
H(h_push_i)   { push_ot(env, d->ot, d->imm); }
H(h_push_m)   { push_ot(env, d->ot, ld_ot(env, d->ot, ea_linear(env, d))); }

static inline __attribute__((always_inline))
void pop_r(CPUX86State *env, const DecodedInsn *d, int ot)
{
    uint32_t v = peek_ot(env, ot);
    pop_update(env, ot);
    set_reg(env, ot, d->rm, v);
}

H(h_pop_r)
{
    if (likely(d->ot == OT_L)) {
        pop_r(env, d, OT_L);
    } else {
        pop_r(env, d, d->ot);
    }
}

/* POP to memory: the decoder already added the operand size to the
 * displacement when the base is ESP (QEMU's popl_esp_hack); the store
 * comes before ESP moves. */
H(h_pop_m)
{
    uint32_t v = peek_ot(env, d->ot);
    st_ot(env, d->ot, ea_linear(env, d), v);
    pop_update(env, d->ot);
}

/* PUSHA (gen_pusha): EDI first at the lowest address; ESP moves last. */
H(h_pusha)
{
    int ot = d->ot, size = 1 << ot;
    uint32_t m = sp_mask(env), sp = env->regs[R_ESP];
    uint32_t base = env->segs[R_SS].base;

    for (int i = 0; i < 8; i++) {
        uint32_t a = sp + (uint32_t)((i - 8) * size);
        st_ot(env, ot, base + (a & m), get_reg(env, ot, 7 - i));
    }
    set_esp(env, sp - 8 * size);
}

/* POPA (gen_popa): ESP's slot is skipped; each register is written as it
 * is loaded, so a fault part-way leaves the earlier ones loaded, as in QEMU. */
H(h_popa)
{
    int ot = d->ot, size = 1 << ot;
    uint32_t m = sp_mask(env), sp = env->regs[R_ESP];
    uint32_t base = env->segs[R_SS].base;

    for (int i = 0; i < 8; i++) {
        if (7 - i != R_ESP) {
            set_reg(env, ot, 7 - i, ld_ot(env, ot, base + ((sp + (uint32_t)(i * size)) & m)));
        }
    }
    set_esp(env, sp + 8 * size);
}

/* ENTER imm16 (d->imm), level (d->imm2), as QEMU's gen_enter. */
H(h_enter)
{
    int ot = d->ot, size = 1 << ot;
    uint32_t m = sp_mask(env), base = env->segs[R_SS].base;
    int level = d->imm2 & 31;
    uint32_t sp = env->regs[R_ESP] - size;      /* after pushing EBP */
    uint32_t frame = sp;

    st_ot(env, ot, base + (sp & m), get_reg(env, ot, R_EBP));
    if (level) {
        for (int i = 1; i < level; i++) {
            uint32_t from = base + ((env->regs[R_EBP] - (uint32_t)(size * i)) & m);
            uint32_t to = base + ((sp - (uint32_t)(size * i)) & m);
            st_ot(env, ot, to, ld_ot(env, ot, from));
        }
        st_ot(env, ot, base + ((sp - (uint32_t)(size * level)) & m), frame);
    }
    /* EBP and ESP are written at the stack's address size (gen_enter). */
    env->regs[R_EBP] = (env->regs[R_EBP] & ~m) | (frame & m);
    set_esp(env, frame - (uint32_t)(size * level) - d->imm);
}

/* LEAVE: ESP = EBP, pop EBP. */
H(h_leave)
{
    int ot = d->ot;
    uint32_t m = sp_mask(env);
    uint32_t v = ld_ot(env, ot, env->segs[R_SS].base + (env->regs[R_EBP] & m));
    set_esp(env, env->regs[R_EBP] + (1u << ot));
    set_reg(env, ot, R_EBP, v);
}

H(h_xlat)
{
    uint32_t off = (env->regs[R_EBX] + (env->regs[R_EAX] & 0xff)) & d->amask;
    set_reg(env, OT_B, 0, cpu_ldub_data(env, env->segs[d->seg].base + off));
}

/* ---- segment registers ----------------------------------------------------------- */

/* MOV Sreg, r/m16 and POP Sreg go through here (QEMU's gen_movl_seg_T0). */
void x86_load_seg(CPUX86State *env, int seg, uint32_t sel)
{
    sel &= 0xffff;
    if (pe_mode(env) && !vm86(env)) {
        helper_load_seg(env, seg, sel);
    } else {
        helper_movl_seg_vm(env, seg, sel);     /* selector and base only, as QEMU */
    }
}

/* d->reg = segment number. */
H(h_mov_seg_load)
{
    uint32_t v = d->rm == RM_MEM ? cpu_lduw_data(env, ea_linear(env, d)) : get_reg(env, OT_W, d->rm);
    x86_load_seg(env, d->reg, v);
}

/* MOV r/m, Sreg: a register destination takes the zero-extended selector
 * at the operand size; memory always gets 16 bits. */
H(h_mov_seg_store)
{
    uint32_t v = env->segs[d->reg].selector;
    if (d->rm == RM_MEM) {
        cpu_stw_data(env, ea_linear(env, d), v);
    } else {
        set_reg(env, d->ot, d->rm, v);
    }
}

/* PUSH Sreg: gen_push_v writes the whole operand (zero-extended selector). */
H(h_push_seg)
{
    push_ot(env, d->ot, env->segs[d->reg].selector);
}

/* POP Sreg: load first (it may fault), then move ESP. */
H(h_pop_seg)
{
    uint32_t v = peek_ot(env, d->ot);
    x86_load_seg(env, d->reg, v & 0xffff);
    pop_update(env, d->ot);
}

/* LDS/LES/LSS/LFS/LGS: offset then selector; segment first, register after. */
H(h_lxs)
{
    int ot = d->ot;
    uint32_t addr = ea_linear(env, d);
    uint32_t off = ld_ot(env, ot, addr);
    uint32_t sel = cpu_lduw_data(env, addr + (1u << ot));
    x86_load_seg(env, d->op, sel);
    set_reg(env, ot, d->reg, off);
}

/* MOV SS / POP SS: load, then the one-instruction interrupt shadow. */
H(h_mov_ss_load)
{
    h_mov_seg_load_op(env, d);
    x86_set_inhibit_irq(env, d);
}

H(h_pop_ss)
{
    h_pop_seg_op(env, d);
    x86_set_inhibit_irq(env, d);
}
