/*
 * The monitor's x (virtual) and xp (physical) memory dumps, QEMU 7.2's
 * memory_dump: count units of wsize bytes (1, 2, 4, 8) in format o, x, u,
 * d, c, or count instructions for i.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MONITOR_DUMP_H
#define SOFTMMU_MONITOR_DUMP_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

void monitor_memory_dump(GString *out, int count, int format, int wsize, uint64_t addr,
                         bool physical);

#endif
