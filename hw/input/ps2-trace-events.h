/*
 * Trace events of the PS/2 keyboard and mouse (hw/input/ps2.c), QEMU 7.2's
 * names and formats from hw/input/trace-events (collected by
 * softmmu/trace-events.h).  The pointer is the device's state, as in QEMU.
 * ps2_keyboard_event (a host key) and ps2_mouse_fake_event (vmmouse) are
 * listed for -trace help but not emitted: there is no host input yet.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_PS2(X)                                                         \
    X(ps2_put_keycode, (void *opaque, int keycode),                                 \
      "%p keycode 0x%02x", (opaque, keycode))                                       \
    X(ps2_keyboard_event,                                                           \
      (void *opaque, int qcode, int down, unsigned int modifier,                    \
       unsigned int modifiers, int set, int xlate),                                 \
      "%p qcode %d down %d modifier 0x%x modifiers 0x%x set %d xlate %d",           \
      (opaque, qcode, down, modifier, modifiers, set, xlate))                       \
    X(ps2_read_data, (void *opaque), "%p", (opaque))                                \
    X(ps2_set_ledstate, (void *s, int ledstate), "%p ledstate %d", (s, ledstate))   \
    X(ps2_reset_keyboard, (void *s), "%p", (s))                                     \
    X(ps2_write_keyboard, (void *opaque, int val), "%p val %d", (opaque, val))      \
    X(ps2_keyboard_set_translation, (void *opaque, int mode),                       \
      "%p mode %d", (opaque, mode))                                                 \
    X(ps2_mouse_send_packet, (void *s, int dx1, int dy1, int dz1, int b),           \
      "%p x %d y %d z %d bs 0x%x", (s, dx1, dy1, dz1, b))                           \
    X(ps2_mouse_fake_event, (void *opaque), "%p", (opaque))                         \
    X(ps2_write_mouse, (void *opaque, int val), "%p val %d", (opaque, val))         \
    X(ps2_kbd_reset, (void *opaque), "%p", (opaque))                                \
    X(ps2_mouse_reset, (void *opaque), "%p", (opaque))
