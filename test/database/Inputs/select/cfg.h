/* A configuration published by one thread and read by another. */
#include <atomic.h>

struct cfg {
  int ready;
  int value;
};

/* A wrapper: a file that uses it performs a store-release without naming
   one. */
#define cfg_publish(c) qatomic_store_release(&(c)->ready, 1)

int cfg_ready(struct cfg *c);
int cfg_raw(struct cfg *c);
int cfg_deepest(struct cfg *c);
void cfg_log(struct cfg *c);
int cfg_size(struct cfg *c);
