// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- -- -isystem %inputs/qemu
// The examples of QEMU's atomics documentation (the section comparing Linux
// and QEMU read-modify-writes) and of the March 2023 series that added
// smp_mb__before_rmw()/smp_mb__after_rmw() after QemuEvent hangs on Arm.
//
// Under C11 a seq-cst read-modify-write is, towards other locations, only a
// load-acquire followed by a store-release: a relaxed load of another
// location after it can be satisfied before the RMW's store is visible. The
// harness runs x86_64 and aarch64: on x86 smp_mb__after_rmw() expands to a
// bare compiler barrier and qatomic_set_mb() to an xchg, and the answers
// must be the same anyway.
#include <atomic.h>

int x, y;

/* Correct with Linux's atomic_fetch_add() (a full barrier there), incorrect
 * in QEMU: the read of y can be satisfied before the write of x. */
int doc_incorrect(void) {
  int a = qatomic_fetch_add(&x, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: seq-cst read-modify-write 'qatomic_fetch_add' on 'x' is not a full barrier: the relaxed load of 'y' after it can be satisfied before its store is visible, while 'doc_other_thread' writes 'y' and then loads 'x'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+3]]:11: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE+9]]:11: note: the other thread writes 'y' here, with a seq-cst read-modify-write in 'doc_other_thread'
  // CHECK-MESSAGES: :[[@LINE+14]]:11: note: and then loads 'x' here: it can miss this thread's read-modify-write as this thread misses its write
  int b = qatomic_read(&y);
  return a + b;
}
/* The other thread of the example: the same code with the locations
 * swapped. Each thread's read can miss the other's add, so each is reported
 * with the other as its partner. */
int doc_other_thread(void) {
  int a = qatomic_fetch_add(&y, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: seq-cst read-modify-write 'qatomic_fetch_add' on 'y' is not a full barrier: the relaxed load of 'x' after it can be satisfied before its store is visible, while 'doc_correct_barrier' writes 'x' and then loads 'y'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+4]]:11: note: relaxed load of 'x' here
  // CHECK-MESSAGES: :[[@LINE+16]]:11: note: the other thread writes 'x' here
  // CHECK-MESSAGES: :[[@LINE+16]]:3: note: then the full barrier in 'doc_correct_barrier' orders that write before its later loads
  // CHECK-MESSAGES: :[[@LINE+16]]:11: note: and then loads 'y' here: it can miss this thread's read-modify-write as this thread misses its write
  int b = qatomic_read(&x);
  return a + b;
}
// CHECK-FIXES:      {{^}}  int a = qatomic_fetch_add(&y, 2);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// The fix-it is the documentation's first correct version.
// CHECK-FIXES:      {{^}}  int a = qatomic_fetch_add(&x, 2);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES:      {{^}}  int b = qatomic_read(&y);{{$}}

/* The documentation's first correct version: a full barrier (compiled away
 * where the RMW already is one) between the write of x and the read of y. */
int doc_correct_barrier(void) {
  int a = qatomic_fetch_add(&x, 2);
  smp_mb__after_rmw();
  int b = qatomic_read(&y);
  return a + b;
}

/* The second correct version, for when only one thread writes x: a relaxed
 * read, then a store followed by a full barrier. No RMW at all, and on x86
 * the xchg that qatomic_set_mb() becomes is known by its name. */
int doc_correct_set_mb(void) {
  int a = qatomic_read(&x);
  qatomic_set_mb(&x, a + 2);
  int b = qatomic_read(&y);
  return a + b;
}

/* Reading the RMW's own location again is ordered by coherence. */
int same_location(void) {
  int a = qatomic_fetch_add(&x, 2);
  return a + qatomic_read(&x);
}

/* The documentation's acquire loads do not help: acquire orders what comes
 * after the load, not the RMW's store before it. That includes RCU reads
 * (consume) and the deprecated qatomic_mb_read() (a load-acquire), while the
 * deprecated qatomic_mb_set() ends with a full barrier. */
int *rcu_ptr;

/* A publisher that then checks x: with rcu_ptr's release store it is the
 * other side for the consume load below. */
int publish(int *p) {
  qatomic_rcu_set(&rcu_ptr, p);
  return qatomic_read(&x);
}

