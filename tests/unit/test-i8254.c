/*
 * The i8254 PIT (hw/timer/i8254.c; QEMU 7.2's hw/timer/i8254.c and
 * i8254_common.c) and port 0x61 (hw/audio/pcspk.c; QEMU 7.2's
 * hw/audio/pcspk.c), driven through their I/O regions as a guest drives
 * them.
 *
 * The "session" tests replay transcripts recorded from QEMU 7.2 (Debian's
 * qemu-system-i386 7.2+dfsg) on the reference machine with
 * `-qtest stdio -S`: with -S the virtual clock stands at 0, so every
 * count QEMU answers is exact; each line is a qtest command and QEMU's
 * answer, with the IRQ changes `irq_intercept_in ioapic` reports (GSI 0
 * is the PIT's ISA IRQ 0) first.  This QEMU build has no qtest
 * accelerator (no clock_step), so the tests that move time run on the
 * manual virtual clock and expect the values QEMU's formulas give
 * (i8254_common.c pit_get_out, pit_get_next_transition_time, i8254.c
 * pit_get_count, pit_irq_timer_update); the edge times were computed with
 * a separate transcription of those formulas: tick n of a count loaded at
 * T is at T + floor(n * 10^9 / PIT_FREQ) ns, and a time t is tick
 * floor((t - T) * PIT_FREQ / 10^9).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "hw/audio/pcspk.h"
#include "hw/core/irq.h"
#include "hw/i386/pc.h"
#include "hw/timer/i8254.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"
#include "memtest.h"

#define UNSPEC MEMTXATTRS_UNSPECIFIED
#define MS 1000000LL
#define MAX_EDGES 64

/* Control words: channel c, access a (1 LSB, 2 MSB, 3 word), mode m. */
#define CW(c, a, m) (((c) << 6) | ((a) << 4) | ((m) << 1))
#define READ_BACK(bits) (0xc0 | (bits))
#define RB_NO_COUNT  0x20
#define RB_NO_STATUS 0x10
#define RB_CH(c)     (2 << (c))

/* ---- fixture ------------------------------------------------------------ */

static PITCommonState *pit;
static PCSpkState *spk;
static AddressSpace *io_as;
static qemu_irq irq0;
static PCMachineState *pc;
static int irq_level;
static GString *session_out;    /* "IRQ raise 0; " while a session runs */
static int64_t edge_time[MAX_EDGES];
static int edge_level[MAX_EDGES];
static int nedges;

/* Records level changes only, as qtest's irq interception reports them. */
static void irq_handler(void *opaque, int n, int level)
{
    (void)opaque;
    if (level == irq_level) {
        return;
    }
    irq_level = level;
    if (session_out) {
        g_string_append_printf(session_out, "IRQ %s %d; ", level ? "raise" : "lower", n);
    }
    if (nedges < MAX_EDGES) {
        edge_time[nedges] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        edge_level[nedges] = level;
    }
    nedges++;
}

/* The PIT and the speaker port as pc maps them, reset at virtual time 0. */
static void setup(void)
{
    MemoryRegion *io;

    memtest_setup();
    qemu_clock_set_manual(true);
    irq_level = 0;
    nedges = 0;
    irq0 = qemu_allocate_irq(irq_handler, NULL, 0);
    pit = i8254_pit_new(irq0);
    spk = pcspk_new(pit);
    io = memtest_container("io", 0x10000);
    memtest_add(io, 0x40, memtest_io("pit", 4, &pit_ioport_ops, pit), 0);
    memtest_add(io, 0x61, memtest_io("pcspk", 1, &pcspk_io_ops, spk), 0);
    io_as = memtest_as(io, "I/O");
    pit_reset(pit);
}

static void teardown(void)
{
    pcspk_free(spk);
    spk = NULL;
    pit_free(pit);
    pit = NULL;
    memtest_teardown();
    io_as = NULL;
    qemu_free_irq(irq0);
    irq0 = NULL;
    if (session_out) {
        g_string_free(session_out, true);
        session_out = NULL;
    }
    qemu_clock_virtual_stop();      /* the late-timer tests start it */
    qemu_clock_set_manual(false);
}

/* ---- port access (qtest's cpu_outb/inb: address_space_write/read) ------- */

static void out_n(hwaddr port, uint32_t val, unsigned size)
{
    uint8_t buf[4] = { val, val >> 8, val >> 16, val >> 24 };

    ck_assert_uint_eq(address_space_write(io_as, port, UNSPEC, buf, size), MEMTX_OK);
}

static uint32_t in_n(hwaddr port, unsigned size)
{
    uint8_t buf[4] = { 0 };

    ck_assert_uint_eq(address_space_read(io_as, port, UNSPEC, buf, size), MEMTX_OK);
    return buf[0] | buf[1] << 8 | buf[2] << 16 | (uint32_t)buf[3] << 24;
}

static void outb(hwaddr port, uint8_t val)
{
    out_n(port, val, 1);
}

static uint8_t inb(hwaddr port)
{
    return in_n(port, 1);
}

/* Program channel c in word access with mode m and load count. */
static void load_word(int c, int m, unsigned count)
{
    outb(0x43, CW(c, 3, m));
    outb(0x40 + c, count & 0xff);
    outb(0x40 + c, count >> 8);
}

