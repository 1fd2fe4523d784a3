//===- MissingRmwBarrierCheck.cpp - atomics-missing-rmw-barrier -----------===//

#include "checks/MissingRmwBarrierCheck.h"
#include "checks/WholeProgramOptions.h"
#include "lib/FunctionDefinitions.h"
#include "lib/NameList.h"
#include "lib/ReportFiles.h"
#include "lib/ReturnsAcrossFiles.h"
#include "lib/UnitPoints.h"
#include "lib/UnitFiles.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include <map>
#include <set>

using namespace clang::ast_matchers;

namespace clang::tidy::atomics {

namespace {

constexpr llvm::StringLiteral WrappersOption = "Wrappers";
constexpr llvm::StringLiteral FullBarrierOption = "FullBarrierFunctions";
constexpr llvm::StringLiteral OpaqueCallsOption = "OpaqueCallsAreBarriers";
constexpr llvm::StringLiteral PlainLoadsOption = "CheckPlainLoads";
constexpr llvm::StringLiteral BeforeRmwOption = "CheckBeforeRmw";
constexpr llvm::StringLiteral RequirePartnerOption = "RequirePartner";

// Defaults, stated once. Opaque calls: see docs/atomics-missing-rmw-barrier.md
// for the measurement on QEMU that chose this value.
constexpr bool DefaultOpaqueCallsAreBarriers = false;
// Only races are reported: see lib/StoreBuffering.h.
constexpr bool DefaultRequirePartner = true;

const char *const AfterBarrier = "smp_mb__after_rmw";
const char *const BeforeBarrier = "smp_mb__before_rmw";

/// Reads a boolean option. (OptionsView::get<bool> cannot be used: its
/// enable_if-returning specialization is mangled differently by GCC and
/// Clang, so a module built with GCC cannot link it from clang-tidy.)
bool boolOption(ClangTidyCheck::OptionsView &Options, StringRef CheckName,
                StringRef Name, bool Default,
                llvm::function_ref<void(StringRef, StringRef)> Bad) {
  std::string V = Options.get(Name, Default ? "true" : "false").str();
  StringRef S = StringRef(V).trim();
  if (S.equals_insensitive("true") || S == "1")
    return true;
  if (S.equals_insensitive("false") || S == "0")
    return false;
  Bad(Name, S);
  return Default;
}

/// Whether the value of the statement expression \p SE, in the body of
/// \p Fn, is used: it is not void, nor cast to void, nor a statement by
/// itself.
bool isValueUsed(const StmtExpr &SE, const FunctionDecl &Fn,
                 BodyParents &Parents) {
  if (SE.getType()->isVoidType())
    return false;
  const Stmt *Node = &SE;
  for (;;) {
    const Stmt *P = Parents.parent(Fn, *Node);
    if (!P)
      return true;
    if (isa<ParenExpr>(P)) {
      Node = P;
      continue;
    }
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(P))
      return !Cast->getType()->isVoidType();
    return !isa<CompoundStmt, LabelStmt, SwitchCase>(P);
  }
}

/// The calls in \p Root and below, until \p Visit returns true; that call,
/// or null.
const CallExpr *findCall(const Stmt *Root,
                         llvm::function_ref<bool(const CallExpr *)> Visit) {
  llvm::SmallVector<const Stmt *, 64> Stack{Root};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    llvm::append_range(Stack, S->children());
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (Visit(CE))
        return CE;
  }
  return nullptr;
}

const FunctionDecl *calleeDecl(const CallExpr *CE) {
  return CE->getDirectCallee();
}

std::string calleeName(const CallExpr *CE) {
  if (const FunctionDecl *FD = calleeDecl(CE))
    return FD->getNameAsString();
  return "the callee";
}

} // namespace

MissingRmwBarrierCheck::MissingRmwBarrierCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawWrappers(Options.get(WrappersOption, "")),
      RawFullBarrierFunctions(Options.get(FullBarrierOption, "")),
      OpaqueCallsAreBarriers(boolOption(Options, Name, OpaqueCallsOption,
                                        DefaultOpaqueCallsAreBarriers,
                                        [&](StringRef O, StringRef V) {
                                          badBool(Name, O, V);
                                        })),
      CheckPlainLoads(boolOption(Options, Name, PlainLoadsOption, false,
                                 [&](StringRef O, StringRef V) {
                                   badBool(Name, O, V);
                                 })),
      CheckBeforeRmw(boolOption(Options, Name, BeforeRmwOption, false,
                                [&](StringRef O, StringRef V) {
                                  badBool(Name, O, V);
                                })),
      RequirePartner(boolOption(Options, Name, RequirePartnerOption,
                                DefaultRequirePartner,
                                [&](StringRef O, StringRef V) {
                                  badBool(Name, O, V);
                                })),
      CallDepth(Options.getLocalOrGlobal(CallDepthOption, DefaultCallDepth)),
      DatabasePath(
          Options.getLocalOrGlobal(DatabaseOption, defaultDatabasePath())),
      WriteDatabase(Options.getLocalOrGlobal(WriteDatabaseOption, "")),
      Scope(*Context) {
  if (!WriteDatabase.empty())
    Facts = UnitFacts::join(WriteDatabase);
  NameListParse W = parseNameList(RawWrappers, /*AllowValues=*/true);
  std::string WrapperError = W.Error;
  for (const NameListEntry &E : W.Entries) {
    std::optional<ApiName> Api = lookupApiName(E.Value);
    if (!Api) {
      if (WrapperError.empty())
        WrapperError = "'" + E.Name + (E.Value.empty() ? "" : "=" + E.Value) +
                       "': " +
                       (E.Value.empty() ? std::string("expected "
                                                      "'name=api-name'")
                                        : "'" + E.Value +
                                              "' is not an operation of the "
                                              "QEMU atomics API");
      continue;
    }
    Classification.Wrappers.try_emplace(E.Name, *Api);
  }
  if (!WrapperError.empty())
    configurationDiag("invalid value for option '%0.%1': %2; the check uses "
                      "the valid entries only",
                      DiagnosticIDs::Error)
        << Name << WrappersOption << WrapperError;

  NameListParse B = parseNameList(RawFullBarrierFunctions,
                                  /*AllowValues=*/false);
  if (!B.Error.empty())
    configurationDiag("invalid value for option '%0.%1': %2; the check uses "
                      "the valid entries only",
                      DiagnosticIDs::Error)
        << Name << FullBarrierOption << B.Error;
  for (const NameListEntry &E : B.Entries)
    Classification.FullBarrierNames.insert(E.Name);
  Classification.PlainAccesses = CheckPlainLoads;
  PartnerClassification = Classification;
  PartnerClassification.PlainAccesses = true;
}

