/*
 * Integer arithmetic and logic: the eight ALU operations, TEST, INC/DEC,
 * NOT/NEG, MUL/IMUL/DIV/IDIV.  Lazy flags are recorded exactly as QEMU's
 * translator records them (gen_op, gen_inc, the group-3 cases), which is
 * what makes the undefined flags come out as QEMU's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/ops.h"

/* ---- the eight ALU operations ------------------------------------------ */

enum { OP_ADD, OP_OR, OP_ADC, OP_SBB, OP_AND, OP_SUB, OP_XOR, OP_CMP };

/* Compute a op b, record the flags, return the result (QEMU's gen_op).
 * op and ot are constants in every caller, so this folds away. */
static inline __attribute__((always_inline))
uint32_t alu(CPUX86State *env, int op, int ot, uint32_t a, uint32_t b)
{
    uint32_t r, c;

    switch (op) {
    case OP_ADD:
        r = a + b;
        set_cc_op(env, CC_OP_ADDB + ot, r, b);
        return r;
    case OP_ADC:
        c = cc_c(env);
        r = a + b + c;
        env->cc_src2 = c;
        set_cc_op(env, CC_OP_ADCB + ot, r, b);
        return r;
    case OP_SBB:
        c = cc_c(env);
        r = a - b - c;
        env->cc_src2 = c;
        set_cc_op(env, CC_OP_SBBB + ot, r, b);
        return r;
    case OP_SUB:
    case OP_CMP:
        r = a - b;
        set_cc_op(env, CC_OP_SUBB + ot, r, b);
        return r;
    case OP_AND:
        r = a & b;
        break;
    case OP_OR:
        r = a | b;
        break;
    default:
        r = a ^ b;
        break;
    }
    env->cc_op = CC_OP_LOGICB + ot;
    env->cc_dst = r;
    return r;
}

/* Five operand shapes: rr (rm register <- reg), mr (memory <- reg),
 * rm (reg <- memory), ri (rm register <- imm), mi (memory <- imm). */
