//===- BodyParents.h - parents of statements, one body at a time -*- C++ -*-===//
//
// ASTContext::getParents answers for any node, but its first call maps the
// whole translation unit: every declaration of every header. On QEMU's
// units that took four fifths of atomics-missing-rmw-barrier's time, spent
// to place one fix-it. The checks only climb from an operation to the
// statement that holds it, inside the function they found it in: this maps
// that function's body alone, once.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_BODYPARENTS_H
#define ATOMICS_TIDY_LIB_BODYPARENTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::atomics {

class BodyParents {
public:
  /// The statement directly holding \p S in the body of \p F (an
  /// initializer's is its declaration statement); null for the body itself
  /// and for a statement outside it.
  const Stmt *parent(const FunctionDecl &F, const Stmt &S);

  /// Forgets every map (their translation unit is about to go).
  void clear() { Maps.clear(); }

private:
  llvm::DenseMap<const Stmt *, std::unique_ptr<ParentMap>> Maps;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_BODYPARENTS_H
