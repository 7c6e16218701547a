/*
 * The I/O APIC (hw/intc/ioapic.c) with a local APIC behind "apic-msi",
 * both in one "memory" address space as on the pc: registers through
 * IOREGSEL/IOWIN, edge and level pins, remote IRR and the EOI broadcast,
 * the EOI register, the IRQ 0 -> pin 2 override, ExtINT entries reading
 * the 8259, and the interrupt-storm back-off.  Expected values are QEMU
 * 7.2's; roms/ioapic.asm checks the same against QEMU itself.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <glib.h>
#include "hw/intc/apic.h"
#include "hw/intc/ioapic.h"
#include "hw/intc/i8259.h"
#include "cpu/cpu.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"
#include "softmmu/trace.h"
#include "memtest.h"

#define APIC_BASE   0xfee00000u
#define IO_BASE     0xfec00000u

static APICState *apic;
static IOAPICState *io;
static CPUX86State *env;
static AddressSpace *as;
static PICState *pic;

static void setup(void)
{
    MemoryRegion *sys;

    memtest_setup();
    qemu_clock_set_manual(true);
    sys = memtest_container("system", UINT64_MAX);
    apic = apic_new(0);
    memtest_add(sys, APIC_BASE,
                memtest_io("apic-msi", APIC_SPACE_SIZE, &apic_io_ops, apic), 0x1000);
    as = memtest_as(sys, "memory");
    pic = i8259_init(NULL);
    i8259_reset(pic);
    io = ioapic_new(as, pic);
    memtest_add(sys, IO_BASE, memtest_io("ioapic", 0x1000, &ioapic_io_ops, io), 0);
    env = x86_cpu_new(as, NULL, NULL);
    apic_connect_cpu(apic, env);
    apic->pic = pic;
    apic->eoi_broadcast = ioapic_eoi_broadcast;
    apic->eoi_opaque = io;
    apic_reset(apic);
    ioapic_reset(io);
    current_cpu_index = 0;
    address_space_stl_le(as, APIC_BASE + 0xf0, 0x1ff, UNSPEC, NULL);    /* SVR on */
}

static void teardown(void)
{
    current_cpu_index = -1;
    apic_free(apic);
    ioapic_free(io);
    i8259_free(pic);
    x86_cpu_free(env);
    memtest_teardown();
    qemu_clock_set_manual(false);
}

static uint32_t io_rd(uint8_t reg)
{
    address_space_stb(as, IO_BASE, reg, UNSPEC, NULL);
    return address_space_ldl_le(as, IO_BASE + 0x10, UNSPEC, NULL);
}

static void io_wr(uint8_t reg, uint32_t val)
{
    address_space_stb(as, IO_BASE, reg, UNSPEC, NULL);
    address_space_stl_le(as, IO_BASE + 0x10, val, UNSPEC, NULL);
}

static uint32_t apic_irr(int vector)
{
    return address_space_ldl_le(as, APIC_BASE + 0x200 + 0x10 * (vector >> 5), UNSPEC, NULL) &
           (1u << (vector & 31));
}

/* take the interrupt and EOI it at the local APIC */
static int take_and_eoi(void)
{
    int v = apic_get_interrupt(apic);

    address_space_stl_le(as, APIC_BASE + 0xb0, 0, UNSPEC, NULL);
    return v;
}

