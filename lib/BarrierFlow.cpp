//===- BarrierFlow.cpp - what can happen before the next full barrier -----===//

#include "lib/BarrierFlow.h"
#include "lib/FunctionDefinitions.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>
#include <map>
#include <set>

namespace clang::tidy::atomics {

struct BarrierFlowAnalysis::FunctionInfo {
  const FunctionDecl *FD;
  llvm::SmallVector<FunctionInfo *, 4> Callees; ///< With a body here.
  bool HasOperation = false; ///< Performs an atomic operation or barrier.
  bool HasOpaqueCall = false;
  /// Has a loop without a condition (or with a constant one), a goto, or
  /// a call to a noreturn function: whether it can return needs its CFG.
  bool MayNotReturn = false;
  bool Reached = false; ///< A root, or called by one: analysed.
  FunctionSummary Summary;
  // Tarjan's algorithm.
  int Index = -1;
  int Low = 0;
  bool OnStack = false;
};

namespace {

void unionInto(llvm::BitVector &Dst, const llvm::BitVector &Src) {
  if (Dst.size() < Src.size())
    Dst.resize(Src.size());
  llvm::BitVector S = Src;
  if (S.size() < Dst.size())
    S.resize(Dst.size());
  Dst |= S;
}

bool sameBits(llvm::BitVector A, llvm::BitVector B) {
  size_t N = std::max(A.size(), B.size());
  A.resize(N);
  B.resize(N);
  return A == B;
}

/// What an element of the CFG does to the truth value that the next branch
/// may test. clang's CFG computes some conditions by merging paths first
/// (a do-while condition with || or &&, a condition under !, ?: or a comma,
/// a statement expression's value) and branches on the merged value later:
/// the value is known on some of the paths into the merge (the left side
/// of || was true), and those paths must only go on where it takes them.
enum class ValueEffect { Keep, Flip, True, False, Unknown };

ValueEffect valueEffect(const Stmt *S) {
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    // The merge of a || or &&: its value is that of the path that came
    // in. A comma: the value of its right side, computed just before.
    return BO->isLogicalOp() || BO->getOpcode() == BO_Comma
               ? ValueEffect::Keep
               : ValueEffect::Unknown;
  if (isa<AbstractConditionalOperator, StmtExpr, ParenExpr>(S))
    return ValueEffect::Keep;
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    return UO->getOpcode() == UO_LNot ? ValueEffect::Flip
                                      : ValueEffect::Unknown;
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(S)) {
    // Only casts that cannot turn a non-zero value into zero.
    switch (IC->getCastKind()) {
    case CK_NoOp:
    case CK_IntegralToBoolean:
      return ValueEffect::Keep;
    default:
      return ValueEffect::Unknown;
    }
  }
  if (const auto *IL = dyn_cast<IntegerLiteral>(S))
    return IL->getValue().isZero() ? ValueEffect::False : ValueEffect::True;
  if (const auto *CL = dyn_cast<CharacterLiteral>(S))
    return CL->getValue() == 0 ? ValueEffect::False : ValueEffect::True;
  return ValueEffect::Unknown;
}

/// Whether \p S is a loop whose condition does not end it by itself
/// (absent, or a constant true): only a break, a return or a goto leaves it.
bool mayLoopForever(const Stmt *S, const ASTContext &Ctx) {
  const Expr *Cond;
  if (const auto *W = dyn_cast<WhileStmt>(S))
    Cond = W->getCond();
  else if (const auto *D = dyn_cast<DoStmt>(S))
    Cond = D->getCond();
  else if (const auto *F = dyn_cast<ForStmt>(S))
    Cond = F->getCond();
  else
    return false;
  if (!Cond)
    return true;
  bool Value = false;
  return !Cond->isValueDependent() &&
         Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

/// Whether \p B branches on the truth of a condition: its first successor
/// is taken when it is true, its second when it is false.
bool branchesOnTruth(const CFGBlock &B) {
  const Stmt *T = B.getTerminatorStmt();
  if (!T || B.succ_size() != 2 || !B.getTerminatorCondition())
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(T))
    return BO->isLogicalOp();
  return isa<IfStmt, WhileStmt, DoStmt, ForStmt, AbstractConditionalOperator>(
      T);
}

} // namespace

