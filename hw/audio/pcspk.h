/*
 * The PC speaker's port 0x61 (QEMU 7.2's hw/audio/pcspk.c, "isa-pcspk"):
 * bit 0 is i8254 channel 2's gate, bit 1 the speaker data enable; reads
 * add channel 2's output (bit 5) and the "refresh clock" (bit 4).
 *
 * The sound itself is not modelled: QEMU produces it only with an
 * audiodev, and the reference machine (-nodefaults) has none, so there
 * the device is exactly this port.
 *
 * Wiring (what hw/i386/pc.c does, as QEMU's pcspk_init):
 *   spk = pcspk_new(pit);
 *   memory_region_init_io(&mr, owner, &pcspk_io_ops, spk, "pcspk", 1) at 0x61.
 * It has no reset: data_on and the refresh bit survive a machine reset.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_AUDIO_PCSPK_H
#define HW_AUDIO_PCSPK_H

#include <stdint.h>
#include "hw/timer/i8254.h"
#include "softmmu/memory.h"

#define TYPE_PC_SPEAKER     "isa-pcspk"
#define PCSPK_ISA_BASE      0x61

typedef struct PCSpkState {
    PITCommonState *pit;        /* QEMU's "pit" link */
    uint8_t data_on;            /* bit 1 as last written */
    uint8_t dummy_refresh_clock;    /* 0 or 0x10 */
} PCSpkState;

/* QEMU's pcspk_io_ops: byte-wide implementation, native endianness;
 * opaque is the PCSpkState. */
extern const MemoryRegionOps pcspk_io_ops;

PCSpkState *pcspk_new(PITCommonState *pit);
void pcspk_free(PCSpkState *s);     /* NULL is fine */

#endif
