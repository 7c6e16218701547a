/*
 * Unit tests of the i8259 PIC pair (hw/intc/i8259.c; QEMU 7.2
 * hw/intc/i8259.c and i8259_common.c).  The pair is mapped into an I/O
 * address space at the pc machine's ports and driven through it, through
 * its 16 IRQ inputs and through pic_read_irq, as the CPU and devices do.
 * The recorded trace and monitor text come from Debian 12's
 * qemu-system-i386 (QEMU 7.2.22) booting SeaBIOS on the reference machine
 * with -d trace:pic_*.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "hw/intc/i8259.h"
#include "memtest.h"

static PICState *pic;
static qemu_irq cpu_irq;
static AddressSpace *io_as;
static int cpu_level;           /* the master's INT pin as the CPU sees it */
static int cpu_raises;          /* qemu_irq_raise calls on it */

static void cpu_irq_handler(void *opaque, int n, int level)
{
    (void)opaque; (void)n;
    cpu_level = level;
    cpu_raises += level != 0;
}

/* The pc machine's layout: "pic" at 0x20/0xa0, "elcr" at 0x4d0/0x4d1. */
static void map_chip(MemoryRegion *io, PICCommonState *c)
{
    memtest_add(io, c->iobase, memtest_io("pic", 2, &pic_base_ioport_ops, c), 0);
    memtest_add(io, c->elcr_addr, memtest_io("elcr", 1, &pic_elcr_ioport_ops, c), 0);
}

static void setup(void)
{
    MemoryRegion *io;

    memtest_setup();
    cpu_level = 0;
    cpu_raises = 0;
    cpu_irq = qemu_allocate_irq(cpu_irq_handler, NULL, 0);
    pic = i8259_init(cpu_irq);
    io = memtest_container("io", 0x10000);
    map_chip(io, i8259_chip(pic, 0));
    map_chip(io, i8259_chip(pic, 1));
    io_as = memtest_as(io, "I/O");
    i8259_reset(pic);
}

static void teardown(void)
{
    memtest_teardown();
    i8259_free(pic);
    pic = NULL;
    qemu_free_irq(cpu_irq);
    cpu_irq = NULL;
}

static void outb(hwaddr port, uint8_t val)
{
    MemTxResult r = MEMTX_ERROR;

    address_space_stb(io_as, port, val, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_OK);
}

static uint8_t inb(hwaddr port)
{
    MemTxResult r = MEMTX_ERROR;
    uint32_t v = address_space_ldub(io_as, port, UNSPEC, &r);

    ck_assert_uint_eq(r, MEMTX_OK);
    return v;
}

static void set_irq(int n, int level)
{
    qemu_set_irq(i8259_irqs(pic)[n], level);
}

static void pulse_irq(int n)
{
    set_irq(n, 1);
    set_irq(n, 0);
}

/* What SeaBIOS does (pic_setup): ICW1 edge + ICW4, vectors 0x08/0x70,
 * cascade on IRQ2, 8086 mode; then every IRQ unmasked for the tests. */
static void bios_init(uint8_t icw4)
{
    outb(0x20, 0x11);
    outb(0xa0, 0x11);
    outb(0x21, 0x08);
    outb(0xa1, 0x70);
    outb(0x21, 0x04);
    outb(0xa1, 0x02);
    outb(0x21, icw4);
    outb(0xa1, 0x01);
    outb(0x21, 0x00);
    outb(0xa1, 0x00);
}

/* OCW3 read-register selection, then the command port. */
static uint8_t read_irr(hwaddr base)
{
    outb(base, 0x0a);
    return inb(base);
}

static uint8_t read_isr(hwaddr base)
{
    outb(base, 0x0b);
    return inb(base);
}

static char *info_pic(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    i8259_print_info(pic, f);
    fclose(f);
    return memtest_gc(buf);
}

static char *info_irq(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    i8259_print_irq_stats(pic, f);
    fclose(f);
    return memtest_gc(buf);
}

static void trace_on(void)
{
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("pic_*"), 5);
}

/* ---- structure, reset ------------------------------------------------------ */

