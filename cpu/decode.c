/*
 * The decoder: guest bytes -> DecodedInsn (handler + pre-resolved
 * operands), a block at a time.  Block boundaries, the bytes consumed by
 * faulting encodings and the prefix rules follow QEMU 7.2's
 * target/i386/tcg/translate.c, so that `-d in_asm` shows the same blocks.
 *
 * A block ends after any instruction that transfers control or changes
 * state the block key depends on, at a page boundary (an instruction that
 * is not the first may not cross into the next page: QEMU drops it from
 * the block), after 512 instructions, or after one with -singlestep.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include "cpu/ops.h"
#include "cpu/ops-decl.h"
#include "cpu/decode.h"
#include "cpu/disas.h"
#include "softmmu/log.h"

#define MAX_INSN_LEN 15
#define MAX_BLOCK_INSNS 512

typedef struct DecodeCtx {
    CPUX86State *env;
    uint32_t cs_base;
    uint32_t flags;
    uint32_t pc_first;          /* linear address of the block */
    uint32_t pc_start;          /* of the current instruction */
    uint32_t pc;                /* next byte to fetch */
    bool first;                 /* first instruction of the block */
    bool cross;                 /* a later instruction left the first page */
    bool too_long;
    size_t nbytes;
    /* per instruction */
    int reg;                    /* raw ModRM.reg */
    /* per instruction */
    int prefixes, override;
    int dflag, aflag;           /* 1 = 16-bit, 2 = 32-bit */
    int mod, rm;
    bool end;                   /* block ends after this instruction */
    /* the block's bytes, for -d in_asm (a block stays within one page,
     * but its first instruction may cross into the next) */
    uint8_t bytes[TARGET_PAGE_SIZE + 32];
} DecodeCtx;

#define CODE32(s)  (((s)->flags & HF_CS32_MASK) != 0)
#define PE(s)      (((s)->flags & HF_PE_MASK) != 0)
#define VM86(s)    (((s)->flags & VM_MASK) != 0)
#define CPL(s)     ((s)->flags & HF_CPL_MASK)

/* ---- fetching --------------------------------------------------------------- */

static void keep_byte(DecodeCtx *s, uint8_t b)
{
    if (s->nbytes < sizeof(s->bytes)) {
        s->bytes[s->nbytes++] = b;
    }
}

/* Fetch n bytes as one unit (QEMU's advance_pc): a later instruction may
 * not reach past the block's first page, and an instruction longer than
 * 15 bytes is a #GP. */
static uint32_t fetch(DecodeCtx *s, int n)
{
    uint32_t v = 0;

    if (s->cross || s->too_long) {
        return 0;
    }
    if (!s->first &&
        ((s->pc + n - 1) & TARGET_PAGE_MASK) != (s->pc_first & TARGET_PAGE_MASK)) {
        s->cross = true;
        return 0;
    }
    for (int i = 0; i < n; i++) {
        uint8_t b = (uint8_t)cpu_ldub_code(s->env, s->pc + i);
        keep_byte(s, b);
        v |= (uint32_t)b << (8 * i);
    }
    s->pc += n;
    if (s->pc - s->pc_start > MAX_INSN_LEN) {
        s->too_long = true;
    }
    return v;
}

static inline uint32_t fetch8(DecodeCtx *s)  { return fetch(s, 1); }
static inline uint32_t fetch16(DecodeCtx *s) { return fetch(s, 2); }
static inline uint32_t fetch32(DecodeCtx *s) { return fetch(s, 4); }

/* Immediate of operand size ot (8/16/32). */
static uint32_t fetch_imm(DecodeCtx *s, int ot)
{
    return ot == OT_B ? fetch8(s) : ot == OT_W ? fetch16(s) : fetch32(s);
}

/* ---- ModRM -------------------------------------------------------------------- */

static void modrm_ea16(DecodeCtx *s, DecodedInsn *d)
{
    static const uint8_t base16[8] = { R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX };
    static const uint8_t index16[8] = { R_ESI, R_EDI, R_ESI, R_EDI, R_ZERO, R_ZERO, R_ZERO, R_ZERO };
    int def_seg = R_DS;

    d->amask = 0xffff;
    d->scale = 0;
    if (s->mod == 0 && s->rm == 6) {
        d->base = d->index = R_ZERO;
        d->disp = fetch16(s);
    } else {
        d->base = base16[s->rm];
        d->index = index16[s->rm];
        if (s->rm == 2 || s->rm == 3 || s->rm == 6) {
            def_seg = R_SS;
        }
        d->disp = s->mod == 1 ? (uint32_t)(int8_t)fetch8(s) : s->mod == 2 ? fetch16(s) : 0;
    }
    d->seg = s->override >= 0 ? s->override : def_seg;
}

static void modrm_ea32(DecodeCtx *s, DecodedInsn *d)
{
    int base = s->rm, def_seg = R_DS;

    d->amask = 0xffffffffu;
    d->index = R_ZERO;
    d->scale = 0;
    if (base == 4) {
        uint32_t sib = fetch8(s);
        int index = (sib >> 3) & 7;
        d->scale = sib >> 6;
        d->index = index == 4 ? R_ZERO : index;
        base = sib & 7;
    }
    if (base == 5 && s->mod == 0) {
        d->base = R_ZERO;
        d->disp = fetch32(s);
    } else {
        d->base = base;
        if (base == R_ESP || base == R_EBP) {
            def_seg = R_SS;
        }
        d->disp = s->mod == 1 ? (uint32_t)(int8_t)fetch8(s) : s->mod == 2 ? fetch32(s) : 0;
    }
    d->seg = s->override >= 0 ? s->override : def_seg;
}

/* The ModRM byte alone: QEMU checks some privileges after reading it and
 * before the address bytes (check_cpl0 in the 0F 00 / 0F 01 groups). */
