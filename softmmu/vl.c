/*
 * Command line and start-up: the subset of QEMU 7.2's softmmu/vl.c that
 * the reference machine's command line uses, with QEMU's syntax and error
 * messages (program name ours: "x86slice: -foo: invalid option").
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "hw/i386/pc.h"
#include "softmmu/log.h"
#include "softmmu/memory.h"
#include "softmmu/monitor.h"
#include "softmmu/trace.h"
#include "softmmu/vl.h"

static const char *progname = "x86slice";
/* QEMU's error Location: the option being processed ("-m foo"), or NULL
 * for errors found after parsing. */
static char *cur_loc;

static void G_GNUC_PRINTF(1, 0) vreport(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", progname);
    if (cur_loc) {
        fprintf(stderr, "%s: ", cur_loc);
    }
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void G_GNUC_PRINTF(1, 2) warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "%s: ", progname);
    if (cur_loc) {
        fprintf(stderr, "%s: ", cur_loc);
    }
    fputs("warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* error_report + exit(1), as QEMU's &error_fatal does. */
static void G_GNUC_NORETURN G_GNUC_PRINTF(1, 2) die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(1);
}

/* Errors QEMU reports after option parsing carry no location. */
static void G_GNUC_NORETURN G_GNUC_PRINTF(1, 2) die_noloc(const char *fmt, ...)
{
    va_list ap;

    g_free(cur_loc);
    cur_loc = NULL;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(1);
}

/* ---- help, version ---------------------------------------------------- */

static void print_version(void)
{
    printf("%s emulator version %s (QEMU %s x86 system-emulation subset)\n"
           "License: GPL-2.0-or-later\n", progname, X86SLICE_QEMU_VERSION,
           X86SLICE_QEMU_VERSION);
}

/* QEMU's -h layout, listing what x86slice accepts. */
static void print_help(void)
{
    print_version();
    printf("usage: %s [options]\n\n", progname);
    printf("Standard options:\n"
           "-h or -help     display this help and exit\n"
           "-version        display version information and exit\n"
           "-machine [type=]name[,prop[=value][,...]]\n"
           "                selects emulated machine ('-machine help' for list)\n"
           "                property accel=tcg selects the accelerator\n"
           "                hpet, vmport, smbus, acpi and usb accept 'off' only\n"
           "-accel [accel=]accelerator\n"
           "                select accelerator (tcg only; use 'help' for a list)\n"
           "-m [size=]megs  configure guest RAM size (default 128M)\n"
           "                optional suffix k, M, G, T, P or E (default M)\n"
           "-global driver.property=value\n"
           "                set a default value of a driver's property\n"
           "                (x86slice accepts apic-common.vapic=off)\n"
           "-nodefaults     don't create default devices (x86slice never does)\n\n");
    printf("Display options:\n"
           "-display none   no display ('-display help' for a list)\n"
           "-nographic      disable graphical output (same as -display none)\n\n");
    printf("Debug/Expert options:\n"
           "-monitor stdio|none\n"
           "                the human monitor on standard input/output, or none\n"
           "-S              freeze CPU at startup\n"
           "-d item1,...    enable logging of specified items (use '-d help' for a list of log items)\n"
           "-D logfile      output log to logfile (default stderr)\n"
           "-trace [[enable=]<pattern>][,events=<file>][,file=<file>]\n"
           "                specify tracing options\n"
           "-mtree          print 'info mtree' once the machine is built (x86slice only)\n");
}

/* ---- sizes: QEMU's do_strtosz (util/cutils.c) ----------------------------- */

static int64_t suffix_mul(char c)
{
    switch (c) {
    case 'B': case 'b': return 1;
    case 'K': case 'k': return 1LL << 10;
    case 'M': case 'm': return 1LL << 20;
    case 'G': case 'g': return 1LL << 30;
    case 'T': case 't': return 1LL << 40;
    case 'P': case 'p': return 1LL << 50;
    case 'E': case 'e': return 1LL << 60;
    }
    return -1;
}

/* Integer part, optional fraction (not with hex), optional suffix, end. */
static bool strtosz(const char *s, char default_suffix, uint64_t *result)
{
    char *end;
    uint64_t val;
    double frac = 0;
    int64_t mul;

    if (!g_ascii_isdigit(s[0])) {
        return false;
    }
    errno = 0;
    val = g_ascii_strtoull(s, &end, 10);
    if (val == 0 && (*end == 'x' || *end == 'X')) {
        val = g_ascii_strtoull(s, &end, 16);
        if (*end == '.') {
            return false;
        }
    } else if (*end == '.') {
        frac = g_ascii_strtod(end, &end);
    }
    if (errno) {
        return false;
    }
    mul = suffix_mul(*end);
    if (mul > 0) {
        end++;
    } else {
        mul = suffix_mul(default_suffix);
    }
    if (*end || (mul == 1 && frac != 0)) {
        return false;
    }
    unsigned __int128 total = (unsigned __int128)val * (uint64_t)mul +
                              (uint64_t)(frac * (double)mul);
    if (total > UINT64_MAX) {
        return false;
    }
    *result = (uint64_t)total;
    return true;
}

