/*
 * An event flag for a single waiter, in the style of QEMU's QemuEvent
 * before 2023: set() wakes the waiter, reset() re-arms the event.
 *
 * Problems atomics-tidy finds here:
 *  - qatomic_mb_set()/qatomic_mb_read() are deprecated: they are not ordered
 *    with the sequentially consistent operations the rest of the code uses;
 *  - event_reset() does a seq-cst RMW (qatomic_or) and then a relaxed read of
 *    another variable with no smp_mb__after_rmw() in between: on Arm the read
 *    can be satisfied before the RMW's store is visible, the hang QEMU hit
 *    in 2023.
 * The corrected version is fixed/event.c.
 */
#include <atomics-tidy/atomic.h>

enum { EV_SET = 0, EV_FREE = 1, EV_BUSY = -1 };

struct event {
    int value;
    int waiters;
    int shutting_down;
};

void wake_waiter(struct event *ev);
void sleep_until_changed(int *addr, int expected);

void event_set(struct event *ev)
{
    if (qatomic_mb_read(&ev->value) != EV_SET) {
        qatomic_mb_set(&ev->value, EV_SET);
        if (qatomic_read(&ev->waiters)) {
            wake_waiter(ev);
        }
    }
}

int event_reset(struct event *ev)
{
    qatomic_or(&ev->value, EV_FREE);
    /* Relaxed read of another location right after the RMW. */
    return qatomic_read(&ev->shutting_down);
}

void event_wait(struct event *ev)
{
    int value = qatomic_load_acquire(&ev->value);
    if (value != EV_SET) {
        if (value == EV_FREE &&
            qatomic_cmpxchg(&ev->value, EV_FREE, EV_BUSY) == EV_SET) {
            return;
        }
        qatomic_inc(&ev->waiters);
        sleep_until_changed(&ev->value, EV_BUSY);
        qatomic_dec(&ev->waiters);
    }
}

/* Stops the event's users: they see shutting_down, or this sees the reset.
 * Here event_reset() lacks the barrier that this smp_mb() pairs with, and
 * atomics-unpaired-barrier reports it. */
void event_shutdown(struct event *ev)
{
    qatomic_set(&ev->shutting_down, 1);
    /* Pairs with smp_mb__after_rmw() in event_reset(). */
    smp_mb();
    if (qatomic_read(&ev->value) == EV_FREE) {
        wake_waiter(ev);
    }
}
