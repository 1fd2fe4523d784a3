#include "cfg.h"

/* reader() calls it on a path that does not meet its barrier: left out.
   Named in the text of reader()'s body, which performs an operation. */
void cfg_log(struct cfg *c) { c->value = -1; }
