/*
 * PS/2 keyboard and mouse after QEMU 7.2's hw/input/ps2.c: the command
 * sets, replies and queue rules a guest sees through the i8042.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "hw/input/ps2.h"
#include "softmmu/trace.h"

/* Keyboard commands and replies (IBM PS/2 technical reference). */
#define KBD_CMD_SET_LEDS        0xed
#define KBD_CMD_ECHO            0xee
#define KBD_CMD_SCANCODE        0xf0
#define KBD_CMD_GET_ID          0xf2
#define KBD_CMD_SET_RATE        0xf3
#define KBD_CMD_ENABLE          0xf4
#define KBD_CMD_RESET_DISABLE   0xf5
#define KBD_CMD_RESET_ENABLE    0xf6
#define KBD_CMD_SET_TYPEMATIC   0xfa
#define KBD_CMD_SET_MAKE_BREAK  0xfc
#define KBD_CMD_RESET           0xff

#define KBD_REPLY_POR           0xaa
#define KBD_REPLY_ID            0xab
#define KBD_REPLY_ACK           0xfa
#define KBD_REPLY_RESEND        0xfe

/* Mouse commands. */
#define AUX_SET_SCALE11         0xe6
#define AUX_SET_SCALE21         0xe7
#define AUX_SET_RES             0xe8
#define AUX_GET_SCALE           0xe9    /* status request */
#define AUX_SET_STREAM          0xea
#define AUX_POLL                0xeb    /* read data */
#define AUX_RESET_WRAP          0xec
#define AUX_SET_WRAP            0xee
#define AUX_SET_REMOTE          0xf0
#define AUX_GET_TYPE            0xf2
#define AUX_SET_SAMPLE          0xf3
#define AUX_ENABLE_DEV          0xf4
#define AUX_DISABLE_DEV         0xf5
#define AUX_SET_DEFAULT         0xf6
#define AUX_RESET               0xff
#define AUX_ACK                 0xfa

#define RING_MASK               (PS2_BUFFER_SIZE - 1)

/*
 * Scan code set 2 -> set 1, as the i8042 translates with mode bit 6 set
 * (the 8042 datasheets' table; QEMU's translate_table, whose entries
 * 0x80 and up pass through unchanged but for 0x83 -> 0x41 and
 * 0x84 -> 0x54).  Eight entries per line.
 */
static const uint8_t set2_to_set1[256] = {
    0xff, 0x43, 0x41, 0x3f, 0x3d, 0x3b, 0x3c, 0x58,
    0x64, 0x44, 0x42, 0x40, 0x3e, 0x0f, 0x29, 0x59,
    0x65, 0x38, 0x2a, 0x70, 0x1d, 0x10, 0x02, 0x5a,
    0x66, 0x71, 0x2c, 0x1f, 0x1e, 0x11, 0x03, 0x5b,
    0x67, 0x2e, 0x2d, 0x20, 0x12, 0x05, 0x04, 0x5c,
    0x68, 0x39, 0x2f, 0x21, 0x14, 0x13, 0x06, 0x5d,
    0x69, 0x31, 0x30, 0x23, 0x22, 0x15, 0x07, 0x5e,
    0x6a, 0x72, 0x32, 0x24, 0x16, 0x08, 0x09, 0x5f,
    0x6b, 0x33, 0x25, 0x17, 0x18, 0x0b, 0x0a, 0x60,
    0x6c, 0x34, 0x35, 0x26, 0x27, 0x19, 0x0c, 0x61,
    0x6d, 0x73, 0x28, 0x74, 0x1a, 0x0d, 0x62, 0x6e,
    0x3a, 0x36, 0x1c, 0x1b, 0x75, 0x2b, 0x63, 0x76,
    0x55, 0x56, 0x77, 0x78, 0x79, 0x7a, 0x0e, 0x7b,
    0x7c, 0x4f, 0x7d, 0x4b, 0x47, 0x7e, 0x7f, 0x6f,
    0x52, 0x53, 0x50, 0x4c, 0x4d, 0x48, 0x01, 0x45,
    0x57, 0x4e, 0x51, 0x4a, 0x37, 0x49, 0x46, 0x54,
    0x80, 0x81, 0x82, 0x41, 0x54, 0x85, 0x86, 0x87,
};

/* Entries 0x88-0xff map to themselves. */
static uint8_t translate(int code)
{
    code &= 0xff;
    return code < 0x88 ? set2_to_set1[code] : code;
}

