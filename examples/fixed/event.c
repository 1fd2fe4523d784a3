/*
 * The event flag of ../event.c, corrected: the deprecated operations are
 * replaced as QEMU did (load-acquire, store plus full barrier), and the RMW
 * in event_reset() is followed by smp_mb__after_rmw() so that the read of
 * shutting_down cannot pass the store of value.
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
    if (qatomic_load_acquire(&ev->value) != EV_SET) {
        qatomic_set_mb(&ev->value, EV_SET);
        if (qatomic_read(&ev->waiters)) {
            wake_waiter(ev);
        }
    }
}

int event_reset(struct event *ev)
{
    qatomic_or(&ev->value, EV_FREE);
    /* Order the store of value before the read below. */
    smp_mb__after_rmw();
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

/* Stops the event's users: they see shutting_down, or this sees the reset. */
void event_shutdown(struct event *ev)
{
    qatomic_set(&ev->shutting_down, 1);
    /* Pairs with smp_mb__after_rmw() in event_reset(). */
    smp_mb();
    if (qatomic_read(&ev->value) == EV_FREE) {
        wake_waiter(ev);
    }
}
