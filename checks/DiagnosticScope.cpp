//===- DiagnosticScope.cpp - where a check's findings are shown -----------===//

#include "checks/DiagnosticScope.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
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

/// Records the ranges of offsets SourceManager gives out while the main
/// file is the file being lexed: between entering it (or coming back to it
/// from an #include) and entering another.
class DiagnosticScope::MainFileLexing : public PPCallbacks {
public:
  MainFileLexing(DiagnosticScope &Scope, const SourceManager &SM)
      : Scope(Scope), SM(SM) {}

  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind, FileID) override {
    if (Reason != EnterFile && Reason != ExitFile)
      return;
    auto &Ranges = Scope.MainLexed;
    bool Open = !Ranges.empty() && Ranges.back().second == 0;
    bool InMain = SM.getFileID(Loc) == SM.getMainFileID();
    if (InMain && !Open)
      Ranges.push_back({SM.getNextLocalOffset(), 0});
    else if (!InMain && Open)
      Ranges.back().second = SM.getNextLocalOffset();
  }

private:
  DiagnosticScope &Scope;
  const SourceManager &SM;
};

void DiagnosticScope::watch(Preprocessor &PP, const SourceManager &SM) {
  Watched = &SM;
  MainLexed.clear();
  PP.addPPCallbacks(std::make_unique<MainFileLexing>(*this, SM));
}

std::optional<bool>
DiagnosticScope::expandsInMainFile(SourceLocation Loc,
                                   const SourceManager &SM) const {
  // A preamble's or a module's expansions were given their offsets
  // elsewhere: only a unit built from its text alone is told this way.
  if (Watched != &SM || MainLexed.empty() || SM.loaded_sloc_entry_size() != 0 ||
      !SM.isLocalSourceLocation(Loc))
    return std::nullopt;
  constexpr SourceLocation::UIntTy MacroBit =
      SourceLocation::UIntTy(1) << (8 * sizeof(SourceLocation::UIntTy) - 1);
  SourceLocation::UIntTy Offset = Loc.getRawEncoding() & ~MacroBit;
  // The last range that begins at or before Offset.
  auto It = llvm::upper_bound(
      MainLexed, Offset,
      [](SourceLocation::UIntTy O, const auto &R) { return O < R.first; });
  if (It == MainLexed.begin())
    return false;
  --It;
  return It->second == 0 || Offset < It->second;
}

bool DiagnosticScope::shows(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return true;
  // Most of the functions of a C unit are its headers', and GLib's and
  // QEMU's headers define hundreds through macros: placing those without
  // SourceManager's search of every file and expansion of the unit.
  if (Loc.isMacroID())
    if (std::optional<bool> InMain = expandsInMainFile(Loc, SM)) {
      if (*InMain)
        return true;
      if (!HeaderFilter)
        return false;
    }
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
