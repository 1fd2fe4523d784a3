/* Built once per target, as QEMU builds its per-target files. */
#include "atomic.h"

static int pending;
static int shutdown_requested;

int target_kick(void)
{
#ifdef TARGET_ARM
    qatomic_xchg(&pending, 1);
    return qatomic_read(&shutdown_requested);
#else
    return qatomic_xchg(&pending, 1);
#endif
}
