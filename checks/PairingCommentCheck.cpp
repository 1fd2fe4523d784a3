//===- PairingCommentCheck.cpp - atomics-pairing-comment ------------------===//

#include "checks/PairingCommentCheck.h"
#include "checks/WholeProgramOptions.h"
#include "lib/ApiTable.h"
#include "lib/FunctionDefinitions.h"
#include "lib/NameList.h"
#include "lib/Pairing.h"
#include "lib/SourceUtils.h"
#include "lib/UnitFiles.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::atomics {

namespace {

/// Words that can stand where a pairing comment names its target, and are
/// no name ("pairs with the one below").
bool isFillerWord(StringRef W) {
  static const char *const Words[] = {
      "the",   "a",      "an",      "this",  "that",  "these", "those",
      "one",   "ones",   "below",   "above", "it",    "its",   "other",
      "another", "corresponding", "matching", "barrier", "barriers", "write",
      "read",  "store",  "load",    "call",  "calls", "side",  "code",
      "and",   "or",     "in",      "of",    "from",  "inside", "function",
      "macro", "thread", "threads", "writer", "reader", "both", "either",
      "all",   "each",   "every"};
  for (const char *F : Words)
    if (W.equals_insensitive(F))
      return true;
  return false;
}

/// The roles a partner of \p P needs (any, for a full barrier).
unsigned partnerRoles(const OrderingPoint &P) {
  unsigned R = 0;
  if (P.Roles & AcquireRole)
    R |= ReleaseRole;
  if (P.Roles & ReleaseRole)
    R |= AcquireRole;
  return R;
}

/// What a partner \p Q, in the \p Wanted roles, accesses on the side that
/// meets this operation: what an acquire side reads, what a release side
/// writes (both for a full barrier).
LocationSet facing(const OrderingPoint &Q, unsigned Wanted) {
  LocationSet S;
  bool Own = Q.Own && !Q.isFence();
  if (Wanted & AcquireRole) {
    S.insert(Q.ReadBefore.begin(), Q.ReadBefore.end());
    S.insert(Q.ReadAfter.begin(), Q.ReadAfter.end());
    if (Own && Q.Op.Kind != Access::Store)
      S.emplace(Q.Own->Key, *Q.Own);
  }
  if (Wanted & ReleaseRole) {
    S.insert(Q.WrittenBefore.begin(), Q.WrittenBefore.end());
    S.insert(Q.WrittenAfter.begin(), Q.WrittenAfter.end());
    if (Own && Q.Op.Kind != Access::Load)
      S.emplace(Q.Own->Key, *Q.Own);
  }
  return S;
}

std::string roleWords(unsigned Roles) {
  if (Roles == (AcquireRole | ReleaseRole))
    return "acquire or release";
  return Roles == AcquireRole ? "acquire" : "release";
}

} // namespace

std::vector<PairingMention> parsePairingComment(StringRef Text) {
  std::vector<PairingMention> Out;
  std::string Lower = Text.lower();
  size_t From = 0;
  while (true) {
    size_t At = StringRef(Lower).find("pair", From);
    if (At == StringRef::npos)
      break;
    From = At + 4;
    StringRef Rest = StringRef(Text).substr(At + 4);
    // pairs / paired / pairing / pair, then "with" (maybe "up with").
    Rest = Rest.drop_while([](char C) { return isalpha(C); }).ltrim();
    if (Rest.starts_with_insensitive("up "))
      Rest = Rest.drop_front(3).ltrim();
    if (!Rest.starts_with_insensitive("with"))
      continue;
    Rest = Rest.drop_front(4);
    // Up to the end of the sentence.
    Rest = Rest.take_until([](char C) {
      return C == '.' || C == ';' || C == ':' || C == '\n' || C == '*';
    });
    PairingMention M;
    M.Text = Rest.trim().str();
    llvm::SmallVector<StringRef, 8> Words;
    // Words of a file path ("linux/fs/aio.c") name no function or macro
    // of the program, even when one is spelled the same (GNU C predefines
    // the macro 'linux').
    llvm::SmallVector<bool, 8> InPath;
    while (!Rest.empty()) {
      size_t Skipped = Rest.find_if([](char C) { return isalnum(C) || C == '_'; });
      bool AfterSlash = Skipped != StringRef::npos && Skipped > 0 &&
                        Rest[Skipped - 1] == '/';
      Rest = Rest.drop_front(std::min(Skipped, Rest.size()));
      StringRef W = Rest.take_while([](char C) { return isalnum(C) || C == '_'; });
      Rest = Rest.drop_front(W.size());
      if (W.empty())
        continue;
      bool BeforeSlash = Rest.starts_with("/");
      Words.push_back(W);
      InPath.push_back(AfterSlash || BeforeSlash);
    }
    // "<operation> in <target>": the name after in/of/inside is the target.
    for (size_t I = 0; I < Words.size(); ++I) {
      StringRef W = Words[I];
      bool Preposition = W.equals_insensitive("in") ||
                         W.equals_insensitive("of") ||
                         W.equals_insensitive("inside") ||
                         W.equals_insensitive("from");
      if (Preposition) {
        for (size_t J = I + 1; J < Words.size(); ++J)
          if (!isFillerWord(Words[J]) && isCIdentifier(Words[J])) {
            if (!InPath[J])
              M.Target = Words[J].str();
            break;
          }
        break;
      }
      if (M.Operation.empty() && lookupApiName(W))
        M.Operation = W.str();
    }
    if (M.Target.empty()) {
      // "Pairs with aio_notify()": a single name that is no operation.
      for (size_t I = 0; I < Words.size(); ++I) {
        StringRef W = Words[I];
        if (isFillerWord(W) || !isCIdentifier(W))
          continue;
        if (!lookupApiName(W) && !InPath[I])
          M.Target = W.str();
        break;
      }
    }
    if (!M.Target.empty())
      Out.push_back(std::move(M));
  }
  return Out;
}

