// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// Where the fix-it puts the barrier: on a new line right after the RMW's
// statement, indented like it; on the same line when more code follows on
// that line. Where no statement of its own can take it, or the statement is
// a macro's, there is no fix-it and a note says why. The harness compiles
// the fixed file.
#include <atomic.h>

struct Ctx {
  int flags;
  int notify_me;
};

int x, y, z;

/* Tabs, and spaces in a nested block: the statement's own indentation. */
int tab_indented(int c) {
	if (c) {
		qatomic_inc(&x);
		// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
		return qatomic_read(&y);
		// CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
	}
	return 0;
}
// CHECK-FIXES:      {{^}}		qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}		smp_mb__after_rmw();{{$}}

int space_indented(struct Ctx *ctx, int c) {
  if (c) {
    for (;;) {
      {
        qatomic_or(&ctx->flags, 1);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: seq-cst read-modify-write 'qatomic_or' on 'ctx->flags' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
        if (qatomic_read(&ctx->notify_me))
          // CHECK-MESSAGES: :[[@LINE-1]]:13: note: relaxed load of 'ctx->notify_me' here
          return 1;
      }
    }
  }
  return 0;
}
// CHECK-FIXES:      {{^}}        qatomic_or(&ctx->flags, 1);{{$}}
// CHECK-FIXES-NEXT: {{^}}        smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NEXT: {{^}}        //{{$}}
// CHECK-FIXES-NEXT: {{^}}        if (qatomic_read(&ctx->notify_me)){{$}}

/* A trailing line comment stays with its statement: the barrier goes on
 * the next line. A block comment is code-like: the barrier goes before it
 * on the same line. */
int trailing_comments(void) {
  qatomic_inc(&x); // count the waiter
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  int v = qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: relaxed load of 'y' here
  smp_mb();
  qatomic_inc(&z); /* and the other one */
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return v + qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}  qatomic_inc(&x); // count the waiter{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES:      {{^}}  qatomic_inc(&z); smp_mb__after_rmw(); /* and the other one */{{$}}

/* Two statements on one line, and a statement closing its block on the
 * line: the barrier goes right after the RMW's ';'. */
int same_line(int c) {
  qatomic_inc(&x); int v = qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: relaxed load of 'y' here
  smp_mb();
  if (c) { qatomic_inc(&z); } v += qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:36: note: relaxed load of 'y' here
  return v;
}
// CHECK-FIXES: {{^}}  qatomic_inc(&x); smp_mb__after_rmw(); int v = qatomic_read(&y);{{$}}
// CHECK-FIXES: {{^}}  if (c) { qatomic_inc(&z); smp_mb__after_rmw(); } v += qatomic_read(&y);{{$}}

/* A declaration with an initializer, and a statement over several lines:
 * after the ';', indented like the statement's first line. */
int declarations(struct Ctx *ctx) {
  int old = qatomic_fetch_or(&ctx->flags,
                             4);
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: seq-cst read-modify-write 'qatomic_fetch_or' on 'ctx->flags' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return old | qatomic_read(&ctx->notify_me);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: note: relaxed load of 'ctx->notify_me' here
}
// CHECK-FIXES:      {{^}}  int old = qatomic_fetch_or(&ctx->flags,{{$}}
// CHECK-FIXES-NEXT: {{^}}                             4);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* Two RMWs in one statement: one barrier after it serves both. */
int two_rmws_one_statement(void) {
  int v = qatomic_fetch_inc(&x) + qatomic_fetch_inc(&z);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+3]]:14: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-3]]:35: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+1]]:14: note: relaxed load of 'y' here
  return v + qatomic_read(&y);
}
// CHECK-FIXES:      {{^}}  int v = qatomic_fetch_inc(&x) + qatomic_fetch_inc(&z);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}

/* --- No fix-it --- */

/* The body of an if or a loop without braces: a barrier after it would be
 * outside the if (run on every path) or the loop, and the braces are the
 * author's call. */
int unbraced_bodies(int c) {
  if (c)
    qatomic_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  int v = qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is {{.*}}body{{.*}}
  smp_mb();
  while (c--)
    qatomic_inc(&z);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return v + qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is {{.*}}body{{.*}}
}
// CHECK-FIXES:      {{^}}    qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    //{{$}}
// CHECK-FIXES:      {{^}}    qatomic_inc(&z);{{$}}
// CHECK-FIXES-NEXT: {{^}}    //{{$}}

/* The RMW's value is returned: the caller is where a barrier can go. */
static int take_ticket(void) {
  return qatomic_fetch_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE+6]]:11: note: 'take_ticket' can return with the read-modify-write on 'x' not yet followed by a full barrier
  // CHECK-MESSAGES: :[[@LINE+6]]:14: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a return statement
}

int use_ticket(void) {
  int t = take_ticket();
  return t + qatomic_read(&y);
}