/* ---- -m ------------------------------------------------------------------ */

static void G_GNUC_NORETURN bad_size(void)
{
    die("Parameter 'size' expects a non-negative number below 2^64\n"
        "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\n"
        "and exabytes, respectively.");
}

/* vl.c parse_memory_options + machine_set_mem: the option is parsed in
 * bytes; 0 means the default; a suffix-less number means MiB ("128" is
 * re-read as "128M"); the result is rounded up to 8 KiB. */
static void opt_m(VLOptions *o, const char *arg)
{
    gchar **items = g_strsplit(arg, ",", -1);
    const char *str = NULL;
    uint64_t size;

    for (int i = 0; items[i]; i++) {
        if (i == 0 && !strchr(items[i], '=')) {
            str = items[i];
        } else if (g_str_has_prefix(items[i], "size=")) {
            str = items[i] + 5;
        } else {
            char *key = g_strndup(items[i], strcspn(items[i], "="));
            die("Invalid parameter '%s'", key);
        }
    }
    if (str && !strtosz(str, 'B', &size)) {
        bad_size();
    }
    if (str && size) {
        char *s = g_ascii_isdigit(str[strlen(str) - 1]) ? g_strconcat(str, "M", NULL)
                                                         : g_strdup(str);
        if (!strtosz(s, 'B', &size) || size > UINT64_MAX - 8191) {
            bad_size();
        }
        o->ram_size = (size + 8191) & ~(uint64_t)8191;
        g_free(s);
    } else {
        o->ram_size = PC_DEFAULT_RAM_SIZE;
    }
    g_strfreev(items);
}

/* ---- -machine ------------------------------------------------------------- */

static void machine_help(void)
{
    printf("Supported machines are:\n");
    printf("%-20s %s (alias of pc-i440fx-7.2)\n", "pc", "Standard PC (i440FX + PIIX, 1996)");
    printf("%-20s %s (default)\n", "pc-i440fx-7.2", "Standard PC (i440FX + PIIX, 1996)");
    exit(0);
}

static void machine_type(const char *type)
{
    if (g_str_equal(type, "help") || g_str_equal(type, "?")) {
        machine_help();
    }
    if (!g_str_equal(type, "pc") && !g_str_equal(type, "pc-i440fx-7.2")) {
        die_noloc("unsupported machine type\nUse -machine help to list supported machines");
    }
}

/* qapi_bool_parse; -1 when the value is neither. */
static int parse_bool(const char *v)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "y")) {
        return 1;
    }
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "n")) {
        return 0;
    }
    return -1;
}

/* The reference machine's properties; x86slice models the "off" setting. */
static void machine_prop(const char *key, const char *value)
{
    static const char *const bools[] = { "hpet", "smbus", "usb" };
    static const char *const on_off_auto[] = { "vmport", "acpi" };

    for (size_t i = 0; i < G_N_ELEMENTS(bools); i++) {
        if (g_str_equal(key, bools[i])) {
            int b = parse_bool(value);
            if (b < 0) {
                die_noloc("Parameter '%s' expects 'on' or 'off'", key);
            } else if (b) {
                die("x86slice's pc machine has %s=off only", key);
            }
            return;
        }
    }
    for (size_t i = 0; i < G_N_ELEMENTS(on_off_auto); i++) {
        if (g_str_equal(key, on_off_auto[i])) {
            if (strcmp(value, "on") && strcmp(value, "off") && strcmp(value, "auto")) {
                die_noloc("Parameter '%s' does not accept value '%s'", key, value);
            } else if (strcmp(value, "off")) {
                die("x86slice's pc machine has %s=off only", key);
            }
            return;
        }
    }
    if (g_str_equal(key, "type")) {
        machine_type(value);
    } else if (g_str_equal(key, "accel")) {
        if (!g_str_equal(value, "tcg")) {
            die("x86slice supports accel=tcg only");
        }
    } else {
        die_noloc("Property 'pc-i440fx-7.2-machine.%s' not found", key);
    }
}

/* "[type=]name,key=value,...": a bare key means key=on (QEMU warns). */
static void opt_machine(VLOptions *o, const char *arg)
{
    gchar **items = g_strsplit(arg, ",", -1);

    (void)o;
    for (int i = 0; items[i]; i++) {
        char *eq = strchr(items[i], '=');

        if (!eq && i == 0) {
            machine_type(items[i]);
        } else if (!eq) {
            machine_prop(items[i], "on");
        } else {
            *eq = '\0';
            machine_prop(items[i], eq + 1);
        }
    }
    g_strfreev(items);
}

