#include "atomic.h"

static int ready;

int legacy_poll(void)
{
    return qatomic_mb_read(&ready);
}

void legacy_signal(void)
{
    qatomic_mb_set(&ready, 1);
}
