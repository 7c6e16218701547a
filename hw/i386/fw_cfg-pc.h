/*
 * The pc machine's fw_cfg items (QEMU 7.2's hw/i386/fw_cfg.c and the
 * fw_cfg parts of hw/i386/pc.c), built at the points where QEMU builds
 * them so that `-trace fw_cfg_*` prints QEMU's start-up lines in order:
 *
 *   pc_memory_init:  fw_cfg_arch_create   (device, then the arch items)
 *   machine done:    fw_cfg_pc_machine_done (SMBIOS, CPU count)
 *   system reset:    fw_cfg_reset, then fw_cfg_machine_reset
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_FW_CFG_PC_H
#define HW_I386_FW_CFG_PC_H

#include "hw/i386/pc.h"

/* fw_cfg_init_io_dma(0x510, 0x514, &address_space_memory) and its items:
 * CPU counts, RAM size, ACPI tables (empty), IRQ0 override, etc/e820,
 * HPET (none), NUMA (none).  The caller maps the "fwcfg" and "fwcfg.dma"
 * regions (fw_cfg_comb_mem_ops / fw_cfg_dma_mem_ops, opaque = the result). */
FWCfgState *fw_cfg_arch_create(PCMachineState *pcms, uint16_t boot_cpus,
                               uint16_t apic_id_limit);

/* pc_machine_done's fw_cfg part: fw_cfg_build_smbios,
 * fw_cfg_build_feature_control (nothing for qemu32) and NB_CPUS updated. */
void fw_cfg_pc_machine_done(PCMachineState *pcms, uint16_t boot_cpus);

#endif
