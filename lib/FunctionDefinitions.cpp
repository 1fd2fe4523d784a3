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

namespace {

/// Calls \p Visit on each declaration at the top of the unit that the
/// checks look at: every one in clang-tidy; in clangd, which keeps the
/// headers' in its preamble and limits the traversal to the main file's
/// (ASTContext's traversal scope), those only: reading every declaration of
/// the preamble would load all of it from disk, a cost of 50 to 150% of a
/// QEMU file's build.
///
/// The unit's list is linked, one declaration to the next, and a QEMU unit
/// holds tens of thousands, most of them out of the cache: each step waits
/// for memory. That is why it is read once, here, and not copied first.
template <typename Fn> void forEachTopLevelDeclaration(ASTContext &Ctx, Fn Visit) {
  if (traversesWholeUnit(Ctx)) {
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      Visit(D);
    return;
  }
  for (const Decl *D : Ctx.getTraversalScope())
    Visit(D);
}

/// What functionDefinitions() and topLevelFunctions() return.
struct UnitFunctions {
  std::vector<const FunctionDecl *> Definitions, TopLevel;
};

UnitFunctions findFunctions(ASTContext &Ctx) {
  UnitFunctions F;
  // One read of the list (thousands of declarations from the headers):
  // the declarations, and in C every definition, since no namespace,
  // class, template or lambda holds one there.
  bool C = !Ctx.getLangOpts().CPlusPlus;
  auto Add = [&](const Decl *D, auto &Self) -> void {
    if (const auto *Block = dyn_cast<LinkageSpecDecl>(D)) {
      for (const Decl *Inner : Block->decls())
        Self(Inner, Self);
    } else if (const auto *Block = dyn_cast<ExportDecl>(D)) {
      for (const Decl *Inner : Block->decls())
        Self(Inner, Self);
    } else if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      F.TopLevel.push_back(FD);
      if (C && FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl())
        F.Definitions.push_back(FD);
    }
  };
  forEachTopLevelDeclaration(Ctx, [&](const Decl *D) { Add(D, Add); });
  if (!C) {
    DefinitionFinder Finder;
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
    F.Definitions = std::move(Finder.Found);
  }
  return F;
}

/// The lists found, by unit: the checks of one clang-tidy run share them.
/// An entry goes with its ASTContext (clangd builds units on several
/// threads, hence the lock).
struct FunctionsCache {
  std::mutex Lock;
  llvm::DenseMap<const ASTContext *, std::unique_ptr<UnitFunctions>> ByUnit;
};

FunctionsCache &cache() {
  static FunctionsCache C;
  return C;
}

void forgetUnit(void *Ctx) {
  FunctionsCache &C = cache();
  std::lock_guard<std::mutex> Guard(C.Lock);
  C.ByUnit.erase(static_cast<const ASTContext *>(Ctx));
}

const UnitFunctions &unitFunctions(ASTContext &Ctx) {
  FunctionsCache &C = cache();
  std::lock_guard<std::mutex> Guard(C.Lock);
  auto [It, New] = C.ByUnit.try_emplace(&Ctx, nullptr);
  if (New) {
    It->second = std::make_unique<UnitFunctions>(findFunctions(Ctx));
    Ctx.AddDeallocation(forgetUnit, &Ctx);
  }
  return *It->second;
}

} // namespace

const std::vector<const FunctionDecl *> &functionDefinitions(ASTContext &Ctx) {
  return unitFunctions(Ctx).Definitions;
}

const std::vector<const FunctionDecl *> &topLevelFunctions(ASTContext &Ctx) {
  return unitFunctions(Ctx).TopLevel;
}

} // namespace clang::tidy::atomics