START_TEST(test_registers)
{
    ck_assert_uint_eq(io_rd(0), 0);
    ck_assert_uint_eq(io_rd(1), 0x00170020);    /* 24 entries, version 0x20 */
    ck_assert_uint_eq(io_rd(2), 0);
    ck_assert_uint_eq(io_rd(3), 0);
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        ck_assert_uint_eq(io_rd(0x10 + 2 * i), 0x10000);
        ck_assert_uint_eq(io_rd(0x11 + 2 * i), 0);
    }
    ck_assert_uint_eq(io_rd(0x40), 0);
    io_wr(0, 0xffffffff);
    ck_assert_uint_eq(io_rd(0), 0x0f000000);    /* 4-bit ID */
    ck_assert_uint_eq(io_rd(2), 0x0f000000);    /* ARB reads the ID */
    io_wr(1, 0);
    ck_assert_uint_eq(io_rd(1), 0x00170020);
    io_wr(0x12, 0xffffffff);                    /* delivery status, remote IRR RO */
    io_wr(0x13, 0xffffffff);
    ck_assert_uint_eq(io_rd(0x12), 0xffffafff);
    ck_assert_uint_eq(io_rd(0x13), 0xffffffff);
    /* sizes and offsets */
    address_space_stb(as, IO_BASE, 1, UNSPEC, NULL);
    ck_assert_uint_eq(address_space_ldub(as, IO_BASE + 0x10, UNSPEC, NULL), 0);
    ck_assert_uint_eq(address_space_ldub(as, IO_BASE, UNSPEC, NULL), 1);
    ck_assert_uint_eq(address_space_ldl_le(as, IO_BASE + 0x110, UNSPEC, NULL), 0x00170020);
    address_space_stl_le(as, IO_BASE, 0x1234, UNSPEC, NULL);
    ck_assert_uint_eq(address_space_ldl_le(as, IO_BASE, UNSPEC, NULL), 0x34);
    ioapic_reset(io);
    ck_assert_uint_eq(io_rd(0), 0);
    ck_assert_uint_eq(io_rd(0x13), 0);
    ck_assert_uint_eq(io_rd(0x12), 0x10000);
}
END_TEST

START_TEST(test_edge)
{
    io_wr(0x18, 0x54);                          /* pin 4: edge, vector 0x54 */
    qemu_irq_raise(io->in[4]);
    ck_assert_uint_ne(apic_irr(0x54), 0);
    ck_assert_uint_eq(io->irr, 0);              /* edge consumed */
    ck_assert_int_eq(take_and_eoi(), 0x54);
    qemu_irq_raise(io->in[4]);                  /* QEMU: every raise is an edge */
    ck_assert_uint_ne(apic_irr(0x54), 0);
    ck_assert_int_eq(take_and_eoi(), 0x54);
    qemu_irq_lower(io->in[4]);
    io_wr(0x18, 0x10054);                       /* masked: the edge is lost */
    qemu_irq_raise(io->in[4]);
    qemu_irq_lower(io->in[4]);
    io_wr(0x18, 0x54);
    ck_assert_uint_eq(apic_irr(0x54), 0);
    io_wr(0x19, 0x01000000);                    /* destination 1: nobody */
    qemu_irq_raise(io->in[4]);
    ck_assert_uint_eq(apic_irr(0x54), 0);
}
END_TEST

START_TEST(test_level_remote_irr)
{
    io_wr(0x1a, 0x18065);                       /* pin 5 masked, level */
    qemu_irq_raise(io->in[5]);
    ck_assert_uint_eq(io->irr, 1u << 5);        /* level kept while masked */
    ck_assert_uint_eq(apic_irr(0x65), 0);
    io_wr(0x1a, 0x08065);                       /* unmask: fires */
    ck_assert_uint_ne(apic_irr(0x65), 0);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c065);    /* remote IRR */
    ck_assert_int_eq(apic_get_interrupt(apic), 0x65);
    qemu_irq_lower(io->in[5]);
    qemu_irq_raise(io->in[5]);                  /* remote IRR: coalesced */
    ck_assert_uint_eq(apic_irr(0x65), 0);
    io_wr(0x1b, 0);                             /* any service: still coalesced */
    ck_assert_uint_eq(apic_irr(0x65), 0);
    address_space_stl_le(as, APIC_BASE + 0xb0, 0, UNSPEC, NULL);
    ck_assert_uint_ne(apic_irr(0x65), 0);       /* still high: re-fired */
    ck_assert_uint_eq(io_rd(0x1a), 0x0c065);
    qemu_irq_lower(io->in[5]);
    ck_assert_int_eq(take_and_eoi(), 0x65);
    ck_assert_uint_eq(io_rd(0x1a), 0x08065);    /* cleared, low: quiet */
    ck_assert_uint_eq(apic_irr(0x65), 0);
    /* making the entry edge clears remote IRR */
    qemu_irq_raise(io->in[5]);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c065);
    io_wr(0x1a, 0x10065);
    ck_assert_uint_eq(io_rd(0x1a), 0x10065);
}
END_TEST

