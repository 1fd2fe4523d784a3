#include <atomic.h>
#include "event.h"

extern int result;

int consume(struct event *ev) {
  if (!event_is_set(ev))
    return -1;
  smp_rmb(); /* Pairs with smp_wmb() in produce(). */
  return result;
}

/* A comment that names a function of the right kind for the wrong
   variables. */
static int other_flag, other_data;
int stale_reader(void) {
  int v = qatomic_read(&other_flag);
  smp_rmb(); /* Pairs with smp_wmb() in produce(). */
  return v + other_data;
}
