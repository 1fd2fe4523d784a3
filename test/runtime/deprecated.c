// qatomic_mb_read() and qatomic_mb_set() still compile, but every use makes
// the compiler itself warn (-Wdeprecated-declarations), at the caller's line,
// naming the replacement. (C: macros calling a deprecated no-op function;
// C++: deprecated function templates.) Made an error here, so that the test
// also shows the deprecation is the only thing wrong with this file.
//
// RUN: not %clang -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=CHECK,CLANG,C-CLANG
// RUN: not %clang -x c++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=CHECK,CLANG
// RUN: not gcc -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -I%S/../../lib/include %s 2>&1 | FileCheck %s
// RUN: not g++ -x c++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -I%S/../../lib/include %s 2>&1 | FileCheck %s
// Also when the header is installed as a system header, where compilers
// drop warnings that they place inside it:
// RUN: not %clang -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -isystem %S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=CHECK,CLANG,C-CLANG
// RUN: not %clang -x c++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -isystem %S/../../lib/include %s 2>&1 | FileCheck %s --check-prefixes=CHECK,CLANG
// RUN: not gcc -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -isystem %S/../../lib/include %s 2>&1 | FileCheck %s
// RUN: not g++ -x c++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror=deprecated-declarations -isystem %S/../../lib/include %s 2>&1 | FileCheck %s
// By default it is a warning, and the file compiles:
// RUN: %clang -fsyntax-only -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: gcc -fsyntax-only -I%S/../../lib/include %s 2>&1 | FileCheck %s --check-prefix=WARN
// -Wno-deprecated-declarations silences it completely:
// RUN: %clang -fsyntax-only -Werror -Wno-deprecated-declarations -I%S/../../lib/include %s 2>&1 | count 0
// RUN: g++ -x c++ -fsyntax-only -Werror -Wno-deprecated-declarations -I%S/../../lib/include %s 2>&1 | count 0

#include <atomics-tidy/atomic.h>

int flag;

// Nothing before the first use is reported.
// CHECK-NOT: {{error|warning}}:

int reader(void) {
  return qatomic_mb_read(&flag);
  // CHECK: deprecated.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}qatomic_mb_read{{.*}} is deprecated: use qatomic_load_acquire() instead [-Werror{{[,=]}}{{(-W)?}}deprecated-declarations]
  // C-CLANG: note: expanded from macro 'qatomic_mb_read'
}

void writer(void) {
  qatomic_mb_set(&flag, 1);
  // CHECK: deprecated.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}qatomic_mb_set{{.*}} is deprecated: use qatomic_set_mb() instead [-Werror{{[,=]}}{{(-W)?}}deprecated-declarations]
  // C-CLANG: note: expanded from macro 'qatomic_mb_set'
}

// The replacements themselves do not warn.
int fixed(void) {
  qatomic_set_mb(&flag, 1);
  return qatomic_load_acquire(&flag);
}

// Nothing else is reported.
// CHECK-NOT: {{error|warning}}:
// CLANG: 2 errors generated.

// WARN: warning: {{.*}}qatomic_mb_read{{.*}} is deprecated: use qatomic_load_acquire() instead
// WARN: warning: {{.*}}qatomic_mb_set{{.*}} is deprecated: use qatomic_set_mb() instead
// WARN-NOT: error
