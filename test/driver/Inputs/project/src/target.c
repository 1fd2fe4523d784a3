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

/* The other thread: it asks for shutdown, then checks for a pending kick. */
int target_request_shutdown(void)
{
    qatomic_xchg(&shutdown_requested, 1);
    smp_mb__after_rmw();
    return qatomic_read(&pending);
}
