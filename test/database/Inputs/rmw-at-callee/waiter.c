#include "event.h"

int waiter_should_sleep(struct event *ev) {
  event_reset(ev);
  return !qatomic_read(&ev->ready);
}

int waiter_poll(struct event *ev) {
  event_reset(ev);
  if (qatomic_read(&ev->ready)) {
    return 1;
  }
  return 0;
}

unsigned waiter_config;

unsigned waiter_register(struct event *ev) {
  event_get(ev);
  return qatomic_read(&waiter_config);
}
