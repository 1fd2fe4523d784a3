/*
 * A work queue in the style of QEMU's bottom halves: producers schedule an
 * item by setting its SCHEDULED flag with an atomic RMW, then kick the
 * consumer if it announced (notify_me) that it is about to sleep.
 *
 * Problems atomics-tidy finds here:
 *  - work_schedule() reads notify_me right after the seq-cst RMW on flags
 *    without smp_mb__after_rmw(): the consumer can go to sleep while the
 *    producer, having read a stale notify_me == 0, never kicks it, while
 *    the consumer (work_poll(), which sets notify_me, issues smp_mb() and
 *    then looks at the flags) missed the SCHEDULED flag;
 *  - work_poll()'s xchg, then its read of notified, races with
 *    work_notify() the same way;
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
    /* A look first, so that an idle poll writes nothing. */
    if (!(qatomic_read(&item->flags) & WORK_SCHEDULED)) {
        qatomic_set(&q->notify_me, 0);
        return qatomic_mb_read(&q->notified);
    }
    flags = qatomic_xchg(&item->flags, 0);
    qatomic_set(&q->notify_me, 0);
    if (flags & WORK_SCHEDULED) {
        item->fn(item->opaque);
        return true;
    }
    return qatomic_mb_read(&q->notified);
}

/* The consumer's wakeup: publishes notified, then looks for work that
 * work_poll() may have missed. Here work_poll() lacks the barrier that this
 * smp_mb() pairs with, and atomics-unpaired-barrier reports it. */
void work_notify(struct work_queue *q, struct work_item *item)
{
    qatomic_store_release(&q->notified, true);
    /* Pairs with smp_mb__after_rmw() in work_poll(). */
    smp_mb();
    if (qatomic_read(&item->flags) & WORK_SCHEDULED) {
        kick_consumer(q);
    }
}
