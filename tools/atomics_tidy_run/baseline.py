"""Baselines: the findings a project has accepted, so that later runs report
only new ones. A baseline is a JSON file, written sorted so that it diffs
well in review:

    {"format": "atomics-tidy-baseline", "version": 1,
     "fingerprint": "atomics-tidy/v1",
     "findings": [{"fingerprint": "...", "check": "...", "file": "src/a.c",
                   "line": 12, "message": "..."}, ...]}

Only "fingerprint" is used for matching; the other fields are there for the
people who read the file (the line is where it was when recorded).
"""

import json
import os

from . import jsonfile
from .errors import ToolError
from .fingerprint import SCHEME

FORMAT = "atomics-tidy-baseline"


def write(path, findings):
    entries = [{"fingerprint": f.fingerprint, "check": f.check, "file": f.relpath,
                "line": f.loc.line if f.loc else 0, "message": f.message}
               for f in findings]
    entries.sort(key=lambda e: (e["file"], e["line"], e["check"], e["fingerprint"]))
    doc = {"format": FORMAT, "version": 1, "fingerprint": SCHEME, "findings": entries}
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(tmp, path)
    except OSError as e:
        raise ToolError("cannot write the baseline %s: %s" % (path, e.strerror))


def read(path):
    """The set of fingerprints in the baseline at `path`."""
    if not os.path.exists(path):
        raise ToolError("baseline %s does not exist: record one with "
                        "--write-baseline %s" % (path, path))
    try:
        with open(path, encoding="utf-8") as f:
            doc = jsonfile.load(f)
    except json.JSONDecodeError as e:
        raise ToolError("baseline %s is not valid JSON: %s at line %d"
                        % (path, e.msg, e.lineno))
    except jsonfile.NestingError as e:
        raise ToolError("%s is not an atomics-tidy baseline: %s" % (path, e))
    except OSError as e:
        raise ToolError("cannot read the baseline %s: %s" % (path, e.strerror))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ToolError("%s is not an atomics-tidy baseline (record one with "
                        "--write-baseline)" % path)
    if doc.get("fingerprint") != SCHEME:
        raise ToolError("baseline %s uses fingerprint scheme %r; this version "
                        "uses %r: record it again with --write-baseline"
                        % (path, doc.get("fingerprint"), SCHEME))
    entries = doc.get("findings")
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise ToolError("baseline %s: \"findings\" must be a list of objects with "
                        "a \"fingerprint\"" % path)
    return [e["fingerprint"] for e in entries]
