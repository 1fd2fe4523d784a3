//===- ReturnsAcrossFiles.cpp - RMWs returned to callers in other files ---===//

#include "lib/ReturnsAcrossFiles.h"
#include "clang/Basic/SourceManager.h"
#include <map>
#include <set>
#include <tuple>

namespace clang::tidy::atomics {

bool isSharedLocation(const MemoryLocation &L) {
  return L.Kind == MemoryLocation::Global || L.Kind == MemoryLocation::Field;
}

RemoteAccess remoteAccess(const FlowSite &Site, const MemoryLocation &Loc,
                          const SourceManager &SM) {
  RemoteAccess X;
  X.Name = Site.Op.Name;
  X.Kind = Site.Op.Kind;
  X.Ordering = Site.Op.Ordering;
  X.Classes = Site.Op.Classes;
  X.Location = Loc;
  X.Location.Decl = nullptr;
  if (Site.isRemote()) {
    X.Function = Site.RemoteFunction;
    X.File = Site.RemoteFile;
    X.Line = Site.RemoteLine;
    X.Column = Site.RemoteColumn;
    return X;
  }
  X.Function = Site.Function ? Site.Function->getNameAsString() : "";
  // Where the operation's name is written (a macro's expansion: its use).
  SourceLocation At = SM.getFileLoc(
      Site.Op.Site.isValid() ? Site.Op.Site : Site.Op.Node->getBeginLoc());
  PresumedLoc P = SM.getPresumedLoc(At);
  if (P.isValid()) {
    X.File = P.getFilename();
    X.Line = P.getLine();
    X.Column = P.getColumn();
  }
  return X;
}

std::vector<RemoteCall> afterCallsOf(const BarrierFlowAnalysis &A,
                                     const SourceManager &SM) {
  // By call (the stand-in source), its loads each once.
  std::map<std::tuple<std::string, unsigned, unsigned, std::string>,
           RemoteCall>
      ByCall;
  std::set<std::pair<const FlowSite *, const FlowSite *>> Seen;
  for (const BarrierFinding &F : A.findings()) {
    const FlowSite &Call = *F.Source.Source;
    // Loads of other files (through summaries) are that file's to record;
    // a location only this function can name cannot be another's RMW's.
    if (!Call.IsOpaqueReturn || F.Conflict->isRemote() ||
        !isSharedLocation(F.ConflictLocation) ||
        !Seen.insert({&Call, F.Conflict}).second)
      continue;
    RemoteCall &R = ByCall[{Call.RemoteFile, Call.RemoteLine,
                            Call.RemoteColumn, Call.Op.Name}];
    if (R.Callee.empty()) {
      R.Callee = Call.Op.Name;
      R.Caller = Call.RemoteFunction;
      R.File = Call.RemoteFile;
      R.Line = Call.RemoteLine;
      R.Column = Call.RemoteColumn;
    }
    R.LoadsAfter.push_back(remoteAccess(*F.Conflict, F.ConflictLocation, SM));
  }
  std::vector<RemoteCall> Out;
  for (auto &[Key, R] : ByCall) {
    llvm::sort(R.LoadsAfter, [](const RemoteAccess &L, const RemoteAccess &M) {
      return std::tie(L.File, L.Line, L.Column, L.Location.Key) <
             std::tie(M.File, M.Line, M.Column, M.Location.Key);
    });
    Out.push_back(std::move(R));
  }
  return Out;
}

llvm::Error LoadsInCallers::find(const BarrierFlowAnalysis &A,
                                 CallsLookup CallsOf) {
  llvm::Error Result = llvm::Error::success();
  std::set<std::tuple<const FlowSite *, std::string, unsigned, unsigned,
                      std::string>>
      Seen;
  A.forEachSummary([&](const FunctionDecl *FD, const FunctionSummary &S) {
    if (Result || !FD->getIdentifier() || !FD->isExternallyVisible() ||
        FD->isInlined())
      return;
    // The RMWs of this unit it returns with, on locations other files name.
    std::vector<const PendingSource *> Pending;
    for (const PendingSource &P : S.PendingAtExit)
      if (!P.Source->isRemote() && isSharedLocation(P.Location))
        Pending.push_back(&P);
    if (Pending.empty())
      return;
    llvm::Expected<std::vector<RemoteCall>> Found =
        CallsOf(FD->getName());
    if (!Found) {
      Result = Found.takeError();
      return;
    }
    for (RemoteCall &C : *Found) {
      Calls.push_back(std::move(C));
      const RemoteCall &Call = Calls.back();
      for (const RemoteAccess &Load : Call.LoadsAfter) {
        FlowSite *Site = nullptr;
        for (const PendingSource *P : Pending) {
          // Same location: coherence orders the two accesses.
          if (P->Location.sameAs(Load.Location) ||
              !Seen.insert({P->Source, Load.File, Load.Line, Load.Column,
                            Load.Location.Key})
                   .second)
            continue;
          if (!Site) {
            Sites.push_back(remoteSite(Load));
            Site = &Sites.back();
            CallBySite[Site] = &Call;
          }
          Findings.push_back({*P, Site, Load.Location, {}, nullptr});
        }
      }
    }
  });
  return Result;
}

} // namespace clang::tidy::atomics
