"""atomics-tidy-run: the atomics-* checks over a whole project, for CI.

Exit status: 0 no findings, 1 findings, 2 the tool itself failed (with a
message saying why). docs/ci.md is the user documentation.
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

from . import (baseline, changed, codequality, compdb, fingerprint, fixes_yaml, html_report,
               kept, prepare, progress, report_files, rules, runner, sarif, selection, shard,
               text, toolchain)
from . import merge as outputs
from .errors import ToolError
from .findings import Sources, from_yaml_text, merge

PROG = "atomics-tidy-run"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2

DESCRIPTION = """\
Runs the atomics-* clang-tidy checks over every file of a compilation
database (compile_commands.json), in parallel, and reports each finding once:
a file compiled for several targets is analysed once (--duplicates), a
finding in a header that many files include is one finding. Writes
compiler-style text, and on request SARIF 2.1.0, clang-tidy's export-fixes
YAML and GitLab's Code Quality JSON. A baseline hides the findings a project
has accepted; changed-lines mode shows only findings on the lines a git diff
touches. Only the files whose text can get a finding are analysed (--all:
every file); --shard analyses one slice of them, for a CI job matrix, and
`atomics-tidy-run merge` combines the shards' outputs.
"""

EPILOG = """\
exit status:
  0  no findings (after --baseline and changed-lines filtering)
  1  findings
  2  the tool failed: bad arguments, no compilation database, clang-tidy
     missing, crashed or failed, a file that does not compile (unless
     --allow-compile-errors), an unreadable baseline; the message says which

examples:
  atomics-tidy-run -p build
  atomics-tidy-run -p build --sarif atomics.sarif --baseline .atomics-baseline.json
  atomics-tidy-run -p build --write-baseline .atomics-baseline.json
  atomics-tidy-run -p build --changed-since origin/main
  atomics-tidy-run -p build --staged            # what a pre-commit hook runs
  atomics-tidy-run -p build --shard 2/4 --sarif part2.sarif
  atomics-tidy-run merge --sarif all.sarif part1.sarif part2.sarif part3.sarif part4.sarif
  atomics-tidy-run -p build --html report      # report/index.html
  atomics-tidy-run html -o report all.sarif     # the same from a run's SARIF

