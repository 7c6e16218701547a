/*
 * Floppy disk controller (Intel 82078), after QEMU 7.2's hw/block/fdc.c
 * and fdc-isa.c, for the pc machine's configuration: both drive slots
 * empty (no floppy drive devices, no media).
 *
 * What that leaves of QEMU's model, and what this file implements:
 *  - the registers: SRB, DOR (reset, drive select, DMA enable, motors),
 *    TDR, MSR, DSR, DIR, CCR and the data FIFO;
 *  - the command/execution/result phases for every command QEMU knows,
 *    with QEMU's answers for drives without a medium: seeks move only as
 *    far as QEMU's fd_seek lets an empty drive move (track 0 only), data
 *    commands end at once with "abnormal termination", FORMAT TRACK
 *    "succeeds", READ ID ends 20 ms later (virtual time), unknown commands
 *    answer 0x80;
 *  - the interrupt (raised at the end of a command with a result, of a
 *    seek or recalibrate, after a reset through DOR/DSR; lowered when the
 *    last result byte is read or SENSE INTERRUPT STATUS runs) and the DMA
 *    request line's release at the end of every data command.
 * Not reachable without a medium, so not modelled: DMA and non-DMA data
 * transfers (QEMU's execution phase with NONDMA, the transfer loop of
 * fdctrl_transfer_handler, formatting sectors).  The comments say where.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>
#include "hw/block/fdc.h"
#include "softmmu/ioport.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"

#define FD_SECTOR_SC            2   /* sector size code: 512 bytes */
#define FD_RESET_SENSEI_COUNT   4   /* SENSE INTERRUPT results after a reset */

enum { FD_DIR_WRITE, FD_DIR_READ, FD_DIR_SCANE, FD_DIR_SCANL, FD_DIR_SCANH,
       FD_DIR_VERIFY };

enum { FD_PHASE_COMMAND = 1, FD_PHASE_EXECUTION = 2, FD_PHASE_RESULT = 3 };

enum {
    FD_REG_SRA = 0, FD_REG_SRB = 1, FD_REG_DOR = 2, FD_REG_TDR = 3,
    FD_REG_MSR = 4, FD_REG_DSR = 4, FD_REG_FIFO = 5, FD_REG_DIR = 7,
    FD_REG_CCR = 7,
};

enum {
    FD_CONFIG_EFIFO = 0x20,     /* FIFO disabled */
    FD_CONFIG_EIS   = 0x40,     /* no implied seeks */
};

enum {
    FD_SR0_HEAD = 0x04, FD_SR0_SEEK = 0x20, FD_SR0_ABNTERM = 0x40,
    FD_SR0_INVCMD = 0x80, FD_SR0_RDYCHG = 0xc0,
    FD_SR0_DS_MASK = 0x03,
};

enum { FD_SR1_MA = 0x01, FD_SR1_EC = 0x80 };
enum { FD_SR2_SEH = 0x08 };     /* scan equal hit */

enum { FD_SRA_nDRV2 = 0x40, FD_SRA_INTPEND = 0x80 };
enum { FD_SRB_MTR0 = 0x01, FD_SRB_MTR1 = 0x02, FD_SRB_DR0 = 0x20 };

enum {
    FD_DOR_SELMASK = 0x01,      /* MAX_FD == 2 */
    FD_DOR_nRESET  = 0x04,
    FD_DOR_DMAEN   = 0x08,
    FD_DOR_MOTEN0  = 0x10,
    FD_DOR_MOTEN1  = 0x20,
};

enum { FD_TDR_BOOTSEL = 0x04 }; /* MAX_FD == 2 */
enum { FD_DSR_DRATEMASK = 0x03, FD_DSR_PWRDOWN = 0x40, FD_DSR_SWRESET = 0x80 };

enum {
    FD_MSR_CMDBUSY = 0x10, FD_MSR_NONDMA = 0x20, FD_MSR_DIO = 0x40,
    FD_MSR_RQM = 0x80,
};

enum { FD_DIR_DSKCHG = 0x80 };

/* ---- drives (QEMU's fd_* helpers, for a drive without a medium) ------- */

/* fd_init, then fd_revalidate of a slot without a drive. */
static void fd_init(FDrive *drv)
{
    drv->perpendicular = 0;
    drv->last_sect = 0;
    drv->max_track = 0;
    drv->double_sided = false;
    drv->ro = 1;
    drv->media_changed = 1;
}

static int fd_sector_calc(int head, int track, int sect, int last_sect, int sides)
{
    return ((track * sides) + head) * last_sect + sect - 1;
}