/// The dataflow state at a point: the items pending on the paths that reach
/// it, split by what those paths say about the value the next branch may
/// test (see ValueEffect).
struct BarrierFlowAnalysis::FlowState {
  enum Tag { Unknown, True, False, NumTags };
  /// Whether some path with that value reaches this point (a path with
  /// nothing pending is a path too).
  bool Reached[NumTags] = {false, false, false};
  llvm::BitVector Pending[NumTags];

  bool reached() const {
    return Reached[Unknown] || Reached[True] || Reached[False];
  }
  /// Forgets the value: every path goes on either way.
  void forget() {
    for (Tag T : {True, False}) {
      Reached[Unknown] |= Reached[T];
      Reached[T] = false;
      unionInto(Pending[Unknown], Pending[T]);
      Pending[T].clear();
    }
  }
  void flip() {
    std::swap(Reached[True], Reached[False]);
    std::swap(Pending[True], Pending[False]);
  }
  /// Every path now has the value \p T.
  void setValue(Tag T) {
    forget();
    if (T == Unknown)
      return;
    std::swap(Reached[Unknown], Reached[T]);
    std::swap(Pending[Unknown], Pending[T]);
  }
  /// Adds the paths of \p S that go where the value is \p Taken (Unknown:
  /// every path); returns whether this state grew.
  bool join(const FlowState &S, Tag Taken) {
    bool Grew = false;
    auto Add = [&](Tag Into, Tag From) {
      if (!S.Reached[From])
        return;
      Grew |= !Reached[Into];
      Reached[Into] = true;
      llvm::BitVector Before = Pending[Into];
      unionInto(Pending[Into], S.Pending[From]);
      Grew |= !sameBits(Before, Pending[Into]);
    };
    if (Taken == Unknown) {
      for (Tag T : {Unknown, True, False})
        Add(T, T);
    } else {
      // The branch has decided the value: the paths that go here have it.
      Add(Taken, Unknown);
      Add(Taken, Taken);
    }
    return Grew;
  }
};

/// One function's dataflow: the items (pending sources) it can hold and the
/// state at each block's entry. Item 0 stands for "whatever the caller had
/// pending": where it reaches, nothing since the entry was a full barrier.
class BarrierFlowAnalysis::FunctionRun {
public:
  FunctionRun(BarrierFlowAnalysis &A, FunctionInfo &F) : A(A), F(F) {
    Items.push_back({nullptr, MemoryLocation(), {}});
  }

  bool run(FunctionSummary &Out);

private:
  /// Returns false where the block's paths stop (a call that cannot return).
  bool transfer(const CFGBlock &B, FlowState &S);
  void apply(const AtomicOperation &Op, llvm::BitVector &S);
  /// Returns false when the call cannot return.
  bool applyCall(const CallExpr *CE, llvm::BitVector &S);
  void conflict(const FlowSite *Site, const MemoryLocation &Loc,
                const CallPath &Path, const llvm::BitVector &S);
  unsigned intern(const void *Via, const FlowSite *Source, PendingSource P);

  BarrierFlowAnalysis &A;
  FunctionInfo &F;
  std::vector<PendingSource> Items;
  llvm::DenseMap<std::pair<const void *, const FlowSite *>, unsigned> ItemIds;
  std::vector<ReachableConflict> Early;
  std::set<std::pair<const FlowSite *, std::string>> EarlyKeys;
};

unsigned BarrierFlowAnalysis::FunctionRun::intern(const void *Via,
                                                  const FlowSite *Source,
                                                  PendingSource P) {
  auto [It, New] = ItemIds.try_emplace({Via, Source}, Items.size());
  if (New)
    Items.push_back(std::move(P));
  return It->second;
}

