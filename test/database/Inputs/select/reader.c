#include "cfg.h"

int reader(struct cfg *c) {
  if (!cfg_ready(c))
    return -1;
  smp_rmb(); /* Pairs with writer(). */
  return c->value;
}
