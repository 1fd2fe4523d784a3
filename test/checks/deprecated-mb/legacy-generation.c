// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu
// Code from before QEMU's late-2020 rename keeps its generation: the
// replacement of atomic_mb_read is atomic_load_acquire. atomic_set_mb never
// existed, so atomic_mb_set gets no fix-it and a note saying why.
#include <atomic-legacy.h>

int pending, done;

int consumer(void) {
  if (atomic_mb_read(&pending) == 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'atomic_mb_read' is deprecated: it does not take part in the total order of sequentially consistent operations; use 'atomic_load_acquire' instead [atomics-deprecated-mb]
    // CHECK-FIXES: {{^}}  if (atomic_load_acquire(&pending) == 0){{$}}
    return 0;
  atomic_mb_set(&done, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'atomic_mb_set' is deprecated: it does not take part in the total order of sequentially consistent operations; use 'atomic_set_mb' instead [atomics-deprecated-mb]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: 'atomic_set_mb' (store followed by a full barrier) is not defined before this use; define it or include a header that provides it
  // CHECK-FIXES: {{^}}  atomic_mb_set(&done, 1);{{$}}
  return atomic_fetch_inc(&pending);
}
