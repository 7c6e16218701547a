/*
 * 16550A UART, after QEMU 7.2's hw/char/serial.c (the UART core) and
 * hw/char/serial-isa.c (the ISA port/IRQ table).  Register semantics,
 * reset values, interrupt priorities and timing are QEMU's, including its
 * departures from the datasheet, which the comments point out.
 *
 * Not modelled, because no x86slice chardev can observe them: the modem
 * status lines of a host tty (QEMU polls them only when the backend
 * answers CHR_IOCTL_SERIAL_GET_TIOCM; file/stdio/null do not, so QEMU's
 * poll_msl is -1 and MSR is constant outside loopback), line parameters
 * and break pushed to a host tty, and transmit back-pressure (QEMU retries
 * a byte the backend refuses with EAGAIN; our chardevs write it all).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "hw/char/serial.h"
#include "softmmu/trace.h"

/* Register bits (16550A datasheet; Linux serial_reg.h names). */
#define UART_LCR_DLAB       0x80    /* divisor latch access */
#define UART_LCR_PARITY     0x08    /* parity enable */
#define UART_LCR_EPAR       0x10    /* even parity */
#define UART_LCR_STOP       0x04    /* 2 stop bits (1.5 with 5 data bits) */
#define UART_LCR_WLEN       0x03    /* word length - 5 */

#define UART_IER_MSI        0x08
#define UART_IER_RLSI       0x04
#define UART_IER_THRI       0x02
#define UART_IER_RDI        0x01

#define UART_IIR_NO_INT     0x01
#define UART_IIR_ID         0x06
#define UART_IIR_MSI        0x00
#define UART_IIR_THRI       0x02
#define UART_IIR_RDI        0x04
#define UART_IIR_RLSI       0x06
#define UART_IIR_CTI        0x0c    /* character timeout */
#define UART_IIR_FE         0xc0    /* FIFOs enabled */

#define UART_MCR_LOOP       0x10
#define UART_MCR_OUT2       0x08
#define UART_MCR_OUT1       0x04
#define UART_MCR_RTS        0x02
#define UART_MCR_DTR        0x01

#define UART_MSR_DCD        0x80
#define UART_MSR_RI         0x40
#define UART_MSR_DSR        0x20
#define UART_MSR_CTS        0x10
#define UART_MSR_ANY_DELTA  0x0f

#define UART_LSR_TEMT       0x40
#define UART_LSR_THRE       0x20
#define UART_LSR_BI         0x10
#define UART_LSR_OE         0x02
#define UART_LSR_DR         0x01
#define UART_LSR_INT_ANY    0x1e    /* BI, FE, PE, OE: line status interrupt */

#define UART_FCR_ITL        0xc0    /* RX trigger level: 1, 4, 8, 14 bytes */
#define UART_FCR_XFR        0x04    /* clear TX FIFO */
#define UART_FCR_RFR        0x02    /* clear RX FIFO */
#define UART_FCR_FE         0x01    /* FIFO enable */
#define UART_FCR_STICKY     0xc9    /* ITL, DMA mode and FE are kept */

const uint32_t serial_isa_io[MAX_ISA_SERIAL_PORTS] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
const uint32_t serial_isa_irq[MAX_ISA_SERIAL_PORTS] = { 4, 3, 4, 3 };

/* ---- FIFO (QEMU's Fifo8) ------------------------------------------------- */

static bool fifo_is_full(const SerialFifo *f)
{
    return f->num == UART_FIFO_LENGTH;
}

static void fifo_reset(SerialFifo *f)
{
    f->head = 0;
    f->num = 0;
}

/* Callers check for room first; a full FIFO drops the byte. */
static void fifo_push(SerialFifo *f, uint8_t b)
{
    if (!fifo_is_full(f)) {
        f->data[(f->head + f->num) % UART_FIFO_LENGTH] = b;
        f->num++;
    }
}

