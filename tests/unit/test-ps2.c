/*
 * The PS/2 keyboard and mouse on their own (hw/input/ps2.c; QEMU 7.2's
 * hw/input/ps2.c): queue rules and corner cases the controller sessions
 * in test-pckbd.c cannot reach through the i8042.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <string.h>
#include <glib.h>
#include "hw/core/irq.h"
#include "hw/input/ps2.h"
#include "memtest.h"

static PS2KbdState kbd;
static PS2MouseState mouse;
static qemu_irq line;
static GString *irq_calls;      /* "1 0 1 ..." every call on the line */

static void line_handler(void *opaque, int n, int level)
{
    (void)opaque;
    (void)n;
    g_string_append_printf(irq_calls, "%d", level);
}

static void setup(void)
{
    memtest_setup();
    irq_calls = g_string_new(NULL);
    line = qemu_allocate_irq(line_handler, NULL, 0);
    ps2_kbd_init(&kbd, line);
    ps2_mouse_init(&mouse, line);
    ps2_kbd_reset(&kbd);
    ps2_mouse_reset(&mouse);
    g_string_truncate(irq_calls, 0);
}

static void teardown(void)
{
    qemu_free_irq(line);
    g_string_free(irq_calls, true);
    memtest_teardown();
}

#define assert_irq_calls(expected) do {                                     \
        ck_assert_str_eq(irq_calls->str, (expected));                       \
        g_string_truncate(irq_calls, 0);                                    \
    } while (0)

static void assert_reads(PS2State *s, const uint8_t *bytes, int n)
{
    for (int i = 0; i < n; i++) {
        ck_assert_uint_eq(ps2_read_data(s), bytes[i]);
    }
    ck_assert(ps2_queue_empty(s));
}

/* Reset: queue empty, line lowered; the keyboard's LEDs are kept. */
START_TEST(test_reset)
{
    ps2_write_keyboard(&kbd, 0xed);
    ps2_write_keyboard(&kbd, 0x05);
    ps2_write_keyboard(&kbd, 0xf0);     /* waits for its argument */
    g_string_truncate(irq_calls, 0);
    ps2_kbd_reset(&kbd);
    assert_irq_calls("0");
    ck_assert(ps2_queue_empty(&kbd.common));
    ck_assert_int_eq(kbd.common.write_cmd, -1);
    ck_assert_int_eq(kbd.common.queue.cwptr, -1);
    ck_assert_int_eq(kbd.ledstate, 5);
    ck_assert_int_eq(kbd.scancode_set, 2);
}
END_TEST

/* Reading lowers the line and raises it again while bytes are left; an
 * empty queue gives the byte before the read pointer, across the wrap. */
START_TEST(test_read_and_line)
{
    static const uint8_t reset_reply[] = { 0xfa, 0xaa };

    ps2_write_keyboard(&kbd, 0xff);
    assert_irq_calls("1");
    /* the reply went in front of the read pointer: it wrapped to 254 */
    ck_assert_int_eq(kbd.common.queue.rptr, 254);
    ck_assert_uint_eq(ps2_read_data(&kbd.common), 0xfa);
    assert_irq_calls("01");
    ck_assert_uint_eq(ps2_read_data(&kbd.common), 0xaa);
    assert_irq_calls("0");
    ck_assert_int_eq(kbd.common.queue.rptr, 0);
    ck_assert_uint_eq(ps2_read_data(&kbd.common), 0xaa);    /* data[255] */
    ck_assert_uint_eq(ps2_read_data(&kbd.common), 0xaa);
    assert_irq_calls("");
    ps2_write_keyboard(&kbd, 0xff);
    assert_reads(&kbd.common, reset_reply, 2);
}
END_TEST

/* 16 bytes of scancodes at most; command replies go in front of them and
 * the next command byte drops the unread ones. */
START_TEST(test_keyboard_queue)
{
    static const uint8_t id[] = { 0xfa, 0xab, 0x83 };

    for (int i = 0; i < 20; i++) {
        ps2_put_keycode(&kbd, 0x10 + i);
    }
    ck_assert_int_eq(kbd.common.queue.count, PS2_QUEUE_SIZE);
    ps2_write_keyboard(&kbd, 0xf2);
    ck_assert_int_eq(kbd.common.queue.count, PS2_QUEUE_SIZE + 3);
    ck_assert_uint_eq(ps2_read_data(&kbd.common), 0xfa);
    ps2_write_keyboard(&kbd, 0xf2);     /* ab 83 dropped */
    ck_assert_int_eq(kbd.common.queue.count, PS2_QUEUE_SIZE + 3);
    for (int i = 0; i < 3; i++) {
        ck_assert_uint_eq(ps2_read_data(&kbd.common), id[i]);
    }
    ck_assert_int_eq(kbd.common.queue.cwptr, -1);
    for (int i = 0; i < PS2_QUEUE_SIZE; i++) {
        ck_assert_uint_eq(ps2_read_data(&kbd.common), 0x10 + i);
    }
    ck_assert(ps2_queue_empty(&kbd.common));
}
END_TEST

/* Translation: set 2 -> set 1, a 0xf0 prefix becomes bit 7 of the next
 * code; codes from 0x88 up pass unchanged. */