/* ---- the queue ------------------------------------------------------------- */

static void queue_reset(PS2Queue *q)
{
    q->rptr = 0;
    q->wptr = 0;
    q->cwptr = -1;
    q->count = 0;
}

static void queue_put(PS2Queue *q, uint8_t b)
{
    if (q->count >= PS2_QUEUE_SIZE) {
        return;
    }
    q->data[q->wptr] = b;
    q->wptr = (q->wptr + 1) & RING_MASK;
    q->count++;
}

bool ps2_queue_empty(PS2State *s)
{
    return s->queue.count == 0;
}

/* Device data: all n bytes or none (a packet is never split), then the
 * line goes up, as QEMU's ps2_queue_2/3/4. */
static void queue_bytes(PS2State *s, const uint8_t *b, int n)
{
    if (PS2_QUEUE_SIZE - s->queue.count < n) {
        return;
    }
    for (int i = 0; i < n; i++) {
        queue_put(&s->queue, b[i]);
    }
    qemu_set_irq(s->irq, 1);
}

void ps2_queue(PS2State *s, int b)
{
    uint8_t byte = b;

    queue_bytes(s, &byte, 1);
}

/* Keyboard command replies go in front of queued scancodes (QEMU's
 * ps2_cqueue_N): the read pointer moves back by n and they are written
 * from there.  No room check: the previous replies were dropped first
 * (reply_queue_drop), so at most 3 sit on top of PS2_QUEUE_SIZE. */
static void reply_bytes(PS2State *s, const uint8_t *b, int n)
{
    PS2Queue *q = &s->queue;

    q->rptr = (q->rptr - n) & RING_MASK;
    q->cwptr = q->rptr;
    for (int i = 0; i < n; i++) {
        q->data[q->cwptr] = b[i];
        q->cwptr = (q->cwptr + 1) & RING_MASK;
        q->count++;
    }
    qemu_set_irq(s->irq, 1);
}

static void reply1(PS2State *s, uint8_t b1)
{
    reply_bytes(s, &b1, 1);
}

static void reply2(PS2State *s, uint8_t b1, uint8_t b2)
{
    uint8_t b[2] = { b1, b2 };

    reply_bytes(s, b, 2);
}

/* Replies the guest has not read yet are dropped when it sends the next
 * command byte (QEMU's ps2_cqueue_reset); the line is left as it is. */
static void reply_queue_drop(PS2State *s)
{
    PS2Queue *q = &s->queue;

    if (q->cwptr == -1) {
        return;
    }
    q->count -= (q->cwptr - q->rptr) & RING_MASK;
    q->rptr = q->cwptr;
    q->cwptr = -1;
}

uint32_t ps2_read_data(PS2State *s)
{
    PS2Queue *q = &s->queue;
    uint8_t val;

    trace_ps2_read_data(s);
    if (q->count == 0) {
        /* Nothing queued: the previous byte again. */
        return q->data[(q->rptr - 1) & RING_MASK];
    }
    val = q->data[q->rptr];
    q->rptr = (q->rptr + 1) & RING_MASK;
    q->count--;
    if (q->rptr == q->cwptr) {
        q->cwptr = -1;          /* every reply has been read */
    }
    /* QEMU lowers the line on every read and raises it again if bytes
     * are left (two calls, which the controller sees). */
    qemu_set_irq(s->irq, 0);
    if (q->count) {
        qemu_set_irq(s->irq, 1);
    }
    return val;
}

static void ps2_common_reset(PS2State *s)
{
    s->write_cmd = -1;
    queue_reset(&s->queue);
    qemu_set_irq(s->irq, 0);
}

/* ---- keyboard ---------------------------------------------------------- */

void ps2_kbd_init(PS2KbdState *s, qemu_irq irq)
{
    memset(s, 0, sizeof(*s));
    s->common.irq = irq;
}

void ps2_put_keycode(PS2KbdState *s, int keycode)
{
    PS2State *ps = &s->common;

    trace_ps2_put_keycode(s, keycode);
    if (!s->translate) {
        ps2_queue(ps, keycode);
    } else if ((keycode & 0xff) == 0xf0) {
        s->need_high_bit = true;        /* set 2 break prefix: set 1 bit 7 */
    } else if (s->need_high_bit) {
        ps2_queue(ps, translate(keycode) | 0x80);
        s->need_high_bit = false;
    } else {
        ps2_queue(ps, translate(keycode));
    }
}