/* QEMU's i8259_init_chip properties and ops shapes (pc.c relies on them). */
START_TEST(test_chip_properties_and_ops)
{
    PICCommonState *m = i8259_chip(pic, 0), *s = i8259_chip(pic, 1);

    ck_assert(m->master && !s->master);
    ck_assert_uint_eq(m->iobase, 0x20);
    ck_assert_uint_eq(s->iobase, 0xa0);
    ck_assert_uint_eq(m->elcr_addr, 0x4d0);
    ck_assert_uint_eq(s->elcr_addr, 0x4d1);
    ck_assert_uint_eq(m->elcr_mask, 0xf8);
    ck_assert_uint_eq(s->elcr_mask, 0xde);
    ck_assert_ptr_null(i8259_chip(pic, 2));
    /* The inputs: 0-7 the master's, 8-15 the slave's; the slave's INT is
     * the master's IRQ2 line itself. */
    ck_assert_ptr_eq(i8259_irqs(pic)[2], s->int_out);
    ck_assert_ptr_eq(i8259_irqs(pic)[3]->opaque, m);
    ck_assert_ptr_eq(i8259_irqs(pic)[11]->opaque, s);
    ck_assert_int_eq(i8259_irqs(pic)[11]->n, 3);
    ck_assert_ptr_eq(m->int_out, cpu_irq);
    for (int i = 0; i < 2; i++) {
        const MemoryRegionOps *ops = i ? &pic_elcr_ioport_ops : &pic_base_ioport_ops;

        ck_assert_int_eq(ops->endianness, DEVICE_NATIVE_ENDIAN);
        ck_assert_uint_eq(ops->impl.min_access_size, 1);
        ck_assert_uint_eq(ops->impl.max_access_size, 1);
        ck_assert_uint_eq(ops->valid.min_access_size, 0);
        ck_assert_uint_eq(ops->valid.max_access_size, 0);
    }
}
END_TEST

/* QEMU 7.2 `info pic` at reset (-S), the i8259 lines. */
START_TEST(test_reset_info_pic)
{
    ck_assert_str_eq(info_pic(),
        "pic1: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=00 fnm=0\n"
        "pic0: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=00 fnm=0\n");
    ck_assert_str_eq(info_irq(), "IRQ statistics for isa-i8259:\n");
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_int_eq(pic_get_output(pic), 0);
}
END_TEST

/* A device reset clears ELCR and so the level requests with it; ICW1
 * keeps ELCR and the level-triggered IRR bits (QEMU's pic_reset vs
 * pic_init_reset). */
START_TEST(test_reset_vs_icw1)
{
    PICCommonState *m = i8259_chip(pic, 0);

    bios_init(0x01);
    outb(0x4d0, 0x20);              /* IRQ5 level */
    outb(0x21, 0x5a);
    outb(0x20, 0xc3);               /* set priority: IRQ4 highest */
    set_irq(5, 1);                  /* level, held */
    pulse_irq(6);                   /* edge, latched */
    ck_assert_uint_eq(read_irr(0x20), 0x60);

    outb(0x20, 0x11);               /* ICW1 */
    ck_assert_uint_eq(m->irr, 0x20);
    ck_assert_uint_eq(m->imr, 0);
    ck_assert_uint_eq(m->priority_add, 0);
    ck_assert_uint_eq(m->init_state, 1);
    ck_assert_uint_eq(inb(0x4d0), 0x20);
    outb(0x21, 0x08);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    ck_assert_int_eq(cpu_level, 1);     /* IRQ5 still requested */

    i8259_reset(pic);
    ck_assert_uint_eq(inb(0x4d0), 0);
    ck_assert_uint_eq(m->irr, 0);
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_uint_eq(m->elcr_mask, 0xf8);
    ck_assert_str_eq(info_pic(),
        "pic1: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=00 fnm=0\n"
        "pic0: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=00 fnm=0\n");
    /* The reset also forgot last_irr: IRQ5's line, still high, counts as
     * a new edge (ELCR is 0 now) when it is set again. */
    set_irq(5, 1);
    ck_assert_uint_eq(m->irr, 0x20);
}
END_TEST

/* ---- initialisation ---------------------------------------------------------- */

START_TEST(test_bios_init_vectors)
{
    bios_init(0x01);
    ck_assert_str_eq(info_pic(),
        "pic1: irr=00 imr=00 isr=00 hprio=0 irq_base=70 rr_sel=0 elcr=00 fnm=0\n"
        "pic0: irr=00 imr=00 isr=00 hprio=0 irq_base=08 rr_sel=0 elcr=00 fnm=0\n");
    for (int irq = 0; irq < 16; irq++) {
        int expect = irq < 8 ? 0x08 + irq : 0x70 + irq - 8;

        if (irq == 2) {
            continue;               /* the cascade input */
        }
        pulse_irq(irq);
        ck_assert_msg(cpu_level == 1, "IRQ%d does not raise INT", irq);
        ck_assert_int_eq(pic_read_irq(pic), expect);
        ck_assert_int_eq(cpu_level, 0);
        if (irq >= 8) {
            outb(0xa0, 0x20);
        }
        outb(0x20, 0x20);
        ck_assert_uint_eq(read_isr(0x20) | read_isr(0xa0), 0);
    }
}
END_TEST

/* ICW2 keeps only bits 7..3; single mode skips ICW3; without IC4 there is
 * no ICW4, and the next data write is OCW1. */
