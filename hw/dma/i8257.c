/*
 * Intel 8237/8257 DMA controller, after QEMU 7.2's hw/dma/i8257.c.
 *
 * QEMU's simplifications are the guest-visible behaviour, so they are
 * kept (datasheet differences noted where they show):
 *  - the command register accepts only 0 and "controller disable" (bit 2);
 *    any other value is refused and logged under -d unimp;
 *  - reading port 1 of the control block (0x09 / 0xd2, the write-only
 *    request register) returns the mask register, all 8 bits of it; the
 *    other control ports read 0 (the 8237's "read all mask" at 0x0f does
 *    not exist);
 *  - TC and request bits live in the status register only; software and
 *    hardware (DREQ) requests share the request bits;
 *  - the current address/count are derived from the base registers and
 *    the handler's position, not counted per byte;
 *  - no cascade, priority, autoinitialization or memory-to-memory logic.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <glib.h>
#include "hw/dma/i8257.h"
#include "softmmu/ioport.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"

#define ADDR 0
#define COUNT 1

/* Command register bits QEMU refuses (all but "controller disable"). */
#define CMD_NOT_SUPPORTED   0xfb

/* Mode register: transfer type (0 = verify), autoinit, address decrement. */
#define MODE_TYPE_MASK      0x0c
#define MODE_AUTOINIT       0x10
#define MODE_DECREMENT      0x20

/* QEMU's idle bottom halves run within 10 ms (aio_compute_timeout). */
#define DMA_BH_IDLE_NS      (10 * SCALE_MS)

/* Page register port (low 3 bits) -> channel; ports 0 and 4-6 have none. */
static const int page_channels[8] = { -1, 2, 3, 1, -1, -1, -1, 0 };

/* ---- channel registers (QEMU's i8257_read_chan / i8257_write_chan) ------ */

static int i8257_getff(I8257State *d)
{
    int ff = d->flip_flop;

    d->flip_flop = !ff;
    return ff;
}

/* Rewind the channel to its base (every write of a high byte). */
static void i8257_init_chan(I8257State *d, int ichan)
{
    I8257Regs *r = &d->regs[ichan];

    r->now[ADDR] = r->base[ADDR] << d->dshift;
    r->now[COUNT] = 0;
}

static uint64_t i8257_read_chan(void *opaque, hwaddr nport, unsigned size)
{
    I8257State *d = opaque;
    int iport = (nport >> d->dshift) & 0x0f;
    I8257Regs *r = &d->regs[iport >> 1];
    int ff = i8257_getff(d);
    uint32_t val;

    (void)size;
    /* Computed in 32 bits as QEMU's int; only bits 0-16 are ever shown. */
    if (iport & 1) {
        val = ((uint32_t)r->base[COUNT] << d->dshift) - (uint32_t)r->now[COUNT];
    } else if (r->mode & MODE_DECREMENT) {
        val = (uint32_t)r->now[ADDR] - (uint32_t)r->now[COUNT];
    } else {
        val = (uint32_t)r->now[ADDR] + (uint32_t)r->now[COUNT];
    }
    return (val >> (d->dshift + (ff << 3))) & 0xff;
}

static void i8257_write_chan(void *opaque, hwaddr nport, uint64_t data, unsigned size)
{
    I8257State *d = opaque;
    int iport = (nport >> d->dshift) & 0x0f;
    int ichan = iport >> 1, nreg = iport & 1;
    I8257Regs *r = &d->regs[ichan];

    (void)size;
    if (i8257_getff(d)) {
        r->base[nreg] = (r->base[nreg] & 0xff) | ((data << 8) & 0xff00);
        i8257_init_chan(d, ichan);
    } else {
        r->base[nreg] = (r->base[nreg] & 0xff00) | (data & 0xff);
    }
}

/* ---- control registers (QEMU's i8257_write_cont / i8257_read_cont) ------ */

static void i8257_master_clear(I8257State *d)
{
    d->flip_flop = 0;
    d->mask = 0xff;
    d->status = 0;
    d->command = 0;
}

static void i8257_write_command(I8257State *d, uint64_t data)
{
    if (data != 0 && (data & CMD_NOT_SUPPORTED)) {
        qemu_log_mask(LOG_UNIMP, "i8257_write_cont: cmd 0x%02" PRIx64 " not supported\n",
                      data);
        return;
    }
    d->command = data;
}

/* Software request: bit 2 sets the channel's request bit, and either way
 * its TC bit clears. */
static void i8257_write_request(I8257State *d, uint64_t data)
{
    int ichan = data & 3;

    if (data & 4) {
        d->status |= 1 << (ichan + 4);
    } else {
        d->status &= ~(1 << (ichan + 4));
    }
    d->status &= ~(1 << ichan);
    i8257_dma_run(d);
}

static void i8257_write_single_mask(I8257State *d, uint64_t data)
{
    if (data & 4) {
        d->mask |= 1 << (data & 3);
    } else {
        d->mask &= ~(1 << (data & 3));
    }
    i8257_dma_run(d);
}