int acquire_does_not_help(void) {
  qatomic_add(&x, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_add' on 'x' is not a full barrier: the load-acquire of 'y' after it can be satisfied before its store is visible, while 'doc_other_thread' writes 'y' and then loads 'x'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+7]]:11: note: load-acquire of 'y' here; acquire orders the accesses after it, not the store before it
  // CHECK-MESSAGES: :[[@LINE-58]]:11: note: the other thread writes 'y' here, with a seq-cst read-modify-write in 'doc_other_thread'
  // CHECK-MESSAGES: :[[@LINE-53]]:11: note: and then loads 'x' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES: :[[@LINE+5]]:9: note: consume load of 'rcu_ptr' here; acquire orders the accesses after it, not the store before it
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: the other thread writes 'rcu_ptr' here, with a store-release in 'publish'
  // CHECK-MESSAGES: :[[@LINE-11]]:10: note: and then loads 'x' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES: :[[@LINE+3]]:8: note: load-acquire of 'y' here; acquire orders the accesses after it, not the store before it
  int v = qatomic_load_acquire(&y);
  v += *qatomic_rcu_read(&rcu_ptr);
  v += qatomic_mb_read(&y);
  qatomic_mb_set(&y, v);
  return v + qatomic_read(&y);
}
// CHECK-FIXES:      {{^}}  qatomic_add(&x, 2);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* A QemuEvent-like event (the 2023 series' patches 2-3): value is SET
 * (nothing to wait for), FREE (not set, no waiter) or BUSY (not set, some
 * thread is waiting in the futex). */
#define EV_SET 0
#define EV_FREE 1
#define EV_BUSY -1

typedef struct Event {
  int value;
  int waiters;
} Event;

typedef struct Worker {
  Event done;
  int pending;
  int stop;
} Worker;

void futex_wake(Event *ev, int n);
void futex_wait(Event *ev, int val);

/* Before the fix: reset turns SET into FREE and returns. The caller then
 * checks its condition with a relaxed read, which can be satisfied before
 * the FREE is visible; a concurrent event_set() that saw SET does nothing,
 * and the caller sleeps forever (the rcutorture/KVM hangs). */
static void event_reset(Event *ev) {
  qatomic_or(&ev->value, EV_FREE);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'ev->value' is not a full barrier: the relaxed load of 'w->pending' after it can be satisfied before its store is visible, while 'worker_post' writes 'w->pending' and then loads 'ev->value'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: 'event_reset' can return with the read-modify-write on 'ev->value' not yet followed by a full barrier
  // CHECK-MESSAGES: :[[@LINE+10]]:7: note: relaxed load of 'w->pending' here
  // CHECK-MESSAGES: :[[@LINE+19]]:3: note: the other thread writes 'w->pending' here, with a seq-cst read-modify-write in 'worker_post'
  // CHECK-MESSAGES: :[[@LINE+42]]:7: note: and then loads 'ev->value' here: it can miss this thread's read-modify-write as this thread misses its write
}
// The fix goes where QEMU put it: in reset, so that every caller is right.
// CHECK-FIXES:      {{^}}  qatomic_or(&ev->value, EV_FREE);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

void worker_wait(Worker *w) {
  event_reset(&w->done);
  if (qatomic_read(&w->pending) == 0)
    return;
  futex_wait(&w->done, EV_FREE);
}

/* The other side: post work (an RMW), then set the event, which reads its
 * value. */
static void event_set(Event *ev);

void worker_post(Worker *w) {
  qatomic_inc(&w->pending);
  event_set(&w->done);
}

/* After the fix (QEMU 8.0): the barrier orders the reset before the
 * caller's check. */
static void event_reset_fixed(Event *ev) {
  qatomic_or(&ev->value, EV_FREE);
  smp_mb__after_rmw();
}

void worker_wait_fixed(Worker *w) {
  event_reset_fixed(&w->done);
  if (qatomic_read(&w->pending) == 0)
    return;
  futex_wait(&w->done, EV_FREE);
}

/* Before the fix, set: the xchg that publishes SET is in a condition, and
 * the waiter count read after it can be satisfied before SET is visible.
 * The barrier has to go after the xchg, which is not a statement of its
 * own: no fix-it, a note says where. */
static void event_set(Event *ev) {
  smp_mb(); /* The caller's stores before the read of value. */
  if (qatomic_read(&ev->value) != EV_SET) {
    if (qatomic_xchg(&ev->value, EV_SET) == EV_BUSY)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: seq-cst read-modify-write 'qatomic_xchg' on 'ev->value' is not a full barrier: the relaxed load of 'ev->waiters' after it can be satisfied before its store is visible, while 'event_wait' writes 'ev->waiters' and then loads 'ev->value'; each thread can miss the other's update [atomics-missing-rmw-barrier]
    // CHECK-MESSAGES: :[[@LINE+5]]:22: note: relaxed load of 'ev->waiters' here
    // CHECK-MESSAGES: :[[@LINE+11]]:3: note: the other thread writes 'ev->waiters' here
    // CHECK-MESSAGES: :[[@LINE+11]]:3: note: then the full barrier in 'event_wait' orders that write before its later loads
    // CHECK-MESSAGES: :[[@LINE+11]]:7: note: and then loads 'ev->value' here: it can miss this thread's read-modify-write as this thread misses its write
    // CHECK-MESSAGES: :[[@LINE-6]]:9: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
      futex_wake(ev, qatomic_read(&ev->waiters));
  }
}

/* The waiter counts itself, then (after a full barrier) reads the value:
 * the other side of the race with set's xchg. */
void event_wait(Event *ev) {
  qatomic_inc(&ev->waiters);
  smp_mb__after_rmw();
  if (qatomic_read(&ev->value) != EV_SET)
    futex_wait(ev, EV_BUSY);
  qatomic_dec(&ev->waiters);
}

/* After the fix: the xchg is a statement, followed by the barrier. */
static void event_set_fixed(Event *ev) {
  smp_mb();
  if (qatomic_read(&ev->value) != EV_SET) {
    int old = qatomic_xchg(&ev->value, EV_SET);
    smp_mb__after_rmw();
    if (old == EV_BUSY)
      futex_wake(ev, qatomic_read(&ev->waiters));
  }
}

void worker_finish(Worker *w, int fixed) {
  if (fixed)
    event_set_fixed(&w->done);
  else
    event_set(&w->done);
}