/* A user macro that is an expression: the barrier goes after the statement
 * that uses it. A macro that is a whole statement, ';' included, or that
 * also performs the load, is the macro author's to fix: inserting after its
 * use would be after the load. */
#define BUMP(v) qatomic_inc(&(v))
#define BUMP_STMT(v) qatomic_inc(&(v));
#define BUMP_AND_PEEK(v, w, out) do { qatomic_inc(&(v)); (out) = qatomic_read(&(w)); } while (0)

int user_macros(void) {
  int v;
  BUMP(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  v = qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: relaxed load of 'y' here
  smp_mb();
  BUMP_STMT(z)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  v += qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the statement is written inside a macro
  smp_mb();
  int w;
  BUMP_AND_PEEK(x, y, w);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: relaxed load of 'y' here
  // The load is in the macro too, so in the same statement as the RMW: a
  // barrier after the statement would come after the load.
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the load is part of the same statement
  smp_mb();
  return v + w;
}
// CHECK-FIXES:      {{^}}  BUMP(x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES:      {{^}}  BUMP_STMT(z){{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}
// CHECK-FIXES:      {{^}}  BUMP_AND_PEEK(x, y, w);{{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}

/* The load in the same statement as the RMW, after it: a barrier after the
 * statement would come after the load too. */
int load_in_same_statement(void) {
  int a = qatomic_fetch_inc(&x), b = qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:38: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because {{.*}}
  smp_mb();
  a = qatomic_fetch_inc(&z), b += qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:35: note: relaxed load of 'y' here
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because {{.*}}
  smp_mb();
  return a + b;
}
// CHECK-FIXES:      {{^}}  int a = qatomic_fetch_inc(&x), b = qatomic_read(&y);{{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}
// CHECK-FIXES:      {{^}}  a = qatomic_fetch_inc(&z), b += qatomic_read(&y);{{$}}
// CHECK-FIXES-NEXT: {{^}}  //{{$}}

/* A load in the argument of another operation's macro: the note points at
 * the load itself, not at the macro around it. */
void load_in_macro_argument(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  qatomic_set(&z, qatomic_read(&y));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}  qatomic_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* The same as the RMW's own operand: the load comes before the RMW's store,
 * and the next RMW follows it. */
void load_as_operand(void) {
  qatomic_add(&x, qatomic_read(&y));
  qatomic_add(&z, qatomic_read(&y) + 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: seq-cst read-modify-write 'qatomic_add' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: relaxed load of 'y' here
  smp_mb();
}
// CHECK-FIXES:      {{^}}  qatomic_add(&x, qatomic_read(&y));{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NEXT: {{^}}  qatomic_add(&z, qatomic_read(&y) + 1);{{$}}

/* --- Statement expressions --- */

int peek_y(void) { return qatomic_read(&y); }

/* Its value discarded: the barrier goes right after the RMW, inside. */
void statement_expression_discarded(void) {
  (void)({
    qatomic_inc(&z);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    // CHECK-MESSAGES: :[[@LINE+4]]:9: note: relaxed load of 'y' here
    qatomic_fetch_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  });
  (void)qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}    qatomic_inc(&z);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}
// CHECK-FIXES:      {{^}}    qatomic_fetch_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NEXT: {{^}}    //{{$}}
// CHECK-FIXES-NEXT: {{^}}  });{{$}}

/* Its value used: a barrier after the RMW would become the value, so it
 * goes after the statement that uses it; in a condition, it cannot go. */
int statement_expression_used(void) {
  int v = ({
    qatomic_fetch_inc(&x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  });
  v += qatomic_read(&y);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: relaxed load of 'y' here
  smp_mb();
  if (({ qatomic_fetch_inc(&z); }))
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'z' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    v += qatomic_read(&y);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
  return v;
}
// CHECK-FIXES:      {{^}}  int v = ({{{$}}
// CHECK-FIXES-NEXT: {{^}}    qatomic_fetch_inc(&x);{{$}}
// CHECK-FIXES-NEXT: {{^}}    //{{$}}
// CHECK-FIXES-NEXT: {{^}}  });{{$}}
// CHECK-FIXES-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-NEXT: {{^}}  v += qatomic_read(&y);{{$}}

/* --- A call in the RMW's statement performs the load --- */

/* A barrier after the statement would come after the call's load. */
void load_in_call_of_same_statement(void) {
  qatomic_set(&z, qatomic_fetch_inc(&x) + peek_y());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: seq-cst read-modify-write 'qatomic_fetch_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES: :[[@LINE-2]]:43: note: 'peek_y' can perform the relaxed load of 'y' before any full barrier
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: put 'smp_mb__after_rmw()' between the read-modify-write and the load; no fix-it because 'peek_y', called in the same statement, can perform the load
}
