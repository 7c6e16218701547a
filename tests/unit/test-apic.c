/*
 * The local APIC (hw/intc/apic.c), driven through "apic-msi" as CPU 0
 * drives it: register semantics, priorities (TPR/PPR against IRR/ISR),
 * IPIs and their destinations, EOI broadcast, MSI, the base MSR, the
 * PIC's path through LINT0, and the timer on a manually stepped clock.
 * Expected values are QEMU 7.2's (hw/intc/apic.c, apic_common.c); the
 * probe ROM roms/apic.asm checks the same against QEMU itself.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <glib.h>
#include "hw/intc/apic.h"
#include "hw/intc/i8259.h"
#include "cpu/cpu.h"
#include "cpu/misc_helper.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"
#include "softmmu/trace.h"
#include "memtest.h"

#define BASE 0xfee00000u

static APICState *apic;
static CPUX86State *env;
static AddressSpace *as;
static PICState *pic;
static qemu_irq pic_out;
static int eoi_vectors[8], n_eoi;

static void eoi_hook(void *opaque, int vector)
{
    (void)opaque;
    if (n_eoi < 8) {
        eoi_vectors[n_eoi++] = vector;
    }
}

/* pc.c's pic_irq_request */
static void pic_request(void *opaque, int n, int level)
{
    (void)opaque; (void)n;
    if (apic_accept_pic_intr(apic)) {
        apic_deliver_pic_intr(apic, level);
    }
}

static void setup(void)
{
    MemoryRegion *sys, *mr;

    memtest_setup();
    qemu_clock_set_manual(true);
    sys = memtest_container("system", UINT64_MAX);
    apic = apic_new(0);
    mr = memtest_io("apic-msi", APIC_SPACE_SIZE, &apic_io_ops, apic);
    memtest_add(sys, BASE, mr, 0x1000);
    as = memtest_as(sys, "memory");
    env = x86_cpu_new(as, NULL, NULL);
    apic_connect_cpu(apic, env);
    pic_out = qemu_allocate_irq(pic_request, NULL, 0);
    pic = i8259_init(pic_out);
    i8259_reset(pic);
    apic->pic = pic;
    apic->eoi_broadcast = eoi_hook;
    n_eoi = 0;
    apic_reset(apic);
    env->interrupt_request = 0;
    current_cpu_index = 0;
}

static void teardown(void)
{
    current_cpu_index = -1;
    apic_free(apic);
    i8259_free(pic);
    qemu_free_irq(pic_out);
    x86_cpu_free(env);
    memtest_teardown();
    qemu_clock_set_manual(false);
}

static uint32_t rd(hwaddr off)
{
    return address_space_ldl_le(as, BASE + off, UNSPEC, NULL);
}

static void wr(hwaddr off, uint32_t val)
{
    address_space_stl_le(as, BASE + off, val, UNSPEC, NULL);
}

static bool hard(void)
{
    return env->interrupt_request & CPU_INTERRUPT_HARD;
}

/* vector -> bit in IRR/ISR/TMR word */
static uint32_t vbit(int v)
{
    return 1u << (v & 31);
}

/* ---- registers ---------------------------------------------------------------- */

START_TEST(test_reset_values)
{
    ck_assert_uint_eq(rd(0x020), 0);
    ck_assert_uint_eq(rd(0x030), 0x00050014);
    ck_assert_uint_eq(rd(0x0e0), 0xffffffff);
    ck_assert_uint_eq(rd(0x0f0), 0xff);
    for (int i = 0; i < 6; i++) {
        ck_assert_uint_eq(rd(0x320 + 0x10 * i), 0x10000);
    }
    ck_assert_uint_eq(rd(0x280), 0);
    ck_assert_uint_eq(rd(0x040), 0);            /* reserved: ESR bit 7 */
    ck_assert_uint_eq(rd(0x280), 0x80);
    ck_assert_uint_eq(env->apic_base, 0xfee00900);
}
END_TEST

