/*
 * -d / -D logging, as QEMU's util/log.c: a mask of enabled items and one
 * output stream (stderr unless -D FILE).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_LOG_H
#define SOFTMMU_LOG_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>

/* Bit values are ours; the -d item names are QEMU's. */
#define CPU_LOG_TB_OUT_ASM  (1 << 0)
#define CPU_LOG_TB_IN_ASM   (1 << 1)
#define CPU_LOG_TB_OP       (1 << 2)
#define CPU_LOG_INT         (1 << 4)
#define CPU_LOG_EXEC        (1 << 5)
#define CPU_LOG_PCALL       (1 << 6)
#define CPU_LOG_TB_CPU      (1 << 8)
#define CPU_LOG_RESET       (1 << 9)
#define LOG_UNIMP           (1 << 10)
#define LOG_GUEST_ERROR     (1 << 11)
#define CPU_LOG_MMU         (1 << 12)
#define CPU_LOG_TB_NOCHAIN  (1 << 13)
#define CPU_LOG_PAGE        (1 << 14)
#define LOG_TRACE           (1 << 15)
#define CPU_LOG_TB_FPU      (1 << 17)
#define CPU_LOG_PLUGIN      (1 << 18)
#define LOG_STRACE          (1 << 19)

extern int qemu_loglevel;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

void qemu_log(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#define qemu_log_mask(MASK, ...) do {                   \
        if (G_UNLIKELY(qemu_loglevel_mask(MASK))) {     \
            qemu_log(__VA_ARGS__);                      \
        }                                               \
    } while (0)

/* Parse a -d argument ("cpu,in_asm,trace:pattern,...").  Returns the mask,
 * or -1 with *bad pointing at the unknown item (g_free it). Trace patterns
 * are enabled as a side effect, as in QEMU. */
int qemu_str_to_log_mask(const char *str, char **bad);
/* Print QEMU's `-d help` listing. */
void qemu_print_log_usage(FILE *f);
void qemu_set_log(int mask);
/* Send the log to a file (-D); NULL goes back to stderr.  False on error. */
bool qemu_set_log_filename(const char *filename);
/* Send the log to an already open stream (tests). */
void qemu_log_set_stream(FILE *f);
FILE *qemu_log_stream(void);

#endif
