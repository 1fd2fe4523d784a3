#include "cfg.h"

/* Two levels down from reader(): still followed (CallDepth 2). */
int cfg_raw(struct cfg *c) { return c->ready + cfg_deepest(c); }
