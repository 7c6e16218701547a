/*
 * The `pc` machine's memory layout at reset: every region and address
 * space QEMU 7.2 creates for
 *   -M pc,hpet=off,vmport=off,smbus=off,acpi=off,usb=off -nodefaults
 *   -global apic-common.vapic=off -accel tcg
 * with QEMU's names, sizes, priorities, nesting, owners and creation order
 * (the order decides how equal-priority overlaps stack and print).
 *
 * DEVICE OPS ARE A STUB UNTIL ISSUE #4: every device region gets ops with
 * the .valid/.impl/endianness of the QEMU device it stands for, but its
 * read answers what QEMU's unassigned I/O answers (all ones) and every
 * access is logged under -d unimp.  The devices themselves come later.
 *
 * Sources mirrored: softmmu/physmem.c (memory_map_init), softmmu/ioport.c
 * (portio lists), hw/i386/pc_piix.c (pc_init1), hw/i386/pc.c
 * (pc_memory_init, pc_basic_device_init), hw/i386/x86.c
 * (x86_bios_rom_init), hw/core/loader.c (get_image_size, rom_add_file,
 * rom_reset), hw/pci-host/i440fx.c, hw/pci-host/pam.c,
 * hw/pci/pci.c (bus master), hw/isa/piix3.c, hw/dma/i8257.c,
 * hw/ide/piix.c, target/i386/tcg/sysemu/tcg-cpu.c, hw/intc/apic.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <unistd.h>
#include "hw/i386/pc.h"
#include "hw/i386/fw_cfg-pc.h"
#include "hw/i386/pc-kernel.h"
#include "softmmu/ioport.h"
#include "softmmu/log.h"
#include "softmmu/physmem.h"
#include "softmmu/runstate.h"
#include "softmmu/trace.h"
#include "cpu/cpu.h"
#include "cpu/misc_helper.h"
#include "softmmu/vl.h"

/* ---- port 0x80 and port 0xf0 (pc.c's ioport80_io_ops, ioportF0_io_ops) --- */

/* Port 0x80 (POST codes): writes vanish, reads are all ones. */
static uint64_t ioport80_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque; (void)addr; (void)size;
    return UINT64_MAX;
}

static void ioport80_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    (void)opaque; (void)addr; (void)val; (void)size;
}

static const MemoryRegionOps ioport80_io_ops = {
    .read = ioport80_read, .write = ioport80_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* Port 0xf0 (MS-DOS FPU error handling): a write is QEMU's cpu_set_ignne,
 * IGNNE# asserted in CPU 0 and the FPU interrupt (ISA IRQ 13) lowered. */
static void ioportF0_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PCMachineState *s = opaque;
    CPUX86State *env = x86slice_first_cpu();

    (void)addr; (void)val; (void)size;
    if (env) {
        env->hflags2 |= HF2_IGNNE_MASK;
    }
    qemu_irq_lower(s->gsi[13]);
}

