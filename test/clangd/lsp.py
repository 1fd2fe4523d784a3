#!/usr/bin/env python3
"""Helpers for the LSP tests of atomics-clangd (clangd's -lit-test mode).

  lsp.py session TEMPLATE DIR
      Prints TEMPLATE (JSON-RPC messages separated by '---' lines, '#'
      comment lines: clangd's -input-style=delimited) with these
      placeholders replaced, so that requests can name real files (clangd
      reads .clangd, .clang-tidy and compile_flags.txt next to them):
        @DIR@          DIR
        @URI:NAME@     the file:// URI of DIR/NAME
        @TEXT:NAME@    the contents of DIR/NAME as a JSON string (no quotes)

  lsp.py apply OUTPUT FILE [--check NAME]...
      Reads clangd's output (Content-Length framed JSON messages), takes every
      quick fix (a code action of kind "quickfix" for a diagnostic of one of
      the given checks, not a NOLINT suppression) offered for FILE in the
      responses to textDocument/codeAction, applies their edits to FILE as
      it is on disk and prints the result: what a user gets by accepting each
      quick fix in the editor. Fails if no quick fix was offered.
"""

import argparse
import json
import pathlib
import re
import sys
import urllib.parse


def uri_of(path):
    return "file://" + urllib.parse.quote(str(pathlib.Path(path).resolve()))


def session(args):
    root = pathlib.Path(args.dir).resolve()
    text = pathlib.Path(args.template).read_text()

    def text_of(match):
        body = (root / match.group(1)).read_text()
        return json.dumps(body)[1:-1]

    text = re.sub(r"@TEXT:([^@]+)@", text_of, text)
    text = re.sub(r"@URI:([^@]+)@", lambda m: uri_of(root / m.group(1)), text)
    text = text.replace("@DIR@", str(root))
    sys.stdout.write(text)


def messages(output):
    data = pathlib.Path(output).read_bytes()
    pos = 0
    header = re.compile(rb"Content-Length: *(\d+)\r\n\r\n")
    while True:
        m = header.search(data, pos)
        if not m:
            return
        start = m.end()
        end = start + int(m.group(1))
        yield json.loads(data[start:end])
        pos = end


def position_to_offset(lines, pos):
    # Offsets in UTF-16 code units (LSP's default); the test inputs are ASCII.
    return sum(len(l) for l in lines[: pos["line"]]) + pos["character"]


def apply(args):
    path = pathlib.Path(args.file).resolve()
    uri = uri_of(path)
    original = path.read_text()
    lines = original.splitlines(keepends=True)
    edits = []
    for msg in messages(args.output):
        result = msg.get("result")
        if not isinstance(result, list):
            continue
        for action in result:
            if not isinstance(action, dict) or action.get("kind") != "quickfix":
                continue
            if "NOLINT" in action.get("title", ""):
                continue
            codes = {d.get("code") for d in action.get("diagnostics", [])}
            if args.check and not codes & set(args.check):
                continue
            for edit in action.get("edit", {}).get("changes", {}).get(uri, []):
                key = (edit["range"]["start"]["line"], edit["range"]["start"]["character"],
                       edit["range"]["end"]["line"], edit["range"]["end"]["character"],
                       edit["newText"])
                if key not in edits:
                    edits.append(key)
    if not edits:
        sys.exit("lsp.py apply: no quick fix for %s in %s" % (path, args.output))
    spans = []
    for sl, sc, el, ec, new in edits:
        start = position_to_offset(lines, {"line": sl, "character": sc})
        end = position_to_offset(lines, {"line": el, "character": ec})
        spans.append((start, end, new))
    spans.sort()
    for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
        if s2 < e1 or (s1 == s2 and e1 == e2):
            sys.exit("lsp.py apply: quick fixes overlap at offsets %d-%d and %d-%d"
                     % (s1, e1, s2, e2))
    result = original
    # From the end of the file backwards, so earlier offsets stay valid.
    for start, end, new in reversed(spans):
        result = result[:start] + new + result[end:]
    sys.stdout.write(result)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("session")
    p.add_argument("template")
    p.add_argument("dir")
    p.set_defaults(func=session)
    p = sub.add_parser("apply")
    p.add_argument("output")
    p.add_argument("file")
    p.add_argument("--check", action="append", default=[])
    p.set_defaults(func=apply)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
