#include "flags.h"

int pairs_data, pairs_ready;

/* Two barriers that are each other's partner, whatever the rest of the
 * program holds: nothing here can be reported. */
void pairs_publish(int v) {
  pairs_data = v;
  smp_wmb();
  qatomic_set(&pairs_ready, 1);
}

int pairs_consume(void) {
  if (!qatomic_read(&pairs_ready))
    return -1;
  smp_rmb();
  return pairs_data;
}
