//===- PluginEntry.cpp - loading the module into clang-tidy ---------------===//
//
// A module built for one LLVM major version and loaded into the clang-tidy of
// another resolves its symbols against the wrong ABI: it loads silently and
// then crashes while parsing. So before registering anything the module asks
// the running LLVM for its version (LLVMGetVersion, a C function that has
// been stable since LLVM 16) and, on a mismatch, says which build to use and
// registers no checks. Nothing below touches LLVM's C++ ABI before that.
//
//===----------------------------------------------------------------------===//

#include "checks/AtomicsTidyModule.h"
#include <cstdio>

// Weak: a clang-tidy older than LLVM 16 does not have it.
extern "C" void LLVMGetVersion(unsigned *Major, unsigned *Minor,
                               unsigned *Patch) __attribute__((weak));

namespace {

__attribute__((constructor)) void atomicsTidyPluginLoaded() {
  const unsigned Built = ATOMICS_TIDY_BUILT_FOR_LLVM_MAJOR;
  unsigned Major = 0, Minor = 0, Patch = 0;
  if (LLVMGetVersion)
    LLVMGetVersion(&Major, &Minor, &Patch);
  if (Major == Built) {
    clang::tidy::atomics::registerAtomicsModule();
    return;
  }
  char Running[48], Root[48];
  // Debian's layout; elsewhere the user knows where their LLVM lives.
  if (Major)
    std::snprintf(Root, sizeof Root, "/usr/lib/llvm-%u", Major);
  else
    std::snprintf(Root, sizeof Root, "<that LLVM's root>");
  if (Major)
    std::snprintf(Running, sizeof Running, "LLVM %u.%u.%u", Major, Minor,
                  Patch);
  else
    std::snprintf(Running, sizeof Running, "an LLVM older than 16");
  std::fprintf(stderr,
               "atomics-tidy: this module was built for LLVM %s (%s) but is "
               "loaded into a clang-tidy of %s; no atomics-* checks are "
               "registered. Use a module built for the running LLVM "
               "(configure atomics-tidy with -DATOMICS_TIDY_LLVM_ROOT=%s), "
               "or run clang-tidy-%u.\n",
               ATOMICS_TIDY_BUILT_FOR_LLVM_VERSION,
               ATOMICS_TIDY_BUILT_FOR_LLVM_ROOT, Running, Root, Built);
}

} // namespace
