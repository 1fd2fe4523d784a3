#include "flags.h"

void flags_count(void) {
  /* Pairs with flags_poll(). */
  qatomic_inc(&fl.count);
  smp_mb__after_rmw();
}
