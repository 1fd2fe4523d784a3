//===- FunctionDefinitions.cpp - the functions a unit defines -------------===//

#include "lib/FunctionDefinitions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::atomics {

namespace {

class DefinitionFinder : public RecursiveASTVisitor<DefinitionFinder> {
  using Base = RecursiveASTVisitor<DefinitionFinder>;

public:
  explicit DefinitionFinder(bool EnterStatements)
      : EnterStatements(EnterStatements) {}

  std::vector<const FunctionDecl *> Found;

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isInvalidDecl())
      Found.push_back(FD);
    return true;
  }

  // No type holds a function body; walking the parameters of every
  // prototype was most of the cost. (LLVM 22 adds a parameter.)
  template <typename... Rest> bool TraverseTypeLoc(TypeLoc, Rest...) {
    return true;
  }

  // C has no nested functions (clang does not take GNU C's), and a
  // statement holds no definition; in C++ a lambda or a local class does.
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    return !EnterStatements || Base::TraverseStmt(S, Queue);
  }

private:
  const bool EnterStatements;
};

} // namespace

std::vector<const FunctionDecl *> functionDefinitions(ASTContext &Ctx) {
  DefinitionFinder Finder(Ctx.getLangOpts().CPlusPlus);
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(Finder.Found);
}

} // namespace clang::tidy::atomics
