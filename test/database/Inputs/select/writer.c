#include "cfg.h"

void writer(struct cfg *c, int v) {
  c->value = v;
  cfg_publish(c);
}
