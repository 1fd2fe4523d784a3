//===- MemoryLocation.h - which shared variable an access names -*- C++ -*-===//
//
// Every check compares the locations of atomic accesses: "a load of another
// location than the pending RMW's", "a load-acquire of the variable the
// store-release wrote". They must all identify a location the same way:
//
//   - a variable with static storage, by name ("g:count");
//   - a struct field, by the record type and field name, whatever object it
//     belongs to ("f:AioContext::notify_me" for ctx->notify_me): threads
//     reach shared objects through different pointers, so the type is the
//     only identity that holds across functions and files; the members of a
//     union are one location;
//   - a parameter of the enclosing function ("p:0"), so that a callee's
//     accesses through its parameter can be mapped to the caller's argument;
//   - anything else by the pointer expression's text within its function; a
//     local pointer variable by its initialiser (macros copy their pointer
//     argument into a temporary).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_MEMORYLOCATION_H
#define ATOMICS_TIDY_LIB_MEMORYLOCATION_H

#include "clang/AST/Expr.h"
#include <string>

namespace clang::tidy::atomics {

struct MemoryLocation {
  enum KindType : unsigned char {
    None,     ///< The operation names no location (a fence).
    Global,   ///< Variable with static storage duration.
    Field,    ///< Struct/union field, by type.
    Param,    ///< Pointed to by a parameter of the enclosing function.
    Pointer,  ///< Pointed to by some other expression.
  };
  KindType Kind = None;
  std::string Key;      ///< Identity; equal keys mean the same location.
  std::string Spelling; ///< How the code names it, for messages ("ev->value").
  unsigned ParamIndex = 0;
  /// The variable (Global) or field (Field) declaration, else null.
  const ValueDecl *Decl = nullptr;
  /// The access names a list of one container, but the key is that of a
  /// link type every list of the kind embeds (QEMU's QTailQLink, reached
  /// through the union of a QTAILQ head or entry): it stands for every
  /// such list of the program, so two accesses with this key need not
  /// touch the same list.
  bool EveryList = false;

  bool isNone() const { return Kind == None; }
  bool sameAs(const MemoryLocation &O) const {
    return Kind == O.Kind && Key == O.Key;
  }
};

/// The location that pointer \p Ptr points to (the first argument of an
/// atomic builtin or API macro).
MemoryLocation locationOfPointer(const Expr *Ptr, const ASTContext &Ctx);

/// The location that lvalue \p LV designates (an _Atomic object operand).
MemoryLocation locationOfLValue(const Expr *LV, const ASTContext &Ctx);

/// \p Callee's location as seen at \p Call: a parameter location becomes the
/// location of the argument; anything else is unchanged.
MemoryLocation locationAtCall(const MemoryLocation &Callee,
                              const CallExpr &Call, const ASTContext &Ctx);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_MEMORYLOCATION_H
