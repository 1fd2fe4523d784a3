#include "event.h"

/* Returns with the RMW not yet followed by a full barrier: its callers, in
 * other files, load 'ready' and 'cancelled' next. */
void event_reset(struct event *ev) {
  if (qatomic_read(&ev->value) == EV_SET) {
    qatomic_or(&ev->value, EV_FREE);
  }
}

/* A reference count taken and returned: the callers' loads after it race
 * with nothing (no thread writes what they load and then reads 'users'). */
unsigned event_get(struct event *ev) {
  return qatomic_fetch_inc(&ev->users);
}

/* The other thread: publish, then (after a full barrier) look at the
 * event. */
void event_publish(struct event *ev) {
  qatomic_set(&ev->ready, 1);
  smp_mb();
  if (qatomic_read(&ev->value) != EV_SET) {
    qatomic_set(&ev->value, EV_SET);
  }
}
