"""Findings kept between runs, in the whole-program database.

With --database, atomics-tidy-run keeps the findings of each file it
analyses (the export-fixes YAML clang-tidy wrote) in the database's
kept_findings table (lib/FactsSchema.sql), and the next run shows them
again instead of running clang-tidy, while nothing they come from has
changed:

- the analysis: clang-tidy and the modules it loads (path, size, time),
  the options the driver passes, the --config-file's text and that of
  every .clang-tidy above the file, and the file's compile command
  (`inputs`, one digest);
- the code the unit read: every file clang-tidy opened for it, as the
  checks list them (lib/UnitFiles.h), each with its size and modification
  time (`kept_reads`);
- what the checks read of the rest of the program: the facts of every unit
  of the database (`facts`, the digest of the units' facts digests; a unit
  analysed again with the same facts leaves it as it was).

A run that crashed, failed or met compile errors keeps nothing. Any change
to one of the three analyses the file again.
"""

import hashlib
import json
import os
import sqlite3
import time

from . import database
from .errors import ToolError

# The environment variable through which the checks are asked for the files
# a unit read (lib/UnitFiles.h).
UNIT_FILES_ENV = "ATOMICS_TIDY_UNIT_FILES"


def _stat(path):
    """(size, modification time in ns) of PATH, or None when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _file_digest(path):
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


class Inputs:
    """The digest of what an analysis depends on besides the code: the
    tools (`executables`: clang-tidy and the modules), the options the
    driver passes (`args`), the configuration files."""

    def __init__(self, executables, args, config_file=None):
        h = hashlib.sha256()
        for path in executables:
            real = os.path.realpath(path)
            h.update(json.dumps([real, _stat(real)]).encode())
        h.update(json.dumps(list(args)).encode())
        if config_file:
            h.update(json.dumps([config_file, _file_digest(config_file)]).encode())
        self._common = h.hexdigest()
        self._dirs = {}

    def _dotfiles(self, directory):
        """The .clang-tidy files clang-tidy reads for a file in DIRECTORY
        (that directory's and every parent's), as one digest."""
        found = self._dirs.get(directory)
        if found is None:
            parent = os.path.dirname(directory)
            above = self._dotfiles(parent) if parent != directory else ""
            here = os.path.join(directory, ".clang-tidy")
            found = hashlib.sha256(json.dumps(
                [above, _file_digest(here) if os.path.isfile(here) else None]
            ).encode()).hexdigest()
            self._dirs[directory] = found
        return found

    def of(self, entry):
        """The digest of analysing the compile command ENTRY."""
        return hashlib.sha256(json.dumps([
            self._common, entry.file, entry.directory,
            json.dumps(entry.raw, sort_keys=True),
            self._dotfiles(os.path.dirname(entry.file))]).encode()).hexdigest()


def facts_digest(db):
    """The digest of the facts of every unit of the database DB (a
    connection): what the checks can read of the rest of the program."""
    h = hashlib.sha256()
    for file, analysed, digest in db.execute(
            "SELECT file, analysed, facts_digest FROM units ORDER BY file"):
        h.update(json.dumps([file, analysed, digest]).encode())
    return h.hexdigest()


class KeptFindings:
    """The findings kept in the database at PATH (read once, at the start of
    a run), for analyses whose other inputs INPUTS (an Inputs) digests."""

    def __init__(self, path, inputs):
        self.path = path
        self.inputs = inputs
        self.started = time.time_ns()
        db = database.connect(path, readonly=True)
        try:
            db.execute("BEGIN")
            self.facts = facts_digest(db)
            reads = {}
            for kept, path, size, mtime in db.execute(
                    "SELECT r.kept, f.path, r.size, r.mtime_ns FROM kept_reads r "
                    "JOIN read_files f ON f.id = r.file"):
                reads.setdefault(kept, []).append((path, [size, mtime]))
            self._rows = {(file, key): (reads.get(kept, []), facts, exported)
                          for kept, file, key, facts, exported in db.execute(
                              "SELECT k.id, u.file, k.inputs, k.facts, k.exported "
                              "FROM kept_findings k JOIN units u ON u.id = k.unit")}
            db.execute("COMMIT")
        finally:
            db.close()
        self._stats = {}

    def _unchanged(self, files):
        for path, seen in files:
            now = self._stats.get(path)
            if now is None:
                now = self._stats[path] = _stat(path) or []
            if now != seen:
                return False
        return True

    def find(self, file, entry):
        """The export-fixes YAML kept for FILE analysed with the compile
        command ENTRY, if nothing it comes from has changed; None
        otherwise."""
        row = self._rows.get((file, self.inputs.of(entry)))
        if row is None:
            return None
        files, facts, exported = row
        if facts != self.facts or not files:
            return None
        return exported if self._unchanged(files) else None

    @staticmethod
    def environment(yaml_path):
        """What the run that exports to YAML_PATH adds to its environment:
        where the checks list the files the unit reads."""
        return {UNIT_FILES_ENV: yaml_path + ".files"}

    def keep(self, results, entries, log):
        """Keeps the findings of the runs RESULTS (of the compile commands
        ENTRIES) that finished cleanly and whose files did not change while
        they ran."""
        rows = []
        for r, entry in zip(results, entries):
            if r.returncode != 0 or r.crashed():
                continue
            files = _unit_files(r.yaml_path + ".files", self.started)
            if files is None:
                continue
            try:
                with open(r.yaml_path, encoding="utf-8", errors="surrogateescape") as y:
                    exported = y.read()
            except FileNotFoundError:
                exported = ""
            except OSError:
                continue
            rows.append((r.file, self.inputs.of(entry), files, exported))
        if not results:
            return
        try:
            n = _store(self.path, self.facts, rows)
            log("findings kept in the database: %d files' findings kept for the next run" % n)
        except (ToolError, sqlite3.Error) as e:
            log("findings kept in the database: cannot keep them (%s)" % e)


def _unit_files(path, started):
    """The files a unit read, as the checks listed them in PATH, with their
    size and modification time; None without a list, or when one of them
    changed after the run started (the findings may predate the change)."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            paths = sorted({l.rstrip("\n") for l in f if l.strip()})
    except OSError:
        return None
    files = []
    for p in paths:
        st = _stat(p)
        if st is None or st[1] >= started:
            return None
        files.append([p, st])
    return files


