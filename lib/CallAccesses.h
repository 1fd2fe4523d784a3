//===- CallAccesses.h - what a call can access, through its callees -*- C++ -*-===//
//
// Barrier protocols often publish or observe in a callee: QEMU's writer
// stores its data, issues smp_wmb() and calls aio_notify(), which sets the
// flag the reader's smp_rmb() comes after. The accesses around an ordering
// operation (OrderingFacts) therefore include those of the functions called
// around it, and of what those call, a bounded number of levels deep: deep
// enough for helpers like aio_notify(), not so deep that every barrier
// "accesses" the whole program and pairs with everything.
//
// Calls are followed through their direct callee. A callee defined in the
// translation unit is read from its body; the others are named, with the
// levels left to follow, for the whole-program database to resolve: it
// holds what a call of each function with external linkage reaches, as the
// function's own file saw it.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_CALLACCESSES_H
#define ATOMICS_TIDY_LIB_CALLACCESSES_H

#include "lib/AtomicOperation.h"
#include "lib/OrderingFacts.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace clang::tidy::atomics {

/// How many levels of calls the checks follow by default: the function
/// called, and the functions it calls.
constexpr unsigned DefaultCallDepth = 2;

/// Functions called and not seen into, by name, with the number of levels
/// still to follow in each (1: only the function's own accesses).
using UnresolvedCalls = std::map<std::string, unsigned>;

/// What a call can access: its callee's accesses and those of the callee's
/// callees, to the depth asked for.
struct CallReach {
  LocationSet Reads, Writes;
  UnresolvedCalls Unresolved;
};

/// The shared location an operation accesses, if it has an identity across
/// functions (a variable with static storage or a struct field).
std::optional<SharedLocation> sharedLocation(const AtomicOperation &Op,
                                             const SourceManager &SM);

/// The callee whose accesses a call stands for: a direct call of a function
/// that is not an atomic operation or a builtin; null otherwise.
const FunctionDecl *followedCallee(const Stmt *S,
                                   const OperationClassifier &Classifier);

/// Reads function bodies once per translation unit and answers what calls
/// reach.
class CallAccesses {
public:
  /// \p Depth: the levels of calls to follow (0: none).
  CallAccesses(ASTContext &Ctx, const ClassifierOptions &Opts, unsigned Depth)
      : Ctx(Ctx), Classifier(Ctx, Opts), Depth(Depth) {}

  unsigned depth() const { return Depth; }

  /// What a call of \p Callee can access.
  const CallReach &ofCall(const FunctionDecl *Callee);

private:
  /// What a function's body accesses by itself, and what it calls.
  struct Body {
    LocationSet Reads, Writes;
    std::vector<const FunctionDecl *> Callees; ///< Canonical declarations.
  };
  const Body &body(const FunctionDecl *Canonical);

  ASTContext &Ctx;
  OperationClassifier Classifier;
  unsigned Depth;
  // Node-based maps: the references handed out stay valid as they grow.
  std::unordered_map<const FunctionDecl *, Body> Bodies;
  std::unordered_map<const FunctionDecl *, CallReach> Reaches;
};

/// Adds to \p Reads and \p Writes what calls of the functions in \p Calls
/// can access according to \p ReachOf (the whole-program database's, by
/// function name; null when it has none), following the calls those make into further files while
/// levels are left.
void addRemoteReach(
    const UnresolvedCalls &Calls,
    llvm::function_ref<const CallReach *(llvm::StringRef)> ReachOf,
    LocationSet &Reads, LocationSet &Writes);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_CALLACCESSES_H
