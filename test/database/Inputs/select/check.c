#include "cfg.h"

/* No ordering operation: analysed because reader() calls this function
   right before its barrier (one level down). */
int cfg_ready(struct cfg *c) { return cfg_raw(c); }
