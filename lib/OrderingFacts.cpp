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

namespace {
/// Which access's place an entry keeps: an atomic one over a plain one,
/// a load over a read-modify-write's read.
unsigned placeRank(unsigned char How) {
  if (How & (AtomicLoad | AtomicWrite))
    return 2;
  return (How & (PlainLoad | PlainWrite)) ? 1 : 0;
}
} // namespace

void addAccess(LocationSet &S, const SharedLocation &L) {
  auto [It, New] = S.try_emplace(L.Key, L);
  if (New)
    return;
  SharedLocation &Old = It->second;
  if (placeRank(L.How) > placeRank(Old.How)) {
    Old.Loc = L.Loc;
    Old.At = L.At;
  }
  Old.How |= L.How;
}

void addAccesses(LocationSet &S, const LocationSet &From) {
  for (const auto &[Key, L] : From)
    addAccess(S, L);
}

unsigned char accessHow(const AtomicOperation &Op, bool Reading) {
  bool Rmw = Op.Kind == Access::ReadModifyWrite;
  if (Reading)
    return Rmw ? RmwAccess : Op.Plain ? PlainLoad : AtomicLoad;
  unsigned char How = Op.Plain ? PlainWrite : AtomicWrite;
  return Rmw ? How | RmwAccess : How;
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
  /// The location as read and as written, with how (AccessHow).
  std::optional<SharedLocation> Read, Written;
  const CallReach *Call = nullptr; ///< What a call can access.
};

/// What an event contributes to the sets of the points around it.
struct Item {
  enum KindType { Written, ReadFrom, Called } Kind;
  const SharedLocation *Location; ///< Written, ReadFrom.
  const CallReach *Call;          ///< Called.
};

/// The strongly connected components of a graph, successors first (an edge
/// leaves a component only for one listed before it).
struct BlockComponents {
  std::vector<unsigned> Comp;                 ///< Per block.
  std::vector<std::vector<unsigned>> Members; ///< Per component.
  std::vector<bool> Cyclic; ///< More than one block, or a self-loop.
};

/// Tarjan's algorithm, without recursion (a function can have thousands of
/// blocks in a chain).
BlockComponents blockComponents(const std::vector<std::vector<unsigned>> &Succ) {
  unsigned N = Succ.size();
  BlockComponents C;
  C.Comp.assign(N, 0);
  std::vector<int> Index(N, -1), Low(N, 0);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  std::vector<std::pair<unsigned, size_t>> Frames; // Block, next successor.
  int Counter = 0;
  auto Enter = [&](unsigned V) {
    Index[V] = Low[V] = Counter++;
    Stack.push_back(V);
    OnStack[V] = true;
    Frames.push_back({V, 0});
  };
  for (unsigned Root = 0; Root < N; ++Root) {
    if (Index[Root] >= 0)
      continue;
    Enter(Root);
    while (!Frames.empty()) {
      auto &[V, Next] = Frames.back();
      if (Next < Succ[V].size()) {
        unsigned W = Succ[V][Next++];
        if (Index[W] < 0)
          Enter(W); // Invalidates V and Next: the loop reads them again.
        else if (OnStack[W])
          Low[V] = std::min(Low[V], Index[W]);
        continue;
      }
      unsigned Done = V;
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().first] =
            std::min(Low[Frames.back().first], Low[Done]);
      if (Low[Done] != Index[Done])
        continue;
      unsigned K = C.Members.size();
      std::vector<unsigned> &Ms = C.Members.emplace_back();
      unsigned W;
      do {
        W = Stack.back();
        Stack.pop_back();
        OnStack[W] = false;
        C.Comp[W] = K;
        Ms.push_back(W);
      } while (W != Done);
      bool SelfLoop = llvm::is_contained(Succ[Done], Done);
      C.Cyclic.push_back(Ms.size() > 1 || SelfLoop);
    }
  }
  return C;
}

} // namespace

bool hasOrderingPoint(const FunctionDecl *FD, const OperationClassifier &C,
                      bool ReportableOnly) {
  llvm::SmallVector<const Stmt *, 32> Stack{FD->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (std::optional<AtomicOperation> Op = C.classify(S)) {
      auto [Roles, Reportable] = pairRoles(*Op);
      if (ReportableOnly ? Reportable : Roles != 0)
        return true;
    }
    llvm::append_range(Stack, S->children());
  }
  return false;
}

