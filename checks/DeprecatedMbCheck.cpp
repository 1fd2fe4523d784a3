//===- DeprecatedMbCheck.cpp - atomics-deprecated-mb ----------------------===//

#include "checks/DeprecatedMbCheck.h"
#include "lib/FunctionDefinitions.h"
#include "lib/SourceUtils.h"
#include "lib/ApiTable.h"
#include "lib/UnitFiles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::atomics {

namespace {
constexpr llvm::StringLiteral ExtraNamesOption = "ExtraNames";
} // namespace

/// Records every expansion of a deprecated name used as a macro.
class DeprecatedMbPPCallbacks : public PPCallbacks {
public:
  DeprecatedMbPPCallbacks(DeprecatedMbCheck &Check, Preprocessor &PP)
      : Check(Check) {
    for (const auto &Entry : Check.Names)
      ById[PP.getIdentifierInfo(Entry.getKey())] = &Entry.getValue();
  }

  void MacroExpands(const Token &NameTok, const MacroDefinition &MD,
                    SourceRange Range, const MacroArgs *Args) override {
    auto It = ById.find(NameTok.getIdentifierInfo());
    if (It == ById.end())
      return;
    const MacroInfo *MI = MD.getMacroInfo();
    bool IsCall = MI && MI->isFunctionLike();
    Check.recordUse({It->second, NameTok.getLocation(),
                     IsCall ? Range : SourceRange(),
                     Args ? Args->getNumMacroArguments() : 0, IsCall,
                     /*IsMacro=*/true});
  }

private:
  DeprecatedMbCheck &Check;
  llvm::DenseMap<const IdentifierInfo *, const DeprecatedMbCheck::DeprecatedName *>
      ById;
};

DeprecatedMbCheck::DeprecatedMbCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawExtraNames(Options.get(ExtraNamesOption, "")) {
  forEachApiName([&](StringRef Full, const ApiName &N) {
    if (!N.Op->is(Deprecated))
      return;
    std::string Replacement = N.replacementName();
    std::string Meaning;
    if (auto R = lookupApiName(Replacement))
      Meaning = R->Op->Summary.str();
    Names[Full] = {Full.str(), Replacement, Meaning};
  });
  NameListParse Extra = parseNameList(RawExtraNames, /*AllowValues=*/true);
  if (!Extra.Error.empty())
    configurationDiag("invalid value for option '%0.%1': %2; the check uses "
                      "the valid entries only",
                      DiagnosticIDs::Error)
        << Name << ExtraNamesOption << Extra.Error;
  for (const NameListEntry &E : Extra.Entries) {
    std::string Meaning;
    if (auto R = lookupApiName(E.Value))
      Meaning = R->Op->Summary.str();
    Names[E.Name] = {E.Name, E.Value, Meaning};
  }
  for (const auto &Entry : Names)
    if (!Entry.getValue().Replacement.empty())
      ReplacementNames.insert(Entry.getValue().Replacement);
}

void DeprecatedMbCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, ExtraNamesOption, RawExtraNames);
}

void DeprecatedMbCheck::registerPPCallbacks(const SourceManager &SM,
                                            Preprocessor *PP,
                                            Preprocessor *ModuleExpanderPP) {
  this->SM = &SM;
  this->PP = PP;
  PP->addPPCallbacks(std::make_unique<DeprecatedMbPPCallbacks>(*this, *PP));
  listUnitFilesOnRequest(*PP, SM);
}

