//===- DiagnosticScope.cpp - where a check's findings are shown -----------===//

#include "checks/DiagnosticScope.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

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

/// Records which file is being lexed from which offset on: SourceManager
/// gives a macro expansion its offsets when it happens, in the file then
/// being lexed (entered, or come back to from an #include).
class DiagnosticScope::FileLexing : public PPCallbacks {
public:
  FileLexing(DiagnosticScope &Scope, const SourceManager &SM)
      : Scope(Scope), SM(SM) {}

  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind, FileID) override {
    if (Reason == EnterFile || Reason == ExitFile)
      Scope.Lexed.push_back({SM.getNextLocalOffset(), SM.getFileID(Loc)});
  }

private:
  DiagnosticScope &Scope;
  const SourceManager &SM;
};

void DiagnosticScope::watch(Preprocessor &PP, const SourceManager &SM) {
  Watched = &SM;
  Lexed.clear();
  PP.addPPCallbacks(std::make_unique<FileLexing>(*this, SM));
}

std::optional<FileID> DiagnosticScope::fileLexedAt(SourceLocation Loc,
                                                   const SourceManager &SM) const {
  // A preamble's or a module's expansions were given their offsets
  // elsewhere: only a unit built from its text alone is told this way.
  if (Watched != &SM || SM.loaded_sloc_entry_size() != 0 ||
      !SM.isLocalSourceLocation(Loc))
    return std::nullopt;
  constexpr SourceLocation::UIntTy MacroBit =
      SourceLocation::UIntTy(1) << (8 * sizeof(SourceLocation::UIntTy) - 1);
  SourceLocation::UIntTy Offset = Loc.getRawEncoding() & ~MacroBit;
  // The last change at or before Offset.
  auto It = llvm::upper_bound(
      Lexed, Offset,
      [](SourceLocation::UIntTy O, const auto &Change) { return O < Change.first; });
  if (It == Lexed.begin())
    return std::nullopt;
  return std::prev(It)->second;
}

bool DiagnosticScope::shows(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return true;
  // Most of the functions of a C unit are its headers', and GLib's and
  // QEMU's headers define hundreds through macros: their file is told
  // without SourceManager's search of every file and expansion of the unit
  // (SourceManager::getFileID()), as is a main file's location in a file.
  std::optional<FileID> File;
  if (Loc.isMacroID())
    File = fileLexedAt(Loc, SM);
  else if (inMainFile(Loc, SM))
    return true;
  if (File) {
    if (*File == SM.getMainFileID())
      return true;
    if (!HeaderFilter)
      return false;
    if (auto It = ByFile.find(*File); It != ByFile.end())
      return It->second;
  }
  SourceLocation FileLoc = SM.getExpansionLoc(Loc);
  if (inMainFile(FileLoc, SM))
    return true;
  if (!HeaderFilter)
    return false;
  FileID Expansion = SM.getFileID(FileLoc);
  auto [It, New] = ByFile.try_emplace(Expansion, false);
  if (!New)
    return It->second;
  bool Shown = false;
  if (SystemHeaders || !SM.isInSystemHeader(FileLoc)) {
    if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Expansion)) {
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
