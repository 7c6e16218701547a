/*
 * Floppy disk controller (Intel 82078) of the pc machine, as QEMU 7.2's
 * ISA FDC behaves with both drive slots empty (hw/block/fdc.c,
 * hw/block/fdc-isa.c, hw/block/fdc-internal.h; -nodefaults and no -drive,
 * so no floppy drive devices and no media).
 *
 * The controller is an FDCtrl driven through two regions (QEMU's
 * fdc_portio_list at iobase 0x3f0: ports 0x3f1-0x3f5 and 0x3f7; 0x3f0,
 * status register A, is not mapped on ISA):
 *
 *     s = fdctrl_new(isa_irq[6], dma_controller_0, 2);   // realize
 *     map fdctrl_ops[0] at 0x3f1, 5 bytes, and fdctrl_ops[1] at 0x3f7,
 *         1 byte, both "fdc" with opaque s
 *     ...                       machine reset: fdctrl_reset(s, 0)
 *     fdctrl_free(s);
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_BLOCK_FDC_H
#define HW_BLOCK_FDC_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/core/irq.h"
#include "hw/dma/i8257.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"

#define MAX_FD          2       /* QEMU's include/hw/block/fdc.h */
#define FD_SECTOR_LEN   512     /* the FIFO buffer */

/* One drive slot (QEMU's FDrive), always without a medium here. */
typedef struct FDrive {
    /* QEMU creates an empty BlockBackend for a slot the first time the
     * selected drive is looked up (get_cur_drv, CVE-2021-20196); status
     * register A's "no second drive" bit depends on it at reset. */
    bool blk;
    uint8_t perpendicular;      /* 2.88 MB access mode */
    uint8_t head, track, sect;  /* position */
    uint8_t last_sect;          /* sectors per track (0: no geometry) */
    uint8_t max_track;
    bool double_sided;          /* QEMU's FDISK_DBL_SIDES flag */
    uint8_t ro;                 /* an empty drive is read-only */
    uint8_t media_changed;      /* DIR bit 7 */
    uint8_t media_rate;         /* data rate of the (absent) medium */
} FDrive;

typedef struct FDCtrl {
    qemu_irq irq;
    QEMUTimer *result_timer;    /* READ ID completes after 20 ms */
    I8257State *dma;            /* controller of dma_chann, or NULL */
    int dma_chann;              /* -1: no DMA */
    uint8_t phase;              /* command / execution / result */
    uint8_t version;
    /* registers */
    uint8_t sra, srb, dor, tdr, dsr, msr;
    uint8_t cur_drv;
    uint8_t status0;            /* ST0 being built */
    /* command FIFO */
    uint8_t fifo[FD_SECTOR_LEN];
    uint32_t data_pos;
    uint32_t data_len;
    uint8_t data_dir;
    /* kept only to be read back */
    uint8_t precomp_trk;
    uint8_t config;
    uint8_t lock;
    uint8_t pwrd;
    FDrive drives[MAX_FD];
    int reset_sensei;           /* SENSE INTERRUPT results owed after a reset */
    uint8_t timer0, timer1;
} FDCtrl;

/* The "fdc" regions' ops (QEMU's portio ops over fdc_portio_list):
 * [0] for the 5 ports 0x3f1-0x3f5, [1] for 0x3f7.  opaque = FDCtrl *. */
extern const MemoryRegionOps fdctrl_ops[2];

/* QEMU's isabus_fdc_realize with no drives: interrupt on irq, DMA on
 * channel dma_chann of dma (registers its transfer handler there; -1 and
 * NULL: no DMA).  Not reset: the machine's reset does that. */
FDCtrl *fdctrl_new(qemu_irq irq, I8257State *dma, int dma_chann);
/* QEMU's fdctrl_reset: the machine reset passes do_irq 0; a reset through
 * DOR or DSR passes 1 (interrupt and four SENSE INTERRUPT results). */
void fdctrl_reset(FDCtrl *s, int do_irq);
void fdctrl_free(FDCtrl *s);

/* Register access by register number 0-7 (QEMU's fdctrl_read/write; the
 * ISA ports are 0x3f0 + reg).  Emits fdc_ioport_read/write. */
uint32_t fdctrl_read(FDCtrl *s, uint32_t reg);
void fdctrl_write(FDCtrl *s, uint32_t reg, uint32_t value);

/* The DMA channel's transfer handler (QEMU's fdctrl_transfer_handler). */
int fdctrl_transfer_handler(void *opaque, int nchan, int dma_pos, int dma_len);

#endif
