#include "flags.h"

/* Returns with its RMW pending: its callers in other files load after it,
 * and the finding is reported here. */
int flags_grab(void) { return qatomic_fetch_inc(&fl.seen); }
