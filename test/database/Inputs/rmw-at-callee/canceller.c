#include "event.h"

void event_cancel(struct event *ev) {
  qatomic_set(&ev->cancelled, 1);
  smp_mb();
  if (qatomic_read(&ev->value) != EV_SET) {
    qatomic_set(&ev->value, EV_SET);
  }
}

static int check_ready(struct event *ev) {
  return qatomic_read(&ev->ready);
}

int canceller_wait(struct event *ev) {
  event_reset(ev);
  return check_ready(ev);
}

int canceller_idle(struct event *ev) {
  event_reset(ev);
  return qatomic_read(&ev->cancelled) || qatomic_read(&ev->ready);
}
