//===- UnitFiles.cpp - the files a translation unit read, for the driver --===//

#include "lib/UnitFiles.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>

namespace clang::tidy::atomics {

namespace {

class UnitFilesWriter : public PPCallbacks {
public:
  UnitFilesWriter(const SourceManager &SM, std::string Output)
      : SM(SM), Output(std::move(Output)) {}

  void EndOfMainFile() override {
    // Every file SourceManager opened: the main file, each header entered,
    // and those skipped by their include guard (still read to find it).
    llvm::StringSet<> Paths;
    for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
         ++It) {
      llvm::SmallString<256> Path(It->first.getName());
      // Relative to the compile command's directory, as the unit found it.
      SM.getFileManager().makeAbsolutePath(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Paths.insert(Path);
    }
    // Written next to the output and renamed over it: the driver never
    // reads half a list, whichever check writes last.
    llvm::SmallString<256> Temporary;
    int FD;
    if (llvm::sys::fs::createUniqueFile(Output + ".%%%%%%", FD, Temporary))
      return; // No list: the driver keeps no findings of this unit.
    {
      llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
      for (const auto &P : Paths)
        OS << P.getKey() << '\n';
      if (OS.has_error()) {
        OS.clear_error();
        llvm::sys::fs::remove(Temporary);
        return;
      }
    }
    if (llvm::sys::fs::rename(Temporary, Output))
      llvm::sys::fs::remove(Temporary);
  }

private:
  const SourceManager &SM;
  std::string Output;
};

} // namespace

void listUnitFilesOnRequest(Preprocessor &PP, const SourceManager &SM) {
  const char *Output = std::getenv(UnitFilesEnv);
  if (!Output || !*Output)
    return;
  PP.addPPCallbacks(std::make_unique<UnitFilesWriter>(SM, Output));
}

} // namespace clang::tidy::atomics
