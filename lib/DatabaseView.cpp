//===- DatabaseView.cpp - what one unit reads of the database -------------===//

#include "lib/DatabaseView.h"
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

std::vector<const OrderingPoint *>
DatabaseView::pointsAt(std::vector<uint64_t> Offsets) {
  llvm::sort(Offsets);
  Offsets.erase(std::unique(Offsets.begin(), Offsets.end()), Offsets.end());
  std::vector<const OrderingPoint *> Out;
  for (uint64_t At : Offsets) {
    auto [It, New] = Points.try_emplace(At);
    if (New) {
      std::optional<OrderingPoint> P = take(DB->point(At));
      if (!P)
        return {};
      It->second = std::make_unique<OrderingPoint>(std::move(*P));
      resolve(*It->second);
    }
    Out.push_back(It->second.get());
  }
  return Error ? std::vector<const OrderingPoint *>() : Out;
}

std::vector<const OrderingPoint *>
DatabaseView::pointsNear(llvm::ArrayRef<const OrderingPoint *> Of) {
  std::set<std::string> Keys;
  for (const OrderingPoint *P : Of)
    P->forEachKey([&](const std::string &Key) { Keys.insert(Key); });
  std::vector<uint64_t> Offsets;
  for (const std::string &Key : Keys)
    if (std::optional<std::vector<uint64_t>> At =
            take(DB->pointsAccessing(Key)))
      llvm::append_range(Offsets, *At);
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
  std::set<std::tuple<llvm::StringRef, unsigned, unsigned, llvm::StringRef>>
      Here;
  for (const OrderingPoint *P : Live)
    Here.insert({P->File, P->Line, P->Column, P->FunctionName});
  for (const OrderingPoint *P : FromDatabase)
    if (!Here.count({P->File, P->Line, P->Column, P->FunctionName}))
      All.push_back(P);
  return All;
}

} // namespace clang::tidy::atomics