static void ps2_set_ledstate(PS2KbdState *s, int ledstate)
{
    trace_ps2_set_ledstate(s, ledstate);
    s->ledstate = ledstate;     /* QEMU also shows it on the host's console */
}

/* Commands 0xf5, 0xf6 and 0xff: set 2, scanning on, LEDs off, queue empty
 * (the line is not lowered: a reply follows at once). */
static void ps2_reset_keyboard(PS2KbdState *s)
{
    trace_ps2_reset_keyboard(s);
    s->scan_enabled = 1;
    s->scancode_set = 2;
    queue_reset(&s->common.queue);
    ps2_set_ledstate(s, 0);
}

/* A command byte (no argument pending). */
static void kbd_command(PS2KbdState *s, int val)
{
    PS2State *ps = &s->common;
    uint8_t id[3] = { KBD_REPLY_ACK, KBD_REPLY_ID, 0x83 };  /* MF2 keyboard */

    switch (val) {
    case 0x00:                  /* QEMU acknowledges 0x00, resends 0x05 */
        reply1(ps, KBD_REPLY_ACK);
        break;
    case KBD_CMD_GET_ID:
        if (s->translate) {
            id[2] = 0x41;       /* 0x83 translated */
        }
        reply_bytes(ps, id, 3);
        break;
    case KBD_CMD_ECHO:
        reply1(ps, KBD_CMD_ECHO);
        break;
    case KBD_CMD_ENABLE:
        s->scan_enabled = 1;
        reply1(ps, KBD_REPLY_ACK);
        break;
    case KBD_CMD_SCANCODE:
    case KBD_CMD_SET_LEDS:
    case KBD_CMD_SET_RATE:
    case KBD_CMD_SET_MAKE_BREAK:
        ps->write_cmd = val;    /* an argument byte follows */
        reply1(ps, KBD_REPLY_ACK);
        break;
    case KBD_CMD_RESET_DISABLE:
    case KBD_CMD_RESET_ENABLE:
        ps2_reset_keyboard(s);
        s->scan_enabled = val == KBD_CMD_RESET_ENABLE;
        reply1(ps, KBD_REPLY_ACK);
        break;
    case KBD_CMD_RESET:
        ps2_reset_keyboard(s);
        reply2(ps, KBD_REPLY_ACK, KBD_REPLY_POR);
        break;
    case KBD_CMD_SET_TYPEMATIC:
        reply1(ps, KBD_REPLY_ACK);
        break;
    default:                    /* 0x05, resend (0xfe) and anything unknown */
        reply1(ps, KBD_REPLY_RESEND);
        break;
    }
}

/* The argument of 0xf0 (scancode set: 0 asks, 1-3 select). */
static void kbd_scancode_arg(PS2KbdState *s, int val)
{
    PS2State *ps = &s->common;

    if (val == 0) {
        /* Answered through the translation table when translating. */
        reply2(ps, KBD_REPLY_ACK,
               s->translate ? translate(s->scancode_set) : s->scancode_set);
    } else if (val >= 1 && val <= 3) {
        s->scancode_set = val;
        reply1(ps, KBD_REPLY_ACK);
    } else {
        reply1(ps, KBD_REPLY_RESEND);
    }
}

void ps2_write_keyboard(PS2KbdState *s, int val)
{
    PS2State *ps = &s->common;
    int cmd = ps->write_cmd;

    trace_ps2_write_keyboard(s, val);
    reply_queue_drop(ps);
    ps->write_cmd = -1;         /* an argument completes its command */
    switch (cmd) {
    case KBD_CMD_SCANCODE:
        kbd_scancode_arg(s, val);
        break;
    case KBD_CMD_SET_LEDS:
        ps2_set_ledstate(s, val);
        reply1(ps, KBD_REPLY_ACK);
        break;
    case KBD_CMD_SET_RATE:          /* typematic rate/delay: ignored */
    case KBD_CMD_SET_MAKE_BREAK:    /* argument ignored */
        reply1(ps, KBD_REPLY_ACK);
        break;
    default:
        kbd_command(s, val);
        break;
    }
}

void ps2_keyboard_set_translation(PS2KbdState *s, int mode)
{
    trace_ps2_keyboard_set_translation(s, mode);
    s->translate = mode;
}

