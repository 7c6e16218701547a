/*
 * Trace events of the IDE core, the BMDMA engine and the PIIX IDE function
 * (QEMU 7.2 hw/ide/trace-events, sections "core.c", "pci.c" and "piix.c"),
 * with QEMU's names and formats (collected by softmmu/trace-events.h).
 * Events printing host pointers (bus, IDEState) print ours; comparisons
 * with QEMU mask them.  Events without arguments carry an empty "%s" so
 * the X(...) shape stays the same; their lines are QEMU's.
 * The cancel/sector/aio/dma events exist so that -trace patterns match as
 * in QEMU; with no drive attached nothing emits them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_IDE(X)                                                         \
    X(ide_ioport_read,                                                              \
      (uint32_t addr, const char *reg, uint32_t val, void *bus, void *s),           \
      "IDE PIO rd @ 0x%" PRIx32 " (%s); val 0x%02" PRIx32 "; bus %p IDEState %p",   \
      (addr, reg, val, bus, s))                                                     \
    X(ide_ioport_write,                                                             \
      (uint32_t addr, const char *reg, uint32_t val, void *bus, void *s),           \
      "IDE PIO wr @ 0x%" PRIx32 " (%s); val 0x%02" PRIx32 "; bus %p IDEState %p",   \
      (addr, reg, val, bus, s))                                                     \
    X(ide_status_read, (uint32_t addr, uint32_t val, void *bus, void *s),           \
      "IDE PIO rd @ 0x%" PRIx32 " (Alt Status); val 0x%02" PRIx32 "; bus %p; "      \
      "IDEState %p", (addr, val, bus, s))                                           \
    X(ide_ctrl_write, (uint32_t addr, uint32_t val, void *bus),                     \
      "IDE PIO wr @ 0x%" PRIx32 " (Device Control); val 0x%02" PRIx32 "; bus %p",   \
      (addr, val, bus))                                                             \
    X(ide_data_readw, (uint32_t addr, uint32_t val, void *bus, void *s),            \
      "IDE PIO rd @ 0x%" PRIx32 " (Data: Word); val 0x%04" PRIx32 "; bus %p; "      \
      "IDEState %p", (addr, val, bus, s))                                           \
    X(ide_data_writew, (uint32_t addr, uint32_t val, void *bus, void *s),           \
      "IDE PIO wr @ 0x%" PRIx32 " (Data: Word); val 0x%04" PRIx32 "; bus %p; "      \
      "IDEState %p", (addr, val, bus, s))                                           \
    X(ide_data_readl, (uint32_t addr, uint32_t val, void *bus, void *s),            \
      "IDE PIO rd @ 0x%" PRIx32 " (Data: Long); val 0x%08" PRIx32 "; bus %p; "      \
      "IDEState %p", (addr, val, bus, s))                                           \
    X(ide_data_writel, (uint32_t addr, uint32_t val, void *bus, void *s),           \
      "IDE PIO wr @ 0x%" PRIx32 " (Data: Long); val 0x%08" PRIx32 "; bus %p; "      \
      "IDEState %p", (addr, val, bus, s))                                           \
    X(ide_exec_cmd, (void *bus, void *state, uint32_t cmd),                         \
      "IDE exec cmd: bus %p; state %p; cmd 0x%02x", (bus, state, cmd))              \
    X(ide_cancel_dma_sync_buffered, (void *fn, void *req),                          \
      "invoking cb %p of buffered request %p with -ECANCELED", (fn, req))           \
    X(ide_cancel_dma_sync_remaining, (void),                                        \
      "draining all remaining requests%s", (""))                                    \
    X(ide_sector_read, (int64_t sector_num, int nsectors),                          \
      "sector=%" PRId64 " nsectors=%d", (sector_num, nsectors))                     \
    X(ide_sector_write, (int64_t sector_num, int nsectors),                         \
      "sector=%" PRId64 " nsectors=%d", (sector_num, nsectors))                     \
    X(ide_reset, (void *s), "IDEstate %p", (s))                                     \
    X(ide_bus_reset_aio, (void), "aio_cancel%s", (""))                              \
    X(ide_dma_cb, (void *s, int64_t sector_num, int n, const char *dma),            \
      "IDEState %p; sector_num=%" PRId64 " n=%d cmd=%s", (s, sector_num, n, dma))   \
    X(bmdma_reset, (void), "%s", (""))                                              \
    X(bmdma_cmd_writeb, (uint32_t val), "val: 0x%08x", (val))                       \
    X(bmdma_addr_read, (uint64_t data), "data: 0x%016" PRIx64, (data))              \
    X(bmdma_addr_write, (uint64_t data), "data: 0x%016" PRIx64, (data))             \
    X(bmdma_read, (uint64_t addr, uint8_t val),                                     \
      "bmdma: readb 0x%" PRIx64 " : 0x%02x", (addr, val))                           \
    X(bmdma_write, (uint64_t addr, uint64_t val),                                   \
      "bmdma: writeb 0x%" PRIx64 " : 0x%02" PRIx64, (addr, val))
