// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- -- -I %atomics_tidy_src/lib/include
// Three synchronisation shapes as a QEMU-like code base writes them, against
// the project's runtime header <atomics-tidy/atomic.h>: each in the form
// that loses wake-ups on weakly-ordered hosts, and in the fixed form. Every
// bug here is the same one: a seq-cst RMW publishes a state, then a relaxed
// read checks whether someone must be woken; the read can be satisfied
// before the RMW's store is visible to the other side, which made the same
// check in the opposite order, and both go to sleep (or neither wakes).
// The other side is in the file too (the producer, the event loop, the
// lock's slow path): the check reports the race with both threads' lines.
#include <atomics-tidy/atomic.h>

void futex_wake(unsigned *addr, int count);
void futex_wait(unsigned *addr, unsigned expected);

/* --- An event flag: set / reset / wait --- */

#define FLAG_SET 0u
#define FLAG_FREE 1u
#define FLAG_BUSY 2u

typedef struct EventFlag {
  unsigned state;
} EventFlag;

typedef struct Worker {
  EventFlag kick;
  unsigned jobs;
} Worker;

/* set: the xchg's old value says whether a waiter sleeps on the futex. */
void flag_set(EventFlag *ev) {
  smp_mb(); /* The caller's stores (jobs) before the read of state. */
  if (qatomic_read(&ev->state) != FLAG_SET) {
    unsigned old = qatomic_xchg(&ev->state, FLAG_SET);
    smp_mb__after_rmw(); /* Pairs with the kernel's barrier in futex_wait. */
    if (old == FLAG_BUSY)
      futex_wake(&ev->state, -1);
  }
}

/* wait: announce BUSY, sleep while it stays so. Every access after the RMW
 * is to the same state word: coherence orders them. */
void flag_wait(EventFlag *ev) {
  unsigned value = qatomic_load_acquire(&ev->state);
  if (value == FLAG_FREE &&
      qatomic_cmpxchg(&ev->state, FLAG_FREE, FLAG_BUSY) == FLAG_SET)
    return;
  while (qatomic_read(&ev->state) == FLAG_BUSY)
    futex_wait(&ev->state, FLAG_BUSY);
}

/* reset, incorrect: it returns right after its RMW, and the worker's check
 * for jobs can be satisfied before FREE is visible. A producer that queued
 * a job and saw SET does not wake anyone: the worker sleeps with work to
 * do. */
void flag_reset(EventFlag *ev) {
  qatomic_or(&ev->state, FLAG_FREE);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'ev->state' is not a full barrier: the relaxed load of 'w->jobs' after it can be satisfied before its store is visible, while 'worker_kick' writes 'w->jobs' and then loads 'ev->state'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: 'flag_reset' can return with the read-modify-write on 'ev->state' not yet followed by a full barrier
  // CHECK-MESSAGES: :[[@LINE+9]]:7: note: relaxed load of 'w->jobs' here
  // CHECK-MESSAGES: :[[@LINE+17]]:3: note: the other thread writes 'w->jobs' here, with a seq-cst read-modify-write in 'worker_kick'
  // CHECK-MESSAGES: :[[@LINE-29]]:7: note: and then loads 'ev->state' here: it can miss this thread's read-modify-write as this thread misses its write
}
// CHECK-FIXES:      {{^}}  qatomic_or(&ev->state, FLAG_FREE);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

void worker_idle(Worker *w) {
  flag_reset(&w->kick);
  if (qatomic_read(&w->jobs) == 0)
    flag_wait(&w->kick);
}

/* The producer: queue a job (an RMW, in the total order), then set the
 * flag, whose full barrier orders nothing before the RMW that needed it
 * (the job count is already written). It writes jobs and then reads
 * state: the other side of the race with worker_idle(). */
void worker_kick(Worker *w) {
  qatomic_inc(&w->jobs);
  flag_set(&w->kick);
}

