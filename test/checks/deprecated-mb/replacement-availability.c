// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu -DQEMU_VERSION_MAJOR=7
// QEMU 7's API has no qatomic_set_mb yet: no fix-it until the code defines
// one, and only for uses after the definition. A definition that does not
// take the same arguments does not count.
#include <atomic.h>

int flag, seen;

void before_definition(void) {
  qatomic_mb_set(&flag, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: 'qatomic_set_mb' (store followed by a full barrier) is not defined before this use; define it or include a header that provides it
  // CHECK-FIXES: {{^}}  qatomic_mb_set(&flag, 1);{{$}}
}

#define qatomic_set_mb(p) smp_mb()

void wrong_arity(void) {
  qatomic_mb_set(&flag, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: 'qatomic_set_mb'
  // CHECK-FIXES: {{^}}  qatomic_mb_set(&flag, 2);{{$}}
}

#undef qatomic_set_mb
#define qatomic_set_mb(p, v) ({ qatomic_set(p, v); smp_mb(); })

void after_definition(void) {
  qatomic_mb_set(&flag, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-FIXES: {{^}}  qatomic_set_mb(&flag, 3);{{$}}
  seen = qatomic_mb_read(&flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  seen = qatomic_load_acquire(&flag);{{$}}
}

#undef qatomic_set_mb

void after_undef(void) {
  qatomic_mb_set(&flag, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: 'qatomic_set_mb'
  // CHECK-FIXES: {{^}}  qatomic_mb_set(&flag, 4);{{$}}
}
