/*
 * An IDE bus as QEMU 7.2's hw/ide/core.c models it, for buses with no
 * drive attached (the pc machine with -nodefaults and no -drive): two
 * IDEStates (master, slave) that still keep task-file registers, status,
 * a PIO buffer and SMART state, a device-control register, and the bus's
 * interrupt line.  QEMU runs ATA commands against an empty master as a
 * hard disk without a medium (most abort; a few, SMART among them,
 * succeed) and ignores them on an empty slave; every task-file read
 * answers 0 while neither drive exists.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_IDE_CORE_H
#define HW_IDE_CORE_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/core/irq.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"

/* Status register bits (QEMU's include/hw/ide/internal.h). */
#define ERR_STAT            0x01
#define DRQ_STAT            0x08
#define SEEK_STAT           0x10
#define READY_STAT          0x40
#define BUSY_STAT           0x80
#define ABRT_ERR            0x04    /* error register: command aborted */

/* Device/Head register bits. */
#define ATA_DEV_SELECT      0x10
#define ATA_DEV_ALWAYS_ON   0xa0
#define ATA_DEV_HS          0x0f

/* Device control register bits (bus->cmd). */
#define IDE_CTRL_HOB        0x80
#define IDE_CTRL_RESET      0x04
#define IDE_CTRL_DISABLE_IRQ 0x02

#define MAX_MULT_SECTORS    16
/* The part of QEMU's io_buffer (256 sectors + 4) an empty drive can
 * reach: one 512-byte SMART page, plus the 4 bytes of the dummy transfer. */
#define IDE_IO_BUFFER_SIZE  (512 + 4)
#define IDE_SMART_SELFTEST_SIZE 512

typedef struct IDEBus IDEBus;
typedef struct IDEState IDEState;
typedef void EndTransferFunc(IDEState *s);

struct IDEState {
    IDEBus *bus;
    int unit;                       /* 0 master, 1 slave */
    /* task file (QEMU's names; nsector holds up to 65536 after a
     * command's LBA48 transform) */
    uint8_t feature, error;
    uint32_t nsector;
    uint8_t sector, lcyl, hcyl;
    uint8_t hob_feature, hob_nsector, hob_sector, hob_lcyl, hob_hcyl;
    uint8_t select, status;
    bool lba48;
    int mult_sectors;
    /* SMART (ide_init_drive would enable it; an empty drive starts off) */
    uint8_t smart_enabled, smart_autosave;
    int smart_selftest_count;
    uint8_t smart_selftest_data[IDE_SMART_SELFTEST_SIZE];
    /* PIO: [data_pos, data_end) of io_buffer is left to transfer */
    EndTransferFunc *end_transfer_func;
    uint32_t data_pos, data_end;
    uint8_t io_buffer[IDE_IO_BUFFER_SIZE];
};

/* One "ide" port region (QEMU's MemoryRegionPortioList): the callbacks
 * get base + offset, as QEMU's portio lists pass them. */
typedef struct IDEPortio {
    MemoryRegion mr;
    IDEBus *bus;
    uint32_t base;
} IDEPortio;

struct IDEBus {
    IDEState ifs[2];
    int unit;                       /* selected drive */
    uint8_t cmd;                    /* device control register */
    qemu_irq irq;                   /* what ide_set_irq raises */
    /* Software reset runs later, from the main loop in QEMU (a one-shot
     * bottom half per rising SRST edge): here a timer due at once. */
    QEMUTimer *srst_timer;
    unsigned srst_pending;
    /* ide_init_ioport: iobase (8 ports) and iobase2 (1 port) */
    IDEPortio portio, portio2;
    MemoryRegion *io_space;
};

/* ide_init2 for a bus with no drives: both IDEStates reset (trace
 * ide_reset each), the interrupt line.  Free with ide_bus_free. */
void ide_bus_init(IDEBus *bus, qemu_irq irq);
void ide_bus_free(IDEBus *bus);
/* ide_bus_reset without the DMA provider (the caller resets that next). */
void ide_bus_reset(IDEBus *bus);

/* The bus's registers as QEMU's portio callbacks see them (addr is the
 * port number, only its low 3 bits select the register). */
uint32_t ide_ioport_read(IDEBus *bus, uint32_t addr);
void ide_ioport_write(IDEBus *bus, uint32_t addr, uint32_t val);
uint32_t ide_status_read(IDEBus *bus, uint32_t addr);
void ide_ctrl_write(IDEBus *bus, uint32_t addr, uint32_t val);
uint32_t ide_data_readw(IDEBus *bus, uint32_t addr);
void ide_data_writew(IDEBus *bus, uint32_t addr, uint32_t val);
uint32_t ide_data_readl(IDEBus *bus, uint32_t addr);
void ide_data_writel(IDEBus *bus, uint32_t addr, uint32_t val);

/* ---- for hw/ide/cmd.c ------------------------------------------------- */

static inline IDEState *idebus_active_if(IDEBus *bus)
{
    return &bus->ifs[bus->unit];
}

/* Raise the bus's line unless the guest set nIEN (QEMU's ide_set_irq). */
static inline void ide_set_irq(IDEBus *bus)
{
    if (!(bus->cmd & IDE_CTRL_DISABLE_IRQ)) {
        qemu_irq_raise(bus->irq);
    }
}

/* ide_reset: registers, signature and the dummy transfer. */
void ide_reset(IDEState *s);
void ide_set_signature(IDEState *s);
void ide_abort_command(IDEState *s);
/* Start a PIO transfer out of io_buffer[0, size) (ide_transfer_start). */
void ide_transfer_start(IDEState *s, uint32_t size, EndTransferFunc *end);
void ide_transfer_stop(IDEState *s);
void ide_transfer_halt(IDEState *s);

/* hw/ide/cmd.c: ide_exec_cmd, and the command SRST ends with. */
void ide_exec_cmd(IDEBus *bus, uint32_t val);
bool cmd_exec_dev_diagnostic(IDEState *s, uint8_t cmd);

/* hw/ide/ioport.c: ide_init_ioport maps the two "ide" regions (owner
 * NULL, as QEMU's isa_register_portio_list with no ISA device): 8 ports
 * at iobase (ide_portio_list: byte registers, word and dword data) and 1
 * at iobase2 (ide_portio2_list: alternate status / device control), with
 * QEMU's portio_ops dispatch.  ide_exit_ioport unmaps and finalizes them. */
void ide_init_ioport(IDEBus *bus, MemoryRegion *io_space, uint32_t iobase, uint32_t iobase2);
void ide_exit_ioport(IDEBus *bus);

#endif
