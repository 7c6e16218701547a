/*
 * Command line (a QEMU 7.2-compatible subset) and machine start-up,
 * after QEMU's softmmu/vl.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_VL_H
#define SOFTMMU_VL_H

#include <stdbool.h>
#include <stdint.h>

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
} VLOptions;

/* Parse argv into *opts.  Help, version and listings print and exit(0);
 * errors print QEMU-style messages ("x86slice: -foo: invalid option") and
 * exit(1). */
void vl_parse_options(int argc, char **argv, VLOptions *opts);

/* The whole program: parse, set up logging, build the pc machine, run the
 * monitor.  Returns the exit status. */
int x86slice_main(int argc, char **argv);

#endif
