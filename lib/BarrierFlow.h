//===- BarrierFlow.h - what can happen before the next full barrier -*- C++ -*-//
//
// The analysis behind atomics-missing-rmw-barrier, kept apart from its
// diagnostics so that the whole-program database can store its summaries.
//
// A "source" is an operation that needs a full barrier on one side: with
// Direction::AfterRmw a seq-cst read-modify-write (it is not a full barrier,
// so a weaker load after it can be satisfied before its store is visible);
// with Direction::BeforeRmw a weaker store (a seq-cst RMW after it can read
// before the store is visible). A "conflict" is the access on the other
// side: a weaker load, or a seq-cst RMW. A finding is a source and a
// conflict on different locations with a path from one to the other that
// meets no full barrier.
//
// Per function: a forward dataflow over clang's CFG whose state is the set
// of sources not yet followed by a full barrier (a gen/kill problem, solved
// with a worklist to a fixpoint: linear in the size of the CFG, no path
// enumeration). Across functions of the translation unit: summaries,
// computed bottom-up over the call graph's strongly connected components
// (iterated to a fixpoint inside a component, for recursion):
//   - the conflicts a call can reach from its entry before a full barrier;
//   - whether it can return at all, and whether some path through it meets
//     no full barrier;
//   - the sources still pending when it returns.
// Parameter locations are mapped to the caller's arguments at each call.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_BARRIERFLOW_H
#define ATOMICS_TIDY_LIB_BARRIERFLOW_H

#include "lib/AtomicOperation.h"
#include "lib/FactsRecords.h"
#include <functional>
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <memory>
#include <vector>

namespace clang::tidy::atomics {

enum class Direction : unsigned char {
  AfterRmw,  ///< Seq-cst RMW, then a weaker load.
  BeforeRmw, ///< A weaker store, then a seq-cst RMW.
};

/// One classified operation in a function body.
struct FlowSite {
  AtomicOperation Op;
  const FunctionDecl *Function;
  /// An operation of another translation unit, from the whole-program
  /// database: Op has no Node, and these say where it is.
  std::string RemoteFunction, RemoteFile;
  unsigned RemoteLine = 0, RemoteColumn = 0;
  /// A call of a function of another file that stands for whatever that
  /// function can return with (BarrierFlowOptions::FollowOpaqueReturns):
  /// Op.Name is the callee's name, Function the caller, Remote* the call.
  bool IsOpaqueReturn = false;
  bool isRemote() const { return Op.Node == nullptr; }
};

/// The site of an operation of another translation unit, as a record of
/// the database names it.
FlowSite remoteSite(const RemoteAccess &X);

/// Calls on the way from one function to another.
using CallPath = llvm::SmallVector<const CallExpr *, 2>;

/// A source still waiting for a full barrier.
struct PendingSource {
  const FlowSite *Source;
  MemoryLocation Location; ///< As seen in the function that holds it.
  /// Calls it returned through, innermost first.
  CallPath ReturnedThrough;
};

/// A conflict reachable from a function's entry before any full barrier.
struct ReachableConflict {
  const FlowSite *Conflict;
  MemoryLocation Location; ///< As seen at the function's entry.
  CallPath Through;        ///< Calls down to it, outermost first.
};

struct FunctionSummary {
  /// Some path from entry returns (false: every path loops or recurses
  /// forever, or ends in a call that cannot return).
  bool CanReturn = false;
  /// Some path from entry to return meets no full barrier.
  bool PassesWithoutBarrier = false;
  std::vector<ReachableConflict> EarlyConflicts;
  std::vector<PendingSource> PendingAtExit;
};

struct BarrierFinding {
  PendingSource Source;    ///< In the function where the two meet.
  const FlowSite *Conflict;
  MemoryLocation ConflictLocation; ///< As seen in the meeting function.
  CallPath ConflictPath;   ///< From the meeting function down to it.
  const FunctionDecl *MeetingFunction;
};

struct BarrierFlowOptions {
  Direction Dir = Direction::AfterRmw;
  /// Calls to functions without a body here (and through pointers) are
  /// assumed to contain a full barrier on every path; otherwise they are
  /// assumed to perform no atomic operation at all.
  bool OpaqueCallsAreBarriers = false;
  /// The summary of a function of another translation unit, by name
  /// (Direction::AfterRmw only): a call to one with no body here uses its
  /// loads before a full barrier and whether it passes without one (the
  /// RMWs it returns with are its own file's to report). Asked once per
  /// function called.
  std::function<std::optional<RemoteSummary>(llvm::StringRef)>
      RemoteSummaryOf;
  /// When set, only the functions it accepts, and what they call, are
  /// analysed: the others' findings would not be shown (DiagnosticScope).
  std::function<bool(const FunctionDecl *)> IsRoot;
  /// A call of a function without a body here (nor a summary) becomes a
  /// source that stands for what the callee may return with (a FlowSite
  /// with IsOpaqueReturn): its findings are the loads that can follow the
  /// call before a full barrier, which the database keeps for the callee's
  /// own file, so that an RMW there is reported where it is written
  /// (Direction::AfterRmw only; the check does not report them).
  bool FollowOpaqueReturns = false;
};

class BarrierFlowAnalysis {
public:
  BarrierFlowAnalysis(ASTContext &Ctx, const OperationClassifier &Classifier,
                      BarrierFlowOptions Opts);
  ~BarrierFlowAnalysis();