/* ---- -global, -accel, -display, -monitor ------------------------------------ */

/* qemu_global_option: "driver.property=value". */
static void opt_global(VLOptions *o, const char *arg)
{
    const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');

    (void)o;
    if (!dot || !eq || eq < dot) {
        die("Invalid parameter '%.*s'", (int)strcspn(arg, "="), arg);
    }
    char *driver = g_strndup(arg, dot - arg);
    char *prop = g_strndup(dot + 1, eq - dot - 1);
    if (g_str_equal(driver, "apic-common") && g_str_equal(prop, "vapic")) {
        int b = parse_bool(eq + 1);
        if (b < 0) {
            die_noloc("can't apply global %s: Parameter 'vapic' expects 'on' or 'off'", arg);
        } else if (b) {
            die("x86slice models apic-common.vapic=off only");
        }
    } else {
        die_noloc("can't apply global %s: Property '%s.%s' not found", arg, driver, prop);
    }
    g_free(driver);
    g_free(prop);
}

static void opt_accel(VLOptions *o, const char *arg)
{
    gchar **items = g_strsplit(arg, ",", -1);

    (void)o;
    for (int i = 0; items[i]; i++) {
        const char *it = items[i];
        if (i == 0 && !strchr(it, '=')) {
            /* the accelerator name */
        } else if (g_str_has_prefix(it, "accel=")) {
            it += 6;
        } else if (g_str_equal(it, "thread=single")) {
            continue;
        } else {
            die("Property 'tcg-accel.%.*s' not found", (int)strcspn(it, "="), it);
        }
        if (g_str_equal(it, "help")) {
            printf("Accelerators supported in %s binary:\ntcg\n", progname);
            exit(0);
        }
        if (!g_str_equal(it, "tcg")) {
            die("invalid accelerator %s", it);
        }
    }
    g_strfreev(items);
}

static void opt_display(VLOptions *o, const char *arg)
{
    size_t len = strcspn(arg, ",");

    (void)o;
    if (!strncmp(arg, "help", len) && len == 4) {
        printf("Available display backend types:\nnone\n");
        exit(0);
    }
    if (strncmp(arg, "none", len) || len != 4) {
        die("Parameter 'type' does not accept value '%.*s'", (int)len, arg);
    }
}

/* -nographic: no display.  QEMU would also put the serial port and a
 * muxed monitor on stdio; that comes with the serial port. */
static void opt_nographic(VLOptions *o, const char *arg)
{
    (void)o; (void)arg;
}

static void opt_monitor(VLOptions *o, const char *arg)
{
    if (g_str_equal(arg, "stdio")) {
        o->monitor_stdio = true;
    } else if (!g_str_equal(arg, "none")) {
        die("x86slice supports -monitor stdio and -monitor none only");
    }
}

/* ---- -d, -D, -trace ------------------------------------------------------------ */

static void opt_d(VLOptions *o, const char *arg)
{
    o->log_items = arg;
}

static void opt_D(VLOptions *o, const char *arg)
{
    o->log_file = arg;
}

/* trace_enable_events, warning like QEMU when a plain name matches nothing. */
static void trace_enable(const char *pattern)
{
    if (g_str_equal(pattern, "help")) {
        trace_list_events(stdout);
        exit(0);
    }
    if (trace_enable_events(pattern) == 0 && !strpbrk(pattern, "*?")) {
        warn_report("trace event '%s' does not exist", pattern + (*pattern == '-'));
    }
}

static void trace_events_file(const char *file)
{
    if (!trace_init_events_file(file)) {
        int err = access(file, R_OK) ? errno : EIO;
        /* QEMU's own spacing: "qemu-system-i386:/nonexist: No such file ..." */
        fprintf(stderr, "%s:%s: %s\n", progname, file, g_strerror(err));
        exit(1);
    }
}

/* "-trace [[enable=]<pattern>][,events=<file>][,file=<file>]" */
static void opt_trace(VLOptions *o, const char *arg)
{
    gchar **items = g_strsplit(arg, ",", -1);

    for (int i = 0; items[i]; i++) {
        const char *it = items[i];
        if (i == 0 && !strchr(it, '=')) {
            trace_enable(it);
        } else if (g_str_has_prefix(it, "enable=")) {
            trace_enable(it + 7);
        } else if (g_str_has_prefix(it, "events=")) {
            trace_events_file(it + 7);
        } else if (g_str_has_prefix(it, "file=")) {
            /* Log backend: "-trace file=" names the log file (-D). */
            o->log_file = g_intern_string(it + 5);
        } else {
            die("Invalid parameter '%.*s'", (int)strcspn(it, "="), it);
        }
    }
    g_strfreev(items);
}

