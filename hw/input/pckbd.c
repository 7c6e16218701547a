/*
 * i8042 keyboard controller after QEMU 7.2's hw/input/pckbd.c with
 * extended-state on and no kbd-throttle timer (the pc machine's
 * defaults): status, command byte, output port, controller commands and
 * the output buffer shared by the controller, the keyboard and the mouse.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/input/pckbd.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"

/* Controller commands (port 0x64). */
#define KBD_CCMD_READ_MODE      0x20
#define KBD_CCMD_WRITE_MODE     0x60
#define KBD_CCMD_MOUSE_DISABLE  0xa7
#define KBD_CCMD_MOUSE_ENABLE   0xa8
#define KBD_CCMD_TEST_MOUSE     0xa9
#define KBD_CCMD_SELF_TEST      0xaa
#define KBD_CCMD_KBD_TEST       0xab
#define KBD_CCMD_KBD_DISABLE    0xad
#define KBD_CCMD_KBD_ENABLE     0xae
#define KBD_CCMD_READ_INPORT    0xc0
#define KBD_CCMD_READ_OUTPORT   0xd0
#define KBD_CCMD_WRITE_OUTPORT  0xd1
#define KBD_CCMD_WRITE_OBUF     0xd2
#define KBD_CCMD_WRITE_AUX_OBUF 0xd3
#define KBD_CCMD_WRITE_MOUSE    0xd4
#define KBD_CCMD_DISABLE_A20    0xdd    /* HP Vectra; QEMU takes them */
#define KBD_CCMD_ENABLE_A20     0xdf
#define KBD_CCMD_PULSE_BITS_3_0 0xf0    /* 0xf0-0xff: pulse P2 bits 3-0 */
#define KBD_CCMD_RESET          0xfe
#define KBD_CCMD_NO_OP          0xff

/* Status register bits. */
#define KBD_STAT_OBF            0x01
#define KBD_STAT_SELFTEST       0x04
#define KBD_STAT_CMD            0x08
#define KBD_STAT_UNLOCKED       0x10
#define KBD_STAT_MOUSE_OBF      0x20

/* Command byte bits. */
#define KBD_MODE_KBD_INT        0x01
#define KBD_MODE_MOUSE_INT      0x02
#define KBD_MODE_DISABLE_KBD    0x10
#define KBD_MODE_DISABLE_MOUSE  0x20
#define KBD_MODE_KCC            0x40    /* translate to scan code set 1 */

/* Output port bits. */
#define KBD_OUT_RESET           0x01    /* 0 holds the CPU in reset */
#define KBD_OUT_A20             0x02
#define KBD_OUT_OBF             0x10
#define KBD_OUT_MOUSE_OBF       0x20
#define KBD_OUT_ONES            0xcc    /* QEMU's default for the other bits */

/* Who has a byte for the output buffer.  The device bits equal the
 * command byte's disable bits, which mask them (kbd_pending). */
#define KBD_PENDING_CTRL_KBD    0x04
#define KBD_PENDING_CTRL_AUX    0x08
#define KBD_PENDING_KBD         KBD_MODE_DISABLE_KBD
#define KBD_PENDING_AUX         KBD_MODE_DISABLE_MOUSE

#define KBD_OBSRC_KBD           0x01
#define KBD_OBSRC_MOUSE         0x02
#define KBD_OBSRC_CTRL          0x04

/* ---- output buffer and interrupts -------------------------------------------- */

/*
 * IRQ 1 or IRQ 12 follows the output buffer: IRQ 12 when it holds mouse
 * data and the command byte enables mouse interrupts, IRQ 1 for anything
 * else when keyboard interrupts are enabled and the keyboard is not
 * disabled (QEMU's shortcut instead of timing; the mouse's disable bit is
 * not looked at).  Both lines are set on every call, IRQ 1 first.
 */
static void kbd_update_irq_lines(KBDState *s)
{
    int kbd_level = 0, mouse_level = 0;

    if (s->status & KBD_STAT_OBF) {
        if (s->status & KBD_STAT_MOUSE_OBF) {
            mouse_level = (s->mode & KBD_MODE_MOUSE_INT) != 0;
        } else {
            kbd_level = (s->mode & KBD_MODE_KBD_INT) &&
                        !(s->mode & KBD_MODE_DISABLE_KBD);
        }
    }
    qemu_set_irq(s->irqs[I8042_KBD_IRQ], kbd_level);
    qemu_set_irq(s->irqs[I8042_MOUSE_IRQ], mouse_level);
}

