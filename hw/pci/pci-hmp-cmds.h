/*
 * The monitor's `info pci` in QEMU 7.2's format.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_PCI_HMP_CMDS_H
#define HW_PCI_PCI_HMP_CMDS_H

#include <glib.h>
#include "hw/pci/pci.h"

void hmp_info_pci(GString *out, const PCIBus *bus);

#endif
