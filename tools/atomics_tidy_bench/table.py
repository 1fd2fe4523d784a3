"""A table of results, printed for people and written as CSV for
programs: the same columns, formatted for the one, raw for the other."""

import csv
import os
import shlex
import sys

from atomics_tidy_run.errors import ToolError


class Column:
    """One column: its CSV name (`key`), its title, how a value is printed
    (a %-format, or a function of the whole row) and its printed width."""

    def __init__(self, key, title, fmt="%s", width=None, printed=True):
        self.key, self.title, self.fmt = key, title, fmt
        self.width = width or len(title)
        self.printed = printed  # False: in the CSV only

    def cell(self, row):
        value = row.get(self.key)
        if value is None or value == "":
            return ""
        return self.fmt(row) if callable(self.fmt) else self.fmt % value


class Table:
    def __init__(self, columns):
        self.columns = columns
        self.rows = []

    def add(self, **row):
        self.rows.append(row)
        return row

    def printed(self):
        return [c for c in self.columns if c.printed]

    def format_row(self, row):
        cells = []
        for i, c in enumerate(self.printed()):
            text = c.cell(row)
            cells.append(text.ljust(c.width) if i == 0 else text.rjust(c.width))
        return "  ".join(cells).rstrip()

    def header(self):
        return "  ".join(c.title.ljust(c.width) if i == 0 else c.title.rjust(c.width)
                         for i, c in enumerate(self.printed()))

    def print(self, out=sys.stdout):
        out.write(self.header() + "\n")
        for row in self.rows:
            out.write(self.format_row(row) + "\n")
        out.flush()

    def write_csv(self, path):
        """The rows, all columns (keys as the header), values unformatted."""
        try:
            with open(path, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow([c.key for c in self.columns])
                for row in self.rows:
                    w.writerow(["" if row.get(c.key) is None else
                                (("%.6g" % row[c.key]) if isinstance(row[c.key], float)
                                 else row[c.key]) for c in self.columns])
        except OSError as e:
            raise ToolError("cannot write %s: %s" % (path, e.strerror))


def read_csv(path):
    """The rows of a CSV that write_csv() wrote, as dicts of strings."""
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise ToolError("cannot read %s: %s" % (path, e.strerror))


def command_line(argv):
    """How this run was invoked, to print next to its figures."""
    prog = os.path.relpath(argv[0]) if os.path.isabs(argv[0]) else argv[0]
    return " ".join(shlex.quote(a) for a in [prog] + list(argv[1:]))
