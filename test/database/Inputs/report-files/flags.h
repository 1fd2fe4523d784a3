#ifndef FLAGS_H
#define FLAGS_H
#include "atomic.h"

struct flags {
  int ready, busy, count, stop, seen;
};
extern struct flags fl;

/* A wrapper: the files that call it name an operation, but it only reads. */
static inline int flags_ready(void) { return qatomic_read(&fl.ready); }

/* The header's own finding: its RMW and its load meet in it. */
static inline int flags_claim(void) {
  qatomic_inc(&fl.count);
  return qatomic_read(&fl.stop);
}

int flags_peek_busy(void);
int flags_grab(void);
#endif
