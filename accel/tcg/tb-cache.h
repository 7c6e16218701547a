/*
 * The decode cache: decoded blocks ("translation blocks") kept per guest
 * physical page, looked up by (pc, cs_base, flags) as QEMU looks up TBs,
 * and dropped when their bytes are written (self-modifying code).
 *
 * QEMU translates a block to host code; we decode it to an array of
 * DecodedInsn, each with a handler of one signature.  When QEMU would
 * translate (and print `-d in_asm`), we decode (and print the same).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_TB_CACHE_H
#define ACCEL_TCG_TB_CACHE_H

#include "cpu/cpu.h"

typedef struct DecodedInsn DecodedInsn;
typedef void (*X86Handler)(CPUX86State *env, const DecodedInsn *d);

/*
 * One decoded instruction.  Handlers run with env->eip = d->eip.  A
 * handler that transfers control (d->is_jump) sets env->eip itself; for
 * the others the execution loop moves on to d->next_eip.
 */
struct DecodedInsn {
    X86Handler fn;
    uint32_t eip, next_eip;     /* offsets in CS */
    uint32_t disp;              /* effective-address displacement */
    uint32_t amask;             /* 0xffff (16-bit addressing) or ~0 */
    uint32_t imm;               /* immediate, or branch target offset */
    uint16_t imm2;              /* second immediate (far selector, ENTER level) */
    uint8_t base, index;        /* EA registers; R_ZERO when absent */
    uint8_t scale;
    uint8_t seg;                /* segment of the memory operand */
    uint8_t reg;                /* ModRM.reg (byte offset for 8-bit operands) */
    uint8_t rm;                 /* ModRM.rm register (byte offset for 8-bit) */
    uint8_t ot;                 /* operand size: 0 = 8, 1 = 16, 2 = 32 bit */
    uint8_t op;                 /* sub-operation (group index, condition, ...) */
    uint8_t prefix;             /* PREFIX_* */
    uint8_t aflag;              /* address size: 1 = 16, 2 = 32 bit */
    uint8_t is_jump;            /* ends the block, sets env->eip */
    uint8_t len;
};

#define PREFIX_REPZ   0x01
#define PREFIX_REPNZ  0x02
#define PREFIX_LOCK   0x04
#define PREFIX_DATA   0x08
#define PREFIX_ADR    0x10
#define PREFIX_SEG    0x20      /* an explicit segment override */

/* QEMU's cflags bits that change how a block is made or found: an
 * instruction limit (1 after a store into the running block) and "no
 * interrupt check before it". */
#define CF_COUNT_MASK  0x000001ff
#define CF_NOIRQ       0x00100000

typedef struct TranslationBlock TranslationBlock;
struct TranslationBlock {
    uint32_t pc;                /* linear address of the first byte */
    uint32_t cs_base;
    uint32_t flags;             /* hflags | EFLAGS IOPL/TF/RF/VM/AC */
    uint32_t cflags;            /* CF_COUNT_MASK | CF_NOIRQ bits it was made with */
    uint32_t size;              /* bytes covered */
    uint8_t *host[2];           /* host addresses of first byte / 2nd page; NULL if not RAM */
    uint32_t size0;             /* bytes in the first page */
    TranslationBlock *hash_next;
    TranslationBlock *page_next[2];
    /* Links to blocks that followed this one (QEMU's goto_tb chaining),
     * valid while tb_gen is unchanged: see cpu-exec.c. */
    struct TBLink {
        TranslationBlock *tb;
        uint32_t pc, cs_base, flags;    /* tb's key, kept here to save a load */
        uint32_t gen;
    } jmp[2];
    uint8_t jmp_victim;         /* the slot the next new link replaces */
    bool invalid;
    bool cached;                /* in the hash (RAM-backed code) */
    uint16_t n;                 /* instructions */
    /* n of them, then a sentinel (tb_end_handler or tb_chain_handler)
     * whose imm is n and whose next_eip and is_jump are the last one's. */
    DecodedInsn insns[];
};

/* The key QEMU uses for a TB (cpu_get_tb_cpu_state). */
static inline uint32_t x86_tb_flags(const CPUX86State *env)
{
    return env->hflags | (env->eflags & (IOPL_MASK | TF_MASK | RF_MASK | VM_MASK | AC_MASK));
}

/* The block to run at env's current CS:EIP with these cflags, decoding it
 * if needed (may raise a fetch fault). */
TranslationBlock *tb_lookup(CPUX86State *env, uint32_t cflags);
/* A block that was not cached (code outside RAM) is freed after its run. */
void tb_release(CPUX86State *env, TranslationBlock *tb);

void tb_jmp_cache_clear(CPUX86State *env);
void tb_jmp_cache_clear_page(CPUX86State *env, uint32_t page);
bool tb_page_has_code(uint8_t *host);
/* Set up the cache for env (the one CPU). */
void tb_cache_init(CPUX86State *env);
/* Drop every block and free the cache (machine teardown). */
void tb_cache_destroy(CPUX86State *env);

/* Bumped whenever a block is dropped or the jump cache is cleared (TLB
 * flush): every existing link is then stale. */
extern uint32_t tb_gen;

/* The handler of the sentinel that follows a block's last instruction. */
void tb_end_handler(CPUX86State *env, const DecodedInsn *d);
/* The sentinel of a block that may chain to the next (cpu-exec.c). */
void tb_chain_handler(CPUX86State *env, const DecodedInsn *d);

/* The block being executed, so that a store invalidating it can stop it. */
extern __thread TranslationBlock *tb_current;

/* cpu/decode.c: decode a block at pc. max_insns 1 with -singlestep. */
TranslationBlock *x86_decode_block(CPUX86State *env, uint32_t pc, uint32_t cs_base,
                                   uint32_t flags, int max_insns);

#endif
