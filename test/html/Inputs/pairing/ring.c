/*
 * A ring of messages whose protocol changed: the slots, the head and the
 * count used to be published together, and the statistics with them. The
 * barriers, and the comment that documented the old protocol, stayed.
 */
#include <atomics-tidy/atomic.h>
#include "ring.h"

struct ring ring;

void ring_push(int v)
{
    ring.slots[ring.head & 15] = v;
    smp_wmb();
    qatomic_set(&ring.head, ring.head + 1);
    ring.stat = v;
    qatomic_store_release(&ring.count, ring.count + 1);
}

int ring_pop(void)
{
    int head = qatomic_read(&ring.head);
    /* Pairs with smp_wmb() in ring_reset(). */
    smp_rmb();
    return head + ring.epoch;
}

void ring_reset(void)
{
    qatomic_set(&ring.stat, 0);
    smp_wmb();
    qatomic_set(&ring.count, 0);
}
