"""`atomics-tidy-bench run`: what the checks cost on a project.

Over the files of a compilation database (by default the generated
project of corpus.py), in one invocation:

1. the whole-program database pass, `atomics-tidy-db build`, over the files;
2. per file, one after the other on the same worker: `clang -fsyntax-only`
   with the file's own command (the baseline: the compiler's front end
   alone), then clang-tidy with only the atomics-* checks and
   --enable-check-profile (the checks' own time), given the database as
   the checks find it in CI.

Each file is compiled with its first command: a file built for several
targets once, as the database pass does. A file that the baseline cannot
compile is left out of every figure (and named).

The ratios compare CPU times (user + system) measured in this invocation;
see timing.py for why.
"""

import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from atomics_tidy_run import compdb, progress
from atomics_tidy_run.errors import ToolError
from atomics_tidy_run.prepare import DATABASE_ENV, DB_TOOL
from atomics_tidy_run.text import display_path

from . import corpus, profile, timing, toolset
from .table import Column, Table, command_line

# The targets, printed next to the figures (never asserted).
CHECKS_SHARE_TARGET = 0.03
DATABASE_RATIO_TARGET = 1.0
# What clang-tidy and the database pass add to a project's own flags: a
# project built with GCC names warnings that clang does not know.
EXTRA_FLAGS = ["-Wno-unknown-warning-option"]
# What compdb's command_key() keeps of a command that -fsyntax-only has no
# use for: the compile-only and dependency-file switches.
NOT_FOR_SYNTAX_ONLY = {"-c", "-MD", "-MMD", "-MP"}


def add_arguments(p):
    g = p.add_argument_group("what to measure")
    g.add_argument("-p", "--build-path", metavar="DIR_OR_FILE",
                   help="the project's compile_commands.json, or its directory "
                   "(default: a generated project; see --corpus-files)")
    g.add_argument("paths", nargs="*", metavar="PATH",
                   help="only the database's files under these files or directories")
    g.add_argument("--files", metavar="LIST",
                   help="only the files named in LIST, one a line ('-': standard input)")
    g.add_argument("--containing", metavar="REGEX",
                   help="only the files whose text matches REGEX (such as "
                   "'qatomic_|smp_(mb|rmb|wmb)': the files that use atomics)")
    g.add_argument("--limit", type=int, metavar="N",
                   help="at most N files, evenly spread over the database's "
                   "order (a project's database lists a directory at a time)")
    g.add_argument("--corpus-files", type=int, default=40, metavar="N",
                   help="units of the generated project (default: %(default)s)")
    g.add_argument("--corpus-functions", type=int, default=12, metavar="N",
                   help="generated functions per unit, besides the fixed ones "
                   "(default: %(default)s)")
    g.add_argument("--database-only", action="store_true",
                   help="measure the database pass against clang -fsyntax-only, "
                   "without the per-file clang-tidy runs (a whole program in "
                   "half the time)")
    g.add_argument("--database", metavar="FILE",
                   help="give the checks this whole-program database (of the "
                   "whole program, say) instead of building one over the "
                   "files measured")
    g.add_argument("--no-database", action="store_true",
                   help="skip the database pass; clang-tidy runs per file alone")
    g = p.add_argument_group("how")
    g.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="parallel runs (default: %(default)s; the ratios are "
                   "CPU times, so they hold at any -j)")
    g.add_argument("--header-filter", metavar="REGEX",
                   help="clang-tidy's --header-filter: the headers whose "
                   "findings are shown, hence analysed (default: clang-tidy's, "
                   "none in LLVM 19, every non-system header from LLVM 22)")
    g.add_argument("--csv", metavar="FILE", help="write the table as CSV")
    g.add_argument("--keep", metavar="DIR",
                   help="keep the generated project and the database in DIR")


def _syntax_only(entry, clang):
    """The file's compile command as `clang -fsyntax-only`: its arguments
    without the outputs (as compdb compares commands), our clang first."""
    args = entry.command_key()[1]
    return ([clang] + [a for a in args[1:] if a not in NOT_FOR_SYNTAX_ONLY]
            + EXTRA_FLAGS + ["-fsyntax-only"])


