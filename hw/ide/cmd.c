/*
 * ATA commands on a bus with no drive (QEMU 7.2 hw/ide/core.c
 * ide_exec_cmd and ide_cmd_table).  QEMU ignores commands for an empty
 * slave but runs them on an empty master, which it treats as a hard disk
 * (IDE_HD) without a block backend: the commands that need a medium
 * abort, the rest complete as on a disk, and each completion raises the
 * bus's interrupt (status and error stay invisible: with no drive every
 * task-file read answers 0).  SMART works and its pages can be read
 * through the data port.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "hw/ide/core.h"
#include "softmmu/trace.h"

#define WIN_DIAGNOSE        0x90
#define WIN_VERIFY_EXT      0x42
#define CFA_WEAR_LEVEL      0xf5

#define SMART_READ_DATA       0xd0
#define SMART_READ_THRESH     0xd1
#define SMART_ATTR_AUTOSAVE   0xd2
#define SMART_EXECUTE_OFFLINE 0xd4
#define SMART_READ_LOG        0xd5
#define SMART_ENABLE          0xd8
#define SMART_DISABLE         0xd9
#define SMART_STATUS          0xda

/* true: the generic completion runs (clear BSY, maybe DSC, interrupt). */
typedef bool IDECmdHandler(IDEState *s, uint8_t cmd);

/* ---- helpers -------------------------------------------------------------- */

/* ide_cmd_lba48_transform: a sector count of 0 means 256 (65536). */
static void ide_cmd_lba48_transform(IDEState *s, bool lba48)
{
    s->lba48 = lba48;
    if (!lba48) {
        if (!s->nsector) {
            s->nsector = 256;
        }
    } else if (!s->nsector && !s->hob_nsector) {
        s->nsector = 65536;
    } else {
        s->nsector = (uint32_t)s->hob_nsector << 8 | s->nsector;
    }
}

/* Last byte of a SMART page: the two's complement of the others' sum. */
static void smart_checksum(uint8_t *page)
{
    uint8_t sum = 0;

    for (int n = 0; n < 511; n++) {
        sum += page[n];
    }
    page[511] = 0x100 - sum;
}

/* ide_flush_cb without a backend: done at once. */
static void ide_flush_done(IDEState *s)
{
    s->status = READY_STAT | SEEK_STAT;
    ide_set_irq(s->bus);
}

/* Hand a 512-byte page in io_buffer to the guest. */
static bool smart_send_page(IDEState *s)
{
    smart_checksum(s->io_buffer);
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, 0x200, ide_transfer_stop);
    ide_set_irq(s->bus);
    return false;
}

/* ---- commands ------------------------------------------------------------ */

static bool cmd_nop(IDEState *s, uint8_t cmd)
{
    (void)s;
    (void)cmd;
    return true;
}

/* What QEMU's read/write (PIO, multiple, DMA), IDENTIFY, SPECIFY, SET
 * FEATURES, READ NATIVE MAX, DATA SET MANAGEMENT handlers do with no
 * block backend (or no sectors), and what a command the kind does not
 * permit gets. */
static bool cmd_no_medium(IDEState *s, uint8_t cmd)
{
    (void)cmd;
    ide_abort_command(s);
    return true;
}

static bool cmd_verify(IDEState *s, uint8_t cmd)
{
    ide_cmd_lba48_transform(s, cmd == WIN_VERIFY_EXT);
    return true;
}

static bool cmd_set_multiple_mode(IDEState *s, uint8_t cmd)
{
    uint32_t n = s->nsector & 0xff;

    (void)cmd;
    if (n != 0 && (n > MAX_MULT_SECTORS || (s->nsector & (s->nsector - 1)) != 0)) {
        ide_abort_command(s);
    } else {
        s->mult_sectors = n;
    }
    return true;
}

static bool cmd_flush_cache(IDEState *s, uint8_t cmd)
{
    (void)cmd;
    ide_flush_done(s);
    return false;
}

static bool cmd_check_power_mode(IDEState *s, uint8_t cmd)
{
    (void)cmd;
    s->nsector = 0xff;          /* device active or idle */
    return true;
}

/* EXECUTE DEVICE DIAGNOSTIC; also the end of a software reset.  Error 1:
 * device 0 passed (the error register's diagnostic code, so no ERR). */
bool cmd_exec_dev_diagnostic(IDEState *s, uint8_t cmd)
{
    (void)cmd;
    s->select = ATA_DEV_ALWAYS_ON;
    ide_set_signature(s);
    s->status = READY_STAT | SEEK_STAT;
    s->error = 0x01;
    ide_set_irq(s->bus);
    return false;
}

