/*
 * MC146818 RTC and CMOS: x86slice's counterpart of QEMU 7.2's
 * hw/rtc/mc146818rtc.c (behaviour, register values and timing are QEMU's;
 * see mc146818rtc.h for the model).
 *
 * QEMU 7.2 defines no trace events for this device (hw/rtc/trace-events
 * has none), so the only trace lines for its ports are the memory API's
 * memory_region_ops_read/write.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>
#include "hw/rtc/mc146818rtc.h"

#define SEC_PER_MIN   60
#define MIN_PER_HOUR  60
#define HOUR_PER_DAY  24
#define SEC_PER_DAY   86400

/* More overdue periodic ticks than this are dropped rather than replayed
 * (see rtc_run_due_timers). */
#define RTC_MAX_CATCH_UP 64

static void check_update_timer(RTCState *s);

/* ---- arithmetic ----------------------------------------------------------------- */

/* a * b / c without overflowing (QEMU's muldiv64, 128-bit product). */
static uint64_t muldiv64(uint64_t a, uint32_t b, uint32_t c)
{
    return (uint64_t)(((unsigned __int128)a * b) / c);
}

/* Rate select (REG_A bits 0-3) to a period in 32 kHz cycles: 0 is off,
 * 1 and 2 are 256 and 128 Hz (the datasheet's values for a 32 kHz time
 * base), 3..15 are 8192 Hz down to 2 Hz. */
static uint32_t periodic_period_to_clock(int code)
{
    if (!code) {
        return 0;
    }
    if (code <= 2) {
        code += 7;
    }
    return 1u << (code - 1);
}

static int64_t periodic_clock_to_ns(int64_t clocks)
{
    return muldiv64(clocks, NANOSECONDS_PER_SECOND, RTC_CLOCK_RATE);
}

/* QEMU's mktimegm (util/cutils.c): days from the civil date by the usual
 * March-based formula, done in unsigned arithmetic as QEMU does, so that
 * out-of-range fields the guest writes give QEMU's (wrapped) result. */
static uint64_t rtc_mktimegm(const struct tm *tm)
{
    int y = tm->tm_year + 1900, m = tm->tm_mon + 1, d = tm->tm_mday;
    uint64_t t;

    if (m < 3) {
        m += 12;
        y--;
    }
    t = 86400ULL * (uint64_t)(int64_t)(d + (153 * m - 457) / 5 + 365 * y + y / 4 -
                                       y / 100 + y / 400 - 719469);
    return t + (uint64_t)(int64_t)(3600 * tm->tm_hour + 60 * tm->tm_min + tm->tm_sec);
}

/* ---- time base ------------------------------------------------------------------ */

static int64_t rtc_now(RTCState *s)
{
    return qemu_clock_get_ns(s->clock);
}

/* Dividers in normal operation (REG_A DV = 010 or below) and SET clear:
 * the time registers follow the clock. */
static bool rtc_running(RTCState *s)
{
    return !(s->cmos_data[RTC_REG_B] & REG_B_SET) &&
           (s->cmos_data[RTC_REG_A] & 0x70) <= 0x20;
}

static uint64_t get_guest_rtc_ns(RTCState *s)
{
    return s->base_rtc * NANOSECONDS_PER_SECOND + (uint64_t)rtc_now(s) - s->last_update +
           (uint64_t)s->offset;
}

/* Binary or BCD per REG_B.DM.  Unsigned shifts: a negative year (a date
 * before base_year) stores the same low bits QEMU's int arithmetic gives. */
static uint8_t rtc_to_bcd(RTCState *s, int a)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return a;
    }
    return ((unsigned)(a / 10) << 4) | (unsigned)(a % 10);
}

/* -1 for the alarm's "don't care" codes (0xc0-0xff), as QEMU reads them
 * for every register. */
static int rtc_from_bcd(RTCState *s, int a)
{
    if ((a & 0xc0) == 0xc0) {
        return -1;
    }
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return a;
    }
    return ((a >> 4) * 10) + (a & 0x0f);
}