START_TEST(test_init_variants)
{
    PICCommonState *m = i8259_chip(pic, 0);

    outb(0x20, 0x13);               /* single, IC4 */
    outb(0x21, 0x47);
    ck_assert_uint_eq(m->irq_base, 0x40);
    ck_assert_uint_eq(m->init_state, 3);
    outb(0x21, 0x03);               /* ICW4: AEOI */
    ck_assert_uint_eq(m->auto_eoi, 1);
    ck_assert_uint_eq(m->init_state, 0);

    outb(0x20, 0x10);               /* cascade, no ICW4 */
    ck_assert_uint_eq(m->auto_eoi, 0);  /* ICW1 cleared it */
    outb(0x21, 0x20);
    outb(0x21, 0x04);               /* ICW3 */
    ck_assert_uint_eq(m->init_state, 0);
    outb(0x21, 0xfe);               /* OCW1 */
    ck_assert_uint_eq(inb(0x21), 0xfe);
    ck_assert_uint_eq(m->irq_base, 0x20);

    outb(0x20, 0x12);               /* single, no ICW4: ICW2 completes it */
    outb(0x21, 0x30);
    ck_assert_uint_eq(m->init_state, 0);
    ck_assert_uint_eq(m->single_mode, 1);
}
END_TEST

/* ICW1 with LTIM: QEMU stays edge-triggered and logs it under -d unimp. */
START_TEST(test_icw1_ltim_logged)
{
    memtest_log_begin(LOG_UNIMP);
    outb(0x20, 0x19);
    assert_log("i8259: level sensitive irq not supported\n");
    outb(0x21, 0x08);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    pulse_irq(3);
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);
    ck_assert_uint_eq(read_irr(0x20), 0);   /* edge: consumed */
}
END_TEST

/* A 16-bit OUT to 0x20 is split into byte writes at 0x20 and 0x21 (.impl
 * 1..1, .valid unlimited), in address order. */
START_TEST(test_word_access_split)
{
    trace_on();
    address_space_stw_le(io_as, 0x20, 0x0811, UNSPEC, NULL);
    ck_assert_uint_eq(address_space_lduw_le(io_as, 0x20, UNSPEC, NULL), 0x0000);
    assert_log("pic_ioport_write master 1 addr 0x0 val 0x11\n"
               "pic_ioport_write master 1 addr 0x1 val 0x8\n"
               "pic_ioport_read master 1 addr 0x0 val 0x0\n"
               "pic_ioport_read master 1 addr 0x1 val 0x0\n");
    ck_assert_uint_eq(i8259_chip(pic, 0)->irq_base, 0x08);
}
END_TEST

/* ---- delivery, priority, masking ---------------------------------------------- */

START_TEST(test_irq_int_ack_eoi)
{
    bios_init(0x01);
    pulse_irq(1);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_get_output(pic), 1);
    ck_assert_uint_eq(read_irr(0x20), 0x02);
    ck_assert_int_eq(pic_read_irq(pic), 0x09);
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_uint_eq(read_irr(0x20), 0x00);
    ck_assert_uint_eq(read_isr(0x20), 0x02);
    /* While IRQ1 is in service, a new IRQ1 edge waits in IRR. */
    pulse_irq(1);
    ck_assert_int_eq(cpu_level, 0);
    outb(0x20, 0x20);               /* non-specific EOI */
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x09);
}
END_TEST

START_TEST(test_priority_and_nesting)
{
    bios_init(0x01);
    pulse_irq(5);
    pulse_irq(3);
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);     /* 3 beats 5 */
    ck_assert_int_eq(cpu_level, 0);                /* 5 < 3 in service */
    pulse_irq(1);
    ck_assert_int_eq(cpu_level, 1);                /* 1 nests over 3 */
    ck_assert_int_eq(pic_read_irq(pic), 0x09);
    ck_assert_uint_eq(read_isr(0x20), 0x0a);
    outb(0x20, 0x20);                              /* ends IRQ1, the best */
    ck_assert_uint_eq(read_isr(0x20), 0x08);
    ck_assert_int_eq(cpu_level, 0);
    outb(0x20, 0x63);                              /* specific EOI 3 */
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x0d);
}
END_TEST

START_TEST(test_masking)
{
    bios_init(0x01);
    outb(0x21, 0x10);
    ck_assert_uint_eq(inb(0x21), 0x10);
    pulse_irq(4);
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_uint_eq(read_irr(0x20), 0x10);       /* requested, masked */
    outb(0x21, 0x00);
    ck_assert_int_eq(cpu_level, 1);
    outb(0x21, 0xff);
    ck_assert_int_eq(cpu_level, 0);
    /* Slave masked as a whole through master IRQ2 (IRQ4 still latched). */
    outb(0x21, 0x14);
    pulse_irq(14);
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_uint_eq(read_irr(0xa0), 0x40);
    ck_assert_uint_eq(read_irr(0x20), 0x14);
    outb(0x21, 0x00);
    ck_assert_int_eq(pic_read_irq(pic), 0x76);     /* 14 via IRQ2 beats 4 */
}
END_TEST

/* ---- cascade ------------------------------------------------------------------ */

