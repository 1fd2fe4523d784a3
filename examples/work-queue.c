/*
 * A work queue in the style of QEMU's bottom halves: producers schedule an
 * item by setting its SCHEDULED flag with an atomic RMW, then kick the
 * consumer if it announced (notify_me) that it is about to sleep.
 *
 * Problems atomics-tidy finds here:
 *  - work_schedule() reads notify_me right after the seq-cst RMW on flags
 *    without smp_mb__after_rmw(): the consumer can go to sleep while the
 *    producer, having read a stale notify_me == 0, never kicks it;
 *  - work_poll() still uses the deprecated qatomic_mb_read().
 * The corrected version is fixed/work-queue.c.
 */
#include <atomics-tidy/atomic.h>
#include <stdbool.h>

#define WORK_SCHEDULED 1u

struct work_item {
    unsigned flags;
    void (*fn)(void *opaque);
    void *opaque;
};

struct work_queue {
    int notify_me;
    bool notified;
};

void kick_consumer(struct work_queue *q);

void work_schedule(struct work_queue *q, struct work_item *item)
{
    unsigned old = qatomic_fetch_or(&item->flags, WORK_SCHEDULED);
    if (!(old & WORK_SCHEDULED) && qatomic_read(&q->notify_me)) {
        kick_consumer(q);
    }
}

bool work_poll(struct work_queue *q, struct work_item *item)
{
    unsigned flags;

    qatomic_set(&q->notify_me, 1);
    smp_mb();
    flags = qatomic_xchg(&item->flags, 0);
    qatomic_set(&q->notify_me, 0);
    if (flags & WORK_SCHEDULED) {
        item->fn(item->opaque);
        return true;
    }
    return qatomic_mb_read(&q->notified);
}