static void i8257_write_cont(void *opaque, hwaddr nport, uint64_t data, unsigned size)
{
    I8257State *d = opaque;

    (void)size;
    switch ((nport >> d->dshift) & 0x0f) {
    case 0x00:
        i8257_write_command(d, data);
        break;
    case 0x01:
        i8257_write_request(d, data);
        break;
    case 0x02:
        i8257_write_single_mask(d, data);
        break;
    case 0x03:                  /* mode */
        d->regs[data & 3].mode = data;
        break;
    case 0x04:                  /* clear flip-flop */
        d->flip_flop = 0;
        break;
    case 0x05:
        i8257_master_clear(d);
        break;
    case 0x06:                  /* clear all mask bits */
        d->mask = 0;
        i8257_dma_run(d);
        break;
    case 0x07:                  /* write all mask bits (all 8 are kept) */
        d->mask = data;
        i8257_dma_run(d);
        break;
    default:                    /* the region is 8 registers wide */
        break;
    }
}

static uint64_t i8257_read_cont(void *opaque, hwaddr nport, unsigned size)
{
    I8257State *d = opaque;
    uint8_t val;

    (void)size;
    switch ((nport >> d->dshift) & 0x0f) {
    case 0x00:                  /* status: reading clears the TC bits */
        val = d->status;
        d->status &= 0xf0;
        return val;
    case 0x01:                  /* QEMU: the mask register */
        return d->mask;
    default:
        return 0;
    }
}

/* ---- page registers (QEMU's page_portio_list through portio_ops) ------- */

static uint32_t i8257_read_page(I8257State *d, uint32_t nport)
{
    int ichan = page_channels[nport & 7];

    return ichan < 0 ? 0 : d->regs[ichan].page;
}

static void i8257_write_page(I8257State *d, uint32_t nport, uint32_t data)
{
    int ichan = page_channels[nport & 7];

    if (ichan >= 0) {
        d->regs[ichan].page = data;
    }
}

/* page_portio_list's two runs (QEMU's portio byte splitting in
 * softmmu/ioport.c). */
static uint32_t page_reg_read(void *opaque, uint32_t reg)
{
    return i8257_read_page(opaque, reg);
}

static void page_reg_write(void *opaque, uint32_t reg, uint32_t val)
{
    i8257_write_page(opaque, reg, val);
}

static uint64_t page_portio_read(I8257State *d, unsigned first, unsigned len,
                                 hwaddr addr, unsigned size)
{
    return portio_bytes_read(page_reg_read, d, first, len, addr, size);
}

static void page_portio_write(I8257State *d, unsigned first, unsigned len,
                              hwaddr addr, uint64_t data, unsigned size)
{
    portio_bytes_write(page_reg_write, d, first, len, addr, data, size);
}

static uint64_t page_lo_read(void *opaque, hwaddr addr, unsigned size)
{
    return page_portio_read(opaque, 1, 3, addr, size);
}

static void page_lo_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    page_portio_write(opaque, 1, 3, addr, data, size);
}

static uint64_t page_hi_read(void *opaque, hwaddr addr, unsigned size)
{
    return page_portio_read(opaque, 7, 1, addr, size);
}

static void page_hi_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    page_portio_write(opaque, 7, 1, addr, data, size);
}

/* ---- transfers (QEMU's i8257_channel_run / i8257_dma_run) -------------- */

static void i8257_channel_run(I8257State *d, int ichan)
{
    I8257Regs *r = &d->regs[ichan];
    int size = (r->base[COUNT] + 1) << d->dshift;
    int n;

    n = r->transfer_handler(r->opaque, ichan + (d->dshift << 2), r->now[COUNT], size);
    r->now[COUNT] = n;
    if (n == size) {
        d->status |= 1 << ichan;
    }
}

static void i8257_schedule_bh(I8257State *d)
{
    timer_mod_ns(d->dma_bh, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + DMA_BH_IDLE_NS);
    d->dma_bh_scheduled = true;
}

/* Every unmasked channel with its request bit set gets one handler call;
 * while any did (or a handler re-entered), the bottom half runs again. */
void i8257_dma_run(I8257State *d)
{
    bool rearm = false;

    if (d->running) {
        i8257_schedule_bh(d);
        return;
    }
    d->running = true;
    for (int ichan = 0; ichan < 4; ichan++) {
        int bit = 1 << ichan;

        if (!(d->mask & bit) && (d->status & (bit << 4))) {
            i8257_channel_run(d, ichan);
            rearm = true;
        }
    }
    d->running = false;
    if (rearm) {
        i8257_schedule_bh(d);
    }
}

static void i8257_dma_bh(void *opaque)
{
    i8257_dma_run(opaque);
}

