#include "ring.h"

void ring_kick(struct ring *r);

void ring_produce(struct ring *r)
{
    qatomic_inc(&r->produced);
    if (ring_consumer_waiting(r)) {
        ring_kick(r);
    }
}