static void modrm_byte(DecodeCtx *s, DecodedInsn *d)
{
    uint32_t m = fetch8(s);

    s->mod = m >> 6;
    s->rm = m & 7;
    s->reg = (m >> 3) & 7;
    d->reg = (uint8_t)s->reg;
}

/* The rest of the operand: d->rm = register or RM_MEM with the effective
 * address decoded; 8-bit registers become byte offsets. */
static void modrm_operand(DecodeCtx *s, DecodedInsn *d, int ot)
{
    if (s->mod == 3) {
        d->rm = (uint8_t)s->rm;
    } else {
        d->rm = RM_MEM;
        if (s->aflag == 1) {
            modrm_ea16(s, d);
        } else {
            modrm_ea32(s, d);
        }
    }
    if (ot == OT_B) {
        d->reg = reg8_offset(d->reg);
        if (d->rm != RM_MEM) {
            d->rm = reg8_offset(d->rm);
        }
    }
}

/* Read ModRM and its operand. */
static void modrm(DecodeCtx *s, DecodedInsn *d, int ot)
{
    modrm_byte(s, d);
    modrm_operand(s, d, ot);
}

/* The raw reg field (the sub-operation of group opcodes). */
static inline int grp_op(const DecodeCtx *s)
{
    return s->reg;
}

/* Memory operand without ModRM (moffs, string ops, XLAT). */
static void ea_direct(DecodeCtx *s, DecodedInsn *d, uint32_t disp, int def_seg)
{
    d->base = d->index = R_ZERO;
    d->scale = 0;
    d->disp = disp;
    d->amask = s->aflag == 1 ? 0xffff : 0xffffffffu;
    d->seg = s->override >= 0 ? s->override : def_seg;
}

/* ---- helpers for the opcode table ------------------------------------------------ */

static inline int ot_bv(int b, int dflag)
{
    return (b & 1) ? dflag : OT_B;
}

/* The branch target: next EIP + displacement, cut to 16 bits for a
 * 16-bit operand size (QEMU's gen_jmp_rel). */
static uint32_t rel_target(DecodeCtx *s, uint32_t rel)
{
    uint32_t t = (s->pc - s->cs_base) + rel;
    return s->dflag == OT_W ? (t & 0xffff) : t;
}

static void illegal(DecodeCtx *s, DecodedInsn *d)
{
    d->fn = h_ud;
    s->end = true;
    if (qemu_loglevel_mask(LOG_UNIMP)) {
        FILE *f = qemu_log_stream();
        fprintf(f, "ILLOPC: %08x:", s->pc_start);
        for (uint32_t i = s->pc_start - s->pc_first; i < s->nbytes; i++) {
            fprintf(f, " %02x", s->bytes[i]);
        }
        fprintf(f, "\n");
    }
}

/* A segment load ends the block where QEMU's gen_movl_seg_T0 does: SS
 * always (interrupt shadow), DS/ES in 32-bit protected-mode code (ADDSEG). */
static bool seg_load_ends_block(const DecodeCtx *s, int seg)
{
    return seg == R_SS || (PE(s) && !VM86(s) && CODE32(s) && seg < R_FS);
}

/*
 * Privilege checks QEMU's translator makes from the block's flags
 * (check_cpl0, check_iopl, check_vm86_iopl): CPL, IOPL and VM are part of
 * the block key, so the fault is decided here, and the block ends at the
 * faulting instruction as QEMU's does.  True if the check failed.
 */
#define IOPL(s) (((s)->flags & IOPL_MASK) >> IOPL_SHIFT)

static bool priv_gpf(DecodeCtx *s, DecodedInsn *d, bool fails)
{
    if (fails) {
        d->fn = h_gpf;
        s->end = true;
    }
    return fails;
}

static bool check_cpl0(DecodeCtx *s, DecodedInsn *d)
{
    return !priv_gpf(s, d, CPL(s) != 0);
}

static bool check_iopl(DecodeCtx *s, DecodedInsn *d)
{
    return !priv_gpf(s, d, VM86(s) ? IOPL(s) != 3 : (int)CPL(s) > IOPL(s));
}

static bool check_vm86_iopl(DecodeCtx *s, DecodedInsn *d)
{
    return !priv_gpf(s, d, VM86(s) && IOPL(s) != 3);
}

static void set_jump(DecodeCtx *s, DecodedInsn *d, X86Handler fn)
{
    d->fn = fn;
    d->is_jump = 1;
    s->end = true;
}

/* ---- one-byte opcodes ---------------------------------------------------------------- */

static void decode_0f(DecodeCtx *s, DecodedInsn *d, int b);

static void decode_alu(DecodeCtx *s, DecodedInsn *d, int b)
{
    int op = (b >> 3) & 7, form = b & 7;
    int ot = ot_bv(b, s->dflag);

    d->ot = ot;
    if (form < 4) {
        modrm(s, d, ot);
        if (d->rm == RM_MEM) {
            d->fn = form < 2 ? h_alu_mr[op][ot] : h_alu_rm[op][ot];
        } else {
            if (form >= 2) {        /* Gv,Ev: destination is reg */
                uint8_t t = d->reg;
                d->reg = d->rm;
                d->rm = t;
            }
            d->fn = h_alu_rr[op][ot];
        }
        if ((s->prefixes & PREFIX_LOCK) && (d->rm != RM_MEM || form >= 2 || op == 7)) {
            illegal(s, d);
        }
    } else {
        d->imm = fetch_imm(s, ot);
        d->rm = 0;
        d->fn = h_alu_ri[op][ot];
        if (s->prefixes & PREFIX_LOCK) {
            illegal(s, d);
        }
    }
}

