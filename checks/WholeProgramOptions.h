//===- WholeProgramOptions.h - what the checks share about the database -*- C++ -*-===//
//
// Three checks read the whole-program database, two follow calls and two
// recognise comments that name a partner outside the program: their options
// have one name and one default each (and, being read with getLocalOrGlobal,
// can be set once for all), and a database that cannot be read is reported
// the same way by each, with what the check does without it.
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_CHECKS_WHOLEPROGRAMOPTIONS_H
#define ATOMICS_TIDY_CHECKS_WHOLEPROGRAMOPTIONS_H

#include "lib/FactsDatabase.h"
#include "lib/Pairing.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>

namespace clang::tidy::atomics {

/// The database's path; default defaultDatabasePath().
constexpr llvm::StringLiteral DatabaseOption = "Database";
/// The database a check writes its unit's facts into (atomics-tidy-db sets
/// it while it builds one); default none.
constexpr llvm::StringLiteral WriteDatabaseOption = "WriteDatabase";
/// Levels of calls counted around an operation; default DefaultCallDepth.
constexpr llvm::StringLiteral CallDepthOption = "CallDepth";
/// Comment words naming a partner outside the program; default
/// DefaultExternalPartnerKeywords.
constexpr llvm::StringLiteral ExternalPartnerKeywordsOption =
    "ExternalPartnerKeywords";

/// The ExternalPartnerKeywords option as written (the check's, else the
/// global one, else the default), for every check that reads it.
inline std::string
externalPartnerKeywords(const ClangTidyCheck::OptionsView &Options) {
  return Options
      .getLocalOrGlobal(ExternalPartnerKeywordsOption,
                        DefaultExternalPartnerKeywords)
      .str();
}

/// The database at \p Path, or null: when \p Path is empty, or when it
/// cannot be read, and then \p CannotRead is given the reason.
inline std::shared_ptr<const FactsDatabase>
openDatabase(llvm::StringRef Path,
             llvm::function_ref<void(const std::string &Why)> CannotRead) {
  if (Path.empty())
    return nullptr;
  llvm::Expected<std::shared_ptr<const FactsDatabase>> DB =
      cachedFactsDatabase(Path);
  if (!DB) {
    CannotRead(llvm::toString(DB.takeError()));
    return nullptr;
  }
  return *DB;
}

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_CHECKS_WHOLEPROGRAMOPTIONS_H
