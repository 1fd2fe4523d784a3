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

bool DiagnosticScope::inMainFile(SourceLocation FileLoc,
                                 const SourceManager &SM) {
  if (MainOf != &SM || MainFile != SM.getMainFileID()) {
    MainOf = &SM;
    MainFile = SM.getMainFileID();
    // A file location's encoding is its offset.
    MainBegin = SM.getLocForStartOfFile(MainFile).getRawEncoding();
    MainEnd = SM.getLocForEndOfFile(MainFile).getRawEncoding();
  }
  SourceLocation::UIntTy At = FileLoc.getRawEncoding();
  return MainBegin <= At && At <= MainEnd;
}

bool DiagnosticScope::shows(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return true;
  // In the main file if its expansion's offset is in the main file's
  // range; without a header filter, nothing else is shown. Neither needs
  // the file looked up, the search of SourceManager::getFileID().
  SourceLocation FileLoc = SM.getExpansionLoc(Loc);
  if (inMainFile(FileLoc, SM))
    return true;
  if (!HeaderFilter)
    return false;
  FileID File = SM.getFileID(FileLoc);
  auto [It, New] = ByFile.try_emplace(File, false);
  if (!New)
    return It->second;
  bool Shown = false;
  if (SystemHeaders || !SM.isInSystemHeader(FileLoc)) {
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
  // Where its name is written: the body is in the same file (or the same
  // macro expansion), and reading it would touch memory the walk of the
  // unit's functions does not otherwise need.
  return shows(FD.getLocation(), SM);
}

} // namespace clang::tidy::atomics
