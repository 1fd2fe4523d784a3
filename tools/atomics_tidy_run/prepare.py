"""The step before the per-file runs: building or refreshing the
whole-program database.

Checks that reason across translation units (pairing of acquire/release
operations, RMWs whose load is in another file) read the whole-program
database that tools/atomics-tidy-db builds, through their Database option
(docs/database.md). The driver does not build it yet: clang-tidy sets a
single option only through --config, which would replace the project's
.clang-tidy. Until that is solved CHECKS_NEEDING_WHOLE_PROGRAM_DB stays
empty and `prepare_whole_program_database` does nothing; users build the
database themselves and name it in their .clang-tidy (docs/ci.md).
"""

# Check names (or prefixes ending in '-') for which the driver builds the
# whole-program database first. None yet (see above).
CHECKS_NEEDING_WHOLE_PROGRAM_DB = frozenset()


class PrepareContext:
    """What a prepare step gets: the compilation database the user gave, the
    layer databases the runs use, the files to analyse, the enabled checks,
    the toolchain, the number of parallel jobs and the scratch directory."""

    def __init__(self, db_path, layer_dirs, files, enabled_checks, toolchain, jobs, scratch):
        self.db_path = db_path
        self.layer_dirs = layer_dirs
        self.files = files
        self.enabled_checks = enabled_checks
        self.toolchain = toolchain
        self.jobs = jobs
        self.scratch = scratch


def checks_needing_database(enabled_checks):
    return [c for c in enabled_checks
            if c in CHECKS_NEEDING_WHOLE_PROGRAM_DB
            or any(p.endswith("-") and c.startswith(p) for p in CHECKS_NEEDING_WHOLE_PROGRAM_DB)]


def prepare_whole_program_database(ctx, log=lambda message: None):
    """Builds or refreshes the whole-program database when an enabled check
    needs it; returns extra clang-tidy arguments for the per-file runs.
    Today no check needs it: returns [] and does nothing else."""
    needing = checks_needing_database(ctx.enabled_checks)
    if not needing:
        log("whole-program database: not needed by the enabled checks")
        return []
    # Unreachable until a check is listed above together with the code that
    # builds the database.
    raise NotImplementedError("the whole-program database is not implemented yet")
