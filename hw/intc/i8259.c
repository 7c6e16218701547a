/*
 * The i8259 PIC pair of the pc machine: register model, cascade, interrupt
 * acknowledge, ELCR, `info pic` / `info irq` text and trace events.
 * Behaviour is QEMU 7.2's hw/intc/i8259.c and hw/intc/i8259_common.c
 * (which simplify the 8259A: no level-triggered mode from ICW1, ICW3
 * ignored, the cascade always on master IRQ2).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <glib.h>
#include "hw/intc/i8259.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"

/* ---- priority resolution ------------------------------------------------ */

/* Priority level (0 = highest) of the most urgent bit of mask, counting
 * from the IRQ that rotation made the highest (priority_add); 8 when mask
 * is empty.  The 8259A priority resolver. */
static int pic_best_priority(const PICCommonState *c, unsigned mask)
{
    for (int prio = 0; prio < 8; prio++) {
        if (mask & (1u << ((prio + c->priority_add) & 7))) {
            return prio;
        }
    }
    return 8;
}

/* The IRQ the chip would deliver now, or -1: the best unmasked request,
 * if it beats everything in service.  In special mask mode masked ISR bits
 * do not block; in special fully nested mode the master lets the slave
 * (IRQ2) interrupt itself. */
static int pic_pending_irq(const PICCommonState *c)
{
    int req = pic_best_priority(c, c->irr & ~c->imr);
    unsigned in_service = c->isr;

    if (req == 8) {
        return -1;
    }
    if (c->special_mask) {
        in_service &= ~c->imr;
    }
    if (c->special_fully_nested_mode && c->master) {
        in_service &= ~(1u << 2);
    }
    if (req >= pic_best_priority(c, in_service)) {
        return -1;
    }
    return (req + c->priority_add) & 7;
}

/* Recompute the INT pin; QEMU calls this after every state change that may
 * move it, and traces only when it is (still) asserted. */
static void pic_update_output(PICCommonState *c)
{
    if (pic_pending_irq(c) >= 0) {
        trace_pic_update_irq(c->master, c->imr, c->irr, c->priority_add);
        qemu_irq_raise(c->int_out);
    } else {
        qemu_irq_lower(c->int_out);
    }
}

/* ---- inputs --------------------------------------------------------------- */

/* QEMU's pic_stat_update_irq: count 0 -> 1 transitions per ISA IRQ. */
static void pic_count_level(PICState *s, int isa_irq, int level)
{
    if (level != s->irq_level[isa_irq]) {
        s->irq_level[isa_irq] = level;
        if (level == 1) {
            s->irq_count[isa_irq]++;
        }
    }
}

/* An input line changed.  Level-triggered inputs (ELCR bit set) mirror the
 * line into IRR; edge-triggered ones latch IRR on a low-to-high change,
 * remembered in last_irr. */
static void pic_set_irq(void *opaque, int n, int level)
{
    PICCommonState *c = opaque;
    unsigned bit = 1u << n;

    trace_pic_set_irq(c->master, n, level);
    pic_count_level(c->pair, c->master ? n : n + 8, level);

    if (c->elcr & bit) {
        c->irr = level ? c->irr | bit : c->irr & ~bit;
    } else if (level && !(c->last_irr & bit)) {
        c->irr |= bit;
    }
    c->last_irr = level ? c->last_irr | bit : c->last_irr & ~bit;
    pic_update_output(c);
}

/* ---- interrupt acknowledge ----------------------------------------------- */

/* The INTA cycle for irq: into service (or, in AEOI mode, straight out,
 * rotating if asked), and an edge request is consumed.  A level request
 * stays in IRR while the line is high (QEMU does not clear it). */
static void pic_ack(PICCommonState *c, int irq)
{
    unsigned bit = 1u << irq;

    if (!c->auto_eoi) {
        c->isr |= bit;
    } else if (c->rotate_on_auto_eoi) {
        c->priority_add = (irq + 1) & 7;
    }
    if (!(c->elcr & bit)) {
        c->irr &= ~bit;
    }
    pic_update_output(c);
}

int pic_read_irq(PICState *s)
{
    PICCommonState *m = &s->chip[0], *sl = &s->chip[1];
    int irq = pic_pending_irq(m), vector;

    if (irq < 0) {
        /* Nothing left to deliver (the request went away between INT and
         * INTA): the 8259A answers IRQ7's vector without touching ISR. */
        irq = 7;
        vector = m->irq_base + 7;
    } else if (irq == 2) {
        int sirq = pic_pending_irq(sl);

        if (sirq >= 0) {
            pic_ack(sl, sirq);
        } else {
            sirq = 7;               /* spurious on the slave: IRQ15 */
        }
        vector = sl->irq_base + sirq;
        pic_ack(m, 2);
        irq = sirq + 8;
    } else {
        vector = m->irq_base + irq;
        pic_ack(m, irq);
    }
    trace_pic_interrupt(irq, vector);
    return vector;
}

int pic_get_output(PICState *s)
{
    return pic_pending_irq(&s->chip[0]) >= 0;
}

