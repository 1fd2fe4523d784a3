//===- JsonSkim.h - the parts of a JSON text, without parsing it -*- C++ -*-===//
//
// llvm::json::parse builds every value of a text, and copies an array's
// elements each time the array grows (json::Value's move constructor is not
// noexcept, so std::vector copies). Reading QEMU's 10 MB whole-program
// database that way took 0.8 s and 600 MB in every clang-tidy process, for
// a check that needed a seventh of it. The skimmer finds where the members
// of an object and the elements of an array are, checking only as much
// syntax as that takes (strings, brackets, separators); the reader then
// parses with llvm::json, and its full checks, what it needs.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_JSONSKIM_H
#define ATOMICS_TIDY_LIB_JSONSKIM_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::atomics::skim {

/// The members of the object \p Text holds (with whitespace around it): each
/// key and the text of its value.
llvm::Expected<std::vector<std::pair<std::string, llvm::StringRef>>>
members(llvm::StringRef Text);

/// The texts of the elements of the array \p Text holds.
llvm::Expected<std::vector<llvm::StringRef>> elements(llvm::StringRef Text);

/// Whether \p Text (a value's text, from the above) is an array.
inline bool isArray(llvm::StringRef Text) {
  return Text.ltrim().starts_with("[");
}

} // namespace clang::tidy::atomics::skim

#endif // ATOMICS_TIDY_LIB_JSONSKIM_H
