//===- FactsDatabase.cpp - the whole-program database ---------------------===//

#include "lib/FactsDatabase.h"
#include "lib/Sqlite.h"
#include "FactsSchema.inc"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdlib>
#include <map>

namespace clang::tidy::atomics {

namespace {

constexpr llvm::StringLiteral Rebuild =
    "rebuild it with 'atomics-tidy-db build'";

/// How long a reader waits for a writer that holds the file (a checkpoint).
constexpr int ReaderPatienceMs = 30 * 1000;

/// A file's modification time (nanoseconds) and size, or (-1, 0).
std::pair<long long, uint64_t> fileStamp(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return {-1, 0};
  return {(long long)Status.getLastModificationTime()
              .time_since_epoch()
              .count(),
          Status.getSize()};
}

llvm::Error fail(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Message.str());
}

/// What the first bytes of \p Path say it is, if not an SQLite file.
std::optional<std::string> notSqlite(llvm::StringRef Path) {
  // Mapped, not read: only the first bytes are looked at.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Head =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Head)
    return "cannot read the database '" + Path.str() +
           "': " + Head.getError().message();
  llvm::StringRef Bytes = (*Head)->getBuffer();
  if (Bytes.starts_with(llvm::StringRef("SQLite format 3\0", 16)))
    return std::nullopt;
  if (Bytes.starts_with("{\"format\":\"atomics-tidy-database\""))
    return "'" + Path.str() +
           "' is a database of an earlier atomics-tidy (a JSON file); " +
           Rebuild.str();
  return "'" + Path.str() + "' is not an atomics-tidy database (not an "
                            "SQLite file); " + Rebuild.str();
}

/// Runs \p S (bound), calling \p Row for each row; stops at Row's error.
template <typename Fn> llvm::Error eachRow(SqliteStatement &S, Fn Row) {
  while (true) {
    llvm::Expected<bool> More = S.step();
    if (!More) {
      S.reset();
      return More.takeError();
    }
    if (!*More)
      break;
    if (llvm::Error E = Row())
      return S.reset(), std::move(E);
  }
  S.reset();
  return llvm::Error::success();
}

} // namespace

std::string defaultDatabasePath() {
  const char *Env = std::getenv("ATOMICS_TIDY_DATABASE");
  return Env ? Env : "";
}

unsigned databaseSchemaVersion() { return ATOMICS_TIDY_SCHEMA_VERSION; }

FactsDatabase::~FactsDatabase() = default;

llvm::Error FactsDatabase::malformed(const llvm::Twine &What) const {
  return fail("'" + Path + "': " + What + "; " + Rebuild);
}

llvm::Expected<std::shared_ptr<const FactsDatabase>>
FactsDatabase::open(llvm::StringRef Path) {
  if (!llvm::sys::fs::exists(Path))
    return fail("cannot read the database '" + Path +
                "': no such file; build it with 'atomics-tidy-db build'");
  if (std::optional<std::string> Why = notSqlite(Path))
    return fail(*Why);
  std::shared_ptr<FactsDatabase> D(new FactsDatabase());
  D->Path = Path.str();
  llvm::Expected<std::unique_ptr<SqliteConnection>> C = SqliteConnection::open(
      Path, SqliteConnection::Mode::ReadOnly, ReaderPatienceMs);
  if (!C)
    return C.takeError();
  D->DB = std::move(*C);
  auto Check = [&]() -> llvm::Error {
    llvm::Expected<int64_t> Id = D->DB->pragma("application_id");
    if (!Id)
      return Id.takeError();
    if (*Id != ATOMICS_TIDY_SCHEMA_APPLICATION_ID)
      return fail("'" + Path + "' is an SQLite file of another program, not "
                               "an atomics-tidy database; " + Rebuild);
    llvm::Expected<int64_t> Version = D->DB->pragma("user_version");
    if (!Version)
      return Version.takeError();
    if (*Version != ATOMICS_TIDY_SCHEMA_VERSION)
      return fail("'" + Path + "' has version " + llvm::Twine(*Version) +
                  " of the database schema, this atomics-tidy reads "
                  "version " + llvm::Twine(ATOMICS_TIDY_SCHEMA_VERSION) +
                  "; " + Rebuild);
    // One snapshot from here on: a read transaction, begun by the first
    // read, kept until the database is closed.
    if (llvm::Error E = D->DB->exec("BEGIN"))
      return E;
    llvm::Expected<SqliteStatement> Units =
        D->DB->prepare("SELECT id FROM units ORDER BY file");
    if (!Units)
      return Units.takeError();
    return eachRow(*Units, [&]() -> llvm::Error {
      D->RankOfUnit[Units->integer(0)] = uint32_t(D->UnitOfRank.size());
      D->UnitOfRank.push_back(Units->integer(0));
      return llvm::Error::success();
    });
  };
  if (llvm::Error E = Check())
    return std::move(E);
  return D;
}

