/*
 * The execution loop (QEMU's cpu_exec): deliver a pending exception,
 * take an interrupt at a block boundary, find the block for CS:EIP, log
 * the state (-d cpu, -d exec) and run the block's handlers.
 *
 * Exceptions leave a handler by siglongjmp to the sigsetjmp here (QEMU's
 * cpu_loop_exit); the handler has set env->exception_index and EIP still
 * points at the faulting instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb-cache.h"
#include "cpu/decode.h"
#include "cpu/ops-decl.h"
#include "cpu/misc_helper.h"
#include "softmmu/log.h"


static void log_cpu_exec(CPUX86State *env, const TranslationBlock *tb)
{
    FILE *f = qemu_log_stream();

    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        /* QEMU's cflags: cluster 0xff, CF_NO_GOTO_TB (0x200) with -singlestep
         * or nochain, and the instruction limit 1 with -singlestep. */
        uint32_t cflags = 0xff000000u |
            (x86_decode_opts.singlestep || x86_decode_opts.nochain ? 0x200u : 0u) |
            (x86_decode_opts.singlestep ? 1u : 0u);
        fprintf(f, "Trace 0: %p [%08x/%08x/%08x/%08x] \n", (const void *)tb, tb->cs_base,
                tb->pc, tb->flags, cflags);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
        int flags = CPU_DUMP_CCOP;
        if (qemu_loglevel_mask(CPU_LOG_TB_FPU)) {
            flags |= CPU_DUMP_FPU;
        }
        x86_cpu_dump_state(env, f, flags);
    }
}

/* Run one block.  Only its last instruction may transfer control; a store
 * that invalidates the block, or an instruction that changes what the
 * block was decoded for, stops it early through env->tb_exit. */
static void tb_exec(CPUX86State *env, TranslationBlock *tb)
{
    const DecodedInsn *d = tb->insns, *last = d + tb->n - 1;

    tb_current = tb;
    env->tb_exit = false;
    for (;;) {
        env->eip = d->eip;
        d->fn(env, d);
        env->icount++;
        if (d == last || env->tb_exit) {
            break;
        }
        d++;
    }
    if (!d->is_jump) {
        env->eip = d->next_eip;
    }
    tb_current = NULL;
    /* The interrupt shadow ends with the block that ran under it (QEMU's
     * gen_eob), unless that block set it (STI, MOV SS, POP SS).  A block
     * left by an exception or INT keeps it, as in QEMU. */
    if (d->fn != h_sti && d->fn != h_mov_ss_load && d->fn != h_pop_ss) {
        env->hflags &= ~HF_INHIBIT_IRQ_MASK;
    }
    if (tb->flags & HF_RF_MASK) {
        env->eflags &= ~RF_MASK;
    }
    /* TF set when the block was decoded: a single-step trap after the
     * instruction (QEMU's gen_helper_single_step), except after MOV SS. */
    if (unlikely(tb->flags & HF_TF_MASK) && d->fn != h_mov_ss_load && d->fn != h_pop_ss) {
        helper_single_step(env);
    }
}

int cpu_exec(CPUX86State *env)
{
    static __thread TranslationBlock *volatile uncached;

    x86_cpu_exec_enter(env);
    if (sigsetjmp(env->jmp_env, 0) != 0) {
        /* Back from a handler: an exception, or a loop exit. */
        tb_current = NULL;
        if (uncached) {
            tb_release(env, uncached);
            uncached = NULL;
        }
    }
    for (;;) {
        int excp = env->exception_index;

        if (excp >= 0) {
            if (excp >= EXCP_INTERRUPT) {
                env->exception_index = -1;
                return excp;
            }
            x86_cpu_do_interrupt(env);
            env->exception_index = -1;
        }
        /* After an interrupt is taken one block runs before the next
         * check, as in QEMU's cpu_handle_interrupt. */
        if (unlikely(env->interrupt_request)) {
            x86_cpu_exec_interrupt(env, env->interrupt_request);
        }
        if (unlikely(env->exit_request)) {
            __atomic_store_n(&env->exit_request, 0, __ATOMIC_RELAXED);
            return EXCP_INTERRUPT;
        }
        if (env->halted) {
            return EXCP_HLT;
        }

        TranslationBlock *tb = tb_lookup(env);
        if (!tb->cached) {
            uncached = tb;
        }
        if (unlikely(qemu_loglevel & (CPU_LOG_TB_CPU | CPU_LOG_EXEC))) {
            log_cpu_exec(env, tb);
        }
        tb_exec(env, tb);
        if (uncached) {
            tb_release(env, uncached);
            uncached = NULL;
        }
    }
}
