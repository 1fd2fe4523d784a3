// The whole API of <atomics-tidy/atomic.h>, every macro and function used at
// least once (checked below against the header's own list), compiled with
// warnings as errors by Clang and GCC, as C (c11, gnu11) and C++ (c++11,
// c++17), for the host and, freestanding, for the other architectures; then
// run, checking the values the operations return.
//
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: %clang -std=gnu11 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: %clang -x c++ -std=c++11 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: %clang -x c++ -std=c++17 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: gcc -std=c11 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: gcc -std=gnu11 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: g++ -x c++ -std=c++11 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
// RUN: g++ -x c++ -std=c++17 -Wall -Wextra -Wshadow -Werror -fsyntax-only -I%S/../../lib/include %s
//
// Other targets: some warnings (-Watomic-alignment) only appear when code is
// generated, so generate it.
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=aarch64-linux-gnu
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=armv7-linux-gnueabihf -march=armv7-a
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=i686-linux-gnu
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=powerpc64le-linux-gnu
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=riscv64-linux-gnu -march=rv64gc
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=s390x-linux-gnu
// 32-bit MIPS has no 64-bit atomics: the _i64 functions call libatomic
// there, which must not warn in every file that includes the header.
// RUN: %clang -std=c11 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=mips-linux-gnu
// RUN: %clang -x c++ -std=c++17 -Wall -Wextra -Wshadow -Werror -ffreestanding -S -o /dev/null -I%S/../../lib/include %s --target=aarch64-linux-gnu
//
// Run it, with each compiler.
// RUN: %clang -std=c11 -O2 -Wall -Wextra -Werror -DRUN_CHECKS -I%S/../../lib/include %s -o %t.clang
// RUN: %t.clang | FileCheck %s
// RUN: gcc -std=gnu11 -O2 -Wall -Wextra -Werror -DRUN_CHECKS -I%S/../../lib/include %s -o %t.gcc
// RUN: %t.gcc | FileCheck %s
// RUN: g++ -x c++ -std=c++17 -O2 -Wall -Wextra -Werror -DRUN_CHECKS -I%S/../../lib/include %s -o %t.gxx
// RUN: %t.gxx | FileCheck %s
// The deprecated pair still works (its warning is tested in deprecated.c).
// RUN: %clang -std=c11 -O2 -Wall -Wextra -Werror -Wno-deprecated-declarations -DRUN_CHECKS -DUSE_DEPRECATED -I%S/../../lib/include %s -o %t.dep
// RUN: %t.dep | FileCheck %s --check-prefixes=CHECK,DEPRECATED
// RUN: g++ -x c++ -std=c++11 -O2 -Wall -Wextra -Werror -Wno-deprecated-declarations -DRUN_CHECKS -DUSE_DEPRECATED -I%S/../../lib/include %s -o %t.depxx
// RUN: %t.depxx | FileCheck %s --check-prefixes=CHECK,DEPRECATED
//
// CHECK: api: {{[1-9][0-9]*}} checks passed
// DEPRECATED: api: deprecated qatomic_mb_read/qatomic_mb_set checked
//
// Every lower-case macro and every function the header defines is used here
// (comments removed first, so that a mention does not count).
// RUN: sed -e 's://.*$::' %s > %t.code
// RUN: grep -oE '^#define [a-z][a-z0-9_]*\(' %S/../../lib/include/atomics-tidy/atomic.h | sed -e 's/^#define //' -e 's/($//' > %t.names
// RUN: grep -oE '^static __inline__ [a-z0-9_]+ [a-z][a-z0-9_]*\(' %S/../../lib/include/atomics-tidy/atomic.h | sed -e 's/.* //' -e 's/($//' >> %t.names
// RUN: FileCheck %s --check-prefix=NAMES < %t.names
// RUN: sort -u %t.names | while read name; do grep -qE "(^|[^A-Za-z0-9_])${name}[[:space:]]*\(" %t.code || echo "not used: ${name}"; done > %t.missing
// RUN: count 0 < %t.missing
// The list is the real one (spot checks of each kind):
// NAMES-DAG: {{^}}barrier{{$}}
// NAMES-DAG: {{^}}smp_mb__after_rmw{{$}}
// NAMES-DAG: {{^}}qatomic_set_mb{{$}}
// NAMES-DAG: {{^}}qatomic_fetch_inc_nonzero{{$}}
// NAMES-DAG: {{^}}qatomic_read_i64{{$}}
// NAMES-DAG: {{^}}qatomic_mb_read{{$}}
// NAMES-DAG: {{^}}qatomic_mb_read_is_deprecated{{$}}

#include <atomics-tidy/atomic.h>