static void kbd_clear_obf(KBDState *s)
{
    s->status &= ~(KBD_STAT_OBF | KBD_STAT_MOUSE_OBF);
    s->outport &= ~(KBD_OUT_OBF | KBD_OUT_MOUSE_OBF);
}

static void kbd_deassert_irq(KBDState *s)
{
    kbd_clear_obf(s);
    kbd_update_irq_lines(s);
}

/* Pending sources, without the devices the command byte disables. */
static uint8_t kbd_pending(KBDState *s)
{
    return s->pending & ~(s->mode & (KBD_PENDING_KBD | KBD_PENDING_AUX));
}

/* Fill the output buffer from the first pending source (controller byte
 * for the keyboard side, for the mouse side, keyboard, mouse) and set
 * the status/output port bits and the lines. */
static void kbd_update_irq(KBDState *s)
{
    uint8_t pending = kbd_pending(s);
    uint8_t aux_bits = 0;

    kbd_clear_obf(s);
    if (pending & KBD_PENDING_CTRL_KBD) {
        s->obsrc = KBD_OBSRC_CTRL;
    } else if (pending & KBD_PENDING_CTRL_AUX) {
        s->obsrc = KBD_OBSRC_CTRL;
        aux_bits = 1;
    } else if (pending & KBD_PENDING_KBD) {
        s->obsrc = KBD_OBSRC_KBD;
    } else if (pending) {
        s->obsrc = KBD_OBSRC_MOUSE;
        aux_bits = 1;
    }
    if (pending) {
        s->status |= KBD_STAT_OBF | (aux_bits ? KBD_STAT_MOUSE_OBF : 0);
        s->outport |= KBD_OUT_OBF | (aux_bits ? KBD_OUT_MOUSE_OBF : 0);
    }
    kbd_update_irq_lines(s);
}

/* A full output buffer is refilled when the guest reads it. */
static void kbd_safe_update_irq(KBDState *s)
{
    if (!(s->status & KBD_STAT_OBF) && kbd_pending(s)) {
        kbd_update_irq(s);
    }
}

/* The PS/2 devices' lines: high while their queue holds data. */
static void kbd_set_pending(KBDState *s, uint8_t bit, int level)
{
    if (level) {
        s->pending |= bit;
    } else {
        s->pending &= ~bit;
    }
    kbd_safe_update_irq(s);
}

static void kbd_kbd_line(void *opaque, int n, int level)
{
    (void)n;
    kbd_set_pending(opaque, KBD_PENDING_KBD, level);
}

static void kbd_mouse_line(void *opaque, int n, int level)
{
    (void)n;
    kbd_set_pending(opaque, KBD_PENDING_AUX, level);
}

/* A byte from the controller itself; a second one replaces the first. */
static void kbd_queue(KBDState *s, uint8_t b, bool aux)
{
    s->cbdata = b;
    s->pending &= ~(KBD_PENDING_CTRL_KBD | KBD_PENDING_CTRL_AUX);
    s->pending |= aux ? KBD_PENDING_CTRL_AUX : KBD_PENDING_CTRL_KBD;
    kbd_safe_update_irq(s);
}

static uint8_t kbd_dequeue(KBDState *s)
{
    s->pending &= ~(KBD_PENDING_CTRL_KBD | KBD_PENDING_CTRL_AUX);
    if (kbd_pending(s)) {
        kbd_update_irq(s);
    }
    return s->cbdata;
}

/* ---- port 0x64 ---------------------------------------------------------------- */

static uint64_t kbd_read_status(void *opaque, hwaddr addr, unsigned size)
{
    KBDState *s = opaque;

    (void)addr;
    (void)size;
    trace_pckbd_kbd_read_status(s->status);
    return s->status;
}

/* Output port write (0xd1): A20 follows bit 1 on every write; bit 0 low
 * resets the machine.  The OBF bits take the value written until the
 * output buffer next changes (QEMU). */