START_TEST(test_eoi_register)
{
    io_wr(0x1a, 0x08066);
    qemu_irq_raise(io->in[5]);
    qemu_irq_lower(io->in[5]);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c066);
    address_space_stl_le(as, IO_BASE + 0x40, 0x67, UNSPEC, NULL);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c066);    /* other vector */
    address_space_stw_le(as, IO_BASE + 0x40, 0x66, UNSPEC, NULL);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c066);    /* not 4 bytes */
    address_space_stl_le(as, IO_BASE + 0x40, 0x66, UNSPEC, NULL);
    ck_assert_uint_eq(io_rd(0x1a), 0x08066);
    /* version 0x11 has no EOI register */
    io->version = 0x11;
    qemu_irq_raise(io->in[5]);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c066);
    address_space_stl_le(as, IO_BASE + 0x40, 0x66, UNSPEC, NULL);
    ck_assert_uint_eq(io_rd(0x1a), 0x0c066);
}
END_TEST

START_TEST(test_irq0_is_pin2)
{
    io_wr(0x14, 0x52);                          /* pin 2 */
    io_wr(0x10, 0x50);                          /* pin 0: never driven */
    qemu_irq_raise(io->in[0]);
    ck_assert_uint_ne(apic_irr(0x52), 0);
    ck_assert_uint_eq(apic_irr(0x50), 0);
    ck_assert_uint_eq(io->irq_count[0], 1);     /* counted as input 0 */
    ck_assert_uint_eq(io->irq_count[2], 0);
}
END_TEST

START_TEST(test_extint_reads_pic)
{
    qemu_irq *isa = i8259_irqs(pic);
    PICCommonState *m = i8259_chip(pic, 0);

    m->irq_base = 0x30;
    qemu_irq_raise(isa[3]);
    io_wr(0x12, 0x18700);                       /* pin 1: ExtINT, level, masked */
    qemu_irq_raise(io->in[1]);                  /* serviced: the PIC is read */
    ck_assert_uint_eq(m->isr, 1u << 3);
    ck_assert_uint_eq(apic_irr(0x33), 0);       /* but masked */
    m->isr = 0;
    qemu_irq_lower(isa[3]);
    qemu_irq_raise(isa[3]);
    io_wr(0x12, 0x0700);                        /* edge, unmasked: IRR still set */
    ck_assert_uint_ne(apic_irr(0x33), 0);       /* the PIC's vector, as fixed */
    ck_assert_uint_eq(io->irr, 0);
}
END_TEST

START_TEST(test_storm_backoff)
{
    int n = 0;

    io_wr(0x1a, 0x08068);
    qemu_irq_raise(io->in[5]);                  /* held high */
    while (apic_irr(0x68) && n < 20000) {
        ck_assert_int_eq(take_and_eoi(), 0x68);
        n++;
    }
    ck_assert_int_eq(n, 10000);                 /* SUCCESSIVE_IRQ_MAX_COUNT */
    ck_assert(timer_pending(io->delayed_service_timer));
    ck_assert_int_eq(timer_expire_time_ns(io->delayed_service_timer), 10000000);
    qemu_clock_step(10000000);
    ck_assert_uint_ne(apic_irr(0x68), 0);
}
END_TEST

static Suite *ioapic_suite(void)
{
    Suite *s = suite_create("ioapic");
    TCase *tc = tcase_create("ioapic");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_registers);
    tcase_add_test(tc, test_edge);
    tcase_add_test(tc, test_level_remote_irr);
    tcase_add_test(tc, test_eoi_register);
    tcase_add_test(tc, test_irq0_is_pin2);
    tcase_add_test(tc, test_extint_reads_pic);
    tcase_add_test(tc, test_storm_backoff);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(ioapic_suite());
}