/* Two reads through the word flip-flop (or a word latch). */
static unsigned read_word(int c)
{
    unsigned lo = inb(0x40 + c);

    return lo | inb(0x40 + c) << 8;
}

static uint8_t read_status(int c)
{
    outb(0x43, READ_BACK(RB_NO_COUNT | RB_CH(c)));
    return inb(0x40 + c);
}

/* The first ns at which a count loaded at `load` has seen `tick` ticks. */
static int64_t tick_time(int64_t load, uint64_t tick)
{
    return load + (int64_t)((tick * NANOSECONDS_PER_SECOND + PIT_FREQ - 1) / PIT_FREQ);
}

/* Step the manual clock to an absolute time (timers due on the way run). */
static void step_to(int64_t t)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    ck_assert_int_ge(t, now);
    qemu_clock_step(t - now);
}

/* The edges recorded so far must be `n` (time, level) pairs. */
static void assert_edges(const int64_t (*expected)[2], int n)
{
    ck_assert_int_eq(nedges, n);
    for (int i = 0; i < n; i++) {
        ck_assert_msg(edge_time[i] == expected[i][0] && edge_level[i] == expected[i][1],
                      "edge %d: level %d at %lld ns, expected %d at %lld", i,
                      edge_level[i], (long long)edge_time[i], (int)expected[i][1],
                      (long long)expected[i][0]);
    }
}

/* ---- qtest session replay ------------------------------------------------ */

static unsigned size_of(const char *cmd)
{
    char c = cmd[strlen(cmd) - 1];

    return c == 'b' ? 1 : c == 'w' ? 2 : 4;
}

static void session_command(const char *line)
{
    gchar **w = g_strsplit(line, " ", -1);

    if (g_str_equal(w[0], "irq_intercept_in")) {
        g_string_append(session_out, "OK");
    } else if (g_str_has_prefix(w[0], "out")) {
        out_n(strtoul(w[1], NULL, 0), strtoul(w[2], NULL, 0), size_of(w[0]));
        g_string_append(session_out, "OK");
    } else if (g_str_has_prefix(w[0], "in")) {
        uint32_t v = in_n(strtoul(w[1], NULL, 0), size_of(w[0]));
        g_string_append_printf(session_out, "OK 0x%04x", v);
    } else {
        ck_abort_msg("unknown session command '%s'", line);
    }
    g_strfreev(w);
}

/* Replay "COMMAND => ANSWER" lines and compare the answers. */
static void run_session(const char *session)
{
    gchar **lines = g_strsplit(session, "\n", -1);

    session_out = g_string_new(NULL);
    for (int i = 0; lines[i] && *lines[i]; i++) {
        char *sep = strstr(lines[i], " => ");

        ck_assert_ptr_nonnull(sep);
        *sep = 0;
        g_string_truncate(session_out, 0);
        session_command(lines[i]);
        ck_assert_msg(g_str_equal(session_out->str, sep + 4),
                      "line %d '%s': got '%s', QEMU 7.2 says '%s'",
                      i + 1, lines[i], session_out->str, sep + 4);
    }
    g_strfreev(lines);
}

/* ---- transcripts recorded from QEMU 7.2 at virtual time 0 ----------------- */

