/*
 * HMP subset: help|?, info [mtree], quit|q.  Parsing follows QEMU 7.2's
 * monitor/hmp.c (monitor_parse_command, monitor_parse_arguments,
 * handle_hmp_command, help_cmd), including its messages and quirks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <string.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "softmmu/memory.h"
#include "softmmu/monitor.h"
#include "softmmu/monitor-dump.h"
#include "softmmu/monitor-expr.h"
#include "cpu/decode.h"
#include "cpu/monitor.h"
#include "hw/i386/pc.h"
#include "hw/pci/pci-hmp-cmds.h"
#include "hw/i386/pc-qtree.h"
#include "softmmu/runstate.h"
#include "cpu/cpu.h"
#include "softmmu/vl.h"

typedef struct HMPArgs {
    unsigned flags;             /* bit i: flag cmd->flags[i] was given */
    const char *rest;           /* rest-of-line argument, or NULL */
    int count, format, size;    /* "/fmt" (x, xp) */
    int64_t addr;               /* the address expression (x, xp) */
    bool quit;
} HMPArgs;

typedef struct HMPCommand {
    const char *name;           /* alternatives separated by '|' */
    const char *flags;          /* '-X' options, in the order QEMU parses them */
    bool rest_of_line;          /* QEMU's "S?" argument type */
    const char *params, *help;
    void (*cmd)(GString *out, HMPArgs *args);
    const struct HMPCommand *sub_table;
    bool fmt_addr;              /* QEMU's "fmt:/,addr:l" arguments */
} HMPCommand;

static void hmp_help(GString *out, HMPArgs *args);
static void hmp_info_help(GString *out, HMPArgs *args);
static void hmp_info_mtree(GString *out, HMPArgs *args);
static void hmp_info_registers(GString *out, HMPArgs *args);
static void hmp_quit(GString *out, HMPArgs *args);
static void hmp_info_status(GString *out, HMPArgs *args);
static void hmp_info_irq(GString *out, HMPArgs *args);
static void hmp_info_pci_cmd(GString *out, HMPArgs *args);
static void hmp_info_pic(GString *out, HMPArgs *args);
static void hmp_info_tlb_cmd(GString *out, HMPArgs *args);
static void hmp_info_qtree(GString *out, HMPArgs *args);
static void hmp_stop(GString *out, HMPArgs *args);
static void hmp_cont(GString *out, HMPArgs *args);
static void hmp_system_reset(GString *out, HMPArgs *args);
static void hmp_memory_dump(GString *out, HMPArgs *args);
static void hmp_physical_memory_dump(GString *out, HMPArgs *args);

/* hmp-commands-info.hx (QEMU keeps its tables sorted by name). */
static const HMPCommand info_cmds[] = {
    { "irq", "", false, "", "show the interrupts statistics (if available)",
      hmp_info_irq, NULL, false },
    { "mtree", "fdoD", false, "[-f][-d][-o][-D]",
      "show memory tree (-f: dump flat view for address spaces;"
      "-d: dump dispatch tree, valid with -f only);"
      "-o: dump region owners/parents;-D: dump disabled regions",
      hmp_info_mtree, NULL, false },
    { "pci", "", false, "", "show PCI info", hmp_info_pci_cmd, NULL, false },
    { "pic", "", false, "", "show PIC state", hmp_info_pic, NULL, false },
    { "qtree", "", false, "", "show device tree", hmp_info_qtree, NULL, false },
    { "registers", "a", false, "[-a]",
      "show the cpu registers (-a: all - show register info for all cpus)",
      hmp_info_registers, NULL, false },
    { "status", "", false, "", "show the current VM status (running|paused)",
      hmp_info_status, NULL, false },
    { "tlb", "", false, "", "show virtual to physical memory mappings",
      hmp_info_tlb_cmd, NULL, false },
    { NULL, NULL, false, NULL, NULL, NULL, NULL, false },
};

