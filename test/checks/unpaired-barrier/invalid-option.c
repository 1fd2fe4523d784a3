// RUN: %check_atomics_tidy -expect-clang-tidy-error -check-suffixes=GLOB %s atomics-unpaired-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-unpaired-barrier.ExternalPartnerFunctions: 'ring_publish; xen_[a-z; vring push'}}" \
// RUN:   -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -expect-clang-tidy-error -check-suffixes=NAME %s atomics-unpaired-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-unpaired-barrier.ExternalPartnerFunctions: 'ring_publish; ring_publish()'}}" \
// RUN:   -- -isystem %inputs/qemu
// An invalid entry of ExternalPartnerFunctions is one clear error
// ([clang-tidy-config]) that names the first wrong entry and why; the valid
// entries still work.
#include <atomic.h>

// CHECK-MESSAGES-GLOB: error: invalid value for option 'atomics-unpaired-barrier.ExternalPartnerFunctions': invalid entry 'xen_[a-z': invalid glob pattern, unmatched '['; the check uses the valid entries only [clang-tidy-config]
// CHECK-MESSAGES-NAME: error: invalid value for option 'atomics-unpaired-barrier.ExternalPartnerFunctions': invalid entry 'ring_publish()': expected a C identifier or a glob pattern of one, entries separated by ';'; the check uses the valid entries only [clang-tidy-config]

static int data, ready;

/* Named by the valid entry: not reported. */
void ring_publish(int v) {
  data = v;
  qatomic_store_release(&ready, 1);
}

/* No entry matches it. */
static int other;
void xen_push(void) {
  qatomic_store_release(&other, 1);
  // CHECK-MESSAGES-GLOB: :[[@LINE-1]]:3: warning: store-release 'qatomic_store_release' publishes by storing 'other'; no acquire operation in this translation unit loads 'other' (a load-acquire, or a load followed by an acquire barrier) [atomics-unpaired-barrier]
  // CHECK-MESSAGES-NAME: :[[@LINE-2]]:3: warning: store-release 'qatomic_store_release' publishes by storing 'other'; no acquire operation in this translation unit loads 'other' (a load-acquire, or a load followed by an acquire barrier) [atomics-unpaired-barrier]
}
