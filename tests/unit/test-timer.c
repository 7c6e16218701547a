/*
 * Clocks and timers (softmmu/timer.c) and interrupt lines (hw/core/irq.c):
 * expiry order, callbacks seeing their own expiry under manual time,
 * re-arming from a callback, deletion, scales, the deadline the timer
 * thread sleeps on, the virtual clock standing still while stopped.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <unistd.h>
#include <glib.h>
#include "softmmu/timer.h"
#include "hw/core/irq.h"

#define MAX_FIRED 16

static int64_t fired_at[MAX_FIRED];
static int fired_id[MAX_FIRED];
static int nfired;

typedef struct Probe {
    int id;
    QEMUTimer *t;
    int64_t period;             /* re-arm this far ahead when > 0 */
    int left;                   /* re-arms left */
} Probe;

static void probe_cb(void *opaque)
{
    Probe *p = opaque;

    if (nfired < MAX_FIRED) {
        fired_at[nfired] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        fired_id[nfired] = p->id;
        nfired++;
    }
    if (p->period > 0 && p->left-- > 0) {
        timer_mod_ns(p->t, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + p->period);
    }
}

static void setup(void)
{
    nfired = 0;
    qemu_clock_set_manual(true);
}

static void teardown(void)
{
    qemu_clock_set_manual(false);
}

static Probe *probe_new(int id)
{
    Probe *p = g_new0(Probe, 1);

    p->id = id;
    p->t = timer_new_ns(QEMU_CLOCK_VIRTUAL, probe_cb, p);
    return p;
}

static void probe_free(Probe *p)
{
    timer_free(p->t);
    g_free(p);
}

START_TEST(test_order_and_time)
{
    Probe *a = probe_new(1), *b = probe_new(2), *c = probe_new(3);

    timer_mod_ns(a->t, 300);
    timer_mod_ns(b->t, 100);
    timer_mod_ns(c->t, 200);
    timer_mod_ns(c->t, 400);       /* re-armed later: moves behind a */
    ck_assert(timer_pending(a->t) && timer_pending(c->t));
    ck_assert_int_eq(qemu_clock_deadline_ns_all(), 100);

    ck_assert_int_eq(qemu_clock_step(250), 250);
    ck_assert_int_eq(nfired, 1);
    ck_assert_int_eq(fired_id[0], 2);
    ck_assert_int_eq(fired_at[0], 100);     /* the callback sees its own expiry */
    ck_assert(!timer_pending(b->t));

    qemu_clock_step(1000);
    ck_assert_int_eq(nfired, 3);
    ck_assert_int_eq(fired_id[1], 1);
    ck_assert_int_eq(fired_at[1], 300);
    ck_assert_int_eq(fired_id[2], 3);
    ck_assert_int_eq(fired_at[2], 400);
    ck_assert_int_eq(qemu_clock_deadline_ns_all(), -1);
    probe_free(a);
    probe_free(b);
    probe_free(c);
}
END_TEST

START_TEST(test_rearm_delete_scale)
{
    Probe *p = probe_new(7), *q = probe_new(8);

    /* Periodic: re-armed from its callback, each run at its own time. */
    p->period = 50;
    p->left = 3;
    timer_mod_ns(p->t, 50);
    qemu_clock_step(1000);
    ck_assert_int_eq(nfired, 4);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(fired_at[i], 50 * (i + 1));
    }

    /* Deleted before it expires: never runs; deleting twice is fine. */
    timer_mod_ns(q->t, 1100);
    timer_del(q->t);
    timer_del(q->t);
    qemu_clock_step(500);
    ck_assert_int_eq(nfired, 4);

    /* A millisecond timer: expiry given in ms. */
    QEMUTimer *ms = timer_new_ms(QEMU_CLOCK_VIRTUAL, probe_cb, q);
    timer_mod(ms, 2);
    ck_assert_int_eq(timer_expire_time_ns(ms), 2000000);
    qemu_clock_step(2000000 - 1500 - 1);
    ck_assert_int_eq(nfired, 4);
    qemu_clock_step(1);
    ck_assert_int_eq(nfired, 5);
    ck_assert_int_eq(fired_at[4], 2000000);
    /* A huge expiry saturates instead of wrapping into the past. */
    timer_mod(ms, INT64_MAX / 2);
    ck_assert_int_eq(timer_expire_time_ns(ms), INT64_MAX);
    timer_free(ms);
    probe_free(p);
    probe_free(q);
}
END_TEST

/* The thread that kicks the CPU sleeps on host monotonic deadlines:
 * virtual timers count only while virtual time runs by itself. */
START_TEST(test_deadline_for_timer_thread)
{
    Probe *v = probe_new(1);
    QEMUTimer *rt = timer_new_ms(QEMU_CLOCK_REALTIME, probe_cb, v);

    timer_mod_ns(v->t, 10);
    ck_assert_int_eq(qemu_clock_next_deadline_mono(), INT64_MAX);   /* manual time */
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    timer_mod(rt, qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + 1000);
    int64_t d = qemu_clock_next_deadline_mono();
    ck_assert(d > now + 990 * SCALE_MS && d < now + 1010 * SCALE_MS);
    timer_free(rt);
    ck_assert_int_eq(qemu_clock_next_deadline_mono(), INT64_MAX);
    probe_free(v);
}
END_TEST

START_TEST(test_virtual_stops)
{
    qemu_clock_set_manual(false);
    qemu_clock_virtual_start();
    int64_t t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    usleep(2000);
    int64_t t1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    ck_assert(t1 - t0 >= 2000000);
    qemu_clock_virtual_stop();
    t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    usleep(2000);
    ck_assert_int_eq(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), t0);
    qemu_clock_virtual_start();
    ck_assert(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) - t0 < 1000000);   /* resumes, no jump */
    qemu_clock_virtual_stop();
}
END_TEST

static int irq_n, irq_level, irq_calls;

static void irq_handler(void *opaque, int n, int level)
{
    ck_assert_ptr_eq(opaque, &irq_calls);
    irq_n = n;
    irq_level = level;
    irq_calls++;
}

START_TEST(test_irq_lines)
{
    qemu_irq *lines = qemu_allocate_irqs(irq_handler, &irq_calls, 4);

    qemu_irq_raise(lines[3]);
    ck_assert_int_eq(irq_n, 3);
    ck_assert_int_eq(irq_level, 1);
    qemu_irq_pulse(lines[1]);
    ck_assert_int_eq(irq_n, 1);
    ck_assert_int_eq(irq_level, 0);
    ck_assert_int_eq(irq_calls, 3);
    qemu_set_irq(NULL, 1);      /* a line to nowhere */
    ck_assert_int_eq(irq_calls, 3);
    qemu_free_irqs(lines, 4);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("timer");
    TCase *tc = tcase_create("timer");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_order_and_time);
    tcase_add_test(tc, test_rearm_delete_scale);
    tcase_add_test(tc, test_deadline_for_timer_thread);
    tcase_add_test(tc, test_virtual_stops);
    tcase_add_test(tc, test_irq_lines);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
