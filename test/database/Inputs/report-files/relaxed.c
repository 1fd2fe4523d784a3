#include "flags.h"

/* A wrapper and a relaxed load: the text names operations, the build
 * finds nothing to report. */
int flags_poll(void) { return flags_ready() + qatomic_read(&fl.stop); }
