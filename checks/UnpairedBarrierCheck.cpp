//===- UnpairedBarrierCheck.cpp - atomics-unpaired-barrier ----------------===//

#include "checks/UnpairedBarrierCheck.h"
#include "checks/PairingCommentCheck.h"
#include "checks/WholeProgramOptions.h"
#include "lib/FunctionDefinitions.h"
#include "lib/Pairing.h"
#include "lib/ReportFiles.h"
#include "lib/SourceUtils.h"
#include "lib/UnitFiles.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;

namespace clang::tidy::atomics {

namespace {

constexpr llvm::StringLiteral PairingGraphOption = "PairingGraph";
/// Functions (names or globs) whose ordering operations pair with code
/// outside the program; default none.
constexpr llvm::StringLiteral ExternalFunctionsOption =
    "ExternalPartnerFunctions";
} // namespace

UnpairedBarrierCheck::UnpairedBarrierCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawKeywords(externalPartnerKeywords(Options)),
      RawExternalFunctions(Options.get(ExternalFunctionsOption, "")),
      DatabasePath(
          Options.getLocalOrGlobal(DatabaseOption, defaultDatabasePath())),
      WriteDatabase(Options.getLocalOrGlobal(WriteDatabaseOption, "")),
      PairingGraph(Options.get(PairingGraphOption, "")),
      CallDepth(Options.getLocalOrGlobal(CallDepthOption, DefaultCallDepth)),
      Keywords(parseKeywords(RawKeywords)), Scope(*Context) {
  // What is written before and read after a barrier is usually plain data.
  Classification.PlainAccesses = true;
  if (!WriteDatabase.empty())
    Facts = UnitFacts::join(WriteDatabase);
  std::string Error;
  ExternalFunctions = NamePatterns(RawExternalFunctions, Error);
  if (!Error.empty())
    configurationDiag("invalid value for option '%0.%1': %2; the check uses "
                      "the valid entries only",
                      DiagnosticIDs::Error)
        << Name << ExternalFunctionsOption << Error;
}

void UnpairedBarrierCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, ExternalPartnerKeywordsOption, RawKeywords);
  Options.store(Opts, ExternalFunctionsOption, RawExternalFunctions);
  Options.store(Opts, DatabaseOption, DatabasePath);
  Options.store(Opts, WriteDatabaseOption, WriteDatabase);
  Options.store(Opts, PairingGraphOption, PairingGraph);
  Options.store(Opts, CallDepthOption, CallDepth);
}

void UnpairedBarrierCheck::registerPPCallbacks(const SourceManager &SM,
                                               Preprocessor *PP,
                                               Preprocessor *ModuleExpanderPP) {
  Scope.watch(*PP, SM);
  listUnitFilesOnRequest(*PP, SM);
}

void UnpairedBarrierCheck::registerMatchers(MatchFinder *Finder) {
  // The translation unit only: its functions are found by a walk of their
  // own (functionDefinitions), and its facts are written, and the
  // database's problems reported, even when it defines no function.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void UnpairedBarrierCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  const std::vector<const FunctionDecl *> &Defined = functionDefinitions(*Ctx);
  // Points are needed for the facts file and the graph, and where a
  // finding can be shown: a unit whose shown code reports nothing needs
  // none, not even of the headers' functions, which are only partners.
  // Most units of a program are like that.
  if (WriteDatabase.empty() && PairingGraph.empty()) {
    ClassifierOptions Ops = Classification;
    Ops.PlainAccesses = false; // Only the operations matter here.
    OperationClassifier Classifier(*Ctx, Ops);
    const SourceManager &SM = Ctx->getSourceManager();
    if (llvm::none_of(Defined, [&](const FunctionDecl *FD) {
          return Scope.shows(*FD, SM) &&
                 !pairsOutsideProgram(*FD) &&
                 hasOrderingPoint(FD, Classifier, /*ReportableOnly=*/true);
        }))
      return;
  }
  for (const FunctionDecl *FD : Defined)
    Unit.addFunction(FD, *Ctx);
}

