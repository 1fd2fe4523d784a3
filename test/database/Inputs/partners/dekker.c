#include "shared.h"
int want_a, want_b, turn, lone_flag;
/* One side of a Dekker pair: its store, a full barrier, its load (and no
   store after the barrier: the barrier pairs as neither release nor
   acquire, only with another full barrier). */
int enter_a(void) {
  want_a = 1;
  smp_mb();
  return want_b;
}
/* A full barrier whose load nobody stores before a barrier of its own. */
int lone(void) {
  lone_flag = 1;
  smp_mb();
  return turn;
}