See docs/ci.md for the outputs, the baseline and its fingerprints, and the
CI integrations.
"""


def _parser():
    p = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="analyse only the database's files under these files or directories")
    g = p.add_argument_group("what to analyse")
    g.add_argument("-p", "--build-path", metavar="DIR_OR_FILE",
                   help="the compilation database, or the directory that holds "
                        "compile_commands.json (default: found from the current "
                        "directory upwards, also in build/)")
    g.add_argument("--root", metavar="DIR",
                   help="the project root: paths in the outputs, the baseline and the "
                        "fingerprints are relative to it, and findings outside it are "
                        "dropped (default: the git top level of the current directory, "
                        "or the current directory)")
    g.add_argument("--duplicates", choices=("first", "all"), default="first",
                   help="a file with several compile commands (one per target): analyse "
                        "it once with its first command (first, the default) or once per "
                        "distinct command, merging the findings (all)")
    g.add_argument("--exclude", action="append", default=[], metavar="REGEX",
                   help="skip files whose absolute path matches REGEX (repeatable)")
    g.add_argument("--all", action="store_true",
                   help="analyse every file; by default a file whose text performs no "
                        "ordering operation and includes no project header that does "
                        "(docs/ci.md) is skipped: it cannot get a finding")
    g.add_argument("--shard", type=shard.parse, metavar="I/N",
                   help="analyse only slice I of N (1 <= I <= N) of the files to analyse, "
                        "for a CI job matrix; 'atomics-tidy-run merge' combines the "
                        "shards' SARIF and export-fixes files")
    g = p.add_argument_group("clang-tidy")
    g.add_argument("--clang-tidy", metavar="PATH",
                   help="the clang-tidy to run: Debian's clang-tidy-N, or one with the "
                        "atomics checks built in (default: /usr/lib/llvm-N/bin/clang-tidy "
                        "for the LLVM N a module was built for)")
    g.add_argument("--load", action="append", default=[], metavar="MODULE",
                   help="a clang-tidy module to load (default: libatomics-tidy.so built for "
                        "the clang-tidy's LLVM, when that clang-tidy lacks the checks)")
    g.add_argument("--llvm", type=int, metavar="N", help="the LLVM major version to use")
    g.add_argument("--checks", default="-*,atomics-*",
                   help="clang-tidy's --checks (default: '-*,atomics-*'; '' uses the "
                        "Checks of the project's .clang-tidy)")
    g.add_argument("--config-file", metavar="FILE", help="clang-tidy's --config-file")
    g.add_argument("--database", metavar="FILE",
                   help="the whole-program database for the checks that pair operations "
                        "across files: built if missing, updated for changed files "
                        "(tools/atomics-tidy-db)")
    g.add_argument("--database-as-is", action="store_true",
                   help="use the --database file as it is, without building or updating "
                        "it (one built in an earlier CI job, whose checkout makes every "
                        "source look newer)")
    g.add_argument("--no-kept-findings", action="store_true",
                   help="analyse every chosen file again, instead of showing the findings "
                        "that --database keeps of files unchanged since the last run")
    g.add_argument("--header-filter", default=".*", metavar="REGEX",
                   help="clang-tidy's --header-filter (default '.*': every non-system "
                        "header; findings outside --root are dropped afterwards)")
    g.add_argument("--extra-arg", action="append", default=[], metavar="ARG",
                   help="add ARG to every compile command (clang-tidy's --extra-arg)")
    g.add_argument("--extra-arg-before", action="append", default=[], metavar="ARG",
                   help="clang-tidy's --extra-arg-before")
    g.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="parallel clang-tidy runs (default: all cores, %d here)"
                        % runner.default_jobs())
    g.add_argument("--allow-compile-errors", action="store_true",
                   help="a file that does not compile is a warning, not a failure (exit 2)")
    g = p.add_argument_group("outputs (text goes to standard output)")
    g.add_argument("--sarif", metavar="FILE", help="write SARIF 2.1.0 ('-': standard output)")
    g.add_argument("--export-fixes", metavar="FILE",
                   help="write clang-tidy's export-fixes YAML of the reported findings, "
                        "for clang-apply-replacements ('-': standard output)")
    g.add_argument("--codequality", metavar="FILE",
                   help="write a GitLab Code Quality report ('-': standard output)")
    g.add_argument("--html", metavar="DIR",
                   help="write an HTML report into DIR (DIR/index.html; docs/html-report.md): "
                        "each race as two threads side by side, the fix-its as diffs; with "
                        "--baseline it shows the accepted findings too, marked")
    g.add_argument("--fix", action="store_true",
                   help="apply the fix-its of the reported findings with "
                        "clang-apply-replacements, as run-clang-tidy -fix does")
    g.add_argument("--no-snippets", action="store_true",
                   help="text without the source lines and carets")
    g.add_argument("--docs", metavar="DIR",
                   help="the checks' documentation pages, for SARIF rule help "
                        "(default: docs/ next to tools/)")
    g.add_argument("--help-uri-base", metavar="URL",
                   help="SARIF helpUri of an atomics check: URL/<check>.md")
    g = p.add_argument_group("baseline")
    g.add_argument("--baseline", metavar="FILE",
                   help="report only findings whose fingerprint is not in FILE")
    g.add_argument("--write-baseline", metavar="FILE",
                   help="record the current findings in FILE (exit 0 unless the tool fails)")
    g = p.add_argument_group("changed lines (only findings on lines a git diff touches)")
    g.add_argument("--changed-since", metavar="REV",
                   help="lines changed between REV and the working tree (git diff REV)")
    g.add_argument("--staged", action="store_true",
                   help="lines changed in the index (git diff --cached), as a pre-commit "
                        "hook wants; with --changed-since, the index against REV")
    g.add_argument("--diff", metavar="FILE",
                   help="a unified diff (git diff -U0 ...) to take the changed lines from "
                        "('-': standard input); paths relative to the git top level")
    g.add_argument("--diff-strip", type=int, default=1, metavar="N",
                   help="leading path components to strip from --diff's file names "
                        "(default 1: a/ and b/)")
    g = p.add_argument_group("progress")
    g.add_argument("--progress", choices=("auto", "bar", "lines", "none"), default="auto",
                   help="a bar with ETA on a terminal, plain lines otherwise (auto, the "
                        "default), or none")
    g.add_argument("-q", "--quiet", action="store_true",
                   help="no progress and no summary line")
    g.add_argument("-v", "--verbose", action="store_true",
                   help="say what is run and why")
    return p


class Run:
    def __init__(self, args, out=sys.stdout, err=sys.stderr):
        self.args = args
        self.out = out
        self.err = err
        self.cwd = os.getcwd()
        self.errors = []            # messages that make the exit status 2
        self.notifications = []     # (level, message, loc) for SARIF
        self.report_files_used = False  # the database chose the files to analyse

    def log(self, message):
        if self.args.verbose:
            self.err.write("%s: %s\n" % (PROG, message))

    def error(self, message, loc=None):
        self.errors.append(message)
        self.notifications.append(("error", message, loc))

    def warn(self, message, loc=None):
        self.err.write("%s: warning: %s\n" % (PROG, message))
        self.notifications.append(("warning", message, loc))

    # -- steps -------------------------------------------------------------

    def root(self):
        return project_root(self.args.root, self.cwd)

    def changed_lines(self, root):
        a = self.args
        if not (a.changed_since or a.staged or a.diff):
            return None, None
        if a.diff:
            if a.changed_since or a.staged:
                raise ToolError("--diff takes the changed lines from a file; it cannot be "
                                "combined with --changed-since or --staged")
            try:
                text_ = sys.stdin.read() if a.diff == "-" else open(a.diff, encoding="utf-8",
                                                                     errors="surrogateescape").read()
            except OSError as e:
                raise ToolError("cannot read the diff %s: %s" % (a.diff, e.strerror))
            try:
                base = changed.git(root, "rev-parse", "--show-toplevel").strip()
            except ToolError:
                base = root
            what = "the diff %s" % ("on standard input" if a.diff == "-" else a.diff)
            lines = changed.parse(text_, a.diff_strip)
        else:
            base, diff = changed.git_diff(root, a.changed_since, a.staged)
            lines = changed.parse(diff)
            what = ("the index against %s" % a.changed_since if a.staged and a.changed_since
                    else "the index (staged changes)" if a.staged
                    else "changes since %s" % a.changed_since)
        return changed.resolve(lines, base), what

    def main(self):
        a = self.args
        start = time.monotonic()
        if a.shard and (a.baseline or a.write_baseline):
            raise ToolError("a shard sees only some of the findings: apply the baseline "
                            "to the merged output (atomics-tidy-run merge --baseline / "
                            "--write-baseline), not with --shard")
        if a.database_as_is and not a.database:
            raise ToolError("--database-as-is needs --database FILE")
        if a.write_baseline and (a.changed_since or a.staged or a.diff):
            raise ToolError("--write-baseline records the whole project's findings; it "
                            "cannot be combined with --changed-since, --staged or --diff")
        if a.jobs is not None and a.jobs < 1:
            raise ToolError("-j/--jobs must be at least 1")
        excludes = []
        for x in a.exclude:
            try:
                excludes.append(re.compile(x))
            except re.error as e:
                raise ToolError("--exclude %r is not a valid regular expression: %s" % (x, e))
        if a.baseline:
            accepted = baseline.read(a.baseline)   # fail early on a bad baseline
        root = self.root()
        self.log("project root: %s" % root)

        db_path = compdb.find(a.build_path, self.cwd)
        entries = compdb.load(db_path)
        if not entries:
            raise ToolError("%s has no entries" % db_path)
        groups = compdb.group(entries)
        files = compdb.select(groups, a.paths, excludes, self.cwd)
        self.log("%s: %d entries, %d files, %d chosen" % (db_path, len(entries), len(groups),
                                                         len(files)))

        changed_map, changed_what = self.changed_lines(root)
        if changed_map is not None:
            touched = {p for p, lines in changed_map.items() if lines}
            if all(p in groups for p in touched):
                files = [f for f in files if f in touched]
                self.log("changed lines: only in analysed files; %d to analyse" % len(files))
            else:
                others = sorted(p for p in touched if p not in groups)
                self.log("changed lines in files that are not compiled on their own (%s): "
                         "analysing every file" % ", ".join(others[:3]))

        tc = toolchain.choose(a.clang_tidy, a.load, a.llvm)
        self.log("clang-tidy: %s (LLVM %s)%s" % (tc.clang_tidy, tc.version or "?",
                                                 "".join(" --load=" + m for m in tc.loads)))
        jobs = a.jobs or runner.default_jobs()
        config_args = []
        if a.config_file:
            if not os.path.isfile(a.config_file):
                raise ToolError("--config-file: %s does not exist" % a.config_file)
            config_args.append("--config-file=%s" % os.path.abspath(a.config_file))
        checks = a.checks if a.checks != "" else None

        with tempfile.TemporaryDirectory(prefix="atomics-tidy-run.") as scratch:
            tasks = compdb.write_layers(groups, files, a.duplicates, scratch)
            layer_dirs = sorted({t[1] for t in tasks})
            sample = tasks[0][0] if tasks else None
            enabled = toolchain.preflight(tc, checks, config_args,
                                          layer_dirs[0] if layer_dirs else None, sample)
            self.log("enabled checks: %s" % ", ".join(enabled))
            prepared = prepare.PrepareContext(db_path, layer_dirs, files, enabled, tc, jobs,
                                              scratch, a.database, a.database_as_is)
            extra = prepare.prepare_whole_program_database(prepared, self.log)
            chosen = self.can_report(files, groups, enabled, tc, config_args, checks,
                                     layer_dirs, root, prepared.failed)
            skipped = len(files) - len(chosen)
            mine = set(shard.of(chosen, a.shard))
            tasks = [t for t in tasks if t[0] in mine]

            cmd_tail = list(config_args)
            if checks is not None:
                cmd_tail.append("--checks=%s" % checks)
            cmd_tail.append("--header-filter=%s" % a.header_filter)
            # The driver decides the exit status from the findings; a
            # WarningsAsErrors in the project's .clang-tidy would make every
            # run with a finding look like a failed one.
            cmd_tail.append("--warnings-as-errors=-*")
            cmd_tail += ["--extra-arg=%s" % x for x in a.extra_arg]
            cmd_tail += ["--extra-arg-before=%s" % x for x in a.extra_arg_before]
            cmd_tail += extra + ["--quiet"]
            keeping = self.kept_findings(tc, cmd_tail, a.config_file)
            jobs_list, reused = [], []
            for n, (f, layer, entry) in enumerate(tasks):
                job = (tc.base_args() + cmd_tail + ["-p", layer], f,
                       os.path.join(scratch, "tu%d.yaml" % n))
                found = keeping.find(f, entry) if keeping else None
                if found is None:
                    jobs_list.append(job + (entry,))
                else:
                    reused.append(runner.Result(f, job[2], 0, "", "", 0.0))
                    with open(job[2], "w", encoding="utf-8",
                              errors="surrogateescape") as y:
                        y.write(found)
            if keeping:
                self.log("findings kept in the database: %d of %d files unchanged since "
                         "their last analysis" % (len(reused), len(tasks)))
            if jobs_list:
                self.log("running: %s -p %s FILE" % (" ".join(jobs_list[0][0][:-2]), "LAYER"))
            mode = "none" if a.quiet else progress.choose(a.progress, self.err)
            bar = progress.Progress(mode, len(jobs_list), self.err, PROG)
            if (mode == "lines" and jobs_list) or (mode == "bar" and (skipped or a.shard)):
                self.err.write("%s: analysing %d file%s with %d job%s%s%s\n" % (
                    PROG, len(jobs_list), "" if len(jobs_list) == 1 else "s", jobs,
                    "" if jobs == 1 else "s",
                    " (shard %d/%d of %d files)" % (a.shard + (len(chosen),))
                    if a.shard else "",
                    "; %d skipped: %s" % (skipped, SKIPPED_WHY_FACTS if self.report_files_used
                                          else SKIPPED_WHY) if skipped else ""))
            try:
                results = runner.run_all([j[:3] for j in jobs_list], jobs, bar,
                                         lambda f: text.display_path(f, root),
                                         keeping.environment if keeping else None)
            finally:
                bar.finish()
            if keeping:
                keeping.keep(results, [j[3] for j in jobs_list], self.log)
            sources = Sources()
            found, compile_errors = self.collect(reused + results, sources, root)

        ran = [j[1] for j in jobs_list]
        return self.report(found, compile_errors, sources, root, enabled, tc, changed_map,
                           changed_what, (len(set(ran)), len(ran), skipped, len(reused)),
                           time.monotonic() - start,
                           accepted if a.baseline else None)

    def kept_findings(self, tc, cmd_tail, config_file):
        """The findings kept in the database (kept.py), or None: without
        --database, with --no-kept-findings, or when the database cannot be
        read."""
        a = self.args
        if not a.database or a.no_kept_findings or \
                prepare.DATABASE_ENV not in os.environ:
            return None
        try:
            return kept.KeptFindings(os.path.abspath(a.database), kept.Inputs(
                [tc.clang_tidy] + list(tc.loads), tc.base_args() + cmd_tail,
                os.path.abspath(config_file) if config_file else None))
        except (ToolError, sqlite3.Error) as e:
            self.log("findings kept in the database: cannot read them (%s); analysing "
                     "every file" % e)
            return None

    def can_report(self, files, groups, enabled, tc, config_args, checks, layer_dirs,
                   root, failed=frozenset()):
        """The files of `files` whose analysis can report a finding
        (selection.Reporting), all of them with --all or when a check other
        than the atomics-* ones is enabled (it may report anything)."""
        if self.args.all:
            return files
        others = [c for c in enabled if not c.startswith("atomics-")]
        if others:
            self.log("every file analysed: %s may report in any file" % others[0])
            return files
        started = time.monotonic()
        names, widening = _configured(tc, config_args, checks, files, layer_dirs[0]
                                      if layer_dirs else None)
        sel = selection.Reporting(files, [e for f in files for e in groups[f]],
                                  tc.clang_tidy, root, names)
        # With the database the checks look for partners in the whole
        # program, so one unit shows a header's findings (prepare set it).
        whole_program = prepare.DATABASE_ENV in os.environ
        chosen = sel.choose(files, whole_program)
        self.log("%d of %d files can get a finding by their text (%d project headers "
                 "report in themselves%s; %.1f s to find out)"
                 % (len(chosen), len(files), len(sel.headers),
                    "; configured operations: " + ", ".join(sorted(names)) if names else "",
                    time.monotonic() - started))
        if whole_program:
            chosen = self.recorded_report_files(files, chosen, root, names, widening, failed)
        return chosen

    def recorded_report_files(self, files, by_text, root, names, widening, failed):
        """`by_text` narrowed to what the database's build recorded
        (report_files.py), but for the files it `failed` to analyse, unless
        an option makes the checks report where it recorded nothing or the
        database cannot say."""
        if widening:
            self.log("the database's report files are not used: %s makes the checks "
                     "report where its build does not look" % widening)
            return by_text
        try:
            recorded = report_files.Recorded(os.environ[prepare.DATABASE_ENV], failed)
        except (ToolError, sqlite3.Error) as e:
            self.log("the database's report files cannot be read (%s): the text "
                     "decides" % e)
            return by_text
        chosen = recorded.choose(files, by_text, root,
                                 lambda f: selection.names_any(f, names))
        self.report_files_used = True
        self.log("%d of them can get a finding by the database (the files its build "
                 "recorded)" % len(chosen))
        return chosen

    def collect(self, results, sources, root):
        found, compile_errors = [], []
        for r in results:
            rel = text.display_path(r.file, self.cwd)
            fs = []
            if os.path.exists(r.yaml_path):
                with open(r.yaml_path, encoding="utf-8", errors="surrogateescape") as y:
                    content = y.read()
                try:
                    fs = from_yaml_text(content, r.yaml_path, sources)
                except fixes_yaml.YamlError as e:
                    self.error("cannot read the diagnostics clang-tidy exported for %s: %s"
                               % (rel, e))
            errs = [f for f in fs if f.is_compile_error()]
            if r.crashed():
                excerpt = _crash_excerpt(r.stderr)
                self.error("clang-tidy crashed (%s) on %s; the findings of the other files "
                           "are reported%s" % (r.signal_name(), rel,
                                               (":\n" + excerpt) if excerpt else ""))
                continue
            if errs:
                compile_errors.append((r.file, errs))
            elif r.returncode != 0:
                tail = "\n".join(l for l in r.stderr.splitlines()
                                 if l.strip() and not l.endswith("warnings generated.")
                                 and not l.startswith("Suppressed "))[-2000:]
                self.error("clang-tidy failed (exit status %d) on %s%s"
                           % (r.returncode, rel, (":\n" + tail) if tail else ""))
            found.extend(f for f in fs if not f.is_compile_error())
        return found, compile_errors

    def report(self, found, compile_errors, sources, root, enabled, tc, changed_map,
               changed_what, analysed, elapsed, accepted):
        a = self.args
        # Compile errors: each file's first errors, once per distinct message.
        for file, errs in compile_errors:
            rel = text.display_path(file, self.cwd)
            shown = "".join(text.render(e, sources, self.cwd, snippets=False)
                            for e in merge(errs)[:3])
            message = ("%s does not compile, so its analysis is incomplete "
                       "(fix its compile command, or pass --allow-compile-errors):\n%s"
                       % (rel, shown.rstrip()))
            if a.allow_compile_errors:
                self.warn(message, errs[0].loc)
            else:
                self.error(message, errs[0].loc)

        merged = merge(found)
        inside = [f for f in merged if f.loc is None or not fingerprint.relative_path(
            f.loc.path, root).startswith("/")]
        if len(inside) != len(merged):
            self.log("%d findings outside the project root %s not shown"
                     % (len(merged) - len(inside), root))
        fingerprint.assign(inside, root, sources)

        if a.write_baseline:
            baseline.write(a.write_baseline, inside)

        shown = inside
        hidden_baseline = 0
        stale = 0
        if accepted is not None:
            accepted_set = set(accepted)
            current = {f.fingerprint for f in inside}
            shown = [f for f in inside if f.fingerprint not in accepted_set]
            hidden_baseline = len(inside) - len(shown)
            stale = len(accepted_set - current)
        hidden_changed = 0
        if changed_map is not None:
            kept = [f for f in shown if changed.touches(f, changed_map)]
            hidden_changed = len(shown) - len(kept)
            shown = kept

        # Outputs.
        to_stdout = [o for o in (a.sarif, a.export_fixes, a.codequality) if o == "-"]
        if len(to_stdout) > 1:
            raise ToolError("only one of --sarif, --export-fixes and --codequality can "
                            "write to standard output")
        if not to_stdout:
            for f in shown:
                self.out.write(text.render(f, sources, self.cwd, not a.no_snippets))
            self.out.flush()
        successful = not self.errors
        def sarif_log(findings):
            docs = a.docs or os.path.join(toolchain.SOURCE_ROOT, "docs")
            documented = rules.load(docs, a.help_uri_base)
            ids = sorted(set(enabled) | {f.check for f in findings})
            rule_list = [documented.get(c) or rules.generic(c) for c in ids]
            return sarif.build(findings, rule_list, root, sources, _version(),
                               tc.version and "LLVM %s" % tc.version, accepted is not None,
                               self.notifications, successful)
        if a.sarif:
            _write(a.sarif, sarif.dumps(sarif_log(shown)), self.out)
        if a.html:
            # The findings shown and, marked, those the baseline accepts.
            listed = [f for f in inside if changed_map is None or
                      changed.touches(f, changed_map)]
            html_report.write(sarif_log(listed), a.html, root, accepted)
        if a.export_fixes:
            _write(a.export_fixes, fixes_yaml.dump_diagnostics(_exports(shown)), self.out)
        if a.codequality:
            _write(a.codequality, codequality.build(shown), self.out)

        if a.fix:
            self.apply_fixes(shown, tc)

        for e in self.errors:
            self.err.write("%s: error: %s\n" % (PROG, e))
        if not a.quiet:
            self.err.write(self.summary(shown, hidden_baseline, stale, hidden_changed,
                                        changed_what, analysed, elapsed) + "\n")
        if self.errors:
            return EXIT_FAILED
        if a.write_baseline:
            self.err.write("%s: recorded %d finding%s in %s\n" % (
                PROG, len(inside), "" if len(inside) == 1 else "s", a.write_baseline))
            return EXIT_CLEAN
        return EXIT_FINDINGS if shown else EXIT_CLEAN

    def apply_fixes(self, shown, tc):
        fixable = [f for f in shown if f.replacements]
        if not fixable:
            return
        tool = toolchain.find_apply_replacements(tc)
        if not tool:
            self.error("--fix: clang-apply-replacements not found next to %s or on PATH "
                       "(Debian: clang-tools-%s)" % (tc.clang_tidy, tc.major or "N"))
            return
        with tempfile.TemporaryDirectory(prefix="atomics-tidy-fix.") as d:
            with open(os.path.join(d, "fixes.yaml"), "w", encoding="utf-8",
                      errors="surrogateescape") as out:
                out.write(fixes_yaml.dump_diagnostics(_exports(fixable)))
            p = subprocess.run([tool, "-ignore-insert-conflict", d], capture_output=True,
                               text=True, errors="replace")
        if p.returncode != 0:
            self.error("--fix: %s failed: %s" % (tool, (p.stderr or p.stdout).strip()))
        else:
            self.err.write("%s: applied the fix-its of %d finding%s\n" % (
                PROG, len(fixable), "" if len(fixable) == 1 else "s"))

    def summary(self, shown, hidden_baseline, stale, hidden_changed, changed_what,
                analysed, elapsed):
        n = len(shown)
        files = len({f.loc.path for f in shown if f.loc})
        head = ("no findings" if not n else "%d finding%s in %d file%s" % (
            n, "" if n == 1 else "s", files, "" if files == 1 else "s"))
        if self.args.baseline:
            head = head.replace("finding", "new finding", 1) if n else "no new findings"
        files_n, runs, skipped, unchanged = analysed
        parts = ["%d file%s analysed%s in %s" % (
            files_n, "" if files_n == 1 else "s",
            " (%d compile commands)" % runs if runs != files_n else "", _clock(elapsed))]
        if unchanged:
            parts.append("%d unchanged since their last analysis (findings kept; "
                         "--no-kept-findings analyses them)" % unchanged)
        if skipped:
            parts.append("%d skipped (--all analyses them)" % skipped)
        if self.args.shard:
            parts.append("shard %d/%d" % self.args.shard)
        if self.args.baseline:
            parts.append("%d in the baseline not shown" % hidden_baseline)
            if stale:
                parts.append("%d baseline entr%s no longer found: update it with "
                             "--write-baseline" % (stale, "y" if stale == 1 else "ies"))
        if changed_what:
            parts.append("only lines in %s; %d finding%s elsewhere not shown"
                         % (changed_what, hidden_changed, "" if hidden_changed == 1 else "s"))
        return "%s: %s (%s)" % (PROG, head, "; ".join(parts))


def project_root(root_arg, cwd):
    """--root, or the git top level of `cwd`, or `cwd`."""
    if root_arg:
        if not os.path.isdir(root_arg):
            raise ToolError("--root: %s is not a directory" % root_arg)
        return os.path.realpath(root_arg)
    try:
        return os.path.realpath(changed.git(cwd, "rev-parse", "--show-toplevel").strip())
    except ToolError:
        return os.path.realpath(cwd)


SKIPPED_WHY = ("their text performs no ordering operation and includes no project header "
               "whose code does, so they cannot get a finding (--all analyses them)")
SKIPPED_WHY_FACTS = ("the whole-program database's build found nothing of theirs that can "
                     "be reported (--all analyses them)")


# The options that make names of the user's operations: their values are
# 'name[=value];...' (docs/atomics-missing-rmw-barrier.md, atomics-deprecated-mb.md).
_NAME_OPTIONS = ("atomics-missing-rmw-barrier.Wrappers", "atomics-deprecated-mb.ExtraNames")


def _configured(tc, config_args, checks, files, layer_dir):
    """The names that the checks' options make operations, in the
    configuration of each directory with its own .clang-tidy (asked of
    clang-tidy once per such configuration), and the first option that
    makes the checks report where the database's build recorded nothing
    (report_files.widening), or None."""
    samples = {}
    for f in files:
        d = os.path.dirname(f)
        while True:
            if os.path.isfile(os.path.join(d, ".clang-tidy")) or d == os.path.dirname(d):
                break
            d = os.path.dirname(d)
        samples.setdefault(d, f)
    names = set()
    widening = None
    for sample in sorted(samples.values())[:1] if config_args else sorted(samples.values()):
        cmd = tc.base_args() + config_args + ["--dump-config"]
        if checks is not None:
            cmd.append("--checks=%s" % checks)
        if layer_dir:
            cmd += ["-p", layer_dir]
        try:
            p = subprocess.run(cmd + [sample], capture_output=True, text=True,
                               errors="replace", timeout=300)
            options = (fixes_yaml.load(p.stdout) or {}).get("CheckOptions") or {}
        except (OSError, subprocess.SubprocessError, fixes_yaml.YamlError, AttributeError):
            continue
        if isinstance(options, list):       # LLVM before 15: a list of key/value
            options = {o.get("key"): o.get("value") for o in options if isinstance(o, dict)}
        for key in _NAME_OPTIONS:
            for entry in (options.get(key) or "").split(";"):
                name = entry.split("=", 1)[0].strip()
                if re.fullmatch(r"[A-Za-z_]\w*", name):
                    names.add(name)
        widening = widening or report_files.widening(options)
    return names, widening


def _exports(findings):
    """The findings as export-fixes diagnostics. A replacement that an
    earlier finding already carries (the same text at the same place, as
    when one read-modify-write is reported once per way its file is
    compiled, with different messages) is left out of the later ones:
    clang-apply-replacements keeps duplicates within one document, and
    would insert the barrier twice."""
    seen = set()

    def unique(reps):
        out = [r for r in reps if r.key() not in seen]
        seen.update(r.key() for r in out)
        return out

    def msg(message, loc, reps):
        return {"Message": message, "FilePath": loc.path if loc else "",
                "FileOffset": loc.offset if loc else 0,
                "Replacements": [{"FilePath": r.path, "Offset": r.offset, "Length": r.length,
                                  "ReplacementText": r.text} for r in unique(reps)]}
    return [{"DiagnosticName": f.check,
             "DiagnosticMessage": msg(f.message, f.loc, f.replacements),
             "Notes": [msg(n.message, n.loc, n.replacements) for n in f.notes],
             "Level": f.level.capitalize(),
             "BuildDirectory": f.build_dir} for f in findings]


def _crash_excerpt(stderr):
    lines = stderr.splitlines()
    for i, l in enumerate(lines):
        if any(m in l for m in runner.CRASH_MARKERS):
            return "\n".join(lines[i:i + 12])
    return "\n".join(lines[-12:])


def _write(path, content, stdout):
    if path == "-":
        stdout.write(content)
        stdout.flush()
        return
    try:
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(content)
    except OSError as e:
        raise ToolError("cannot write %s: %s" % (path, e.strerror))


def _clock(seconds):
    seconds = int(round(seconds))
    return "%d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


def _version():
    """The project's version: from the source tree's CMakeLists.txt, or the
    VERSION file of an installed tree (cmake/Packaging.cmake)."""
    cmake = os.path.join(toolchain.SOURCE_ROOT, "CMakeLists.txt")
    try:
        with open(cmake, encoding="utf-8") as f:
            m = re.search(r"project\(atomics-tidy VERSION ([0-9.]+)", f.read())
            return m.group(1) if m else None
    except OSError:
        pass
    try:
        with open(os.path.join(toolchain.SOURCE_ROOT, "VERSION"), encoding="utf-8") as f:
            return f.read().strip() or None
    except OSError:
        return None


MERGE_DESCRIPTION = """\
Combines the outputs of the shards of one run (atomics-tidy-run --shard I/N
--sarif/--export-fixes) into what one run over every file writes: a finding
that several shards report (a header's) once, in the run's order, with the
fingerprints counted over all findings. Applies the baseline, which a
shard cannot: --baseline, --write-baseline.
"""

MERGE_EPILOG = """\
exit status: 0 no findings, 1 findings, 2 a file is not what it should be,
or a shard's run failed (its SARIF says so).

examples:
  atomics-tidy-run merge --sarif atomics.sarif shard-*.sarif
  atomics-tidy-run merge --export-fixes fixes.yaml shard-*.yaml
  atomics-tidy-run merge --sarif atomics.sarif --baseline .atomics-baseline.json shard-*.sarif
"""


def _merge_parser():
    p = argparse.ArgumentParser(prog=PROG + " merge", description=MERGE_DESCRIPTION,
                                epilog=MERGE_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help="the shards' SARIF files, or their export-fixes YAML files")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--sarif", metavar="OUT",
                     help="merge SARIF files into OUT ('-': standard output)")
    out.add_argument("--export-fixes", metavar="OUT",
                     help="merge export-fixes YAML files into OUT ('-': standard output)")
    p.add_argument("--root", metavar="DIR",
                   help="the project root, for the fingerprints of export-fixes findings "
                        "(default: as atomics-tidy-run's)")
    p.add_argument("--baseline", metavar="FILE",
                   help="leave out the findings whose fingerprint is in FILE")
    p.add_argument("--write-baseline", metavar="FILE",
                   help="record the merged findings in FILE (exit 0)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    return p


def merge_main(args, out=sys.stdout, err=sys.stderr):
    accepted = baseline.read(args.baseline) if args.baseline else None
    successful = True
    if args.sarif:
        log = outputs.merge_sarif(args.inputs)
        if args.write_baseline:
            baseline.write(args.write_baseline, outputs.sarif_records(log))
        hidden, stale = outputs.sarif_filter(log, accepted) if accepted is not None else (0, 0)
        _write(args.sarif, sarif.dumps(log), out)
        shown = outputs.sarif_records(log)
        successful = outputs.sarif_successful(log)
        what = "SARIF"
    else:
        merged, _ = outputs.merge_fixes(args.inputs, project_root(args.root, os.getcwd()))
        if args.write_baseline:
            baseline.write(args.write_baseline, merged)
        shown, hidden, stale = merged, 0, 0
        if accepted is not None:
            accepted_set = set(accepted)
            shown = [f for f in merged if f.fingerprint not in accepted_set]
            hidden = len(merged) - len(shown)
            stale = len(accepted_set - {f.fingerprint for f in merged})
        _write(args.export_fixes, fixes_yaml.dump_diagnostics(_exports(shown)), out)
        what = "export-fixes"
    if not successful:
        err.write("%s: error: the run of a shard failed (the SARIF's "
                  "toolExecutionNotifications say why)\n" % PROG)
    if not args.quiet:
        n = len(shown)
        files = len({f.relpath if args.sarif else f.loc.path for f in shown
                     if (f.relpath if args.sarif else f.loc)})
        head = ("%d %sfinding%s in %d file%s" % (
            n, "new " if accepted is not None else "", "" if n == 1 else "s", files,
            "" if files == 1 else "s") if n else
            "no new findings" if accepted is not None else "no findings")
        parts = ["merged from %d %s file%s" % (len(args.inputs), what,
                                                "" if len(args.inputs) == 1 else "s")]
        if accepted is not None:
            parts.append("%d in the baseline not shown" % hidden)
            if stale:
                parts.append("%d baseline entr%s no longer found: update it with "
                             "--write-baseline" % (stale, "y" if stale == 1 else "ies"))
        err.write("%s: %s (%s)\n" % (PROG, head, "; ".join(parts)))
    if not successful:
        return EXIT_FAILED
    if args.write_baseline:
        return EXIT_CLEAN
    return EXIT_FINDINGS if shown else EXIT_CLEAN


HTML_DESCRIPTION = """\
Writes the HTML report (what --html writes: docs/html-report.md) from the
SARIF file of an earlier run, or from the SARIF files of a run's shards
(merged as 'atomics-tidy-run merge' merges them), for a CI job that
publishes it. The source files are read under the project root the SARIF
names (--root: elsewhere), for excerpts and the fix-its as diffs; without
them the report shows the lines the SARIF holds.
"""

HTML_EPILOG = """\
exit status: 0 the report is written, 2 a file is not what it should be or
the report cannot be written.

examples:
  atomics-tidy-run html -o report atomics.sarif
  atomics-tidy-run html -o report --baseline .atomics-baseline.json shard-*.sarif
"""


def _html_parser():
    p = argparse.ArgumentParser(prog=PROG + " html", description=HTML_DESCRIPTION,
                                epilog=HTML_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help="the run's SARIF file (atomics-tidy-run --sarif), or its shards'")
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="the directory to write the report into (DIR/index.html)")
    p.add_argument("--root", metavar="DIR",
                   help="where the project's sources are (default: the root the SARIF "
                        "file names)")
    p.add_argument("--baseline", metavar="FILE",
                   help="mark the findings whose fingerprint is in FILE as accepted, the "
                        "others as new")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    return p


def html_main(args, err=sys.stderr):
    accepted = baseline.read(args.baseline) if args.baseline else None
    if args.root and not os.path.isdir(args.root):
        raise ToolError("--root: %s is not a directory" % args.root)
    if len(args.inputs) == 1:
        log = {"version": "2.1.0", "runs": [outputs.load_sarif(args.inputs[0])]}
    else:
        log = outputs.merge_sarif(args.inputs)
    report = html_report.write(log, args.output, args.root and os.path.realpath(args.root),
                               accepted)
    if not args.quiet:
        n = len(report.items)
        err.write("%s: wrote %s (%d finding%s)\n" % (
            PROG, os.path.join(args.output, "index.html"), n, "" if n == 1 else "s"))
    return EXIT_CLEAN


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["html"]:
        args = _html_parser().parse_args(argv[1:])
        try:
            return html_main(args)
        except ToolError as e:
            sys.stderr.write("%s html: error: %s\n" % (PROG, e))
            return EXIT_FAILED
    if argv[:1] == ["merge"]:
        args = _merge_parser().parse_args(argv[1:])
        try:
            return merge_main(args)
        except ToolError as e:
            sys.stderr.write("%s merge: error: %s\n" % (PROG, e))
            return EXIT_FAILED
    args = _parser().parse_args(argv)
    try:
        return Run(args).main()
    except ToolError as e:
        sys.stderr.write("%s: error: %s\n" % (PROG, e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        sys.stderr.write("\n%s: error: interrupted\n" % PROG)
        return EXIT_FAILED