def _store(path, facts, rows):
    """Keeps ROWS, (file, inputs, files, exported) each, in the database at
    PATH, computed against the facts FACTS, in one transaction; a file the
    database has no unit of is left out. Returns how many were kept."""
    db = database.connect(path)
    kept = 0
    try:
        db.execute("BEGIN IMMEDIATE")
        units = dict(db.execute("SELECT file, id FROM units"))
        db.executemany("INSERT OR IGNORE INTO read_files(path) VALUES (?)",
                       sorted({(p,) for _, _, files, _ in rows for p, _ in files}))
        ids = dict(db.execute("SELECT path, id FROM read_files"))
        for f, inputs, files, exported in rows:
            if f not in units:
                continue
            # Replaced with what it read (the old row's reads go with it).
            db.execute("DELETE FROM kept_findings WHERE unit = ? AND inputs = ?",
                       (units[f], inputs))
            k = db.execute("INSERT INTO kept_findings(unit, inputs, facts, exported) "
                           "VALUES (?, ?, ?, ?)", (units[f], inputs, facts, exported)).lastrowid
            db.executemany("INSERT INTO kept_reads(kept, file, size, mtime_ns) VALUES "
                           "(?, ?, ?, ?)", [(k, ids[p], st[0], st[1]) for p, st in files])
            kept += 1
        db.execute("COMMIT")
    finally:
        db.close()
    return kept