static const MemoryRegionOps ioportF0_io_ops = {
    .read = ioport80_read, .write = ioportF0_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- region helpers: every init is recorded for pc_machine_free -------- */

static MemoryRegion *track(PCMachineState *s, MemoryRegion *mr)
{
    g_assert(s->nr_regions < PC_MAX_REGIONS);
    s->regions[s->nr_regions++] = mr;
    return mr;
}

static MemoryRegion *container(PCMachineState *s, MemoryRegion *mr, void *owner,
                               const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    return track(s, mr);
}

/* An I/O region of a device whose state is opaque. */
static MemoryRegion *dev_io(PCMachineState *s, MemoryRegion *mr, void *owner,
                            const MemoryRegionOps *ops, void *opaque, const char *name,
                            uint64_t size)
{
    memory_region_init_io(mr, owner, ops, opaque, name, size);
    return track(s, mr);
}

static MemoryRegion *alias(PCMachineState *s, MemoryRegion *mr, void *owner,
                           const char *name, MemoryRegion *orig, hwaddr offset,
                           uint64_t size)
{
    memory_region_init_alias(mr, owner, name, orig, offset, size);
    return track(s, mr);
}

/* memory_region_init_ram + set_readonly, as pc_memory_init and
 * x86_bios_rom_init do for pc.rom and pc.bios.  False if no host memory. */
static bool rom(PCMachineState *s, MemoryRegion *mr, const char *name, uint64_t size)
{
    memory_region_init_ram(mr, NULL, name, size);
    track(s, mr);
    memory_region_set_readonly(mr, true);
    return mr->ram_block != NULL;
}

static void as_init(PCMachineState *s, AddressSpace *as, MemoryRegion *root,
                    const char *name)
{
    g_assert(s->nr_address_spaces < PC_MAX_ADDRESS_SPACES);
    address_space_init(as, root, name);
    s->address_spaces[s->nr_address_spaces++] = as;
}

/* An ISA device's port region (isa_register_ioport / sysbus_add_io). */
static void isa_dev_io(PCMachineState *s, MemoryRegion *mr, void *owner,
                       const MemoryRegionOps *ops, void *opaque, const char *name,
                       hwaddr port, uint64_t size)
{
    memory_region_add_subregion(&s->system_io, port,
                                dev_io(s, mr, owner, ops, opaque, name, size));
}

/* ---- owners: the QOM paths QEMU 7.2 prints for `info mtree -o` --------- */

static void register_unattached(void *owner, int n)
{
    char *path = g_strdup_printf("/machine/unattached/device[%d]", n);

    memory_owner_register(owner, true, path, NULL);
    g_free(path);
}

/* nserial: how many ISA serial ports -serial asked for. */
static void register_owners(PCOwners *o, int nserial)
{
    /* /machine/unattached/device[N]: N is the realize order in pc_init1;
     * the serial ports come between pcspk and fdc (pc_superio_init). */
    static const struct { size_t off; int n; } unattached[] = {
        { offsetof(PCOwners, cpu), 0 },    { offsetof(PCOwners, i440fx), 1 },
        { offsetof(PCOwners, piix3), 2 },  { offsetof(PCOwners, dma[0]), 3 },
        { offsetof(PCOwners, dma[1]), 4 }, { offsetof(PCOwners, pic[0]), 5 },
        { offsetof(PCOwners, pic[1]), 6 }, { offsetof(PCOwners, rtc), 7 },
        { offsetof(PCOwners, pit), 8 },    { offsetof(PCOwners, pcspk), 9 },
        { offsetof(PCOwners, fdc), 10 },   { offsetof(PCOwners, i8042), 11 },
        { offsetof(PCOwners, port92), 12 }, { offsetof(PCOwners, ide), 13 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(unattached); i++) {
        int n = unattached[i].n;
        register_unattached((char *)o + unattached[i].off, n >= 10 ? n + nserial : n);
    }
    for (int i = 0; i < nserial; i++) {
        register_unattached(&o->serial[i], 10 + i);
    }
    memory_owner_register(&o->ram_backend, false, "/objects/pc.ram", NULL);
    memory_owner_register(&o->lapic, true, "/machine/unattached/device[0]/lapic", NULL);
    memory_owner_register(&o->i440fx_host, true, "/machine/i440fx", NULL);
    memory_owner_register(&o->fw_cfg, true, "/machine/fw_cfg", NULL);
    memory_owner_register(&o->ioapic, true, "/machine/i440fx/ioapic", NULL);
}

/* ---- machine construction, in pc_init1's order ------------------------- */

/* softmmu/physmem.c:memory_map_init. */
static void memory_map_init(PCMachineState *s)
{
    container(s, &s->system_memory, NULL, "system", UINT64_MAX);
    as_init(s, &s->address_space_memory, &s->system_memory, "memory");
    memory_region_init_io(&s->system_io, NULL, &unassigned_io_ops, NULL, "io", 65536);
    track(s, &s->system_io);
    as_init(s, &s->address_space_io, &s->system_io, "I/O");
}

/* pc_init1's RAM split: below/above 4G with gigabyte alignment. */
static void pc_ram_split(PCMachineState *s)
{
    uint64_t lowmem = PC_MAX_RAM_BELOW_4G;

    if (s->ram_size >= lowmem) {
        lowmem = PC_GIGABYTE_ALIGN_LOW;
    }
    if (s->ram_size >= lowmem) {
        s->below_4g_mem_size = lowmem;
        s->above_4g_mem_size = s->ram_size - lowmem;
    } else {
        s->below_4g_mem_size = s->ram_size;
        s->above_4g_mem_size = 0;
    }
}

/* tcg_cpu_realizefn, then x86_cpu_apic_realize (APIC MMIO at prio 0x1000). */
static void pc_cpu_init(PCMachineState *s)
{
    PCOwners *o = &s->owners;

    container(s, &s->cpu_as_root, &o->cpu, "memory", UINT64_MAX);
    alias(s, &s->cpu_as_mem, &o->cpu, "memory", &s->system_memory, 0, UINT64_MAX);
    memory_region_add_subregion_overlap(&s->cpu_as_root, 0, &s->cpu_as_mem, 0);
    as_init(s, &s->cpu_as_memory, &s->system_memory, "cpu-memory-0");
    as_init(s, &s->cpu_as_smm, &s->cpu_as_root, "cpu-smm-0");

    s->apic = apic_new(0);
    /* x86_cpu_realizefn's cpu_reset reads the new APIC's base (cpu_is_bsp):
     * x86slice creates the CPU later, the trace line belongs here. */
    trace_cpu_get_apic_base(APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_BSP |
                            MSR_IA32_APICBASE_ENABLE);
    dev_io(s, &s->apic_msi, &o->lapic, &apic_io_ops, s->apic, "apic-msi", APIC_SPACE_SIZE);
    memory_region_add_subregion_overlap(&s->system_memory, 0xfee00000, &s->apic_msi, 0x1000);
}

/*
 * x86_bios_rom_init's file part: qemu_find_file, get_image_size (open and
 * seek to the end), then rom_add_file reads the whole file.  QEMU keeps
 * the size in an int; anything that is not a positive multiple of 64 KiB
 * (or cannot be read) is "could not load PC BIOS".
 */
static bool pc_bios_load(PCMachineState *s, const PCMachineConfig *cfg, char **errp)
{
    const char *name = cfg->firmware ? cfg->firmware : PC_DEFAULT_FIRMWARE;
    char *filename = NULL;
    int64_t size = -1;
    int fd = -1;

    if (cfg->bios_image) {
        size = cfg->bios_image_size <= INT_MAX ? (int64_t)cfg->bios_image_size : -1;
    } else if ((filename = qemu_find_file(name)) != NULL &&
               (fd = open(filename, O_RDONLY | O_CLOEXEC)) >= 0) {
        size = lseek(fd, 0, SEEK_END);
    }
    if (size <= 0 || size > INT_MAX || size % 65536 != 0) {
        goto fail;
    }
    s->bios_size = size;
    if (cfg->bios_image) {
        s->bios_data = g_memdup2(cfg->bios_image, size);
    } else {
        s->bios_data = g_malloc(size);
        for (int64_t done = 0; done < size;) {
            ssize_t n = pread(fd, s->bios_data + done, size - done, done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                goto fail;
            }
            done += n;
        }
    }
    if (fd >= 0) {
        close(fd);
    }
    g_free(filename);
    return true;

fail:
    if (fd >= 0) {
        close(fd);
    }
    g_free(filename);
    g_free(s->bios_data);
    s->bios_data = NULL;
    *errp = g_strdup_printf("qemu: could not load PC BIOS '%s'", name);
    return false;
}

/* x86_bios_rom_init: pc.bios (read-only RAM) at the top of 4G, its last
 * 128 KiB (or all of it, if smaller) aliased read-only below 1 MiB. */
static bool pc_bios_init(PCMachineState *s, const PCMachineConfig *cfg, char **errp)
{
    uint64_t isa_size;

    if (!pc_bios_load(s, cfg, errp) || !rom(s, &s->bios, "pc.bios", s->bios_size)) {
        return false;
    }
    isa_size = MIN(s->bios_size, 128 * 1024);
    alias(s, &s->isa_bios, NULL, "isa-bios", &s->bios, s->bios_size - isa_size, isa_size);
    memory_region_add_subregion_overlap(&s->pci_memory, 0x100000 - isa_size, &s->isa_bios, 1);
    memory_region_set_readonly(&s->isa_bios, true);
    memory_region_add_subregion(&s->pci_memory, (uint32_t)-s->bios_size, &s->bios);
    return true;
}

/* pc_memory_init: RAM aliases, firmware, option ROM area, fw_cfg ports. */
static bool pc_memory_init(PCMachineState *s, const PCMachineConfig *cfg, char **errp)
{
    alias(s, &s->ram_below_4g, NULL, "ram-below-4g", &s->ram, 0, s->below_4g_mem_size);
    memory_region_add_subregion(&s->system_memory, 0, &s->ram_below_4g);
    e820_add_entry(&s->e820, 0, s->below_4g_mem_size, E820_RAM);
    if (s->above_4g_mem_size > 0) {
        alias(s, &s->ram_above_4g, NULL, "ram-above-4g", &s->ram,
              s->below_4g_mem_size, s->above_4g_mem_size);
        memory_region_add_subregion(&s->system_memory, PC_ABOVE_4G_MEM_START,
                                    &s->ram_above_4g);
        e820_add_entry(&s->e820, PC_ABOVE_4G_MEM_START, s->above_4g_mem_size, E820_RAM);
    }
    if (!pc_bios_init(s, cfg, errp) || !rom(s, &s->option_rom, "pc.rom", 0x20000)) {
        return false;
    }
    memory_region_add_subregion_overlap(&s->pci_memory, 0xc0000, &s->option_rom, 1);

    /* fw_cfg_arch_create (1 CPU, APIC ID limit 1): the device's common
     * items, then the arch items; its two regions mapped as
     * fw_cfg_init_io_dma maps them (no trace line depends on when).
     * A loader (-kernel) adds its items after this, as x86_load_linux. */
    s->nographic = cfg->nographic;
    s->fw_cfg = fw_cfg_arch_create(s, 1, 1);
    dev_io(s, &s->fwcfg, &s->owners.fw_cfg, &fw_cfg_comb_mem_ops, s->fw_cfg, "fwcfg",
           FW_CFG_CTL_SIZE);
    dev_io(s, &s->fwcfg_dma, &s->owners.fw_cfg, &fw_cfg_dma_mem_ops, s->fw_cfg,
           "fwcfg.dma", FW_CFG_DMA_SIZE);
    memory_region_add_subregion(&s->system_io, FW_CFG_IO_BASE, &s->fwcfg);
    memory_region_add_subregion(&s->system_io, FW_CFG_IO_BASE + 4, &s->fwcfg_dma);
    /* linux_boot: x86_load_linux, then the option ROMs it asked for */
    return !cfg->kernel_filename || pc_load_kernel(s->fw_cfg, cfg, &s->kernel, errp);
}

/* hw/pci/pci.c do_pci_register_device: the container and its address
 * space now; the "bus master" alias comes at machine-done. */
static void pci_bus_master_init(PCMachineState *s, PCIBusMaster *bm, void *owner,
                                const char *name)
{
    container(s, &bm->container, owner, "bus master container", UINT64_MAX);
    as_init(s, &bm->as, &bm->container, name);
}

/* pci_init_bus_master: a disabled alias of the DMA root (system). */
static void pci_bus_master_done(PCMachineState *s, PCIBusMaster *bm)
{
    alias(s, &bm->enable, bm->container.owner, "bus master", &s->system_memory, 0,
          memory_region_size(&s->system_memory));
    memory_region_set_enabled(&bm->enable, false);
    memory_region_add_subregion(&bm->container, 0, &bm->enable);
}

/* hw/pci-host/pam.c init_pam: alias[0..3] created in the order 3,1,0,2
 * (pam-ram, pam-rom, pam-pci@pci, pam-pci@ram), all disabled, added 0..3. */
static void init_pam(PCMachineState *s, MemoryRegion *a, hwaddr start, uint64_t size)
{
    void *owner = &s->owners.i440fx_host;

    alias(s, &a[3], owner, "pam-ram", &s->ram, start, size);
    alias(s, &a[1], owner, "pam-rom", &s->ram, start, size);
    memory_region_set_readonly(&a[1], true);
    alias(s, &a[0], owner, "pam-pci", &s->pci_memory, start, size);
    alias(s, &a[2], owner, "pam-pci", &s->ram, start, size);
    for (int i = 0; i < 4; i++) {
        memory_region_set_enabled(&a[i], false);
        memory_region_add_subregion_overlap(&s->system_memory, start, &a[i], 1);
    }
}

/* i440fx_init: the root bus, the host bridge's ports, 00:00.0 and its
 * regions; i440fx_pci_init ends with i440fx_update_memory_mappings on the
 * reset config (PAM registers 0: alias[0] "pam-pci"@pci; SMRAM 0x02:
 * smram-region on, smram off). */
static void i440fx_init(PCMachineState *s)
{
    void *dev = &s->owners.i440fx;
    char *err = NULL;

    pci_bus_init(&s->pci_bus, &s->pci_memory, &s->system_io);
    s->pci_host.bus = &s->pci_bus;
    memory_region_add_subregion(&s->system_io, 0xcf8, &s->pci_conf_idx);
    memory_region_add_subregion(&s->system_io, 0xcfc, &s->pci_conf_data);
    pci_bus_master_init(s, &s->bm_i440fx, dev, "i440FX");

    memory_region_add_subregion_overlap(&s->system_memory, 0, &s->pci_memory, -1);
    alias(s, &s->smram_region, dev, "smram-region", &s->pci_memory, 0xa0000, 0x20000);
    memory_region_add_subregion_overlap(&s->system_memory, 0xa0000, &s->smram_region, 1);
    container(s, &s->smram, dev, "smram", 4ULL << 30);
    alias(s, &s->smram_low, dev, "smram-low", &s->ram, 0xa0000, 0x20000);
    memory_region_add_subregion(&s->smram, 0xa0000, &s->smram_low);

    init_pam(s, s->pam[0], 0xf0000, 0x10000);
    for (int i = 0; i < PC_PAM_REGIONS - 1; i++) {
        init_pam(s, s->pam[i + 1], 0xc0000 + i * 0x4000, 0x4000);
    }
    /* Cannot fail: 00:00.0 of a new bus is free. */
    if (!i440fx_pci_init(&s->i440fx, &s->pci_bus, s->ram_size, s->pam,
                         &s->smram_region, &s->smram, &err)) {
        g_error("%s", err);
    }
    /* COMMAND.MASTER drives the "bus master" alias pc_machine_done creates
     * (before the guest can run). */
    s->i440fx.dev.bus_master_enable_region = &s->bm_i440fx.enable;
}

/* hw/dma/i8257.c i8257_realize for i8257_dma_init's two controllers (no
 * high page registers on PIIX3); transfers go to system memory. */
static void i8257_init(PCMachineState *s, int n, hwaddr base, hwaddr page_base,
                       int dshift)
{
    void *dev = &s->owners.dma[n];
    I8257State *d = s->dma_dev[n] = i8257_new(dshift, &s->address_space_memory);

    isa_dev_io(s, &s->dma_chan[n], dev, &i8257_channel_ops, d, "dma-chan", base,
               8 << dshift);
    /* page_portio_list { 0x01, 3, 1 }, { 0x07, 1, 1 } */
    isa_dev_io(s, &s->dma_page[n][0], dev, &i8257_page_ops[0], d, "dma-page",
               page_base + 1, 3);
    isa_dev_io(s, &s->dma_page[n][1], dev, &i8257_page_ops[1], d, "dma-page",
               page_base + 7, 1);
    isa_dev_io(s, &s->dma_cont[n], dev, &i8257_cont_ops, d, "dma-cont",
               base + (8 << dshift), 8 << dshift);
}

/* pci_piix3_realize: reset control register over 0xcf9, then the DMA. */
static void pc_piix3_init(PCMachineState *s)
{
    char *err = NULL;

    pci_bus_master_init(s, &s->bm_piix3, &s->owners.piix3, "PIIX3");
    /* Cannot fail: 00:01.0 is free.  The PIC lines come once it exists. */
    if (!piix3_init(&s->piix3_dev, &s->pci_bus, PCI_DEVFN(1, 0), NULL,
                    qemu_system_reset_request, &err)) {
        g_error("%s", err);
    }
    s->piix3_dev.dev.bus_master_enable_region = &s->bm_piix3.enable;
    dev_io(s, &s->piix3_rcr, &s->owners.piix3, &piix3_rcr_ops, &s->piix3_dev,
           "piix3-reset-control", 1);
    memory_region_add_subregion_overlap(&s->system_io, PIIX_RCR_IOPORT, &s->piix3_rcr, 1);
    i8257_init(s, 0, 0x00, 0x80, 0);
    i8257_init(s, 1, 0xc0, 0x88, 1);
}

/* The PIC's INT output (QEMU's x86.c pic_irq_request): to the local
 * APIC, which passes it to the CPU only once LINT0 is unmasked (or the
 * APIC is disabled in its base MSR); at reset LINT0 is masked. */
static void pic_irq_request(void *opaque, int n, int level)
{
    PCMachineState *s = opaque;

    trace_x86_pic_interrupt(n, level);
    if (apic_accept_pic_intr(s->apic)) {
        apic_deliver_pic_intr(s->apic, level);
    }
}

/* QEMU's gsi_handler: GSI 0-15 drive the PIC inputs and the IOAPIC pins,
 * GSI 16-23 the IOAPIC only. */
static void gsi_handler(void *opaque, int n, int level)
{
    PCMachineState *s = opaque;

    trace_x86_gsi_interrupt(n, level);
    if (n < ISA_NUM_IRQS) {
        qemu_set_irq(s->i8259_irq[n], level);
    }
    if (s->ioapic_dev) {
        qemu_set_irq(s->ioapic_dev->in[n], level);
    }
}

/* QEMU's cpu_get_pic_interrupt (x86.c): the APIC's vector, else the
 * PIC's if the APIC lets the PIC through, else -1. */
static int pc_get_pic_interrupt(void *opaque)
{
    PCMachineState *s = opaque;
    int intno = apic_get_interrupt(s->apic);

    if (intno >= 0) {
        return intno;
    }
    if (!apic_accept_pic_intr(s->apic)) {
        return -1;
    }
    return pic_read_irq(s->pic_dev);
}

void pc_connect_cpu(PCMachineState *s, CPUX86State *env)
{
    if (env) {
        env->get_pic_interrupt = pc_get_pic_interrupt;
        env->pic_opaque = s;
    }
    apic_connect_cpu(s->apic, env);
}

/* i8259_init: master and slave, each with its ELCR port. */
static void pc_i8259_init(PCMachineState *s)
{
    s->pic_irq = qemu_allocate_irq(pic_irq_request, s, 0);
    s->pic_dev = i8259_init(s->pic_irq);
    s->apic->pic = s->pic_dev;
    /* The interrupt lines (x86ms->gsi) fan out in gsi_handler. */
    s->i8259_irq = i8259_irqs(s->pic_dev);
    s->gsi = qemu_allocate_irqs(gsi_handler, s, PC_GSI_NUM);
    for (int i = 0; i < 2; i++) {
        PICCommonState *chip = i8259_chip(s->pic_dev, i);

        isa_dev_io(s, &s->pic[i], &s->owners.pic[i], &pic_base_ioport_ops, chip, "pic",
                   chip->iobase, 2);
        isa_dev_io(s, &s->elcr[i], &s->owners.pic[i], &pic_elcr_ioport_ops, chip, "elcr",
                   chip->elcr_addr, 1);
    }
}

/* ioapic_init_gsi: sysbus_mmio_map at IO_APIC_DEFAULT_ADDRESS; its
 * messages go to address_space_memory (x86ms->ioapic_as). */
static void ioapic_init(PCMachineState *s)
{
    s->ioapic_dev = ioapic_new(&s->address_space_memory, s->pic_dev);
    s->apic->eoi_broadcast = ioapic_eoi_broadcast;
    s->apic->eoi_opaque = s->ioapic_dev;
    dev_io(s, &s->ioapic, &s->owners.ioapic, &ioapic_io_ops, s->ioapic_dev, "ioapic",
           0x1000);
    memory_region_add_subregion(&s->system_memory, 0xfec00000, &s->ioapic);
}

/* mc146818 realize: "rtc" with the 1-byte "rtc-index" inside (coalesced). */
/* mc146818_rtc_init (base year 2000) on ISA IRQ 8: "rtc" at 0x70 with
 * "rtc-index" over its first byte, both through cmos_ops. */
static void rtc_init(PCMachineState *s)
{
    s->rtc_dev = mc146818_rtc_new(2000, s->gsi[RTC_ISA_IRQ]);
    isa_dev_io(s, &s->rtc, &s->owners.rtc, &cmos_ops, s->rtc_dev, "rtc", 0x70, 2);
    memory_region_add_subregion(&s->rtc, 0, dev_io(s, &s->rtc_index, &s->owners.rtc,
                                                   &cmos_ops, s->rtc_dev, "rtc-index", 1));
}

/* boot_device2nibble: floppy 1, hard disk 2, CD-ROM 3, network 4. */
static int boot_nibble(char c)
{
    switch (c) {
    case 'a': case 'b': return 0x01;
    case 'c': return 0x02;
    case 'd': return 0x03;
    case 'n': return 0x04;
    default: return 0;
    }
}

/* pc_cmos_init, x86_rtc_set_cpus_count and pc_cmos_init_late for this
 * machine: memory sizes, boot order "cad" (set_boot_dev, fd_bootchk on),
 * equipment (FPU, PS/2 mouse), no hard disks, no floppy drives, 1 CPU. */
static void pc_cmos_init(PCMachineState *s)
{
    RTCState *r = s->rtc_dev;
    uint64_t below = s->below_4g_mem_size;
    static const char boot[] = "cad";
    uint64_t v;

    v = MIN(below / 1024, 640);
    rtc_set_memory(r, 0x15, (int)(v & 0xff));
    rtc_set_memory(r, 0x16, (int)((v >> 8) & 0xff));
    v = below > (1u << 20) ? MIN((below - (1u << 20)) / 1024, 65535) : 0;
    rtc_set_memory(r, 0x17, (int)(v & 0xff));
    rtc_set_memory(r, 0x18, (int)((v >> 8) & 0xff));
    rtc_set_memory(r, 0x30, (int)(v & 0xff));
    rtc_set_memory(r, 0x31, (int)((v >> 8) & 0xff));
    v = below > (16u << 20) ? MIN((below - (16u << 20)) / 65536, 65535) : 0;
    rtc_set_memory(r, 0x34, (int)(v & 0xff));
    rtc_set_memory(r, 0x35, (int)((v >> 8) & 0xff));
    v = s->above_4g_mem_size / 65536;
    rtc_set_memory(r, 0x5b, (int)(v & 0xff));
    rtc_set_memory(r, 0x5c, (int)((v >> 8) & 0xff));
    rtc_set_memory(r, 0x5d, (int)((v >> 16) & 0xff));
    rtc_set_memory(r, 0x5f, 0);                     /* CPUs - 1 */
    rtc_set_memory(r, 0x3d, (boot_nibble(boot[1]) << 4) | boot_nibble(boot[0]));
    rtc_set_memory(r, 0x38, boot_nibble(boot[2]) << 4);
    rtc_set_memory(r, 0x14, 0x02 | 0x04);           /* FPU, PS/2 mouse */
}

/* pc_cmos_init_late, a reset handler: no IDE disks (0x12, 0x39), no
 * floppy drives (0x10; the equipment byte keeps no floppy bits). */
static void pc_cmos_init_late(PCMachineState *s)
{
    rtc_set_memory(s->rtc_dev, 0x12, 0);
    rtc_set_memory(s->rtc_dev, 0x39, 0);
    rtc_set_memory(s->rtc_dev, 0x10, 0);
}

/* pc_basic_device_init (no HPET) and pc_superio_init (no vmport). */
/* pc.c's handle_a20_line_change: the A20 outputs of the keyboard
 * controller and of port 0x92 set CPU 0's A20 gate directly. */
static void a20_line_change(void *opaque, int n, int level)
{
    CPUX86State *env = x86slice_first_cpu();

    (void)opaque;
    (void)n;
    if (env) {
        x86_update_a20(env, level != 0);
    }
}

static void pc_basic_device_init(PCMachineState *s, const PCMachineConfig *cfg)
{
    PCOwners *o = &s->owners;

    isa_dev_io(s, &s->ioport80, NULL, &ioport80_io_ops, s, "ioport80", 0x80, 1);
    isa_dev_io(s, &s->ioportF0, NULL, &ioportF0_io_ops, s, "ioportF0", 0xf0, 1);
    rtc_init(s);
    /* i8254_pit_init on ISA IRQ 0 (no HPET), then pcspk_init. */
    s->pit_dev = i8254_pit_new(s->gsi[PIT_ISA_IRQ]);
    isa_dev_io(s, &s->pit, &o->pit, &pit_ioport_ops, s->pit_dev, "pit", PIT_ISA_BASE, 4);
    s->pcspk_dev = pcspk_new(s->pit_dev);
    isa_dev_io(s, &s->pcspk, &o->pcspk, &pcspk_io_ops, s->pcspk_dev, "pcspk",
               PCSPK_ISA_BASE, 1);
    /* serial_hds_isa_init: COM1..COM4 for the -serial chardevs. */
    for (int i = 0, k = 0; i < MAX_ISA_SERIAL_PORTS; i++) {
        if (cfg->serial_hds[i]) {
            s->serial[i] = serial_new(cfg->serial_hds[i],
                                      s->gsi[serial_isa_irq[i]]);
            serial_isa_map(s->serial[i], &s->system_io, serial_isa_io[i], &o->serial[k++]);
        }
    }
    /* isa-fdc (iobase 0x3f0, IRQ 6, DMA 2; no drives): fdc_portio_list
     * { 1, 5, 1 }, { 7, 1, 1 } */
    s->fdc_dev = fdctrl_new(s->gsi[6], s->dma_dev[0], 2);
    isa_dev_io(s, &s->fdc[0], &o->fdc, &fdctrl_ops[0], s->fdc_dev, "fdc", 0x3f1, 5);
    isa_dev_io(s, &s->fdc[1], &o->fdc, &fdctrl_ops[1], s->fdc_dev, "fdc", 0x3f7, 1);
    /* i8042 on ISA IRQ 1 and 12; its A20 output is pc_init1's a20_line[0]. */
    s->i8042_a20 = qemu_allocate_irq(a20_line_change, s, 0);
    s->i8042_dev = i8042_new(s->gsi[1], s->gsi[12], s->i8042_a20,
                             qemu_system_reset_request);
    dev_io(s, &s->i8042_data, &o->i8042, &i8042_data_ops, s->i8042_dev, "i8042-data", 1);
    dev_io(s, &s->i8042_cmd, &o->i8042, &i8042_cmd_ops, s->i8042_dev, "i8042-cmd", 1);
    memory_region_add_subregion(&s->system_io, 0x60, &s->i8042_data);
    memory_region_add_subregion(&s->system_io, 0x64, &s->i8042_cmd);
    /* pc_init1's a20_line[1] goes to port92's A20 output. */
    s->a20_line = qemu_allocate_irq(a20_line_change, s, 1);
    port92_init(&s->port92_dev, s->a20_line, qemu_system_reset_request);
    isa_dev_io(s, &s->port92, &o->port92, &port92_ops, &s->port92_dev, "port92", 0x92, 1);
}

/* pci_create_simple(pci_bus, piix3_devfn + 1, "piix3-ide"): 00:01.1 with
 * its legacy ports (NULL owner) and BAR 4; channels on ISA IRQ 14 and 15. */
static void piix3_ide_init(PCMachineState *s)
{
    char *err = NULL;

    pci_bus_master_init(s, &s->bm_ide, &s->owners.ide, "piix3-ide");
    /* Cannot fail: 00:01.1 is free and 00:01.0 is multifunction. */
    s->ide_dev = piix3_ide_new(&s->pci_bus, PCI_DEVFN(1, 1), &s->system_io,
                               &s->owners.ide, &s->gsi[14], &err);
    if (!s->ide_dev) {
        g_error("%s", err);
    }
    s->ide_dev->dev.bus_master_enable_region = &s->bm_ide.enable;
}

/* Machine-init-done notifiers: PCI bus masters (pcibus_machine_done),
 * then the CPU's SMRAM view (tcg_cpu_machine_done). */
static void pc_machine_done(PCMachineState *s)
{
    pci_bus_master_done(s, &s->bm_i440fx);
    pci_bus_master_done(s, &s->bm_piix3);
    pci_bus_master_done(s, &s->bm_ide);
    alias(s, &s->cpu_smram, &s->owners.cpu, "smram", &s->smram, 0, 4ULL << 30);
    memory_region_set_enabled(&s->cpu_smram, true);
    memory_region_add_subregion_overlap(&s->cpu_as_root, 0, &s->cpu_smram, 1);
    /* pc.c pc_machine_done: SMBIOS tables, NB_CPUS.  (fw_cfg_machine_ready
     * registers fw_cfg_machine_reset, which pc_machine_reset calls.) */
    fw_cfg_pc_machine_done(s, 1);
}

/* Everything after RAM, in pc_init1's order. */
static bool pc_init1(PCMachineState *s, const PCMachineConfig *cfg, char **errp)
{
    pc_cpu_init(s);
    container(s, &s->pci_memory, NULL, "pci", UINT64_MAX);
    /* i440fx_pcihost_initfn runs at qdev_new, before pc_memory_init. */
    dev_io(s, &s->pci_conf_idx, &s->owners.i440fx_host, &pci_host_conf_le_ops,
           &s->pci_host, "pci-conf-idx", 4);
    dev_io(s, &s->pci_conf_data, &s->owners.i440fx_host, &pci_host_data_le_ops,
           &s->pci_host, "pci-conf-data", 4);
    if (!pc_memory_init(s, cfg, errp)) {
        return false;
    }
    i440fx_init(s);
    pc_piix3_init(s);
    pc_i8259_init(s);
    s->piix3_dev.pic = s->gsi;
    ioapic_init(s);
    pc_basic_device_init(s, cfg);
    piix3_ide_init(s);
    pc_cmos_init(s);
    pc_machine_done(s);
    return true;
}

/*
 * hw/core/loader.c rom_reset: the firmware goes into pc.bios through
 * address_space_write_rom at (uint32_t)-size of address_space_memory, and
 * the copy is dropped: a ROM is written only once.
 */
void pc_machine_reset(PCMachineState *s)
{
    /* QEMU's order, which shows in the pic_set_irq trace lines: first the
     * reset handlers registered while the machine was built (the serial
     * ports, COM1 first; pc_cmos_init_late), then the device tree, a
     * bus's devices newest first (port92, i8042, the PIT, the RTC, the
     * PICs; pcspk has no reset). */
    for (int i = 0; i < MAX_ISA_SERIAL_PORTS; i++) {
        if (s->serial[i]) {
            serial_reset(s->serial[i]);
        }
    }
    if (s->rtc_dev) {
        pc_cmos_init_late(s);
    }
    /* The i8042's PS/2 devices sit on the main system bus, newer than the
     * PCI host, so they come first; the controller is on the ISA bus. */
    if (s->i8042_dev) {
        i8042_ps2_reset(s->i8042_dev);
    }
    /* The main system bus's devices newest first, each after its child
     * buses (QEMU's reset tree walk): the IOAPIC (no trace line depends on
     * where), then the i440FX host's pci.0. */
    if (s->ioapic_dev) {
        ioapic_reset(s->ioapic_dev);
    }
    /* pci.0's newest device, piix3-ide, before PIIX3's ISA bus */
    if (s->ide_dev) {
        piix_ide_reset(s->ide_dev);
    }
    port92_reset(&s->port92_dev);
    if (s->i8042_dev) {
        i8042_reset(s->i8042_dev);
    }
    if (s->fdc_dev) {
        fdctrl_reset(s->fdc_dev, 0);    /* fdctrl_external_reset_isa */
    }
    if (s->pit_dev) {
        pit_reset(s->pit_dev);
    }
    if (s->rtc_dev) {
        mc146818_rtc_reset(s->rtc_dev);
    }
    if (s->pic_dev) {
        i8259_reset(s->pic_dev);
    }
    for (int i = 1; i >= 0; i--) {
        if (s->dma_dev[i]) {
            i8257_reset(s->dma_dev[i]);
        }
    }
    /* The functions' own reset, then the bus's (QEMU's pcibus_reset runs
     * after the devices were reset). */
    piix3_reset(&s->piix3_dev);
    pci_bus_reset(&s->pci_bus);
    /* fw_cfg is the oldest device on the main system bus, so the last one
     * reset; then its machine-ready reset handler (bootorder). */
    if (s->fw_cfg) {
        fw_cfg_reset(s->fw_cfg);
        fw_cfg_machine_reset(s->fw_cfg);
    }
    /* rom_reset: the ROM blobs in address order (the kernel's ELF
     * segments, then the firmware) */
    pc_kernel_reset(&s->address_space_memory, &s->kernel);
    if (s->bios_data) {
        address_space_write_rom(&s->address_space_memory, (uint32_t)-s->bios_size,
                                MEMTXATTRS_UNSPECIFIED, s->bios_data, s->bios_size);
        g_free(s->bios_data);
        s->bios_data = NULL;
    }
    /* pc_machine_reset: the APIC last, "to cancel any changes that
     * qemu_devices_reset() might have done". */
    if (s->apic) {
        apic_reset(s->apic);
    }
}

PCMachineState *pc_machine_init(const PCMachineConfig *cfg, char **errp)
{
    PCMachineState *s = g_new0(PCMachineState, 1);
    bool ok;

    *errp = NULL;
    s->ram_size = cfg->ram_size;
    pc_ram_split(s);
    int nserial = 0;

    for (int i = 0; i < MAX_ISA_SERIAL_PORTS; i++) {
        nserial += cfg->serial_hds[i] != NULL;
    }
    register_owners(&s->owners, nserial);

    /* One commit renders the final map; QEMU renders after every change,
     * with the same end result. */
    memory_region_transaction_begin();
    memory_map_init(s);
    /* The default memory backend ("/objects/pc.ram") exists before the
     * machine is initialized. */
    memory_region_init_ram(&s->ram, &s->owners.ram_backend, "pc.ram", cfg->ram_size);
    track(s, &s->ram);
    ok = s->ram.ram_block && pc_init1(s, cfg, errp);
    memory_region_transaction_commit();
    if (!ok) {
        pc_machine_free(s);
        return NULL;
    }
    return s;
}

void pc_machine_free(PCMachineState *s)
{
    if (!s) {
        return;
    }
    for (int i = 0; i < MAX_ISA_SERIAL_PORTS; i++) {
        serial_free(s->serial[i]);      /* unmaps its region first */
    }
    piix3_ide_free(s->ide_dev);         /* likewise */
    qemu_free_irq(s->a20_line);
    pcspk_free(s->pcspk_dev);
    pit_free(s->pit_dev);
    i8042_free(s->i8042_dev);
    qemu_free_irq(s->i8042_a20);
    mc146818_rtc_free(s->rtc_dev);
    fdctrl_free(s->fdc_dev);
    i8257_free(s->dma_dev[0]);
    i8257_free(s->dma_dev[1]);
    qemu_free_irqs(s->gsi, s->gsi ? PC_GSI_NUM : 0);
    ioapic_free(s->ioapic_dev);
    apic_free(s->apic);
    i8259_free(s->pic_dev);
    qemu_free_irq(s->pic_irq);
    memory_region_transaction_begin();
    while (s->nr_address_spaces) {
        address_space_destroy(s->address_spaces[--s->nr_address_spaces]);
    }
    /* Newest first: aliases go before their targets, children before
     * (or with) their containers. */
    while (s->nr_regions) {
        MemoryRegion *mr = s->regions[--s->nr_regions];

        if (mr->container) {
            memory_region_del_subregion(mr->container, mr);
        }
        memory_region_finalize(mr);
    }
    memory_region_transaction_commit();
    memory_owner_reset();
    fw_cfg_free(s->fw_cfg);
    e820_table_free(&s->e820);
    g_free(s->bios_data);
    multiboot_image_free(&s->kernel);
    g_free(s);
}
