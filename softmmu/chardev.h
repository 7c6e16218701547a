/*
 * Character devices: the -chardev backends x86slice has (null, stdio,
 * file), after QEMU 7.2's chardev/char.c, char-stdio.c, char-file.c.
 *
 * A Chardev is created from a ChardevOptions (what -chardev said, already
 * parsed and type-checked by softmmu/vl.c) and found again by its id.  A
 * device front end claims it with qemu_chr_fe_init (one front end per
 * chardev, as in QEMU without mux) and writes with qemu_chr_write_all.
 * Output goes out with write(2), unbuffered: it is on the file or the
 * terminal before the process can exit (isa-debug-exit calls exit()).
 *
 * Errors are returned as QEMU's message text in *errp (g_free it), for
 * the caller to print with the option's location.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_CHARDEV_H
#define SOFTMMU_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ChardevKind {
    CHARDEV_NULL,
    CHARDEV_STDIO,
    CHARDEV_FILE,
} ChardevKind;

/* The -chardev options x86slice acts on (QEMU's ChardevBackend, reduced). */
typedef struct ChardevOptions {
    const char *id;             /* NULL: "chardev: no id specified" */
    const char *backend;        /* NULL: "chardev: \"ID\" missing backend" */
    const char *path;           /* file: the output file */
    bool append;                /* file: O_APPEND instead of O_TRUNC */
    const char *logfile;        /* every backend: a copy of the output */
    bool logappend;
    bool mux;                   /* not supported: refused */
} ChardevOptions;

typedef struct Chardev {
    char *label;                /* the id */
    ChardevKind kind;
    int fd_in, fd_out;          /* -1 when absent */
    int logfd;                  /* -1 without logfile= */
    bool fe_attached;           /* a front end holds it (QEMU's chr->be) */
    bool input_started;         /* its reader thread runs (stdio) */
    struct Chardev *next;
} Chardev;

/* qemu_chr_new_from_opts: open the backend and register the chardev.
 * NULL with *errp set on error (QEMU's messages: "chardev: no id
 * specified", "'foo' is not a valid char driver name", "chardev: file: no
 * filename given", "Could not open 'PATH': ...", "cannot use stdio by
 * multiple character devices", ...). */
Chardev *qemu_chr_new_from_opts(const ChardevOptions *opts, char **errp);

/* The chardev with that id, or NULL. */
Chardev *qemu_chr_find(const char *id);

/* Attach a front end (qemu_chr_fe_init): false with QEMU's "Device 'ID' is
 * in use" when another front end has it. */
bool qemu_chr_fe_init(Chardev *chr, char **errp);
void qemu_chr_fe_deinit(Chardev *chr);

/* Write everything (retrying short writes and EINTR), then copy it to the
 * logfile.  Returns len, or -1 on a write error.  NULL chr: 0, as QEMU's
 * qemu_chr_fe_write_all without a backend. */
int qemu_chr_write_all(Chardev *chr, const uint8_t *buf, size_t len);

/* The front end's input side (qemu_chr_fe_set_handlers): how many bytes
 * it takes now, and the bytes.  Both run on the CPU thread, between
 * blocks.  Only stdio has input; the handlers stay until the process
 * ends. */
typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
void qemu_chr_fe_set_handlers(Chardev *chr, IOCanReadHandler *can_read, IOReadHandler *read,
                              void *opaque);

/* The front end can take input again (it read some). */
void qemu_chr_fe_accept_input(Chardev *chr);

/* Close and forget one chardev, or all of them. */
void qemu_chr_delete(Chardev *chr);
void qemu_chr_cleanup(void);

/* The backend names x86slice implements, NULL-terminated. */
extern const char *const chardev_backend_names[];

#endif
