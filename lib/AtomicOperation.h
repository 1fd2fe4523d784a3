//===- AtomicOperation.h - classify the atomic operations of code -*- C++ -*-=//
//
// Turns AST nodes into the operations of docs/operation-model.md's table. The
// classification is semantic first: QEMU's macros expand to __atomic_*
// builtins and C11's generic functions to __c11_atomic_*, and those carry
// their memory order as an argument, so the order is read off the node.
// Names decide where the expansion does not say enough:
//
//   - barrier names (smp_mb__after_rmw() is a bare compiler barrier on x86
//     and s390x, yet a full barrier everywhere else): the analysis must not
//     depend on the target;
//   - operations made of several nodes (qatomic_set_mb is an xchg on x86 and
//     a store plus a fence elsewhere; qatomic_mb_set, qatomic_mb_read);
//   - user wrappers named in the checks' options, and API functions whose
//     body is not in the translation unit.
//
// A node inside such a name's expansion stands for the whole named
// operation; an analysis sees each expansion once (see Site).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_ATOMICOPERATION_H
#define ATOMICS_TIDY_LIB_ATOMICOPERATION_H

#include "lib/ApiTable.h"
#include "lib/MemoryLocation.h"
#include "lib/OperationModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace clang::tidy::atomics {

struct AtomicOperation {
  const Stmt *Node = nullptr; ///< The node classified.
  Access Kind = Access::Fence;
  Order Ordering = Order::SeqCst;
  unsigned Classes = 0;  ///< OpClass bits.
  bool OrderKnown = true; ///< False: the memory order is not a constant.
  bool Plain = false;     ///< A non-atomic access (only when asked for).
  /// The value accessed is a function pointer (a hook read before a call,
  /// like QEMU's qemu_mutex_lock_func): configuration, not a flag that a
  /// synchronisation protocol turns on.
  bool FunctionPointerValue = false;
  MemoryLocation Location;
  std::string Name;       ///< How the code spells it: "qatomic_fetch_or".
  /// Identifies one expansion of a name-classified operation: every node of
  /// it has the same Site. Invalid for operations classified by their node.
  SourceLocation Site;
  /// Where the operation is written, as a spelling location: the API name's
  /// token, else the innermost macro's name token, else the node. A library
  /// macro that performs an operation inside a system header has it written
  /// there, and its users are not told about it.
  SourceLocation WrittenAt;

  bool is(unsigned Class) const { return (Classes & Class) != 0; }
  bool isFullBarrier() const { return is(FullBarrier); }
  /// A read-modify-write in the seq-cst total order (not a full barrier).
  bool isSeqCstRmw() const {
    return Kind == Access::ReadModifyWrite && OrderKnown &&
           Ordering == Order::SeqCst && !isFullBarrier();
  }
  /// A read weaker than seq-cst: relaxed, consume or acquire loads, the
  /// load half of a weaker RMW, and plain loads when they are asked for.
  bool isWeakLoad() const {
    if (Kind != Access::Load && Kind != Access::ReadModifyWrite)
      return false;
    return Plain || (OrderKnown && Ordering != Order::SeqCst);
  }
  /// A write weaker than seq-cst (relaxed or release).
  bool isWeakStore() const {
    if (Kind != Access::Store && Kind != Access::ReadModifyWrite)
      return false;
    return Plain || (OrderKnown && Ordering != Order::SeqCst);
  }
  /// "relaxed load", "load-acquire", ...: for messages.
  std::string describe() const;
};

/// What the user told the checks about their own code.
struct ClassifierOptions {
  /// Wrapper name -> the API name it behaves as ("my_or" -> "qatomic_or").
  llvm::StringMap<ApiName> Wrappers;
  /// Functions or macros that are full barriers.
  llvm::StringSet<> FullBarrierNames;
  /// Also classify non-atomic loads and stores of shared memory.
  bool PlainAccesses = false;
};

class OperationClassifier {
public:
  OperationClassifier(ASTContext &Ctx, const ClassifierOptions &Opts)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Opts(Opts) {}

  /// The operation \p S performs itself (not its children), if any. Calls to
  /// functions that are not atomic operations give std::nullopt: following
  /// them is the analysis' business.
  std::optional<AtomicOperation> classify(const Stmt *S) const;

  /// Whether a call to \p FD is classified by its name (so its body, if
  /// any, must not be analysed as well).
  bool isNamedOperation(const FunctionDecl *FD) const;

private:
  struct NamedFrame {
    ApiName Api;
    StringRef Spelled;
    SourceLocation Site;
  };
  /// The outermost macro around \p Loc whose name the table or the options
  /// know, with the innermost macro name as a fallback for messages.
  std::optional<NamedFrame> namedMacro(SourceLocation Loc,
                                       std::string *Innermost,
                                       SourceLocation *InnermostLoc) const;
  std::optional<ApiName> lookupName(StringRef Name) const;
  std::optional<AtomicOperation> classifyNode(const Stmt *S) const;
  std::optional<AtomicOperation> classifyBuiltinCall(const CallExpr *CE,
                                                     unsigned BuiltinID) const;
  std::optional<AtomicOperation> classifyNamedCall(const CallExpr *CE) const;
  std::optional<AtomicOperation> classifyPlain(const Stmt *S) const;
  void setOrder(AtomicOperation &Op, const Expr *OrderArg) const;

  ASTContext &Ctx;
  const SourceManager &SM;
  const ClassifierOptions &Opts;
};

/// Whether the API operation \p Op is classified by its name even where its
/// expansion is visible (barriers, composite and deprecated operations).
bool isClassifiedByName(const ApiOperation &Op);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_ATOMICOPERATION_H
