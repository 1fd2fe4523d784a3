//===- FactsDatabase.h - the whole-program database -------------*- C++ -*-===//
//
// The checks read other translation units' facts from the whole-program
// database, an SQLite file (lib/FactsSchema.sql, docs/database.md) that the
// analysis writes (FactsWriter.h). Every clang-tidy process opens it and
// looks up a few records through indexed queries: the functions its calls
// reach, the points that access its locations, the summaries and calls of
// its functions.
//
// An opened database reads one snapshot: what the last transaction
// committed before it was opened, whatever units are written meanwhile.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FACTSDATABASE_H
#define ATOMICS_TIDY_LIB_FACTSDATABASE_H

#include "lib/FactsRecords.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::atomics {

class SqliteConnection;
class SqliteStatement;

/// The default of the checks' Database option: the ATOMICS_TIDY_DATABASE
/// environment variable (how tools/atomics-tidy-run points the checks at
/// the database without replacing the project's .clang-tidy), else none.
std::string defaultDatabasePath();

/// The version of the database's schema (lib/FactsSchema.sql); a reader
/// refuses any other.
unsigned databaseSchemaVersion();

/// A point of the database, as a number that orders points as readers list
/// them: by the file of their unit, then in their unit's order.
using PointRef = uint64_t;

/// An opened database. One connection, shared by threads (clangd): each
/// look-up holds a lock. A record found malformed is an error that says
/// where.
class FactsDatabase {
public:
  /// Opens \p Path: a missing file, or one that is not a database of this
  /// version, is an error that says which and what to do.
  static llvm::Expected<std::shared_ptr<const FactsDatabase>>
  open(llvm::StringRef Path);
  ~FactsDatabase();

  const std::string &path() const { return Path; }

  /// The summary of the function \p Name, if the database has one.
  llvm::Expected<std::optional<RemoteSummary>>
  summary(llvm::StringRef Name) const;
  /// The calls of the function \p Name in other files, with the loads
  /// that can follow each before a full barrier (none: no such call).
  llvm::Expected<std::vector<RemoteCall>>
  callsOf(llvm::StringRef Name) const;
  /// What a call of the function \p Name reaches, if the database has it.
  llvm::Expected<std::optional<CallReach>> function(llvm::StringRef Name) const;

  /// The points that can access the location \p Key: as their own, in the
  /// sets before and after them, or through the functions they call
  /// (followed as DatabaseView::resolve follows them). In order.
  llvm::Expected<std::vector<PointRef>>
  pointsAccessing(llvm::StringRef Key) const;
  /// The points of the function \p Name, in order.
  llvm::Expected<std::vector<PointRef>> pointsIn(llvm::StringRef Name) const;
  /// Every point, in order.
  llvm::Expected<std::vector<PointRef>> allPoints() const;
  /// The point \p At (one of the above), its calls not resolved.
  llvm::Expected<OrderingPoint> point(PointRef At) const;

  /// The source files changed since they were analysed (a stat of each).
  llvm::Expected<std::vector<std::string>> staleUnits() const;

private:
  FactsDatabase() = default;
  /// The points of the rows (unit, seq) \p Rows returns, in order.
  llvm::Expected<std::vector<PointRef>> refs(SqliteStatement &Rows) const;
  llvm::Expected<std::vector<RemoteAccess>>
  accesses(llvm::StringRef Owner, int64_t Id, llvm::StringRef List) const;
  llvm::Error malformed(const llvm::Twine &What) const;

  std::string Path;
  std::unique_ptr<SqliteConnection> DB;
  mutable std::mutex Lock;
  /// Units by id, with their place in file order, and back.
  llvm::DenseMap<int64_t, uint32_t> RankOfUnit;
  std::vector<int64_t> UnitOfRank;
};

/// FactsDatabase::open, once per path and state of the file in a process
/// (clang-tidy runs every translation unit of a command in one process;
/// clangd, every file it opens): a database written since is opened again.
llvm::Expected<std::shared_ptr<const FactsDatabase>>
cachedFactsDatabase(llvm::StringRef Path);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FACTSDATABASE_H