static const char session_ports[] =
    /* power-on: port 0x61 (the refresh bit flips on every read; channel 2's output), read-back of channel 0, the statuses of all three, the control port reads 0 */
    "inb 0x61 => OK 0x0030\n"
    "inb 0x61 => OK 0x0020\n"
    "inb 0x61 => OK 0x0030\n"
    "outb 0x43 0xc2 => OK\n"
    "inb 0x40 => OK 0x0086\n"
    "inb 0x40 => OK 0x0000\n"
    "outb 0x43 0xee => OK\n"
    "inb 0x40 => OK 0x0086\n"
    "inb 0x41 => OK 0x0086\n"
    "inb 0x42 => OK 0x0086\n"
    "inb 0x43 => OK 0x0000\n"
    /* access mode 0 (never programmed): a counter latch latches nothing, a count write loads the LSB */
    "outb 0x43 0x40 => OK\n"
    "inb 0x41 => OK 0x0000\n"
    "inb 0x41 => OK 0x0000\n"
    "outb 0x41 0x34 => OK\n"
    "inb 0x41 => OK 0x0034\n"
    "inb 0x41 => OK 0x0034\n"
    /* channel 2: LSB-only mode 0, MSB-only mode 1, word mode 2 with BCD; their statuses; a half-written word */
    "outb 0x43 0x90 => OK\n"
    "outb 0x42 0x12 => OK\n"
    "inb 0x42 => OK 0x0012\n"
    "inb 0x42 => OK 0x0012\n"
    "outb 0x43 0xe8 => OK\n"
    "inb 0x42 => OK 0x0010\n"
    "inb 0x42 => OK 0x0012\n"
    "outb 0x43 0xa2 => OK\n"
    "outb 0x42 0x34 => OK\n"
    "inb 0x42 => OK 0x0034\n"
    "inb 0x42 => OK 0x0034\n"
    "outb 0x43 0xe8 => OK\n"
    "inb 0x42 => OK 0x00a2\n"
    "outb 0x43 0xb5 => OK\n"
    "outb 0x42 0x78 => OK\n"
    "outb 0x42 0x56 => OK\n"
    "inb 0x42 => OK 0x0078\n"
    "inb 0x42 => OK 0x0056\n"
    "inb 0x42 => OK 0x0078\n"
    "outb 0x43 0xe8 => OK\n"
    "inb 0x42 => OK 0x0035\n"
    "outb 0x42 0x11 => OK\n"
    "inb 0x42 => OK 0x0056\n"
    "outb 0x42 0x22 => OK\n"
    "inb 0x42 => OK 0x0011\n"
    "inb 0x42 => OK 0x0022\n"
    /* counter latch in word mode (a second latch is ignored), then a new count; read-back of count and status twice (the second ignored) */
    "outb 0x43 0x80 => OK\n"
    "outb 0x43 0x80 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "outb 0x42 0x01 => OK\n"
    "inb 0x42 => OK 0x0011\n"
    "inb 0x42 => OK 0x0022\n"
    "inb 0x42 => OK 0x0000\n"
    "inb 0x42 => OK 0x0001\n"
    "outb 0x43 0xc8 => OK\n"
    "outb 0x43 0xc8 => OK\n"
    "outb 0x43 0x80 => OK\n"
    "inb 0x42 => OK 0x0035\n"
    "inb 0x42 => OK 0x0000\n"
    "inb 0x42 => OK 0x0001\n"
    "inb 0x42 => OK 0x0000\n"
    /* read-back of the count only, then a control word: the latch survives it */
    "outb 0x43 0xd8 => OK\n"
    "outb 0x43 0x30 => OK\n"
    "outb 0x42 0x21 => OK\n"
    "outb 0x42 0x43 => OK\n"
    "inb 0x42 => OK 0x0000\n"
    "inb 0x42 => OK 0x0001\n"
    /* count 0 loads 0x10000; statuses of modes 0 and 3-7 with BCD (6 and 7 are not folded onto 2 and 3); MSB-only reads and latch */
    "outb 0x43 0x70 => OK\n"
    "outb 0x41 0x00 => OK\n"
    "outb 0x41 0x00 => OK\n"
    "inb 0x41 => OK 0x0000\n"
    "inb 0x41 => OK 0x0000\n"
    "outb 0x43 0xe4 => OK\n"
    "inb 0x41 => OK 0x0030\n"
    "outb 0x43 0x77 => OK\n"
    "outb 0x41 0x00 => OK\n"
    "outb 0x41 0x00 => OK\n"
    "inb 0x41 => OK 0x0000\n"
    "inb 0x41 => OK 0x0000\n"
    "outb 0x43 0xe4 => OK\n"
    "inb 0x41 => OK 0x00b7\n"
    "outb 0x43 0x79 => OK\n"
    "outb 0x43 0xe4 => OK\n"
    "inb 0x41 => OK 0x0039\n"
    "outb 0x43 0x5b => OK\n"
    "outb 0x43 0xe4 => OK\n"
    "inb 0x41 => OK 0x001b\n"
    "outb 0x43 0x7d => OK\n"
    "outb 0x43 0xe4 => OK\n"
    "inb 0x41 => OK 0x003d\n"
    "outb 0x43 0x7f => OK\n"
    "outb 0x43 0xe4 => OK\n"
    "inb 0x41 => OK 0x003f\n"
    "outb 0x41 0x05 => OK\n"
    "outb 0x41 0x00 => OK\n"
    "outb 0x43 0x64 => OK\n"
    "inb 0x41 => OK 0x0000\n"
    "inb 0x41 => OK 0x0000\n"
    "outb 0x43 0x6c => OK\n"
    "outb 0x41 0x07 => OK\n"
    "outb 0x43 0x44 => OK\n"
    "inb 0x41 => OK 0x0007\n"
    "inb 0x41 => OK 0x0007\n"
    /* read-back selecting nothing; word and dword accesses split into bytes (outw 0x42's second byte is a control word) */
    "outb 0x43 0xfe => OK\n"
    "inb 0x40 => OK 0x0000\n"
    "inb 0x41 => OK 0x0007\n"
    "inb 0x42 => OK 0x0043\n"
    "inb 0x40 => OK 0x0000\n"
    "outb 0x43 0x36 => OK\n"
    "inw 0x40 => OK 0x0700\n"
    "inl 0x40 => OK 0x210700\n"
    "outw 0x42 0xb6b6 => OK\n"
    "outw 0x42 0x0102 => OK\n"
    "inb 0x42 => OK 0x0021\n"
    "inb 0x42 => OK 0x0043\n"
    "outb 0x43 0x00 => OK\n"
    "outb 0x43 0x00 => OK\n"
    "inb 0x40 => OK 0x0000\n"
    "inb 0x40 => OK 0x0000\n"
    "inb 0x40 => OK 0x0000\n";