START_TEST(test_access_sizes_and_no_cpu)
{
    ck_assert_uint_eq(address_space_ldub(as, BASE + 0x30, UNSPEC, NULL), 0);
    address_space_stb(as, BASE + 0x80, 0x70, UNSPEC, NULL);
    ck_assert_uint_eq(rd(0x080), 0);            /* byte writes dropped */
    ck_assert_uint_eq(rd(0x1030), 0x00050014);  /* index wraps above 4 KiB */
    current_cpu_index = -1;                     /* no current CPU: reads 0 */
    ck_assert_uint_eq(rd(0x030), 0);
    wr(0x080, 0x40);
    current_cpu_index = 0;
    ck_assert_uint_eq(rd(0x080), 0);
}
END_TEST

START_TEST(test_register_masks)
{
    wr(0x020, 0xffffffff);
    ck_assert_uint_eq(rd(0x020), 0xff000000);
    wr(0x030, 0);
    ck_assert_uint_eq(rd(0x030), 0x00050014);
    wr(0x080, 0x1ff);
    ck_assert_uint_eq(rd(0x080), 0xff);         /* 8-bit TPR */
    wr(0x0d0, 0x12345678);
    ck_assert_uint_eq(rd(0x0d0), 0x12000000);
    wr(0x0e0, 0x0);
    ck_assert_uint_eq(rd(0x0e0), 0x0fffffff);
    wr(0x0f0, 0xffffffff);
    ck_assert_uint_eq(rd(0x0f0), 0x1ff);
    wr(0x3e0, 0xffffffff);
    ck_assert_uint_eq(rd(0x3e0), 0xb);
    wr(0x350, 0xffffffff);                      /* LVTs keep all 32 bits */
    ck_assert_uint_eq(rd(0x350), 0xffffffff);
    wr(0x280, 0xffffffff);                      /* read-only ones */
    wr(0x100, 0xffffffff);
    wr(0x200, 0xffffffff);
    ck_assert_uint_eq(rd(0x280), 0);
    ck_assert_uint_eq(rd(0x100), 0);
    ck_assert_uint_eq(rd(0x200), 0);
    wr(0x3f0, 1);                               /* unknown: ESR bit 7 */
    ck_assert_uint_eq(rd(0x280), 0x80);
}
END_TEST

/* ---- priorities --------------------------------------------------------------- */

START_TEST(test_tpr_ppr_irr_isr)
{
    wr(0x0f0, 0x1ff);
    wr(0x080, 0x50);
    wr(0x300, 0x40045);                         /* self, vector 0x45 */
    ck_assert_uint_eq(rd(0x220), vbit(0x45));
    ck_assert_uint_eq(rd(0x0a0), 0x50);
    ck_assert(!hard());                         /* class 4 <= class 5 */
    ck_assert_int_eq(apic_get_interrupt(apic), 0xff);   /* spurious */
    wr(0x080, 0x4f);
    ck_assert(!hard());                         /* same class: blocked */
    wr(0x080, 0x3f);
    ck_assert(hard());
    ck_assert_int_eq(apic_get_interrupt(apic), 0x45);
    ck_assert_uint_eq(rd(0x220), 0);
    ck_assert_uint_eq(rd(0x120), vbit(0x45));
    ck_assert_uint_eq(rd(0x0a0), 0x40);         /* PPR from ISR */
    ck_assert(!hard());
    /* a lower vector waits for the EOI, a higher class preempts */
    wr(0x300, 0x40041);
    ck_assert(!hard());
    wr(0x300, 0x40061);
    ck_assert(hard());
    ck_assert_int_eq(apic_get_interrupt(apic), 0x61);
    ck_assert_uint_eq(rd(0x130), vbit(0x61));
    wr(0x0b0, 0);                               /* EOI ends 0x61 */
    ck_assert_uint_eq(rd(0x130), 0);
    ck_assert_uint_eq(rd(0x120), vbit(0x45));
    ck_assert(!hard());
    wr(0x0b0, 0);                               /* then 0x45 */
    ck_assert(hard());
    ck_assert_int_eq(apic_get_interrupt(apic), 0x41);
    wr(0x0b0, 0);
    wr(0x0b0, 0);                               /* nothing in service */
    ck_assert_uint_eq(rd(0x100) | rd(0x120) | rd(0x130), 0);
    ck_assert_int_eq(n_eoi, 0);                 /* all edge */
}
END_TEST

