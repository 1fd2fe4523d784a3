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

/* The waiter's side: it says that it waits, then looks at the value. */
static inline int event_prepare_wait(struct event *ev)
{
    qatomic_set(&ev->waiters, 1);
    smp_mb();
    return qatomic_read(&ev->value);
}

#endif
