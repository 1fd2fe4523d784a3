#include "cfg.h"

void writer(struct cfg *c, int v) {
  int stamp = v; /* A variable: stamp.c's stamp() is not called. */
  /* Not evaluated: nor is cfg_size(). */
  c->value = stamp + (int)sizeof(cfg_size(c));
  cfg_publish(c);
}