void MissingRmwBarrierCheck::badBool(StringRef CheckName, StringRef Option,
                                     StringRef Value) {
  configurationDiag("invalid value '%0' for option '%1.%2': expected 'true' "
                    "or 'false'; the check uses its default",
                    DiagnosticIDs::Error)
      << Value << CheckName << Option;
}

void MissingRmwBarrierCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, WrappersOption, RawWrappers);
  Options.store(Opts, FullBarrierOption, RawFullBarrierFunctions);
  Options.store(Opts, OpaqueCallsOption,
                OpaqueCallsAreBarriers ? "true" : "false");
  Options.store(Opts, PlainLoadsOption, CheckPlainLoads ? "true" : "false");
  Options.store(Opts, BeforeRmwOption, CheckBeforeRmw ? "true" : "false");
  Options.store(Opts, RequirePartnerOption, RequirePartner ? "true" : "false");
  Options.store(Opts, CallDepthOption, CallDepth);
  Options.store(Opts, DatabaseOption, DatabasePath);
  Options.store(Opts, WriteDatabaseOption, WriteDatabase);
}

void MissingRmwBarrierCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  this->SM = &SM;
  this->PP = PP;
  Scope.watch(*PP, SM);
  listUnitFilesOnRequest(*PP, SM);
}

void MissingRmwBarrierCheck::registerMatchers(MatchFinder *Finder) {
  // The analysis is over the whole translation unit (calls between its
  // functions), so it starts once, from the top.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void MissingRmwBarrierCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  SM = &Ctx.getSourceManager();
  FixedAt.clear();
  Parents.clear();
  OperationClassifier Classifier(Ctx, Classification);
  // Opened (or its problem reported) once, when a call first needs it; a
  // malformed record found later is reported, and the database left.
  std::optional<std::shared_ptr<const FactsDatabase>> DB;
  auto SummaryOf = [&](llvm::StringRef Name) -> std::optional<RemoteSummary> {
    if (!DB)
      DB = database();
    if (!*DB)
      return std::nullopt;
    llvm::Expected<std::optional<RemoteSummary>> S = (*DB)->summary(Name);
    if (S)
      return std::move(*S);
    cannotUseDatabase(llvm::toString(S.takeError()));
    DB->reset();
    return std::nullopt;
  };
  auto IsShown = [&](const FunctionDecl *FD) { return Scope.shows(*FD, *SM); };
  {
    BarrierFlowOptions AfterOpts;
    AfterOpts.Dir = Direction::AfterRmw;
    AfterOpts.OpaqueCallsAreBarriers = OpaqueCallsAreBarriers;
    // The facts file summarises every function; otherwise only those whose
    // findings can be shown are analysed, with their callees.
    if (!Facts)
      AfterOpts.IsRoot = IsShown;
    else
      AfterOpts.FollowOpaqueReturns = true; // For the callees' files.
    if (!DatabasePath.empty())
      AfterOpts.RemoteSummaryOf = SummaryOf;
    BarrierFlowAnalysis After(Ctx, Classifier, AfterOpts);
    After.run();
    // The loads in other files after this unit's functions return with an
    // RMW pending: reported here, at the RMW.
    LoadsInCallers Callers;
    if (!DatabasePath.empty()) {
      llvm::Error E = Callers.find(
          After,
          [&](llvm::StringRef Name) -> llvm::Expected<std::vector<RemoteCall>> {
            if (!DB)
              DB = database();
            if (!*DB)
              return std::vector<RemoteCall>();
            return (*DB)->callsOf(Name);
          });
      if (E) {
        cannotUseDatabase(llvm::toString(std::move(E)));
        DB->reset();
      }
    }
    if (!RequirePartner) {
      reportAfterRmw(Ctx, After, Callers, Classifier, std::nullopt);
    } else {
      // The unit's ordering points, and the database's view, are built
      // only when a finding needs a partner: most units have none.
      std::optional<UnitPoints> Points;
      std::vector<const OrderingPoint *> Live;
      std::optional<DatabaseView> View;
      std::optional<StoreBufferingPartners> Partners;
      auto PartnerOf = [&](const BarrierFinding &F)
          -> std::optional<StoreBufferingPartner> {
        if (!isSharedLocation(F.Source.Location) ||
            !isSharedLocation(F.ConflictLocation))
          return std::nullopt; // No other function can name them.
        // A list link's key stands for every list of its kind (a QTAILQ's
        // head and links): a partner that writes one of those lists, or
        // loads one, need not touch this one, and no rule can tell.
        if (F.Source.Location.EveryList || F.ConflictLocation.EveryList)
          return std::nullopt;
        if (!Partners) {
          Points.emplace(PartnerClassification, CallDepth);
          for (const FunctionDecl *FD : functionDefinitions(Ctx))
            Points->addFunction(FD, Ctx);
          if (!DB)
            DB = database();
          if (*DB) {
            View.emplace(*DB);
            Points->resolveWith(*View);
          }
          for (const OrderingPoint &P : Points->points())
            Live.push_back(&P);
          Partners.emplace(Live, View ? &*View : nullptr);
        }
        llvm::StringSet<> Own = pathFunctions(F, Callers);
        std::optional<StoreBufferingPartner> Partner =
            Partners->find(F.Source.Location.Key, F.ConflictLocation.Key, Own);
        if (View && View->error()) {
          cannotUseDatabase(*View->error());
          View.reset();
          Partners.emplace(Live, nullptr);
          return Partners->find(F.Source.Location.Key,
                                F.ConflictLocation.Key, Own);
        }
        return Partner;
      };
      reportAfterRmw(Ctx, After, Callers, Classifier,
                     PartnerLookup(PartnerOf));
    }
    if (Facts) {
      Facts->addReportFiles(rmwReportFiles(
          Ctx, Classifier, OpaqueCallsAreBarriers,
          [&](const AtomicOperation &Op) {
            return reportLocation(Op).isValid();
          }));
      writeSummaries(Ctx, After);
    }
  }
  if (CheckBeforeRmw) {
    BarrierFlowOptions BeforeOpts;
    BeforeOpts.Dir = Direction::BeforeRmw;
    BeforeOpts.OpaqueCallsAreBarriers = OpaqueCallsAreBarriers;
    BeforeOpts.IsRoot = IsShown;
    BarrierFlowAnalysis Before(Ctx, Classifier, BeforeOpts);
    Before.run();
    reportBeforeRmw(Ctx, Before);
  }
  Parents.clear();
}

