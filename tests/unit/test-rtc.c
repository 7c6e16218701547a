/*
 * The MC146818 RTC and CMOS (hw/rtc/mc146818rtc.c, QEMU 7.2's
 * hw/rtc/mc146818rtc.c): CMOS access through cmos_ops on QEMU's "rtc" /
 * "rtc-index" regions, reset values, the time registers in BCD/binary and
 * 12/24-hour modes, SET, the century byte, REG_C acknowledgement, the
 * periodic, update-ended and alarm interrupts and UIP timing.
 *
 * Most tests run the RTC on the virtual clock in manual mode (QEMU's
 * -rtc clock=vm under qtest), so time moves only by qemu_clock_step and
 * every expected value below is computed from QEMU's formulas.  The values
 * read with a frozen clock (registers, SET, century) were also checked
 * against qemu-system-i386 7.2 with -qtest and -rtc base=...,clock=vm.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include "hw/rtc/mc146818rtc.h"
#include "softmmu/trace.h"
#include "tests/unit/memtest.h"

#define NS NANOSECONDS_PER_SECOND
/* Fri 2023-07-14 15:04:05 UTC */
#define T0 ((time_t)1689347045)

static RTCState *rtc;
static qemu_irq irq;
static AddressSpace *io_as;
static int irq_level, irq_raises, irq_lowers;

static void irq_handler(void *opaque, int n, int level)
{
    (void)opaque; (void)n;
    irq_level = level;
    if (level) {
        irq_raises++;
    } else {
        irq_lowers++;
    }
}

/* The ports as the pc machine maps them: "rtc" (2 bytes at 0x70) with the
 * 1-byte "rtc-index" over its first byte, both on cmos_ops. */
static void map_ports(RTCState *s)
{
    MemoryRegion *io = memtest_container("io", 0x10000);
    MemoryRegion *r = memtest_io("rtc", 2, &cmos_ops, s);

    memtest_add(r, 0, memtest_io("rtc-index", 1, &cmos_ops, s), 0);
    memtest_add(io, 0x70, r, 0);
    io_as = memtest_as(io, "I/O");
}

static void setup(void)
{
    memtest_setup();
    qemu_clock_set_manual(true);
    irq_level = irq_raises = irq_lowers = 0;
    irq = qemu_allocate_irq(irq_handler, NULL, 0);
}

static void teardown(void)
{
    mc146818_rtc_free(rtc);
    rtc = NULL;
    memtest_teardown();
    io_as = NULL;
    qemu_free_irq(irq);
    qemu_clock_set_manual(false);
}

/* An RTC on manual virtual time 0 reading `base`, mapped, reset. */
static void make_rtc_at(int base_year, time_t base)
{
    rtc = mc146818_rtc_new(base_year, irq);
    mc146818_rtc_set_clock(rtc, QEMU_CLOCK_VIRTUAL);
    mc146818_rtc_set_base_time(rtc, base);
    mc146818_rtc_reset(rtc);
    map_ports(rtc);
    irq_raises = irq_lowers = 0;
}

static void make_rtc(void)
{
    make_rtc_at(2000, T0);
}

static void outb(hwaddr port, uint8_t v)
{
    address_space_stb(io_as, port, v, UNSPEC, NULL);
}

static uint8_t inb(hwaddr port)
{
    return address_space_ldub(io_as, port, UNSPEC, NULL);
}

static void cmos_write(uint8_t index, uint8_t v)
{
    outb(0x70, index);
    outb(0x71, v);
}

static uint8_t cmos_read(uint8_t index)
{
    outb(0x70, index);
    return inb(0x71);
}