void BarrierFlowAnalysis::FunctionRun::conflict(const FlowSite *Site,
                                                const MemoryLocation &Loc,
                                                const CallPath &Path,
                                                const llvm::BitVector &S) {
  if (Loc.isNone())
    return;
  for (unsigned I : S.set_bits()) {
    if (I == 0) {
      if (EarlyKeys.insert({Site, Loc.Key}).second)
        Early.push_back({Site, Loc, Path});
      continue;
    }
    const PendingSource &P = Items[I];
    // Same location: coherence orders the two accesses.
    if (P.Location.isNone() || P.Location.sameAs(Loc))
      continue;
    A.addFinding(P, Site, Loc, Path, F.FD);
  }
}

void BarrierFlowAnalysis::FunctionRun::apply(const AtomicOperation &Op,
                                             llvm::BitVector &S) {
  bool After = A.Opts.Dir == Direction::AfterRmw;
  bool IsSource = After ? Op.isSeqCstRmw() : Op.isWeakStore();
  // Loading a function pointer to call it (a hook) is not part of a flag
  // protocol: it does not conflict.
  bool IsConflict =
      After ? Op.isWeakLoad() && !Op.FunctionPointerValue : Op.isSeqCstRmw();
  if (IsConflict && S.any())
    conflict(A.siteFor(Op, F.FD), Op.Location, {}, S);
  if (IsSource && !Op.Location.isNone()) {
    const FlowSite *Site = A.siteFor(Op, F.FD);
    unsigned Id = intern(nullptr, Site, {Site, Op.Location, {}});
    if (S.size() <= Id)
      S.resize(Id + 1);
    S.set(Id);
  }
  if (Op.isFullBarrier())
    S.reset();
}

bool BarrierFlowAnalysis::FunctionRun::applyCall(const CallExpr *CE,
                                                 llvm::BitVector &S) {
  if (CE->getBuiltinCallee())
    return true;
  const FunctionDecl *Callee = CE->getDirectCallee();
  FunctionInfo *Info = nullptr;
  if (Callee)
    if (const FunctionDecl *Def = Callee->getDefinition())
      Info = A.ByDecl.lookup(Def);
  const FunctionSummary *Found =
      Info ? &Info->Summary : A.remoteSummary(Callee);
  if (!Found) {
    if (A.Opts.OpaqueCallsAreBarriers) {
      S.reset();
    } else if (A.followsReturnOf(Callee)) {
      const FlowSite *Site = A.opaqueReturnFor(CE, F.FD);
      PendingSource P{Site, Site->Op.Location, {}};
      P.ReturnedThrough.push_back(CE);
      unsigned Id = intern(CE, Site, std::move(P));
      if (S.size() <= Id)
        S.resize(Id + 1);
      S.set(Id);
    }
    return true;
  }
  const FunctionSummary &Sum = *Found;
  if (S.any())
    for (const ReachableConflict &C : Sum.EarlyConflicts) {
      CallPath Path;
      Path.push_back(CE);
      Path.append(C.Through.begin(), C.Through.end());
      conflict(C.Conflict, locationAtCall(C.Location, *CE, A.Ctx), Path, S);
    }
  if (!Sum.PassesWithoutBarrier)
    S.reset();
  for (const PendingSource &P : Sum.PendingAtExit) {
    PendingSource Here{P.Source, locationAtCall(P.Location, *CE, A.Ctx),
                       P.ReturnedThrough};
    Here.ReturnedThrough.push_back(CE);
    unsigned Id = intern(CE, P.Source, std::move(Here));
    if (S.size() <= Id)
      S.resize(Id + 1);
    S.set(Id);
  }
  return Sum.CanReturn;
}

