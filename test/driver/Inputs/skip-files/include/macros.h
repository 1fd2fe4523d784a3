/* Macros only: an operation in a macro is reported where the macro is
 * used, so including this header is not enough to get a finding. */
#include <atomic.h>

#define PUBLISH(p, v) qatomic_store_release(p, v)
#define PEEK(p) qatomic_load_acquire(p)

int legacy_sync_flag(int *p);
