//===- MissingRmwBarrierCheck.h - atomics-missing-rmw-barrier ---*- C++ -*-===//
//
// A seq-cst read-modify-write is not a full barrier: towards other accesses
// it is a load-acquire followed by a store-release, so a weaker load of
// another location after it can be satisfied before its store is visible.
// This check follows each function's control flow, and calls within the
// translation unit, from every such RMW to the weaker loads that can follow
// it before a full barrier (QEMU's 2023 hangs on Arm). With CheckBeforeRmw it
// also reports the mirror case: a weaker store, then a seq-cst RMW.
//
// The analysis is lib/BarrierFlow; this file turns its findings into
// diagnostics and fix-its.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_CHECKS_MISSINGRMWBARRIERCHECK_H
#define ATOMICS_TIDY_CHECKS_MISSINGRMWBARRIERCHECK_H

#include "checks/DiagnosticScope.h"
#include "lib/AtomicOperation.h"
#include "lib/BarrierFlow.h"
#include "lib/BodyParents.h"
#include "lib/FactsDatabase.h"
#include "lib/FactsWriter.h"
#include "lib/ReturnsAcrossFiles.h"
#include "lib/StoreBuffering.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <tuple>

namespace clang::tidy::atomics {

class MissingRmwBarrierCheck : public ClangTidyCheck {
public:
  MissingRmwBarrierCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Where a barrier goes, or why it cannot be inserted.
  struct FixPlan {
    std::optional<FixItHint> Fix;
    std::string Barrier;      ///< What to write: "smp_mb__after_rmw()".
    std::string WhyNot;       ///< Empty when Fix is set.
  };

  /// The store-buffering partner of a finding's pair, if the program has
  /// one (null: every finding is reported, RequirePartner off).
  using PartnerLookup =
      llvm::function_ref<std::optional<StoreBufferingPartner>(
          const BarrierFinding &)>;
  /// \p Callers: the loads in other files after this unit's functions
  /// return with an RMW pending, reported with the RMW's findings.
  void reportAfterRmw(ASTContext &Ctx, const BarrierFlowAnalysis &A,
                      const LoadsInCallers &Callers,
                      const OperationClassifier &Classifier,
                      std::optional<PartnerLookup> PartnerOf);
  /// Notes that show the other thread of the race: its write of the
  /// loaded location and its load of the RMW's, near \p Loc when they
  /// are in another file.
  /// How the warning names an RMW: its API name, or for an operator the
  /// expression ("'config.clients--'", not "'--'").
  std::string rmwName(ASTContext &Ctx, const FlowSite &Rmw) const;
  /// Where \p F's RMW (or the call it returned through) and its load (or
  /// the call that performs it) are written in the function where they
  /// meet; invalid when one is not there.
  std::pair<SourceLocation, SourceLocation>
  meetingPlaces(const BarrierFinding &F) const;
  /// Whether \p F's load is reached round a loop: where the two meet, it
  /// is written above the RMW.
  bool reachedRoundLoop(const BarrierFinding &F) const;
  /// The calls written between \p F's RMW and its load, where they meet,
  /// to functions without a body here (taken to do nothing atomic), each
  /// callee once, in source order.
  std::vector<const CallExpr *>
  opaqueCallsBetween(const BarrierFinding &F,
                     const OperationClassifier &C) const;
  void notePartner(const StoreBufferingPartner &Partner,
                   const BarrierFinding &F, SourceLocation Loc);
  void reportBeforeRmw(ASTContext &Ctx, const BarrierFlowAnalysis &A);
  /// Findings grouped by the RMW they report at (RmwOf), groups in source
  /// order and each sorted by the other access (OtherOf); RMWs that are not
  /// reported (system headers) are left out.
  std::vector<std::pair<SourceLocation, std::vector<const BarrierFinding *>>>
  groupByRmw(llvm::ArrayRef<const BarrierFinding *> Findings,
             llvm::function_ref<const FlowSite *(const BarrierFinding &)> RmwOf,
             llvm::function_ref<const FlowSite *(const BarrierFinding &)>
                 OtherOf) const;
  void notePaths(const BarrierFinding &F, bool AfterRmw);
  /// \p Others: the loads (After) or stores of the findings; the fix-it
  /// must put the barrier between the RMW and every one of them.
  FixPlan planFix(ASTContext &Ctx, const BarrierFlowAnalysis &A,
                  const FlowSite &Rmw, bool After,
                  llvm::ArrayRef<const Stmt *> Others);
  /// The function called in \p Statement that can perform one of \p Others
  /// (After: before a full barrier once called; before: still pending when
  /// it returns), if any.
  const CallExpr *callPerforming(const BarrierFlowAnalysis &A,
                                 const Stmt *Statement, bool After,
                                 llvm::ArrayRef<const Stmt *> Others) const;
  bool isDeclaredAt(ASTContext &Ctx, StringRef Name, SourceLocation Loc,
                    bool FunctionLike);
  SourceLocation reportLocation(const AtomicOperation &Op) const;
  /// What orders findings that are reported at one place: where \p Site
  /// (one of \p F's operations) is written, then the calls on its paths.
  std::vector<std::tuple<std::string, unsigned, unsigned, std::string>>
  findingOrder(const BarrierFinding &F, const FlowSite &Site) const;
  /// The functions that the path from \p F's RMW to its load passes
  /// through: a partner there is the same code, not another thread's
  /// (lib/StoreBuffering.h).
  static llvm::StringSet<> pathFunctions(const BarrierFinding &F,
                                         const LoadsInCallers &Callers);
  /// "'bump' at util/a.c:12:5": where an operation of another file is.
  static std::string remoteWhere(const FlowSite &Site);
  /// Writes the summaries of this unit's functions that other files can
  /// call (WriteDatabase).
  void writeSummaries(ASTContext &Ctx, const BarrierFlowAnalysis &A);
  /// The database, or null (and why reported) when it cannot be read.
  std::shared_ptr<const FactsDatabase> database();
  /// Reports that the database cannot be used, and \p Why.
  void cannotUseDatabase(const std::string &Why);
  /// Where the user wrote \p Op (or the call \p S) in a file: its own name
  /// even inside another macro's argument, else the macro that expands to
  /// it.
  SourceLocation writtenAt(const AtomicOperation &Op) const;
  SourceLocation writtenAt(const Stmt *S) const;
  void badBool(StringRef CheckName, StringRef Option, StringRef Value);

  const std::string RawWrappers;
  const std::string RawFullBarrierFunctions;
  const bool OpaqueCallsAreBarriers;
  const bool CheckPlainLoads;
  const bool CheckBeforeRmw;
  const bool RequirePartner;
  const unsigned CallDepth;
  /// What partners are looked for with: plain accesses as well (the facts
  /// record them; CheckPlainLoads says whether they count).
  ClassifierOptions PartnerClassification;
  const std::string DatabasePath;
  const std::string WriteDatabase;
  /// The unit's facts, when they go into WriteDatabase.
  std::shared_ptr<UnitFacts> Facts;
  ClassifierOptions Classification;

  const SourceManager *SM = nullptr;
  Preprocessor *PP = nullptr;
  llvm::DenseSet<unsigned> FixedAt; ///< Insertion points already used.
  /// The call notes of the warning being reported: (call, access).
  llvm::DenseSet<std::pair<const void *, const void *>> NotesShown;
  BodyParents Parents; ///< Of the bodies a fix-it is planned in.
  DiagnosticScope Scope;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_MISSINGRMWBARRIERCHECK_H
