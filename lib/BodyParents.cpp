//===- BodyParents.cpp - parents of statements, one body at a time --------===//

#include "lib/BodyParents.h"

namespace clang::tidy::atomics {

const Stmt *BodyParents::parent(const FunctionDecl &F, const Stmt &S) {
  Stmt *Body = F.getBody();
  if (!Body)
    return nullptr;
  std::unique_ptr<ParentMap> &Map = Maps[Body];
  if (!Map)
    Map = std::make_unique<ParentMap>(Body);
  return Map->getParent(&S);
}

} // namespace clang::tidy::atomics
