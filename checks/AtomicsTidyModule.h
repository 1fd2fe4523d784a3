//===- AtomicsTidyModule.h - the "atomics" clang-tidy module ----*- C++ -*-===//

#ifndef ATOMICS_TIDY_CHECKS_ATOMICSTIDYMODULE_H
#define ATOMICS_TIDY_CHECKS_ATOMICSTIDYMODULE_H

namespace clang::tidy::atomics {

/// Adds the "atomics" module to clang-tidy's module registry. Idempotent.
/// The plugin calls it once it has checked that it runs in the LLVM it was
/// built for; an executable with the checks built in calls it from main().
void registerAtomicsModule();

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_ATOMICSTIDYMODULE_H
