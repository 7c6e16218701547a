/*
 * Command line and start-up: the subset of QEMU 7.2's softmmu/vl.c that
 * the reference machine's command line uses, with QEMU's syntax and error
 * messages (program name ours: "x86slice: -foo: invalid option").
 * Also here, because QEMU's vl.c leans on them: the QemuOpts syntax of
 * -chardev and -device (util/qemu-option.c), the firmware search path
 * (softmmu/datadir.c) and the qdev steps for the -device types x86slice
 * has (softmmu/qdev-monitor.c: properties, ids, help).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "hw/i386/pc.h"
#include "hw/misc/debugcon.h"
#include "hw/misc/debugexit.h"
#include "softmmu/chardev.h"
#include "softmmu/log.h"
#include "softmmu/memory.h"
#include "softmmu/monitor.h"
#include "softmmu/qdev-monitor.h"
#include "softmmu/runstate.h"
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

/* error_report at a saved location (QemuOpts' loc_restore); no exit. */
static void G_GNUC_PRINTF(2, 3) error_report_at(const char *loc, const char *fmt, ...)
{
    va_list ap;

    g_free(cur_loc);
    cur_loc = g_strdup(loc);
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    g_free(cur_loc);
    cur_loc = NULL;
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
           "-nodefaults     don't create default devices (x86slice never does)\n"
           "-device driver[,prop[=value][,...]]\n"
           "                add device (based on driver)\n"
           "                prop=value,... sets driver properties\n"
           "                use '-device help' to print all possible drivers\n"
           "                (x86slice: isa-debugcon, isa-debug-exit)\n\n");
    printf("Character device options:\n"
           "-chardev help\n"
           "-chardev null,id=id[,logfile=PATH][,logappend=on|off]\n"
           "-chardev file,id=id,path=path[,append=on|off][,logfile=PATH][,logappend=on|off]\n"
           "-chardev stdio,id=id[,signal=on|off][,logfile=PATH][,logappend=on|off]\n\n");
    printf("Boot Image or Kernel specific:\n"
           "-kernel bzImage use 'bzImage' as kernel image (x86slice: multiboot kernels)\n"
           "-append cmdline use 'cmdline' as kernel command line\n"
           "-initrd file    use 'file' as initial ram disk (multiboot: modules,\n"
           "                \"file args,file args\")\n"
           "-bios file      set the filename for the BIOS\n\n");
    printf("Display options:\n"
           "-display none   no display ('-display help' for a list)\n"
           "-nographic      disable graphical output (same as -display none)\n\n");
    printf("Debug/Expert options:\n"
           "-monitor stdio|none\n"
           "                the human monitor on standard input/output, or none\n"
           "-singlestep     always run in singlestep mode\n"
           "-S              freeze CPU at startup (use 'c' to start execution)\n"
           "-L path         set the directory for the BIOS, VGA BIOS and keymaps\n"
           "-no-reboot      exit instead of rebooting\n"
           "-no-shutdown    stop before shutdown\n"
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
static void machine_prop(VLOptions *o, const char *key, const char *value)
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
    } else if (g_str_equal(key, "firmware")) {
        o->firmware = g_intern_string(value);
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
            machine_prop(o, items[i], "on");
        } else {
            *eq = '\0';
            machine_prop(o, items[i], eq + 1);
        }
    }
    g_strfreev(items);
}

/* ---- QemuOpts: "-chardev" and "-device" argument syntax (util/qemu-option.c) ---- */

typedef enum OptType { OPT_STRING, OPT_BOOL, OPT_NUMBER, OPT_SIZE } OptType;

typedef struct OptDesc {
    const char *name;
    OptType type;
} OptDesc;

typedef struct Opt {
    char *name, *str;
    bool boolean;               /* OPT_BOOL */
    uint64_t uint;              /* OPT_NUMBER, OPT_SIZE */
} Opt;

/* One option occurrence: its id, its key=value pairs in order, and the
 * location QEMU reports its later errors at ("-chardev stdio"). */
typedef struct Opts {
    char *id;
    char *loc;
    GPtrArray *opts;            /* Opt * */
    bool monitor;               /* -monitor stdio's chardev: the monitor holds it */
} Opts;

typedef struct OptsList {
    const char *name;
    const char *implied_opt_name;
    const OptDesc *desc;        /* NULL: accepts any key */
    GPtrArray *head;            /* Opts *, in command-line order */
} OptsList;

