/*
 * Port I/O helpers (QEMU 7.2's softmmu/ioport.c, the part x86slice needs):
 * the ops of the 64 KiB `io` root region.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/ioport.h"

static uint64_t unassigned_io_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque; (void)addr; (void)size;
    return UINT64_MAX;
}

static void unassigned_io_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    (void)opaque; (void)addr; (void)val; (void)size;
}

const MemoryRegionOps unassigned_io_ops = {
    .read = unassigned_io_read,
    .write = unassigned_io_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
};

uint64_t portio_bytes_read(PortioReadFn *rd, void *opaque, unsigned first, unsigned len,
                           hwaddr addr, unsigned size)
{
    uint64_t data;

    if (size == 1) {
        return rd(opaque, first + addr);
    }
    if (size != 2) {
        return ((uint64_t)1 << (size * 8)) - 1;
    }
    data = rd(opaque, first + addr);
    if (addr + 1 < len) {
        return data | (uint64_t)rd(opaque, first + addr + 1) << 8;
    }
    return data | 0xff00;
}

void portio_bytes_write(PortioWriteFn *wr, void *opaque, unsigned first, unsigned len,
                        hwaddr addr, uint64_t data, unsigned size)
{
    if (size == 1) {
        wr(opaque, first + addr, data);
    } else if (size == 2) {
        wr(opaque, first + addr, data & 0xff);
        if (addr + 1 < len) {
            wr(opaque, first + addr + 1, data >> 8);
        }
    }
}