  /// Analyses every function with a body in the translation unit (or
  /// those Opts.IsRoot reaches).
  void run();

  const std::vector<BarrierFinding> &findings() const { return Findings; }
  /// The summary of \p FD, if it was analysed.
  const FunctionSummary *summary(const FunctionDecl *FD) const;

  /// Every analysed function's summary (what the database records).
  void forEachSummary(
      llvm::function_ref<void(const FunctionDecl *, const FunctionSummary &)>
          Visit) const;

  /// Statistics, for benchmarks.
  unsigned functionsAnalysed() const { return NumAnalysed; }
  unsigned functionsSkipped() const { return NumSkipped; }

private:
  struct FunctionInfo;
  struct FlowState;
  class FunctionRun;

  void collectFunctions();
  void analyseComponent(llvm::ArrayRef<FunctionInfo *> Component);
  bool analyse(FunctionInfo &F);
  const FlowSite *siteFor(const AtomicOperation &Op, const FunctionDecl *Fn);
  /// Whether a call of \p Callee, which has no body here nor a summary,
  /// gets a stand-in source (Opts.FollowOpaqueReturns).
  bool followsReturnOf(const FunctionDecl *Callee) const;
  /// The stand-in source of the call \p CE, in \p Fn, of a function
  /// without a body here.
  const FlowSite *opaqueReturnFor(const CallExpr *CE, const FunctionDecl *Fn);
  /// The summary of \p Callee from the database, if it has one.
  const FunctionSummary *remoteSummary(const FunctionDecl *Callee);
  void addFinding(const PendingSource &S, const FlowSite *Conflict,
                  const MemoryLocation &ConflictLoc,
                  const CallPath &ConflictPath, const FunctionDecl *Fn);

  ASTContext &Ctx;
  const OperationClassifier &Classifier;
  BarrierFlowOptions Opts;

  std::vector<std::unique_ptr<FunctionInfo>> Functions;
  llvm::DenseMap<const FunctionDecl *, FunctionInfo *> ByDecl;
  std::deque<FlowSite> Sites;
  llvm::DenseMap<const Stmt *, const FlowSite *> SiteByNode;
  llvm::DenseMap<const CallExpr *, const FlowSite *> OpaqueReturnByCall;
  std::vector<BarrierFinding> Findings;
  llvm::StringMap<std::unique_ptr<FunctionSummary>> RemoteSummaries;
  /// Whether the summaries of other files' functions can matter: the unit
  /// has a read-modify-write to follow, or writes facts (collectFunctions).
  bool RemoteNeeded = false;
  llvm::DenseSet<std::pair<const FlowSite *, const FlowSite *>> FindingKeys;
  unsigned NumAnalysed = 0, NumSkipped = 0;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_BARRIERFLOW_H