/* Callers check for data first; an empty FIFO reads 0. */
static uint8_t fifo_pop(SerialFifo *f)
{
    uint8_t b;

    if (!f->num) {
        return 0;
    }
    b = f->data[f->head];
    f->head = (f->head + 1) % UART_FIFO_LENGTH;
    f->num--;
    return b;
}

/* ---- interrupts and line parameters -------------------------------------- */

/* Receive overruns do not overwrite FIFO contents; the byte is lost. */
static void recv_fifo_put(SerialState *s, uint8_t b)
{
    if (fifo_is_full(&s->recv_fifo)) {
        s->lsr |= UART_LSR_OE;
    } else {
        fifo_push(&s->recv_fifo, b);
    }
}

/* The highest-priority pending source, per the 16550A's IIR table.  QEMU
 * lets IER.RDI mask the character timeout too (not in the datasheet, but
 * what hardware does), and applies no OUT2 gating: the line follows IIR. */
static uint8_t serial_pending_iir(const SerialState *s)
{
    if ((s->ier & UART_IER_RLSI) && (s->lsr & UART_LSR_INT_ANY)) {
        return UART_IIR_RLSI;
    }
    if ((s->ier & UART_IER_RDI) && s->timeout_ipending) {
        return UART_IIR_CTI;
    }
    if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR) &&
        (!(s->fcr & UART_FCR_FE) || s->recv_fifo.num >= s->recv_fifo_itl)) {
        return UART_IIR_RDI;
    }
    if ((s->ier & UART_IER_THRI) && s->thr_ipending) {
        return UART_IIR_THRI;
    }
    if ((s->ier & UART_IER_MSI) && (s->msr & UART_MSR_ANY_DELTA)) {
        return UART_IIR_MSI;
    }
    return UART_IIR_NO_INT;
}

/* Recompute IIR's low nibble (the FIFO bits stay) and drive the line; the
 * line is set on every call, as QEMU does, whether or not it changed. */
static void serial_update_irq(SerialState *s)
{
    uint8_t id = serial_pending_iir(s);

    s->iir = id | (s->iir & 0xf0);
    qemu_set_irq(s->irq, id != UART_IIR_NO_INT);
}

/* Baud rate and frame from LCR and the divisor.  QEMU computes in float
 * (speed, and the frame time from it), so the truncated results below are
 * the same as its. */
static void serial_update_parameters(SerialState *s)
{
    int frame_size = 1;         /* start bit */
    int data_bits = (s->lcr & UART_LCR_WLEN) + 5;
    int stop_bits = (s->lcr & UART_LCR_STOP) ? 2 : 1;
    char parity = 'N';
    float speed;

    if (s->lcr & UART_LCR_PARITY) {
        frame_size++;
        parity = (s->lcr & UART_LCR_EPAR) ? 'E' : 'O';
    }
    frame_size += data_bits + stop_bits;
    /* QEMU: a zero divisor gives about 3500 baud. */
    speed = s->divider ? (float)s->baudbase / s->divider : 3500;
    s->char_transmit_time = (NANOSECONDS_PER_SECOND / speed) * frame_size;
    trace_serial_update_parameters(speed, parity, data_bits, stop_bits);
}

static void serial_arm_fifo_timeout(SerialState *s)
{
    /* 16550A: a character timeout after four character times without
     * RBR reads or new characters. */
    timer_mod(s->fifo_timeout_timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + s->char_transmit_time * 4);
}

static void serial_fifo_timeout(void *opaque)
{
    SerialState *s = opaque;

    if (s->recv_fifo.num) {
        s->timeout_ipending = 1;
        serial_update_irq(s);
    }
}

/* ---- receive ----------------------------------------------------------- */

int serial_can_receive(SerialState *s)
{
    if (!(s->fcr & UART_FCR_FE)) {
        return !(s->lsr & UART_LSR_DR);
    }
    if (s->recv_fifo.num >= UART_FIFO_LENGTH) {
        return 0;
    }
    /* QEMU advertises only up to the trigger level (1 byte past it), so
     * that the guest sees the interrupt at the level it asked for rather
     * than a FIFO filled in one go. */
    if (s->recv_fifo.num <= s->recv_fifo_itl) {
        return s->recv_fifo_itl - s->recv_fifo.num;
    }
    return 1;
}

