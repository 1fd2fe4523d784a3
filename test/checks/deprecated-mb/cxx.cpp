// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu
// C++ translation units that include the C header are checked the same way.
#include <atomic.h>

struct Flag {
  int value;
  int get() { return qatomic_mb_read(&value); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  int get() { return qatomic_load_acquire(&value); }{{$}}
};

template <typename T> T load(T *p) { return qatomic_mb_read(p); }
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'qatomic_mb_read' is deprecated
// CHECK-FIXES: {{^}}template <typename T> T load(T *p) { return qatomic_load_acquire(p); }{{$}}
int use(Flag &f) { return f.get() + load(&f.value); }
