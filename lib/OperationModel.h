//===- OperationModel.h - what an atomic operation does ---------*- C++ -*-===//
//
// The vocabulary every atomics-* check reasons in. An operation is described
// by what it does to memory (Access), the C11 memory order it carries
// (Order) and the classes of docs/operation-model.md it falls in (OpClass),
// which are what the checks actually ask about. One operation can be in
// several classes: smp_mb() is a full barrier and counts as both acquire and
// release.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_OPERATIONMODEL_H
#define ATOMICS_TIDY_LIB_OPERATIONMODEL_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace clang::tidy::atomics {

/// What the operation does to the memory location it names.
enum class Access : std::uint8_t {
  Load,
  Store,
  ReadModifyWrite,
  Fence,          ///< Orders other accesses; touches no location itself.
  CompilerBarrier ///< Orders nothing at run time, only the compiler.
};

/// The C11 memory order of the operation (for fences: of the fence).
enum class Order : std::uint8_t {
  Relaxed,
  Consume,
  Acquire,
  Release,
  AcqRel,
  SeqCst
};

/// The classes of the table of docs/operation-model.md, as bits.
enum OpClass : unsigned {
  RelaxedLoad = 1u << 0,
  RelaxedStore = 1u << 1,
  AcquireOp = 1u << 2,   ///< Acquire/consume loads and acquire barriers.
  ReleaseOp = 1u << 3,   ///< Release stores and release barriers.
  FullBarrier = 1u << 4, ///< Orders every earlier access before every later one.
  SeqCstRMW = 1u << 5,   ///< Seq-cst read-modify-write: NOT a full barrier.
  CompilerOnly = 1u << 6,
  Deprecated = 1u << 7,
};

llvm::StringRef accessName(Access A);
llvm::StringRef orderName(Order O);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_OPERATIONMODEL_H
