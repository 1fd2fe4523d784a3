"""`atomics-tidy-bench scaling`: how each check's time grows with the code.

For each axis of corpus.SCALING_AXES (functions, operations per function,
call depth, branching) and each size, one generated translation unit goes
through `clang -fsyntax-only` (the baseline) and clang-tidy with the
atomics-* checks and --enable-check-profile (each check's own CPU time);
the best of --repeat runs counts. Then, per axis and per check, the
exponent of the growth (fit.py: 1 is linear) and a verdict; --plot draws
it (plot.py).
"""

import os
import shutil
import tempfile

from atomics_tidy_run.errors import ToolError

from . import corpus, fit, plot, profile, timing, toolset
from .table import Column, Table, command_line

SIZES = {
    "full": {"functions": [100, 200, 400, 800, 1600],
             "ops": [10, 20, 40, 80, 160, 320],
             "depth": [10, 20, 40, 80, 160, 320, 640],
             "branching": [10, 20, 40, 80, 160, 320, 640]},
    "quick": {"functions": [100, 200, 400],
              "ops": [10, 40, 160],
              "depth": [10, 40, 160],
              "branching": [10, 40, 160]},
    # For the tests: the shape of the output, in seconds.
    "tiny": {"functions": [4, 8], "ops": [2, 4], "depth": [4, 8],
             "branching": [4, 8]},
}
BASELINE = "syntax-only"
ALL_CHECKS = "all-checks"


def add_arguments(p):
    p.add_argument("--sizes", choices=sorted(SIZES), default="full",
                   help="the sizes per axis (default: %(default)s)")
    p.add_argument("--axes", default=",".join(corpus.SCALING_AXES),
                   help="comma-separated, of %s" % ", ".join(corpus.SCALING_AXES))
    p.add_argument("--repeat", type=int, default=3, metavar="N",
                   help="runs per unit, the fastest counts (default: %(default)s)")
    p.add_argument("--csv", metavar="FILE", help="write the measurements as CSV")
    p.add_argument("--fit-csv", metavar="FILE", help="write the fitted exponents as CSV")
    p.add_argument("--plot", metavar="PNG", help="draw the measurements (gnuplot)")


def _measure(tools, path, scratch, repeat):
    """Best of `repeat`: (syntax-only CPU s, clang-tidy CPU s, {check: CPU s})."""
    flags = corpus.compile_flags()
    best_syn = best_tidy = float("inf")
    best = {}
    for _ in range(repeat):
        syn = timing.checked([tools.clang, "-fsyntax-only"] + flags + [path],
                             "clang -fsyntax-only")
        prof = tempfile.mkdtemp(dir=scratch, prefix="profile-")
        tidy = timing.checked(tools.tc.base_args() + [
            "--config={}", "--checks=" + toolset.CHECKS, "--quiet"]
            + profile.tidy_args(prof) + [path, "--"] + flags, "clang-tidy")
        checks = profile.read(prof)
        shutil.rmtree(prof, ignore_errors=True)
        best_syn = min(best_syn, syn.cpu)
        best_tidy = min(best_tidy, tidy.cpu)
        for name in tools.checks:
            t = checks.get(name, {"cpu": 0.0})["cpu"]
            best[name] = min(best.get(name, float("inf")), t)
    return best_syn, best_tidy, best


def columns(checks):
    return ([Column("axis", "axis", "%s", 9), Column("size", "size", "%d", 5),
             Column("lines", "lines", "%d", 6),
             Column(BASELINE, "syntax-only", "%.4f", 11),
             Column("clang-tidy", "clang-tidy", "%.4f", 10)]
            + [Column(c, c[len("atomics-"):], "%.4f") for c in checks]
            + [Column(ALL_CHECKS, "all checks", "%.4f", 10)])


def main(args, argv):
    axes = [a for a in args.axes.split(",") if a]
    unknown = [a for a in axes if a not in corpus.SCALING_AXES]
    if unknown or not axes:
        raise ToolError("--axes: unknown axis %s (the axes are %s)"
                        % (", ".join(unknown) or "''", ", ".join(corpus.SCALING_AXES)))
    if args.repeat < 1:
        raise ToolError("--repeat must be at least 1")
    if args.plot:
        plot.require_gnuplot()
    tools = toolset.choose(args)
    print("command: " + command_line(argv))
    print("programs: " + tools.describe())
    print("CPU seconds (user + system), best of %d runs per unit\n" % args.repeat,
          flush=True)
    table = Table(columns(tools.checks))
    print(table.header(), flush=True)
    scratch = tempfile.mkdtemp(prefix="atomics-tidy-bench-")
    try:
        for axis in axes:
            generate = corpus.SCALING_AXES[axis][0]
            for n in SIZES[args.sizes][axis]:
                text = generate(n)
                path = os.path.join(scratch, "%s_%d.c" % (axis, n))
                with open(path, "w") as f:
                    f.write(text)
                syn, tidy, checks = _measure(tools, path, scratch, args.repeat)
                row = table.add(axis=axis, size=n, lines=text.count("\n"),
                                **{BASELINE: syn, "clang-tidy": tidy,
                                   ALL_CHECKS: sum(checks.values())}, **checks)
                print(table.format_row(row), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.csv:
        table.write_csv(args.csv)
        print("CSV written to " + args.csv)
    fits = fit_table(table.rows, tools.checks)
    print("\ngrowth of CPU time with size: exponent of a power-law fit (1 = linear), "
          "over all sizes and over the larger half; R^2 of a straight line")
    fits.print()
    bad = [r for r in fits.rows if r["series"] != BASELINE and r["verdict"] != "linear"]
    print("every check grows linearly along every axis" if not bad else
          "NOT linear: " + ", ".join("%s along %s" % (r["series"], r["axis"]) for r in bad))
    if args.fit_csv:
        fits.write_csv(args.fit_csv)
        print("CSV written to " + args.fit_csv)
    if args.plot:
        plot.draw(table.rows, tools.checks, args.plot)
        print("plot written to " + args.plot)
    return 0


def fit_table(rows, checks):
    """The fits of every series along every axis of `rows` (floats, or the
    strings of a CSV)."""
    t = Table([Column("axis", "axis", "%s", 9), Column("series", "series", "%s", 27),
               Column("exponent", "exponent", "%.2f"),
               Column("exponent_larger_half", "larger half", "%.2f", 11),
               Column("linear_r2", "R^2 line", "%.3f"),
               Column("verdict", "verdict", "%s", 10)])
    axes = []
    for r in rows:
        if r["axis"] not in axes:
            axes.append(r["axis"])
    for axis in axes:
        for series in [BASELINE] + list(checks) + [ALL_CHECKS]:
            g = fit.Growth([(float(r["size"]), float(r[series]))
                            for r in rows if r["axis"] == axis])
            t.add(axis=axis, series=series, exponent=g.exponent,
                  exponent_larger_half=g.exponent_large, linear_r2=g.r2,
                  verdict="linear" if g.linear() else "superlinear")
    return t