static void decode_grp1(DecodeCtx *s, DecodedInsn *d, int b)
{
    int ot = ot_bv(b, s->dflag), op;

    d->ot = ot;
    modrm(s, d, ot);
    op = grp_op(s);
    if (b == 0x83) {
        d->imm = (uint32_t)(int8_t)fetch8(s) & ot_mask(ot);
    } else {
        d->imm = fetch_imm(s, ot);
    }
    d->fn = d->rm == RM_MEM ? h_alu_mi[op][ot] : h_alu_ri[op][ot];
    if ((s->prefixes & PREFIX_LOCK) && (d->rm != RM_MEM || op == 7)) {
        illegal(s, d);
    }
}

static void decode_grp2(DecodeCtx *s, DecodedInsn *d, int b)
{
    int ot = ot_bv(b, s->dflag);

    d->ot = ot;
    modrm(s, d, ot);
    d->op = (uint8_t)grp_op(s);
    if (b == 0xc0 || b == 0xc1) {
        d->imm2 = (uint16_t)fetch8(s);
    } else if (b == 0xd0 || b == 0xd1) {
        d->imm2 = 1;
    } else {
        d->imm2 = 0xffff;       /* CL */
    }
    d->fn = d->rm == RM_MEM ? h_shift_m[d->op][ot] : h_shift_r[d->op][ot];
}

static void decode_grp3(DecodeCtx *s, DecodedInsn *d, int b)
{
    int ot = ot_bv(b, s->dflag), op;

    d->ot = ot;
    modrm(s, d, ot);
    op = grp_op(s);
    if (op < 2) {               /* TEST Ev, Iv (/1 is an alias) */
        d->imm = fetch_imm(s, ot);
        d->fn = d->rm == RM_MEM ? h_test_mi[ot] : h_test_ri[ot];
        return;
    }
    if ((s->prefixes & PREFIX_LOCK) && (op >= 4 || d->rm != RM_MEM)) {
        illegal(s, d);
        return;
    }
    d->fn = d->rm == RM_MEM ? h_grp3_m[op][ot] : h_grp3_r[op][ot];
}

/* FE/FF */
static void decode_grp45(DecodeCtx *s, DecodedInsn *d, int b)
{
    int ot = ot_bv(b, s->dflag), op;

    d->ot = ot;
    modrm(s, d, ot);
    op = grp_op(s);
    if (b == 0xfe && op >= 2) {
        illegal(s, d);
        return;
    }
    switch (op) {
    case 0:
    case 1:
        if ((s->prefixes & PREFIX_LOCK) && d->rm != RM_MEM) {
            illegal(s, d);
            return;
        }
        d->fn = d->rm == RM_MEM ? h_incdec_m[op][ot] : h_incdec_r[op][ot];
        break;
    case 2:
        set_jump(s, d, h_call_ind);
        break;
    case 3:
    case 5:
        if (d->rm != RM_MEM) {
            illegal(s, d);
            return;
        }
        set_jump(s, d, op == 3 ? h_lcall_m : h_ljmp_m);
        break;
    case 4:
        set_jump(s, d, h_jmp_ind);
        break;
    case 6:
        d->fn = h_push_m;
        if (d->rm != RM_MEM) {
            d->fn = h_push_r;
        }
        break;
    default:
        illegal(s, d);
        break;
    }
}

static void decode_string(DecodeCtx *s, DecodedInsn *d, int op, int ot)
{
    d->ot = ot;
    d->aflag = s->aflag;
    ea_direct(s, d, 0, R_DS);
    d->fn = h_string[op][ot];
    if (s->prefixes & (PREFIX_REPZ | PREFIX_REPNZ)) {
        d->is_jump = 1;
        s->end = true;
        /* QEMU's repz_opt: jumps are not chained (-singlestep, nochain,
         * TF, an interrupt shadow) and icount is off. */
        if ((s->flags & (HF_TF_MASK | HF_INHIBIT_IRQ_MASK)) || x86_decode_opts.singlestep ||
            x86_decode_opts.nochain) {
            if (!x86_decode_opts.icount) {
                d->op |= STR_REPZ_OPT;
            }
        }
        /* QEMU runs one iteration per block execution, then jumps to the
         * REP itself; it shows (in -d cpu, in instruction counts, and as a
         * new block at the REP when it was not the first of its block)
         * unless the block jumps straight back into itself through goto_tb. */
        if (x86_decode_opts.singlestep || x86_decode_opts.nochain || x86_decode_opts.icount ||
            (s->flags & HF_TF_MASK) || !s->first) {
            d->op |= STR_ONE_STEP;
        }
    }
}

/* D8-DF: with CR0.EM or CR0.TS QEMU raises #NM after the opcode byte;
 * otherwise it would execute x87, which comes in a later issue: we read
 * the operand bytes and raise #NM as with CR0.EM (see README). */
static void decode_esc(DecodeCtx *s, DecodedInsn *d)
{
    if (!(s->flags & (HF_EM_MASK | HF_TS_MASK))) {
        modrm(s, d, OT_L);
    }
    d->fn = h_nm;
    s->end = true;
}