/* reset, fixed: the barrier is part of the primitive. */
void flag_reset_fixed(EventFlag *ev) {
  qatomic_or(&ev->state, FLAG_FREE);
  smp_mb__after_rmw();
}

void worker_idle_fixed(Worker *w) {
  flag_reset_fixed(&w->kick);
  if (qatomic_read(&w->jobs) == 0)
    flag_wait(&w->kick);
}

/* --- A bottom-half queue: mark the BH pending, then notify the event loop
 * unless it is not polling --- */

#define BH_PENDING 1u
#define BH_SCHEDULED 2u

typedef struct QEMUBH QEMUBH;

typedef struct AioContext {
  unsigned notify_me; /* Non-zero while the loop is about to poll. */
  unsigned notified;
  QEMUBH *bh_list;
} AioContext;

struct QEMUBH {
  AioContext *ctx;
  unsigned flags;
  QEMUBH *next;
};

void event_notifier_set(AioContext *ctx);

/* Incorrect: the fetch_or that marks the BH pending can be passed by the
 * read of the list head and, on the path that does not push, by the read of
 * notify_me; so can the cmpxchg that pushes the BH. The event loop, having
 * set notify_me and found no pending BH, sleeps. */
static void notify(AioContext *ctx) {
  qatomic_set(&ctx->notified, 1);
  if (qatomic_read(&ctx->notify_me))
    event_notifier_set(ctx);
}

void bh_enqueue(QEMUBH *bh, unsigned new_flags) {
  AioContext *ctx = bh->ctx;
  unsigned old_flags = qatomic_fetch_or(&bh->flags, BH_PENDING | new_flags);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: seq-cst read-modify-write 'qatomic_fetch_or' on 'bh->flags' is not a full barrier: the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible, while 'loop_poll' writes 'ctx->notify_me' and then loads 'bh->flags'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+19]]:3: note: 'notify' can perform the relaxed load of 'ctx->notify_me' before any full barrier
  // CHECK-MESSAGES: :[[@LINE-9]]:7: note: relaxed load of 'ctx->notify_me' here
  // CHECK-MESSAGES: :[[@LINE+26]]:3: note: the other thread writes 'ctx->notify_me' here
  // CHECK-MESSAGES: :[[@LINE+26]]:3: note: then the full barrier in 'loop_poll' orders that write before its later loads
  // CHECK-MESSAGES: :[[@LINE+27]]:9: note: and then loads 'bh->flags' here: it can miss this thread's read-modify-write as this thread misses its write
  if (!(old_flags & BH_PENDING)) {
    QEMUBH *head;
    do {
      head = qatomic_read(&ctx->bh_list);
      bh->next = head;
    } while (qatomic_cmpxchg(&ctx->bh_list, head, bh) != head);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: seq-cst read-modify-write 'qatomic_cmpxchg' on 'ctx->bh_list' is not a full barrier: the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible, while 'loop_poll' writes 'ctx->notify_me' and then loads 'ctx->bh_list'; each thread can miss the other's update [atomics-missing-rmw-barrier]
    // CHECK-MESSAGES: :[[@LINE+7]]:3: note: 'notify' can perform the relaxed load of 'ctx->notify_me' before any full barrier
    // CHECK-MESSAGES: :[[@LINE-21]]:7: note: relaxed load of 'ctx->notify_me' here
    // CHECK-MESSAGES: :[[@LINE+14]]:3: note: the other thread writes 'ctx->notify_me' here
    // CHECK-MESSAGES: :[[@LINE+14]]:3: note: then the full barrier in 'loop_poll' orders that write before its later loads
    // CHECK-MESSAGES: :[[@LINE+14]]:21: note: and then loads 'ctx->bh_list' here: it can miss this thread's read-modify-write as this thread misses its write
    // CHECK-MESSAGES: :[[@LINE-7]]:14: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
  }
  notify(ctx);
}
// CHECK-FIXES:      {{^}}  unsigned old_flags = qatomic_fetch_or(&bh->flags, BH_PENDING | new_flags);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* The event loop: announce that it is about to poll, then (after a full
 * barrier) look for pending BHs. It writes notify_me and then reads the
 * flags: the other side of the race with bh_enqueue(). */