std::shared_ptr<const FactsDatabase> MissingRmwBarrierCheck::database() {
  return openDatabase(DatabasePath, [&](const std::string &Why) {
    cannotUseDatabase(Why);
  });
}

void MissingRmwBarrierCheck::cannotUseDatabase(const std::string &Why) {
  configurationDiag("cannot use the whole-program database: %0; calls to "
                    "functions of other files are not followed",
                    DiagnosticIDs::Error)
      << Why;
}

void MissingRmwBarrierCheck::writeSummaries(ASTContext &Ctx,
                                            const BarrierFlowAnalysis &A) {
  OptionalFileEntryRef Main = SM->getFileEntryRefForID(SM->getMainFileID());
  if (!Main)
    return;
  // Locations other files can name: by global, field or parameter.
  auto Portable = [](const MemoryLocation &L) {
    return L.Kind == MemoryLocation::Global || L.Kind == MemoryLocation::Field ||
           L.Kind == MemoryLocation::Param;
  };
  std::vector<std::pair<std::string, RemoteSummary>> Out;
  A.forEachSummary([&](const FunctionDecl *FD, const FunctionSummary &S) {
    if (!FD->getIdentifier() || !FD->isExternallyVisible() ||
        FD->isInlined())
      return;
    RemoteSummary R;
    R.CanReturn = S.CanReturn;
    R.PassesWithoutBarrier = S.PassesWithoutBarrier;
    for (const ReachableConflict &C : S.EarlyConflicts)
      if (Portable(C.Location))
        R.EarlyLoads.push_back(remoteAccess(*C.Conflict, C.Location, *SM));
    for (const PendingSource &P : S.PendingAtExit)
      if (Portable(P.Location))
        R.PendingRmws.push_back(remoteAccess(*P.Source, P.Location, *SM));
    if (R.CanReturn && R.PassesWithoutBarrier && R.EarlyLoads.empty() &&
        R.PendingRmws.empty())
      return; // Calls to it change nothing.
    Out.push_back({FD->getNameAsString(), std::move(R)});
  });
  Facts->setSummaries(std::move(Out), afterCallsOf(A, *SM));
  if (llvm::Error E = Facts->handIn(unitSource(Main->getName())))
    configurationDiag("cannot write the unit's facts into the database: %0",
                      DiagnosticIDs::Error)
        << llvm::toString(std::move(E));
}

llvm::StringSet<>
MissingRmwBarrierCheck::pathFunctions(const BarrierFinding &F,
                                      const LoadsInCallers &Callers) {
  llvm::StringSet<> Out;
  auto AddSite = [&](const FlowSite &Site) {
    if (Site.isRemote())
      Out.insert(Site.RemoteFunction);
    else if (Site.Function)
      Out.insert(Site.Function->getName());
  };
  auto AddCallees = [&](const CallPath &Path) {
    for (const CallExpr *Call : Path)
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Out.insert(Callee->getName());
  };
  AddSite(*F.Source.Source);
  AddCallees(F.Source.ReturnedThrough);
  if (F.MeetingFunction)
    Out.insert(F.MeetingFunction->getName());
  AddCallees(F.ConflictPath);
  AddSite(*F.Conflict);
  if (const RemoteCall *Call = Callers.callOf(F.Conflict))
    Out.insert(Call->Caller);
  return Out;
}

std::string MissingRmwBarrierCheck::remoteWhere(const FlowSite &Site) {
  return "'" + Site.RemoteFunction + "' at " + Site.RemoteFile + ":" +
         std::to_string(Site.RemoteLine) + ":" +
         std::to_string(Site.RemoteColumn);
}

SourceLocation MissingRmwBarrierCheck::writtenAt(const Stmt *S) const {
  return SM->getFileLoc(S->getBeginLoc());
}

SourceLocation
MissingRmwBarrierCheck::writtenAt(const AtomicOperation &Op) const {
  // A name-classified operation: where its name is (the node may be any of
  // its expansion's).
  return SM->getFileLoc(Op.Site.isValid() ? Op.Site : Op.Node->getBeginLoc());
}

SourceLocation
MissingRmwBarrierCheck::reportLocation(const AtomicOperation &Op) const {
  SourceLocation Loc = writtenAt(Op);
  // Not inside a system header, nor written in one (a library's macro).
  if (Loc.isInvalid() || SM->isInSystemHeader(Loc) ||
      (Op.WrittenAt.isValid() && SM->isInSystemHeader(Op.WrittenAt)))
    return SourceLocation();
  return Loc;
}

/// \p Path without the cycles that recursion puts in it, compared by the
/// function called. Down to a conflict (outermost call first) the first call
/// of a function stays; on the way out of one (innermost first) the last.
static CallPath withoutCycles(const CallPath &Path, bool KeepFirst) {
  CallPath Out;
  for (const CallExpr *Call : Path) {
    auto It = llvm::find_if(Out, [&](const CallExpr *C) {
      return C->getDirectCallee() && Call->getDirectCallee() &&
             C->getDirectCallee()->getCanonicalDecl() ==
                 Call->getDirectCallee()->getCanonicalDecl();
    });
    if (It == Out.end()) {
      Out.push_back(Call);
    } else if (KeepFirst) {
      Out.erase(std::next(It), Out.end());
    } else {
      Out.erase(It, Out.end());
      Out.push_back(Call);
    }
  }
  return Out;
}

