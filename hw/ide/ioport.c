/*
 * The legacy IDE ports (QEMU 7.2 hw/ide/ioport.c): ide_portio_list at
 * iobase (8 byte registers; word and dword data at offset 0) and
 * ide_portio2_list at iobase2 (alternate status / device control), each
 * one "ide" region dispatched as softmmu/ioport.c's portio_ops does:
 *  - a callback registered for the access size at that offset gets it;
 *  - otherwise a word access is split into two byte callbacks, the byte
 *    past the list's range reading as 0xff (portio_read/portio_write);
 *  - anything else reads as all ones and is dropped.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/ide/core.h"

#define ONES(size) (((uint64_t)1 << ((size) * 8)) - 1)

/* A word access at offset addr of a list whose byte callbacks cover
 * [0, len): low byte from addr, high byte from addr + 1 if covered. */
static uint64_t split_read(IDEPortio *p, hwaddr addr, uint32_t len,
                           uint32_t (*rd)(IDEBus *, uint32_t))
{
    uint64_t data = rd(p->bus, p->base + addr);

    if (addr + 1 < len) {
        return data | (uint64_t)rd(p->bus, p->base + addr + 1) << 8;
    }
    return data | 0xff00;
}

static void split_write(IDEPortio *p, hwaddr addr, uint64_t data, uint32_t len,
                        void (*wr)(IDEBus *, uint32_t, uint32_t))
{
    wr(p->bus, p->base + addr, data & 0xff);
    if (addr + 1 < len) {
        wr(p->bus, p->base + addr + 1, (data >> 8) & 0xff);
    }
}

/* ---- iobase: { 0, 8, 1 }, { 0, 1, 2 }, { 0, 1, 4 } ------------------------ */

static uint64_t ide_portio_read(void *opaque, hwaddr addr, unsigned size)
{
    IDEPortio *p = opaque;

    if (size == 1) {
        return ide_ioport_read(p->bus, p->base + addr);
    }
    if (size == 2) {
        return addr == 0 ? ide_data_readw(p->bus, p->base)
                         : split_read(p, addr, 8, ide_ioport_read);
    }
    if (size == 4 && addr == 0) {
        return ide_data_readl(p->bus, p->base);
    }
    return ONES(size);
}

static void ide_portio_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    IDEPortio *p = opaque;

    if (size == 1) {
        ide_ioport_write(p->bus, p->base + addr, data & 0xff);
    } else if (size == 2 && addr == 0) {
        ide_data_writew(p->bus, p->base, data & 0xffff);
    } else if (size == 2) {
        split_write(p, addr, data, 8, ide_ioport_write);
    } else if (size == 4 && addr == 0) {
        ide_data_writel(p->bus, p->base, data);
    }
}

/* ---- iobase2: { 0, 1, 1 } --------------------------------------------------- */

static uint64_t ide_portio2_read(void *opaque, hwaddr addr, unsigned size)
{
    IDEPortio *p = opaque;

    if (size == 1 && addr == 0) {
        return ide_status_read(p->bus, p->base);
    }
    if (size == 2 && addr == 0) {
        return split_read(p, addr, 1, ide_status_read);
    }
    return ONES(size);
}

static void ide_portio2_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    IDEPortio *p = opaque;

    if ((size == 1 || size == 2) && addr == 0) {
        split_write(p, addr, data, 1, ide_ctrl_write);
    }
}

/* softmmu/ioport.c portio_ops: little-endian, any alignment, sizes 1-4. */
static const MemoryRegionOps ide_portio_ops = {
    .read = ide_portio_read,
    .write = ide_portio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.unaligned = true,
    .impl.unaligned = true,
};

static const MemoryRegionOps ide_portio2_ops = {
    .read = ide_portio2_read,
    .write = ide_portio2_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.unaligned = true,
    .impl.unaligned = true,
};

static void ide_portio_map(IDEPortio *p, IDEBus *bus, MemoryRegion *io_space,
                           const MemoryRegionOps *ops, uint32_t base, uint64_t size)
{
    p->bus = bus;
    p->base = base;
    memory_region_init_io(&p->mr, NULL, ops, p, "ide", size);
    memory_region_add_subregion(io_space, base, &p->mr);
}

void ide_init_ioport(IDEBus *bus, MemoryRegion *io_space, uint32_t iobase, uint32_t iobase2)
{
    bus->io_space = io_space;
    ide_portio_map(&bus->portio, bus, io_space, &ide_portio_ops, iobase, 8);
    ide_portio_map(&bus->portio2, bus, io_space, &ide_portio2_ops, iobase2, 1);
}

void ide_exit_ioport(IDEBus *bus)
{
    if (!bus->io_space) {
        return;
    }
    memory_region_del_subregion(bus->io_space, &bus->portio.mr);
    memory_region_del_subregion(bus->io_space, &bus->portio2.mr);
    memory_region_finalize(&bus->portio.mr);
    memory_region_finalize(&bus->portio2.mr);
    bus->io_space = NULL;
}
