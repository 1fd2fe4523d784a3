// RUN: %check_atomics_tidy -expect-clang-tidy-error -check-suffixes=NAMES %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.Wrappers: 'bh_set_flags=qatomic_fetch_or; peek=qatomic_peek', atomics-missing-rmw-barrier.FullBarrierFunctions: 'host_membarrier; not valid'}}" \
// RUN:   -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -expect-clang-tidy-error -check-suffixes=ENTRY %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.Wrappers: 'bh_set_flags=qatomic_fetch_or; lone_name'}}" \
// RUN:   -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -expect-clang-tidy-error -check-suffixes=BOOLS %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false, atomics-missing-rmw-barrier.OpaqueCallsAreBarriers: maybe, atomics-missing-rmw-barrier.CheckPlainLoads: 'yes', atomics-missing-rmw-barrier.CheckBeforeRmw: 2}}" \
// RUN:   -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -expect-clang-tidy-error -check-suffixes=PARTNER %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: sometimes}}" -- -isystem %inputs/qemu
// CHECK-MESSAGES-PARTNER: error: invalid value 'sometimes' for option 'atomics-missing-rmw-barrier.RequirePartner': expected 'true' or 'false'; the check uses its default [clang-tidy-config]
// (The default, true: no function here has a partner, so nothing else.)
// Every reordering (RequirePartner: false): this file tests how the check
// follows the code; partner.c tests which reorderings are races.
// An invalid option value is one clear error ([clang-tidy-config]) that
// says what is expected; the check still runs, with the valid entries of a
// list and the default of a boolean. (clang-tidy applies no fix-it when
// there is an error, so the file stays as it is.)
#include <atomic.h>

typedef struct AioContext {
  unsigned notify_me;
  unsigned flags;
} AioContext;

unsigned bh_set_flags(unsigned *flags, unsigned set);
void host_membarrier(void);
void notify(AioContext *ctx);

int x, y;

// CHECK-MESSAGES-NAMES: error: invalid value for option 'atomics-missing-rmw-barrier.FullBarrierFunctions': invalid entry 'not valid': expected a C identifier, entries separated by ';'; the check uses the valid entries only [clang-tidy-config]
// CHECK-MESSAGES-NAMES: error: invalid value for option 'atomics-missing-rmw-barrier.Wrappers': 'peek=qatomic_peek': 'qatomic_peek' is not an operation of the QEMU atomics API; the check uses the valid entries only [clang-tidy-config]
// The entry is quoted as the user wrote it.
// CHECK-MESSAGES-ENTRY: error: invalid value for option 'atomics-missing-rmw-barrier.Wrappers': 'lone_name': expected 'name=api-name'; the check uses the valid entries only [clang-tidy-config]
// Booleans: the errors come sorted by their text.
// CHECK-MESSAGES-BOOLS: error: invalid value '2' for option 'atomics-missing-rmw-barrier.CheckBeforeRmw': expected 'true' or 'false'; the check uses its default [clang-tidy-config]
// CHECK-MESSAGES-BOOLS: error: invalid value 'maybe' for option 'atomics-missing-rmw-barrier.OpaqueCallsAreBarriers': expected 'true' or 'false'; the check uses its default [clang-tidy-config]
// CHECK-MESSAGES-BOOLS: error: invalid value 'yes' for option 'atomics-missing-rmw-barrier.CheckPlainLoads': expected 'true' or 'false'; the check uses its default [clang-tidy-config]

/* The valid wrapper entry still makes bh_set_flags() an RMW. */
void schedule(AioContext *ctx) {
  bh_set_flags(&ctx->flags, 1);
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'bh_set_flags' on 'ctx->flags' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-ENTRY: :[[@LINE-2]]:3: warning: seq-cst read-modify-write 'bh_set_flags' on 'ctx->flags' is not a full barrier; the relaxed load of 'ctx->notify_me' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (qatomic_read(&ctx->notify_me))
    // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:7: note: relaxed load of 'ctx->notify_me' here
    // CHECK-MESSAGES-ENTRY: :[[@LINE-2]]:7: note: relaxed load of 'ctx->notify_me' here
    notify(ctx);
}

/* The valid barrier entry still makes host_membarrier() a full barrier. With
 * OpaqueCallsAreBarriers at its default (false), an unknown external call
 * is not one. */
int fenced(void) {
  qatomic_inc(&x);
  // CHECK-MESSAGES-ENTRY: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-BOOLS: :[[@LINE-2]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'x' is not a full barrier; the relaxed load of 'y' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  host_membarrier();
  return qatomic_read(&y);
  // CHECK-MESSAGES-ENTRY: :[[@LINE-1]]:10: note: relaxed load of 'y' here
  // CHECK-MESSAGES-BOOLS: :[[@LINE-2]]:10: note: relaxed load of 'y' here
}
