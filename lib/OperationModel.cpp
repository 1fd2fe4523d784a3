//===- OperationModel.cpp - names of the model's values -------------------===//

#include "lib/OperationModel.h"
#include "llvm/Support/ErrorHandling.h"

namespace clang::tidy::atomics {

llvm::StringRef accessName(Access A) {
  switch (A) {
  case Access::Load:
    return "load";
  case Access::Store:
    return "store";
  case Access::ReadModifyWrite:
    return "read-modify-write";
  case Access::Fence:
    return "fence";
  case Access::CompilerBarrier:
    return "compiler barrier";
  }
  llvm_unreachable("unknown access");
}

llvm::StringRef orderName(Order O) {
  switch (O) {
  case Order::Relaxed:
    return "relaxed";
  case Order::Consume:
    return "consume";
  case Order::Acquire:
    return "acquire";
  case Order::Release:
    return "release";
  case Order::AcqRel:
    return "acq_rel";
  case Order::SeqCst:
    return "seq_cst";
  }
  llvm_unreachable("unknown order");
}

} // namespace clang::tidy::atomics
