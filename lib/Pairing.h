//===- Pairing.h - which ordering operations pair with which ----*- C++ -*-===//
//
// QEMU's rule (docs/devel/atomics.rst): an acquire operation almost always
// pairs with a release operation of another thread, and vice versa.
//
//  - Message passing: a release side publishes data by a later write (its
//    "flag": the location a store-release writes, or what a release barrier
//    is followed by); an acquire side observes the flag (the location a
//    load-acquire reads, or what an acquire barrier is preceded by) and then
//    reads the data. They pair when the flags meet and the data written
//    before the one is read after the other. When one side is an operation
//    on the flag itself (a store-release, a load-acquire) the flag is
//    enough: a release operation synchronizes with any acquire operation
//    that observes it.
//    A consume load (qatomic_rcu_read()) also pairs with a release that
//    publishes what it loads as data: the next pointers of an RCU list,
//    stored before the element is published, are read by dependency.
//  - Dekker: two full barriers, each after a store and before a load, pair
//    when what is stored before each is loaded after the other.
//
// smp_mb() is both acquire and release; seq-cst accesses are partners (a
// seq-cst load acquires, a seq-cst store releases, a seq-cst RMW does both).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_PAIRING_H
#define ATOMICS_TIDY_LIB_PAIRING_H

#include "lib/OrderingFacts.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::atomics {

/// The shapes in which a point can need a partner.
enum PairShape : unsigned {
  AsRelease = 1u << 0, ///< Publishes: something written before and a flag.
  AsAcquire = 1u << 1, ///< Observes: a flag, then something read after.
  AsDekker = 1u << 2,  ///< Full barrier: stores before, loads after.
};

/// The shapes \p P takes part in with what its function accesses around it
/// (a barrier with nothing on one side orders nothing this analysis sees).
unsigned shapesOf(const OrderingPoint &P);

/// Whether \p Release publishes what \p Acquire observes.
bool pairsAsMessage(const OrderingPoint &Release, const OrderingPoint &Acquire);
/// Whether two full barriers order each other's stores before their loads.
bool pairsAsDekker(const OrderingPoint &A, const OrderingPoint &B);

/// Whether \p P (in the shapes it has) pairs with \p Q.
bool pairsWith(const OrderingPoint &P, const OrderingPoint &Q);

/// Whether \p Q has the role a partner of \p P needs in one of P's shapes
/// (the other side of a message, or a full barrier for a Dekker pair):
/// what no further access of Q's can change, so a search that learns more
/// of what Q accesses (its calls, resolved) needs it first.
bool hasPartnerRole(const OrderingPoint &P, const OrderingPoint &Q);

/// The keys of the locations every partner of \p P accesses at least one
/// of (as its own, or before or after it): the flag of a message, the
/// stores a consume load or a Dekker barrier meets. A few of P's keys: the
/// data it reads after or wrote before is shared by points that do not
/// pair with it. Sorted, each once.
std::vector<std::string> partnerKeys(const OrderingPoint &P);

struct PairingVerdict {
  const OrderingPoint *Partner = nullptr;
  /// When there is no partner: the point that comes closest (its flag
  /// matches but not the data, or the other way round), and what it lacks.
  const OrderingPoint *Candidate = nullptr;
  std::string CandidateLacks;
};

/// A partner of \p P among \p All (which may hold \p P itself: a function
/// that two threads run can pair with itself at a full barrier).
PairingVerdict findPartner(const OrderingPoint &P,
                           llvm::ArrayRef<const OrderingPoint *> All);

/// The points of a program by the locations they access: a partner, or a
/// candidate for one, meets a point on at least one of its locations, so
/// the search for one looks at those only. Searching all of them for each
/// point grew with the square of the points of a unit.
class PartnerIndex {
public:
  /// \p All must outlive the index.
  explicit PartnerIndex(llvm::ArrayRef<const OrderingPoint *> All);

  /// What findPartner(P, All) answers.
  PairingVerdict find(const OrderingPoint &P) const;

private:
  llvm::ArrayRef<const OrderingPoint *> All;
  llvm::StringMap<std::vector<unsigned>> ByLocation; ///< Positions in All.
};

/// Whether every partner \p P could have must be in this translation unit:
/// in some shape, all the locations a partner must access are Local.
bool partnersMustBeLocal(const OrderingPoint &P);

/// The pairing graph of \p All in Graphviz's DOT language: a node for each
/// operation that is reported when unpaired (in red when it is) and for each
/// partner of one, an edge for each such pair (from the release side;
/// Dekker pairs undirected), labelled with the variables they meet on.
std::string pairingGraphDOT(llvm::ArrayRef<const OrderingPoint *> All);

/// Words that, in a comment next to an operation, say its partner is
/// outside the program (QEMU's comments: "pairs with read barriers in the
/// guest", "... in the kernel futex_wait system call"): the default of the
/// checks' ExternalPartnerKeywords option.
constexpr llvm::StringLiteral DefaultExternalPartnerKeywords =
    "guest;device;hardware;kernel;driver;external";

/// The lower-case words of a keyword list separated by ';' or ','.
std::vector<std::string> parseKeywords(llvm::StringRef Text);

/// Whether \p Text contains one of \p Keywords (lower case), as a word or
/// the start of one ("drivers").
bool mentionsKeyword(llvm::StringRef Text,
                     llvm::ArrayRef<std::string> Keywords);

/// "'a', 'b' and 2 more": names for messages.
std::string listLocations(const LocationSet &S, unsigned Max = 3);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_PAIRING_H
