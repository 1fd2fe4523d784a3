#include "pool.h"

/* Thread 1: count ourselves as a sleeper, then look for work. */
int worker_idle(struct pool *p) {
  qatomic_inc(&p->sleepers);
  return qatomic_read(&p->work) == 0 && qatomic_read(&p->urgent) == 0;
}

/* A reference, then a configuration read: nothing in the program writes
 * the configuration and then reads the count. */
unsigned pool_get(struct pool *p) {
  qatomic_inc(&p->ref);
  return qatomic_read(&config_generation);
}