bool BarrierFlowAnalysis::FunctionRun::transfer(const CFGBlock &B,
                                                FlowState &S) {
  SourceLocation LastSite;
  for (const CFGElement &E : B) {
    std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
    if (!CS)
      continue;
    const Stmt *St = CS->getStmt();
    if (std::optional<AtomicOperation> Op = A.Classifier.classify(St)) {
      S.forget();
      // Every node of a name-classified expansion stands for it: apply it
      // once.
      if (Op->Site.isValid()) {
        if (Op->Site == LastSite)
          continue;
        LastSite = Op->Site;
      }
      apply(*Op, S.Pending[FlowState::Unknown]);
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(St)) {
      S.forget();
      if (!applyCall(CE, S.Pending[FlowState::Unknown]))
        return false;
      continue;
    }
    switch (valueEffect(St)) {
    case ValueEffect::Keep:
      break;
    case ValueEffect::Flip:
      S.flip();
      break;
    case ValueEffect::True:
      S.setValue(FlowState::True);
      break;
    case ValueEffect::False:
      S.setValue(FlowState::False);
      break;
    case ValueEffect::Unknown:
      S.forget();
      break;
    }
  }
  return true;
}

bool BarrierFlowAnalysis::FunctionRun::run(FunctionSummary &Out) {
  CFG::BuildOptions BO;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> G =
      CFG::buildCFG(F.FD, F.FD->getBody(), &A.Ctx, BO);
  FunctionSummary New;
  if (!G) {
    New.CanReturn = New.PassesWithoutBarrier = true;
  } else {
    // Reverse post-order, so that most blocks are seen after their
    // predecessors and the fixpoint comes in few rounds.
    std::vector<const CFGBlock *> Order;
    std::vector<char> Seen(G->getNumBlockIDs(), 0);
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>>
        Stack;
    const CFGBlock &Entry = G->getEntry();
    Seen[Entry.getBlockID()] = 1;
    Stack.push_back({&Entry, Entry.succ_begin()});
    while (!Stack.empty()) {
      auto &[B, It] = Stack.back();
      if (It == B->succ_end()) {
        Order.push_back(B);
        Stack.pop_back();
        continue;
      }
      const CFGBlock *Next = *It;
      ++It;
      if (Next && !Seen[Next->getBlockID()]) {
        Seen[Next->getBlockID()] = 1;
        Stack.push_back({Next, Next->succ_begin()});
      }
    }
    std::reverse(Order.begin(), Order.end());
    std::vector<unsigned> Rank(G->getNumBlockIDs(), 0);
    for (unsigned I = 0; I < Order.size(); ++I)
      Rank[Order[I]->getBlockID()] = I;

    std::vector<FlowState> In(G->getNumBlockIDs());
    FlowState Start;
    Start.Reached[FlowState::Unknown] = true;
    Start.Pending[FlowState::Unknown].resize(1);
    Start.Pending[FlowState::Unknown].set(0);
    In[Entry.getBlockID()].join(Start, FlowState::Unknown);
    // Worklist ordered by reverse post-order rank. A block is seen once
    // some path reaches it, and again when what reaches its entry grows;
    // blocks that only a call that cannot return leads to are never seen.
    std::map<unsigned, const CFGBlock *> Work;
    Work[Rank[Entry.getBlockID()]] = &Entry;
    const CFGBlock *Exit = &G->getExit();
    while (!Work.empty()) {
      const CFGBlock *B = Work.begin()->second;
      Work.erase(Work.begin());
      FlowState S = In[B->getBlockID()];
      if (!transfer(*B, S))
        continue;
      bool NoReturn = B->hasNoReturnElement();
      bool Decides = branchesOnTruth(*B);
      unsigned Index = 0;
      for (const CFGBlock *Succ : B->succs()) {
        unsigned I = Index++;
        if (!Succ)
          continue;
        // A call that never returns does not return with anything pending.
        if (Succ == Exit && NoReturn)
          continue;
        FlowState::Tag Taken = !Decides ? FlowState::Unknown
                               : I == 0 ? FlowState::True
                                        : FlowState::False;
        if (In[Succ->getBlockID()].join(S, Taken))
          Work[Rank[Succ->getBlockID()]] = Succ;
      }
    }
    FlowState AtExit = In[Exit->getBlockID()];
    AtExit.forget();
    const llvm::BitVector &Pending = AtExit.Pending[FlowState::Unknown];
    New.CanReturn = AtExit.reached();
    New.PassesWithoutBarrier = Pending.size() > 0 && Pending.test(0);
    for (unsigned I : Pending.set_bits())
      if (I != 0)
        New.PendingAtExit.push_back(Items[I]);
    New.EarlyConflicts = std::move(Early);
  }
  bool Changed = New.CanReturn != Out.CanReturn ||
                 New.PassesWithoutBarrier != Out.PassesWithoutBarrier ||
                 New.PendingAtExit.size() != Out.PendingAtExit.size() ||
                 New.EarlyConflicts.size() != Out.EarlyConflicts.size();
  Out = std::move(New);
  return Changed;
}