/* hmp-commands.hx, sorted by name as QEMU's sortcmdlist does */
static const HMPCommand hmp_cmds[] = {
    { "cont|c", "", false, "", "resume emulation", hmp_cont, NULL, false },
    { "help|?", "", true, "[cmd]", "show the help", hmp_help, NULL, false },
    { "info", "", false, "[subcommand]",
      "show various information about the system state", hmp_info_help, info_cmds, false },
    { "quit|q", "", false, "", "quit the emulator", hmp_quit, NULL, false },
    { "stop|s", "", false, "", "stop emulation", hmp_stop, NULL, false },
    { "system_reset", "", false, "", "reset the system", hmp_system_reset, NULL, false },
    { "x", "", false, "/fmt addr", "virtual memory dump starting at 'addr'",
      hmp_memory_dump, NULL, true },
    { "xp", "", false, "/fmt addr", "physical memory dump starting at 'addr'",
      hmp_physical_memory_dump, NULL, true },
    { NULL, NULL, false, NULL, NULL, NULL, NULL, false },
};

/* ---- command lookup ------------------------------------------------------- */

bool hmp_compare_cmd(const char *name, const char *list)
{
    size_t len = strlen(name);

    for (const char *p = list; *p; ) {
        const char *end = strchr(p, '|');
        size_t n = end ? (size_t)(end - p) : strlen(p);

        if (n == len && strncmp(p, name, n) == 0) {
            return true;
        }
        p += n + (end ? 1 : 0);
    }
    return false;
}

static const HMPCommand *find_cmd(const HMPCommand *table, const char *name)
{
    for (const HMPCommand *c = table; c->name; c++) {
        if (hmp_compare_cmd(name, c->name)) {
            return c;
        }
    }
    return NULL;
}

/* get_command_name: a word ends at a space or '/'; NULL on an empty line. */
static const char *command_name(const char *p, char **name)
{
    const char *start;

    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (!*p) {
        return NULL;
    }
    start = p;
    while (*p && *p != '/' && !isspace((unsigned char)*p)) {
        p++;
    }
    *name = g_strndup(start, p - start);
    return p;
}

/* monitor_parse_command: walks sub-tables; *cmdp ends after the names. */
static const HMPCommand *parse_command(GString *out, const char *start,
                                       const char **cmdp, const HMPCommand *table)
{
    char *name = NULL;
    const char *p = command_name(*cmdp, &name);
    const HMPCommand *cmd;

    if (!p) {
        return NULL;
    }
    cmd = find_cmd(table, name);
    g_free(name);
    if (!cmd) {
        g_string_append_printf(out, "unknown command: '%.*s'\n", (int)(p - start), start);
        return NULL;
    }
    while (isspace((unsigned char)*p)) {
        p++;
    }
    *cmdp = p;
    if (cmd->sub_table && *p) {
        return parse_command(out, start, cmdp, cmd->sub_table);
    }
    return cmd;
}

/* ---- argument parsing ----------------------------------------------------- */

/* QEMU's is_valid_option: "-c" occurs among the options not parsed yet.
 * For c == '\0' that is "-", which any remaining option contains. */
static bool later_option(const char *remaining, char c)
{
    return c ? strchr(remaining, c) != NULL : *remaining != '\0';
}

/* monitor_parse_arguments for '-' options: each option is looked for in
 * turn, so they must come in table order ("-f -d", not "-d -f"). */
static bool parse_flags(GString *out, const HMPCommand *cmd, const char **pp,
                        HMPArgs *args)
{
    const char *p = *pp;
    const char *cmdname = cmd->name;

    for (const char *f = cmd->flags; *f; f++) {
        while (isspace((unsigned char)*p)) {
            p++;
        }
        if (*p != '-') {
            continue;
        }
        if (p[1] == *f) {
            args->flags |= 1u << (f - cmd->flags);
            p += 2;
        } else if (!later_option(f + 1, p[1])) {
            /* QEMU prints "%c" through a C string: a NUL ends the message,
             * newline included. */
            g_string_append_printf(out, "%s: unsupported option -", cmdname);
            if (p[1]) {
                g_string_append_printf(out, "%c\n", p[1]);
            }
            return false;
        }
    }
    *pp = p;
    return true;
}

/* QEMU keeps the last format and unit size for the next x/xp. */
static int default_fmt_format = 'x';
static int default_fmt_size = 4;

static int format_size(char c)
{
    switch (c) {
    case 'b': return 1;
    case 'h': return 2;
    case 'w': return 4;
    case 'g': case 'L': return 8;
    default: return 0;
    }
}

