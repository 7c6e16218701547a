/*
 * What instruction handlers share: operand access, effective addresses,
 * the stack, conditions, and the handler declarations the decoder uses.
 *
 * Handlers have one signature, void h(CPUX86State *, const DecodedInsn *),
 * and are specialised by operand size and operand kind at decode time so
 * that the hot ones are straight-line code.  Each does its memory accesses
 * before it writes registers, so a fault leaves the state as it was at the
 * start of the instruction (QEMU's generated code has the same order).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_OPS_H
#define CPU_OPS_H

#include "accel/tcg/cputlb.h"
#include "accel/tcg/tb-cache.h"
#include "cpu/cpu.h"

/* DecodedInsn.rm for a memory operand (else a register). */
#define RM_MEM 0xff

#define OT_B 0
#define OT_W 1
#define OT_L 2

/* ---- registers ---------------------------------------------------------- */

/* 8-bit registers are addressed by byte offset into regs[] (AL=0, CL=4,
 * ..., AH=1, CH=5, ...), computed once by the decoder. */
static inline uint8_t reg8_offset(int r)
{
    return (uint8_t)((r & 3) * 4 + (r >> 2));
}

static inline uint32_t get_reg(CPUX86State *env, int ot, int r)
{
    switch (ot) {
    case OT_B: return ((uint8_t *)env->regs)[r];
    case OT_W: return (uint16_t)env->regs[r];
    default:   return env->regs[r];
    }
}

static inline void set_reg(CPUX86State *env, int ot, int r, uint32_t v)
{
    switch (ot) {
    case OT_B: ((uint8_t *)env->regs)[r] = (uint8_t)v; break;
    case OT_W: env->regs[r] = (env->regs[r] & 0xffff0000u) | (v & 0xffff); break;
    default:   env->regs[r] = v; break;
    }
}

/* ---- memory operands ---------------------------------------------------- */

static inline uint32_t ea_offset(CPUX86State *env, const DecodedInsn *d)
{
    return (env->regs[d->base] + (env->regs[d->index] << d->scale) + d->disp) & d->amask;
}

static inline uint32_t ea_linear(CPUX86State *env, const DecodedInsn *d)
{
    return env->segs[d->seg].base + ea_offset(env, d);
}

static inline uint32_t ld_ot(CPUX86State *env, int ot, uint32_t addr)
{
    switch (ot) {
    case OT_B: return cpu_ldub_data(env, addr);
    case OT_W: return cpu_lduw_data(env, addr);
    default:   return cpu_ldl_data(env, addr);
    }
}

static inline void st_ot(CPUX86State *env, int ot, uint32_t addr, uint32_t v)
{
    switch (ot) {
    case OT_B: cpu_stb_data(env, addr, v); break;
    case OT_W: cpu_stw_data(env, addr, v); break;
    default:   cpu_stl_data(env, addr, v); break;
    }
}

static inline uint32_t ot_mask(int ot)
{
    return ot == OT_B ? 0xff : ot == OT_W ? 0xffff : 0xffffffffu;
}

static inline int ot_bits(int ot)
{
    return 8 << ot;
}

static inline uint32_t sext(int ot, uint32_t v)
{
    return ot == OT_B ? (uint32_t)(int8_t)v : ot == OT_W ? (uint32_t)(int16_t)v : v;
}

/* ---- stack --------------------------------------------------------------- */

static inline uint32_t sp_mask(const CPUX86State *env)
{
    return (env->hflags & HF_SS32_MASK) ? 0xffffffffu : 0xffff;
}

static inline void set_esp(CPUX86State *env, uint32_t sp)
{
    uint32_t m = sp_mask(env);
    env->regs[R_ESP] = (env->regs[R_ESP] & ~m) | (sp & m);
}

/* QEMU's gen_push_v: store below ESP, then move ESP. */
static inline __attribute__((always_inline)) void push_ot(CPUX86State *env, int ot, uint32_t v)
{
    uint32_t sp = env->regs[R_ESP] - (1u << ot);
    st_ot(env, ot, env->segs[R_SS].base + (sp & sp_mask(env)), v);
    set_esp(env, sp);
}

