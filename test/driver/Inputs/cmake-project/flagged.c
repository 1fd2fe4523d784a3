#include "atomic.h"

static int hits;
static int quit;

int example_hit(void)
{
    qatomic_fetch_add(&hits, 1);
    return qatomic_read(&quit);
}