void MissingRmwBarrierCheck::notePaths(const BarrierFinding &F,
                                       bool AfterRmw) {
  const AtomicOperation &Source = F.Source.Source->Op;
  const AtomicOperation &Conflict = F.Conflict->Op;
  // The source returned through these calls, innermost first.
  for (const CallExpr *Call : withoutCycles(F.Source.ReturnedThrough, /*KeepFirst=*/false)) {
    // Every load the RMW reaches after the same return says it once.
    if (!NotesShown.insert({Call, nullptr}).second)
      continue;
    SourceLocation Loc = writtenAt(Call);
    if (AfterRmw)
      diag(Loc,
           "'%0' can return with the read-modify-write on '%1' not yet "
           "followed by a full barrier",
           DiagnosticIDs::Note)
          << calleeName(Call) << F.Source.Location.Spelling;
    else
      diag(Loc,
           "'%0' can return with the %1 to '%2' not yet followed by a full "
           "barrier",
           DiagnosticIDs::Note)
          << calleeName(Call) << Source.describe()
          << F.Source.Location.Spelling;
  }
  // Then down to the conflicting access, outermost call first.
  for (const CallExpr *Call : withoutCycles(F.ConflictPath, /*KeepFirst=*/true)) {
    if (!NotesShown.insert({Call, F.Conflict}).second)
      continue;
    SourceLocation Loc = writtenAt(Call);
    diag(Loc, "'%0' can perform the %1 of '%2' before any full barrier",
         DiagnosticIDs::Note)
        << calleeName(Call) << Conflict.describe()
        << F.ConflictLocation.Spelling;
  }
}

std::vector<std::tuple<std::string, unsigned, unsigned, std::string>>
MissingRmwBarrierCheck::findingOrder(const BarrierFinding &F,
                                     const FlowSite &Site) const {
  std::vector<std::tuple<std::string, unsigned, unsigned, std::string>> Key;
  auto Add = [&](SourceLocation Loc, llvm::StringRef Name) {
    PresumedLoc P = SM->getPresumedLoc(Loc);
    Key.emplace_back(P.isValid() ? P.getFilename() : "",
                     P.isValid() ? P.getLine() : 0,
                     P.isValid() ? P.getColumn() : 0, Name.str());
  };
  if (Site.isRemote())
    Key.emplace_back(Site.RemoteFile, Site.RemoteLine, Site.RemoteColumn,
                     Site.RemoteFunction);
  else
    Add(writtenAt(Site.Op), Site.Op.Name);
  for (const CallPath *Path : {&F.Source.ReturnedThrough, &F.ConflictPath})
    for (const CallExpr *Call : *Path)
      Add(writtenAt(Call), "");
  return Key;
}

std::vector<std::pair<SourceLocation, std::vector<const BarrierFinding *>>>
MissingRmwBarrierCheck::groupByRmw(
    llvm::ArrayRef<const BarrierFinding *> Findings,
    llvm::function_ref<const FlowSite *(const BarrierFinding &)> RmwOf,
    llvm::function_ref<const FlowSite *(const BarrierFinding &)> OtherOf)
    const {
  // Every RMW is this unit's (one of another file is reported there).
  std::map<const FlowSite *, std::vector<const BarrierFinding *>> ByRmw;
  std::map<const FlowSite *, SourceLocation> At;
  for (const BarrierFinding *F : Findings) {
    const FlowSite *Rmw = RmwOf(*F);
    SourceLocation Loc =
        Rmw->isRemote() ? SourceLocation() : reportLocation(Rmw->Op);
    if (Loc.isInvalid())
      continue;
    ByRmw[Rmw].push_back(F);
    At[Rmw] = Loc;
  }
  std::vector<std::pair<SourceLocation, std::vector<const BarrierFinding *>>>
      Groups;
  for (auto &[Key, Fs] : ByRmw) {
    SourceLocation Loc = At[Key];
    // An access of another file is shown at the call that reaches it.
    auto Where = [&](const BarrierFinding *F) {
      const FlowSite *Other = OtherOf(*F);
      if (Other->isRemote() && !F->ConflictPath.empty())
        return writtenAt(F->ConflictPath.front());
      return Other->isRemote() ? Loc : writtenAt(Other->Op);
    };
    llvm::sort(Fs, [&](const BarrierFinding *L, const BarrierFinding *R) {
      if (Where(L) != Where(R))
        return SM->isBeforeInTranslationUnit(Where(L), Where(R));
      return findingOrder(*L, *OtherOf(*L)) < findingOrder(*R, *OtherOf(*R));
    });
    Groups.push_back({Loc, std::move(Fs)});
  }
  // Ties (two RMWs of one macro expansion, reported where it is written)
  // are ordered by where the sites and the calls on the way are, not by
  // where they were allocated: clang-tidy keeps the first of two identical
  // warnings, and with it its notes.
  llvm::sort(Groups, [&](const auto &L, const auto &R) {
    if (L.first != R.first)
      return SM->isBeforeInTranslationUnit(L.first, R.first);
    const BarrierFinding &A = *L.second.front(), &B = *R.second.front();
    return findingOrder(A, *RmwOf(A)) < findingOrder(B, *RmwOf(B));
  });
  return Groups;
}

std::pair<SourceLocation, SourceLocation>
MissingRmwBarrierCheck::meetingPlaces(const BarrierFinding &F) const {
  // In the function where the two meet: the RMW, or the call it returned
  // through, and the load, or the call that performs it.
  SourceLocation Rmw, Load;
  if (!F.Source.ReturnedThrough.empty())
    Rmw = writtenAt(F.Source.ReturnedThrough.back());
  else if (!F.Source.Source->isRemote())
    Rmw = writtenAt(F.Source.Source->Op);
  if (!F.ConflictPath.empty())
    Load = writtenAt(F.ConflictPath.front());
  else if (!F.Conflict->isRemote())
    Load = writtenAt(F.Conflict->Op);
  if (Rmw.isInvalid() || Load.isInvalid() ||
      SM->getFileID(Rmw) != SM->getFileID(Load))
    return {};
  return {Rmw, Load};
}

