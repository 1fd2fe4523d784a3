"""Merging the outputs of shards (`atomics-tidy-run --shard I/N`) into one.

A CI job matrix runs the driver once per shard; each writes its SARIF and
export-fixes files. `atomics-tidy-run merge` combines them into what one run
over every file would have written:

- SARIF: one run; the rules of every shard, each once, ordered by id as a
  run orders them; the results of every shard, a finding reported by
  several shards once (a header's, reached from files of several shards:
  their counts of translation units add up, their notes, code flows and
  fixes are united), in the run's order (file, line, column, check,
  message). The occurrence index of each fingerprint is counted again over
  all the results: a shard sees only the findings its files report, and
  the index counts a file's findings with the same text.
- export-fixes YAML: read as the driver reads clang-tidy's (findings.py),
  merged as one run merges its translation units, written as it writes them.

The baseline is applied here (`--baseline`, `--write-baseline`): the
fingerprints are only final in the merged output.
"""

import json
import os
import urllib.parse

from . import fingerprint, fixes_yaml, jsonfile
from .errors import ToolError
from .findings import Sources, from_yaml_text, merge as merge_findings
from .sarif import FINGERPRINT_KEY, SCHEMA_URI


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return f.read()
    except OSError as e:
        raise ToolError("cannot read %s: %s" % (path, e.strerror))


# -- SARIF -------------------------------------------------------------------

def load_sarif(path):
    """The one run of an atomics-tidy SARIF file; ToolError saying what the
    file is not."""
    text = _read(path)
    try:
        doc = jsonfile.loads(text)
    except ValueError as e:
        raise ToolError("%s is not a SARIF file (not JSON: %s); merge --sarif takes "
                        "the --sarif files of atomics-tidy-run" % (path, e))
    runs = doc.get("runs") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or doc.get("version") != "2.1.0" or \
            not isinstance(runs, list):
        raise ToolError("%s is not a SARIF 2.1.0 file; merge --sarif takes the --sarif "
                        "files of atomics-tidy-run" % path)
    if len(runs) != 1 or not isinstance(runs[0], dict) or \
            _get(runs[0], "tool", "driver", "name") != "atomics-tidy":
        raise ToolError("%s is not a SARIF file of atomics-tidy-run (one run of the tool "
                        "atomics-tidy)" % path)
    run = runs[0]
    if not isinstance(run.get("results", []), list) or \
            not all(isinstance(r, dict) for r in run.get("results", [])):
        raise ToolError("%s: runs[0].results is not a list of results" % path)
    return run


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _place(result):
    """(uri, line, column) of a result's first location."""
    region = _get((result.get("locations") or [{}])[0], "physicalLocation", "region") or {}
    uri = _get((result.get("locations") or [{}])[0], "physicalLocation",
               "artifactLocation", "uri") or ""
    return (urllib.parse.unquote(uri), region.get("startLine", 0),
            region.get("startColumn", 0))


def _key(result):
    return (result.get("ruleId"),) + _place(result) + (_get(result, "message", "text"),)


def _sort_key(result):
    uri, line, col = _place(result)
    return (uri, line, col, result.get("ruleId") or "", _get(result, "message", "text") or "")


def _same(a, b):
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _unite(into, other):
    """Adds to result `into` what the same finding reported by another shard
    adds: its translation units, the notes, code flows and fixes it lacks."""
    count = (_get(into, "properties", "reportedByTranslationUnits") or 1) + \
        (_get(other, "properties", "reportedByTranslationUnits") or 1)
    into.setdefault("properties", {})["reportedByTranslationUnits"] = count
    related = into.setdefault("relatedLocations", [])
    for loc in other.get("relatedLocations") or []:
        bare = {k: v for k, v in loc.items() if k != "id"}
        if not any(_same(bare, {k: v for k, v in r.items() if k != "id"}) for r in related):
            related.append(dict(bare, id=len(related) + 1))
    if not related:
        del into["relatedLocations"]
    for field in ("codeFlows", "fixes"):
        have = into.get(field) or []
        for item in other.get(field) or []:
            if not any(_same(item, h) for h in have):
                have.append(item)
        if have:
            into[field] = have


def _renumber(results):
    """Counts each fingerprint's occurrence index again (fingerprint.py:
    from 0, in line and column order, among a file's findings with the same
    base)."""
    counts = {}
    for r in results:
        fp = _get(r, "fingerprints", FINGERPRINT_KEY)
        if not fp:
            continue
        base = fp.rsplit(":", 1)[0]
        k = (_place(r)[0], base)
        n = counts.get(k, 0)
        counts[k] = n + 1
        r["fingerprints"][FINGERPRINT_KEY] = "%s:%d" % (base, n)
        r.setdefault("partialFingerprints", {})[FINGERPRINT_KEY] = "%s:%d" % (base, n)


