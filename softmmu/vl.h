/*
 * Command line (a QEMU 7.2-compatible subset) and machine start-up,
 * after QEMU's softmmu/vl.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_VL_H
#define SOFTMMU_VL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The QEMU release whose behaviour x86slice reproduces. */
#define X86SLICE_QEMU_VERSION "7.2.22"

/* What the command line asked for. */
typedef struct VLOptions {
    uint64_t ram_size;          /* bytes, rounded up to 8 KiB */
    bool start_stopped;         /* -S */
    bool monitor_stdio;         /* -monitor stdio */
    bool nodefaults;            /* -nodefaults */
    bool print_mtree;           /* -mtree (x86slice only): `info mtree` at start-up */
    const char *log_items;      /* -d */
    const char *log_file;       /* -D, or -trace file= */
    const char *firmware;       /* -bios, or -machine firmware=; NULL: the default */
    const char *kernel_filename;    /* -kernel */
    const char *kernel_cmdline;     /* -append */
    const char *initrd_filename;    /* -initrd */
    bool list_data_dirs;        /* -L help */
    bool singlestep;            /* -singlestep */
    bool no_reboot;             /* -no-reboot (QEMU's action reboot=shutdown) */
    bool no_shutdown;           /* -no-shutdown (QEMU's action shutdown=pause) */
    bool nographic;             /* -nographic */
    /* -chardev, -monitor stdio and -device are kept in vl.c, in command-line
     * order, as QEMU's QemuOpts lists are. */
} VLOptions;

/* Parse argv into *opts.  Help, version and listings print and exit(0);
 * errors print QEMU-style messages ("x86slice: -foo: invalid option") and
 * exit(1). */
void vl_parse_options(int argc, char **argv, VLOptions *opts);

/* The whole program, in QEMU's order: parse; -d/-D; help listings
 * (-L help, -device help); chardevs; the pc machine (firmware); -device
 * devices; reset; then run the CPU (x86slice_run) and/or the monitor.
 * Returns the exit status. */
int x86slice_main(int argc, char **argv);

/*
 * Firmware search path (QEMU's softmmu/datadir.c).  -L directories come
 * first, then QEMU's configured firmware path, which for Debian's QEMU is
 * /usr/share/qemu, /usr/share/seabios, /usr/lib/ipxe/qemu.
 */
void qemu_add_data_dir(const char *path);
void qemu_add_default_firmwarepath(void);
/* QEMU_FILE_TYPE_BIOS lookup: the name itself if readable (relative to the
 * current directory or absolute), else the first readable DIR/name.  NULL
 * if none; g_free the result.  Adds the default path if nothing has. */
char *qemu_find_file(const char *name);
/* -L help: one directory per line. */
void qemu_list_data_dirs(FILE *out);

/* `info qtree` lines of the -device devices (newest first). */
struct QTree;
void vl_qtree_devices(struct QTree *t);

#endif
