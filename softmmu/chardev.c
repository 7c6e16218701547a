/*
 * Character devices: null, stdio and file backends, with QEMU 7.2's
 * checks and messages (chardev/char.c qemu_chr_new_from_opts and
 * qemu_char_open, char-stdio.c, char-file.c, char-fe.c).
 *
 * Output: descriptors stay blocking; what the guest writes reaches the
 * file or terminal before the write returns.  Input (stdio only): once a
 * front end sets its handlers, a reader thread asks it on the CPU thread
 * (main_loop_call) how much it takes, reads at most that much from stdin
 * and hands it over there, as QEMU's main loop polls stdin only while the
 * front end can receive.  A terminal is switched to QEMU's raw mode
 * (qemu_chr_set_echo_stdio; signals kept, as signal=on) and restored at
 * exit.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>
#include "softmmu/chardev.h"
#include "softmmu/runstate.h"

const char *const chardev_backend_names[] = { "file", "null", "stdio", NULL };

/* Backends QEMU 7.2 (Debian, Linux) has that x86slice does not. */
static const char *const qemu_only_backends[] = {
    "socket", "udp", "msmouse", "wctablet", "memory", "ringbuf", "mux", "pipe",
    "pty", "serial", "tty", "parallel", "parport", "vc", "testdev",
    "qemu-vdagent", "spicevmc", "spiceport", "braille", NULL,
};

static Chardev *chardevs;       /* creation order */
static bool stdio_in_use;       /* char-stdio.c: one stdio chardev at most */

Chardev *qemu_chr_find(const char *id)
{
    for (Chardev *c = chardevs; c; c = c->next) {
        if (g_str_equal(c->label, id)) {
            return c;
        }
    }
    return NULL;
}

static bool str_in(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++) {
        if (g_str_equal(s, list[i])) {
            return true;
        }
    }
    return false;
}

/* open(2) the way QEMU's qemu_open_old/qemu_create report failures. */
static int open_file(const char *path, int flags, const char *action, char **errp)
{
    int fd;

    do {
        fd = open(path, flags | O_CLOEXEC, 0666);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        *errp = g_strdup_printf("Could not %s '%s': %s", action, path, g_strerror(errno));
    }
    return fd;
}

Chardev *qemu_chr_new_from_opts(const ChardevOptions *o, char **errp)
{
    ChardevKind kind;
    int fd_in = -1, fd_out = -1, logfd = -1;

    if (!o->id) {
        *errp = g_strdup("chardev: no id specified");
        return NULL;
    }
    /* qemu_chr_parse_opts, then the backend's parse callback */
    if (!o->backend) {
        *errp = g_strdup_printf("chardev: \"%s\" missing backend", o->id);
        return NULL;
    }
    if (g_str_equal(o->backend, "null")) {
        kind = CHARDEV_NULL;
    } else if (g_str_equal(o->backend, "stdio")) {
        kind = CHARDEV_STDIO;
    } else if (g_str_equal(o->backend, "file")) {
        kind = CHARDEV_FILE;
        if (!o->path) {
            *errp = g_strdup("chardev: file: no filename given");
            return NULL;
        }
    } else if (str_in(o->backend, qemu_only_backends)) {
        *errp = g_strdup_printf("x86slice supports chardev backends file, null and stdio "
                                "only, not '%s'", o->backend);
        return NULL;
    } else {
        *errp = g_strdup_printf("'%s' is not a valid char driver name", o->backend);
        return NULL;
    }
    if (o->mux) {
        *errp = g_strdup("x86slice does not support mux=on");
        return NULL;
    }

    /* qemu_char_open: the log file first, then the backend */
    if (o->logfile) {
        logfd = open_file(o->logfile, O_WRONLY | O_CREAT | (o->logappend ? O_APPEND : O_TRUNC),
                          "create", errp);
        if (logfd < 0) {
            return NULL;
        }
    }
    switch (kind) {
    case CHARDEV_NULL:
        break;
    case CHARDEV_STDIO:
        if (stdio_in_use) {
            *errp = g_strdup("cannot use stdio by multiple character devices");
            goto fail;
        }
        stdio_in_use = true;
        fd_in = 0;
        fd_out = 1;
        break;
    case CHARDEV_FILE:
        fd_out = open_file(o->path, O_WRONLY | O_CREAT | (o->append ? O_APPEND : O_TRUNC),
                           "open", errp);
        if (fd_out < 0) {
            goto fail;
        }
        break;
    }

    Chardev *chr = g_new0(Chardev, 1);
    chr->label = g_strdup(o->id);
    chr->kind = kind;
    chr->fd_in = fd_in;
    chr->fd_out = fd_out;
    chr->logfd = logfd;
    Chardev **tail = &chardevs;
    while (*tail) {
        tail = &(*tail)->next;
    }
    *tail = chr;
    return chr;

fail:
    if (logfd >= 0) {
        close(logfd);
    }
    return NULL;
}

bool qemu_chr_fe_init(Chardev *chr, char **errp)
{
    if (chr->fe_attached) {
        *errp = g_strdup_printf("Device '%s' is in use", chr->label);
        return false;
    }
    chr->fe_attached = true;
    return true;
}

void qemu_chr_fe_deinit(Chardev *chr)
{
    if (chr) {
        chr->fe_attached = false;
    }
}

