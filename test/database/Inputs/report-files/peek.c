#include "flags.h"

/* Relaxed loads only: nothing here can be reported. */
int flags_peek_busy(void) { return qatomic_read(&fl.busy); }
