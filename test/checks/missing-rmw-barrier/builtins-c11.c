// RUN: %check_atomics_tidy %s atomics-missing-rmw-barrier %t -- --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}"
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// Code written against C11's <stdatomic.h> and the compiler's builtins,
// without QEMU's header. The memory order comes from the operation itself:
// only seq-cst read-modify-writes need a barrier after them, and only loads
// weaker than seq-cst can pass them. With no smp_mb__after_rmw() in the
// translation unit, the fix-it inserts C11's full fence instead.
#include <stdatomic.h>

atomic_int x, y, refs;
_Atomic int counter;
int gx, gy;

/* --- <stdatomic.h> --- */

/* atomic_fetch_add() is seq-cst; a relaxed load of another variable after
 * it can be satisfied before its store is visible. */
int c11_fetch_add_then_relaxed_load(void) {
  atomic_fetch_add(&x, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'atomic_fetch_add' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return atomic_load_explicit(&y, memory_order_relaxed);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: relaxed load of 'y' here
}
// CHECK-FIXES:      {{^}}int c11_fetch_add_then_relaxed_load(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_fetch_add(&x, 1);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* An acq_rel RMW is not in the seq-cst total order: it promises nothing
 * about later loads, so there is nothing for a barrier to restore. */
int c11_acq_rel_rmw_is_not_a_source(void) {
  atomic_fetch_add_explicit(&x, 1, memory_order_acq_rel);
  return atomic_load_explicit(&y, memory_order_relaxed);
}

/* A seq-cst load is in the total order too: fine. So is reading the RMW's
 * own variable, with any order, and a seq-cst RMW after the RMW. */
int c11_seq_cst_load(void) {
  atomic_fetch_add(&x, 1);
  int v = atomic_load(&y);
  v += atomic_load_explicit(&x, memory_order_relaxed);
  v += atomic_exchange(&refs, 0);
  return v;
}

/* Only a seq-cst fence is a full barrier; acquire, release and acq_rel
 * fences are not, and an acquire load does not help either. */
int c11_fences(void) {
  atomic_fetch_sub(&x, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'atomic_fetch_sub' on 'x' is not a full barrier; the load-acquire of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  atomic_thread_fence(memory_order_acquire);
  atomic_thread_fence(memory_order_release);
  atomic_thread_fence(memory_order_acq_rel);
  int v = atomic_load_explicit(&y, memory_order_acquire);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: load-acquire of 'y' here; acquire orders the accesses after it, not the store before it
  atomic_exchange(&x, 0);
  atomic_thread_fence(memory_order_seq_cst);
  return v + atomic_load_explicit(&y, memory_order_consume);
}
// CHECK-FIXES:      {{^}}  atomic_fetch_sub(&x, 1);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* Compare-and-exchange (seq-cst on success) and exchange are RMWs too; a
 * consume load is an acquire load for this purpose. */
int c11_cmpxchg(void) {
  int expected = 0;
  atomic_compare_exchange_strong(&x, &expected, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'atomic_compare_exchange_strong' on 'x' is not a full barrier; the consume load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return atomic_load_explicit(&y, memory_order_consume);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: consume load of 'y' here; acquire orders the accesses after it, not the store before it
}
// CHECK-FIXES:      {{^}}  atomic_compare_exchange_strong(&x, &expected, 1);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* The RMW in a condition: the note names the barrier this file can use. */
int c11_rmw_in_condition(void) {
  if (atomic_fetch_sub(&refs, 1) == 1)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: seq-cst read-modify-write 'atomic_fetch_sub' on 'refs' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    return atomic_load_explicit(&y, memory_order_relaxed);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: note: relaxed load of 'y' here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: put 'atomic_thread_fence(memory_order_seq_cst)' between the read-modify-write and the load; no fix-it because the read-modify-write is part of a condition or loop header, not a statement of its own in a block
  return 0;
}

/* --- Operators on _Atomic objects: seq-cst operations --- */

/* counter += n, counter++ and --counter are seq-cst RMWs; reading an
 * _Atomic object plainly is a seq-cst load (fine), while a relaxed or
 * acquire RMW of another variable has a weak load half. */
int atomic_operators(int n) {
  counter += n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'counter += n' on 'counter' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  int v = atomic_load_explicit(&y, memory_order_relaxed);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: relaxed load of 'y' here
  atomic_thread_fence(memory_order_seq_cst);
  counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'counter++' on 'counter' is not a full barrier; the relaxed read-modify-write of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  v += y;
  v += atomic_fetch_add_explicit(&y, 1, memory_order_relaxed);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: relaxed read-modify-write of 'y' here
  atomic_thread_fence(memory_order_seq_cst);
  --counter;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write '--counter' on 'counter' is not a full barrier; the acquire read-modify-write of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  v += atomic_fetch_or_explicit(&y, 1, memory_order_acquire);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: acquire read-modify-write of 'y' here
  return v;
}
// CHECK-FIXES:      {{^}}  counter += n;{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}
// CHECK-FIXES:      {{^}}  counter++;{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}
// CHECK-FIXES:      {{^}}  --counter;{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* --- The __atomic builtins, order by order --- */

/* Only __ATOMIC_SEQ_CST makes an RMW a source. */
int builtin_rmw_orders(void) {
  int v = 0;
  __atomic_fetch_add(&gx, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&gx, 1, __ATOMIC_ACQUIRE);
  __atomic_fetch_add(&gx, 1, __ATOMIC_RELEASE);
  __atomic_fetch_add(&gx, 1, __ATOMIC_ACQ_REL);
  v += __atomic_load_n(&gy, __ATOMIC_RELAXED);
  __atomic_fetch_add(&gx, 1, __ATOMIC_SEQ_CST);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write '__atomic_fetch_add' on 'gx' is not a full barrier; the relaxed load of 'gy' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  v += __atomic_load_n(&gy, __ATOMIC_RELAXED);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: relaxed load of 'gy' here
  return v;
}
// CHECK-FIXES:      {{^}}  __atomic_fetch_add(&gx, 1, __ATOMIC_SEQ_CST);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* Relaxed, consume and acquire loads can pass a seq-cst RMW; a seq-cst load
 * cannot. Only the seq-cst fence clears; a signal fence orders nothing
 * between threads. */
int builtin_load_orders(void) {
  int v = 0, w;
  __atomic_exchange_n(&gx, 1, __ATOMIC_SEQ_CST);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write '__atomic_exchange_n' on 'gx' is not a full barrier; the consume load of 'gy' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  v += __atomic_load_n(&gy, __ATOMIC_SEQ_CST);
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  v += __atomic_load_n(&gy, __ATOMIC_CONSUME);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: consume load of 'gy' here; acquire orders the accesses after it, not the store before it
  __atomic_load(&gy, &w, __ATOMIC_ACQUIRE);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: load-acquire of 'gy' here; acquire orders the accesses after it, not the store before it
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  v += __atomic_load_n(&gy, __ATOMIC_RELAXED);
  return v + w;
}
// CHECK-FIXES:      {{^}}  __atomic_exchange_n(&gx, 1, __ATOMIC_SEQ_CST);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* A compare-exchange's success order decides; __atomic_test_and_set is an
 * RMW with an order too. */
int builtin_cmpxchg_and_test_and_set(void) {
  int expected = 0;
  __atomic_compare_exchange_n(&gx, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  int v = __atomic_load_n(&gy, __ATOMIC_RELAXED);
  __atomic_test_and_set(&gx, __ATOMIC_SEQ_CST);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write '__atomic_test_and_set' on 'gx' is not a full barrier; the relaxed load of 'gy' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return v + __atomic_load_n(&gy, __ATOMIC_RELAXED);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: relaxed load of 'gy' here
}
// CHECK-FIXES:      {{^}}  __atomic_test_and_set(&gx, __ATOMIC_SEQ_CST);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}

/* --- GCC's legacy __sync builtins --- */

/* The __sync RMWs are full barriers (GCC documents them so: that is the
 * difference from C11's seq-cst RMWs the 2023 series describes), and so is
 * __sync_synchronize(). */
int sync_builtins(void) {
  __sync_fetch_and_add(&gx, 1);
  int v = __atomic_load_n(&gy, __ATOMIC_RELAXED);
  __sync_val_compare_and_swap(&gx, 0, 1);
  v += __atomic_load_n(&gy, __ATOMIC_RELAXED);
  __atomic_add_fetch(&gx, 1, __ATOMIC_SEQ_CST);
  __sync_synchronize();
  return v + __atomic_load_n(&gy, __ATOMIC_RELAXED);
}

/* Except __sync_lock_test_and_set(), which GCC documents as an acquire
 * barrier only: its load half is an acquire load, and it does not clear. */
int sync_lock_test_and_set(void) {
  __atomic_add_fetch(&gx, 1, __ATOMIC_SEQ_CST);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write '__atomic_add_fetch' on 'gx' is not a full barrier; the acquire read-modify-write of 'gy' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  int v = __sync_lock_test_and_set(&gy, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: acquire read-modify-write of 'gy' here
  return v;
}
// CHECK-FIXES:      {{^}}int sync_lock_test_and_set(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  __atomic_add_fetch(&gx, 1, __ATOMIC_SEQ_CST);{{$}}
// CHECK-FIXES-NEXT: {{^}}  atomic_thread_fence(memory_order_seq_cst);{{$}}
