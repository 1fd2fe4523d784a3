/* A ring buffer's consumer state, with the helper that reads it: a static
 * inline function in a header, as QEMU writes most of its small helpers. */
#include <atomic.h>

struct ring {
    unsigned produced;
    unsigned consumer_waiting;
};

static inline int ring_consumer_waiting(struct ring *r)
{
    return qatomic_read(&r->consumer_waiting);
}