void serial_receive(SerialState *s, const uint8_t *buf, int size)
{
    if (size <= 0) {
        return;
    }
    if (s->fcr & UART_FCR_FE) {
        for (int i = 0; i < size; i++) {
            recv_fifo_put(s, buf[i]);
        }
        s->lsr |= UART_LSR_DR;
        serial_arm_fifo_timeout(s);
    } else {
        /* QEMU keeps only buf[0] in non-FIFO mode (its chardev layer never
         * offers more than serial_can_receive allows, i.e. 1). */
        if (s->lsr & UART_LSR_DR) {
            s->lsr |= UART_LSR_OE;
        }
        s->rbr = buf[0];
        s->lsr |= UART_LSR_DR;
    }
    serial_update_irq(s);
}

void serial_receive_break(SerialState *s)
{
    /* QEMU pushes a NUL into the RX FIFO whatever FCR says. */
    s->rbr = 0;
    recv_fifo_put(s, 0);
    s->lsr |= UART_LSR_BI | UART_LSR_DR;
    serial_update_irq(s);
}

/* ---- transmit ------------------------------------------------------------ */

/* Move the next byte into TSR; true when THR/the TX FIFO is now empty. */
static bool serial_load_tsr(SerialState *s)
{
    if (s->fcr & UART_FCR_FE) {
        s->tsr = fifo_pop(&s->xmit_fifo);
        return s->xmit_fifo.num == 0;
    }
    s->tsr = s->thr;
    return true;
}

/* Send everything pending, at once (QEMU's serial_xmit without the
 * EAGAIN retry): THRE and the THRI latch come up as the last byte moves to
 * TSR, TEMT once it is out.  In loopback the byte is received instead. */
static void serial_xmit(SerialState *s)
{
    do {
        if (serial_load_tsr(s)) {
            s->lsr |= UART_LSR_THRE;
        }
        if ((s->lsr & UART_LSR_THRE) && !s->thr_ipending) {
            s->thr_ipending = 1;
            serial_update_irq(s);
        }
        if (s->mcr & UART_MCR_LOOP) {
            serial_receive(s, &s->tsr, 1);
        } else {
            /* A failed write loses the byte, as QEMU does once its
             * retries are exhausted. */
            qemu_chr_write_all(s->chr, &s->tsr, 1);
        }
    } while (!(s->lsr & UART_LSR_THRE));
    s->lsr |= UART_LSR_TEMT;
}

/* ---- register writes -------------------------------------------------------- */

static void serial_write_divisor(SerialState *s, unsigned reg, uint8_t val)
{
    unsigned shift = 8 * reg;

    s->divider = (s->divider & ~(0xff << shift)) | (val << shift);
    serial_update_parameters(s);
}

static void serial_write_thr(SerialState *s, uint8_t val)
{
    s->thr = val;
    if (s->fcr & UART_FCR_FE) {
        /* TX overruns overwrite the oldest byte. */
        if (fifo_is_full(&s->xmit_fifo)) {
            fifo_pop(&s->xmit_fifo);
        }
        fifo_push(&s->xmit_fifo, val);
    }
    s->thr_ipending = 0;
    s->lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
    serial_update_irq(s);
    serial_xmit(s);
}

static void serial_write_ier(SerialState *s, uint8_t val)
{
    uint8_t changed = (s->ier ^ val) & 0x0f;

    s->ier = val & 0x0f;
    /* QEMU: enabling THRI raises the interrupt when THRE is set, even if
     * an IIR read had cleared it (not in the datasheet; Windows relies on
     * it).  Only on the 0 -> 1 edge, as Bochs does. */
    if (changed & UART_IER_THRI) {
        s->thr_ipending = (s->ier & UART_IER_THRI) && (s->lsr & UART_LSR_THRE);
    }
    if (changed) {
        serial_update_irq(s);
    }
}

