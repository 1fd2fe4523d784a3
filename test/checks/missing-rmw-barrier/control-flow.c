// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// The check follows each function's control-flow graph: a load is reported
// when SOME path leads to it from a seq-cst RMW without meeting a full
// barrier, and only then.
#include <atomic.h>

int x, y, z;
int full_barrier_helper(void);

/* --- Branches --- */

/* The RMW on one branch only: the path through it reaches the load. */
int rmw_in_one_branch(int c) {
  if (c) {
    qatomic_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  }
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int rmw_in_one_branch(int c) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (c) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}

/* The barrier on one branch only: the other branch reaches the load. */
int barrier_in_one_branch(int c) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (c)
    smp_mb();
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int barrier_in_one_branch(int c) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* A barrier on every branch: no path escapes it. */
int barrier_in_both_branches(int c) {
  qatomic_inc(&x);
  if (c)
    smp_mb();
  else
    smp_mb__after_rmw();
  return qatomic_read(&y);
}

/* The RMW and the load on different branches: no path has both. */
int rmw_and_load_on_different_branches(int c) {
  if (c) {
    qatomic_inc(&x);
    return 0;
  }
  return qatomic_read(&y);
}

/* --- Loops: the back edge carries the RMW to the top of the loop --- */

/* The RMW at the end of the body reaches the load in the condition. */
void rmw_reaches_loop_condition(void) {
  while (qatomic_read(&y) < 10) {
    // CHECK-MESSAGES: :[[@LINE+1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    qatomic_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: relaxed load of 'y' here
  }
}
// CHECK-FIXES:      {{^}}void rmw_reaches_loop_condition(void) {{{$}}
// CHECK-FIXES:      {{^}}    qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}

/* do-while: the load at the top of the body is reached on the second
 * iteration. */
