/*
 * Port I/O helpers (QEMU 7.2's softmmu/ioport.c, the part x86slice needs).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_IOPORT_H
#define SOFTMMU_IOPORT_H

#include "softmmu/memory.h"

/* What the `io` root answers where no device claims a port: reads are all
 * ones (masked to the access size by the dispatch), writes are dropped. */
extern const MemoryRegionOps unassigned_io_ops;

/*
 * QEMU's portio_read/portio_write for one MemoryRegionPortio entry of byte
 * registers [first, first + len): a byte access goes to register
 * first + addr; a word is split in two bytes, a high byte past the entry
 * reading 0xff and not written; wider accesses read all ones and are
 * dropped.
 */
typedef uint32_t PortioReadFn(void *opaque, uint32_t reg);
typedef void PortioWriteFn(void *opaque, uint32_t reg, uint32_t val);
uint64_t portio_bytes_read(PortioReadFn *rd, void *opaque, unsigned first, unsigned len,
                           hwaddr addr, unsigned size);
void portio_bytes_write(PortioWriteFn *wr, void *opaque, unsigned first, unsigned len,
                        hwaddr addr, uint64_t data, unsigned size);

#endif
