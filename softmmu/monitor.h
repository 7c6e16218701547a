/*
 * HMP (human monitor) subset on -monitor stdio, with QEMU 7.2's command
 * syntax, messages and help texts (monitor/hmp.c, hmp-commands*.hx).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MONITOR_H
#define SOFTMMU_MONITOR_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>

/* QEMU's hmp_compare_cmd: name is one of the '|' alternatives of list
 * ("quit|q"). */
bool hmp_compare_cmd(const char *name, const char *list);

/* Run one command line (without its newline), appending what the monitor
 * prints to out.  Returns true when the command asks to quit. */
bool monitor_command(const char *line, GString *out);

/* The interactive monitor on its own thread: banner, "(qemu) " prompt, one
 * command per line, each run on the CPU thread (main_loop_call) while the
 * guest runs, until quit or end of input.  When in is not a terminal, each
 * command is echoed after the prompt, as QEMU's line editor does on a pipe.
 * Start it before x86slice_run; monitor_finish after it returns. */
void monitor_start(FILE *in, FILE *out);
void monitor_finish(void);

#endif
