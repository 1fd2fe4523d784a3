#include "shared.h"
/* Named through a macro, as QEMU names its configuration headers: only the
   compiler knows this unit reads it. */
#define READER_SETTINGS "settings.h"
#include READER_SETTINGS
int peek(void) {
  return qatomic_read(&ready) ? payload : POLL_DEFAULT;
}
int wait_ready(void) {
  return qatomic_mb_read(&payload);
}
