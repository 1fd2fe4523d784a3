//===- ReportFiles.h - where a unit can report ----------------*- C++ -*-===//
//
// A whole-project run (tools/atomics-tidy-run with the database) first
// builds the database, parsing every file that performs an ordering
// operation, and then analyses again the files that can get a finding.
// Which those are, the build's own parse can tell better than their text:
// a file that only calls a header's wrappers, or performs only relaxed
// accesses, has nothing to report. While it writes a unit's facts, each
// check adds the files where, in this unit, it could report once the rest
// of the program is known: the database can add a partner, or a load in a
// function of another file, but the site of a finding is always one of
// these. The database keeps them (report_files in lib/FactsSchema.sql).
//
//===----------------------------------------------------------------------===//

#ifndef ATOMICS_TIDY_LIB_REPORTFILES_H
#define ATOMICS_TIDY_LIB_REPORTFILES_H

#include "lib/OrderingFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <set>
#include <string>

namespace clang {
class ASTContext;
class SourceManager;
} // namespace clang

namespace clang::tidy::atomics {

class OperationClassifier;

/// The files of \p Points that a point check can report in: those that
/// \p MayLackPartner (atomics-unpaired-barrier: a reportable point without
/// a partner in its unit; the database can only add one), the deprecated
/// operations (atomics-deprecated-mb), and the points of the main file
/// that \p NamesPartner (atomics-pairing-comment: a pairing comment next
/// to it names a partner).
std::set<std::string> pointReportFiles(
    llvm::ArrayRef<const OrderingPoint *> Points, const SourceManager &SM,
    llvm::function_ref<bool(const OrderingPoint &)> MayLackPartner,
    llvm::function_ref<bool(const OrderingPoint &)> NamesPartner);

/// The files of the functions of the unit in \p Ctx where
/// atomics-missing-rmw-barrier can report one of the unit's seq-cst RMWs
/// (those its reports are not left out of, see \p Reported), whatever the
/// rest of the program holds. The flow is run as if every call of a
/// function of another file loaded a location of its own before any
/// barrier (the database can only say less), so the functions where an RMW
/// meets a load, here or past such a call, are found; and so are the
/// functions other files can call that return with one pending (their
/// callers there load after it). \p OpaqueCallsAreBarriers: the check's
/// option.
std::set<std::string>
rmwReportFiles(ASTContext &Ctx, const OperationClassifier &Classifier,
               bool OpaqueCallsAreBarriers,
               llvm::function_ref<bool(const AtomicOperation &)> Reported);

} // namespace clang::tidy::atomics

#endif // ATOMICS_TIDY_LIB_REPORTFILES_H
