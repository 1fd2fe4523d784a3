//===- DatabaseView.cpp - what one unit reads of the database -------------===//

#include "lib/DatabaseView.h"
#include "lib/Pairing.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <iterator>
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

const OrderingPoint *DatabaseView::pointAt(PointRef At, bool Resolved) {
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
DatabaseView::pointsAt(std::vector<PointRef> Refs) {
  llvm::sort(Refs);
  Refs.erase(std::unique(Refs.begin(), Refs.end()), Refs.end());
  std::vector<const OrderingPoint *> Out;
  for (PointRef At : Refs) {
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

const std::vector<PointRef> *DatabaseView::pointsUnder(const std::string &Key) {
  auto [It, New] = ByKey.try_emplace(Key);
  if (New)
    if (std::optional<std::vector<PointRef>> At =
            take(DB->pointsAccessing(Key)))
      It->second = std::move(*At);
  return Error ? nullptr : &It->second;
}

bool DatabaseView::forEachListUnder(
    const OrderingPoint &P,
    llvm::function_ref<void(const std::vector<PointRef> &)> Visit) {
  bool Failed = false;
  P.forEachKey([&](const std::string &Key) {
    if (Failed)
      return;
    if (const std::vector<PointRef> *At = pointsUnder(Key))
      Visit(*At);
    else
      Failed = true;
  });
  return !Failed;
}

bool DatabaseView::hasPartner(const OrderingPoint &P, const PointPlaces &Here) {
  // The partners found for the unit's other points first: its points come
  // in groups around the same flag (every walk of an RCU list), and a
  // partner among hundreds of readers is found once.
  for (PointRef At : Partners) {
    const OrderingPoint &Q = *Points[At].Point;
    if (!Here.count(placeOf(Q)) && pairsWith(P, Q))
      return true;
  }
  // A partner is filed under one of a few of P's locations (its flag,
  // mostly), with hundreds of points that are not partners (every reader
  // of a list shares its link field). A partner usually shares rarer
  // locations with P too: the candidates are tried in the order of the
  // rarest of P's locations each is filed under.
  llvm::DenseMap<PointRef, size_t> Rarest;
  if (!forEachListUnder(P, [&](const std::vector<PointRef> &At) {
        for (PointRef O : At) {
          auto [It, New] = Rarest.try_emplace(O, At.size());
          It->second = std::min(It->second, At.size());
        }
      }))
    return false;
  std::vector<PointRef> Candidates;
  for (const std::string &Key : partnerKeys(P))
    llvm::append_range(Candidates, *pointsUnder(Key));
  llvm::sort(Candidates, [&](PointRef A, PointRef B) {
    return std::make_pair(Rarest.lookup(A), A) <
           std::make_pair(Rarest.lookup(B), B);
  });
  Candidates.erase(std::unique(Candidates.begin(), Candidates.end()),
                   Candidates.end());
  for (PointRef At : Candidates) {
    // Pairing only grows with what a point accesses: a point that pairs
    // before its calls are resolved pairs after, so they are resolved only
    // when it does not.
    const OrderingPoint *Q = pointAt(At, /*Resolved=*/false);
    if (!Q)
      return false;
    if (Here.count(placeOf(*Q)) || !hasPartnerRole(P, *Q))
      continue;
    if (!pairsWith(P, *Q)) {
      Q = pointAt(At, /*Resolved=*/true);
      if (!Q)
        return false;
      if (!pairsWith(P, *Q))
        continue;
    }
    Partners.push_back(At);
    return true;
  }
  return false;
}

std::vector<const OrderingPoint *>
DatabaseView::pointsNear(llvm::ArrayRef<const OrderingPoint *> Of) {
  // Every location: the candidate a finding names may meet P on its data
  // only (lib/Pairing.h, findPartner).
  std::vector<PointRef> Refs;
  for (const OrderingPoint *P : Of)
    if (!forEachListUnder(*P, [&](const std::vector<PointRef> &At) {
          llvm::append_range(Refs, At);
        }))
      return {};
  return pointsAt(std::move(Refs));
}

std::vector<const OrderingPoint *>
DatabaseView::pointsAccessingBoth(const std::string &A, const std::string &B) {
  const std::vector<PointRef> *UnderA = pointsUnder(A);
  if (!UnderA)
    return {};
  std::vector<PointRef> First = *UnderA;
  const std::vector<PointRef> *UnderB = pointsUnder(B);
  if (!UnderB)
    return {};
  std::vector<PointRef> Second = *UnderB, Both;
  llvm::sort(First);
  llvm::sort(Second);
  std::set_intersection(First.begin(), First.end(), Second.begin(),
                        Second.end(), std::back_inserter(Both));
  return pointsAt(std::move(Both));
}

std::vector<const OrderingPoint *> DatabaseView::pointsIn(llvm::StringRef Name) {
  std::optional<std::vector<PointRef>> At = take(DB->pointsIn(Name));
  return At ? pointsAt(std::move(*At)) : std::vector<const OrderingPoint *>();
}

std::vector<const OrderingPoint *> DatabaseView::allPoints() {
  std::optional<std::vector<PointRef>> At = take(DB->allPoints());
  return At ? pointsAt(std::move(*At)) : std::vector<const OrderingPoint *>();
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