std::vector<OrderingPoint>
collectOrderingPoints(const FunctionDecl *FD, ASTContext &Ctx,
                      const OperationClassifier &Plain,
                      CallAccesses &Calls) {
  std::vector<OrderingPoint> Points;
  // Most functions have no ordering operation: find out without a CFG.
  if (!FD->hasBody() || !hasOrderingPoint(FD, Plain, /*ReportableOnly=*/false))
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
      if (Ev.Location) {
        if (Op->Kind == Access::Load || Op->Kind == Access::ReadModifyWrite) {
          Ev.Read = Ev.Location;
          Ev.Read->How = accessHow(*Op, /*Reading=*/true);
          if (Ev.Read->How & (AtomicLoad | PlainLoad))
            Ev.Read->How |= LoadInFunction;
        }
        if (Op->Kind == Access::Store || Op->Kind == Access::ReadModifyWrite) {
          Ev.Written = Ev.Location;
          Ev.Written->How = accessHow(*Op, /*Reading=*/false) | WriteInFunction;
        }
      }
      Any |= pairRoles(*Op).first != 0;
      Ev.Op = std::move(Op);
      Events[B->getBlockID()].push_back(std::move(Ev));
    }
  }
  if (!Any)
    return Points;

  // What is before and after each event, as sets of items (a location
  // written, a location read, a call): bit vectors, so that the cost grows
  // with the blocks and edges, not with their product.
  std::vector<Item> Items;
  std::vector<std::vector<std::vector<unsigned>>> EventItems(N);
  {
    // One item per location, way of accessing it and block. Its place
    // (what notes show) is, in the block, the first write or the last
    // read: an item before a point in its block is written before it
    // there, one after it read after it there.
    std::map<std::tuple<unsigned, std::string, unsigned char, unsigned>,
             unsigned>
        LocationIndex;
    std::map<const CallReach *, unsigned> CallIndex;
    auto Intern = [&](Item::KindType K, const SharedLocation &L, unsigned B) {
      auto [It, New] = LocationIndex.try_emplace(
          {unsigned(K), L.Key, L.How, B}, unsigned(Items.size()));
      if (New)
        Items.push_back({K, &L, nullptr});
      else if (K == Item::ReadFrom)
        Items[It->second].Location = &L;
      return It->second;
    };
    for (unsigned B = 0; B < N; ++B)
      for (const Event &Ev : Events[B]) {
        std::vector<unsigned> &Mine = EventItems[B].emplace_back();
        if (Ev.Call) {
          auto [It, New] = CallIndex.try_emplace(Ev.Call, unsigned(Items.size()));
          if (New)
            Items.push_back({Item::Called, nullptr, Ev.Call});
          Mine.push_back(It->second);
        } else {
          if (Ev.Written)
            Mine.push_back(Intern(Item::Written, *Ev.Written, B));
          if (Ev.Read)
            Mine.push_back(Intern(Item::ReadFrom, *Ev.Read, B));
        }
      }
  }
  const unsigned U = Items.size();
  std::vector<llvm::BitVector> BlockItems(N, llvm::BitVector(U));
  for (unsigned B = 0; B < N; ++B)
    for (const std::vector<unsigned> &E : EventItems[B])
      for (unsigned X : E)
        BlockItems[B].set(X);

  std::vector<std::vector<unsigned>> Succ(N), Pred(N);
  for (const CFGBlock *B : *G)
    for (const CFGBlock *S : B->succs())
      if (S) {
        Succ[B->getBlockID()].push_back(S->getBlockID());
        Pred[S->getBlockID()].push_back(B->getBlockID());
      }
  BlockComponents C = blockComponents(Succ);

  // For each component, the items of the blocks outside it that come after
  // it (Out) and before it (In), through one edge or more. Components come
  // out successors first: Out is filled in that order, In in the other.
  unsigned NC = C.Members.size();
  auto Side = [&](const std::vector<std::vector<unsigned>> &Edges,
                  bool SuccessorsFirst) {
    std::vector<llvm::BitVector> Near(NC, llvm::BitVector(U));
    // Near, and in a cycle the component's own blocks: all that is on
    // that side of each of its blocks.
    std::vector<llvm::BitVector> All(NC);
    for (unsigned I = 0; I < NC; ++I) {
      unsigned K = SuccessorsFirst ? I : NC - 1 - I;
      for (unsigned M : C.Members[K])
        for (unsigned X : Edges[M])
          if (C.Comp[X] != K) {
            Near[K] |= BlockItems[X];
            Near[K] |= All[C.Comp[X]];
          }
      All[K] = Near[K];
      if (C.Cyclic[K])
        for (unsigned M : C.Members[K])
          All[K] |= BlockItems[M];
    }
    return Near;
  };
  std::vector<llvm::BitVector> Out = Side(Succ, true), In = Side(Pred, false);
  // In a cycle, the other blocks of the component are before and after.
  std::vector<llvm::BitVector> Others(N);
  for (unsigned K = 0; K < NC; ++K) {
    if (!C.Cyclic[K])
      continue;
    const std::vector<unsigned> &Ms = C.Members[K];
    llvm::BitVector Prefix(U);
    std::vector<llvm::BitVector> Suffix(Ms.size() + 1, llvm::BitVector(U));
    for (size_t I = Ms.size(); I-- > 0;) {
      Suffix[I] = Suffix[I + 1];
      Suffix[I] |= BlockItems[Ms[I]];
    }
    for (size_t I = 0; I < Ms.size(); ++I) {
      Others[Ms[I]] = Prefix;
      Others[Ms[I]] |= Suffix[I + 1];
      Prefix |= BlockItems[Ms[I]];
    }
  }

  auto Expand = [&](const llvm::BitVector &V, LocationSet &Written,
                    LocationSet &Read,
                    std::map<std::string, unsigned> &Unresolved) {
    for (unsigned X : V.set_bits()) {
      const Item &It = Items[X];
      if (It.Kind == Item::Written)
        addAccess(Written, *It.Location);
      else if (It.Kind == Item::ReadFrom)
        addAccess(Read, *It.Location);
      else {
        addAccesses(Written, It.Call->Writes);
        addAccesses(Read, It.Call->Reads);
        for (const auto &[Name, Levels] : It.Call->Unresolved) {
          unsigned &L = Unresolved[Name];
          L = std::max(L, Levels);
        }
      }
    }
  };
  auto pointAt = [&](const Event &Ev, unsigned Roles, bool Reportable,
                     unsigned B, unsigned I, const llvm::BitVector &Prefix,
                     const std::vector<llvm::BitVector> &Suffix) {
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
    llvm::BitVector Before = Prefix, After = Suffix[I + 1];
    unsigned K = C.Comp[B];
    Before |= In[K];
    After |= Out[K];
    if (C.Cyclic[K]) {
      // Round the loop: the rest of this block, and the other blocks of
      // the cycle, are on both sides.
      llvm::BitVector Rest = Prefix;
      Rest |= Suffix[I + 1];
      Rest |= Others[B];
      Before |= Rest;
      After |= Rest;
    }
    Expand(Before, P.WrittenBefore, P.ReadBefore, P.CallsBefore);
    Expand(After, P.WrittenAfter, P.ReadAfter, P.CallsAfter);
    return P;
  };
  for (unsigned B = 0; B < N; ++B) {
    const std::vector<Event> &Es = Events[B];
    // The items of the block's events after each one.
    std::vector<llvm::BitVector> Suffix(Es.size() + 1, llvm::BitVector(U));
    for (size_t I = Es.size(); I-- > 0;) {
      Suffix[I] = Suffix[I + 1];
      for (unsigned X : EventItems[B][I])
        Suffix[I].set(X);
    }
    llvm::BitVector Prefix(U);
    for (unsigned I = 0; I < Es.size(); ++I) {
      const Event &Ev = Es[I];
      auto [Roles, Reportable] =
          Ev.Op ? pairRoles(*Ev.Op) : std::pair<unsigned, bool>{0, false};
      if (Roles)
        Points.push_back(pointAt(Ev, Roles, Reportable, B, I, Prefix, Suffix));
      for (unsigned X : EventItems[B][I])
        Prefix.set(X);
    }
  }
  return Points;
}

} // namespace clang::tidy::atomics
