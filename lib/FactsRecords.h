//===- FactsRecords.h - the facts of one unit, as JSON records -*- C++ -*-===//
//
// Barrier pairing is a whole-program property; clang-tidy sees one
// translation unit at a time. So the checks write each unit's facts to a
// file (FactsDirectory), tools/atomics-tidy-db merges the files into the
// whole-program database (FactsDatabase.h), and the checks read it back.
// This file is the JSON of one record, both ways: a POINT (an ordering
// operation, lib/OrderingFacts.h), a FUNCTION (what a call of a function
// with external linkage reaches, lib/CallAccesses.h), a SUMMARY (what a
// call does for atomics-missing-rmw-barrier, lib/BarrierFlow.h) and an
// AFTER_CALL (a call of a function of another file, and the loads that can
// follow it before a full barrier). docs/database.md describes them.
//
//   facts:     {"format": "atomics-tidy-facts", "version": 3,
//               "translation_unit": "/abs/a.c", "source_mtime": 1700000000,
//               "points": [POINT...], "functions": [FUNCTION...]}
//   summaries: {"format": "atomics-tidy-summaries", "version": 3, ...
//               "summaries": [SUMMARY...], "after_calls": [AFTER_CALL...]}
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FACTSRECORDS_H
#define ATOMICS_TIDY_LIB_FACTSRECORDS_H

#include "lib/CallAccesses.h"
#include "lib/OrderingFacts.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <string>
#include <vector>

namespace clang::tidy::atomics {

/// The version of the facts and summaries files; a reader refuses any other.
constexpr unsigned FactsFormatVersion = 3;

/// The translation unit's source file, absolute, and its modification time.
struct UnitSource {
  std::string Path;
  long long MTime = 0;
};
/// \p MainFileName made absolute, with its modification time.
UnitSource unitSource(llvm::StringRef MainFileName);

/// Writes \p Text to \p Directory as the file of \p Unit with \p Suffix
/// (".facts.json"): one file per translation unit and kind, named after its
/// source, replaced atomically, so re-analysing a file replaces its part.
/// Returns the error message, empty on success.
std::string writeUnitFile(llvm::StringRef Directory, const UnitSource &Unit,
                          llvm::StringRef Suffix, llvm::StringRef Text);

/// One translation unit's facts file: its points, and the accesses of the
/// functions other files can call. \p SM places the accesses of this unit.
std::string factsToJSON(
    llvm::StringRef TranslationUnit, long long SourceMTime,
    llvm::ArrayRef<const OrderingPoint *> Points,
    llvm::ArrayRef<std::pair<std::string, const CallReach *>> Functions,
    const SourceManager *SM);

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

/// One translation unit's summaries file: the summaries of the functions
/// other files can call, and its calls of theirs.
std::string summariesToJSON(
    llvm::StringRef TranslationUnit, long long SourceMTime,
    llvm::ArrayRef<std::pair<std::string, RemoteSummary>> Summaries,
    llvm::ArrayRef<RemoteCall> AfterCalls);

/// Reads records, with where they are in every error: "FILE: WHERE: what
/// is wrong" ("WHERE: what is wrong" without a file).
class RecordReader {
public:
  explicit RecordReader(std::string File = "") : File(std::move(File)) {}

  llvm::Error error(const llvm::Twine &Where, const llvm::Twine &What) const;

  llvm::Expected<OrderingPoint> point(const llvm::json::Value &V,
                                      const llvm::Twine &Where) const;
  /// A FUNCTION: its name and what a call of it reaches.
  llvm::Expected<std::pair<std::string, CallReach>>
  function(const llvm::json::Value &V, const llvm::Twine &Where) const;
  llvm::Expected<RemoteSummary> summary(const llvm::json::Value &V,
                                        const llvm::Twine &Where) const;
  /// One of the calls of \p Callee (an AFTER_CALL without its "callee").
  llvm::Expected<RemoteCall> afterCall(llvm::StringRef Callee,
                                       const llvm::json::Value &V,
                                       const llvm::Twine &Where) const;

private:
  llvm::Expected<SharedLocation> location(const llvm::json::Value &V,
                                          const llvm::Twine &Where) const;
  llvm::Error set(const llvm::json::Object &O, llvm::StringRef Name,
                  LocationSet &Out, const llvm::Twine &Where) const;
  llvm::Error calls(const llvm::json::Object &O, llvm::StringRef Name,
                    UnresolvedCalls &Out, const llvm::Twine &Where) const;
  llvm::Expected<RemoteAccess> access(const llvm::json::Value &V,
                                      const llvm::Twine &Where) const;

  std::string File;
};

/// How deeply a record may nest (they need 4 levels). LLVM's JSON parser
/// recurses once per level, so a corrupted file of many thousands of
/// brackets would overflow the stack and crash clang-tidy: such text is
/// rejected before it is parsed.
constexpr unsigned MaxJsonNesting = 64;
bool nestsTooDeeply(llvm::StringRef Text);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FACTSRECORDS_H
