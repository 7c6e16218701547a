/*
 * i8254 PIT: x86slice's counterpart of QEMU 7.2's hw/timer/i8254.c and
 * i8254_common.c (see i8254.h for the model).  Counts and outputs are
 * functions of the virtual-clock time since the count was loaded; only
 * channel 0 has a timer, which moves ISA IRQ 0 at each output transition.
 *
 * QEMU 7.2 defines no trace events for this device (hw/timer/trace-events
 * has none for i8254), so port accesses show up only as the memory API's
 * memory_region_ops_read/write events.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/timer/i8254.h"

/* ---- arithmetic ----------------------------------------------------------------- */

/* a * b / c without overflowing (QEMU's muldiv64, 128-bit product). */
static uint64_t muldiv64(uint64_t a, uint32_t b, uint32_t c)
{
    return (uint64_t)(((unsigned __int128)a * b) / c);
}

static int64_t pit_now(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

/* PIT input clock periods since the count was loaded (truncated). */
static uint64_t pit_ticks(PITChannelState *s, int64_t current_time)
{
    return muldiv64(current_time - s->count_load_time, PIT_FREQ, NANOSECONDS_PER_SECOND);
}

/* ---- counter and output (i8254_common.c pit_get_out and friends) ------------------ */

/* The counting element as a read sees it (QEMU's pit_get_count).  QEMU
 * notes that mode 3 is approximate for odd counts: it counts down by two
 * over the whole period. */
static int pit_get_count(PITChannelState *s)
{
    uint64_t d = pit_ticks(s, pit_now());

    switch (s->mode) {
    case 0:
    case 1:
    case 4:
    case 5:
        return (s->count - d) & 0xffff;
    case 3:
        return s->count - ((2 * d) % s->count);
    default:                    /* 2, and 6 and 7 as QEMU leaves them */
        return s->count - (d % s->count);
    }
}

/* Modes 2 and 3 as QEMU computes them: mode 2 is high only on the tick
 * that ends a period (the datasheet has it low there; QEMU wins), mode 3
 * is high for the first (count + 1) / 2 ticks of a period. */
int pit_get_out(PITChannelState *s, int64_t current_time)
{
    uint64_t d = pit_ticks(s, current_time);

    switch (s->mode) {
    case 1:
        return d < (uint64_t)s->count;
    case 2:
        return d % s->count == 0 && d != 0;
    case 3:
        return d % s->count < (uint64_t)((s->count + 1) >> 1);
    case 4:
    case 5:
        return d == (uint64_t)s->count;
    default:                    /* 0, and 6 and 7 as QEMU leaves them */
        return d >= (uint64_t)s->count;
    }
}

/* The tick (counted from the load) of the next output transition after
 * tick d, or UINT64_MAX if the output stays as it is. */
static uint64_t pit_next_transition_tick(PITChannelState *s, uint64_t d)
{
    uint64_t count = s->count, base = d - d % count;
    uint64_t half = (count + 1) >> 1;

    switch (s->mode) {
    case 2:
        /* the one high tick of the period, then back low a tick later */
        return (d == base && d != 0) ? base + count : base + count + 1;
    case 3:
        return d - base < half ? base + half : base + count;
    case 4:
    case 5:
        if (d < count) {
            return count;
        }
        return d == count ? count + 1 : UINT64_MAX;
    default:                    /* 0, 1 (and 6, 7): one transition at count */
        return d < count ? count : UINT64_MAX;
    }
}

/* i8254_common.c pit_get_next_transition_time: the tick converted back to
 * ns (truncated), and never at or before current_time (QEMU's "fix
 * potential rounding problems"). */
int64_t pit_get_next_transition_time(PITChannelState *s, int64_t current_time)
{
    uint64_t tick = pit_next_transition_tick(s, pit_ticks(s, current_time));
    uint64_t next_time;

    if (tick == UINT64_MAX) {
        return -1;
    }
    next_time = s->count_load_time + muldiv64(tick, NANOSECONDS_PER_SECOND, PIT_FREQ);
    if (next_time <= (uint64_t)current_time) {
        next_time = current_time + 1;
    }
    return next_time;
}

/* ---- channel 0's interrupt -------------------------------------------------------- */

/* QEMU's pit_irq_timer_update: set IRQ 0 to the output at current_time and
 * arm the timer for the next transition.  Channels without a timer (1, 2)
 * do nothing. */
static void pit_irq_timer_update(PITChannelState *s, int64_t current_time)
{
    int64_t expire_time;

    if (!s->irq_timer) {
        return;
    }
    expire_time = pit_get_next_transition_time(s, current_time);
    qemu_set_irq(s->irq, pit_get_out(s, current_time));
    s->next_transition_time = expire_time;
    if (expire_time != -1) {
        timer_mod(s->irq_timer, expire_time);
    } else {
        timer_del(s->irq_timer);
    }
}

/*
 * The timer fires at the transition it was armed for and evaluates there,
 * not at the (later) time the callback runs, as QEMU's pit_irq_timer: a
 * late timer replays the transitions it missed one by one.
 *
 * Except when it is more than PIT_MAX_TIMER_LAG_NS late: then it evaluates
 * at the current time.  QEMU runs timers on its main-loop thread beside
 * the vCPU, so with a count of 1 or 2 (a transition every tick, 838 ns)
 * callbacks that cannot keep up (-trace pic_*) only delay IRQ 0 there;
 * x86slice runs them on the CPU's thread, where an ever-growing backlog
 * would stop the guest.  What the skip merges is a burst of edges nobody
 * looked at in between, which the PIC latches as one, just as it latches
 * QEMU's replay when the guest next runs; the timing of both is host time.
 */
#define PIT_MAX_TIMER_LAG_NS    (1 * SCALE_MS)

static void pit_irq_timer(void *opaque)
{
    PITChannelState *s = opaque;
    int64_t now = pit_now();

    if (now - s->next_transition_time > PIT_MAX_TIMER_LAG_NS) {
        pit_irq_timer_update(s, now);
    } else {
        pit_irq_timer_update(s, s->next_transition_time);
    }
}

/* ---- gate and info (pit_set_channel_gate, pit_get_channel_info_common) ----------- */

void pit_set_gate(PITCommonState *pit, int channel, int val)
{
    PITChannelState *s = &pit->channels[channel];

    /* Modes 0 and 4 ignore the gate entirely in QEMU (the datasheet stops
     * counting while it is low); the others restart on a rising edge and
     * never stop either. */
    switch (s->mode) {
    case 1:
    case 2:
    case 3:
    case 5:
        if (s->gate < val) {
            s->count_load_time = pit_now();
            pit_irq_timer_update(s, s->count_load_time);
        }
        break;
    default:
        break;
    }
    s->gate = val;
}

void pit_get_channel_info(PITCommonState *pit, int channel, PITChannelInfo *info)
{
    PITChannelState *s = &pit->channels[channel];

    info->gate = s->gate;
    info->mode = s->mode;
    info->initial_count = s->count;
    info->out = pit_get_out(s, pit_now());
}

/* ---- ports ------------------------------------------------------------------------ */

static void pit_load_count(PITChannelState *s, int val)
{
    s->count = val ? val : 0x10000;
    s->count_load_time = pit_now();
    pit_irq_timer_update(s, s->count_load_time);
}

/* A latch already pending is kept (QEMU's pit_latch_count).  With no
 * access mode programmed yet (rw_mode 0) nothing ends up latched. */
static void pit_latch_count(PITChannelState *s)
{
    if (!s->count_latched) {
        s->latched_count = pit_get_count(s);
        s->count_latched = s->rw_mode;
    }
}

/* QEMU leaves the null-count bit (6) at 0. */
static void pit_latch_status(PITChannelState *s)
{
    if (!s->status_latched) {
        s->status = (pit_get_out(s, pit_now()) << 7) | (s->rw_mode << 4) |
                    (s->mode << 1) | s->bcd;
        s->status_latched = 1;
    }
}

/* Read-back command (bits 7-6 = 3): bit 5 clear latches counts, bit 4
 * clear latches statuses, bits 3-1 select channels 2-0. */
static void pit_read_back(PITCommonState *pit, uint8_t val)
{
    for (int i = 0; i < 3; i++) {
        PITChannelState *s = &pit->channels[i];

        if (!(val & (2 << i))) {
            continue;
        }
        if (!(val & 0x20)) {
            pit_latch_count(s);
        }
        if (!(val & 0x10)) {
            pit_latch_status(s);
        }
    }
}

/* Control word: counter latch (access 0) or a new access mode, mode and
 * BCD bit.  The count and the timer stay as they are until the next count
 * write (QEMU: "XXX: update irq timer ?"). */
static void pit_control_write(PITCommonState *pit, uint8_t val)
{
    PITChannelState *s;
    int access = (val >> 4) & 3;

    if ((val >> 6) == 3) {
        pit_read_back(pit, val);
        return;
    }
    s = &pit->channels[val >> 6];
    if (access == 0) {
        pit_latch_count(s);
        return;
    }
    s->rw_mode = s->read_state = s->write_state = access;
    s->mode = (val >> 1) & 7;
    s->bcd = val & 1;
}

/* A byte to a count port, through the LSB/MSB flip-flop.  A write_state
 * of 0 (no control word yet) loads the byte as the LSB, as QEMU's default. */
static void pit_count_write(PITChannelState *s, uint8_t val)
{
    switch (s->write_state) {
    case RW_STATE_MSB:
        pit_load_count(s, val << 8);
        break;
    case RW_STATE_WORD0:
        s->write_latch = val;
        s->write_state = RW_STATE_WORD1;
        break;
    case RW_STATE_WORD1:
        pit_load_count(s, s->write_latch | (val << 8));
        s->write_state = RW_STATE_WORD0;
        break;
    default:
        pit_load_count(s, val);
        break;
    }
}

static void pit_ioport_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PITCommonState *pit = opaque;

    (void)size;
    addr &= 3;
    if (addr == 3) {
        pit_control_write(pit, val);
    } else {
        pit_count_write(&pit->channels[addr], val);
    }
}

