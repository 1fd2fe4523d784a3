#include "flags.h"

/* The load after flags_grab()'s RMW: reported at the RMW, in grab.c. */
int flags_use(void) {
  flags_grab();
  return qatomic_read(&fl.busy);
}