/* Advance manual time to an absolute ns value, running due timers. */
static void step_to(int64_t ns)
{
    qemu_clock_step(ns - qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

#define assert_cmos(index, expected) \
    ck_assert_msg(cmos_read(index) == (expected), "cmos[0x%02x] = 0x%02x, expected 0x%02x", \
                  (index), rtc_get_memory(rtc, (index)), (expected))

/* sec, min, hour, wday, mday, month, year, century */
static void assert_time(const uint8_t v[8])
{
    static const uint8_t idx[8] = { RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_WEEK,
                                    RTC_DAY_OF_MONTH, RTC_MONTH, RTC_YEAR, RTC_CENTURY };

    for (int i = 0; i < 8; i++) {
        assert_cmos(idx[i], v[i]);
    }
}

/* ---- CMOS RAM and ports ------------------------------------------------------------ */

START_TEST(test_cmos_ram)
{
    make_rtc();
    cmos_write(0x40, 0x5a);
    assert_cmos(0x40, 0x5a);
    ck_assert_int_eq(rtc_get_memory(rtc, 0x40), 0x5a);
    /* bit 7 of the index is the NMI mask, not part of the index */
    cmos_write(0xc1, 0xa5);
    ck_assert_int_eq(rtc_get_memory(rtc, 0x41), 0xa5);
    ck_assert_int_eq(rtc->cmos_index, 0x41);
    cmos_write(0xff, 0x77);
    ck_assert_int_eq(rtc_get_memory(rtc, 0x7f), 0x77);
    /* the index port reads as 0xff */
    ck_assert_uint_eq(inb(0x70), 0xff);
    /* the data port reads the selected byte again without a new index */
    outb(0x70, 0x40);
    ck_assert_uint_eq(inb(0x71), 0x5a);
    ck_assert_uint_eq(inb(0x71), 0x5a);
    /* setter/getter: raw bytes, out-of-range ignored */
    rtc_set_memory(rtc, 0x5f, 0x01);
    assert_cmos(0x5f, 0x01);
    rtc_set_memory(rtc, 128, 0x11);
    rtc_set_memory(rtc, -1, 0x11);
    ck_assert_int_eq(rtc_get_memory(rtc, 128), 0);
    ck_assert_int_eq(rtc_get_memory(rtc, -1), 0);
}
END_TEST

/* REG_C and REG_D ignore writes. */
START_TEST(test_cmos_readonly_regs)
{
    make_rtc();
    cmos_write(RTC_REG_C, 0xff);
    cmos_write(RTC_REG_D, 0x00);
    assert_cmos(RTC_REG_C, 0x00);
    assert_cmos(RTC_REG_D, 0x80);
}
END_TEST

/* A 2-byte `out` to 0x70 is split by the memory API: the low byte to
 * "rtc-index", the high byte to "rtc" offset 1 (the data port). */
START_TEST(test_cmos_word_write)
{
    const uint8_t buf[2] = { 0x42, 0x99 };

    make_rtc();
    address_space_write(io_as, 0x70, UNSPEC, buf, 2);
    ck_assert_int_eq(rtc_get_memory(rtc, 0x42), 0x99);
}
END_TEST

START_TEST(test_reset_values)
{
    make_rtc();
    assert_cmos(RTC_REG_A, 0x26);
    assert_cmos(RTC_REG_B, 0x02);
    assert_cmos(RTC_REG_C, 0x00);
    assert_cmos(RTC_REG_D, 0x80);
    ck_assert_int_eq(rtc->base_year, 0);        /* 2000 taken as 0 */

    cmos_write(0x0f, 0x05);
    cmos_write(RTC_REG_B, REG_B_AIE | REG_B_UIE | REG_B_SQWE | REG_B_DM | REG_B_24H);
    rtc->cmos_data[RTC_REG_C] = REG_C_IRQF | REG_C_UF;
    mc146818_rtc_reset(rtc);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_B), REG_B_UIE | REG_B_DM | REG_B_24H);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_C), 0);
    ck_assert_int_eq(rtc_get_memory(rtc, 0x0f), 0);
    ck_assert_int_eq(irq_level, 0);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_A), 0x26);

    /* 0xfe (S3 resume) survives reset */
    cmos_write(0x0f, 0xfe);
    mc146818_rtc_reset(rtc);
    ck_assert_int_eq(rtc_get_memory(rtc, 0x0f), 0xfe);
}
END_TEST

/* QEMU's reset clears PIE without touching the periodic timer: its next
 * expiry still sets PF (not IRQF), then the timer stops. */
START_TEST(test_reset_leaves_one_periodic_tick)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_PIE | REG_B_24H);
    mc146818_rtc_reset(rtc);
    irq_raises = 0;
    step_to(2 * NS);
    ck_assert_int_eq(irq_raises, 0);
    assert_cmos(RTC_REG_C, REG_C_PF | REG_C_UF);
    step_to(4 * NS);
    assert_cmos(RTC_REG_C, REG_C_UF);
}
END_TEST

