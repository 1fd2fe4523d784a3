//===- FunctionDefinitions.cpp - the functions a unit defines -------------===//

#include "lib/FunctionDefinitions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <mutex>

namespace clang::tidy::atomics {

namespace {

/// C++'s definitions: in namespaces, classes, template instantiations,
/// and inside bodies (lambdas, local classes).
class DefinitionFinder : public RecursiveASTVisitor<DefinitionFinder> {
public:
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
};

} // namespace

bool traversesWholeUnit(const ASTContext &Ctx) {
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  return Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front());
}

std::vector<const Decl *> topLevelDeclarations(ASTContext &Ctx) {
  if (traversesWholeUnit(Ctx)) {
    const TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
    return std::vector<const Decl *>(TU->decls_begin(), TU->decls_end());
  }
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  return std::vector<const Decl *>(Scope.begin(), Scope.end());
}

static std::vector<const FunctionDecl *> findDefinitions(ASTContext &Ctx) {
  if (!Ctx.getLangOpts().CPlusPlus) {
    // In C every definition is a declaration of the translation unit
    // itself: no namespace, class, template or lambda holds one.
    std::vector<const FunctionDecl *> Found;
    for (const Decl *D : topLevelDeclarations(Ctx))
      if (const auto *FD = dyn_cast<FunctionDecl>(D);
          FD && FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl())
        Found.push_back(FD);
    return Found;
  }
  DefinitionFinder Finder;
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(Finder.Found);
}

namespace {

/// The lists found, by unit: the checks of one clang-tidy run share them.
/// An entry goes with its ASTContext (clangd builds units on several
/// threads, hence the lock).
struct DefinitionsCache {
  std::mutex Lock;
  llvm::DenseMap<const ASTContext *,
                 std::unique_ptr<std::vector<const FunctionDecl *>>>
      ByUnit;
};

DefinitionsCache &cache() {
  static DefinitionsCache C;
  return C;
}

void forgetUnit(void *Ctx) {
  DefinitionsCache &C = cache();
  std::lock_guard<std::mutex> Guard(C.Lock);
  C.ByUnit.erase(static_cast<const ASTContext *>(Ctx));
}

} // namespace

const std::vector<const FunctionDecl *> &functionDefinitions(ASTContext &Ctx) {
  DefinitionsCache &C = cache();
  std::lock_guard<std::mutex> Guard(C.Lock);
  auto [It, New] = C.ByUnit.try_emplace(&Ctx, nullptr);
  if (New) {
    It->second = std::make_unique<std::vector<const FunctionDecl *>>(
        findDefinitions(Ctx));
    Ctx.AddDeallocation(forgetUnit, &Ctx);
  }
  return *It->second;
}

} // namespace clang::tidy::atomics
