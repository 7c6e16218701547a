/*
 * PIIX3 PCI-to-ISA bridge (QEMU's hw/isa/piix3.c, without Xen).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "hw/isa/piix3.h"

static const PCIDeviceInfo piix3_info = {
    .vendor_id = 0x8086,
    .device_id = 0x7000,        /* 82371SB PIIX3 PCI-to-ISA bridge */
    .class_id = 0x0601,         /* ISA bridge */
    .multifunction = true,
};

/* One PIC input: up while any PIRQ routed to it is up. */
static void set_irq_pic(PIIX3State *s, int pic_irq)
{
    uint64_t mask = ((1ull << PIIX_NUM_PIRQS) - 1) << (pic_irq * PIIX_NUM_PIRQS);

    qemu_set_irq(s->pic[pic_irq], (s->pic_levels & mask) != 0);
}

static void set_irq_level(PIIX3State *s, int pirq, int level)
{
    int pic_irq = s->dev.config[PIIX_PIRQCA + pirq];

    if (pic_irq >= PIIX_NUM_PIC_IRQS) {
        return;                 /* bit 7 set: routing disabled */
    }
    s->pic_levels &= ~(1ull << (pic_irq * PIIX_NUM_PIRQS + pirq));
    s->pic_levels |= (uint64_t)(level != 0) << (pic_irq * PIIX_NUM_PIRQS + pirq);
    set_irq_pic(s, pic_irq);
}

void piix3_set_pirq(PIIX3State *s, int pirq, int level)
{
    if (pirq >= 0 && pirq < PIIX_NUM_PIRQS) {
        s->pirq_level[pirq] = level != 0;
        set_irq_level(s, pirq, level);
    }
}

/* A write to the PIRQ routing registers rebuilds the levels from the bus's
 * INTx lines under the new routing (piix3_update_irq_levels: each routed
 * PIC input set once per PIRQ), then, as QEMU does, sets every one of the
 * 16 PIC inputs again. */
static void piix3_write_config(PCIDevice *d, uint32_t addr, uint32_t val, int len)
{
    PIIX3State *s = (PIIX3State *)d;

    pci_default_write_config(d, addr, val, len);
    if (addr < PIIX_PIRQCA + PIIX_NUM_PIRQS && addr + (uint32_t)len > PIIX_PIRQCA) {
        s->pic_levels = 0;
        for (int pirq = 0; pirq < PIIX_NUM_PIRQS; pirq++) {
            set_irq_level(s, pirq, s->pirq_level[pirq]);
        }
        for (int pic_irq = 0; pic_irq < PIIX_NUM_PIC_IRQS; pic_irq++) {
            set_irq_pic(s, pic_irq);
        }
    }
}

void piix3_reset(PIIX3State *s)
{
    /* QEMU's piix3_reset: register values of the 82371SB after reset. */
    static const struct { uint8_t reg, val; } init[] = {
        { 0x04, 0x07 }, { 0x05, 0x00 }, { 0x06, 0x00 }, { 0x07, 0x02 },
        { 0x4c, 0x4d }, { 0x4e, 0x03 }, { 0x4f, 0x00 },
        { 0x60, 0x80 }, { 0x61, 0x80 }, { 0x62, 0x80 }, { 0x63, 0x80 },
        { 0x69, 0x02 }, { 0x70, 0x80 }, { 0x76, 0x0c }, { 0x77, 0x0c },
        { 0x78, 0x02 }, { 0x79, 0x00 }, { 0x80, 0x00 }, { 0x82, 0x00 },
        { 0xa0, 0x08 }, { 0xa2, 0x00 }, { 0xa3, 0x00 }, { 0xa4, 0x00 },
        { 0xa5, 0x00 }, { 0xa6, 0x00 }, { 0xa7, 0x00 }, { 0xa8, 0x0f },
        { 0xaa, 0x00 }, { 0xab, 0x00 }, { 0xac, 0x00 }, { 0xae, 0x00 },
    };

    for (unsigned i = 0; i < sizeof(init) / sizeof(init[0]); i++) {
        s->dev.config[init[i].reg] = init[i].val;
    }
    s->pic_levels = 0;
    memset(s->pirq_level, 0, sizeof(s->pirq_level));
    s->rcr = 0;
}

bool piix3_init(PIIX3State *s, PCIBus *bus, int devfn, qemu_irq *pic,
                void (*reset_request)(void), char **errp)
{
    PCIDeviceInfo info = piix3_info;

    info.config_write = piix3_write_config;
    s->pic = pic;
    s->reset_request = reset_request;
    return pci_register_device(bus, &s->dev, "PIIX3", devfn, &info, errp);
}

/* Port 0xcf9: bit 2 resets the machine at once; otherwise only bit 1
 * (the reset type) is kept. */
static void rcr_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX3State *s = opaque;

    (void)addr;
    (void)size;
    if (val & 4) {
        if (s->reset_request) {
            s->reset_request();
        }
        return;
    }
    s->rcr = val & 2;
}

static uint64_t rcr_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX3State *s = opaque;

    (void)addr;
    (void)size;
    return s->rcr;
}

const MemoryRegionOps piix3_rcr_ops = {
    .read = rcr_read,
    .write = rcr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};
