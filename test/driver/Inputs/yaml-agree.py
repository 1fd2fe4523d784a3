#!/usr/bin/env python3
"""The driver reads clang-tidy's export-fixes YAML with a small reader of its
own (tools/atomics_tidy_run/fixes_yaml.py: the driver uses only Python's
standard library). This checks it against PyYAML on the files given (real
clang-tidy exports) and on documents written the way LLVM's YAML writer
writes them, with strings that need each kind of quoting; and that what the
driver writes reads back the same with both.

    yaml-agree.py TOOLS_DIR FILE...
"""
import sys

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, sys.argv[1])
from atomics_tidy_run import fixes_yaml  # noqa: E402

TRICKY = ["plain", "it's", "say \"hi\"", "back\\slash", "a: b", "# not a comment", "- dash",
          "trailing ", " leading", "", "new\nline", "tab\there", "\u00e9t\u00e9 \u2192 \u4e2d",
          "[x]", "{y}", "'quoted'", "100", "true", "~", "*star", "&amp", "%percent",
          "line\r\nend", "bell\x07"]


def llvm_style(s):
    # What LLVM's YAML writer does: plain when it can, single quotes when
    # it must quote printable text, double quotes for control characters.
    if any(ord(c) < 0x20 and c != "\t" or c == "\x7f" for c in s) or "\t" in s:
        return fixes_yaml.quote(s)
    if s and s == s.strip() and all(c.isalnum() or c in "_-./" for c in s) and not s[0] in "-":
        return s
    return "'" + s.replace("'", "''") + "'"


def synthetic():
    docs = []
    for s in TRICKY:
        q = llvm_style(s)
        docs.append(
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
    return docs


def normal(x):
    if isinstance(x, dict):
        return {str(k): normal(v) for k, v in x.items()}
    if isinstance(x, list):
        return [normal(v) for v in x]
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    return str(x)


def main():
    failures = 0
    cases = [(name, open(name, encoding="utf-8").read()) for name in sys.argv[2:]]
    cases += [("synthetic %r" % s, d) for s, d in zip(TRICKY, synthetic())]
    for name, text in cases:
        ours = fixes_yaml.load(text, name)
        theirs = yaml.safe_load(text)
        if normal(ours) != normal(theirs):
            failures += 1
            print("DIFFERENT: %s\n  ours:   %r\n  PyYAML: %r" % (name, ours, theirs))
            continue
        # Written back by the driver, read by both.
        diags = ours.get("Diagnostics") or []
        for d in diags:
            msg = d["DiagnosticMessage"]
            msg["FileOffset"] = int(msg["FileOffset"])
            for r in msg.get("Replacements") or []:
                r["Offset"], r["Length"] = int(r["Offset"]), int(r["Length"])
            for n in d.get("Notes") or []:
                n["FileOffset"] = int(n["FileOffset"])
                n["Replacements"] = n.get("Replacements") or []
            msg.pop("Ranges", None)
        dumped = fixes_yaml.dump_diagnostics(diags, ours.get("MainSourceFile") or "")
        if normal(fixes_yaml.load(dumped)) != normal(yaml.safe_load(dumped)) or \
                normal(yaml.safe_load(dumped)["Diagnostics"]) != normal(diags):
            failures += 1
            print("ROUND TRIP DIFFERS: %s\n%s" % (name, dumped))
    print("%d documents, %d differences" % (len(cases), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