static int fd_sector(const FDrive *drv)
{
    return fd_sector_calc(drv->head, drv->track, drv->sect, drv->last_sect,
                          drv->double_sided ? 2 : 1);
}

/*
 * QEMU's fd_seek: 2 for a track or head out of range, 3 for a sector
 * beyond last_sect, else the drive moves (if the position differs) and
 * the result is again 2 because there is no medium.  An empty drive has
 * max_track 0, so it never leaves track 0 by seeking.
 */
static int fd_seek(FDrive *drv, uint8_t head, uint8_t track, uint8_t sect)
{
    if (track > drv->max_track || (head != 0 && !drv->double_sided)) {
        return 2;
    }
    if (sect > drv->last_sect) {
        return 3;
    }
    if (fd_sector_calc(head, track, sect, drv->last_sect,
                       drv->double_sided ? 2 : 1) != fd_sector(drv)) {
        drv->head = head;
        drv->track = track;
        drv->sect = sect;
    }
    return 2;
}

static void fd_recalibrate(FDrive *drv)
{
    fd_seek(drv, 0, 0, 1);
}

/* Drive slots as the boot-select bit of TDR maps units onto them. */
static FDrive *get_drv(FDCtrl *s, int unit)
{
    int first = (s->tdr & FD_TDR_BOOTSEL) >> 2;

    return &s->drives[unit == 0 ? first : !first];
}

static FDrive *drv0(FDCtrl *s)
{
    return get_drv(s, 0);
}

static FDrive *drv1(FDCtrl *s)
{
    return get_drv(s, 1);
}

/* QEMU's get_cur_drv: the lookup gives an empty slot its BlockBackend. */
static FDrive *get_cur_drv(FDCtrl *s)
{
    FDrive *drv = get_drv(s, s->cur_drv);

    drv->blk = true;
    return drv;
}

/* ---- interrupt and phases ---------------------------------------------- */

static void fdctrl_reset_irq(FDCtrl *s)
{
    s->status0 = 0;
    if (s->sra & FD_SRA_INTPEND) {
        qemu_set_irq(s->irq, 0);
        s->sra &= ~FD_SRA_INTPEND;
    }
}

static void fdctrl_raise_irq(FDCtrl *s)
{
    if (!(s->sra & FD_SRA_INTPEND)) {
        qemu_set_irq(s->irq, 1);
        s->sra |= FD_SRA_INTPEND;
    }
    s->reset_sensei = 0;
}

static void fdctrl_to_command_phase(FDCtrl *s)
{
    s->phase = FD_PHASE_COMMAND;
    s->data_dir = FD_DIR_WRITE;
    s->data_pos = 0;
    s->data_len = 1;            /* the command byte; parameters come later */
    s->msr &= ~(FD_MSR_CMDBUSY | FD_MSR_DIO);
    s->msr |= FD_MSR_RQM;
}

static void fdctrl_to_result_phase(FDCtrl *s, int fifo_len)
{
    s->phase = FD_PHASE_RESULT;
    s->data_dir = FD_DIR_READ;
    s->data_len = fifo_len;
    s->data_pos = 0;
    s->msr |= FD_MSR_CMDBUSY | FD_MSR_RQM | FD_MSR_DIO;
}

/* QEMU's fdctrl_stop_transfer: the 7 result bytes of a data command
 * (ST0-ST2, C, H, R, N), DREQ released, interrupt raised. */
static void fdctrl_stop_transfer(FDCtrl *s, uint8_t status0, uint8_t status1,
                                 uint8_t status2)
{
    FDrive *cur_drv = get_cur_drv(s);

    s->status0 &= ~(FD_SR0_DS_MASK | FD_SR0_HEAD);
    s->status0 |= s->cur_drv;
    if (cur_drv->head) {
        s->status0 |= FD_SR0_HEAD;
    }
    s->status0 |= status0;
    s->fifo[0] = s->status0;
    s->fifo[1] = status1;
    s->fifo[2] = status2;
    s->fifo[3] = cur_drv->track;
    s->fifo[4] = cur_drv->head;
    s->fifo[5] = cur_drv->sect;
    s->fifo[6] = FD_SECTOR_SC;
    s->data_dir = FD_DIR_READ;
    if (s->dma_chann != -1 && s->dma && !(s->msr & FD_MSR_NONDMA)) {
        i8257_dma_release_DREQ(s->dma, s->dma_chann);
    }
    s->msr |= FD_MSR_RQM | FD_MSR_DIO;
    s->msr &= ~FD_MSR_NONDMA;
    fdctrl_to_result_phase(s, 7);
    fdctrl_raise_irq(s);
}

/* ---- reset --------------------------------------------------------------- */

