//===- FactsRecords.cpp - the facts of one unit, as JSON records ----------===//

#include "lib/FactsRecords.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/raw_ostream.h"
#include <tuple>
#include <utility>

namespace clang::tidy::atomics {

namespace {

constexpr llvm::StringLiteral FactsFormat = "atomics-tidy-facts";

const Access AllAccesses[] = {Access::Load, Access::Store,
                              Access::ReadModifyWrite, Access::Fence,
                              Access::CompilerBarrier};
const Order AllOrders[] = {Order::Relaxed, Order::Consume, Order::Acquire,
                           Order::Release, Order::AcqRel,  Order::SeqCst};

/// "file:line" of the access \p L names, from its place in this unit or
/// from the database it was read from.
std::string placeText(const SharedLocation &L, const SourceManager *SM) {
  if (!L.At.empty() || !SM || L.Loc.isInvalid())
    return L.At;
  PresumedLoc P = SM->getPresumedLoc(SM->getFileLoc(L.Loc));
  if (P.isInvalid())
    return "";
  return (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine())).str();
}

llvm::json::Value locationJSON(const SharedLocation &L,
                               const SourceManager *SM) {
  llvm::json::Object O{
      {"key", L.Key}, {"spelling", L.Spelling}, {"local", L.Local}};
  if (L.How)
    O["how"] = L.How;
  std::string At = placeText(L, SM);
  if (!At.empty())
    O["at"] = std::move(At);
  return O;
}

llvm::json::Array setJSON(const LocationSet &S, const SourceManager *SM) {
  llvm::json::Array A;
  for (const auto &[Key, L] : S)
    A.push_back(locationJSON(L, SM));
  return A;
}

llvm::json::Object callsJSON(const std::map<std::string, unsigned> &Calls) {
  llvm::json::Object O;
  for (const auto &[Name, Levels] : Calls)
    O[Name] = Levels;
  return O;
}

llvm::json::Value pointJSON(const OrderingPoint &P, const SourceManager *SM) {
  return llvm::json::Object{
      {"function", P.FunctionName},
      {"file", P.File},
      {"line", P.Line},
      {"column", P.Column},
      {"name", P.Op.Name},
      {"access", accessName(P.Op.Kind)},
      {"order", orderName(P.Op.Ordering)},
      {"classes", P.Op.Classes},
      {"roles", P.Roles},
      {"reportable", P.Reportable},
      {"own", P.Own ? locationJSON(*P.Own, SM) : llvm::json::Value(nullptr)},
      {"written_before", setJSON(P.WrittenBefore, SM)},
      {"read_before", setJSON(P.ReadBefore, SM)},
      {"written_after", setJSON(P.WrittenAfter, SM)},
      {"read_after", setJSON(P.ReadAfter, SM)},
      {"calls_before", callsJSON(P.CallsBefore)},
      {"calls_after", callsJSON(P.CallsAfter)},
  };
}

llvm::json::Value functionJSON(llvm::StringRef Name, const CallReach &R,
                               const SourceManager *SM) {
  return llvm::json::Object{
      {"function", Name},
      {"reads", setJSON(R.Reads, SM)},
      {"writes", setJSON(R.Writes, SM)},
      {"calls", callsJSON(R.Unresolved)},
  };
}

const MemoryLocation::KindType AllLocationKinds[] = {
    MemoryLocation::None, MemoryLocation::Global, MemoryLocation::Field,
    MemoryLocation::Param, MemoryLocation::Pointer};

llvm::json::Value accessJSON(const RemoteAccess &A) {
  return llvm::json::Object{
      {"name", A.Name},
      {"access", accessName(A.Kind)},
      {"order", orderName(A.Ordering)},
      {"classes", A.Classes},
      {"location_kind", int(A.Location.Kind)},
      {"location_key", A.Location.Key},
      {"location_spelling", A.Location.Spelling},
      {"param", A.Location.ParamIndex},
      {"function", A.Function},
      {"file", A.File},
      {"line", A.Line},
      {"column", A.Column},
  };
}

} // namespace

