//===- ReturnsAcrossFiles.h - RMWs returned to callers in other files -*- C++ -*-//
//
// A function that returns with a seq-cst RMW not yet followed by a full
// barrier (QEMU's qemu_event_reset()) leaves its callers to order what
// they load next. When those callers are in other files, the finding still
// belongs at the RMW: that is where the barrier goes, and one report there
// is better than one in every caller's file. So the two halves meet in the
// database:
//
//   - while the database is built, each unit records, for every call of a
//     function without a body there, the loads that can follow the call's
//     return before a full barrier (BarrierFlowOptions::FollowOpaqueReturns
//     finds them; afterCallsOf() turns them into records);
//   - the callee's unit looks up the calls of its functions that return
//     with an RMW pending (LoadsInCallers), and the loads become findings
//     of that RMW, reported there.
//
// The caller's unit, which sees the RMW through the callee's summary,
// leaves it to the callee's.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_RETURNSACROSSFILES_H
#define ATOMICS_TIDY_LIB_RETURNSACROSSFILES_H

#include "lib/BarrierFlow.h"
#include "lib/FactsRecords.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"
#include <deque>
#include <vector>

namespace clang::tidy::atomics {

/// \p Site's operation as a record of another unit would name it, at
/// \p Loc (the location as seen where the record is made).
RemoteAccess remoteAccess(const FlowSite &Site, const MemoryLocation &Loc,
                          const SourceManager &SM);

/// Whether a location has an identity in other functions and files: a
/// variable with static storage, or a field.
bool isSharedLocation(const MemoryLocation &L);

/// The calls of functions without a body in \p A's unit, each with the
/// loads of shared locations that can follow its return before a full
/// barrier (\p A ran with FollowOpaqueReturns), in source order.
std::vector<RemoteCall> afterCallsOf(const BarrierFlowAnalysis &A,
                                     const SourceManager &SM);

/// The loads, in other files, that follow calls of this unit's functions
/// which return with one of this unit's RMWs pending: findings of that RMW.
class LoadsInCallers {
public:
  using CallsLookup = llvm::function_ref<llvm::Expected<std::vector<RemoteCall>>(
      llvm::StringRef Function)>;

  /// Looks up the calls, in other files, of every function of \p A's
  /// unit that they can call and that can return with an RMW of this unit
  /// pending. (A unit's calls of its own functions are not recorded: they
  /// have a body there.) An error of \p CallsOf stops the search and is
  /// returned; the findings so far are kept.
  llvm::Error find(const BarrierFlowAnalysis &A, CallsLookup CallsOf);

  /// The findings: the RMW as a pending source of this unit, the load as a
  /// site of another file (no node), no call path.
  const std::vector<BarrierFinding> &findings() const { return Findings; }
  /// The call that a finding's load (its Conflict) follows.
  const RemoteCall *callOf(const FlowSite *Load) const {
    return CallBySite.lookup(Load);
  }

private:
  std::deque<FlowSite> Sites;
  std::deque<RemoteCall> Calls;
  llvm::DenseMap<const FlowSite *, const RemoteCall *> CallBySite;
  std::vector<BarrierFinding> Findings;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_RETURNSACROSSFILES_H
