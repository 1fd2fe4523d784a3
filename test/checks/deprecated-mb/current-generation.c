// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t -- -- -isystem %inputs/qemu
// QEMU 8.0's API: both replacements are defined, so every use written
// directly in this file gets a fix-it.
#include <atomic.h>

struct ctx {
  int notify_me;
  int flags[4];
};

int ready, stop;
struct ctx global_ctx;

void as_statements(struct ctx *c) {
  qatomic_mb_set(&ready, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated: it does not take part in the total order of sequentially consistent operations; use 'qatomic_set_mb' instead [atomics-deprecated-mb]
  // CHECK-FIXES: {{^}}  qatomic_set_mb(&ready, 1);{{$}}
  qatomic_mb_set(&c->notify_me, qatomic_mb_read(&stop) + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:33: warning: 'qatomic_mb_read' is deprecated: it does not take part in the total order of sequentially consistent operations; use 'qatomic_load_acquire' instead [atomics-deprecated-mb]
  // CHECK-FIXES: {{^}}  qatomic_set_mb(&c->notify_me, qatomic_load_acquire(&stop) + 1);{{$}}
}

int in_expressions(struct ctx *c, int i) {
  int v = qatomic_mb_read(&c->flags[i]) * 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  int v = qatomic_load_acquire(&c->flags[i]) * 2;{{$}}
  v += c->flags[0] ? qatomic_mb_read(&ready) : qatomic_mb_read(&stop);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'qatomic_mb_read' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:48: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  v += c->flags[0] ? qatomic_load_acquire(&ready) : qatomic_load_acquire(&stop);{{$}}
  return v;
}

int in_conditions(struct ctx *c) {
  while (!qatomic_mb_read(&ready)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'qatomic_mb_read' is deprecated
    // CHECK-FIXES: {{^}}  while (!qatomic_load_acquire(&ready)) {{{$}}
    if (qatomic_mb_read(&stop))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'qatomic_mb_read' is deprecated
      // CHECK-FIXES: {{^}}    if (qatomic_load_acquire(&stop)){{$}}
      return 0;
  }
  for (int i = 0; i < qatomic_mb_read(&c->notify_me); i++)
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'qatomic_mb_read' is deprecated
    // CHECK-FIXES: {{^}}  for (int i = 0; i < qatomic_load_acquire(&c->notify_me); i++){{$}}
    qatomic_mb_set(&c->flags[i & 3], i);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'qatomic_mb_set' is deprecated
    // CHECK-FIXES: {{^}}    qatomic_set_mb(&c->flags[i & 3], i);{{$}}
  return qatomic_mb_read(&ready) && qatomic_mb_read(&global_ctx.notify_me);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'qatomic_mb_read' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:37: warning: 'qatomic_mb_read' is deprecated
  // CHECK-FIXES: {{^}}  return qatomic_load_acquire(&ready) && qatomic_load_acquire(&global_ctx.notify_me);{{$}}
}

