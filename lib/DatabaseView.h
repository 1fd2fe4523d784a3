//===- DatabaseView.h - what one unit reads of the database -----*- C++ -*-===//
//
// A translation unit needs a few records of the whole-program database: the
// functions its calls into other files reach, the points that share a
// location with its own (partners are among them), the points of the
// functions its comments name. The view looks them up (FactsDatabase.h),
// parses each once, and resolves the calls of the points it returns as the
// unit's own are resolved. The first malformed record stops the reading:
// error() says which, and the check goes on without the database.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_DATABASEVIEW_H
#define ATOMICS_TIDY_LIB_DATABASEVIEW_H

#include "lib/FactsDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang::tidy::atomics {

/// Where a point is written, with its function: one operation seen from
/// several translation units (a header's) has one place.
using PointPlace =
    std::tuple<llvm::StringRef, unsigned, unsigned, llvm::StringRef>;
using PointPlaces = std::set<PointPlace>;
inline PointPlace placeOf(const OrderingPoint &P) {
  return {P.File, P.Line, P.Column, P.FunctionName};
}
/// The places of \p Points (which must outlive them).
PointPlaces placesOf(llvm::ArrayRef<const OrderingPoint *> Points);

class DatabaseView {
public:
  explicit DatabaseView(std::shared_ptr<const FactsDatabase> DB)
      : DB(std::move(DB)) {}

  /// Adds to \p P what the functions it calls that its translation unit did
  /// not see into access.
  void resolve(OrderingPoint &P);

  /// The database's points that share a location with one of \p Of: every
  /// partner, or candidate for one, of those points. In the database's
  /// order.
  std::vector<const OrderingPoint *>
  pointsNear(llvm::ArrayRef<const OrderingPoint *> Of);
  /// Whether a point of the database, other than those at \p Here (this
  /// unit's), is a partner of \p P (lib/Pairing.h). Cheaper than
  /// pointsNear(): it stops at the first partner.
  bool hasPartner(const OrderingPoint &P, const PointPlaces &Here);
  /// The database's points that access both \p A and \p B (as their own
  /// location, or before or after them), resolved, in the database's order.
  std::vector<const OrderingPoint *> pointsAccessingBoth(const std::string &A,
                                                         const std::string &B);
  /// The database's points in the function \p Name.
  std::vector<const OrderingPoint *> pointsIn(llvm::StringRef Name);
  /// All the database's points (for a pairing graph of the program).
  std::vector<const OrderingPoint *> allPoints();

  /// The first problem met, if any.
  const std::optional<std::string> &error() const { return Error; }

private:
  /// The points that access the location \p Key, read once
  /// per view; null on error.
  const std::vector<PointRef> *pointsUnder(const std::string &Key);
  /// Calls \p Visit with the points under each location of \p P (a
  /// location may come more than once); false on error.
  bool forEachListUnder(
      const OrderingPoint &P,
      llvm::function_ref<void(const std::vector<PointRef> &)> Visit);
  /// What a call of \p Name reaches, or null.
  const CallReach *reach(llvm::StringRef Name);
  /// The point at \p At, its calls \p Resolved or not yet; null on error.
  const OrderingPoint *pointAt(PointRef At, bool Resolved);
  /// The points \p Refs, resolved, in the database's order.
  std::vector<const OrderingPoint *> pointsAt(std::vector<PointRef> Refs);
  /// \p V, or nothing once a problem is met (it becomes error()).
  template <typename T> std::optional<T> take(llvm::Expected<T> V);

  std::shared_ptr<const FactsDatabase> DB;
  llvm::StringMap<std::optional<CallReach>> Reaches;
  struct Cached {
    std::unique_ptr<OrderingPoint> Point;
    bool Resolved = false;
  };
  std::map<PointRef, Cached> Points;
  std::map<std::string, std::vector<PointRef>> ByKey;
  std::vector<PointRef> Partners; ///< Found by hasPartner(), in order.
  std::optional<std::string> Error;
};

/// \p Live (this translation unit's points) and, of \p FromDatabase, those
/// this unit has not just seen (its own, and those of the headers it
/// includes): what partners are looked for among.
std::vector<const OrderingPoint *>
withDatabasePoints(llvm::ArrayRef<const OrderingPoint *> Live,
                   llvm::ArrayRef<const OrderingPoint *> FromDatabase);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_DATABASEVIEW_H