static const char session_irq0[] =
    /* each mode's output at the load (tick 0) drives IRQ 0; a control word
     * alone changes nothing (0x3e, 0x3c); mode 7 reads like mode 0 */
    "outb 0x43 0x30 => OK\n"
    "outb 0x40 0x10 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x43 0x36 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x10 => IRQ raise 0; OK\n"
    "outb 0x43 0x34 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x10 => IRQ lower 0; OK\n"
    "outb 0x43 0x32 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x10 => IRQ raise 0; OK\n"
    "outb 0x43 0x38 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x10 => IRQ lower 0; OK\n"
    "outb 0x43 0x36 => OK\n"
    "outb 0x40 0x01 => OK\n"
    "outb 0x40 0x00 => IRQ raise 0; OK\n"
    "outb 0x43 0x3a => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x10 => IRQ lower 0; OK\n"
    "outb 0x43 0x16 => OK\n"
    "outb 0x40 0x01 => IRQ raise 0; OK\n"
    "outb 0x43 0xe2 => OK\n"
    "inb 0x40 => OK 0x0096\n"
    "outb 0x43 0x14 => OK\n"
    "outb 0x40 0x01 => IRQ lower 0; OK\n"
    "outb 0x43 0x12 => OK\n"
    "outb 0x40 0x00 => IRQ raise 0; OK\n"
    "outb 0x43 0x10 => OK\n"
    "outb 0x40 0x01 => IRQ lower 0; OK\n"
    "outb 0x43 0x2c => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x43 0x36 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x00 => IRQ raise 0; OK\n"
    "outb 0x43 0x3e => OK\n"
    "outb 0x43 0xe2 => OK\n"
    "inb 0x40 => OK 0x003e\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x00 => IRQ lower 0; OK\n"
    "outb 0x43 0xe2 => OK\n"
    "inb 0x40 => OK 0x003e\n"
    "outb 0x43 0x3c => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x40 0x00 => OK\n"
    "outb 0x43 0x36 => OK\n"
    "outb 0x40 0x02 => OK\n"
    "outb 0x40 0x00 => IRQ raise 0; OK\n"
    "inb 0x40 => OK 0x0002\n"
    "inb 0x40 => OK 0x0000\n"
    "outb 0x43 0x30 => OK\n"
    "outb 0x43 0xe2 => OK\n"
    "inb 0x40 => OK 0x0030\n";

static const char session_port61[] =
    /* channel 2's output in bit 5 for modes 3, 0, 1, 2, 4, 5; gate and data bits */
    "outb 0x43 0xb6 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "outb 0x42 0x01 => OK\n"
    "inb 0x61 => OK 0x0030\n"
    "outb 0x61 0x03 => OK\n"
    "inb 0x61 => OK 0x0023\n"
    "outb 0x61 0x02 => OK\n"
    "inb 0x61 => OK 0x0032\n"
    "outb 0x61 0xfc => OK\n"
    "inb 0x61 => OK 0x0020\n"
    "outb 0x43 0xb0 => OK\n"
    "outb 0x42 0x05 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "inb 0x61 => OK 0x0010\n"
    "outb 0x61 0x01 => OK\n"
    "inb 0x61 => OK 0x0001\n"
    "outb 0x43 0xb2 => OK\n"
    "outb 0x42 0x05 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "inb 0x61 => OK 0x0031\n"
    "outb 0x43 0xb4 => OK\n"
    "outb 0x42 0x05 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "inb 0x61 => OK 0x0001\n"
    "outb 0x43 0xb8 => OK\n"
    "outb 0x42 0x05 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "inb 0x61 => OK 0x0011\n"
    "outb 0x43 0xba => OK\n"
    "outb 0x42 0x05 => OK\n"
    "outb 0x42 0x00 => OK\n"
    "inb 0x61 => OK 0x0001\n"
    "outb 0x61 0x00 => OK\n"
    "outb 0x43 0xe8 => OK\n"
    "inb 0x42 => OK 0x003a\n"
    "inb 0x61 => OK 0x0010\n"
    "outb 0x61 0xff => OK\n"
    "inb 0x61 => OK 0x0003\n";

START_TEST(test_session_ports)
{
    run_session(session_ports);
}
END_TEST

START_TEST(test_session_irq0)
{
    run_session(session_irq0);
}
END_TEST

START_TEST(test_session_port61)
{
    run_session(session_port61);
}
END_TEST

/* ---- IRQ 0 over time --------------------------------------------------------- */

/* From reset (mode 3, count 0x10000, loaded at 0) the line is left alone
 * until the first transition, 0x8000 ticks in; there the timer evaluates
 * the output at its own expiry, which truncation puts one tick early, so
 * QEMU raises IRQ 0 and lowers it 1 ns later.  Then a square wave. */
START_TEST(test_reset_irq0_timing)
{
    static const int64_t edges[][2] = {
        { 27462700, 1 }, { 27462701, 0 }, { 54925402, 1 }, { 82388102, 0 },
        { 109850803, 1 },
    };

    ck_assert(timer_pending(pit->channels[0].irq_timer));
    ck_assert_int_eq(timer_expire_time_ns(pit->channels[0].irq_timer), 27462700);
    step_to(120 * MS);
    assert_edges(edges, G_N_ELEMENTS(edges));
    ck_assert_int_eq(timer_expire_time_ns(pit->channels[0].irq_timer), 137313502);
}
END_TEST

