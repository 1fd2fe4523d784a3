//===- OrderingFacts.h - what each ordering operation orders ----*- C++ -*-===//
//
// The facts barrier pairing is decided on (atomics-unpaired-barrier, and the
// whole-program database that will carry them across files): for every
// ordering operation of a function (an acquire or release operation, a
// barrier, and the operations that can be a partner of one: seq-cst loads,
// stores and read-modify-writes), which shared locations the function can
// write and read before it and after it.
//
// "Before" and "after" follow the function's control-flow graph: an access
// is before the operation when some path leads from it to the operation, and
// after when some path leads from the operation to it (in a loop, both).
// Shared locations are those with an identity across functions: variables
// with static storage and struct fields (see MemoryLocation); plain accesses
// count as well as atomic ones, since what a barrier publishes is usually
// plain data. A call counts as the accesses of its callee and of what that
// calls, a bounded number of levels deep (CallAccesses).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_ORDERINGFACTS_H
#define ATOMICS_TIDY_LIB_ORDERINGFACTS_H

#include "lib/AtomicOperation.h"
#include "clang/AST/Decl.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::atomics {

class CallAccesses;

/// How a location is accessed on one side of an operation (bits; one
/// entry of a LocationSet gathers every access of its location there).
/// Store-buffering partners (lib/StoreBuffering.h) need to tell a load from
/// the load half of a read-modify-write, and atomic accesses from plain.
enum AccessHow : unsigned char {
  AtomicLoad = 1u << 0,  ///< An atomic load (not a read-modify-write).
  PlainLoad = 1u << 1,   ///< A non-atomic load.
  AtomicWrite = 1u << 2, ///< An atomic store or read-modify-write.
  PlainWrite = 1u << 3,  ///< A non-atomic store.
  RmwAccess = 1u << 4,   ///< A read-modify-write (its read or its write).
  /// One of the loads (not a read-modify-write's read), or one of the
  /// writes, is written in the point's own function, not only in a function
  /// it calls: code that orders a write before a load with a barrier
  /// performs one of the two itself (lib/StoreBuffering.cpp).
  LoadInFunction = 1u << 5,
  WriteInFunction = 1u << 6,
  /// A database written before the bits were recorded: any of them.
  AnyAccess = AtomicLoad | PlainLoad | AtomicWrite | PlainWrite | RmwAccess,
};

/// A shared location as pairing sees it.
struct SharedLocation {
  std::string Key;      ///< MemoryLocation::Key.
  std::string Spelling; ///< For messages.
  /// Provably not shared with other translation units: a variable with
  /// internal linkage, or a field of a struct defined in the main file.
  bool Local = false;
  unsigned char How = 0; ///< AccessHow bits.
  /// Where one of those accesses is written, an atomic one rather than a
  /// plain one: in this translation unit Loc; read from the database,
  /// At ("file:line"). Notes point there.
  SourceLocation Loc;
  std::string At;
};

/// Locations by key (ordered: messages list them in a stable order).
using LocationSet = std::map<std::string, SharedLocation>;

/// Adds \p L to \p S, or its access to the entry of its location.
void addAccess(LocationSet &S, const SharedLocation &L);
/// Adds every entry of \p From to \p S (addAccess).
void addAccesses(LocationSet &S, const LocationSet &From);
/// The AccessHow bits of \p Op's access as a read (\p Reading) or a write.
unsigned char accessHow(const AtomicOperation &Op, bool Reading);

enum PairRole : unsigned {
  AcquireRole = 1u << 0, ///< Can observe a release (load side).
  ReleaseRole = 1u << 1, ///< Can publish to an acquire (store side).
};

struct OrderingPoint {
  /// The operation. Points read from the whole-program database have no AST
  /// (Op.Node is null): only Kind, Classes, Ordering and Name.
  AtomicOperation Op;
  const FunctionDecl *Function = nullptr; ///< Null from the database.
  std::string FunctionName;
  /// Where the operation is written (file location), for messages and to
  /// recognise one operation seen from several translation units.
  std::string File;
  unsigned Line = 0, Column = 0;
  unsigned Roles = 0;
  /// An acquire or release operation, or a full barrier: the check reports
  /// it when it has no partner. The others (seq-cst loads, stores and RMWs)
  /// are only partners.
  bool Reportable = false;
  /// The location the operation itself loads or stores (none for a
  /// barrier): a store-release publishes by writing it, a load-acquire
  /// observes by reading it.
  std::optional<SharedLocation> Own;
  LocationSet WrittenBefore, ReadBefore, WrittenAfter, ReadAfter;
  /// Functions called before and after whose bodies the translation unit
  /// does not have, with the levels of calls left to follow in each: the
  /// whole-program database adds their accesses (DatabaseView::resolve).
  std::map<std::string, unsigned> CallsBefore, CallsAfter;

  bool isFullBarrier() const { return Op.isFullBarrier(); }
  bool isFence() const { return Op.Kind == Access::Fence; }
  /// "release barrier", "store-release", ...: for messages.
  std::string what() const;
  /// What a release side publishes with: its own store, or (a barrier) the
  /// stores after it.
  const LocationSet &flagWritten(LocationSet &Scratch) const;
  /// What an acquire side observes with: its own load, or (a barrier) the
  /// loads before it.
  const LocationSet &flagRead(LocationSet &Scratch) const;
  /// Every location the operation orders: its own, and those accessed
  /// before and after it.
  LocationSet ordered() const;
  /// Visits the key of its own location and of each location accessed
  /// before and after it (a key may come more than once): what the
  /// pairing index files it under (lib/Pairing.h, docs/database.md).
  template <typename Fn> void forEachKey(Fn Visit) const {
    if (Own)
      Visit(Own->Key);
    for (const LocationSet *S :
         {&WrittenBefore, &WrittenAfter, &ReadBefore, &ReadAfter})
      for (const auto &[Key, L] : *S)
        Visit(Key);
  }
};

/// The pairing roles (PairRole bits) of an operation, and whether
/// atomics-unpaired-barrier reports it when it has no partner.
std::pair<unsigned, bool> pairRoles(const AtomicOperation &Op);

/// Whether \p FD's body performs an operation with a pairing role (one that
/// atomics-unpaired-barrier reports, with \p ReportableOnly), found
/// without building its CFG.
bool hasOrderingPoint(const FunctionDecl *FD, const OperationClassifier &C,
                      bool ReportableOnly);

/// The ordering points of \p FD's body, with what it accesses around them,
/// calls included through \p Calls. \p Plain must classify plain accesses
/// too (ClassifierOptions::PlainAccesses).
std::vector<OrderingPoint> collectOrderingPoints(const FunctionDecl *FD,
                                                 ASTContext &Ctx,
                                                 const OperationClassifier &Plain,
                                                 CallAccesses &Calls);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_ORDERINGFACTS_H
