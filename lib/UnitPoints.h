//===- UnitPoints.h - a translation unit's ordering points -------*- C++ -*-===//
//
// What both pairing checks gather while clang-tidy matches a translation
// unit: the ordering points of every function defined in it, with calls
// followed (OrderingFacts, CallAccesses); at its end, the accesses of the
// functions other files can call (for the facts file) and, with the
// whole-program database, what the calls into other files access.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_UNITPOINTS_H
#define ATOMICS_TIDY_LIB_UNITPOINTS_H

#include "lib/CallAccesses.h"
#include "lib/DatabaseView.h"
#include "lib/OrderingFacts.h"
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::atomics {

class UnitPoints {
public:
  /// \p Opts must outlive this object.
  UnitPoints(const ClassifierOptions &Opts, unsigned CallDepth)
      : Opts(Opts), CallDepth(CallDepth) {}

  /// Adds the points of \p FD, a definition of the translation unit
  /// \p Ctx is parsing.
  void addFunction(const FunctionDecl *FD, ASTContext &Ctx);

  /// The points added, in the order of their functions.
  std::deque<OrderingPoint> &points() { return Points; }

  /// The functions with external linkage defined in the main file, with
  /// what a call of each reaches.
  std::vector<std::pair<std::string, const CallReach *>> exported();

  /// Adds to every point what its calls into other files access.
  void resolveWith(DatabaseView &DB);

  /// Forgets the translation unit (its AST is about to go).
  void clear();

private:
  const ClassifierOptions &Opts;
  const unsigned CallDepth;
  std::optional<CallAccesses> Calls;
  std::deque<OrderingPoint> Points;
  std::vector<const FunctionDecl *> Exported;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_UNITPOINTS_H