/* ---- time and date registers --------------------------------------------------- */

START_TEST(test_time_bcd_24h)
{
    make_rtc();
    assert_time((const uint8_t[]){ 0x05, 0x04, 0x15, 0x06, 0x14, 0x07, 0x23, 0x20 });
}
END_TEST

START_TEST(test_time_binary)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_DM | REG_B_24H);
    assert_time((const uint8_t[]){ 5, 4, 15, 6, 14, 7, 23, 20 });
}
END_TEST

/* 12-hour mode: 1..12 with bit 7 for PM. */
START_TEST(test_time_12h)
{
    make_rtc();
    cmos_write(RTC_REG_B, 0);
    assert_cmos(RTC_HOURS, 0x83);                       /* 3 PM, BCD */
    cmos_write(RTC_REG_B, REG_B_DM);
    assert_cmos(RTC_HOURS, 0x83);                       /* 3 PM, binary */
    mc146818_rtc_set_base_time(rtc, T0 - 15 * 3600);    /* 00:04:05 */
    assert_cmos(RTC_HOURS, 12);                         /* 12 AM */
    mc146818_rtc_set_base_time(rtc, T0 - 3 * 3600);     /* 12:04:05 */
    assert_cmos(RTC_HOURS, 0x8c);                       /* 12 PM, binary */
    cmos_write(RTC_REG_B, 0);
    assert_cmos(RTC_HOURS, 0x92);                       /* 12 PM, BCD */
    mc146818_rtc_set_base_time(rtc, T0 - 4 * 3600);     /* 11:04:05 */
    assert_cmos(RTC_HOURS, 0x11);
}
END_TEST

/* Default base_year 1980: the year register counts from 1980 and the
 * century byte stays 0 (QEMU's historical behaviour). */
START_TEST(test_base_year_1980)
{
    make_rtc_at(1980, T0);
    ck_assert_int_eq(rtc->base_year, 1980);
    assert_cmos(RTC_YEAR, 0x43);
    assert_cmos(RTC_CENTURY, 0x00);
}
END_TEST

/* The registers follow the clock; midnight of 2099-12-31 rolls the
 * century. */
START_TEST(test_time_advances)
{
    make_rtc();
    step_to(61 * NS - 1);
    assert_cmos(RTC_SECONDS, 0x05);
    assert_cmos(RTC_MINUTES, 0x05);
    step_to(61 * NS);
    assert_cmos(RTC_SECONDS, 0x06);

    mc146818_rtc_set_base_time(rtc, 4102444799);    /* Thu 2099-12-31 23:59:59 */
    assert_time((const uint8_t[]){ 0x59, 0x59, 0x23, 0x05, 0x31, 0x12, 0x99, 0x20 });
    qemu_clock_step(NS);
    assert_time((const uint8_t[]){ 0x00, 0x00, 0x00, 0x06, 0x01, 0x01, 0x00, 0x21 });
}
END_TEST

/* SET freezes the registers (reads no longer update them) and drops UIE;
 * the guest's writes become the time when SET is cleared. */
START_TEST(test_set_bit)
{
    struct tm tm;

    make_rtc();
    cmos_write(RTC_REG_B, REG_B_SET | REG_B_UIE | REG_B_24H);
    assert_cmos(RTC_REG_B, REG_B_SET | REG_B_24H);
    step_to(5 * NS);
    assert_cmos(RTC_SECONDS, 0x05);
    cmos_write(RTC_HOURS, 0x10);
    cmos_write(RTC_MINUTES, 0x20);
    cmos_write(RTC_SECONDS, 0x30);
    cmos_write(RTC_YEAR, 0x24);
    cmos_write(RTC_MONTH, 0x02);
    cmos_write(RTC_DAY_OF_MONTH, 0x29);
    step_to(7 * NS);
    assert_cmos(RTC_SECONDS, 0x30);
    cmos_write(RTC_REG_B, REG_B_24H);
    /* the day of week is recomputed from the date: 2024-02-29 is a Thursday */
    assert_time((const uint8_t[]){ 0x30, 0x20, 0x10, 0x05, 0x29, 0x02, 0x24, 0x20 });
    step_to(9 * NS);
    assert_cmos(RTC_SECONDS, 0x32);
    mc146818_rtc_get_date(rtc, &tm);
    ck_assert_int_eq(tm.tm_year, 124);
    ck_assert_int_eq(tm.tm_mon, 1);
    ck_assert_int_eq(tm.tm_mday, 29);
    ck_assert_int_eq(tm.tm_hour, 10);
    ck_assert_int_eq(tm.tm_sec, 32);
}
END_TEST

