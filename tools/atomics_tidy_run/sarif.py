"""SARIF 2.1.0 output (clang-tidy has none).

One run, tool.driver "atomics-tidy" with one rule per enabled check (help
from docs/), one result per finding:

- locations: the warning's place, paths relative to the project root under
  the uriBaseId SRCROOT (run.originalUriBaseIds gives the root);
- relatedLocations: every note (the load after the RMW, each call on the
  way), with its message;
- codeFlows: one thread flow per chain of notes, from the warning through
  the notes in clang-tidy's order, so a viewer can step through the story;
- fixes: the fix-it (and any alternative fix-it a note carries) as
  artifactChanges with byte and line/column regions;
- fingerprints / partialFingerprints "atomicsTidy/v1": the fingerprint
  (fingerprint.py), stable across line shifts;
- baselineState "new" when the run compared against a baseline.

Columns are counted in Unicode code points (run.columnKind).
"""

import json
import os
import urllib.parse

from .fingerprint import SCHEME

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "atomicsTidy/v1"
_LEVELS = {"warning": "warning", "error": "error", "remark": "note"}


def _file_uri(path, directory=False):
    uri = "file://" + urllib.parse.quote(path.replace(os.sep, "/"))
    return uri + "/" if directory and not uri.endswith("/") else uri


class _Writer:
    def __init__(self, root, sources):
        self.root = root
        self.sources = sources

    def artifact(self, path):
        rel = os.path.relpath(path, self.root)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return {"uri": _file_uri(path)}
        return {"uri": urllib.parse.quote(rel.replace(os.sep, "/")), "uriBaseId": "SRCROOT"}

    def region(self, path, offset, length=None, line=None, col=None):
        src = self.sources.get(path)
        if line is None:
            line, col = src.line_col(offset)
        region = {"startLine": line, "startColumn": src.char_col(line, col)}
        if length is not None:
            end_line, end_col = src.line_col(offset + length)
            region["endLine"] = end_line
            region["endColumn"] = src.char_col(end_line, end_col)
            region["byteOffset"] = offset
            region["byteLength"] = length
        return region

    def location(self, loc, message=None, snippet=True, ranges=()):
        region = self.region(loc.path, loc.offset, line=loc.line, col=loc.col)
        for (path, offset, length) in ranges:
            if path == loc.path and offset == loc.offset:
                end_line, end_col = self.sources.get(path).line_col(offset + length)
                region["endLine"] = end_line
                region["endColumn"] = self.sources.get(path).char_col(end_line, end_col)
                break
        if snippet:
            text = self.sources.get(loc.path).line_text(loc.line)
            if text:
                region["snippet"] = {"text": text}
        out = {"physicalLocation": {"artifactLocation": self.artifact(loc.path),
                                    "region": region}}
        if message:
            out["message"] = {"text": message}
        return out

    def fix(self, replacements, description):
        changes = {}
        for r in replacements:
            changes.setdefault(r.path, []).append({
                "deletedRegion": self.region(r.path, r.offset, r.length),
                "insertedContent": {"text": r.text}})
        return {"description": {"text": description},
                "artifactChanges": [{"artifactLocation": self.artifact(p), "replacements": reps}
                                    for p, reps in changes.items()]}

    def describe(self, replacements):
        parts = []
        for r in replacements:
            data = self.sources.get(r.path).data or b""
            old = data[r.offset:r.offset + r.length].decode("utf-8", "replace")
            new = " ".join(r.text.split())
            if r.length == 0:
                parts.append("insert '%s'" % new)
            elif not new:
                parts.append("remove '%s'" % old)
            else:
                parts.append("replace '%s' with '%s'" % (old, new))
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] if text else "Apply the fix-it"


def rule_descriptor(rule):
    d = {"id": rule.id,
         "shortDescription": {"text": rule.short},
         "fullDescription": {"text": rule.full},
         "help": {"text": rule.text, "markdown": rule.markdown},
         "defaultConfiguration": {"level": "warning"},
         "properties": {"tags": ["concurrency", "correctness"] if rule.id.startswith("atomics-")
                        else []}}
    if rule.help_uri:
        d["helpUri"] = rule.help_uri
    return d


def build(findings, rules, root, sources, tool_version, clang_tidy_version,
          baseline_used, notifications, successful):
    """The SARIF log (a dict). `rules`: Rule objects, in the order to list
    them; `notifications`: (level, message, Location or None)."""
    w = _Writer(root, sources)
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        res = {"ruleId": f.check, "level": _LEVELS.get(f.level, "warning"),
               "message": {"text": f.message}}
        if f.check in index:
            res["ruleIndex"] = index[f.check]
        if f.loc:
            res["locations"] = [w.location(f.loc, ranges=f.ranges)]
        related, ids = [], {}
        for chain in f.chains:
            for n in chain:
                if n.loc and n.key() not in ids:
                    ids[n.key()] = len(related) + 1
                    loc = w.location(n.loc, n.message)
                    loc["id"] = ids[n.key()]
                    related.append(loc)
        if related:
            res["relatedLocations"] = related
        flows = []
        if f.loc:
            for chain in f.chains:
                steps = [n for n in chain if n.loc]
                if not steps:
                    continue
                locs = [{"location": w.location(f.loc, f.message), "executionOrder": 1}]
                for k, n in enumerate(steps, 2):
                    locs.append({"location": w.location(n.loc, n.message), "executionOrder": k})
                flows.append({"threadFlows": [{"locations": locs}]})
        if flows:
            res["codeFlows"] = flows
        fixes = []
        if f.replacements:
            fixes.append(w.fix(f.replacements, w.describe(f.replacements)))
        for chain in f.chains[:1]:
            for n in chain:
                if n.replacements:
                    fixes.append(w.fix(n.replacements, n.message))
        if fixes:
            res["fixes"] = fixes
        if f.fingerprint:
            res["fingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            res["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        if baseline_used:
            res["baselineState"] = "new"
        if f.tus > 1:
            res["properties"] = {"reportedByTranslationUnits": f.tus}
        results.append(res)

    notes = []
    for level, message, loc in notifications:
        n = {"level": level, "message": {"text": message}}
        if loc:
            n["locations"] = [w.location(loc, snippet=False)]
        notes.append(n)
    driver = {"name": "atomics-tidy",
              "informationUri": "https://clang.llvm.org/extra/clang-tidy/",
              "rules": [rule_descriptor(r) for r in rules]}
    if tool_version:
        driver["version"] = tool_version
    run = {"tool": {"driver": driver},
           "invocations": [{"executionSuccessful": successful,
                            "toolExecutionNotifications": notes}],
           "originalUriBaseIds": {"SRCROOT": {"uri": _file_uri(root, directory=True)}},
           "columnKind": "unicodeCodePoints",
           "results": results,
           "properties": {"fingerprintScheme": SCHEME}}
    if clang_tidy_version:
        run["properties"]["clangTidyVersion"] = clang_tidy_version
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def dumps(log):
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
