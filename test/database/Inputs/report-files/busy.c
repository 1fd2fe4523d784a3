#include "flags.h"

struct flags fl;

/* The other thread of every race below: a write, a full barrier, a load. */
int flags_busy(void) {
  qatomic_set(&fl.busy, 1);
  smp_mb();
  return flags_ready() + qatomic_read(&fl.seen);
}

int flags_stop(void) {
  qatomic_set(&fl.stop, 1);
  smp_mb();
  return qatomic_read(&fl.count);
}
