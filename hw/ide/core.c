/*
 * IDE bus registers with no drive attached (QEMU 7.2 hw/ide/core.c):
 * the task file, status, device control with its software reset, and the
 * data port's PIO transfers.  Where QEMU tests for a block backend
 * (s->blk) the answer here is always "none".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "hw/ide/core.h"
#include "softmmu/trace.h"

/* Register names of QEMU's trace lines (ATA_IOPORT_WR/RR_lookup). */
static const char *const ide_wr_name[8] = {
    "Data", "Features", "Sector Count", "Sector Number",
    "Cylinder Low", "Cylinder High", "Device/Head", "Command",
};
static const char *const ide_rd_name[8] = {
    "Data", "Error", "Sector Count", "Sector Number",
    "Cylinder Low", "Cylinder High", "Device/Head", "Status",
};

/* ---- PIO transfers -------------------------------------------------------- */

/* ide_dummy_transfer_stop: nothing to transfer; a read would see 0xff. */
static void ide_dummy_transfer_stop(IDEState *s)
{
    s->data_pos = 0;
    s->data_end = 0;
    memset(s->io_buffer, 0xff, 4);
}

void ide_transfer_halt(IDEState *s)
{
    s->end_transfer_func = ide_transfer_stop;
    s->data_pos = 0;
    s->data_end = 0;
    s->status &= ~DRQ_STAT;
}

/* QEMU also calls the DMA provider's cmd_done here; BMDMA has none. */
void ide_transfer_stop(IDEState *s)
{
    ide_transfer_halt(s);
}

/* ide_transfer_start_norecurse: BMDMA has no pio_transfer hook, so the
 * guest moves the data through the data port.  size <= 512. */
void ide_transfer_start(IDEState *s, uint32_t size, EndTransferFunc *end)
{
    s->data_pos = 0;
    s->data_end = size;
    if (!(s->status & ERR_STAT)) {
        s->status |= DRQ_STAT;
    }
    s->end_transfer_func = end;
}

/* ide_is_pio_out: every transfer an empty drive starts goes to the guest
 * (SMART pages, the dummy transfer); QEMU's PIO-in transfers (sector and
 * ATAPI writes) need a drive. */
static bool ide_is_pio_out(IDEState *s)
{
    (void)s;
    return true;
}

void ide_abort_command(IDEState *s)
{
    s->status = READY_STAT | ERR_STAT;
    s->error = ABRT_ERR;
    ide_transfer_stop(s);
}

/* ---- reset ----------------------------------------------------------------- */

/* A hard disk kind without a medium: cylinder registers 0xffff. */
void ide_set_signature(IDEState *s)
{
    s->select &= ~ATA_DEV_HS;
    s->nsector = 1;
    s->sector = 1;
    s->lcyl = 0xff;
    s->hcyl = 0xff;
}

/* QEMU's ide_reset: SMART state survives (ide_reset leaves it). */
void ide_reset(IDEState *s)
{
    trace_ide_reset(s);
    s->mult_sectors = MAX_MULT_SECTORS;
    s->feature = s->error = 0;
    s->nsector = 0;
    s->sector = s->lcyl = s->hcyl = 0;
    s->hob_feature = s->hob_sector = s->hob_nsector = 0;
    s->hob_lcyl = s->hob_hcyl = 0;
    s->select = ATA_DEV_ALWAYS_ON;
    s->status = READY_STAT | SEEK_STAT;
    s->lba48 = false;
    ide_set_signature(s);
    s->end_transfer_func = ide_dummy_transfer_stop;
    ide_dummy_transfer_stop(s);
}

/* Any task-file write clears the HOB bit of device control. */
static void ide_clear_hob(IDEBus *bus)
{
    bus->cmd &= ~IDE_CTRL_HOB;
}

void ide_bus_reset(IDEBus *bus)
{
    bus->unit = 0;
    bus->cmd = 0;
    ide_reset(&bus->ifs[0]);
    ide_reset(&bus->ifs[1]);
    ide_clear_hob(bus);
}

/* ide_perform_srst: halt PIO, reset, then the diagnostic's results. */
static void ide_perform_srst(IDEState *s)
{
    s->status |= BUSY_STAT;
    ide_transfer_halt(s);
    ide_reset(s);
    cmd_exec_dev_diagnostic(s, 0x90);
}

/* ide_bus_perform_srst, once per rising SRST edge seen since it last ran. */
static void ide_srst_cb(void *opaque)
{
    IDEBus *bus = opaque;

    for (; bus->srst_pending; bus->srst_pending--) {
        ide_perform_srst(&bus->ifs[0]);
        ide_perform_srst(&bus->ifs[1]);
        bus->cmd &= ~IDE_CTRL_RESET;
    }
}

void ide_bus_init(IDEBus *bus, qemu_irq irq)
{
    memset(bus, 0, sizeof(*bus));
    for (int i = 0; i < 2; i++) {
        bus->ifs[i].bus = bus;
        bus->ifs[i].unit = i;
        ide_reset(&bus->ifs[i]);
    }
    bus->irq = irq;
    bus->srst_timer = timer_new_ns(QEMU_CLOCK_REALTIME, ide_srst_cb, bus);
}

void ide_bus_free(IDEBus *bus)
{
    timer_free(bus->srst_timer);
    bus->srst_timer = NULL;
}

