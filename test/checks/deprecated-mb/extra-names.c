// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- \
// RUN:   --config="{CheckOptions: {atomics-deprecated-mb.ExtraNames: 'my_mb_read=my_load_acquire; legacy_sync_flag'}}" \
// RUN:   -- -isystem %inputs/qemu
// Project-specific names: with a replacement (fixed like the built-in ones)
// or without one (reported only).
#include <atomic.h>
#define my_load_acquire(p) qatomic_load_acquire(p)
#define my_mb_read(p) qatomic_mb_read(p)
int legacy_sync_flag(int *p);

int flag;

int project_names(void) {
  int a = my_mb_read(&flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'my_mb_read' is deprecated: it does not take part in the total order of sequentially consistent operations; use 'my_load_acquire' instead [atomics-deprecated-mb]
  // CHECK-FIXES: {{^}}  int a = my_load_acquire(&flag);{{$}}
  return a + legacy_sync_flag(&flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'legacy_sync_flag' is deprecated: it does not take part in the total order of sequentially consistent operations [atomics-deprecated-mb]
}