/* CFA_WEAR_LEVEL, which is also SECURITY FREEZE LOCK (0xf5). */
static bool cmd_cfa_erase_sectors(IDEState *s, uint8_t cmd)
{
    if (cmd == CFA_WEAR_LEVEL) {
        s->nsector = 0;
    }
    return true;
}

/* ---- SMART ----------------------------------------------------------------- */

/* QEMU's smart_attributes: id, flags, hflags, val, worst, raw[6], threshold. */
static const uint8_t smart_attributes[][12] = {
    { 0x01, 0x03, 0x00, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06 },
    { 0x03, 0x03, 0x00, 0x64, 0x64, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x04, 0x02, 0x00, 0x64, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14 },
    { 0x05, 0x03, 0x00, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x24 },
    { 0x09, 0x03, 0x00, 0x64, 0x64, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x0c, 0x03, 0x00, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 190,  0x03, 0x00, 0x45, 0x45, 0x1f, 0x00, 0x1f, 0x1f, 0x00, 0x00, 0x32 },
};
#define SMART_NATTR ((int)G_N_ELEMENTS(smart_attributes))

static bool smart_read_thresh(IDEState *s)
{
    memset(s->io_buffer, 0, 0x200);
    s->io_buffer[0] = 0x01;             /* structure version */
    for (int n = 0; n < SMART_NATTR; n++) {
        s->io_buffer[2 + n * 12] = smart_attributes[n][0];
        s->io_buffer[3 + n * 12] = smart_attributes[n][11];
    }
    return smart_send_page(s);
}

static bool smart_read_data(IDEState *s)
{
    uint8_t *b = s->io_buffer;
    int cnt = s->smart_selftest_count;

    memset(b, 0, 0x200);
    b[0] = 0x01;
    for (int n = 0; n < SMART_NATTR; n++) {
        memcpy(b + 2 + n * 12, smart_attributes[n], 11);
    }
    b[362] = 0x02 | (s->smart_autosave ? 0x80 : 0x00);
    b[363] = cnt ? s->smart_selftest_data[3 + (cnt - 1) * 24] : 0;
    b[364] = 0x20;
    b[365] = 0x01;
    b[367] = 1 << 4 | 1 << 3 | 1;       /* off-line: execute + self-test */
    b[368] = 0x03;                      /* SMART capability */
    b[370] = 0x01;                      /* error logging */
    b[372] = 0x02;                      /* minutes: short test */
    b[373] = 0x36;                      /* extended test */
    b[374] = 0x01;                      /* conveyance test */
    return smart_send_page(s);
}

/* Log 1: summary error log (no errors); log 6: self-test log. */
static bool smart_read_log(IDEState *s)
{
    uint8_t *b = s->io_buffer;

    if (s->sector != 0x01 && s->sector != 0x06) {
        return cmd_no_medium(s, 0);
    }
    memset(b, 0, 0x200);
    b[0] = 0x01;
    if (s->sector == 0x06 && s->smart_selftest_count) {
        b[508] = s->smart_selftest_count;
        memcpy(b + 2, s->smart_selftest_data + 2, 506 - 2);
    }
    return smart_send_page(s);
}

/* Off-line routine, short or extended self-test: logged, 21 entries kept. */
static bool smart_execute_offline(IDEState *s)
{
    int n;

    if (s->sector > 2) {
        return cmd_no_medium(s, 0);
    }
    if (++s->smart_selftest_count > 21) {
        s->smart_selftest_count = 1;
    }
    n = 2 + (s->smart_selftest_count - 1) * 24;
    s->smart_selftest_data[n] = s->sector;
    s->smart_selftest_data[n + 1] = 0x00;       /* OK and finished */
    s->smart_selftest_data[n + 2] = 0x34;       /* hour count */
    s->smart_selftest_data[n + 3] = 0x12;
    return true;
}

static bool smart_attr_autosave(IDEState *s)
{
    if (s->sector != 0x00 && s->sector != 0xf1) {
        return cmd_no_medium(s, 0);
    }
    s->smart_autosave = s->sector == 0xf1;
    return true;
}

/* cmd_smart: the key in the cylinder registers, SMART enabled (or being
 * enabled); aborts are cmd_no_medium's. */
static bool cmd_smart(IDEState *s, uint8_t cmd)
{
    (void)cmd;
    if (s->hcyl != 0xc2 || s->lcyl != 0x4f ||
        (!s->smart_enabled && s->feature != SMART_ENABLE)) {
        return cmd_no_medium(s, 0);
    }
    switch (s->feature) {
    case SMART_DISABLE: s->smart_enabled = 0; return true;
    case SMART_ENABLE: s->smart_enabled = 1; return true;
    case SMART_ATTR_AUTOSAVE: return smart_attr_autosave(s);
    case SMART_STATUS:
        s->hcyl = 0xc2;                 /* no threshold exceeded */
        s->lcyl = 0x4f;
        return true;
    case SMART_READ_THRESH: return smart_read_thresh(s);
    case SMART_READ_DATA: return smart_read_data(s);
    case SMART_READ_LOG: return smart_read_log(s);
    case SMART_EXECUTE_OFFLINE: return smart_execute_offline(s);
    default: return cmd_no_medium(s, 0);
    }
}

