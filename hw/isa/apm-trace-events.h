/*
 * Trace events of QEMU's APM device (hw/isa/apm.c, part of the PIIX4 power
 * management function).  The reference machine has acpi=off, so QEMU
 * creates no APM device and never emits them; they are declared so that
 * -trace accepts their names as QEMU does.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_APM(X)                                                         \
    X(apm_io_read, (uint8_t addr, uint8_t val), "read addr=0x%x val=0x%02x",        \
      (addr, val))                                                                  \
    X(apm_io_write, (uint8_t addr, uint8_t val), "write addr=0x%x val=0x%02x",      \
      (addr, val))