void DeprecatedMbCheck::registerMatchers(MatchFinder *Finder) {
  // The unit as a whole: the functions of the deprecated names and of their
  // replacements are found among its declarations, and a walk for their
  // uses is needed only where one is declared (code that implements the
  // API as functions, rare: QEMU's are macros). A matcher per reference
  // would run on every name of every header instead.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

namespace {

/// The references to the functions of deprecated names, and the calls they
/// are the callees of.
class FlaggedReferences : public RecursiveASTVisitor<FlaggedReferences> {
public:
  using Classify = llvm::function_ref<const DeprecatedMbCheck::DeprecatedName *(
      const FunctionDecl *)>;
  explicit FlaggedReferences(Classify Flagged) : Flagged(Flagged) {}

  struct Found {
    const DeclRefExpr *Ref;
    const DeprecatedMbCheck::DeprecatedName *What;
  };
  std::vector<Found> Refs;
  llvm::DenseMap<const DeclRefExpr *, const CallExpr *> CallOf;

  bool shouldVisitTemplateInstantiations() const { return true; }

  // Called before the callee's DeclRefExpr is visited.
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *Ref =
            dyn_cast_or_null<DeclRefExpr>(CE->getCallee()
                                              ? CE->getCallee()->IgnoreParenImpCasts()
                                              : nullptr))
      CallOf[Ref] = CE;
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (const DeprecatedMbCheck::DeprecatedName *What = Flagged(FD))
        Refs.push_back({Ref, What});
    return true;
  }

private:
  Classify Flagged;
};

} // namespace

void DeprecatedMbCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  // The functions of the deprecated names and of their replacements, among
  // the unit's own declarations (extern "C" blocks included). Reading the
  // list costs less than building the unit's name lookup table.
  llvm::DenseMap<const FunctionDecl *, const DeprecatedName *> Flagged;
  auto Consider = [&](const FunctionDecl *FD) {
    if (!FD->getIdentifier())
      return;
    const FunctionDecl *First = FD->getCanonicalDecl();
    if (auto It = Names.find(FD->getName()); It != Names.end())
      Flagged[First] = &It->getValue();
    if (ReplacementNames.contains(FD->getName()))
      ReplacementFunctions.try_emplace(
          FD->getName(),
          ReplacementFunction{First->getLocation(), First->getNumParams(),
                              First->isVariadic(), First->hasPrototype()});
  };
  bool WholeUnit = traversesWholeUnit(Ctx);
  if (WholeUnit) {
    // The names by identifier: a pointer compared per function, not a
    // string hashed.
    llvm::DenseSet<const IdentifierInfo *> Interesting;
    for (const auto &Entry : Names) {
      Interesting.insert(&Ctx.Idents.get(Entry.getKey()));
      if (!Entry.getValue().Replacement.empty())
        Interesting.insert(&Ctx.Idents.get(Entry.getValue().Replacement));
    }
    for (const FunctionDecl *FD : topLevelFunctions(Ctx))
      if (Interesting.contains(FD->getIdentifier()))
        Consider(FD);
    if (Flagged.empty())
      return;
  }
  // clangd walks the main file only (its traversal scope), and the headers'
  // declarations stay in the preamble: a function is flagged by its name.
  auto Classify = [&](const FunctionDecl *FD) -> const DeprecatedName * {
    if (WholeUnit)
      return Flagged.lookup(FD->getCanonicalDecl());
    if (!FD->getIdentifier())
      return nullptr;
    auto It = Names.find(FD->getName());
    return It == Names.end() ? nullptr : &It->getValue();
  };
  FlaggedReferences Finder(Classify);
  Finder.TraverseDecl(TU);
  for (const auto &[Ref, What] : Finder.Refs) {
    const CallExpr *Call = Finder.CallOf.lookup(Ref);
    recordUse({What, Ref->getLocation(),
               Call ? Call->getSourceRange() : SourceRange(),
               Call ? Call->getNumArgs() : 0, Call != nullptr,
               /*IsMacro=*/false});
  }
  // The replacements' functions matter only to a use; in clangd looking
  // them up reads the preamble, so only then.
  if (!WholeUnit && !Uses.empty())
    for (const auto &Entry : Names)
      if (!Entry.getValue().Replacement.empty())
        for (const NamedDecl *D : TU->lookup(
                 &Ctx.Idents.get(Entry.getValue().Replacement)))
          if (const auto *FD = dyn_cast<FunctionDecl>(D))
            Consider(FD);
}

