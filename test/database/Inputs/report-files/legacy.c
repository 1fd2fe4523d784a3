#include "flags.h"

int flags_legacy(void) { return qatomic_mb_read(&fl.ready); }
