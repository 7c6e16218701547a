/*
 * The i8042 keyboard controller with its PS/2 keyboard and mouse, as QEMU
 * 7.2's ISA "i8042" device (hw/input/pckbd.c) behaves on the pc machine:
 * extended-state on, kbd-throttle off (the pc-i440fx-7.2 defaults), IRQ 1
 * for the keyboard and IRQ 12 for the mouse.
 *
 * Guest interface: port 0x60 (data: read the output buffer, write to the
 * keyboard or as a command's argument) and port 0x64 (read status, write
 * a controller command), i8042_data_ops and i8042_cmd_ops with the
 * KBDState as opaque.  Output port bit 1 drives A20; pulling its bit 0
 * low (0xd1, 0xf0-0xfe pulses) asks for a system reset.
 *
 * Wiring (what hw/i386/pc.c does, as QEMU's i8042_initfn/realizefn):
 *   s = i8042_new(isa_irq[1], isa_irq[12], a20_line, reset_request);
 *   memory_region_init_io(&data, owner, &i8042_data_ops, s, "i8042-data", 1);
 *   memory_region_init_io(&cmd, owner, &i8042_cmd_ops, s, "i8042-cmd", 1);
 *   map them at 0x60 and 0x64;
 *   system reset: i8042_ps2_reset(s) with the sysbus devices, then
 *   i8042_reset(s) at the i8042's place on the ISA bus;
 *   i8042_free(s).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INPUT_PCKBD_H
#define HW_INPUT_PCKBD_H

#include <stdint.h>
#include "hw/core/irq.h"
#include "hw/input/ps2.h"
#include "softmmu/memory.h"

#define TYPE_I8042          "i8042"
#define I8042_KBD_IRQ       0       /* index in KBDState.irqs */
#define I8042_MOUSE_IRQ     1

typedef struct KBDState {
    uint8_t write_cmd;          /* command waiting for its data byte, 0: none */
    uint8_t status;             /* port 0x64 */
    uint8_t mode;               /* the command byte (0x20 / 0x60) */
    uint8_t outport;            /* output port P2 (0xd0 / 0xd1) */
    uint8_t pending;            /* who has data: KBD_PENDING_* in pckbd.c */
    uint8_t obdata;             /* the output buffer, as last read */
    uint8_t cbdata;             /* a byte from the controller itself */
    uint8_t obsrc;              /* where the output buffer's byte comes from */

    PS2KbdState ps2kbd;
    PS2MouseState ps2mouse;

    qemu_irq irqs[2];           /* IRQ 1, IRQ 12 */
    qemu_irq a20_out;
    void (*reset_request)(void);
    qemu_irq kbd_in, mouse_in;  /* the PS/2 devices' lines into the controller */
} KBDState;

/* Port 0x60 and port 0x64: byte registers, little-endian (QEMU's
 * i8042_data_ops / i8042_cmd_ops); opaque = KBDState. */
extern const MemoryRegionOps i8042_data_ops;
extern const MemoryRegionOps i8042_cmd_ops;

/* Create the controller and its two devices; any line may be NULL, and so
 * may reset_request.  Not reset yet (QEMU resets before the guest runs). */
KBDState *i8042_new(qemu_irq kbd_irq, qemu_irq mouse_irq, qemu_irq a20_out,
                    void (*reset_request)(void));
/* The PS/2 devices' reset: mouse, then keyboard (QEMU resets them as
 * sysbus devices, newest first, before the ISA bus). */
void i8042_ps2_reset(KBDState *s);
/* The controller's reset (QEMU's kbd_reset): command byte 0x03, status
 * 0x18, output port 0xcf, nothing pending; sets both IRQ lines. */
void i8042_reset(KBDState *s);
void i8042_free(KBDState *s);

#endif
