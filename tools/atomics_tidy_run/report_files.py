"""Which files a whole-project run analyses, after the database's build:
what the build's own parse recorded (report_files, lib/ReportFiles.h)
instead of the files' text.

The text test (selection.Reporting) keeps every file that names an
operation or a header's wrapper: in a program like QEMU most of them call
only inline functions whose operations are the header's, or perform only
relaxed accesses, and nothing of theirs can be reported. The build parsed
them all, and each unit recorded the files where its checks could report
once the rest of the program is known. A unit is analysed again when it
recorded its own file; a header recorded by some unit is shown by one unit
that recorded it (the first by path, as selection.Reporting.choose picks
one includer); a file the build did not analyse keeps the text's answer.
"""

import os

from . import database


# Options under which the checks report where the build recorded nothing:
# the build runs with the defaults, and these add findings of kinds it
# does not look for.
WIDENING_OPTIONS = {
    "atomics-missing-rmw-barrier.CheckBeforeRmw": "false",
    "atomics-missing-rmw-barrier.CheckPlainLoads": "false",
}


def widening(options):
    """The first option of `options` (clang-tidy's CheckOptions) that makes
    the checks report where the build recorded nothing, or None."""
    for key, default in sorted(WIDENING_OPTIONS.items()):
        value = options.get(key)
        if value is not None and str(value).strip().lower() != default:
            return "%s: %s" % (key, value)
    return None


class Recorded:
    """The report files of the database at `path`: {unit file: set of
    files}, and which units the build analysed (not those of `failed`,
    which it could not: their facts, if any, may be partial)."""

    def __init__(self, path, failed=frozenset()):
        db = database.connect(path, readonly=True)
        try:
            self.analysed = {f for (f,) in db.execute(
                "SELECT file FROM units WHERE analysed = 1")} - set(failed)
            self.files = {}
            for unit, file in db.execute(
                    "SELECT u.file, r.file FROM report_files r "
                    "JOIN units u ON u.id = r.unit"):
                self.files.setdefault(unit, set()).add(file)
        finally:
            db.close()

    def choose(self, files, by_text, root, named=lambda path: False):
        """The files of `files` to analyse: those the build did not analyse
        that the text chose (`by_text`), those whose unit recorded its own
        file or that `named` (their text names an operation the options
        configure), and one unit for each header under `root` that a unit
        recorded and none of those shows."""
        by_text = set(by_text)
        chosen = set()
        for f in files:
            if f not in self.analysed:
                if f in by_text:
                    chosen.add(f)
            elif f in self.files.get(f, ()) or named(f):
                chosen.add(f)
        inside = root.rstrip(os.sep) + os.sep
        shown = set()
        for f in chosen:
            shown |= self.files.get(f, set())
        headers = {h for unit, recorded in self.files.items() for h in recorded
                   if h != unit and h.startswith(inside)} - shown
        candidates = sorted(f for f in files if f in self.files)
        for h in sorted(headers):
            if h in shown:
                continue
            unit = next((f for f in candidates if h in self.files[f]), None)
            if unit is not None:
                chosen.add(unit)
                shown |= self.files[unit]
        return [f for f in files if f in chosen]