llvm::Error RecordReader::error(const llvm::Twine &Where,
                                const llvm::Twine &What) const {
  std::string Message = (Where + ": " + What).str();
  if (!File.empty())
    Message = File + ": " + Message;
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<SharedLocation>
RecordReader::location(const llvm::json::Value &V,
                       const llvm::Twine &Where) const {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return error(Where, "expected an object");
  SharedLocation L;
  std::optional<llvm::StringRef> Key = O->getString("key");
  std::optional<llvm::StringRef> Spelling = O->getString("spelling");
  std::optional<bool> Local = O->getBoolean("local");
  if (!Key || !Spelling || !Local)
    return error(Where, "expected \"key\", \"spelling\" and \"local\"");
  L.Key = Key->str();
  L.Spelling = Spelling->str();
  L.Local = *Local;
  // Optional: facts written before they were recorded allow any access.
  if (const llvm::json::Value *How = O->get("how")) {
    std::optional<int64_t> N = How->getAsInteger();
    if (!N || *N < 0 || *N > AnyAccess)
      return error(Where, "\"how\" must be an integer from 0 to " +
                              llvm::Twine(unsigned(AnyAccess)));
    L.How = static_cast<unsigned char>(*N);
  } else {
    L.How = AnyAccess;
  }
  if (const llvm::json::Value *At = O->get("at")) {
    std::optional<llvm::StringRef> Text = At->getAsString();
    if (!Text)
      return error(Where, "\"at\" must be a string");
    L.At = Text->str();
  }
  return L;
}

llvm::Error RecordReader::set(const llvm::json::Object &O,
                              llvm::StringRef Name, LocationSet &Out,
                              const llvm::Twine &Where) const {
  const llvm::json::Array *A = O.getArray(Name);
  if (!A)
    return error(Where, "expected an array \"" + Name + "\"");
  for (size_t I = 0; I < A->size(); ++I) {
    auto L = location((*A)[I], Where + "." + Name + "[" + llvm::Twine(I) +
                                   "]");
    if (!L)
      return L.takeError();
    addAccess(Out, *L);
  }
  return llvm::Error::success();
}

llvm::Expected<OrderingPoint>
RecordReader::point(const llvm::json::Value &V,
                    const llvm::Twine &Where) const {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return error(Where, "expected an object");
  OrderingPoint P;
  std::optional<llvm::StringRef> Function = O->getString("function");
  std::optional<llvm::StringRef> F = O->getString("file");
  std::optional<int64_t> Line = O->getInteger("line");
  std::optional<int64_t> Column = O->getInteger("column");
  std::optional<llvm::StringRef> Name = O->getString("name");
  std::optional<llvm::StringRef> AccessText = O->getString("access");
  std::optional<llvm::StringRef> OrderText = O->getString("order");
  std::optional<int64_t> Classes = O->getInteger("classes");
  std::optional<int64_t> Roles = O->getInteger("roles");
  std::optional<bool> Reportable = O->getBoolean("reportable");
  if (!Function || !F || !Line || !Column || !Name || !AccessText ||
      !OrderText || !Classes || !Roles || !Reportable)
    return error(Where, "a point needs \"function\", \"file\", \"line\", "
                        "\"column\", \"name\", \"access\", \"order\", "
                        "\"classes\", \"roles\" and \"reportable\"");
  std::optional<Access> A;
  for (Access X : AllAccesses)
    if (accessName(X) == *AccessText)
      A = X;
  std::optional<Order> Ord;
  for (Order X : AllOrders)
    if (orderName(X) == *OrderText)
      Ord = X;
  if (!A || !Ord)
    return error(Where, "unknown access '" + *AccessText + "' or order '" +
                            *OrderText + "'");
  if (*Line < 1 || *Column < 1 || *Roles < 0 || *Roles > 3 || *Classes < 0)
    return error(Where, "line, column, roles or classes out of range");
  P.FunctionName = Function->str();
  P.File = F->str();
  P.Line = unsigned(*Line);
  P.Column = unsigned(*Column);
  P.Op.Name = Name->str();
  P.Op.Kind = *A;
  P.Op.Ordering = *Ord;
  P.Op.Classes = unsigned(*Classes);
  P.Roles = unsigned(*Roles);
  P.Reportable = *Reportable;
  if (const llvm::json::Value *Own = O->get("own"); Own && !Own->getAsNull()) {
    auto L = location(*Own, Where + ".own");
    if (!L)
      return L.takeError();
    P.Own = std::move(*L);
  }
  std::pair<llvm::StringRef, LocationSet *> Sets[] = {
      {"written_before", &P.WrittenBefore},
      {"read_before", &P.ReadBefore},
      {"written_after", &P.WrittenAfter},
      {"read_after", &P.ReadAfter}};
  for (auto &[SetName, Out] : Sets)
    if (llvm::Error E = set(*O, SetName, *Out, Where))
      return E;
  if (llvm::Error E = calls(*O, "calls_before", P.CallsBefore, Where))
    return E;
  if (llvm::Error E = calls(*O, "calls_after", P.CallsAfter, Where))
    return E;
  return P;
}

/// {"name": levels, ...}
llvm::Error RecordReader::calls(const llvm::json::Object &O,
                                llvm::StringRef Name, UnresolvedCalls &Out,
                                const llvm::Twine &Where) const {
  const llvm::json::Object *Calls = O.getObject(Name);
  if (!Calls)
    return error(Where, "expected an object \"" + Name + "\"");
  for (const auto &[Callee, Levels] : *Calls) {
    std::optional<int64_t> N = Levels.getAsInteger();
    if (!N || *N < 1 || *N > 64)
      return error(Where + "." + Name + "." + Callee.str(),
                   "expected a number of levels from 1 to 64");
    Out[Callee.str()] = unsigned(*N);
  }
  return llvm::Error::success();
}

llvm::Expected<std::pair<std::string, CallReach>>
RecordReader::function(const llvm::json::Value &V,
                       const llvm::Twine &Where) const {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return error(Where, "expected an object");
  std::optional<llvm::StringRef> Name = O->getString("function");
  if (!Name)
    return error(Where, "a function needs \"function\", \"reads\", "
                        "\"writes\" and \"calls\"");
  CallReach R;
  if (llvm::Error E = set(*O, "reads", R.Reads, Where))
    return E;
  if (llvm::Error E = set(*O, "writes", R.Writes, Where))
    return E;
  if (llvm::Error E = calls(*O, "calls", R.Unresolved, Where))
    return E;
  return std::pair(Name->str(), std::move(R));
}

llvm::Expected<RemoteAccess>
RecordReader::access(const llvm::json::Value &V,
                     const llvm::Twine &Where) const {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return error(Where, "expected an object");
  std::optional<llvm::StringRef> Name = O->getString("name");
  std::optional<llvm::StringRef> AccessText = O->getString("access");
  std::optional<llvm::StringRef> OrderText = O->getString("order");
  std::optional<int64_t> Classes = O->getInteger("classes");
  std::optional<int64_t> LocKind = O->getInteger("location_kind");
  std::optional<llvm::StringRef> Key = O->getString("location_key");
  std::optional<llvm::StringRef> Spelling = O->getString("location_spelling");
  std::optional<int64_t> Param = O->getInteger("param");
  std::optional<llvm::StringRef> Function = O->getString("function");
  std::optional<llvm::StringRef> F = O->getString("file");
  std::optional<int64_t> Line = O->getInteger("line");
  std::optional<int64_t> Column = O->getInteger("column");
  if (!Name || !AccessText || !OrderText || !Classes || !LocKind || !Key ||
      !Spelling || !Param || !Function || !F || !Line || !Column)
    return error(Where, "an access needs \"name\", \"access\", \"order\", "
                        "\"classes\", \"location_kind\", \"location_key\", "
                        "\"location_spelling\", \"param\", \"function\", "
                        "\"file\", \"line\" and \"column\"");
  RemoteAccess A;
  std::optional<Access> K;
  for (Access X : AllAccesses)
    if (accessName(X) == *AccessText)
      K = X;
  std::optional<Order> Ord;
  for (Order X : AllOrders)
    if (orderName(X) == *OrderText)
      Ord = X;
  if (!K || !Ord || *LocKind < 0 || *LocKind > 4 || *Param < 0 ||
      *Classes < 0 || *Line < 0 || *Column < 0)
    return error(Where, "access, order, location kind or a number out of "
                        "range");
  A.Name = Name->str();
  A.Kind = *K;
  A.Ordering = *Ord;
  A.Classes = unsigned(*Classes);
  A.Location.Kind = AllLocationKinds[*LocKind];
  A.Location.Key = Key->str();
  A.Location.Spelling = Spelling->str();
  A.Location.ParamIndex = unsigned(*Param);
  A.Function = Function->str();
  A.File = F->str();
  A.Line = unsigned(*Line);
  A.Column = unsigned(*Column);
  return A;
}

llvm::Expected<RemoteSummary>
RecordReader::summary(const llvm::json::Value &V,
                      const llvm::Twine &Where) const {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return error(Where, "expected an object");
  std::optional<llvm::StringRef> Function = O->getString("function");
  std::optional<bool> CanReturn = O->getBoolean("can_return");
  std::optional<bool> Passes = O->getBoolean("passes_without_barrier");
  const llvm::json::Array *Early = O->getArray("early_loads");
  const llvm::json::Array *Pending = O->getArray("pending_rmws");
  if (!Function || !CanReturn || !Passes || !Early || !Pending)
    return error(Where, "a summary needs \"function\", \"can_return\", "
                        "\"passes_without_barrier\", \"early_loads\" and "
                        "\"pending_rmws\"");
  RemoteSummary S;
  S.CanReturn = *CanReturn;
  S.PassesWithoutBarrier = *Passes;
  for (auto [Array, Out, Name] :
       {std::tuple(Early, &S.EarlyLoads, "early_loads"),
        std::tuple(Pending, &S.PendingRmws, "pending_rmws")})
    for (size_t I = 0; I < Array->size(); ++I) {
      llvm::Expected<RemoteAccess> A =
          access((*Array)[I], Where + "." + Name + "[" + llvm::Twine(I) + "]");
      if (!A)
        return A.takeError();
      Out->push_back(std::move(*A));
    }
  return S;
}

llvm::Expected<RemoteCall>
RecordReader::afterCall(llvm::StringRef Callee, const llvm::json::Value &V,
                        const llvm::Twine &Where) const {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return error(Where, "expected an object");
  std::optional<llvm::StringRef> Caller = O->getString("caller");
  std::optional<llvm::StringRef> F = O->getString("file");
  std::optional<int64_t> Line = O->getInteger("line");
  std::optional<int64_t> Column = O->getInteger("column");
  const llvm::json::Array *Loads = O->getArray("loads");
  if (!Caller || !F || !Line || !Column || !Loads || *Line < 0 ||
      *Column < 0)
    return error(Where, "a call needs \"caller\", \"file\", \"line\", "
                        "\"column\" and \"loads\"");
  RemoteCall C;
  C.Callee = Callee.str();
  C.Caller = Caller->str();
  C.File = F->str();
  C.Line = unsigned(*Line);
  C.Column = unsigned(*Column);
  for (size_t I = 0; I < Loads->size(); ++I) {
    llvm::Expected<RemoteAccess> A =
        access((*Loads)[I], Where + ".loads[" + llvm::Twine(I) + "]");
    if (!A)
      return A.takeError();
    C.LoadsAfter.push_back(std::move(*A));
  }
  return C;
}

UnitSource unitSource(llvm::StringRef MainFileName) {
  llvm::SmallString<256> Source(MainFileName);
  llvm::sys::fs::make_absolute(Source);
  llvm::sys::path::remove_dots(Source, /*remove_dot_dot=*/true);
  UnitSource U;
  U.Path = std::string(Source.str());
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Source, Status))
    U.MTime = (long long)llvm::sys::toTimeT(Status.getLastModificationTime());
  return U;
}

