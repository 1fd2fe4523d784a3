// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu -isystem %S/Inputs
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// Code from before QEMU's late-2020 rename uses atomic_* names: the same
// rules apply. That API never had smp_mb__after_rmw() (added in 2023), so
// there is no fix-it until the code defines it. NOLINT silences a finding
// on the RMW's line; findings inside a system header, including its macros'
// expansions, are the library's and are not reported.
#include <atomic-legacy.h>
#include <legacy-lib.h>

/* What the legacy header lacks, as code of that era defined it. */
#define atomic_xchg(p, v) __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_or(p, n) __atomic_fetch_or(p, n, __ATOMIC_SEQ_CST)

int x, y, z;

int legacy_incorrect(void) {
  atomic_fetch_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'atomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return atomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because 'smp_mb__after_rmw' is not defined here (nor C11's atomic_thread_fence)
}

/* smp_mb() is the full barrier of that era. */
int legacy_correct(void) {
  atomic_fetch_inc(&x);
  smp_mb();
  return atomic_read(&y);
}

/* Read and write barriers, compiler barriers, and the deprecated
 * atomic_mb_read() (a load-acquire) do not order the RMW's store before a
 * later load; atomic_mb_set() ends with a full barrier and does. */
int legacy_weaker_barriers(void) {
  int v = atomic_xchg(&x, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: seq-cst read-modify-write 'atomic_xchg' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  smp_rmb();
  smp_wmb();
  barrier();
  v += atomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: relaxed load of 'y' here
  v += atomic_mb_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: load-acquire of 'y' here; acquire orders the accesses after it, not the store before it
  v += atomic_load_acquire(&z);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: load-acquire of 'z' here; acquire orders the accesses after it, not the store before it
  atomic_mb_set(&z, v);
  return v + atomic_read(&y);
}
// CHECK-MESSAGES: :[[@LINE-14]]:11: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because 'smp_mb__after_rmw' is not defined here (nor C11's atomic_thread_fence)

/* NOLINT goes on the RMW's line, where the warning is; NOLINT for another
 * check does not silence this one. */
int suppressed(void) {
  atomic_fetch_inc(&x); // NOLINT(atomics-missing-rmw-barrier)
  int v = atomic_read(&y);
  // NOLINTNEXTLINE(atomics-missing-rmw-barrier)
  atomic_fetch_or(&x, 2);
  v += atomic_read(&y);
  smp_mb();
  atomic_fetch_inc(&z); // NOLINT(some-other-check)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'atomic_fetch_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return v + atomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because 'smp_mb__after_rmw' is not defined here (nor C11's atomic_thread_fence)
}

/* A library's own function and macro, from a system header: not the
 * user's to fix, not reported. */
void use_library(LibQueue *q) {
  lib_queue_push(q);
  LIB_QUEUE_PUSH(q);
}

/* A code base that backported the 2023 barrier gets the fix-it. */
#define smp_mb__after_rmw() smp_mb()

int legacy_with_backport(void) {
  atomic_fetch_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'atomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return atomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int legacy_with_backport(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_fetch_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
