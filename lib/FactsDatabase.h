//===- FactsDatabase.h - the whole-program database -------------*- C++ -*-===//
//
// Barrier pairing is a whole-program property; clang-tidy sees one
// translation unit at a time. So every translation unit's ordering points
// (lib/OrderingFacts.h) are written to a facts file, tools/atomics-tidy-db
// merges the facts files into one database, and the checks read it.
//
// Both are JSON (docs/database.md describes the format):
//
//   facts:    {"format": "atomics-tidy-facts", "version": 2,
//              "translation_unit": "/abs/a.c", "source_mtime": 1700000000,
//              "points": [POINT...], "functions": [FUNCTION...]}
//   database: {"format": "atomics-tidy-database", "version": 2,
//              "translation_units": [{"file": "/abs/a.c",
//                                     "source_mtime": 1700000000,
//                                     "points": [POINT...],
//                                     "functions": [FUNCTION...]}...]}
//
// A POINT is one ordering operation: where it is, what it is, the shared
// locations written and read before and after it, and the functions of
// other files it calls before and after. A FUNCTION is what a call of a
// function with external linkage reads and writes in its file, and which
// functions of other files it calls: with them the reader adds to every
// point what its calls into other files access (CallAccesses).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FACTSDATABASE_H
#define ATOMICS_TIDY_LIB_FACTSDATABASE_H

#include "lib/CallAccesses.h"
#include "lib/OrderingFacts.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::atomics {

/// The default of the checks' Database option: the ATOMICS_TIDY_DATABASE
/// environment variable (how tools/atomics-tidy-run points the checks at
/// the database without replacing the project's .clang-tidy), else none.
std::string defaultDatabasePath();

/// The version of both formats; a reader refuses any other.
constexpr unsigned FactsFormatVersion = 2;

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
/// functions other files can call.
std::string factsToJSON(
    llvm::StringRef TranslationUnit, long long SourceMTime,
    llvm::ArrayRef<const OrderingPoint *> Points,
    llvm::ArrayRef<std::pair<std::string, const CallReach *>> Functions);

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

/// One translation unit's summaries file (functions other files can call).
std::string summariesToJSON(
    llvm::StringRef TranslationUnit, long long SourceMTime,
    llvm::ArrayRef<std::pair<std::string, RemoteSummary>> Summaries);

struct FactsDatabase {
  struct Unit {
    std::string File;
    long long SourceMTime = 0;
  };
  std::vector<Unit> Units;
  /// Every unit's points; a point in a header appears once per unit that
  /// includes it (the reader keeps one: see load).
  std::vector<OrderingPoint> Points;
  /// Summaries of the functions with external linkage, by name.
  llvm::StringMap<RemoteSummary> Summaries;
  /// What a call of each function with external linkage reaches, by name.
  llvm::StringMap<CallReach> Functions;
  /// Units whose source file changed after they were analysed.
  std::vector<std::string> Stale;
};

/// What a check needs of the database. The parts not asked for are skimmed
/// over, not parsed (JsonSkim.h): on QEMU's 10 MB database
/// atomics-missing-rmw-barrier reads its summaries in 0.06 s and 25 MB,
/// where parsing the whole file took 0.8 s and 600 MB.
enum DatabasePart : unsigned {
  SummaryPart = 1u << 0, ///< Summaries (atomics-missing-rmw-barrier).
  PairingPart = 1u << 1, ///< Points and functions (the pairing checks).
  AllParts = SummaryPart | PairingPart,
};

/// Reads a database, building \p Parts of it (FactsDatabase's other fields
/// stay empty, and their errors unseen). A missing file, bad JSON, another
/// format or version, or a malformed entry is an error that says which and
/// where.
llvm::Expected<std::shared_ptr<const FactsDatabase>>
loadFactsDatabase(llvm::StringRef Path, unsigned Parts = AllParts);

/// \p Live (this translation unit's points) and, with a database, the
/// database's points that this unit has not just seen (its own, and those of
/// the headers it includes): what partners are looked for among.
std::vector<const OrderingPoint *>
withDatabasePoints(llvm::ArrayRef<const OrderingPoint *> Live,
                   const FactsDatabase *DB);

/// Adds to \p P what the functions it calls that its translation unit did
/// not see into access, according to \p DB (the reader does this for the
/// database's own points; a check, for those of its translation unit).
void resolveCalls(OrderingPoint &P, const FactsDatabase &DB);

/// loadFactsDatabase, once per path, modification time and parts in a
/// process (clang-tidy runs every translation unit of a command in one
/// process); a request for more parts reads the file again.
llvm::Expected<std::shared_ptr<const FactsDatabase>>
cachedFactsDatabase(llvm::StringRef Path, unsigned Parts);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FACTSDATABASE_H
