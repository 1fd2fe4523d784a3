//===- FunctionDefinitions.h - the functions a unit defines ------*- C++ -*-===//
//
// Every check starts from the functions a translation unit defines. Asking
// clang-tidy's matchers for them (functionDecl(isDefinition())) runs a
// matcher on each of the thousands of declarations a C unit's headers
// bring, and a RecursiveASTVisitor over the whole unit walks every type of
// every prototype: on QEMU's units either cost more than the checks' own
// analysis. In C this reads the unit's own list of declarations, where every
// definition is; in C++ it walks declarations and statements (lambdas,
// local classes), but no types.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FUNCTIONDEFINITIONS_H
#define ATOMICS_TIDY_LIB_FUNCTIONDEFINITIONS_H

#include "clang/AST/Decl.h"
#include <vector>

namespace clang::tidy::atomics {

/// Whether the checks see the whole unit (clang-tidy), rather than the
/// main file's declarations only (clangd: it keeps the headers' in its
/// preamble and limits the traversal to the main file's, ASTContext's
/// traversal scope).
bool traversesWholeUnit(const ASTContext &Ctx);

/// The functions with a body in the translation unit \p Ctx holds, in the
/// order they are written (template instantiations included; dependent and
/// invalid ones left out). Found once per unit, whichever check asks first;
/// the list lives as long as \p Ctx.
const std::vector<const FunctionDecl *> &functionDefinitions(ASTContext &Ctx);

/// The function declarations at the top of the unit that the checks look
/// at (all of them, or in clangd the main file's), those of
/// extern "C" and export blocks included: what declares a function by a
/// name. Found with functionDefinitions(), by the same read of the list.
const std::vector<const FunctionDecl *> &
topLevelFunctions(ASTContext &Ctx);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FUNCTIONDEFINITIONS_H
