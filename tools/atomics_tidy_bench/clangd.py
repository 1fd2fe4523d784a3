"""`atomics-tidy-bench clangd`: each check's latency in the editor.

clangd measures it itself: `atomics-clangd --check=FILE --check-locations=0
--check-tidy-time=GLOB` builds the file's AST without clang-tidy checks
(its baseline) and then with each check matching GLOB alone, and prints the
median overhead of each in per cent. This runs that --repeat times on a
large file (by default a generated one of about 10,000 lines, dense in
atomics; any file of a project with --file and --compile-commands-dir), and
prints per check the median of the runs, their range, and what that is in
milliseconds of the baseline. A check of clangd's own list of fast checks
(--reference) is measured in the same runs, for scale: clangd keeps a check
on that list below 8% on its benchmark file.
"""

import os
import re
import shutil
import statistics
import tempfile

from atomics_tidy_run.errors import ToolError
from atomics_tidy_run.toolchain import SOURCE_ROOT, built_majors

from . import corpus, timing
from .table import Column, Table, command_line

BASELINE = re.compile(r"^\S+\s+Baseline = (\d+) ns", re.M)
CHECK = re.compile(r"^\S+\s+([A-Za-z0-9.-]+) = (-?\d+)%", re.M)


def add_arguments(p):
    p.add_argument("--file", metavar="FILE",
                   help="the file to time (default: a generated one)")
    p.add_argument("--compile-commands-dir", metavar="DIR",
                   help="where clangd finds FILE's compile command")
    p.add_argument("--functions", type=int, default=300, metavar="N",
                   help="generated functions in the default file (default: "
                   "%(default)s, about 10,000 lines)")
    p.add_argument("--repeat", type=int, default=3, metavar="N",
                   help="clangd runs; the median counts (default: %(default)s)")
    p.add_argument("--reference", default="bugprone-sizeof-expression", metavar="CHECK",
                   help="a check to time next to ours ('' for none; default: "
                   "%(default)s, on clangd's list of fast checks)")
    p.add_argument("--clangd", metavar="PATH",
                   help="atomics-clangd (default: the one built by tools/build N)")
    p.add_argument("--llvm", type=int, metavar="N",
                   help="the LLVM whose build of atomics-clangd to use")
    p.add_argument("--csv", metavar="FILE", help="write the table as CSV")


def _clangd(args):
    if args.clangd:
        path = shutil.which(args.clangd)
        if not path:
            raise ToolError("--clangd: %s is not an executable program" % args.clangd)
        return os.path.abspath(path)
    majors = [args.llvm] if args.llvm else built_majors() or [19]
    for m in majors:
        c = os.path.join(SOURCE_ROOT, "build", "llvm-%s" % m, "bin", "atomics-clangd")
        if os.access(c, os.X_OK):
            return c
    installed = shutil.which("atomics-clangd")
    if installed and not args.llvm:
        return installed
    raise ToolError("no atomics-clangd for LLVM %s: build it with tools/build %s "
                    "(it needs clangd-%s's libraries), or pass --clangd"
                    % ((majors[0],) * 3))


def _target(args, scratch):
    """(file, clangd arguments that find its compile command, description)."""
    if args.file:
        if not os.path.isfile(args.file):
            raise ToolError("--file: %s does not exist" % args.file)
        extra = []
        if args.compile_commands_dir:
            db = os.path.join(args.compile_commands_dir, "compile_commands.json")
            if not os.path.isfile(db):
                raise ToolError("--compile-commands-dir: no compile_commands.json in %s"
                                % args.compile_commands_dir)
            extra = ["--compile-commands-dir=" + os.path.abspath(args.compile_commands_dir)]
        path = os.path.abspath(args.file)
        return path, extra, path
    if args.compile_commands_dir:
        raise ToolError("--compile-commands-dir goes with --file")
    directory = os.path.join(scratch, "project")
    path = corpus.write_project(directory, files=1, functions=args.functions)[0]
    with open(os.path.join(directory, "compile_flags.txt"), "w") as f:
        f.write("\n".join(corpus.compile_flags()) + "\n")
    return path, [], "generated unit (%d extra functions)" % args.functions


def main(args, argv):
    if args.repeat < 1:
        raise ToolError("--repeat must be at least 1")
    clangd = _clangd(args)
    scratch = tempfile.mkdtemp(prefix="atomics-tidy-bench-")
    try:
        path, extra, what = _target(args, scratch)
        with open(path, errors="replace") as f:
            lines = sum(1 for _ in f)
        glob = "atomics-*" + ("," + args.reference if args.reference else "")
        cmd = [clangd, "--check=" + path, "--check-locations=0",
               "--check-tidy-time=" + glob] + extra
        print("command: " + command_line(argv))
        print("file: %s, %d lines" % (what, lines))
        print("each run: " + " ".join(cmd))
        print("median of %d runs (range in brackets)\n" % args.repeat, flush=True)
        # No user configuration: the measurement must not depend on it.
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(scratch, "xdg"))
        baselines, overheads = [], {}
        for _ in range(args.repeat):
            r = timing.checked(cmd, "atomics-clangd --check", cwd=os.path.dirname(path),
                               env=env)
            log = r.stdout + r.stderr
            b = BASELINE.search(log)
            if not b:
                raise ToolError("atomics-clangd printed no baseline timing (does it "
                                "support --check-tidy-time?):\n%s" % log[-2000:])
            baselines.append(int(b.group(1)) / 1e6)
            for name, pct in CHECK.findall(log[b.end():]):
                overheads.setdefault(name, []).append(int(pct))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return _report(args, baselines, overheads)


def _report(args, baselines, overheads):
    if not any(n.startswith("atomics-") for n in overheads):
        raise ToolError("clangd timed no atomics-* check: --clangd must be "
                        "atomics-clangd (a stock clangd has no atomics checks)")
    base = statistics.median(baselines)
    t = Table([Column("check", "check", "%s", 28),
               Column("overhead_pct", "overhead", "%d%%", 8),
               Column("range", "range", "%s", 10),
               Column("ms", "ms per AST build", "%.1f", 16),
               Column("runs", "runs", "%d", 4)])
    t.add(check="(AST build, no checks)", ms=base, runs=len(baselines))
    names = sorted(overheads, key=lambda n: (not n.startswith("atomics-"), n))
    for name in names:
        v = overheads[name]
        med = statistics.median(v)
        t.add(check=name, overhead_pct=med, range="[%d, %d]" % (min(v), max(v)),
              ms=base * med / 100.0, runs=len(v))
    t.print()
    missing = [n for n in names if len(overheads[n]) < len(baselines)]
    if missing:
        print("(clangd discarded unstable measurements of %s)" % ", ".join(missing))
    if args.csv:
        t.write_csv(args.csv)
        print("CSV written to " + args.csv)
    return 0
