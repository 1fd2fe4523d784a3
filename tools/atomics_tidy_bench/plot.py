"""`atomics-tidy-bench plot`: the scaling measurements as a PNG, drawn by
gnuplot (Debian's gnuplot-nox, which tools/install-deps installs).

One panel per axis, log-log: each check's CPU time, all checks together and
`clang -fsyntax-only`, against the size. On log-log axes a power law is a
straight line whose slope is its exponent; the dotted line has slope 1, so
a linear growth runs parallel to it.

  atomics-tidy-bench plot SCALING.csv -o docs/images/scaling.png

redraws the plot from the CSV that `scaling --csv` wrote.
"""

import os
import shutil
import subprocess
import tempfile

from atomics_tidy_run.errors import ToolError

from . import fit
from .table import read_csv

SIZE_NAMES = {"functions": "functions", "ops": "operations per function",
              "depth": "call depth", "branching": "if/else diamonds"}


def add_arguments(p):
    p.add_argument("csv", metavar="SCALING_CSV", help="what `scaling --csv` wrote")
    p.add_argument("-o", "--output", required=True, metavar="PNG")


def require_gnuplot():
    if not shutil.which("gnuplot"):
        raise ToolError("gnuplot is not installed: tools/install-deps installs it "
                        "(apt-get install gnuplot-nox)")


def main(args, argv):
    require_gnuplot()
    rows = read_csv(args.csv)
    if not rows or not {"axis", "size", "syntax-only", "all-checks"} <= set(rows[0]):
        raise ToolError("%s is not the CSV of `atomics-tidy-bench scaling --csv`"
                        % args.csv)
    checks = [k for k in rows[0] if k.startswith("atomics-")]
    draw(rows, checks, args.output)
    print("plot written to " + args.output)
    return 0


def _quote(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def draw(rows, checks, output):
    parent = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(parent):
        raise ToolError("cannot write the plot to %s: %s is not a directory"
                        % (output, parent))
    series = ["syntax-only"] + list(checks) + ["all-checks"]
    axes = []
    for r in rows:
        if r["axis"] not in axes:
            axes.append(r["axis"])
    work = tempfile.mkdtemp(prefix="atomics-tidy-plot-")
    try:
        script = [
            "set terminal pngcairo size 1200,900 font 'sans,10'",
            "set output %s" % _quote(os.path.abspath(output)),
            "set logscale xy", "set grid", "set format y '%g'",
            "set autoscale xfixmin", "set autoscale xfixmax",
            "set key outside below horizontal maxrows 3 font ',9'",
            "set ylabel 'CPU seconds (best of runs)'",
            "set multiplot layout 2,2 title 'atomics-* checks: CPU time against "
            "the size of a generated unit (tools/atomics-tidy-bench scaling)'",
        ]
        for axis in axes:
            mine = [r for r in rows if r["axis"] == axis]
            data = os.path.join(work, axis + ".dat")
            with open(data, "w") as f:
                for r in mine:
                    f.write(" ".join([str(r["size"])] + [str(r[s]) for s in series]) + "\n")
            g = fit.Growth([(float(r["size"]), float(r["all-checks"])) for r in mine])
            first = min(mine, key=lambda r: float(r["size"]))
            script += [
                "set title %s" % _quote("%s: all checks grow with exponent %.2f" % (
                    axis, g.exponent_large)),
                "set xlabel %s" % _quote(SIZE_NAMES.get(axis, axis)),
                "plot " + ", ".join(
                    ["%s using 1:%d with linespoints lw 2 title %s" % (
                        _quote(data), i + 2, _quote(s)) for i, s in enumerate(series)]
                    # slope 1 through the first all-checks point
                    + ["%s * x / %s with lines dt 3 lc 'black' title 'linear'" % (
                        first["all-checks"], first["size"])]),
            ]
        script.append("unset multiplot")
        path = os.path.join(work, "plot.gp")
        with open(path, "w") as f:
            f.write("\n".join(script) + "\n")
        p = subprocess.run(["gnuplot", path], capture_output=True, text=True)
        if p.returncode != 0 or not os.path.isfile(output):
            raise ToolError("gnuplot failed: %s" % p.stderr.strip()[-2000:])
    finally:
        shutil.rmtree(work, ignore_errors=True)