BarrierFlowAnalysis::BarrierFlowAnalysis(ASTContext &Ctx,
                                         const OperationClassifier &Classifier,
                                         BarrierFlowOptions Opts)
    : Ctx(Ctx), Classifier(Classifier), Opts(Opts) {}

BarrierFlowAnalysis::~BarrierFlowAnalysis() = default;

const FunctionSummary *
BarrierFlowAnalysis::summary(const FunctionDecl *FD) const {
  if (!FD || !FD->getDefinition())
    return nullptr;
  FunctionInfo *Info = ByDecl.lookup(FD->getDefinition());
  return Info && Info->Reached ? &Info->Summary : nullptr;
}

FlowSite remoteSite(const RemoteAccess &X) {
  FlowSite F;
  F.Op.Kind = X.Kind;
  F.Op.Ordering = X.Ordering;
  F.Op.Classes = X.Classes;
  F.Op.Name = X.Name;
  F.Op.Location = X.Location;
  F.Function = nullptr;
  F.RemoteFunction = X.Function;
  F.RemoteFile = X.File;
  F.RemoteLine = X.Line;
  F.RemoteColumn = X.Column;
  return F;
}

const FunctionSummary *
BarrierFlowAnalysis::remoteSummary(const FunctionDecl *Callee) {
  if (!Opts.RemoteSummaryOf || !RemoteNeeded ||
      Opts.Dir != Direction::AfterRmw || !Callee ||
      !Callee->getIdentifier() || !Callee->isExternallyVisible())
    return nullptr;
  auto [It, New] = RemoteSummaries.try_emplace(Callee->getName());
  if (!New)
    return It->second.get();
  std::optional<RemoteSummary> Found = Opts.RemoteSummaryOf(Callee->getName());
  if (!Found)
    return nullptr;
  const RemoteSummary &R = *Found;
  auto Sum = std::make_unique<FunctionSummary>();
  Sum->CanReturn = R.CanReturn;
  Sum->PassesWithoutBarrier = R.PassesWithoutBarrier;
  auto Site = [&](const RemoteAccess &X) {
    Sites.push_back(remoteSite(X));
    return &Sites.back();
  };
  // Only its loads: an RMW it returns with is reported in its own file,
  // with the loads of its callers (lib/ReturnsAcrossFiles.h), so following
  // it here would find what this unit leaves to that one.
  for (const RemoteAccess &X : R.EarlyLoads)
    Sum->EarlyConflicts.push_back({Site(X), X.Location, {}});
  It->second = std::move(Sum);
  return It->second.get();
}

void BarrierFlowAnalysis::forEachSummary(
    llvm::function_ref<void(const FunctionDecl *, const FunctionSummary &)>
        Visit) const {
  for (const auto &F : Functions)
    if (F->Reached)
      Visit(F->FD, F->Summary);
}

const FlowSite *BarrierFlowAnalysis::siteFor(const AtomicOperation &Op,
                                             const FunctionDecl *Fn) {
  auto [It, New] = SiteByNode.try_emplace(Op.Node, nullptr);
  if (New) {
    FlowSite Site;
    Site.Op = Op;
    Site.Function = Fn;
    Sites.push_back(std::move(Site));
    It->second = &Sites.back();
  }
  return It->second;
}