static void decode_one(DecodeCtx *s, DecodedInsn *d)
{
    int b, ot;

    s->prefixes = 0;
    s->override = -1;
    s->end = false;
    for (;;) {
        b = fetch8(s);
        if (s->cross || s->too_long) {
            return;
        }
        switch (b) {
        case 0xf3: s->prefixes = (s->prefixes | PREFIX_REPZ) & ~PREFIX_REPNZ; continue;
        case 0xf2: s->prefixes = (s->prefixes | PREFIX_REPNZ) & ~PREFIX_REPZ; continue;
        case 0xf0: s->prefixes |= PREFIX_LOCK; continue;
        case 0x2e: s->override = R_CS; continue;
        case 0x36: s->override = R_SS; continue;
        case 0x3e: s->override = R_DS; continue;
        case 0x26: s->override = R_ES; continue;
        case 0x64: s->override = R_FS; continue;
        case 0x65: s->override = R_GS; continue;
        case 0x66: s->prefixes |= PREFIX_DATA; continue;
        case 0x67: s->prefixes |= PREFIX_ADR; continue;
        default: break;
        }
        break;
    }
    s->dflag = (CODE32(s) ^ !!(s->prefixes & PREFIX_DATA)) ? OT_L : OT_W;
    s->aflag = (CODE32(s) ^ !!(s->prefixes & PREFIX_ADR)) ? 2 : 1;
    d->prefix = (uint8_t)(s->prefixes | (s->override >= 0 ? PREFIX_SEG : 0));
    d->aflag = (uint8_t)s->aflag;
    d->amask = s->aflag == 1 ? 0xffff : 0xffffffffu;
    d->base = d->index = R_ZERO;
    d->seg = R_DS;
    ot = s->dflag;
    d->ot = (uint8_t)ot;

    switch (b) {
    case 0x00 ... 0x05: case 0x08 ... 0x0d: case 0x10 ... 0x15: case 0x18 ... 0x1d:
    case 0x20 ... 0x25: case 0x28 ... 0x2d: case 0x30 ... 0x35: case 0x38 ... 0x3d:
        decode_alu(s, d, b);
        break;
    case 0x06: case 0x0e: case 0x16: case 0x1e:
        d->reg = b >> 3;
        d->fn = h_push_seg;
        break;
    case 0x07: case 0x17: case 0x1f:
        d->reg = b >> 3;
        d->fn = b == 0x17 ? h_pop_ss : h_pop_seg;
        d->op = (s->flags & HF_INHIBIT_IRQ_MASK) ? 0x80 : 0;
        s->end = seg_load_ends_block(s, d->reg);
        break;
    case 0x0f:
        decode_0f(s, d, fetch8(s));
        break;
    case 0x27: d->fn = h_daa; break;
    case 0x2f: d->fn = h_das; break;
    case 0x37: d->fn = h_aaa; d->op = 0; break;
    case 0x3f: d->fn = h_aaa; d->op = 1; break;
    case 0x40 ... 0x4f:
        if (s->prefixes & PREFIX_LOCK) {
            illegal(s, d);
            break;
        }
        d->rm = b & 7;
        d->fn = h_incdec_r[(b >> 3) & 1][ot];
        break;
    case 0x50 ... 0x57:
        d->rm = b & 7;
        d->fn = h_push_r;
        break;
    case 0x58 ... 0x5f:
        d->rm = b & 7;
        d->fn = h_pop_r;
        break;
    case 0x60: d->fn = h_pusha; break;
    case 0x61: d->fn = h_popa; break;
    case 0x62:
        modrm(s, d, ot);
        d->fn = h_bound;
        if (d->rm != RM_MEM) {
            illegal(s, d);
        }
        break;
    case 0x63:
        if (!PE(s) || VM86(s)) {
            illegal(s, d);
            break;
        }
        modrm(s, d, OT_W);
        d->fn = h_arpl;
        break;
    case 0x68:
        d->imm = fetch_imm(s, ot);
        d->fn = h_push_i;
        break;
    case 0x6a:
        d->imm = (uint32_t)(int8_t)fetch8(s) & ot_mask(ot);
        d->fn = h_push_i;
        break;
    case 0x69:
    case 0x6b:
        modrm(s, d, ot);
        d->imm = b == 0x69 ? fetch_imm(s, ot) : (uint32_t)(int8_t)fetch8(s);
        d->fn = d->rm == RM_MEM ? h_imul_rmi : h_imul_rri;
        break;
    case 0x6c: case 0x6d:
        decode_string(s, d, 5, ot_bv(b, ot < OT_L ? OT_W : OT_L));
        break;
    case 0x6e: case 0x6f:
        decode_string(s, d, 6, ot_bv(b, ot < OT_L ? OT_W : OT_L));
        break;
    case 0x70 ... 0x7f:
        d->op = b & 15;
        d->imm = rel_target(s, (uint32_t)(int8_t)fetch8(s));
        set_jump(s, d, h_jcc);
        break;
    case 0x80: case 0x81: case 0x82: case 0x83:
        decode_grp1(s, d, b);
        break;
    case 0x84: case 0x85:
        ot = ot_bv(b, ot);
        d->ot = ot;
        modrm(s, d, ot);
        d->fn = d->rm == RM_MEM ? h_test_mr[ot] : h_test_rr[ot];
        break;
    case 0x86: case 0x87:
        ot = ot_bv(b, ot);
        d->ot = ot;
        modrm(s, d, ot);
        d->fn = d->rm == RM_MEM ? h_xchg_rm[ot] : h_xchg_rr[ot];
        break;
    case 0x88: case 0x89: case 0x8a: case 0x8b:
        ot = ot_bv(b, ot);
        d->ot = ot;
        modrm(s, d, ot);
        if (d->rm == RM_MEM) {
            d->fn = (b & 2) ? h_mov_rm[ot] : h_mov_mr[ot];
        } else {
            if (b & 2) {
                uint8_t t = d->reg;
                d->reg = d->rm;
                d->rm = t;
            }
            d->fn = h_mov_rr[ot];
        }
        break;
    case 0x8c:
        modrm(s, d, OT_W);
        if (d->reg >= 6) {
            illegal(s, d);
            break;
        }
        d->ot = (uint8_t)(d->rm == RM_MEM ? OT_W : ot);
        d->fn = h_mov_seg_store;
        break;
    case 0x8d:
        modrm(s, d, ot);
        if (d->rm != RM_MEM) {
            illegal(s, d);
            break;
        }
        d->fn = h_lea;
        break;
    case 0x8e:
        modrm(s, d, OT_W);
        if (d->reg >= 6 || d->reg == R_CS) {
            illegal(s, d);
            break;
        }
        d->fn = d->reg == R_SS ? h_mov_ss_load : h_mov_seg_load;
        d->op = (s->flags & HF_INHIBIT_IRQ_MASK) ? 0x80 : 0;
        s->end = seg_load_ends_block(s, d->reg);
        break;
    case 0x8f:
        modrm(s, d, ot);
        if (d->rm == RM_MEM) {
            if (d->base == R_ESP) {
                d->disp += 1u << ot;    /* QEMU's popl_esp_hack */
            }
            d->fn = h_pop_m;
        } else {
            d->fn = h_pop_r;
        }
        break;
    case 0x90:
        if (s->prefixes & PREFIX_LOCK) {
            illegal(s, d);
            break;
        }
        d->fn = h_nop;
        break;
    case 0x91 ... 0x97:
        d->reg = 0;
        d->rm = b & 7;
        d->fn = h_xchg_rr[ot];
        break;
    case 0x98: d->fn = h_cbw; break;
    case 0x99: d->fn = h_cwd; break;
    case 0x9a:
        d->imm = fetch_imm(s, ot);
        d->imm2 = (uint16_t)fetch16(s);
        set_jump(s, d, h_lcall_ptr);
        break;
    case 0x9b:                  /* FWAIT: #NM only with CR0.MP and TS */
        if ((s->flags & (HF_MP_MASK | HF_TS_MASK)) == (HF_MP_MASK | HF_TS_MASK)) {
            d->fn = h_nm;
            s->end = true;      /* raised at translation in QEMU: the block ends */
        } else {
            d->fn = h_nop;
        }
        break;
    case 0x9c:
        if (check_vm86_iopl(s, d)) {
            d->fn = h_pushf;
        }
        break;
    case 0x9d:
        if (check_vm86_iopl(s, d)) {
            d->fn = h_popf;
            s->end = true;
        }
        break;
    case 0x9e: d->fn = h_sahf; break;
    case 0x9f: d->fn = h_lahf; break;
    case 0xa0: case 0xa1: case 0xa2: case 0xa3:
        ot = ot_bv(b, ot);
        d->ot = ot;
        ea_direct(s, d, s->aflag == 1 ? fetch16(s) : fetch32(s), R_DS);
        d->reg = 0;
        d->fn = (b & 2) ? h_mov_mr[ot] : h_mov_rm[ot];
        break;
    case 0xa4: case 0xa5: decode_string(s, d, 0, ot_bv(b, ot)); break;
    case 0xa6: case 0xa7: decode_string(s, d, 1, ot_bv(b, ot)); break;
    case 0xa8: case 0xa9:
        ot = ot_bv(b, ot);
        d->ot = ot;
        d->imm = fetch_imm(s, ot);
        d->rm = 0;
        d->fn = h_test_ri[ot];
        break;
    case 0xaa: case 0xab: decode_string(s, d, 2, ot_bv(b, ot)); break;
    case 0xac: case 0xad: decode_string(s, d, 3, ot_bv(b, ot)); break;
    case 0xae: case 0xaf: decode_string(s, d, 4, ot_bv(b, ot)); break;
    case 0xb0 ... 0xb7:
        d->ot = OT_B;
        d->rm = reg8_offset(b & 7);
        d->imm = fetch8(s);
        d->fn = h_mov_ri[OT_B];
        break;
    case 0xb8 ... 0xbf:
        d->rm = b & 7;
        d->imm = fetch_imm(s, ot);
        d->fn = h_mov_ri[ot];
        break;
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
        decode_grp2(s, d, b);
        break;
    case 0xc2:
        d->imm = fetch16(s);
        set_jump(s, d, h_ret);
        break;
    case 0xc3:
        d->imm = 0;
        set_jump(s, d, h_ret);
        break;
    case 0xc4: case 0xc5:
        modrm(s, d, ot);
        if (d->rm != RM_MEM) {
            illegal(s, d);      /* in 32-bit PM this is VEX: no AVX on qemu32 */
            break;
        }
        d->op = b == 0xc4 ? R_ES : R_DS;
        d->fn = h_lxs;
        s->end = seg_load_ends_block(s, d->op);
        break;
    case 0xc6: case 0xc7:
        ot = ot_bv(b, ot);
        d->ot = ot;
        modrm(s, d, ot);
        if (grp_op(s) != 0) {
            illegal(s, d);
            break;
        }
        d->imm = fetch_imm(s, ot);
        d->fn = d->rm == RM_MEM ? h_mov_mi[ot] : h_mov_ri[ot];
        break;
    case 0xc8:
        d->imm = fetch16(s);
        d->imm2 = (uint16_t)fetch8(s);
        d->fn = h_enter;
        break;
    case 0xc9: d->fn = h_leave; break;
    case 0xca:
        d->imm = fetch16(s);
        set_jump(s, d, h_lret);
        break;
    case 0xcb:
        d->imm = 0;
        set_jump(s, d, h_lret);
        break;
    case 0xcc: set_jump(s, d, h_int3); break;
    case 0xcd:
        d->imm = fetch8(s);
        if (check_vm86_iopl(s, d)) {
            set_jump(s, d, h_int);
        }
        break;
    case 0xce: d->fn = h_into; break;     /* the block goes on, as in QEMU */
    case 0xcf:
        if (check_vm86_iopl(s, d)) {
            set_jump(s, d, h_iret);
        }
        break;
    case 0xd4:
        d->imm = fetch8(s);
        d->fn = h_aam;
        if (d->imm == 0) {
            s->end = true;      /* QEMU raises #DE at translation: the block ends */
        }
        break;
    case 0xd5:
        d->imm = fetch8(s);
        d->fn = h_aad;
        break;
    case 0xd6: d->fn = h_salc; break;
    case 0xd7:
        ea_direct(s, d, 0, R_DS);
        d->fn = h_xlat;
        break;
    case 0xd8 ... 0xdf:
        decode_esc(s, d);
        break;
    case 0xe0: case 0xe1: case 0xe2: case 0xe3:
        d->op = b & 3;
        d->imm = rel_target(s, (uint32_t)(int8_t)fetch8(s));
        set_jump(s, d, h_loop);
        break;
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:
        d->ot = (uint8_t)ot_bv(b, ot);
        d->imm = fetch8(s);
        d->op = 0;
        d->fn = (b & 2) ? h_out : h_in;
        break;
    case 0xec: case 0xed: case 0xee: case 0xef:
        d->ot = (uint8_t)ot_bv(b, ot);
        d->op = 1;
        d->fn = (b & 2) ? h_out : h_in;
        break;
    case 0xe8:
        d->imm = rel_target(s, ot == OT_W ? (uint32_t)(int16_t)fetch16(s) : fetch32(s));
        set_jump(s, d, h_call);
        break;
    case 0xe9:
        d->imm = rel_target(s, ot == OT_W ? (uint32_t)(int16_t)fetch16(s) : fetch32(s));
        set_jump(s, d, h_jmp);
        break;
    case 0xea:
        d->imm = fetch_imm(s, ot);
        d->imm2 = (uint16_t)fetch16(s);
        set_jump(s, d, h_ljmp_ptr);
        break;
    case 0xeb:
        d->imm = rel_target(s, (uint32_t)(int8_t)fetch8(s));
        set_jump(s, d, h_jmp);
        break;
    case 0xf1:                  /* ICEBP: QEMU builds without WANT_ICEBP, so #UD */
        illegal(s, d);
        break;
    case 0xf4:
        if (check_cpl0(s, d)) {
            set_jump(s, d, h_hlt);
        }
        break;
    case 0xf5: d->fn = h_cmc; break;
    case 0xf6: case 0xf7: decode_grp3(s, d, b); break;
    case 0xf8: d->fn = h_clc; break;
    case 0xf9: d->fn = h_stc; break;
    case 0xfa:
        if (check_iopl(s, d)) {
            d->fn = h_cli;
        }
        break;
    case 0xfb:
        if (!check_iopl(s, d)) {
            break;
        }
        d->fn = h_sti;
        d->op = (s->flags & HF_INHIBIT_IRQ_MASK) ? 0x80 : 0;
        s->end = true;
        break;
    case 0xfc: d->fn = h_cld; break;
    case 0xfd: d->fn = h_std; break;
    case 0xfe: case 0xff: decode_grp45(s, d, b); break;
    default:
        illegal(s, d);
        break;
    }
}

