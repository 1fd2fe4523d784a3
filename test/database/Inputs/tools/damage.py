"""Damages one record of an atomics-tidy database (format version 4) in
place, for the tests of what a reader says about it: the record's value is
replaced by TEXT padded with spaces to the same length, so every offset the
header and the indexes give stays right and only the record is wrong.

usage: damage.py DB SECTION WHICH TEXT
  WHICH: the key of a record of a keyed section, or the index of a record
  of a list ("points", "translation_units").
"""

import json
import sys


def main(path, section, which, text):
    with open(path, "rb") as f:
        data = f.read()
    header, _, body = data.partition(b"\n")
    begin, end = json.loads(header.rstrip(b",") + b"}")["sections"][section]
    lines, at = [], begin
    while at < end:
        stop = body.index(b"\n", at)
        lines.append((at, stop))
        at = stop + 1
    if which.isdigit():
        start, stop = lines[int(which)]
    else:
        prefix = json.dumps(which).encode() + b":"
        start, stop = next((a, s) for a, s in lines
                           if body[a:s].startswith(prefix))
        start += len(prefix)
    old = body[start:stop]
    comma = b"," if old.endswith(b",") else b""
    new = text.encode()
    room = len(old) - len(comma)
    if len(new) > room:
        sys.exit("damage.py: %r is longer than the record (%d bytes)"
                 % (text, room))
    body = body[:start] + new + b" " * (room - len(new)) + comma + body[stop:]
    with open(path, "wb") as f:
        f.write(header + b"\n" + body)


if __name__ == "__main__":
    main(*sys.argv[1:])
