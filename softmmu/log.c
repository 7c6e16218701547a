/*
 * -d / -D logging (QEMU util/log.c behaviour).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <string.h>
#include "softmmu/log.h"
#include "softmmu/trace.h"

int qemu_loglevel;
static FILE *log_file;

typedef struct LogItem {
    int mask;
    const char *name;
    const char *help;
} LogItem;

/* The names and help texts of QEMU 7.2's `-d help` for qemu-system-i386. */
static const LogItem log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm", "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec", "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a TB (lots of logs)" },
    { CPU_LOG_TB_FPU, "fpu", "include FPU registers in the 'cpu' logging" },
    { CPU_LOG_MMU, "mmu", "log MMU-related activities" },
    { CPU_LOG_PCALL, "pcall", "x86 only: show protected mode far calls/returns/exceptions" },
    { CPU_LOG_RESET, "cpu_reset", "show CPU state before CPU resets" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors", "log when the guest OS does something invalid (eg accessing a\nnon-existent register)" },
    { CPU_LOG_PAGE, "page", "dump pages at beginning of user mode emulation" },
    { CPU_LOG_TB_NOCHAIN, "nochain", "do not chain compiled TBs so that \"exec\" and \"cpu\" show\ncomplete traces" },
    { CPU_LOG_PLUGIN, "plugin", "output from TCG plugins" },
    { LOG_STRACE, "strace", "log every user-mode syscall, its input, and its result" },
};

FILE *qemu_log_stream(void)
{
    return log_file ? log_file : stderr;
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(qemu_log_stream(), fmt, ap);
    va_end(ap);
}

void qemu_set_log(int mask)
{
    qemu_loglevel = mask;
}

bool qemu_set_log_filename(const char *filename)
{
    FILE *f = NULL;

    if (filename) {
        f = fopen(filename, "w");
        if (!f) {
            return false;
        }
        setvbuf(f, NULL, _IOLBF, 0);
    }
    if (log_file && log_file != stderr && log_file != stdout) {
        fclose(log_file);
    }
    log_file = f;
    return true;
}

void qemu_log_set_stream(FILE *f)
{
    log_file = f;
}

int qemu_str_to_log_mask(const char *str, char **bad)
{
    int mask = 0;
    gchar **parts = g_strsplit(str, ",", 0);

    for (gchar **p = parts; *p; p++) {
        const char *item = *p;
        bool found = false;

        if (g_str_equal(item, "all")) {
            for (size_t i = 0; i < G_N_ELEMENTS(log_items); i++) {
                mask |= log_items[i].mask;
            }
            continue;
        }
        if (g_str_has_prefix(item, "trace:")) {
            /* QEMU's log backend: trace events print while LOG_TRACE is on. */
            trace_enable_events(item + strlen("trace:"));
            mask |= LOG_TRACE;
            continue;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(log_items); i++) {
            if (g_str_equal(item, log_items[i].name)) {
                mask |= log_items[i].mask;
                found = true;
                break;
            }
        }
        if (!found) {
            if (bad) {
                *bad = g_strdup(item);
            }
            g_strfreev(parts);
            return -1;
        }
    }
    g_strfreev(parts);
    return mask;
}

void qemu_print_log_usage(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < G_N_ELEMENTS(log_items); i++) {
        fprintf(f, "%-15s %s\n", log_items[i].name, log_items[i].help);
    }
    fprintf(f, "trace:PATTERN   enable trace events\n");
    fprintf(f, "\nUse \"-d trace:help\" to get a list of trace events.\n\n");
}
