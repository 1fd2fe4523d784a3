// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu
// Uses in the user's own macros are reported where the macro is used (the
// outermost expansion), with a note at the spelling; their fix belongs in the
// macro, so none is offered. Uses written as macro arguments are fixed in
// place. Uses inside a system header's macros or functions are the
// library's, and are not reported.
#include <atomic.h>
#include <wrappers.h>

int flag, count;

#define WAIT_FOR(x) while (!qatomic_mb_read(&(x))) {}
#define OUTER(x) WAIT_FOR(x)
#define CHECKED(e) ((e) ? 1 : 0)
#define TWICE(e) ((e) + (e))

void user_macros(void) {
  WAIT_FOR(flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_read' is deprecated
  // CHECK-MESSAGES: :12:29: note: no fix-it: 'qatomic_mb_read' is written inside macro 'WAIT_FOR'; replace it there
  OUTER(count);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_read' is deprecated
  // CHECK-MESSAGES: :12:29: note: no fix-it: 'qatomic_mb_read' is written inside macro 'WAIT_FOR'; replace it there
}

int macro_arguments(void) {
  int a = CHECKED(qatomic_mb_read(&flag));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  int a = CHECKED(qatomic_load_acquire(&flag));{{$}}
  int b = TWICE(qatomic_mb_read(&count));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  int b = TWICE(qatomic_load_acquire(&count));{{$}}
  return a + b;
}

int library_internals(void) {
  return LIB_WAIT_FLAG(&flag) + lib_peek(&count);
}