/* ---- two-byte opcodes --------------------------------------------------------------- */

/*
 * The MMX/SSE opcode space QEMU 7.2 sends to its new decoder: the whole
 * instruction (ModRM, address, immediate) is consumed, then the checks
 * run: SSE forms need CR4.OSFXSR (#UD), then CR0.TS gives #NM, CR0.EM
 * #UD.  Execution of these instructions comes with a later issue; until
 * then they raise #UD as with CR0.EM (README).  3DNow! is #UD (no CPUID bit).
 */
static bool sse_space(int b)
{
    return (b >= 0x0e && b <= 0x17) || (b >= 0x28 && b <= 0x2f) || (b >= 0x38 && b <= 0x3a) ||
           (b >= 0x50 && b <= 0x79) || (b >= 0x7c && b <= 0x7f) || b == 0xc2 ||
           (b >= 0xc4 && b <= 0xc6) || (b >= 0xd0 && b <= 0xfe);
}

static void decode_sse(DecodeCtx *s, DecodedInsn *d, int b)
{
    bool has_imm = b == 0x0f || (b >= 0x70 && b <= 0x73) || b == 0xc2 || (b >= 0xc4 && b <= 0xc6);
    bool mmx = !(s->prefixes & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ)) &&
               ((b >= 0x60 && b <= 0x7f) || b >= 0xd0 || b == 0xc4 || b == 0xc5 || b == 0x38 ||
                b == 0x3a);

    if (b == 0x38 || b == 0x3a) {
        fetch8(s);
        has_imm = b == 0x3a;
    }
    if (b != 0x0e && b != 0x77) {
        modrm(s, d, OT_L);
        if (has_imm) {
            fetch8(s);
        }
    }
    s->end = true;
    if (b == 0x0e || b == 0x0f) {
        illegal(s, d);
    } else if (!mmx && !(s->flags & HF_OSFXSR_MASK)) {
        illegal(s, d);
    } else if (s->flags & HF_TS_MASK) {
        d->fn = h_nm;
    } else {
        illegal(s, d);
    }
}

