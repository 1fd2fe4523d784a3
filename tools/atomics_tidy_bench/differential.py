"""`atomics-tidy-bench differential`: atomics-missing-rmw-barrier against
the brute-force oracle of test/differential/rmw_programs.py, over many more
seeds and programs than the lit test runs (which runs one seed of 2000).

Per seed, rmw_programs.py's `check`: the programs, the findings expected
and reported, the mismatches, the fix-its and their problems, the time; the
totals last. A seed that disagrees leaves its details in a file, for a bug
report. Exit status 1 when any seed disagrees.
"""

import os
import re
import sys
import tempfile

from atomics_tidy_run.errors import ToolError
from atomics_tidy_run.toolchain import SOURCE_ROOT

from . import timing, toolset
from .table import Column, Table, command_line

DIFF = os.path.join(SOURCE_ROOT, "test", "differential", "rmw_programs.py")
INPUTS = os.path.join(SOURCE_ROOT, "test", "Inputs")
SUMMARY = re.compile(r"^programs: (\d+), findings: expected (\d+), reported "
                     r"(\d+), mismatches: (\d+)$", re.M)
FIXES = re.compile(r"^fix-its: (\d+) barriers inserted, .*fix-it problems: (\d+)$",
                   re.M)
COUNTS = ("programs", "expected", "reported", "mismatches", "fixits", "fix_problems")


def add_arguments(p):
    p.add_argument("--seeds", type=int, default=10, metavar="N")
    p.add_argument("--first-seed", type=int, default=1, metavar="S")
    p.add_argument("--programs", type=int, default=5000, metavar="N",
                   help="programs per seed (default: %(default)s)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N")
    p.add_argument("--csv", metavar="FILE", help="write the table as CSV")


def main(args, argv):
    tools = toolset.choose(args)
    if len(tools.tc.loads) != 1:
        raise ToolError("rmw_programs.py loads one module into clang-tidy: pass --load")
    print("command: " + command_line(argv))
    print("programs: " + tools.describe())
    print("%d seeds x %d programs\n" % (args.seeds, args.programs))
    t = Table([Column("seed", "seed", "%s", 6)]
              + [Column(c, c.replace("_", " "), "%d", 9) for c in COUNTS]
              + [Column("seconds", "seconds", "%.1f", 8)])
    print(t.header(), flush=True)
    failed = False
    total = dict.fromkeys(COUNTS, 0)
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        cmd = [sys.executable, DIFF, "check", "--seed", str(seed),
               "--programs", str(args.programs), "-j", str(args.jobs),
               "--clang-tidy", tools.tc.clang_tidy, "--module", tools.tc.loads[0],
               "--inputs", INPUTS, "--clang", tools.clang]
        r = timing.run(cmd)
        out = r.stdout + r.stderr
        m, f = SUMMARY.search(out), FIXES.search(out)
        if r.returncode not in (0, 1) or not m or not f:
            raise ToolError("seed %d: the differential run failed (exit status %d):\n%s"
                            % (seed, r.returncode, out[-3000:]))
        if r.returncode == 1:
            failed = True
            path = os.path.join(tempfile.gettempdir(), "rmw-differential-seed%d.txt" % seed)
            with open(path, "w") as details:
                details.write(out)
            sys.stderr.write("seed %d: disagreement, details in %s\n" % (seed, path))
        values = [int(m.group(i)) for i in range(1, 5)] + [int(f.group(1)), int(f.group(2))]
        row = t.add(seed=str(seed), seconds=r.wall, **dict(zip(COUNTS, values)))
        for c in COUNTS:
            total[c] += row[c]
        print(t.format_row(row), flush=True)
    row = t.add(seed="total", **total)
    print(t.format_row(row))
    if args.csv:
        t.write_csv(args.csv)
    return 1 if failed else 0