START_TEST(test_cascade_through_irq2)
{
    bios_init(0x01);
    trace_on();
    set_irq(12, 1);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x74);
    set_irq(12, 0);
    assert_log("pic_set_irq master 0 irq 4 level 1\n"
               "pic_update_irq master 0 imr 0 irr 16 padd 0\n"
               "pic_set_irq master 1 irq 2 level 1\n"
               "pic_update_irq master 1 imr 0 irr 4 padd 0\n"
               "pic_set_irq master 1 irq 2 level 0\n"
               /* the master's IRQ2 is still latched until its own ack */
               "pic_update_irq master 1 imr 0 irr 4 padd 0\n"
               "pic_interrupt irq 12 intno 116\n"
               "pic_set_irq master 0 irq 4 level 0\n"
               "pic_set_irq master 1 irq 2 level 0\n");
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_uint_eq(read_isr(0xa0), 0x10);
    ck_assert_uint_eq(read_isr(0x20), 0x04);
    /* A second slave IRQ of lower priority waits for both EOIs. */
    pulse_irq(15);
    ck_assert_int_eq(cpu_level, 0);
    outb(0xa0, 0x20);
    ck_assert_int_eq(cpu_level, 0);                /* master IRQ2 in service */
    outb(0x20, 0x20);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x77);
}
END_TEST

/* Special fully nested mode (ICW4 SFNM on the master): a higher slave IRQ
 * gets through while IRQ2 is in service. */
START_TEST(test_special_fully_nested)
{
    bios_init(0x11);
    ck_assert(strstr(info_pic(), "pic0: irr=00 imr=00 isr=00 hprio=0 irq_base=08 "
                                 "rr_sel=0 elcr=00 fnm=1\n") != NULL);
    pulse_irq(12);
    ck_assert_int_eq(pic_read_irq(pic), 0x74);
    pulse_irq(9);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x71);
    /* Without SFNM the same would wait. */
    bios_init(0x01);
    pulse_irq(12);
    ck_assert_int_eq(pic_read_irq(pic), 0x74);
    pulse_irq(9);
    ck_assert_int_eq(cpu_level, 0);
}
END_TEST

/* ---- spurious interrupts -------------------------------------------------------- */

/* The request went away before INTA: IRQ7's vector, nothing in service. */
START_TEST(test_spurious_master)
{
    bios_init(0x01);
    set_irq(4, 1);
    ck_assert_int_eq(cpu_level, 1);
    outb(0x21, 0x10);               /* masked between INT and INTA */
    ck_assert_int_eq(cpu_level, 0);
    trace_on();
    ck_assert_int_eq(pic_read_irq(pic), 0x0f);
    assert_log("pic_interrupt irq 7 intno 15\n");
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert_uint_eq(read_irr(0x20), 0x10);
}
END_TEST

/* The slave lost its request but master IRQ2 stays latched (edge):
 * IRQ15's vector from the slave, and master IRQ2 goes into service. */
START_TEST(test_spurious_slave)
{
    bios_init(0x01);
    pulse_irq(10);
    outb(0xa1, 0x04);
    ck_assert_uint_eq(read_irr(0x20), 0x04);
    ck_assert_int_eq(cpu_level, 1);
    trace_on();
    ck_assert_int_eq(pic_read_irq(pic), 0x77);
    assert_log("pic_interrupt irq 15 intno 119\n");
    ck_assert_uint_eq(read_isr(0x20), 0x04);
    ck_assert_uint_eq(read_isr(0xa0), 0x00);
}
END_TEST

/* ---- ELCR: level vs edge ----------------------------------------------------------- */

START_TEST(test_elcr_masks)
{
    outb(0x4d0, 0xff);
    outb(0x4d1, 0xff);
    ck_assert_uint_eq(inb(0x4d0), 0xf8);    /* IRQ0-2 always edge */
    ck_assert_uint_eq(inb(0x4d1), 0xde);    /* IRQ8, IRQ13 always edge */
    outb(0x4d1, 0x0c);
    ck_assert_uint_eq(inb(0x4d1), 0x0c);
    ck_assert_str_eq(info_pic(),
        "pic1: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=0c fnm=0\n"
        "pic0: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=f8 fnm=0\n");
}
END_TEST

START_TEST(test_level_triggered)
{
    bios_init(0x01);
    outb(0x4d1, 0x08);              /* IRQ11 level (PCI) */
    set_irq(11, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x73);
    ck_assert_uint_eq(read_irr(0xa0), 0x08);    /* ack keeps a level request */
    outb(0xa0, 0x20);
    outb(0x20, 0x20);
    ck_assert_int_eq(cpu_level, 1);             /* still asserted: again */
    ck_assert_int_eq(pic_read_irq(pic), 0x73);
    set_irq(11, 0);
    ck_assert_uint_eq(read_irr(0xa0), 0x00);    /* deassert clears IRR */
    outb(0xa0, 0x20);
    outb(0x20, 0x20);
    ck_assert_int_eq(cpu_level, 0);
    /* A level request that goes away before INTA leaves the master's
     * edge-triggered IRQ2 latched: the CPU gets the slave's spurious IRQ15. */
    set_irq(11, 1);
    set_irq(11, 0);
    ck_assert_uint_eq(read_irr(0xa0), 0x00);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x77);
}
END_TEST