bool MissingRmwBarrierCheck::reachedRoundLoop(const BarrierFinding &F) const {
  // A load written above what it follows is reached round a loop.
  auto [Rmw, Load] = meetingPlaces(F);
  return Rmw.isValid() && SM->getFileOffset(Load) < SM->getFileOffset(Rmw);
}

std::vector<const CallExpr *>
MissingRmwBarrierCheck::opaqueCallsBetween(const BarrierFinding &F,
                                           const OperationClassifier &C) const {
  std::vector<const CallExpr *> Out;
  auto [Rmw, Load] = meetingPlaces(F);
  if (Rmw.isInvalid() || !F.MeetingFunction ||
      !F.MeetingFunction->getBody())
    return Out;
  unsigned From = SM->getFileOffset(Rmw), To = SM->getFileOffset(Load);
  if (To <= From)
    return Out;
  llvm::StringSet<> Seen;
  findCall(F.MeetingFunction->getBody(), [&](const CallExpr *CE) {
    if (CE->getBuiltinCallee() || C.classify(CE))
      return false;
    const FunctionDecl *Callee = CE->getDirectCallee();
    // A call that does not return (abort(), a failed assert()) is not on
    // a path to the load.
    if (Callee && (Callee->hasBody() || C.isNamedOperation(Callee) ||
                   !Callee->getIdentifier() || Callee->isNoReturn()))
      return false;
    SourceLocation At = writtenAt(CE);
    if (At.isInvalid() || SM->getFileID(At) != SM->getFileID(Rmw))
      return false;
    unsigned Offset = SM->getFileOffset(At);
    if (Offset > From && Offset < To && Seen.insert(calleeName(CE)).second)
      Out.push_back(CE);
    return false;
  });
  llvm::sort(Out, [&](const CallExpr *A, const CallExpr *B) {
    return SM->isBeforeInTranslationUnit(writtenAt(A), writtenAt(B));
  });
  return Out;
}

std::string MissingRmwBarrierCheck::rmwName(ASTContext &Ctx,
                                            const FlowSite &Rmw) const {
  const AtomicOperation &Op = Rmw.Op;
  if (Op.Name.empty() || isAsciiIdentifierStart(Op.Name[0]))
    return Op.Name;
  // An operator ("--" on an _Atomic object): the expression, as written.
  if (Op.Node) {
    CharSourceRange Range =
        CharSourceRange::getTokenRange(Op.Node->getSourceRange());
    StringRef Text = Lexer::getSourceText(Range, *SM, Ctx.getLangOpts());
    if (!Text.empty() && Text.size() <= 60 && !Text.contains('\n'))
      return Text.str();
  }
  return Op.Location.Spelling + " " + Op.Name;
}

void MissingRmwBarrierCheck::notePartner(const StoreBufferingPartner &Partner,
                                         const BarrierFinding &F,
                                         SourceLocation Loc) {
  const OrderingPoint &P = *Partner.Point;
  llvm::StringRef Rmw = F.Source.Location.Spelling;
  llvm::StringRef Loaded = F.ConflictLocation.Spelling;
  std::string Where = P.File + ":" + std::to_string(P.Line);
  // A store or RMW that is also a full barrier (qatomic_set_mb) orders as
  // the barrier it holds.
  std::string What = P.Op.isFullBarrier() && !P.isFence()
                         ? "full barrier of '" + P.Op.Name + "'"
                         : P.what();
  // An access of this unit is shown where it is; one of another file
  // (read from the database) is named.
  auto Place = [&](const SharedLocation &L) -> std::pair<SourceLocation,
                                                         std::string> {
    if (!Partner.FromDatabase && L.Loc.isValid())
      return {SM->getFileLoc(L.Loc), ""};
    return {Loc, L.At.empty() ? " in '" + P.FunctionName + "'"
                              : " at " + L.At};
  };
  if (Partner.FromDatabase || !P.Op.Node) {
    diag(Loc, "the other thread: '%0' (%1) writes '%2'%3, then its %4 "
              "orders that write before its load of '%5'%6",
         DiagnosticIDs::Note)
        << P.FunctionName << Where << Loaded
        << (Partner.Write ? Place(*Partner.Write).second
                          : std::string(" with it"))
        << What << Rmw << Place(*Partner.Load).second;
    return;
  }
  SourceLocation PointLoc = SM->getFileLoc(
      P.Op.Site.isValid() ? P.Op.Site : P.Op.Node->getBeginLoc());
  if (Partner.Write) {
    auto [WriteLoc, WriteWhere] = Place(*Partner.Write);
    diag(WriteLoc, "the other thread writes '%0' here%1",
         DiagnosticIDs::Note)
        << Loaded << WriteWhere;
    diag(PointLoc, "then the %0 in '%1' orders that write before its later "
                   "loads",
         DiagnosticIDs::Note)
        << What << P.FunctionName;
  } else {
    diag(PointLoc, "the other thread writes '%0' here, with a %1 in '%2'",
         DiagnosticIDs::Note)
        << Loaded << What << P.FunctionName;
  }
  auto [LoadLoc, LoadWhere] = Place(*Partner.Load);
  diag(LoadLoc, "and then loads '%0' here%1: it can miss this thread's "
                "read-modify-write as this thread misses its write",
       DiagnosticIDs::Note)
      << Rmw << LoadWhere;
}

