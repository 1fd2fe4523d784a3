// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu
#include <atomic.h>

int flag;

int suppressed(void) {
  int a = qatomic_mb_read(&flag); // NOLINT(atomics-deprecated-mb)
  int b = qatomic_mb_read(&flag); // NOLINT
  // NOLINTNEXTLINE(atomics-deprecated-mb)
  int c = qatomic_mb_read(&flag);
  // NOLINTBEGIN(atomics-*)
  int d = qatomic_mb_read(&flag);
  qatomic_mb_set(&flag, 0);
  // NOLINTEND(atomics-*)
  int e = qatomic_mb_read(&flag); // NOLINT(some-other-check)
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  int e = qatomic_load_acquire(&flag); // NOLINT(some-other-check){{$}}
  return a + b + c + d + e;
}