/* ---- task file ------------------------------------------------------------- */

/* Registers 1-5: both drives latch the value; the old one becomes HOB. */
static void ide_latch(IDEBus *bus, int reg, uint8_t val)
{
    for (int i = 0; i < 2; i++) {
        IDEState *s = &bus->ifs[i];

        switch (reg) {
        case 1: s->hob_feature = s->feature; s->feature = val; break;
        case 2: s->hob_nsector = s->nsector; s->nsector = val; break;
        case 3: s->hob_sector = s->sector; s->sector = val; break;
        case 4: s->hob_lcyl = s->lcyl; s->lcyl = val; break;
        default: s->hob_hcyl = s->hcyl; s->hcyl = val; break;
        }
    }
}

void ide_ioport_write(IDEBus *bus, uint32_t addr, uint32_t val)
{
    IDEState *s = idebus_active_if(bus);
    int reg = addr & 7;

    trace_ide_ioport_write(addr, ide_wr_name[reg], val, bus, s);
    /* a busy drive ignores everything but a command */
    if (reg != 7 && (s->status & (BUSY_STAT | DRQ_STAT))) {
        return;
    }
    if (reg == 0) {
        return;
    }
    ide_clear_hob(bus);
    if (reg < 6) {
        ide_latch(bus, reg, val);
    } else if (reg == 6) {
        bus->ifs[0].select = val | ATA_DEV_ALWAYS_ON;
        bus->ifs[1].select = val | ATA_DEV_ALWAYS_ON;
        bus->unit = (val & ATA_DEV_SELECT) ? 1 : 0;
    } else {
        qemu_irq_lower(bus->irq);
        ide_exec_cmd(bus, val);
    }
}

/* With neither drive present QEMU answers 0 for every register but data;
 * reading status lowers the interrupt. */
uint32_t ide_ioport_read(IDEBus *bus, uint32_t addr)
{
    IDEState *s = idebus_active_if(bus);
    int reg = addr & 7;
    uint32_t ret = 0;

    if (reg == 0) {
        /* a byte read consumes a word (for the pre-GRUB Solaris loader) */
        ret = ide_data_readw(bus, addr) & 0xff;
    } else if (reg == 7) {
        qemu_irq_lower(bus->irq);
    }
    trace_ide_ioport_read(addr, ide_rd_name[reg], ret, bus, s);
    return ret;
}

uint32_t ide_status_read(IDEBus *bus, uint32_t addr)
{
    trace_ide_status_read(addr, 0, bus, idebus_active_if(bus));
    return 0;
}

/* One device control register for both drives; a rising SRST edge sets
 * BSY at once and resets the drives later (QEMU's bottom half). */
void ide_ctrl_write(IDEBus *bus, uint32_t addr, uint32_t val)
{
    trace_ide_ctrl_write(addr, val, bus);
    if (!(bus->cmd & IDE_CTRL_RESET) && (val & IDE_CTRL_RESET)) {
        bus->ifs[0].status |= BUSY_STAT;
        bus->ifs[1].status |= BUSY_STAT;
        bus->srst_pending++;
        timer_mod_ns(bus->srst_timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
    }
    bus->cmd = val;
}

/* ---- data port ------------------------------------------------------------- */

/* Advance the PIO pointer by n; at the end, DRQ drops and the transfer's
 * end function runs. */
static void ide_data_advance(IDEState *s, uint32_t n)
{
    s->data_pos += n;
    if (s->data_pos >= s->data_end) {
        s->status &= ~DRQ_STAT;
        s->end_transfer_func(s);
    }
}

/* Data writes land only in a PIO-in transfer (sector or ATAPI packet
 * writes), which needs a drive: without one they are traced and dropped. */
void ide_data_writew(IDEBus *bus, uint32_t addr, uint32_t val)
{
    trace_ide_data_writew(addr, val, bus, idebus_active_if(bus));
}

void ide_data_writel(IDEBus *bus, uint32_t addr, uint32_t val)
{
    trace_ide_data_writel(addr, val, bus, idebus_active_if(bus));
}

/* Outside a transfer: 0 and no trace line, as QEMU. */
uint32_t ide_data_readw(IDEBus *bus, uint32_t addr)
{
    IDEState *s = idebus_active_if(bus);
    uint32_t ret;

    if (!(s->status & DRQ_STAT) || !ide_is_pio_out(s) ||
        s->data_pos + 2 > s->data_end) {
        return 0;
    }
    ret = s->io_buffer[s->data_pos] | (uint32_t)s->io_buffer[s->data_pos + 1] << 8;
    ide_data_advance(s, 2);
    trace_ide_data_readw(addr, ret, bus, s);
    return ret;
}

/* Outside a transfer: 0 with a trace line; a dword past the end: 0
 * without one (QEMU's two exits). */
uint32_t ide_data_readl(IDEBus *bus, uint32_t addr)
{
    IDEState *s = idebus_active_if(bus);
    uint32_t ret = 0;

    if ((s->status & DRQ_STAT) && ide_is_pio_out(s)) {
        if (s->data_pos + 4 > s->data_end) {
            return 0;
        }
        memcpy(&ret, s->io_buffer + s->data_pos, 4);
        ret = GUINT32_FROM_LE(ret);
        ide_data_advance(s, 4);
    }
    trace_ide_data_readl(addr, ret, bus, s);
    return ret;
}
