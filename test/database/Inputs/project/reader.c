#include "shared.h"
int consume(void) {
  if (!qatomic_read(&the_ring.head))
    return -1;
  smp_rmb();
  return the_ring.data[0];
}