START_TEST(test_edge_triggered)
{
    bios_init(0x01);
    set_irq(11, 1);                 /* edge (ELCR 0): latched */
    ck_assert_int_eq(pic_read_irq(pic), 0x73);
    ck_assert_uint_eq(read_irr(0xa0), 0x00);
    outb(0xa0, 0x20);
    outb(0x20, 0x20);
    ck_assert_int_eq(cpu_level, 0);             /* held high: no new edge */
    set_irq(11, 1);
    ck_assert_int_eq(cpu_level, 0);
    set_irq(11, 0);
    set_irq(11, 1);
    ck_assert_int_eq(cpu_level, 1);
    /* A masked ELCR bit (IRQ8) stays edge whatever is written. */
    outb(0x4d1, 0xff);
    pulse_irq(8);
    ck_assert_uint_eq(read_irr(0xa0), 0x09);
}
END_TEST

/* ---- OCW3 ---------------------------------------------------------------------------- */

START_TEST(test_read_register_select)
{
    bios_init(0x01);
    pulse_irq(6);
    pulse_irq(3);
    pic_read_irq(pic);
    ck_assert_uint_eq(read_irr(0x20), 0x40);
    ck_assert_uint_eq(inb(0x20), 0x40);         /* selection sticks */
    ck_assert_uint_eq(read_isr(0x20), 0x08);
    outb(0x20, 0x08);                           /* OCW3 without RR */
    ck_assert_uint_eq(inb(0x20), 0x08);         /* still ISR */
    ck_assert_uint_eq(inb(0x21), 0x00);         /* data port: IMR */
    ck_assert(strstr(info_pic(), "pic0: irr=40 imr=00 isr=08 hprio=0 irq_base=08 "
                                 "rr_sel=1 ") != NULL);
}
END_TEST

START_TEST(test_poll_mode)
{
    bios_init(0x01);
    outb(0x20, 0x0c);               /* poll with nothing pending */
    ck_assert_uint_eq(inb(0x20), 0x00);
    ck_assert_uint_eq(inb(0x20), 0x00);         /* plain IRR read now */
    outb(0x21, 0x08);
    pulse_irq(3);
    pulse_irq(5);
    outb(0x20, 0x0c);
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_uint_eq(inb(0x21), 0x85);         /* data port polls too; 3 masked */
    ck_assert_int_eq(cpu_level, 0);
    ck_assert_uint_eq(read_isr(0x20), 0x20);    /* poll acknowledged IRQ5 */
    ck_assert_uint_eq(inb(0x21), 0x08);         /* poll ended: IMR */
    trace_on();
    outb(0x20, 0x65);
    outb(0x21, 0x00);
    outb(0x20, 0x0c);
    ck_assert_uint_eq(inb(0x20), 0x83);
    assert_log("pic_ioport_write master 1 addr 0x0 val 0x65\n"
               "pic_ioport_write master 1 addr 0x1 val 0x0\n"
               "pic_update_irq master 1 imr 0 irr 8 padd 0\n"
               "pic_ioport_write master 1 addr 0x0 val 0xc\n"
               "pic_ioport_read master 1 addr 0x0 val 0x83\n");
}
END_TEST

/* Special mask mode: masked in-service IRQs no longer block lower ones. */
START_TEST(test_special_mask_mode)
{
    bios_init(0x01);
    pulse_irq(3);
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);
    outb(0x21, 0x08);
    pulse_irq(5);
    ck_assert_int_eq(cpu_level, 0);
    outb(0x20, 0x68);               /* ESMM + SMM */
    ck_assert_uint_eq(i8259_chip(pic, 0)->special_mask, 1);
    ck_assert_int_eq(cpu_level, 0);             /* OCW3 does not update INT */
    outb(0x21, 0x08);                           /* the same OCW1 does */
    ck_assert_int_eq(cpu_level, 1);
    ck_assert_int_eq(pic_read_irq(pic), 0x0d);
    outb(0x20, 0x48);               /* ESMM, SMM clear */
    ck_assert_uint_eq(i8259_chip(pic, 0)->special_mask, 0);
    outb(0x20, 0x68);
    outb(0x20, 0x08);               /* SMM clear without ESMM: ignored */
    ck_assert_uint_eq(i8259_chip(pic, 0)->special_mask, 1);
}
END_TEST

/* ---- AEOI and rotation ------------------------------------------------------------------ */