/* Without SET a time write takes effect at once. */
START_TEST(test_write_time_running)
{
    make_rtc();
    cmos_write(RTC_MINUTES, 0x59);
    assert_cmos(RTC_MINUTES, 0x59);
    assert_cmos(RTC_SECONDS, 0x05);
    step_to(55 * NS);
    assert_cmos(RTC_SECONDS, 0x00);
    assert_cmos(RTC_MINUTES, 0x00);
    assert_cmos(RTC_HOURS, 0x16);
}
END_TEST

/* 0x37 (IBM PS/2 century) is redirected to 0x32, index included. */
START_TEST(test_century_byte)
{
    struct tm tm;

    make_rtc();
    assert_cmos(RTC_CENTURY, 0x20);
    assert_cmos(RTC_IBM_PS2_CENTURY_BYTE, 0x20);
    ck_assert_int_eq(rtc->cmos_index, RTC_CENTURY);
    cmos_write(RTC_IBM_PS2_CENTURY_BYTE, 0x19);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_IBM_PS2_CENTURY_BYTE), 0);
    assert_cmos(RTC_CENTURY, 0x19);
    assert_cmos(RTC_YEAR, 0x23);
    mc146818_rtc_get_date(rtc, &tm);
    ck_assert_int_eq(tm.tm_year, 23);           /* 1923 */
    cmos_write(RTC_REG_B, REG_B_DM | REG_B_24H);
    assert_cmos(RTC_CENTURY, 19);
}
END_TEST

/* ---- interrupts ------------------------------------------------------------------------ */

/* Update-ended interrupt at each second boundary; reading REG_C returns
 * the flags, clears them and lowers the line. */
START_TEST(test_update_irq_and_reg_c)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_UIE | REG_B_24H);
    step_to(NS - 1);
    ck_assert_int_eq(irq_raises, 0);
    step_to(NS);
    ck_assert_int_eq(irq_raises, 1);
    ck_assert_int_eq(irq_level, 1);
    assert_cmos(RTC_SECONDS, 0x06);
    assert_cmos(RTC_REG_C, REG_C_IRQF | REG_C_UF);
    ck_assert_int_eq(irq_level, 0);
    assert_cmos(RTC_REG_C, 0x00);
    step_to(2 * NS);
    ck_assert_int_eq(irq_raises, 2);
}
END_TEST

/* UF set while UIE is off raises no interrupt; enabling UIE then raises it
 * at once. */
START_TEST(test_enable_with_flag_pending)
{
    make_rtc();
    step_to(NS);
    ck_assert_int_eq(irq_raises, 0);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_C), REG_C_UF);
    cmos_write(RTC_REG_B, REG_B_UIE | REG_B_24H);
    ck_assert_int_eq(irq_level, 1);
    assert_cmos(RTC_REG_C, REG_C_IRQF | REG_C_UF);
    /* disabling everything with no flag lowers the line */
    cmos_write(RTC_REG_B, REG_B_24H);
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

/* Rate 6 (REG_A 0x26) is 1024 Hz: 32 cycles of 32768 Hz; QEMU arms each
 * tick 1 ns after the cycle boundary (periodic_clock_to_ns + 1). */
START_TEST(test_periodic_1024hz)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_PIE | REG_B_24H);
    step_to(976562);
    ck_assert_int_eq(irq_raises, 0);
    step_to(976563);
    ck_assert_int_eq(irq_raises, 1);
    assert_cmos(RTC_REG_C, REG_C_IRQF | REG_C_PF);
    ck_assert_int_eq(irq_level, 0);
    step_to(1953126);
    ck_assert_int_eq(irq_raises, 2);
    step_to(NS);
    ck_assert_int_eq(irq_raises, 1023);
    step_to(NS + 1);
    ck_assert_int_eq(irq_raises, 1024);
    /* PIE off: no more ticks */
    cmos_write(RTC_REG_B, REG_B_24H);
    step_to(2 * NS);
    ck_assert_int_eq(irq_raises, 1024);
}
END_TEST