/* Channel 0 loaded at 1 ms in each mode: IRQ 0's edges (ns after the
 * load) up to `until`, and when the timer is armed next (-1: not armed). */
static const struct {
    int mode;
    unsigned count;
    int64_t until;
    int n;
    int64_t edges[10][2];
    int64_t next;
} irq_cases[] = {
    /* mode 0: low, high at terminal count, no more transitions */
    { 0, 100, MS, 1, { { 83810, 1 } }, -1 },
    /* mode 1: high, low at terminal count */
    { 1, 100, MS, 2, { { 0, 1 }, { 83810, 0 } }, -1 },
    /* mode 2: QEMU's output is high on the tick ending a period; the
     * timer evaluating at its own (truncated) expiry stretches it */
    { 2, 100, 250000, 3, { { 84647, 1 }, { 167619, 0 }, { 168457, 1 } }, 251428 },
    /* mode 3: square wave, high half first */
    { 3, 100, 250000, 6, { { 0, 1 }, { 41905, 0 }, { 83810, 1 }, { 125715, 0 },
                           { 167620, 1 }, { 209524, 0 } }, 251428 },
    /* mode 3, odd count: high for (5 + 1) / 2 ticks, low for 2 */
    { 3, 5, 20000, 10, { { 0, 1 }, { 2515, 0 }, { 4191, 1 }, { 6705, 0 }, { 8381, 1 },
                         { 10896, 0 }, { 12572, 1 }, { 15086, 0 }, { 16762, 1 },
                         { 19277, 0 } }, 20952 },
    /* modes 4 and 5: one tick high at terminal count */
    { 4, 100, MS, 2, { { 83810, 1 }, { 84648, 0 } }, -1 },
    { 5, 100, MS, 2, { { 83810, 1 }, { 84648, 0 } }, -1 },
    /* count 1: mode 2 high from the second tick on, mode 3 always high
     * (the timer still runs every tick) */
    { 2, 1, 5000, 1, { { 1676, 1 } }, 5028 },
    { 3, 1, MS, 1, { { 0, 1 } }, 1000685 },
    /* count 0 is 0x10000 */
    { 0, 0, 60 * MS, 1, { { 54925402, 1 } }, -1 },
};

START_TEST(test_irq0_modes)
{
    const int64_t load = MS;
    int64_t expected[10][2];
    QEMUTimer *t = pit->channels[0].irq_timer;

    step_to(load);
    ck_assert_int_eq(nedges, 0);
    load_word(0, irq_cases[_i].mode, irq_cases[_i].count);
    step_to(load + irq_cases[_i].until);
    for (int i = 0; i < irq_cases[_i].n; i++) {
        expected[i][0] = load + irq_cases[_i].edges[i][0];
        expected[i][1] = irq_cases[_i].edges[i][1];
    }
    assert_edges(expected, irq_cases[_i].n);
    if (irq_cases[_i].next == -1) {
        ck_assert(!timer_pending(t));
        ck_assert_int_eq(pit->channels[0].next_transition_time, -1);
    } else {
        ck_assert_int_eq(timer_expire_time_ns(t), load + irq_cases[_i].next);
    }
}
END_TEST

/* A control word alone changes neither IRQ 0 nor the timer: the new mode
 * counts from the old load time at the next evaluation. */
START_TEST(test_control_word_keeps_timer)
{
    static const int64_t edges[][2] = { { MS, 1 }, { 27462700 + MS, 0 } };

    step_to(MS);
    load_word(0, 3, 0);                         /* IRQ 0 up at 1 ms */
    outb(0x43, CW(0, 3, 0));                    /* mode 0, nothing loaded */
    ck_assert_int_eq(irq_level, 1);
    ck_assert_int_eq(timer_expire_time_ns(pit->channels[0].irq_timer), 27462700 + MS);
    /* the timer set for mode 3's half period evaluates mode 0 there:
     * out = d >= 0x10000 = 0, next transition at 0x10000 ticks */
    step_to(30 * MS);
    assert_edges(edges, G_N_ELEMENTS(edges));
    ck_assert_int_eq(timer_expire_time_ns(pit->channels[0].irq_timer), 54925401 + MS);
}
END_TEST

/* ---- counts, latches and statuses over time ------------------------------ */

/* Channel 1 (no timer) in mode m, count c, read at ticks d[] after the load. */
static void assert_counts(int m, unsigned c, const unsigned *d, const unsigned *want, int n)
{
    int64_t load = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    load_word(1, m, c);
    for (int i = 0; i < n; i++) {
        step_to(tick_time(load, d[i]));
        ck_assert_msg(read_word(1) == want[i], "mode %d count %u tick %u: 0x%x, want 0x%x",
                      m, c, d[i], read_word(1), want[i]);
    }
}