/* The next byte of a latched count; a word latch hands out LSB then MSB.
 * (A status latch is read first, see pit_ioport_read.) */
static uint8_t pit_read_latched(PITChannelState *s)
{
    switch (s->count_latched) {
    case RW_STATE_MSB:
        s->count_latched = 0;
        return s->latched_count >> 8;
    case RW_STATE_WORD0:
        s->count_latched = RW_STATE_MSB;
        return s->latched_count & 0xff;
    default:
        s->count_latched = 0;
        return s->latched_count & 0xff;
    }
}

/* The live count through the read flip-flop (read_state 0: the LSB). */
static uint8_t pit_read_live(PITChannelState *s)
{
    int count = pit_get_count(s);

    switch (s->read_state) {
    case RW_STATE_MSB:
        return (count >> 8) & 0xff;
    case RW_STATE_WORD0:
        s->read_state = RW_STATE_WORD1;
        return count & 0xff;
    case RW_STATE_WORD1:
        s->read_state = RW_STATE_WORD0;
        return (count >> 8) & 0xff;
    default:
        return count & 0xff;
    }
}

static uint64_t pit_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PITCommonState *pit = opaque;
    PITChannelState *s;

    (void)size;
    addr &= 3;
    if (addr == 3) {
        return 0;               /* the control word is write-only */
    }
    s = &pit->channels[addr];
    if (s->status_latched) {
        s->status_latched = 0;
        return s->status;
    }
    if (s->count_latched) {
        return pit_read_latched(s);
    }
    return pit_read_live(s);
}