PairingCommentCheck::PairingCommentCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      DatabasePath(
          Options.getLocalOrGlobal(DatabaseOption, defaultDatabasePath())),
      RawKeywords(externalPartnerKeywords(Options)),
      Keywords(parseKeywords(RawKeywords)),
      CallDepth(Options.getLocalOrGlobal(CallDepthOption, DefaultCallDepth)) {
  Classification.PlainAccesses = true;
}

void PairingCommentCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, DatabaseOption, DatabasePath);
  Options.store(Opts, ExternalPartnerKeywordsOption, RawKeywords);
  Options.store(Opts, CallDepthOption, CallDepth);
}

void PairingCommentCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *P,
                                              Preprocessor *) {
  PP = P;
  listUnitFilesOnRequest(*P, SM);
}

void PairingCommentCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void PairingCommentCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
}

/// Whether the main file can hold a pairing comment: every one says
/// "pair..." (parsePairingComment), and most files never do, so their
/// functions need not be analysed at all.
static bool mayMentionPartners(const SourceManager &SM) {
  std::optional<llvm::MemoryBufferRef> Main =
      SM.getBufferOrNone(SM.getMainFileID());
  return Main && Main->getBuffer().contains_insensitive("pair");
}

void PairingCommentCheck::collectFunctions() {
  for (const FunctionDecl *FD : functionDefinitions(*Ctx)) {
    if (!FD->getIdentifier())
      continue;
    Defined.insert(FD->getName());
    Unit.addFunction(FD, *Ctx);
  }
}

std::optional<std::string>
PairingCommentCheck::verify(const OrderingPoint &P, const PairingMention &M,
                            const PointsByFunction &ByFunction,
                            bool HaveDatabase) {
  unsigned Wanted = partnerRoles(P);
  // A macro of this translation unit: its expansion, followed through the
  // macros it uses, must name an operation of the opposite kind.
  if (PP) {
    if (const IdentifierInfo *II = PP->getIdentifierInfo(M.Target);
        II && II->hasMacroDefinition()) {
      llvm::SmallVector<const MacroInfo *, 8> Work;
      llvm::SmallPtrSet<const MacroInfo *, 16> Seen;
      if (const MacroInfo *MI = PP->getMacroInfo(II))
        Work.push_back(MI);
      while (!Work.empty()) {
        const MacroInfo *MI = Work.pop_back_val();
        if (!Seen.insert(MI).second)
          continue;
        for (const Token &T : MI->tokens()) {
          const IdentifierInfo *Name = T.getIdentifierInfo();
          if (!Name)
            continue;
          if (std::optional<ApiName> Api = lookupApiName(Name->getName())) {
            AtomicOperation Op;
            Op.Kind = Api->Op->Kind;
            Op.Ordering = Api->Op->Ordering;
            Op.Classes = Api->Op->Classes;
            if (pairRoles(Op).first & Wanted)
              return std::nullopt;
          }
          if (Name->hasMacroDefinition())
            if (const MacroInfo *Inner = PP->getMacroInfo(Name))
              Work.push_back(Inner);
        }
      }
      return "macro '" + M.Target + "' uses no " + roleWords(Wanted) +
             " operation";
    }
  }
  auto Found = ByFunction.find(M.Target);
  llvm::ArrayRef<const OrderingPoint *> InTarget;
  if (Found != ByFunction.end())
    InTarget = Found->second;
  bool Known = Defined.contains(M.Target) || !InTarget.empty();
  if (!Known) {
    // Declared here, or not at all: without the database it may be defined
    // in another file. With it, it is not a function with a barrier
    // anywhere (the database records only those).
    if (!HaveDatabase)
      return std::nullopt;
    return "no function or macro '" + M.Target +
           "' in the program performs an acquire or release operation";
  }
  // An operation of the opposite kind is not enough: it must access one of
  // the variables this one orders (calls followed, see CallAccesses), or
  // the comment may name an unrelated operation that happens to be there.
  // A partner that reads (for a release) or writes (for an acquire)
  // nothing visible here works on its callers' accesses, often through
  // callbacks (QEMU's aio_notify_accept() ends in smp_mb() and returns to
  // the event loop): that cannot be decided, and the comment is trusted.
  // What the target's operations of the wanted kind access on the side
  // that meets, gathered once per target: a function with many points is
  // named by many comments.
  auto [It, New] = Sides.try_emplace({M.Target, Wanted});
  TargetSide &T = It->second;
  if (New)
    for (const OrderingPoint *Q : InTarget) {
      if (!(Q->Roles & Wanted))
        continue;
      T.KindFound = true;
      LocationSet Theirs = facing(*Q, Wanted);
      T.AnyEmpty |= Theirs.empty();
      T.Union.insert(Theirs.begin(), Theirs.end());
    }
  LocationSet Mine = P.ordered();
  if (T.KindFound && (Mine.empty() || T.AnyEmpty))
    return std::nullopt;
  for (const auto &[Key, L] : Mine)
    if (T.Union.count(Key))
      return std::nullopt;
  if (T.KindFound)
    return "the " + roleWords(Wanted) + " operations of '" + M.Target +
           "' access none of the variables this one orders (" +
           listLocations(Mine) + ")";
  return "'" + M.Target + "' performs no " + roleWords(Wanted) +
         " operation";
}