void MissingRmwBarrierCheck::reportAfterRmw(
    ASTContext &Ctx, const BarrierFlowAnalysis &A,
    const LoadsInCallers &Callers, const OperationClassifier &Classifier,
    std::optional<PartnerLookup> PartnerOf) {
  std::vector<const BarrierFinding *> All;
  for (const BarrierFinding &F : A.findings())
    // Not the stand-ins for what other files' functions return with: they
    // are the database's records (RMWs of other files are not followed).
    if (!F.Source.Source->isRemote())
      All.push_back(&F);
  for (const BarrierFinding &F : Callers.findings())
    All.push_back(&F);
  // One warning per RMW, with every load that can pass it (that another
  // thread can observe passing it, when a partner is required).
  for (auto &[Loc, Found] : groupByRmw(
           All, [](const BarrierFinding &F) { return F.Source.Source; },
           [](const BarrierFinding &F) { return F.Conflict; })) {
    std::vector<const BarrierFinding *> Fs;
    std::vector<std::optional<StoreBufferingPartner>> Partners;
    // The loads of this file's code first: the warning names the first,
    // and a caller's load in another file is the lesser story.
    for (bool InCallers : {false, true})
      for (const BarrierFinding *F : Found) {
        if ((Callers.callOf(F->Conflict) != nullptr) != InCallers)
          continue;
        std::optional<StoreBufferingPartner> P;
        if (PartnerOf && !(P = (*PartnerOf)(*F)))
          continue;
        Fs.push_back(F);
        Partners.push_back(P);
      }
    if (Fs.empty())
      continue;
    const FlowSite *Rmw = Fs.front()->Source.Source;
    const AtomicOperation &First = Fs.front()->Conflict->Op;
    std::vector<const Stmt *> Loads;
    for (const BarrierFinding *F : Fs)
      // A load of another file: the call that performs it, in this one.
      Loads.push_back(F->Conflict->isRemote() && !F->ConflictPath.empty()
                          ? F->ConflictPath.front()
                          : F->Conflict->Op.Node);
    // The loads of other files are not written here: the barrier after
    // the RMW comes before them.
    llvm::erase(Loads, nullptr);
    FixPlan Plan = planFix(Ctx, A, *Rmw, /*After=*/true, Loads);
    if (const std::optional<StoreBufferingPartner> &P = Partners.front()) {
      auto D = diag(Loc, "seq-cst read-modify-write '%0' on '%1' is not a "
                         "full barrier: the %2 of '%3' after it can be "
                         "satisfied before its store is visible, while "
                         "'%4' writes '%3' and then loads '%1'; each thread "
                         "can miss the other's update")
               << rmwName(Ctx, *Rmw) << Rmw->Op.Location.Spelling << First.describe()
               << Fs.front()->ConflictLocation.Spelling
               << P->Point->FunctionName;
      if (Plan.Fix)
        D << *Plan.Fix;
    } else {
      auto D = diag(Loc, "seq-cst read-modify-write '%0' on '%1' is not a "
                         "full barrier; the %2 of '%3' after it can be "
                         "satisfied before its store is visible")
               << rmwName(Ctx, *Rmw) << Rmw->Op.Location.Spelling << First.describe()
               << Fs.front()->ConflictLocation.Spelling;
      if (Plan.Fix)
        D << *Plan.Fix;
    }
    llvm::DenseSet<const OrderingPoint *> Shown;
    NotesShown.clear();
    // Calls in other files that load after the RMW's function returns: a
    // few are shown, the others counted.
    constexpr unsigned CallsShown = 3;
    std::set<const RemoteCall *> CallsSeen;
    for (size_t I = 0; I < Fs.size(); ++I) {
      const BarrierFinding *F = Fs[I];
      notePaths(*F, /*AfterRmw=*/true);
      const AtomicOperation &Load = F->Conflict->Op;
      bool Acquire = Load.Kind == Access::Load && !Load.Plain &&
                     (Load.Ordering == Order::Acquire ||
                      Load.Ordering == Order::Consume);
      if (const RemoteCall *Call = Callers.callOf(F->Conflict)) {
        CallsSeen.insert(Call);
        if (CallsSeen.size() > CallsShown)
          continue;
        const FlowSite &L = *F->Conflict;
        std::string LoadAt = L.RemoteFile + ":" + std::to_string(L.RemoteLine);
        if (L.RemoteFunction != Call->Caller)
          LoadAt += " (in '" + L.RemoteFunction + "')";
        diag(Loc,
             "'%0' returns to '%1' (%2:%3) with the read-modify-write not "
             "yet followed by a full barrier, and the %4 of '%5' at %6 can "
             "follow%select{|; acquire orders the accesses after it, not the "
             "store before it}7",
             DiagnosticIDs::Note)
            << Call->Callee << Call->Caller << Call->File << Call->Line
            << Load.describe() << F->ConflictLocation.Spelling << LoadAt
            << Acquire;
      } else if (F->Conflict->isRemote())
        diag(F->ConflictPath.empty() ? Loc
                                     : writtenAt(F->ConflictPath.back()),
             "%0 of '%1' in %2%select{|; acquire orders the accesses after "
             "it, not the store before it}3",
             DiagnosticIDs::Note)
            << Load.describe() << Load.Location.Spelling
            << remoteWhere(*F->Conflict) << Acquire;
      else
        diag(writtenAt(Load),
             "%0 of '%1' here%select{|, on a later pass of a loop: it comes "
             "before the read-modify-write in the code}3%select{|; acquire "
             "orders the accesses after it, not the store before it}2",
             DiagnosticIDs::Note)
            << Load.describe() << Load.Location.Spelling << Acquire
            << reachedRoundLoop(*F);
      if (!OpaqueCallsAreBarriers) {
        std::vector<const CallExpr *> Opaque =
            opaqueCallsBetween(*F, Classifier);
        if (!Opaque.empty() && NotesShown.insert({Opaque.front(), F}).second)
          diag(writtenAt(Opaque.front()),
               "the path passes through %0%select{| and %2 more "
               "call%s2}1 that the check cannot see into and takes to do "
               "nothing atomic; name a full barrier in FullBarrierFunctions",
               DiagnosticIDs::Note)
              << (calleeDecl(Opaque.front())
                      ? "'" + calleeName(Opaque.front()) + "'"
                      : std::string("a call through a function pointer"))
              << (Opaque.size() > 1) << unsigned(Opaque.size() - 1);
      }
      if (Partners[I] && Shown.insert(Partners[I]->Point).second)
        notePartner(*Partners[I], *F, Loc);
    }
    if (CallsSeen.size() > CallsShown)
      diag(Loc, "and %0 more call%s0 in other files that load after it "
                "returns",
           DiagnosticIDs::Note)
          << unsigned(CallsSeen.size() - CallsShown);
    if (!Plan.Fix && !Plan.WhyNot.empty())
      diag(Loc, "put '%0' between the read-modify-write and the load; no "
                "fix-it because %1",
           DiagnosticIDs::Note)
          << Plan.Barrier << Plan.WhyNot;
  }
}