static uint8_t rtc_hours_to_cmos(RTCState *s, int hour)
{
    int h12;

    if (s->cmos_data[RTC_REG_B] & REG_B_24H) {
        return rtc_to_bcd(s, hour);
    }
    /* 12-hour mode: 12, 1..11, bit 7 set for PM */
    h12 = (hour % 12) ? hour % 12 : 12;
    return rtc_to_bcd(s, h12) | (hour >= 12 ? 0x80 : 0);
}

static void rtc_set_cmos(RTCState *s, const struct tm *tm)
{
    int year = tm->tm_year + 1900 - s->base_year;

    s->cmos_data[RTC_SECONDS] = rtc_to_bcd(s, tm->tm_sec);
    s->cmos_data[RTC_MINUTES] = rtc_to_bcd(s, tm->tm_min);
    s->cmos_data[RTC_HOURS] = rtc_hours_to_cmos(s, tm->tm_hour);
    s->cmos_data[RTC_DAY_OF_WEEK] = rtc_to_bcd(s, tm->tm_wday + 1);
    s->cmos_data[RTC_DAY_OF_MONTH] = rtc_to_bcd(s, tm->tm_mday);
    s->cmos_data[RTC_MONTH] = rtc_to_bcd(s, tm->tm_mon + 1);
    s->cmos_data[RTC_YEAR] = rtc_to_bcd(s, year % 100);
    s->cmos_data[RTC_CENTURY] = rtc_to_bcd(s, year / 100);
}

static void rtc_get_time(RTCState *s, struct tm *tm)
{
    memset(tm, 0, sizeof(*tm));
    tm->tm_sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS]);
    tm->tm_min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES]);
    tm->tm_hour = rtc_from_bcd(s, s->cmos_data[RTC_HOURS] & 0x7f);
    if (!(s->cmos_data[RTC_REG_B] & REG_B_24H)) {
        tm->tm_hour %= 12;
        if (s->cmos_data[RTC_HOURS] & 0x80) {
            tm->tm_hour += 12;
        }
    }
    tm->tm_wday = rtc_from_bcd(s, s->cmos_data[RTC_DAY_OF_WEEK]) - 1;
    tm->tm_mday = rtc_from_bcd(s, s->cmos_data[RTC_DAY_OF_MONTH]);
    tm->tm_mon = rtc_from_bcd(s, s->cmos_data[RTC_MONTH]) - 1;
    tm->tm_year = rtc_from_bcd(s, s->cmos_data[RTC_YEAR]) + s->base_year +
                  rtc_from_bcd(s, s->cmos_data[RTC_CENTURY]) * 100 - 1900;
}

/* The registers become the new base time (a guest write of the time).
 * QEMU also sends the QMP RTC_CHANGE event here; x86slice has no QMP. */
static void rtc_set_time(RTCState *s)
{
    struct tm tm;

    rtc_get_time(s, &tm);
    s->base_rtc = rtc_mktimegm(&tm);
    s->last_update = rtc_now(s);
}

/* Bring the time registers up to date unless SET holds them. */
static void rtc_update_time(RTCState *s)
{
    int64_t guest_nsec = (int64_t)get_guest_rtc_ns(s);
    time_t guest_sec = guest_nsec / NANOSECONDS_PER_SECOND;
    struct tm tm;

    if (!gmtime_r(&guest_sec, &tm)) {
        memset(&tm, 0, sizeof(tm));
    }
    if (!(s->cmos_data[RTC_REG_B] & REG_B_SET)) {
        rtc_set_cmos(s, &tm);
    }
}

/* ---- periodic interrupt ------------------------------------------------------- */

/* In 7.2 the periodic timer runs only while PIE is set. */
static uint32_t rtc_periodic_clock_ticks(RTCState *s)
{
    if (!(s->cmos_data[RTC_REG_B] & REG_B_PIE)) {
        return 0;
    }
    return periodic_period_to_clock(s->cmos_data[RTC_REG_A] & 0x0f);
}