/* 0F AE: FXSAVE/FXRSTOR/LDMXCSR/STMXCSR check CR0 after the ModRM byte
 * only; the fences are no-ops. */
static void decode_0fae(DecodeCtx *s, DecodedInsn *d)
{
    uint32_t m = fetch8(s);
    int op = (m >> 3) & 7;

    if ((m >> 6) == 3) {
        /* lfence, mfence, sfence: no-ops that do not end the block (QEMU's
         * tcg_gen_mb); 66 0F AE F8 is PCOMMIT, which qemu32 lacks. */
        if (op >= 5 && !(s->prefixes & PREFIX_LOCK) &&
            !(m == 0xf8 && (s->prefixes & PREFIX_DATA))) {
            d->fn = h_nop;
        } else {
            illegal(s, d);
        }
        return;
    }
    s->end = true;
    if (op <= 1 && !(s->prefixes & PREFIX_LOCK) && (s->flags & (HF_EM_MASK | HF_TS_MASK))) {
        d->fn = h_nm;
    } else if ((op == 2 || op == 3) && !(s->flags & HF_EM_MASK) && (s->flags & HF_OSFXSR_MASK) &&
               (s->flags & HF_TS_MASK)) {
        d->fn = h_nm;
    } else {
        illegal(s, d);
    }
}

