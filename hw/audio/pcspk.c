/*
 * Port 0x61: x86slice's counterpart of QEMU 7.2's hw/audio/pcspk.c
 * without the audio part (see pcspk.h).  QEMU 7.2 defines no trace events
 * for it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/audio/pcspk.h"

/* QEMU's pcspk_io_read.  Bit 4 stands for the DRAM refresh request
 * toggle; QEMU 7.2 flips it on every read (older QEMUs derived it from
 * the clock), so polling it always sees it change. */
static uint64_t pcspk_io_read(void *opaque, hwaddr addr, unsigned size)
{
    PCSpkState *s = opaque;
    PITChannelInfo ch;

    (void)addr;
    (void)size;
    pit_get_channel_info(s->pit, 2, &ch);
    s->dummy_refresh_clock ^= 1 << 4;
    return ch.gate | (s->data_on << 1) | s->dummy_refresh_clock | (ch.out << 5);
}

/* QEMU's pcspk_io_write: the gate goes to channel 2 on every write (a
 * rising edge restarts it in modes 1, 2, 3, 5); QEMU would also start or
 * stop its audio voice here, which does not exist without an audiodev. */
static void pcspk_io_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PCSpkState *s = opaque;

    (void)addr;
    (void)size;
    s->data_on = (val >> 1) & 1;
    pit_set_gate(s->pit, 2, val & 1);
}

/* No .endianness in QEMU: DEVICE_NATIVE_ENDIAN. */
const MemoryRegionOps pcspk_io_ops = {
    .read = pcspk_io_read,
    .write = pcspk_io_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .endianness = DEVICE_NATIVE_ENDIAN,
};

PCSpkState *pcspk_new(PITCommonState *pit)
{
    PCSpkState *s = g_new0(PCSpkState, 1);

    s->pit = pit;
    return s;
}

void pcspk_free(PCSpkState *s)
{
    g_free(s);
}