START_TEST(test_svr_disable)
{
    wr(0x300, 0x40050);                         /* SVR 0xff: disabled */
    ck_assert_uint_eq(rd(0x220), vbit(0x50));
    ck_assert(!hard());
    ck_assert_int_eq(apic_get_interrupt(apic), -1);
    wr(0x0f0, 0x1ff);
    ck_assert(hard());
    ck_assert_int_eq(apic_get_interrupt(apic), 0x50);
}
END_TEST

START_TEST(test_level_eoi_broadcast)
{
    wr(0x0f0, 0x1ff);
    wr(0x300, 0x4c070);                         /* self, level, 0x70 */
    ck_assert_uint_eq(rd(0x1b0), vbit(0x70));
    ck_assert_int_eq(apic_get_interrupt(apic), 0x70);
    wr(0x0b0, 0);
    ck_assert_int_eq(n_eoi, 1);
    ck_assert_int_eq(eoi_vectors[0], 0x70);
    /* SVR keeps 9 bits, so directed EOI (bit 12) cannot be set (QEMU) */
    wr(0x0f0, 0x11ff);
    ck_assert_uint_eq(rd(0x0f0), 0x1ff);
    wr(0x300, 0x4c070);
    ck_assert_int_eq(apic_get_interrupt(apic), 0x70);
    wr(0x0b0, 0);
    ck_assert_int_eq(n_eoi, 2);
    wr(0x300, 0x44070);                         /* edge clears TMR */
    ck_assert_uint_eq(rd(0x1b0), 0);
}
END_TEST

/* ---- IPIs ---------------------------------------------------------------------- */

START_TEST(test_ipi_destinations)
{
    wr(0x0f0, 0x1ff);
    wr(0x310, 0x01000000);                      /* ID 1: absent */
    wr(0x300, 0x0040);
    wr(0x300, 0x4500);
    wr(0x300, 0x4608);
    wr(0x300, 0x0400);
    ck_assert_uint_eq(rd(0x220), 0);
    ck_assert_uint_eq(env->interrupt_request, 0);
    wr(0x300, 0xc0040);                         /* all but self */
    ck_assert_uint_eq(rd(0x220), 0);
    wr(0x310, 0);                               /* physical ID 0 */
    wr(0x300, 0x0041);
    ck_assert_uint_eq(rd(0x220), vbit(0x41));
    wr(0x310, 0xff000000);                      /* broadcast, lowest prio */
    wr(0x300, 0x0142);
    ck_assert_uint_eq(rd(0x220), vbit(0x41) | vbit(0x42));
    /* logical flat: LDR 0x04 */
    wr(0x0d0, 0x04000000);
    wr(0x310, 0x03000000);
    wr(0x300, 0x0843);
    ck_assert_uint_eq(rd(0x220) & vbit(0x43), 0);
    wr(0x310, 0x06000000);
    wr(0x300, 0x0843);
    ck_assert_uint_eq(rd(0x220) & vbit(0x43), vbit(0x43));
    /* cluster: LDR 0x24 = cluster 2, member 4 */
    wr(0x0e0, 0x0fffffff);
    wr(0x0d0, 0x24000000);
    wr(0x310, 0x14000000);
    wr(0x300, 0x0844);
    ck_assert_uint_eq(rd(0x220) & vbit(0x44), 0);
    wr(0x310, 0x2c000000);
    wr(0x300, 0x0844);
    ck_assert_uint_eq(rd(0x220) & vbit(0x44), vbit(0x44));
    /* self uses the current ID: ID 5 has no APIC behind it */
    wr(0x020, 0x05000000);
    wr(0x300, 0x40045);
    ck_assert_uint_eq(rd(0x220) & vbit(0x45), 0);
}
END_TEST

START_TEST(test_ipi_modes_to_self)
{
    wr(0x300, 0x40400);                         /* NMI */
    ck_assert_uint_eq(env->interrupt_request, CPU_INTERRUPT_NMI);
    env->interrupt_request = 0;
    wr(0x300, 0x40200);                         /* SMI */
    ck_assert_uint_eq(env->interrupt_request, CPU_INTERRUPT_SMI);
    env->interrupt_request = 0;
    wr(0x300, 0x48500);                         /* INIT de-assert: nothing */
    ck_assert_uint_eq(env->interrupt_request, 0);
    wr(0x300, 0x44500);                         /* INIT */
    ck_assert_uint_eq(env->interrupt_request, CPU_INTERRUPT_INIT);
    env->interrupt_request = 0;
    wr(0x300, 0x84608);                         /* SIPI to all */
    ck_assert_uint_eq(env->interrupt_request, CPU_INTERRUPT_SIPI);
    ck_assert_int_eq(apic->sipi_vector, 8);
    ck_assert_uint_eq(rd(0x300), 0x84608);      /* ICR reads back raw */
}
END_TEST

