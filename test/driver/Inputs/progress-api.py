"""Drives tools/atomics_tidy_run/progress.py as another tool would (a prefix
of its own, what it is doing, a line per tenth), on a clock that advances
3 s per call, and prints what it wrote with <CR> and <EL> made visible.

    progress-api.py TOOLS_DIR MODE TOTAL PREFIX WHAT STEPS
"""
import io
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
from atomics_tidy_run import progress  # noqa: E402

mode, total, prefix, what, steps = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], \
    int(sys.argv[6])
ticks = iter(range(0, 3 * (total + 2), 3))
progress.time.monotonic = lambda: next(ticks)
os.environ["COLUMNS"] = "120"
out = io.StringIO()
p = progress.Progress(mode, total, out, prefix, what, steps)
for n in range(total):
    p.advance("file%d.c" % n)
p.finish()
print(out.getvalue().replace("\r", "<CR>").replace("\033[K", "<EL>\n"), end="")
