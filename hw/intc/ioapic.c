/*
 * The I/O APIC: IOREGSEL/IOWIN, the redirection table, edge and level
 * pins with remote IRR, EOI broadcast and the EOI register, delivery as
 * MSI writes.  Behaviour is QEMU 7.2's hw/intc/ioapic.c and
 * hw/intc/ioapic_common.c, including its simplifications: ISA IRQ 0 is
 * wired to pin 2 inside the IOAPIC, polarity is ignored, an ExtINT entry
 * reads the PIC's vector whenever the pin is serviced (masked or not),
 * and an edge entry's remote IRR is cleared by any write to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/intc/ioapic.h"
#include "softmmu/trace.h"

#define IOAPIC_IOREGSEL         0x00
#define IOAPIC_IOWIN            0x10
#define IOAPIC_EOI              0x40

#define IOAPIC_REG_ID           0x00
#define IOAPIC_REG_VER          0x01
#define IOAPIC_REG_ARB          0x02
#define IOAPIC_REG_REDTBL_BASE  0x10

#define IOAPIC_DM_EXTINT        7
#define IOAPIC_RO_BITS          (IOAPIC_LVT_REMOTE_IRR | IOAPIC_LVT_DELIV_STATUS)

/* Level-triggered EOIs that re-fire in a row before the IOAPIC backs off
 * for 10 ms (QEMU's SUCCESSIVE_IRQ_MAX_COUNT, an interrupt-storm guard). */
#define SUCCESSIVE_IRQ_MAX_COUNT 10000

/* ---- delivery ------------------------------------------------------------------ */

/* The MSI message of a redirection entry (QEMU's ioapic_entry_parse):
 * address 0xfee00000 | bits 63:48 << 4 | dest mode << 2, data = vector |
 * delivery mode << 8 | trigger << 15. */
static void ioapic_entry_msi(IOAPICState *s, uint64_t entry, uint32_t *addr, uint32_t *data)
{
    uint32_t dm = (entry >> 8) & 7;
    uint32_t vector = entry & 0xff;

    if (dm == IOAPIC_DM_EXTINT) {
        vector = s->pic ? (uint32_t)pic_read_irq(s->pic) & 0xff : 0;
    }
    *addr = 0xfee00000u | (uint32_t)((entry >> 48) & 0xffff) << 4 |
            (uint32_t)((entry >> 11) & 1) << 2;
    *data = vector | dm << 8 | (uint32_t)((entry >> 15) & 1) << 15;
}

/* One requesting pin: unmasked, an edge request is consumed, a level one
 * sets remote IRR and goes out only if remote IRR was clear. */
static void ioapic_service_pin(IOAPICState *s, int pin)
{
    uint64_t entry = s->ioredtbl[pin];
    uint32_t addr, data;

    ioapic_entry_msi(s, entry, &addr, &data);
    if (entry & IOAPIC_LVT_MASKED) {
        return;
    }
    if (!(entry & IOAPIC_LVT_TRIGGER_MODE)) {
        s->irr &= ~(1u << pin);
    } else {
        trace_ioapic_set_remote_irr(pin);
        s->ioredtbl[pin] |= IOAPIC_LVT_REMOTE_IRR;
        if (entry & IOAPIC_LVT_REMOTE_IRR) {
            return;     /* the guest is still handling the previous one */
        }
    }
    address_space_stl_le(s->as, addr, data, MEMTXATTRS_UNSPECIFIED, NULL);
}

/* QEMU's ioapic_service: every pin with IRR set, lowest first. */
static void ioapic_service(IOAPICState *s)
{
    for (int pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        if (s->irr & (1u << pin)) {
            ioapic_service_pin(s, pin);
        }
    }
}

static void delayed_service_cb(void *opaque)
{
    ioapic_service(opaque);
}

/* QEMU's ioapic_stat_update_irq: count rising levels per input. */
static void ioapic_count_level(IOAPICState *s, int n, int level)
{
    if (level != s->irq_level[n]) {
        s->irq_level[n] = level;
        if (level == 1) {
            s->irq_count[n]++;
        }
    }
}

/* An input changed.  ISA IRQ 0 (the PIT) is pin 2, as on the pc (QEMU
 * does the override here, not in the wiring).  An edge on a masked pin is
 * dropped (82093AA datasheet, as QEMU). */
static void ioapic_set_irq(void *opaque, int n, int level)
{
    IOAPICState *s = opaque;
    int pin = n == 0 ? 2 : n;
    uint32_t mask = 1u << pin;
    uint64_t entry = s->ioredtbl[pin];

    trace_ioapic_set_irq(n, level);
    ioapic_count_level(s, n, level);
    if (entry & IOAPIC_LVT_TRIGGER_MODE) {
        if (level) {
            s->irr |= mask;
            if (!(entry & IOAPIC_LVT_REMOTE_IRR)) {
                ioapic_service(s);
            }
        } else {
            s->irr &= ~mask;
        }
    } else if (level && !(entry & IOAPIC_LVT_MASKED)) {
        s->irr |= mask;
        ioapic_service(s);
    }
}

/* ---- EOI ---------------------------------------------------------------------------- */

/* A level pin whose remote IRR an EOI cleared: re-fire if still asserted,
 * backing off 10 ms after SUCCESSIVE_IRQ_MAX_COUNT re-fires in a row. */
