"""clang-tidy's --export-fixes YAML, without PyYAML.

clang-tidy writes its diagnostics (with notes and fix-its) through LLVM's
YAML I/O, which produces a small, regular subset of YAML: block mappings and
block sequences, `[]`/`{}` for empty collections, and scalars that are plain,
'single-quoted' or "double-quoted" on one line. `load()` reads exactly that
subset and says where it meets anything else; `dump_diagnostics()` writes
the merged file in the same layout, with every string double-quoted, so
that clang-apply-replacements (LLVM's YAML reader) and PyYAML both read it.
"""

import re


class YamlError(Exception):
    pass


_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
    "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"',
    "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
    "P": "\u2029",
}
_HEX_LEN = {"x": 2, "u": 4, "U": 8}


def _double_quoted(s, where):
    # s starts with '"'; returns (value, rest of line).
    out = []
    i = 1
    while i < len(s):
        c = s[i]
        if c == '"':
            return "".join(out), s[i + 1:]
        if c == "\\":
            i += 1
            if i >= len(s):
                break
            e = s[i]
            if e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 1
            elif e in _HEX_LEN:
                digits = s[i + 1:i + 1 + _HEX_LEN[e]]
                if len(digits) != _HEX_LEN[e] or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
                    raise YamlError("%s: bad escape '\\%s%s'" % (where, e, digits))
                out.append(chr(int(digits, 16)))
                i += 1 + _HEX_LEN[e]
            else:
                raise YamlError("%s: unknown escape '\\%s'" % (where, e))
            continue
        out.append(c)
        i += 1
    raise YamlError("%s: unterminated double-quoted string" % where)


def _single_quoted(s, where):
    out = []
    i = 1
    while i < len(s):
        c = s[i]
        if c == "'":
            if s[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), s[i + 1:]
        out.append(c)
        i += 1
    raise YamlError("%s: unterminated single-quoted string" % where)


def _flow_items(s, where):
    # The inside of a one-line flow sequence of scalars: a, 'b', "c".
    items = []
    rest = s.strip()
    while rest:
        if rest[0] == '"':
            value, rest = _double_quoted(rest, where)
        elif rest[0] == "'":
            value, rest = _single_quoted(rest, where)
        else:
            value, _, rest = rest.partition(",")
            value = value.strip()
            rest = "," + rest if _ else ""
        items.append(value)
        rest = rest.strip()
        if rest.startswith(","):
            rest = rest[1:].strip()
        elif rest:
            raise YamlError("%s: unexpected text in a flow sequence: %r" % (where, rest))
    return items


def _scalar(s, where):
    s = s.strip()
    if s.startswith('"'):
        value, rest = _double_quoted(s, where)
    elif s.startswith("'"):
        value, rest = _single_quoted(s, where)
    elif s == "[]":
        return []
    elif s == "{}":
        return {}
    elif s.startswith("[") and s.endswith("]"):
        return _flow_items(s[1:-1], where)
    elif s[:1] in ("{", "|", ">", "&", "*", "!"):
        raise YamlError("%s: YAML construct not produced by clang-tidy: %r" % (where, s))
    else:
        return None if s in ("~", "null") else s
    if rest.strip():
        raise YamlError("%s: unexpected text after a quoted string: %r" % (where, rest))
    return value


def _key_value(content, where):
    if content[:1] in ('"', "'"):
        key, rest = (_double_quoted if content[0] == '"' else _single_quoted)(content, where)
        rest = rest.lstrip(" ")
        if not rest.startswith(":"):
            raise YamlError("%s: expected ':' after a key" % where)
        return key, rest[1:].strip()
    m = re.match(r"([^:]*?):(?: +(.*)|)$", content)
    if not m:
        raise YamlError("%s: expected 'key: value', found %r" % (where, content))
    return m.group(1), (m.group(2) or "").strip()


def _is_entry(content):
    return content == "-" or content.startswith("- ")


def _starts_mapping(content):
    if content[:1] in ('"', "'", "[", "{"):
        return False
    return re.match(r"[^:]*?:(?: |$)", content) is not None


class _Parser:
    def __init__(self, lines, name):
        self.lines = lines  # [indent, content, line number]
        self.i = 0
        self.name = name

    def where(self):
        if self.i < len(self.lines):
            return "%s:%d" % (self.name, self.lines[self.i][2])
        return "%s: at the end" % self.name

    def node(self, indent):
        if _is_entry(self.lines[self.i][1]):
            return self.sequence(indent)
        if _starts_mapping(self.lines[self.i][1]):
            return self.mapping(indent)
        value = _scalar(self.lines[self.i][1], self.where())
        self.i += 1
        return value

    def sequence(self, indent):
        items = []
        while self.i < len(self.lines):
            ind, content, line = self.lines[self.i]
            if ind < indent or (ind == indent and not _is_entry(content)):
                break
            if ind > indent:
                raise YamlError("%s: unexpected indentation" % self.where())
            rest = content[1:].lstrip(" ")
            if not rest:
                self.i += 1
                if self.i < len(self.lines) and self.lines[self.i][0] > indent:
                    items.append(self.node(self.lines[self.i][0]))
                else:
                    items.append(None)
                continue
            # "- key: value" opens a mapping whose keys line up with "key".
            child = indent + len(content) - len(rest)
            self.lines[self.i] = [child, rest, line]
            items.append(self.node(child))
        return items

    def mapping(self, indent):
        result = {}
        while self.i < len(self.lines):
            ind, content, _ = self.lines[self.i]
            if ind < indent or (ind == indent and _is_entry(content)):
                break
            if ind > indent:
                raise YamlError("%s: unexpected indentation" % self.where())
            key, value = _key_value(content, self.where())
            where = self.where()
            self.i += 1
            if value:
                result[key] = _scalar(value, where)
                continue
            nxt = self.lines[self.i] if self.i < len(self.lines) else None
            if nxt and nxt[0] > indent:
                result[key] = self.node(nxt[0])
            elif nxt and nxt[0] == indent and _is_entry(nxt[1]):
                result[key] = self.sequence(indent)
            else:
                result[key] = None
        return result


def load(text, name="<yaml>"):
    """The first document of `text`, as dicts, lists and strings (numbers
    stay strings: the caller converts what it expects to be a number)."""
    lines = []
    started = False
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("---"):
            if started:
                break
            started = True
            raw = raw[3:]
        elif raw.startswith("..."):
            break
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if "\t" in raw[:len(raw) - len(raw.lstrip())]:
            raise YamlError("%s:%d: tab in indentation" % (name, number))
        indent = len(raw) - len(raw.lstrip(" "))
        lines.append([indent, raw[indent:].rstrip(), number])
    if not lines:
        return None
    parser = _Parser(lines, name)
    value = parser.node(lines[0][0])
    if parser.i != len(lines):
        raise YamlError("%s: unexpected content" % parser.where())
    return value


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
        elif 0xDC80 <= o <= 0xDCFF:
            # A byte that was not UTF-8 (surrogateescape): YAML has no way
            # to write a raw byte; \xHH is the closest (read back as U+00HH).
            out.append("\\x%02X" % (o - 0xDC00))
        elif 0xD800 <= o <= 0xDFFF:
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
