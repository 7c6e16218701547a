/*
 * The i8042 keyboard controller (hw/input/pckbd.c, with its PS/2 devices
 * from hw/input/ps2.c; QEMU 7.2's hw/input/pckbd.c and ps2.c), driven
 * through ports 0x60/0x64 as a guest drives it.
 *
 * The "session" tests replay transcripts recorded from QEMU 7.2 (Debian's
 * qemu-system-i386 7.2+dfsg) on the reference machine with
 * `-qtest stdio -S -trace 'pckbd_*' -trace 'ps2_*'`: each line is a qtest
 * command and QEMU's answer, IRQ 1 / IRQ 12 changes first (from
 * `irq_intercept_in ioapic`), and the trace log is QEMU's with the ps2
 * devices' addresses written MOUSE and KBD.  The other tests cover what
 * qtest cannot show: the A20 line, reset requests, the controller's
 * reset, and a random-access run for robustness.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "hw/core/irq.h"
#include "hw/input/pckbd.h"
#include "softmmu/ioport.h"
#include "softmmu/log.h"
#include "softmmu/memory.h"
#include "softmmu/trace.h"
#include "memtest.h"

/* ---- fixture ------------------------------------------------------------ */

static KBDState *kbd;
static AddressSpace *io_as;
static qemu_irq irq1, irq12, a20;
static int irq_level[16];
static int a20_level, a20_calls, resets;
static GString *session_out;    /* "IRQ raise 1; " while a session runs */

static void irq_handler(void *opaque, int n, int level)
{
    (void)opaque;
    if (session_out && level != irq_level[n]) {
        g_string_append_printf(session_out, "IRQ %s %d; ", level ? "raise" : "lower", n);
    }
    irq_level[n] = level;
}

static void a20_handler(void *opaque, int n, int level)
{
    (void)opaque;
    (void)n;
    a20_level = level;
    a20_calls++;
}

static void reset_request(void)
{
    resets++;
}

/* QEMU resets the machine before the guest (or qtest) runs. */
static void machine_reset(void)
{
    i8042_ps2_reset(kbd);
    i8042_reset(kbd);
}

static void setup(void)
{
    MemoryRegion *io_root;

    memtest_setup();
    memset(irq_level, 0, sizeof(irq_level));
    a20_level = -1;
    a20_calls = resets = 0;
    irq1 = qemu_allocate_irq(irq_handler, NULL, 1);
    irq12 = qemu_allocate_irq(irq_handler, NULL, 12);
    a20 = qemu_allocate_irq(a20_handler, NULL, 0);
    kbd = i8042_new(irq1, irq12, a20, reset_request);
    /* pc.c's system I/O space: unassigned_io_ops under the devices. */
    io_root = memtest_io("io", 0x10000, &unassigned_io_ops, NULL);
    memtest_add(io_root, 0x60, memtest_io("i8042-data", 1, &i8042_data_ops, kbd), 0);
    memtest_add(io_root, 0x64, memtest_io("i8042-cmd", 1, &i8042_cmd_ops, kbd), 0);
    io_as = memtest_as(io_root, "I/O");
}