/* monitor_parse_arguments' '/' type: "/[count][format][size]" in any
 * order after the count; 'i' without a size leaves the size at -1. */
static bool parse_format(GString *out, const char **pp, HMPArgs *args)
{
    const char *p = *pp;
    int format = -1, size = -1;
    unsigned count = 1;

    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (*p != '/') {
        args->count = 1;
        args->format = default_fmt_format;
        args->size = default_fmt_format != 'i' ? default_fmt_size : -1;
        *pp = p;
        return true;
    }
    p++;
    if (isdigit((unsigned char)*p)) {
        for (count = 0; isdigit((unsigned char)*p); p++) {
            count = count * 10 + (unsigned)(*p - '0');     /* wraps like QEMU's int */
        }
    }
    for (;; p++) {
        if (strchr("oduxic", *p) && *p) {
            format = *p;
        } else if (format_size(*p)) {
            size = format_size(*p);
        } else {
            break;
        }
    }
    if (*p != '\0' && !isspace((unsigned char)*p)) {
        g_string_append_printf(out, "invalid char in format: '%c'\n", *p);
        return false;
    }
    if (format < 0) {
        format = default_fmt_format;
    }
    if (format != 'i') {
        if (size < 0) {
            size = default_fmt_size;
        }
        default_fmt_size = size;
    }
    default_fmt_format = format;
    args->count = (int)count;
    args->format = format;
    args->size = size;
    *pp = p;
    return true;
}

static bool parse_arguments(GString *out, const HMPCommand *cmd, const char *p,
                            HMPArgs *args)
{
    if (!parse_flags(out, cmd, &p, args)) {
        return false;
    }
    if (cmd->fmt_addr && (!parse_format(out, &p, args) ||
                          !monitor_get_expr(out, &p, &args->addr))) {
        return false;
    }
    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (cmd->rest_of_line && *p) {
        args->rest = p;
        p += strlen(p);
    }
    if (*p) {
        g_string_append_printf(out, "%s: extraneous characters at the end of line\n",
                               cmd->name);
        return false;
    }
    return true;
}

/* ---- help ------------------------------------------------------------------ */

static void help_dump_one(GString *out, const HMPCommand *cmd, char **prefix, int n)
{
    for (int i = 0; i < n; i++) {
        g_string_append_printf(out, "%s ", prefix[i]);
    }
    g_string_append_printf(out, "%s %s -- %s\n", cmd->name, cmd->params, cmd->help);
}

/* help_cmd_dump: args[index] names an entry of table, or dump all of it. */
static void help_dump(GString *out, const HMPCommand *table, char **args, int nb, int index)
{
    const HMPCommand *cmd;

    if (index >= nb) {
        for (cmd = table; cmd->name; cmd++) {
            help_dump_one(out, cmd, args, index);
        }
        return;
    }
    cmd = find_cmd(table, args[index]);
    if (!cmd) {
        g_string_append(out, "unknown command: '");
        for (int i = 0; i <= index; i++) {
            g_string_append_printf(out, "%s%s", args[i], i == index ? "'\n" : " ");
        }
    } else if (cmd->sub_table) {
        help_dump(out, cmd->sub_table, args, nb, index + 1);
    } else {
        help_dump_one(out, cmd, args, index);
    }
}

static void help_cmd(GString *out, const char *name)
{
    char **args = g_strsplit_set(name ? name : "", " \t\n\r\f\v", -1);
    int nb = 0;

    /* Drop the empty words that runs of blanks leave. */
    for (int i = 0; args[i]; i++) {
        if (*args[i]) {
            args[nb++] = args[i];
        } else {
            g_free(args[i]);
        }
    }
    args[nb] = NULL;
    help_dump(out, hmp_cmds, args, nb, 0);
    g_strfreev(args);
}

/* ---- command handlers ----------------------------------------------------- */

static void hmp_help(GString *out, HMPArgs *args)
{
    help_cmd(out, args->rest);
}

static void hmp_info_help(GString *out, HMPArgs *args)
{
    (void)args;
    help_cmd(out, "info");
}

static void hmp_info_mtree(GString *out, HMPArgs *args)
{
    mtree_info(args->flags & 1, args->flags & 2, args->flags & 4, args->flags & 8, out);
}

