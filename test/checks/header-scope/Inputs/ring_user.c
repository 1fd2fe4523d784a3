#include "ring.h"

void ring_publish(int v)
{
    ring_slot = v;
    qatomic_store_release(&ring_ready, 1);
}

int ring_claim(struct ring *r)
{
    qatomic_inc(&r->head);
    return ring_peek(r);
}

/* The same macro, used here: its barrier is this file's. */
static int misses, miss_epoch;
DEFINE_COUNTER_BUMP(misses_bump, misses, miss_epoch)