/* ---- reset ---------------------------------------------------------------- */

/* QEMU's pic_reset_common, run by ICW1 and by device reset: everything but
 * ELCR and elcr_mask; IRR keeps only the level-triggered requests. */
static void pic_clear_registers(PICCommonState *c)
{
    c->last_irr = 0;
    c->irr &= c->elcr;
    c->imr = 0;
    c->isr = 0;
    c->priority_add = 0;
    c->irq_base = 0;
    c->read_reg_select = 0;
    c->poll = 0;
    c->special_mask = 0;
    c->init_state = 0;
    c->auto_eoi = 0;
    c->rotate_on_auto_eoi = 0;
    c->special_fully_nested_mode = 0;
    c->init4 = 0;
    c->single_mode = 0;
}

/* QEMU's pic_init_reset. */
static void pic_init_reset(PICCommonState *c)
{
    pic_clear_registers(c);
    pic_update_output(c);
}

/* QEMU's pic_reset (the device reset): ELCR is cleared first, so IRR
 * empties too. */
static void pic_reset(PICCommonState *c)
{
    c->elcr = 0;
    pic_init_reset(c);
}

void i8259_reset(PICState *s)
{
    pic_reset(&s->chip[1]);
    pic_reset(&s->chip[0]);
}

/* ---- command port (A0 = 0) ---------------------------------------------- */

/* ICW1: start initialisation.  QEMU keeps edge triggering even when LTIM
 * asks for level (the PIIX ELCR decides) and only logs it. */
static void pic_write_icw1(PICCommonState *c, uint8_t val)
{
    pic_init_reset(c);
    c->init_state = 1;
    c->init4 = val & 1;
    c->single_mode = (val >> 1) & 1;
    if (val & 0x08) {
        qemu_log_mask(LOG_UNIMP, "i8259: level sensitive irq not supported\n");
    }
}

/* OCW3: poll command, register read select (RR + RIS), special mask mode
 * (ESMM + SMM).  Nothing here moves INT until the next update. */
static void pic_write_ocw3(PICCommonState *c, uint8_t val)
{
    if (val & 0x04) {
        c->poll = 1;
    }
    if (val & 0x02) {
        c->read_reg_select = val & 1;
    }
    if (val & 0x40) {
        c->special_mask = (val >> 5) & 1;
    }
}

/* Non-specific EOI (cmd 1) and rotate on non-specific EOI (cmd 5): the
 * highest priority in-service IRQ ends. */
static void pic_nonspecific_eoi(PICCommonState *c, bool rotate)
{
    int prio = pic_best_priority(c, c->isr);
    int irq;

    if (prio == 8) {
        return;
    }
    irq = (prio + c->priority_add) & 7;
    c->isr &= ~(1u << irq);
    if (rotate) {
        c->priority_add = (irq + 1) & 7;
    }
    pic_update_output(c);
}

/* OCW2: R, SL, EOI in bits 7..5; L2..L0 in bits 2..0. */
static void pic_write_ocw2(PICCommonState *c, uint8_t val)
{
    int irq = val & 7;

    switch (val >> 5) {
    case 0:     /* rotate in AEOI mode: clear */
    case 4:     /* rotate in AEOI mode: set */
        c->rotate_on_auto_eoi = val >> 7;
        break;
    case 1:     /* non-specific EOI */
    case 5:     /* rotate on non-specific EOI */
        pic_nonspecific_eoi(c, val >> 7);
        break;
    case 3:     /* specific EOI */
        c->isr &= ~(1u << irq);
        pic_update_output(c);
        break;
    case 6:     /* set priority: irq becomes the lowest */
        c->priority_add = (irq + 1) & 7;
        pic_update_output(c);
        break;
    case 7:     /* rotate on specific EOI */
        c->isr &= ~(1u << irq);
        c->priority_add = (irq + 1) & 7;
        pic_update_output(c);
        break;
    default:    /* 2: no operation */
        break;
    }
}

/* ---- data port (A0 = 1) --------------------------------------------------- */

/* OCW1 when initialised, otherwise the next ICW.  ICW3 (cascade wiring) is
 * accepted and ignored: the pair is always cascaded through IRQ2.  Of ICW4
 * only SFNM and AEOI matter (no buffered mode, no 8080 mode). */
static void pic_write_data(PICCommonState *c, uint8_t val)
{
    switch (c->init_state) {
    case 0:     /* OCW1 */
        c->imr = val;
        pic_update_output(c);
        break;
    case 1:     /* ICW2 */
        c->irq_base = val & 0xf8;
        c->init_state = c->single_mode ? (c->init4 ? 3 : 0) : 2;
        break;
    case 2:     /* ICW3 */
        c->init_state = c->init4 ? 3 : 0;
        break;
    default:    /* 3: ICW4 */
        c->special_fully_nested_mode = (val >> 4) & 1;
        c->auto_eoi = (val >> 1) & 1;
        c->init_state = 0;
        break;
    }
}

/* Offsets other than 0 act as the data port, as in QEMU (a 4-byte access
 * to the 2-byte region is split into bytes at offsets 0..3). */
