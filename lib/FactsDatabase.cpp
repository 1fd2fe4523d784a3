//===- FactsDatabase.cpp - the whole-program database ---------------------===//

#include "lib/FactsDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

namespace clang::tidy::atomics {

namespace {

constexpr llvm::StringLiteral DatabaseFormat = "atomics-tidy-database";
constexpr llvm::StringLiteral Rebuild =
    "rebuild the database with 'atomics-tidy-db build'";

/// The names of the sections, in the order of FactsDatabase::SectionKind,
/// and whether their records are keyed ("name": value) or a list.
struct SectionName {
  llvm::StringLiteral Name;
  bool Keyed;
};
constexpr SectionName SectionNames[] = {
    {"translation_units", false}, {"summaries", true},
    {"after_calls", true},        {"functions", true},
    {"points", false},
    {"points_by_location", true}, {"points_by_function", true}};
static_assert(std::size(SectionNames) == FactsDatabase::SectionCount);

/// A keyed record line, "key":value with an optional final comma: its key
/// and the text of its value. The key is the line's own text unless it
/// has escapes (then Decoded holds it): the bisection compares keys at
/// every step, without copying them.
struct KeyedLine {
  llvm::StringRef Key;
  llvm::StringRef Value;
  std::string Decoded;
};

std::optional<KeyedLine> splitKeyed(llvm::StringRef Line) {
  if (!Line.starts_with("\""))
    return std::nullopt;
  bool Escaped = false;
  size_t Close = 1;
  for (; Close < Line.size() && Line[Close] != '"'; ++Close)
    if (Line[Close] == '\\') {
      Escaped = true;
      ++Close;
    }
  if (Close >= Line.size() || Line.substr(Close + 1).take_front() != ":")
    return std::nullopt;
  KeyedLine K;
  K.Key = Line.substr(1, Close - 1);
  K.Value = Line.substr(Close + 2);
  K.Value.consume_back(",");
  if (Escaped) {
    llvm::Expected<llvm::json::Value> V =
        llvm::json::parse(Line.substr(0, Close + 1));
    if (!V) {
      llvm::consumeError(V.takeError());
      return std::nullopt;
    }
    std::optional<llvm::StringRef> S = V->getAsString();
    if (!S)
      return std::nullopt;
    K.Decoded = S->str();
  }
  return K;
}

/// The key of \p K, unescaped.
llvm::StringRef keyOf(const KeyedLine &K) {
  return K.Decoded.empty() ? K.Key : llvm::StringRef(K.Decoded);
}

/// A file's modification time (seconds) and size; (-1, 0) when it cannot
/// be read.
std::pair<long long, uint64_t> fileStamp(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return {-1, 0};
  return {(long long)llvm::sys::toTimeT(Status.getLastModificationTime()),
          Status.getSize()};
}

} // namespace

std::string defaultDatabasePath() {
  const char *Env = std::getenv("ATOMICS_TIDY_DATABASE");
  return Env ? Env : "";
}

llvm::Expected<std::shared_ptr<const FactsDatabase>>
FactsDatabase::open(llvm::StringRef Path) {
  RecordReader R(Path.str());
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return R.error("cannot read the database", Buffer.getError().message());
  llvm::StringRef Text = (*Buffer)->getBuffer();
  auto [HeaderLine, Body] = Text.split('\n');
  if (nestsTooDeeply(HeaderLine))
    return R.error("not an atomics-tidy database",
                   "arrays and objects nested more than " +
                       llvm::Twine(MaxJsonNesting) + " levels deep; " +
                       Rebuild);
  // The header line is the start of the top-level object: closed, it is a
  // document of its own. (A database of version 2 is one line.)
  std::string Header = HeaderLine.rtrim().str();
  if (llvm::StringRef(Header).ends_with(","))
    Header.back() = '}';
  llvm::Expected<llvm::json::Value> Top = llvm::json::parse(Header);
  if (!Top)
    return R.error("not JSON", llvm::toString(Top.takeError()));
  const llvm::json::Object *O = Top->getAsObject();
  if (!O || O->getString("format") != DatabaseFormat)
    return R.error("top level", "not an atomics-tidy database (expected "
                                "\"format\": \"atomics-tidy-database\")");
  const llvm::json::Value *VersionValue = O->get("version");
  std::optional<int64_t> Version =
      VersionValue ? VersionValue->getAsInteger() : std::nullopt;
  if (!Version)
    return R.error("version",
                   llvm::Twine(VersionValue ? "not an integer" : "missing") +
                       " (this atomics-tidy reads version " +
                       llvm::Twine(DatabaseFormatVersion) + "); " + Rebuild);
  if (*Version != int64_t(DatabaseFormatVersion))
    return R.error("version",
                   "version " + llvm::Twine(*Version) +
                       " is not the supported version " +
                       llvm::Twine(DatabaseFormatVersion) +
                       "; rebuild the database with this atomics-tidy");
  std::optional<int64_t> BodySize = O->getInteger("body_size");
  if (!BodySize || *BodySize != int64_t(Body.size()))
    return R.error("body_size",
                   "the database has " + llvm::Twine(Body.size()) +
                       " bytes after its first line where its header says " +
                       (BodySize ? llvm::Twine(*BodySize) : llvm::Twine("?")) +
                       " (cut short, or changed by hand?); " + Rebuild);
  const llvm::json::Object *Sections = O->getObject("sections");
  if (!Sections)
    return R.error("sections", llvm::Twine("missing; ") + Rebuild);
  std::shared_ptr<FactsDatabase> DB(new FactsDatabase());
  DB->Path = Path.str();
  for (unsigned S = 0; S < SectionCount; ++S) {
    llvm::StringRef Name = SectionNames[S].Name;
    const llvm::json::Array *Range = Sections->getArray(Name);
    std::optional<int64_t> Begin, End;
    if (Range && Range->size() == 2) {
      Begin = (*Range)[0].getAsInteger();
      End = (*Range)[1].getAsInteger();
    }
    auto AtLineStart = [&](int64_t Offset) {
      return Offset == 0 || Body[Offset - 1] == '\n';
    };
    // The line before the records opens the section: "points":[
    std::string Opener =
        ("\"" + Name + "\":" + (SectionNames[S].Keyed ? "{" : "[") + "\n")
            .str();
    if (!Begin || !End || *Begin < int64_t(Opener.size()) || *End < *Begin ||
        *End > int64_t(Body.size()) || !AtLineStart(*Begin) ||
        !AtLineStart(*End) ||
        Body.substr(*Begin - Opener.size(), Opener.size()) != Opener ||
        !AtLineStart(*Begin - Opener.size()))
      return R.error("sections." + Name,
                     llvm::Twine("not where the section is; ") + Rebuild);
    DB->Sections[S] = {uint64_t(*Begin), uint64_t(*End)};
  }
  DB->Buffer = std::move(*Buffer);
  DB->Body = Body;
  return DB;
}

llvm::StringRef FactsDatabase::lineAt(uint64_t Offset) const {
  llvm::StringRef Rest = Body.substr(Offset);
  return Rest.substr(0, Rest.find('\n'));
}

llvm::Error FactsDatabase::at(uint64_t Offset, llvm::Error E) const {
  // Line 1 is the header. Counted only for a message.
  size_t Line = 2 + std::count(Body.begin(), Body.begin() + Offset, '\n');
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": line " + std::to_string(Line) +
                                     ": " + llvm::toString(std::move(E)));
}

