//===- SourceUtils.cpp - where code is written ----------------------------===//

#include "lib/SourceUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::atomics {

const CallExpr *calleeOf(const DeclRefExpr &Ref, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(Ref);
  for (;;) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    const DynTypedNode &P = Parents[0];
    if (P.get<ImplicitCastExpr>() || P.get<ParenExpr>()) {
      Node = P;
      continue;
    }
    const auto *Call = P.get<CallExpr>();
    if (Call && Call->getCallee()->IgnoreParenImpCasts() == &Ref)
      return Call;
    return nullptr;
  }
}

SourceLocation fileSpellingOfToken(SourceLocation Loc,
                                   const SourceManager &SM) {
  while (Loc.isMacroID()) {
    if (!SM.isMacroArgExpansion(Loc))
      return SourceLocation();
    Loc = SM.getImmediateSpellingLoc(Loc);
  }
  return Loc;
}

SpelledCall spelledCall(SourceLocation NameLoc, SourceRange CallRange,
                        const SourceManager &SM, const LangOptions &LO) {
  SpelledCall Out;
  SourceLocation Name = fileSpellingOfToken(NameLoc, SM);
  if (Name.isInvalid() || CallRange.isInvalid())
    return Out;
  SourceLocation End = fileSpellingOfToken(CallRange.getEnd(), SM);
  if (End.isInvalid() || SM.getFileID(Name) != SM.getFileID(End) ||
      SM.getFileOffset(End) < SM.getFileOffset(Name))
    return Out;
  Out.Name = CharSourceRange::getTokenRange(Name, Name);
  Out.Call = CharSourceRange::getTokenRange(Name, End);
  Out.Valid = true;
  return Out;
}

static bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\f' ||
         C == '\v';
}

bool isStandaloneStatement(CharSourceRange Range, const SourceManager &SM,
                           const LangOptions &LO) {
  CharSourceRange Chars = Lexer::makeFileCharRange(Range, SM, LO);
  if (Chars.isInvalid())
    return false;
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(SM.getFileID(Chars.getBegin()), &Invalid);
  if (Invalid)
    return false;
  unsigned Begin = SM.getFileOffset(Chars.getBegin());
  unsigned End = SM.getFileOffset(Chars.getEnd());
  // Comments make this answer "no": conservative is safe here.
  size_t Before = Begin;
  while (Before > 0 && isSpace(Buffer[Before - 1]))
    --Before;
  size_t After = End;
  while (After < Buffer.size() && isSpace(Buffer[After]))
    ++After;
  bool StartsStatement =
      Before == 0 || llvm::StringRef(";{}").contains(Buffer[Before - 1]);
  return StartsStatement && After < Buffer.size() && Buffer[After] == ';';
}

} // namespace clang::tidy::atomics
