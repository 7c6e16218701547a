/*
 * -kernel on the pc machine: multiboot kernels through fw_cfg and our
 * multiboot option ROM (QEMU 7.2's x86_load_linux / load_multiboot).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_PC_KERNEL_H
#define HW_I386_PC_KERNEL_H

#include <stdbool.h>
#include "hw/i386/multiboot.h"
#include "hw/i386/pc.h"
#include "hw/nvram/fw_cfg.h"

/* Load cfg->kernel_filename into fw_cfg items (img keeps the ELF
 * segments and symbols).  False with the complete message line in *errp. */
bool pc_load_kernel(FWCfgState *fw_cfg, const PCMachineConfig *cfg, MultibootImage *img,
                    char **errp);

/* At every system reset: the ELF segments into RAM, as QEMU's rom_reset
 * writes its ROM blobs. */
void pc_kernel_reset(AddressSpace *as, const MultibootImage *img);

#endif
