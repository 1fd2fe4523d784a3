/* A header whose own code performs an operation, which no file that
   performs operations includes: only plain.c does. */
#include <atomic.h>
#include "flush.h"

static inline void stats_publish(struct stats *s, int v) {
  s->count = v;
  /* Orders the count before the flag that stats_flush() sets; nothing
     reads them in the other order: reported. */
  smp_wmb();
  stats_flush(s);
}
