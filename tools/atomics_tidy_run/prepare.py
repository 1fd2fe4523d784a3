"""The step before the per-file runs: building or refreshing the
whole-program database.

atomics-unpaired-barrier and atomics-pairing-comment look for partners in
the whole program when given the database that tools/atomics-tidy-db builds
(docs/database.md). With --database FILE, and one of them enabled, this step
builds FILE if it does not exist, or re-analyses the files that changed since
it was built, and points the checks at it through the ATOMICS_TIDY_DATABASE
environment variable (the default of their Database option): setting the
option itself would take clang-tidy's --config, which replaces the project's
.clang-tidy.
"""

import os
import subprocess
import sys

from . import database as database_format
from .errors import ToolError

# Check names (or prefixes ending in '-') whose results depend on the
# whole-program database.
CHECKS_NEEDING_WHOLE_PROGRAM_DB = frozenset({
    "atomics-unpaired-barrier", "atomics-pairing-comment",
    "atomics-missing-rmw-barrier"})

# The environment variable the checks read when their Database option is
# not set (lib/FactsDatabase.h).
DATABASE_ENV = "ATOMICS_TIDY_DATABASE"

# How atomics-tidy-db names a file it could not analyse, on standard error.
PROBLEM = "atomics-tidy-db: could not analyse "

DB_TOOL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "atomics-tidy-db")


class PrepareContext:
    """What a prepare step gets: the compilation database the user gave, the
    layer databases the runs use, the files to analyse, the enabled checks,
    the toolchain, the number of parallel jobs, the scratch directory and
    the whole-program database to use (None: none), and whether to use it
    as it is (neither built nor updated)."""

    def __init__(self, db_path, layer_dirs, files, enabled_checks, toolchain, jobs, scratch,
                 database=None, as_is=False):
        self.db_path = db_path
        self.layer_dirs = layer_dirs
        self.files = files
        self.enabled_checks = enabled_checks
        self.toolchain = toolchain
        self.jobs = jobs
        self.scratch = scratch
        self.database = database
        self.as_is = as_is
        # The files the build or update could not analyse (their facts,
        # if any, may be partial): set by prepare_whole_program_database.
        self.failed = set()


# What to do about a --database file that this step will not replace: it
# holds something else, or facts only a newer atomics-tidy reads.
HINTS = {
    "foreign": "(--database names the file the whole-program database is kept "
               "in: name a new file, which is built, or one that atomics-tidy-db "
               "built)",
    "newer": "(use the atomics-tidy that wrote it, or delete it: --database then "
             "builds it again)",
}


def checks_needing_database(enabled_checks):
    return [c for c in enabled_checks
            if c in CHECKS_NEEDING_WHOLE_PROGRAM_DB
            or any(p.endswith("-") and c.startswith(p) for p in CHECKS_NEEDING_WHOLE_PROGRAM_DB)]


def _db_tool(args, what, hint=""):
    cmd = [sys.executable, DB_TOOL] + args
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       errors="replace")
    if p.returncode == 2:
        raise ToolError("whole-program database: %s failed:\n%s%s"
                        % (what, p.stderr.strip(), hint))
    return p


def prepare_whole_program_database(ctx, log=lambda message: None):
    """Builds or refreshes the whole-program database when an enabled check
    needs it and --database names one; returns extra clang-tidy arguments
    (none: the checks find it through DATABASE_ENV)."""
    needing = checks_needing_database(ctx.enabled_checks)
    if not needing:
        log("whole-program database: not needed by the enabled checks")
        return []
    if not ctx.database:
        log("whole-program database: not used (--database FILE builds and uses one)")
        return []
    database = os.path.abspath(ctx.database)
    tool_args = ["-p", os.path.dirname(os.path.abspath(ctx.db_path)), "-o", database,
                 "-j", str(ctx.jobs), "--clang-tidy", ctx.toolchain.clang_tidy]
    for m in ctx.toolchain.loads:
        tool_args += ["--load", m]
    try:
        database_format.identify(database)
        state = None
    except database_format.NotCurrent as e:
        state = e
    if ctx.as_is:
        # Built elsewhere (the merged shards of a CI matrix): the checkout
        # there gave the sources other modification times, so every file
        # would look changed.
        if state is not None:
            raise ToolError("whole-program database: %s%s" % (
                state, "\n" + HINTS[state.kind] if state.kind in HINTS else
                " (--database-as-is uses a database as it is: build it with "
                "atomics-tidy-db build, or leave --database-as-is out)"))
        log("whole-program database: using %s as it is" % database)
        p = None
    elif state is not None and state.kind == "missing":
        log("whole-program database: building %s" % database)
        p = _db_tool(["build"] + tool_args, "building it")
    elif state is not None and state.kind in ("json", "older", "damaged"):
        # Written by another atomics-tidy (a cache kept across upgrades), or
        # damaged: the checks cannot read it, and it is only ever derived.
        log("whole-program database: %s: building it again" % str(state).split(";")[0])
        p = _db_tool(["build"] + tool_args, "building it")
    elif state is not None:
        raise ToolError("whole-program database: %s\n%s" % (state, HINTS[state.kind]))
    else:
        check = _db_tool(["check", database], "checking it",
                         "\n(if %s is a damaged database, delete it: --database then "
                         "builds it again)" % database)
        stale = [l[len("stale: "):] for l in check.stdout.splitlines()
                 if l.startswith("stale: ") and not l.endswith("(missing)")]
        if not stale:
            log("whole-program database: %s is up to date" % database)
            p = None
        else:
            log("whole-program database: updating %d changed file%s" % (
                len(stale), "" if len(stale) == 1 else "s"))
            p = _db_tool(["update"] + tool_args + stale, "updating it")
    if p is not None and p.returncode == 1:
        log("whole-program database: some files could not be analysed:\n" + p.stderr.strip())
        ctx.failed = {line[len(PROBLEM):].split(": ", 1)[0]
                      for line in p.stderr.splitlines() if line.startswith(PROBLEM)}
    os.environ[DATABASE_ENV] = database
    return []
