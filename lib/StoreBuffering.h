//===- StoreBuffering.h - the other thread of a store-buffering race -*- C++ -*-//
//
// A seq-cst read-modify-write on X followed by a weaker load of Y lets the
// load be satisfied before the RMW's store is visible. That reordering is a
// bug only when another thread can observe it: code that writes Y and then
// loads X (the store-buffering shape: thread 1 RMW X, read Y; thread 2
// write Y, read X; both can read the old values). Every hang of QEMU's 2020
// and 2023 barrier series had that shape; a reference count followed by an
// unrelated read has no such partner and cannot go wrong.
//
// A partner is looked for among ordering points (OrderingFacts), where it
// tries to order its write before its load:
//   - the point is its write of Y, a seq-cst RMW or a release-or-stronger
//     store, and X is loaded after it; or
//   - the point is a full barrier or a seq-cst operation, Y is written
//     before it and X loaded after it.
// The load of X must be a load: an RMW of X is ordered with thread 1's RMW
// by coherence. The partner's accesses may be plain: what it orders is
// what matters (the Dekker idiom "x = 1; smp_mb(); if (y)" is often
// written with plain accesses), and the barrier is the evidence.
// A partner that is itself a seq-cst RMW then a load, with no barrier
// (QEMU 5.2's aio_wait_kick()), counts: the two sides are each other's
// partner, and both are reported.
//
// The partner must be other code than the RMW's side: a point in one of
// the functions that the path from the RMW to its load passes through is
// not one. Such a function racing with itself is the shape of a singleton
// thread (QEMU's call_rcu_thread() both increments and reads the queue it
// drains), of a lock taken twice by one owner, or of a statistic and a
// counter updated by the same request: none is a handshake, and none is
// what the 2023 fixes were about.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_STOREBUFFERING_H
#define ATOMICS_TIDY_LIB_STOREBUFFERING_H

#include "lib/OrderingFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::atomics {

class DatabaseView;

/// The other thread of a race on (RMW of X, then a load of Y).
struct StoreBufferingPartner {
  /// What orders its write before its load (or is its write).
  const OrderingPoint *Point = nullptr;
  /// Its write of Y, an entry of Point->WrittenBefore; null when Point
  /// is the write.
  const SharedLocation *Write = nullptr;
  /// Its load of X, an entry of Point->ReadAfter.
  const SharedLocation *Load = nullptr;
  /// From the whole-program database (places are "file:line" texts).
  bool FromDatabase = false;
};

/// Whether \p P is a store-buffering partner of an RMW of \p RmwKey
/// followed by a load of \p LoadKey.
std::optional<StoreBufferingPartner>
asStoreBufferingPartner(const OrderingPoint &P, llvm::StringRef RmwKey,
                        llvm::StringRef LoadKey);

/// Looks for partners in a translation unit's points and, when given, in
/// the whole-program database; each pair of locations is looked up once.
class StoreBufferingPartners {
public:
  /// \p Unit, \p DB (may be null) and what they point to must outlive it.
  StoreBufferingPartners(llvm::ArrayRef<const OrderingPoint *> Unit,
                         DatabaseView *DB)
      : Unit(Unit), DB(DB) {}

  /// A partner of an RMW of \p RmwKey followed by a load of \p LoadKey,
  /// in none of \p OwnFunctions (those of the RMW's own path): the best
  /// story in the unit, else the best in the database.
  std::optional<StoreBufferingPartner>
  find(const std::string &RmwKey, const std::string &LoadKey,
       const llvm::StringSet<> &OwnFunctions);

private:
  llvm::ArrayRef<const OrderingPoint *> Unit;
  DatabaseView *DB;
  /// Every partner of a pair of locations, the best stories first.
  struct Candidates {
    std::vector<StoreBufferingPartner> InUnit;
    std::optional<std::vector<StoreBufferingPartner>> InDatabase;
  };
  std::map<std::pair<std::string, std::string>, Candidates> Found;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_STOREBUFFERING_H
