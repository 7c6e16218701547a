/*
 * Clocks and timers (QEMU's util/qemu-timer.c and the virtual clock of
 * softmmu/cpu-timers.c, without icount; see timer.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <time.h>
#include <glib.h>
#include "softmmu/timer.h"

static QEMUTimer *active[QEMU_CLOCK_MAX];  /* sorted by expire_time */

/* Virtual time = host monotonic time - offset while running; frozen at
 * stopped_at while stopped; manual_ns in manual mode.  It starts stopped
 * at 0 and runs from the first vm start (QEMU's cpu_clock_offset). */
static int64_t virtual_offset;
static int64_t stopped_at = 0;

/* The earliest pending timer as host monotonic time (INT64_MAX: none, or
 * only virtual timers while virtual time stands still), for the thread
 * that kicks the CPU; and whom to tell when it moves. */
static int64_t next_deadline = INT64_MAX;
static void (*deadline_notify)(void);

static void update_deadline(void);
static bool manual;
static int64_t manual_ns;

static int64_t host_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    switch (type) {
    case QEMU_CLOCK_VIRTUAL:
        if (manual) {
            return manual_ns;
        }
        if (stopped_at >= 0) {
            return stopped_at;
        }
        return host_ns(CLOCK_MONOTONIC) - virtual_offset;
    case QEMU_CLOCK_HOST:
        return host_ns(CLOCK_REALTIME);
    default:
        return host_ns(CLOCK_MONOTONIC);
    }
}

void qemu_clock_virtual_stop(void)
{
    if (stopped_at < 0) {
        stopped_at = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        update_deadline();
    }
}

void qemu_clock_virtual_start(void)
{
    if (stopped_at >= 0) {
        virtual_offset = host_ns(CLOCK_MONOTONIC) - stopped_at;
        stopped_at = -1;
        update_deadline();
    }
}

void qemu_clock_set_manual(bool on)
{
    manual = on;
    manual_ns = 0;
}

bool qemu_clock_is_manual(void)
{
    return manual;
}

int64_t qemu_clock_step(int64_t ns)
{
    int64_t target = manual_ns + (ns > 0 ? ns : 0);

    /* Stop at each timer due on the way, so that callbacks see their own
     * expiry as the current time (QEMU's qtest clock_step). */
    for (;;) {
        QEMUTimer *t = active[QEMU_CLOCK_VIRTUAL];
        if (!t || t->expire_time > target) {
            break;
        }
        if (t->expire_time > manual_ns) {
            manual_ns = t->expire_time;
        }
        qemu_clock_run_all_timers();
    }
    manual_ns = target;
    qemu_clock_run_all_timers();
    return manual_ns;
}

static void update_deadline(void)
{
    int64_t best = INT64_MAX, mono = host_ns(CLOCK_MONOTONIC);

    for (int type = 0; type < QEMU_CLOCK_MAX; type++) {
        QEMUTimer *t = active[type];
        int64_t d;
        if (!t || (type == QEMU_CLOCK_VIRTUAL && (manual || stopped_at >= 0))) {
            continue;
        }
        d = t->expire_time - qemu_clock_get_ns(type);
        d = mono + (d < 0 ? 0 : d);
        if (d < best) {
            best = d;
        }
    }
    if (best != __atomic_load_n(&next_deadline, __ATOMIC_RELAXED)) {
        __atomic_store_n(&next_deadline, best, __ATOMIC_RELEASE);
        if (deadline_notify) {
            deadline_notify();
        }
    }
}

int64_t qemu_clock_next_deadline_mono(void)
{
    return __atomic_load_n(&next_deadline, __ATOMIC_ACQUIRE);
}

void qemu_clock_set_deadline_notify(void (*notify)(void))
{
    deadline_notify = notify;
}

QEMUTimer *timer_new(QEMUClockType type, int scale, QEMUTimerCB *cb, void *opaque)
{
    QEMUTimer *t = g_new0(QEMUTimer, 1);

    t->type = type;
    t->scale = scale;
    t->cb = cb;
    t->opaque = opaque;
    t->expire_time = -1;
    return t;
}

void timer_del(QEMUTimer *t)
{
    if (!t || t->expire_time < 0) {
        return;
    }
    for (QEMUTimer **pp = &active[t->type]; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire_time = -1;
    update_deadline();
}

void timer_mod_ns(QEMUTimer *t, int64_t expire_ns)
{
    QEMUTimer **pp;

    timer_del(t);
    if (expire_ns < 0) {
        expire_ns = 0;
    }
    t->expire_time = expire_ns;
    for (pp = &active[t->type]; *pp && (*pp)->expire_time <= expire_ns; pp = &(*pp)->next) {
    }
    t->next = *pp;
    *pp = t;
    update_deadline();
}

void timer_mod(QEMUTimer *t, int64_t expire_time)
{
    int64_t ns;

    /* Saturate instead of overflowing, as QEMU's timer_mod does. */
    if (expire_time > INT64_MAX / t->scale) {
        ns = INT64_MAX;
    } else {
        ns = expire_time * t->scale;
    }
    timer_mod_ns(t, ns);
}

bool timer_pending(const QEMUTimer *t)
{
    return t && t->expire_time >= 0;
}

int64_t timer_expire_time_ns(const QEMUTimer *t)
{
    return timer_pending(t) ? t->expire_time : -1;
}

void timer_free(QEMUTimer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

bool qemu_clock_run_all_timers(void)
{
    bool ran = false;

    for (int type = 0; type < QEMU_CLOCK_MAX; type++) {
        int64_t now = qemu_clock_get_ns(type);
        QEMUTimer *t;

        while ((t = active[type]) && t->expire_time <= now) {
            active[type] = t->next;
            t->next = NULL;
            t->expire_time = -1;
            t->cb(t->opaque);       /* may re-arm t or any other timer */
            ran = true;
        }
    }
    update_deadline();
    return ran;
}

int64_t qemu_clock_deadline_ns_all(void)
{
    int64_t best = -1;

    for (int type = 0; type < QEMU_CLOCK_MAX; type++) {
        QEMUTimer *t = active[type];
        if (t) {
            int64_t d = t->expire_time - qemu_clock_get_ns(type);
            d = d < 0 ? 0 : d;
            if (best < 0 || d < best) {
                best = d;
            }
        }
    }
    return best;
}