void fdctrl_reset(FDCtrl *s, int do_irq)
{
    fdctrl_reset_irq(s);
    s->sra = 0;
    s->srb = 0xc0;
    if (!s->drives[1].blk) {
        s->sra |= FD_SRA_nDRV2;
    }
    s->cur_drv = 0;
    s->dor = FD_DOR_nRESET | (s->dma_chann != -1 ? FD_DOR_DMAEN : 0);
    s->msr = FD_MSR_RQM;
    s->reset_sensei = 0;
    timer_del(s->result_timer);
    s->data_pos = 0;
    s->data_len = 0;
    s->data_dir = FD_DIR_WRITE;
    for (int i = 0; i < MAX_FD; i++) {
        fd_recalibrate(&s->drives[i]);
    }
    fdctrl_to_command_phase(s);
    if (do_irq) {
        s->status0 |= FD_SR0_RDYCHG;
        fdctrl_raise_irq(s);
        s->reset_sensei = FD_RESET_SENSEI_COUNT;
    }
}

/* ---- commands (QEMU's fdctrl_handle_* and the transfer starters) ------- */

/* Every data command (READ, WRITE, READ TRACK, VERIFY, SCAN): the seek to
 * C/H/R fails on an empty drive, so the command ends with abnormal
 * termination (and "end of cylinder" for a sector past last_sect),
 * reporting the C/H/R asked for.  QEMU's data-rate check, DMA request and
 * non-DMA setup come after a successful seek only. */
static void fdctrl_start_transfer(FDCtrl *s, int direction)
{
    uint8_t kt = s->fifo[2], kh = s->fifo[3], ks = s->fifo[4];
    FDrive *cur_drv;

    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    cur_drv = get_cur_drv(s);
    if (fd_seek(cur_drv, kh, kt, ks) == 3) {
        fdctrl_stop_transfer(s, FD_SR0_ABNTERM, FD_SR1_EC, 0x00);
    } else {
        fdctrl_stop_transfer(s, FD_SR0_ABNTERM, 0x00, 0x00);
    }
    s->fifo[3] = kt;
    s->fifo[4] = kh;
    s->fifo[5] = ks;
}

/* READ/WRITE DELETED DATA: QEMU answers without doing anything. */
static void fdctrl_start_transfer_del(FDCtrl *s, int direction)
{
    (void)direction;
    qemu_log_mask(LOG_UNIMP, "fdctrl_start_transfer_del() unimplemented\n");
    fdctrl_stop_transfer(s, FD_SR0_ABNTERM | FD_SR0_SEEK, 0x00, 0x00);
}

static void fdctrl_unimplemented(FDCtrl *s, int direction)
{
    (void)direction;
    qemu_log_mask(LOG_UNIMP, "fdc: unimplemented command 0x%02x\n", s->fifo[0]);
    s->fifo[0] = FD_SR0_INVCMD;
    fdctrl_to_result_phase(s, 1);
}

static void fdctrl_handle_lock(FDCtrl *s, int direction)
{
    (void)direction;
    s->lock = (s->fifo[0] & 0x80) ? 1 : 0;
    s->fifo[0] = s->lock << 4;
    fdctrl_to_result_phase(s, 1);
}

static void fdctrl_handle_dumpreg(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);

    (void)direction;
    s->fifo[0] = drv0(s)->track;
    s->fifo[1] = drv1(s)->track;
    s->fifo[2] = 0;
    s->fifo[3] = 0;
    s->fifo[4] = s->timer0;
    s->fifo[5] = (s->timer1 << 1) | (s->dor & FD_DOR_DMAEN ? 1 : 0);
    s->fifo[6] = cur_drv->last_sect;
    s->fifo[7] = (s->lock << 7) | (cur_drv->perpendicular << 2);
    s->fifo[8] = s->config;
    s->fifo[9] = s->precomp_trk;
    fdctrl_to_result_phase(s, 10);
}

static void fdctrl_handle_version(FDCtrl *s, int direction)
{
    (void)direction;
    s->fifo[0] = s->version;
    fdctrl_to_result_phase(s, 1);
}

static void fdctrl_handle_partid(FDCtrl *s, int direction)
{
    (void)direction;
    s->fifo[0] = 0x41;          /* stepping 1 */
    fdctrl_to_result_phase(s, 1);
}

static void fdctrl_handle_restore(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);

    (void)direction;
    drv0(s)->track = s->fifo[3];
    drv1(s)->track = s->fifo[4];
    s->timer0 = s->fifo[7];
    s->timer1 = s->fifo[8];
    cur_drv->last_sect = s->fifo[9];
    s->lock = s->fifo[10] >> 7;
    cur_drv->perpendicular = (s->fifo[10] >> 2) & 0xf;
    s->config = s->fifo[11];
    s->precomp_trk = s->fifo[12];
    s->pwrd = s->fifo[13];
    fdctrl_to_command_phase(s);
}