bool BarrierFlowAnalysis::followsReturnOf(const FunctionDecl *Callee) const {
  return Opts.FollowOpaqueReturns && Opts.Dir == Direction::AfterRmw &&
         !Opts.OpaqueCallsAreBarriers && Callee && Callee->getIdentifier() &&
         Callee->isExternallyVisible() && !Callee->isNoReturn() &&
         !Callee->getBuiltinID();
}

const FlowSite *BarrierFlowAnalysis::opaqueReturnFor(const CallExpr *CE,
                                                     const FunctionDecl *Fn) {
  auto [It, New] = OpaqueReturnByCall.try_emplace(CE, nullptr);
  if (!New)
    return It->second;
  std::string Callee = CE->getDirectCallee()->getNameAsString();
  FlowSite Site;
  Site.IsOpaqueReturn = true;
  Site.Function = Fn;
  Site.Op.Name = Callee;
  Site.Op.Kind = Access::ReadModifyWrite;
  Site.Op.Ordering = Order::SeqCst;
  // A location no access has (not a key any location can take), so that
  // every load after the call is a finding of it.
  Site.Op.Location.Kind = MemoryLocation::Pointer;
  Site.Op.Location.Key = "\x01return of " + Callee;
  Site.Op.Location.Spelling = "what '" + Callee + "' returns with";
  const SourceManager &SM = Ctx.getSourceManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(CE->getBeginLoc()));
  Site.RemoteFunction = Fn ? Fn->getNameAsString() : "";
  if (P.isValid()) {
    Site.RemoteFile = P.getFilename();
    Site.RemoteLine = P.getLine();
    Site.RemoteColumn = P.getColumn();
  }
  Sites.push_back(std::move(Site));
  It->second = &Sites.back();
  return It->second;
}

void BarrierFlowAnalysis::addFinding(const PendingSource &S,
                                     const FlowSite *Conflict,
                                     const MemoryLocation &ConflictLoc,
                                     const CallPath &ConflictPath,
                                     const FunctionDecl *Fn) {
  if (!FindingKeys.insert({S.Source, Conflict}).second)
    return;
  Findings.push_back({S, Conflict, ConflictLoc, ConflictPath, Fn});
}

void BarrierFlowAnalysis::collectFunctions() {
  for (const FunctionDecl *FD : functionDefinitions(Ctx)) {
    auto Info = std::make_unique<FunctionInfo>();
    Info->FD = FD;
    ByDecl[FD] = Info.get();
    Functions.push_back(std::move(Info));
  }
  // What each body does, found without building its CFG: most functions
  // perform no atomic operation and call none that does. Only the roots'
  // bodies are read, and those of what they call.
  std::vector<FunctionInfo *> Work;
  // Calls of functions without a body here. Another file's function only
  // adds loads after a read-modify-write (its summary has no RMW of its
  // own to follow), so a unit that performs none asks the database nothing
  // (most units: opening it and a query per function called cost more than
  // the analysis).
  std::vector<std::pair<FunctionInfo *, const FunctionDecl *>> Opaque;
  bool AnySource = false;
  for (auto &Info : Functions)
    if (!Opts.IsRoot || Opts.IsRoot(Info->FD)) {
      Info->Reached = true;
      Work.push_back(Info.get());
    }
  while (!Work.empty()) {
    FunctionInfo *Info = Work.back();
    Work.pop_back();
    llvm::SmallVector<const Stmt *, 32> Stack{Info->FD->getBody()};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      if (std::optional<AtomicOperation> Op = Classifier.classify(S)) {
        if (Op->Kind != Access::CompilerBarrier)
          Info->HasOperation = true;
        AnySource |= Op->isSeqCstRmw();
      } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
        if (const FunctionDecl *Callee = CE->getDirectCallee();
            Callee && Callee->isNoReturn())
          Info->MayNotReturn = true;
        if (!CE->getBuiltinCallee()) {
          const FunctionDecl *Callee = CE->getDirectCallee();
          const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
          if (FunctionInfo *CI = Def ? ByDecl.lookup(Def) : nullptr) {
            if (!llvm::is_contained(Info->Callees, CI))
              Info->Callees.push_back(CI);
            if (!CI->Reached) {
              CI->Reached = true;
              Work.push_back(CI);
            }
          } else {
            Info->HasOpaqueCall = true;
            // A function of another file whose returns are followed, or
            // (below) that the database summarises.
            if (followsReturnOf(Callee))
              Info->HasOperation = true;
            else
              Opaque.push_back({Info, Callee});
          }
        }
      }
      if (isa<GotoStmt, IndirectGotoStmt>(S) || mayLoopForever(S, Ctx))
        Info->MayNotReturn = true;
      for (const Stmt *Child : S->children())
        Stack.push_back(Child);
    }
  }
  RemoteNeeded = AnySource || Opts.FollowOpaqueReturns;
  for (auto [Info, Callee] : Opaque)
    if (!Info->HasOperation && remoteSummary(Callee))
      Info->HasOperation = true;
}