/* Rate codes 1 and 2 are 256 and 128 Hz; 15 is 2 Hz; 0 is off. */
START_TEST(test_periodic_rates)
{
    static const struct { uint8_t rs; int64_t first; } r[] = {
        { 1, 3906251 }, { 2, 7812501 }, { 3, 122071 }, { 15, 500000001 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(r); i++) {
        make_rtc();
        cmos_write(RTC_REG_A, 0x20 | r[i].rs);
        cmos_write(RTC_REG_B, REG_B_PIE | REG_B_24H);
        step_to(r[i].first - 1);
        ck_assert_msg(irq_raises == 0, "rate %d early", r[i].rs);
        step_to(r[i].first);
        ck_assert_msg(irq_raises == 1, "rate %d: %d ticks", r[i].rs, irq_raises);
        teardown();
        setup();
    }
    make_rtc();
    cmos_write(RTC_REG_A, 0x20);
    cmos_write(RTC_REG_B, REG_B_PIE | REG_B_24H);
    step_to(3 * NS);
    ck_assert_int_eq(irq_raises, 0);
}
END_TEST

/* A rate change keeps the phase: 16 cycles into a 32-cycle period,
 * switching to 64 cycles puts the next tick at cycle 64. */
START_TEST(test_periodic_rate_change)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_PIE | REG_B_24H);
    step_to(500000);                            /* cycle 16 */
    cmos_write(RTC_REG_A, 0x27);
    step_to(1953125);
    ck_assert_int_eq(irq_raises, 0);
    step_to(1953126);
    ck_assert_int_eq(irq_raises, 1);
}
END_TEST

/* Alarm at 15:04:08: AF (and IRQ with AIE) three seconds after 15:04:05. */
START_TEST(test_alarm)
{
    make_rtc();
    cmos_write(RTC_HOURS_ALARM, 0x15);
    cmos_write(RTC_MINUTES_ALARM, 0x04);
    cmos_write(RTC_SECONDS_ALARM, 0x08);
    cmos_write(RTC_REG_B, REG_B_AIE | REG_B_24H);
    step_to(3 * NS - 1);
    ck_assert_int_eq(irq_raises, 0);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_C), REG_C_UF);
    step_to(3 * NS);
    ck_assert_int_eq(irq_raises, 1);
    assert_cmos(RTC_REG_C, REG_C_IRQF | REG_C_AF | REG_C_UF);
    /* next match is a day later */
    step_to(10 * NS);
    ck_assert_int_eq(irq_raises, 1);
}
END_TEST

/* All three alarm bytes "don't care" (0xc0-0xff): AF every second. */
START_TEST(test_alarm_dont_care)
{
    make_rtc();
    cmos_write(RTC_HOURS_ALARM, 0xc0);
    cmos_write(RTC_MINUTES_ALARM, 0xff);
    cmos_write(RTC_SECONDS_ALARM, 0xc0);
    cmos_write(RTC_REG_B, REG_B_AIE | REG_B_24H);
    for (int i = 1; i <= 3; i++) {
        step_to(i * NS);
        ck_assert_int_eq(irq_raises, i);
        assert_cmos(RTC_REG_C, REG_C_IRQF | REG_C_AF | REG_C_UF);
    }
}
END_TEST

/* ---- UIP and the dividers -------------------------------------------------------- */

/* UIP: the last 244 us (8 cycles) before each update.  Latched in REG_A
 * while the update timer is that close, until it runs. */
