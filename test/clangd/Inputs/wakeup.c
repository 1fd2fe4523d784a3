/*
 * A wake-up counter shared by producers and one consumer thread, written
 * against QEMU's atomics API as of QEMU 8 (both replacements of the
 * deprecated qatomic_mb_* pair are available, and smp_mb__after_rmw()).
 */
#include <atomic.h>

struct wakeup {
    int pending;
    int sleeping;
    int generation;
};

void consumer_wake(struct wakeup *w);

int wakeup_poll(struct wakeup *w)
{
    return qatomic_mb_read(&w->pending) != 0;
}

void wakeup_new_generation(struct wakeup *w, int gen)
{
    qatomic_mb_set(&w->generation, gen);
}

void wakeup_post(struct wakeup *w)
{
    qatomic_inc(&w->pending);
    if (qatomic_read(&w->sleeping)) {
        consumer_wake(w);
    }
}

static int consumer_asleep(struct wakeup *w)
{
    return qatomic_read(&w->sleeping);
}

void wakeup_post_many(struct wakeup *w, int n)
{
    qatomic_add(&w->pending, n);
    if (consumer_asleep(w)) {
        consumer_wake(w);
    }
}

/* The consumer, before it sleeps: it says so, then looks for work. */
int consumer_prepare_sleep(struct wakeup *w)
{
    qatomic_xchg(&w->sleeping, 1);
    smp_mb__after_rmw();
    return qatomic_read(&w->pending);
}