llvm::Expected<std::optional<uint64_t>>
FactsDatabase::find(SectionKind S, llvm::StringRef Name) const {
  // Bisect the lines: each record is one, sorted by key. The line looked
  // at is the first that starts after the middle (found forwards, which is
  // fast), or the first of the range when none does.
  uint64_t Lo = Sections[S].Begin, Hi = Sections[S].End;
  while (Lo < Hi) {
    uint64_t Mid = Lo + (Hi - Lo) / 2;
    uint64_t Start = Mid == Lo ? Lo : Body.find('\n', Mid - 1) + 1;
    if (Start >= Hi)
      Start = Lo;
    llvm::StringRef Line = lineAt(Start);
    auto Split = splitKeyed(Line);
    if (!Split)
      return at(Start, Records.error(SectionNames[S].Name,
                                     "expected a record \"name\":value"));
    int Order = keyOf(*Split).compare(Name);
    if (Order == 0)
      return Start;
    if (Order < 0)
      Lo = Start + Line.size() + 1;
    else
      Hi = Start;
  }
  return std::nullopt;
}

llvm::Expected<llvm::json::Value> FactsDatabase::value(uint64_t Offset,
                                                       bool Keyed) const {
  llvm::StringRef Text = lineAt(Offset);
  if (Keyed) {
    auto Split = splitKeyed(Text);
    if (!Split)
      return at(Offset, Records.error("record", "expected \"name\":value"));
    Text = Split->Value;
  } else {
    Text.consume_back(",");
  }
  if (nestsTooDeeply(Text))
    return at(Offset, Records.error("record", "nested more than " +
                                                  llvm::Twine(MaxJsonNesting) +
                                                  " levels deep"));
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V)
    return at(Offset,
              Records.error("not JSON", llvm::toString(V.takeError())));
  return V;
}

