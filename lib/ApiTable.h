//===- ApiTable.h - QEMU's atomics API, by name -----------------*- C++ -*-===//
//
// QEMU's <qemu/atomic.h> API is made of macros whose expansion does not
// always say what they mean: smp_mb__after_rmw() is a full barrier that
// expands to a bare compiler barrier on x86 and s390x. So the operation
// model knows the API by name, in both naming generations: "atomic_*" before
// QEMU's late-2020 rename, "qatomic_*" after it. Barrier names (smp_*,
// barrier) were not renamed and belong to no generation.
//
// This table is the single place that says what each name does; checks look
// names up here instead of keeping their own lists.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_APITABLE_H
#define ATOMICS_TIDY_LIB_APITABLE_H

#include "lib/OperationModel.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace clang::tidy::atomics {

/// The naming generation of a QEMU API name.
enum class Generation : std::uint8_t {
  None,    ///< smp_*(), barrier(): never renamed.
  Legacy,  ///< atomic_read(), atomic_mb_read(), ... (QEMU up to 5.1).
  Current, ///< qatomic_read(), qatomic_mb_read(), ... (QEMU 5.2 on).
};

/// The prefix that a generation puts before an operation's stem.
llvm::StringRef generationPrefix(Generation G);

/// One operation of the API, independent of its generation.
struct ApiOperation {
  llvm::StringRef Stem;     ///< "mb_read" for atomic_mb_read/qatomic_mb_read.
  Access Kind;
  Order Ordering;
  unsigned Classes;         ///< OpClass bits.
  unsigned NumArgs;         ///< Macro arguments (pointer first).
  llvm::StringRef ReplacementStem; ///< For deprecated operations.
  llvm::StringRef Summary;  ///< What it does, for notes.
  bool Prefixed;            ///< Stem takes a generation prefix.

  bool is(unsigned Class) const { return (Classes & Class) != 0; }
};

/// A name as spelled in user code, resolved against the table.
struct ApiName {
  const ApiOperation *Op;
  Generation Gen;

  /// The full name of the replacement in the same generation
  /// ("qatomic_load_acquire" for "qatomic_mb_read"); empty if none.
  std::string replacementName() const;
  std::string name() const;
};

/// Resolves a spelled name ("qatomic_fetch_add", "smp_wmb", ...).
std::optional<ApiName> lookupApiName(llvm::StringRef Name);

/// Calls \p Fn for every name the table knows, in every generation.
void forEachApiName(llvm::function_ref<void(llvm::StringRef FullName,
                                            const ApiName &)> Fn);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_APITABLE_H