/* chardev/char.c qemu_chardev_opts (Linux build). */
static const OptDesc chardev_desc[] = {
    { "backend", OPT_STRING },  { "path", OPT_STRING },       { "host", OPT_STRING },
    { "port", OPT_STRING },     { "fd", OPT_STRING },         { "localaddr", OPT_STRING },
    { "localport", OPT_STRING }, { "to", OPT_NUMBER },        { "ipv4", OPT_BOOL },
    { "ipv6", OPT_BOOL },       { "wait", OPT_BOOL },         { "server", OPT_BOOL },
    { "delay", OPT_BOOL },      { "nodelay", OPT_BOOL },      { "reconnect", OPT_NUMBER },
    { "telnet", OPT_BOOL },     { "tn3270", OPT_BOOL },       { "tls-creds", OPT_STRING },
    { "tls-authz", OPT_STRING }, { "websocket", OPT_BOOL },   { "width", OPT_NUMBER },
    { "height", OPT_NUMBER },   { "cols", OPT_NUMBER },       { "rows", OPT_NUMBER },
    { "mux", OPT_BOOL },        { "signal", OPT_BOOL },       { "name", OPT_STRING },
    { "debug", OPT_NUMBER },    { "size", OPT_SIZE },         { "chardev", OPT_STRING },
    { "append", OPT_BOOL },     { "logfile", OPT_STRING },    { "logappend", OPT_BOOL },
    { "mouse", OPT_BOOL },      { "clipboard", OPT_BOOL },    { "tight", OPT_BOOL },
    { "abstract", OPT_BOOL },   { NULL, OPT_STRING },
};

static OptsList chardev_opts = { "chardev", "backend", chardev_desc, NULL };
static OptsList device_opts = { "device", "driver", NULL, NULL };

/* is_help_option */
static bool is_help(const char *s)
{
    return g_str_equal(s, "help") || g_str_equal(s, "?");
}

/* qemu_strtou64(s, NULL, 0, &val): strtoull's syntax (sign, 0x, 0 for
 * octal, leading blanks), all of s consumed.  0, -EINVAL or -ERANGE. */
static int qemu_strtou64(const char *s, uint64_t *val)
{
    char *end;

    errno = 0;
    *val = strtoull(s, &end, 0);
    if (errno == ERANGE) {
        *val = UINT64_MAX;
        return -ERANGE;
    }
    if (end == s || *end || errno) {
        return -EINVAL;
    }
    return 0;
}

/* id_wellformed */
static bool id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (int i = 1; id[i]; i++) {
        if (!g_ascii_isalnum(id[i]) && !strchr("-._", id[i])) {
            return false;
        }
    }
    return true;
}

/* get_opt_value: up to the next single comma; ",," stands for ','. */
static const char *get_opt_value(const char *p, char **value)
{
    GString *v = g_string_new(NULL);

    for (;;) {
        const char *c = p + strcspn(p, ",");

        g_string_append_len(v, p, c - p);
        if (*c == ',' && c[1] == ',') {
            g_string_append_c(v, ',');
            p = c + 2;
            continue;
        }
        p = c;
        break;
    }
    *value = g_string_free(v, FALSE);
    return p;
}

/* get_opt_name_value: "key=value", the implied first value, or a flag
 * ("key" is key=on, "nokey" key=off: deprecated, with QEMU's warning). */
static const char *get_opt_name_value(const char *params, const char *firstname,
                                      bool warn_on_flag, bool *help_wanted,
                                      char **name, char **value)
{
    size_t len = strcspn(params, "=,");
    const char *p;

    if (params[len] != '=') {
        if (firstname) {
            *name = g_strdup(firstname);
            p = get_opt_value(params, value);
        } else {
            const char *prefix = "";
            bool help = false;

            *name = g_strndup(params, len);
            p = params + len;
            if (g_str_has_prefix(*name, "no")) {
                memmove(*name, *name + 2, strlen(*name + 2) + 1);
                *value = g_strdup("off");
                prefix = "no";
            } else {
                *value = g_strdup("on");
                help = is_help(*name);
            }
            if (!help && warn_on_flag) {
                warn_report("short-form boolean option '%s%s' deprecated", prefix, *name);
                if (g_str_equal(*name, "delay")) {
                    fprintf(stderr, "Please use nodelay=%s instead\n", prefix[0] ? "on" : "off");
                } else {
                    fprintf(stderr, "Please use %s=%s instead\n", *name, *value);
                }
            }
            if (help && help_wanted) {
                *help_wanted = true;
            }
        }
    } else {
        *name = g_strndup(params, len);
        p = get_opt_value(params + len + 1, value);
    }
    return *p == ',' ? p + 1 : p;
}

static void opt_free(gpointer p)
{
    Opt *opt = p;

    g_free(opt->name);
    g_free(opt->str);
    g_free(opt);
}

static void opts_free(gpointer p)
{
    Opts *opts = p;

    g_ptr_array_free(opts->opts, TRUE);
    g_free(opts->id);
    g_free(opts->loc);
    g_free(opts);
}