/* ---- flags ---------------------------------------------------------------------- */

static void opt_help(VLOptions *o, const char *arg)
{
    (void)o; (void)arg;
    print_help();
    exit(0);
}

static void opt_version(VLOptions *o, const char *arg)
{
    (void)o; (void)arg;
    print_version();
    exit(0);
}

static void opt_S(VLOptions *o, const char *arg)
{
    (void)arg;
    o->start_stopped = true;
}

static void opt_nodefaults(VLOptions *o, const char *arg)
{
    (void)arg;
    o->nodefaults = true;
}

static void opt_mtree(VLOptions *o, const char *arg)
{
    (void)arg;
    o->print_mtree = true;
}

/* ---- option table and parser ----------------------------------------------------- */

typedef struct VLOption {
    const char *name;
    bool has_arg;
    void (*handler)(VLOptions *o, const char *arg);
} VLOption;

static const VLOption vl_options[] = {
    { "h", false, opt_help },           { "help", false, opt_help },
    { "version", false, opt_version },
    { "M", true, opt_machine },         { "machine", true, opt_machine },
    { "nodefaults", false, opt_nodefaults },
    { "global", true, opt_global },
    { "accel", true, opt_accel },
    { "m", true, opt_m },
    { "S", false, opt_S },
    { "display", true, opt_display },   { "nographic", false, opt_nographic },
    { "monitor", true, opt_monitor },
    { "d", true, opt_d },               { "D", true, opt_D },
    { "trace", true, opt_trace },
    { "mtree", false, opt_mtree },
};

static const VLOption *find_option(const char *arg)
{
    const char *name = arg + 1 + (arg[1] == '-');    /* "-opt" or "--opt" */

    for (size_t i = 0; i < G_N_ELEMENTS(vl_options); i++) {
        if (g_str_equal(name, vl_options[i].name)) {
            return &vl_options[i];
        }
    }
    return NULL;
}

void vl_parse_options(int argc, char **argv, VLOptions *o)
{
    if (argc > 0 && argv[0] && *argv[0]) {
        char *base = g_path_get_basename(argv[0]);
        progname = g_intern_string(base);
        g_free(base);
    }
    *o = (VLOptions){ .ram_size = PC_DEFAULT_RAM_SIZE };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const VLOption *opt;
        const char *arg = NULL;

        g_free(cur_loc);
        cur_loc = g_strdup(a);
        if (a[0] != '-') {
            die("disk images are not supported by x86slice");
        }
        opt = find_option(a);
        if (!opt) {
            die("invalid option");
        }
        if (opt->has_arg) {
            if (i + 1 >= argc) {
                die("requires an argument");
            }
            arg = argv[++i];
            g_free(cur_loc);
            cur_loc = g_strdup_printf("%s %s", a, arg);
        }
        opt->handler(o, arg);
    }
    g_free(cur_loc);
    cur_loc = NULL;
}

/* ---- start-up ----------------------------------------------------------------------- */

/* qemu_process_early_options: -d then -D (the log backend always opens
 * the file, even without -d). */
static void setup_logging(const VLOptions *o)
{
    if (o->log_items) {
        char *bad = NULL;
        int mask = qemu_str_to_log_mask(o->log_items, &bad);

        g_free(bad);
        /* QEMU sets LOG_TRACE for "trace:" items, so only those may give 0. */
        if (mask < 0 || (mask == 0 && !strstr(o->log_items, "trace:"))) {
            qemu_print_log_usage(stdout);
            exit(1);
        }
        qemu_set_log(mask);
    }
    if (o->log_file && !qemu_set_log_filename(o->log_file)) {
        die_noloc("Error opening logfile %s: %s", o->log_file, g_strerror(errno));
    }
}

static void print_mtree(void)
{
    GString *s = g_string_new(NULL);

    mtree_info(false, false, false, false, s);
    fputs(s->str, stdout);
    fflush(stdout);
    g_string_free(s, TRUE);
}

int x86slice_main(int argc, char **argv)
{
    VLOptions o;
    PCMachineState *pc;

    vl_parse_options(argc, argv, &o);
    setup_logging(&o);
    pc = pc_machine_init(o.ram_size);
    if (!pc) {
        return 1;               /* memory.c said why ("cannot set up guest memory") */
    }
    if (o.print_mtree) {
        print_mtree();
    }
    /*
     * There is no CPU yet (it comes with a later issue), so -S changes
     * nothing: with a monitor we serve it until quit or end of input; with
     * none, nothing could ever happen, so we exit instead of waiting as
     * QEMU does.
     */
    if (o.monitor_stdio) {
        monitor_run(stdin, stdout);
    }
    pc_machine_free(pc);
    qemu_set_log_filename(NULL);
    return 0;
}
