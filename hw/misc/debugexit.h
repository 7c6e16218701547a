/*
 * isa-debug-exit (QEMU 7.2 hw/misc/debugexit.c): writing VAL to the port
 * ends the process at once with status (VAL << 1) | 1; reads return 0.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_MISC_DEBUGEXIT_H
#define HW_MISC_DEBUGEXIT_H

#include <stdint.h>
#include "softmmu/memory.h"

#define TYPE_ISA_DEBUG_EXIT_DEVICE "isa-debug-exit"
#define DEBUGEXIT_DEFAULT_IOBASE    0x501
#define DEBUGEXIT_DEFAULT_IOSIZE    0x02

typedef struct ISADebugExitState {
    /* properties */
    uint32_t iobase;            /* "iobase", default 0x501 */
    uint32_t iosize;            /* "iosize", default 2 */
    /* state */
    MemoryRegion io;            /* "isa-debug-exit", iosize ports */
    MemoryRegion *io_space;
} ISADebugExitState;

void isa_debug_exit_init(ISADebugExitState *s);
/* Map the ports into io_space, owned by owner (`info mtree -o`). */
void isa_debug_exit_realize(ISADebugExitState *s, MemoryRegion *io_space, void *owner);
void isa_debug_exit_unrealize(ISADebugExitState *s);

#endif
