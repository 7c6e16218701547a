/*
 * Running the machine (QEMU's softmmu/runstate.c and cpus.c, reduced to
 * one CPU in the main thread): create CPU 0, run it, and act on reset
 * and shutdown requests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "softmmu/runstate.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb-cache.h"
#include "cpu/decode.h"
#include "hw/i386/pc.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"
#include "cpu/misc_helper.h"

typedef struct RunState {
    CPUX86State *cpu;
    struct PCMachineState *pc;
    bool reset_requested;
} RunState;

static RunState run_state;

/* qemu_system_reset_request: the guest asked for a reset (triple fault). */
static void reset_request(void *opaque)
{
    RunState *rs = opaque;
    rs->reset_requested = true;
    cpu_exit(rs->cpu);
}

/* qemu_system_reset: devices keep RAM; the CPU goes back to its reset
 * state (the chipset's registers come with the next issue). */
static void system_reset(RunState *rs)
{
    pc_machine_reset(rs->pc);
    x86_cpu_reset(rs->cpu);
}

/* Nothing can wake a halted CPU until the interrupt controllers exist
 * (next issue): wait as QEMU would, until a signal ends the process. */
static void wait_forever(void)
{
    for (;;) {
        pause();
    }
}

/* X86SLICE_STATS=1 (x86slice only): the guest instruction count at exit,
 * on stderr, for `make bench` (the guest usually leaves through
 * isa-debug-exit, i.e. exit()). */
static void print_stats(void)
{
    if (run_state.cpu) {
        fprintf(stderr, "x86slice: %llu instructions\n",
                (unsigned long long)cpu_exec_icount(run_state.cpu));
    }
}

void x86slice_cpu_create(struct PCMachineState *pc)
{
    CPUX86State *env;

    if (run_state.cpu) {
        return;
    }
    env = x86_cpu_new(&pc->cpu_as_memory, &pc->cpu_as_smm, &pc->address_space_io);
    run_state.cpu = env;
    run_state.pc = pc;
    env->reset_request = reset_request;
    env->machine = &run_state;
    if (getenv("X86SLICE_STATS")) {
        atexit(print_stats);
    }
    /* QEMU resets the CPU twice while starting (x86_cpu_new did the first). */
    x86_cpu_reset(env);
    tb_cache_init(env);
}

CPUX86State *x86slice_first_cpu(void)
{
    return run_state.cpu;
}

void x86slice_cpu_destroy(void)
{
    if (run_state.cpu) {
        tb_cache_destroy(run_state.cpu);
        x86_cpu_free(run_state.cpu);
        run_state.cpu = NULL;
    }
}

int x86slice_run(struct PCMachineState *pc, const RunOptions *opts)
{
    RunState *rs = &run_state;
    CPUX86State *env;

    x86slice_cpu_create(pc);
    env = rs->cpu;
    x86_decode_opts.singlestep = opts->singlestep;
    x86_decode_opts.nochain = qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN);
    if (opts->start_stopped) {
        wait_forever();
    }
    cpu_enable_ticks();
    current_cpu_index = 0;
    for (;;) {
        int r = cpu_exec(env);

        if (rs->reset_requested) {
            rs->reset_requested = false;
            if (opts->no_reboot) {
                if (opts->no_shutdown) {
                    wait_forever();
                }
                break;
            }
            system_reset(rs);
            continue;
        }
        if (r == EXCP_HLT && env->halted) {
            wait_forever();
        }
    }
    current_cpu_index = -1;
    cpu_disable_ticks();
    return 0;
}
