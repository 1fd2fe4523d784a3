"""The command line of atomics-tidy-bench: one subcommand per measurement.
Errors the user can fix come out as one line and exit status 2, never as a
traceback."""

import argparse
import sys

from atomics_tidy_run.errors import ToolError

from . import clangd, differential, plot, run, scaling, toolset

DESCRIPTION = """\
What the atomics-* checks cost, measured against a baseline in the same
invocation (docs/benchmark.md):

  run        clang -fsyntax-only, clang-tidy with the atomics-* checks (each
             check's share from --enable-check-profile) and the whole-program
             database pass over a compilation database (default: a generated
             project)
  scaling    generated units growing along four axes; the growth's exponent
             per check; optionally a plot (gnuplot)
  plot       the plot again, from the CSV of a scaling run
  clangd     each check's latency in the editor: clangd's --check-tidy-time
             on a large file
  differential  atomics-missing-rmw-barrier against the brute-force oracle of
             test/differential/rmw_programs.py over many seeds

Exit status: 0 done, 1 the differential run disagreed, 2 the tool could not
do its job (bad arguments, a program missing or failing).
"""


def parser():
    p = argparse.ArgumentParser(prog="atomics-tidy-bench", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    for name, module, needs_tools in (("run", run, True), ("scaling", scaling, True),
                                      ("plot", plot, False), ("clangd", clangd, False),
                                      ("differential", differential, True)):
        s = sub.add_parser(name, help=module.__doc__.split("\n")[0],
                           description=module.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(s)
        if needs_tools:
            toolset.add_arguments(s)
        s.set_defaults(module=module)
    return p


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    args = parser().parse_args(argv[1:])
    try:
        return args.module.main(args, argv)
    except ToolError as e:
        sys.stderr.write("atomics-tidy-bench: error: %s\n" % e)
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("atomics-tidy-bench: interrupted\n")
        return 130
