//===- UnitPoints.cpp - a translation unit's ordering points ---------------===//

#include "lib/UnitPoints.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::atomics {

void UnitPoints::addFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!Calls)
    Calls.emplace(Ctx, Opts, CallDepth);
  OperationClassifier Classifier(Ctx, Opts);
  for (OrderingPoint &P : collectOrderingPoints(FD, Ctx, Classifier, *Calls))
    Points.push_back(std::move(P));
  // Other files can call it: the database needs what it accesses.
  const SourceManager &SM = Ctx.getSourceManager();
  if (FD->getIdentifier() && FD->isExternallyVisible() &&
      SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
    Exported.push_back(FD);
}

std::vector<std::pair<std::string, const CallReach *>> UnitPoints::exported() {
  std::vector<std::pair<std::string, const CallReach *>> Out;
  if (!Calls || !CallDepth)
    return Out;
  for (const FunctionDecl *FD : Exported) {
    const CallReach &R = Calls->ofCall(FD);
    if (!R.Reads.empty() || !R.Writes.empty() || !R.Unresolved.empty())
      Out.push_back({FD->getName().str(), &R});
  }
  return Out;
}

void UnitPoints::resolveWith(DatabaseView &DB) {
  for (OrderingPoint &P : Points)
    DB.resolve(P);
}

void UnitPoints::clear() {
  Calls.reset();
  Points.clear();
  Exported.clear();
}

} // namespace clang::tidy::atomics
