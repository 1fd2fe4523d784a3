"""clang-tidy's --export-fixes YAML: read with PyYAML, written in clang-tidy's layout.

clang-tidy writes its diagnostics (with notes and fix-its) through LLVM's
YAML I/O. `load()` reads a document with PyYAML (libyaml's parser where
PyYAML has it) and its base loader, which makes no guesses about plain
scalars: every value stays the string LLVM wrote ("on", "1:30" or
"2024-01-01" in a message are text, and the caller converts what it expects
to be a number); only an empty value or `~`/`null` is None. `load_export()`
also checks the export-fixes shape, so that a malformed file is rejected
with a message saying where, as is one that is not YAML.

`dump_diagnostics()` writes the merged file in clang-tidy's own layout
(values aligned as LLVM aligns them, which PyYAML's emitter does not do),
with every string double-quoted, so that clang-apply-replacements (LLVM's
YAML reader) and PyYAML both read it.
"""

import re

import yaml


class YamlError(Exception):
    pass


class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    """Strings, lists and mappings; None for an empty value, ~ and null."""


_Loader.add_implicit_resolver("tag:yaml.org,2002:null",
                              re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)


def _problem(e, name):
    """PyYAML's error as `file:line:column: problem (context)`."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if mark is not None:
        context = getattr(e, "context", None)
        return "%s:%d:%d: %s%s" % (name, mark.line + 1, mark.column + 1,
                                   getattr(e, "problem", None) or "not YAML",
                                   " (%s)" % context if context else "")
    if isinstance(e, yaml.reader.ReaderError):   # not UTF-8, or a control character
        return "%s: byte %d: %s%s" % (name, e.position, e.reason,
                                      " (#x%02x)" % e.character if e.character >= 0 else "")
    return "%s: %s" % (name, str(e).splitlines()[0])


def load(text, name="<yaml>"):
    """The first document of `text`, as dicts, lists and strings, or None
    when it has none. `text` may carry undecodable bytes as surrogateescape
    characters: YAML is UTF-8, so they are an error."""
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    try:
        return next(yaml.load_all(data, Loader=_Loader), None)
    except yaml.YAMLError as e:
        raise YamlError(_problem(e, name)) from None


_MESSAGE = {"Message": str, "FilePath": str, "FileOffset": str,
            "Replacements": [{"FilePath": str, "Offset": str, "Length": str,
                              "ReplacementText": str}],
            "Ranges": [{"FilePath": str, "FileOffset": str, "Length": str}]}
# The keys that the driver reads; others (clang-tidy may add some) are left
# alone.
EXPORT_FIXES = {"MainSourceFile": str,
                "Diagnostics": [{"DiagnosticName": str, "DiagnosticMessage": _MESSAGE,
                                 "Notes": [_MESSAGE], "Level": str, "BuildDirectory": str}]}


def _wrong(path, expected, value):
    found = {dict: "a mapping", list: "a list"}.get(type(value), "a string")
    return "%s: expected %s, found %s" % (path or "the document", expected, found)


def _check(value, shape, path):
    """What is wrong with `value` for `shape`, or None (an absent or empty
    part fits any shape)."""
    if value is None:
        return None
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return _wrong(path, "a mapping", value)
        for key, inner in shape.items():
            problem = _check(value.get(key), inner, path + "." + key if path else key)
            if problem:
                return problem
    elif isinstance(shape, list):
        if not isinstance(value, list):
            return _wrong(path, "a list", value)
        for i, item in enumerate(value):
            where = "%s[%d]" % (path, i)
            problem = _check(item, shape[0], where) if item is not None else \
                "%s: an empty entry" % where
            if problem:
                return problem
    elif not isinstance(value, str):
        return _wrong(path, "a string", value)
    return None


def load_export(text, name="<yaml>"):
    """The export-fixes document of `text` (an empty mapping for an empty
    file), its shape checked: YamlError names the first part that is not
    what clang-tidy writes."""
    doc = load(text, name)
    if doc is None:
        return {}
    problem = _check(doc, EXPORT_FIXES, "")
    if problem:
        raise YamlError("%s: %s" % (name, problem))
    return doc


def quote(s):
    """A double-quoted YAML scalar for `s`."""
    out = ['"']
    for c in s:
        o = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02X" % o)
        elif 0xD800 <= o <= 0xDFFF:
            # A lone surrogate (from a "\\uDC80" escape) is no character:
            # LLVM writes U+FFFD for what it cannot encode.
            out.append("\\uFFFD")
        elif o in (0x85, 0xA0, 0x2028, 0x2029, 0xFEFF):
            out.append("\\u%04X" % o)
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _replacements(reps, pad):
    if not reps:
        return ["%sReplacements:    []" % pad]
    out = ["%sReplacements:" % pad]
    for r in reps:
        out.append("%s  - FilePath:        %s" % (pad, quote(r["FilePath"])))
        out.append("%s    Offset:          %d" % (pad, r["Offset"]))
        out.append("%s    Length:          %d" % (pad, r["Length"]))
        out.append("%s    ReplacementText: %s" % (pad, quote(r["ReplacementText"])))
    return out


def _message(msg, pad):
    out = ["%sMessage:         %s" % (pad, quote(msg["Message"])),
           "%sFilePath:        %s" % (pad, quote(msg["FilePath"])),
           "%sFileOffset:      %d" % (pad, msg["FileOffset"])]
    out += _replacements(msg.get("Replacements") or [], pad)
    return out


def dump_diagnostics(diagnostics, main_source_file=""):
    """clang-tidy's export-fixes document for `diagnostics`: dicts with
    DiagnosticName, DiagnosticMessage (Message, FilePath, FileOffset,
    Replacements), Notes (same shape as DiagnosticMessage), Level and
    BuildDirectory, as `load` returns them (numbers as int)."""
    out = ["---", "MainSourceFile:  %s" % quote(main_source_file)]
    if not diagnostics:
        out.append("Diagnostics:     []")
    else:
        out.append("Diagnostics:")
    for d in diagnostics:
        out.append("  - DiagnosticName:  %s" % quote(d["DiagnosticName"]))
        out.append("    DiagnosticMessage:")
        out += _message(d["DiagnosticMessage"], "      ")
        notes = d.get("Notes") or []
        if notes:
            out.append("    Notes:")
            for n in notes:
                lines = _message(n, "        ")
                lines[0] = "      - " + lines[0].lstrip()
                out += lines
        out.append("    Level:           %s" % d.get("Level", "Warning"))
        out.append("    BuildDirectory:  %s" % quote(d.get("BuildDirectory", "")))
    out.append("...")
    return "\n".join(out) + "\n"
