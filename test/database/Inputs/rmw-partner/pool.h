#include <atomic.h>

/* A work pool shared by the files of a program: workers sleep when there
 * is no work, producers wake them. */
struct pool {
  int sleepers; /* Workers about to sleep. */
  int work;     /* Work queued. */
  int urgent;   /* Urgent work queued. */
  int ref;      /* References to the pool. */
};

extern unsigned config_generation;

int pool_has_sleepers(struct pool *p);
void wake_one(struct pool *p);