/* hmp_info_registers: "\nCPU#0\n" then x86_cpu_dump_state with the FPU. */
static void hmp_info_registers(GString *out, HMPArgs *args)
{
    CPUX86State *env = x86slice_first_cpu();
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    (void)args;
    if (!env) {
        g_string_append(out, "No CPU available\n");
        return;
    }
    f = open_memstream(&buf, &len);
    if (!f) {
        return;
    }
    x86_cpu_dump_state(env, f, CPU_DUMP_FPU);
    fclose(f);
    g_string_append_printf(out, "\nCPU#%d\n", 0);
    g_string_append_len(out, buf, (gssize)len);
    free(buf);
}

/* Run a FILE printer into out. */
static void print_to(GString *out, void (*print)(void *obj, FILE *f), void *obj)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    if (f) {
        print(obj, f);
        fclose(f);
        g_string_append_len(out, buf, (gssize)len);
        free(buf);
    }
}

static void print_pic_info(void *obj, FILE *f)
{
    i8259_print_info(obj, f);
}

static void print_pic_irq(void *obj, FILE *f)
{
    i8259_print_irq_stats(obj, f);
}

/* hmp_info_pic: the interrupt controllers in QEMU's QOM walk order. */
static void hmp_info_pic(GString *out, HMPArgs *args)
{
    PCMachineState *pc = x86slice_machine();

    (void)args;
    if (pc && pc->ioapic_dev) {
        ioapic_print_info(pc->ioapic_dev, out);
    }
    if (pc && pc->pic_dev) {
        print_to(out, print_pic_info, pc->pic_dev);
    }
}

/* hmp_info_irq (qmp_x_query_irq): each provider's statistics. */
static void hmp_info_irq(GString *out, HMPArgs *args)
{
    PCMachineState *pc = x86slice_machine();

    (void)args;
    if (pc && pc->ioapic_dev) {
        ioapic_print_irq_stats(pc->ioapic_dev, out);
    }
    if (pc && pc->pic_dev) {
        print_to(out, print_pic_irq, pc->pic_dev);
    }
}

static void hmp_info_pci_cmd(GString *out, HMPArgs *args)
{
    PCMachineState *pc = x86slice_machine();

    (void)args;
    if (pc) {
        hmp_info_pci(out, &pc->pci_bus);
    }
}

static void hmp_info_qtree(GString *out, HMPArgs *args)
{
    PCMachineState *pc = x86slice_machine();
    QTree t = { .out = out };

    (void)args;
    if (pc) {
        pc_qtree_print(&t, pc, vl_qtree_devices);
    }
}

static void hmp_info_tlb_cmd(GString *out, HMPArgs *args)
{
    (void)args;
    hmp_info_tlb(out, x86slice_first_cpu());
}

/* hmp_info_status: "paused" plus the state unless it is plain paused. */
static void hmp_info_status(GString *out, HMPArgs *args)
{
    static const char *const names[] = {
        [VM_RUN_STATE_PRELAUNCH] = "prelaunch", [VM_RUN_STATE_RUNNING] = "running",
        [VM_RUN_STATE_PAUSED] = "paused", [VM_RUN_STATE_SHUTDOWN] = "shutdown",
    };
    VMRunState st = vm_run_state();

    (void)args;
    g_string_append_printf(out, "VM status: %s%s", st == VM_RUN_STATE_RUNNING ? "running" : "paused",
                           x86_decode_opts.singlestep ? " (single step mode)" : "");
    if (st != VM_RUN_STATE_RUNNING && st != VM_RUN_STATE_PAUSED) {
        g_string_append_printf(out, " (%s)", names[st]);
    }
    g_string_append_c(out, '\n');
}

static void hmp_stop(GString *out, HMPArgs *args)
{
    (void)out;
    (void)args;
    vm_stop();
}

/* hmp_cont: errors through hmp_handle_error ("Error: ..."). */
static void hmp_cont(GString *out, HMPArgs *args)
{
    const char *err = NULL;

    (void)args;
    if (!vm_cont(&err)) {
        g_string_append_printf(out, "Error: %s\n", err);
    }
}

