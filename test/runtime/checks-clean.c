// The module's own checks run clean on the runtime header and on code that
// uses it the way the checks advise: every operation of the header is
// expanded here, in correct patterns, and no atomics-* check may report
// anything, in this file or in the header (-header-filter), on a target where
// smp_mb__after_rmw() is a compiler barrier (x86_64) and on one where it is
// a fence (aarch64).
//
// RUN: %clang_tidy --load=%module --checks='-*,atomics-*' --config='{}' --header-filter='.*' %s \
// RUN:   -- -std=gnu11 -I%S/../../lib/include --target=x86_64-linux-gnu 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%module --checks='-*,atomics-*' --config='{}' --header-filter='.*' %s \
// RUN:   -- -std=c11 -I%S/../../lib/include --target=aarch64-linux-gnu -ffreestanding 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error}}:'
//
// Control: the same file with the barrier after the RMW left out is
// reported, so the runs above can fail.
// RUN: %clang_tidy --load=%module --checks='-*,atomics-*' --config='{}' --header-filter='.*' %s \
// RUN:   -- -std=gnu11 -I%S/../../lib/include -DLEAVE_OUT_BARRIER 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CONTROL
// CONTROL: checks-clean.c:39:5: warning: seq-cst read-modify-write 'qatomic_or' on 'ev->value' is not a full barrier

#include <atomics-tidy/atomic.h>
#include <stdbool.h>
#include <stdint.h>

struct event {
    unsigned value;
    unsigned waiters;
    void *data;
    uint64_t stamp;
};

#define EV_SET 0
#define EV_FREE 1

/* qemu_event_reset() as QEMU fixed it in 2023. */
unsigned event_reset(struct event *ev)
{
    qatomic_or(&ev->value, EV_FREE);
#ifndef LEAVE_OUT_BARRIER
    smp_mb__after_rmw();
#endif
    return qatomic_read(&ev->waiters);
}

/* Every read-modify-write of the header, each followed by the barrier
 * before a load of another location. */
unsigned all_rmws(struct event *ev)
{
    unsigned r = 0;
    qatomic_inc(&ev->value);
    qatomic_dec(&ev->value);
    qatomic_add(&ev->value, 2);
    qatomic_sub(&ev->value, 2);
    qatomic_and(&ev->value, 3);
    qatomic_or(&ev->value, 4);
    qatomic_xor(&ev->value, 4);
    r += qatomic_fetch_inc(&ev->value);
    r += qatomic_fetch_dec(&ev->value);
    r += qatomic_fetch_add(&ev->value, 1);
    r += qatomic_fetch_sub(&ev->value, 1);
    r += qatomic_fetch_and(&ev->value, 7);
    r += qatomic_fetch_or(&ev->value, 8);
    r += qatomic_fetch_xor(&ev->value, 8);
    r += qatomic_inc_fetch(&ev->value);
    r += qatomic_dec_fetch(&ev->value);
    r += qatomic_add_fetch(&ev->value, 1);
    r += qatomic_sub_fetch(&ev->value, 1);
    r += qatomic_and_fetch(&ev->value, 7);
    r += qatomic_or_fetch(&ev->value, 8);
    r += qatomic_xor_fetch(&ev->value, 8);
    r += qatomic_xchg(&ev->value, 1);
    r += qatomic_cmpxchg(&ev->value, 1, 2);
    r += qatomic_fetch_inc_nonzero(&ev->value);
    smp_mb__after_rmw();
    r += qatomic_read(&ev->waiters);
    r += (unsigned)qatomic_read_u64(&ev->stamp);
    return r;
}

/* Loads, stores and barriers on their own. */
void *publish_and_read(struct event *ev, void *p)
{
    qatomic_set(&ev->waiters, 1);
    qatomic_set_u64(&ev->stamp, 2);
    qatomic_store_release(&ev->value, EV_SET);
    qatomic_rcu_set(&ev->data, p);
    smp_wmb();
    smp_mb_release();
    qatomic_set_mb(&ev->value, EV_FREE);
    smp_mb__before_rmw();
    qatomic_inc(&ev->waiters);
    smp_mb();
    smp_rmb();
    smp_mb_acquire();
    smp_read_barrier_depends();
    barrier();
    signal_barrier();
    (void)qatomic_load_acquire(&ev->value);
    return qatomic_rcu_read(&ev->data);
}

/* The single-writer alternative the seed gives: a read, then set_mb. */
unsigned single_writer(struct event *ev)
{
    unsigned a = qatomic_read(&ev->value);
    qatomic_set_mb(&ev->value, a + 2);
    return qatomic_read(&ev->waiters);
}
