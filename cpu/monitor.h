/*
 * x86 monitor commands (QEMU's target/i386/monitor.c): `info tlb`.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_MONITOR_H
#define CPU_MONITOR_H

#include <glib.h>
#include "cpu/cpu.h"

/* `info tlb`: the page tables' present mappings, QEMU's format. */
void hmp_info_tlb(GString *out, CPUX86State *env);

#endif
