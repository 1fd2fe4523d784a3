-- The whole-program database of atomics-tidy: an SQLite file.
--
-- This file is the format's only definition. The module embeds it
-- (lib/CMakeLists.txt) and creates a database with it when it writes into a
-- file that is not one yet; tools/atomics-tidy-db reads it to create, check
-- and merge databases. docs/database.md explains the tables and shows
-- queries.
--
-- Each translation unit's facts are written by the checks, in one
-- transaction per unit: the unit's row is deleted (its records go with it,
-- ON DELETE CASCADE) and written again. A header's operation, or a function
-- defined by two units, is recorded by every unit that sees it; the views
-- at the end choose the one readers use.
--
-- application_id says the file is an atomics-tidy database; user_version is
-- the version of this schema: a reader refuses another one (with a message
-- that says to rebuild), and atomics-tidy-db rebuilds it. Change the
-- version with any change below.
PRAGMA application_id = 1633969250; -- 'aTdb'
PRAGMA user_version = 8;

-- Every source file of the compilation database the database was built
-- from. analysed = 0: the selection left it out (it cannot contribute) and
-- it has no records; a later source_mtime (seconds) makes a unit stale.
-- facts_digest: a digest of the unit's records (not of their row ids),
-- written with them: the same facts analysed again give the same digest.
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  source_mtime INTEGER NOT NULL,
  analysed INTEGER NOT NULL CHECK (analysed IN (0, 1)),
  facts_digest TEXT NOT NULL DEFAULT ''
);

-- An ordering operation (an acquire or release operation, a barrier, or a
-- seq-cst access that can be the partner of one), lib/OrderingFacts.h.
-- seq: its place in its unit's list; readers list points by unit file, then
-- seq. access: load, store, read-modify-write, fence, compiler-barrier;
-- ordering: relaxed ... seq_cst; classes: lib/OperationModel.h's bits;
-- roles: 1 can acquire, 2 can release, 3 both; reportable: whether
-- atomics-unpaired-barrier reports it when it has no partner.
CREATE TABLE points (
  id INTEGER PRIMARY KEY,
  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  function TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  name TEXT NOT NULL,
  access TEXT NOT NULL,
  ordering TEXT NOT NULL,
  classes INTEGER NOT NULL,
  roles INTEGER NOT NULL CHECK (roles BETWEEN 0 AND 3),
  reportable INTEGER NOT NULL CHECK (reportable IN (0, 1)),
  UNIQUE (unit, seq)
);
CREATE INDEX points_by_function ON points(function);
CREATE INDEX points_by_place ON points(file, line, col, function);

-- The shared locations a point accesses: its own (side 'own', at most one)
-- and those its function can write or read before and after it, with what
-- the calls there reach in its unit. key identifies a location across
-- files ('g:' a variable by name, 'f:' a struct field by type and field);
-- local: provably not shared with other units; how: AccessHow bits (1
-- atomic load, 2 plain load, 4 atomic store or RMW, 8 plain store, 16 RMW,
-- 32 a load and 64 a write in the point's own function, not a callee's);
-- at: 'file:line' of one of those accesses, or ''.
CREATE TABLE point_locations (
  point INTEGER NOT NULL REFERENCES points(id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('own', 'written_before', 'read_before',
                                     'written_after', 'read_after')),
  key TEXT NOT NULL,
  spelling TEXT NOT NULL,
  local INTEGER NOT NULL CHECK (local IN (0, 1)),
  how INTEGER NOT NULL CHECK (how BETWEEN 0 AND 127),
  at TEXT NOT NULL
);
CREATE INDEX point_locations_of_point ON point_locations(point);
CREATE INDEX point_locations_by_key ON point_locations(key);

