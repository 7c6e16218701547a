/*
 * Running the machine (QEMU's softmmu/runstate.c and cpus.c, reduced to
 * one CPU in the main thread): create CPU 0, run it, and act on reset
 * and shutdown requests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <signal.h>
#include <unistd.h>
#include "softmmu/runstate.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb-cache.h"
#include "cpu/decode.h"
#include "hw/i386/pc.h"
#include "softmmu/log.h"

typedef struct RunState {
    CPUX86State *cpu;
    bool reset_requested;
} RunState;

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
    qemu_log_mask(CPU_LOG_RESET, "CPU Reset (CPU 0)\n");
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

int x86slice_run(struct PCMachineState *pc, const RunOptions *opts)
{
    RunState rs = { 0 };
    CPUX86State *env;

    env = x86_cpu_new(&pc->cpu_as_memory, &pc->cpu_as_smm, &pc->address_space_io);
    rs.cpu = env;
    env->reset_request = reset_request;
    env->machine = &rs;
    x86_decode_opts.singlestep = opts->singlestep;
    x86_decode_opts.nochain = qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN);
    x86_cpu_reset(env);
    tb_cache_init(env);
    if (opts->start_stopped) {
        wait_forever();
    }
    for (;;) {
        int r = cpu_exec(env);

        if (rs.reset_requested) {
            rs.reset_requested = false;
            if (opts->no_reboot) {
                if (opts->no_shutdown) {
                    wait_forever();
                }
                break;
            }
            system_reset(&rs);
            continue;
        }
        if (r == EXCP_HLT && env->halted) {
            wait_forever();
        }
    }
    tb_cache_destroy(env);
    x86_cpu_free(env);
    return 0;
}
