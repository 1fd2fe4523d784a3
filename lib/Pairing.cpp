//===- Pairing.cpp - which ordering operations pair with which ------------===//

#include "lib/Pairing.h"
#include "llvm/Support/Path.h"
#include <map>
#include <set>

namespace clang::tidy::atomics {

namespace {

bool meet(const LocationSet &A, const LocationSet &B) {
  const LocationSet &Small = A.size() <= B.size() ? A : B;
  const LocationSet &Large = A.size() <= B.size() ? B : A;
  for (const auto &[Key, L] : Small)
    if (Large.count(Key))
      return true;
  return false;
}

bool allLocal(const LocationSet &S) {
  if (S.empty())
    return false;
  for (const auto &[Key, L] : S)
    if (!L.Local)
      return false;
  return true;
}

/// How close \p Acquire comes to pairing with \p Release: the flags meet
/// (2), the data meets (1).
unsigned closeness(const OrderingPoint &Release, const OrderingPoint &Acquire) {
  LocationSet S1, S2;
  return (meet(Release.flagWritten(S1), Acquire.flagRead(S2)) ? 2 : 0) +
         (meet(Release.WrittenBefore, Acquire.ReadAfter) ? 1 : 0);
}

} // namespace

unsigned shapesOf(const OrderingPoint &P) {
  unsigned Shapes = 0;
  LocationSet Scratch;
  if ((P.Roles & ReleaseRole) && !P.flagWritten(Scratch).empty() &&
      (P.Own || !P.WrittenBefore.empty()))
    Shapes |= AsRelease;
  if ((P.Roles & AcquireRole) && !P.flagRead(Scratch).empty() &&
      (P.Own || !P.ReadAfter.empty()))
    Shapes |= AsAcquire;
  if (P.isFullBarrier() && !P.WrittenBefore.empty() && !P.ReadAfter.empty())
    Shapes |= AsDekker;
  return Shapes;
}

bool pairsAsMessage(const OrderingPoint &Release,
                    const OrderingPoint &Acquire) {
  if (!(Release.Roles & ReleaseRole) || !(Acquire.Roles & AcquireRole))
    return false;
  LocationSet S1, S2;
  // A consume load (qatomic_rcu_read()) follows a dependency from what a
  // release published: RCU readers load the next pointers that the writer
  // stored before publishing the element (QLIST_INSERT_HEAD_RCU()).
  if (Acquire.Own && !Acquire.isFence() &&
      Acquire.Op.Ordering == Order::Consume &&
      Release.WrittenBefore.count(Acquire.Own->Key))
    return true;
  if (!meet(Release.flagWritten(S1), Acquire.flagRead(S2)))
    return false;
  // An operation on the flag itself synchronizes with whatever observes or
  // publishes that flag: a store-release with a load-acquire or with a load
  // followed by an acquire barrier, a release barrier followed by a store
  // with a load-acquire. Two barriers pair when the data meets too.
  if (!Release.isFence() || !Acquire.isFence())
    return true;
  return meet(Release.WrittenBefore, Acquire.ReadAfter);
}

bool pairsAsDekker(const OrderingPoint &A, const OrderingPoint &B) {
  return A.isFullBarrier() && B.isFullBarrier() &&
         meet(A.WrittenBefore, B.ReadAfter) &&
         meet(B.WrittenBefore, A.ReadAfter);
}

bool pairsWith(const OrderingPoint &P, const OrderingPoint &Q) {
  // Only a full barrier can be its own partner (one function, two
  // threads); any other point has one role, and a partner needs the other.
  if (&Q == &P && !P.isFullBarrier())
    return false;
  unsigned Shapes = shapesOf(P);
  return ((Shapes & AsRelease) && pairsAsMessage(P, Q)) ||
         ((Shapes & AsAcquire) && pairsAsMessage(Q, P)) ||
         ((Shapes & AsDekker) && pairsAsDekker(P, Q));
}

bool hasPartnerRole(const OrderingPoint &P, const OrderingPoint &Q) {
  // Read off pairsAsMessage() and pairsAsDekker().
  unsigned Shapes = shapesOf(P);
  return ((Shapes & AsRelease) && (Q.Roles & AcquireRole)) ||
         ((Shapes & AsAcquire) && (Q.Roles & ReleaseRole)) ||
         ((Shapes & AsDekker) && Q.isFullBarrier());
}

std::vector<std::string> partnerKeys(const OrderingPoint &P) {
  // Read off pairsAsMessage() and pairsAsDekker(), in each shape P has.
  std::set<std::string> Keys;
  auto AddAll = [&](const LocationSet &S) {
    for (const auto &[Key, L] : S)
      Keys.insert(Key);
  };
  unsigned Shapes = shapesOf(P);
  LocationSet Scratch;
  if (Shapes & AsRelease) {
    // An acquire side reads the flag P writes, or (consume) loads what P
    // wrote before it.
    AddAll(P.flagWritten(Scratch));
    AddAll(P.WrittenBefore);
  }
  if (Shapes & AsAcquire) // A release side writes the flag P reads, or
    AddAll(P.flagRead(Scratch)); // (consume) wrote before it what P loads.
  if (Shapes & AsDekker)
    AddAll(P.WrittenBefore); // The other barrier reads one of them after.
  return std::vector<std::string>(Keys.begin(), Keys.end());
}

PairingVerdict findPartner(const OrderingPoint &P,
                           llvm::ArrayRef<const OrderingPoint *> All) {
  PairingVerdict V;
  unsigned Shapes = shapesOf(P);
  unsigned Best = 0;
  for (const OrderingPoint *Q : All) {
    if (Q == &P && !P.isFullBarrier())
      continue;
    if (pairsWith(P, *Q)) {
      V.Partner = Q;
      return V;
    }
    // How close Q comes, in the shape that comes closest; what it lacks is
    // spelled out only for the best candidate so far.
    unsigned C = 0;
    bool AsReleaseSide = false;
    if ((Shapes & AsRelease) && (Q->Roles & AcquireRole)) {
      C = closeness(P, *Q);
      AsReleaseSide = true;
    }
    if ((Shapes & AsAcquire) && (Q->Roles & ReleaseRole)) {
      unsigned D = closeness(*Q, P);
      if (D > C) {
        C = D;
        AsReleaseSide = false;
      }
    }
    if (C <= Best || C >= 3)
      continue;
    Best = C;
    V.Candidate = Q;
    LocationSet S;
    if (AsReleaseSide)
      V.CandidateLacks =
          C == 2 ? "reads none of " + listLocations(P.WrittenBefore) +
                       " after it"
                 : "reads " + listLocations(Q->ReadAfter) +
                       " after it, but none of " +
                       listLocations(P.flagWritten(S)) + " before it";
    else
      V.CandidateLacks =
          C == 2 ? "writes none of " + listLocations(P.ReadAfter) +
                       " before it"
                 : "writes " + listLocations(Q->WrittenBefore) +
                       " before it, but none of " +
                       listLocations(P.flagRead(S)) + " after it";
  }
  return V;
}

PartnerIndex::PartnerIndex(llvm::ArrayRef<const OrderingPoint *> All)
    : All(All) {
  for (unsigned I = 0; I < All.size(); ++I)
    All[I]->forEachKey([&](const std::string &Key) {
      std::vector<unsigned> &At = ByLocation[Key];
      if (At.empty() || At.back() != I)
        At.push_back(I);
    });
}

PairingVerdict PartnerIndex::find(const OrderingPoint &P) const {
  // The points that share a location with P, in the order of All (which
  // decides between equally good candidates).
  std::vector<unsigned> Near;
  P.forEachKey([&](const std::string &Key) {
    auto It = ByLocation.find(Key);
    if (It != ByLocation.end())
      llvm::append_range(Near, It->second);
  });
  llvm::sort(Near);
  Near.erase(std::unique(Near.begin(), Near.end()), Near.end());
  std::vector<const OrderingPoint *> Candidates;
  Candidates.reserve(Near.size());
  for (unsigned I : Near)
    Candidates.push_back(All[I]);
  return findPartner(P, Candidates);
}

bool partnersMustBeLocal(const OrderingPoint &P) {
  unsigned Shapes = shapesOf(P);
  LocationSet S;
  // A partner must meet the flag; a barrier's partner may be another
  // barrier, which must meet the data too.
  bool Fence = P.isFence();
  if ((Shapes & AsRelease) && (allLocal(P.flagWritten(S)) ||
                               (Fence && allLocal(P.WrittenBefore))))
    return true;
  if ((Shapes & AsAcquire) &&
      (allLocal(P.flagRead(S)) || (Fence && allLocal(P.ReadAfter))))
    return true;
  if ((Shapes & AsDekker) &&
      (allLocal(P.WrittenBefore) || allLocal(P.ReadAfter)))
    return true;
  return false;
}

namespace {

std::string dotEscape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out;
}

/// The variables two paired points meet on, for the edge's label.
LocationSet meeting(const OrderingPoint &Release, const OrderingPoint &Acquire) {
  LocationSet S1, S2, Out;
  const LocationSet &W = Release.flagWritten(S1);
  const LocationSet &R = Acquire.flagRead(S2);
  for (const auto &[Key, L] : W)
    if (R.count(Key))
      Out.emplace(Key, L);
  return Out;
}

} // namespace