static Opts *opts_find(OptsList *list, const char *id)
{
    for (guint i = 0; list->head && i < list->head->len; i++) {
        Opts *opts = g_ptr_array_index(list->head, i);
        if (opts->id && g_str_equal(opts->id, id)) {
            return opts;
        }
    }
    return NULL;
}

/* The last value given for name (qemu_opt_find), or NULL. */
static Opt *opt_find(Opts *opts, const char *name)
{
    for (guint i = opts->opts->len; i-- > 0;) {
        Opt *opt = g_ptr_array_index(opts->opts, i);
        if (g_str_equal(opt->name, name)) {
            return opt;
        }
    }
    return NULL;
}

static const char *opt_get(Opts *opts, const char *name)
{
    Opt *opt = opt_find(opts, name);
    return opt ? opt->str : NULL;
}

static bool opt_get_bool(Opts *opts, const char *name, bool defval)
{
    Opt *opt = opt_find(opts, name);
    return opt ? opt->boolean : defval;
}

/* qemu_opts_create: the id must be well formed and new in the list. */
static Opts *opts_create(OptsList *list, const char *id)
{
    Opts *opts;

    if (id && !id_wellformed(id)) {
        die("Parameter 'id' expects an identifier\n"
            "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.");
    }
    if (id && opts_find(list, id)) {
        die("Duplicate ID '%s' for %s", id, list->name);
    }
    opts = g_new0(Opts, 1);
    opts->id = g_strdup(id);
    opts->loc = g_strdup(cur_loc);
    opts->opts = g_ptr_array_new_with_free_func(opt_free);
    if (!list->head) {
        list->head = g_ptr_array_new_with_free_func(opts_free);
    }
    g_ptr_array_add(list->head, opts);
    return opts;
}

/* opt_validate + qemu_opt_parse: known key, value of the key's type. */
static void opt_validate(OptsList *list, Opt *opt)
{
    const OptDesc *desc = NULL;
    int err;

    if (!list->desc) {
        return;
    }
    for (int i = 0; list->desc[i].name; i++) {
        if (g_str_equal(list->desc[i].name, opt->name)) {
            desc = &list->desc[i];
        }
    }
    if (!desc) {
        die("Invalid parameter '%s'", opt->name);
    }
    switch (desc->type) {
    case OPT_STRING:
        break;
    case OPT_BOOL: {
        int b = parse_bool(opt->str);
        if (b < 0) {
            die("Parameter '%s' expects 'on' or 'off'", opt->name);
        }
        opt->boolean = b;
        break;
    }
    case OPT_NUMBER:
        err = qemu_strtou64(opt->str, &opt->uint);
        if (err == -ERANGE) {
            die("Value '%s' is too large for parameter '%s'", opt->str, opt->name);
        } else if (err) {
            die("Parameter '%s' expects a number", opt->name);
        }
        break;
    case OPT_SIZE:
        if (!strtosz(opt->str, 'B', &opt->uint)) {
            die("Parameter '%s' expects a non-negative number below 2^64\n"
                "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\n"
                "and exabytes, respectively.", opt->name);
        }
        break;
    }
}

static const char *const opt_type_names[] = {
    [OPT_STRING] = "str", [OPT_BOOL] = "bool (on/off)",
    [OPT_NUMBER] = "num", [OPT_SIZE] = "size",
};

static gint strptr_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* qemu_opts_print_help(list, true) */
static void opts_print_help(const OptsList *list)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);

    for (int i = 0; list->desc[i].name; i++) {
        g_ptr_array_add(lines, g_strdup_printf("  %s=<%s>", list->desc[i].name,
                                               opt_type_names[list->desc[i].type]));
    }
    g_ptr_array_sort(lines, strptr_cmp);
    printf("%s options:\n", list->name);
    for (guint i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
}

/* qemu_opts_parse_noisily(list, params, true): errors exit(1) with the
 * option's location; "help" among a typed list's keys lists them. */
static Opts *opts_parse(OptsList *list, const char *params)
{
    char *id = NULL, *name, *value;
    const char *firstname = list->implied_opt_name;
    bool help_wanted = false;
    Opts *opts;

    /* opts_parse_id: the first element is read as a key here */
    for (const char *p = params; *p;) {
        p = get_opt_name_value(p, NULL, false, NULL, &name, &value);
        if (g_str_equal(name, "id")) {
            g_free(name);
            id = value;
            break;
        }
        g_free(name);
        g_free(value);
    }
    opts = opts_create(list, id);
    g_free(id);

    for (const char *p = params; *p;) {
        p = get_opt_name_value(p, firstname, true, list->desc ? &help_wanted : NULL,
                               &name, &value);
        firstname = NULL;
        if (help_wanted) {
            opts_print_help(list);
            exit(1);
        }
        if (g_str_equal(name, "id")) {
            g_free(name);
            g_free(value);
            continue;
        }
        Opt *opt = g_new0(Opt, 1);
        opt->name = name;
        opt->str = value;
        g_ptr_array_add(opts->opts, opt);
        opt_validate(list, opt);
    }
    return opts;
}

