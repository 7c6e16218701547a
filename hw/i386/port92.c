/*
 * Port 0x92 (QEMU's hw/i386/port92.c): reads return the last value
 * written; a write sets the A20 line from bit 1 (every write, changed or
 * not, as QEMU) and asks for a reset when bit 0 goes from 0 to 1.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/i386/port92.h"
#include "softmmu/trace.h"

static uint64_t port92_read(void *opaque, hwaddr addr, unsigned size)
{
    Port92State *s = opaque;

    (void)addr;
    (void)size;
    trace_port92_read(s->outport);
    return s->outport;
}

static void port92_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->outport;

    (void)addr;
    (void)size;
    trace_port92_write((uint8_t)val);
    s->outport = (uint8_t)val;
    qemu_set_irq(s->a20_out, (val >> 1) & 1);
    if ((val & 1) && !(old & 1) && s->reset_request) {
        s->reset_request();
    }
}

const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

void port92_init(Port92State *s, qemu_irq a20_out, void (*reset_request)(void))
{
    s->outport = 0;
    s->a20_out = a20_out;
    s->reset_request = reset_request;
}

void port92_reset(Port92State *s)
{
    s->outport &= ~1;
}