/* Cycles of the old period already elapsed when the period changes, so the
 * next tick keeps the phase (QEMU's lost_clock).  Discard policy: at most
 * one period.  QEMU asserts it is not negative; the host clock can step
 * back, so clamp instead. */
static int64_t periodic_lost_clock(RTCState *s, int64_t cur_clock, uint32_t old_period,
                                   bool period_change, uint32_t period)
{
    int64_t lost = 0;

    if (old_period && period_change) {
        int64_t next = muldiv64(s->next_periodic_time, RTC_CLOCK_RATE,
                                NANOSECONDS_PER_SECOND);
        lost = cur_clock - (next - old_period);
    }
    if (lost > period) {
        lost = period;
    }
    return lost < 0 ? 0 : lost;
}

/* Re-program the periodic timer from current_time (QEMU's
 * periodic_timer_update with LOST_TICK_POLICY_DISCARD). */
static void periodic_timer_update(RTCState *s, int64_t current_time, uint32_t old_period,
                                  bool period_change)
{
    uint32_t period = rtc_periodic_clock_ticks(s);
    int64_t cur_clock, next_irq_clock;

    s->period = period;
    if (!period) {
        timer_del(s->periodic_timer);
        return;
    }
    cur_clock = muldiv64(current_time, RTC_CLOCK_RATE, NANOSECONDS_PER_SECOND);
    next_irq_clock = cur_clock + period -
                     periodic_lost_clock(s, cur_clock, old_period, period_change, period);
    s->next_periodic_time = periodic_clock_to_ns(next_irq_clock) + 1;
    timer_mod_ns(s->periodic_timer, s->next_periodic_time);
}

/* PF is set on every tick; IRQF and the interrupt only with PIE. */
static void rtc_periodic_timer(void *opaque)
{
    RTCState *s = opaque;

    periodic_timer_update(s, s->next_periodic_time, s->period, false);
    s->cmos_data[RTC_REG_C] |= REG_C_PF;
    if (s->cmos_data[RTC_REG_B] & REG_B_PIE) {
        s->cmos_data[RTC_REG_C] |= REG_C_IRQF;
        qemu_irq_raise(s->irq);
    }
}

/* ---- alarm -------------------------------------------------------------------------- */

/* 12-hour values to 0..23.  As in QEMU, the PM bit tested is the current
 * hour's, and callers pass values with bit 7 still set (uint8_t wraps -1). */
static uint8_t convert_hour(RTCState *s, uint8_t hour)
{
    if (!(s->cmos_data[RTC_REG_B] & REG_B_24H)) {
        hour %= 12;
        if (s->cmos_data[RTC_HOURS] & 0x80) {
            hour += 12;
        }
    }
    return hour;
}

typedef struct RTCHms {
    int32_t hour, min, sec;
} RTCHms;

/* Hour alarm is "don't care": fire this hour if minutes/seconds allow. */
static void alarm_any_hour(RTCHms *a, const RTCHms *c)
{
    a->hour = c->hour;
    if (a->min == -1) {
        a->min = c->min;
        if (a->sec == -1) {
            a->sec = c->sec + 1;
        } else if (c->sec > a->sec) {
            a->min++;
        }
    } else if (c->min == a->min) {
        if (a->sec == -1) {
            a->sec = c->sec + 1;
        } else if (c->sec > a->sec) {
            a->hour++;
        }
        if (a->sec == SEC_PER_MIN) {
            /* minutes are not "don't care": wrap to the next hour */
            a->sec = 0;
            a->hour++;
        }
    } else if (c->min > a->min) {
        a->hour++;
    }
}

/* Hour alarm equals the current hour. */
static void alarm_this_hour(RTCHms *a, const RTCHms *c)
{
    if (a->min == -1) {
        a->min = c->min;
        if (a->sec == -1) {
            a->sec = c->sec + 1;
        } else if (c->sec > a->sec) {
            a->min++;
        }
        if (a->sec == SEC_PER_MIN) {
            a->sec = 0;
            a->min++;
        }
        /* the hour is fixed: past the hour wraps to the next day */
        a->min %= MIN_PER_HOUR;
    } else if (c->min == a->min) {
        if (a->sec == -1) {
            a->sec = c->sec + 1;
        }
        a->sec %= SEC_PER_MIN;
    }
}