void MissingRmwBarrierCheck::reportBeforeRmw(ASTContext &Ctx,
                                             const BarrierFlowAnalysis &A) {
  // One warning per RMW, with every store that it can pass.
  std::vector<const BarrierFinding *> All;
  for (const BarrierFinding &F : A.findings())
    All.push_back(&F);
  for (auto &[Loc, Fs] : groupByRmw(
           All, [](const BarrierFinding &F) { return F.Conflict; },
           [](const BarrierFinding &F) { return F.Source.Source; })) {
    const FlowSite *Rmw = Fs.front()->Conflict;
    const AtomicOperation &First = Fs.front()->Source.Source->Op;
    std::vector<const Stmt *> Stores;
    for (const BarrierFinding *F : Fs)
      Stores.push_back(F->Source.Source->Op.Node);
    FixPlan Plan = planFix(Ctx, A, *Rmw, /*After=*/false, Stores);
    {
      auto D = diag(Loc, "seq-cst read-modify-write '%0' on '%1' is not a "
                         "full barrier; the %2 to '%3' before it can become "
                         "visible after the read-modify-write")
               << Rmw->Op.Name << Fs.front()->ConflictLocation.Spelling
               << First.describe() << Fs.front()->Source.Location.Spelling;
      if (Plan.Fix)
        D << *Plan.Fix;
    }
    for (const BarrierFinding *F : Fs) {
      const AtomicOperation &Store = F->Source.Source->Op;
      diag(writtenAt(Store), "%0 to '%1' here",
           DiagnosticIDs::Note)
          << Store.describe() << Store.Location.Spelling;
      notePaths(*F, /*AfterRmw=*/false);
    }
    if (!Plan.Fix && !Plan.WhyNot.empty())
      diag(Loc, "put '%0' between the store and the read-modify-write; no "
                "fix-it because %1",
           DiagnosticIDs::Note)
          << Plan.Barrier << Plan.WhyNot;
  }
}

bool MissingRmwBarrierCheck::isDeclaredAt(ASTContext &Ctx, StringRef Name,
                                          SourceLocation Loc,
                                          bool FunctionLike) {
  if (PP) {
    const MacroInfo *MI =
        PP->getMacroDefinitionAtLoc(PP->getIdentifierInfo(Name), Loc)
            .getMacroInfo();
    if (MI)
      return !FunctionLike ||
             (MI->isFunctionLike() &&
              (MI->getNumParams() == (Name.starts_with("smp_") ? 0u : 1u) ||
               MI->isVariadic()));
  }
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name))) {
    if (!SM->isBeforeInTranslationUnit(D->getLocation(), Loc))
      continue;
    if (!FunctionLike && isa<ValueDecl>(D))
      return true;
    if (FunctionLike && isa<FunctionDecl>(D))
      return true;
  }
  // In C, lookup() does not see what a precompiled preamble (clangd's)
  // declares until something deserialises it: walk the declarations.
  if (!Ctx.getExternalSource())
    return false;
  auto Matches = [&](const NamedDecl *D) {
    return D->getIdentifier() && D->getName() == Name &&
           SM->isBeforeInTranslationUnit(D->getLocation(), Loc) &&
           (FunctionLike ? isa<FunctionDecl>(D) : isa<ValueDecl>(D));
  };
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (const auto *ND = dyn_cast<NamedDecl>(D); ND && Matches(ND))
      return true;
    if (const auto *ED = dyn_cast<EnumDecl>(D); ED && !FunctionLike)
      for (const EnumConstantDecl *C : ED->enumerators())
        if (Matches(C))
          return true;
  }
  return false;
}

const CallExpr *MissingRmwBarrierCheck::callPerforming(
    const BarrierFlowAnalysis &A, const Stmt *Statement, bool After,
    llvm::ArrayRef<const Stmt *> Others) const {
  return findCall(Statement, [&](const CallExpr *CE) {
    const FunctionSummary *Sum = A.summary(CE->getDirectCallee());
    if (!Sum)
      return false;
    if (After)
      return llvm::any_of(Sum->EarlyConflicts, [&](const ReachableConflict &C) {
        return llvm::is_contained(Others, C.Conflict->Op.Node);
      });
    return llvm::any_of(Sum->PendingAtExit, [&](const PendingSource &P) {
      return llvm::is_contained(Others, P.Source->Op.Node);
    });
  });
}