static uint8_t fcr_trigger_level(uint8_t fcr)
{
    static const uint8_t itl[4] = { 1, 4, 8, 14 };

    return itl[(fcr & UART_FCR_ITL) >> 6];
}

static void serial_write_fcr(SerialState *s, uint8_t val)
{
    /* Toggling FIFO enable flushes both FIFOs (datasheet). */
    if ((val ^ s->fcr) & UART_FCR_FE) {
        val |= UART_FCR_XFR | UART_FCR_RFR;
    }
    if (val & UART_FCR_RFR) {
        s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
        timer_del(s->fifo_timeout_timer);
        s->timeout_ipending = 0;
        fifo_reset(&s->recv_fifo);
    }
    if (val & UART_FCR_XFR) {
        /* QEMU sets THRE and the THRI latch (not TEMT). */
        s->lsr |= UART_LSR_THRE;
        s->thr_ipending = 1;
        fifo_reset(&s->xmit_fifo);
    }
    s->fcr = val & UART_FCR_STICKY;
    if (s->fcr & UART_FCR_FE) {
        s->iir |= UART_IIR_FE;
        s->recv_fifo_itl = fcr_trigger_level(s->fcr);
    } else {
        s->iir &= ~UART_IIR_FE;
    }
    serial_update_irq(s);
}

static void serial_ioport_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    SerialState *s = opaque;
    unsigned reg = addr & 7;    /* the region is 8 bytes; never trust more */
    bool dlab = s->lcr & UART_LCR_DLAB;

    (void)size;
    val &= 0xff;
    trace_serial_write(reg, val);
    switch (reg) {
    case 0:
    case 1:
        if (dlab) {
            serial_write_divisor(s, reg, val);
        } else if (reg == 0) {
            serial_write_thr(s, val);
        } else {
            serial_write_ier(s, val);
        }
        break;
    case 2:
        serial_write_fcr(s, val);
        break;
    case 3:
        /* QEMU also passes the break bit (6) to a tty backend: none here. */
        s->lcr = val;
        serial_update_parameters(s);
        break;
    case 4:
        /* QEMU forwards RTS/DTR to a tty backend: none here. */
        s->mcr = val & 0x1f;
        break;
    case 7:
        s->scr = val;
        break;
    default:
        break;                  /* LSR and MSR are read-only */
    }
}

/* ---- register reads ------------------------------------------------------- */

static uint8_t serial_read_rbr(SerialState *s)
{
    uint8_t ret;

    if (s->fcr & UART_FCR_FE) {
        ret = fifo_pop(&s->recv_fifo);      /* 0 when empty */
        if (s->recv_fifo.num == 0) {
            s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
        } else {
            serial_arm_fifo_timeout(s);
        }
        s->timeout_ipending = 0;
    } else {
        ret = s->rbr;
        s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
    }
    serial_update_irq(s);
    /* so that the backend offers more input */
    if (!(s->mcr & UART_MCR_LOOP)) {
        qemu_chr_fe_accept_input(s->chr);
    }
    return ret;
}

static uint8_t serial_read_iir(SerialState *s)
{
    uint8_t ret = s->iir;

    if ((ret & UART_IIR_ID) == UART_IIR_THRI) {
        s->thr_ipending = 0;
        serial_update_irq(s);
    }
    return ret;
}

static uint8_t serial_read_lsr(SerialState *s)
{
    uint8_t ret = s->lsr;

    /* Reading LSR clears the break and overrun indications. */
    if (s->lsr & (UART_LSR_BI | UART_LSR_OE)) {
        s->lsr &= ~(UART_LSR_BI | UART_LSR_OE);
        serial_update_irq(s);
    }
    return ret;
}

