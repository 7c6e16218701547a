/*
 * Running the machine (QEMU's softmmu/runstate.c and cpus.c, reduced to
 * one CPU in the main thread): create CPU 0, run it, and act on reset
 * and shutdown requests.
 *
 * Timers run on the CPU's thread between calls of cpu_exec.  A second
 * thread (QEMU's main loop, reduced to its timer part) sleeps until the
 * earliest timer is due and then asks the CPU to leave cpu_exec
 * (cpu_exit), which happens at the end of the running block.  A halted
 * CPU sleeps until a timer is due or a device raises an interrupt.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
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
#include "softmmu/timer.h"

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

/* ---- the timer thread and the halted CPU's wait ------------------------- */

static pthread_mutex_t wait_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timer_cond = PTHREAD_COND_INITIALIZER;   /* deadline moved */
static pthread_cond_t work_cond = PTHREAD_COND_INITIALIZER;    /* CPU has work */
static bool work_posted;

static void deadline_changed(void)
{
    pthread_mutex_lock(&wait_lock);
    pthread_cond_broadcast(&timer_cond);
    pthread_cond_broadcast(&work_cond);
    pthread_mutex_unlock(&wait_lock);
}

/* env->kick: an interrupt request was raised. */
static void kick_cpu(CPUX86State *env)
{
    cpu_exit(env);
    pthread_mutex_lock(&wait_lock);
    work_posted = true;
    pthread_cond_broadcast(&work_cond);
    pthread_mutex_unlock(&wait_lock);
}

static struct timespec mono_timespec(int64_t ns)
{
    return (struct timespec){ .tv_sec = ns / NANOSECONDS_PER_SECOND,
                              .tv_nsec = ns % NANOSECONDS_PER_SECOND };
}

/* Waits for the deadline to come, once per deadline, then kicks the CPU
 * out of cpu_exec so that it runs the timers. */
static void *timer_thread(void *opaque)
{
    CPUX86State *env = opaque;
    int64_t kicked = INT64_MIN;

    pthread_mutex_lock(&wait_lock);
    for (;;) {
        int64_t d = qemu_clock_next_deadline_mono();
        int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

        if (d != INT64_MAX && d <= now && d != kicked) {
            kicked = d;
            cpu_exit(env);
            pthread_cond_broadcast(&work_cond);
        } else if (d == INT64_MAX || d <= now) {
            pthread_cond_wait(&timer_cond, &wait_lock);
        } else {
            struct timespec ts = mono_timespec(d);
            pthread_cond_timedwait(&timer_cond, &wait_lock, &ts);
        }
    }
    return NULL;
}

static void start_timer_thread(CPUX86State *env)
{
    static bool started;
    pthread_condattr_t attr;
    pthread_t t;

    if (started) {
        return;
    }
    started = true;
    /* Deadlines are CLOCK_MONOTONIC times (QEMU_CLOCK_REALTIME). */
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&timer_cond, &attr);
    pthread_cond_init(&work_cond, &attr);
    pthread_condattr_destroy(&attr);
    qemu_clock_set_deadline_notify(deadline_changed);
    if (pthread_create(&t, NULL, timer_thread, env) == 0) {
        pthread_detach(t);
    }
}

/* HLT: run the timers that are due; sleep until the next one or until a
 * device raises an interrupt; return once the CPU has work (QEMU's
 * qemu_wait_io_event with cpu_thread_is_idle). */
static void wait_for_work(RunState *rs)
{
    CPUX86State *env = rs->cpu;

    for (;;) {
        qemu_clock_run_all_timers();
        if (x86_cpu_has_work(env) || rs->reset_requested) {
            return;
        }
        pthread_mutex_lock(&wait_lock);
        if (!work_posted) {
            int64_t d = qemu_clock_next_deadline_mono();
            if (d == INT64_MAX) {
                pthread_cond_wait(&work_cond, &wait_lock);
            } else {
                struct timespec ts = mono_timespec(d);
                pthread_cond_timedwait(&work_cond, &wait_lock, &ts);
            }
        }
        work_posted = false;
        pthread_mutex_unlock(&wait_lock);
    }
}

/* -S, or -no-shutdown after the guest stopped: nothing resumes the machine
 * until the monitor can (a later slice of #4); wait until a signal ends
 * the process. */
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
    env->kick = kick_cpu;
    if (getenv("X86SLICE_STATS")) {
        atexit(print_stats);
    }
    /* QEMU resets the CPU twice while starting (x86_cpu_new did the first). */
    x86_cpu_reset(env);
    tb_cache_init(env);
}

void qemu_system_reset_request(void)
{
    if (run_state.cpu) {
        reset_request(&run_state);
    }
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
    qemu_clock_virtual_start();
    start_timer_thread(env);
    current_cpu_index = 0;
    for (;;) {
        int r = cpu_exec(env);

        qemu_clock_run_all_timers();
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
            wait_for_work(rs);
        }
    }
    current_cpu_index = -1;
    qemu_clock_virtual_stop();
    cpu_disable_ticks();
    return 0;
}
