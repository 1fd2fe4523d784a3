#include "atomic.h"

static int flag;
static int data;
static int counter;
static int stop;

int clean_publish(int v)
{
    qatomic_set(&data, v);
    qatomic_store_release(&flag, 1);
    return qatomic_load_acquire(&flag);
}

int clean_count(void)
{
    qatomic_fetch_add(&counter, 1);
    smp_mb__after_rmw();
    return qatomic_read(&stop);
}

int clean_bump(void)
{
    qatomic_fetch_add(&counter, 1);
    return 0;
}

/* The other thread of clean_count(): both sides have their barrier. */
int clean_stop(void)
{
    qatomic_xchg(&stop, 1);
    smp_mb__after_rmw();
    return qatomic_read(&counter);
}
