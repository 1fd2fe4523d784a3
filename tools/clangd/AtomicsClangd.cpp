//===- AtomicsClangd.cpp - clangd with the atomics module built in --------===//
//
// The stock clangd (clangdMain from LLVM's libclangdMain.a) with the
// "atomics" clang-tidy module linked in: clangd cannot load clang-tidy
// plugins, so its checks are only available to a clangd built with them.
//
// Two things differ from LLVM's own ClangdToolMain.cpp:
//  - the atomics module is added to clang-tidy's registry before clangd
//    starts (the module's registration is explicit, see
//    checks/AtomicsTidyModule.h);
//  - clang's builtin headers are looked up in the LLVM's resource directory
//    (tools/clangd/ToolSupport.h), since this executable does not live in
//    the LLVM's bin/.
//
//===----------------------------------------------------------------------===//

#include "checks/AtomicsTidyModule.h"
#include "tools/clangd/ToolSupport.h"
#include <string>
#include <vector>

// Debian ships no clangd headers; this is clang-tools-extra/clangd/tool/
// ClangdMain.h's declaration (unchanged from LLVM 15 to 22).
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

int main(int argc, char **argv) {
  clang::tidy::atomics::registerAtomicsModule();
  std::string Storage;
  std::vector<char *> Args(argv, argv + argc + 1);
  if (!atomics_tidy::mentionsResourceDir(argc, argv, "CLANGD_FLAGS")) {
    std::string Dir = atomics_tidy::findResourceDir(argv[0]);
    if (!Dir.empty())
      Args = atomics_tidy::insertArgument(argc, argv, "--resource-dir=" + Dir,
                                          Storage);
  }
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                   Args.data());
}