/* Report an error found after parsing at the option it came from. */
static void G_GNUC_NORETURN G_GNUC_PRINTF(2, 3) die_at(const char *loc, const char *fmt, ...)
{
    va_list ap;

    g_free(cur_loc);
    cur_loc = g_strdup(loc);
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(1);
}

static void opts_reset(OptsList *list)
{
    if (list->head) {
        g_ptr_array_free(list->head, TRUE);
        list->head = NULL;
    }
}

/* ---- firmware search path (softmmu/datadir.c) -------------------------------- */

/* Debian's --firmwarepath, then CONFIG_QEMU_DATADIR (a duplicate). */
static const char *const default_firmware_path[] = {
    "/usr/share/qemu", "/usr/share/seabios", "/usr/lib/ipxe/qemu", "/usr/share/qemu",
};

static char *data_dir[16];
static int data_dir_idx;
static bool default_firmware_path_added;

/* Our option ROM directory's place in data_dir (not listed by -L help). */
static int option_rom_dir_idx = -1;

void qemu_add_data_dir(const char *path)
{
    if (!path || data_dir_idx == G_N_ELEMENTS(data_dir)) {
        return;
    }
    for (int i = 0; i < data_dir_idx; i++) {
        if (g_str_equal(data_dir[i], path)) {
            return;
        }
    }
    data_dir[data_dir_idx++] = g_strdup(path);
}

void qemu_add_default_firmwarepath(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(default_firmware_path); i++) {
        qemu_add_data_dir(default_firmware_path[i]);
    }
    default_firmware_path_added = true;
}

char *qemu_find_file(const char *name)
{
    if (access(name, R_OK) == 0) {
        return g_strdup(name);
    }
    if (!default_firmware_path_added) {
        qemu_add_default_firmwarepath();
    }
    for (int i = 0; i < data_dir_idx; i++) {
        char *buf = g_strdup_printf("%s/%s", data_dir[i], name);
        if (access(buf, R_OK) == 0) {
            return buf;
        }
        g_free(buf);
    }
    return NULL;
}

void qemu_list_data_dirs(FILE *out)
{
    for (int i = 0; i < data_dir_idx; i++) {
        if (i != option_rom_dir_idx) {
            fprintf(out, "%s\n", data_dir[i]);
        }
    }
}

static void data_dirs_reset(void)
{
    option_rom_dir_idx = -1;
    while (data_dir_idx) {
        g_free(data_dir[--data_dir_idx]);
    }
    default_firmware_path_added = false;
}

/* ---- -chardev, -device ------------------------------------------------------------ */

static void opt_chardev(VLOptions *o, const char *arg)
{
    (void)o;
    opts_parse(&chardev_opts, arg);
}

/* ---- -serial (QEMU's serial_parse with qemu_chr_new_mux_mon) ----------------------- */

typedef struct SerialArg {
    char *spec;
    char *loc;                  /* "-serial SPEC", for messages */
} SerialArg;

static GPtrArray *serial_args;

static void opt_serial(VLOptions *o, const char *arg)
{
    SerialArg *a = g_new0(SerialArg, 1);

    (void)o;
    a->spec = g_strdup(arg);
    a->loc = g_strdup(cur_loc);
    if (!serial_args) {
        serial_args = g_ptr_array_new();
    }
    g_ptr_array_add(serial_args, a);
}

/* The chardev for one -serial SPEC (qemu_chr_parse_compat for the backends
 * x86slice has), labelled serialN; NULL after printing QEMU's first line
 * of error. */
static Chardev *serial_chardev(const SerialArg *a, const char *label)
{
    ChardevOptions co = { .id = label };
    char *err = NULL;
    Chardev *chr;

    if (g_str_has_prefix(a->spec, "chardev:")) {
        return qemu_chr_find(a->spec + strlen("chardev:"));
    }
    if (g_str_equal(a->spec, "stdio") || g_str_equal(a->spec, "null")) {
        co.backend = a->spec;
    } else if (g_str_has_prefix(a->spec, "file:")) {
        co.backend = "file";
        co.path = a->spec + strlen("file:");
    } else if (g_str_has_prefix(a->spec, "mon:")) {
        die_at(a->loc, "x86slice does not multiplex a monitor onto a serial port "
               "(use -monitor stdio)");
    } else {
        error_report_at(a->loc, "'%s' is not a valid char driver", a->spec);
        return NULL;
    }
    chr = qemu_chr_new_from_opts(&co, &err);
    if (!chr) {
        error_report_at(a->loc, "%s", err);
        g_free(err);
    }
    return chr;
}