std::string pairingGraphDOT(llvm::ArrayRef<const OrderingPoint *> All) {
  std::string Out = "digraph pairing {\n"
                    "  rankdir=LR;\n"
                    "  node [shape=box, fontname=\"monospace\", fontsize=10];\n"
                    "  edge [fontname=\"monospace\", fontsize=9];\n";
  std::map<const OrderingPoint *, unsigned> Id;
  std::string Edges;
  for (size_t I = 0; I < All.size(); ++I) {
    // Each unordered pair once.
    for (size_t J = I + 1; J < All.size(); ++J) {
      const OrderingPoint *P = All[I], *Q = All[J];
      // The graph is about what the check reports: pairs between two
      // partner-only accesses (two RMWs of a counter) would drown it.
      if (!P->Reportable && !Q->Reportable)
        continue;
      bool Forward = (shapesOf(*P) & AsRelease) && pairsAsMessage(*P, *Q);
      bool Backward = (shapesOf(*Q) & AsRelease) && pairsAsMessage(*Q, *P);
      bool Dekker = pairsAsDekker(*P, *Q);
      if (!Forward && !Backward && !Dekker)
        continue;
      for (const OrderingPoint *X : {P, Q})
        Id.emplace(X, Id.size());
      auto Edge = [&](const OrderingPoint *From, const OrderingPoint *To,
                      const std::string &Label, bool Directed) {
        Edges += "  n" + std::to_string(Id[From]) + " -> n" +
                 std::to_string(Id[To]) + " [label=\"" + dotEscape(Label) +
                 "\"" + (Directed ? "" : ", dir=none, style=dashed") + "];\n";
      };
      if (Forward)
        Edge(P, Q, listLocations(meeting(*P, *Q)), true);
      if (Backward)
        Edge(Q, P, listLocations(meeting(*Q, *P)), true);
      if (Dekker && !Forward && !Backward)
        Edge(P, Q, "Dekker", false);
    }
  }
  for (const OrderingPoint *P : All)
    if (P->Reportable && shapesOf(*P))
      Id.emplace(P, Id.size());
  std::vector<std::pair<unsigned, const OrderingPoint *>> Nodes;
  for (const auto &[P, N] : Id)
    Nodes.push_back({N, P});
  llvm::sort(Nodes, [](const auto &L, const auto &R) { return L.first < R.first; });
  for (const auto &[N, P] : Nodes) {
    bool Paired = llvm::any_of(All, [&](const OrderingPoint *Q) {
      return pairsWith(*P, *Q);
    });
    Out += "  n" + std::to_string(N) + " [label=\"" +
           dotEscape(P->Op.Name) + "\\n" + dotEscape(P->FunctionName) +
           "()\\n" + dotEscape(llvm::sys::path::filename(P->File)) + ":" +
           std::to_string(P->Line) +
           "\"" + (Paired ? "" : ", color=red, fontcolor=red") + "];\n";
  }
  return Out + Edges + "}\n";
}