#include <stdbool.h>
#include <stddef.h>

#ifdef RUN_CHECKS
#include <stdio.h>
#include <stdlib.h>
static int checks;
#define EXPECT(cond)                                                           \
  do {                                                                         \
    checks++;                                                                  \
    if (!(cond)) {                                                             \
      printf("api: FAILED at line %d: %s\n", __LINE__, #cond);                 \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)
#else
#define EXPECT(cond) ((void)(cond))
#endif

struct node {
  int v;
  struct node *next;
};
// A small struct, naturally aligned, is a valid operand too.
struct pair {
  short lo, hi;
} __attribute__((aligned(4)));

static int i;
static unsigned char uc;
static long l;
static bool flag;
static int *ip;
static struct node *head;
static struct pair pr;
static int64_t i64;
static uint64_t u64;
static const volatile int cvi = 7;

// In C the deprecated pair calls these deprecated no-op functions; they are
// among the header's names, so the name check above wants them used.
#if defined(USE_DEPRECATED) && !defined(__cplusplus)
static void call_deprecated_helpers(void) {
  qatomic_mb_read_is_deprecated();
  qatomic_mb_set_is_deprecated();
}
#endif

static void barriers(void) {
  barrier();
  signal_barrier();
  smp_mb();
  smp_rmb();
  smp_wmb();
  smp_mb_acquire();
  smp_mb_release();
  smp_read_barrier_depends();
  smp_mb__before_rmw();
  smp_mb__after_rmw();
  // All are expressions of type void.
  (void)(barrier(), smp_mb(), smp_mb__after_rmw());
}

static void relaxed(void) {
  qatomic_set(&i, 5);
  EXPECT(qatomic_read(&i) == 5);
  EXPECT(qatomic_read(&cvi) == 7); // const volatile source: fine
  qatomic_set(&flag, 1);
  EXPECT(qatomic_read(&flag));
  qatomic_set(&ip, &i);
  EXPECT(qatomic_read(&ip) == &i);
  qatomic_set(&ip, NULL);
  EXPECT(qatomic_read(&ip) == NULL);
  struct pair p = {1, 2};
  qatomic_set(&pr, p);
  struct pair q = qatomic_read(&pr);
  EXPECT(q.lo == 1 && q.hi == 2);
  qatomic_set__nocheck(&l, 9L);
  EXPECT(qatomic_read__nocheck(&l) == 9);

  qatomic_set_i64(&i64, -((int64_t)1 << 40));
  EXPECT(qatomic_read_i64(&i64) == -((int64_t)1 << 40));
  qatomic_set_u64(&u64, (uint64_t)1 << 63);
  EXPECT(qatomic_read_u64(&u64) == (uint64_t)1 << 63);
}

static void acquire_release(void) {
  qatomic_store_release(&i, 11);
  EXPECT(qatomic_load_acquire(&i) == 11);
  static struct node n = {42, NULL};
  qatomic_rcu_set(&head, &n);
  struct node *h = qatomic_rcu_read(&head);
  EXPECT(h == &n && h->v == 42);
}

static void rmw(void) {
  qatomic_set(&i, 10);
  qatomic_inc(&i);
  EXPECT(qatomic_read(&i) == 11);
  qatomic_dec(&i);
  EXPECT(qatomic_read(&i) == 10);
  qatomic_add(&i, 5);
  EXPECT(qatomic_read(&i) == 15);
  qatomic_sub(&i, 3);
  EXPECT(qatomic_read(&i) == 12);
  qatomic_and(&i, 4);
  EXPECT(qatomic_read(&i) == 4);
  qatomic_or(&i, 3);
  EXPECT(qatomic_read(&i) == 7);
  qatomic_xor(&i, 5);
  EXPECT(qatomic_read(&i) == 2);

  // fetch_*: the old value.
  EXPECT(qatomic_fetch_inc(&i) == 2 && qatomic_read(&i) == 3);
  EXPECT(qatomic_fetch_dec(&i) == 3 && qatomic_read(&i) == 2);
  EXPECT(qatomic_fetch_add(&i, 10) == 2 && qatomic_read(&i) == 12);
  EXPECT(qatomic_fetch_sub(&i, 2) == 12 && qatomic_read(&i) == 10);
  EXPECT(qatomic_fetch_and(&i, 6) == 10 && qatomic_read(&i) == 2);
  EXPECT(qatomic_fetch_or(&i, 1) == 2 && qatomic_read(&i) == 3);
  EXPECT(qatomic_fetch_xor(&i, 1) == 3 && qatomic_read(&i) == 2);

  // *_fetch: the new value.
  EXPECT(qatomic_inc_fetch(&i) == 3);
  EXPECT(qatomic_dec_fetch(&i) == 2);
  EXPECT(qatomic_add_fetch(&i, 8) == 10);
  EXPECT(qatomic_sub_fetch(&i, 4) == 6);
  EXPECT(qatomic_and_fetch(&i, 3) == 2);
  EXPECT(qatomic_or_fetch(&i, 5) == 7);
  EXPECT(qatomic_xor_fetch(&i, 1) == 6);

  // Narrow operands keep their type: 255 + 1 wraps to 0.
  qatomic_set(&uc, 255);
  EXPECT(qatomic_inc_fetch(&uc) == 0);

  EXPECT(qatomic_xchg(&i, 20) == 6 && qatomic_read(&i) == 20);
  EXPECT(qatomic_xchg__nocheck(&i, 21) == 20 && qatomic_read(&i) == 21);
  EXPECT(qatomic_cmpxchg(&i, 21, 22) == 21 && qatomic_read(&i) == 22);   // hit
  EXPECT(qatomic_cmpxchg(&i, 0, 23) == 22 && qatomic_read(&i) == 22);    // miss
  EXPECT(qatomic_cmpxchg__nocheck(&i, 22, 24) == 22 && qatomic_read(&i) == 24);
  struct pair a = {1, 2}, b = {3, 4};
  qatomic_set(&pr, a);
  struct pair old = qatomic_cmpxchg(&pr, a, b);
  EXPECT(old.lo == 1 && qatomic_read(&pr).lo == 3);
  int *oldp = qatomic_xchg(&ip, &i);
  EXPECT(oldp == NULL && qatomic_read(&ip) == &i);

  // fetch_inc_nonzero: no increment from 0; the pointer is evaluated once.
  qatomic_set(&i, 0);
  EXPECT(qatomic_fetch_inc_nonzero(&i) == 0 && qatomic_read(&i) == 0);
  qatomic_set(&i, 5);
  EXPECT(qatomic_fetch_inc_nonzero(&i) == 5 && qatomic_read(&i) == 6);
  int arr[2] = {1, 1};
  int *cursor = arr;
  EXPECT(qatomic_fetch_inc_nonzero(cursor++) == 1 && cursor == arr + 1 &&
         arr[0] == 2 && arr[1] == 1);
  qatomic_set(&uc, 200);
  EXPECT(qatomic_fetch_inc_nonzero(&uc) == 200 && qatomic_read(&uc) == 201);
}

static void set_mb(void) {
  qatomic_set_mb(&i, 30);
  EXPECT(qatomic_read(&i) == 30);
  // An expression of type void.
  (void)qatomic_set_mb(&flag, 0);
  EXPECT(!qatomic_read(&flag));
}

static void nesting(void) {
  // Nested uses neither shadow each other (-Wshadow) nor mix up their
  // temporaries.
  qatomic_set(&i, 1);
  qatomic_set(&l, 2L);
  qatomic_set(&i, qatomic_xchg(&i, (int)qatomic_read(&l)) + 10);
  EXPECT(qatomic_read(&i) == 11);
  EXPECT(qatomic_cmpxchg(&i, qatomic_read(&l), 0) == 11); // miss
  EXPECT(qatomic_cmpxchg(&i, 11, qatomic_fetch_add(&l, 1) + 1) == 11);
  EXPECT(qatomic_read(&i) == 3 && qatomic_read(&l) == 3);
  // A caller's variable with the header's temporary naming scheme.
  int atomics_tidy_tmp_ = 8;
  qatomic_set(&i, atomics_tidy_tmp_);
  EXPECT(qatomic_read(&i) == 8);
}

#ifdef USE_DEPRECATED
static void deprecated(void) {
  qatomic_mb_set(&i, 40);
  EXPECT(qatomic_mb_read(&i) == 40);
  qatomic_mb_set(&flag, true);
  EXPECT(qatomic_mb_read(&flag));
  qatomic_mb_set(&ip, &i);
  EXPECT(qatomic_mb_read(&ip) == &i);
#ifndef __cplusplus
  call_deprecated_helpers();
#endif
}
#endif

int run_all(void);
int run_all(void) {
  barriers();
  relaxed();
  acquire_release();
  rmw();
  set_mb();
  nesting();
#ifdef USE_DEPRECATED
  deprecated();
#endif
  return 0;
}

#ifdef RUN_CHECKS
int main(void) {
  run_all();
  printf("api: %d checks passed\n", checks);
#ifdef USE_DEPRECATED
  printf("api: deprecated qatomic_mb_read/qatomic_mb_set checked\n");
#endif
  return 0;
}
#endif
