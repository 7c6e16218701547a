/*
 * Trace events in QEMU's log-backend format.  Each event is a flag byte and
 * an inline emitter: when the event is off, the cost is one load and one
 * predicted branch.  The event list is softmmu/trace-events.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_TRACE_H
#define SOFTMMU_TRACE_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include "softmmu/log.h"
#include "softmmu/trace-events.h"

#define TRACE_ID_(name, proto, fmt, args) TRACE_ID_##name,
enum { TRACE_EVENT_LIST(TRACE_ID_) TRACE_EVENT_COUNT };
#undef TRACE_ID_

extern bool trace_event_state[TRACE_EVENT_COUNT];
extern const char *const trace_event_names[TRACE_EVENT_COUNT];

/* The CPU running on this thread, -1 outside a CPU (QEMU's get_cpu_index). */
extern __thread int current_cpu_index;

#define TRACE_UNPAREN_(...) __VA_ARGS__
#define TRACE_EMITTER_(name, proto, fmt, args)                                  \
    static inline bool trace_##name##_enabled(void)                             \
    {                                                                           \
        return G_UNLIKELY(trace_event_state[TRACE_ID_##name]);                  \
    }                                                                           \
    static inline void trace_##name proto                                       \
    {                                                                           \
        if (trace_##name##_enabled()) {                                         \
            qemu_log(#name " " fmt "\n", TRACE_UNPAREN_ args);                  \
        }                                                                       \
    }
TRACE_EVENT_LIST(TRACE_EMITTER_)
#undef TRACE_EMITTER_

/* Enable (or, with a leading '-', disable) every event matching the glob.
 * "help" prints the list.  Returns the number of events matched. */
int trace_enable_events(const char *pattern);
/* -trace events=FILE: one pattern per line, '#' comments.  False if unreadable. */
bool trace_init_events_file(const char *path);
void trace_disable_all(void);
void trace_list_events(FILE *f);

#endif