static void fdctrl_handle_save(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);

    (void)direction;
    s->fifo[0] = 0;
    s->fifo[1] = 0;
    s->fifo[2] = drv0(s)->track;
    s->fifo[3] = drv1(s)->track;
    s->fifo[4] = 0;
    s->fifo[5] = 0;
    s->fifo[6] = s->timer0;
    s->fifo[7] = s->timer1;
    s->fifo[8] = cur_drv->last_sect;
    s->fifo[9] = (s->lock << 7) | (cur_drv->perpendicular << 2);
    s->fifo[10] = s->config;
    s->fifo[11] = s->precomp_trk;
    s->fifo[12] = s->pwrd;
    s->fifo[13] = 0;
    s->fifo[14] = 0;
    fdctrl_to_result_phase(s, 15);
}

/* READ ID: the head bit only; the result comes from the timer (QEMU's
 * fdctrl_result_timer), with RQM clear meanwhile. */
static void fdctrl_handle_readid(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);

    (void)direction;
    cur_drv->head = (s->fifo[1] >> 2) & 1;
    timer_mod_ns(s->result_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                 NANOSECONDS_PER_SECOND / 50);
}

/* FORMAT TRACK sets the sectors per track and ends at once (QEMU's TODO:
 * no sector is formatted, no DMA).  QEMU also records the multi-track bit
 * and the sector size for transfers that need a medium: not kept. */
static void fdctrl_handle_format_track(FDCtrl *s, int direction)
{
    FDrive *cur_drv;

    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    cur_drv = get_cur_drv(s);
    cur_drv->last_sect = s->fifo[3];
    fdctrl_stop_transfer(s, 0x00, 0x00, 0x00);
}

static void fdctrl_handle_specify(FDCtrl *s, int direction)
{
    (void)direction;
    s->timer0 = (s->fifo[1] >> 4) & 0xf;
    s->timer1 = s->fifo[2] >> 1;
    if (s->fifo[2] & 1) {
        s->dor &= ~FD_DOR_DMAEN;
    } else {
        s->dor |= FD_DOR_DMAEN;
    }
    fdctrl_to_command_phase(s);
}

static void fdctrl_handle_sense_drive_status(FDCtrl *s, int direction)
{
    FDrive *cur_drv;

    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    cur_drv = get_cur_drv(s);
    cur_drv->head = (s->fifo[1] >> 2) & 1;
    s->fifo[0] = (cur_drv->ro << 6) | (cur_drv->track == 0 ? 0x10 : 0x00) |
                 (cur_drv->head << 2) | s->cur_drv | 0x28;
    fdctrl_to_result_phase(s, 1);
}

static void fdctrl_handle_recalibrate(FDCtrl *s, int direction)
{
    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    fd_recalibrate(get_cur_drv(s));
    fdctrl_to_command_phase(s);
    s->status0 |= FD_SR0_SEEK;
    fdctrl_raise_irq(s);
}

/* After a reset: four results 0xc0-0xc3 (no interrupt needed); then one
 * per pending interrupt; without one, 0x80 alone. */
static void fdctrl_handle_sense_interrupt_status(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);

    (void)direction;
    if (s->reset_sensei > 0) {
        s->fifo[0] = FD_SR0_RDYCHG + FD_RESET_SENSEI_COUNT - s->reset_sensei;
        s->reset_sensei--;
    } else if (!(s->sra & FD_SRA_INTPEND)) {
        s->fifo[0] = FD_SR0_INVCMD;
        fdctrl_to_result_phase(s, 1);
        return;
    } else {
        s->fifo[0] = (s->status0 & ~(FD_SR0_HEAD | FD_SR0_DS_MASK)) | s->cur_drv;
    }
    s->fifo[1] = cur_drv->track;
    fdctrl_to_result_phase(s, 2);
    fdctrl_reset_irq(s);
    s->status0 = FD_SR0_RDYCHG;
}

/* Step pulses whatever the drive holds (QEMU: seeks work on empty
 * drives, within fd_seek's bounds). */
static void fdctrl_handle_seek(FDCtrl *s, int direction)
{
    FDrive *cur_drv;

    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    cur_drv = get_cur_drv(s);
    fdctrl_to_command_phase(s);
    fd_seek(cur_drv, cur_drv->head, s->fifo[2], cur_drv->sect);
    s->status0 |= FD_SR0_SEEK;
    fdctrl_raise_irq(s);
}

