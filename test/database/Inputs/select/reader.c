#include "cfg.h"

int reader(struct cfg *c) {
  if (!cfg_ready(c)) {
    cfg_log(c); /* On the way out only: neither before nor after the barrier. */
    return -1;
  }
  smp_rmb(); /* Pairs with writer(). */
  return c->value;
}
