//===- Pairing.cpp - which ordering operations pair with which ------------===//

#include "lib/Pairing.h"

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
  if (!meet(Release.flagWritten(S1), Acquire.flagRead(S2)))
    return false;
  // A store-release and a load-acquire of one location synchronize by it.
  if (Release.Own && Acquire.Own && !Release.isFence() &&
      !Acquire.isFence())
    return true;
  return meet(Release.WrittenBefore, Acquire.ReadAfter);
}

bool pairsAsDekker(const OrderingPoint &A, const OrderingPoint &B) {
  return A.isFullBarrier() && B.isFullBarrier() &&
         meet(A.WrittenBefore, B.ReadAfter) &&
         meet(B.WrittenBefore, A.ReadAfter);
}

PairingVerdict findPartner(const OrderingPoint &P,
                           llvm::ArrayRef<const OrderingPoint *> All) {
  PairingVerdict V;
  unsigned Shapes = shapesOf(P);
  unsigned Best = 0;
  for (const OrderingPoint *Q : All) {
    // Only a full barrier can be its own partner (one function, two
    // threads); any other point has one role, and a partner needs the
    // other.
    if (Q == &P && !P.isFullBarrier())
      continue;
    if (((Shapes & AsRelease) && pairsAsMessage(P, *Q)) ||
        ((Shapes & AsAcquire) && pairsAsMessage(*Q, P)) ||
        ((Shapes & AsDekker) && pairsAsDekker(P, *Q))) {
      V.Partner = Q;
      return V;
    }
    unsigned C = 0;
    std::string Lacks;
    if ((Shapes & AsRelease) && (Q->Roles & AcquireRole)) {
      C = closeness(P, *Q);
      LocationSet S;
      Lacks = C == 2 ? "reads none of " + listLocations(P.WrittenBefore) +
                           " after it"
                     : "reads " + listLocations(Q->ReadAfter) +
                           " after it, but none of " +
                           listLocations(P.flagWritten(S)) + " before it";
    }
    if ((Shapes & AsAcquire) && (Q->Roles & ReleaseRole)) {
      unsigned D = closeness(*Q, P);
      if (D > C) {
        C = D;
        LocationSet S;
        Lacks = D == 2 ? "writes none of " + listLocations(P.ReadAfter) +
                             " before it"
                       : "writes " + listLocations(Q->WrittenBefore) +
                             " before it, but none of " +
                             listLocations(P.flagRead(S)) + " after it";
      }
    }
    if (C > Best && C < 3) {
      Best = C;
      V.Candidate = Q;
      V.CandidateLacks = Lacks;
    }
  }
  return V;
}

bool partnersMustBeLocal(const OrderingPoint &P) {
  unsigned Shapes = shapesOf(P);
  LocationSet S;
  // A partner must meet the flag; a barrier's partner must meet the data
  // too (only two accesses of one location pair by the flag alone).
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
