//===- FactsDatabase.h - the whole-program database -------------*- C++ -*-===//
//
// tools/atomics-tidy-db merges every unit's facts (FactsRecords.h) into one
// file that the checks look names up in. Every clang-tidy process reads the
// database, so it is laid out to be read in part (docs/database.md, version
// 4): one record per line, the records of each kind sorted by name, and
// index sections that give the points accessing each location and the
// points of each function. Opening it reads the first line; a look-up
// bisects the lines of one section and parses the record it finds. On
// QEMU's 6 MB database reading all of it took 70 to 160 ms per process, a
// third of clang-tidy's time; a look-up takes microseconds.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FACTSDATABASE_H
#define ATOMICS_TIDY_LIB_FACTSDATABASE_H

#include "lib/FactsRecords.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::atomics {

/// The default of the checks' Database option: the ATOMICS_TIDY_DATABASE
/// environment variable (how tools/atomics-tidy-run points the checks at
/// the database without replacing the project's .clang-tidy), else none.
std::string defaultDatabasePath();

/// The version of the database's format; a reader refuses any other.
constexpr unsigned DatabaseFormatVersion = 4;

/// An opened database. Immutable, so one can be shared by threads (clangd);
/// each look-up parses what it returns, and a record found malformed is an
/// error that says where.
class FactsDatabase {
public:
  /// Opens \p Path: a missing file, or one that is not a database of this
  /// version laid out as docs/database.md says, is an error that says which.
  static llvm::Expected<std::shared_ptr<const FactsDatabase>>
  open(llvm::StringRef Path);

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

  /// Where the points are that can access the location \p Key (its calls
  /// followed), in the database's order.
  llvm::Expected<std::vector<uint64_t>>
  pointsAccessing(llvm::StringRef Key) const;
  /// Where the points of the function \p Name are.
  llvm::Expected<std::vector<uint64_t>> pointsIn(llvm::StringRef Name) const;
  /// Where every point is.
  std::vector<uint64_t> allPoints() const;
  /// The point at \p Offset (one of the above), its calls not resolved.
  llvm::Expected<OrderingPoint> point(uint64_t Offset) const;

  /// The source files changed since they were analysed (a stat of each).
  llvm::Expected<std::vector<std::string>> staleUnits() const;

  /// The sections of the body, in docs/database.md's order.
  enum SectionKind {
    Units,
    Summaries,
    AfterCalls,
    Functions,
    Points,
    ByLocation,
    ByFunction,
    SectionCount
  };

private:
  struct Section {
    uint64_t Begin = 0, End = 0;
  };
  FactsDatabase() = default;

  /// The line that starts at \p Offset, without its newline.
  llvm::StringRef lineAt(uint64_t Offset) const;
  /// The record line of keyed section \p S whose key is \p Name.
  llvm::Expected<std::optional<uint64_t>> find(SectionKind S,
                                               llvm::StringRef Name) const;
  /// The record of keyed section \p S named \p Name, if there is one,
  /// read by \p Read (value, where) into a T.
  template <typename T, typename ReadFn>
  llvm::Expected<std::optional<T>> keyed(SectionKind S, llvm::StringRef Name,
                                         ReadFn Read) const;
  /// The value of the record line at \p Offset, parsed.
  llvm::Expected<llvm::json::Value> value(uint64_t Offset, bool Keyed) const;
  /// The offsets listed by the index record of \p S keyed \p Name.
  llvm::Expected<std::vector<uint64_t>> offsets(SectionKind S,
                                                llvm::StringRef Name) const;
  /// \p E, said to be on the line of \p Offset.
  llvm::Error at(uint64_t Offset, llvm::Error E) const;

  std::string Path;
  RecordReader Records; ///< Its errors are placed by at().
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  llvm::StringRef Body; ///< After the first line.
  Section Sections[SectionCount];
};

/// FactsDatabase::open, once per path and modification time in a process
/// (clang-tidy runs every translation unit of a command in one process;
/// clangd, every file it opens).
llvm::Expected<std::shared_ptr<const FactsDatabase>>
cachedFactsDatabase(llvm::StringRef Path);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FACTSDATABASE_H
