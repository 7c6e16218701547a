/*
 * The PCI IDE bus-master DMA engine of one channel (QEMU 7.2 hw/ide/pci.c
 * BMDMAState, with the PIIX register ops of hw/ide/piix.c): command,
 * status and PRD table address registers, and the interrupt wrapper that
 * sets the status register's interrupt bit when the IDE bus raises its
 * line.  No drive can start a transfer, so the engine never moves data.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_IDE_BMDMA_H
#define HW_IDE_BMDMA_H

#include <stdint.h>
#include "hw/core/irq.h"
#include "softmmu/memory.h"

#define BM_STATUS_DMAING    0x01    /* bus master IDE active (read-only) */
#define BM_STATUS_ERROR     0x02    /* write 1 to clear */
#define BM_STATUS_INT       0x04    /* write 1 to clear */
#define BM_CMD_START        0x01

typedef struct BMDMAState {
    uint8_t cmd;
    uint8_t status;
    uint32_t addr;                  /* PRD table address, bits 1:0 zero */
    uint32_t cur_addr;              /* where a started transfer reads PRDs */
    qemu_irq irq;                   /* the channel's ISA line */
    qemu_irq bus_irq;               /* given to the IDE bus: bmdma_irq */
    MemoryRegion extra_io;          /* "piix-bmdma": command, status */
    MemoryRegion addr_ioport;       /* "bmdma": PRD table address */
} BMDMAState;

/* bmdma_init's share: the line the bus raises goes through the engine
 * to irq.  Free with bmdma_free. */
void bmdma_init(BMDMAState *bm, qemu_irq irq);
void bmdma_free(BMDMAState *bm);
/* bmdma_reset (trace bmdma_reset): every register 0. */
void bmdma_reset(BMDMAState *bm);
/* Register writes (QEMU's bmdma_cmd_writeb, bmdma_write's status case). */
void bmdma_cmd_writeb(BMDMAState *bm, uint32_t val);
void bmdma_status_writeb(BMDMAState *bm, uint32_t val);

/* QEMU's piix_bmdma_ops (opaque = BMDMAState; only byte accesses reach
 * the registers) and bmdma_addr_ioport_ops. */
extern const MemoryRegionOps piix_bmdma_ops;
extern const MemoryRegionOps bmdma_addr_ioport_ops;

#endif