/* Seconds from now to the next alarm match, 1..86400 (QEMU's
 * get_next_alarm, including its treatment of 12-hour values). */
static int get_next_alarm(RTCState *s)
{
    RTCHms a, c;
    int32_t sec;

    rtc_update_time(s);
    a.sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS_ALARM]);
    a.min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES_ALARM]);
    a.hour = rtc_from_bcd(s, s->cmos_data[RTC_HOURS_ALARM]);
    a.hour = a.hour == -1 ? -1 : convert_hour(s, a.hour);
    c.sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS]);
    c.min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES]);
    c.hour = convert_hour(s, rtc_from_bcd(s, s->cmos_data[RTC_HOURS]));

    if (a.hour == -1) {
        alarm_any_hour(&a, &c);
    } else if (c.hour == a.hour) {
        alarm_this_hour(&a, &c);
    }
    /* fields still "don't care" fire at the next minute/second */
    a.min = a.min == -1 ? 0 : a.min;
    a.sec = a.sec == -1 ? 0 : a.sec;
    if (a.sec == SEC_PER_MIN) {
        a.sec = 0;
        a.min++;
    }
    if (a.min == MIN_PER_HOUR) {
        a.min = 0;
        a.hour++;
    }
    a.hour %= HOUR_PER_DAY;
    sec = ((a.hour - c.hour) * MIN_PER_HOUR + a.min - c.min) * SEC_PER_MIN + a.sec - c.sec;
    return sec <= 0 ? sec + SEC_PER_DAY : sec;
}

/* ---- update-ended interrupt ------------------------------------------------------- */

/* Arm the update timer for the end of the current guest second, or for the
 * alarm when UF is already pending (nothing new to signal before then). */
static void check_update_timer(RTCState *s)
{
    uint64_t next_update_time, guest_nsec;
    int next_alarm_sec;

    /* Datasheet: holding the dividers in reset stops the update cycle and
     * its interrupts (SET does not). */
    if ((s->cmos_data[RTC_REG_A] & 0x60) == 0x60) {
        timer_del(s->update_timer);
        return;
    }
    guest_nsec = get_guest_rtc_ns(s) % NANOSECONDS_PER_SECOND;
    next_update_time = rtc_now(s) + NANOSECONDS_PER_SECOND - guest_nsec;
    /* one second is already in next_update_time */
    next_alarm_sec = get_next_alarm(s);
    s->next_alarm_time = next_update_time + (next_alarm_sec - 1) * NANOSECONDS_PER_SECOND;

    /* A latched UIP needs the timer at the next second to clear it. */
    if (!(s->cmos_data[RTC_REG_A] & REG_A_UIP) && (s->cmos_data[RTC_REG_C] & REG_C_UF)) {
        if ((s->cmos_data[RTC_REG_B] & REG_B_SET) || (s->cmos_data[RTC_REG_C] & REG_C_AF)) {
            timer_del(s->update_timer);     /* AF cannot change either */
            return;
        }
        next_update_time = s->next_alarm_time;
    }
    if (next_update_time != (uint64_t)timer_expire_time_ns(s->update_timer)) {
        timer_mod_ns(s->update_timer, next_update_time);
    }
}

/* End of an update cycle: UF, AF when the alarm time is reached, IRQF and
 * the interrupt for newly set flags the guest enabled in REG_B.  (QEMU
 * also requests a wake-up from suspend on AIE; x86slice has no S3.) */
