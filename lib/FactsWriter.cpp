//===- FactsWriter.cpp - a unit's facts into the database -----------------===//

#include "lib/FactsWriter.h"
#include "lib/FactsDatabase.h"
#include "lib/Sqlite.h"
#include "FactsSchema.inc"
#include "llvm/ADT/StringMap.h"
#include <mutex>

namespace clang::tidy::atomics {

namespace {

/// How long a writer waits for the others (each holds the lock for one
/// unit's transaction, milliseconds at most).
constexpr int WriterPatienceMs = 10 * 60 * 1000;

/// "file:line" of the access \p L names, from its place in this unit.
std::string placeText(const SharedLocation &L, const SourceManager &SM) {
  if (!L.At.empty() || L.Loc.isInvalid())
    return L.At;
  PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(L.Loc));
  if (P.isInvalid())
    return "";
  return (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine())).str();
}

void placeAll(LocationSet &S, const SourceManager &SM) {
  for (auto &[Key, L] : S)
    L.At = placeText(L, SM);
}

/// The statements of one unit's transaction.
struct Inserter {
  SqliteConnection &DB;
  SqliteStatement Unit, Point, PointLocation, PointCall, Function,
      FunctionLocation, FunctionCall, Summary, AfterCall, AccessRow,
      ReportFile;