void loop_poll(AioContext *ctx) {
  qatomic_set(&ctx->notify_me, 1);
  smp_mb();
  for (QEMUBH *bh = qatomic_read(&ctx->bh_list); bh; bh = bh->next)
    if (qatomic_read(&bh->flags) & BH_PENDING)
      break;
  qatomic_set(&ctx->notify_me, 0);
}

/* Fixed (QEMU 8.0's util/async.c shape): a barrier after the fetch_or, and
 * notify starts with a full barrier, which orders the push as well as the
 * store to notified before the read of notify_me. */
static void notify_fixed(AioContext *ctx) {
  smp_wmb();
  qatomic_set(&ctx->notified, 1);
  smp_mb();
  if (qatomic_read(&ctx->notify_me))
    event_notifier_set(ctx);
}

void bh_enqueue_fixed(QEMUBH *bh, unsigned new_flags) {
  AioContext *ctx = bh->ctx;
  unsigned old_flags = qatomic_fetch_or(&bh->flags, BH_PENDING | new_flags);
  smp_mb__after_rmw();
  if (!(old_flags & BH_PENDING)) {
    QEMUBH *head;
    do {
      head = qatomic_read(&ctx->bh_list);
      bh->next = head;
    } while (qatomic_cmpxchg(&ctx->bh_list, head, bh) != head);
  }
  notify_fixed(ctx);
}

/* --- A mutex: the unlock slow path --- */

typedef struct Mutex {
  unsigned locked;
  unsigned waiters;
} Mutex;

/* Lock: count ourselves as a waiter, then (after a full barrier) look at
 * the lock word again before retrying, so that unlock knows to wake us. It
 * writes waiters and then reads locked: the other side of the race with
 * mutex_unlock(). */
void mutex_lock(Mutex *m) {
  if (qatomic_xchg(&m->locked, 1) == 0)
    return;
  qatomic_inc(&m->waiters);
  smp_mb__after_rmw();
  while (qatomic_read(&m->locked) || qatomic_xchg(&m->locked, 1) != 0)
    futex_wait(&m->locked, 1);
  qatomic_dec(&m->waiters);
}

/* Unlock, incorrect: the read of waiters can be satisfied before the
 * release of the lock word is visible. A locker that failed its xchg,
 * counted itself and went to sleep is not woken. */
void mutex_unlock(Mutex *m) {
  qatomic_xchg(&m->locked, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_xchg' on 'm->locked' is not a full barrier: the relaxed load of 'm->waiters' after it can be satisfied before its store is visible, while 'mutex_lock' writes 'm->waiters' and then loads 'm->locked'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+4]]:7: note: relaxed load of 'm->waiters' here
  // CHECK-MESSAGES: :[[@LINE-14]]:3: note: the other thread writes 'm->waiters' here
  // CHECK-MESSAGES: :[[@LINE-14]]:3: note: then the full barrier in 'mutex_lock' orders that write before its later loads
  // CHECK-MESSAGES: :[[@LINE-14]]:10: note: and then loads 'm->locked' here: it can miss this thread's read-modify-write as this thread misses its write
  if (qatomic_read(&m->waiters))
    futex_wake(&m->locked, 1);
}
// CHECK-FIXES:      {{^}}  qatomic_xchg(&m->locked, 0);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* Unlock, fixed: either the barrier, or qatomic_set_mb(), which is a store
 * followed by a full barrier (an xchg on x86). */
void mutex_unlock_fixed(Mutex *m) {
  qatomic_xchg(&m->locked, 0);
  smp_mb__after_rmw();
  if (qatomic_read(&m->waiters))
    futex_wake(&m->locked, 1);
}

void mutex_unlock_set_mb(Mutex *m) {
  qatomic_set_mb(&m->locked, 0);
  if (qatomic_read(&m->waiters))
    futex_wake(&m->locked, 1);
}
