//===- Sqlite.cpp - a connection to an SQLite file, and its statements ----===//

#include "lib/Sqlite.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include <sqlite3.h>
#include <system_error>

namespace clang::tidy::atomics {

namespace {

/// Whether \p Path's write-ahead log holds nothing: no -wal file, or an
/// empty one. The file is then the whole database.
bool logIsEmpty(const std::string &Path) {
  uint64_t Size = 0;
  std::error_code EC = llvm::sys::fs::file_size(Path + "-wal", Size);
  return EC == std::errc::no_such_file_or_directory || (!EC && Size == 0);
}

/// \p Path as an SQLite URI ("file:..."), with the characters that a URI
/// gives a meaning escaped.
std::string uriOf(llvm::StringRef Path) {
  std::string U = "file:";
  for (char C : Path) {
    if (C == '%' || C == '?' || C == '#')
      U += llvm::formatv("%{0:x2}", unsigned((unsigned char)C)).str();
    else
      U += C;
  }
  return U;
}

} // namespace

llvm::Expected<std::unique_ptr<SqliteConnection>>
SqliteConnection::open(llvm::StringRef Path, Mode M, int BusyMs) {
  sqlite3 *DB = nullptr;
  // One connection may serve several threads (clangd): SQLite serialises.
  int Flags = SQLITE_OPEN_FULLMUTEX |
              (M == Mode::ReadOnly
                   ? SQLITE_OPEN_READONLY
                   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  std::string P = Path.str();
  auto Failed = [&](int RC) {
    std::string Why = DB ? sqlite3_errmsg(DB) : sqlite3_errstr(RC);
    sqlite3_close(DB);
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot open '" + P + "': " + Why);
  };
  int RC = sqlite3_open_v2(P.c_str(), &DB, Flags, nullptr);
  if (RC != SQLITE_OK)
    return Failed(RC);
  sqlite3_busy_timeout(DB, BusyMs);
  if (M == Mode::ReadOnly &&
      sqlite3_exec(DB, "PRAGMA schema_version", nullptr, nullptr, nullptr) !=
          SQLITE_OK) {
    // A reader of a database in write-ahead-log mode needs its -shm file,
    // and creates it (and the -wal) when they are missing: in a directory
    // this user cannot write (a shared, read-only copy), it cannot. When
    // no log holds transactions that the file lacks, the file is the whole
    // database and can be read as it is (SQLite's immutable=1); otherwise
    // the error stands (docs/database.md, "Faults").
    int Code = sqlite3_extended_errcode(DB) & 0xff;
    if ((Code == SQLITE_READONLY || Code == SQLITE_CANTOPEN) &&
        logIsEmpty(P)) {
      sqlite3_close(DB);
      DB = nullptr;
      RC = sqlite3_open_v2((uriOf(P) + "?mode=ro&immutable=1").c_str(), &DB,
                           Flags | SQLITE_OPEN_URI, nullptr);
      if (RC != SQLITE_OK)
        return Failed(RC);
      sqlite3_busy_timeout(DB, BusyMs);
    }
  }
  sqlite3_extended_result_codes(DB, 1);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(DB, P));
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(DB); }

llvm::Error SqliteConnection::error(const llvm::Twine &What) const {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "'" + Path + "': " + What.str() + ": " +
                                     sqlite3_errmsg(DB));
}

int64_t SqliteConnection::lastInsertId() const {
  return sqlite3_last_insert_rowid(DB);
}

int SqliteConnection::lastCode() const { return sqlite3_extended_errcode(DB); }

llvm::Error SqliteConnection::exec(llvm::StringRef SQL) {
  std::string Text = SQL.str();
  if (sqlite3_exec(DB, Text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return error("cannot run '" + SQL.take_front(40) + "...'");
  return llvm::Error::success();
}

llvm::Expected<SqliteStatement> SqliteConnection::prepare(llvm::StringRef SQL) {
  sqlite3_stmt *S = nullptr;
  if (sqlite3_prepare_v2(DB, SQL.data(), int(SQL.size()), &S, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(S);
    return error("cannot read it (" + SQL.take_front(40) + "...)");
  }
  return SqliteStatement(S, this);
}

llvm::Expected<int64_t> SqliteConnection::pragma(llvm::StringRef Name) {
  llvm::Expected<SqliteStatement> S = prepare(("PRAGMA " + Name).str());
  if (!S)
    return S.takeError();
  llvm::Expected<bool> Row = S->step();
  if (!Row)
    return Row.takeError();
  return *Row ? S->integer(0) : 0;
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&O) noexcept {
  if (this != &O) {
    sqlite3_finalize(S);
    S = O.S;
    C = O.C;
    Digest = O.Digest;
    DigestFrom = O.DigestFrom;
    O.S = nullptr;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(S); }

void SqliteStatement::digest(int I, llvm::StringRef Bytes, char Type) {
  if (!Digest || I < DigestFrom)
    return;
  // Number, type and length first: ("ab", "c") and ("a", "bc") differ.
  std::string Head = std::to_string(I) + Type + std::to_string(Bytes.size());
  Digest->update(llvm::StringRef(Head.data(), Head.size() + 1));
  Digest->update(Bytes);
}

SqliteStatement &SqliteStatement::bind(int I, llvm::StringRef Text) {
  sqlite3_bind_text(S, I, Text.data(), int(Text.size()), SQLITE_TRANSIENT);
  digest(I, Text, 't');
  return *this;
}

SqliteStatement &SqliteStatement::bind(int I, int64_t N) {
  sqlite3_bind_int64(S, I, N);
  std::string Text = std::to_string(N);
  digest(I, Text, 'i');
  return *this;
}

SqliteStatement &SqliteStatement::bindNull(int I) {
  sqlite3_bind_null(S, I);
  digest(I, "", 'n');
  return *this;
}

llvm::Expected<bool> SqliteStatement::step() {
  int RC = sqlite3_step(S);
  if (RC == SQLITE_ROW)
    return true;
  if (RC == SQLITE_DONE)
    return false;
  return C->error("cannot read or write it");
}

llvm::Error SqliteStatement::run() {
  if (Digest)
    Digest->update(sqlite3_sql(S)); // which table, and where a row ends
  llvm::Expected<bool> Row = step();
  reset();
  if (!Row)
    return Row.takeError();
  return llvm::Error::success();
}

void SqliteStatement::reset() {
  sqlite3_reset(S);
  sqlite3_clear_bindings(S);
}

int64_t SqliteStatement::integer(int Column) const {
  return sqlite3_column_int64(S, Column);
}

llvm::StringRef SqliteStatement::text(int Column) const {
  const unsigned char *T = sqlite3_column_text(S, Column);
  if (!T)
    return "";
  return llvm::StringRef(reinterpret_cast<const char *>(T),
                         size_t(sqlite3_column_bytes(S, Column)));
}

bool SqliteStatement::isNull(int Column) const {
  return sqlite3_column_type(S, Column) == SQLITE_NULL;
}

} // namespace clang::tidy::atomics
