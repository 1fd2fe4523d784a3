#include "cfg.h"

/* Three levels down: beyond CallDepth, left out. */
int cfg_deepest(struct cfg *c) { return c->value - c->value; }
