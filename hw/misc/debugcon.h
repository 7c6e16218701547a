/*
 * isa-debugcon: Bochs/QEMU debug console port (QEMU 7.2 hw/char/debugcon.c).
 * A byte written to the port goes to the chardev; a read returns the
 * readback value (0xe9 by default, what SeaBIOS probes for).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_MISC_DEBUGCON_H
#define HW_MISC_DEBUGCON_H

#include <stdint.h>
#include "softmmu/chardev.h"
#include "softmmu/memory.h"

#define TYPE_ISA_DEBUGCON_DEVICE "isa-debugcon"
#define DEBUGCON_DEFAULT_IOBASE     0xe9
#define DEBUGCON_DEFAULT_READBACK   0xe9

typedef struct ISADebugconState {
    /* properties (set before realize) */
    uint32_t iobase;            /* "iobase", default 0xe9 */
    uint32_t readback;          /* "readback", default 0xe9 */
    Chardev *chr;               /* "chardev", claimed by the caller */
    /* state */
    MemoryRegion io;            /* "isa-debugcon", 1 port */
    MemoryRegion *io_space;     /* where it is mapped, NULL before realize */
} ISADebugconState;

/* The property defaults (instance_init). */
void isa_debugcon_init(ISADebugconState *s);
/* Map the port into io_space (the ISA I/O space: the machine's `io`
 * region), owned by owner for `info mtree -o`.  False with QEMU's message
 * in *errp when no chardev is connected. */
bool isa_debugcon_realize(ISADebugconState *s, MemoryRegion *io_space, void *owner,
                          char **errp);
/* Unmap and finalize the region; releases the chardev. */
void isa_debugcon_unrealize(ISADebugconState *s);

#endif