static void decode_0f(DecodeCtx *s, DecodedInsn *d, int b)
{
    int ot = s->dflag, op;

    if (sse_space(b)) {
        decode_sse(s, d, b);
        return;
    }
    switch (b) {
    case 0xae:
        decode_0fae(s, d);
        break;
    case 0x00:
        modrm_byte(s, d);
        op = d->reg;
        if (!PE(s) || VM86(s) || op >= 6) {
            illegal(s, d);
            break;
        }
        if ((op == 2 || op == 3) && !check_cpl0(s, d)) {
            break;                  /* checked before the operand bytes */
        }
        modrm_operand(s, d, OT_W);
        d->ot = (uint8_t)(d->rm == RM_MEM ? OT_W : ot);
        d->op = op & 1;
        d->fn = op < 2 ? h_sldt_str : op < 4 ? h_lldt_ltr : h_verx;
        break;
    case 0x01:
        modrm_byte(s, d);
        op = d->reg;
        d->ot = (uint8_t)ot;
        if ((op == 2 || op == 3 || op == 6 || (op == 7 && s->mod != 3)) && !check_cpl0(s, d)) {
            break;                  /* checked before the operand bytes */
        }
        modrm_operand(s, d, OT_L);
        switch (op) {
        case 0: case 1:
            if (d->rm != RM_MEM) {
                illegal(s, d);      /* monitor/mwait/... not on qemu32 */
                break;
            }
            d->op = op;
            d->fn = h_sxdt;
            break;
        case 2: case 3:
            if (d->rm != RM_MEM) {
                illegal(s, d);
                break;
            }
            d->op = op & 1;
            d->fn = h_lxdt;
            break;
        case 4:
            d->fn = h_smsw;
            break;
        case 6:
            d->fn = h_lmsw;
            s->end = true;
            break;
        case 7:
            if (d->rm != RM_MEM) {
                illegal(s, d);
                break;
            }
            d->fn = h_invlpg;
            s->end = true;
            break;
        default:
            illegal(s, d);
            break;
        }
        break;
    case 0x02: case 0x03:
        if (!PE(s) || VM86(s)) {
            illegal(s, d);
            break;
        }
        modrm(s, d, OT_W);
        d->ot = (uint8_t)ot;
        d->op = b & 1;
        d->fn = h_lar_lsl;
        break;
    case 0x06:
        if (check_cpl0(s, d)) {
            d->fn = h_clts;
            s->end = true;
        }
        break;
    case 0x08: case 0x09:
        if (check_cpl0(s, d)) {
            d->fn = h_nop;          /* INVD/WBINVD: no caches to model */
        }
        break;
    case 0x0b: illegal(s, d); break;
    case 0x0d:                              /* 3DNow! prefetch: QEMU treats it as a NOP */
        modrm(s, d, OT_L);
        d->fn = h_nop;
        if (d->rm != RM_MEM) {
            illegal(s, d);
        }
        break;
    case 0x18:                              /* prefetch group, hint NOPs */
    case 0x19 ... 0x1f:
        modrm(s, d, OT_L);
        d->fn = h_nop;
        break;
    case 0x20: case 0x21: case 0x22: case 0x23:
        /* QEMU's check_cpl0 comes before the ModRM byte is read. */
        if (!check_cpl0(s, d)) {
            break;
        }
        if (b & 1) {
            goto mov_dr;
        }
        {
        uint32_t m = fetch8(s);
        d->reg = (m >> 3) & 7;
        d->rm = m & 7;
        if (!(d->reg == 0 || d->reg == 2 || d->reg == 3 || d->reg == 4)) {
            illegal(s, d);
            break;
        }
        d->op = (b >> 1) & 1;
        d->fn = h_mov_cr;
        s->end = d->op & 1;         /* a write ends the block, a read does not */
        break;
    }
    mov_dr: {
        uint32_t m = fetch8(s);
        d->reg = (m >> 3) & 7;
        d->rm = m & 7;
        d->op = (b >> 1) & 1;
        d->fn = h_mov_dr;
        s->end = d->op & 1;
        break;
    }
    case 0x30:
        if (check_cpl0(s, d)) {
            d->fn = h_wrmsr;
            s->end = true;
        }
        break;
    case 0x31: d->fn = h_rdtsc; break;
    case 0x32:
        if (check_cpl0(s, d)) {
            d->fn = h_rdmsr;
        }
        break;
    case 0x33: d->fn = h_rdpmc; break;
    case 0x34: set_jump(s, d, h_sysenter); break;
    case 0x35: set_jump(s, d, h_sysexit); break;
    case 0x40 ... 0x4f:
        modrm(s, d, ot);
        d->op = b & 15;
        d->fn = h_cmov;
        break;
    case 0x80 ... 0x8f:
        d->op = b & 15;
        d->imm = rel_target(s, ot == OT_W ? (uint32_t)(int16_t)fetch16(s) : fetch32(s));
        set_jump(s, d, h_jcc);
        break;
    case 0x90 ... 0x9f:
        modrm(s, d, OT_B);
        d->op = b & 15;
        d->fn = h_setcc;
        break;
    case 0xa0: case 0xa8:
        d->reg = b == 0xa0 ? R_FS : R_GS;
        d->fn = h_push_seg;
        break;
    case 0xa1: case 0xa9:
        d->reg = b == 0xa1 ? R_FS : R_GS;
        d->fn = h_pop_seg;
        break;
    case 0xa2: d->fn = h_cpuid; break;
    case 0xa3: case 0xab: case 0xb3: case 0xbb:
        modrm(s, d, ot);
        d->op = (b >> 3) & 3;
        d->imm2 = 0xffff;
        d->fn = h_bt;
        /* QEMU accepts LOCK BT with a memory operand (it just loads). */
        if ((s->prefixes & PREFIX_LOCK) && d->rm != RM_MEM) {
            illegal(s, d);
        }
        break;
    case 0xba:
        modrm(s, d, ot);
        op = d->reg;
        d->imm2 = (uint16_t)fetch8(s);
        if (op < 4) {
            illegal(s, d);
            break;
        }
        d->op = op - 4;
        d->fn = h_bt;
        if ((s->prefixes & PREFIX_LOCK) && d->rm != RM_MEM) {
            illegal(s, d);
        }
        break;
    case 0xa4: case 0xa5: case 0xac: case 0xad:
        modrm(s, d, ot);
        d->op = (b >> 3) & 1;
        d->imm2 = (b & 1) ? 0xffff : (uint16_t)fetch8(s);
        d->fn = h_shiftd;
        break;
    case 0xaf:
        modrm(s, d, ot);
        d->fn = d->rm == RM_MEM ? h_imul_rm : h_imul_rr;
        break;
    case 0xb0: case 0xb1:
        ot = ot_bv(b, ot);
        d->ot = (uint8_t)ot;
        modrm(s, d, ot);
        if ((s->prefixes & PREFIX_LOCK) && d->rm != RM_MEM) {
            illegal(s, d);
            break;
        }
        d->fn = h_cmpxchg;
        break;
    case 0xb2: case 0xb4: case 0xb5:
        modrm(s, d, ot);
        if (d->rm != RM_MEM) {
            illegal(s, d);
            break;
        }
        d->op = b == 0xb2 ? R_SS : b == 0xb4 ? R_FS : R_GS;
        d->fn = h_lxs;
        s->end = seg_load_ends_block(s, d->op);
        break;
    case 0xb6: case 0xb7: case 0xbe: case 0xbf:
        /* destination: a full register; source: 8- or 16-bit rm */
        modrm(s, d, OT_L);
        if (!(b & 1) && d->rm != RM_MEM) {
            d->rm = reg8_offset(d->rm);
        }
        d->op = (uint8_t)((b & 1) | ((b & 8) ? 2 : 0));
        d->fn = h_movx;
        break;
    case 0xbc: case 0xbd:
        modrm(s, d, ot);
        d->op = b & 1;
        d->fn = h_bsf;
        break;
    case 0xc0: case 0xc1:
        ot = ot_bv(b, ot);
        d->ot = (uint8_t)ot;
        modrm(s, d, ot);
        d->fn = h_xadd;
        break;
    case 0xc7:
        modrm(s, d, OT_L);
        if (d->reg != 1 || d->rm != RM_MEM) {
            illegal(s, d);
            break;
        }
        d->fn = h_cmpxchg8b;
        break;
    case 0xc8 ... 0xcf:
        d->rm = b & 7;
        d->fn = h_bswap;
        break;
    default:
        illegal(s, d);
        break;
    }
}

