//===- OrderingFacts.cpp - what each ordering operation orders ------------===//

#include "lib/OrderingFacts.h"
#include "lib/CallAccesses.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"

namespace clang::tidy::atomics {

std::string OrderingPoint::what() const {
  if (!isFence())
    return Op.describe();
  if (isFullBarrier())
    return "full barrier";
  return (Roles & AcquireRole) ? "acquire barrier" : "release barrier";
}

const LocationSet &OrderingPoint::flagWritten(LocationSet &Scratch) const {
  if (isFence())
    return WrittenAfter;
  Scratch.clear();
  if (Own)
    Scratch.emplace(Own->Key, *Own);
  return Scratch;
}

const LocationSet &OrderingPoint::flagRead(LocationSet &Scratch) const {
  if (isFence())
    return ReadBefore;
  Scratch.clear();
  if (Own)
    Scratch.emplace(Own->Key, *Own);
  return Scratch;
}

LocationSet OrderingPoint::ordered() const {
  LocationSet All;
  if (Own)
    All.emplace(Own->Key, *Own);
  for (const LocationSet *S :
       {&WrittenBefore, &ReadBefore, &WrittenAfter, &ReadAfter})
    All.insert(S->begin(), S->end());
  return All;
}

std::pair<unsigned, bool> pairRoles(const AtomicOperation &Op) {
  if (Op.Plain || !Op.OrderKnown || Op.is(CompilerOnly))
    return {0, false};
  bool Deprecated = Op.is(atomics::Deprecated);
  unsigned Roles = 0;
  if (Op.is(FullBarrier))
    Roles = AcquireRole | ReleaseRole;
  if (Op.is(AcquireOp))
    Roles |= AcquireRole;
  if (Op.is(ReleaseOp))
    Roles |= ReleaseRole;
  // Seq-cst accesses have acquire (loads) and release (stores) semantics:
  // partners, though not what the check reports.
  bool SeqCst = Op.Ordering == Order::SeqCst || Op.Ordering == Order::AcqRel;
  if (SeqCst && (Op.Kind == Access::Load || Op.Kind == Access::ReadModifyWrite))
    Roles |= AcquireRole;
  if (SeqCst &&
      (Op.Kind == Access::Store || Op.Kind == Access::ReadModifyWrite))
    Roles |= ReleaseRole;
  bool Reportable =
      !Deprecated && Roles != 0 &&
      ((Op.Kind == Access::Fence) ||
       (Op.Kind == Access::Load && Op.is(AcquireOp)) ||
       (Op.Kind == Access::Store && Op.is(ReleaseOp)));
  return {Roles, Reportable};
}

namespace {

/// One access, ordering operation or call, in CFG order.
struct Event {
  std::optional<AtomicOperation> Op; ///< None for a call.
  std::optional<SharedLocation> Location;
  bool Reads = false, Writes = false;
  const CallReach *Call = nullptr; ///< What a call can access.
};

} // namespace

std::vector<OrderingPoint>
collectOrderingPoints(const FunctionDecl *FD, ASTContext &Ctx,
                      const OperationClassifier &Plain,
                      CallAccesses &Calls) {
  std::vector<OrderingPoint> Points;
  if (!FD->hasBody())
    return Points;
  // Most functions have no ordering operation: find out without a CFG.
  bool HasPoint = false;
  llvm::SmallVector<const Stmt *, 32> Stack{FD->getBody()};
  while (!Stack.empty() && !HasPoint) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (std::optional<AtomicOperation> Op = Plain.classify(S))
      HasPoint = pairRoles(*Op).first != 0;
    llvm::append_range(Stack, S->children());
  }
  if (!HasPoint)
    return Points;
  const SourceManager &SM = Ctx.getSourceManager();
  CFG::BuildOptions BO;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &Ctx, BO);
  if (!G)
    return Points;

  // The events of each block, in order; each expansion of a
  // name-classified operation once.
  unsigned N = G->getNumBlockIDs();
  std::vector<std::vector<Event>> Events(N);
  bool Any = false;
  for (const CFGBlock *B : *G) {
    SourceLocation LastSite;
    for (const CFGElement &E : *B) {
      std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      if (const FunctionDecl *Callee =
              Calls.depth() ? followedCallee(CS->getStmt(), Plain) : nullptr) {
        Event Ev;
        Ev.Call = &Calls.ofCall(Callee);
        Events[B->getBlockID()].push_back(std::move(Ev));
        continue;
      }
      std::optional<AtomicOperation> Op = Plain.classify(CS->getStmt());
      if (!Op)
        continue;
      if (Op->Site.isValid()) {
        if (Op->Site == LastSite)
          continue;
        LastSite = Op->Site;
      }
      Event Ev;
      Ev.Location = sharedLocation(*Op, SM);
      Ev.Reads = Op->Kind == Access::Load ||
                 Op->Kind == Access::ReadModifyWrite;
      Ev.Writes = Op->Kind == Access::Store ||
                  Op->Kind == Access::ReadModifyWrite;
      Any |= pairRoles(*Op).first != 0;
      Ev.Op = std::move(Op);
      Events[B->getBlockID()].push_back(std::move(Ev));
    }
  }
  if (!Any)
    return Points;

  // Which blocks each block reaches through one edge or more.
  std::vector<llvm::BitVector> Reach(N, llvm::BitVector(N));
  for (const CFGBlock *B : *G) {
    llvm::BitVector &R = Reach[B->getBlockID()];
    std::vector<const CFGBlock *> Stack;
    for (const CFGBlock *S : B->succs())
      if (S && !R.test(S->getBlockID())) {
        R.set(S->getBlockID());
        Stack.push_back(S);
      }
    while (!Stack.empty()) {
      const CFGBlock *X = Stack.back();
      Stack.pop_back();
      for (const CFGBlock *S : X->succs())
        if (S && !R.test(S->getBlockID())) {
          R.set(S->getBlockID());
          Stack.push_back(S);
        }
    }
  }

  auto Add = [](const Event &Ev, LocationSet &Written, LocationSet &Read,
                std::map<std::string, unsigned> &Unresolved) {
    if (const CallReach *C = Ev.Call) {
      Written.insert(C->Writes.begin(), C->Writes.end());
      Read.insert(C->Reads.begin(), C->Reads.end());
      for (const auto &[Name, Levels] : C->Unresolved) {
        unsigned &U = Unresolved[Name];
        U = std::max(U, Levels);
      }
      return;
    }
    if (!Ev.Location)
      return;
    if (Ev.Writes)
      Written.emplace(Ev.Location->Key, *Ev.Location);
    if (Ev.Reads)
      Read.emplace(Ev.Location->Key, *Ev.Location);
  };
  for (unsigned B = 0; B < N; ++B) {
    for (unsigned I = 0; I < Events[B].size(); ++I) {
      const Event &Ev = Events[B][I];
      if (!Ev.Op)
        continue;
      auto [Roles, Reportable] = pairRoles(*Ev.Op);
      if (!Roles)
        continue;
      OrderingPoint P;
      P.Op = *Ev.Op;
      P.Function = FD;
      P.FunctionName = FD->getNameAsString();
      SourceLocation Loc = SM.getFileLoc(
          Ev.Op->Site.isValid() ? Ev.Op->Site : Ev.Op->Node->getBeginLoc());
      PresumedLoc PL = SM.getPresumedLoc(Loc);
      if (PL.isValid()) {
        P.File = PL.getFilename();
        P.Line = PL.getLine();
        P.Column = PL.getColumn();
      }
      P.Roles = Roles;
      P.Reportable = Reportable;
      if (Ev.Op->Kind != Access::Fence)
        P.Own = Ev.Location;
      for (unsigned J = 0; J < I; ++J)
        Add(Events[B][J], P.WrittenBefore, P.ReadBefore, P.CallsBefore);
      for (unsigned J = I + 1; J < Events[B].size(); ++J)
        Add(Events[B][J], P.WrittenAfter, P.ReadAfter, P.CallsAfter);
      for (unsigned X = 0; X < N; ++X) {
        if (Reach[B].test(X))
          for (const Event &O : Events[X])
            if (&O != &Ev)
              Add(O, P.WrittenAfter, P.ReadAfter, P.CallsAfter);
        if (Reach[X].test(B))
          for (const Event &O : Events[X])
            if (&O != &Ev)
              Add(O, P.WrittenBefore, P.ReadBefore, P.CallsBefore);
      }
      Points.push_back(std::move(P));
    }
  }
  return Points;
}

} // namespace clang::tidy::atomics