static void fdctrl_handle_perpendicular_mode(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);

    (void)direction;
    if (s->fifo[1] & 0x80) {
        cur_drv->perpendicular = s->fifo[1] & 0x7;
    }
    fdctrl_to_command_phase(s);
}

static void fdctrl_handle_configure(FDCtrl *s, int direction)
{
    (void)direction;
    s->config = s->fifo[2];
    s->precomp_trk = s->fifo[3];
    fdctrl_to_command_phase(s);
}

static void fdctrl_handle_powerdown_mode(FDCtrl *s, int direction)
{
    (void)direction;
    s->pwrd = s->fifo[1];
    s->fifo[0] = s->fifo[1];
    fdctrl_to_result_phase(s, 1);
}

static void fdctrl_handle_option(FDCtrl *s, int direction)
{
    (void)direction;
    fdctrl_to_command_phase(s);
}

/* Parameters end with a byte that has bit 7 set (bit 6: a 4-byte result).
 * QEMU looks only at the fifth parameter, and its "more than 7 bytes"
 * error cannot trigger, so without bit 7 there the controller stays busy
 * with RQM clear until a reset. */
static void fdctrl_handle_drive_specification_command(FDCtrl *s, int direction)
{
    FDrive *cur_drv = get_cur_drv(s);
    uint32_t pos = (s->data_pos - 1) % FD_SECTOR_LEN;

    (void)direction;
    if (s->fifo[pos] & 0x80) {
        if (s->fifo[pos] & 0x40) {
            s->fifo[0] = s->fifo[1];
            s->fifo[2] = 0;
            s->fifo[3] = 0;
            fdctrl_to_result_phase(s, 4);
        } else {
            fdctrl_to_command_phase(s);
        }
    } else if (s->data_len > 7) {
        s->fifo[0] = 0x80 | (cur_drv->head << 2) | s->cur_drv;
        fdctrl_to_result_phase(s, 1);
    }
}

/* RELATIVE SEEK IN: QEMU clamps at max_track - 1, which for an empty
 * drive (max_track 0) is track 255: out of range, no movement. */
static void fdctrl_handle_relative_seek_in(FDCtrl *s, int direction)
{
    FDrive *cur_drv;

    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    cur_drv = get_cur_drv(s);
    if (s->fifo[2] + cur_drv->track >= cur_drv->max_track) {
        fd_seek(cur_drv, cur_drv->head, cur_drv->max_track - 1, cur_drv->sect);
    } else {
        fd_seek(cur_drv, cur_drv->head, cur_drv->track + s->fifo[2], cur_drv->sect);
    }
    fdctrl_to_command_phase(s);
    s->status0 |= FD_SR0_SEEK;
    fdctrl_raise_irq(s);
}

static void fdctrl_handle_relative_seek_out(FDCtrl *s, int direction)
{
    FDrive *cur_drv;

    (void)direction;
    s->cur_drv = s->fifo[1] & FD_DOR_SELMASK;
    cur_drv = get_cur_drv(s);
    if (s->fifo[2] > cur_drv->track) {
        fd_seek(cur_drv, cur_drv->head, 0, cur_drv->sect);
    } else {
        fd_seek(cur_drv, cur_drv->head, cur_drv->track - s->fifo[2], cur_drv->sect);
    }
    fdctrl_to_command_phase(s);
    s->status0 |= FD_SR0_SEEK;
    fdctrl_raise_irq(s);
}

typedef struct FDCtrlCommand {
    uint8_t value;
    uint8_t mask;
    int parameters;
    void (*handler)(FDCtrl *s, int direction);
    int direction;
} FDCtrlCommand;

/* QEMU's handlers[] in its order: the first entry whose masked value
 * matches the command byte handles it (the last one matches everything). */
