//===- UnitFiles.h - the files a translation unit read, for the driver -*- C++ -*-===//
//
// atomics-tidy-run keeps each file's findings in the whole-program database
// and shows them again while nothing they come from has changed
// (docs/database.md, "Findings kept between runs"). What they come from
// includes every header the unit read, which only the compiler knows
// exactly: a header named by a macro (QEMU's `#include CONFIG_TARGET`), one
// found in the third of five include directories. When the environment
// variable ATOMICS_TIDY_UNIT_FILES names a file, the checks write the list
// of the files the unit read into it, one path a line, at the end of the
// main file. The driver sets it for its own runs; without it nothing is
// written (clang-tidy run by hand, clangd).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_UNITFILES_H
#define ATOMICS_TIDY_LIB_UNITFILES_H

namespace clang {
class Preprocessor;
class SourceManager;
} // namespace clang

namespace clang::tidy::atomics {

/// The environment variable that asks for the list.
inline constexpr const char UnitFilesEnv[] = "ATOMICS_TIDY_UNIT_FILES";

/// When UnitFilesEnv is set, has \p PP write the list of the files \p SM
/// read when the main file ends. Every check calls it (any one of them may
/// be the only one enabled); each writes the same list, whole, in one
/// rename.
void listUnitFilesOnRequest(Preprocessor &PP, const SourceManager &SM);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_UNITFILES_H
