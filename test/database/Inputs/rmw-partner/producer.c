#include "pool.h"

/* Thread 2: queue work, then (after a full barrier) look for sleepers. */
void pool_add_work(struct pool *p) {
  qatomic_set(&p->work, 1);
  smp_mb();
  if (qatomic_read(&p->sleepers))
    wake_one(p);
}

/* The same for urgent work, with the look in a helper of a third file. */
void pool_add_urgent(struct pool *p) {
  qatomic_set(&p->urgent, 1);
  smp_mb();
  if (pool_has_sleepers(p))
    wake_one(p);
}

void pool_reconfigure(void) {
  qatomic_set(&config_generation, config_generation + 1);
  smp_mb();
}
