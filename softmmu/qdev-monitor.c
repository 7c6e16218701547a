/*
 * `info qtree` output helpers (QEMU 7.2's qbus_print / qdev_print and the
 * property printers of hw/core/qdev-properties.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdarg.h>
#include "softmmu/qdev-monitor.h"

void qtree_line(QTree *t, const char *fmt, ...)
{
    va_list ap;

    g_string_append_printf(t->out, "%*s", t->indent, "");
    va_start(ap, fmt);
    g_string_append_vprintf(t->out, fmt, ap);
    va_end(ap);
    g_string_append_c(t->out, '\n');
}

void qtree_bus(QTree *t, const char *name, const char *type)
{
    qtree_line(t, "bus: %s", name);
    t->indent += 2;
    qtree_line(t, "type %s", type);
}

void qtree_dev(QTree *t, const char *type, const char *id)
{
    qtree_line(t, "dev: %s, id \"%s\"", type, id ? id : "");
    t->indent += 2;
}

void qtree_end(QTree *t)
{
    t->indent -= 2;
}

void qtree_gpio(QTree *t, bool in, const char *name, int n)
{
    qtree_line(t, "gpio-%s \"%s\" %d", in ? "in" : "out", name, n);
}

void qtree_prop_uint(QTree *t, const char *name, uint64_t v)
{
    qtree_line(t, "%s = %" PRIu64 " (0x%" PRIx64 ")", name, v, v);
}

void qtree_prop_int(QTree *t, const char *name, int64_t v)
{
    qtree_line(t, "%s = %" PRId64 " (0x%" PRIx64 ")", name, v, (uint64_t)v);
}

void qtree_prop_bool(QTree *t, const char *name, bool v)
{
    qtree_line(t, "%s = %s", name, v ? "true" : "false");
}

void qtree_prop_str(QTree *t, const char *name, const char *v)
{
    qtree_line(t, "%s = \"%s\"", name, v ? v : "");
}
