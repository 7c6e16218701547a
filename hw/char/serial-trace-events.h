/*
 * Trace events of the 16550A UART (hw/char/serial.c), QEMU 7.2's names and formats
 * (collected by softmmu/trace-events.h; same X(...) shape).
 * From QEMU 7.2 hw/char/trace-events:
 *   serial_read(uint16_t addr, uint8_t value) "read addr 0x%02x val 0x%02x"
 *   serial_write(uint16_t addr, uint8_t value) "write addr 0x%02x val 0x%02x"
 *   serial_update_parameters(uint64_t baudrate, char parity, int data_bits,
 *                            int stop_bits) "baudrate=%"PRIu64" parity='%c' data=%d stop=%d"
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_SERIAL(X)                                                      \
    X(serial_read, (uint16_t addr, uint8_t value),                                  \
      "read addr 0x%02x val 0x%02x", (addr, value))                                 \
    X(serial_write, (uint16_t addr, uint8_t value),                                 \
      "write addr 0x%02x val 0x%02x", (addr, value))                                \
    X(serial_update_parameters,                                                     \
      (uint64_t baudrate, char parity, int data_bits, int stop_bits),               \
      "baudrate=%" PRIu64 " parity='%c' data=%d stop=%d",                           \
      (baudrate, parity, data_bits, stop_bits))