void UnpairedBarrierCheck::onEndOfTranslationUnit() {
  if (!Ctx)
    return; // Nothing was parsed.
  std::vector<const OrderingPoint *> Live;
  for (const OrderingPoint &P : Unit.points())
    Live.push_back(&P);
  // The facts name the calls into other files unresolved: the database
  // resolves them when it is read.
  if (Facts)
    writeFacts(Live);
  // The points whose findings clang-tidy can show: those of the headers'
  // functions are only partners, and so are those declared to pair with
  // code outside the program (before anything looks for their partners,
  // in this unit or in the database).
  const SourceManager &SM = Ctx->getSourceManager();
  std::vector<const OrderingPoint *> Reportable;
  for (const OrderingPoint *P : Live)
    if (P->Reportable && P->Function && Scope.shows(*P->Function, SM) &&
        !pairsOutsideProgram(*P))
      Reportable.push_back(P);
  // Most translation units have nothing to pair: the database is opened
  // only when one does.
  bool NeedPartners = !PairingGraph.empty() ||
                      llvm::any_of(Reportable, [](const OrderingPoint *P) {
                        return shapesOf(*P) || !P->CallsBefore.empty() ||
                               !P->CallsAfter.empty();
                      });
  std::shared_ptr<const FactsDatabase> DB =
      NeedPartners ? database() : nullptr;
  std::vector<const OrderingPoint *> All = Live;
  std::vector<const OrderingPoint *> Searched = Reportable;
  std::optional<DatabaseView> View; // Owns the points it returns.
  if (DB) {
    View.emplace(DB);
    Unit.resolveWith(*View);
    // A point with a partner is not reported, whichever partner it is:
    // the database is read in full only around the points that have none
    // in this unit or in the database (the candidates for a partner, which
    // the finding names, share a location with them). A graph shows the
    // whole program.
    PartnerIndex InUnit(Live);
    PointPlaces Here = placesOf(Live);
    llvm::erase_if(Searched, [&](const OrderingPoint *P) {
      return !shapesOf(*P) || InUnit.find(*P).Partner ||
             View->hasPartner(*P, Here);
    });
    std::vector<const OrderingPoint *> FromDatabase =
        PairingGraph.empty() ? View->pointsNear(Searched) : View->allPoints();
    // A finding says there is no partner in the program: it says too when
    // the database is older than the sources (a stat of each, so only
    // then).
    bool Readable = Searched.empty() || warnIfStale(*DB);
    if (View->error() || !Readable) {
      if (View->error())
        cannotUseDatabase(*View->error());
      DB = nullptr;
      Searched = Reportable;
    } else {
      All = withDatabasePoints(Live, FromDatabase);
    }
  }
  PartnerIndex Partners(All);
  for (const OrderingPoint *P : Searched)
    report(*P, Partners, DB != nullptr);
  if (!PairingGraph.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(PairingGraph, EC);
    if (!EC)
      OS << pairingGraphDOT(All);
    if (EC)
      configurationDiag("cannot write the pairing graph '%0': %1",
                        DiagnosticIDs::Error)
          << PairingGraph << EC.message();
  }
  Unit.clear();
  Ctx = nullptr;
}

std::shared_ptr<const FactsDatabase> UnpairedBarrierCheck::database() {
  return openDatabase(DatabasePath,
                      [&](const std::string &Why) { cannotUseDatabase(Why); });
}

bool UnpairedBarrierCheck::warnIfStale(const FactsDatabase &DB) {
  llvm::Expected<std::vector<std::string>> Stale = DB.staleUnits();
  if (!Stale) {
    cannotUseDatabase(llvm::toString(Stale.takeError()));
    return false;
  }
  if (!Stale->empty())
    configurationDiag("the whole-program database '%0' is older than %1 "
                      "source file%s1 (the first: '%2'); update it with "
                      "'atomics-tidy-db update'",
                      DiagnosticIDs::Warning)
        << DatabasePath << unsigned(Stale->size()) << Stale->front();
  return true;
}

void UnpairedBarrierCheck::cannotUseDatabase(const std::string &Why) {
  configurationDiag("cannot use the whole-program database: %0; the check "
                    "looks for partners in this translation unit only",
                    DiagnosticIDs::Error)
      << Why;
}

void UnpairedBarrierCheck::writeFacts(
    llvm::ArrayRef<const OrderingPoint *> All) {
  const SourceManager &SM = Ctx->getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return;
  Facts->setPoints(All, Unit.exported(), SM);
  // A partner in the unit is one whatever the database says: such a point
  // is not reported (onEndOfTranslationUnit).
  PartnerIndex InUnit(All);
  Facts->addReportFiles(pointReportFiles(
      All, SM,
      [&](const OrderingPoint &P) {
        return P.Reportable && shapesOf(P) && !InUnit.find(P).Partner;
      },
      [&](const OrderingPoint &P) {
        for (const NearbyComment &C : commentsNear(writtenAt(P), SM))
          if (!parsePairingComment(C.Text).empty())
            return true;
        return false;
      }));
  if (llvm::Error E = Facts->handIn(unitSource(Main->getName())))
    configurationDiag("cannot write the unit's facts into the database: %0",
                      DiagnosticIDs::Error)
        << llvm::toString(std::move(E));
}

