#include "flush.h"

/* stats.h's stats_publish() calls it after its barrier; no analysed unit
   includes stats.h, so no facts say so: the build reads it from the
   header's text. Without it, the barrier would write nothing after it,
   and go unreported. */
void stats_flush(struct stats *s) { s->flushed = 1; }
