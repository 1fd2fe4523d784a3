//===- AtomicsTidyModule.cpp - the "atomics" clang-tidy module ------------===//

#include "checks/AtomicsTidyModule.h"
#include "checks/DeprecatedMbCheck.h"
#include "checks/MissingRmwBarrierCheck.h"
#include "checks/PairingCommentCheck.h"
#include "checks/UnpairedBarrierCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 22
// From LLVM 22 on, the registry is declared in ClangTidyModule.h and this
// header is deprecated.
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::atomics {

namespace {

class AtomicsModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<DeprecatedMbCheck>("atomics-deprecated-mb");
    Factories.registerCheck<MissingRmwBarrierCheck>(
        "atomics-missing-rmw-barrier");
    Factories.registerCheck<PairingCommentCheck>("atomics-pairing-comment");
    Factories.registerCheck<UnpairedBarrierCheck>("atomics-unpaired-barrier");
  }
};

} // namespace

void registerAtomicsModule() {
  // A function-local static: registered once, on the first call, and never
  // on a load that the version guard refuses.
  static ClangTidyModuleRegistry::Add<AtomicsModule> Registration(
      "atomics-module",
      "Checks for misuse of atomic operations and memory barriers.");
  (void)Registration;
}

} // namespace clang::tidy::atomics
