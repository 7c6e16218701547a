/*
 * Bus-master IDE registers of one channel: QEMU 7.2 hw/ide/pci.c
 * (bmdma_reset, bmdma_irq, bmdma_cmd_writeb, bmdma_addr_ioport_ops) and
 * the PIIX byte registers of hw/ide/piix.c (piix_bmdma_ops).  Register
 * layout (82371SB datasheet, "Bus Master IDE Registers"): +0 command,
 * +2 status, +4 PRD table address; +1 and +3 read as 0xff.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/ide/bmdma.h"
#include "softmmu/trace.h"

/* The IDE bus's line: raising it also latches the status INT bit. */
static void bmdma_irq(void *opaque, int n, int level)
{
    BMDMAState *bm = opaque;

    (void)n;
    if (level) {
        bm->status |= BM_STATUS_INT;
    }
    qemu_set_irq(bm->irq, level);
}

void bmdma_init(BMDMAState *bm, qemu_irq irq)
{
    bm->irq = irq;
    bm->bus_irq = qemu_allocate_irq(bmdma_irq, bm, 0);
}

void bmdma_free(BMDMAState *bm)
{
    qemu_free_irq(bm->bus_irq);
    bm->bus_irq = NULL;
}

void bmdma_reset(BMDMAState *bm)
{
    trace_bmdma_reset();
    bm->cmd = 0;
    bm->status = 0;             /* bmdma_cancel's DMAING included */
    bm->addr = 0;
    bm->cur_addr = 0;
}

/*
 * Only a change of the start bit acts.  Stopping cancels the drive's
 * DMA (none without a drive) and clears DMAING; starting rewinds to the
 * PRD table and sets DMAING, and with no transfer waiting nothing else
 * happens.  Only the start and read/write bits are kept.
 */
void bmdma_cmd_writeb(BMDMAState *bm, uint32_t val)
{
    trace_bmdma_cmd_writeb(val);
    if ((val & BM_CMD_START) != (bm->cmd & BM_CMD_START)) {
        if (!(val & BM_CMD_START)) {
            bm->status &= ~BM_STATUS_DMAING;
        } else {
            bm->cur_addr = bm->addr;
            bm->status |= BM_STATUS_DMAING;
        }
    }
    bm->cmd = val & 0x09;
}

/* Bits 5-6 (drive DMA capable) are written, 1-2 cleared by a 1, bit 0
 * kept; bit 7 (simplex) reads 0: both channels may DMA at once. */
void bmdma_status_writeb(BMDMAState *bm, uint32_t val)
{
    bm->status = (val & 0x60) | (bm->status & BM_STATUS_DMAING) |
                 (bm->status & ~val & (BM_STATUS_ERROR | BM_STATUS_INT));
}

/* piix.c bmdma_read: wider accesses read as all ones, untraced. */
static uint64_t bmdma_read(void *opaque, hwaddr addr, unsigned size)
{
    BMDMAState *bm = opaque;
    uint32_t val;

    if (size != 1) {
        return ((uint64_t)1 << (size * 8)) - 1;
    }
    switch (addr & 3) {
    case 0: val = bm->cmd; break;
    case 2: val = bm->status; break;
    default: val = 0xff; break;
    }
    trace_bmdma_read(addr, val);
    return val;
}

/* piix.c bmdma_write: wider accesses are dropped, untraced. */
static void bmdma_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    BMDMAState *bm = opaque;

    if (size != 1) {
        return;
    }
    trace_bmdma_write(addr, val);
    if ((addr & 3) == 0) {
        bmdma_cmd_writeb(bm, val);
    } else if ((addr & 3) == 2) {
        bmdma_status_writeb(bm, val);
    }
}

/* No .endianness, .valid or .impl in QEMU: native, 1-4 bytes. */
const MemoryRegionOps piix_bmdma_ops = {
    .read = bmdma_read,
    .write = bmdma_write,
};

/* Any naturally aligned 1-4 byte slice of the 32-bit address. */
static uint64_t bmdma_addr_read(void *opaque, hwaddr addr, unsigned width)
{
    BMDMAState *bm = opaque;
    uint32_t mask = ((uint64_t)1 << (width * 8)) - 1;
    uint64_t data = (bm->addr >> (addr * 8)) & mask;

    trace_bmdma_addr_read(data);
    return data;
}

/* The slice is replaced; bits 1:0 of the address stay 0. */
static void bmdma_addr_write(void *opaque, hwaddr addr, uint64_t data, unsigned width)
{
    BMDMAState *bm = opaque;
    unsigned shift = addr * 8;
    uint32_t mask = ((uint64_t)1 << (width * 8)) - 1;

    trace_bmdma_addr_write(data);
    bm->addr &= ~(mask << shift);
    bm->addr |= ((data & mask) << shift) & ~3u;
}

const MemoryRegionOps bmdma_addr_ioport_ops = {
    .read = bmdma_addr_read,
    .write = bmdma_addr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};