  static llvm::Expected<Inserter> prepare(SqliteConnection &DB) {
    const char *const SQL[] = {
        "INSERT INTO units(file, source_mtime, analysed) VALUES (?1, ?2, 1)",
        "INSERT INTO points(unit, seq, function, file, line, col, name, "
        "access, ordering, classes, roles, reportable) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        "INSERT INTO point_locations(point, side, key, spelling, local, how, "
        "at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO point_calls(point, side, callee, levels) VALUES "
        "(?1, ?2, ?3, ?4)",
        "INSERT INTO functions(unit, name) VALUES (?1, ?2)",
        "INSERT INTO function_locations(function, side, key, spelling, "
        "local, how, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO function_calls(function, callee, levels) VALUES "
        "(?1, ?2, ?3)",
        "INSERT INTO summaries(unit, function, can_return, "
        "passes_without_barrier) VALUES (?1, ?2, ?3, ?4)",
        "INSERT INTO after_calls(unit, seq, callee, caller, file, line, col) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO accesses(summary, after_call, list, seq, name, access, "
        "ordering, classes, location_kind, location_key, location_spelling, "
        "every_list, param, function, file, line, col) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        "INSERT INTO report_files(unit, file) VALUES (?1, ?2)"};
    std::vector<SqliteStatement> S;
    for (const char *Text : SQL) {
      llvm::Expected<SqliteStatement> P = DB.prepare(Text);
      if (!P)
        return P.takeError();
      S.push_back(std::move(*P));
    }
    return Inserter{DB,           std::move(S[0]), std::move(S[1]),
                    std::move(S[2]), std::move(S[3]), std::move(S[4]),
                    std::move(S[5]), std::move(S[6]), std::move(S[7]),
                    std::move(S[8]), std::move(S[9]), std::move(S[10])};
  }

  int64_t lastId() const { return DB.lastInsertId(); }

  llvm::Error location(SqliteStatement &S, int64_t Owner,
                       llvm::StringRef Side, const SharedLocation &L) {
    return S.bind(1, Owner)
        .bind(2, Side)
        .bind(3, L.Key)
        .bind(4, L.Spelling)
        .bind(5, int64_t(L.Local))
        .bind(6, int64_t(L.How))
        .bind(7, L.At)
        .run();
  }

  llvm::Error access(int64_t Summary, int64_t Call, llvm::StringRef List,
                     int64_t Seq, const RemoteAccess &A) {
    if (Summary)
      AccessRow.bind(1, Summary).bindNull(2);
    else
      AccessRow.bindNull(1).bind(2, Call);
    return AccessRow.bind(3, List)
        .bind(4, Seq)
        .bind(5, A.Name)
        .bind(6, accessName(A.Kind))
        .bind(7, orderName(A.Ordering))
        .bind(8, int64_t(A.Classes))
        .bind(9, int64_t(A.Location.Kind))
        .bind(10, A.Location.Key)
        .bind(11, A.Location.Spelling)
        .bind(12, int64_t(A.Location.EveryList))
        .bind(13, int64_t(A.Location.ParamIndex))
        .bind(14, A.Function)
        .bind(15, A.File)
        .bind(16, int64_t(A.Line))
        .bind(17, int64_t(A.Column))
        .run();
  }
};

} // namespace

llvm::Expected<std::unique_ptr<SqliteConnection>>
openDatabaseForWriting(llvm::StringRef Path) {
  llvm::Expected<std::unique_ptr<SqliteConnection>> DB =
      SqliteConnection::open(Path, SqliteConnection::Mode::ReadWriteCreate,
                             WriterPatienceMs);
  if (!DB)
    return DB.takeError();
  SqliteConnection &C = **DB;
  // What is not an SQLite file says so at the first statement.
  llvm::Expected<int64_t> Id = C.pragma("application_id");
  if (!Id)
    return Id.takeError();
  if (*Id != 0 && *Id != ATOMICS_TIDY_SCHEMA_APPLICATION_ID)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'" + Path + "' is an SQLite file of another program, not an "
                     "atomics-tidy database; give another path");
  // The write-ahead log lets readers read while a unit is written. Set
  // outside a transaction; it stays with the file.
  if (llvm::Error E = C.exec("PRAGMA journal_mode = WAL"))
    return std::move(E);
  if (llvm::Error E = C.exec("PRAGMA foreign_keys = ON"))
    return std::move(E);
  // A new file gets the schema; two processes creating it at once take
  // turns, and the second finds it made.
  if (llvm::Error E = C.exec("BEGIN IMMEDIATE"))
    return std::move(E);
  llvm::Error Result = [&]() -> llvm::Error {
    llvm::Expected<int64_t> Version = C.pragma("user_version");
    if (!Version)
      return Version.takeError();
    if (*Version == 0) {
      llvm::Expected<SqliteStatement> Tables =
          C.prepare("SELECT count(*) FROM sqlite_master");
      if (!Tables)
        return Tables.takeError();
      llvm::Expected<bool> Row = Tables->step();
      if (!Row)
        return Row.takeError();
      if (Tables->integer(0) != 0)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "'" + Path + "' is an SQLite file of another program, not an "
                         "atomics-tidy database; give another path");
      return C.exec(FactsSchemaText);
    }
    if (*Version != ATOMICS_TIDY_SCHEMA_VERSION)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "'" + Path + "' has version " + llvm::Twine(*Version) +
              " of the database schema, this atomics-tidy writes version " +
              llvm::Twine(ATOMICS_TIDY_SCHEMA_VERSION) +
              "; rebuild it with 'atomics-tidy-db build'");
    return llvm::Error::success();
  }();
  if (Result) {
    llvm::consumeError(C.exec("ROLLBACK"));
    return std::move(Result);
  }
  if (llvm::Error E = C.exec("COMMIT"))
    return std::move(E);
  return DB;
}

std::shared_ptr<UnitFacts> UnitFacts::join(llvm::StringRef DatabasePath) {
  static std::mutex Lock;
  static llvm::StringMap<std::weak_ptr<UnitFacts>> Live;
  std::lock_guard<std::mutex> Guard(Lock);
  std::weak_ptr<UnitFacts> &Slot = Live[DatabasePath];
  std::shared_ptr<UnitFacts> F = Slot.lock();
  // A unit whose checks have all handed in is done: the next unit's checks
  // start a new one.
  if (!F || (F->Joined && F->HandedIn == F->Joined)) {
    F = std::make_shared<UnitFacts>(PrivateTag(), DatabasePath.str());
    Slot = F;
  }
  ++F->Joined;
  return F;
}