/* ---- the table: what QEMU permits an IDE_HD -------------------------------- */

#define SET_DSC 1u      /* set the seek-complete bit on success */

static const struct {
    IDECmdHandler *handler;
    unsigned flags;
} ide_hd_cmd_table[0x100] = {
    [0x06] = { cmd_no_medium },                         /* DATA SET MANAGEMENT */
    [0x10] = { cmd_nop, SET_DSC },                      /* RECALIBRATE */
    [0x20] = { cmd_no_medium }, [0x21] = { cmd_no_medium }, /* READ (PIO) */
    [0x24] = { cmd_no_medium }, [0x25] = { cmd_no_medium }, /* READ EXT, DMA EXT */
    [0x27] = { cmd_no_medium, SET_DSC },                /* READ NATIVE MAX EXT */
    [0x29] = { cmd_no_medium },                         /* READ MULTIPLE EXT */
    [0x30] = { cmd_no_medium }, [0x31] = { cmd_no_medium }, /* WRITE (PIO) */
    [0x34] = { cmd_no_medium }, [0x35] = { cmd_no_medium }, /* WRITE EXT, DMA EXT */
    [0x39] = { cmd_no_medium }, [0x3c] = { cmd_no_medium }, /* MULTIPLE EXT, VERIFY */
    [0x40] = { cmd_verify, SET_DSC }, [0x41] = { cmd_verify, SET_DSC },
    [0x42] = { cmd_verify, SET_DSC },                   /* READ VERIFY (EXT) */
    [0x70] = { cmd_nop, SET_DSC },                      /* SEEK */
    [0x90] = { cmd_exec_dev_diagnostic },
    [0x91] = { cmd_no_medium, SET_DSC },                /* SPECIFY */
    [0x94] = { cmd_nop }, [0x95] = { cmd_nop }, [0x96] = { cmd_nop },
    [0x97] = { cmd_nop }, [0x99] = { cmd_nop },         /* old power commands */
    [0x98] = { cmd_check_power_mode, SET_DSC },
    [0xb0] = { cmd_smart, SET_DSC },
    [0xc4] = { cmd_no_medium }, [0xc5] = { cmd_no_medium }, /* READ/WRITE MULTIPLE */
    [0xc6] = { cmd_set_multiple_mode, SET_DSC },
    [0xc8] = { cmd_no_medium }, [0xc9] = { cmd_no_medium }, /* READ DMA */
    [0xca] = { cmd_no_medium }, [0xcb] = { cmd_no_medium }, /* WRITE DMA */
    [0xe0] = { cmd_nop }, [0xe1] = { cmd_nop }, [0xe2] = { cmd_nop },
    [0xe3] = { cmd_nop }, [0xe6] = { cmd_nop },         /* power commands */
    [0xe5] = { cmd_check_power_mode, SET_DSC },
    [0xe7] = { cmd_flush_cache }, [0xea] = { cmd_flush_cache },
    [0xec] = { cmd_no_medium },                         /* IDENTIFY DEVICE */
    [0xef] = { cmd_no_medium, SET_DSC },                /* SET FEATURES */
    [0xf5] = { cmd_cfa_erase_sectors, SET_DSC },
    [0xf8] = { cmd_no_medium, SET_DSC },                /* READ NATIVE MAX */
};

/* ide_exec_cmd for a bus without drives. */
void ide_exec_cmd(IDEBus *bus, uint32_t val)
{
    IDEState *s = idebus_active_if(bus);
    uint8_t cmd = val;

    trace_ide_exec_cmd(bus, s, val);
    /* an absent slave ignores commands; a busy drive too (only an ATAPI
     * device takes DEVICE RESET then) */
    if (s->unit != 0 || (s->status & (BUSY_STAT | DRQ_STAT))) {
        return;
    }
    if (val > 0xff || !ide_hd_cmd_table[cmd].handler) {
        ide_abort_command(s);
        ide_set_irq(bus);
        return;
    }
    s->status = READY_STAT | BUSY_STAT;
    s->error = 0;
    if (ide_hd_cmd_table[cmd].handler(s, cmd)) {
        s->status &= ~BUSY_STAT;
        if ((ide_hd_cmd_table[cmd].flags & SET_DSC) && !s->error) {
            s->status |= SEEK_STAT;
        }
        ide_set_irq(bus);
    }
}
