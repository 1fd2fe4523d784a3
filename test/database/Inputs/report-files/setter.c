#include "flags.h"

/* The RMW meets a load in another file's function: only the database
 * says flags_peek_busy() loads fl.busy. */
int flags_set_ready(void) {
  qatomic_or(&fl.ready, 1);
  return flags_peek_busy();
}
