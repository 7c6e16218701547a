/*
 * PIIX3 IDE, PCI function 00:01.1 (QEMU 7.2's hw/ide/piix.c, piix3-ide):
 * config space 8086:7010, class 0101 prog-if 0x80 (both channels in
 * legacy mode), the bus-master BAR 4 (16 I/O ports: "piix-bmdma" and
 * "bmdma" per channel in "piix-bmdma-container"), the legacy ports of
 * both channels (0x1f0-0x1f7 + 0x3f6, IRQ 14; 0x170-0x177 + 0x376,
 * IRQ 15) and their two IDE buses, which have no drives.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_IDE_PIIX_H
#define HW_IDE_PIIX_H

#include "hw/core/irq.h"
#include "hw/ide/bmdma.h"
#include "hw/ide/core.h"
#include "hw/pci/pci.h"
#include "softmmu/memory.h"

#define PCI_DEVICE_ID_INTEL_82371SB_1   0x7010
#define PIIX_IDE_BMIBA                  0x20    /* BAR 4: bus master base */

typedef struct PCIIDEState {
    PCIDevice dev;                  /* "piix3-ide" */
    IDEBus bus[2];
    BMDMAState bmdma[2];
    MemoryRegion bmdma_bar;         /* "piix-bmdma-container", 16 bytes */
} PCIIDEState;

/*
 * pci_create_simple(bus, devfn, "piix3-ide"): register the function,
 * create its BAR (regions owned by owner) and map the legacy ports into
 * io_space; channel n interrupts on isa_irq[n] (ISA IRQ 14 and 15).
 * NULL with *errp set (g_free it) if devfn is taken.  Not reset yet.
 */
PCIIDEState *piix3_ide_new(PCIBus *bus, int devfn, MemoryRegion *io_space, void *owner,
                           qemu_irq isa_irq[2], char **errp);
/* piix_ide_reset, the device's own reset (before the bus's: QEMU's
 * pcibus_reset then clears COMMAND's writable bits and BAR 4's address). */
void piix_ide_reset(PCIIDEState *d);
/* Leave the bus, unmap and finalize every region; NULL is fine. */
void piix3_ide_free(PCIIDEState *d);

#endif