static void teardown(void)
{
    if (session_out) {
        g_string_free(session_out, true);
        session_out = NULL;
    }
    memtest_log_end();
    trace_disable_all();
    memtest_teardown();
    i8042_free(kbd);
    kbd = NULL;
    qemu_free_irq(irq1);
    qemu_free_irq(irq12);
    qemu_free_irq(a20);
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

/* ---- qtest session replay -------------------------------------------------- */

static unsigned size_of(const char *cmd)
{
    char c = cmd[strlen(cmd) - 1];

    return c == 'b' ? 1 : c == 'w' ? 2 : 4;
}

/* Host input, as the recorder's QMP input-send-event batches became:
 * "mouse DX DY DZ DW BUTTONS" (one batch and its sync) and "key NAME
 * SET2CODE DOWN" (ps2_keyboard_event for scan code set 2). */
static bool host_input(gchar **w)
{
    if (g_str_equal(w[0], "mouse")) {
        ps2_mouse_event(&kbd->ps2mouse, atoi(w[1]), atoi(w[2]), atoi(w[3]), atoi(w[4]),
                        strtoul(w[5], NULL, 0));
        return true;
    }
    if (g_str_equal(w[0], "key")) {
        unsigned code = strtoul(w[2], NULL, 0);

        if (code & 0xff00) {
            ps2_put_keycode(&kbd->ps2kbd, code >> 8);
        }
        if (!atoi(w[3])) {
            ps2_put_keycode(&kbd->ps2kbd, 0xf0);
        }
        ps2_put_keycode(&kbd->ps2kbd, code & 0xff);
        return true;
    }
    return false;
}

/* One qtest command (or host input); its answer goes to session_out.
 * Returns false for host input, which has no answer: the IRQ changes it
 * causes show in the next command's answer, as qtest reports them. */
static bool session_command(const char *line)
{
    gchar **w = g_strsplit(line, " ", -1);

    if (host_input(w)) {
        g_strfreev(w);
        return false;
    } else if (g_str_equal(w[0], "irq_intercept_in")) {
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
    return true;
}

/* The log with the PS/2 devices' addresses written as QEMU's transcript
 * writes them (MOUSE, KBD). */
static char *log_named(void)
{
    char *log = memtest_log_take();
    const struct { void *p; const char *name; } dev[] = {
        { &kbd->ps2kbd, "KBD" }, { &kbd->ps2mouse, "MOUSE" },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(dev); i++) {
        for (const char *end = " \n"; *end; end++) {
            char *from = g_strdup_printf("%p%c", dev[i].p, *end);
            char *to = g_strdup_printf("%s%c", dev[i].name, *end);
            gchar **parts = g_strsplit(log, from, -1);

            g_free(log);
            log = g_strjoinv(to, parts);
            g_strfreev(parts);
            g_free(from);
            g_free(to);
        }
    }
    return memtest_gc(log);
}

/* Reset the machine, then replay "COMMAND => ANSWER" lines, comparing the
 * answers line by line and (when trace is not NULL) the pckbd_* and ps2_*
 * trace log, reset included, as a whole. */
static void run_session(const char *session, const char *trace)
{
    gchar **lines = g_strsplit(session, "\n", -1);

    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("pckbd_*"), 5);
    ck_assert_int_eq(trace_enable_events("ps2_*"), 12);
    machine_reset();
    session_out = g_string_new(NULL);
    for (int i = 0, carry = 0; lines[i] && *lines[i]; i++) {
        char *sep = strstr(lines[i], " => ");

        ck_assert_ptr_nonnull(sep);
        *sep = 0;
        if (!carry) {
            g_string_truncate(session_out, 0);
        }
        carry = !session_command(lines[i]);
        ck_assert_msg(carry || g_str_equal(session_out->str, sep + 4),
                      "line %d '%s': got '%s', QEMU 7.2 says '%s'",
                      i + 1, lines[i], session_out->str, sep + 4);
    }
    g_strfreev(lines);
    trace_disable_all();
    if (trace) {
        char *log = log_named();

        ck_assert_msg(g_str_equal(log, trace), "log:\n%s\nexpected:\n%s", log, trace);
    }
}

/* ---- transcripts recorded from QEMU 7.2 ------------------------------------ */

static const char session_ctrl[] =
    "irq_intercept_in ioapic => OK\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0x20 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0003\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0003\n"
    "outb 0x64 0xaa => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x001d\n"
    "inb 0x60 => IRQ lower 1; OK 0x0055\n"
    "inb 0x64 => OK 0x001c\n"
    "outb 0x64 0xab => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0000\n"
    "outb 0x64 0xa9 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0000\n"
    "outb 0x64 0xc0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0080\n"
    "outb 0x64 0xd0 => IRQ raise 1; OK\n"
    "outb 0x64 0xd0 => OK\n"
    "inb 0x64 => OK 0x001d\n"
    "inb 0x60 => IRQ lower 1; OK 0x00df\n"
    "outb 0x64 0xd1 => OK\n"
    "outb 0x60 0xcd => OK\n"
    "outb 0x64 0xd0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00cd\n"
    "outb 0x64 0xdf => OK\n"
    "outb 0x64 0xd0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00cf\n"
    "outb 0x64 0xdd => OK\n"
    "outb 0x64 0xd0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00cd\n"
    "outb 0x64 0xd1 => OK\n"
    "outb 0x60 0xff => OK\n"
    "inb 0x64 => OK 0x001c\n"
    "outb 0x64 0xd0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00ff\n"
    "outb 0x64 0xd1 => OK\n"
    "outb 0x60 0xcf => OK\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x00 => OK\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x11 => OK\n"
    "inb 0x64 => OK 0x001d\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x01 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0011\n"
    "outb 0x64 0xd3 => OK\n"
    "outb 0x60 0x12 => OK\n"
    "inb 0x64 => OK 0x003d\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x02 => IRQ raise 12; OK\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x01 => IRQ lower 12; OK\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x03 => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; OK 0x0012\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x13 => IRQ raise 1; OK\n"
    "outb 0x64 0xd3 => OK\n"
    "outb 0x60 0x14 => OK\n"
    "inb 0x64 => OK 0x001d\n"
    "inb 0x60 => IRQ lower 1; OK 0x0014\n"
    "inb 0x64 => OK 0x001c\n"
    "outb 0x64 0xad => OK\n"
    "outb 0x64 0x20 => OK\n"
    "inb 0x60 => OK 0x0013\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x21 => OK\n"
    "inb 0x64 => OK 0x001d\n"
    "outb 0x64 0xae => OK\n"
    "inb 0x64 => OK 0x001d\n"
    "inb 0x60 => OK 0x0021\n"
    "outb 0x64 0xad => OK\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x22 => OK\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x03 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0022\n"
    "outb 0x64 0xa7 => OK\n"
    "outb 0x64 0xd3 => OK\n"
    "outb 0x60 0x23 => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x003d\n"
    "inb 0x60 => IRQ lower 12; OK 0x0023\n"
    "outb 0x64 0x20 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0023\n"
    "outb 0x64 0xa8 => OK\n"
    "outb 0x64 0xa1 => OK\n"
    "outb 0x64 0x00 => OK\n"
    "outb 0x64 0xf1 => OK\n"
    "outb 0x64 0xff => OK\n"
    "outb 0x64 0xfb => OK\n"
    "inb 0x64 => OK 0x001c\n"
    "inb 0x60 => OK 0x0023\n"
    "inb 0x60 => OK 0x0023\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x64 0xaa => IRQ raise 1; OK\n"
    "outb 0x60 0x77 => OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x0077\n"
    "outw 0x64 0x55aa => IRQ raise 1; OK\n"
    "inw 0x64 => OK 0x1d1d\n"
    "inb 0x60 => IRQ lower 1; OK 0x0055\n"
    "inl 0x64 => OK 0x1c1c1c1c\n"
    "outb 0x64 0xd2 => OK\n"
    "outl 0x60 0x12345678 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0078\n";

static const char trace_ctrl[] =
    "ps2_mouse_reset MOUSE\n"
    "ps2_kbd_reset KBD\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_write_command 0x20\n"
    "pckbd_kbd_read_status 0x19\n"
    "pckbd_kbd_read_data 0x03\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0x03\n"
    "pckbd_kbd_write_command 0xaa\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_read_data 0x55\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_write_command 0xab\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_write_command 0xa9\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_write_command 0xc0\n"
    "pckbd_kbd_read_data 0x80\n"
    "pckbd_kbd_write_command 0xd0\n"
    "pckbd_kbd_write_command 0xd0\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_read_data 0xdf\n"
    "pckbd_kbd_write_command 0xd1\n"
    "pckbd_kbd_write_data 0xcd\n"
    "pckbd_outport_write 0xcd\n"
    "pckbd_kbd_write_command 0xd0\n"
    "pckbd_kbd_read_data 0xcd\n"
    "pckbd_kbd_write_command 0xdf\n"
    "pckbd_kbd_write_command 0xd0\n"
    "pckbd_kbd_read_data 0xcf\n"
    "pckbd_kbd_write_command 0xdd\n"
    "pckbd_kbd_write_command 0xd0\n"
    "pckbd_kbd_read_data 0xcd\n"
    "pckbd_kbd_write_command 0xd1\n"
    "pckbd_kbd_write_data 0xff\n"
    "pckbd_outport_write 0xff\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_write_command 0xd0\n"
    "pckbd_kbd_read_data 0xff\n"
    "pckbd_kbd_write_command 0xd1\n"
    "pckbd_kbd_write_data 0xcf\n"
    "pckbd_outport_write 0xcf\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x11\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x01\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_read_data 0x11\n"
    "pckbd_kbd_write_command 0xd3\n"
    "pckbd_kbd_write_data 0x12\n"
    "pckbd_kbd_read_status 0x3d\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x02\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x01\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x03\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_read_data 0x12\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x13\n"
    "pckbd_kbd_write_command 0xd3\n"
    "pckbd_kbd_write_data 0x14\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_read_data 0x14\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_write_command 0xad\n"
    "pckbd_kbd_write_command 0x20\n"
    "pckbd_kbd_read_data 0x13\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x21\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_write_command 0xae\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_read_data 0x21\n"
    "pckbd_kbd_write_command 0xad\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x22\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x03\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_read_data 0x22\n"
    "pckbd_kbd_write_command 0xa7\n"
    "pckbd_kbd_write_command 0xd3\n"
    "pckbd_kbd_write_data 0x23\n"
    "pckbd_kbd_read_status 0x3d\n"
    "pckbd_kbd_read_data 0x23\n"
    "pckbd_kbd_write_command 0x20\n"
    "pckbd_kbd_read_data 0x23\n"
    "pckbd_kbd_write_command 0xa8\n"
    "pckbd_kbd_write_command 0xa1\n"
    "pckbd_kbd_write_command 0x00\n"
    "pckbd_kbd_write_command 0xf1\n"
    "pckbd_kbd_write_command 0xff\n"
    "pckbd_kbd_write_command 0xfb\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_read_data 0x23\n"
    "pckbd_kbd_read_data 0x23\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_command 0xaa\n"
    "pckbd_kbd_write_data 0x77\n"
    "pckbd_kbd_read_data 0x77\n"
    "pckbd_kbd_write_command 0xaa\n"
    "pckbd_kbd_write_command 0x55\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_read_status 0x1d\n"
    "pckbd_kbd_read_data 0x55\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_read_status 0x1c\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x78\n"
    "pckbd_kbd_write_data 0x56\n"
    "ps2_write_keyboard KBD val 86\n"
    "pckbd_kbd_write_data 0x34\n"
    "ps2_write_keyboard KBD val 52\n"
    "pckbd_kbd_write_data 0x12\n"
    "ps2_write_keyboard KBD val 18\n"
    "pckbd_kbd_read_data 0x78\n";

static const char session_kbd[] =
    "irq_intercept_in ioapic => OK\n"
    "outb 0x60 0xff => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00aa\n"
    "inb 0x60 => OK 0x00aa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xee => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00ee\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00ee\n"
    "inb 0x60 => OK 0x00ee\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00ab\n"
    "inb 0x60 => IRQ lower 1; OK 0x0083\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0x05 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xfe => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0x12 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf7 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x60 => OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xfa => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf4 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf5 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf6 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xed => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x07 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0xf3 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x7f => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0xfc => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x33 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0002\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x01 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0001\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x03 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0003\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x04 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fe\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fe\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0003\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x02 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0002\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x43 => OK\n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00ab\n"
    "inb 0x60 => IRQ lower 1; OK 0x0041\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0041\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x01 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0043\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x03 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x003f\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x02 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf0 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "outb 0x60 0x00 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0041\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x03 => OK\n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "outb 0x60 0xee => OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00ee\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "outb 0x60 0xff => OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 1; OK 0x00aa\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xed => IRQ raise 1; OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "outb 0x64 0xad => OK\n"
    "inb 0x60 => IRQ lower 1; OK 0x00ab\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x5a => OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => OK 0x005a\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x64 0xae => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0083\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x5b => OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x005b\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00ab\n"
    "inb 0x60 => IRQ lower 1; OK 0x0083\n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x00 => OK\n"
    "outb 0x60 0xee => OK\n"
    "inb 0x64 => OK 0x0019\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x11 => OK\n"
    "inb 0x64 => OK 0x0019\n"
    "outb 0x64 0xae => OK\n"
    "inb 0x60 => OK 0x00ee\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x03 => OK\n";

static const char trace_kbd[] =
    "ps2_mouse_reset MOUSE\n"
    "ps2_kbd_reset KBD\n"
    "pckbd_kbd_write_data 0xff\n"
    "ps2_write_keyboard KBD val 255\n"
    "ps2_reset_keyboard KBD\n"
    "ps2_set_ledstate KBD ledstate 0\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xaa\n"
    "pckbd_kbd_read_data 0xaa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xee\n"
    "ps2_write_keyboard KBD val 238\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xee\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xee\n"
    "pckbd_kbd_read_data 0xee\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xab\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x83\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0x05\n"
    "ps2_write_keyboard KBD val 5\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xfe\n"
    "ps2_write_keyboard KBD val 254\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0x12\n"
    "ps2_write_keyboard KBD val 18\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf7\n"
    "ps2_write_keyboard KBD val 247\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xfa\n"
    "ps2_write_keyboard KBD val 250\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf4\n"
    "ps2_write_keyboard KBD val 244\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf5\n"
    "ps2_write_keyboard KBD val 245\n"
    "ps2_reset_keyboard KBD\n"
    "ps2_set_ledstate KBD ledstate 0\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf6\n"
    "ps2_write_keyboard KBD val 246\n"
    "ps2_reset_keyboard KBD\n"
    "ps2_set_ledstate KBD ledstate 0\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xed\n"
    "ps2_write_keyboard KBD val 237\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x07\n"
    "ps2_write_keyboard KBD val 7\n"
    "ps2_set_ledstate KBD ledstate 7\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_keyboard KBD val 243\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x7f\n"
    "ps2_write_keyboard KBD val 127\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xfc\n"
    "ps2_write_keyboard KBD val 252\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x33\n"
    "ps2_write_keyboard KBD val 51\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x02\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x01\n"
    "ps2_write_keyboard KBD val 1\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x01\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x03\n"
    "ps2_write_keyboard KBD val 3\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x03\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x04\n"
    "ps2_write_keyboard KBD val 4\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x03\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x02\n"
    "ps2_write_keyboard KBD val 2\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x02\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x43\n"
    "ps2_keyboard_set_translation KBD mode 1\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xab\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x41\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x41\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x01\n"
    "ps2_write_keyboard KBD val 1\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x43\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x03\n"
    "ps2_write_keyboard KBD val 3\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x3f\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x02\n"
    "ps2_write_keyboard KBD val 2\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_keyboard KBD val 240\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_write_keyboard KBD val 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x41\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x03\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "pckbd_kbd_write_data 0xee\n"
    "ps2_write_keyboard KBD val 238\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xee\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xff\n"
    "ps2_write_keyboard KBD val 255\n"
    "ps2_reset_keyboard KBD\n"
    "ps2_set_ledstate KBD ledstate 0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xaa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xed\n"
    "ps2_write_keyboard KBD val 237\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "ps2_set_ledstate KBD ledstate 242\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_command 0xad\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xab\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x5a\n"
    "pckbd_kbd_read_status 0x19\n"
    "pckbd_kbd_read_data 0x5a\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_command 0xae\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x83\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "pckbd_kbd_write_command 0xd2\n"
    "pckbd_kbd_write_data 0x5b\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_data 0x5b\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xab\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x83\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x00\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_write_data 0xee\n"
    "ps2_write_keyboard KBD val 238\n"
    "pckbd_kbd_read_status 0x19\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x11\n"
    "ps2_keyboard_set_translation KBD mode 0\n"
    "pckbd_kbd_read_status 0x19\n"
    "pckbd_kbd_write_command 0xae\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xee\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x03\n"
    "ps2_keyboard_set_translation KBD mode 0\n";

static const char session_mouse[] =
    "irq_intercept_in ioapic => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xff => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00aa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0064\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe8 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0x03 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe7 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0010\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0003\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0064\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe6 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0x28 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf0 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0040\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0003\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0028\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0028\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xeb => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0008\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xea => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf4 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xeb => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0020\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0003\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0028\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0008\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf5 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 100 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 80 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0003\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xeb => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0008\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 80 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0004\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0004\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xeb => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0008\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 80 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0004\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf6 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0064\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xee => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0x12 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xff => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xec => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00aa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00f2\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe1 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xfe => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0x00 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe0 => OK\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0064\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0064\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xff => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00aa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => IRQ raise 12; OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 1; OK 0x00fa\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 1; OK 0x0000\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00ab\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0083\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0083\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xe9 => IRQ raise 12; OK\n"
    "outb 0x64 0xd2 => OK\n"
    "outb 0x60 0x31 => OK\n"
    "outb 0x60 0xee => OK\n"
    "outb 0x64 0xd3 => OK\n"
    "outb 0x60 0x32 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 1; OK 0x0032\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 12; OK 0x00ee\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0002\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0064\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0064\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0064\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x01 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => OK 0x00fa\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x03 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf2 => IRQ raise 12; OK\n"
    "outb 0x64 0xa7 => OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x00fa\n"
    "outb 0x64 0x20 => IRQ raise 1; OK\n"
    "inb 0x64 => OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; OK 0x0023\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0023\n"
    "outb 0x64 0xa8 => IRQ raise 12; OK\n"
    "inb 0x64 => OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x64 => OK 0x0018\n"
    "inb 0x60 => OK 0x0000\n";


static const char session_input[] =
    "irq_intercept_in ioapic => OK\n"
    "mouse 5 0 0 0 0x0 => \n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf4 => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "mouse 5 -3 0 0 0x0 => \n"
    "inb 0x64 => IRQ raise 12; OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0008\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0005\n"
    "inb 0x60 => IRQ lower 12; OK 0x0003\n"
    "inb 0x60 => OK 0x0003\n"
    "mouse 300 -200 0 0 0x1 => \n"
    "inb 0x64 => IRQ raise 12; OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0009\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x007f\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x007f\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0009\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x007f\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0049\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0009\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x002e\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x60 => OK 0x0000\n"
    "mouse -1000 0 0 0 0x1 => \n"
    "inb 0x64 => IRQ raise 12; OK 0x0039\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0019\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0019\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0019\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0019\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0019\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x60 => OK 0x0000\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf0 => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "mouse -7 0 0 0 0x3 => \n"
    "inb 0x64 => OK 0x0018\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xeb => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x001b\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xeb => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x001b\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0081\n"
    "inb 0x60 => IRQ lower 12; OK 0x0000\n"
    "inb 0x60 => OK 0x0000\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xea => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 100 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 80 => OK\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "mouse 0 0 1 0 0x2 => \n"
    "inb 0x60 => IRQ raise 12; IRQ lower 12; IRQ raise 12; OK 0x001a\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x008a\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; OK 0x0001\n"
    "inb 0x60 => OK 0x0001\n"
    "mouse 0 9 -2 0 0x2 => \n"
    "inb 0x60 => IRQ raise 12; IRQ lower 12; IRQ raise 12; OK 0x002a\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00f7\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fe\n"
    "inb 0x60 => OK 0x00fe\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => IRQ raise 12; OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 200 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf3 => OK\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 80 => OK\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "mouse 0 0 0 1 0xa => \n"
    "inb 0x60 => IRQ raise 12; IRQ lower 12; IRQ raise 12; OK 0x000a\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; OK 0x0041\n"
    "inb 0x60 => OK 0x0041\n"
    "mouse 0 0 1 0 0x1a => \n"
    "inb 0x60 => IRQ raise 12; IRQ lower 12; IRQ raise 12; OK 0x000a\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; IRQ raise 12; OK 0x0000\n"
    "inb 0x60 => IRQ lower 12; OK 0x0031\n"
    "inb 0x60 => OK 0x0031\n"
    "outb 0x64 0xd4 => OK\n"
    "outb 0x60 0xf5 => IRQ raise 12; OK\n"
    "inb 0x60 => IRQ lower 12; OK 0x00fa\n"
    "mouse 5 0 0 0 0x1a => \n"
    "inb 0x64 => OK 0x0018\n"
    "key a 0x1c 1 => \n"
    "key a 0x1c 0 => \n"
    "inb 0x64 => IRQ raise 1; OK 0x0019\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x001c\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00f0\n"
    "inb 0x60 => IRQ lower 1; OK 0x001c\n"
    "inb 0x60 => OK 0x001c\n"
    "outb 0x64 0x60 => OK\n"
    "outb 0x60 0x43 => OK\n"
    "key a 0x1c 1 => \n"
    "key a 0x1c 0 => \n"
    "key kp_enter 0xe05a 1 => \n"
    "key kp_enter 0xe05a 0 => \n"
    "inb 0x60 => IRQ raise 1; IRQ lower 1; IRQ raise 1; OK 0x001e\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x009e\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00e0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x001c\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00e0\n"
    "inb 0x60 => IRQ lower 1; OK 0x009c\n"
    "inb 0x60 => OK 0x009c\n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "key b 0x32 1 => \n"
    "key b 0x32 0 => \n"
    "outb 0x60 0xf2 => IRQ raise 1; OK\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00fa\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00ab\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0041\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x00b0\n"
    "inb 0x60 => IRQ lower 1; IRQ raise 1; OK 0x0030\n"
    "inb 0x60 => IRQ lower 1; OK 0x00b0\n"
    "inb 0x60 => OK 0x00b0\n";

static const char trace_input[] =
    "ps2_mouse_reset MOUSE\n"
    "ps2_kbd_reset KBD\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf4\n"
    "ps2_write_mouse MOUSE val 244\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_mouse_send_packet MOUSE x 5 y 3 z 0 bs 0x8\n"
    "pckbd_kbd_read_status 0x39\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x08\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x05\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x03\n"
    "pckbd_kbd_read_data 0x03\n"
    "ps2_mouse_send_packet MOUSE x 127 y 127 z 0 bs 0x9\n"
    "ps2_mouse_send_packet MOUSE x 127 y 73 z 0 bs 0x9\n"
    "ps2_mouse_send_packet MOUSE x 46 y 0 z 0 bs 0x9\n"
    "pckbd_kbd_read_status 0x39\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x09\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x7f\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x7f\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x09\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x7f\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x49\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x09\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x2e\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x19\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x19\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x19\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x19\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x19\n"
    "pckbd_kbd_read_status 0x39\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x19\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x19\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x19\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x19\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x19\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf0\n"
    "ps2_write_mouse MOUSE val 240\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xeb\n"
    "ps2_write_mouse MOUSE val 235\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x1b\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x1b\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xeb\n"
    "ps2_write_mouse MOUSE val 235\n"
    "ps2_mouse_send_packet MOUSE x -127 y 0 z 0 bs 0x1b\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x1b\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x81\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_read_data 0x00\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xea\n"
    "ps2_write_mouse MOUSE val 234\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_mouse MOUSE val 243\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xc8\n"
    "ps2_write_mouse MOUSE val 200\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_mouse MOUSE val 243\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0x64\n"
    "ps2_write_mouse MOUSE val 100\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_mouse MOUSE val 243\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0x50\n"
    "ps2_write_mouse MOUSE val 80\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_mouse_send_packet MOUSE x -118 y 0 z 1 bs 0x1a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x1a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x8a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x01\n"
    "pckbd_kbd_read_data 0x01\n"
    "ps2_mouse_send_packet MOUSE x 0 y -9 z -2 bs 0x2a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x2a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xf7\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_read_data 0xfe\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_mouse MOUSE val 243\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xc8\n"
    "ps2_write_mouse MOUSE val 200\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_mouse MOUSE val 243\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xc8\n"
    "ps2_write_mouse MOUSE val 200\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf3\n"
    "ps2_write_mouse MOUSE val 243\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0x50\n"
    "ps2_write_mouse MOUSE val 80\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_mouse_send_packet MOUSE x 0 y 0 z 0 bs 0x41\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x0a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x41\n"
    "pckbd_kbd_read_data 0x41\n"
    "ps2_mouse_send_packet MOUSE x 0 y 0 z 1 bs 0x31\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x0a\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x00\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0x31\n"
    "pckbd_kbd_read_data 0x31\n"
    "pckbd_kbd_write_command 0xd4\n"
    "pckbd_kbd_write_data 0xf5\n"
    "ps2_write_mouse MOUSE val 245\n"
    "ps2_read_data MOUSE\n"
    "pckbd_kbd_read_data 0xfa\n"
    "pckbd_kbd_read_status 0x18\n"
    "ps2_put_keycode KBD keycode 0x1c\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x1c\n"
    "pckbd_kbd_read_status 0x19\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x1c\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xf0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x1c\n"
    "pckbd_kbd_read_data 0x1c\n"
    "pckbd_kbd_write_command 0x60\n"
    "pckbd_kbd_write_data 0x43\n"
    "ps2_keyboard_set_translation KBD mode 1\n"
    "ps2_put_keycode KBD keycode 0x1c\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x1c\n"
    "ps2_put_keycode KBD keycode 0xe0\n"
    "ps2_put_keycode KBD keycode 0x5a\n"
    "ps2_put_keycode KBD keycode 0xe0\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x5a\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x1e\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x9e\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xe0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x1c\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xe0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x9c\n"
    "pckbd_kbd_read_data 0x9c\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "ps2_put_keycode KBD keycode 0xf0\n"
    "ps2_put_keycode KBD keycode 0x32\n"
    "pckbd_kbd_write_data 0xf2\n"
    "ps2_write_keyboard KBD val 242\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xfa\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xab\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x41\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0x30\n"
    "ps2_read_data KBD\n"
    "pckbd_kbd_read_data 0xb0\n"
    "pckbd_kbd_read_data 0xb0\n";


/* ---- sessions ------------------------------------------------------------ */

START_TEST(test_session_controller)
{
    run_session(session_ctrl, trace_ctrl);
}
END_TEST

START_TEST(test_session_keyboard)
{
    run_session(session_kbd, trace_kbd);
}
END_TEST

START_TEST(test_session_mouse)
{
    run_session(session_mouse, NULL);
}
END_TEST

/* Host input (QEMU: QMP input-send-event on a running, halted guest):
 * stream and remote mode packets, movement split into packets, the queue
 * filling up, IntelliMouse wheel bytes, scancodes with and without
 * translation, and command replies in front of queued scancodes.  The
 * trace leaves out ps2_keyboard_event (no qcode path here). */
START_TEST(test_session_input)
{
    run_session(session_input, trace_input);
}
END_TEST

/* ---- reset ---------------------------------------------------------------- */

static uint8_t command_reply(uint8_t cmd)
{
    outb(0x64, cmd);
    ck_assert_uint_eq(inb(0x64) & 0x21, 0x01);
    return inb(0x60);
}

START_TEST(test_reset_values)
{
    machine_reset();
    ck_assert_uint_eq(inb(0x64), 0x18);
    ck_assert_uint_eq(command_reply(0x20), 0x03);
    ck_assert_uint_eq(command_reply(0xd0), 0xcf);
    ck_assert_int_eq(irq_level[1], 0);
    ck_assert_int_eq(irq_level[12], 0);
    ck_assert_int_eq(kbd->ps2kbd.scancode_set, 2);
    ck_assert_int_eq(kbd->ps2kbd.common.write_cmd, -1);
    ck_assert_int_eq(kbd->ps2mouse.common.write_cmd, -1);
    ck_assert_int_eq(kbd->ps2mouse.mouse_sample_rate, 0);
    ck_assert_int_eq(kbd->ps2mouse.mouse_resolution, 0);
    /* no reset request and no A20 change from a reset */
    ck_assert_int_eq(resets, 0);
    ck_assert_int_eq(a20_calls, 0);
}
END_TEST

/* A reset empties the output buffer and lowers the lines, but the last
 * byte read and a command waiting for its argument survive (QEMU's
 * kbd_reset leaves obdata and write_cmd alone). */
START_TEST(test_reset_keeps_obdata_and_write_cmd)
{
    machine_reset();
    outb(0x64, 0xd2);
    outb(0x60, 0x42);
    ck_assert_uint_eq(inb(0x60), 0x42);
    outb(0x64, 0xaa);                   /* self test: status bit 2, OBF */
    outb(0x60, 0xf2);                   /* three keyboard bytes queued */
    ck_assert_int_eq(irq_level[1], 1);
    outb(0x64, 0xd2);                   /* waits for its byte */
    machine_reset();
    ck_assert_int_eq(irq_level[1], 0);
    ck_assert_uint_eq(inb(0x64), 0x18);
    ck_assert_uint_eq(inb(0x60), 0x42);
    outb(0x60, 0x99);                   /* still the 0xd2 argument */
    ck_assert_uint_eq(inb(0x64), 0x19);
    ck_assert_uint_eq(inb(0x60), 0x99);
    ck_assert_uint_eq(inb(0x64), 0x18);
}
END_TEST

/* ---- A20 and reset requests --------------------------------------------- */

START_TEST(test_a20_line)
{
    machine_reset();
    outb(0x64, 0xd1);
    outb(0x60, 0xcd);
    ck_assert_int_eq(a20_level, 0);
    ck_assert_uint_eq(command_reply(0xd0), 0xcd);
    outb(0x64, 0xd1);
    outb(0x60, 0xcd);                   /* set again although unchanged */
    ck_assert_int_eq(a20_calls, 2);
    outb(0x64, 0xdf);
    ck_assert_int_eq(a20_level, 1);
    ck_assert_uint_eq(command_reply(0xd0), 0xcf);
    outb(0x64, 0xdd);
    ck_assert_int_eq(a20_level, 0);
    ck_assert_uint_eq(command_reply(0xd0), 0xcd);
    outb(0x64, 0xd1);
    outb(0x60, 0x03);
    ck_assert_int_eq(a20_level, 1);
    ck_assert_int_eq(a20_calls, 5);
    ck_assert_int_eq(resets, 0);
}
END_TEST

START_TEST(test_reset_requests)
{
    int expected = 0;

    machine_reset();
    /* 0xf0-0xff pulse output port bits 3-0 low: reset when bit 0 is 0 */
    for (int cmd = 0xf0; cmd <= 0xff; cmd++) {
        outb(0x64, cmd);
        expected += !(cmd & 1);
        ck_assert_int_eq(resets, expected);
    }
    /* writing the output port with bit 0 clear */
    outb(0x64, 0xd1);
    outb(0x60, 0xcf);
    ck_assert_int_eq(resets, expected);
    outb(0x64, 0xd1);
    outb(0x60, 0x02);
    ck_assert_int_eq(resets, expected + 1);
    ck_assert_int_eq(a20_level, 1);
    ck_assert_int_eq(inb(0x64), 0x18);
}
END_TEST

/* Nothing connected: no crash. */
START_TEST(test_unconnected)
{
    KBDState *s = i8042_new(NULL, NULL, NULL, NULL);
    static const uint8_t cmds[] = { 0xfe, 0xf0, 0xdd, 0xdf, 0xaa, 0xd3, 0xd1 };

    i8042_ps2_reset(s);
    i8042_reset(s);
    for (unsigned i = 0; i < sizeof(cmds); i++) {
        i8042_cmd_ops.write(s, 0, cmds[i], 1);
    }
    i8042_data_ops.write(s, 0, 0x00, 1);    /* output port: reset bit low */
    i8042_data_ops.write(s, 0, 0xff, 1);    /* to the keyboard: reset */
    ck_assert_uint_eq(i8042_data_ops.read(s, 0, 1), 0x55);
    ck_assert_uint_eq(i8042_data_ops.read(s, 0, 1), 0xfa);
    ck_assert_uint_eq(i8042_data_ops.read(s, 0, 1), 0xaa);
    i8042_free(s);
    i8042_free(NULL);
}
END_TEST

/* ---- logs ------------------------------------------------------------------ */

START_TEST(test_unsupported_command_log)
{
    machine_reset();
    memtest_log_begin(LOG_GUEST_ERROR);
    outb(0x64, 0xa1);
    outb(0x64, 0x00);
    outb(0x64, 0xf1);                   /* a pulse without reset: silent */
    assert_log("unsupported keyboard cmd=0xa1\nunsupported keyboard cmd=0x00\n");
    memtest_log_end();
    memtest_log_begin(0);
    outb(0x64, 0xa1);
    assert_log("");
    ck_assert_uint_eq(inb(0x64), 0x18);
}
END_TEST

/* ---- robustness ---------------------------------------------------------- */

static void assert_queue_sane(const PS2State *ps, int max)
{
    const PS2Queue *q = &ps->queue;

    ck_assert_int_ge(q->count, 0);
    ck_assert_int_le(q->count, max);
    ck_assert(q->rptr >= 0 && q->rptr < PS2_BUFFER_SIZE);
    ck_assert(q->wptr >= 0 && q->wptr < PS2_BUFFER_SIZE);
    ck_assert(q->cwptr >= -1 && q->cwptr < PS2_BUFFER_SIZE);
}

/* Random port traffic with a bias towards the commands that take an
 * argument; the queues stay within their bounds. */
START_TEST(test_random_accesses)
{
    GRand *r = g_rand_new_with_seed(0x8042);
    static const uint8_t cmds[] = { 0x20, 0x60, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xad,
                                    0xae, 0xc0, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd4,
                                    0xd4, 0xdd, 0xdf, 0xf1 };

    machine_reset();
    for (int i = 0; i < 200000; i++) {
        int op = g_rand_int_range(r, 0, 10);
        uint8_t v = g_rand_int_range(r, 0, 256);

        if (op < 3) {
            outb(0x64, g_rand_boolean(r) ? v : cmds[v % sizeof(cmds)]);
        } else if (op < 6) {
            outb(0x60, v);
        } else if (op < 9) {
            inb(g_rand_boolean(r) ? 0x60 : 0x64);
        } else if (v == 0) {
            machine_reset();
        }
        /* keyboard: replies only (3 at most); mouse: PS2_QUEUE_SIZE */
        assert_queue_sane(&kbd->ps2kbd.common, 3);
        assert_queue_sane(&kbd->ps2mouse.common, PS2_QUEUE_SIZE);
        ck_assert_uint_eq(kbd->status & 0xc2, 0);
    }
    ck_assert_int_gt(resets, 0);
    g_rand_free(r);
}
END_TEST

static Suite *pckbd_suite(void)
{
    Suite *s = suite_create("pckbd");
    TCase *qemu = tcase_create("qemu-sessions");
    TCase *misc = tcase_create("reset-a20-logs");
    TCase *fuzz = tcase_create("robustness");

    tcase_add_checked_fixture(qemu, setup, teardown);
    tcase_add_test(qemu, test_session_controller);
    tcase_add_test(qemu, test_session_keyboard);
    tcase_add_test(qemu, test_session_mouse);
    tcase_add_test(qemu, test_session_input);
    suite_add_tcase(s, qemu);

    tcase_add_checked_fixture(misc, setup, teardown);
    tcase_add_test(misc, test_reset_values);
    tcase_add_test(misc, test_reset_keeps_obdata_and_write_cmd);
    tcase_add_test(misc, test_a20_line);
    tcase_add_test(misc, test_reset_requests);
    tcase_add_test(misc, test_unconnected);
    tcase_add_test(misc, test_unsupported_command_log);
    suite_add_tcase(s, misc);

    tcase_add_checked_fixture(fuzz, setup, teardown);
    tcase_add_test(fuzz, test_random_accesses);
    tcase_set_timeout(fuzz, 60);
    suite_add_tcase(s, fuzz);
    return s;
}

int main(void)
{
    return memtest_run_suite(pckbd_suite());
}