START_TEST(test_uip)
{
    make_rtc();
    step_to(NS - UIP_HOLD_LENGTH - 1);
    assert_cmos(RTC_REG_A, 0x26);
    step_to(NS - UIP_HOLD_LENGTH);
    assert_cmos(RTC_REG_A, 0xa6);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_A), 0xa6);   /* latched */
    step_to(NS);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_A), 0x26);
    assert_cmos(RTC_REG_A, 0x26);
    /* UF pending, AF clear: the timer now aims at the alarm, and UIP comes
     * from the guest time alone (not latched) */
    step_to(2 * NS - UIP_HOLD_LENGTH - 1);
    assert_cmos(RTC_REG_A, 0x26);
    step_to(2 * NS - UIP_HOLD_LENGTH);
    assert_cmos(RTC_REG_A, 0xa6);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_A), 0x26);
    /* UIP is read-only */
    cmos_write(RTC_REG_A, 0xa6);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_A), 0x26);
}
END_TEST

START_TEST(test_uip_not_while_set)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_SET | REG_B_24H);
    step_to(NS - 1000);
    assert_cmos(RTC_REG_A, 0x26);
}
END_TEST

/* Dividers in reset (DV = 11x) stop the clock and the update cycle;
 * leaving reset starts the first update half a second later. */
START_TEST(test_divider_reset)
{
    make_rtc();
    cmos_write(RTC_REG_B, REG_B_UIE | REG_B_24H);
    cmos_write(RTC_REG_A, 0x76);
    step_to(5 * NS);
    ck_assert_int_eq(irq_raises, 0);
    assert_cmos(RTC_SECONDS, 0x05);
    step_to(NS * 6 - 1000);
    assert_cmos(RTC_REG_A, 0x76);               /* no UIP in reset */
    cmos_write(RTC_REG_A, 0x26);
    step_to(6 * NS + NS / 2 - 1000 - 1);
    ck_assert_int_eq(irq_raises, 0);
    assert_cmos(RTC_SECONDS, 0x05);
    step_to(6 * NS + NS / 2 - 1000);
    ck_assert_int_eq(irq_raises, 1);
    assert_cmos(RTC_SECONDS, 0x06);
}
END_TEST

/* ---- clocks ---------------------------------------------------------------------------- */

/* QEMU's default: host clock, UTC (-rtc base=utc,clock=host). */
START_TEST(test_host_clock_default)
{
    struct tm tm;
    time_t now = time(NULL), got;

    rtc = mc146818_rtc_new(2000, irq);
    ck_assert_int_eq(rtc->clock, QEMU_CLOCK_HOST);
    mc146818_rtc_get_date(rtc, &tm);
    got = timegm(&tm);
    ck_assert_msg(got >= now - 1 && got <= now + 2, "rtc %ld host %ld", (long)got, (long)now);
}
END_TEST

/* A due timer runs before the guest reads a register even when the machine
 * has not called qemu_clock_run_all_timers (QEMU's main loop would have). */