static const FDCtrlCommand handlers[] = {
    { 0x06, 0x1f, 8, fdctrl_start_transfer, FD_DIR_READ },          /* READ */
    { 0x05, 0x3f, 8, fdctrl_start_transfer, FD_DIR_WRITE },         /* WRITE */
    { 0x0f, 0xff, 2, fdctrl_handle_seek, 0 },                       /* SEEK */
    { 0x08, 0xff, 0, fdctrl_handle_sense_interrupt_status, 0 },
    { 0x07, 0xff, 1, fdctrl_handle_recalibrate, 0 },
    { 0x0d, 0xbf, 5, fdctrl_handle_format_track, 0 },
    { 0x02, 0xbf, 8, fdctrl_start_transfer, FD_DIR_READ },          /* READ TRACK */
    { 0x4e, 0xff, 17, fdctrl_handle_restore, 0 },
    { 0x2e, 0xff, 0, fdctrl_handle_save, 0 },
    { 0x0c, 0x1f, 8, fdctrl_start_transfer_del, FD_DIR_READ },      /* READ DELETED */
    { 0x11, 0x1f, 8, fdctrl_start_transfer, FD_DIR_SCANE },         /* SCAN EQUAL */
    { 0x16, 0x1f, 8, fdctrl_start_transfer, FD_DIR_VERIFY },        /* VERIFY */
    { 0x19, 0x1f, 8, fdctrl_start_transfer, FD_DIR_SCANL },         /* SCAN LOW/EQ */
    { 0x1d, 0x1f, 8, fdctrl_start_transfer, FD_DIR_SCANH },         /* SCAN HIGH/EQ */
    { 0x09, 0x3f, 8, fdctrl_start_transfer_del, FD_DIR_WRITE },     /* WRITE DELETED */
    { 0x0a, 0xbf, 1, fdctrl_handle_readid, 0 },                     /* READ ID */
    { 0x03, 0xff, 2, fdctrl_handle_specify, 0 },
    { 0x04, 0xff, 1, fdctrl_handle_sense_drive_status, 0 },
    { 0x12, 0xff, 1, fdctrl_handle_perpendicular_mode, 0 },
    { 0x13, 0xff, 3, fdctrl_handle_configure, 0 },
    { 0x17, 0xff, 2, fdctrl_handle_powerdown_mode, 0 },
    { 0x33, 0xff, 1, fdctrl_handle_option, 0 },
    { 0x8e, 0xff, 5, fdctrl_handle_drive_specification_command, 0 },
    { 0x8f, 0xff, 2, fdctrl_handle_relative_seek_out, 0 },
    { 0xcd, 0xff, 10, fdctrl_unimplemented, 0 },                    /* FORMAT AND WRITE */
    { 0xcf, 0xff, 2, fdctrl_handle_relative_seek_in, 0 },
    { 0x14, 0x7f, 0, fdctrl_handle_lock, 0 },                       /* LOCK / UNLOCK */
    { 0x0e, 0xff, 0, fdctrl_handle_dumpreg, 0 },
    { 0x10, 0xff, 0, fdctrl_handle_version, 0 },
    { 0x18, 0xff, 0, fdctrl_handle_partid, 0 },
    { 0x05, 0x1f, 8, fdctrl_start_transfer, FD_DIR_WRITE },         /* WRITE (BeOS) */
    { 0x00, 0x00, 0, fdctrl_unimplemented, 0 },                     /* unknown */
};

static const FDCtrlCommand *get_command(uint8_t cmd)
{
    size_t i = 0;

    while ((cmd & handlers[i].mask) != handlers[i].value) {
        i++;
    }
    return &handlers[i];
}

/* ---- registers ------------------------------------------------------------ */

/* Motors and drive 0's select show in SRB; a 0 -> 1 edge of nRESET resets
 * the controller (which rewrites SRB), then DOR takes the value as is. */
static void fdctrl_write_dor(FDCtrl *s, uint32_t value)
{
    s->srb &= ~(FD_SRB_MTR0 | FD_SRB_MTR1 | FD_SRB_DR0);
    s->srb |= (value & FD_DOR_MOTEN0) ? FD_SRB_MTR0 : 0;
    s->srb |= (value & FD_DOR_MOTEN1) ? FD_SRB_MTR1 : 0;
    s->srb |= (value & 1) ? FD_SRB_DR0 : 0;
    if ((value & FD_DOR_nRESET) && !(s->dor & FD_DOR_nRESET)) {
        fdctrl_reset(s, 1);
        s->dsr &= ~FD_DSR_PWRDOWN;
    }
    s->cur_drv = value & FD_DOR_SELMASK;
    s->dor = value;
}

static void fdctrl_write_tape(FDCtrl *s, uint32_t value)
{
    if (s->dor & FD_DOR_nRESET) {
        s->tdr = value & FD_TDR_BOOTSEL;    /* tape bits never stick */
    }
}

/* Reading MSR also takes the controller out of reset in DOR (without a
 * reset) and out of power-down: QEMU's fdctrl_read_main_status. */
static uint32_t fdctrl_read_main_status(FDCtrl *s)
{
    s->dsr &= ~FD_DSR_PWRDOWN;
    s->dor |= FD_DOR_nRESET;
    return s->msr;
}

static void fdctrl_write_rate(FDCtrl *s, uint32_t value)
{
    if (!(s->dor & FD_DOR_nRESET)) {
        return;
    }
    if (value & FD_DSR_SWRESET) {       /* self-clearing reset */
        s->dor &= ~FD_DOR_nRESET;
        fdctrl_reset(s, 1);
        s->dor |= FD_DOR_nRESET;
    }
    if (value & FD_DSR_PWRDOWN) {
        fdctrl_reset(s, 1);
    }
    s->dsr = value;
}

