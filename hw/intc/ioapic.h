/*
 * The I/O APIC of the pc machine (QEMU 7.2's hw/intc/ioapic.c,
 * hw/intc/ioapic_common.c and include/hw/i386/ioapic_internal.h, without
 * QOM and without KVM's split irqchip).
 *
 * 24 input pins; a redirection entry that fires becomes an MSI write of
 * its vector/trigger/delivery mode into 0xfee00000 | dest << 12 of the
 * interrupt address space (QEMU's ioapic_as: address_space_memory), where
 * the local APIC's "apic-msi" region turns it into an APIC bus message.
 *
 * How the machine uses it (QEMU's ioapic_init_gsi):
 *   IOAPICState *io = ioapic_new(&address_space_memory, pic);
 *   memory_region_init_io(mr, owner, &ioapic_io_ops, io, "ioapic", 0x1000)
 *     at 0xfec00000;
 *   GSI n (0-23) is io->in[n]; the local APIC's EOI hook is
 *   ioapic_eoi_broadcast(io, vector);
 *   on system reset: ioapic_reset(io).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INTC_IOAPIC_H
#define HW_INTC_IOAPIC_H

#include <stdint.h>
#include <glib.h>
#include "hw/core/irq.h"
#include "hw/intc/i8259.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"

#define IOAPIC_NUM_PINS         24
/* QEMU 7.2's default "version" property (IOAPIC_VER_DEF): the 82093AA's
 * successor with the EOI register at 0x40. */
#define IOAPIC_VER_DEF          0x20

#define IOAPIC_LVT_MASKED       (1ULL << 16)
#define IOAPIC_LVT_TRIGGER_MODE (1ULL << 15)
#define IOAPIC_LVT_REMOTE_IRR   (1ULL << 14)
#define IOAPIC_LVT_DELIV_STATUS (1ULL << 12)

typedef struct IOAPICState {
    uint8_t id;
    uint8_t ioregsel;
    uint8_t version;
    uint32_t irr;                           /* one bit per pin */
    uint64_t ioredtbl[IOAPIC_NUM_PINS];
    uint64_t irq_count[IOAPIC_NUM_PINS];    /* `info irq` statistics */
    int irq_level[IOAPIC_NUM_PINS];
    int irq_eoi[IOAPIC_NUM_PINS];           /* EOIs in a row that re-fired */
    QEMUTimer *delayed_service_timer;
    AddressSpace *as;                       /* where the MSI writes go */
    PICState *pic;                          /* ExtINT entries ask the PIC */
    qemu_irq in[IOAPIC_NUM_PINS];           /* the input pins */
} IOAPICState;

/* QEMU's ioapic_io_ops: no access-size limits, native endianness;
 * IOREGSEL (offset 0) takes any size, IOWIN (0x10) and EOI (0x40) only 4
 * bytes; the offset is taken modulo 256.  Opaque: the IOAPICState. */
extern const MemoryRegionOps ioapic_io_ops;

/* Realized with version IOAPIC_VER_DEF, not yet reset (ioapic_reset). */
IOAPICState *ioapic_new(AddressSpace *as, PICState *pic);
void ioapic_free(IOAPICState *s);
/* QEMU's ioapic_reset_common: ID 0, IOREGSEL 0, IRR 0, every entry masked. */
void ioapic_reset(IOAPICState *s);
/* A level-triggered vector was EOIed at a local APIC (QEMU's
 * ioapic_eoi_broadcast); opaque is the IOAPICState. */
void ioapic_eoi_broadcast(void *opaque, int vector);

/* `info pic` block ("ioapic0: ver=..." and the redirection table) and
 * `info irq` block, QEMU's formats (hw/intc/ioapic-info.c). */
void ioapic_print_info(const IOAPICState *s, GString *out);
void ioapic_print_irq_stats(const IOAPICState *s, GString *out);

#endif
