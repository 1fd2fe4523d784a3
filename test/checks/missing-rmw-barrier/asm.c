// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// A locked instruction on memory, in inline assembly, is a read-modify-write
// that is also a full barrier: it orders the RMW before it against the load
// after it.
#include <atomic.h>

#define drop(l) ({ __asm__ __volatile__("lock subq %1, %0" : "+m"(*(l)) : "r"(1L) : "cc"); })

static long refs;
static int closing;

int put_then_drop(void) {
  qatomic_inc(&refs);
  drop(&refs);
  return qatomic_read(&closing);
}

/* Assemblers take mnemonics in either case. */
#define DROP(l) ({ __asm__ __volatile__("LOCK SUBQ %1, %0" : "+m"(*(l)) : "r"(1L) : "cc"); })

int put_then_drop_upper_case(void) {
  qatomic_inc(&refs);
  DROP(&refs);
  return qatomic_read(&closing);
}

int put(void) {
  qatomic_inc(&refs);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'refs' is not a full barrier; the relaxed load of 'closing' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&closing);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'closing' here
}
// CHECK-FIXES:      {{^}}int put(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&refs);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
