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