static uint8_t serial_read_msr(SerialState *s)
{
    uint8_t ret;

    if (s->mcr & UART_MCR_LOOP) {
        /* Loopback: OUT2 -> DCD, OUT1 -> RI, RTS -> CTS, DTR -> DSR. */
        ret = (s->mcr & (UART_MCR_OUT2 | UART_MCR_OUT1)) << 4;
        ret |= (s->mcr & UART_MCR_RTS) << 3;
        ret |= (s->mcr & UART_MCR_DTR) << 5;
        return ret;
    }
    ret = s->msr;
    /* Reading MSR clears the delta bits. */
    if (s->msr & UART_MSR_ANY_DELTA) {
        s->msr &= 0xf0;
        serial_update_irq(s);
    }
    return ret;
}

static uint8_t serial_read_reg(SerialState *s, unsigned reg)
{
    bool dlab = s->lcr & UART_LCR_DLAB;

    switch (reg) {
    case 0:
        return dlab ? s->divider & 0xff : serial_read_rbr(s);
    case 1:
        return dlab ? s->divider >> 8 : s->ier;
    case 2:
        return serial_read_iir(s);
    case 3:
        return s->lcr;
    case 4:
        return s->mcr;
    case 5:
        return serial_read_lsr(s);
    case 6:
        return serial_read_msr(s);
    default:
        return s->scr;
    }
}

static uint64_t serial_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialState *s = opaque;
    unsigned reg = addr & 7;
    uint8_t ret = serial_read_reg(s, reg);

    (void)size;
    trace_serial_read(reg, ret);
    return ret;
}

const MemoryRegionOps serial_io_ops = {
    .read = serial_ioport_read,
    .write = serial_ioport_write,
    .valid.unaligned = true,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- life cycle ------------------------------------------------------------- */

void serial_reset(SerialState *s)
{
    s->rbr = 0;
    s->ier = 0;
    s->iir = UART_IIR_NO_INT;
    s->lcr = 0;
    s->lsr = UART_LSR_TEMT | UART_LSR_THRE;
    s->msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    s->divider = 0x0c;          /* 9600 baud, 8N1 */
    s->mcr = UART_MCR_OUT2;
    s->scr = 0;
    /* QEMU's integer formula here, not serial_update_parameters' float
     * one (1041660 ns rather than 1041666); no trace event either. */
    s->char_transmit_time = (NANOSECONDS_PER_SECOND / 9600) * 10;
    s->timeout_ipending = 0;
    timer_del(s->fifo_timeout_timer);
    fifo_reset(&s->recv_fifo);
    fifo_reset(&s->xmit_fifo);
    s->thr_ipending = 0;
    qemu_irq_lower(s->irq);
}

static int serial_can_receive_cb(void *opaque)
{
    return serial_can_receive(opaque);
}

static void serial_receive_cb(void *opaque, const uint8_t *buf, int size)
{
    serial_receive(opaque, buf, size);
}

SerialState *serial_new(Chardev *chr, qemu_irq irq)
{
    SerialState *s = g_new0(SerialState, 1);

    s->chr = chr;
    s->irq = irq;
    s->baudbase = SERIAL_DEFAULT_BAUDBASE;
    s->fifo_timeout_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, serial_fifo_timeout, s);
    serial_reset(s);
    qemu_chr_fe_set_handlers(chr, serial_can_receive_cb, serial_receive_cb, s);
    return s;
}

void serial_isa_map(SerialState *s, MemoryRegion *io_space, uint32_t iobase, void *owner)
{
    memory_region_init_io(&s->io, owner, &serial_io_ops, s, TYPE_SERIAL, 8);
    memory_region_add_subregion(io_space, iobase, &s->io);
    s->io_space = io_space;
}

void serial_free(SerialState *s)
{
    if (!s) {
        return;
    }
    if (s->io_space) {
        memory_region_del_subregion(s->io_space, &s->io);
        memory_region_finalize(&s->io);
    }
    timer_free(s->fifo_timeout_timer);
    qemu_chr_fe_deinit(s->chr);
    g_free(s);
}

void serial_set_frequency(SerialState *s, uint32_t frequency)
{
    s->baudbase = frequency;
    serial_update_parameters(s);
}