/* Write all of buf to fd; false on an error other than EINTR. */
static bool write_fully(int fd, const uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        buf += n;
        len -= n;
    }
    return true;
}

int qemu_chr_write_all(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (!chr) {
        return 0;
    }
    if (chr->fd_out >= 0 && !write_fully(chr->fd_out, buf, len)) {
        return -1;
    }
    /* "best effort": errors writing the log are ignored, as in QEMU */
    if (chr->logfd >= 0) {
        write_fully(chr->logfd, buf, len);
    }
    return (int)len;
}

/* ---- input ------------------------------------------------------------------- */

/* The reader thread's own copy of what it needs: the chardev itself may be
 * deleted at exit while the thread still waits in read(). */
typedef struct ChrInput {
    int fd;
    IOCanReadHandler *can_read;
    IOReadHandler *read;
    void *opaque;
    uint8_t buf[256];
    int len, can;               /* pending bytes; what the front end takes */
} ChrInput;

/* qemu_chr_fe_accept_input wakes a reader that found the front end full. */
static pthread_mutex_t accept_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t accept_cond = PTHREAD_COND_INITIALIZER;
static unsigned accept_seq;

void qemu_chr_fe_accept_input(Chardev *chr)
{
    (void)chr;
    pthread_mutex_lock(&accept_lock);
    accept_seq++;
    pthread_cond_broadcast(&accept_cond);
    pthread_mutex_unlock(&accept_lock);
}

/* Until the front end took input (or 10 ms, in case it never says). */
static void wait_accept(unsigned seen)
{
    gint64 end = g_get_monotonic_time() + 10000;
    struct timespec ts;

    pthread_mutex_lock(&accept_lock);
    while (accept_seq == seen) {
        gint64 now = g_get_monotonic_time();

        if (now >= end) {
            break;
        }
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += (long)(end - now) * 1000;
        ts.tv_sec += ts.tv_nsec / 1000000000;
        ts.tv_nsec %= 1000000000;
        pthread_cond_timedwait(&accept_cond, &accept_lock, &ts);
    }
    pthread_mutex_unlock(&accept_lock);
}

static unsigned accept_count(void)
{
    unsigned v;

    pthread_mutex_lock(&accept_lock);
    v = accept_seq;
    pthread_mutex_unlock(&accept_lock);
    return v;
}

static void input_can_read(void *opaque)
{
    ChrInput *in = opaque;

    in->can = in->can_read(in->opaque);
}

/* Hand over what the front end takes now; the rest waits. */
static void input_deliver(void *opaque)
{
    ChrInput *in = opaque;
    int n = MIN(in->len, in->can_read(in->opaque));

    if (n > 0) {
        in->read(in->opaque, in->buf, n);
        memmove(in->buf, in->buf + n, in->len - n);
        in->len -= n;
    }
}

static void *input_thread(void *opaque)
{
    ChrInput *in = opaque;

    for (;;) {
        unsigned seen = accept_count();

        if (in->len == 0) {
            if (!main_loop_call(input_can_read, in)) {
                break;
            }
            if (in->can <= 0) {
                wait_accept(seen);  /* QEMU polls again on accept_input */
                continue;
            }
            ssize_t n = read(in->fd, in->buf, MIN((size_t)in->can, sizeof(in->buf)));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                break;              /* end of input: nothing more, as QEMU */
            }
            in->len = (int)n;
        }
        if (!main_loop_call(input_deliver, in)) {
            break;
        }
        if (in->len) {
            wait_accept(seen);
        }
    }
    return NULL;
}

static struct termios saved_tty;

static void restore_tty(void)
{
    tcsetattr(0, TCSANOW, &saved_tty);
}

/* qemu_chr_set_echo_stdio(chr, false) with signal=on. */
static void stdio_raw(void)
{
    static bool done;
    struct termios tty;

    if (done || !isatty(0) || tcgetattr(0, &saved_tty) < 0) {
        return;
    }
    done = true;
    tty = saved_tty;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &tty);
    atexit(restore_tty);
}

void qemu_chr_fe_set_handlers(Chardev *chr, IOCanReadHandler *can_read, IOReadHandler *read,
                              void *opaque)
{
    ChrInput *in;
    pthread_t t;

    if (!chr || chr->fd_in < 0 || chr->input_started) {
        return;
    }
    chr->input_started = true;
    stdio_raw();
    in = g_new0(ChrInput, 1);       /* the thread's for good */
    *in = (ChrInput){ .fd = chr->fd_in, .can_read = can_read, .read = read,
                      .opaque = opaque };
    if (pthread_create(&t, NULL, input_thread, in) == 0) {
        pthread_detach(t);
    }
}

void qemu_chr_delete(Chardev *chr)
{
    Chardev **p = &chardevs;

    while (*p && *p != chr) {
        p = &(*p)->next;
    }
    if (!*p) {
        return;
    }
    *p = chr->next;
    if (chr->kind == CHARDEV_STDIO) {
        stdio_in_use = false;
    } else if (chr->fd_out >= 0) {
        close(chr->fd_out);
    }
    if (chr->logfd >= 0) {
        close(chr->logfd);
    }
    g_free(chr->label);
    g_free(chr);
}

void qemu_chr_cleanup(void)
{
    while (chardevs) {
        qemu_chr_delete(chardevs);
    }
}
