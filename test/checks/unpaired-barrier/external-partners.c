// RUN: %check_atomics_tidy -check-suffixes=ALL,FUNCTIONS-UNSET %s atomics-unpaired-barrier %t -- -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=ALL %s atomics-unpaired-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-unpaired-barrier.ExternalPartnerFunctions: ' vring_publish ; xen_*'}}" \
// RUN:   -- -isystem %inputs/qemu
// Partners outside the program (the guest, a device, the kernel), declared
// by a comment next to the operation (ExternalPartnerKeywords) or by the
// function's name (ExternalPartnerFunctions): such an operation is not
// reported. Every variable is static, so the translation unit proves that
// no partner exists in the program.
#include <atomic.h>

/* --- Comments --- */

/* On the line above. */
static int a1, b1;
void comment_above(void) {
  qatomic_set(&a1, 1);
  /* The guest driver reads b1, then a1. */
  smp_wmb();
  qatomic_set(&b1, 1);
}

/* On the operation's line, and spread over the comment lines above it. */
static int a2, b2;
void comment_same_line(void) {
  qatomic_set(&a2, 1);
  smp_wmb(); // the DEVICE reads b2, then a2
  qatomic_set(&b2, 1);
}

static int a3, b3;
void comment_block_above(void) {
  qatomic_set(&a3, 1);
  /*
   * Make the descriptor visible before the index: the other side of the
   * ring is in the Kernel.
   */
  smp_wmb();
  qatomic_set(&b3, 1);
}

static int h;
int acquire_from_hardware(void) {
  return qatomic_load_acquire(&h); /* written by the hardware */
}

/* A comment two statements above belongs to another statement. */
static int a4, b4, c4;
void comment_two_statements_above(void) {
  /* The guest driver reads b4, then a4. */
  qatomic_set(&a4, 1);
  qatomic_set(&c4, 1);
  smp_wmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'a4' and 'c4' before the stores to 'b4'; no acquire operation in this translation unit loads 'b4' and then 'a4' and 'c4' [atomics-unpaired-barrier]
  qatomic_set(&b4, 1);
}

/* A comment that names no partner outside the program. */
static int a5, b5;
void unrelated_comment(void) {
  qatomic_set(&a5, 1);
  /* Publish the payload before the flag. */
  smp_wmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'a5' before the stores to 'b5'; no acquire operation in this translation unit loads 'b5' and then 'a5' [atomics-unpaired-barrier]
  qatomic_set(&b5, 1);
}

/* A keyword inside another word does not count ("undriven" is no "driver"). */
static int a6, b6;
void keyword_inside_a_word(void) {
  qatomic_set(&a6, 1);
  smp_wmb(); /* undriven, unguested */
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'a6' before the stores to 'b6'; no acquire operation in this translation unit loads 'b6' and then 'a6' [atomics-unpaired-barrier]
  qatomic_set(&b6, 1);
}

/* --- Functions: 'vring_publish' by name, 'xen_*' as a glob --- */

struct vring {
  unsigned idx;
  unsigned desc[16];
};

void vring_publish(struct vring *vr, unsigned v) {
  vr->desc[vr->idx % 16] = v;
  smp_wmb();
  // CHECK-MESSAGES-FUNCTIONS-UNSET: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'vr->desc[vr->idx % 16]' before the stores to 'vr->idx'; no acquire operation in this translation unit loads 'vr->idx' and then 'vr->desc[vr->idx % 16]' [atomics-unpaired-barrier]
  qatomic_set(&vr->idx, vr->idx + 1);
}

static int ring_prod, ring_data;
void xen_ring_push(int v) {
  ring_data = v;
  qatomic_store_release(&ring_prod, 1);
  // CHECK-MESSAGES-FUNCTIONS-UNSET: :[[@LINE-1]]:3: warning: store-release 'qatomic_store_release' publishes by storing 'ring_prod'; no acquire operation in this translation unit loads 'ring_prod' (a load-acquire, or a load followed by an acquire barrier) [atomics-unpaired-barrier]
  // CHECK-MESSAGES-FUNCTIONS-UNSET: :[[@LINE+6]]:3: note: closest candidate: acquire barrier 'smp_rmb' in 'xen_ring_pop' reads 'ring_data' after it, but none of 'ring_prod' before it
}

static int ring_cons;
int xen_ring_pop(void) {
  int c = qatomic_read(&ring_cons);
  smp_rmb();
  // CHECK-MESSAGES-FUNCTIONS-UNSET: :[[@LINE-1]]:3: warning: acquire barrier 'smp_rmb' orders the loads of 'ring_cons' before the loads of 'ring_data'; no release operation in this translation unit stores 'ring_data' and then 'ring_cons' [atomics-unpaired-barrier]
  // CHECK-MESSAGES-FUNCTIONS-UNSET: :[[@LINE-10]]:3: note: closest candidate: store-release 'qatomic_store_release' in 'xen_ring_push' writes 'ring_data' before it, but none of 'ring_cons' after it
  return c + ring_data;
}

/* The glob matches the whole name. */
static int other_prod;
void not_xen_push(void) {
  qatomic_store_release(&other_prod, 1);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: store-release 'qatomic_store_release' publishes by storing 'other_prod'; no acquire operation in this translation unit loads 'other_prod' (a load-acquire, or a load followed by an acquire barrier) [atomics-unpaired-barrier]
}
