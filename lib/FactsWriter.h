//===- FactsWriter.h - a unit's facts into the database ---------*- C++ -*-===//
//
// While tools/atomics-tidy-db analyses a program, each clang-tidy process
// writes its translation unit's facts into the whole-program database
// (lib/FactsSchema.sql) itself: the unit's old records are deleted and the
// new ones written in one transaction, so processes analysing in parallel
// write safely (SQLite's write-ahead log, one writer at a time), a reader
// sees a unit's old facts or its new ones and never half, and a process
// killed midway leaves the database as it was.
//
// Two checks contribute a unit's facts: atomics-unpaired-barrier its points
// and functions, atomics-missing-rmw-barrier its summaries and calls. Each
// joins the unit's UnitFacts when it is created (clang-tidy creates the
// checks of a unit together, before the unit is parsed) and hands its part
// in at the end; the last hand-in writes.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FACTSWRITER_H
#define ATOMICS_TIDY_LIB_FACTSWRITER_H

#include "lib/FactsRecords.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::atomics {

/// The records of one translation unit, gathered from the checks that
/// contribute them, and written together.
class UnitFacts {
public:
  /// Joins the facts of the unit being analysed that go into the database
  /// at \p DatabasePath: the checks created for one unit share one.
  static std::shared_ptr<UnitFacts> join(llvm::StringRef DatabasePath);

  /// The ordering points and the accesses of the functions other files can
  /// call (atomics-unpaired-barrier). \p SM places their accesses.
  void setPoints(
      llvm::ArrayRef<const OrderingPoint *> Points,
      llvm::ArrayRef<std::pair<std::string, const CallReach *>> Functions,
      const SourceManager &SM);
  /// The summaries of the functions other files can call, and the calls of
  /// theirs (atomics-missing-rmw-barrier).
  void setSummaries(std::vector<std::pair<std::string, RemoteSummary>> S,
                    std::vector<RemoteCall> Calls);

  /// Files where the unit's analysis can report once the rest of the
  /// program is known (lib/ReportFiles.h): each check adds its own.
  void addReportFiles(const std::set<std::string> &Files) {
    ReportFiles.insert(Files.begin(), Files.end());
  }

  /// Hands in one check's part for \p Unit; the last of the checks that
  /// joined writes them all. An error says why they could not be written.
  llvm::Error handIn(const UnitSource &Unit);

private:
  struct PrivateTag {};

public:
  UnitFacts(PrivateTag, std::string Path) : DatabasePath(std::move(Path)) {}

private:
  std::string DatabasePath;
  unsigned Joined = 0, HandedIn = 0;
  std::vector<OrderingPoint> Points;
  std::vector<std::pair<std::string, CallReach>> Functions;
  std::vector<std::pair<std::string, RemoteSummary>> Summaries;
  std::vector<RemoteCall> AfterCalls;
  std::set<std::string> ReportFiles;

  llvm::Error write(const UnitSource &Unit) const;
};

/// Opens the database at \p Path for writing, creating it from
/// lib/FactsSchema.sql if the file is new; an error if it is another kind
/// of file or another version of the schema.
class SqliteConnection;
llvm::Expected<std::unique_ptr<SqliteConnection>>
openDatabaseForWriting(llvm::StringRef Path);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FACTSWRITER_H