MissingRmwBarrierCheck::FixPlan
MissingRmwBarrierCheck::planFix(ASTContext &Ctx, const BarrierFlowAnalysis &A,
                                const FlowSite &Site, bool After,
                                llvm::ArrayRef<const Stmt *> Others) {
  FixPlan Plan;
  const LangOptions &LO = getLangOpts();
  const char *Preferred = After ? AfterBarrier : BeforeBarrier;
  const Stmt *Rmw = Site.Op.Node;

  // Which barrier this translation unit can name where the RMW is.
  SourceLocation RmwAt = SM->getExpansionLoc(Rmw->getBeginLoc());
  std::string Call;
  if (isDeclaredAt(Ctx, Preferred, RmwAt, /*FunctionLike=*/true)) {
    Plan.Barrier = std::string(Preferred) + "()";
  } else if (!LO.CPlusPlus &&
             isDeclaredAt(Ctx, "atomic_thread_fence", RmwAt,
                          /*FunctionLike=*/true) &&
             isDeclaredAt(Ctx, "memory_order_seq_cst", RmwAt,
                          /*FunctionLike=*/false)) {
    Plan.Barrier = "atomic_thread_fence(memory_order_seq_cst)";
  } else {
    Plan.Barrier = std::string(Preferred) + "()";
    Plan.WhyNot = "'" + std::string(Preferred) +
                  "' is not defined here (nor C11's atomic_thread_fence)";
    return Plan;
  }
  Call = Plan.Barrier + ";";

  // The statement the RMW belongs to: climb through expressions, and
  // through the statements of the RMW's own macro expansion (QEMU's macros
  // are statement expressions), up to a statement of a block (or of a
  // label in a block).
  if (!Site.Function) {
    Plan.WhyNot = "the read-modify-write is not in a function body";
    return Plan;
  }
  const FunctionDecl &Fn = *Site.Function;
  const Stmt *Node = Rmw;
  const Stmt *Statement = nullptr;
  for (;;) {
    // An initializer's parent is its declaration statement.
    const Stmt *PS = Parents.parent(Fn, *Node);
    if (!PS) {
      Plan.WhyNot = "the read-modify-write is not in a statement of its own";
      return Plan;
    }
    const Stmt *NS = Node;
    if (const auto *CS = dyn_cast<CompoundStmt>(PS);
        CS && CS->getLBracLoc().isFileID()) {
      // The last statement of a statement expression gives its value: a
      // barrier after it would take its place. Where the value is used,
      // the barrier goes after the statement that holds the whole
      // expression instead.
      const auto *SE = dyn_cast_or_null<StmtExpr>(Parents.parent(Fn, *CS));
      bool IsValue = After && SE && CS->body_back() == NS &&
                     isValueUsed(*SE, Fn, Parents);
      if (!IsValue) {
        Statement = NS;
        break;
      }
      Node = PS;
      continue;
    }
    if (isa<SwitchCase, LabelStmt>(PS) && PS->getBeginLoc().isFileID()) {
      Statement = NS; // "case 1: rmw;": the barrier goes after it, in the case.
      break;
    }
    if (!isa<Expr, DeclStmt>(PS) && PS->getBeginLoc().isFileID()) {
      bool IsBody = false;
      if (const auto *If = dyn_cast<IfStmt>(PS))
        IsBody = If->getThen() == NS || If->getElse() == NS;
      else if (const auto *W = dyn_cast<WhileStmt>(PS))
        IsBody = W->getBody() == NS;
      else if (const auto *D = dyn_cast<DoStmt>(PS))
        IsBody = D->getBody() == NS;
      else if (const auto *F = dyn_cast<ForStmt>(PS))
        IsBody = F->getBody() == NS;
      if (IsBody)
        Plan.WhyNot = "the read-modify-write is the body of an 'if' or a loop "
                      "without braces";
      else if (isa<ReturnStmt>(PS))
        Plan.WhyNot = "the read-modify-write is part of a return statement";
      else
        Plan.WhyNot = "the read-modify-write is part of a condition or loop "
                      "header, not a statement of its own in a block";
      return Plan;
    }
    Node = PS;
  }

  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Statement->getSourceRange()), *SM, LO);
  if (Range.isInvalid()) {
    Plan.WhyNot = "the statement is written inside a macro";
    return Plan;
  }
  if (!SM->isInMainFile(Range.getBegin())) {
    Plan.WhyNot = "the statement is not in the main file";
    return Plan;
  }
  FileID File = SM->getFileID(Range.getBegin());
  StringRef Buffer = SM->getBufferData(File);
  unsigned Begin = SM->getFileOffset(Range.getBegin());
  unsigned End = SM->getFileOffset(Range.getEnd());

  // The indentation of the statement's first line.
  unsigned LineStart = Begin;
  while (LineStart > 0 && Buffer[LineStart - 1] != '\n')
    --LineStart;
  StringRef Indent = Buffer.slice(LineStart, Begin);
  bool StartsLine = Indent.find_first_not_of(" \t") == StringRef::npos;
  if (!StartsLine)
    Indent = Indent.take_while([](char C) { return C == ' ' || C == '\t'; });

  SourceLocation At = Range.getBegin();
  // The load (or store) must not be part of the same statement: a barrier
  // after the statement would come after it.
  for (const Stmt *O : Others) {
    SourceLocation OL = SM->getExpansionLoc(O->getBeginLoc());
    if (SM->getFileID(OL) == File && SM->getFileOffset(OL) >= Begin &&
        SM->getFileOffset(OL) < End) {
      Plan.WhyNot = After ? "the load is part of the same statement"
                          : "the store is part of the same statement";
      return Plan;
    }
  }

  // Nor may a function called in it perform them.
  if (const CallExpr *Call = callPerforming(A, Statement, After, Others)) {
    Plan.WhyNot = "'" + calleeName(Call) + "', called in the same statement, " +
                  (After ? "can perform the load" : "can perform the store");
    return Plan;
  }

  if (!After) {
    unsigned Key = SM->getFileOffset(At) * 2;
    if (!FixedAt.insert(Key).second)
      return Plan; // Another fix-it puts the barrier here already.
    std::string Text = StartsLine ? Call + "\n" + Indent.str() : Call + " ";
    Plan.Fix = FixItHint::CreateInsertion(At, Text);
    return Plan;
  }

  // After the statement's ';' (a declaration's range includes it).
  unsigned Semi = End;
  if (!(Semi > 0 && Buffer[Semi - 1] == ';')) {
    while (Semi < Buffer.size() && (Buffer[Semi] == ' ' || Buffer[Semi] == '\t'))
      ++Semi;
    if (Semi >= Buffer.size() || Buffer[Semi] != ';') {
      Plan.WhyNot = "the statement does not end with ';' in the file";
      return Plan;
    }
    ++Semi;
  }
  unsigned Key = Semi * 2 + 1;
  if (!FixedAt.insert(Key).second)
    return Plan;
  // The rest of the line: nothing, or a line comment, moves the barrier to
  // a line of its own; anything else keeps it on this line.
  unsigned LineEnd = Semi;
  while (LineEnd < Buffer.size() && Buffer[LineEnd] != '\n' &&
         Buffer[LineEnd] != '\r')
    ++LineEnd;
  StringRef Rest = Buffer.slice(Semi, LineEnd).trim();
  SourceLocation FileStart = SM->getLocForStartOfFile(File);
  if (Rest.empty() || Rest.starts_with("//"))
    Plan.Fix = FixItHint::CreateInsertion(FileStart.getLocWithOffset(LineEnd),
                                          "\n" + Indent.str() + Call);
  else
    Plan.Fix =
        FixItHint::CreateInsertion(FileStart.getLocWithOffset(Semi), " " + Call);
  return Plan;
}

} // namespace clang::tidy::atomics