static void ioapic_eoi_pin(IOAPICState *s, int pin, uint64_t entry)
{
    if ((entry & IOAPIC_LVT_MASKED) || !(s->irr & (1u << pin))) {
        s->irq_eoi[pin] = 0;
        return;
    }
    if (++s->irq_eoi[pin] < SUCCESSIVE_IRQ_MAX_COUNT) {
        ioapic_service(s);
        return;
    }
    s->irq_eoi[pin] = 0;
    int64_t when = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + NANOSECONDS_PER_SECOND / 100;
    /* timer_mod_anticipate: only ever moves the deadline earlier */
    if (!timer_pending(s->delayed_service_timer) ||
        timer_expire_time_ns(s->delayed_service_timer) > when) {
        timer_mod_ns(s->delayed_service_timer, when);
    }
    trace_ioapic_eoi_delayed_reassert(pin);
}

void ioapic_eoi_broadcast(void *opaque, int vector)
{
    IOAPICState *s = opaque;

    trace_ioapic_eoi_broadcast(vector);
    for (int pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint64_t entry = s->ioredtbl[pin];

        if ((int)(entry & 0xff) != vector || !(entry & IOAPIC_LVT_TRIGGER_MODE) ||
            !(entry & IOAPIC_LVT_REMOTE_IRR)) {
            continue;
        }
        trace_ioapic_clear_remote_irr(pin, vector);
        s->ioredtbl[pin] = entry & ~IOAPIC_LVT_REMOTE_IRR;
        ioapic_eoi_pin(s, pin, entry);
    }
}

/* ---- registers ---------------------------------------------------------------------- */

/* The redirection entry IOREGSEL selects, or -1 (registers 0x10-0x3f). */
static int ioapic_redir_index(const IOAPICState *s)
{
    int index = (s->ioregsel - IOAPIC_REG_REDTBL_BASE) >> 1;

    return index >= 0 && index < IOAPIC_NUM_PINS ? index : -1;
}

static uint32_t ioapic_window_read(IOAPICState *s)
{
    int index;

    switch (s->ioregsel) {
    case IOAPIC_REG_ID:
    case IOAPIC_REG_ARB:
        return (uint32_t)s->id << 24;
    case IOAPIC_REG_VER:
        return s->version | (IOAPIC_NUM_PINS - 1) << 16;
    default:
        index = ioapic_redir_index(s);
        if (index < 0) {
            return 0;
        }
        return (uint32_t)(s->ioredtbl[index] >> (s->ioregsel & 1 ? 32 : 0));
    }
}

static uint64_t ioapic_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    IOAPICState *s = opaque;
    uint32_t val = 0;

    addr &= 0xff;
    if (addr == IOAPIC_IOREGSEL) {
        val = s->ioregsel;
    } else if (addr == IOAPIC_IOWIN && size == 4) {
        val = ioapic_window_read(s);
    }
    trace_ioapic_mem_read(addr, s->ioregsel, size, val);
    return val;
}

/* A redirection entry half: delivery status and remote IRR are
 * read-only; an edge entry loses its remote IRR (QEMU's
 * ioapic_fix_edge_remote_irr, for Linux's EOI emulation). */
static void ioapic_write_redir(IOAPICState *s, int index, uint32_t val)
{
    uint64_t *e = &s->ioredtbl[index];
    uint64_t ro_bits = *e & IOAPIC_RO_BITS;

    if (s->ioregsel & 1) {
        *e = (*e & 0xffffffffULL) | (uint64_t)val << 32;
    } else {
        *e = (*e & ~0xffffffffULL) | val;
    }
    *e = (*e & ~IOAPIC_RO_BITS) | ro_bits;
    s->irq_eoi[index] = 0;
    if (!(*e & IOAPIC_LVT_TRIGGER_MODE)) {
        *e &= ~IOAPIC_LVT_REMOTE_IRR;
    }
    ioapic_service(s);
}

static void ioapic_window_write(IOAPICState *s, uint32_t val)
{
    int index;

    switch (s->ioregsel) {
    case IOAPIC_REG_ID:
        s->id = (val >> 24) & 0xf;
        break;
    case IOAPIC_REG_VER:
    case IOAPIC_REG_ARB:
        break;
    default:
        index = ioapic_redir_index(s);
        if (index >= 0) {
            ioapic_write_redir(s, index, val);
        }
        break;
    }
}

static void ioapic_mem_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    IOAPICState *s = opaque;

    addr &= 0xff;
    trace_ioapic_mem_write(addr, s->ioregsel, size, (uint32_t)val);
    if (addr == IOAPIC_IOREGSEL) {
        s->ioregsel = val;
    } else if (addr == IOAPIC_IOWIN && size == 4) {
        ioapic_window_write(s, (uint32_t)val);
    } else if (addr == IOAPIC_EOI && size == 4 && s->version == 0x20) {
        /* the explicit EOI register exists only in version 0x20 */
        ioapic_eoi_broadcast(s, (int)(uint32_t)val);
    }
}

const MemoryRegionOps ioapic_io_ops = {
    .read = ioapic_mem_read,
    .write = ioapic_mem_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
};

/* ---- life cycle ------------------------------------------------------------------------ */

void ioapic_reset(IOAPICState *s)
{
    s->id = 0;
    s->ioregsel = 0;
    s->irr = 0;
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->ioredtbl[i] = IOAPIC_LVT_MASKED;
    }
}

IOAPICState *ioapic_new(AddressSpace *as, PICState *pic)
{
    IOAPICState *s = g_new0(IOAPICState, 1);

    s->as = as;
    s->pic = pic;
    s->version = IOAPIC_VER_DEF;
    s->delayed_service_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, delayed_service_cb, s);
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->in[i] = qemu_allocate_irq(ioapic_set_irq, s, i);
    }
    return s;
}

void ioapic_free(IOAPICState *s)
{
    if (!s) {
        return;
    }
    timer_free(s->delayed_service_timer);
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        qemu_free_irq(s->in[i]);
    }
    g_free(s);
}
