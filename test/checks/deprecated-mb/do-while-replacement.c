// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu -DQEMU_VERSION_MAJOR=7
// A replacement written as do { } while (0) is a statement: it may only
// replace a use that is a statement of its own.
#include <atomic.h>
#define qatomic_set_mb(p, v) do { qatomic_set(p, v); smp_mb(); } while (0)

int flag;

void uses(int c) {
  qatomic_mb_set(&flag, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-FIXES: {{^}}  qatomic_set_mb(&flag, 1);{{$}}
  if (c)
    qatomic_mb_set(&flag, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'qatomic_mb_set' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix-it: 'qatomic_set_mb' expands to a do-while statement and this use is not a statement of its own
  // CHECK-FIXES: {{^}}    qatomic_mb_set(&flag, 2);{{$}}
  { qatomic_mb_set(&flag, 3); }
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'qatomic_mb_set' is deprecated
  // CHECK-FIXES: {{^}}  { qatomic_set_mb(&flag, 3); }{{$}}
}