/* serial_hds: "none" keeps its index empty (no port there); the pc
 * machine uses the first four indexes, COM1..COM4. */
static void create_serials(PCMachineConfig *cfg)
{
    int n = 0;

    for (guint i = 0; serial_args && i < serial_args->len; i++) {
        SerialArg *a = g_ptr_array_index(serial_args, i);
        char label[32], *err = NULL;
        Chardev *chr;

        if (g_str_equal(a->spec, "none")) {
            n++;
            continue;
        }
        snprintf(label, sizeof(label), "serial%d", n);
        chr = serial_chardev(a, label);
        if (!chr) {
            die_at(a->loc, "could not connect serial device to character backend '%s'",
                   a->spec);
        }
        if (n < MAX_ISA_SERIAL_PORTS) {
            /* QEMU aborts here ("Unexpected error in qemu_chr_fe_init()");
             * x86slice says why and exits with status 1. */
            if (!qemu_chr_fe_init(chr, &err)) {
                die_noloc("%s", err);
            }
            cfg->serial_hds[n] = chr;
        }
        n++;
    }
}

/* -device: JSON syntax is QEMU's too, but x86slice reads key=value only. */
static void opt_device(VLOptions *o, const char *arg)
{
    (void)o;
    if (arg[0] == '{') {
        die("x86slice does not support JSON syntax for -device");
    }
    opts_parse(&device_opts, arg);
}

/* monitor_parse: "-monitor stdio" is the chardev compat_monitorN (as
 * qemu_chr_parse_compat makes it), held by the monitor. */
static void opt_monitor(VLOptions *o, const char *arg)
{
    static int monitor_device_index;

    if (g_str_equal(arg, "stdio")) {
        char *label = g_strdup_printf("compat_monitor%d", monitor_device_index++);
        Opts *opts = opts_create(&chardev_opts, label);
        Opt *opt = g_new0(Opt, 1);

        opt->name = g_strdup("backend");
        opt->str = g_strdup("stdio");
        g_ptr_array_add(opts->opts, opt);
        opts->monitor = true;
        o->monitor_stdio = true;
        g_free(label);
    } else if (!g_str_equal(arg, "none")) {
        die("x86slice supports -monitor stdio and -monitor none only");
    }
}

/* chardev_init_func for each -chardev / -monitor stdio, in order. */
static void create_chardevs(void)
{
    for (guint i = 0; chardev_opts.head && i < chardev_opts.head->len; i++) {
        Opts *opts = g_ptr_array_index(chardev_opts.head, i);
        const char *backend = opt_get(opts, "backend");
        ChardevOptions co = {
            .id = opts->id,
            .backend = backend,
            .path = opt_get(opts, "path"),
            .append = opt_get_bool(opts, "append", false),
            .logfile = opt_get(opts, "logfile"),
            .logappend = opt_get_bool(opts, "logappend", false),
            .mux = opt_get_bool(opts, "mux", false),
        };
        char *err = NULL;
        Chardev *chr;

        if (backend && is_help(backend)) {
            printf("Available chardev backend types: ");
            /* QEMU's (hash) order among the three */
            printf("\n  %s\n  %s\n  %s\n", "stdio", "null", "file");
            exit(0);
        }
        chr = qemu_chr_new_from_opts(&co, &err);
        if (!chr) {
            die_at(opts->loc, "%s", err);
        }
        if (opts->monitor) {
            qemu_chr_fe_init(chr, &err);
        }
    }
}

/* ---- devices: what qdev does for the two -device types x86slice has ----------- */

typedef enum DevPropType { PROP_UINT32, PROP_CHR } DevPropType;

typedef struct DevProp {
    const char *name;
    DevPropType type;
    size_t offset;
    const char *description;
    bool has_default;
    uint32_t defval;
} DevProp;

typedef struct DevClass {
    const char *name;
    size_t instance_size;
    const DevProp *props;       /* NULL-terminated */
    void (*instance_init)(void *dev);
    bool (*realize)(void *dev, PCMachineState *pc, char **errp);
    void (*unrealize)(void *dev);
} DevClass;

typedef struct Device {
    const DevClass *cls;
    void *state;
    char *id;                   /* -device id=, or NULL */
} Device;

static bool debugcon_realize(void *dev, PCMachineState *pc, char **errp)
{
    return isa_debugcon_realize(dev, &pc->system_io, dev, errp);
}

static bool debug_exit_realize(void *dev, PCMachineState *pc, char **errp)
{
    (void)errp;
    isa_debug_exit_realize(dev, &pc->system_io, dev);
    return true;
}

