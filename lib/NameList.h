//===- NameList.h - check options that list names ---------------*- C++ -*-===//
//
// Several options take a list of C names, some with a value attached:
// "my_mb_read=my_load_acquire;legacy_mb_set", or names and glob patterns of
// them: "xen_*;vmbus_ring_*". One parser for each kind, so that every check
// accepts the same syntax and rejects the same mistakes with the same
// message.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_NAMELIST_H
#define ATOMICS_TIDY_LIB_NAMELIST_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/GlobPattern.h"
#include <string>
#include <vector>

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

/// Names and glob patterns of names ("f;g;prefix_*"; llvm::GlobPattern's
/// syntax: '*', '?', '[a-z]', '[^a-z]', and '\' before one of those for
/// the character itself), for options that select functions by name.
class NamePatterns {
public:
  NamePatterns() = default;
  /// Parses \p Text: entries separated by ';', white space around them
  /// ignored, empty entries skipped. Each must be a C identifier in which
  /// glob characters may stand for parts. On error, the valid entries are
  /// kept and \p Error says which entry is wrong and why.
  NamePatterns(llvm::StringRef Text, std::string &Error);
  /// The patterns point into Texts: a copy would point into the original.
  NamePatterns(const NamePatterns &) = delete;
  NamePatterns &operator=(const NamePatterns &) = delete;
  NamePatterns(NamePatterns &&) = default;
  NamePatterns &operator=(NamePatterns &&) = default;

  bool empty() const { return Globs.empty(); }
  /// Whether one of the patterns matches all of \p Name.
  bool matches(llvm::StringRef Name) const;

private:
  /// The entries' text, which GlobPattern refers to without copying: never
  /// grown past its first capacity (moving the vector keeps each string
  /// where it is).
  std::vector<std::string> Texts;
  std::vector<llvm::GlobPattern> Globs;
};

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_NAMELIST_H
