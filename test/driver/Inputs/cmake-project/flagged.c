#include "atomic.h"

static int hits;
static int quit;

int example_hit(void)
{
    qatomic_fetch_add(&hits, 1);
    return qatomic_read(&quit);
}

/* The other thread: it asks to quit, then reads the hits. */
int example_quit(void)
{
    qatomic_xchg(&quit, 1);
    smp_mb__after_rmw();
    return qatomic_read(&hits);
}