START_TEST(test_msi)
{
    wr(0x0f0, 0x1ff);
    wr(0x1000, 0x8051);                         /* dest 1: nobody */
    ck_assert_uint_eq(rd(0x220), 0);
    wr(0x0000, 0x8051);                         /* index 0: MSI to ID 0, level */
    ck_assert_uint_eq(rd(0x220), vbit(0x51));
    ck_assert_uint_eq(rd(0x1a0), vbit(0x51));
    wr(0x0ff000, 0x52);                         /* broadcast */
    ck_assert_uint_eq(rd(0x220), vbit(0x51) | vbit(0x52));
    address_space_stw_le(as, BASE + 0x1000 * 0xff, 0x53, UNSPEC, NULL);
    ck_assert_uint_eq(rd(0x220) & vbit(0x53), 0);   /* < 4 bytes: dropped */
    apic_deliver_irq(0, 0, APIC_DM_EXTINT, 0x54, 0);
    ck_assert_uint_eq(rd(0x220) & vbit(0x54), vbit(0x54));
}
END_TEST

/* ---- base MSR and the PIC ------------------------------------------------------ */

START_TEST(test_base_msr)
{
    uint32_t cpuid = env->cpuid_features;

    wr(0x0f0, 0x1ff);
    ck_assert_int_eq(apic_accept_pic_intr(apic), 0);
    apic_set_base(env, 0xfef00800);             /* moves, BSP kept */
    ck_assert_uint_eq(apic_get_base(env), 0xfef00900);
    apic_set_base(env, 0xfee00000);             /* disable */
    ck_assert_uint_eq(env->apic_base, 0xfee00100);
    ck_assert_uint_eq(rd(0x0f0), 0xff);
    ck_assert_uint_eq(env->cpuid_features, cpuid & ~CPUID_APIC);
    ck_assert_int_eq(apic_accept_pic_intr(apic), 1);
    apic_set_base(env, 0xfee00800);             /* stays disabled */
    ck_assert_uint_eq(env->apic_base, 0xfee00100);
    apic_reset(apic);
    ck_assert_uint_eq(env->apic_base, 0xfee00900);
}
END_TEST

START_TEST(test_pic_through_lint0)
{
    qemu_irq *irqs = i8259_irqs(pic);

    /* master: ICW1-4, vectors 0x20, IMR 0 */
    PICCommonState *m = i8259_chip(pic, 0);
    m->irq_base = 0x20;
    qemu_irq_raise(irqs[3]);
    ck_assert(!hard());                         /* LINT0 masked */
    wr(0x350, 0x700);                           /* ExtINT: apic_check_pic */
    ck_assert(hard());
    ck_assert_int_eq(apic_get_interrupt(apic), -1);
    ck_assert_int_eq(apic_accept_pic_intr(apic), 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x23);
    qemu_irq_lower(irqs[3]);
    env->interrupt_request = 0;
    /* fixed, level-triggered LINT0: vector 0x66 follows the line */
    wr(0x0f0, 0x1ff);
    wr(0x350, 0x8066);
    m->isr = 0;                                 /* IRQ 3 done at the PIC */
    qemu_irq_raise(irqs[4]);
    ck_assert_uint_eq(rd(0x230), vbit(0x66));
    ck_assert_uint_eq(rd(0x1b0), vbit(0x66));
    qemu_irq_lower(irqs[4]);
    m->irr = 0;
    pic_request(NULL, 0, 0);
    ck_assert_uint_eq(rd(0x230), 0);
}
END_TEST