void UnitFacts::setPoints(
    llvm::ArrayRef<const OrderingPoint *> Ps,
    llvm::ArrayRef<std::pair<std::string, const CallReach *>> Fs,
    const SourceManager &SM) {
  Points.clear();
  for (const OrderingPoint *P : Ps) {
    OrderingPoint Copy = *P;
    if (Copy.Own)
      Copy.Own->At = placeText(*Copy.Own, SM);
    for (LocationSet *S : {&Copy.WrittenBefore, &Copy.ReadBefore,
                           &Copy.WrittenAfter, &Copy.ReadAfter})
      placeAll(*S, SM);
    Points.push_back(std::move(Copy));
  }
  Functions.clear();
  for (const auto &[Name, Reach] : Fs) {
    CallReach Copy = *Reach;
    placeAll(Copy.Reads, SM);
    placeAll(Copy.Writes, SM);
    Functions.emplace_back(Name, std::move(Copy));
  }
}

void UnitFacts::setSummaries(
    std::vector<std::pair<std::string, RemoteSummary>> S,
    std::vector<RemoteCall> Calls) {
  Summaries = std::move(S);
  AfterCalls = std::move(Calls);
}

llvm::Error UnitFacts::handIn(const UnitSource &Unit) {
  if (++HandedIn < Joined)
    return llvm::Error::success();
  return write(Unit);
}

