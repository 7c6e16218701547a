/*
 * The monitor's `info pci` (and the PCI lines of `info qtree`) in QEMU
 * 7.2's format.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_PCI_HMP_CMDS_H
#define HW_PCI_PCI_HMP_CMDS_H

#include <glib.h>
#include "hw/pci/pci.h"
#include "softmmu/qdev-monitor.h"

void hmp_info_pci(GString *out, const PCIBus *bus);
/* The PCI part of a function's `info qtree` entry (properties, class
 * line, BARs). */
void pci_qtree_print(QTree *t, const PCIDevice *d);

#endif