static void outport_write(KBDState *s, uint8_t val)
{
    trace_pckbd_outport_write(val);
    s->outport = val;
    qemu_set_irq(s->a20_out, (val >> 1) & 1);
    if (!(val & KBD_OUT_RESET) && s->reset_request) {
        s->reset_request();
    }
}

static void kbd_set_a20(KBDState *s, bool on)
{
    qemu_set_irq(s->a20_out, on);
    if (on) {
        s->outport |= KBD_OUT_A20;
    } else {
        s->outport &= ~KBD_OUT_A20;
    }
}

/*
 * 0xf0-0xff pulse the output port bits whose command bit is 0 for about
 * 6 us.  Only bit 0 matters (CPU reset), so QEMU turns the even ones into
 * 0xfe and the odd ones into 0xff (nothing).
 */
static uint8_t kbd_pulse_command(uint8_t val)
{
    if ((val & KBD_CCMD_PULSE_BITS_3_0) != KBD_CCMD_PULSE_BITS_3_0) {
        return val;
    }
    return (val & 1) ? KBD_CCMD_NO_OP : KBD_CCMD_RESET;
}

/* The commands that answer with one byte; false for the others. */
static bool kbd_answer_command(KBDState *s, uint8_t val)
{
    switch (val) {
    case KBD_CCMD_READ_MODE:
        kbd_queue(s, s->mode, false);
        return true;
    case KBD_CCMD_SELF_TEST:
        s->status |= KBD_STAT_SELFTEST;
        kbd_queue(s, 0x55, false);
        return true;
    case KBD_CCMD_TEST_MOUSE:   /* interface tests pass */
    case KBD_CCMD_KBD_TEST:
        kbd_queue(s, 0x00, false);
        return true;
    case KBD_CCMD_READ_INPORT:  /* bit 7: keyboard not inhibited */
        kbd_queue(s, 0x80, false);
        return true;
    case KBD_CCMD_READ_OUTPORT:
        kbd_queue(s, s->outport, false);
        return true;
    default:
        return false;
    }
}

static void kbd_write_command(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    KBDState *s = opaque;
    uint8_t val = kbd_pulse_command(val64);

    (void)addr;
    (void)size;
    trace_pckbd_kbd_write_command(val64);
    if (kbd_answer_command(s, val)) {
        return;
    }
    switch (val) {
    case KBD_CCMD_WRITE_MODE:
    case KBD_CCMD_WRITE_OBUF:
    case KBD_CCMD_WRITE_AUX_OBUF:
    case KBD_CCMD_WRITE_MOUSE:
    case KBD_CCMD_WRITE_OUTPORT:
        s->write_cmd = val;     /* the next port 0x60 write is the argument */
        break;
    case KBD_CCMD_MOUSE_DISABLE:
        s->mode |= KBD_MODE_DISABLE_MOUSE;
        break;
    case KBD_CCMD_MOUSE_ENABLE:
        s->mode &= ~KBD_MODE_DISABLE_MOUSE;
        kbd_safe_update_irq(s);
        break;
    case KBD_CCMD_KBD_DISABLE:
        s->mode |= KBD_MODE_DISABLE_KBD;
        break;
    case KBD_CCMD_KBD_ENABLE:
        s->mode &= ~KBD_MODE_DISABLE_KBD;
        kbd_safe_update_irq(s);
        break;
    case KBD_CCMD_ENABLE_A20:
    case KBD_CCMD_DISABLE_A20:
        kbd_set_a20(s, val == KBD_CCMD_ENABLE_A20);
        break;
    case KBD_CCMD_RESET:
        if (s->reset_request) {
            s->reset_request();
        }
        break;
    case KBD_CCMD_NO_OP:
        break;
    default:
        /* Ignored, 0xa1 (version) included. */
        qemu_log_mask(LOG_GUEST_ERROR, "unsupported keyboard cmd=0x%02" PRIx64 "\n", val64);
        break;
    }
}

/* ---- port 0x60 ---------------------------------------------------------------- */

/* A full output buffer is emptied and refilled from the next source;
 * an empty one reads its last byte again. */
