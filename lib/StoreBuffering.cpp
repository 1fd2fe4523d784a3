//===- StoreBuffering.cpp - the other thread of a store-buffering race ----===//

#include "lib/StoreBuffering.h"
#include "lib/DatabaseView.h"

namespace clang::tidy::atomics {

namespace {

/// Whether \p Op's write is ordered before the loads after it: a
/// seq-cst read-modify-write, or a release-or-stronger store.
bool isOrderingWrite(const OrderingPoint &P) {
  const AtomicOperation &Op = P.Op;
  if (Op.Plain || !Op.OrderKnown)
    return false;
  if (Op.Kind != Access::Store && Op.Kind != Access::ReadModifyWrite)
    return false;
  return Op.Ordering == Order::SeqCst || (P.Roles & ReleaseRole) ||
         Op.isFullBarrier();
}

/// Whether \p P stands between what is written before it and what is
/// loaded after it: a full barrier, or an operation in the seq-cst order
/// on one of the two locations. One on a third location orders neither
/// (on Arm a seq-cst RMW is a load-acquire and a store-release: the load
/// after it can still pass the store before it), and code does not use it
/// to order them.
bool ordersStoresBeforeLoads(const OrderingPoint &P, llvm::StringRef RmwKey,
                             llvm::StringRef LoadKey) {
  const AtomicOperation &Op = P.Op;
  if (Op.isFullBarrier())
    return true;
  return !Op.Plain && Op.OrderKnown && Op.Ordering == Order::SeqCst &&
         P.Own && (P.Own->Key == RmwKey || P.Own->Key == LoadKey);
}

const SharedLocation *accessed(const LocationSet &S, llvm::StringRef Key,
                               unsigned char How) {
  auto It = S.find(Key.str());
  return It != S.end() && (It->second.How & How) ? &It->second : nullptr;
}

} // namespace

std::optional<StoreBufferingPartner>
asStoreBufferingPartner(const OrderingPoint &P, llvm::StringRef RmwKey,
                        llvm::StringRef LoadKey) {
  // Plain accesses count: what makes a partner is that it orders its write
  // before its load (QEMU 7.2's co-mutex unlock wrote the hand-off with a
  // barrier and then read the waiters' list head plainly).
  unsigned char Loads = AtomicLoad | PlainLoad;
  unsigned char Writes = AtomicWrite | PlainWrite;
  // It loads the RMW's location afterwards, with a load: an RMW of it is
  // ordered with thread 1's by coherence.
  const SharedLocation *Load = accessed(P.ReadAfter, RmwKey, Loads);
  if (!Load)
    return std::nullopt;
  StoreBufferingPartner Partner;
  Partner.Point = &P;
  Partner.Load = Load;
  if (P.Own && P.Own->Key == LoadKey && isOrderingWrite(P))
    return Partner;
  if (!ordersStoresBeforeLoads(P, RmwKey, LoadKey))
    return std::nullopt;
  Partner.Write = accessed(P.WrittenBefore, LoadKey, Writes);
  if (!Partner.Write)
    return std::nullopt;
  // Code that orders its write before its load with a barrier performs one
  // of them itself. A barrier with both only in functions it calls (a
  // scheduler's lock between the tasks it runs, a polling loop's barrier
  // between handlers) orders them by accident, not by any protocol.
  if (!(Partner.Write->How & WriteInFunction) &&
      !(Load->How & LoadInFunction))
    return std::nullopt;
  return Partner;
}

namespace {
/// Which partner the notes show when there are several: the one that
/// tells the story best, a full barrier, then a write that orders itself,
/// then any seq-cst operation between.
unsigned storyRank(const StoreBufferingPartner &P) {
  if (P.Point->Op.isFullBarrier())
    return 0;
  return P.Write ? 2 : 1;
}

/// Every partner among \p Points, the best stories first.
std::vector<StoreBufferingPartner>
partnersAmong(llvm::ArrayRef<const OrderingPoint *> Points,
              llvm::StringRef RmwKey, llvm::StringRef LoadKey,
              bool FromDatabase) {
  std::vector<StoreBufferingPartner> Out;
  for (const OrderingPoint *P : Points)
    if (auto Partner = asStoreBufferingPartner(*P, RmwKey, LoadKey)) {
      Partner->FromDatabase = FromDatabase;
      Out.push_back(*Partner);
    }
  llvm::stable_sort(Out, [](const StoreBufferingPartner &A,
                            const StoreBufferingPartner &B) {
    return storyRank(A) < storyRank(B);
  });
  return Out;
}

std::optional<StoreBufferingPartner>
firstOutside(const std::vector<StoreBufferingPartner> &Partners,
             const llvm::StringSet<> &OwnFunctions) {
  for (const StoreBufferingPartner &P : Partners)
    if (!OwnFunctions.contains(P.Point->FunctionName))
      return P;
  return std::nullopt;
}
} // namespace

std::optional<StoreBufferingPartner>
StoreBufferingPartners::find(const std::string &RmwKey,
                             const std::string &LoadKey,
                             const llvm::StringSet<> &OwnFunctions) {
  auto [It, New] = Found.try_emplace({RmwKey, LoadKey});
  Candidates &C = It->second;
  if (New)
    C.InUnit = partnersAmong(Unit, RmwKey, LoadKey, false);
  if (auto P = firstOutside(C.InUnit, OwnFunctions))
    return P;
  if (!DB)
    return std::nullopt;
  if (!C.InDatabase)
    C.InDatabase = partnersAmong(DB->pointsAccessingBoth(RmwKey, LoadKey),
                                 RmwKey, LoadKey, true);
  return firstOutside(*C.InDatabase, OwnFunctions);
}

} // namespace clang::tidy::atomics
