//===- UnpairedBarrierCheck.cpp - atomics-unpaired-barrier ----------------===//

#include "checks/UnpairedBarrierCheck.h"
#include "lib/Pairing.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::atomics {

namespace {

constexpr llvm::StringLiteral KeywordsOption = "ExternalPartnerKeywords";
// Words QEMU's comments use for partners that are not in QEMU's code.
constexpr llvm::StringLiteral DefaultKeywords =
    "guest;device;hardware;kernel;driver;external";

std::vector<std::string> splitKeywords(StringRef Text) {
  std::vector<std::string> Out;
  llvm::SmallVector<StringRef, 8> Parts;
  Text.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts) {
    llvm::SmallVector<StringRef, 4> Sub;
    P.split(Sub, ',', -1, false);
    for (StringRef W : Sub)
      if (!W.trim().empty())
        Out.push_back(W.trim().lower());
  }
  return Out;
}

/// "release barrier", "store-release", ...: what the point is, for messages.
std::string what(const OrderingPoint &P) {
  if (P.Op.Kind != Access::Fence)
    return P.Op.describe();
  if (P.isFullBarrier())
    return "full barrier";
  return (P.Roles & AcquireRole) ? "acquire barrier" : "release barrier";
}

} // namespace

UnpairedBarrierCheck::UnpairedBarrierCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawKeywords(Options.get(KeywordsOption, DefaultKeywords)),
      Keywords(splitKeywords(RawKeywords)) {
  // What is written before and read after a barrier is usually plain data.
  Classification.PlainAccesses = true;
}

void UnpairedBarrierCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, KeywordsOption, RawKeywords);
}

void UnpairedBarrierCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition()).bind("fn"), this);
}

void UnpairedBarrierCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!FD || FD->isDependentContext() || FD->isInvalidDecl())
    return;
  Ctx = Result.Context;
  OperationClassifier Classifier(*Ctx, Classification);
  for (OrderingPoint &P : collectOrderingPoints(FD, *Ctx, Classifier))
    Points.push_back(std::move(P));
}

void UnpairedBarrierCheck::onEndOfTranslationUnit() {
  std::vector<const OrderingPoint *> All;
  for (const OrderingPoint &P : Points)
    All.push_back(&P);
  for (const OrderingPoint *P : All)
    if (P->Reportable)
      report(*P, All);
  Points.clear();
  Ctx = nullptr;
}

SourceLocation UnpairedBarrierCheck::writtenAt(const OrderingPoint &P) const {
  const SourceManager &SM = Ctx->getSourceManager();
  return SM.getFileLoc(P.Op.Site.isValid() ? P.Op.Site
                                           : P.Op.Node->getBeginLoc());
}

bool UnpairedBarrierCheck::declaresExternalPartner(SourceLocation Loc) const {
  if (Keywords.empty())
    return false;
  const SourceManager &SM = Ctx->getSourceManager();
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return false;
  auto Mentions = [&](StringRef Text) {
    std::string Lower = Text.lower();
    for (const std::string &K : Keywords)
      if (StringRef(Lower).contains(K))
        return true;
    return false;
  };
  // The operation's own line: a trailing comment.
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buffer.find('\n', Offset);
  StringRef Line = Buffer.slice(LineStart, LineEnd);
  size_t Comment = Line.find("//");
  if (Comment == StringRef::npos)
    Comment = Line.find("/*");
  if (Comment != StringRef::npos && Mentions(Line.substr(Comment)))
    return true;
  // The comment lines right above it.
  size_t End = LineStart;
  while (End > 0) {
    size_t Start = Buffer.rfind('\n', End - 1);
    Start = Start == StringRef::npos ? 0 : Start + 1;
    StringRef Above = Buffer.slice(Start, End).trim();
    bool IsComment = Above.starts_with("//") || Above.starts_with("/*") ||
                     Above.starts_with("*") || Above.ends_with("*/");
    if (!IsComment)
      break;
    if (Mentions(Above))
      return true;
    End = Start;
  }
  return false;
}

void UnpairedBarrierCheck::report(const OrderingPoint &P,
                                  llvm::ArrayRef<const OrderingPoint *> All) {
  unsigned Shapes = shapesOf(P);
  if (!Shapes)
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Loc = writtenAt(P);
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc) ||
      (P.Op.WrittenAt.isValid() && SM.isInSystemHeader(P.Op.WrittenAt)))
    return;
  PairingVerdict V = findPartner(P, All);
  if (V.Partner || !partnersMustBeLocal(P) || declaresExternalPartner(Loc))
    return;

  LocationSet Scratch;
  {
    auto D = diag(Loc, "%0 '%1' %2; no %3 in this translation unit %4");
    D << what(P) << P.Op.Name;
    if (P.Op.Kind != Access::Fence && (Shapes & AsRelease)) {
      std::string Own = listLocations(P.flagWritten(Scratch));
      D << "publishes by storing " + Own << "acquire operation"
        << "loads " + Own + " (a load-acquire, or a load followed by an "
                            "acquire barrier)";
    } else if (P.Op.Kind != Access::Fence) {
      std::string Own = listLocations(P.flagRead(Scratch));
      D << "observes by loading " + Own << "release operation"
        << "stores " + Own + " (a store-release, a read-modify-write, or a "
                             "store after a release barrier)";
    } else if (Shapes & AsDekker) {
      std::string Before = listLocations(P.WrittenBefore);
      std::string After = listLocations(P.ReadAfter);
      D << "orders the stores to " + Before + " before the loads of " + After
        << "barrier" << "orders stores to " + After + " before loads of " +
                            Before + ", or pairs with it as acquire or release";
    } else if (Shapes & AsRelease) {
      std::string Data = listLocations(P.WrittenBefore);
      std::string Flag = listLocations(P.WrittenAfter);
      D << "orders the stores to " + Data + " before the stores to " + Flag
        << "acquire operation"
        << "loads " + Flag + " and then " + Data;
    } else {
      std::string Flag = listLocations(P.ReadBefore);
      std::string Data = listLocations(P.ReadAfter);
      D << "orders the loads of " + Flag + " before the loads of " + Data
        << "release operation"
        << "stores " + Data + " and then " + Flag;
    }
  }
  if (V.Candidate) {
    const OrderingPoint &C = *V.Candidate;
    diag(writtenAt(C), "closest candidate: %0 '%1' in '%2' %3",
         DiagnosticIDs::Note)
        << what(C) << C.Op.Name << C.Function->getName() << V.CandidateLacks;
  }
}

} // namespace clang::tidy::atomics
