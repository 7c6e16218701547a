/*
 * Trace events of fw_cfg (hw/nvram/fw_cfg.c), QEMU 7.2's names and
 * formats from hw/nvram/trace-events (collected by softmmu/trace-events.h).
 * The %p is the FWCfgState, a host address that differs between programs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_FW_CFG(X)                                                      \
    X(fw_cfg_select, (void *s, uint16_t key_value, const char *key_name, int ret),   \
      "%p key 0x%04" PRIx16 " '%s', ret: %d", (s, key_value, key_name, ret))        \
    X(fw_cfg_read, (void *s, uint64_t ret), "%p = 0x%" PRIx64, (s, ret))            \
    X(fw_cfg_add_bytes, (uint16_t key_value, const char *key_name, size_t len),     \
      "key 0x%04" PRIx16 " '%s', %zu bytes", (key_value, key_name, len))            \
    X(fw_cfg_add_file, (void *s, int index, const char *name, size_t len),          \
      "%p #%d: %s (%zd bytes)", (s, index, name, len))                              \
    X(fw_cfg_add_string, (uint16_t key_value, const char *key_name, const char *value), \
      "key 0x%04" PRIx16 " '%s', value '%s'", (key_value, key_name, value))         \
    X(fw_cfg_add_i16, (uint16_t key_value, const char *key_name, uint16_t value),   \
      "key 0x%04" PRIx16 " '%s', value 0x%" PRIx16, (key_value, key_name, value))   \
    X(fw_cfg_add_i32, (uint16_t key_value, const char *key_name, uint32_t value),   \
      "key 0x%04" PRIx16 " '%s', value 0x%" PRIx32, (key_value, key_name, value))   \
    X(fw_cfg_add_i64, (uint16_t key_value, const char *key_name, uint64_t value),   \
      "key 0x%04" PRIx16 " '%s', value 0x%" PRIx64, (key_value, key_name, value))