/* Read the top of the stack without moving ESP (gen_pop_T0). */
static inline uint32_t peek_ot(CPUX86State *env, int ot)
{
    return ld_ot(env, ot, env->segs[R_SS].base + (env->regs[R_ESP] & sp_mask(env)));
}

static inline void pop_update(CPUX86State *env, int ot)
{
    set_esp(env, env->regs[R_ESP] + (1u << ot));
}

/* ---- flags and conditions ------------------------------------------------ */

static inline uint32_t cc_c(CPUX86State *env)
{
    /* Inline for the producers of loop counters and comparisons. */
    switch (env->cc_op) {
    case CC_OP_EFLAGS:
    case CC_OP_INCL:
    case CC_OP_DECL:
        return env->cc_src & 1;
    case CC_OP_SUBL:
        return env->cc_dst + env->cc_src < env->cc_src;
    case CC_OP_LOGICL:
        return 0;
    default:
        return cpu_cc_compute_c(env, env->cc_op);
    }
}

/* Condition b (the low nibble of Jcc/SETcc/CMOVcc) on current flags. */
static inline bool test_cc(CPUX86State *env, int b)
{
    uint32_t f, r;

    /* Fast paths for the flags producers loops use most. */
    if (env->cc_op == CC_OP_SUBL && b < 8 && b != 0 && b != 1) {
        uint32_t dst = env->cc_dst, src = env->cc_src, src1 = dst + src;
        switch (b) {
        case 2: return src1 < src;
        case 3: return src1 >= src;
        case 4: return dst == 0;
        case 5: return dst != 0;
        case 6: return src1 <= src;
        case 7: return src1 > src;
        }
    }
    /* Z and S: every operation from MUL to BMILG leaves its result in
     * cc_dst, in the width given by its place in its family of four. */
    if ((b >> 1 == 2 || b >> 1 == 4) &&
        (unsigned)(env->cc_op - CC_OP_MULB) <= CC_OP_BMILGL - CC_OP_MULB) {
        unsigned w = (unsigned)(env->cc_op - CC_OP_MULB) & 3;
        if (w != 3) {
            uint32_t v = env->cc_dst << (24 - 8 * (w + (w == 2)));
            r = b >> 1 == 2 ? v == 0 : v >> 31;
            return r ^ (b & 1);
        }
    }
    f = cpu_cc_compute_all(env, env->cc_op);
    switch (b >> 1) {
    case 0: r = f & CC_O; break;
    case 1: r = f & CC_C; break;
    case 2: r = f & CC_Z; break;
    case 3: r = f & (CC_Z | CC_C); break;
    case 4: r = f & CC_S; break;
    case 5: r = f & CC_P; break;
    case 6: r = ((f >> 7) ^ (f >> 11)) & 1; break;
    default: r = (((f >> 7) ^ (f >> 11)) & 1) | (f & CC_Z); break;
    }
    return (r != 0) ^ (b & 1);
}

static inline void set_cc_op(CPUX86State *env, int op, uint32_t dst, uint32_t src)
{
    env->cc_op = op;
    env->cc_dst = dst;
    env->cc_src = src;
}

/* Is cc_szap inline (no call) for the current flags producer? */
static inline bool cc_szap_inline(const CPUX86State *env)
{
    return env->cc_op == CC_OP_LOGICL || env->cc_op == CC_OP_ADDL || env->cc_op == CC_OP_SUBL;
}

/* The flags other than C and O, for an instruction that sets those two
 * itself (rotates).  Inline for the producers loops use most. */
static inline uint32_t cc_szap(CPUX86State *env)
{
    uint32_t dst = env->cc_dst, src = env->cc_src, zsp;

    switch (env->cc_op) {
    case CC_OP_LOGICL:
    case CC_OP_ADDL:
    case CC_OP_SUBL:
        zsp = (__builtin_parity(dst & 0xff) ? 0 : CC_P) | (dst == 0 ? CC_Z : 0) |
              ((dst >> 24) & CC_S);
        if (env->cc_op == CC_OP_LOGICL) {
            return zsp;
        }
        /* A: carry out of bit 3, from the two operands and the result. */
        return zsp | ((dst ^ src ^ (env->cc_op == CC_OP_ADDL ? dst - src : dst + src)) & CC_A);
    default:
        return cpu_cc_compute_all(env, env->cc_op) & ~(CC_C | CC_O);
    }
}