template <typename T, typename ReadFn>
llvm::Expected<std::optional<T>>
FactsDatabase::keyed(SectionKind S, llvm::StringRef Name, ReadFn Read) const {
  llvm::Expected<std::optional<uint64_t>> At = find(S, Name);
  if (!At)
    return At.takeError();
  if (!*At)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> V = value(**At, /*Keyed=*/true);
  if (!V)
    return V.takeError();
  llvm::Expected<T> Record = Read(*V, SectionNames[S].Name + "." + Name);
  if (!Record)
    return at(**At, Record.takeError());
  return std::move(*Record);
}

llvm::Expected<std::optional<RemoteSummary>>
FactsDatabase::summary(llvm::StringRef Name) const {
  return keyed<RemoteSummary>(
      Summaries, Name, [&](const llvm::json::Value &V, const llvm::Twine &W) {
        return Records.summary(V, W);
      });
}

llvm::Expected<std::vector<RemoteCall>>
FactsDatabase::callsOf(llvm::StringRef Name) const {
  auto Calls = keyed<std::vector<RemoteCall>>(
      AfterCalls, Name,
      [&](const llvm::json::Value &V, const llvm::Twine &W)
          -> llvm::Expected<std::vector<RemoteCall>> {
        const llvm::json::Object *O = V.getAsObject();
        const llvm::json::Array *A = O ? O->getArray("calls") : nullptr;
        if (!A)
          return Records.error(W, "expected an object with \"calls\"");
        std::vector<RemoteCall> Out;
        for (size_t I = 0; I < A->size(); ++I) {
          llvm::Expected<RemoteCall> C = Records.afterCall(
              Name, (*A)[I], W + ".calls[" + llvm::Twine(I) + "]");
          if (!C)
            return C.takeError();
          Out.push_back(std::move(*C));
        }
        return Out;
      });
  if (!Calls)
    return Calls.takeError();
  return Calls->value_or(std::vector<RemoteCall>());
}

llvm::Expected<std::optional<CallReach>>
FactsDatabase::function(llvm::StringRef Name) const {
  return keyed<CallReach>(
      Functions, Name,
      [&](const llvm::json::Value &V,
          const llvm::Twine &W) -> llvm::Expected<CallReach> {
        auto F = Records.function(V, W);
        if (!F)
          return F.takeError();
        return std::move(F->second);
      });
}

