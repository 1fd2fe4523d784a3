/* Included by src/event.c and src/worker.c: its finding is one finding. */
#ifndef PROJECT_EVENT_H
#define PROJECT_EVENT_H

#include "atomic.h"

struct event {
    int value;
    int waiters;
};

static inline int event_reset(struct event *ev)
{
    qatomic_or(&ev->value, 1);
    return qatomic_read(&ev->waiters);
}

#endif
