/*
 * isa-debugcon (QEMU 7.2 hw/char/debugcon.c): one I/O port named
 * "isa-debugcon"; byte-wide accesses only (.valid 1..1), little-endian.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/misc/debugcon.h"

static void debugcon_ioport_write(void *opaque, hwaddr addr, uint64_t val, unsigned width)
{
    ISADebugconState *s = opaque;
    uint8_t ch = val;

    (void)addr; (void)width;
    qemu_chr_write_all(s->chr, &ch, 1);
}

static uint64_t debugcon_ioport_read(void *opaque, hwaddr addr, unsigned width)
{
    ISADebugconState *s = opaque;

    (void)addr; (void)width;
    return s->readback;
}

static const MemoryRegionOps debugcon_ops = {
    .read = debugcon_ioport_read,
    .write = debugcon_ioport_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

void isa_debugcon_init(ISADebugconState *s)
{
    s->iobase = DEBUGCON_DEFAULT_IOBASE;
    s->readback = DEBUGCON_DEFAULT_READBACK;
    s->chr = NULL;
    s->io_space = NULL;
}

bool isa_debugcon_realize(ISADebugconState *s, MemoryRegion *io_space, void *owner,
                          char **errp)
{
    if (!s->chr) {
        *errp = g_strdup("Can't create debugcon device, empty char device");
        return false;
    }
    memory_region_init_io(&s->io, owner, &debugcon_ops, s, TYPE_ISA_DEBUGCON_DEVICE, 1);
    memory_region_add_subregion(io_space, s->iobase, &s->io);
    s->io_space = io_space;
    return true;
}

void isa_debugcon_unrealize(ISADebugconState *s)
{
    if (s->io_space) {
        memory_region_del_subregion(s->io_space, &s->io);
        memory_region_finalize(&s->io);
        s->io_space = NULL;
    }
    qemu_chr_fe_deinit(s->chr);
    s->chr = NULL;
}