std::vector<std::string> parseKeywords(llvm::StringRef Text) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts) {
    llvm::SmallVector<llvm::StringRef, 4> Sub;
    P.split(Sub, ',', -1, false);
    for (llvm::StringRef W : Sub)
      if (!W.trim().empty())
        Out.push_back(W.trim().lower());
  }
  return Out;
}

bool mentionsKeyword(llvm::StringRef Text,
                     llvm::ArrayRef<std::string> Keywords) {
  std::string Lower = Text.lower();
  llvm::StringRef L(Lower);
  for (const std::string &K : Keywords)
    for (size_t At = L.find(K); At != llvm::StringRef::npos;
         At = L.find(K, At + 1))
      if (At == 0 || !(isalnum(L[At - 1]) || L[At - 1] == '_'))
        return true;
  return false;
}

std::string listLocations(const LocationSet &S, unsigned Max) {
  std::string Out;
  unsigned I = 0;
  for (const auto &[Key, L] : S) {
    if (I == Max) {
      Out += " and " + std::to_string(S.size() - Max) + " more";
      break;
    }
    if (I > 0)
      Out += I + 1 == S.size() ? " and " : ", ";
    Out += "'" + L.Spelling + "'";
    ++I;
  }
  return Out;
}

} // namespace clang::tidy::atomics