llvm::Error UnitFacts::write(const UnitSource &Unit) const {
  llvm::Expected<std::unique_ptr<SqliteConnection>> Opened =
      openDatabaseForWriting(DatabasePath);
  if (!Opened)
    return Opened.takeError();
  SqliteConnection &DB = **Opened;
  llvm::Expected<Inserter> Prepared = Inserter::prepare(DB);
  if (!Prepared)
    return Prepared.takeError();
  Inserter &In = *Prepared;
  if (llvm::Error E = DB.exec("BEGIN IMMEDIATE"))
    return E;
  llvm::Error Result = [&]() -> llvm::Error {
    llvm::Expected<SqliteStatement> Delete =
        DB.prepare("DELETE FROM units WHERE file = ?1");
    if (!Delete)
      return Delete.takeError();
    if (llvm::Error E = Delete->bind(1, Unit.Path).run())
      return E;
    if (llvm::Error E =
            In.Unit.bind(1, Unit.Path).bind(2, int64_t(Unit.MTime)).run())
      return E;
    int64_t UnitId = In.lastId();
    // The digest of the unit's facts, without its row ids and its file's
    // time: the same facts written again give the same digest, and the
    // findings atomics-tidy-run keeps for the other files stay valid.
    llvm::MD5 Digest;
    for (SqliteStatement *S :
         {&In.Point, &In.PointLocation, &In.PointCall, &In.Function,
          &In.FunctionLocation, &In.FunctionCall, &In.Summary, &In.AfterCall})
      S->digestInto(Digest, 2); // after the owner's id
    In.AccessRow.digestInto(Digest, 3); // after the summary's or call's id
    int64_t Seq = 0;
    for (const OrderingPoint &P : Points) {
      if (llvm::Error E = In.Point.bind(1, UnitId)
                              .bind(2, Seq++)
                              .bind(3, P.FunctionName)
                              .bind(4, P.File)
                              .bind(5, int64_t(P.Line))
                              .bind(6, int64_t(P.Column))
                              .bind(7, P.Op.Name)
                              .bind(8, accessName(P.Op.Kind))
                              .bind(9, orderName(P.Op.Ordering))
                              .bind(10, int64_t(P.Op.Classes))
                              .bind(11, int64_t(P.Roles))
                              .bind(12, int64_t(P.Reportable))
                              .run())
        return E;
      int64_t PointId = In.lastId();
      if (P.Own)
        if (llvm::Error E =
                In.location(In.PointLocation, PointId, "own", *P.Own))
          return E;
      std::pair<llvm::StringRef, const LocationSet *> Sets[] = {
          {"written_before", &P.WrittenBefore},
          {"read_before", &P.ReadBefore},
          {"written_after", &P.WrittenAfter},
          {"read_after", &P.ReadAfter}};
      for (const auto &[Side, S] : Sets)
        for (const auto &[Key, L] : *S)
          if (llvm::Error E = In.location(In.PointLocation, PointId, Side, L))
            return E;
      std::pair<llvm::StringRef, const UnresolvedCalls *> Calls[] = {
          {"before", &P.CallsBefore}, {"after", &P.CallsAfter}};
      for (const auto &[Side, C] : Calls)
        for (const auto &[Callee, Levels] : *C)
          if (llvm::Error E = In.PointCall.bind(1, PointId)
                                  .bind(2, Side)
                                  .bind(3, Callee)
                                  .bind(4, int64_t(Levels))
                                  .run())
            return E;
    }
    for (const auto &[Name, R] : Functions) {
      if (llvm::Error E = In.Function.bind(1, UnitId).bind(2, Name).run())
        return E;
      int64_t FunctionId = In.lastId();
      for (const auto &[Side, S] :
           {std::pair("reads", &R.Reads), std::pair("writes", &R.Writes)})
        for (const auto &[Key, L] : *S)
          if (llvm::Error E =
                  In.location(In.FunctionLocation, FunctionId, Side, L))
            return E;
      for (const auto &[Callee, Levels] : R.Unresolved)
        if (llvm::Error E = In.FunctionCall.bind(1, FunctionId)
                                .bind(2, Callee)
                                .bind(3, int64_t(Levels))
                                .run())
          return E;
    }
    for (const auto &[Name, S] : Summaries) {
      if (llvm::Error E = In.Summary.bind(1, UnitId)
                              .bind(2, Name)
                              .bind(3, int64_t(S.CanReturn))
                              .bind(4, int64_t(S.PassesWithoutBarrier))
                              .run())
        return E;
      int64_t SummaryId = In.lastId();
      int64_t N = 0;
      for (const RemoteAccess &A : S.EarlyLoads)
        if (llvm::Error E = In.access(SummaryId, 0, "early_load", N++, A))
          return E;
      for (const RemoteAccess &A : S.PendingRmws)
        if (llvm::Error E = In.access(SummaryId, 0, "pending_rmw", N++, A))
          return E;
    }
    Seq = 0;
    for (const RemoteCall &C : AfterCalls) {
      if (llvm::Error E = In.AfterCall.bind(1, UnitId)
                              .bind(2, Seq++)
                              .bind(3, C.Callee)
                              .bind(4, C.Caller)
                              .bind(5, C.File)
                              .bind(6, int64_t(C.Line))
                              .bind(7, int64_t(C.Column))
                              .run())
        return E;
      int64_t CallId = In.lastId();
      int64_t N = 0;
      for (const RemoteAccess &A : C.LoadsAfter)
        if (llvm::Error E = In.access(0, CallId, "load_after", N++, A))
          return E;
    }
    // Not in the digest: no check reads them.
    for (const std::string &File : ReportFiles)
      if (llvm::Error E = In.ReportFile.bind(1, UnitId).bind(2, File).run())
        return E;
    llvm::MD5::MD5Result Result;
    Digest.final(Result);
    llvm::Expected<SqliteStatement> SetDigest =
        DB.prepare("UPDATE units SET facts_digest = ?1 WHERE id = ?2");
    if (!SetDigest)
      return SetDigest.takeError();
    return SetDigest->bind(1, Result.digest().str()).bind(2, UnitId).run();
  }();
  if (Result) {
    llvm::consumeError(DB.exec("ROLLBACK"));
    return Result;
  }
  return DB.exec("COMMIT");
}

} // namespace clang::tidy::atomics