SourceLocation UnpairedBarrierCheck::writtenAt(const OrderingPoint &P) const {
  const SourceManager &SM = Ctx->getSourceManager();
  return SM.getFileLoc(P.Op.Site.isValid() ? P.Op.Site
                                           : P.Op.Node->getBeginLoc());
}

bool UnpairedBarrierCheck::declaresExternalPartner(SourceLocation Loc) const {
  for (const NearbyComment &C : commentsNear(Loc, Ctx->getSourceManager()))
    if (mentionsKeyword(C.Text, Keywords))
      return true;
  return false;
}

bool UnpairedBarrierCheck::pairsOutsideProgram(const FunctionDecl &FD) const {
  return !ExternalFunctions.empty() &&
         ExternalFunctions.matches(FD.getNameAsString());
}

bool UnpairedBarrierCheck::pairsOutsideProgram(const OrderingPoint &P) const {
  if (P.Function && pairsOutsideProgram(*P.Function))
    return true;
  SourceLocation Loc = writtenAt(P);
  return Loc.isValid() && declaresExternalPartner(Loc);
}

void UnpairedBarrierCheck::report(const OrderingPoint &P,
                                  const PartnerIndex &Partners,
                                  bool WholeProgram) {
  unsigned Shapes = shapesOf(P);
  if (!Shapes)
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Loc = writtenAt(P);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc) ||
      (P.Op.WrittenAt.isValid() && SM.isInSystemHeader(P.Op.WrittenAt)))
    return;
  // The cheap reason to stay silent first: the search is over every point
  // of the program.
  if (!WholeProgram && !partnersMustBeLocal(P))
    return;
  PairingVerdict V = Partners.find(P);
  if (V.Partner)
    return;

  LocationSet Scratch;
  {
    auto D = diag(Loc, "%0 '%1' %2; no %3 in %select{this translation "
                       "unit|the program}4 %5");
    D << P.what() << P.Op.Name;
    if (!P.isFence() && (Shapes & AsRelease)) {
      std::string Own = listLocations(P.flagWritten(Scratch));
      D << "publishes by storing " + Own << "acquire operation" << WholeProgram
        << "loads " + Own + " (a load-acquire, or a load followed by an "
                            "acquire barrier)";
    } else if (!P.isFence()) {
      std::string Own = listLocations(P.flagRead(Scratch));
      D << "observes by loading " + Own << "release operation" << WholeProgram
        << "stores " + Own + " (a store-release, a read-modify-write, or a "
                             "store after a release barrier)";
    } else if (Shapes & AsDekker) {
      std::string Before = listLocations(P.WrittenBefore);
      std::string After = listLocations(P.ReadAfter);
      D << "orders the stores to " + Before + " before the loads of " + After
        << "barrier" << WholeProgram << "orders stores to " + After + " before loads of " +
                            Before + ", or pairs with it as acquire or release";
    } else if (Shapes & AsRelease) {
      std::string Data = listLocations(P.WrittenBefore);
      std::string Flag = listLocations(P.WrittenAfter);
      D << "orders the stores to " + Data + " before the stores to " + Flag
        << "acquire operation" << WholeProgram
        << "loads " + Flag + " and then " + Data;
    } else {
      std::string Flag = listLocations(P.ReadBefore);
      std::string Data = listLocations(P.ReadAfter);
      D << "orders the loads of " + Flag + " before the loads of " + Data
        << "release operation" << WholeProgram
        << "stores " + Data + " and then " + Flag;
    }
  }
  if (V.Candidate) {
    const OrderingPoint &C = *V.Candidate;
    // A candidate from the database has no location in this unit: the note
    // goes at the operation and names where the candidate is.
    if (C.Op.Node)
      diag(writtenAt(C), "closest candidate: %0 '%1' in '%2' %3",
           DiagnosticIDs::Note)
          << C.what() << C.Op.Name << C.FunctionName << V.CandidateLacks;
    else
      diag(Loc, "closest candidate: %0 '%1' in '%2' at %3:%4:%5 %6",
           DiagnosticIDs::Note)
          << C.what() << C.Op.Name << C.FunctionName << C.File << C.Line
          << C.Column << V.CandidateLacks;
  }
}

} // namespace clang::tidy::atomics