START_TEST(test_counts_over_time)
{
    static const unsigned d0[] = { 0, 1, 500, 999, 1000, 1100 };
    static const unsigned c0[] = { 1000, 999, 500, 1, 0, 0xff9c };   /* wraps past 0 */
    static const unsigned d2[] = { 0, 1, 99, 100, 150 };
    static const unsigned c2[] = { 100, 99, 1, 100, 50 };
    static const unsigned d3[] = { 0, 10, 49, 50, 75 };
    static const unsigned c3[] = { 100, 80, 2, 100, 50 };            /* by two */
    static const unsigned d3o[] = { 50, 51 };
    static const unsigned c3o[] = { 1, 100 };                        /* odd: 101 - 2d % 101 */
    static const unsigned d1[] = { 10, 1100 };
    static const unsigned c1[] = { 990, 0xff9c };

    assert_counts(0, 1000, d0, c0, G_N_ELEMENTS(d0));
    assert_counts(2, 100, d2, c2, G_N_ELEMENTS(d2));
    assert_counts(3, 100, d3, c3, G_N_ELEMENTS(d3));
    assert_counts(3, 101, d3o, c3o, G_N_ELEMENTS(d3o));
    for (int m = 1; m <= 5; m += (m == 1 ? 3 : 1)) {                 /* 1, 4, 5 */
        assert_counts(m, 1000, d1, c1, G_N_ELEMENTS(d1));
    }
    assert_counts(6, 100, d2, c2, G_N_ELEMENTS(d2));                  /* mode 6 as 2 */
}
END_TEST

/* A latched count stays while time passes, then reads go live again. */
START_TEST(test_latch_holds)
{
    int64_t load;

    step_to(MS);
    load = MS;
    load_word(1, 0, 1000);
    step_to(tick_time(load, 10));
    outb(0x43, CW(1, 0, 0));
    step_to(tick_time(load, 500));
    ck_assert_uint_eq(read_word(1), 990);
    ck_assert_uint_eq(read_word(1), 500);
    /* read-back of both: status first (out high after terminal count) */
    step_to(tick_time(load, 1000));
    outb(0x43, READ_BACK(RB_CH(1)));
    step_to(tick_time(load, 1200));
    ck_assert_uint_eq(inb(0x41), 0x80 | 0x30);
    ck_assert_uint_eq(read_word(1), 0);
    ck_assert_uint_eq(read_word(1), 0xff38);
}
END_TEST

/* A second latch (count or status) while one is pending keeps the first. */
START_TEST(test_latch_not_relatched)
{
    int64_t load = MS;

    step_to(load);
    load_word(1, 0, 1000);
    step_to(tick_time(load, 10));
    outb(0x43, CW(1, 0, 0));
    outb(0x43, READ_BACK(RB_NO_COUNT | RB_CH(1)));      /* out 0 */
    step_to(tick_time(load, 1020));
    outb(0x43, CW(1, 0, 0));
    outb(0x43, READ_BACK(RB_CH(1)));
    ck_assert_uint_eq(inb(0x41), 0x30);
    ck_assert_uint_eq(read_word(1), 990);
    /* both latches consumed: the next read-back takes fresh ones */
    outb(0x43, READ_BACK(RB_CH(1)));
    ck_assert_uint_eq(inb(0x41), 0xb0);
    ck_assert_uint_eq(read_word(1), 0xffec);
}
END_TEST

/* The status byte's output bit as QEMU computes it, per mode. */
START_TEST(test_status_out_over_time)
{
    static const struct { int mode; unsigned tick; uint8_t status; } cases[] = {
        { 1, 0, 0xb2 }, { 1, 100, 0x32 },
        { 4, 99, 0x38 }, { 4, 100, 0xb8 }, { 4, 101, 0x38 },
        { 2, 0, 0x34 }, { 2, 100, 0xb4 }, { 2, 101, 0x34 }, { 2, 200, 0xb4 },
        { 3, 49, 0xb6 }, { 3, 50, 0x36 },
        { 0, 99, 0x30 }, { 0, 100, 0xb0 },
    };
    int64_t load = 0;

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (i == 0 || cases[i].mode != cases[i - 1].mode) {
            load = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
            load_word(1, cases[i].mode, 100);
        }
        step_to(tick_time(load, cases[i].tick));
        ck_assert_msg(read_status(1) == cases[i].status, "case %u: 0x%02x", i,
                      read_status(1));
    }
}
END_TEST

/* ---- port 0x61 and channel 2's gate --------------------------------------- */

/* Bits 0 (gate), 1 (data), 5 (channel 2 output); bit 4 flips every read. */
static uint8_t port61(void)
{
    return inb(0x61) & ~0x10;
}

