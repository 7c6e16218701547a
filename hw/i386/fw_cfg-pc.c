/*
 * The pc machine's fw_cfg items (QEMU 7.2's hw/i386/fw_cfg.c
 * fw_cfg_arch_create, fw_cfg_build_smbios, fw_cfg_build_feature_control;
 * hw/i386/pc.c pc_machine_done).  See fw_cfg-pc.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/i386/fw_cfg-pc.h"
#include "hw/smbios/smbios.h"

/* struct hpet_fw_config: a count, then 8 packed 15-byte entries.  With
 * hpet=off no HPET fills it: the count stays UINT8_MAX (hpet_cfg). */
#define HPET_FW_CFG_SIZE (1 + 8 * 15)

/* qemu32's CPUID 1 EAX and EDX (cpu/cpu.c x86_cpu_init_model), which
 * smbios_set_cpuid takes from CPU 0 (it exists before the machine is done
 * in QEMU; x86slice creates its CPU later). */
#define QEMU32_CPUID_VERSION  0x00000663
#define QEMU32_CPUID_FEATURES 0x0781abfd

/* pc_i440fx_machine_options / pc_init1's smbios_set_defaults. */
#define SMBIOS_MANUFACTURER "QEMU"
#define SMBIOS_PRODUCT      "Standard PC (i440FX + PIIX, 1996)"
#define SMBIOS_VERSION      "pc-i440fx-7.2"

/* The NUMA item: node count (0), each APIC ID's node (CPU 0 in node 0),
 * no per-node memory; all little-endian 64-bit words. */
static void fw_cfg_add_numa(FWCfgState *s, uint16_t apic_id_limit)
{
    size_t len = (1 + (size_t)apic_id_limit) * sizeof(uint64_t);

    fw_cfg_add_bytes(s, FW_CFG_NUMA, g_malloc0(len), len);
}

static void fw_cfg_add_hpet(FWCfgState *s)
{
    uint8_t *hpet = g_malloc0(HPET_FW_CFG_SIZE);

    hpet[0] = UINT8_MAX;
    fw_cfg_add_bytes(s, FW_CFG_HPET, hpet, HPET_FW_CFG_SIZE);
}

FWCfgState *fw_cfg_arch_create(PCMachineState *pcms, uint16_t boot_cpus,
                               uint16_t apic_id_limit)
{
    FWCfgMachineOpts opts = { .nographic = pcms->nographic };
    FWCfgState *s = fw_cfg_io_new(&pcms->address_space_memory, &opts);

    fw_cfg_add_i16(s, FW_CFG_NB_CPUS, boot_cpus);
    /* FW_CFG_MAX_CPUS is the APIC ID limit, for old SeaBIOS versions. */
    fw_cfg_add_i16(s, FW_CFG_MAX_CPUS, apic_id_limit);
    fw_cfg_add_i64(s, FW_CFG_RAM_SIZE, pcms->ram_size);
    /* CONFIG_ACPI: the -acpitable blob, empty without that option. */
    fw_cfg_add_bytes(s, FW_CFG_ACPI_TABLES, NULL, 0);
    fw_cfg_add_i32(s, FW_CFG_IRQ0_OVERRIDE, 1);
    fw_cfg_add_file(s, "etc/e820", e820_table_dup(&pcms->e820),
                    (size_t)E820_ENTRY_SIZE * e820_get_num_entries(&pcms->e820));
    fw_cfg_add_hpet(s);
    fw_cfg_add_numa(s, apic_id_limit);
    return s;
}

/* fw_cfg_build_smbios: not legacy, so no FW_CFG_SMBIOS_ENTRIES; the
 * tables cover the e820 RAM areas. */
static void fw_cfg_build_smbios(PCMachineState *pcms, FWCfgState *s)
{
    int n = e820_get_num_entries(&pcms->e820);
    struct smbios_phys_mem_area *mem = g_new0(struct smbios_phys_mem_area, MAX(n, 1));
    SmbiosParams p = {
        .manufacturer = SMBIOS_MANUFACTURER, .product = SMBIOS_PRODUCT,
        .version = SMBIOS_VERSION,
        .cpuid_version = QEMU32_CPUID_VERSION, .cpuid_features = QEMU32_CPUID_FEATURES,
        .sockets = 1, .cores_per_socket = 1, .threads_per_socket = 1,
        .ram_size = pcms->ram_size, .mem_array = mem,
    };
    uint8_t *tables, *anchor;
    size_t tables_len, anchor_len;

    for (int i = 0; i < n; i++) {
        if (e820_get_entry(&pcms->e820, i, E820_RAM, &mem[p.mem_array_size].address,
                           &mem[p.mem_array_size].length)) {
            p.mem_array_size++;
        }
    }
    smbios_get_tables(&p, &tables, &tables_len, &anchor, &anchor_len);
    g_free(mem);
    fw_cfg_add_file(s, "etc/smbios/smbios-tables", tables, tables_len);
    fw_cfg_add_file(s, "etc/smbios/smbios-anchor", anchor, anchor_len);
}

void fw_cfg_pc_machine_done(PCMachineState *pcms, uint16_t boot_cpus)
{
    FWCfgState *s = pcms->fw_cfg;

    fw_cfg_build_smbios(pcms, s);
    /* fw_cfg_build_feature_control: qemu32 has no VMX, no MCE+MCA with
     * LMCE and a CPUID level below 7 (no SGX), so no
     * etc/msr_feature_control. */
    fw_cfg_modify_i16(s, FW_CFG_NB_CPUS, boot_cpus);
}