int rmw_reaches_top_of_do_body(int n) {
  int r = 0;
  do {
    r += qatomic_read(&y);
    qatomic_dec(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_dec' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: relaxed load of 'y' here
  } while (--n);
  return r;
}
// CHECK-FIXES:      {{^}}int rmw_reaches_top_of_do_body(int n) {{{$}}
// CHECK-FIXES:      {{^}}    qatomic_dec(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}

/* The barrier at the top of the body covers the loads in it, but not the
 * load after the loop, which the last iteration's RMW reaches through the
 * exit edge. */
int loop_exit_edge(int n) {
  int r = 0;
  for (int i = 0; i < n; i++) {
    smp_mb();
    r += qatomic_read(&y);
    qatomic_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'z' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  }
  return r + qatomic_read(&z);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: relaxed load of 'z' here
}
// CHECK-FIXES:      {{^}}int loop_exit_edge(int n) {{{$}}
// CHECK-FIXES:      {{^}}    qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}

/* The RMW in a for loop's increment: no statement to put the barrier after. */
int rmw_in_for_increment(int n) {
  int r = 0;
  for (int i = 0; i < n; qatomic_inc(&x), i++)
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    r += qatomic_read(&y);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
    // CHECK-MESSAGES: :[[@LINE-4]]:26: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
  return r;
}

/* --- switch --- */

/* case 0 falls through into case 1's load; case 2 has its barrier; the
 * barrier after the switch covers the load after it. A statement after a
 * case label is a statement of the switch's block: the barrier goes on the
 * next line. */
int switch_fallthrough(int c) {
  int r = 0;
  switch (c) {
  case 0:
    qatomic_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    /* fallthrough */
  case 1:
    r = qatomic_read(&y);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: note: relaxed load of 'y' here
    break;
  case 2:
    qatomic_inc(&z);
    smp_mb__after_rmw();
    r = qatomic_read(&y);
    break;
  default:
    qatomic_dec(&z);
    break;
  }
  smp_mb();
  return r + qatomic_read(&y);
}
// CHECK-FIXES:      {{^}}int switch_fallthrough(int c) {{{$}}
// CHECK-FIXES:      {{^}}  case 0:{{$}}
// CHECK-FIXES-NEXT: {{^}}    qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}

/* --- goto --- */

/* Forward: the goto skips the barrier. A labelled statement is a statement
 * of the block too. */
int goto_forward(int c) {
  qatomic_inc(&z);
  if (c)
    goto out;
  smp_mb();
out:
  qatomic_inc(&x);
  return qatomic_read(&y);
}
// The warnings come in source order, each with its notes.
// CHECK-MESSAGES: :[[@LINE-9]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
// CHECK-MESSAGES: :[[@LINE-4]]:10: note: relaxed load of 'y' here
// CHECK-MESSAGES: :[[@LINE-6]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
// CHECK-MESSAGES: :[[@LINE-6]]:10: note: relaxed load of 'y' here
// CHECK-FIXES:      {{^}}int goto_forward(int c) {{{$}}
// CHECK-FIXES:      {{^}}  qatomic_inc(&z);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES:      {{^}}out:{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* Backward: the retry loop made of a goto brings the RMW back to the load
 * at the label. */
int goto_backward(int tries) {
again:
  if (qatomic_read(&y))
    // CHECK-MESSAGES: :[[@LINE+3]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: relaxed load of 'y' here
    return 1;
  qatomic_inc(&x);
  if (tries--)
    goto again;
  return 0;
}
// CHECK-FIXES:      {{^}}int goto_backward(int tries) {{{$}}
// CHECK-FIXES:      {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (tries--){{$}}

/* --- Early returns --- */

/* Correct: the path that skips the barrier returns before any load. */
int early_return_skips_load(int c) {
  qatomic_inc(&x);
  if (c)
    return 0;
  smp_mb__after_rmw();
  return qatomic_read(&y);
}

/* Incorrect: the early return is on the path that has the barrier. */
int early_return_on_wrong_path(void) {
  int old = qatomic_fetch_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (old == 0) {
    smp_mb();
    return 0;
  }
  return qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int early_return_on_wrong_path(void) {{{$}}
// CHECK-FIXES:      {{^}}  int old = qatomic_fetch_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- Short-circuit operators and ?: --- */

/* The load only runs for one value of the left operand: still a path. */
int load_in_second_operand(int c) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (c && qatomic_read(&y))
    // CHECK-MESSAGES: :[[@LINE-1]]:12: note: relaxed load of 'y' here
    return 1;
  return c || qatomic_read(&z);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: relaxed load of 'z' here
}
// CHECK-FIXES:      {{^}}int load_in_second_operand(int c) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* Correct: the load is only evaluated after the left operand, a call whose
 * every path meets a full barrier. */
int full_barrier_helper(void) {
  smp_mb();
  return 1;
}
int load_after_barrier_operand(void) {
  qatomic_inc(&x);
  return full_barrier_helper() && qatomic_read(&y);
}

/* ?: with the RMW in one arm, and the load in one arm. */
int conditional_operator(int c) {
  int v = c ? qatomic_fetch_inc(&x) : 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return v + (c ? 0 : qatomic_read(&y));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int conditional_operator(int c) {{{$}}
// CHECK-FIXES:      {{^}}  int v = c ? qatomic_fetch_inc(&x) : 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- Statement expressions --- */

/* The RMW is a statement of the statement expression's block: the barrier
 * goes right after it, inside the braces. */
int statement_expression(void) {
  return ({ qatomic_inc(&x); qatomic_read(&y); });
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int statement_expression(void) {{{$}}
// CHECK-FIXES: {{^}}  return ({ qatomic_inc(&x); smp_mb__after_rmw(); qatomic_read(&y); });{{$}}

/* --- The RMW as a condition --- */

/* There is no statement after which to put the barrier: no fix-it, and a
 * note says what to do. */
int rmw_as_if_condition(void) {
  if (qatomic_fetch_inc(&x) == 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    return qatomic_read(&y);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: note: relaxed load of 'y' here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
  return 0;
}

int rmw_as_while_condition(void) {
  int r = 0;
  while (qatomic_xchg(&z, 0))
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: seq-cst read-modify-write 'qatomic_xchg' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    r += qatomic_read(&y);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
  return r;
}

/* Correct: the barrier is the first thing the loop body does, and the load
 * after the loop is behind one too. */
int rmw_as_while_condition_fixed(void) {
  int r = 0;
  while (qatomic_xchg(&z, 0)) {
    smp_mb__after_rmw();
    r += qatomic_read(&y);
  }
  smp_mb__after_rmw();
  return r + qatomic_read(&y);
}
