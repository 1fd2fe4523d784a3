//===- CallAccesses.cpp - what a call can access, through its callees -----===//

#include "lib/CallAccesses.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

namespace clang::tidy::atomics {

namespace {

/// Calls \p Visit(Node, Left, Work) once for each node reached from
/// \p Work, and again only when a path leaves it more levels than before:
/// a node reached again with fewer levels adds nothing.
template <typename Node, typename LevelMap, typename VisitFn>
void walkByLevels(std::deque<std::pair<Node, unsigned>> Work,
                  LevelMap &Levels, VisitFn Visit) {
  while (!Work.empty()) {
    auto [N, Left] = Work.front();
    Work.pop_front();
    unsigned &Best = Levels[N];
    if (Best >= Left)
      continue;
    Best = Left;
    Visit(N, Left, Work);
  }
}

} // namespace

std::optional<SharedLocation> sharedLocation(const AtomicOperation &Op,
                                             const SourceManager &SM) {
  const MemoryLocation &L = Op.Location;
  if (!L.Decl ||
      (L.Kind != MemoryLocation::Global && L.Kind != MemoryLocation::Field))
    return std::nullopt;
  SharedLocation S;
  S.Key = L.Key;
  S.Spelling = L.Spelling;
  S.Loc = Op.Site.isValid() ? Op.Site : Op.Node->getBeginLoc();
  if (const auto *VD = dyn_cast<VarDecl>(L.Decl))
    S.Local = !VD->isExternallyVisible();
  else if (const auto *FD = dyn_cast<FieldDecl>(L.Decl))
    // Other files cannot name the fields of a struct defined in this one.
    S.Local =
        SM.isInMainFile(SM.getExpansionLoc(FD->getParent()->getLocation()));
  return S;
}

const FunctionDecl *followedCallee(const Stmt *S,
                                   const OperationClassifier &Classifier) {
  const auto *CE = dyn_cast<CallExpr>(S);
  if (!CE)
    return nullptr;
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->getIdentifier() || FD->getBuiltinID() ||
      Classifier.isNamedOperation(FD))
    return nullptr;
  return FD->getCanonicalDecl();
}

const CallAccesses::Body &CallAccesses::body(const FunctionDecl *Canonical) {
  auto [It, New] = Bodies.try_emplace(Canonical);
  if (!New)
    return It->second;
  Body B;
  const FunctionDecl *Def = Canonical->getDefinition();
  if (Def && Def->hasBody()) {
    const SourceManager &SM = Ctx.getSourceManager();
    llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
    llvm::SmallVector<const Stmt *, 64> Stack{Def->getBody()};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      llvm::append_range(Stack, S->children());
      if (const FunctionDecl *Callee = followedCallee(S, Classifier)) {
        if (Seen.insert(Callee).second)
          B.Callees.push_back(Callee);
        continue;
      }
      std::optional<AtomicOperation> Op = Classifier.classify(S);
      if (!Op)
        continue;
      std::optional<SharedLocation> L = sharedLocation(*Op, SM);
      if (!L)
        continue;
      if (Op->Kind == Access::Load || Op->Kind == Access::ReadModifyWrite) {
        L->How = accessHow(*Op, /*Reading=*/true);
        addAccess(B.Reads, *L);
      }
      if (Op->Kind == Access::Store || Op->Kind == Access::ReadModifyWrite) {
        L->How = accessHow(*Op, /*Reading=*/false);
        addAccess(B.Writes, *L);
      }
    }
  }
  It->second = std::move(B);
  return It->second;
}

const CallReach &CallAccesses::ofCall(const FunctionDecl *Callee) {
  Callee = Callee->getCanonicalDecl();
  if (auto It = Reaches.find(Callee); It != Reaches.end())
    return It->second;
  CallReach R;
  llvm::DenseMap<const FunctionDecl *, unsigned> Levels;
  std::deque<std::pair<const FunctionDecl *, unsigned>> Start;
  if (Depth > 0)
    Start.push_back({Callee, Depth});
  walkByLevels(Start, Levels, [&](const FunctionDecl *FD, unsigned Left,
                                  auto &Work) {
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def || !Def->hasBody()) {
      unsigned &U = R.Unresolved[FD->getName().str()];
      U = std::max(U, Left);
      return;
    }
    const Body &B = body(FD);
    addAccesses(R.Reads, B.Reads);
    addAccesses(R.Writes, B.Writes);
    if (Left > 1)
      for (const FunctionDecl *Next : B.Callees)
        Work.push_back({Next, Left - 1});
  });
  return Reaches.try_emplace(Callee, std::move(R)).first->second;
}

void addRemoteReach(
    const UnresolvedCalls &Calls,
    llvm::function_ref<const CallReach *(llvm::StringRef)> ReachOf,
    LocationSet &Reads, LocationSet &Writes) {
  llvm::StringMap<unsigned> Levels;
  std::deque<std::pair<std::string, unsigned>> Start(Calls.begin(),
                                                     Calls.end());
  walkByLevels(Start, Levels, [&](const std::string &Name, unsigned Left,
                                  auto &Work) {
    const CallReach *Reach = ReachOf(Name);
    if (!Reach)
      return;
    // What a call of it reaches in its own file, and beyond that file the
    // calls it makes, with fewer levels left.
    const CallReach &R = *Reach;
    addAccesses(Reads, R.Reads);
    addAccesses(Writes, R.Writes);
    if (Left > 1)
      for (const auto &[Next, NextLevels] : R.Unresolved)
        Work.push_back({Next, std::min(NextLevels, Left - 1)});
  });
}

} // namespace clang::tidy::atomics