void BarrierFlowAnalysis::analyseComponent(
    llvm::ArrayRef<FunctionInfo *> Component) {
  llvm::SmallPtrSet<const FunctionInfo *, 8> Members(Component.begin(),
                                                     Component.end());
  bool Trivial = true, Recursive = Component.size() > 1;
  for (FunctionInfo *F : Component) {
    if (F->HasOperation || F->MayNotReturn ||
        (F->HasOpaqueCall && Opts.OpaqueCallsAreBarriers))
      Trivial = false;
    for (FunctionInfo *C : F->Callees) {
      if (Members.count(C)) {
        Recursive = true;
        continue;
      }
      const FunctionSummary &S = C->Summary;
      if (!S.CanReturn || !S.PassesWithoutBarrier ||
          !S.EarlyConflicts.empty() || !S.PendingAtExit.empty())
        Trivial = false;
    }
  }
  // A recursive component may never return: that takes its CFG to tell.
  if (Trivial && !Recursive) {
    // No atomic operation anywhere below, and it returns: calls to it
    // change nothing.
    for (FunctionInfo *F : Component)
      F->Summary.CanReturn = F->Summary.PassesWithoutBarrier = true;
    NumSkipped += Component.size();
    return;
  }
  // Recursion: start from "no path returns" and grow to the fixpoint. The
  // summaries only grow, so this ends; the bound is a safety net.
  for (unsigned Round = 0; Round < 32; ++Round) {
    bool Changed = false;
    for (FunctionInfo *F : Component)
      Changed |= analyse(*F);
    if (!Recursive || !Changed)
      break;
  }
}

bool BarrierFlowAnalysis::analyse(FunctionInfo &F) {
  ++NumAnalysed;
  FunctionRun Run(*this, F);
  return Run.run(F.Summary);
}

void BarrierFlowAnalysis::run() {
  collectFunctions();
  // Tarjan's strongly connected components: each component is finished
  // after every component it calls, which is the order summaries need.
  std::vector<FunctionInfo *> Stack;
  int Next = 0;
  std::function<void(FunctionInfo *)> Visit = [&](FunctionInfo *F) {
    F->Index = F->Low = Next++;
    Stack.push_back(F);
    F->OnStack = true;
    for (FunctionInfo *C : F->Callees) {
      if (C->Index < 0) {
        Visit(C);
        F->Low = std::min(F->Low, C->Low);
      } else if (C->OnStack) {
        F->Low = std::min(F->Low, C->Index);
      }
    }
    if (F->Low != F->Index)
      return;
    llvm::SmallVector<FunctionInfo *, 4> Component;
    FunctionInfo *M;
    do {
      M = Stack.back();
      Stack.pop_back();
      M->OnStack = false;
      Component.push_back(M);
    } while (M != F);
    analyseComponent(Component);
  };
  for (auto &F : Functions)
    if (F->Reached && F->Index < 0)
      Visit(F.get());
}

} // namespace clang::tidy::atomics
