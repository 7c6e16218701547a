/*
 * PIIX3 PCI-to-ISA bridge, function 00:01.0 (QEMU's hw/isa/piix3.c):
 * config space with QEMU's reset values, the PIRQ routing registers
 * 0x60-0x63 (PCI INTx levels onto the PIC inputs they name), and the
 * reset control register at port 0xcf9.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_ISA_PIIX3_H
#define HW_ISA_PIIX3_H

#include <stdint.h>
#include "hw/core/irq.h"
#include "hw/pci/pci.h"
#include "softmmu/memory.h"

#define PIIX_PIRQCA         0x60
#define PIIX_NUM_PIRQS      4
#define PIIX_NUM_PIC_IRQS   16
#define PIIX_RCR_IOPORT     0xcf9

typedef struct PIIX3State {
    PCIDevice dev;
    qemu_irq *pic;              /* the 16 ISA interrupt lines */
    /* Bit (pic_irq * 4 + pirq): PCI INTx line pirq is up and routed to
     * pic_irq (QEMU's pic_levels). */
    uint64_t pic_levels;
    uint8_t pirq_level[PIIX_NUM_PIRQS]; /* the PCI bus's INTx levels */
    uint8_t rcr;                /* reset control: only bit 1 is kept */
    void (*reset_request)(void);
} PIIX3State;

/* The "piix3-reset-control" region's ops (1 byte at 0xcf9); opaque = the
 * PIIX3State. */
extern const MemoryRegionOps piix3_rcr_ops;

/* pci_create_simple_multifunction(bus, -1, true, "PIIX3"): the function at
 * devfn (00:01.0 on the pc machine).  False with *errp set on failure. */
bool piix3_init(PIIX3State *s, PCIBus *bus, int devfn, qemu_irq *pic,
                void (*reset_request)(void), char **errp);
/* piix3_reset, the device's own reset (before the bus reset clears the
 * writable COMMAND/STATUS bits, as in QEMU). */
void piix3_reset(PIIX3State *s);
/* A PCI INTx line (PIRQA..D) changed level. */
void piix3_set_pirq(PIIX3State *s, int pirq, int level);

#endif
