//===- DiagnosticScope.cpp - where a check's findings are shown -----------===//

#include "checks/DiagnosticScope.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::atomics {

/// A filter that can match: clang-tidy's empty default matches nothing (an
/// empty llvm::Regex is invalid), nor does one that does not compile.
static std::optional<llvm::Regex>
usableFilter(const std::optional<std::string> &Pattern) {
  if (!Pattern || Pattern->empty())
    return std::nullopt;
  llvm::Regex R(*Pattern);
  if (!R.isValid())
    return std::nullopt;
  return R;
}

DiagnosticScope::DiagnosticScope(ClangTidyContext &Context) {
  const ClangTidyOptions &O = Context.getOptions();
  HeaderFilter = usableFilter(O.HeaderFilterRegex);
  ExcludeFilter = usableFilter(O.ExcludeHeaderFilterRegex);
  SystemHeaders = O.SystemHeaders.value_or(false);
}

bool DiagnosticScope::shows(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return true;
  FileID File = SM.getDecomposedExpansionLoc(Loc).first;
  if (File == SM.getMainFileID())
    return true;
  if (!HeaderFilter)
    return false;
  auto [It, New] = ByFile.try_emplace(File, false);
  if (!New)
    return It->second;
  bool Shown = false;
  if (SystemHeaders || !SM.isInSystemHeader(Loc)) {
    if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File)) {
      StringRef Name = Entry->getName();
      Shown = HeaderFilter->match(Name) &&
              !(ExcludeFilter && ExcludeFilter->match(Name));
    } else {
      Shown = true; // Command-line definitions: clang-tidy keeps those.
    }
  }
  return It->second = Shown;
}

bool DiagnosticScope::shows(const FunctionDecl &FD, const SourceManager &SM) {
  const Stmt *Body = FD.getBody();
  return shows(Body ? Body->getBeginLoc() : FD.getLocation(), SM);
}

} // namespace clang::tidy::atomics
