//===- SourceUtils.cpp - where code is written ----------------------------===//

#include "lib/SourceUtils.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::atomics {

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

std::vector<NearbyComment> commentsNear(SourceLocation Loc,
                                        const SourceManager &SM) {
  std::vector<NearbyComment> Out;
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return Out;
  SourceLocation FileStart = SM.getLocForStartOfFile(File);
  auto Add = [&](size_t At, StringRef Text) {
    Out.push_back({FileStart.getLocWithOffset(At), Text});
  };
  // On the operation's line, after it.
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = std::min(Buffer.find('\n', Offset), Buffer.size());
  StringRef Rest = Buffer.slice(Offset, LineEnd);
  for (StringRef Opener : {"//", "/*"}) {
    size_t C = Rest.find(Opener);
    if (C != StringRef::npos) {
      Add(Offset + C, Rest.substr(C));
      break;
    }
  }
  // The comment lines right above it.
  size_t End = LineStart;
  while (End > 0) {
    size_t Start = Buffer.rfind('\n', End - 1);
    Start = Start == StringRef::npos ? 0 : Start + 1;
    StringRef Line = Buffer.slice(Start, End);
    StringRef Trimmed = Line.trim();
    bool IsComment = Trimmed.starts_with("//") || Trimmed.starts_with("/*") ||
                     Trimmed.starts_with("*") || Trimmed.ends_with("*/");
    if (!IsComment)
      break;
    Add(Start + (Line.size() - Line.ltrim().size()), Trimmed);
    End = Start;
  }
  return Out;
}

} // namespace clang::tidy::atomics
