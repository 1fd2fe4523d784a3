// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu -DQEMU_VERSION_MAJOR=7
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// QEMU 7's header has no smp_mb__after_rmw() yet. The fix-it only names a
// barrier that is defined where it is inserted: none at first (a note says
// so), C11's fence once <stdatomic.h> is included, smp_mb__after_rmw() once
// the code defines it (with no parameter), and none again after #undef.
#include <atomic.h>

int x, y;

int before_any_barrier(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because 'smp_mb__after_rmw' is not defined here (nor C11's atomic_thread_fence)
}
// CHECK-FIXES:      {{^}}int before_any_barrier(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}

/* A definition that takes an argument is not the barrier. */
#define smp_mb__after_rmw(unused) smp_mb()

int wrong_arity(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because 'smp_mb__after_rmw' is not defined here (nor C11's atomic_thread_fence)
}
// CHECK-FIXES:      {{^}}int wrong_arity(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}

#undef smp_mb__after_rmw
#include <stdatomic.h>

int with_c11_fence(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int with_c11_fence(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* What QEMU 8 added, defined by the code itself: preferred over C11's. */
#define smp_mb__after_rmw() smp_mb()

int with_own_definition(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int with_own_definition(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

#undef smp_mb__after_rmw

int after_undef(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int after_undef(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}
