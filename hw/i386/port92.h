/*
 * Port 0x92, "system control port A" (QEMU's hw/i386/port92.c): bit 1
 * drives the A20 line, a 0 -> 1 edge on bit 0 asks for a system reset.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_PORT92_H
#define HW_I386_PORT92_H

#include <stdint.h>
#include "hw/core/irq.h"
#include "softmmu/memory.h"

typedef struct Port92State {
    uint8_t outport;
    qemu_irq a20_out;
    void (*reset_request)(void);
} Port92State;

/* The "port92" region's ops (1 byte at 0x92); opaque = Port92State. */
extern const MemoryRegionOps port92_ops;

void port92_init(Port92State *s, qemu_irq a20_out, void (*reset_request)(void));
/* System reset: bit 0 (fast reset) clears; A20 (bit 1) stays, as QEMU. */
void port92_reset(Port92State *s);

#endif