static void rtc_update_timer(void *opaque)
{
    RTCState *s = opaque;
    uint8_t irqs = REG_C_UF, new_irqs;

    if ((s->cmos_data[RTC_REG_A] & 0x60) == 0x60) {
        return;                 /* never armed in divider reset (QEMU asserts) */
    }
    rtc_update_time(s);
    s->cmos_data[RTC_REG_A] &= ~REG_A_UIP;
    if ((uint64_t)rtc_now(s) >= s->next_alarm_time) {
        irqs |= REG_C_AF;
    }
    new_irqs = irqs & ~s->cmos_data[RTC_REG_C];
    s->cmos_data[RTC_REG_C] |= irqs;
    if (new_irqs & s->cmos_data[RTC_REG_B]) {
        s->cmos_data[RTC_REG_C] |= REG_C_IRQF;
        qemu_irq_raise(s->irq);
    }
    check_update_timer(s);
}

/* UIP reads as 1 during the last 244 us before an update (latched while
 * the update timer is that close, so it stays set until the timer runs). */
static bool update_in_progress(RTCState *s)
{
    int64_t guest_nsec;

    if (!rtc_running(s)) {
        return false;
    }
    if (timer_pending(s->update_timer) &&
        rtc_now(s) >= timer_expire_time_ns(s->update_timer) - UIP_HOLD_LENGTH) {
        s->cmos_data[RTC_REG_A] |= REG_A_UIP;
        return true;
    }
    guest_nsec = (int64_t)get_guest_rtc_ns(s);
    return guest_nsec % NANOSECONDS_PER_SECOND >= NANOSECONDS_PER_SECOND - UIP_HOLD_LENGTH;
}

/* ---- timers that are due --------------------------------------------------------- */

static bool timer_due(QEMUTimer *t, int64_t now)
{
    return timer_pending(t) && timer_expire_time_ns(t) <= now;
}

/* QEMU's main loop runs a due timer while the vCPU runs; x86slice's run
 * only when the machine calls qemu_clock_run_all_timers.  So that the
 * flags and UIP the guest reads are those QEMU would show, run this
 * device's due timers (removed first, as the timer list does) before a
 * data-port access.  A periodic timer far behind (host clock, machine
 * stopped) replays RTC_MAX_CATCH_UP ticks and restarts from now. */
static void rtc_run_due_timers(RTCState *s)
{
    int64_t now = rtc_now(s);
    int n;

    for (n = 0; n < RTC_MAX_CATCH_UP && timer_due(s->periodic_timer, now); n++) {
        timer_del(s->periodic_timer);
        rtc_periodic_timer(s);
    }
    if (timer_due(s->periodic_timer, now)) {
        periodic_timer_update(s, now, 0, false);
    }
    if (timer_due(s->update_timer, now)) {
        timer_del(s->update_timer);
        rtc_update_timer(s);
    }
}

/* ---- data port writes ------------------------------------------------------------- */

static void cmos_write_time(RTCState *s, uint8_t data)
{
    s->cmos_data[s->cmos_index] = data;
    /* in SET mode (or dividers stopped) the new time is taken later */
    if (rtc_running(s)) {
        rtc_set_time(s);
        check_update_timer(s);
    }
}

/* Divider bits: 11x holds the dividers in reset; leaving reset for normal
 * operation starts the first update half a second later (datasheet). */
static void cmos_write_reg_a(RTCState *s, uint8_t data)
{
    uint8_t *a = &s->cmos_data[RTC_REG_A];
    bool rate_changed = (*a ^ data) & 0x0f;
    uint32_t old_period = rtc_periodic_clock_ticks(s);

    if ((data & 0x60) == 0x60) {
        if (rtc_running(s)) {
            rtc_update_time(s);
        }
        *a &= ~REG_A_UIP;
    } else if ((*a & 0x60) == 0x60 && (data & 0x70) <= 0x20) {
        if (!(s->cmos_data[RTC_REG_B] & REG_B_SET)) {
            s->offset = 500000000;
            rtc_set_time(s);
        }
        *a &= ~REG_A_UIP;
    }
    *a = (data & ~REG_A_UIP) | (*a & REG_A_UIP);    /* UIP is read-only */
    if (rate_changed) {
        periodic_timer_update(s, rtc_now(s), old_period, true);
    }
    check_update_timer(s);
}

