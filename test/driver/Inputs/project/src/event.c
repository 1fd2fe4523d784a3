#include "event.h"

struct counter {
    int hits;
    int stop;
};

/* The same function in two places: the flagged line reads the same, so the
 * two findings differ only by their occurrence index. */
int count_and_check(struct counter *c)
{
    qatomic_fetch_add(&c->hits, 1);
    return qatomic_read(&c->stop);
}

static int peek_stop(struct counter *c)
{
    return qatomic_read(&c->stop);
}

int count_then_peek(struct counter *c)
{
    qatomic_fetch_add(&c->hits, 1);
    return peek_stop(c);
}

int count_and_check_again(struct counter *c)
{
    qatomic_fetch_add(&c->hits, 1);
    return qatomic_read(&c->stop);
}

/* The other thread: it stops the counting, then reads the count. Its side
 * has the barrier that the functions above lack. */
int stop_and_read_hits(struct counter *c)
{
    qatomic_xchg(&c->stop, 1);
    smp_mb__after_rmw();
    return qatomic_read(&c->hits);
}