/* CCR: only the data rate (AT mode), kept in DSR. */
static void fdctrl_write_ccr(FDCtrl *s, uint32_t value)
{
    if (s->dor & FD_DOR_nRESET) {
        s->dsr = (s->dsr & ~FD_DSR_DRATEMASK) | (value & FD_DSR_DRATEMASK);
    }
}

static uint32_t fdctrl_read_dir(FDCtrl *s)
{
    return get_cur_drv(s)->media_changed ? FD_DIR_DSKCHG : 0;
}

/* Result bytes; 0 when the controller has none to give.  QEMU's non-DMA
 * read execution phase needs a medium, so only results are read here. */
static uint32_t fdctrl_read_data(FDCtrl *s)
{
    uint32_t pos;

    get_cur_drv(s);
    s->dsr &= ~FD_DSR_PWRDOWN;
    if (!(s->msr & FD_MSR_RQM) || !(s->msr & FD_MSR_DIO) ||
        s->phase != FD_PHASE_RESULT) {
        return 0;
    }
    pos = s->data_pos % FD_SECTOR_LEN;
    if (++s->data_pos == s->data_len) {
        s->msr &= ~FD_MSR_RQM;
        fdctrl_to_command_phase(s);
        fdctrl_reset_irq(s);
    }
    return s->fifo[pos];
}

/* Command and parameter bytes; the command runs with its last parameter.
 * QEMU's non-DMA write execution phase needs a medium: not reached. */
static void fdctrl_write_data(FDCtrl *s, uint32_t value)
{
    const FDCtrlCommand *cmd;
    uint32_t pos;

    if (!(s->dor & FD_DOR_nRESET) || !(s->msr & FD_MSR_RQM) || (s->msr & FD_MSR_DIO)) {
        return;
    }
    s->dsr &= ~FD_DSR_PWRDOWN;
    pos = s->data_pos++ % FD_SECTOR_LEN;
    s->fifo[pos] = value;
    if (s->data_pos == s->data_len) {
        s->msr &= ~FD_MSR_RQM;
    }
    if (s->phase != FD_PHASE_COMMAND) {
        return;
    }
    if (pos == 0) {
        cmd = get_command(value);
        s->data_len = cmd->parameters + 1;
        if (cmd->parameters) {
            s->msr |= FD_MSR_RQM;
        }
        s->msr |= FD_MSR_CMDBUSY;
    }
    if (s->data_pos == s->data_len) {
        s->phase = FD_PHASE_EXECUTION;
        cmd = get_command(s->fifo[0]);
        cmd->handler(s, cmd->direction);
    }
}

uint32_t fdctrl_read(FDCtrl *s, uint32_t reg)
{
    uint32_t retval;

    reg &= 7;
    switch (reg) {
    case FD_REG_SRA:
        retval = s->sra;
        break;
    case FD_REG_SRB:
        retval = s->srb;
        break;
    case FD_REG_DOR:
        retval = s->dor | s->cur_drv;
        break;
    case FD_REG_TDR:
        retval = s->tdr;
        break;
    case FD_REG_MSR:
        retval = fdctrl_read_main_status(s);
        break;
    case FD_REG_FIFO:
        retval = fdctrl_read_data(s);
        break;
    case FD_REG_DIR:
        retval = fdctrl_read_dir(s);
        break;
    default:
        retval = UINT32_MAX;
        break;
    }
    trace_fdc_ioport_read(reg, retval);
    return retval;
}

void fdctrl_write(FDCtrl *s, uint32_t reg, uint32_t value)
{
    reg &= 7;
    trace_fdc_ioport_write(reg, value);
    switch (reg) {
    case FD_REG_DOR:
        fdctrl_write_dor(s, value);
        break;
    case FD_REG_TDR:
        fdctrl_write_tape(s, value);
        break;
    case FD_REG_DSR:
        fdctrl_write_rate(s, value);
        break;
    case FD_REG_FIFO:
        fdctrl_write_data(s, value);
        break;
    case FD_REG_CCR:
        fdctrl_write_ccr(s, value);
        break;
    default:
        break;
    }
}

/* ---- DMA and READ ID completion -------------------------------------------- */

/*
 * QEMU's fdctrl_transfer_handler.  It does something only while RQM is
 * clear: without a medium that is while READ ID waits, or a DRIVE
 * SPECIFICATION command hangs, and then every byte of the command is
 * already in (data_pos == data_len), so no byte moves and the command
 * ends with a 7-byte result.  QEMU's copy loop, which reads or writes
 * the medium, is therefore never entered; were it, there is no medium:
 * the command ends as QEMU ends it for a drive without a backend.
 */
