/*
 * isa-debug-exit (QEMU 7.2 hw/misc/debugexit.c): accesses of 1 to 4
 * bytes, little-endian; a write calls exit((val << 1) | 1) right away
 * (atexit handlers and stdio flushing run; exit statuses are taken
 * modulo 256 by the host, as for QEMU).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include "hw/misc/debugexit.h"

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque; (void)addr; (void)size;
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val, unsigned width)
{
    (void)opaque; (void)addr; (void)width;
    exit((int)((val << 1) | 1));
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

void isa_debug_exit_init(ISADebugExitState *s)
{
    s->iobase = DEBUGEXIT_DEFAULT_IOBASE;
    s->iosize = DEBUGEXIT_DEFAULT_IOSIZE;
    s->io_space = NULL;
}

void isa_debug_exit_realize(ISADebugExitState *s, MemoryRegion *io_space, void *owner)
{
    memory_region_init_io(&s->io, owner, &debug_exit_ops, s, TYPE_ISA_DEBUG_EXIT_DEVICE,
                          s->iosize);
    memory_region_add_subregion(io_space, s->iobase, &s->io);
    s->io_space = io_space;
}

void isa_debug_exit_unrealize(ISADebugExitState *s)
{
    if (s->io_space) {
        memory_region_del_subregion(s->io_space, &s->io);
        memory_region_finalize(&s->io);
        s->io_space = NULL;
    }
}
