#include "atomic.h"

static int counter;
static int stop;

int example_count(void)
{
    qatomic_fetch_add(&counter, 1);
    smp_mb__after_rmw();
    return qatomic_read(&stop);
}

/* The other thread: both sides have their barrier. */
int example_stop(void)
{
    qatomic_xchg(&stop, 1);
    smp_mb__after_rmw();
    return qatomic_read(&counter);
}
