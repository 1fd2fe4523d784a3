#include "shared.h"
/* The other side: stores what enter_a() loads, loads what it stores. */
int enter_b(void) {
  want_b = 1;
  smp_mb();
  return want_a;
}