static void hmp_system_reset(GString *out, HMPArgs *args)
{
    (void)out;
    (void)args;
    vm_system_reset_request();
}

/* hmp_memory_dump: the address as a target_long (sign-extended). */
static void hmp_memory_dump(GString *out, HMPArgs *args)
{
    monitor_memory_dump(out, args->count, args->format, args->size,
                        (uint64_t)(int64_t)(int32_t)args->addr, false);
}

/* hmp_physical_memory_dump: the address as an hwaddr. */
static void hmp_physical_memory_dump(GString *out, HMPArgs *args)
{
    monitor_memory_dump(out, args->count, args->format, args->size, (uint64_t)args->addr,
                        true);
}

static void hmp_quit(GString *out, HMPArgs *args)
{
    (void)out;
    args->quit = true;
}

/* ---- entry points ----------------------------------------------------------- */

bool monitor_command(const char *line, GString *out)
{
    const char *cmdline = line;
    const HMPCommand *cmd = parse_command(out, line, &cmdline, hmp_cmds);
    HMPArgs args = { 0 };

    if (!cmd) {
        return false;
    }
    if (!parse_arguments(out, cmd, cmdline, &args)) {
        /* handle_hmp_command: name the command as typed, blanks trimmed. */
        while (cmdline > line && isspace((unsigned char)cmdline[-1])) {
            cmdline--;
        }
        g_string_append_printf(out, "Try \"help %.*s\" for more information\n",
                               (int)(cmdline - line), line);
        return false;
    }
    cmd->cmd(out, &args);
    return args.quit;
}

/* ---- the monitor thread ---------------------------------------------------- */

/* One line for the CPU thread to run (a main_loop_call job). */
typedef struct MonitorJob {
    const char *line;           /* NULL: end of input */
    FILE *out;
    bool quit;
} MonitorJob;

/* On the CPU thread: run the line and print what it says.  `quit`, and end
 * of input on a stopped machine (QEMU would wait forever), end the run. */
static void monitor_job(void *opaque)
{
    MonitorJob *job = opaque;
    GString *buf;

    if (!job->line) {
        if (vm_run_state() != VM_RUN_STATE_RUNNING) {
            vm_quit_request();
        }
        return;
    }
    buf = g_string_new(NULL);
    job->quit = monitor_command(job->line, buf);
    fputs(buf->str, job->out);
    fflush(job->out);
    g_string_free(buf, TRUE);
    if (job->quit) {
        vm_quit_request();
    }
}

typedef struct MonitorThread {
    FILE *in, *out;
    pthread_t thread;
    bool started;
} MonitorThread;

static MonitorThread monitor_thread;

/* Banner, "(qemu) " prompt, one command per line until quit or end of
 * input; each command runs on the CPU thread, so the guest keeps running
 * between commands. */
static void *monitor_loop(void *opaque)
{
    MonitorThread *m = opaque;
    bool echo = !isatty(fileno(m->in));
    char *line = NULL;
    size_t cap = 0;

    fprintf(m->out, "x86slice %s monitor - type 'help' for more information\n",
            X86SLICE_QEMU_VERSION);
    for (;;) {
        MonitorJob job = { .out = m->out };

        fputs("(qemu) ", m->out);
        fflush(m->out);
        if (getline(&line, &cap, m->in) < 0) {
            fputc('\n', m->out);
            fflush(m->out);
            main_loop_call(monitor_job, &job);
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        if (echo) {
            fprintf(m->out, "%s\n", line);
        }
        job.line = line;
        if (!main_loop_call(monitor_job, &job) || job.quit) {
            break;
        }
    }
    free(line);
    return NULL;
}

void monitor_start(FILE *in, FILE *out)
{
    MonitorThread *m = &monitor_thread;

    m->in = in;
    m->out = out;
    m->started = pthread_create(&m->thread, NULL, monitor_loop, m) == 0;
    if (!m->started) {
        fprintf(stderr, "x86slice: cannot start the monitor thread\n");
        exit(1);
    }
}

void monitor_finish(void)
{
    /* The machine has stopped running: a monitor still reading its input
     * is left to the process's exit, as QEMU leaves it. */
    if (monitor_thread.started) {
        pthread_detach(monitor_thread.thread);
        monitor_thread.started = false;
    }
}
