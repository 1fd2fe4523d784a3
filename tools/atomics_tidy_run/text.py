"""Compiler-style text, as clang-tidy prints it: `file:line:col: warning:
message [check]`, the source line with a caret (and `~` under the flagged
range), the fix-it's text under it, then the notes the same way."""

import os


def display_path(path, cwd):
    rel = os.path.relpath(path, cwd)
    return path if rel.startswith(os.pardir) else rel


def _expand(line_bytes, byte_col):
    """The line with tabs expanded, and the display column of `byte_col`."""
    text = line_bytes.decode("utf-8", errors="replace")
    prefix = line_bytes[:max(byte_col - 1, 0)].decode("utf-8", errors="replace")
    out, col = [], 0
    display_col = None
    for i, c in enumerate(text):
        if i == len(prefix):
            display_col = col
        if c == "\t":
            n = 8 - col % 8
            out.append(" " * n)
            col += n
        else:
            out.append(c)
            col += 1
    if display_col is None:
        display_col = col
    return "".join(out), display_col


def _snippet(loc, sources, ranges, replacements, out):
    src = sources.get(loc.path)
    line_bytes = src.line_bytes(loc.line)
    if src.data is None:
        return
    text, col = _expand(line_bytes, loc.col)
    out.append("%5d | %s" % (loc.line, text))
    marks = [" "] * (max(len(text), col) + 1)
    spans = list(ranges) + [(r.path, r.offset, r.length) for r in replacements if r.length]
    for (path, offset, length) in spans:
        if path != loc.path:
            continue
        line, c = src.line_col(offset)
        if line != loc.line:
            continue
        _, start = _expand(line_bytes, c)
        for k in range(start, min(start + max(length, 1), len(marks))):
            marks[k] = "~"
    marks[col] = "^"
    out.append("      | " + "".join(marks).rstrip())
    hints = []
    for r in replacements:
        if r.path != loc.path:
            continue
        line, c = src.line_col(r.offset)
        if line != loc.line:
            continue
        _, start = _expand(line_bytes, c)
        hint = " ".join(r.text.split())
        if hint:
            hints.append((start, hint))
    if hints:
        row = ""
        for start, hint in sorted(hints):
            row = row.ljust(start) + hint if len(row) <= start else row + " " + hint
        out.append("      | " + row)


def render(finding, sources, cwd, snippets=True):
    out = []
    loc = finding.loc
    where = ("%s:%d:%d: " % (display_path(loc.path, cwd), loc.line, loc.col)) if loc else ""
    out.append("%s%s: %s [%s]" % (where, finding.level, finding.message, finding.check))
    if loc and snippets:
        _snippet(loc, sources, finding.ranges, finding.replacements, out)
    seen = set()
    last = loc.key() if loc else None
    for chain in finding.chains:
        for note in chain:
            if note.key() in seen:
                continue
            seen.add(note.key())
            nw = ("%s:%d:%d: " % (display_path(note.loc.path, cwd), note.loc.line,
                                   note.loc.col)) if note.loc else ""
            out.append("%snote: %s" % (nw, note.message))
            # Like clang, no second snippet for the place just shown.
            if note.loc and snippets and (note.loc.key() != last or note.replacements):
                _snippet(note.loc, sources, [], note.replacements, out)
            last = note.loc.key() if note.loc else last
    return "\n".join(out) + "\n"