START_TEST(test_init_reset_keeps_id_and_base)
{
    wr(0x020, 0x07000000);
    wr(0x0f0, 0x1ff);
    wr(0x080, 0x30);
    apic_set_base(env, 0);
    do_cpu_init(env);
    ck_assert_uint_eq(rd(0x020), 0x07000000);
    ck_assert_uint_eq(rd(0x0f0), 0xff);
    ck_assert_uint_eq(rd(0x080), 0);
    ck_assert_uint_eq(env->apic_base, 0x100);
    ck_assert_uint_eq(env->eip, 0xfff0);
    apic_reset(apic);
    ck_assert_uint_eq(rd(0x020), 0);
}
END_TEST

/* ---- timer --------------------------------------------------------------------- */

START_TEST(test_timer_one_shot)
{
    wr(0x0f0, 0x1ff);
    wr(0x3e0, 0xb);                             /* divide by 1 */
    wr(0x320, 0x30);                            /* one-shot, vector 0x30 */
    wr(0x380, 100);
    ck_assert_uint_eq(rd(0x390), 100);
    qemu_clock_step(40);
    ck_assert_uint_eq(rd(0x390), 60);
    qemu_clock_step(60);                        /* count 0: not yet */
    ck_assert_uint_eq(rd(0x390), 0);
    ck_assert_uint_eq(rd(0x210), 0);
    qemu_clock_step(1);                         /* 101 ticks: fires */
    ck_assert_uint_eq(rd(0x210), vbit(0x30));
    ck_assert(hard());
    qemu_clock_step(1000);
    ck_assert_uint_eq(rd(0x390), 0);
}
END_TEST

START_TEST(test_timer_divide_and_periodic)
{
    /* after reset DCR reads 0 (divide by 2) but counts by 1 (QEMU) */
    wr(0x320, 0x20031);                         /* periodic, 0x31 */
    wr(0x380, 9);                               /* period 10 ticks */
    qemu_clock_step(3);
    ck_assert_uint_eq(rd(0x390), 6);
    qemu_clock_step(7);                         /* t=10: first expiry */
    ck_assert_uint_eq(rd(0x210), vbit(0x31));
    ck_assert_uint_eq(rd(0x390), 9);
    wr(0x0f0, 0x1ff);
    ck_assert_int_eq(apic_get_interrupt(apic), 0x31);
    wr(0x0b0, 0);
    qemu_clock_step(10);
    ck_assert_uint_eq(rd(0x210), vbit(0x31));   /* again at t=20 */
    /* divide by 16: 16 ns per tick */
    wr(0x3e0, 0x3);
    wr(0x320, 0x30031);                         /* masked: no expiry */
    wr(0x380, 100);
    qemu_clock_step(160);
    ck_assert_uint_eq(rd(0x390), 90);
    ck_assert(!timer_pending(apic->timer));
    wr(0x320, 0x0031);                          /* one-shot, unmasked */
    ck_assert_int_eq(timer_expire_time_ns(apic->timer), 20 + 101 * 16);
    wr(0x380, 0);                               /* count 0 stops it */
    ck_assert(!timer_pending(apic->timer));
}
END_TEST

START_TEST(test_timer_lint_modes)
{
    wr(0x320, 0x400);                           /* NMI mode */
    wr(0x3e0, 0xb);
    wr(0x380, 1);
    qemu_clock_step(2);
    ck_assert_uint_eq(env->interrupt_request, CPU_INTERRUPT_NMI);
    apic_reset(apic);
    ck_assert(!timer_pending(apic->timer));
}
END_TEST

static Suite *apic_suite(void)
{
    Suite *s = suite_create("apic");
    TCase *tc = tcase_create("apic");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reset_values);
    tcase_add_test(tc, test_access_sizes_and_no_cpu);
    tcase_add_test(tc, test_register_masks);
    tcase_add_test(tc, test_tpr_ppr_irr_isr);
    tcase_add_test(tc, test_svr_disable);
    tcase_add_test(tc, test_level_eoi_broadcast);
    tcase_add_test(tc, test_ipi_destinations);
    tcase_add_test(tc, test_ipi_modes_to_self);
    tcase_add_test(tc, test_msi);
    tcase_add_test(tc, test_base_msr);
    tcase_add_test(tc, test_pic_through_lint0);
    tcase_add_test(tc, test_init_reset_keeps_id_and_base);
    tcase_add_test(tc, test_timer_one_shot);
    tcase_add_test(tc, test_timer_divide_and_periodic);
    tcase_add_test(tc, test_timer_lint_modes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(apic_suite());
}