START_TEST(test_gate_restarts)
{
    int64_t t;

    /* mode 1 counts from the load even with the gate low (after reset) */
    step_to(MS);
    load_word(2, 1, 100);
    ck_assert_uint_eq(port61(), 0x20);
    step_to(tick_time(MS, 200));
    ck_assert_uint_eq(port61(), 0x00);
    /* a rising gate restarts it; a falling one stops nothing */
    outb(0x61, 0x01);
    t = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    ck_assert_uint_eq(port61(), 0x21);
    ck_assert_uint_eq(read_word(2), 100);
    outb(0x61, 0x00);
    step_to(tick_time(t, 99));
    ck_assert_uint_eq(port61(), 0x20);
    ck_assert_uint_eq(read_word(2), 1);
    step_to(tick_time(t, 100));
    ck_assert_uint_eq(port61(), 0x00);
    outb(0x61, 0x00);                           /* low again: no edge */
    ck_assert_uint_eq(port61(), 0x00);

    /* mode 0 ignores the gate: no restart, the count runs on */
    t = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    load_word(2, 0, 100);
    step_to(tick_time(t, 50));
    outb(0x61, 0x01);
    ck_assert_uint_eq(read_word(2), 50);
    outb(0x61, 0x00);
    step_to(tick_time(t, 100));
    ck_assert_uint_eq(port61(), 0x20);          /* terminal count, gate low */

    /* modes 2, 3 and 5 restart on a rising edge */
    for (int m = 2; m <= 5; m += (m == 3 ? 2 : 1)) {
        t = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        load_word(2, m, 100);
        step_to(tick_time(t, 30));
        outb(0x61, 0x01);
        t = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        ck_assert_uint_eq(read_word(2), 100);    /* restarted */
        step_to(tick_time(t, 10));
        ck_assert_uint_eq(read_word(2), m == 3 ? 80 : 90);
        outb(0x61, 0x00);
    }
    /* mode 5 after the restart: high on tick 100 only */
    ck_assert_uint_eq(port61(), 0x00);
    step_to(tick_time(t, 100));
    ck_assert_uint_eq(port61(), 0x20);
    step_to(tick_time(t, 101));
    ck_assert_uint_eq(port61(), 0x00);
    /* port 0x61 reaches channel 2 only */
    ck_assert_int_eq(pit->channels[0].gate, 1);
    ck_assert_int_eq(pit->channels[1].gate, 1);
}
END_TEST

/* Channel 2 in mode 3 with the gate high: bit 5 is the square wave; bit 4
 * alternates from read to read whatever the time; bit 1 is data_on. */
START_TEST(test_port61_square_wave)
{
    int64_t t;

    outb(0x61, 0x03);
    t = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    load_word(2, 3, 100);
    ck_assert_uint_eq(inb(0x61), 0x33);         /* first read: bit 4 set */
    ck_assert_uint_eq(inb(0x61), 0x23);
    step_to(tick_time(t, 49));
    ck_assert_uint_eq(inb(0x61), 0x33);
    step_to(tick_time(t, 50));
    ck_assert_uint_eq(inb(0x61), 0x03);
    step_to(tick_time(t, 99));
    ck_assert_uint_eq(inb(0x61), 0x13);
    step_to(tick_time(t, 100));
    ck_assert_uint_eq(inb(0x61), 0x23);
    outb(0x61, 0xfd);                           /* only bits 0 and 1 count */
    ck_assert_uint_eq(inb(0x61), 0x31);
}
END_TEST

/* ---- reset -------------------------------------------------------------------- */

/* pit_reset: mode 3, count 0x10000, gates, the timer re-armed; access
 * mode, BCD, pending latches and the IRQ level stay; port 0x61's data bit
 * and refresh bit have no reset. */
START_TEST(test_reset_keeps_access_state)
{
    static const int64_t edges[][2] = { { MS, 1 }, { 5 * MS + 27462701, 0 },
                                        { 5 * MS + 54925402, 1 } };

    step_to(MS);
    load_word(0, 3, 0);                         /* IRQ 0 up */
    outb(0x43, CW(1, 1, 0) | 1);                /* LSB, mode 0, BCD */
    outb(0x41, 0x20);
    outb(0x43, CW(1, 0, 0));                    /* latch 0x20 */
    outb(0x61, 0x03);
    step_to(5 * MS);
    pit_reset(pit);
    ck_assert_int_eq(nedges, 1);
    ck_assert_int_eq(timer_expire_time_ns(pit->channels[0].irq_timer), 5 * MS + 27462700);
    ck_assert_uint_eq(read_status(1), 0x80 | 0x10 | 0x06 | 1);
    ck_assert_uint_eq(inb(0x41), 0x20);         /* the latch survived */
    ck_assert_uint_eq(inb(0x41), 0x00);         /* live: 0x10000 */
    ck_assert_uint_eq(inb(0x61), 0x32);         /* gate 0, data 1, out 1 */
    step_to(5 * MS + 60 * MS);
    assert_edges(edges, G_N_ELEMENTS(edges));
}
END_TEST

/* ---- robustness ---------------------------------------------------------------- */

/* Random guest accesses and clock steps: no crash, no sanitizer report,
 * counts always within 1..0x10000, the timer armed only for channel 0. */
START_TEST(test_random_accesses)
{
    GRand *r = g_rand_new_with_seed(0x8254);

    for (int i = 0; i < 20000; i++) {
        uint32_t op = g_rand_int_range(r, 0, 10);
        hwaddr port = op < 9 ? 0x40 + g_rand_int_range(r, 0, 4) : 0x61;

        if (op < 4) {
            outb(port, g_rand_int_range(r, 0, 256));
        } else if (op < 8) {
            inb(port);
        } else if (op == 8) {
            qemu_clock_step(g_rand_int_range(r, 0, 200000));
        } else {
            outb(0x61, g_rand_int_range(r, 0, 4));
        }
        for (int c = 0; c < 3; c++) {
            ck_assert(pit->channels[c].count >= 1 && pit->channels[c].count <= 0x10000);
        }
    }
    ck_assert_ptr_null(pit->channels[1].irq_timer);
    ck_assert_ptr_null(pit->channels[2].irq_timer);
    g_rand_free(r);
}
END_TEST

