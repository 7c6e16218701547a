/*
 * The i8259 programmable interrupt controller pair of the pc machine
 * (QEMU 7.2 hw/intc/i8259.c, hw/intc/i8259_common.c and
 * include/hw/isa/i8259_internal.h, without QOM).
 *
 * Two chips: the master (ports 0x20/0x21, ELCR 0x4d0, ISA IRQ 0-7) whose
 * INT pin goes to the CPU, and the slave (0xa0/0xa1, ELCR 0x4d1, ISA IRQ
 * 8-15) whose INT pin is the master's IRQ2 input, as i8259_init wires them.
 *
 * How the machine uses it (what QEMU's pc_i8259_create and the ISA
 * realize do):
 *   PICState *pic = i8259_init(cpu_irq);
 *   for each chip c = i8259_chip(pic, 0 or 1):
 *     memory_region_init_io(mr, owner, &pic_base_ioport_ops, c, "pic", 2)
 *       at c->iobase;
 *     memory_region_init_io(mr, owner, &pic_elcr_ioport_ops, c, "elcr", 1)
 *       at c->elcr_addr;
 *   ISA IRQ n is i8259_irqs(pic)[n];
 *   on system reset: i8259_reset(pic);
 *   on interrupt acknowledge: vector = pic_read_irq(pic).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INTC_I8259_H
#define HW_INTC_I8259_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "hw/core/irq.h"
#include "softmmu/memory.h"

#define TYPE_I8259      "isa-i8259"     /* QEMU's type name (info irq) */
#define ISA_NUM_IRQS    16

typedef struct PICState PICState;

/* One 8259A (QEMU's PICCommonState).  Byte-sized fields as in QEMU's
 * vmstate; the flags hold 0 or 1. */
typedef struct PICCommonState {
    uint8_t last_irr;       /* input levels seen, for edge detection */
    uint8_t irr;            /* interrupt request register */
    uint8_t imr;            /* interrupt mask register (OCW1) */
    uint8_t isr;            /* in-service register */
    uint8_t priority_add;   /* IRQ with the highest priority (rotation) */
    uint8_t irq_base;       /* vector of IRQ0 (ICW2 & 0xf8) */
    uint8_t read_reg_select;    /* OCW3 RIS: 0 reads IRR, 1 reads ISR */
    uint8_t poll;           /* OCW3 P: the next read is a poll */
    uint8_t special_mask;   /* OCW3 SMM */
    uint8_t init_state;     /* 0 ready, 1..3 expecting ICW2..ICW4 */
    uint8_t auto_eoi;       /* ICW4 AEOI */
    uint8_t rotate_on_auto_eoi; /* OCW2 rotate-in-AEOI set/clear */
    uint8_t special_fully_nested_mode;  /* ICW4 SFNM */
    uint8_t init4;          /* ICW1 IC4: ICW4 follows */
    uint8_t single_mode;    /* ICW1 SNGL: no ICW3 */
    uint8_t elcr;           /* PIIX edge/level control register */
    uint8_t elcr_mask;      /* writable ELCR bits (0xf8 master, 0xde slave) */
    bool master;            /* QEMU's "master" property (the /SP pin) */
    uint32_t iobase;        /* 0x20 or 0xa0 */
    uint32_t elcr_addr;     /* 0x4d0 or 0x4d1 */
    qemu_irq int_out;       /* INT pin: the CPU line, or the master's IRQ2 */
    qemu_irq *in;           /* this chip's 8 inputs */
    PICState *pair;         /* the pair it belongs to */
} PICCommonState;

struct PICState {
    PICCommonState chip[2];         /* [0] master, [1] slave */
    qemu_irq irqs[ISA_NUM_IRQS];    /* ISA IRQ 0-15 (borrowed from chip[].in) */
    /* `info irq` statistics: QEMU's pic_stat_update_irq counts rising
     * levels per ISA IRQ; they survive resets. */
    int irq_level[ISA_NUM_IRQS];
    uint64_t irq_count[ISA_NUM_IRQS];
};

/* Region ops, QEMU's: byte-wide implementation (.impl 1..1, wider
 * accesses are split), no .valid limits (so 1..4), native endianness.
 * The opaque of both is the chip (i8259_chip). */
extern const MemoryRegionOps pic_base_ioport_ops;   /* "pic", size 2 */
extern const MemoryRegionOps pic_elcr_ioport_ops;   /* "elcr", size 1 */

/* Both chips (master INT -> parent_irq, slave INT -> master IRQ2), with
 * QEMU's property values, not yet reset: call i8259_reset before use, as
 * QEMU's machine reset does after realize.  Free with i8259_free. */
PICState *i8259_init(qemu_irq parent_irq);
void i8259_free(PICState *s);
/* The 16 ISA IRQ inputs (QEMU's i8259_init return value).  Line 2 is the
 * master's IRQ2 input, which is also the slave's INT output. */
qemu_irq *i8259_irqs(PICState *s);
/* Chip 0 (master) or 1 (slave), the opaque of the region ops; NULL for
 * any other index. */
PICCommonState *i8259_chip(PICState *s, unsigned index);

/* Device reset (QEMU's pic_reset on each chip, the slave first as QEMU's
 * ISA bus resets its newest child first): clears ELCR and every register;
 * elcr_mask, and the `info irq` counts, stay. */
void i8259_reset(PICState *s);
/* Interrupt acknowledge (QEMU's pic_read_irq): the vector of the highest
 * priority request, through the cascade; irq_base + 7 of the chip that
 * has nothing to deliver (spurious IRQ 7 / 15). */
int pic_read_irq(PICState *s);
/* The master's INT pin level (QEMU's pic_get_output, used by the APIC). */
int pic_get_output(PICState *s);

/* `info pic` lines for one chip ("pic0: irr=.. ... fnm=0\n"). */
void pic_print_info(PICCommonState *c, FILE *f);
/* `info pic` lines for the pair, in QEMU 7.2's order on the pc machine
 * (pic1 then pic0: QEMU walks the QOM tree in hash order; the ioapic0
 * block comes before them and is not this device's). */
void i8259_print_info(PICState *s, FILE *f);
/* `info irq` block of the pair (QEMU's pic_get_statistics: only the
 * master reports, with the counts of all 16 ISA IRQs). */
void i8259_print_irq_stats(PICState *s, FILE *f);

#endif
