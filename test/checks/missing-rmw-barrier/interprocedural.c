// RUN: %check_atomics_tidy -check-suffixes=COMMON,DEFAULT %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=COMMON,OPAQUE %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.OpaqueCallsAreBarriers: true}}" \
// RUN:   -- -isystem %inputs/qemu
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// Calls within the translation unit are followed both ways: into a callee
// whose first relevant access is a weak load, and out of a function that
// returns with its RMW not yet followed by a full barrier. Notes show the
// calls on the way. Calls to functions without a body here (or through a
// pointer) do nothing by default, and are full barriers with
// OpaqueCallsAreBarriers (the second RUN line).
#include <atomic.h>

typedef struct AioWait {
  unsigned num_waiters;
} AioWait;

typedef struct BlockDriverState {
  unsigned in_flight;
  int quiesce_counter;
} BlockDriverState;

AioWait global_wait;
int x, y, z;

void schedule_wakeup(void); /* Defined elsewhere. */

/* --- Into a callee: QEMU 5.2's aio_wait_kick() relied on "an atomic op in
 * the caller" for its barrier --- */

static void wait_kick(void) {
  if (qatomic_read(&global_wait.num_waiters))
    schedule_wakeup();
}

void dec_in_flight(BlockDriverState *bs) {
  qatomic_dec(&bs->in_flight);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'bs->in_flight' is not a full barrier; the relaxed load of 'global_wait.num_waiters' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  wait_kick();
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: note: 'wait_kick' can perform the relaxed load of 'global_wait.num_waiters' before any full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE-9]]:7: note: relaxed load of 'global_wait.num_waiters' here
}
// CHECK-FIXES-COMMON:      {{^}}  qatomic_dec(&bs->in_flight);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* The 2022 fix: the callee starts with its own barrier. */
static void wait_kick_fixed(void) {
  smp_mb();
  if (qatomic_read(&global_wait.num_waiters))
    schedule_wakeup();
}

void dec_in_flight_fixed(BlockDriverState *bs) {
  qatomic_dec(&bs->in_flight);
  wait_kick_fixed();
}

/* A callee whose load comes after its barrier on one path only. */
static void wait_kick_sometimes(int fast) {
  if (!fast)
    smp_mb();
  if (qatomic_read(&global_wait.num_waiters))
    schedule_wakeup();
}

void dec_in_flight_sometimes(BlockDriverState *bs, int fast) {
  qatomic_dec(&bs->in_flight);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'bs->in_flight' is not a full barrier; the relaxed load of 'global_wait.num_waiters' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  wait_kick_sometimes(fast);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: note: 'wait_kick_sometimes' can perform the relaxed load of 'global_wait.num_waiters' before any full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE-9]]:7: note: relaxed load of 'global_wait.num_waiters' here
}
// CHECK-FIXES-COMMON:      {{^}}void dec_in_flight_sometimes(BlockDriverState *bs, int fast) {{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  qatomic_dec(&bs->in_flight);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- Down a chain of calls: a note at each call --- */

static void drained_end(void) { wait_kick(); }
static void parent_drained_end(void) { drained_end(); }

void end_quiesce(BlockDriverState *bs) {
  qatomic_dec(&bs->quiesce_counter);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'bs->quiesce_counter' is not a full barrier; the relaxed load of 'global_wait.num_waiters' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  parent_drained_end();
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: note: 'parent_drained_end' can perform the relaxed load of 'global_wait.num_waiters' before any full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE-7]]:40: note: 'drained_end' can perform the relaxed load of 'global_wait.num_waiters' before any full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE-9]]:33: note: 'wait_kick' can perform the relaxed load of 'global_wait.num_waiters' before any full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE-57]]:7: note: relaxed load of 'global_wait.num_waiters' here
}
// CHECK-FIXES-COMMON:      {{^}}  qatomic_dec(&bs->quiesce_counter);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- Out of a callee: QEMU 7's qemu_event_reset() returned right after its
 * RMW, and its callers read next --- */

typedef struct Event {
  unsigned value;
} Event;

typedef struct Thread {
  Event wakeup;
  int has_work;
} Thread;

static void event_reset(Event *ev) {
  qatomic_or(&ev->value, 1);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'ev->value' is not a full barrier; the relaxed load of 't->has_work' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-COMMON: :[[@LINE+9]]:3: note: 'event_reset' can return with the read-modify-write on 'ev->value' not yet followed by a full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE+12]]:3: note: 'thread_prepare' can return with the read-modify-write on 'ev->value' not yet followed by a full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE+12]]:10: note: relaxed load of 't->has_work' here
}
// CHECK-FIXES-COMMON:      {{^}}  qatomic_or(&ev->value, 1);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* A chain: the RMW returns through two calls. */
static void thread_prepare(Thread *t) {
  event_reset(&t->wakeup);
}

int thread_should_run(Thread *t) {
  thread_prepare(t);
  return qatomic_read(&t->has_work);
}

/* Reading the field the RMW wrote, in any object of that type, is the same
 * location: coherence orders it. */
int thread_was_woken(Thread *t) {
  event_reset(&t->wakeup);
  return qatomic_read(&t->wakeup.value) == 0;
}

/* --- Recursion --- */

/* The callee reaches the load directly or through itself: the path shown
 * is the direct one. */
static int walk(int depth) {
  if (depth > 0)
    return walk(depth - 1);
  return qatomic_read(&y);
}