llvm::Expected<std::vector<PointRef>>
FactsDatabase::refs(SqliteStatement &Rows) const {
  std::vector<PointRef> Out;
  if (llvm::Error E = eachRow(Rows, [&]() -> llvm::Error {
        auto It = RankOfUnit.find(Rows.integer(0));
        int64_t Seq = Rows.integer(1);
        if (It == RankOfUnit.end() || Seq < 0 || Seq > UINT32_MAX)
          return malformed("a point of no unit");
        Out.push_back(PointRef(It->second) << 32 | uint64_t(Seq));
        return llvm::Error::success();
      }))
    return std::move(E);
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

namespace {
/// The functions whose visit reaches \p Key, with the fewest levels a
/// visit needs: 1 for a function that accesses it itself, one more for each
/// call on the way to one (a call recorded with at least the levels its
/// callee needs). A point reaches Key when it calls such a function with
/// enough levels. This is the walk of addRemoteReach (lib/CallAccesses.h)
/// backwards, from the location to the points.
constexpr const char *PointsAccessingSQL = R"sql(
WITH RECURSIVE need(name, n) AS (
  SELECT f.name, 1 FROM function_locations l
    JOIN current_functions f ON f.id = l.function WHERE l.key = ?1
  UNION
  SELECT f.name, need.n + 1 FROM need
    JOIN function_calls c ON c.callee = need.name AND c.levels >= need.n
    JOIN current_functions f ON f.id = c.function)
SELECT unit, seq FROM current_points WHERE id IN (
  SELECT point FROM point_locations WHERE key = ?1
  UNION
  SELECT c.point FROM point_calls c
    JOIN need ON c.callee = need.name AND c.levels >= need.n))sql";
} // namespace

llvm::Expected<std::vector<PointRef>>
FactsDatabase::pointsAccessing(llvm::StringRef Key) const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> S = DB->prepare(PointsAccessingSQL);
  if (!S)
    return S.takeError();
  S->bind(1, Key);
  return refs(*S);
}

llvm::Expected<std::vector<PointRef>>
FactsDatabase::pointsIn(llvm::StringRef Name) const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> S =
      DB->prepare("SELECT unit, seq FROM current_points WHERE function = ?1");
  if (!S)
    return S.takeError();
  S->bind(1, Name);
  return refs(*S);
}

llvm::Expected<std::vector<PointRef>> FactsDatabase::allPoints() const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> S =
      DB->prepare("SELECT unit, seq FROM current_points");
  if (!S)
    return S.takeError();
  return refs(*S);
}

namespace {
/// A location row: side, key, spelling, local, how, at.
SharedLocation locationAt(const SqliteStatement &S, int First) {
  SharedLocation L;
  L.Key = S.text(First).str();
  L.Spelling = S.text(First + 1).str();
  L.Local = S.integer(First + 2) != 0;
  L.How = static_cast<unsigned char>(S.integer(First + 3));
  L.At = S.text(First + 4).str();
  return L;
}
} // namespace

