/* A project header (included with -I, so not a system header): clang-tidy
 * shows its diagnostics only when the header filter selects it. */
#include <atomic.h>

struct ring {
    int slots[16];
    unsigned head;
    int ready;
};

/* Private to each unit that includes the header: their partners must be
 * in the same unit. */
static int ring_slot, ring_ready;
static int sent, epoch;

/* The consumer: its load-acquire is the partner of ring_publish()'s
 * store-release, though nothing in ring_user.c calls it. */
static inline int ring_take(void)
{
    if (!qatomic_load_acquire(&ring_ready)) {
        return -1;
    }
    return ring_slot;
}

/* Reads the ring's flag without ordering: after a seq-cst RMW, this load
 * can be satisfied before the RMW's store is visible. */
static inline int ring_peek(struct ring *r)
{
    return qatomic_read(&r->ready);
}

/* Nobody loads 'epoch' and then 'sent': this barrier has no partner. */
static inline void stats_bump(void)
{
    sent = 1;
    smp_wmb();
    epoch = 2;
}

/* A function defined through a macro, as GLib's and QEMU's headers define
 * hundreds: its findings belong to the file that uses the macro. */
#define DEFINE_COUNTER_BUMP(name, counter, stamp)                             \
    static inline void name(void)                                             \
    {                                                                         \
        counter = 1;                                                          \
        smp_wmb();                                                            \
        stamp = 2;                                                            \
    }

static int hits, hit_epoch;
DEFINE_COUNTER_BUMP(hits_bump, hits, hit_epoch)

/* The producer: marks the ring ready with an RMW, then looks at the head.
 * It writes 'ready' and then loads 'head': the other side of the race
 * that ring_claim() (RMW of 'head', then a load of 'ready') is part of,
 * and a side of it too, reported when the filter shows this header. */
static inline int ring_mark_ready(struct ring *r)
{
    qatomic_xchg(&r->ready, 1);
    return qatomic_read(&r->head) != 0;
}