/* SET freezes the time registers (and clears UIE and UIP); clearing it
 * restarts the clock from the registers, keeping the sub-second phase. */
static void cmos_write_set_bit(RTCState *s, uint8_t *data)
{
    if (*data & REG_B_SET) {
        if (rtc_running(s)) {
            rtc_update_time(s);
        }
        s->cmos_data[RTC_REG_A] &= ~REG_A_UIP;
        *data &= ~REG_B_UIE;
    } else if ((s->cmos_data[RTC_REG_B] & REG_B_SET) &&
               (s->cmos_data[RTC_REG_A] & 0x70) <= 0x20) {
        s->offset = get_guest_rtc_ns(s) % NANOSECONDS_PER_SECOND;
        rtc_set_time(s);
    }
}

static void cmos_write_reg_b(RTCState *s, uint8_t data)
{
    bool pie_changed = (s->cmos_data[RTC_REG_B] ^ data) & REG_B_PIE;
    uint32_t old_period = rtc_periodic_clock_ticks(s);

    cmos_write_set_bit(s, &data);
    /* enabling an interrupt whose flag is already set raises it at once */
    if (data & s->cmos_data[RTC_REG_C] & REG_C_MASK) {
        s->cmos_data[RTC_REG_C] |= REG_C_IRQF;
        qemu_irq_raise(s->irq);
    } else {
        s->cmos_data[RTC_REG_C] &= ~REG_C_IRQF;
        qemu_irq_lower(s->irq);
    }
    s->cmos_data[RTC_REG_B] = data;
    if (pie_changed) {
        periodic_timer_update(s, rtc_now(s), old_period, true);
    }
    check_update_timer(s);
}

static void cmos_data_write(RTCState *s, uint8_t data)
{
    switch (s->cmos_index) {
    case RTC_SECONDS_ALARM:
    case RTC_MINUTES_ALARM:
    case RTC_HOURS_ALARM:
        s->cmos_data[s->cmos_index] = data;
        check_update_timer(s);
        break;
    case RTC_IBM_PS2_CENTURY_BYTE:
        s->cmos_index = RTC_CENTURY;    /* the index itself moves, as in QEMU */
        /* fall through */
    case RTC_CENTURY:
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        cmos_write_time(s, data);
        break;
    case RTC_REG_A:
        cmos_write_reg_a(s, data);
        break;
    case RTC_REG_B:
        cmos_write_reg_b(s, data);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break;                  /* read-only */
    default:
        s->cmos_data[s->cmos_index] = data;
        break;
    }
}

static void cmos_ioport_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    RTCState *s = opaque;

    (void)size;
    if ((addr & 1) == 0) {
        s->cmos_index = data & 0x7f;    /* bit 7 is the NMI mask (not modelled) */
        return;
    }
    rtc_run_due_timers(s);
    cmos_data_write(s, data);
}

/* ---- data port reads -------------------------------------------------------------- */

/* Reading REG_C acknowledges: flags cleared, interrupt lowered. */
static uint8_t cmos_read_reg_c(RTCState *s)
{
    uint8_t ret = s->cmos_data[RTC_REG_C];

    qemu_irq_lower(s->irq);
    s->cmos_data[RTC_REG_C] = 0;
    if (ret & (REG_C_UF | REG_C_AF)) {
        check_update_timer(s);
    }
    return ret;
}

static uint8_t cmos_data_read(RTCState *s)
{
    switch (s->cmos_index) {
    case RTC_IBM_PS2_CENTURY_BYTE:
        s->cmos_index = RTC_CENTURY;
        /* fall through */
    case RTC_CENTURY:
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        if (rtc_running(s)) {
            rtc_update_time(s);
        }
        return s->cmos_data[s->cmos_index];
    case RTC_REG_A:
        return s->cmos_data[RTC_REG_A] | (update_in_progress(s) ? REG_A_UIP : 0);
    case RTC_REG_C:
        return cmos_read_reg_c(s);
    default:
        return s->cmos_data[s->cmos_index];
    }
}