llvm::Expected<OrderingPoint> FactsDatabase::point(PointRef At) const {
  std::lock_guard<std::mutex> Guard(Lock);
  uint64_t Rank = At >> 32;
  if (Rank >= UnitOfRank.size())
    return malformed("no point " + llvm::Twine(At));
  llvm::Expected<SqliteStatement> S = DB->prepare(
      "SELECT id, function, file, line, col, name, access, ordering, classes, "
      "roles, reportable FROM points WHERE unit = ?1 AND seq = ?2");
  if (!S)
    return S.takeError();
  S->bind(1, UnitOfRank[Rank]).bind(2, int64_t(At & 0xffffffffu));
  OrderingPoint P;
  int64_t Id = -1;
  if (llvm::Error E = eachRow(*S, [&]() -> llvm::Error {
        Id = S->integer(0);
        P.FunctionName = S->text(1).str();
        P.File = S->text(2).str();
        P.Line = unsigned(S->integer(3));
        P.Column = unsigned(S->integer(4));
        P.Op.Name = S->text(5).str();
        std::optional<Access> A = accessNamed(S->text(6));
        std::optional<Order> O = orderNamed(S->text(7));
        if (!A || !O)
          return malformed("point " + llvm::Twine(Id) + " has access '" +
                           S->text(6) + "' and order '" + S->text(7) + "'");
        P.Op.Kind = *A;
        P.Op.Ordering = *O;
        P.Op.Classes = unsigned(S->integer(8));
        P.Roles = unsigned(S->integer(9));
        P.Reportable = S->integer(10) != 0;
        return llvm::Error::success();
      }))
    return std::move(E);
  if (Id < 0)
    return malformed("no point " + llvm::Twine(At));
  llvm::Expected<SqliteStatement> L =
      DB->prepare("SELECT side, key, spelling, local, how, at FROM "
                  "point_locations WHERE point = ?1");
  if (!L)
    return L.takeError();
  L->bind(1, Id);
  if (llvm::Error E = eachRow(*L, [&]() -> llvm::Error {
        llvm::StringRef Side = L->text(0);
        SharedLocation Loc = locationAt(*L, 1);
        if (Side == "own")
          P.Own = std::move(Loc);
        else if (LocationSet *Set =
                     Side == "written_before" ? &P.WrittenBefore
                     : Side == "read_before"  ? &P.ReadBefore
                     : Side == "written_after" ? &P.WrittenAfter
                     : Side == "read_after"    ? &P.ReadAfter
                                               : nullptr)
          addAccess(*Set, Loc);
        else
          return malformed("a location of point " + llvm::Twine(Id) +
                           " on side '" + Side + "'");
        return llvm::Error::success();
      }))
    return std::move(E);
  llvm::Expected<SqliteStatement> C = DB->prepare(
      "SELECT side, callee, levels FROM point_calls WHERE point = ?1");
  if (!C)
    return C.takeError();
  C->bind(1, Id);
  if (llvm::Error E = eachRow(*C, [&]() -> llvm::Error {
        UnresolvedCalls &Calls =
            C->text(0) == "before" ? P.CallsBefore : P.CallsAfter;
        Calls[C->text(1).str()] = unsigned(C->integer(2));
        return llvm::Error::success();
      }))
    return std::move(E);
  return P;
}

llvm::Expected<std::optional<CallReach>>
FactsDatabase::function(llvm::StringRef Name) const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> F =
      DB->prepare("SELECT id FROM current_functions WHERE name = ?1");
  if (!F)
    return F.takeError();
  F->bind(1, Name);
  std::optional<int64_t> Id;
  if (llvm::Error E = eachRow(*F, [&]() -> llvm::Error {
        Id = F->integer(0);
        return llvm::Error::success();
      }))
    return std::move(E);
  if (!Id)
    return std::nullopt;
  CallReach R;
  llvm::Expected<SqliteStatement> L =
      DB->prepare("SELECT side, key, spelling, local, how, at FROM "
                  "function_locations WHERE function = ?1");
  if (!L)
    return L.takeError();
  L->bind(1, *Id);
  if (llvm::Error E = eachRow(*L, [&]() -> llvm::Error {
        addAccess(L->text(0) == "reads" ? R.Reads : R.Writes,
                  locationAt(*L, 1));
        return llvm::Error::success();
      }))
    return std::move(E);
  llvm::Expected<SqliteStatement> C = DB->prepare(
      "SELECT callee, levels FROM function_calls WHERE function = ?1");
  if (!C)
    return C.takeError();
  C->bind(1, *Id);
  if (llvm::Error E = eachRow(*C, [&]() -> llvm::Error {
        R.Unresolved[C->text(0).str()] = unsigned(C->integer(1));
        return llvm::Error::success();
      }))
    return std::move(E);
  return R;
}

llvm::Expected<std::vector<RemoteAccess>>
FactsDatabase::accesses(llvm::StringRef Owner, int64_t Id,
                        llvm::StringRef List) const {
  llvm::Expected<SqliteStatement> S = DB->prepare(
      ("SELECT name, access, ordering, classes, location_kind, location_key, "
       "location_spelling, param, function, file, line, col, every_list "
       "FROM accesses "
       "WHERE " + Owner + " = ?1 AND list = ?2 ORDER BY seq")
          .str());
  if (!S)
    return S.takeError();
  S->bind(1, Id).bind(2, List);
  std::vector<RemoteAccess> Out;
  if (llvm::Error E = eachRow(*S, [&]() -> llvm::Error {
        RemoteAccess A;
        A.Name = S->text(0).str();
        std::optional<Access> K = accessNamed(S->text(1));
        std::optional<Order> O = orderNamed(S->text(2));
        std::optional<MemoryLocation::KindType> LK =
            locationKindNumbered(S->integer(4));
        if (!K || !O || !LK)
          return malformed("an access of " + Owner + " " + llvm::Twine(Id) +
                           " has access '" + S->text(1) + "', order '" +
                           S->text(2) + "' or location kind " +
                           llvm::Twine(S->integer(4)));
        A.Kind = *K;
        A.Ordering = *O;
        A.Classes = unsigned(S->integer(3));
        A.Location.Kind = *LK;
        A.Location.Key = S->text(5).str();
        A.Location.Spelling = S->text(6).str();
        A.Location.ParamIndex = unsigned(S->integer(7));
        A.Function = S->text(8).str();
        A.File = S->text(9).str();
        A.Line = unsigned(S->integer(10));
        A.Column = unsigned(S->integer(11));
        A.Location.EveryList = S->integer(12) != 0;
        Out.push_back(std::move(A));
        return llvm::Error::success();
      }))
    return std::move(E);
  return Out;
}