std::string writeUnitFile(llvm::StringRef Directory, const UnitSource &Unit,
                          llvm::StringRef Suffix, llvm::StringRef Text) {
  llvm::SmallString<256> Out(Directory);
  llvm::sys::path::append(
      Out, llvm::sys::path::filename(Unit.Path) + "-" +
               llvm::toHex(llvm::SHA1::hash(
                               llvm::arrayRefFromStringRef(Unit.Path)))
                   .substr(0, 16) +
               Suffix);
  llvm::SmallString<256> Temp(Out);
  Temp += ".tmp";
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(Temp, EC);
    if (!EC)
      OS << Text;
  }
  if (!EC)
    EC = llvm::sys::fs::rename(Temp, Out);
  if (EC)
    return "cannot write '" + std::string(Out.str()) + "': " + EC.message();
  return "";
}

std::string summariesToJSON(
    llvm::StringRef TranslationUnit, long long SourceMTime,
    llvm::ArrayRef<std::pair<std::string, RemoteSummary>> Summaries,
    llvm::ArrayRef<RemoteCall> AfterCalls) {
  llvm::json::Array A;
  for (const auto &[Name, S] : Summaries) {
    llvm::json::Array Early, Pending;
    for (const RemoteAccess &X : S.EarlyLoads)
      Early.push_back(accessJSON(X));
    for (const RemoteAccess &X : S.PendingRmws)
      Pending.push_back(accessJSON(X));
    A.push_back(llvm::json::Object{
        {"function", Name},
        {"can_return", S.CanReturn},
        {"passes_without_barrier", S.PassesWithoutBarrier},
        {"early_loads", std::move(Early)},
        {"pending_rmws", std::move(Pending)},
    });
  }
  llvm::json::Array Calls;
  for (const RemoteCall &C : AfterCalls) {
    llvm::json::Array Loads;
    for (const RemoteAccess &X : C.LoadsAfter)
      Loads.push_back(accessJSON(X));
    Calls.push_back(llvm::json::Object{
        {"callee", C.Callee},
        {"caller", C.Caller},
        {"file", C.File},
        {"line", C.Line},
        {"column", C.Column},
        {"loads", std::move(Loads)},
    });
  }
  llvm::json::Value V = llvm::json::Object{
      {"format", "atomics-tidy-summaries"},
      {"version", FactsFormatVersion},
      {"translation_unit", TranslationUnit},
      {"source_mtime", SourceMTime},
      {"summaries", std::move(A)},
      {"after_calls", std::move(Calls)},
  };
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << V << "\n";
  return OS.str();
}

std::string factsToJSON(
    llvm::StringRef TranslationUnit, long long SourceMTime,
    llvm::ArrayRef<const OrderingPoint *> Points,
    llvm::ArrayRef<std::pair<std::string, const CallReach *>> Functions,
    const SourceManager *SM) {
  llvm::json::Array A;
  for (const OrderingPoint *P : Points)
    A.push_back(pointJSON(*P, SM));
  llvm::json::Array F;
  for (const auto &[Name, Reach] : Functions)
    F.push_back(functionJSON(Name, *Reach, SM));
  llvm::json::Value V = llvm::json::Object{
      {"format", FactsFormat},
      {"version", FactsFormatVersion},
      {"translation_unit", TranslationUnit},
      {"source_mtime", SourceMTime},
      {"points", std::move(A)},
      {"functions", std::move(F)},
  };
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << V << "\n";
  return OS.str();
}

bool nestsTooDeeply(llvm::StringRef Text) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxJsonNesting)
        return true;
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return false;
}

} // namespace clang::tidy::atomics
