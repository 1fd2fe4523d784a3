//===- DatabaseView.cpp - what one unit reads of the database -------------===//

#include "lib/DatabaseView.h"
#include "lib/Pairing.h"
#include "llvm/ADT/STLExtras.h"
#include <set>
#include <tuple>

namespace clang::tidy::atomics {

template <typename T>
std::optional<T> DatabaseView::take(llvm::Expected<T> V) {
  if (!V) {
    std::string Why = llvm::toString(V.takeError());
    if (!Error)
      Error = std::move(Why);
    return std::nullopt;
  }
  if (Error)
    return std::nullopt;
  return std::move(*V);
}

const CallReach *DatabaseView::reach(llvm::StringRef Name) {
  auto [It, New] = Reaches.try_emplace(Name);
  if (New)
    if (std::optional<std::optional<CallReach>> R = take(DB->function(Name)))
      It->second = std::move(*R);
  return It->second ? &*It->second : nullptr;
}

void DatabaseView::resolve(OrderingPoint &P) {
  auto ReachOf = [&](llvm::StringRef Name) { return reach(Name); };
  addRemoteReach(P.CallsBefore, ReachOf, P.ReadBefore, P.WrittenBefore);
  addRemoteReach(P.CallsAfter, ReachOf, P.ReadAfter, P.WrittenAfter);
}

const OrderingPoint *DatabaseView::pointAt(uint64_t At, bool Resolved) {
  auto [It, New] = Points.try_emplace(At);
  Cached &C = It->second;
  if (New) {
    std::optional<OrderingPoint> P = take(DB->point(At));
    if (!P)
      return nullptr;
    C.Point = std::make_unique<OrderingPoint>(std::move(*P));
  }
  if (!C.Point)
    return nullptr;
  if (Resolved && !C.Resolved) {
    resolve(*C.Point);
    C.Resolved = true;
  }
  return Error ? nullptr : C.Point.get();
}

std::vector<const OrderingPoint *>
DatabaseView::pointsAt(std::vector<uint64_t> Offsets) {
  llvm::sort(Offsets);
  Offsets.erase(std::unique(Offsets.begin(), Offsets.end()), Offsets.end());
  std::vector<const OrderingPoint *> Out;
  for (uint64_t At : Offsets) {
    const OrderingPoint *P = pointAt(At, /*Resolved=*/true);
    if (!P)
      return {};
    Out.push_back(P);
  }
  return Out;
}

PointPlaces placesOf(llvm::ArrayRef<const OrderingPoint *> Points) {
  PointPlaces Places;
  for (const OrderingPoint *P : Points)
    Places.insert(placeOf(*P));
  return Places;
}

std::vector<std::vector<uint64_t>>
DatabaseView::offsetsUnder(const OrderingPoint &P) {
  std::set<std::string> Keys;
  P.forEachKey([&](const std::string &Key) { Keys.insert(Key); });
  std::vector<std::vector<uint64_t>> Lists;
  for (const std::string &Key : Keys)
    if (std::optional<std::vector<uint64_t>> At =
            take(DB->pointsAccessing(Key)))
      Lists.push_back(std::move(*At));
  return Lists;
}

bool DatabaseView::hasPartner(const OrderingPoint &P, const PointPlaces &Here) {
  // The points under each of P's locations, the rarest location first: a
  // flag is shared by a few points, a lock that calls reach by hundreds.
  std::vector<std::vector<uint64_t>> Lists = offsetsUnder(P);
  llvm::stable_sort(Lists, [](const auto &A, const auto &B) {
    return A.size() < B.size();
  });
  std::set<uint64_t> Tried;
  for (const std::vector<uint64_t> &List : Lists)
    for (uint64_t At : List) {
      if (!Tried.insert(At).second)
        continue;
      // Pairing only grows with what a point accesses: a point that pairs
      // before its calls are resolved pairs after, so they are resolved
      // only when it does not.
      const OrderingPoint *Q = pointAt(At, /*Resolved=*/false);
      if (!Q)
        return false;
      if (Here.count(placeOf(*Q)))
        continue;
      if (pairsWith(P, *Q))
        return true;
      Q = pointAt(At, /*Resolved=*/true);
      if (!Q)
        return false;
      if (pairsWith(P, *Q))
        return true;
    }
  return false;
}

std::vector<const OrderingPoint *>
DatabaseView::pointsNear(llvm::ArrayRef<const OrderingPoint *> Of) {
  std::vector<uint64_t> Offsets;
  for (const OrderingPoint *P : Of)
    for (const std::vector<uint64_t> &List : offsetsUnder(*P))
      llvm::append_range(Offsets, List);
  return pointsAt(std::move(Offsets));
}

std::vector<const OrderingPoint *> DatabaseView::pointsIn(llvm::StringRef Name) {
  std::optional<std::vector<uint64_t>> At = take(DB->pointsIn(Name));
  return At ? pointsAt(std::move(*At)) : std::vector<const OrderingPoint *>();
}

std::vector<const OrderingPoint *> DatabaseView::allPoints() {
  return pointsAt(DB->allPoints());
}

std::vector<const OrderingPoint *>
withDatabasePoints(llvm::ArrayRef<const OrderingPoint *> Live,
                   llvm::ArrayRef<const OrderingPoint *> FromDatabase) {
  std::vector<const OrderingPoint *> All(Live.begin(), Live.end());
  PointPlaces Here = placesOf(Live);
  for (const OrderingPoint *P : FromDatabase)
    if (!Here.count(placeOf(*P)))
      All.push_back(P);
  return All;
}

} // namespace clang::tidy::atomics
