"""The programs a benchmark compares, chosen together for one LLVM: its
clang-tidy with the atomics module (atomics_tidy_run's choice, the one the
CI driver makes), the clang of that LLVM for the baseline, and the checks
that the module provides."""

import os
import shutil

from atomics_tidy_run import toolchain
from atomics_tidy_run.errors import ToolError

CHECKS = "-*,atomics-*"


class Toolset:
    def __init__(self, tc, clang, checks):
        self.tc = tc            # atomics_tidy_run.toolchain.Toolchain
        self.clang = clang      # for clang -fsyntax-only
        self.checks = checks    # the atomics-* check names, sorted

    def describe(self):
        return "%s (LLVM %s)%s; baseline %s" % (
            self.tc.clang_tidy, self.tc.version or self.tc.major,
            "".join(" --load=" + m for m in self.tc.loads), self.clang)


def add_arguments(p):
    g = p.add_argument_group("programs")
    g.add_argument("--llvm", type=int, metavar="N",
                   help="the LLVM major version (default: the first one the "
                   "module is built for, 19 first)")
    g.add_argument("--clang-tidy", metavar="PATH",
                   help="the clang-tidy to measure (default: /usr/lib/llvm-N/bin/clang-tidy)")
    g.add_argument("--load", action="append", default=[], metavar="MODULE",
                   help="the atomics module (default: the one built by tools/build N)")
    g.add_argument("--clang", metavar="PATH",
                   help="the clang of the baseline (default: the LLVM's clang)")


def choose(args):
    tc = toolchain.choose(args.clang_tidy, args.load, args.llvm)
    checks = sorted(c for c in toolchain.preflight(tc, CHECKS, [], None, None)
                    if c.startswith("atomics-"))
    if not checks:
        raise ToolError("%s has no atomics-* checks" % " ".join(tc.base_args()))
    return Toolset(tc, _clang(args.clang, tc), checks)


def _clang(explicit, tc):
    if explicit:
        path = shutil.which(explicit)
        if not path:
            raise ToolError("--clang: %s is not an executable program" % explicit)
        return os.path.abspath(path)
    candidates = [os.path.join(os.path.dirname(os.path.realpath(tc.clang_tidy)), "clang")]
    if tc.major:
        candidates.append("/usr/lib/llvm-%s/bin/clang" % tc.major)
    for c in candidates:
        if os.access(c, os.X_OK):
            return c
    raise ToolError("no clang for LLVM %s next to %s: install clang-%s, or pass --clang"
                    % (tc.major, tc.clang_tidy, tc.major))
