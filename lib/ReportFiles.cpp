//===- ReportFiles.cpp - where a unit can report, whatever else is known --===//

#include "lib/ReportFiles.h"
#include "lib/BarrierFlow.h"
#include "lib/FactsRecords.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::atomics {

namespace {

/// The file \p Loc is written in, as the database names files; empty
/// when it has none.
std::string fileOf(SourceLocation Loc, const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(Loc));
  return P.isValid() ? absolutePath(P.getFilename()) : std::string();
}

/// A location no access of the program has: what a call of another file's
/// function stands for, before the database tells what it loads.
constexpr llvm::StringLiteral AnyRemoteLoad = "*any remote load";

} // namespace

std::set<std::string> pointReportFiles(
    llvm::ArrayRef<const OrderingPoint *> Points, const SourceManager &SM,
    llvm::function_ref<bool(const OrderingPoint &)> MayLackPartner,
    llvm::function_ref<bool(const OrderingPoint &)> NamesPartner) {
  std::set<std::string> Files;
  for (const OrderingPoint *P : Points) {
    if (!P->Op.Node)
      continue; // The database's, not this unit's.
    SourceLocation Loc = SM.getFileLoc(P->Op.Site.isValid()
                                           ? P->Op.Site
                                           : P->Op.Node->getBeginLoc());
    bool Reports = MayLackPartner(*P) || P->Op.is(Deprecated) ||
                   (SM.isInMainFile(Loc) && NamesPartner(*P));
    if (Reports)
      if (std::string F = fileOf(Loc, SM); !F.empty())
        Files.insert(std::move(F));
  }
  return Files;
}

std::set<std::string>
rmwReportFiles(ASTContext &Ctx, const OperationClassifier &Classifier,
               bool OpaqueCallsAreBarriers,
               llvm::function_ref<bool(const AtomicOperation &)> Reported) {
  const SourceManager &SM = Ctx.getSourceManager();
  BarrierFlowOptions Opts;
  Opts.Dir = Direction::AfterRmw;
  Opts.OpaqueCallsAreBarriers = OpaqueCallsAreBarriers;
  Opts.RemoteSummaryOf =
      [](llvm::StringRef Name) -> std::optional<RemoteSummary> {
    RemoteAccess Load;
    Load.Name = Name.str();
    Load.Kind = Access::Load;
    Load.Ordering = Order::Relaxed;
    Load.Location.Kind = MemoryLocation::Global;
    Load.Location.Key = AnyRemoteLoad.str();
    Load.Location.Spelling = AnyRemoteLoad.str();
    RemoteSummary S;
    S.EarlyLoads.push_back(std::move(Load));
    return S;
  };
  BarrierFlowAnalysis Flow(Ctx, Classifier, Opts);
  Flow.run();
  auto IsOwnRmw = [&](const FlowSite *S) {
    return !S->isRemote() && !S->IsOpaqueReturn && Reported(S->Op);
  };
  std::set<std::string> Files;
  auto Add = [&](const FunctionDecl *FD) {
    if (std::string F = fileOf(FD->getLocation(), SM); !F.empty())
      Files.insert(std::move(F));
  };
  for (const BarrierFinding &F : Flow.findings())
    if (IsOwnRmw(F.Source.Source))
      Add(F.MeetingFunction);
  Flow.forEachSummary([&](const FunctionDecl *FD, const FunctionSummary &S) {
    if (FD->isExternallyVisible() &&
        llvm::any_of(S.PendingAtExit, [&](const PendingSource &P) {
          return IsOwnRmw(P.Source);
        }))
      Add(FD);
  });
  return Files;
}

} // namespace clang::tidy::atomics