/* A channel nobody registered: QEMU traces the call and moves nothing. */
static int i8257_phony_handler(void *opaque, int nchan, int dma_pos, int dma_len)
{
    (void)opaque;
    trace_i8257_unregistered_dma(nchan, dma_pos, dma_len);
    return dma_pos;
}

/* ---- the IsaDma interface ---------------------------------------------- */

void i8257_dma_register_channel(I8257State *d, int nchan,
                                IsaDmaTransferHandler handler, void *opaque)
{
    I8257Regs *r = &d->regs[nchan & 3];

    r->transfer_handler = handler;
    r->opaque = opaque;
}

bool i8257_dma_has_autoinitialization(I8257State *d, int nchan)
{
    return d->regs[nchan & 3].mode & MODE_AUTOINIT;
}

void i8257_dma_hold_DREQ(I8257State *d, int nchan)
{
    d->status |= 1 << ((nchan & 3) + 4);
    i8257_dma_run(d);
}

void i8257_dma_release_DREQ(I8257State *d, int nchan)
{
    d->status &= ~(1 << ((nchan & 3) + 4));
    i8257_dma_run(d);
}

static hwaddr i8257_channel_addr(const I8257Regs *r)
{
    return ((hwaddr)(r->pageh & 0x7f) << 24) | ((hwaddr)r->page << 16) |
           (hwaddr)(uint32_t)r->now[ADDR];
}

static bool i8257_is_verify_transfer(const I8257Regs *r)
{
    return (r->mode & MODE_TYPE_MASK) == 0;
}

/* In decrement mode QEMU reads the block below the address and then
 * mirrors only its first half onto itself (its "16-bit transfers?" TODO);
 * that is what the device receives, so it is kept. */
int i8257_dma_read_memory(I8257State *d, int nchan, void *buf, int pos, int len)
{
    I8257Regs *r = &d->regs[nchan & 3];
    hwaddr addr = i8257_channel_addr(r);
    uint8_t *p = buf;

    if (i8257_is_verify_transfer(r) || len <= 0) {
        return len;
    }
    if (r->mode & MODE_DECREMENT) {
        address_space_read(d->as, addr - pos - len, MEMTXATTRS_UNSPECIFIED, buf, len);
        for (int i = 0; i < len >> 1; i++) {
            p[i] = p[len - i - 1];
        }
    } else {
        address_space_read(d->as, addr + pos, MEMTXATTRS_UNSPECIFIED, buf, len);
    }
    return len;
}

/* Decrement mode: the buffer is written as is, then mirrored in place
 * (QEMU changes the caller's buffer after the write). */
int i8257_dma_write_memory(I8257State *d, int nchan, void *buf, int pos, int len)
{
    I8257Regs *r = &d->regs[nchan & 3];
    hwaddr addr = i8257_channel_addr(r);
    uint8_t *p = buf;

    if (i8257_is_verify_transfer(r) || len <= 0) {
        return len;
    }
    if (r->mode & MODE_DECREMENT) {
        address_space_write(d->as, addr - pos - len, MEMTXATTRS_UNSPECIFIED, buf, len);
        for (int i = 0; i < len; i++) {
            p[i] = p[len - i - 1];
        }
    } else {
        address_space_write(d->as, addr + pos, MEMTXATTRS_UNSPECIFIED, buf, len);
    }
    return len;
}

/* QEMU wakes its main loop so that a scheduled bottom half runs now. */
void i8257_dma_schedule(I8257State *d)
{
    if (d->dma_bh_scheduled && timer_pending(d->dma_bh)) {
        timer_mod_ns(d->dma_bh, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
    }
}

/* ---- life cycle ----------------------------------------------------------- */

I8257State *i8257_new(int dshift, AddressSpace *as)
{
    I8257State *d = g_new0(I8257State, 1);

    d->dshift = dshift;
    d->as = as;
    for (int i = 0; i < 4; i++) {
        d->regs[i].transfer_handler = i8257_phony_handler;
    }
    d->dma_bh = timer_new_ns(QEMU_CLOCK_REALTIME, i8257_dma_bh, d);
    return d;
}

void i8257_reset(I8257State *d)
{
    i8257_master_clear(d);
}

void i8257_free(I8257State *d)
{
    if (d) {
        timer_free(d->dma_bh);
        g_free(d);
    }
}

/* QEMU's channel_io_ops and cont_io_ops: byte registers, native endian. */
const MemoryRegionOps i8257_channel_ops = {
    .read = i8257_read_chan,
    .write = i8257_write_chan,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

const MemoryRegionOps i8257_cont_ops = {
    .read = i8257_read_cont,
    .write = i8257_write_cont,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* softmmu/ioport.c portio_ops: any size and alignment reaches the ops. */
const MemoryRegionOps i8257_page_ops[2] = {
    {
        .read = page_lo_read, .write = page_lo_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid.unaligned = true, .impl.unaligned = true,
    },
    {
        .read = page_hi_read, .write = page_hi_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid.unaligned = true, .impl.unaligned = true,
    },
};
