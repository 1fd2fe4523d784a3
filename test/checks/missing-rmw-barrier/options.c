// RUN: %check_atomics_tidy -check-suffixes=NOWRAP %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=WRAP %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.Wrappers: 'bh_set_flags=qatomic_fetch_or; peek_counter=qatomic_read; my_fetch_or=qatomic_fetch_or; CPU_FENCE=smp_mb', atomics-missing-rmw-barrier.FullBarrierFunctions: 'host_membarrier;sync_all_cpus'}}" \
// RUN:   -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=NOWRAP,PLAIN %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.CheckPlainLoads: true}}" \
// RUN:   -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=NOWRAP,BEFORE %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.CheckBeforeRmw: true}}" \
// RUN:   -- -isystem %inputs/qemu
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// The check's options, one RUN line each: Wrappers and FullBarrierFunctions
// (the project's own names for operations), CheckPlainLoads (non-atomic
// loads of shared memory), CheckBeforeRmw (the mirror case: a weaker store,
// then a seq-cst RMW). Invalid values: invalid-options.c.
#include <atomic.h>

typedef struct AioContext {
  unsigned notify_me;
  int notified;
} AioContext;

typedef struct QEMUBH {
  AioContext *ctx;
  unsigned flags;
} QEMUBH;

int x, y;

/* --- Wrappers and FullBarrierFunctions --- */

/* The project's wrappers, defined in other files: without the option the
 * check cannot know what they do (calls without a body do nothing). */
unsigned bh_set_flags(unsigned *flags, unsigned set); /* A seq-cst fetch_or. */
unsigned peek_counter(unsigned *p);                   /* A relaxed read. */
void os_full_fence(void);
#define CPU_FENCE() os_full_fence()                   /* A full barrier. */
void host_membarrier(void);                           /* Ditto. */

void bh_schedule(QEMUBH *bh) {
  AioContext *ctx = bh->ctx;
  bh_set_flags(&bh->flags, 1);
  // CHECK-MESSAGES-WRAP: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'bh_set_flags' on 'bh->flags' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (peek_counter(&ctx->notify_me))
    // CHECK-MESSAGES-WRAP: :[[@LINE-1]]:7: note: relaxed load of 'ctx->notify_me' here
    qatomic_set(&ctx->notified, 1);
}
// CHECK-FIXES-WRAP:      {{^}}  bh_set_flags(&bh->flags, 1);{{$}}
// CHECK-FIXES-WRAP-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NOWRAP:      {{^}}  bh_set_flags(&bh->flags, 1);{{$}}
// CHECK-FIXES-NOWRAP-NEXT: {{^}}  //{{$}}

/* A wrapper with a body here: by default the RMW is found inside it and
 * reported there (where the return statement leaves no room for a fix); as
 * a configured wrapper, the call is the RMW. */
static inline unsigned my_fetch_or(unsigned *p, unsigned v) {
  return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
  // CHECK-MESSAGES-NOWRAP: :[[@LINE-1]]:10: warning: seq-cst read-modify-write '__atomic_fetch_or' on '*p' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-NOWRAP: :[[@LINE+7]]:3: note: 'my_fetch_or' can return with the read-modify-write on 'bh->flags' not yet followed by a full barrier
  // CHECK-MESSAGES-NOWRAP: :[[@LINE+8]]:10: note: relaxed load of 'ctx->notify_me' here
  // CHECK-MESSAGES-NOWRAP: :[[@LINE-4]]:10: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a return statement
}

unsigned bh_schedule_urgent(QEMUBH *bh) {
  AioContext *ctx = bh->ctx;
  my_fetch_or(&bh->flags, 2);
  // CHECK-MESSAGES-WRAP: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'my_fetch_or' on 'bh->flags' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&ctx->notify_me);
  // CHECK-MESSAGES-WRAP: :[[@LINE-1]]:10: note: relaxed load of 'ctx->notify_me' here
}
// CHECK-FIXES-WRAP:      {{^}}  my_fetch_or(&bh->flags, 2);{{$}}
// CHECK-FIXES-WRAP-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* A barrier wrapper (a macro) and a barrier function: by default opaque
 * calls that do nothing; configured, full barriers. */