static uint64_t kbd_read_data(void *opaque, hwaddr addr, unsigned size)
{
    KBDState *s = opaque;

    (void)addr;
    (void)size;
    if (s->status & KBD_STAT_OBF) {
        kbd_deassert_irq(s);
        if (s->obsrc & KBD_OBSRC_KBD) {
            s->obdata = ps2_read_data(&s->ps2kbd.common);
        } else if (s->obsrc & KBD_OBSRC_MOUSE) {
            s->obdata = ps2_read_data(&s->ps2mouse.common);
        } else if (s->obsrc & KBD_OBSRC_CTRL) {
            s->obdata = kbd_dequeue(s);
        }
    }
    trace_pckbd_kbd_read_data(s->obdata);
    return s->obdata;
}

/* The command byte: translation follows bit 6; the interrupt enables act
 * at once, and clearing a disable bit may fill the output buffer. */
static void kbd_write_mode(KBDState *s, uint8_t val)
{
    s->mode = val;
    ps2_keyboard_set_translation(&s->ps2kbd, (val & KBD_MODE_KCC) != 0);
    kbd_update_irq_lines(s);
    kbd_safe_update_irq(s);
}

static void kbd_write_data(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    KBDState *s = opaque;
    uint8_t val = val64;

    (void)addr;
    (void)size;
    trace_pckbd_kbd_write_data(val64);
    switch (s->write_cmd) {
    case 0:
        /* To the keyboard, which that enables again. */
        ps2_write_keyboard(&s->ps2kbd, val);
        s->mode &= ~KBD_MODE_DISABLE_KBD;
        kbd_safe_update_irq(s);
        break;
    case KBD_CCMD_WRITE_MODE:
        kbd_write_mode(s, val);
        break;
    case KBD_CCMD_WRITE_OBUF:
        kbd_queue(s, val, false);
        break;
    case KBD_CCMD_WRITE_AUX_OBUF:
        kbd_queue(s, val, true);
        break;
    case KBD_CCMD_WRITE_OUTPORT:
        outport_write(s, val);
        break;
    case KBD_CCMD_WRITE_MOUSE:
        /* To the mouse, which that enables again. */
        ps2_write_mouse(&s->ps2mouse, val);
        s->mode &= ~KBD_MODE_DISABLE_MOUSE;
        kbd_safe_update_irq(s);
        break;
    default:
        break;
    }
    s->write_cmd = 0;
}

const MemoryRegionOps i8042_data_ops = {
    .read = kbd_read_data,
    .write = kbd_write_data,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

const MemoryRegionOps i8042_cmd_ops = {
    .read = kbd_read_status,
    .write = kbd_write_command,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- life cycle ---------------------------------------------------------------- */

KBDState *i8042_new(qemu_irq kbd_irq, qemu_irq mouse_irq, qemu_irq a20_out,
                    void (*reset_request)(void))
{
    KBDState *s = g_new0(KBDState, 1);

    s->irqs[I8042_KBD_IRQ] = kbd_irq;
    s->irqs[I8042_MOUSE_IRQ] = mouse_irq;
    s->a20_out = a20_out;
    s->reset_request = reset_request;
    s->kbd_in = qemu_allocate_irq(kbd_kbd_line, s, 0);
    s->mouse_in = qemu_allocate_irq(kbd_mouse_line, s, 0);
    ps2_kbd_init(&s->ps2kbd, s->kbd_in);
    ps2_mouse_init(&s->ps2mouse, s->mouse_in);
    return s;
}

void i8042_ps2_reset(KBDState *s)
{
    ps2_mouse_reset(&s->ps2mouse);
    ps2_kbd_reset(&s->ps2kbd);
}

/* obdata and cbdata survive (QEMU does not reset them). */
void i8042_reset(KBDState *s)
{
    s->mode = KBD_MODE_KBD_INT | KBD_MODE_MOUSE_INT;
    s->status = KBD_STAT_CMD | KBD_STAT_UNLOCKED;
    s->outport = KBD_OUT_RESET | KBD_OUT_A20 | KBD_OUT_ONES;
    s->pending = 0;
    kbd_deassert_irq(s);
}

void i8042_free(KBDState *s)
{
    if (!s) {
        return;
    }
    qemu_free_irq(s->kbd_in);
    qemu_free_irq(s->mouse_in);
    g_free(s);
}
