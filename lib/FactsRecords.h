//===- FactsRecords.h - the records of the whole-program database -*- C++ -*-===//
//
// Barrier pairing is a whole-program property; clang-tidy sees one
// translation unit at a time. So the checks write each unit's facts into
// the whole-program database (FactsWriter.h), an SQLite file whose tables
// lib/FactsSchema.sql defines, and read other units' facts back from it
// (FactsDatabase.h). Besides the ordering points (lib/OrderingFacts.h) and
// what a call of a function reaches (lib/CallAccesses.h), it holds, for
// atomics-missing-rmw-barrier, these records: what a call of another
// unit's function does, and the calls of such functions with the loads
// that follow them.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FACTSRECORDS_H
#define ATOMICS_TIDY_LIB_FACTSRECORDS_H

#include "lib/CallAccesses.h"
#include "lib/OrderingFacts.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::atomics {

/// The translation unit's source file, absolute, and its modification time.
struct UnitSource {
  std::string Path;
  long long MTime = 0;
};
/// \p FileName made absolute (against the working directory, which is the
/// compile command's), without "." and "..": how the database names files.
std::string absolutePath(llvm::StringRef FileName);
/// \p MainFileName made absolute, with its modification time.
UnitSource unitSource(llvm::StringRef MainFileName);

/// An atomic access of another translation unit, as a function summary
/// names it (lib/BarrierFlow.h).
struct RemoteAccess {
  std::string Name;     ///< "qatomic_read".
  Access Kind = Access::Load;
  Order Ordering = Order::Relaxed;
  unsigned Classes = 0;
  MemoryLocation Location; ///< As seen at the function's entry (Decl unset).
  std::string Function, File;
  unsigned Line = 0, Column = 0;
};

/// What a call to a function of another translation unit does, for
/// atomics-missing-rmw-barrier: the loads it can perform before a full
/// barrier, and the seq-cst RMWs it can return with.
struct RemoteSummary {
  bool CanReturn = true;
  bool PassesWithoutBarrier = true;
  std::vector<RemoteAccess> EarlyLoads;
  std::vector<RemoteAccess> PendingRmws;
};

/// A call of a function of another translation unit, and the loads that
/// can follow its return before a full barrier (BarrierFlowOptions::
/// FollowOpaqueReturns): with them the callee's file reports an RMW it
/// returns with at the RMW, where the fix goes.
struct RemoteCall {
  std::string Callee;
  std::string Caller, File; ///< The function that calls, and where.
  unsigned Line = 0, Column = 0;
  std::vector<RemoteAccess> LoadsAfter;
};

/// The access and order that \p Text names (accessName(), orderName()).
std::optional<Access> accessNamed(llvm::StringRef Text);
std::optional<Order> orderNamed(llvm::StringRef Text);
/// The location kind a record numbers \p N (MemoryLocation::KindType).
std::optional<MemoryLocation::KindType> locationKindNumbered(int64_t N);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FACTSRECORDS_H
