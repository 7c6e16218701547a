/*
 * Intel 8237/8257 DMA controller pair of the PC, as QEMU 7.2 emulates it
 * (hw/dma/i8257.c, include/hw/isa/isa.h's IsaDma interface).
 *
 * One I8257State is one controller: the 8-bit one (channels 0-3, ports
 * 0x00-0x0f, page registers at 0x80) has dshift 0, the 16-bit one
 * (channels 4-7, ports 0xc0-0xdf, page registers at 0x88) has dshift 1:
 * its ports are every other byte and it counts words.  The machine maps
 * the regions itself (pc.c keeps QEMU's names "dma-chan", "dma-cont",
 * "dma-page"), with the opaque of every region the I8257State:
 *
 *     d = i8257_new(dshift, &address_space_memory);
 *     map i8257_channel_ops at base, 8 << dshift bytes       "dma-chan"
 *     map i8257_page_ops[0] at page_base + 1, 3 bytes        "dma-page"
 *     map i8257_page_ops[1] at page_base + 7, 1 byte         "dma-page"
 *     map i8257_cont_ops at base + (8 << dshift), 8 << dshift "dma-cont"
 *     ...                                  machine reset: i8257_reset(d)
 *     i8257_free(d);
 *
 * A device doing DMA (the floppy controller on channel 2) registers a
 * transfer handler for its channel, raises DREQ when it wants data moved
 * and moves the bytes with i8257_dma_read/write_memory from its handler.
 * The handler runs when the channel is unmasked and requested: at once
 * from the register write or DREQ change that made it so, then from
 * QEMU's idle bottom half (here a 10 ms realtime timer) until that stops.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_DMA_I8257_H
#define HW_DMA_I8257_H

#include <stdbool.h>
#include <stdint.h>
#include "softmmu/memory.h"
#include "softmmu/timer.h"

/* QEMU's IsaDmaTransferHandler: nchan is the ISA channel (0-7), dma_pos
 * the bytes already moved in this block, dma_len the block size; returns
 * the new position.  Position == block size sets the channel's TC bit. */
typedef int (*IsaDmaTransferHandler)(void *opaque, int nchan, int dma_pos,
                                     int dma_len);

/* One channel (QEMU's I8257Regs). */
typedef struct I8257Regs {
    int32_t now[2];             /* [0] current address, [1] bytes done */
    uint16_t base[2];           /* base address / base count registers */
    uint8_t mode;
    uint8_t page;               /* page register: address bits 16-23 */
    uint8_t pageh;              /* high page (no such ports on PIIX3: 0) */
    IsaDmaTransferHandler transfer_handler;
    void *opaque;
} I8257Regs;

typedef struct I8257State {
    int dshift;                 /* 0: 8-bit controller, 1: 16-bit */
    uint8_t status;             /* bits 0-3 TC, bits 4-7 request (DREQ) */
    uint8_t command;
    uint8_t mask;               /* all 8 bits kept, as QEMU keeps them */
    uint8_t flip_flop;
    I8257Regs regs[4];
    bool running;               /* i8257_dma_run re-entered from a handler */
    bool dma_bh_scheduled;
    QEMUTimer *dma_bh;          /* stands in for QEMU's idle bottom half */
    AddressSpace *as;           /* where transfers go (system memory) */
} I8257State;

/* Ops of the regions (byte registers; opaque = I8257State *):
 * channel registers, control registers, and the two page-register ranges
 * (QEMU's page_portio_list entries { 1, 3 } and { 7, 1 }). */
extern const MemoryRegionOps i8257_channel_ops;
extern const MemoryRegionOps i8257_cont_ops;
extern const MemoryRegionOps i8257_page_ops[2];

/* A controller (QEMU's i8257_realize): every channel on the phony handler
 * (it traces i8257_unregistered_dma), transfers through as.  Not reset:
 * the machine's reset does that. */
I8257State *i8257_new(int dshift, AddressSpace *as);
/* Device reset (QEMU's i8257_reset: a master clear). */
void i8257_reset(I8257State *d);
void i8257_free(I8257State *d);

/* The IsaDma interface (QEMU's IsaDmaClass methods); nchan & 3 picks the
 * channel of this controller. */
void i8257_dma_register_channel(I8257State *d, int nchan,
                                IsaDmaTransferHandler handler, void *opaque);
bool i8257_dma_has_autoinitialization(I8257State *d, int nchan);
void i8257_dma_hold_DREQ(I8257State *d, int nchan);
void i8257_dma_release_DREQ(I8257State *d, int nchan);
/* Copy len bytes between buf and guest memory at the channel's address +
 * pos (or below it in decrement mode); verify transfers touch nothing.
 * Returns len. */
int i8257_dma_read_memory(I8257State *d, int nchan, void *buf, int pos, int len);
int i8257_dma_write_memory(I8257State *d, int nchan, void *buf, int pos, int len);
/* Ask for the pending transfer to run soon (QEMU's i8257_dma_schedule). */
void i8257_dma_schedule(I8257State *d);

/* Run every unmasked, requested channel once (the bottom half's body). */
void i8257_dma_run(I8257State *d);

#endif
