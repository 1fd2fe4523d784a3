"""Findings: clang-tidy's exported diagnostics, located, merged, ordered.

One clang-tidy run per translation unit exports its diagnostics (with notes
and fix-its) as YAML. The same finding comes back from every translation
unit that includes the header it is in, and from every command of a file
analysed more than once; it is one finding, identified by its check, file,
offset and message. Where the runs told different stories (a header's RMW
reached from callers in two .c files), the finding keeps each distinct chain
of notes.
"""

import bisect
import os

from .fixes_yaml import load_export


class Source:
    """A file's bytes, read once, with its line starts."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as f:
                self.data = f.read()
        except OSError:
            self.data = None
        self._starts = None

    def starts(self):
        if self._starts is None:
            starts = [0]
            if self.data is not None:
                i = self.data.find(b"\n")
                while i >= 0:
                    starts.append(i + 1)
                    i = self.data.find(b"\n", i + 1)
            self._starts = starts
        return self._starts

    def line_col(self, offset):
        """1-based line, 1-based byte column (as clang prints them)."""
        starts = self.starts()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_bytes(self, line):
        starts = self.starts()
        if self.data is None or line < 1 or line > len(starts):
            return b""
        end = starts[line] - 1 if line < len(starts) else len(self.data)
        return self.data[starts[line - 1]:end].rstrip(b"\r")

    def line_text(self, line):
        return self.line_bytes(line).decode("utf-8", errors="replace")

    def char_col(self, line, byte_col):
        """The column counted in Unicode code points (SARIF's columnKind
        unicodeCodePoints) for a byte column."""
        prefix = self.line_bytes(line)[:byte_col - 1]
        return len(prefix.decode("utf-8", errors="replace")) + 1


class Sources:
    def __init__(self):
        self._files = {}

    def get(self, path):
        s = self._files.get(path)
        if s is None:
            s = self._files[path] = Source(path)
        return s


class Location:
    __slots__ = ("path", "offset", "line", "col")

    def __init__(self, path, offset, line, col):
        self.path, self.offset, self.line, self.col = path, offset, line, col

    def key(self):
        return (self.path, self.offset)


class Note:
    __slots__ = ("message", "loc", "replacements")

    def __init__(self, message, loc, replacements):
        self.message, self.loc, self.replacements = message, loc, replacements

    def key(self):
        return (self.message, self.loc.key() if self.loc else None)


class Replacement:
    __slots__ = ("path", "offset", "length", "text")

    def __init__(self, path, offset, length, text):
        self.path, self.offset, self.length, self.text = path, offset, length, text

    def key(self):
        return (self.path, self.offset, self.length, self.text)


class Finding:
    def __init__(self, check, level, message, loc, replacements, notes, build_dir):
        self.check = check
        self.level = level          # "warning", "error" or "remark"
        self.message = message
        self.loc = loc              # Location or None
        self.replacements = replacements
        self.chains = [notes]       # distinct note chains, first one first
        self.build_dir = build_dir
        self.ranges = []            # (path, offset, length) the message flags
        self.tus = 1                # how many runs reported it
        # Set later:
        self.relpath = None         # path relative to the project root
        self.fingerprint = None

    @property
    def notes(self):
        return self.chains[0]

    def key(self):
        return (self.check, self.loc.key() if self.loc else None, self.message)

    def merge(self, other):
        self.tus += 1
        keys = [tuple(n.key() for n in c) for c in self.chains]
        chain = tuple(n.key() for n in other.notes)
        if chain not in keys:
            self.chains.append(other.notes)
        have = {r.key() for r in self.replacements}
        for r in other.replacements:
            if r.key() not in have:
                self.replacements.append(r)

    def is_compile_error(self):
        return self.check.startswith("clang-diagnostic-") and self.level == "error"

    def sort_key(self):
        if self.loc:
            return (self.loc.path, self.loc.line, self.loc.col, self.check, self.message)
        return ("", 0, 0, self.check, self.message)


def _int(v, default=0):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _location(path, offset, build_dir, sources):
    if not path:
        return None
    path = os.path.normpath(os.path.join(build_dir or "", path))
    real = os.path.realpath(path)
    line, col = sources.get(real).line_col(offset)
    return Location(real, offset, line, col)


def _replacements(items, build_dir):
    out = []
    for r in items or []:
        if not isinstance(r, dict) or not r.get("FilePath"):
            continue
        path = os.path.realpath(os.path.normpath(os.path.join(build_dir or "", r["FilePath"])))
        out.append(Replacement(path, _int(r.get("Offset")), _int(r.get("Length")),
                               r.get("ReplacementText") or ""))
    return out


def from_yaml_text(text, name, sources):
    """The findings of one exported YAML file (YamlError when it is not
    clang-tidy's export-fixes)."""
    doc = load_export(text, name)
    findings = []
    for d in doc.get("Diagnostics") or []:
        build_dir = d.get("BuildDirectory") or ""
        msg = d.get("DiagnosticMessage") or {}
        loc = _location(msg.get("FilePath"), _int(msg.get("FileOffset")), build_dir, sources)
        notes = []
        for n in d.get("Notes") or []:
            notes.append(Note(n.get("Message") or "",
                              _location(n.get("FilePath"), _int(n.get("FileOffset")),
                                        build_dir, sources),
                              _replacements(n.get("Replacements"), build_dir)))
        level = (d.get("Level") or "Warning").lower()
        f = Finding(d.get("DiagnosticName") or "clang-tidy", level,
                    msg.get("Message") or "", loc,
                    _replacements(msg.get("Replacements"), build_dir), notes, build_dir)
        for r in msg.get("Ranges") or []:
            if isinstance(r, dict) and r.get("FilePath"):
                f.ranges.append((os.path.realpath(os.path.normpath(
                    os.path.join(build_dir, r["FilePath"]))),
                    _int(r.get("FileOffset")), _int(r.get("Length"))))
        findings.append(f)
    return findings


def merge(findings):
    """One finding per (check, location, message), in a stable order."""
    merged = {}
    for f in findings:
        k = f.key()
        if k in merged:
            merged[k].merge(f)
        else:
            merged[k] = f
    return sorted(merged.values(), key=lambda f: f.sort_key())