int fenced_by_wrapper(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-NOWRAP: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  CPU_FENCE();
  return qatomic_read(&y);
  // CHECK-MESSAGES-NOWRAP: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES-NOWRAP:      {{^}}int fenced_by_wrapper(void) {{{$}}
// CHECK-FIXES-NOWRAP-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NOWRAP-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

int fenced_by_function(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-NOWRAP: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  host_membarrier();
  return qatomic_read(&y);
  // CHECK-MESSAGES-NOWRAP: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES-NOWRAP:      {{^}}int fenced_by_function(void) {{{$}}
// CHECK-FIXES-NOWRAP-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NOWRAP-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-WRAP:        {{^}}int fenced_by_function(void) {{{$}}
// CHECK-FIXES-WRAP-NEXT:   {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-WRAP-NEXT:   {{^}}  //{{$}}

/* --- CheckPlainLoads --- */

/* A plain load of shared memory (a field through a pointer, a global) is a
 * data race unless something else orders it; reported only when asked for.
 * Locals are not shared. */
int plain_flag;

int notify_plain(AioContext *ctx, int n) {
  int local = n;
  qatomic_or(&ctx->notified, 1);
  // CHECK-MESSAGES-PLAIN: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'ctx->notified' is not a full barrier; the plain load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (ctx->notify_me)
    // CHECK-MESSAGES-PLAIN: :[[@LINE-1]]:7: note: plain load of 'ctx->notify_me' here
    return plain_flag + local;
    // CHECK-MESSAGES-PLAIN: :[[@LINE-1]]:12: note: plain load of 'plain_flag' here
  return local;
}
// CHECK-FIXES-PLAIN:      {{^}}  qatomic_or(&ctx->notified, 1);{{$}}
// CHECK-FIXES-PLAIN-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- CheckBeforeRmw: a weaker store, then a seq-cst RMW --- */

/* The relaxed store can become visible after the RMW; the fix-it puts
 * smp_mb__before_rmw() before the RMW's statement. */
void publish_then_flag(AioContext *ctx) {
  qatomic_set(&ctx->notify_me, 2);
  // CHECK-MESSAGES-BEFORE: :[[@LINE+1]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'ctx->notified' is not a full barrier; the relaxed store to 'ctx->notify_me' before it can become visible after the read-modify-write [atomics-missing-rmw-barrier]
  qatomic_or(&ctx->notified, 1);
  // CHECK-MESSAGES-BEFORE: :[[@LINE-3]]:3: note: relaxed store to 'ctx->notify_me' here
}
// CHECK-FIXES-BEFORE:      {{^}}  qatomic_set(&ctx->notify_me, 2);{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  //{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  smp_mb__before_rmw();{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  qatomic_or(&ctx->notified, 1);{{$}}

/* Correct: the barrier, or a store that is followed by one. A store-release
 * is weaker than seq-cst: reported too. */
void publish_then_flag_fixed(AioContext *ctx) {
  qatomic_set(&ctx->notify_me, 2);
  smp_mb__before_rmw();
  qatomic_or(&ctx->notified, 1);
  qatomic_set_mb(&ctx->notify_me, 3);
  qatomic_or(&ctx->notified, 2);
}

void release_then_flag(AioContext *ctx, int c) {
  if (c) {
    qatomic_store_release(&ctx->notify_me, 4);
  }
  qatomic_xchg(&ctx->notified, 0);
  // CHECK-MESSAGES-BEFORE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_xchg' on 'ctx->notified' is not a full barrier; the store-release to 'ctx->notify_me' before it can become visible after the read-modify-write [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-BEFORE: :[[@LINE-4]]:5: note: store-release to 'ctx->notify_me' here
}
// CHECK-FIXES-BEFORE:      {{^}}  }{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  smp_mb__before_rmw();{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  qatomic_xchg(&ctx->notified, 0);{{$}}

/* Across calls, both ways. */
static void publish(void) {
  qatomic_set(&y, 1);
}

static void bump(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-BEFORE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed store to 'y' before it can become visible after the read-modify-write [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-BEFORE: :[[@LINE+8]]:3: note: relaxed store to 'y' here
  // CHECK-MESSAGES-BEFORE: :[[@LINE+8]]:3: note: 'bump' can perform the seq-cst read-modify-write of 'x' before any full barrier
}
// CHECK-FIXES-BEFORE:      {{^}}static void bump(void) {{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  smp_mb__before_rmw();{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  qatomic_inc(&x);{{$}}

void store_then_call(void) {
  qatomic_set(&y, 2);
  bump();
}

void call_then_rmw(void) {
  publish();
  qatomic_dec(&x);
  // CHECK-MESSAGES-BEFORE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'x' is not a full barrier; the relaxed store to 'y' before it can become visible after the read-modify-write [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-BEFORE: :[[@LINE-22]]:3: note: relaxed store to 'y' here
  // CHECK-MESSAGES-BEFORE: :[[@LINE-4]]:3: note: 'publish' can return with the relaxed store to 'y' not yet followed by a full barrier
}
// CHECK-FIXES-BEFORE:      {{^}}  publish();{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  smp_mb__before_rmw();{{$}}
// CHECK-FIXES-BEFORE-NEXT: {{^}}  qatomic_dec(&x);{{$}}