/* x86slice only (see pit_irq_timer): a timer more than 1 ms late, because
 * the CPU's thread had other work, evaluates at the current time instead
 * of replaying every tick it missed, so that tiny counts cannot starve the
 * guest.  Real virtual time here: 5 ms of a count of 2 is ~6000 edges. */
START_TEST(test_late_timer_skips)
{
    qemu_clock_set_manual(false);
    qemu_clock_virtual_start();
    load_word(0, 3, 2);
    g_usleep(5000);
    nedges = 0;
    qemu_clock_run_all_timers();
    ck_assert_int_lt(nedges, 100);
    ck_assert(timer_pending(pit->channels[0].irq_timer));
    qemu_clock_virtual_stop();
}
END_TEST

/* A timer less late than that replays the missed transitions one by one,
 * each evaluated at its own time (QEMU's pit_irq_timer): 300 us of a count
 * of 100 (a transition every 42 us) is about 7 edges at once.  Retried if
 * the host slept more than 0.9 ms. */
START_TEST(test_late_timer_replays)
{
    qemu_clock_set_manual(false);
    qemu_clock_virtual_start();
    for (int attempt = 0; attempt < 20; attempt++) {
        int64_t t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), t1;

        load_word(0, 3, 100);
        g_usleep(300);
        nedges = 0;
        t1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        qemu_clock_run_all_timers();
        if (t1 - t0 < 900000) {
            ck_assert_int_ge(nedges, 3);
            qemu_clock_virtual_stop();
            return;
        }
    }
    ck_abort_msg("the host never slept less than 0.9 ms");
}
END_TEST

/* ---- in the pc machine ----------------------------------------------------------- */

static void pc_teardown(void)
{
    pc_machine_free(pc);
    pc = NULL;
    qemu_clock_set_manual(false);
}

/* The PIT's output reaches the master PIC's IRQ 0 (an edge latched in
 * IRR, read with OCW3), and port 0x61 reads channel 2 of the same PIT. */
START_TEST(test_pc_wiring)
{
    void *bios = g_malloc0(PC_BIOS_SIZE);
    PCMachineConfig cfg = { .ram_size = PC_DEFAULT_RAM_SIZE, .bios_image = bios,
                            .bios_image_size = PC_BIOS_SIZE };
    char *err = NULL;
    AddressSpace *as;

    qemu_clock_set_manual(true);
    pc = pc_machine_init(&cfg, &err);
    g_free(bios);
    ck_assert_msg(pc != NULL, "%s", err ? err : "no memory");
    pc_machine_reset(pc);
    as = &pc->address_space_io;
    address_space_stb(as, 0x20, 0x0a, UNSPEC, NULL);            /* OCW3: read IRR */
    ck_assert_uint_eq(address_space_ldub(as, 0x20, UNSPEC, NULL) & 1, 0);
    qemu_clock_step(28 * MS);
    ck_assert_uint_eq(address_space_ldub(as, 0x20, UNSPEC, NULL) & 1, 1);
    /* 28 ms is 33409 ticks: channel 2 in its low half */
    ck_assert_uint_eq(address_space_ldub(as, 0x61, UNSPEC, NULL), 0x10);
    address_space_stb(as, 0x43, READ_BACK(RB_NO_COUNT | RB_CH(2)), UNSPEC, NULL);
    ck_assert_uint_eq(address_space_ldub(as, 0x42, UNSPEC, NULL), 0x06);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("i8254");
    TCase *qemu = tcase_create("qemu-sessions");
    TCase *time = tcase_create("time");
    TCase *machine = tcase_create("machine");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(qemu, setup, teardown);
    tcase_add_test(qemu, test_session_ports);
    tcase_add_test(qemu, test_session_irq0);
    tcase_add_test(qemu, test_session_port61);
    suite_add_tcase(s, qemu);

    tcase_add_checked_fixture(time, setup, teardown);
    tcase_add_test(time, test_reset_irq0_timing);
    tcase_add_loop_test(time, test_irq0_modes, 0, G_N_ELEMENTS(irq_cases));
    tcase_add_test(time, test_control_word_keeps_timer);
    tcase_add_test(time, test_counts_over_time);
    tcase_add_test(time, test_latch_holds);
    tcase_add_test(time, test_latch_not_relatched);
    tcase_add_test(time, test_status_out_over_time);
    tcase_add_test(time, test_gate_restarts);
    tcase_add_test(time, test_port61_square_wave);
    tcase_add_test(time, test_reset_keeps_access_state);
    tcase_add_test(time, test_random_accesses);
    tcase_add_test(time, test_late_timer_skips);
    tcase_add_test(time, test_late_timer_replays);
    suite_add_tcase(s, time);

    tcase_add_checked_fixture(machine, NULL, pc_teardown);
    tcase_add_test(machine, test_pc_wiring);
    suite_add_tcase(s, machine);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
