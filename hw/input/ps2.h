/*
 * PS/2 keyboard and mouse, as QEMU 7.2's hw/input/ps2.c emulates them
 * behind the i8042 (include/hw/input/ps2.h).
 *
 * Each device has a byte queue towards the controller and one interrupt
 * line that is high while the queue holds data.  The controller writes
 * command bytes with ps2_write_keyboard / ps2_write_mouse and takes the
 * replies with ps2_read_data.
 *
 * Wiring (what hw/input/pckbd.c does):
 *     ps2_kbd_init(&kbd, line_into_controller);
 *     ps2_mouse_init(&mouse, other_line);
 *     ...                          machine reset: ps2_mouse_reset, ps2_kbd_reset
 *
 * Host input: QEMU turns host key and pointer events into scancodes and
 * movement; x86slice has no host input yet.  ps2_put_keycode (a scancode
 * byte of the current set) and ps2_mouse_event (movement and buttons) are
 * the entry points such input would use.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/core/irq.h"

/* The ring is 256 bytes (QEMU's PS2_BUFFER_SIZE); at most PS2_QUEUE_SIZE
 * bytes of device data are queued (more are dropped), plus the keyboard's
 * command replies, which go in front of them (at most 3 at a time). */
#define PS2_BUFFER_SIZE     256
#define PS2_QUEUE_SIZE      16

/* Mouse button bits (QEMU's PS2_MOUSE_BUTTON_*). */
#define PS2_MOUSE_BUTTON_LEFT   0x01
#define PS2_MOUSE_BUTTON_RIGHT  0x02
#define PS2_MOUSE_BUTTON_MIDDLE 0x04
#define PS2_MOUSE_BUTTON_SIDE   0x08
#define PS2_MOUSE_BUTTON_EXTRA  0x10

typedef struct PS2Queue {
    uint8_t data[PS2_BUFFER_SIZE];
    int rptr, wptr;             /* next read, next device-data write */
    int cwptr;                  /* end of the command replies, -1: none */
    int count;                  /* bytes held (replies included) */
} PS2Queue;

/* What both devices share (QEMU's PS2State). */
typedef struct PS2State {
    PS2Queue queue;
    int write_cmd;              /* command waiting for its argument, -1: none */
    qemu_irq irq;
} PS2State;

typedef struct PS2KbdState {
    PS2State common;
    int scan_enabled;
    int translate;              /* set 2 -> set 1 translation (mode byte bit 6) */
    int scancode_set;           /* 1, 2 or 3 */
    int ledstate;
    bool need_high_bit;         /* translating: a 0xf0 break prefix was seen */
} PS2KbdState;

/* Mouse status byte bits (the 0xe9 status request's first byte). */
#define PS2_MOUSE_STATUS_REMOTE     0x40
#define PS2_MOUSE_STATUS_ENABLED    0x20
#define PS2_MOUSE_STATUS_SCALE21    0x10

typedef struct PS2MouseState {
    PS2State common;
    uint8_t mouse_status;
    uint8_t mouse_resolution;
    uint8_t mouse_sample_rate;
    uint8_t mouse_wrap;
    uint8_t mouse_type;         /* 0 PS/2, 3 IntelliMouse, 4 IntelliMouse Explorer */
    uint8_t mouse_detect_state; /* progress through 200,100,80 / 200,200,80 */
    int mouse_dx, mouse_dy, mouse_dz, mouse_dw;     /* movement not sent yet */
    uint8_t mouse_buttons;
} PS2MouseState;

/* Zero the device and connect its line; QEMU resets it before the guest
 * runs, so call the reset function before use. */
void ps2_kbd_init(PS2KbdState *s, qemu_irq irq);
void ps2_mouse_init(PS2MouseState *s, qemu_irq irq);

/* Device reset (QEMU's ps2_kbd_reset / ps2_mouse_reset: the queue is
 * emptied and the line lowered, then the device's own state). */
void ps2_kbd_reset(PS2KbdState *s);
void ps2_mouse_reset(PS2MouseState *s);

/* The next byte for the controller.  An empty queue gives the last byte
 * again (QEMU: "needed for EMM386").  Lowers the line, raises it again if
 * bytes are left. */
uint32_t ps2_read_data(PS2State *s);
/* Queue one byte of device data and raise the line (dropped when
 * PS2_QUEUE_SIZE bytes are queued). */
void ps2_queue(PS2State *s, int b);
bool ps2_queue_empty(PS2State *s);

/* A byte from the controller to the device. */
void ps2_write_keyboard(PS2KbdState *s, int val);
void ps2_write_mouse(PS2MouseState *s, int val);
/* The controller's mode byte bit 6 (KBD_MODE_KCC): translate to set 1. */
void ps2_keyboard_set_translation(PS2KbdState *s, int mode);

/* Input side.  One scancode byte of the current set (translated to set 1
 * when translation is on). */
void ps2_put_keycode(PS2KbdState *s, int keycode);
/* Pointer input then sync (QEMU's ps2_mouse_event + ps2_mouse_sync):
 * dx right, dy down (host convention), dz wheel down, dw wheel left, the
 * buttons held now.  Ignored while the mouse is disabled; in stream mode
 * packets are sent until the movement is used up or the queue is full. */
void ps2_mouse_event(PS2MouseState *s, int dx, int dy, int dz, int dw, uint8_t buttons);

#endif