/* ---- blocks ------------------------------------------------------------------------ */

X86DecodeOptions x86_decode_opts;

TranslationBlock *x86_decode_block(CPUX86State *env, uint32_t pc, uint32_t cs_base,
                                   uint32_t flags, int max_insns)
{
    static __thread DecodeCtx s;
    static __thread DecodedInsn buf[MAX_BLOCK_INSNS];
    int n = 0;

    s.env = env;
    s.cs_base = cs_base;
    s.flags = flags;
    s.pc_first = s.pc = pc;
    s.first = true;
    s.cross = s.too_long = false;
    s.nbytes = 0;
    if (max_insns > MAX_BLOCK_INSNS || max_insns <= 0) {
        max_insns = MAX_BLOCK_INSNS;
    }
    /* An interrupt shadow or TF: one instruction (QEMU's i386_tr_translate_insn). */
    if (flags & (HF_INHIBIT_IRQ_MASK | HF_TF_MASK)) {
        max_insns = 1;
    }
    while (n < max_insns) {
        DecodedInsn *d = &buf[n];
        size_t keep = s.nbytes;

        memset(d, 0, sizeof(*d));
        s.pc_start = s.pc;
        decode_one(&s, d);
        if (s.cross) {
            s.nbytes = keep;        /* not part of this block */
            break;
        }
        if (s.too_long) {
            d->fn = h_gpf;
            s.end = true;
        } else if (!d->fn) {
            illegal(&s, d);
        }
        if (d->fn == h_jcc && n > 0 && ((d->op >> 1) == 2 || (d->op >> 1) == 4) &&
            x86_sets_cc_dst32(buf[n - 1].fn)) {
            d->fn = h_jcc_dst32;
        }
        d->eip = s.pc_start - cs_base;
        d->next_eip = s.pc - cs_base;
        d->len = (uint8_t)(s.pc - s.pc_start);
        n++;
        s.first = false;
        if (s.end || (s.pc - pc) >= TARGET_PAGE_SIZE - 32 ||
            ((s.pc ^ pc) & TARGET_PAGE_MASK) != 0) {
            break;
        }
    }

    /* insns[n] is the sentinel that ends the threaded run. */
    TranslationBlock *tb = g_malloc0(sizeof(*tb) + (n + 1) * sizeof(DecodedInsn));
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->size = (uint32_t)s.nbytes;
    tb->n = (uint16_t)n;
    memcpy(tb->insns, buf, n * sizeof(DecodedInsn));
    tb->insns[n].fn = tb_end_handler;
    tb->insns[n].imm = (uint32_t)n;     /* how far back the first one is */
    tb->insns[n].next_eip = buf[n - 1].next_eip;
    tb->insns[n].is_jump = buf[n - 1].is_jump;
    if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM)) {
        x86_log_in_asm(qemu_log_stream(), pc, s.bytes, s.nbytes, (flags & HF_CS32_MASK) ? 32 : 16);
    }
    return tb;
}