class _Recorded:
    """A merged SARIF result as baseline.write() wants a finding."""

    class _Loc:
        def __init__(self, line):
            self.line = line

    def __init__(self, result):
        uri, line, _ = _place(result)
        self.fingerprint = _get(result, "fingerprints", FINGERPRINT_KEY)
        self.check = result.get("ruleId")
        self.relpath = uri
        self.loc = self._Loc(line)
        self.message = _get(result, "message", "text")


def merge_sarif(paths):
    """The merged SARIF log (a dict) and its results as baseline records."""
    runs = [(p, load_sarif(p)) for p in paths]
    roots = {json.dumps(r.get("originalUriBaseIds"), sort_keys=True) for _, r in runs}
    if len(roots) > 1:
        raise ToolError("the SARIF files have different project roots (%s): merge the "
                        "shards of one run, made with the same --root"
                        % ", ".join(sorted({_get(r, "originalUriBaseIds", "SRCROOT", "uri")
                                            or "?" for _, r in runs})))
    rules = {}
    merged = {}
    successful = True
    notifications = []
    for _, run in runs:
        for rule in _get(run, "tool", "driver", "rules") or []:
            rules.setdefault(rule.get("id"), rule)
        for inv in run.get("invocations") or []:
            successful = successful and inv.get("executionSuccessful", True)
            for n in inv.get("toolExecutionNotifications") or []:
                if not any(_same(n, m) for m in notifications):
                    notifications.append(n)
        for result in run.get("results") or []:
            k = _key(result)
            if k in merged:
                _unite(merged[k], result)
            else:
                merged[k] = json.loads(json.dumps(result))
    results = sorted(merged.values(), key=_sort_key)
    _renumber(results)
    ids = sorted(rules, key=lambda i: i or "")
    index = {i: n for n, i in enumerate(ids)}
    for r in results:
        if r.get("ruleId") in index:
            r["ruleIndex"] = index[r["ruleId"]]
    first = runs[0][1] if runs else {}
    driver = dict(_get(first, "tool", "driver") or {"name": "atomics-tidy"})
    driver["rules"] = [rules[i] for i in ids]
    run = {"tool": {"driver": driver},
           "invocations": [{"executionSuccessful": successful,
                            "toolExecutionNotifications": notifications}],
           "originalUriBaseIds": first.get("originalUriBaseIds", {}),
           "columnKind": first.get("columnKind", "unicodeCodePoints"),
           "results": results,
           "properties": dict(first.get("properties") or {}, mergedRuns=len(runs))}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def sarif_filter(log, accepted):
    """Drops the results whose fingerprint is in the baseline `accepted`
    (a list), marks the rest new; returns (hidden, stale) counts."""
    run = log["runs"][0]
    accepted_set = set(accepted)
    current = {_get(r, "fingerprints", FINGERPRINT_KEY) for r in run["results"]}
    shown = [r for r in run["results"]
             if _get(r, "fingerprints", FINGERPRINT_KEY) not in accepted_set]
    for r in shown:
        r["baselineState"] = "new"
    hidden = len(run["results"]) - len(shown)
    run["results"] = shown
    return hidden, len(accepted_set - current)


def sarif_records(log):
    return [_Recorded(r) for r in log["runs"][0]["results"]]


def sarif_successful(log):
    return log["runs"][0]["invocations"][0]["executionSuccessful"]


# -- export-fixes YAML -------------------------------------------------------

def merge_fixes(paths, root):
    """The findings of export-fixes files, merged as one run merges its
    translation units, with their fingerprints (relative to `root`), and
    the Sources they were read with."""
    sources = Sources()
    found = []
    for path in paths:
        text = _read(path)
        try:
            doc = fixes_yaml.load(text, path)
        except fixes_yaml.YamlError as e:
            raise ToolError("%s is not an export-fixes YAML file: %s" % (path, e))
        if not isinstance(doc, dict) or "Diagnostics" not in doc:
            raise ToolError("%s is not an export-fixes YAML file (no Diagnostics); merge "
                            "--export-fixes takes the --export-fixes files of "
                            "atomics-tidy-run or clang-tidy" % path)
        try:
            found.extend(from_yaml_text(text, path, sources))
        except fixes_yaml.YamlError as e:
            raise ToolError("%s is not an export-fixes YAML file: %s" % (path, e))
    merged = merge_findings(found)
    fingerprint.assign(merged, root, sources)
    return merged, sources