-- The functions called before and after a point that its unit does not
-- define, with the levels of calls left to follow in each.
CREATE TABLE point_calls (
  point INTEGER NOT NULL REFERENCES points(id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('before', 'after')),
  callee TEXT NOT NULL,
  levels INTEGER NOT NULL CHECK (levels > 0)
);
CREATE INDEX point_calls_of_point ON point_calls(point);
CREATE INDEX point_calls_by_callee ON point_calls(callee);

-- A function with external linkage defined in the unit, with what a call of
-- it reaches in its file (function_locations) and the functions of other
-- files it calls, with the levels left (function_calls).
CREATE TABLE functions (
  id INTEGER PRIMARY KEY,
  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE (unit, name)
);
CREATE INDEX functions_by_name ON functions(name);

CREATE TABLE function_locations (
  function INTEGER NOT NULL REFERENCES functions(id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('reads', 'writes')),
  key TEXT NOT NULL,
  spelling TEXT NOT NULL,
  local INTEGER NOT NULL CHECK (local IN (0, 1)),
  how INTEGER NOT NULL CHECK (how BETWEEN 0 AND 127),
  at TEXT NOT NULL
);
CREATE INDEX function_locations_of_function ON function_locations(function);
CREATE INDEX function_locations_by_key ON function_locations(key);

CREATE TABLE function_calls (
  function INTEGER NOT NULL REFERENCES functions(id) ON DELETE CASCADE,
  callee TEXT NOT NULL,
  levels INTEGER NOT NULL CHECK (levels > 0)
);
CREATE INDEX function_calls_of_function ON function_calls(function);
CREATE INDEX function_calls_by_callee ON function_calls(callee);

-- For atomics-missing-rmw-barrier, what a call of a function other files
-- can call does (lib/BarrierFlow.h): whether it can return, whether a path
-- through it has no full barrier, the loads it can perform before one
-- (accesses, list 'early_load') and the seq-cst RMWs it can return with
-- ('pending_rmw').
CREATE TABLE summaries (
  id INTEGER PRIMARY KEY,
  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  function TEXT NOT NULL,
  can_return INTEGER NOT NULL CHECK (can_return IN (0, 1)),
  passes_without_barrier INTEGER NOT NULL
    CHECK (passes_without_barrier IN (0, 1)),
  UNIQUE (unit, function)
);
CREATE INDEX summaries_by_function ON summaries(function);

-- A call of a function the unit does not define, where it is written, and
-- the loads of globals and fields that can follow its return before a full
-- barrier (accesses, list 'load_after'): with them the callee's file reports
-- an RMW the callee returns with at the RMW.
CREATE TABLE after_calls (
  id INTEGER PRIMARY KEY,
  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  callee TEXT NOT NULL,
  caller TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  UNIQUE (unit, seq)
);
CREATE INDEX after_calls_by_callee ON after_calls(callee);

-- An atomic access of a summary or of an after-call (exactly one of the
-- two): the operation, its location as seen at the function's entry
-- (location_kind 1 global, 2 field, 3 parameter, with param its index, which
-- a caller maps to its argument; every_list 1: the key is a list link's
-- that stands for every list of its kind, lib/MemoryLocation.h) and where
-- it is written.
CREATE TABLE accesses (
  summary INTEGER REFERENCES summaries(id) ON DELETE CASCADE,
  after_call INTEGER REFERENCES after_calls(id) ON DELETE CASCADE,
  list TEXT NOT NULL CHECK (list IN ('early_load', 'pending_rmw',
                                     'load_after')),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  access TEXT NOT NULL,
  ordering TEXT NOT NULL,
  classes INTEGER NOT NULL,
  location_kind INTEGER NOT NULL CHECK (location_kind BETWEEN 0 AND 4),
  location_key TEXT NOT NULL,
  location_spelling TEXT NOT NULL,
  every_list INTEGER NOT NULL CHECK (every_list IN (0, 1)),
  param INTEGER NOT NULL,
  function TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  CHECK ((summary IS NULL) <> (after_call IS NULL))
);
CREATE INDEX accesses_of_summary ON accesses(summary);
CREATE INDEX accesses_of_after_call ON accesses(after_call);