static const DevProp debugcon_props[] = {
    { "iobase", PROP_UINT32, offsetof(ISADebugconState, iobase), NULL, true,
      DEBUGCON_DEFAULT_IOBASE },
    { "chardev", PROP_CHR, offsetof(ISADebugconState, chr),
      "ID of a chardev to use as a backend", false, 0 },
    { "readback", PROP_UINT32, offsetof(ISADebugconState, readback), NULL, true,
      DEBUGCON_DEFAULT_READBACK },
    { NULL, 0, 0, NULL, false, 0 },
};

static const DevProp debug_exit_props[] = {
    { "iobase", PROP_UINT32, offsetof(ISADebugExitState, iobase), NULL, true,
      DEBUGEXIT_DEFAULT_IOBASE },
    { "iosize", PROP_UINT32, offsetof(ISADebugExitState, iosize), NULL, true,
      DEBUGEXIT_DEFAULT_IOSIZE },
    { NULL, 0, 0, NULL, false, 0 },
};

/* Sorted by name, as object_class_get_list_sorted lists them. */
static const DevClass device_classes[] = {
    { TYPE_ISA_DEBUG_EXIT_DEVICE, sizeof(ISADebugExitState), debug_exit_props,
      (void (*)(void *))isa_debug_exit_init, debug_exit_realize,
      (void (*)(void *))isa_debug_exit_unrealize },
    { TYPE_ISA_DEBUGCON_DEVICE, sizeof(ISADebugconState), debugcon_props,
      (void (*)(void *))isa_debugcon_init, debugcon_realize,
      (void (*)(void *))isa_debugcon_unrealize },
};

static GPtrArray *devices;      /* Device *, realized, in creation order */

static const DevClass *find_device_class(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(device_classes); i++) {
        if (g_str_equal(device_classes[i].name, name)) {
            return &device_classes[i];
        }
    }
    return NULL;
}

/* qdev_print_devinfos: x86slice's devices are all in QEMU's "Misc". */
static void device_list_help(void)
{
    printf("\nMisc devices:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(device_classes); i++) {
        printf("name \"%s\", bus ISA\n", device_classes[i].name);
    }
}

/* qdev_device_help: "-device help" and "-device DRIVER,help".  True when
 * something was printed (the caller exits with 0, as QEMU does). */
