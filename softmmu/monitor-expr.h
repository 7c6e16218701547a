/*
 * HMP expressions (QEMU's get_expr): numbers (strtoull base 0),
 * 'c' character constants, $registers, unary + - ~, * / %, & | ^, + -,
 * parentheses.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MONITOR_EXPR_H
#define SOFTMMU_MONITOR_EXPR_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

/* Parse an expression at *pp (leading blanks skipped) into *val and move
 * *pp past it.  On an error, append QEMU's message line to out and
 * return false. */
bool monitor_get_expr(GString *out, const char **pp, int64_t *val);

#endif
