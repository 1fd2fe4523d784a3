//===- AtomicsClangTidy.cpp - clang-tidy with the atomics module built in -===//
//
// The stock clang-tidy (clangTidyMain from LLVM's libclangTidyMain.a, with
// every module LLVM ships) plus the "atomics" module, for users whose
// installed clang-tidy is of another LLVM major version than the plugin's.
// Like tools/clangd/AtomicsClangd.cpp, it registers the module before
// clang-tidy starts and points clang at the LLVM's builtin headers, which are
// not next to this executable.
//
//===----------------------------------------------------------------------===//

#include "checks/AtomicsTidyModule.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "tools/clangd/ToolSupport.h"
#include <string>
#include <vector>

int main(int argc, const char **argv) {
  clang::tidy::atomics::registerAtomicsModule();
  atomics_tidy::addVersionPrinter();
  std::string Storage;
  std::vector<char *> Args(const_cast<char **>(argv),
                           const_cast<char **>(argv) + argc + 1);
  if (!atomics_tidy::mentionsResourceDir(argc, argv)) {
    std::string Dir = atomics_tidy::findResourceDir(argv[0]);
    // ClangTool adds its own -resource-dir only when the command line has
    // none; --extra-arg-before puts ours first, so a -resource-dir in the
    // compilation database still wins.
    if (!Dir.empty())
      Args = atomics_tidy::insertArgument(
          argc, const_cast<char **>(argv),
          "--extra-arg-before=-resource-dir=" + Dir, Storage);
  }
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()) - 1,
                                    const_cast<const char **>(Args.data()));
}
