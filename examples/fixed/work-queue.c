/*
 * The work queue of ../work-queue.c, corrected: smp_mb__after_rmw() orders
 * the RMW on flags before the read of notify_me (it pairs with the smp_mb()
 * in work_poll()), and the deprecated read is a load-acquire.
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
    /* Pairs with smp_mb() in work_poll(). */
    smp_mb__after_rmw();
    if (!(old & WORK_SCHEDULED) && qatomic_read(&q->notify_me)) {
        kick_consumer(q);
    }
}

bool work_poll(struct work_queue *q, struct work_item *item)
{
    unsigned flags;

    qatomic_set(&q->notify_me, 1);
    /* Pairs with smp_mb__after_rmw() in work_schedule(). */
    smp_mb();
    /* A look first, so that an idle poll writes nothing. */
    if (!(qatomic_read(&item->flags) & WORK_SCHEDULED)) {
        qatomic_set(&q->notify_me, 0);
        return qatomic_load_acquire(&q->notified);
    }
    flags = qatomic_xchg(&item->flags, 0);
    /* The xchg is not a full barrier: order it before the read of
     * q->notified below. */
    smp_mb__after_rmw();
    qatomic_set(&q->notify_me, 0);
    if (flags & WORK_SCHEDULED) {
        item->fn(item->opaque);
        return true;
    }
    return qatomic_load_acquire(&q->notified);
}

/* The consumer's wakeup: publishes notified, then looks for work that
 * work_poll() may have missed. */
void work_notify(struct work_queue *q, struct work_item *item)
{
    qatomic_store_release(&q->notified, true);
    /* Pairs with smp_mb__after_rmw() in work_poll(). */
    smp_mb();
    if (qatomic_read(&item->flags) & WORK_SCHEDULED) {
        kick_consumer(q);
    }
}