void PairingCommentCheck::onEndOfTranslationUnit() {
  if (!Ctx)
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  if (!mayMentionPartners(SM)) {
    Ctx = nullptr;
    return;
  }
  collectFunctions();
  // The mentions to verify, found first: most translation units have none,
  // and need not read the database.
  struct Mention {
    const OrderingPoint *P;
    SourceLocation Loc;
    NearbyComment C;
    PairingMention M;
  };
  std::vector<Mention> Mentions;
  for (const OrderingPoint &P : Unit.points()) {
    SourceLocation Loc = SM.getFileLoc(
        P.Op.Site.isValid() ? P.Op.Site : P.Op.Node->getBeginLoc());
    if (!SM.isInMainFile(Loc))
      continue;
    for (const NearbyComment &C : commentsNear(Loc, SM))
      for (PairingMention &M : parsePairingComment(C.Text))
        // A keyword says the partner is outside the program.
        if (!mentionsKeyword(M.Text, Keywords))
          Mentions.push_back({&P, Loc, C, std::move(M)});
  }
  if (Mentions.empty()) {
    Unit.clear();
    Defined.clear();
    Ctx = nullptr;
    return;
  }

  auto CannotUse = [&](const std::string &Why) {
    if (!DatabaseReported)
      configurationDiag("cannot use the whole-program database: %0; "
                        "comments naming functions of other files are not "
                        "verified",
                        DiagnosticIDs::Error)
          << Why;
    DatabaseReported = true;
  };
  std::shared_ptr<const FactsDatabase> DB =
      openDatabase(DatabasePath, CannotUse);
  std::optional<DatabaseView> View;
  // The points of the functions the comments name.
  std::vector<const OrderingPoint *> FromDatabase;
  if (DB) {
    View.emplace(DB);
    Unit.resolveWith(*View);
    std::set<std::string> Targets;
    for (const Mention &X : Mentions)
      if (Targets.insert(X.M.Target).second)
        llvm::append_range(FromDatabase, View->pointsIn(X.M.Target));
    if (View->error()) {
      CannotUse(*View->error());
      FromDatabase.clear();
      DB = nullptr;
    }
  }
  std::vector<const OrderingPoint *> Live;
  for (const OrderingPoint &P : Unit.points())
    Live.push_back(&P);
  std::vector<const OrderingPoint *> All =
      withDatabasePoints(Live, FromDatabase);

  // Each mention looks up the points of the function it names.
  PointsByFunction ByFunction;
  for (const OrderingPoint *Q : All)
    ByFunction[Q->FunctionName].push_back(Q);

  std::set<unsigned> CommentsSeen;
  for (const Mention &X : Mentions) {
    std::optional<std::string> Why =
        verify(*X.P, X.M, ByFunction, DB != nullptr);
    if (!Why)
      continue;
    // One report per comment, even if it sits between two operations.
    if (!CommentsSeen.insert(SM.getFileOffset(X.C.Start)).second)
      continue;
    diag(X.C.Start, "stale pairing comment: it names '%0' as the partner "
                    "of this %1, but %2")
        << X.M.Target << X.P->what() << *Why;
    diag(X.Loc, "%0 '%1' here", DiagnosticIDs::Note)
        << X.P->what() << X.P->Op.Name;
  }
  Unit.clear();
  Defined.clear();
  Sides.clear();
  Ctx = nullptr;
}

} // namespace clang::tidy::atomics
