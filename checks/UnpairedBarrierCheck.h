//===- UnpairedBarrierCheck.h - atomics-unpaired-barrier --------*- C++ -*-===//
//
// An acquire or release operation, or a barrier, almost always pairs with an
// operation of the opposite kind in another thread (lib/Pairing.h says when
// two pair). One without a partner orders nothing that anyone relies on, or
// its partner is missing.
//
// Without the whole-program database the check reports only what the
// translation unit proves: an operation whose partners would have to access
// locations that no other file can name (static variables, fields of structs
// defined in the main file), and has none here. A partner outside the
// program (a guest driver, a device, the kernel) is declared by a comment
// next to the operation containing one of ExternalPartnerKeywords, or for
// all the operations of a function by naming it in
// ExternalPartnerFunctions; such operations are never reported.
//
// With Database (tools/atomics-tidy-db builds it) the partners are looked for
// in the whole program, and every operation without one is reported. With
// WriteDatabase the check writes the translation unit's points into that
// database (tools/atomics-tidy-db sets it). With PairingGraph it writes the pairing
// graph (of the translation unit, or with Database of the program) as DOT.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_CHECKS_UNPAIREDBARRIERCHECK_H
#define ATOMICS_TIDY_CHECKS_UNPAIREDBARRIERCHECK_H

#include "checks/DiagnosticScope.h"
#include "lib/DatabaseView.h"
#include "lib/FactsWriter.h"
#include "lib/NameList.h"
#include "lib/OrderingFacts.h"
#include "lib/Pairing.h"
#include "lib/UnitPoints.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <deque>
#include <vector>

namespace clang::tidy::atomics {

class UnpairedBarrierCheck : public ClangTidyCheck {
public:
  UnpairedBarrierCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void report(const OrderingPoint &P, const PartnerIndex &Partners,
              bool WholeProgram);
  /// The database, or null (and why reported) when it cannot be read.
  std::shared_ptr<const FactsDatabase> database();
  /// Warns when source files changed after \p DB was built; false (and
  /// reported) when its list of files cannot be read.
  bool warnIfStale(const FactsDatabase &DB);
  /// Reports that the database cannot be used, and \p Why.
  void cannotUseDatabase(const std::string &Why);
  void writeFacts(llvm::ArrayRef<const OrderingPoint *> All);
  SourceLocation writtenAt(const OrderingPoint &P) const;
  /// Whether a comment on \p Loc's line, or in the comment lines right above
  /// it, names a partner outside the program.
  bool declaresExternalPartner(SourceLocation Loc) const;
  /// Whether \p P's partner is declared outside the program: by a comment,
  /// or by its function's name (ExternalPartnerFunctions).
  bool pairsOutsideProgram(const OrderingPoint &P) const;
  /// Whether \p FD is one of ExternalPartnerFunctions.
  bool pairsOutsideProgram(const FunctionDecl &FD) const;

  const std::string RawKeywords;
  const std::string RawExternalFunctions;
  const std::string DatabasePath;
  const std::string WriteDatabase;
  /// The unit's facts, when they go into WriteDatabase.
  std::shared_ptr<UnitFacts> Facts;
  const std::string PairingGraph;
  const unsigned CallDepth;
  std::vector<std::string> Keywords; ///< Lower case.
  NamePatterns ExternalFunctions;
  ClassifierOptions Classification;

  DiagnosticScope Scope;

  ASTContext *Ctx = nullptr;
  UnitPoints Unit{Classification, CallDepth};
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_UNPAIREDBARRIERCHECK_H
