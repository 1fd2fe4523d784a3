"""Fingerprints: a finding's identity that survives unrelated edits.

Scheme "atomics-tidy/v1" (docs/ci.md describes it for users):

    base = SHA-256 of the UTF-8 of, joined by NUL characters:
           "atomics-tidy/v1", the check name, the file's path relative to
           the project root (with '/'), the flagged line's text with every
           run of whitespace turned into one space and the ends stripped,
           and the diagnostic's message
    fingerprint = the first 32 hex digits of base, ':', the occurrence index

The occurrence index counts, from 0 in line and column order, the findings
of one file that have the same base (the same check, message and line text,
say two identical calls on two lines). Line numbers and columns are not part
of it, so lines added or removed elsewhere in the file, re-indentation and
edits to other lines (including the lines of the notes) keep the
fingerprint; editing the flagged line itself, or the code the message
names, makes it a new finding.
"""

import hashlib
import os

SCHEME = "atomics-tidy/v1"


def normalise_line(text):
    return " ".join(text.split())


def relative_path(path, root):
    if path is None:
        return ""
    rel = os.path.relpath(path, root)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def assign(findings, root, sources):
    """Sets relpath and fingerprint on each finding (in place)."""
    counts = {}
    ordered = sorted(findings, key=lambda f: f.sort_key())
    for f in ordered:
        f.relpath = relative_path(f.loc.path if f.loc else None, root)
        line = normalise_line(sources.get(f.loc.path).line_text(f.loc.line)) if f.loc else ""
        h = hashlib.sha256("\0".join([SCHEME, f.check, f.relpath, line, f.message])
                           .encode("utf-8", errors="surrogateescape")).hexdigest()[:32]
        k = (f.relpath, h)
        n = counts.get(k, 0)
        counts[k] = n + 1
        f.fingerprint = "%s:%d" % (h, n)
