"""Changed-lines mode: which lines a diff touches.

The diff is git's unified diff (`git diff -U0`, the same input
clang-tidy-diff.py reads). A line counts as touched when the diff adds or
changes it; where the diff only deletes lines, the lines on either side of
the deletion count too (deleting `smp_mb__after_rmw();` makes a finding on
the RMW just above it).
"""

import os
import re
import subprocess

from .errors import ToolError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def parse(text, strip=1):
    """{path as written in the diff, minus `strip` leading components:
    set of touched line numbers in the new file}."""
    changed = {}
    current = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = line[4:].split("\t")[0].strip()
            if name == "/dev/null":
                current = None
                continue
            if name.startswith('"') and name.endswith('"'):
                name = name[1:-1].encode("latin-1", "backslashreplace").decode(
                    "unicode_escape").encode("latin-1").decode("utf-8", "surrogateescape")
            parts = name.split("/")
            current = "/".join(parts[strip:]) if len(parts) > strip else parts[-1]
            changed.setdefault(current, set())
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            start = int(m.group(1))
            count = int(m.group(2)) if m.group(2) is not None else 1
            lines = changed[current]
            if count == 0:
                # Only deletions: they sit after line `start` of the new file.
                lines.update(n for n in (start, start + 1) if n > 0)
            else:
                lines.update(range(start, start + count))
    return changed


def git(cwd, *args):
    try:
        p = subprocess.run(["git", "-C", cwd] + list(args), capture_output=True,
                           text=True, errors="surrogateescape")
    except OSError as e:
        raise ToolError("cannot run git: %s" % e.strerror)
    if p.returncode != 0:
        raise ToolError("git %s failed: %s" % (" ".join(args), p.stderr.strip()))
    return p.stdout


def git_diff(root, since=None, staged=False):
    """(git top level, diff text) for the working tree against `since`, or
    the index against HEAD when `staged`."""
    top = git(root, "rev-parse", "--show-toplevel").strip()
    args = ["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames",
            "--src-prefix=a/", "--dst-prefix=b/"]
    if staged:
        args.append("--cached")
    if since:
        args.append(since)
    args.append("--")
    try:
        return top, git(top, *args)
    except ToolError as e:
        detail = str(e).split(" failed: ", 1)[-1]
        what = ("the index against %s" % since if staged and since else
                "the index" if staged else since)
        raise ToolError("git cannot diff %s: %s" % (what, detail))


def resolve(changed, base):
    """The same mapping with absolute real paths (diff paths are relative to
    `base`, the repository's top level)."""
    return {os.path.realpath(os.path.join(base, p)): lines for p, lines in changed.items()}


def touches(finding, changed):
    """A finding is in a change when its own line, or the line of one of its
    notes (the load after the RMW, a call on the way), was changed."""
    locs = [finding.loc] + [n.loc for c in finding.chains for n in c]
    return any(l is not None and l.line in changed.get(l.path, ()) for l in locs)