static void pic_ioport_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    PICCommonState *c = opaque;
    uint8_t val = data;

    (void)size;
    trace_pic_ioport_write(c->master, (uint32_t)addr, (uint32_t)data);
    if (addr != 0) {
        pic_write_data(c, val);
    } else if (val & 0x10) {
        pic_write_icw1(c, val);
    } else if (val & 0x08) {
        pic_write_ocw3(c, val);
    } else {
        pic_write_ocw2(c, val);
    }
}

/* A poll read acknowledges the best request and answers 0x80 | irq (0 if
 * none); it works on either port and ends poll mode.  Otherwise port 0
 * reads IRR or ISR (OCW3 RIS) and port 1 reads IMR. */
static int pic_poll(PICCommonState *c)
{
    int irq = pic_pending_irq(c);

    c->poll = 0;
    if (irq < 0) {
        return 0;
    }
    pic_ack(c, irq);
    return irq | 0x80;
}

static uint64_t pic_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PICCommonState *c = opaque;
    int val;

    (void)size;
    if (c->poll) {
        val = pic_poll(c);
    } else if (addr == 0) {
        val = c->read_reg_select ? c->isr : c->irr;
    } else {
        val = c->imr;
    }
    trace_pic_ioport_read(c->master, addr, val);
    return val;
}

/* ---- ELCR (PIIX, ports 0x4d0/0x4d1) --------------------------------------- */

/* Bits outside elcr_mask are hard-wired edge: IRQ0-2 (timer, keyboard,
 * cascade) on the master, IRQ8 and IRQ13 (RTC, FPU) on the slave.  Changing
 * ELCR does not touch IRR or INT, as in QEMU. */
static void elcr_ioport_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    PICCommonState *c = opaque;

    (void)addr; (void)size;
    c->elcr = data & c->elcr_mask;
}

static uint64_t elcr_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PICCommonState *c = opaque;

    (void)addr; (void)size;
    return c->elcr;
}

/* QEMU leaves .valid and .endianness at their defaults (1..4 bytes,
 * native endian) and implements byte accesses only. */
const MemoryRegionOps pic_base_ioport_ops = {
    .read = pic_ioport_read,
    .write = pic_ioport_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

const MemoryRegionOps pic_elcr_ioport_ops = {
    .read = elcr_ioport_read,
    .write = elcr_ioport_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- creation ------------------------------------------------------------- */

/* QEMU's i8259_init_chip properties (iobase, elcr_addr, elcr_mask,
 * master); every register starts at zero, as a fresh QOM object does. */
static void pic_chip_init(PICState *s, PICCommonState *c, bool master)
{
    c->master = master;
    c->iobase = master ? 0x20 : 0xa0;
    c->elcr_addr = master ? 0x4d0 : 0x4d1;
    c->elcr_mask = master ? 0xf8 : 0xde;
    c->pair = s;
    c->in = qemu_allocate_irqs(pic_set_irq, c, 8);
}

PICState *i8259_init(qemu_irq parent_irq)
{
    PICState *s = g_new0(PICState, 1);
    PICCommonState *m = &s->chip[0], *sl = &s->chip[1];

    pic_chip_init(s, m, true);
    pic_chip_init(s, sl, false);
    m->int_out = parent_irq;
    sl->int_out = m->in[2];
    for (int i = 0; i < 8; i++) {
        s->irqs[i] = m->in[i];
        s->irqs[i + 8] = sl->in[i];
    }
    return s;
}

void i8259_free(PICState *s)
{
    if (!s) {
        return;
    }
    qemu_free_irqs(s->chip[0].in, 8);
    qemu_free_irqs(s->chip[1].in, 8);
    g_free(s);
}

qemu_irq *i8259_irqs(PICState *s)
{
    return s->irqs;
}

PICCommonState *i8259_chip(PICState *s, unsigned index)
{
    return index < 2 ? &s->chip[index] : NULL;
}

/* ---- monitor -------------------------------------------------------------- */

/* QEMU's pic_print_info (i8259_common.c). */
void pic_print_info(PICCommonState *c, FILE *f)
{
    fprintf(f, "pic%d: irr=%02x imr=%02x isr=%02x hprio=%d irq_base=%02x "
            "rr_sel=%d elcr=%02x fnm=%d\n",
            c->master ? 0 : 1, c->irr, c->imr, c->isr, c->priority_add,
            c->irq_base, c->read_reg_select, c->elcr,
            c->special_fully_nested_mode);
}

void i8259_print_info(PICState *s, FILE *f)
{
    pic_print_info(&s->chip[1], f);
    pic_print_info(&s->chip[0], f);
}

/* QEMU's `info irq` (qmp_x_query_irq) for the pair: the master provides
 * all 16 counts, the slave reports none and prints nothing. */
void i8259_print_irq_stats(PICState *s, FILE *f)
{
    fprintf(f, "IRQ statistics for %s:\n", TYPE_I8259);
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        if (s->irq_count[i] > 0) {
            fprintf(f, "%2d: %" PRId64 "\n", i, (int64_t)s->irq_count[i]);
        }
    }
}
