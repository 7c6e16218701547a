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

#endif
