#include <atomic.h>
#include "event.h"

int result;

void produce(struct event *ev, int v) {
  result = v;
  /* Pairs with smp_rmb() in consume(). */
  smp_wmb();
  event_set(ev);
}

/* Counted, then the event set: nobody who sees the event reads the count
   afterwards. Only the call shows what the barrier is followed by. */
int log_count;

void log_event(struct event *ev) {
  log_count++;
  smp_wmb();
  event_set(ev);
}
