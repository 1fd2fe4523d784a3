// Under ThreadSanitizer the barriers that are compiler barriers on x86
// (smp_mb__before_rmw, smp_mb__after_rmw, the exchange in qatomic_set_mb,
// smp_read_barrier_depends) must be real C11 fences, because TSan checks the
// C11 model and does not know that a locked instruction is a full barrier.
// TSan turns each fence into a call to __tsan_atomic_thread_fence(order);
// the order is 5 for seq_cst, 3 for release, 2 (Clang) or 1 (GCC) for
// consume. Clang is detected through __has_feature(thread_sanitizer), GCC
// through __SANITIZE_THREAD__. GCC warns that it does not instrument fences
// (-Wtsan), hence -Wno-tsan.
//
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -fsanitize=thread -I%S/../../lib/include %s --target=x86_64-linux-gnu | FileCheck %s
// RUN: gcc -O2 -S -o - -Wall -Wextra -Werror -Wno-tsan -fsanitize=thread -I%S/../../lib/include %s | FileCheck %s
//
// Without TSan, the same functions have no fence at all (see codegen.c):
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -I%S/../../lib/include %s --target=x86_64-linux-gnu | FileCheck %s --check-prefix=PLAIN
// RUN: gcc -O2 -S -o - -Wall -Wextra -Werror -I%S/../../lib/include %s | FileCheck %s --check-prefix=PLAIN

#include <atomics-tidy/atomic.h>

int x;

// CHECK-LABEL: {{^}}test_smp_mb__before_rmw:
// CHECK: movl $5, %edi
// CHECK-NEXT: call{{q?}} __tsan_atomic_thread_fence
// PLAIN-LABEL: {{^}}test_smp_mb__before_rmw:
// PLAIN-NOT: {{mfence|lock|xchg|call}}
// PLAIN: ret
void test_smp_mb__before_rmw(void) { smp_mb__before_rmw(); }

// CHECK-LABEL: {{^}}test_smp_mb__after_rmw:
// CHECK: movl $5, %edi
// CHECK-NEXT: call{{q?}} __tsan_atomic_thread_fence
// PLAIN-LABEL: {{^}}test_smp_mb__after_rmw:
// PLAIN-NOT: {{mfence|lock|xchg|call}}
// PLAIN: ret
void test_smp_mb__after_rmw(void) { smp_mb__after_rmw(); }

// A store-release followed by a seq-cst fence, not an exchange.
// CHECK-LABEL: {{^}}test_qatomic_set_mb:
// CHECK-NOT: __tsan_atomic32_exchange
// CHECK: movl $3, %edx
// CHECK: call{{q?}} __tsan_atomic32_store
// CHECK: movl $5, %edi
// CHECK-NEXT: call{{q?}} __tsan_atomic_thread_fence
// PLAIN-LABEL: {{^}}test_qatomic_set_mb:
// PLAIN-NOT: {{mfence|lock}}
// PLAIN: xchgl
// PLAIN-NOT: {{mfence|lock}}
// PLAIN: ret
void test_qatomic_set_mb(void) { qatomic_set_mb(&x, 1); }

// CHECK-LABEL: {{^}}test_smp_read_barrier_depends:
// CHECK: movl ${{[12]}}, %edi
// CHECK-NEXT: call{{q?}} __tsan_atomic_thread_fence
// PLAIN-LABEL: {{^}}test_smp_read_barrier_depends:
// PLAIN-NOT: {{mfence|lock|xchg|call}}
// PLAIN: ret
void test_smp_read_barrier_depends(void) { smp_read_barrier_depends(); }
