//===- NameList.h - check options that list names ---------------*- C++ -*-===//
//
// Several options take a list of C names, some with a value attached:
// "my_mb_read=my_load_acquire;legacy_mb_set". One parser for all of them,
// so that every check accepts the same syntax and rejects the same mistakes
// with the same message.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_NAMELIST_H
#define ATOMICS_TIDY_LIB_NAMELIST_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::atomics {

struct NameListEntry {
  std::string Name;
  std::string Value; ///< Empty when the entry has no "=value".
};

struct NameListParse {
  llvm::SmallVector<NameListEntry, 4> Entries;
  std::string Error; ///< Empty when the whole list was valid.
};

/// Parses "name[=value];name[=value];..." (white space around entries and
/// '=' ignored, empty entries skipped). Names and values must be C
/// identifiers. On error, Entries holds the valid entries and Error says
/// which entry is wrong and what was expected.
NameListParse parseNameList(llvm::StringRef Text, bool AllowValues);

/// Renders entries back into the option syntax (for storeOptions).
std::string formatNameList(llvm::ArrayRef<NameListEntry> Entries);

bool isCIdentifier(llvm::StringRef S);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_NAMELIST_H