-- The files where the unit's analysis can report a finding once the rest
-- of the program is known (lib/ReportFiles.h), absolute: of its ordering
-- points, those atomics-unpaired-barrier reports without a partner, the
-- deprecated ones and those of the main file next to a pairing comment;
-- for atomics-missing-rmw-barrier, the files of the functions where one of
-- its seq-cst RMWs can meet a load (in this unit, past a call of a
-- function of another file, or in another file's callers). After a build,
-- atomics-tidy-run analyses again only the units that list their own file
-- and, for each header listed, one unit that lists it. Not part of
-- facts_digest: no check reads them.
CREATE TABLE report_files (
  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  UNIQUE (unit, file)
);
CREATE INDEX report_files_by_file ON report_files(file);

-- The findings atomics-tidy-run kept of a unit's last analysis, shown again
-- while nothing they come from has changed (docs/database.md, "Findings
-- kept between runs"). inputs: a digest of the analysis's tools, options
-- and compile command; facts: the digest of every unit's facts_digest when
-- it ran (what the checks read of the rest of the program); exported:
-- clang-tidy's export-fixes YAML. Only the driver writes them; a unit
-- written again takes its kept findings with it.
CREATE TABLE kept_findings (
  id INTEGER PRIMARY KEY,
  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  inputs TEXT NOT NULL,
  facts TEXT NOT NULL,
  exported TEXT NOT NULL,
  UNIQUE (unit, inputs)
);

-- Every file a unit whose findings are kept read (its source, its headers),
-- named once, and which of them each kept analysis read, with the size and
-- modification time (ns) it had: a file that no longer has them makes the
-- findings stale.
CREATE TABLE read_files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE
);
CREATE TABLE kept_reads (
  kept INTEGER NOT NULL REFERENCES kept_findings(id) ON DELETE CASCADE,
  file INTEGER NOT NULL REFERENCES read_files(id),
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL
);
CREATE INDEX kept_reads_of_kept ON kept_reads(kept);

-- What readers use. A record several units have is taken from the unit whose
-- file comes first (byte order): the same choice whatever order the units
-- were written in, so a database merged from shards reads as one built at
-- once. A header's operation has the same facts in every unit that
-- includes it; where a stub and the real function share a name, the file
-- order decides.
CREATE VIEW current_points AS
  SELECT p.*, u.file AS unit_file FROM points p JOIN units u ON u.id = p.unit
  WHERE NOT EXISTS (
    SELECT 1 FROM points q JOIN units v ON v.id = q.unit
    WHERE q.file = p.file AND q.line = p.line AND q.col = p.col
      AND q.function = p.function AND v.file < u.file);

CREATE VIEW current_functions AS
  SELECT f.*, u.file AS unit_file FROM functions f JOIN units u ON u.id = f.unit
  WHERE NOT EXISTS (
    SELECT 1 FROM functions g JOIN units v ON v.id = g.unit
    WHERE g.name = f.name AND v.file < u.file);

CREATE VIEW current_summaries AS
  SELECT s.*, u.file AS unit_file FROM summaries s JOIN units u ON u.id = s.unit
  WHERE NOT EXISTS (
    SELECT 1 FROM summaries t JOIN units v ON v.id = t.unit
    WHERE t.function = s.function AND v.file < u.file);

-- Every call of a function is a call, once: a call written in a header is
-- seen by each unit that includes it.
CREATE VIEW current_after_calls AS
  SELECT c.*, u.file AS unit_file FROM after_calls c
  JOIN units u ON u.id = c.unit
  WHERE NOT EXISTS (
    SELECT 1 FROM after_calls d JOIN units v ON v.id = d.unit
    WHERE d.callee = c.callee AND d.file = c.file AND d.line = c.line
      AND d.col = c.col AND v.file < u.file);
