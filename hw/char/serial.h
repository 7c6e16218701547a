/*
 * 16550A UART, as QEMU 7.2 emulates it (include/hw/char/serial.h,
 * hw/char/serial.c, hw/char/serial-isa.c).
 *
 * The device is a SerialState driven through serial_io_ops (opaque = the
 * SerialState, 8 byte registers at offsets 0..7).  Output goes to a Chardev
 * the moment the guest writes THR; input comes from whoever owns the
 * chardev's input side, which asks serial_can_receive how many bytes the
 * UART takes now and hands them to serial_receive (QEMU's
 * serial_can_receive1 / serial_receive1 chardev handlers).
 *
 * Typical ISA wiring (QEMU's isa-serial, index i of MAX_ISA_SERIAL_PORTS):
 *
 *     qemu_chr_fe_init(chr, &err);               // claim the front end
 *     s = serial_new(chr, isa_irq[serial_isa_irq[i]]);
 *     serial_isa_map(s, &system_io, serial_isa_io[i], owner);
 *     ...                                        // machine reset: serial_reset(s)
 *     serial_free(s);                            // unmaps, releases chr
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/core/irq.h"
#include "softmmu/chardev.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"

#define TYPE_SERIAL "serial"            /* the I/O region's name too */
#define UART_FIFO_LENGTH 16             /* 16550A FIFO depth */
#define SERIAL_DEFAULT_BAUDBASE 115200  /* QEMU's "baudbase" property */

/* serial-isa.c: COM1..COM4 ports and ISA IRQs, picked by index. */
#define MAX_ISA_SERIAL_PORTS 4
extern const uint32_t serial_isa_io[MAX_ISA_SERIAL_PORTS];   /* 0x3f8 0x2f8 0x3e8 0x2e8 */
extern const uint32_t serial_isa_irq[MAX_ISA_SERIAL_PORTS];  /* 4 3 4 3 */

/* A byte FIFO with QEMU's Fifo8 semantics (util/fifo8.c), fixed at 16. */
typedef struct SerialFifo {
    uint8_t data[UART_FIFO_LENGTH];
    uint8_t head;               /* index of the oldest byte */
    uint8_t num;                /* bytes held */
} SerialFifo;

typedef struct SerialState {
    /* registers (QEMU's SerialState names) */
    uint16_t divider;           /* DLL | DLM << 8 */
    uint8_t rbr;                /* receive buffer (FIFO off) */
    uint8_t thr;                /* transmit holding register */
    uint8_t tsr;                /* transmit shift register */
    uint8_t ier, iir, lcr, mcr, lsr, msr, scr, fcr;
    /* THRE interrupt latch: reading IIR while it shows THRI clears it
     * although LSR.THRE stays set (QEMU's thr_ipending). */
    int thr_ipending;
    int timeout_ipending;       /* character timeout indication pending */
    uint8_t recv_fifo_itl;      /* RX trigger level in bytes: 1, 4, 8, 14 */
    SerialFifo recv_fifo, xmit_fifo;
    QEMUTimer *fifo_timeout_timer;
    uint64_t char_transmit_time;    /* ns per character frame */
    uint32_t baudbase;              /* input clock / 16, default 115200 */

    qemu_irq irq;
    Chardev *chr;               /* NULL: output is dropped */
    MemoryRegion io;            /* "serial", 8 ports, after serial_isa_map */
    MemoryRegion *io_space;     /* where io is mapped, NULL if not */
} SerialState;

/* QEMU's serial_io_ops: byte registers (.impl 1..1), any access size and
 * alignment accepted (.valid.unaligned; wider accesses are split into
 * byte accesses by the dispatch), little-endian.  opaque = SerialState *. */
extern const MemoryRegionOps serial_io_ops;

/* Create and reset a UART (QEMU's serial_realize): baudbase 115200,
 * output to chr (may be NULL; the caller has claimed it with
 * qemu_chr_fe_init), interrupt on irq (may be NULL).  Lowers irq. */
SerialState *serial_new(Chardev *chr, qemu_irq irq);
/* QEMU's serial_reset (registered for system reset in QEMU): register
 * reset values; FCR and the trigger level are kept, as QEMU keeps them. */
void serial_reset(SerialState *s);
/* Unmap and finalize the region, free the timer, release chr; NULL is fine. */
void serial_free(SerialState *s);

/* Initialize s->io as QEMU's isa-serial does ("serial", 8 bytes, owned by
 * owner for `info mtree -o`) and map it at iobase in io_space. */
void serial_isa_map(SerialState *s, MemoryRegion *io_space, uint32_t iobase, void *owner);

/* Change the reference clock (QEMU's serial_set_frequency); re-derives
 * the line parameters and emits serial_update_parameters. */
void serial_set_frequency(SerialState *s, uint32_t frequency);

/* Input side (QEMU's serial_can_receive1 / serial_receive1): how many
 * bytes the UART accepts now (0: none), then deliver them.  Bytes beyond
 * what the FIFO holds set LSR.OE and are lost, as in QEMU. */
int serial_can_receive(SerialState *s);
void serial_receive(SerialState *s, const uint8_t *buf, int size);
/* A break condition on the line (QEMU's CHR_EVENT_BREAK handler). */
void serial_receive_break(SerialState *s);

#endif