/* Flags fully computed into cc_src (QEMU's gen_compute_eflags). */
static inline uint32_t compute_eflags_cc(CPUX86State *env)
{
    uint32_t f = cpu_cc_compute_all(env, env->cc_op);
    env->cc_src = f;
    env->cc_op = CC_OP_EFLAGS;
    return f;
}

/* ---- control ------------------------------------------------------------- */

/* Near jump target: QEMU truncates EIP to 16 bits for 16-bit operand size. */
static inline void jump_to(CPUX86State *env, int ot, uint32_t eip)
{
    env->eip = ot == OT_W ? (eip & 0xffff) : eip;
}

static inline int cpl(const CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

static inline bool pe_mode(const CPUX86State *env)
{
    return env->hflags & HF_PE_MASK;
}

static inline bool vm86(const CPUX86State *env)
{
    return env->eflags & VM_MASK;
}

static inline int iopl(const CPUX86State *env)
{
    return (env->eflags >> IOPL_SHIFT) & 3;
}

/* ---- handlers (defined in cpu/ops_*.c) ------------------------------------ */

/*
 * Threaded dispatch.  A block is an array of DecodedInsn ending in a
 * sentinel whose handler returns, or chains to the next block
 * (accel/tcg/tb-chain.h); every handler records where it is
 * (env->eip, env->cur_insn), does its work (the _op body), then tail-calls
 * the next instruction's handler.  Each handler thus has its own indirect
 * jump, which the host predicts far better than one shared call site, and
 * a block runs without going back to a loop.  A store that invalidates
 * the running block makes the handlers after the current one return at
 * once (tb_invalidate); cpu-exec.c finds the last instruction run in
 * env->cur_insn.
 */
static inline __attribute__((always_inline))
void tb_next(CPUX86State *env, const DecodedInsn *d)
{
    d++;
    d->fn(env, d);
}

#define HANDLER_(linkage, name)                                                \
static inline __attribute__((always_inline))                                   \
void name##_op(CPUX86State *env, const DecodedInsn *d);                        \
linkage void name(CPUX86State *env, const DecodedInsn *d)                      \
{                                                                              \
    env->eip = d->eip;                                                         \
    env->cur_insn = d;                                                         \
    name##_op(env, d);                                                         \
    tb_next(env, d);                                                           \
}                                                                              \
static inline __attribute__((always_inline))                                   \
void name##_op(CPUX86State *env __attribute__((unused)),                       \
               const DecodedInsn *d __attribute__((unused)))
/* H(name) { body } defines handler name (HS: a static one); HDECL declares. */
#define H(name)     HANDLER_(, name)
#define HS(name)    HANDLER_(static, name)
#define HDECL(name) void name(CPUX86State *env, const DecodedInsn *d)

/* Handler tables indexed by operand size (and sub-operation). */
extern const X86Handler h_alu_rr[8][3], h_alu_mr[8][3], h_alu_rm[8][3],
                        h_alu_ri[8][3], h_alu_mi[8][3];
extern const X86Handler h_mov_rr[3], h_mov_mr[3], h_mov_rm[3], h_mov_ri[3], h_mov_mi[3];
extern const X86Handler h_test_rr[3], h_test_mr[3], h_test_ri[3], h_test_mi[3];
extern const X86Handler h_xchg_rr[3], h_xchg_rm[3];
extern const X86Handler h_incdec_r[2][3], h_incdec_m[2][3];
extern const X86Handler h_grp3_r[8][3], h_grp3_m[8][3];  /* test(unused) ,-, not, neg, mul, imul, div, idiv */
extern const X86Handler h_string[8][3];                 /* movs cmps stos lods scas ins outs */

#endif
