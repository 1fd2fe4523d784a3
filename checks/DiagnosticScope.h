//===- DiagnosticScope.h - where a check's findings are shown ----*- C++ -*-===//
//
// clang-tidy shows a check's diagnostics in the main file, and in the
// headers its header filter selects (in system headers only with
// SystemHeaders). A C unit includes hundreds of functions from headers: a
// finding inside one of them is shown by no unit unless the user asked
// for that header, yet analysing them all in every unit was most of the
// checks' time on QEMU. The checks therefore start from the functions
// whose findings can be shown, and read the others only as the callees or
// partners of those.
//
// The filter is clang-tidy's own (ClangTidyDiagnosticConsumer): the file a
// location expands in, its name matched against HeaderFilterRegex and not
// against ExcludeHeaderFilterRegex. LLVM 19's default filter selects no
// header; LLVM 22's selects every one that is not a system header.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_CHECKS_DIAGNOSTICSCOPE_H
#define ATOMICS_TIDY_CHECKS_DIAGNOSTICSCOPE_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <utility>
#include <vector>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::atomics {

class DiagnosticScope {
public:
  /// Reads the filters of the file \p Context is about to check.
  explicit DiagnosticScope(ClangTidyContext &Context);

  /// Whether clang-tidy would show a diagnostic at \p Loc.
  bool shows(SourceLocation Loc, const SourceManager &SM);

  /// Whether findings in the body of \p FD can be shown: it is written in a
  /// file whose diagnostics are shown.
  bool shows(const FunctionDecl &FD, const SourceManager &SM);

  /// Has \p PP tell the scope which file is being lexed, so that shows()
  /// places a location in a macro without looking its expansion up (a
  /// check's registerPPCallbacks() calls it). Without it, shows() asks
  /// SourceManager.
  void watch(Preprocessor &PP, const SourceManager &SM);

private:
  class FileLexing;

  /// The file where the macro location \p Loc expands, told by its offset:
  /// SourceManager gives each macro expansion its offsets when it happens,
  /// in the file then being lexed. Unknown without watch(), and for a
  /// location read from a precompiled preamble or a module.
  std::optional<FileID> fileLexedAt(SourceLocation Loc,
                                    const SourceManager &SM) const;
  /// From which offset on each file was being lexed, in order.
  std::vector<std::pair<SourceLocation::UIntTy, FileID>> Lexed;
  const SourceManager *Watched = nullptr;

  std::optional<llvm::Regex> HeaderFilter, ExcludeFilter;
  bool SystemHeaders = false;
  llvm::DenseMap<FileID, bool> ByFile;

  /// Whether \p FileLoc, a location in a file, is in the main file: its
  /// offset within the main file's range, found once per unit.
  bool inMainFile(SourceLocation FileLoc, const SourceManager &SM);
  const SourceManager *MainOf = nullptr;
  FileID MainFile;
  SourceLocation::UIntTy MainBegin = 0, MainEnd = 0;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_DIAGNOSTICSCOPE_H