void ps2_kbd_reset(PS2KbdState *s)
{
    trace_ps2_kbd_reset(s);
    ps2_common_reset(&s->common);
    s->scan_enabled = 1;
    s->translate = 0;
    s->scancode_set = 2;
    /* QEMU also forgets which modifier keys are held (host input). */
}

/* ---- mouse --------------------------------------------------------------- */

void ps2_mouse_init(PS2MouseState *s, qemu_irq irq)
{
    memset(s, 0, sizeof(*s));
    s->common.irq = irq;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The fourth byte of an IntelliMouse Explorer packet: horizontal wheel
 * (bit 6 set) if it moved, else vertical wheel and buttons 4/5. */
static uint8_t imex_byte(PS2MouseState *s, int *dz1)
{
    int dw1 = s->mouse_dw;

    if (dw1 != 0) {
        dw1 = clamp(dw1, -31, 31);
        s->mouse_dw -= dw1;
        return (dw1 & 0x3f) | 0x40;
    }
    *dz1 = clamp(*dz1, -7, 7);
    s->mouse_dz -= *dz1;
    return (*dz1 & 0x0f) | ((s->mouse_buttons & 0x18) << 1);
}

/* One movement packet: 3 bytes, 4 for the IntelliMouse types.  Returns
 * false (nothing queued) when the queue has no room for it. */
static bool ps2_mouse_send_packet(PS2MouseState *s)
{
    PS2State *ps = &s->common;
    uint8_t pkt[4];
    int n = s->mouse_type ? 4 : 3;
    int dx1 = clamp(s->mouse_dx, -127, 127);
    int dy1 = clamp(s->mouse_dy, -127, 127);
    int dz1 = s->mouse_dz;

    if (PS2_QUEUE_SIZE - ps->queue.count < n) {
        return false;
    }
    pkt[0] = 0x08 | ((dx1 < 0) << 4) | ((dy1 < 0) << 5) | (s->mouse_buttons & 0x07);
    pkt[1] = dx1 & 0xff;
    pkt[2] = dy1 & 0xff;
    switch (s->mouse_type) {
    case 3:                     /* IntelliMouse: vertical wheel */
        dz1 = clamp(dz1, -127, 127);
        pkt[3] = dz1 & 0xff;
        s->mouse_dz -= dz1;
        s->mouse_dw = 0;
        break;
    case 4:
        pkt[3] = imex_byte(s, &dz1);
        break;
    default:                    /* no wheels: their movement is dropped */
        s->mouse_dz = 0;
        s->mouse_dw = 0;
        break;
    }
    for (int i = 0; i < n; i++) {
        queue_put(&ps->queue, pkt[i]);
    }
    qemu_set_irq(ps->irq, 1);
    /* QEMU's trace shows as "bs" the first byte, the fourth for type 4. */
    trace_ps2_mouse_send_packet(s, dx1, dy1, dz1, s->mouse_type == 4 ? pkt[3] : pkt[0]);
    s->mouse_dx -= dx1;
    s->mouse_dy -= dy1;
    return true;
}

void ps2_mouse_event(PS2MouseState *s, int dx, int dy, int dz, int dw, uint8_t buttons)
{
    if (!(s->mouse_status & PS2_MOUSE_STATUS_ENABLED)) {
        return;                 /* QEMU records nothing while disabled */
    }
    s->mouse_dx += dx;
    s->mouse_dy -= dy;          /* PS/2: y grows upward */
    s->mouse_dz += dz;
    s->mouse_dw += dw;
    s->mouse_buttons = buttons & 0x1f;
    if (s->mouse_status & PS2_MOUSE_STATUS_REMOTE) {
        return;                 /* remote mode: the guest polls (0xeb) */
    }
    /* Stream mode: packets until the movement is used up or no room. */
    while (ps2_mouse_send_packet(s)) {
        if (!s->mouse_dx && !s->mouse_dy && !s->mouse_dz && !s->mouse_dw) {
            break;
        }
    }
}

/* Sample rates 200,100,80 make an IntelliMouse (ID 3), 200,200,80 an
 * IntelliMouse Explorer (ID 4): the drivers' detection sequences. */
static void mouse_detect(PS2MouseState *s, int val)
{
    switch (s->mouse_detect_state) {
    case 1:
        s->mouse_detect_state = val == 100 ? 2 : val == 200 ? 3 : 0;
        break;
    case 2:
    case 3:
        if (val == 80) {
            s->mouse_type = s->mouse_detect_state == 2 ? 3 : 4;
        }
        s->mouse_detect_state = 0;
        break;
    default:
        if (val == 200) {
            s->mouse_detect_state = 1;
        }
        break;
    }
}

/* Status request (0xe9): ACK, status, resolution, sample rate. */
static void mouse_status_request(PS2MouseState *s)
{
    uint8_t b[4] = { AUX_ACK, s->mouse_status, s->mouse_resolution,
                     s->mouse_sample_rate };

    queue_bytes(&s->common, b, 4);
}

/* 0xf6 and 0xff: QEMU's defaults (100 samples/s, 4 counts/mm, stream
 * mode, 1:1, disabled). */
static void mouse_defaults(PS2MouseState *s)
{
    s->mouse_sample_rate = 100;
    s->mouse_resolution = 2;
    s->mouse_status = 0;
}

/* A command byte: every known one is acknowledged, unknown ones get no
 * reply at all (QEMU). */
static void mouse_command(PS2MouseState *s, int val)
{
    PS2State *ps = &s->common;
    uint8_t b[3];

    switch (val) {
    case AUX_SET_SCALE11:
        s->mouse_status &= ~PS2_MOUSE_STATUS_SCALE21;
        break;
    case AUX_SET_SCALE21:
        s->mouse_status |= PS2_MOUSE_STATUS_SCALE21;
        break;
    case AUX_SET_STREAM:
        s->mouse_status &= ~PS2_MOUSE_STATUS_REMOTE;
        break;
    case AUX_SET_WRAP:
        s->mouse_wrap = 1;
        break;
    case AUX_SET_REMOTE:
        s->mouse_status |= PS2_MOUSE_STATUS_REMOTE;
        break;
    case AUX_GET_TYPE:
        b[0] = AUX_ACK;
        b[1] = s->mouse_type;
        queue_bytes(ps, b, 2);
        return;
    case AUX_SET_RES:
    case AUX_SET_SAMPLE:
        ps->write_cmd = val;
        break;
    case AUX_GET_SCALE:
        mouse_status_request(s);
        return;
    case AUX_POLL:
        ps2_queue(ps, AUX_ACK);
        ps2_mouse_send_packet(s);
        return;
    case AUX_ENABLE_DEV:
        s->mouse_status |= PS2_MOUSE_STATUS_ENABLED;
        break;
    case AUX_DISABLE_DEV:
        s->mouse_status &= ~PS2_MOUSE_STATUS_ENABLED;
        break;
    case AUX_SET_DEFAULT:
        mouse_defaults(s);
        break;
    case AUX_RESET:
        /* Wrap mode stays on (QEMU does not clear it here). */
        mouse_defaults(s);
        s->mouse_type = 0;
        queue_reset(&ps->queue);
        b[0] = AUX_ACK;
        b[1] = 0xaa;
        b[2] = s->mouse_type;
        queue_bytes(ps, b, 3);
        return;
    default:
        return;
    }
    ps2_queue(ps, AUX_ACK);
}

void ps2_write_mouse(PS2MouseState *s, int val)
{
    PS2State *ps = &s->common;

    trace_ps2_write_mouse(s, val);
    switch (ps->write_cmd) {
    case AUX_SET_SAMPLE:
        s->mouse_sample_rate = val;
        mouse_detect(s, val);
        break;
    case AUX_SET_RES:
        s->mouse_resolution = val;
        break;
    default:
        /* Wrap mode echoes every byte but "reset wrap" and "reset". */
        if (s->mouse_wrap && val == AUX_RESET_WRAP) {
            s->mouse_wrap = 0;
            ps2_queue(ps, AUX_ACK);
        } else if (s->mouse_wrap && val != AUX_RESET) {
            ps2_queue(ps, val);
        } else {
            mouse_command(s, val);
        }
        return;
    }
    ps2_queue(ps, AUX_ACK);
    ps->write_cmd = -1;
}

void ps2_mouse_reset(PS2MouseState *s)
{
    trace_ps2_mouse_reset(s);
    ps2_common_reset(&s->common);
    s->mouse_status = 0;
    s->mouse_resolution = 0;
    s->mouse_sample_rate = 0;
    s->mouse_wrap = 0;
    s->mouse_type = 0;
    s->mouse_detect_state = 0;
    s->mouse_dx = 0;
    s->mouse_dy = 0;
    s->mouse_dz = 0;
    s->mouse_dw = 0;
    s->mouse_buttons = 0;
}
