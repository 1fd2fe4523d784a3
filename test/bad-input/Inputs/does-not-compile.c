/* Atomic operations and barriers written wrongly in every way the checks
 * might trip over: clang reports the errors, the checks analyse what clang
 * recovers, and nothing crashes. */
#include "atomic.h"
struct S { int a; } s;
struct Incomplete *ip;
_Atomic struct S as;
int x, y, *p;
int order;
void f1(void) { qatomic_inc(&undeclared); qatomic_read(&y); }
void f2(void) { qatomic_fetch_add(&x); (void)qatomic_read(&y); }
void f3(void) { __atomic_fetch_add(&s, 1, __ATOMIC_SEQ_CST); (void)__atomic_load_n(&y, 42); }
void f4(void) { __atomic_fetch_add(ip, 1, order); (void)__atomic_load_n(&y, order); }
void f5(void) { as += 1; (void)qatomic_read(&y); }
void f6(void) { qatomic_inc(&x); goto nowhere; (void)qatomic_read(&y); }
int f7(void) { qatomic_inc(&x) return qatomic_read(&y); }
void f8(void) { qatomic_set(&y, 1); smp_mb(); (void)qatomic_read(&x); } /* f7's other thread */
void f9(int n) { int arr[n]; qatomic_inc(&arr[0]); (void)qatomic_read(&arr[undeclared2]); }
void f10(void) { __c11_atomic_fetch_add(&x, 1, 5); __c11_atomic_load(&y, 0); }
void f11(void) { qatomic_set_mb(&x); qatomic_store_release(&y); smp_mb__after_rmw(1); }
void f12(void) { qatomic_inc(p->q); (void)qatomic_read(&(*p).r); f12(1, 2); }
int f13(void) { return qatomic_cmpxchg(&x, 0); }
/* Pairs with smp_wmb() in f15(). */
void f14(void) { qatomic_inc(&f14); smp_rmb(); (void)qatomic_read(&f13); }
void f15(void) { qatomic_mb_set(&x); (void)qatomic_mb_read(); smp_wmb(