START_TEST(test_auto_eoi)
{
    bios_init(0x03);                /* master ICW4: 8086 + AEOI */
    pulse_irq(3);
    pulse_irq(5);
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);
    ck_assert_uint_eq(read_isr(0x20), 0x00);
    ck_assert_int_eq(cpu_level, 1);             /* nothing in service */
    ck_assert_int_eq(pic_read_irq(pic), 0x0d);
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 0);
    /* Rotate in AEOI mode (OCW2 0x80): the acknowledged IRQ becomes the
     * lowest. */
    outb(0x20, 0x80);
    pulse_irq(3);
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 4);
    pulse_irq(3);
    pulse_irq(6);
    ck_assert_int_eq(pic_read_irq(pic), 0x0e);  /* 6 now beats 3 */
    outb(0x20, 0x00);                           /* rotate in AEOI: clear */
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 7);
}
END_TEST

START_TEST(test_rotation)
{
    bios_init(0x01);
    pulse_irq(3);
    ck_assert_int_eq(pic_read_irq(pic), 0x0b);
    outb(0x20, 0xa0);               /* rotate on non-specific EOI */
    ck_assert(strstr(info_pic(), "pic0: irr=00 imr=00 isr=00 hprio=4 ") != NULL);
    pulse_irq(1);                   /* order now 4,5,6,7,0,1,2,3 */
    pulse_irq(5);
    ck_assert_int_eq(pic_read_irq(pic), 0x0d);
    outb(0x20, 0xe5);               /* rotate on specific EOI 5 */
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 6);
    ck_assert_int_eq(pic_read_irq(pic), 0x09);
    outb(0x20, 0x61);
    outb(0x20, 0xc7);               /* set priority: 7 lowest, 0 highest */
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 0);
    outb(0x20, 0xc3);
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 4);
    pulse_irq(1);
    pulse_irq(4);
    ck_assert_int_eq(pic_read_irq(pic), 0x0c);
    outb(0x20, 0x40);               /* OCW2 no-op */
    ck_assert_uint_eq(read_isr(0x20), 0x10);
    ck_assert_uint_eq(i8259_chip(pic, 0)->priority_add, 4);
    outb(0x20, 0x20);
    ck_assert_int_eq(pic_read_irq(pic), 0x09);
}
END_TEST

/* ---- QEMU's own trace, replayed ---------------------------------------------------------- */

/* -d trace:pic_* of QEMU 7.2.22 booting SeaBIOS on the reference machine,
 * from the end of the machine reset to SeaBIOS's second timer interrupt. */
static const char seabios_trace[] =
    "pic_ioport_write master 1 addr 0x0 val 0x11\n"
    "pic_ioport_write master 0 addr 0x0 val 0x11\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_ioport_write master 1 addr 0x1 val 0x8\n"
    "pic_ioport_write master 0 addr 0x1 val 0x70\n"
    "pic_ioport_write master 1 addr 0x1 val 0x4\n"
    "pic_ioport_write master 0 addr 0x1 val 0x2\n"
    "pic_ioport_write master 1 addr 0x1 val 0x1\n"
    "pic_ioport_write master 0 addr 0x1 val 0x1\n"
    "pic_ioport_write master 1 addr 0x1 val 0xfb\n"
    "pic_ioport_write master 0 addr 0x1 val 0xff\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_ioport_read master 1 addr 0x1 val 0xfb\n"
    "pic_ioport_write master 1 addr 0x1 val 0xfb\n"
    "pic_ioport_read master 0 addr 0x1 val 0xff\n"
    "pic_ioport_write master 0 addr 0x1 val 0xdf\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 3 level 0\n"
    "pic_set_irq master 1 irq 4 level 0\n"
    "pic_set_irq master 1 irq 5 level 0\n"
    "pic_set_irq master 1 irq 6 level 0\n"
    "pic_set_irq master 1 irq 7 level 0\n"
    "pic_set_irq master 0 irq 0 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 5 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 3 level 0\n"
    "pic_set_irq master 1 irq 4 level 0\n"
    "pic_set_irq master 1 irq 5 level 0\n"
    "pic_set_irq master 1 irq 6 level 0\n"
    "pic_set_irq master 1 irq 7 level 0\n"
    "pic_set_irq master 0 irq 0 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 5 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 3 level 0\n"
    "pic_set_irq master 1 irq 4 level 0\n"
    "pic_set_irq master 1 irq 5 level 0\n"
    "pic_set_irq master 1 irq 6 level 0\n"
    "pic_set_irq master 1 irq 7 level 0\n"
    "pic_set_irq master 0 irq 0 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 5 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 3 level 0\n"
    "pic_set_irq master 1 irq 4 level 0\n"
    "pic_set_irq master 1 irq 5 level 0\n"
    "pic_set_irq master 1 irq 6 level 0\n"
    "pic_set_irq master 1 irq 7 level 0\n"
    "pic_set_irq master 0 irq 0 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 1 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 2 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 3 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 5 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 0 level 1\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    "pic_set_irq master 0 irq 0 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 0 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_ioport_read master 1 addr 0x1 val 0xfb\n"
    "pic_ioport_write master 1 addr 0x1 val 0xfa\n"
    "pic_update_irq master 1 imr 250 irr 1 padd 0\n"
    "pic_ioport_read master 0 addr 0x1 val 0xdf\n"
    "pic_ioport_write master 0 addr 0x1 val 0xdf\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_update_irq master 1 imr 250 irr 1 padd 0\n"
    "pic_ioport_read master 1 addr 0x1 val 0xfa\n"
    "pic_ioport_write master 1 addr 0x1 val 0xfa\n"
    "pic_update_irq master 1 imr 250 irr 1 padd 0\n"
    "pic_ioport_read master 0 addr 0x1 val 0xdf\n"
    "pic_ioport_write master 0 addr 0x1 val 0xde\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_update_irq master 1 imr 250 irr 1 padd 0\n"
    "pic_interrupt irq 0 intno 8\n"
    "pic_ioport_write master 1 addr 0x0 val 0x20\n"
    "pic_ioport_read master 1 addr 0x1 val 0xfa\n"
    "pic_ioport_write master 1 addr 0x1 val 0xf8\n"
    "pic_ioport_read master 0 addr 0x1 val 0xde\n"
    "pic_ioport_write master 0 addr 0x1 val 0xde\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_ioport_read master 1 addr 0x1 val 0xf8\n"
    "pic_ioport_write master 1 addr 0x1 val 0xf8\n"
    "pic_ioport_read master 0 addr 0x1 val 0xde\n"
    "pic_ioport_write master 0 addr 0x1 val 0xce\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_ioport_read master 1 addr 0x1 val 0xf8\n"
    "pic_ioport_write master 1 addr 0x1 val 0xb8\n"
    "pic_ioport_read master 0 addr 0x1 val 0xce\n"
    "pic_ioport_write master 0 addr 0x1 val 0xce\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 6 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 0 irq 7 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_ioport_read master 1 addr 0x1 val 0xb8\n"
    "pic_ioport_write master 1 addr 0x1 val 0xb8\n"
    "pic_ioport_read master 0 addr 0x1 val 0xce\n"
    "pic_ioport_write master 0 addr 0x1 val 0x8e\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 1 level 0\n"
    "pic_set_irq master 0 irq 4 level 0\n"
    "pic_set_irq master 1 irq 2 level 0\n"
    "pic_set_irq master 1 irq 0 level 1\n"
    "pic_update_irq master 1 imr 184 irr 1 padd 0\n"
    "pic_interrupt irq 0 intno 8\n"
    "pic_ioport_write master 1 addr 0x0 val 0x20\n"
    "pic_set_irq master 1 irq 0 level 0\n"
    ;

