//===- FunctionDefinitions.h - the functions a unit defines ------*- C++ -*-===//
//
// Every check starts from the functions a translation unit defines. Asking
// clang-tidy's matchers for them (functionDecl(isDefinition())) runs a
// matcher on each of the thousands of declarations a C unit's headers
// bring, and a RecursiveASTVisitor over the whole unit walks every type of
// every prototype: on QEMU's units either cost more than the checks' own
// analysis. This walk visits declarations only, and enters statements only
// where a definition can hide in one (C++'s lambdas and local classes).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_FUNCTIONDEFINITIONS_H
#define ATOMICS_TIDY_LIB_FUNCTIONDEFINITIONS_H

#include "clang/AST/Decl.h"
#include <vector>

namespace clang::tidy::atomics {

/// The functions with a body in the translation unit \p Ctx holds, in the
/// order they are written (template instantiations included; dependent and
/// invalid ones left out).
std::vector<const FunctionDecl *> functionDefinitions(ASTContext &Ctx);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_FUNCTIONDEFINITIONS_H
