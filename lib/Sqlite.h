//===- Sqlite.h - a connection to an SQLite file, and its statements -*- C++ -*-===//
//
// The whole-program database is an SQLite file (lib/FactsSchema.sql). This
// is the little the reader and the writer need of SQLite's C interface,
// with ownership and errors in LLVM's style: a connection, prepared
// statements with bound parameters, and every failure an llvm::Error that
// says which file and what SQLite said.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_SQLITE_H
#define ATOMICS_TIDY_LIB_SQLITE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MD5.h"
#include <cstdint>
#include <memory>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace clang::tidy::atomics {

class SqliteStatement;

/// One open database file.
class SqliteConnection {
public:
  enum class Mode { ReadOnly, ReadWriteCreate };
  /// Opens \p Path; ReadOnly does not create it, and reads a database in a
  /// location this user cannot write (where SQLite cannot make the files of
  /// its write-ahead log) as an unchanging file, when its log is empty.
  /// Waits up to \p BusyMs for a writer's lock before a statement fails as
  /// busy.
  static llvm::Expected<std::unique_ptr<SqliteConnection>>
  open(llvm::StringRef Path, Mode M, int BusyMs);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection &) = delete;
  SqliteConnection &operator=(const SqliteConnection &) = delete;

  /// Runs \p SQL, one or more statements without results.
  llvm::Error exec(llvm::StringRef SQL);
  /// Compiles one statement.
  llvm::Expected<SqliteStatement> prepare(llvm::StringRef SQL);
  /// The value of the integer pragma \p Name (user_version, ...).
  llvm::Expected<int64_t> pragma(llvm::StringRef Name);

  /// The error \p What, with SQLite's last message and the file's path.
  llvm::Error error(const llvm::Twine &What) const;
  /// The row id of the last row inserted.
  int64_t lastInsertId() const;
  /// SQLite's (extended) result code of the last call.
  int lastCode() const;
  const std::string &path() const { return Path; }

private:
  SqliteConnection(sqlite3 *DB, std::string Path)
      : DB(DB), Path(std::move(Path)) {}
  sqlite3 *DB;
  std::string Path;
};

/// A prepared statement: bind parameters (numbered from 1), step through
/// its rows, read columns (numbered from 0), reset to run it again.
class SqliteStatement {
public:
  SqliteStatement(SqliteStatement &&O) noexcept
      : S(O.S), C(O.C), Digest(O.Digest), DigestFrom(O.DigestFrom) {
    O.S = nullptr;
  }
  SqliteStatement &operator=(SqliteStatement &&O) noexcept;
  ~SqliteStatement();

  SqliteStatement &bind(int I, llvm::StringRef Text);
  SqliteStatement &bind(int I, int64_t N);
  SqliteStatement &bindNull(int I);
  /// True with a row to read, false when done; an error otherwise.
  llvm::Expected<bool> step();
  /// Runs a statement that returns no rows (INSERT, DELETE, ...).
  llvm::Error run();
  /// Ready to be bound and run again.
  void reset();
  /// From now on, feeds the values bound to parameters \p From and after
  /// (with their numbers) and the end of each run into \p D: a digest of
  /// what is written that leaves out the parameters before \p From (the
  /// row ids, which differ from one database to the next).
  void digestInto(llvm::MD5 &D, int From) {
    Digest = &D;
    DigestFrom = From;
  }

  int64_t integer(int Column) const;
  llvm::StringRef text(int Column) const; ///< Valid until the next step.
  bool isNull(int Column) const;

private:
  friend class SqliteConnection;
  SqliteStatement(sqlite3_stmt *S, const SqliteConnection *C) : S(S), C(C) {}
  void digest(int I, llvm::StringRef Bytes, char Type);

  sqlite3_stmt *S;
  const SqliteConnection *C;
  llvm::MD5 *Digest = nullptr;
  int DigestFrom = 0;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_SQLITE_H