llvm::Expected<std::vector<uint64_t>>
FactsDatabase::offsets(SectionKind S, llvm::StringRef Name) const {
  auto Offsets = keyed<std::vector<uint64_t>>(
      S, Name,
      [&](const llvm::json::Value &V,
          const llvm::Twine &W) -> llvm::Expected<std::vector<uint64_t>> {
        std::vector<uint64_t> Out;
        const llvm::json::Array *A = V.getAsArray();
        for (size_t I = 0; A && I < A->size(); ++I) {
          std::optional<int64_t> N = (*A)[I].getAsInteger();
          if (!N || *N < 0)
            break;
          Out.push_back(uint64_t(*N));
        }
        if (!A || Out.size() != A->size())
          return Records.error(W, "expected an array of offsets");
        return Out;
      });
  if (!Offsets)
    return Offsets.takeError();
  return Offsets->value_or(std::vector<uint64_t>());
}

llvm::Expected<std::vector<uint64_t>>
FactsDatabase::pointsAccessing(llvm::StringRef Key) const {
  return offsets(ByLocation, Key);
}

llvm::Expected<std::vector<uint64_t>>
FactsDatabase::pointsIn(llvm::StringRef Name) const {
  return offsets(ByFunction, Name);
}

std::vector<uint64_t> FactsDatabase::allPoints() const {
  std::vector<uint64_t> Out;
  for (uint64_t At = Sections[Points].Begin; At < Sections[Points].End;
       At += lineAt(At).size() + 1)
    Out.push_back(At);
  return Out;
}

llvm::Expected<OrderingPoint> FactsDatabase::point(uint64_t Offset) const {
  const Section &S = Sections[Points];
  if (Offset < S.Begin || Offset >= S.End || Body[Offset - 1] != '\n')
    return RecordReader(Path).error(
        "points", "no point starts at offset " + llvm::Twine(Offset) +
                      " of the body; " + Rebuild);
  llvm::Expected<llvm::json::Value> V = value(Offset, /*Keyed=*/false);
  if (!V)
    return V.takeError();
  llvm::Expected<OrderingPoint> P = Records.point(*V, "points");
  if (!P)
    return at(Offset, P.takeError());
  return P;
}

llvm::Expected<std::vector<std::string>> FactsDatabase::staleUnits() const {
  std::vector<std::string> Stale;
  const Section &S = Sections[Units];
  for (uint64_t At = S.Begin; At < S.End; At += lineAt(At).size() + 1) {
    llvm::Expected<llvm::json::Value> V = value(At, /*Keyed=*/false);
    if (!V)
      return V.takeError();
    const llvm::json::Object *O = V->getAsObject();
    std::optional<llvm::StringRef> File =
        O ? O->getString("file") : std::nullopt;
    std::optional<int64_t> MTime =
        O ? O->getInteger("source_mtime") : std::nullopt;
    if (!File || !MTime)
      return at(At, Records.error("translation_units",
                                  "expected \"file\" and \"source_mtime\""));
    if (fileStamp(*File).first > *MTime)
      Stale.push_back(File->str());
  }
  return Stale;
}

llvm::Expected<std::shared_ptr<const FactsDatabase>>
cachedFactsDatabase(llvm::StringRef Path) {
  struct Entry {
    std::pair<long long, uint64_t> Stamp;
    std::shared_ptr<const FactsDatabase> DB;
  };
  static std::mutex Lock;
  static std::map<std::string, Entry> Cache;
  // With the size: a database rebuilt within the second is another one.
  std::pair<long long, uint64_t> Stamp = fileStamp(Path);
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Cache.find(Path.str());
  if (It != Cache.end() && It->second.Stamp == Stamp)
    return It->second.DB;
  llvm::Expected<std::shared_ptr<const FactsDatabase>> DB =
      FactsDatabase::open(Path);
  if (!DB)
    return DB.takeError();
  Cache[Path.str()] = {Stamp, *DB};
  return DB;
}

} // namespace clang::tidy::atomics
