//===- SourceUtils.h - where code is written --------------------*- C++ -*-===//
//
// Helpers the checks share to decide where to report and whether a fix-it
// can be applied safely: QEMU's API is macros, so most uses sit in macro
// expansions, and a fix may only edit text that is really written in the
// file (directly or as a macro argument), never a macro's body.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_SOURCEUTILS_H
#define ATOMICS_TIDY_LIB_SOURCEUTILS_H

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <vector>

namespace clang::tidy::atomics {

/// Follows macro-argument expansions to where a token is written in a file.
/// Invalid when the token comes from a macro's body.
SourceLocation fileSpellingOfToken(SourceLocation Loc, const SourceManager &SM);

struct SpelledCall {
  bool Valid = false;
  CharSourceRange Name; ///< The callee's name token, in the file.
  CharSourceRange Call; ///< From the name to the closing ')', in the file.
};

/// Where a call (name token, and name to ')') is written, when all of it is
/// file text of one file.
SpelledCall spelledCall(SourceLocation NameLoc, SourceRange CallRange,
                        const SourceManager &SM, const LangOptions &LO);

/// Whether \p Range is an expression statement of its own: preceded by ';',
/// '{' or '}' and followed by ';' (comments and white space skipped).
bool isStandaloneStatement(CharSourceRange Range, const SourceManager &SM,
                           const LangOptions &LO);

/// A comment near an operation, and where its text starts.
struct NearbyComment {
  SourceLocation Start;
  llvm::StringRef Text;
};

/// The comments that belong to the code at \p Loc: a comment on its line
/// (after it), and the comment lines right above it, up to the first line
/// of code. Nearest first.
std::vector<NearbyComment> commentsNear(SourceLocation Loc,
                                        const SourceManager &SM);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_SOURCEUTILS_H
