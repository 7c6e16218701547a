/*
 * Trace events of the i8257 DMA controllers (hw/dma/i8257.c), QEMU 7.2's
 * names and formats (collected by softmmu/trace-events.h).
 * From QEMU 7.2 hw/dma/trace-events:
 *   i8257_unregistered_dma(int nchan, int dma_pos, int dma_len)
 *       "unregistered DMA channel used nchan=%d dma_pos=%d dma_len=%d"
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_I8257(X)                                                       \
    X(i8257_unregistered_dma, (int nchan, int dma_pos, int dma_len),                \
      "unregistered DMA channel used nchan=%d dma_pos=%d dma_len=%d",               \
      (nchan, dma_pos, dma_len))
