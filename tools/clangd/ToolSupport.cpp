//===- ToolSupport.cpp - what the executables' main() needs --------------===//

#include "tools/clangd/ToolSupport.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cstdlib>
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace atomics_tidy {

namespace {

int anchor;

bool hasBuiltinHeaders(llvm::StringRef Dir) {
  llvm::SmallString<256> Probe(Dir);
  llvm::sys::path::append(Probe, "include", "stddef.h");
  return !Dir.empty() && llvm::sys::fs::exists(Probe);
}

} // namespace

std::string findResourceDir(const char *Argv0) {
  const std::string Major = std::to_string(LLVM_VERSION_MAJOR);
  // What clangd and clang-tidy compute themselves (clang's
  // Driver::GetResourcesPath, with Debian's empty CLANG_RESOURCE_DIR).
  std::string Exe =
      llvm::sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&anchor));
  llvm::SmallString<256> Default(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Default, "..", "lib", "clang", Major);
  if (hasBuiltinHeaders(Default))
    return "";
  const std::string Candidates[] = {
      ATOMICS_TIDY_CLANG_RESOURCE_DIR,
      "/usr/lib/llvm-" + Major + "/lib/clang/" + Major,
  };
  for (const std::string &Dir : Candidates)
    if (hasBuiltinHeaders(Dir))
      return Dir;
  return "";
}

bool mentionsResourceDir(int Argc, const char *const *Argv,
                         const char *EnvVar) {
  auto Mentions = [](llvm::StringRef S) {
    return S.contains("-resource-dir");
  };
  for (int I = 1; I < Argc; ++I)
    if (Mentions(Argv[I]))
      return true;
  if (EnvVar)
    if (const char *Env = std::getenv(EnvVar))
      return Mentions(Env);
  return false;
}

std::vector<char *> insertArgument(int Argc, char **Argv,
                                   const std::string &Extra,
                                   std::string &Storage) {
  Storage = Extra;
  std::vector<char *> Args(Argv, Argv + Argc);
  Args.insert(Args.begin() + std::min(Argc, 1), Storage.data());
  Args.push_back(nullptr);
  return Args;
}

void addVersionPrinter() {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    clang::tidy::ClangTidyCheckFactories Factories;
    for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries())
      if (Entry.getName() == "atomics-module")
        Entry.instantiate()->addCheckFactories(Factories);
    std::vector<std::string> Names;
    for (const auto &Factory : Factories)
      Names.push_back(Factory.getKey().str());
    std::sort(Names.begin(), Names.end());
    OS << "atomics-tidy " << ATOMICS_TIDY_VERSION << " (built for LLVM "
       << ATOMICS_TIDY_BUILT_FOR_LLVM_VERSION << "); checks built in:";
    for (const std::string &Name : Names)
      OS << ' ' << Name;
    OS << '\n';
  });
}

} // namespace atomics_tidy

#if defined(__SANITIZE_ADDRESS__)
// A sanitizer build (cmake/Sanitize.cmake) instruments this project's code
// only. LLVM's headers then poison the free space of the BumpPtrAllocators
// that our code instantiates, and LLVM's uninstrumented library code, which
// shares those allocators, reads it through intercepted memcpy: reports
// about LLVM, not about us. Manual poisoning is therefore off; every other
// check stays on (ASAN_OPTIONS can still change any of them).
extern "C" __attribute__((visibility("default"), used)) const char *
__asan_default_options() {
  return "allow_user_poisoning=0";
}
#endif
