/*
 * Trace event state and pattern matching (QEMU trace/control.c behaviour).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "softmmu/trace.h"

bool trace_event_state[TRACE_EVENT_COUNT];
__thread int current_cpu_index = -1;

#define TRACE_NAME_(name, proto, fmt, args) #name,
const char *const trace_event_names[TRACE_EVENT_COUNT] = { TRACE_EVENT_LIST(TRACE_NAME_) };
#undef TRACE_NAME_

void trace_list_events(FILE *f)
{
    for (int i = 0; i < TRACE_EVENT_COUNT; i++) {
        fprintf(f, "%s\n", trace_event_names[i]);
    }
}

int trace_enable_events(const char *pattern)
{
    bool on = true;
    int matched = 0;

    if (g_str_equal(pattern, "help")) {
        trace_list_events(stdout);
        return 0;
    }
    if (pattern[0] == '-') {
        on = false;
        pattern++;
    }
    for (int i = 0; i < TRACE_EVENT_COUNT; i++) {
        if (g_pattern_match_simple(pattern, trace_event_names[i])) {
            trace_event_state[i] = on;
            matched++;
        }
    }
    return matched;
}

bool trace_init_events_file(const char *path)
{
    gchar *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return false;
    }
    gchar **lines = g_strsplit(text, "\n", 0);
    for (gchar **l = lines; *l; l++) {
        gchar *s = g_strstrip(*l);
        if (*s && *s != '#') {
            trace_enable_events(s);
        }
    }
    g_strfreev(lines);
    g_free(text);
    return true;
}

void trace_disable_all(void)
{
    memset(trace_event_state, 0, sizeof(trace_event_state));
}