def _read_list(path):
    try:
        f = sys.stdin if path == "-" else open(path)
        with f:
            return [l.strip() for l in f if l.strip() and not l.startswith("#")]
    except OSError as e:
        raise ToolError("--files: cannot read %s: %s" % (path, e.strerror))


def _contains(path, pattern):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return pattern.search(f.read()) is not None
    except OSError:
        return False


def _choose_files(args, scratch):
    """(compile_commands.json, [files], description of the corpus)."""
    if args.build_path:
        db_path = compdb.find(args.build_path, os.getcwd())
        what = db_path
    else:
        if args.paths or args.files:
            raise ToolError("PATH and --files select files of a compilation "
                            "database: give it with -p")
        directory = os.path.abspath(args.keep) if args.keep else os.path.join(scratch, "corpus")
        corpus.write_project(directory, args.corpus_files, args.corpus_functions)
        db_path = os.path.join(directory, compdb.DB_NAME)
        what = "generated project (%d units, %d extra functions each) in %s" % (
            args.corpus_files, args.corpus_functions, directory)
    groups = compdb.group(compdb.load(db_path))
    if not groups:
        raise ToolError("%s has no entries" % db_path)
    files = compdb.select(groups, args.paths, [], os.getcwd())
    if args.files:
        wanted = [os.path.realpath(f) for f in _read_list(args.files)]
        unknown = [f for f in wanted if f not in groups]
        if unknown:
            raise ToolError("--files: %d of its files are not in %s, such as %s"
                            % (len(unknown), db_path, unknown[0]))
        chosen = set(files)
        files = [f for f in wanted if f in chosen]
    if args.containing:
        files = [f for f in files if _contains(f, args.containing)]
    if args.limit is not None:
        if args.limit < 1:
            raise ToolError("--limit must be at least 1")
        if len(files) > args.limit:
            files = [files[i * len(files) // args.limit] for i in range(args.limit)]
    if not files:
        raise ToolError("no files to measure: none of the %d files of %s is selected"
                        % (len(groups), db_path))
    return db_path, groups, files, what


def _database_pass(tools, layer, files, every_file, jobs, output):
    cmd = [sys.executable, DB_TOOL, "build", "-p", layer, "-o", output,
           "-j", str(jobs), "--clang-tidy", tools.tc.clang_tidy]
    for m in tools.tc.loads:
        cmd += ["--load", m]
    # The whole program as a user builds it: the tool chooses the files
    # that count. A part of it: those files, every one analysed.
    r = timing.run(cmd + ([] if every_file else files))
    if r.returncode not in (0, 1):
        raise ToolError("the database pass failed: %s\n%s" % (
            " ".join(cmd[:12]) + " ...", r.stderr.strip()[-3000:]))
    failed = len(re.findall(r"could not analyse", r.stderr))
    return r, failed


def _measure_file(tools, task, layer, scratch, database, syntax_only,
                  header_filter):
    """(file, syntax-only Timed, clang-tidy Timed or None, profile or None)."""
    file, _, entry = task
    syn = timing.run(_syntax_only(entry, tools.clang), cwd=entry.directory)
    if syn.returncode != 0 or syntax_only:
        return file, syn, None, None
    prof = tempfile.mkdtemp(dir=scratch, prefix="profile-")
    env = dict(os.environ)
    env.pop(DATABASE_ENV, None)
    if database:
        env[DATABASE_ENV] = database
    cmd = (tools.tc.base_args() + ["--checks=" + toolset.CHECKS, "--quiet",
                                   "-p", layer]
           + ["--extra-arg=" + a for a in EXTRA_FLAGS] + profile.tidy_args(prof)
           + ([] if header_filter is None else ["--header-filter=" + header_filter])
           + [file])
    tidy = timing.run(cmd, env=env)
    if tidy.returncode < 0 or "Stack dump" in tidy.stderr:
        raise ToolError("clang-tidy crashed on %s:\n%s" % (file, tidy.stderr[-3000:]))
    checks = profile.read(prof) if tidy.returncode == 0 else None
    shutil.rmtree(prof, ignore_errors=True)
    return file, syn, tidy, checks


def main(args, argv):
    if args.jobs < 1:
        raise ToolError("-j/--jobs must be at least 1")
    if args.containing:
        try:
            args.containing = re.compile(args.containing)
        except re.error as e:
            raise ToolError("--containing %r is not a valid regular expression: %s"
                            % (args.containing, e))
    if args.header_filter is not None:
        try:
            re.compile(args.header_filter)
        except re.error as e:
            raise ToolError("--header-filter %r is not a valid regular expression: %s"
                            % (args.header_filter, e))
    tools = toolset.choose(args)
    scratch = tempfile.mkdtemp(prefix="atomics-tidy-bench-")
    try:
        return _run(args, argv, tools, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(args, argv, tools, scratch):
    db_path, groups, files, what = _choose_files(args, scratch)
    print("command: " + command_line(argv))
    print("corpus: %s, %d files" % (what, len(files)))
    print("programs: " + tools.describe())
    print("jobs: %d" % args.jobs, flush=True)
    if args.header_filter is not None:
        print("header filter: %r" % args.header_filter, flush=True)
    tasks = compdb.write_layers(groups, files, "first", os.path.join(scratch, "db"))
    layer = tasks[0][1]

    if args.database_only and args.no_database:
        raise ToolError("--database-only and --no-database leave nothing to measure")
    if args.database and (args.database_only or args.no_database):
        raise ToolError("--database gives the checks a database: it does not go "
                        "with --database-only or --no-database")
    database, db_run, db_failed = None, None, 0
    if args.database:
        database = os.path.abspath(args.database)
        if not os.path.isfile(database):
            raise ToolError("--database %s: no such file" % args.database)
        print("database: %s, %d bytes (given)" % (database, os.path.getsize(database)),
              flush=True)
    elif not args.no_database:
        keep = os.path.abspath(args.keep) if args.keep else scratch
        database = os.path.join(keep, "atomics-tidy.db")
        sys.stderr.write("atomics-tidy-bench: database pass over %d files\n" % len(files))
        db_run, db_failed = _database_pass(tools, layer, files,
                                           len(files) == len(groups), args.jobs,
                                           database)
        # Every clang-tidy run below reads it: its size is part of their cost.
        print("database: %d bytes, %d files could not be analysed"
              % (os.path.getsize(database), db_failed), flush=True)

    sys.stderr.write("atomics-tidy-bench: clang -fsyntax-only and clang-tidy per file\n")
    results = []
    bar = progress.Progress(progress.choose("auto", sys.stderr), len(tasks), sys.stderr,
                            "atomics-tidy-bench", "measuring")
    try:
        with ThreadPoolExecutor(args.jobs) as pool:
            for r in pool.map(
                    lambda t: _measure_file(tools, t, layer, scratch, database,
                                            args.database_only, args.header_filter),
                    tasks):
                results.append(r)
                bar.advance(display_path(r[0], os.getcwd()))
    finally:
        bar.finish()
    if args.database_only:
        return _database_only(args, results, db_run, db_failed, len(files))
    ok = [r for r in results if r[2] is not None and r[3] is not None]
    for file, syn, tidy, _ in results:
        if tidy is None:
            sys.stderr.write("atomics-tidy-bench: left out (clang -fsyntax-only "
                             "failed): %s\n" % file)
        elif tidy.returncode != 0:
            sys.stderr.write("atomics-tidy-bench: left out (clang-tidy exit status "
                             "%d): %s\n" % (tidy.returncode, file))
    if not ok:
        raise ToolError("no file could be measured (every one failed to compile; "
                        "the first: %s)" % results[0][1].stderr.strip()[-2000:])

    table = _table(tools, ok, db_run, db_failed, len(files))
    print()
    table.print()
    print()
    _verdicts(table)
    if args.csv:
        table.write_csv(args.csv)
        print("CSV written to " + args.csv)
    return 0


COLUMNS = [
    # The checks indented under the clang-tidy run they are part of.
    Column("what", "what", lambda r: ("  " if r["kind"] in ("check", "checks") else "")
           + r["what"], 30),
    Column("kind", "kind", printed=False),
    Column("files", "files", "%d", 5),
    Column("cpu_s", "CPU s", "%.3f", 9),
    Column("wall_s", "wall s", "%.3f", 9),
    Column("share_of_clang_tidy", "% of clang-tidy", "%.2f%%", 15),
    Column("ratio_to_syntax_only", "x syntax-only", "%.3f", 13),
    Column("files_per_cpu_s", "files/CPU s", "%.1f", 11),
]


def _table(tools, ok, db_run, db_failed, total_files):
    n = len(ok)
    syn_cpu = sum(r[1].cpu for r in ok)
    tidy_cpu = sum(r[2].cpu for r in ok)
    checks = {}
    for r in ok:
        profile.add(checks, r[3])
    t = Table(COLUMNS)

    def row(what, kind, files, cpu, wall):
        return t.add(what=what, kind=kind, files=files, cpu_s=cpu, wall_s=wall,
                     share_of_clang_tidy=100.0 * cpu / tidy_cpu if tidy_cpu else None,
                     ratio_to_syntax_only=cpu / syn_cpu if syn_cpu else None,
                     files_per_cpu_s=files / cpu if cpu else None)
    base = row("clang -fsyntax-only", "baseline", n, syn_cpu, sum(r[1].wall for r in ok))
    base["share_of_clang_tidy"] = None
    row("clang-tidy, atomics-* only", "clang-tidy", n, tidy_cpu, sum(r[2].wall for r in ok))
    all_cpu = all_wall = 0.0
    for name in tools.checks:
        c = checks.get(name, {"cpu": 0.0, "wall": 0.0})
        all_cpu += c["cpu"]
        all_wall += c["wall"]
        row(name, "check", n, c["cpu"], c["wall"])
    row("all atomics-* checks", "checks", n, all_cpu, all_wall)
    if db_run is not None:
        d = row("atomics-tidy-db build", "database", total_files - db_failed,
                db_run.cpu, db_run.wall)
        d["share_of_clang_tidy"] = None
    return t


def _database_only(args, results, db_run, db_failed, total_files):
    """The database pass against clang -fsyntax-only over the same files."""
    ok = [r for r in results if r[1].returncode == 0]
    for file, syn, _, _ in results:
        if syn.returncode != 0:
            sys.stderr.write("atomics-tidy-bench: clang -fsyntax-only failed on "
                             "%s (its time still counts)\n" % file)
    syn_cpu = sum(r[1].cpu for r in results)
    t = Table(COLUMNS)
    t.add(what="clang -fsyntax-only", kind="baseline", files=len(results),
          cpu_s=syn_cpu, wall_s=sum(r[1].wall for r in results),
          share_of_clang_tidy=None, ratio_to_syntax_only=1.0,
          files_per_cpu_s=len(results) / syn_cpu if syn_cpu else None)
    t.add(what="atomics-tidy-db build", kind="database",
          files=total_files - db_failed, cpu_s=db_run.cpu, wall_s=db_run.wall,
          share_of_clang_tidy=None,
          ratio_to_syntax_only=db_run.cpu / syn_cpu if syn_cpu else None,
          files_per_cpu_s=(total_files - db_failed) / db_run.cpu
          if db_run.cpu else None)
    print("compiled by clang -fsyntax-only: %d of %d files" % (len(ok), len(results)))
    print()
    t.print()
    print()
    ratio = t.rows[-1]["ratio_to_syntax_only"]
    print("atomics-tidy-db build: %.3f x clang -fsyntax-only's CPU time (target: "
          "under %.0f): %s" % (ratio, DATABASE_RATIO_TARGET,
                               "met" if ratio < DATABASE_RATIO_TARGET else "NOT met"))
    if args.csv:
        t.write_csv(args.csv)
        print("CSV written to " + args.csv)
    return 0


def _verdicts(table):
    by_kind = {r["kind"]: r for r in table.rows}
    share = by_kind["checks"]["share_of_clang_tidy"]
    print("all atomics-* checks: %.2f%% of clang-tidy's CPU time (target: under "
          "%.0f%%): %s" % (share, 100 * CHECKS_SHARE_TARGET,
                           "met" if share < 100 * CHECKS_SHARE_TARGET else "NOT met"))
    if "database" in by_kind:
        ratio = by_kind["database"]["ratio_to_syntax_only"]
        print("atomics-tidy-db build: %.3f x clang -fsyntax-only's CPU time (target: "
              "under %.0f): %s" % (ratio, DATABASE_RATIO_TARGET,
                                   "met" if ratio < DATABASE_RATIO_TARGET else "NOT met"))