int walk_after_rmw(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return walk(3);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:10: note: 'walk' can perform the relaxed load of 'y' before any full barrier
  // CHECK-MESSAGES-COMMON-NOT: :[[@LINE-9]]:12: note: 'walk'
  // CHECK-MESSAGES-COMMON: :[[@LINE-9]]:10: note: relaxed load of 'y' here
}

/* Mutual recursion: ping reaches the load itself; the path shown must not
 * go around the cycle through pong and back into ping. */
static int ping(int n);
static int pong(int n) { return ping(n - 1); }
static int ping(int n) {
  if (n <= 0)
    return qatomic_read(&y);
  return pong(n);
}

int ping_after_rmw(void) {
  qatomic_inc(&z);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return ping(4);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:10: note: 'ping' can perform the relaxed load of 'y' before any full barrier
  // CHECK-MESSAGES-COMMON-NOT: note: 'pong' can perform
  // CHECK-MESSAGES-COMMON: :[[@LINE-10]]:12: note: relaxed load of 'y' here
}

/* A recursive function that returns with its RMW pending, at any depth: one
 * note for the call in the caller, none repeated. */
static void drain(int n) {
  if (n == 0) {
    qatomic_dec(&x);
    // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_dec' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    // CHECK-MESSAGES-COMMON-NOT: note: 'drain' can return
    // CHECK-MESSAGES-COMMON: :[[@LINE+9]]:3: note: 'drain' can return with the read-modify-write on 'x' not yet followed by a full barrier
    // CHECK-MESSAGES-COMMON-NOT: note: 'drain' can return
    // CHECK-MESSAGES-COMMON: :[[@LINE+8]]:10: note: relaxed load of 'y' here
    return;
  }
  drain(n - 1);
}

int drain_then_read(void) {
  drain(2);
  return qatomic_read(&y);
}
// CHECK-FIXES-COMMON:      {{^}}    qatomic_dec(&x);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}    smp_mb__after_rmw();{{$}}

/* A recursive function with a barrier on every path: calls to it clear. */
static void settle(int n) {
  if (n > 0) {
    settle(n - 1);
    return;
  }
  smp_mb();
}

int settle_then_read(void) {
  qatomic_inc(&x);
  settle(5);
  return qatomic_read(&y);
}

/* --- Parameters: the callee's location is the caller's argument --- */

static int peek(int *p) {
  return qatomic_read(p);
}

/* The same variable as the RMW: coherence, nothing to report. */
int peek_same(void) {
  qatomic_inc(&x);
  return peek(&x);
}

/* Another variable: reported, and named as the caller passes it. */
int peek_other(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return peek(&y);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:10: note: 'peek' can perform the relaxed load of 'y' before any full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE-15]]:10: note: relaxed load of '*p' here
}
// CHECK-FIXES-COMMON:      {{^}}int peek_other(void) {{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* The RMW through a parameter, returned to the caller. */
static void bump(int *p) {
  qatomic_inc(p);
  // CHECK-MESSAGES-COMMON: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on '*p' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-COMMON: :[[@LINE+12]]:3: note: 'bump' can return with the read-modify-write on 'x' not yet followed by a full barrier
  // CHECK-MESSAGES-COMMON: :[[@LINE+12]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES-COMMON:      {{^}}  qatomic_inc(p);{{$}}
// CHECK-FIXES-COMMON-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

int bump_then_read_same(void) {
  bump(&x);
  return qatomic_read(&x);
}

int bump_then_read_other(void) {
  bump(&x);
  return qatomic_read(&y);
}

/* --- Calls the analysis cannot see into --- */

void trace_event(const char *what); /* No body here. */
static void (*notifier)(void);

/* By default such calls are assumed to do no atomic operation: the RMW
 * still reaches the load. With OpaqueCallsAreBarriers they are assumed to
 * contain a full barrier. */
int external_call_between(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-OPAQUE-NOT: :[[@LINE-2]]:3: warning:
  trace_event("inc");
  return qatomic_read(&y);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES-DEFAULT:      {{^}}int external_call_between(void) {{{$}}
// CHECK-FIXES-DEFAULT-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-DEFAULT-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-OPAQUE:       {{^}}int external_call_between(void) {{{$}}
// CHECK-FIXES-OPAQUE-NEXT:  {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-OPAQUE-NEXT:  {{^}}  //{{$}}

/* The same through a function pointer, even to a function defined here. */
int pointer_call_between(void) {
  notifier = schedule_wakeup;
  qatomic_inc(&x);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  notifier();
  return qatomic_read(&y);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES-DEFAULT:      {{^}}int pointer_call_between(void) {{{$}}
// CHECK-FIXES-DEFAULT:      {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-DEFAULT-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* An opaque call inside the callee, before its load: by default the load
 * is still reached; with the option the call is the callee's barrier. */
static void kick_after_trace(void) {
  trace_event("kick");
  if (qatomic_read(&global_wait.num_waiters))
    schedule_wakeup();
}

void dec_then_traced_kick(BlockDriverState *bs) {
  qatomic_dec(&bs->in_flight);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'bs->in_flight' is not a full barrier; the relaxed load of 'global_wait.num_waiters' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  kick_after_trace();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: 'kick_after_trace' can perform the relaxed load of 'global_wait.num_waiters' before any full barrier
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-9]]:7: note: relaxed load of 'global_wait.num_waiters' here
}
// CHECK-FIXES-DEFAULT:      {{^}}void dec_then_traced_kick(BlockDriverState *bs) {{{$}}
// CHECK-FIXES-DEFAULT-NEXT: {{^}}  qatomic_dec(&bs->in_flight);{{$}}
// CHECK-FIXES-DEFAULT-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
