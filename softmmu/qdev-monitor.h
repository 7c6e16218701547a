/*
 * `info qtree` output (QEMU 7.2's softmmu/qdev-monitor.c qbus_print /
 * qdev_print): buses and devices as an indented tree, each device with its
 * GPIO lines and properties in QEMU's formats.  x86slice has no QOM: the
 * machine (hw/i386/pc-qtree.c) and vl.c (the -device devices) describe
 * their devices through these calls.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_QDEV_MONITOR_H
#define SOFTMMU_QDEV_MONITOR_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

typedef struct QTree {
    GString *out;
    int indent;
} QTree;

/* "bus: NAME" then "  type TYPE"; the bus's devices follow, then
 * qtree_end. */
void qtree_bus(QTree *t, const char *name, const char *type);
/* "dev: TYPE, id \"ID\""; its lines and child buses follow, then
 * qtree_end. */
void qtree_dev(QTree *t, const char *type, const char *id);
void qtree_end(QTree *t);

/* One line at the current indentation. */
void qtree_line(QTree *t, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* gpio-in / gpio-out "NAME" N */
void qtree_gpio(QTree *t, bool in, const char *name, int n);
/* Properties: integers as "N (0xN)" (signed ones print their 64-bit
 * two's complement in hex), booleans, strings in quotes. */
void qtree_prop_uint(QTree *t, const char *name, uint64_t v);
void qtree_prop_int(QTree *t, const char *name, int64_t v);
void qtree_prop_bool(QTree *t, const char *name, bool v);
void qtree_prop_str(QTree *t, const char *name, const char *v);

#endif