/* Perform the cause a trace line records: an I/O access (a read must
 * return the logged value), an input change, an interrupt acknowledge.
 * pic_update_irq is only ever an effect. */
static void replay_cause(const char *line)
{
    int master, irq, level, intno;
    unsigned addr, val;

    if (sscanf(line, "pic_ioport_write master %d addr 0x%x val 0x%x",
               &master, &addr, &val) == 3) {
        outb((master ? 0x20 : 0xa0) + addr, val);
    } else if (sscanf(line, "pic_ioport_read master %d addr 0x%x val 0x%x",
                      &master, &addr, &val) == 3) {
        ck_assert_uint_eq(inb((master ? 0x20 : 0xa0) + addr), val);
    } else if (sscanf(line, "pic_set_irq master %d irq %d level %d",
                      &master, &irq, &level) == 3) {
        set_irq(master ? irq : irq + 8, level);
    } else if (sscanf(line, "pic_interrupt irq %d intno %d", &irq, &intno) == 2) {
        ck_assert_int_eq(pic_read_irq(pic), intno);
    } else {
        ck_abort_msg("not a cause: '%s'", line);
    }
}

/* Walk QEMU's log: a line the device has not produced yet is a cause and
 * is performed; the lines it produces must be QEMU's next lines.  So every
 * effect (pic_update_irq, the slave's INT on master IRQ2, the trace of
 * the access itself) must come out of the device, in QEMU's order. */
static void replay(const char *text)
{
    char **exp = g_strsplit(text, "\n", -1);
    GPtrArray *got = g_ptr_array_new_with_free_func(g_free);
    unsigned i;

    for (i = 0; exp[i] && *exp[i]; i++) {
        if (got->len <= i) {
            char *out, **lines;

            replay_cause(exp[i]);
            out = memtest_gc(memtest_log_take());
            lines = g_strsplit(out, "\n", -1);
            for (char **l = lines; *l; l++) {
                if (**l) {
                    g_ptr_array_add(got, g_strdup(*l));
                }
            }
            g_strfreev(lines);
        }
        ck_assert_msg(got->len > i && g_str_equal(g_ptr_array_index(got, i), exp[i]),
                      "line %u: '%s', expected '%s'", i + 1,
                      got->len > i ? (char *)g_ptr_array_index(got, i) : "(nothing)",
                      exp[i]);
    }
    ck_assert_msg(got->len == i, "extra line %u: '%s'", i + 1,
                  got->len > i ? (char *)g_ptr_array_index(got, i) : "");
    g_ptr_array_free(got, TRUE);
    g_strfreev(exp);
}