bool DeprecatedMbCheck::replacementAvailable(const Use &U, SourceLocation At,
                                             bool &IsDoWhile) {
  IsDoWhile = false;
  const std::string &Repl = U.What->Replacement;
  if (const MacroInfo *MI =
          PP->getMacroDefinitionAtLoc(PP->getIdentifierInfo(Repl), At)
              .getMacroInfo()) {
    if (!MI->isFunctionLike())
      return false;
    if (MI->getNumParams() != U.NumArgs && !MI->isVariadic())
      return false;
    IsDoWhile =
        MI->getNumTokens() > 0 && MI->getReplacementToken(0).is(tok::kw_do);
    return true;
  }
  auto It = ReplacementFunctions.find(Repl);
  if (It == ReplacementFunctions.end())
    return false;
  const ReplacementFunction &F = It->second;
  if (!SM->isBeforeInTranslationUnit(F.Loc, At))
    return false;
  return !F.HasPrototype || F.NumParams == U.NumArgs ||
         (F.Variadic && F.NumParams <= U.NumArgs);
}

void DeprecatedMbCheck::report(const Use &U) {
  const LangOptions &LO = getLangOpts();
  // Report at the outermost expansion site in the user's code. A use
  // written inside a system header (a library macro's body, an inline
  // function) is the library's business, not the user's.
  SourceLocation Loc = SM->getExpansionLoc(U.NameLoc);
  if (Loc.isInvalid() || SM->isInSystemHeader(Loc) ||
      SM->isInSystemHeader(SM->getSpellingLoc(U.NameLoc)))
    return;
  if (!Reported.insert(Loc.getRawEncoding()).second)
    return;

  const DeprecatedName &D = *U.What;
  bool HasReplacement = !D.Replacement.empty();
  bool IsDoWhile = false;
  bool Available =
      HasReplacement && U.IsCall && replacementAvailable(U, Loc, IsDoWhile);

  // Where the name and the call are written, if both are in the main file's
  // text (directly or as a macro argument), not in a macro's body.
  SpelledCall Spelled = spelledCall(U.NameLoc, U.CallRange, *SM, LO);
  bool InMainFile = Spelled.Valid && SM->isInMainFile(Spelled.Name.getBegin());
  bool StatementPosition =
      Spelled.Valid && isStandaloneStatement(Spelled.Call, *SM, LO);
  bool CanFix = Available && InMainFile && (!IsDoWhile || StatementPosition);

  {
    auto Diag = diag(Loc, "'%0' is deprecated: it does not take part in the "
                          "total order of sequentially consistent "
                          "operations%select{|; use '%2' instead}1")
                << D.Name << HasReplacement << D.Replacement;
    if (CanFix)
      Diag << FixItHint::CreateReplacement(Spelled.Name, D.Replacement);
  }
  if (!HasReplacement || CanFix || !U.IsCall)
    return;

  // Tell why there is no fix-it, so that the user knows what to do.
  if (!Available) {
    diag(Loc,
         "no fix-it: '%0'%select{| (%2)}1 is not defined before this use; "
         "define it or include a header that provides it",
         DiagnosticIDs::Note)
        << D.Replacement << !D.Meaning.empty() << D.Meaning;
  } else if (!Spelled.Valid) {
    SourceLocation Spelling = SM->getSpellingLoc(U.NameLoc);
    StringRef Macro = Lexer::getImmediateMacroName(U.NameLoc, *SM, LO);
    if (!SM->isInSystemHeader(Spelling))
      diag(Spelling, "no fix-it: '%0' is written inside macro '%1'; replace "
                     "it there",
           DiagnosticIDs::Note)
          << D.Name << Macro;
  } else if (!InMainFile) {
    diag(Loc, "no fix-it outside the main file", DiagnosticIDs::Note);
  } else {
    diag(Loc,
         "no fix-it: '%0' expands to a do-while statement and this use is "
         "not a statement of its own",
         DiagnosticIDs::Note)
        << D.Replacement;
  }
}

void DeprecatedMbCheck::onEndOfTranslationUnit() {
  for (const Use &U : Uses)
    report(U);
  Uses.clear();
  Reported.clear();
  ReplacementFunctions.clear();
}

} // namespace clang::tidy::atomics
