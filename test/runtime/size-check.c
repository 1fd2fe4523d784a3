// Operands wider than a pointer are refused at compile time, with a message
// that says why and what to use instead, pointing at the caller's line (as
// the error's location with Clang, in an "in expansion of macro" note with
// GCC), in C and C++, for every kind of operation.
//
// RUN: not %clang -fsyntax-only -DWIDE_STRUCT -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=STRUCT,CLANG
// RUN: not %clang -x c++ -std=c++17 -fsyntax-only -DWIDE_STRUCT -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=STRUCT,CLANG
// RUN: not gcc -fsyntax-only -DWIDE_STRUCT -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=STRUCT,GCC
// RUN: not g++ -x c++ -std=c++17 -fsyntax-only -DWIDE_STRUCT -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=STRUCT,GCC
//
// On a 32-bit host a 64-bit integer is too wide for the generic operations...
// RUN: not %clang -fsyntax-only -ffreestanding --target=armv7-linux-gnueabihf -march=armv7-a -DINT64_GENERIC -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefix=I64-32
// RUN: not %clang -fsyntax-only -ffreestanding --target=i686-linux-gnu -DINT64_GENERIC -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefix=I64-32
// ... but fine on a 64-bit host,
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -ffreestanding --target=aarch64-linux-gnu -DINT64_GENERIC -I%S/../../lib/include %s
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -DINT64_GENERIC -I%S/../../lib/include %s
// RUN: gcc -fsyntax-only -Wall -Wextra -Werror -DINT64_GENERIC -I%S/../../lib/include %s
// and the _i64/_u64 functions compile everywhere, 32-bit hosts included
// (their code is checked in codegen.c).
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -ffreestanding --target=armv7-linux-gnueabihf -march=armv7-a -DINT64_FUNCTIONS -I%S/../../lib/include %s
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -ffreestanding --target=i686-linux-gnu -DINT64_FUNCTIONS -I%S/../../lib/include %s
// RUN: gcc -m32 -fsyntax-only -Wall -Wextra -Werror -ffreestanding -DINT64_FUNCTIONS -I%S/../../lib/include %s

#include <atomics-tidy/atomic.h>

#ifdef WIDE_STRUCT
struct wide {
  long a, b;
  void *c;
};
struct wide w, v;
__int128 n;

void use(void) {
  v = qatomic_read(&w);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer (64-bit values on 32-bit hosts: use qatomic_read_i64/qatomic_set_i64)
  // GCC: error: {{.*}}atomic operand is wider than a pointer (64-bit values on 32-bit hosts: use qatomic_read_i64/qatomic_set_i64)
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  qatomic_set(&w, v);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  v = qatomic_load_acquire(&w);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  qatomic_store_release(&w, v);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  v = qatomic_rcu_read(&w);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  qatomic_rcu_set(&w, v);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  v = qatomic_xchg(&w, v);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  v = qatomic_cmpxchg(&w, v, v);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  qatomic_set_mb(&w, v);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  qatomic_inc(&n);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  n = qatomic_fetch_add(&n, 2);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  n = qatomic_xor_fetch(&n, 2);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
  n = qatomic_fetch_inc_nonzero(&n);
  // CLANG: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
  // GCC: error: {{.*}}atomic operand is wider than a pointer
  // GCC: size-check.c:[[@LINE-3]]:{{[0-9]+}}: note: in expansion of macro
}
// Nothing else goes wrong.
// STRUCT-NOT: error:
#endif

#ifdef INT64_GENERIC
int64_t i64;
int64_t use(void) {
  qatomic_set(&i64, 1);
  // I64-32: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer (64-bit values on 32-bit hosts: use qatomic_read_i64/qatomic_set_i64)
  return qatomic_read(&i64);
  // I64-32: size-check.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}atomic operand is wider than a pointer
}
// I64-32-NOT: error:
#endif

#ifdef INT64_FUNCTIONS
int64_t i64;
uint64_t u64;
int64_t use(void) {
  qatomic_set_i64(&i64, 1);
  qatomic_set_u64(&u64, 2);
  return qatomic_read_i64(&i64) + (int64_t)qatomic_read_u64(&u64);
}
#endif