llvm::Expected<std::optional<RemoteSummary>>
FactsDatabase::summary(llvm::StringRef Name) const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> S =
      DB->prepare("SELECT id, can_return, passes_without_barrier FROM "
                  "current_summaries WHERE function = ?1");
  if (!S)
    return S.takeError();
  S->bind(1, Name);
  std::optional<int64_t> Id;
  RemoteSummary R;
  if (llvm::Error E = eachRow(*S, [&]() -> llvm::Error {
        Id = S->integer(0);
        R.CanReturn = S->integer(1) != 0;
        R.PassesWithoutBarrier = S->integer(2) != 0;
        return llvm::Error::success();
      }))
    return std::move(E);
  if (!Id)
    return std::nullopt;
  for (auto [List, Out] : {std::pair("early_load", &R.EarlyLoads),
                           std::pair("pending_rmw", &R.PendingRmws)}) {
    llvm::Expected<std::vector<RemoteAccess>> A =
        accesses("summary", *Id, List);
    if (!A)
      return A.takeError();
    *Out = std::move(*A);
  }
  return R;
}

llvm::Expected<std::vector<RemoteCall>>
FactsDatabase::callsOf(llvm::StringRef Name) const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> S = DB->prepare(
      "SELECT id, caller, file, line, col FROM current_after_calls "
      "WHERE callee = ?1 ORDER BY unit_file, seq");
  if (!S)
    return S.takeError();
  S->bind(1, Name);
  std::vector<std::pair<int64_t, RemoteCall>> Calls;
  if (llvm::Error E = eachRow(*S, [&]() -> llvm::Error {
        RemoteCall C;
        C.Callee = Name.str();
        C.Caller = S->text(1).str();
        C.File = S->text(2).str();
        C.Line = unsigned(S->integer(3));
        C.Column = unsigned(S->integer(4));
        Calls.emplace_back(S->integer(0), std::move(C));
        return llvm::Error::success();
      }))
    return std::move(E);
  std::vector<RemoteCall> Out;
  for (auto &[Id, C] : Calls) {
    llvm::Expected<std::vector<RemoteAccess>> A =
        accesses("after_call", Id, "load_after");
    if (!A)
      return A.takeError();
    C.LoadsAfter = std::move(*A);
    Out.push_back(std::move(C));
  }
  return Out;
}

llvm::Expected<std::vector<std::string>> FactsDatabase::staleUnits() const {
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::Expected<SqliteStatement> S =
      DB->prepare("SELECT file, source_mtime FROM units ORDER BY file");
  if (!S)
    return S.takeError();
  std::vector<std::string> Stale;
  if (llvm::Error E = eachRow(*S, [&]() -> llvm::Error {
        llvm::sys::fs::file_status Status;
        // A file gone is no change to analyse (the build will say).
        if (!llvm::sys::fs::status(S->text(0), Status) &&
            (long long)llvm::sys::toTimeT(Status.getLastModificationTime()) >
                S->integer(1))
          Stale.push_back(S->text(0).str());
        return llvm::Error::success();
      }))
    return std::move(E);
  return Stale;
}

llvm::Expected<std::shared_ptr<const FactsDatabase>>
cachedFactsDatabase(llvm::StringRef Path) {
  struct Entry {
    std::pair<long long, uint64_t> Main, Log;
    std::shared_ptr<const FactsDatabase> DB;
  };
  static std::mutex Lock;
  static std::map<std::string, Entry> Cache;
  // A transaction committed since appends to the write-ahead log, and a
  // checkpoint writes the file itself: either stamp changing is a new state.
  std::pair<long long, uint64_t> Main = fileStamp(Path);
  std::pair<long long, uint64_t> Log = fileStamp((Path + "-wal").str());
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Cache.find(Path.str());
  if (It != Cache.end() && It->second.Main == Main && It->second.Log == Log)
    return It->second.DB;
  llvm::Expected<std::shared_ptr<const FactsDatabase>> DB =
      FactsDatabase::open(Path);
  if (!DB)
    return DB.takeError();
  Cache[Path.str()] = {Main, Log, *DB};
  return DB;
}

} // namespace clang::tidy::atomics