#define ALU_HANDLERS(OP, OT)                                                   \
HS(alu_rr_##OP##_##OT)                                                   \
{                                                                              \
    uint32_t r = alu(env, OP, OT, get_reg(env, OT, d->rm), get_reg(env, OT, d->reg)); \
    if (OP != OP_CMP) {                                                        \
        set_reg(env, OT, d->rm, r);                                            \
    }                                                                          \
}                                                                              \
HS(alu_mr_##OP##_##OT)                                                   \
{                                                                              \
    uint32_t a = ea_linear(env, d);                                            \
    uint32_t r = alu(env, OP, OT, ld_ot(env, OT, a), get_reg(env, OT, d->reg)); \
    if (OP != OP_CMP) {                                                        \
        st_ot(env, OT, a, r);                                                  \
    }                                                                          \
}                                                                              \
HS(alu_rm_##OP##_##OT)                                                   \
{                                                                              \
    uint32_t b = ld_ot(env, OT, ea_linear(env, d));                            \
    uint32_t r = alu(env, OP, OT, get_reg(env, OT, d->reg), b);                \
    if (OP != OP_CMP) {                                                        \
        set_reg(env, OT, d->reg, r);                                           \
    }                                                                          \
}                                                                              \
HS(alu_ri_##OP##_##OT)                                                   \
{                                                                              \
    uint32_t r = alu(env, OP, OT, get_reg(env, OT, d->rm), d->imm);            \
    if (OP != OP_CMP) {                                                        \
        set_reg(env, OT, d->rm, r);                                            \
    }                                                                          \
}                                                                              \
HS(alu_mi_##OP##_##OT)                                                   \
{                                                                              \
    uint32_t a = ea_linear(env, d);                                            \
    uint32_t r = alu(env, OP, OT, ld_ot(env, OT, a), d->imm);                  \
    if (OP != OP_CMP) {                                                        \
        st_ot(env, OT, a, r);                                                  \
    }                                                                          \
}

#define ALU_ALL_SIZES(OP) ALU_HANDLERS(OP, 0) ALU_HANDLERS(OP, 1) ALU_HANDLERS(OP, 2)
ALU_ALL_SIZES(OP_ADD)
ALU_ALL_SIZES(OP_OR)
ALU_ALL_SIZES(OP_ADC)
ALU_ALL_SIZES(OP_SBB)
ALU_ALL_SIZES(OP_AND)
ALU_ALL_SIZES(OP_SUB)
ALU_ALL_SIZES(OP_XOR)
ALU_ALL_SIZES(OP_CMP)

#define ALU_ROW(SHAPE, OP) { alu_##SHAPE##_##OP##_0, alu_##SHAPE##_##OP##_1, alu_##SHAPE##_##OP##_2 }
#define ALU_TABLE(SHAPE)                                                       \
const X86Handler h_alu_##SHAPE[8][3] = {                                       \
    ALU_ROW(SHAPE, OP_ADD), ALU_ROW(SHAPE, OP_OR), ALU_ROW(SHAPE, OP_ADC),     \
    ALU_ROW(SHAPE, OP_SBB), ALU_ROW(SHAPE, OP_AND), ALU_ROW(SHAPE, OP_SUB),    \
    ALU_ROW(SHAPE, OP_XOR), ALU_ROW(SHAPE, OP_CMP),                            \
};
ALU_TABLE(rr)
ALU_TABLE(mr)
ALU_TABLE(rm)
ALU_TABLE(ri)
ALU_TABLE(mi)

/* ---- TEST ----------------------------------------------------------------- */

#define TEST_HANDLERS(OT)                                                      \
HS(test_rr_##OT)                                                         \
{                                                                              \
    set_cc_op(env, CC_OP_LOGICB + OT, get_reg(env, OT, d->rm) & get_reg(env, OT, d->reg), env->cc_src); \
}                                                                              \
HS(test_mr_##OT)                                                         \
{                                                                              \
    uint32_t v = ld_ot(env, OT, ea_linear(env, d));                            \
    set_cc_op(env, CC_OP_LOGICB + OT, v & get_reg(env, OT, d->reg), env->cc_src); \
}                                                                              \
HS(test_ri_##OT)                                                         \
{                                                                              \
    set_cc_op(env, CC_OP_LOGICB + OT, get_reg(env, OT, d->rm) & d->imm, env->cc_src); \
}                                                                              \
HS(test_mi_##OT)                                                         \
{                                                                              \
    uint32_t v = ld_ot(env, OT, ea_linear(env, d));                            \
    set_cc_op(env, CC_OP_LOGICB + OT, v & d->imm, env->cc_src);                \
}
TEST_HANDLERS(0)
TEST_HANDLERS(1)
TEST_HANDLERS(2)
const X86Handler h_test_rr[3] = { test_rr_0, test_rr_1, test_rr_2 };
const X86Handler h_test_mr[3] = { test_mr_0, test_mr_1, test_mr_2 };
const X86Handler h_test_ri[3] = { test_ri_0, test_ri_1, test_ri_2 };
const X86Handler h_test_mi[3] = { test_mi_0, test_mi_1, test_mi_2 };

/* ---- INC / DEC (gen_inc: CF is kept in cc_src) ----------------------------- */

static inline uint32_t incdec(CPUX86State *env, int dec, int ot, uint32_t v)
{
    uint32_t c = cc_c(env);
    uint32_t r = dec ? v - 1 : v + 1;
    set_cc_op(env, (dec ? CC_OP_DECB : CC_OP_INCB) + ot, r, c);
    return r;
}

#define INCDEC_HANDLERS(DEC, OT)                                               \
HS(incdec_r_##DEC##_##OT)                                                \
{                                                                              \
    set_reg(env, OT, d->rm, incdec(env, DEC, OT, get_reg(env, OT, d->rm)));    \
}                                                                              \
HS(incdec_m_##DEC##_##OT)                                                \
{                                                                              \
    uint32_t a = ea_linear(env, d);                                            \
    uint32_t v = ld_ot(env, OT, a);                                            \
    uint32_t c = cc_c(env);                                                    \
    uint32_t r = DEC ? v - 1 : v + 1;                                          \
    st_ot(env, OT, a, r);                                                      \
    set_cc_op(env, (DEC ? CC_OP_DECB : CC_OP_INCB) + OT, r, c);                \
}
INCDEC_HANDLERS(0, 0) INCDEC_HANDLERS(0, 1) INCDEC_HANDLERS(0, 2)
INCDEC_HANDLERS(1, 0) INCDEC_HANDLERS(1, 1) INCDEC_HANDLERS(1, 2)
const X86Handler h_incdec_r[2][3] = {
    { incdec_r_0_0, incdec_r_0_1, incdec_r_0_2 }, { incdec_r_1_0, incdec_r_1_1, incdec_r_1_2 },
};
const X86Handler h_incdec_m[2][3] = {
    { incdec_m_0_0, incdec_m_0_1, incdec_m_0_2 }, { incdec_m_1_0, incdec_m_1_1, incdec_m_1_2 },
};

/* ---- group 3: NOT NEG MUL IMUL DIV IDIV --------------------------------- */

/* Operand source/sink for group 3: register rm or memory. */
static inline uint32_t g3_load(CPUX86State *env, const DecodedInsn *d, int ot, bool mem,
                               uint32_t *addr)
{
    if (mem) {
        *addr = ea_linear(env, d);
        return ld_ot(env, ot, *addr);
    }
    return get_reg(env, ot, d->rm);
}

static inline void g3_store(CPUX86State *env, const DecodedInsn *d, int ot, bool mem,
                            uint32_t addr, uint32_t v)
{
    if (mem) {
        st_ot(env, ot, addr, v);
    } else {
        set_reg(env, ot, d->rm, v);
    }
}

static void do_not(CPUX86State *env, const DecodedInsn *d, int ot, bool mem)
{
    uint32_t a = 0, v = g3_load(env, d, ot, mem, &a);
    g3_store(env, d, ot, mem, a, ~v);
}

/* gen_op_update_neg_cc: SUB flags of 0 - v. */
static void do_neg(CPUX86State *env, const DecodedInsn *d, int ot, bool mem)
{
    uint32_t a = 0, v = g3_load(env, d, ot, mem, &a);
    uint32_t r = -v;
    g3_store(env, d, ot, mem, a, r);
    set_cc_op(env, CC_OP_SUBB + ot, r, v);
}

static void do_mul(CPUX86State *env, const DecodedInsn *d, int ot, bool mem)
{
    uint32_t a = 0, v = g3_load(env, d, ot, mem, &a);

    if (ot == OT_B) {
        uint32_t r = (env->regs[R_EAX] & 0xff) * (v & 0xff);
        set_reg(env, OT_W, R_EAX, r);
        set_cc_op(env, CC_OP_MULB, r, r & 0xff00);
    } else if (ot == OT_W) {
        uint32_t r = (env->regs[R_EAX] & 0xffff) * (v & 0xffff);
        set_reg(env, OT_W, R_EAX, r);
        set_reg(env, OT_W, R_EDX, r >> 16);
        set_cc_op(env, CC_OP_MULW, r, r >> 16);
    } else {
        uint64_t r = (uint64_t)env->regs[R_EAX] * v;
        env->regs[R_EAX] = (uint32_t)r;
        env->regs[R_EDX] = (uint32_t)(r >> 32);
        set_cc_op(env, CC_OP_MULL, (uint32_t)r, (uint32_t)(r >> 32));
    }
}

/* One-operand IMUL: cc_src = result - sign-extension of its low half, so
 * CF=OF say "the high half is significant". */
static void do_imul1(CPUX86State *env, const DecodedInsn *d, int ot, bool mem)
{
    uint32_t a = 0, v = g3_load(env, d, ot, mem, &a);

    if (ot == OT_B) {
        uint32_t r = (uint32_t)((int8_t)env->regs[R_EAX] * (int8_t)v);
        set_reg(env, OT_W, R_EAX, r);
        set_cc_op(env, CC_OP_MULB, r, r - (uint32_t)(int8_t)r);
    } else if (ot == OT_W) {
        uint32_t r = (uint32_t)((int16_t)env->regs[R_EAX] * (int16_t)v);
        set_reg(env, OT_W, R_EAX, r);
        set_reg(env, OT_W, R_EDX, r >> 16);
        set_cc_op(env, CC_OP_MULW, r, r - (uint32_t)(int16_t)r);
    } else {
        int64_t r = (int64_t)(int32_t)env->regs[R_EAX] * (int32_t)v;
        uint32_t lo = (uint32_t)r, hi = (uint32_t)((uint64_t)r >> 32);
        env->regs[R_EAX] = lo;
        env->regs[R_EDX] = hi;
        set_cc_op(env, CC_OP_MULL, lo, hi - (uint32_t)((int32_t)lo >> 31));
    }
}

/* DIV/IDIV: #DE on a zero divisor or a quotient that does not fit; the
 * flags are left alone (QEMU's helpers do not touch them). */
static void do_div(CPUX86State *env, const DecodedInsn *d, int ot, bool mem)
{
    uint32_t a = 0, v = g3_load(env, d, ot, mem, &a);

    if (ot == OT_B) {
        uint32_t num = env->regs[R_EAX] & 0xffff, den = v & 0xff;
        if (den == 0 || num / den > 0xff) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, OT_W, R_EAX, ((num % den) << 8) | (num / den));
    } else if (ot == OT_W) {
        uint32_t num = (env->regs[R_EAX] & 0xffff) | ((env->regs[R_EDX] & 0xffff) << 16);
        uint32_t den = v & 0xffff;
        if (den == 0 || num / den > 0xffff) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, OT_W, R_EAX, num / den);
        set_reg(env, OT_W, R_EDX, num % den);
    } else {
        uint64_t num = env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32);
        if (v == 0 || num / v > 0xffffffffu) {
            raise_exception(env, EXCP00_DIVZ);
        }
        env->regs[R_EAX] = (uint32_t)(num / v);
        env->regs[R_EDX] = (uint32_t)(num % v);
    }
}

static void do_idiv(CPUX86State *env, const DecodedInsn *d, int ot, bool mem)
{
    uint32_t a = 0, v = g3_load(env, d, ot, mem, &a);

    if (ot == OT_B) {
        int32_t num = (int16_t)env->regs[R_EAX], den = (int8_t)v, q;
        if (den == 0) {
            raise_exception(env, EXCP00_DIVZ);
        }
        q = num / den;
        if (q != (int8_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, OT_W, R_EAX, (((uint32_t)(num % den) & 0xff) << 8) | ((uint32_t)q & 0xff));
    } else if (ot == OT_W) {
        int32_t num = (int32_t)((env->regs[R_EAX] & 0xffff) | (env->regs[R_EDX] << 16));
        int32_t den = (int16_t)v, q;
        if (den == 0) {
            raise_exception(env, EXCP00_DIVZ);
        }
        /* INT32_MIN / -1 overflows in C; its quotient never fits 16 bits. */
        if (num == INT32_MIN && den == -1) {
            raise_exception(env, EXCP00_DIVZ);
        }
        q = num / den;
        if (q != (int16_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, OT_W, R_EAX, (uint32_t)q);
        set_reg(env, OT_W, R_EDX, (uint32_t)(num % den));
    } else {
        int64_t num = (int64_t)(env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32));
        int64_t den = (int32_t)v, q;
        if (den == 0 || (num == INT64_MIN && den == -1)) {
            raise_exception(env, EXCP00_DIVZ);
        }
        q = num / den;
        if (q != (int32_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        env->regs[R_EAX] = (uint32_t)q;
        env->regs[R_EDX] = (uint32_t)(num % den);
    }
}

typedef void (*G3Fn)(CPUX86State *, const DecodedInsn *, int, bool);

#define G3_HANDLERS(NAME)                                                      \
HS(g3_##NAME##_r0) { do_##NAME(env, d, 0, false); }                      \
HS(g3_##NAME##_r1) { do_##NAME(env, d, 1, false); }                      \
HS(g3_##NAME##_r2) { do_##NAME(env, d, 2, false); }                      \
HS(g3_##NAME##_m0) { do_##NAME(env, d, 0, true); }                       \
HS(g3_##NAME##_m1) { do_##NAME(env, d, 1, true); }                       \
HS(g3_##NAME##_m2) { do_##NAME(env, d, 2, true); }
G3_HANDLERS(not)
G3_HANDLERS(neg)
G3_HANDLERS(mul)
G3_HANDLERS(imul1)
G3_HANDLERS(div)
G3_HANDLERS(idiv)

#define G3_ROW(NAME, K) { g3_##NAME##_##K##0, g3_##NAME##_##K##1, g3_##NAME##_##K##2 }
const X86Handler h_grp3_r[8][3] = {
    { NULL }, { NULL }, G3_ROW(not, r), G3_ROW(neg, r),
    G3_ROW(mul, r), G3_ROW(imul1, r), G3_ROW(div, r), G3_ROW(idiv, r),
};
const X86Handler h_grp3_m[8][3] = {
    { NULL }, { NULL }, G3_ROW(not, m), G3_ROW(neg, m),
    G3_ROW(mul, m), G3_ROW(imul1, m), G3_ROW(div, m), G3_ROW(idiv, m),
};

/* ---- two- and three-operand IMUL (0F AF, 69, 6B) ----------------------- */

static inline void imul_reg(CPUX86State *env, const DecodedInsn *d, uint32_t a, uint32_t b)
{
    if (d->ot == OT_W) {
        uint32_t r = (uint32_t)((int16_t)a * (int16_t)b);
        set_reg(env, OT_W, d->reg, r);
        set_cc_op(env, CC_OP_MULW, r, r - (uint32_t)(int16_t)r);
    } else {
        int64_t r = (int64_t)(int32_t)a * (int32_t)b;
        uint32_t lo = (uint32_t)r, hi = (uint32_t)((uint64_t)r >> 32);
        env->regs[d->reg] = lo;
        set_cc_op(env, CC_OP_MULL, lo, hi - (uint32_t)((int32_t)lo >> 31));
    }
}

/* d->op bit 0: source is memory; bit 1: immediate form (imm * Ev). */
H(h_imul_rr)  { imul_reg(env, d, get_reg(env, d->ot, d->reg), get_reg(env, d->ot, d->rm)); }
H(h_imul_rm)  { imul_reg(env, d, get_reg(env, d->ot, d->reg), ld_ot(env, d->ot, ea_linear(env, d))); }
H(h_imul_rri) { imul_reg(env, d, get_reg(env, d->ot, d->rm), d->imm); }
H(h_imul_rmi) { imul_reg(env, d, ld_ot(env, d->ot, ea_linear(env, d)), d->imm); }

/* Does fn always leave a 32-bit result in cc_dst, with Z and S read from
 * it (the ALU operations, TEST, INC, DEC)?  The decoder then gives a JZ/
 * JNZ/JS/JNS right after it a handler that reads cc_dst directly, as
 * QEMU's translator uses the cc_op it knows at translation time. */
bool x86_sets_cc_dst32(X86Handler fn)
{
    for (int op = 0; op < 8; op++) {
        if (fn == h_alu_rr[op][OT_L] || fn == h_alu_mr[op][OT_L] || fn == h_alu_rm[op][OT_L] ||
            fn == h_alu_ri[op][OT_L] || fn == h_alu_mi[op][OT_L]) {
            return true;
        }
    }
    return fn == h_test_rr[OT_L] || fn == h_test_mr[OT_L] || fn == h_test_ri[OT_L] ||
           fn == h_test_mi[OT_L] || fn == h_incdec_r[0][OT_L] || fn == h_incdec_r[1][OT_L] ||
           fn == h_incdec_m[0][OT_L] || fn == h_incdec_m[1][OT_L];
}
