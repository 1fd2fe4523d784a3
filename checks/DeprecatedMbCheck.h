//===- DeprecatedMbCheck.h - atomics-deprecated-mb --------------*- C++ -*-===//
//
// Flags atomic_mb_read/atomic_mb_set and their qatomic_ names (and names
// configured in ExtraNames), as macros or as functions. They do not take part
// in the total order of sequentially consistent operations; QEMU deprecated
// them in 2020. The fix-it follows QEMU's migration, in the naming generation
// the code uses, and only where the replacement is defined at that point.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_CHECKS_DEPRECATEDMBCHECK_H
#define ATOMICS_TIDY_CHECKS_DEPRECATEDMBCHECK_H

#include "lib/NameList.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <vector>

namespace clang::tidy::atomics {

class DeprecatedMbCheck : public ClangTidyCheck {
public:
  DeprecatedMbCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// A name this check flags, and what to write instead.
  struct DeprecatedName {
    std::string Name;
    std::string Replacement; ///< Empty: no replacement known.
    std::string Meaning;     ///< What the replacement does, for notes.
  };

  /// One use found while preprocessing or in the AST.
  struct Use {
    const DeprecatedName *What;
    SourceLocation NameLoc;  ///< The name token (may be in a macro).
    SourceRange CallRange;   ///< Name to ')' (invalid for a bare reference).
    unsigned NumArgs;
    bool IsCall;
    bool IsMacro;            ///< Invoked as a macro (else: a function).
  };

private:
  void recordUse(const Use &U) { Uses.push_back(U); }
  void report(const Use &U);
  bool replacementAvailable(const Use &U, SourceLocation At, bool &IsDoWhile);

  struct ReplacementFunction {
    SourceLocation Loc; ///< First declaration.
    unsigned NumParams;
    bool Variadic;
    bool HasPrototype;
  };

  const std::string RawExtraNames;
  llvm::StringMap<DeprecatedName> Names;
  llvm::StringSet<> ReplacementNames;
  llvm::StringMap<ReplacementFunction> ReplacementFunctions;
  // Expansion sites already reported: a deprecated name used inside another
  // one (a wrapper defined with it) is reported once, as the outer name.
  llvm::DenseSet<unsigned> Reported;
  std::vector<Use> Uses;
  const SourceManager *SM = nullptr;
  Preprocessor *PP = nullptr;

  friend class DeprecatedMbPPCallbacks;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_DEPRECATEDMBCHECK_H
