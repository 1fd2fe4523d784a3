//===- PairingCommentCheck.h - atomics-pairing-comment ----------*- C++ -*-===//
//
// QEMU documents barrier pairs in comments: "Pairs with smp_wmb() in
// aio_notify()", "Paired with smp_mb in AIO_WAIT_WHILE". This check reads
// the comments next to each ordering operation and verifies them: the
// function or macro named exists, and holds an operation of the opposite
// kind. A comment that no longer holds is stale, and reported at the
// comment with the reason. A mention of a partner outside the program ("in
// the guest", ExternalPartnerKeywords) names no code to verify.
//
// A name the translation unit does not define is looked up in the
// whole-program database (option Database); without one, such a comment is
// left alone (the function may be in another file).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_CHECKS_PAIRINGCOMMENTCHECK_H
#define ATOMICS_TIDY_CHECKS_PAIRINGCOMMENTCHECK_H

#include "lib/DatabaseView.h"
#include "lib/OrderingFacts.h"
#include "lib/UnitPoints.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"
#include <deque>
#include <optional>

namespace clang::tidy::atomics {

/// "Pairs with smp_wmb() in aio_notify()": what a pairing comment names.
struct PairingMention {
  std::string Operation; ///< "smp_wmb", or empty when not named.
  std::string Target;    ///< "aio_notify": a function or macro.
  std::string Text;      ///< What follows "with", to the end of the sentence.
};

/// The pairing mentions of a comment's text (case-insensitive "pairs with",
/// "paired with", "pair with", "pairing with"); mentions that name only an
/// operation, and no function or macro, are left out.
std::vector<PairingMention> parsePairingComment(llvm::StringRef Text);

class PairingCommentCheck : public ClangTidyCheck {
public:
  PairingCommentCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// Gathers the unit's points and the names of its functions.
  void collectFunctions();

  /// Why \p M, next to \p P, does not hold; nullopt when it does or cannot
  /// be decided.
  using PointsByFunction =
      llvm::StringMap<std::vector<const OrderingPoint *>>;
  std::optional<std::string> verify(const OrderingPoint &P,
                                    const PairingMention &M,
                                    const PointsByFunction &ByFunction,
                                    bool HaveDatabase);

  const std::string DatabasePath;
  const std::string RawKeywords;
  std::vector<std::string> Keywords;
  const unsigned CallDepth;
  ClassifierOptions Classification;
  ASTContext *Ctx = nullptr;
  Preprocessor *PP = nullptr;
  UnitPoints Unit{Classification, CallDepth};
  llvm::StringSet<> Defined;  ///< Functions with a body here.
  /// What a named function's operations of the wanted roles access on the
  /// side that meets: any at all, any with nothing visible, and the union.
  struct TargetSide {
    bool KindFound = false;
    bool AnyEmpty = false;
    LocationSet Union;
  };
  std::map<std::pair<std::string, unsigned>, TargetSide> Sides;
  bool DatabaseReported = false;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_PAIRINGCOMMENTCHECK_H