START_TEST(test_translation)
{
    static const uint8_t raw[] = { 0x1c, 0xf0, 0x1c };
    static const uint8_t xlat[] = { 0x1e, 0x9e, 0x41, 0x54, 0x88, 0xff, 0xe0, 0xff };

    for (int i = 0; i < 3; i++) {
        ps2_put_keycode(&kbd, raw[i]);
    }
    assert_reads(&kbd.common, raw, 3);
    ps2_keyboard_set_translation(&kbd, 1);
    ps2_put_keycode(&kbd, 0x1c);
    ps2_put_keycode(&kbd, 0xf0);
    ck_assert(kbd.need_high_bit);
    ps2_put_keycode(&kbd, 0x1c);
    ps2_put_keycode(&kbd, 0x83);
    ps2_put_keycode(&kbd, 0x84);
    ps2_put_keycode(&kbd, 0x88);
    ps2_put_keycode(&kbd, 0xff);
    ps2_put_keycode(&kbd, 0xe0);
    ps2_put_keycode(&kbd, 0x00);
    assert_reads(&kbd.common, xlat, sizeof(xlat));
}
END_TEST

static void mouse_enable(PS2MouseState *m, int type)
{
    static const uint8_t rates[2][3] = { { 200, 100, 80 }, { 200, 200, 80 } };

    if (type) {
        for (int i = 0; i < 3; i++) {
            ps2_write_mouse(m, 0xf3);
            ps2_write_mouse(m, rates[type == 4][i]);
        }
    }
    ps2_write_mouse(m, 0xf4);
    while (!ps2_queue_empty(&m->common)) {
        ps2_read_data(&m->common);
    }
    ck_assert_int_eq(m->mouse_type, type);
}

/* Wheel bytes: IntelliMouse clamps to +-127; the Explorer sends the
 * horizontal wheel (+-31, bit 6) before the vertical one (+-7, buttons
 * 4 and 5 in bits 4-5). */
START_TEST(test_mouse_wheels)
{
    static const uint8_t imps[] = { 0x08, 0, 0, 0x7f, 0x08, 0, 0, 0x49 };
    /* dw -46: -31 then -15 (6-bit two's complement); dz 10: 7 then 3 */
    static const uint8_t imex[] = { 0x08, 0, 0, 0x40 | 0x21, 0x08, 0, 0, 0x40 | 0x31,
                                    0x08, 0, 0, 0x30 | 0x07, 0x08, 0, 0, 0x30 | 0x03 };

    mouse_enable(&mouse, 3);
    ps2_mouse_event(&mouse, 0, 0, 200, 5, 0);
    assert_reads(&mouse.common, imps, sizeof(imps));
    ck_assert_int_eq(mouse.mouse_dw, 0);
    ps2_mouse_reset(&mouse);
    mouse_enable(&mouse, 4);
    ps2_mouse_event(&mouse, 0, 0, 10, -46, 0x18);
    ck_assert_int_eq(mouse.mouse_dz, 0);
    ck_assert_int_eq(mouse.mouse_dw, 0);
    assert_reads(&mouse.common, imex, sizeof(imex));
}
END_TEST

/* No room for a whole packet: nothing is queued and the movement stays. */
START_TEST(test_mouse_queue_full)
{
    mouse_enable(&mouse, 0);
    ps2_mouse_event(&mouse, 1000, 0, 0, 0, 0);
    ck_assert_int_eq(mouse.common.queue.count, 15);     /* 5 packets */
    ck_assert_int_eq(mouse.mouse_dx, 1000 - 5 * 127);
    ps2_write_mouse(&mouse, 0xeb);      /* ACK fits, the packet does not */
    ck_assert_int_eq(mouse.common.queue.count, 16);
    ps2_write_mouse(&mouse, 0xe9);      /* 4-byte status: dropped whole */
    ck_assert_int_eq(mouse.common.queue.count, 16);
    ck_assert_int_eq(mouse.mouse_dx, 1000 - 5 * 127);
    /* disabled: movement is not recorded */
    ps2_write_mouse(&mouse, 0xf5);
    ps2_mouse_event(&mouse, 7, 7, 0, 0, 1);
    ck_assert_int_eq(mouse.mouse_dx, 1000 - 5 * 127);
    ck_assert_int_eq(mouse.mouse_buttons, 0);
}
END_TEST

/* Random bytes to both devices with random reads: bounded queues. */
START_TEST(test_random_bytes)
{
    GRand *r = g_rand_new_with_seed(2);

    for (int i = 0; i < 100000; i++) {
        int v = g_rand_int_range(r, 0, 256);

        switch (g_rand_int_range(r, 0, 6)) {
        case 0: ps2_write_keyboard(&kbd, v); break;
        case 1: ps2_write_mouse(&mouse, v); break;
        case 2: ps2_put_keycode(&kbd, v); break;
        case 3: ps2_mouse_event(&mouse, v - 128, 128 - v, v % 5 - 2, v % 3 - 1, v); break;
        case 4: ps2_read_data(&kbd.common); break;
        default: ps2_read_data(&mouse.common); break;
        }
        ck_assert_int_le(kbd.common.queue.count, PS2_QUEUE_SIZE + 3);
        ck_assert_int_le(mouse.common.queue.count, PS2_QUEUE_SIZE);
        ck_assert_int_ge(kbd.common.queue.count, 0);
    }
    g_rand_free(r);
}
END_TEST

static Suite *ps2_suite(void)
{
    Suite *s = suite_create("ps2");
    TCase *tc = tcase_create("ps2");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reset);
    tcase_add_test(tc, test_read_and_line);
    tcase_add_test(tc, test_keyboard_queue);
    tcase_add_test(tc, test_translation);
    tcase_add_test(tc, test_mouse_wheels);
    tcase_add_test(tc, test_mouse_queue_full);
    tcase_add_test(tc, test_random_bytes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(ps2_suite());
}