/* One more SeaBIOS timer tick as QEMU logs it (PIT pulse, INTA, EOI). */
static const char timer_tick[] =
    "pic_set_irq master 1 irq 0 level 1\n"
    "pic_update_irq master 1 imr 184 irr 1 padd 0\n"
    "pic_interrupt irq 0 intno 8\n"
    "pic_ioport_write master 1 addr 0x0 val 0x20\n"
    "pic_set_irq master 1 irq 0 level 0\n";

/* Replaying the causes reproduces every line QEMU logged, in order, and
 * the final `info pic` / `info irq` are QEMU's after the 72 ticks of that
 * run (SeaBIOS also set ELCR 0x0c on the slave, which is not traced). */
START_TEST(test_seabios_trace_replay)
{
    GString *ticks = g_string_new(NULL);

    trace_on();
    replay(seabios_trace);
    for (int i = 0; i < 70; i++) {
        g_string_append(ticks, timer_tick);
    }
    /* QEMU's run ended (monitor `info`) with IRQ0 still high. */
    g_string_truncate(ticks, ticks->len - strlen("pic_set_irq master 1 irq 0 level 0\n"));
    replay(ticks->str);
    g_string_free(ticks, TRUE);

    outb(0x4d1, 0x0c);
    ck_assert_str_eq(info_pic(),
        "pic1: irr=00 imr=8e isr=00 hprio=0 irq_base=70 rr_sel=0 elcr=0c fnm=0\n"
        "pic0: irr=00 imr=b8 isr=00 hprio=0 irq_base=08 rr_sel=0 elcr=00 fnm=0\n");
    ck_assert_str_eq(info_irq(), "IRQ statistics for isa-i8259:\n 0: 72\n");
}
END_TEST

/* Only rising levels count, per input line, and resets keep the counts. */
START_TEST(test_irq_statistics)
{
    set_irq(0, 1);
    set_irq(0, 1);
    set_irq(0, 0);
    set_irq(0, 1);
    pulse_irq(14);
    i8259_reset(pic);
    pulse_irq(14);
    /* IRQ14 raises the slave's INT, and so the master's IRQ2, each time. */
    ck_assert_str_eq(info_irq(), "IRQ statistics for isa-i8259:\n 0: 2\n 2: 2\n14: 2\n");
}
END_TEST

/* pic_update_irq is traced on every update that leaves INT asserted, and
 * the line is raised again each time; an update that lowers it is silent. */
START_TEST(test_trace_update_only_when_asserted)
{
    bios_init(0x01);
    outb(0x21, 0xff);
    pulse_irq(3);
    trace_on();
    outb(0x21, 0xf7);
    outb(0x21, 0xf6);
    outb(0x21, 0xff);
    ck_assert_int_eq(cpu_level, 0);
    assert_log("pic_ioport_write master 1 addr 0x1 val 0xf7\n"
               "pic_update_irq master 1 imr 247 irr 8 padd 0\n"
               "pic_ioport_write master 1 addr 0x1 val 0xf6\n"
               "pic_update_irq master 1 imr 246 irr 8 padd 0\n"
               "pic_ioport_write master 1 addr 0x1 val 0xff\n");
    ck_assert_int_eq(cpu_raises, 2);
}
END_TEST

static Suite *i8259_suite(void)
{
    Suite *s = suite_create("i8259");
    TCase *tc = tcase_create("pic");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_chip_properties_and_ops);
    tcase_add_test(tc, test_reset_info_pic);
    tcase_add_test(tc, test_reset_vs_icw1);
    tcase_add_test(tc, test_bios_init_vectors);
    tcase_add_test(tc, test_init_variants);
    tcase_add_test(tc, test_icw1_ltim_logged);
    tcase_add_test(tc, test_word_access_split);
    tcase_add_test(tc, test_irq_int_ack_eoi);
    tcase_add_test(tc, test_priority_and_nesting);
    tcase_add_test(tc, test_masking);
    tcase_add_test(tc, test_cascade_through_irq2);
    tcase_add_test(tc, test_special_fully_nested);
    tcase_add_test(tc, test_spurious_master);
    tcase_add_test(tc, test_spurious_slave);
    tcase_add_test(tc, test_elcr_masks);
    tcase_add_test(tc, test_level_triggered);
    tcase_add_test(tc, test_edge_triggered);
    tcase_add_test(tc, test_read_register_select);
    tcase_add_test(tc, test_poll_mode);
    tcase_add_test(tc, test_special_mask_mode);
    tcase_add_test(tc, test_auto_eoi);
    tcase_add_test(tc, test_rotation);
    tcase_add_test(tc, test_seabios_trace_replay);
    tcase_add_test(tc, test_irq_statistics);
    tcase_add_test(tc, test_trace_update_only_when_asserted);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(i8259_suite());
}
