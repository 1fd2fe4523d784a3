//===- ToolSupport.h - what the executables' main() needs -------*- C++ -*-===//
//
// What atomics-clangd and atomics-clang-tidy do before handing over to
// LLVM's clangdMain()/clangTidyMain().
//
// clangd and clang-tidy look for clang's builtin headers (<stddef.h>,
// <stdatomic.h>, ...) and its other data in the "resource directory", which
// they derive from their own path: <bin>/../lib/clang/<major>. These
// executables live in a build tree or wherever they are installed, not in the
// LLVM's bin/, so that directory usually does not exist next to them (Debian's
// clang then falls back to /usr/include/clang/<version>; other LLVM builds
// find no builtin header at all). So they look for the resource directory of
// the LLVM they were built against and pass it on the command line, unless
// the user already gave one.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_TOOLS_TOOLSUPPORT_H
#define ATOMICS_TIDY_TOOLS_TOOLSUPPORT_H

#include <string>
#include <vector>

namespace atomics_tidy {

/// The resource directory the tool should use, or "" when clang's default
/// (<bin>/../lib/clang/<major>, next to this executable) has the builtin
/// headers, or when no candidate has them (the tool then reports the missing
/// header itself). Candidates, in order: the default; the resource directory
/// of the LLVM this was built against (ATOMICS_TIDY_CLANG_RESOURCE_DIR, from
/// `clang -print-resource-dir` at configure time);
/// /usr/lib/llvm-<major>/lib/clang/<major> (Debian's layout).
std::string findResourceDir(const char *Argv0);

/// True if any argument (or, for clangd, the CLANGD_FLAGS variable) already
/// sets the resource directory.
bool mentionsResourceDir(int Argc, const char *const *Argv,
                         const char *EnvVar = nullptr);

/// argv with Extra inserted right after argv[0], NULL-terminated. Extra is
/// copied into Storage, which must outlive the returned vector.
std::vector<char *> insertArgument(int Argc, char **Argv,
                                   const std::string &Extra,
                                   std::string &Storage);

/// Adds "atomics-tidy <version> (built for LLVM <version>); checks built in:
/// ..." to --version. For clang-tidy only: clangd replaces LLVM's version
/// printer with its own, and editors parse what `clangd --version` prints.
void addVersionPrinter();

} // namespace atomics_tidy

#endif // ATOMICS_TIDY_TOOLS_TOOLSUPPORT_H
