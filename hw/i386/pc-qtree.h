/*
 * `info qtree` of the pc machine (QEMU 7.2's device tree).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_PC_QTREE_H
#define HW_I386_PC_QTREE_H

#include "hw/i386/pc.h"
#include "softmmu/qdev-monitor.h"

/* The whole tree; user_devices prints the -device devices of isa.0. */
void pc_qtree_print(QTree *t, const PCMachineState *s, void (*user_devices)(QTree *t));

#endif