START_TEST(test_due_timers_run_on_access)
{
    rtc = mc146818_rtc_new(2000, irq);
    map_ports(rtc);
    cmos_write(RTC_REG_A, 0x23);                /* 8192 Hz */
    cmos_write(RTC_REG_B, REG_B_PIE | REG_B_24H);
    g_usleep(2000);
    ck_assert_int_eq(irq_raises, 0);
    assert_cmos(RTC_REG_C, REG_C_IRQF | REG_C_PF);
    ck_assert_int_ge(irq_raises, 1);
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

/* Switching clocks keeps the guest time. */
START_TEST(test_set_clock_keeps_time)
{
    make_rtc();
    step_to(3 * NS);
    mc146818_rtc_set_clock(rtc, QEMU_CLOCK_REALTIME);
    assert_cmos(RTC_SECONDS, 0x08);
    mc146818_rtc_set_clock(rtc, QEMU_CLOCK_VIRTUAL);
    assert_cmos(RTC_SECONDS, 0x08);
}
END_TEST

/* ---- trace --------------------------------------------------------------------------------- */

/* QEMU 7.2 has no mc146818 trace events; the port accesses show up as the
 * memory API's events on "rtc-index" (0x70) and "rtc" (0x71), with the
 * absolute address as QEMU prints it. */
START_TEST(test_trace_lines)
{
    char *log;

    make_rtc();
    ck_assert_int_eq(trace_enable_events("mc146818*"), 0);
    ck_assert_int_eq(trace_enable_events("rtc_*"), 0);
    memtest_log_begin(LOG_TRACE);
    ck_assert_int_eq(trace_enable_events("memory_region_ops_*"), 2);
    outb(0x70, 0x8a);
    ck_assert_uint_eq(inb(0x71), 0x26);
    log = memtest_gc(memtest_log_take());
    ck_assert_msg(g_regex_match_simple(
                      "^memory_region_ops_write cpu -1 mr 0x[0-9a-f]+ addr 0x70 value 0x8a "
                      "size 1 name 'rtc-index'\n"
                      "memory_region_ops_read cpu -1 mr 0x[0-9a-f]+ addr 0x71 value 0x26 "
                      "size 1 name 'rtc'\n$", log, 0, 0), "%s", log);
}
END_TEST

/* ---- robustness --------------------------------------------------------------------------- */

/* Whatever the guest writes, in whatever order, nothing crashes (ASan and
 * UBSan builds run this too) and REG_C/REG_D stay read-only. */
START_TEST(test_guest_fuzz)
{
    GRand *r = g_rand_new_with_seed(0x146818);

    make_rtc();
    for (int i = 0; i < 20000; i++) {
        uint8_t index = g_rand_int_range(r, 0, 0x40), v = g_rand_int_range(r, 0, 256);

        switch (g_rand_int_range(r, 0, 4)) {
        case 0:
            cmos_write(index, v);
            break;
        case 1:
            cmos_read(index);
            break;
        case 2:
            qemu_clock_step(g_rand_int_range(r, 0, NS / 20));
            break;
        default:
            cmos_write(RTC_REG_A, v);
            break;
        }
    }
    for (int i = 0; i < 10; i++) {
        qemu_clock_step(NS);
        mc146818_rtc_reset(rtc);
    }
    cmos_write(RTC_REG_D, 0);
    ck_assert_int_eq(rtc_get_memory(rtc, RTC_REG_D), 0x80);
    g_rand_free(r);
}
END_TEST

static Suite *rtc_suite(void)
{
    Suite *s = suite_create("mc146818rtc");
    TCase *ram = tcase_create("cmos");
    TCase *tm = tcase_create("time");
    TCase *irqs = tcase_create("interrupts");
    TCase *misc = tcase_create("clocks-trace");

    tcase_add_checked_fixture(ram, setup, teardown);
    tcase_add_test(ram, test_cmos_ram);
    tcase_add_test(ram, test_cmos_readonly_regs);
    tcase_add_test(ram, test_cmos_word_write);
    tcase_add_test(ram, test_reset_values);
    tcase_add_test(ram, test_reset_leaves_one_periodic_tick);
    suite_add_tcase(s, ram);

    tcase_add_checked_fixture(tm, setup, teardown);
    tcase_add_test(tm, test_time_bcd_24h);
    tcase_add_test(tm, test_time_binary);
    tcase_add_test(tm, test_time_12h);
    tcase_add_test(tm, test_base_year_1980);
    tcase_add_test(tm, test_time_advances);
    tcase_add_test(tm, test_set_bit);
    tcase_add_test(tm, test_write_time_running);
    tcase_add_test(tm, test_century_byte);
    suite_add_tcase(s, tm);

    tcase_add_checked_fixture(irqs, setup, teardown);
    tcase_add_test(irqs, test_update_irq_and_reg_c);
    tcase_add_test(irqs, test_enable_with_flag_pending);
    tcase_add_test(irqs, test_periodic_1024hz);
    tcase_add_test(irqs, test_periodic_rates);
    tcase_add_test(irqs, test_periodic_rate_change);
    tcase_add_test(irqs, test_alarm);
    tcase_add_test(irqs, test_alarm_dont_care);
    tcase_add_test(irqs, test_uip);
    tcase_add_test(irqs, test_uip_not_while_set);
    tcase_add_test(irqs, test_divider_reset);
    suite_add_tcase(s, irqs);

    tcase_add_checked_fixture(misc, setup, teardown);
    tcase_add_test(misc, test_host_clock_default);
    tcase_add_test(misc, test_due_timers_run_on_access);
    tcase_add_test(misc, test_set_clock_keeps_time);
    tcase_add_test(misc, test_trace_lines);
    tcase_add_test(misc, test_guest_fuzz);
    suite_add_tcase(s, misc);
    return s;
}

int main(void)
{
    return memtest_run_suite(rtc_suite());
}
