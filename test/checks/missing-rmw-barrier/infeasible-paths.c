// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// Paths that C does not take, and the check must not follow: past a call
// that never returns, and through a condition whose value clang computes by
// merging paths before it branches on it.
#include <atomic.h>

int x, y, z;
void other_work(void);

/* --- Calls that never return --- */

/* Loops forever: nothing after a call to it runs. */
void serve_forever(void) {
  for (;;)
    other_work();
}

/* Returns only through a path that never ends either. */
void wait_then_serve(int n) {
  while (n)
    n--;
  serve_forever();
}

/* Recurses without end: each call makes another. */
int chase(int n) {
  return chase(n + 1);
}

void after_endless_loop(void) {
  serve_forever();
  qatomic_inc(&x);
  (void)qatomic_read(&y);
}

void after_function_that_ends_in_one(void) {
  wait_then_serve(3);
  qatomic_inc(&x);
  (void)qatomic_read(&y);
}

void after_endless_recursion(void) {
  chase(0);
  qatomic_inc(&x);
  (void)qatomic_read(&y);
}

/* Before the call the path is real: the load in the condition runs. */
void before_endless_loop(int c) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (qatomic_read(&y))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: relaxed load of 'y' here
    serve_forever();
  (void)qatomic_read(&z);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: relaxed load of 'z' here
}
// CHECK-FIXES:      {{^}}void before_endless_loop(int c) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* Recursion that can end returns, and what follows it runs. */
int count_down(int n) {
  return n ? count_down(n - 1) : 0;
}

void after_recursion_that_ends(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  count_down(5);
  (void)qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}void after_recursion_that_ends(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- Conditions clang merges before branching --- */

/* The loop ends only when the RMW's test fails, and then the barrier has
   run: the path from a true test to the exit does not exist. */
void do_while_or(void) {
  do {
    other_work();
  } while (qatomic_fetch_dec(&x) > 1 || (smp_mb(), 0));
  (void)qatomic_read(&y);
}

/* With && the loop can end right after the RMW. */
void do_while_and(void) {
  do {
    other_work();
  } while (qatomic_fetch_dec(&x) > 1 && (smp_mb(), 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: seq-cst read-modify-write 'qatomic_fetch_dec' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  (void)qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
}

/* Under '!' the branches swap: the load runs only where the barrier did. */
void negated_or(void) {
  if (!(qatomic_fetch_dec(&x) > 1 || (smp_mb(), 0)))
    (void)qatomic_read(&y);
}

/* The same, with the merged value negated twice and behind a comma. */
void comma_and_double_negation(void) {
  if ((other_work(), !!(qatomic_fetch_dec(&x) > 1 || (smp_mb(), 0))))
    return;
  (void)qatomic_read(&y);
}

/* ?: with constant arms: a true test gives 1, a false one runs the barrier
   and gives 0. Only the then-branch can follow the RMW without it. */
void conditional_with_constants(void) {
  if (qatomic_fetch_dec(&x) > 1 ? 1 : (smp_mb(), 0))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: seq-cst read-modify-write 'qatomic_fetch_dec' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    (void)qatomic_read(&y);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: note: relaxed load of 'y' here
  else
    (void)qatomic_read(&z);
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
}

/* A statement expression's value is merged too. */
void statement_expression_value(void) {
  while (({ other_work(); qatomic_fetch_dec(&x) > 1 || (smp_mb(), 0); }))
    other_work();
  (void)qatomic_read(&y);
}