static bool device_help(Opts *opts)
{
    const char *driver = opt_get(opts, "driver");
    const DevClass *cls;
    bool has_help = false;
    GPtrArray *lines;

    if (driver && is_help(driver)) {
        device_list_help();
        return true;
    }
    for (guint i = 0; i < opts->opts->len; i++) {
        has_help |= is_help(((Opt *)g_ptr_array_index(opts->opts, i))->name);
    }
    if (!driver || !has_help) {
        return false;
    }
    cls = find_device_class(driver);
    if (!cls) {
        error_report_at(opts->loc, "Device '%s' not found", driver);
        return true;
    }
    printf("%s options:\n", cls->name);
    lines = g_ptr_array_new_with_free_func(g_free);
    for (const DevProp *p = cls->props; p->name; p++) {
        GString *str = g_string_new(NULL);

        g_string_append_printf(str, "  %s=<%s>", p->name,
                               p->type == PROP_CHR ? "str" : "uint32");
        if (p->description || p->has_default) {
            if (str->len < 24) {
                g_string_append_printf(str, "%*s", 24 - (int)str->len, "");
            }
            g_string_append(str, " - ");
        }
        if (p->description) {
            g_string_append(str, p->description);
        }
        if (p->has_default) {
            g_string_append_printf(str, " (default: %" PRIu32 ")", p->defval);
        }
        g_ptr_array_add(lines, g_string_free(str, FALSE));
    }
    g_ptr_array_sort(lines, strptr_cmp);
    for (guint i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
    return true;
}

/* Set one property (object_property_set through the keyval visitor). */
static void device_set_prop(const DevClass *cls, void *dev, const char *loc,
                            const char *name, const char *value)
{
    const DevProp *p = cls->props;
    uint64_t v;
    char *err = NULL;

    while (p->name && !g_str_equal(p->name, name)) {
        p++;
    }
    if (!p->name) {
        die_at(loc, "Property '%s.%s' not found", cls->name, name);
    }
    switch (p->type) {
    case PROP_UINT32:
        if (qemu_strtou64(value, &v) < 0) {
            die_at(loc, "Parameter '%s' expects integer", name);
        }
        if (v > UINT32_MAX) {
            die_at(loc, "Parameter '%s' expects uint32_t", name);
        }
        *(uint32_t *)((char *)dev + p->offset) = v;
        break;
    case PROP_CHR: {
        Chardev **chrp = (Chardev **)((char *)dev + p->offset);
        Chardev *chr;

        if (!*value) {
            *chrp = NULL;
            break;
        }
        chr = qemu_chr_find(value);
        if (!chr) {
            die_at(loc, "Property '%s.%s' can't find value '%s'", cls->name, name, value);
        }
        if (!qemu_chr_fe_init(chr, &err)) {
            die_at(loc, "Property '%s.%s' can't take value '%s': %s", cls->name, name,
                   value, err);
        }
        *chrp = chr;
        break;
    }
    }
}

/* qdev_device_add for one -device, in command-line order. */
static void device_add(PCMachineState *pc, Opts *opts, int *anon_index)
{
    const char *driver = opt_get(opts, "driver");
    const char *bus = opt_get(opts, "bus");
    const DevClass *cls;
    Device *d;
    char *path, *err = NULL;

    if (!driver) {
        die_at(opts->loc, "Parameter 'driver' is missing");
    }
    cls = find_device_class(driver);
    if (!cls) {
        die_at(opts->loc, "'%s' is not a valid device model name", driver);
    }
    if (bus && g_str_equal(bus, "pci.0")) {
        die_at(opts->loc, "Device '%s' can't go on PCI bus", driver);
    } else if (bus && !g_str_equal(bus, "isa.0")) {
        die_at(opts->loc, "Bus '%s' not found", bus);
    }

    d = g_new0(Device, 1);
    d->cls = cls;
    d->id = g_strdup(opts->id);
    d->state = g_malloc0(cls->instance_size);
    cls->instance_init(d->state);
    /* qdev_set_id: /machine/peripheral/ID or /machine/peripheral-anon/device[N] */
    path = opts->id ? g_strdup_printf("/machine/peripheral/%s", opts->id)
                    : g_strdup_printf("/machine/peripheral-anon/device[%d]", (*anon_index)++);
    memory_owner_register(d->state, true, path, opts->id);
    g_free(path);

    /* The options become a dictionary: the last value of a key wins. */
    for (guint i = 0; i < opts->opts->len; i++) {
        Opt *opt = g_ptr_array_index(opts->opts, i);

        if (g_str_equal(opt->name, "driver") || g_str_equal(opt->name, "bus") ||
            opt_find(opts, opt->name) != opt) {
            continue;
        }
        device_set_prop(cls, d->state, opts->loc, opt->name, opt->str);
    }

    if (!cls->realize(d->state, pc, &err)) {
        die_at(opts->loc, "%s", err);
    }
    if (!devices) {
        devices = g_ptr_array_new();
    }
    g_ptr_array_add(devices, d);
}

static void create_devices(PCMachineState *pc)
{
    int anon_index = 0;

    for (guint i = 0; device_opts.head && i < device_opts.head->len; i++) {
        device_add(pc, g_ptr_array_index(device_opts.head, i), &anon_index);
    }
}

/* `info qtree` entries of the -device devices (all on isa.0), newest
 * first as QEMU lists a bus's children, properties in class order. */
void vl_qtree_devices(QTree *t)
{
    for (guint i = devices ? devices->len : 0; i-- > 0;) {
        Device *d = g_ptr_array_index(devices, i);

        qtree_dev(t, d->cls->name, d->id);
        for (const DevProp *p = d->cls->props; p->name; p++) {
            const char *field = (const char *)d->state + p->offset;

            if (p->type == PROP_UINT32) {
                qtree_prop_uint(t, p->name, *(const uint32_t *)field);
            } else {
                Chardev *chr = *(Chardev *const *)field;

                qtree_prop_str(t, p->name, chr ? chr->label : "");
            }
        }
        qtree_end(t);
    }
}

/* Unrealize (newest first) before the machine's regions go. */
static void destroy_devices(void)
{
    while (devices && devices->len) {
        Device *d = g_ptr_array_remove_index(devices, devices->len - 1);

        d->cls->unrealize(d->state);
        g_free(d->state);
        g_free(d->id);
        g_free(d);
    }
    if (devices) {
        g_ptr_array_free(devices, TRUE);
        devices = NULL;
    }
}

/* ---- -bios, -L, run options ---------------------------------------------------- */

static void opt_bios(VLOptions *o, const char *arg)
{
    o->firmware = arg;
}

static void opt_kernel(VLOptions *o, const char *arg)
{
    o->kernel_filename = arg;
}

static void opt_append(VLOptions *o, const char *arg)
{
    o->kernel_cmdline = arg;
}

static void opt_initrd(VLOptions *o, const char *arg)
{
    o->initrd_filename = arg;
}

static void opt_L(VLOptions *o, const char *arg)
{
    if (is_help(arg)) {
        o->list_data_dirs = true;
    } else {
        qemu_add_data_dir(arg);
    }
}

static void opt_singlestep(VLOptions *o, const char *arg)
{
    (void)arg;
    o->singlestep = true;
}

static void opt_no_reboot(VLOptions *o, const char *arg)
{
    (void)arg;
    o->no_reboot = true;
}

static void opt_no_shutdown(VLOptions *o, const char *arg)
{
    (void)arg;
    o->no_shutdown = true;
}

/* ---- -global, -accel, -display ------------------------------------ */

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
/* -nographic: no display, and fw_cfg's FW_CFG_NOGRAPHIC item says so
 * (with -nodefaults it adds no serial port or monitor). */
static void opt_nographic(VLOptions *o, const char *arg)
{
    (void)arg;
    o->nographic = true;
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
    { "bios", true, opt_bios },         { "L", true, opt_L },
    { "kernel", true, opt_kernel },     { "append", true, opt_append },
    { "initrd", true, opt_initrd },
    { "chardev", true, opt_chardev },   { "device", true, opt_device },
    { "serial", true, opt_serial },
    { "singlestep", false, opt_singlestep },
    { "no-reboot", false, opt_no_reboot },
    { "no-shutdown", false, opt_no_shutdown },
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
        g_set_prgname(progname);        /* for the machine's messages */
        g_free(base);
    }
    *o = (VLOptions){ .ram_size = PC_DEFAULT_RAM_SIZE };
    opts_reset(&chardev_opts);
    opts_reset(&device_opts);
    data_dirs_reset();
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

/* Our own option ROMs (roms/optionrom/, e.g. multiboot_dma.bin for
 * -kernel) are built into build/roms/optionrom/ beside the program; that
 * directory is searched after -L and before QEMU's firmware path, so that
 * QEMU's ROMs of the same name are not picked up.  -L help does not list
 * it. */
static void add_option_rom_dir(void)
{
    char *exe = g_file_read_link("/proc/self/exe", NULL);

    if (exe) {
        char *dir = g_path_get_dirname(exe);
        char *roms = g_build_filename(dir, "roms", "optionrom", NULL);

        int before = data_dir_idx;

        qemu_add_data_dir(roms);
        if (data_dir_idx > before) {
            option_rom_dir_idx = before;
        }
        g_free(roms);
        g_free(dir);
        g_free(exe);
    }
}

/* qemu_process_help_options: -L help, then -device help / DRIVER,help. */
static void process_help_options(const VLOptions *o)
{
    if (o->list_data_dirs) {
        qemu_list_data_dirs(stdout);
        exit(0);
    }
    for (guint i = 0; device_opts.head && i < device_opts.head->len; i++) {
        if (device_help(g_ptr_array_index(device_opts.head, i))) {
            exit(0);
        }
    }
}

int x86slice_main(int argc, char **argv)
{
    VLOptions o;
    PCMachineState *pc;
    PCMachineConfig cfg;
    RunOptions run_opts;
    char *err = NULL;
    int status = 0;

    vl_parse_options(argc, argv, &o);
    /* qemu_validate_options */
    if (!o.kernel_filename && o.kernel_cmdline) {
        die_noloc("-append only allowed with -kernel option");
    }
    if (!o.kernel_filename && o.initrd_filename) {
        die_noloc("-initrd only allowed with -kernel option");
    }
    setup_logging(&o);
    add_option_rom_dir();
    qemu_add_default_firmwarepath();
    process_help_options(&o);
    create_chardevs();

    cfg = (PCMachineConfig){ .ram_size = o.ram_size, .firmware = o.firmware,
                             .kernel_filename = o.kernel_filename,
                             .kernel_cmdline = o.kernel_cmdline ? o.kernel_cmdline : "",
                             .initrd_filename = o.initrd_filename,
                             .nographic = o.nographic };
    create_serials(&cfg);
    pc = pc_machine_init(&cfg, &err);
    if (!pc) {
        if (err) {
            /* x86_bios_rom_init's fprintf: QEMU's text, "qemu: " included */
            fprintf(stderr, "%s\n", err);
            g_free(err);
            exit(1);
        }
        return 1;               /* memory.c said why ("cannot set up guest memory") */
    }
    create_devices(pc);
    x86slice_cpu_create(pc);
    pc_machine_reset(pc);
    if (o.print_mtree) {
        print_mtree();
    }

    /* The monitor thread hands its commands to the CPU thread, which
     * runs them between blocks (or while stopped: -S, `stop`). */
    run_opts = (RunOptions){
        .singlestep = o.singlestep,
        .no_reboot = o.no_reboot,
        .no_shutdown = o.no_shutdown,
        .start_stopped = o.start_stopped,
    };
    if (o.monitor_stdio) {
        monitor_start(stdin, stdout);
    }
    status = x86slice_run(pc, &run_opts);
    monitor_finish();

    x86slice_cpu_destroy();
    destroy_devices();
    pc_machine_free(pc);
    qemu_chr_cleanup();
    opts_reset(&chardev_opts);
    opts_reset(&device_opts);
    data_dirs_reset();
    qemu_set_log_filename(NULL);
    return status;
}