static uint64_t cmos_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    RTCState *s = opaque;

    (void)size;
    if ((addr & 1) == 0) {
        return 0xff;            /* the index port is write-only */
    }
    rtc_run_due_timers(s);
    return cmos_data_read(s);
}

const MemoryRegionOps cmos_ops = {
    .read = cmos_ioport_read,
    .write = cmos_ioport_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- machine interface -------------------------------------------------------------- */

void mc146818_rtc_set_base_time(RTCState *s, time_t t)
{
    struct tm tm;

    if (!gmtime_r(&t, &tm)) {
        memset(&tm, 0, sizeof(tm));
    }
    s->base_rtc = rtc_mktimegm(&tm);
    s->last_update = rtc_now(s);
    s->offset = 0;
    rtc_set_cmos(s, &tm);
    check_update_timer(s);
}

static void rtc_new_timers(RTCState *s)
{
    s->periodic_timer = timer_new_ns(s->clock, rtc_periodic_timer, s);
    s->update_timer = timer_new_ns(s->clock, rtc_update_timer, s);
}

RTCState *mc146818_rtc_new(int base_year, qemu_irq irq)
{
    RTCState *s = g_new0(RTCState, 1);

    s->cmos_data[RTC_REG_A] = 0x26;     /* 32 kHz time base, 1024 Hz rate */
    s->cmos_data[RTC_REG_B] = REG_B_24H;
    s->cmos_data[RTC_REG_C] = 0x00;
    s->cmos_data[RTC_REG_D] = REG_D_VRT;
    /* QEMU: 2000 was the old default of most machines before the century
     * byte existed; taking it as 0 makes the century byte right. */
    s->base_year = base_year == 2000 ? 0 : base_year;
    s->irq = irq;
    s->clock = QEMU_CLOCK_HOST;
    rtc_new_timers(s);
    /* qemu_get_timedate with base=utc, clock=host: whole host seconds */
    mc146818_rtc_set_base_time(s, qemu_clock_get_ms(QEMU_CLOCK_HOST) / 1000);
    return s;
}

void mc146818_rtc_free(RTCState *s)
{
    if (!s) {
        return;
    }
    timer_free(s->periodic_timer);
    timer_free(s->update_timer);
    g_free(s);
}

void mc146818_rtc_reset(RTCState *s)
{
    /* 0xfe in the shutdown status byte is a guest S3 suspend: kept */
    if (s->cmos_data[0x0f] != 0xfe) {
        s->cmos_data[0x0f] = 0x00;
    }
    s->cmos_data[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_SQWE);
    s->cmos_data[RTC_REG_C] &= ~(REG_C_UF | REG_C_IRQF | REG_C_PF | REG_C_AF);
    check_update_timer(s);
    qemu_irq_lower(s->irq);
}

void mc146818_rtc_connect_irq(RTCState *s, qemu_irq irq)
{
    s->irq = irq;
}

void mc146818_rtc_set_clock(RTCState *s, QEMUClockType clock)
{
    uint64_t guest_ns = get_guest_rtc_ns(s);
    bool periodic = timer_pending(s->periodic_timer);

    timer_free(s->periodic_timer);
    timer_free(s->update_timer);
    s->clock = clock;
    rtc_new_timers(s);
    s->base_rtc = guest_ns / NANOSECONDS_PER_SECOND;
    s->offset = guest_ns % NANOSECONDS_PER_SECOND;
    s->last_update = rtc_now(s);
    if (periodic) {
        periodic_timer_update(s, rtc_now(s), 0, false);
    }
    check_update_timer(s);
}

void mc146818_rtc_get_date(RTCState *s, struct tm *tm)
{
    rtc_update_time(s);
    rtc_get_time(s, tm);
}

void rtc_set_memory(RTCState *s, int addr, int val)
{
    if (addr >= 0 && addr <= 127) {
        s->cmos_data[addr] = val;
    }
}

int rtc_get_memory(RTCState *s, int addr)
{
    if (addr < 0 || addr > 127) {
        return 0;
    }
    return s->cmos_data[addr];
}
