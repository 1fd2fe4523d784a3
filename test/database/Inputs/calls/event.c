#include <atomic.h>
#include "event.h"

/* Two levels below the producer's call: event_set() -> event_store(). */
static void event_store(struct event *ev, int v) { qatomic_set(&ev->state, v); }

void event_set(struct event *ev) { event_store(ev, 1); }

int event_is_set(struct event *ev) { return qatomic_read(&ev->state); }
