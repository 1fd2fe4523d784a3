#!/usr/bin/env python3
"""The driver reads clang-tidy's export-fixes YAML with PyYAML
(tools/atomics_tidy_run/fixes_yaml.py) and writes its merged export in
clang-tidy's layout. This checks, on the files given (real clang-tidy
exports) and on documents written the way LLVM's YAML writer writes them,
with strings that need each kind of quoting or that YAML 1.1 would take for
numbers, booleans or nulls: that every string reads back exactly as
written, and that what the driver writes reads back the same.

    yaml-round-trip.py TOOLS_DIR FILE...
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, sys.argv[1])
from atomics_tidy_run import fixes_yaml  # noqa: E402

TRICKY = ["plain", "it's", "say \"hi\"", "back\\slash", "a: b", "# not a comment", "- dash",
          "trailing ", " leading", "", "new\nline", "tab\there", "\u00e9t\u00e9 \u2192 \u4e2d",
          "[x]", "{y}", "'quoted'", "100", "true", "on", "1:30", "2024-01-01", "0x1F", "~",
          "*star", "&amp", "%percent", "line\r\nend", "bell\x07"]


def llvm_style(s):
    # What LLVM's YAML writer does: plain when it can, single quotes when
    # it must quote printable text, double quotes for control characters.
    if any(ord(c) < 0x20 and c != "\t" or c == "\x7f" for c in s) or "\t" in s:
        return fixes_yaml.quote(s)
    if s and s == s.strip() and all(c.isalnum() or c in "_-./:" for c in s) and \
            s[0] not in "-" and ": " not in s:
        return s
    return "'" + s.replace("'", "''") + "'"


def synthetic(s):
    q = llvm_style(s)
    return (
        "---\nMainSourceFile:  %s\nDiagnostics:\n"
        "  - DiagnosticName:  check-name\n"
        "    DiagnosticMessage:\n"
        "      Message:         %s\n"
        "      FilePath:        %s\n"
        "      FileOffset:      12\n"
        "      Replacements:\n"
        "        - FilePath:        %s\n"
        "          Offset:          3\n"
        "          Length:          0\n"
        "          ReplacementText: %s\n"
        "      Ranges:\n"
        "        - FilePath:        f.c\n"
        "          FileOffset:      1\n"
        "          Length:          2\n"
        "    Notes:\n"
        "      - Message:         %s\n"
        "        FilePath:        ''\n"
        "        FileOffset:      0\n"
        "        Replacements:    []\n"
        "    Level:           Warning\n"
        "    BuildDirectory:  %s\n...\n" % (q, q, q, q, q, q, q))


def strings(doc):
    d = doc["Diagnostics"][0]
    msg = d["DiagnosticMessage"]
    return [doc["MainSourceFile"], msg["Message"], msg["FilePath"],
            msg["Replacements"][0]["FilePath"], msg["Replacements"][0]["ReplacementText"],
            d["Notes"][0]["Message"], d["BuildDirectory"]]


def as_written(diags):
    # The driver's findings as it exports them: numbers as int, no ranges.
    for d in diags:
        for m in [d["DiagnosticMessage"]] + (d.get("Notes") or []):
            m["FileOffset"] = int(m["FileOffset"])
            m["Replacements"] = m.get("Replacements") or []
            for r in m["Replacements"]:
                r["Offset"], r["Length"] = int(r["Offset"]), int(r["Length"])
            m.pop("Ranges", None)
    return diags


def normal(x):
    # What is read back: strings; what was written: ints too.
    if isinstance(x, dict):
        return {k: normal(v) for k, v in x.items()}
    if isinstance(x, list):
        return [normal(v) for v in x]
    return str(x)


def main():
    failures = 0
    cases = [(name, open(name, encoding="utf-8").read(), None) for name in sys.argv[2:]]
    cases += [("synthetic %r" % s, synthetic(s), s) for s in TRICKY]
    for name, text, expected in cases:
        doc = fixes_yaml.load_export(text, name)
        if expected is not None and strings(doc) != [expected] * 7:
            failures += 1
            print("READ DIFFERENTLY: %s\n  %r" % (name, strings(doc)))
            continue
        diags = as_written(doc.get("Diagnostics") or [])
        dumped = fixes_yaml.dump_diagnostics(diags, doc.get("MainSourceFile") or "")
        back = fixes_yaml.load_export(dumped, "the driver's export of " + name)
        if normal(back["Diagnostics"]) != normal(diags) or \
                back["MainSourceFile"] != (doc.get("MainSourceFile") or ""):
            failures += 1
            print("ROUND TRIP DIFFERS: %s\n%s" % (name, dumped))
    print("%d documents, %d differences" % (len(cases), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