const MemoryRegionOps pit_ioport_ops = {
    .read = pit_ioport_read,
    .write = pit_ioport_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- life cycle ------------------------------------------------------------------- */

PITCommonState *i8254_pit_new(qemu_irq irq)
{
    PITCommonState *pit = g_new0(PITCommonState, 1);
    PITChannelState *s = &pit->channels[0];

    /* QEMU's counts are 0 until the reset that always follows realize;
     * x86slice starts them at 0x10000 so that nothing divides by zero if
     * a caller reads a channel before pit_reset. */
    for (int i = 0; i < 3; i++) {
        pit->channels[i].count = 0x10000;
    }
    s->irq_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, pit_irq_timer, s);
    s->irq = irq;
    return pit;
}

void pit_free(PITCommonState *pit)
{
    if (!pit) {
        return;
    }
    timer_free(pit->channels[0].irq_timer);
    g_free(pit);
}

/* pit_reset_common, then channel 0's timer armed (pit_reset).  The IRQ
 * line is not touched: it moves at the first transition. */
void pit_reset(PITCommonState *pit)
{
    PITChannelState *s0 = &pit->channels[0];

    for (int i = 0; i < 3; i++) {
        PITChannelState *s = &pit->channels[i];

        s->mode = 3;
        s->gate = i != 2;
        s->count_load_time = pit_now();
        s->count = 0x10000;
    }
    s0->next_transition_time = pit_get_next_transition_time(s0, s0->count_load_time);
    timer_mod(s0->irq_timer, s0->next_transition_time);
}
