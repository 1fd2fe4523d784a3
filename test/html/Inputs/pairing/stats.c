/* Statistics, read by another thread: it waits for a new epoch, then reads
   the head, which the ring now publishes with its count. */
#include <atomics-tidy/atomic.h>
#include "ring.h"

int stats_read(void)
{
    int epoch = qatomic_load_acquire(&ring.epoch);
    return epoch + ring.head;
}