int fdctrl_transfer_handler(void *opaque, int nchan, int dma_pos, int dma_len)
{
    FDCtrl *s = opaque;
    bool scan = s->data_dir == FD_DIR_SCANE || s->data_dir == FD_DIR_SCANL ||
                s->data_dir == FD_DIR_SCANH;

    (void)nchan;
    (void)dma_pos;
    if (s->msr & FD_MSR_RQM) {
        return 0;               /* not in a DMA transfer */
    }
    get_cur_drv(s);
    if (dma_len > (int)s->data_len) {
        dma_len = s->data_len;
    }
    if (dma_len > 0 && s->data_pos < (uint32_t)dma_len) {
        fdctrl_stop_transfer(s, s->data_dir == FD_DIR_WRITE ?
                             FD_SR0_ABNTERM | FD_SR0_SEEK : FD_SR0_ABNTERM, 0x00, 0x00);
        return 0;
    }
    fdctrl_stop_transfer(s, 0x00, 0x00, scan ? FD_SR2_SEH : 0x00);
    return 0;
}

/* READ ID's end: "the disk spins" (the sector number advances), and the
 * ID is there only if the programmed rate is the medium's. */
static void fdctrl_result_timer(void *opaque)
{
    FDCtrl *s = opaque;
    FDrive *cur_drv = get_cur_drv(s);

    if (cur_drv->last_sect != 0) {
        cur_drv->sect = (cur_drv->sect % cur_drv->last_sect) + 1;
    }
    if ((s->dsr & FD_DSR_DRATEMASK) != cur_drv->media_rate) {
        fdctrl_stop_transfer(s, FD_SR0_ABNTERM, FD_SR1_MA, 0x00);
    } else {
        fdctrl_stop_transfer(s, 0x00, 0x00, 0x00);
    }
}

/* ---- ports (softmmu/ioport.c portio_read/write over fdc_portio_list) ---- */

/* The two port runs of fdc_portio_list (softmmu/ioport.c does QEMU's
 * portio byte splitting). */
static uint32_t fdc_reg_read(void *opaque, uint32_t reg)
{
    return fdctrl_read(opaque, reg);
}

static void fdc_reg_write(void *opaque, uint32_t reg, uint32_t val)
{
    fdctrl_write(opaque, reg, val);
}

static uint64_t fdc_portio_read(FDCtrl *s, unsigned first, unsigned len,
                                hwaddr addr, unsigned size)
{
    return portio_bytes_read(fdc_reg_read, s, first, len, addr, size);
}

static void fdc_portio_write(FDCtrl *s, unsigned first, unsigned len, hwaddr addr,
                             uint64_t data, unsigned size)
{
    portio_bytes_write(fdc_reg_write, s, first, len, addr, data, size);
}

static uint64_t fdc_main_read(void *opaque, hwaddr addr, unsigned size)
{
    return fdc_portio_read(opaque, 1, 5, addr, size);
}

static void fdc_main_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    fdc_portio_write(opaque, 1, 5, addr, data, size);
}

static uint64_t fdc_dir_read(void *opaque, hwaddr addr, unsigned size)
{
    return fdc_portio_read(opaque, 7, 1, addr, size);
}

static void fdc_dir_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    fdc_portio_write(opaque, 7, 1, addr, data, size);
}

const MemoryRegionOps fdctrl_ops[2] = {
    {
        .read = fdc_main_read, .write = fdc_main_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid.unaligned = true, .impl.unaligned = true,
    },
    {
        .read = fdc_dir_read, .write = fdc_dir_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid.unaligned = true, .impl.unaligned = true,
    },
};

/* ---- life cycle ----------------------------------------------------------- */

FDCtrl *fdctrl_new(qemu_irq irq, I8257State *dma, int dma_chann)
{
    FDCtrl *s = g_new0(FDCtrl, 1);

    s->irq = irq;
    s->dma = dma;
    s->dma_chann = dma ? dma_chann : -1;
    if (s->dma_chann != -1) {
        i8257_dma_register_channel(dma, dma_chann, fdctrl_transfer_handler, s);
    }
    s->result_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, fdctrl_result_timer, s);
    s->version = 0x90;                          /* Intel 82078 */
    s->config = FD_CONFIG_EIS | FD_CONFIG_EFIFO;
    for (int i = 0; i < MAX_FD; i++) {
        fd_init(&s->drives[i]);
    }
    return s;
}

void fdctrl_free(FDCtrl *s)
{
    if (s) {
        timer_free(s->result_timer);
        g_free(s);
    }
}
