"""The whole-program database file: its layout, written and validated.

atomics-tidy-db merges every translation unit's facts into one file, and
every clang-tidy process that runs a pairing check reads it in part
(lib/FactsDatabase.h): the header line gives each section's byte range,
a look-up bisects the sorted lines of a keyed section, and the index
sections give the offsets of the point lines to read. The layout is thus a
contract with the checks' reader, set down in docs/database.md ("Format
(version 4)"), and this module is where the Python side keeps it:
database_bytes() writes a database, computing the indexes as the reader
walks calls; read_database() validates one, and raises LayoutError with
one line that says what a reader would have misread. Writer and validator
share the constants and the index computation, so they stay in step; the
command line, the facts and running clang-tidy stay in atomics-tidy-db.
"""

import collections
import json

from . import jsonfile

# The database's version, apart from the facts' (FACTS_VERSION in
# atomics-tidy-db): version 3 laid it out one record per line, with
# indexes; version 4 added after_calls (the loads after each call of a
# function of another file).
DATABASE_VERSION = 4
DATABASE_FORMAT = "atomics-tidy-database"
# The database's sections, in the order they are written, each with the
# bracket that opens it: a list of records, or an object keyed by name.
SECTIONS = (("translation_units", "["), ("summaries", "{"),
            ("after_calls", "{"), ("functions", "{"), ("points", "["),
            ("points_by_location", "{"), ("points_by_function", "{"))
CLOSING = {"[": "]", "{": "}"}
HEADER_KEYS = ("format", "version", "body_size", "sections")
LOCATION_SETS = ("written_before", "read_before", "written_after",
                 "read_after")
CALL_SETS = ("calls_before", "calls_after")
REBUILD = "; rebuild it with 'atomics-tidy-db build'"


class Malformed(ValueError):
    """A record the indexes cannot be computed from (a location without a
    key, calls without levels): the message says which."""


def compact(value):
    """One record's JSON: compact, and ASCII (json.dumps escapes the rest),
    so that a record never spans two lines and its bytes are its
    characters."""
    return json.dumps(value, separators=(",", ":"))


def key_order(key):
    """How keyed sections are sorted: by the bytes of the key's UTF-8, the
    order in which a reader (any language) bisects them."""
    return key.encode("utf-8", "surrogatepass")


def location_key(location, what, field):
    key = location.get("key") if isinstance(location, dict) else None
    if not isinstance(key, str):
        raise Malformed('%s: "%s": a location without a "key"' % (what, field))
    return key


def location_keys(record, fields, what):
    """The keys of the locations in RECORD's lists FIELDS."""
    keys = set()
    for field in fields:
        locations = record.get(field)
        if not isinstance(locations, list):
            raise Malformed('%s: no list "%s"' % (what, field))
        for location in locations:
            keys.add(location_key(location, what, field))
    return keys


def call_levels(record, field, what):
    """RECORD's FIELD, the functions called with the levels left to follow
    in each, as (name, levels) pairs."""
    calls = record.get(field)
    if not isinstance(calls, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool)
            for n in calls.values()):
        raise Malformed('%s: "%s" does not give each function called its '
                        'levels' % (what, field))
    return calls.items()


class Reach:
    """The location keys that calls of a function reach through the
    database's functions, walked as a reader walks them (lib/CallAccesses.cpp,
    walkByLevels and addRemoteReach: a name is visited when it comes with more
    levels than before, and its calls are followed with one level fewer while
    more than one is left). What a walk from one (name, levels) reaches is
    remembered: the points of a program call the same few functions."""

    def __init__(self, functions):
        self.functions = functions
        self.bodies = {}
        self.walks = {}

    def of(self, name, levels):
        start = (name, levels)
        if start not in self.walks:
            self.walks[start] = frozenset(self._walk(name, levels))
        return self.walks[start]

    def _walk(self, name, levels):
        keys, best = set(), {}
        work = collections.deque([(name, levels)])
        while work:
            name, left = work.popleft()
            if best.get(name, 0) >= left:
                continue
            best[name] = left
            body = self._body(name)
            if body is None:
                continue
            keys |= body[0]
            if left > 1:
                for callee, callee_levels in body[1]:
                    work.append((callee, min(callee_levels, left - 1)))
        return keys

    def _body(self, name):
        """What a function of the database accesses itself, and whom it
        calls (None: no function of that name)."""
        if name not in self.bodies:
            f = self.functions.get(name)
            what = "function '%s'" % name
            if f is None:
                self.bodies[name] = None
            elif not isinstance(f, dict):
                raise Malformed("%s: not an object" % what)
            else:
                self.bodies[name] = (
                    location_keys(f, ("reads", "writes"), what),
                    list(call_levels(f, "calls", what)))
        return self.bodies[name]


def describe_point(p):
    return "the point in '%s' at %s:%s:%s" % (
        p.get("function"), p.get("file"), p.get("line"), p.get("column"))


def point_keys(p, reach):
    """The locations a point can access: its own, those of its four sets,
    and what the functions it calls reach in other files."""
    what = describe_point(p)
    keys = location_keys(p, LOCATION_SETS, what)
    if p.get("own") is not None:
        keys.add(location_key(p["own"], what, "own"))
    for field in CALL_SETS:
        for name, levels in call_levels(p, field, what):
            keys |= reach.of(name, levels)
    return keys


def point_indexes(points, starts, functions):
    """points_by_location and points_by_function: for each key, the
    offsets (ascending) of the lines of the points filed under it."""
    reach = Reach(functions)
    by_location, by_function = {}, {}
    for p, start in zip(points, starts):
        if not isinstance(p, dict) or not isinstance(p.get("function"), str):
            raise Malformed("a point without a \"function\"")
        for key in point_keys(p, reach):
            by_location.setdefault(key, []).append(start)
        by_function.setdefault(p["function"], []).append(start)
    return by_location, by_function


def keyed_lines(records):
    """A keyed section's record lines, sorted by key."""
    return [compact(key) + ":" + compact(value) for key, value in
            sorted(records.items(), key=lambda item: key_order(item[0]))]


class Body:
    """The database's body (all but the header line), written a line at a
    time, with where each section and record line starts: the offsets the
    header and the indexes give."""

    def __init__(self):
        self.lines, self.size, self.sections = [], 0, {}

    def line(self, text):
        data = text.encode("ascii") + b"\n"
        self.lines.append(data)
        self.size += len(data)

    def section(self, name, bracket, records, last=False):
        """Writes a section of RECORDS (their lines); returns the offset
        of each one's line."""
        self.line(compact(name) + ":" + bracket)
        start, starts = self.size, []
        for i, record in enumerate(records):
            starts.append(self.size)
            self.line(record + ("," if i + 1 < len(records) else ""))
        self.sections[name] = [start, self.size]
        self.line(CLOSING[bracket] + ("" if last else ","))
        return starts


def unit_records(units):
    """The summaries and functions by name, the calls after which loads
    can follow by the function called, and the points, each record with
    its unit's index (atomics-tidy-db deduplicated the units already, and
    its read_facts made sure that every record is an object)."""
    summaries, functions, after_calls, points = {}, {}, {}, []
    for i, u in enumerate(units):
        for call in u.get("after_calls", []):
            callee = call.get("callee")
            if not isinstance(callee, str):
                raise Malformed("%s: a call without a \"callee\"" % u["file"])
            record = after_calls.setdefault(
                callee, {"function": callee, "calls": []})
            record["calls"].append(dict(
                {k: v for k, v in call.items() if k != "callee"}, unit=i))
        for kind, named in (("summaries", summaries),
                            ("functions", functions)):
            for record in u[kind]:
                name = record.get("function")
                if not isinstance(name, str):
                    raise Malformed("%s: %s without a \"function\" name" % (
                        u["file"], "a summary" if kind == "summaries"
                        else "a function"))
                named[name] = dict(record, unit=i)
        points += [dict(p, unit=i) for p in u["points"]]
    return summaries, functions, after_calls, points


def database_bytes(units):
    """The database of the (sorted, deduplicated) UNITS, laid out as
    docs/database.md says (format version 4): a header line with the
    sections' offsets, then one record per line, so that a check reads the
    lines it needs and bisects the keyed sections."""
    summaries, functions, after_calls, points = unit_records(units)
    body = Body()
    body.section("translation_units", "[", [
        compact({"file": u["file"], "source_mtime": u["source_mtime"]})
        for u in units])
    body.section("summaries", "{", keyed_lines(summaries))
    body.section("after_calls", "{", keyed_lines(after_calls))
    body.section("functions", "{", keyed_lines(functions))
    starts = body.section("points", "[", [compact(p) for p in points])
    by_location, by_function = point_indexes(points, starts, functions)
    body.section("points_by_location", "{", keyed_lines(by_location))
    body.section("points_by_function", "{", keyed_lines(by_function),
                 last=True)
    body.line("}")
    header = compact({"format": DATABASE_FORMAT, "version": DATABASE_VERSION,
                      "body_size": body.size,
                      "sections": {name: body.sections[name]
                                   for name, _ in SECTIONS}})
    return (header[:-1] + ",\n").encode("ascii") + b"".join(body.lines)


class LayoutError(ValueError):
    """A database that cannot be read or departs from docs/database.md:
    the message is one line, beginning with the file's path, that says
    what (atomics-tidy-db check prints it)."""


def parse_header(head):
    """The header line by itself (it ends with the ',' that the document's
    next key needs), or None when it is not a JSON object by itself: a file
    of another kind, or not laid out one record per line."""
    text = head[:-1] + b"}" if head.endswith(b",") else head
    try:
        header = jsonfile.loads(text)
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


def format_version(path):
    """The format version of the atomics-tidy database at PATH, or None
    when PATH cannot be read or holds something else: a database of
    another version is rebuilt, anything else left alone."""
    try:
        with open(path, "rb") as f:
            head = f.readline()
    except OSError:
        return None
    header = parse_header(head.rstrip(b"\n"))
    if header is None or header.get("format") != DATABASE_FORMAT:
        return None
    version = header.get("version")
    return version if isinstance(version, int) and \
        not isinstance(version, bool) else None


def parse_document(path, data):
    try:
        return jsonfile.loads(data)
    except ValueError as e:
        raise LayoutError("%s: cannot read the database: %s" % (path, e))


def check_identity(path, doc):
    """The format and version, said first: a database of another version
    is rebuilt, not repaired."""
    if not isinstance(doc, dict) or doc.get("format") != DATABASE_FORMAT:
        raise LayoutError("%s: not an atomics-tidy database" % path)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or \
            version != DATABASE_VERSION:
        raise LayoutError("%s: %s, this tool reads version %d%s" % (
            path, "no version" if version is None else
            "version " + compact(version), DATABASE_VERSION, REBUILD))


def is_offset(value):
    return isinstance(value, int) and not isinstance(value, bool) and \
        value >= 0


def check_header(path, header):
    """The header's own fields: the size of the body, and each section's
    [S, E) range as two offsets."""
    if not is_offset(header.get("body_size")):
        raise LayoutError("%s: the header has no \"body_size\"%s" % (
            path, REBUILD))
    sections = header.get("sections")
    names = [name for name, _ in SECTIONS]
    if not isinstance(sections, dict) or sorted(sections) != sorted(names):
        raise LayoutError("%s: the header's \"sections\" does not give the "
                          "range of %s%s" % (path, ", ".join(names), REBUILD))
    for name in names:
        r = sections[name]
        if not isinstance(r, list) or len(r) != 2 or \
                not all(is_offset(x) for x in r):
            raise LayoutError("%s: the header's range of %s is not [start, "
                              "end]%s" % (path, name, REBUILD))


def offsets_text(offsets):
    """A list of offsets for a message: the first few."""
    shown = ", ".join(str(o) for o in offsets[:6])
    return "[%s%s]" % (shown, ", ..." if len(offsets) > 6 else "")


class Layout:
    """Validates a version 4 database against docs/database.md: each
    section's range, its record lines (each a record by itself, sorted by
    key where keyed), the units the records name and the indexes. A check
    trusts what it bisects: a failure here names what a reader would have
    misread."""

    def __init__(self, path, header, body, doc):
        self.path, self.header, self.body, self.doc = path, header, body, doc
        self.ranges = header["sections"]

    def fail(self, message):
        raise LayoutError("%s: %s%s" % (self.path, message, REBUILD))

    def check(self):
        self.check_keys()
        self.check_sequence()
        records = {name: self.section_records(name, bracket)
                   for name, bracket in SECTIONS}
        self.check_units()
        starts = [start for start, _ in records["points"]]
        self.check_indexes(starts)

    def check_keys(self):
        """The document holds the header's fields and the sections, and
        nothing else."""
        names = [name for name, _ in SECTIONS]
        extra = [k for k in self.doc if k not in HEADER_KEYS + tuple(names)]
        if extra:
            self.fail("unexpected \"%s\" in the database" % extra[0])
        for key in HEADER_KEYS:
            if self.doc.get(key) != self.header.get(key):
                self.fail("\"%s\" is given twice" % key)
        for name, bracket in SECTIONS:
            kind = list if bracket == "[" else dict
            if not isinstance(self.doc.get(name), kind):
                self.fail("no %s \"%s\"" % (
                    "list" if kind is list else "object", name))

    def check_sequence(self):
        """The body is the sections, each an opening line, its records and
        a closing line, one after the other, then the document's closing
        line: no byte of it is outside the ranges the header gives."""
        order = sorted(SECTIONS, key=lambda s: self.ranges[s[0]])
        pos = 0
        for i, (name, bracket) in enumerate(order):
            start, end = self.ranges[name]
            if not start <= end <= len(self.body):
                self.fail("%s: the range [%d, %d) is not within the body's %d "
                          "bytes" % (name, start, end, len(self.body)))
            opening = (compact(name) + ":" + bracket + "\n").encode()
            if start < len(opening) or \
                    self.body[start - len(opening):start] != opening:
                self.fail("%s: the line before byte %d is not '%s'" % (
                    name, start, opening.decode().strip()))
            if start - len(opening) != pos:
                self.fail("%s: the section does not start where the one "
                          "before it ends (byte %d, not %d)" % (
                              name, start - len(opening), pos))
            if end > start and self.body[end - 1:end] != b"\n":
                self.fail("%s: the range [%d, %d) does not end at the end of "
                          "a line" % (name, start, end))
            closing = (CLOSING[bracket] + ("," if i + 1 < len(order) else "")
                       + "\n").encode()
            if self.body[end:end + len(closing)] != closing:
                self.fail("%s: the line at byte %d is not '%s'" % (
                    name, end, closing.decode().strip()))
            pos = end + len(closing)
        if self.body[pos:] not in (b"}", b"}\n"):
            self.fail("the body does not end with '}' after the last section")

    def section_records(self, name, bracket):
        """Each record line of a section, read by itself as a reader reads
        it: (offset, record) or, in a keyed section, (offset, (key,
        value)), sorted by key; they must be the section's records."""
        start, end = self.ranges[name]
        lines = self.body[start:end].split(b"\n")[:-1]
        out, pos = [], start
        for i, line in enumerate(lines):
            last = i + 1 == len(lines)
            if line.endswith(b",") == last:
                self.fail("%s: the line at byte %d %s with ','" % (
                    name, pos, "ends" if last else "does not end"))
            out.append((pos, self.read_line(name, bracket, pos,
                                            line if last else line[:-1])))
            pos += len(line) + 1
        if bracket == "{":
            self.check_sorted(name, [key for _, (key, _) in out])
            found = [(key, value) for _, (key, value) in out]
            wanted = list(self.doc[name].items())
        else:
            found = [record for _, record in out]
            wanted = self.doc[name]
        if found != wanted:
            self.fail("%s: the %d lines of [%d, %d) are not the section's %d "
                      "records" % (name, len(found), start, end, len(wanted)))
        return out

    def read_line(self, name, bracket, pos, text):
        try:
            if bracket == "[":
                return jsonfile.loads(text)
            record = jsonfile.loads(b"{" + text + b"}")
        except ValueError as e:
            self.fail("%s: the line at byte %d is not a record by itself: %s"
                      % (name, pos, e))
        if len(record) != 1:
            self.fail("%s: the line at byte %d is not one key and its record"
                      % (name, pos))
        return next(iter(record.items()))

    def check_sorted(self, name, keys):
        for a, b in zip(keys, keys[1:]):
            if key_order(a) == key_order(b):
                self.fail("%s: %s is there twice" % (name, compact(a)))
            if key_order(a) > key_order(b):
                self.fail("%s: %s comes before %s: the keys are not sorted "
                          "(by their UTF-8), and readers bisect them" % (
                              name, compact(a), compact(b)))

    def check_units(self):
        """The units have a file and a time; every summary, function and
        point names its unit, and the keyed records their own name."""
        units = self.doc["translation_units"]
        for i, u in enumerate(units):
            if not isinstance(u, dict) or not isinstance(u.get("file"), str) \
                    or not is_offset(u.get("source_mtime")):
                self.fail("translation_units[%d]: expected \"file\" and "
                          "\"source_mtime\"" % i)
        named = [("%s %s" % (name, compact(key)), record, key)
                 for name in ("summaries", "functions")
                 for key, record in self.doc[name].items()]
        for key, record in self.doc["after_calls"].items():
            what = "after_calls %s" % compact(key)
            calls = record.get("calls") if isinstance(record, dict) else None
            if not isinstance(calls, list) or \
                    record.get("function") != key:
                self.fail("%s: not the calls of %s" % (what, compact(key)))
            named += [("%s.calls[%d]" % (what, i), c, None)
                      for i, c in enumerate(calls)]
        named += [("points[%d]" % i, p, None)
                  for i, p in enumerate(self.doc["points"])]
        for what, record, key in named:
            if not isinstance(record, dict):
                self.fail("%s: not an object" % what)
            if key is not None and record.get("function") != key:
                self.fail("%s: the record is of %s" % (
                    what, compact(record.get("function"))))
            unit = record.get("unit")
            if not is_offset(unit) or unit >= len(units):
                self.fail("%s: \"unit\" is not the index of a translation "
                          "unit (%d of them)" % (what, len(units)))

    def check_indexes(self, starts):
        """Each index lists, ascending, offsets of point lines, and is
        what the points and functions give (as database_bytes computes
        it)."""
        lines = set(starts)
        for name in ("points_by_location", "points_by_function"):
            for key, offsets in self.doc[name].items():
                what = "%s %s" % (name, compact(key))
                if not isinstance(offsets, list) or \
                        not all(is_offset(o) for o in offsets):
                    self.fail("%s: not a list of offsets" % what)
                if any(a >= b for a, b in zip(offsets, offsets[1:])):
                    self.fail("%s: the offsets are not ascending" % what)
                stray = [o for o in offsets if o not in lines]
                if stray:
                    self.fail("%s: %d is not the start of a line of the "
                              "points section" % (what, stray[0]))
        try:
            wanted = point_indexes(self.doc["points"], starts,
                                   self.doc["functions"])
        except Malformed as e:
            self.fail(str(e))
        for name, index in zip(("points_by_location", "points_by_function"),
                               wanted):
            found = self.doc[name]
            for key in sorted(set(found) | set(index), key=key_order):
                if found.get(key, []) != index.get(key, []):
                    self.fail("%s %s: lists %s, but the points and functions "
                              "give %s" % (name, compact(key),
                                           offsets_text(found.get(key, [])),
                                           offsets_text(index.get(key, []))))


def read_database(path):
    """Reads the database at PATH and validates all of it; returns the
    document. A file that cannot be read, and every departure from
    docs/database.md, is a LayoutError with one line that says what."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise LayoutError("%s: cannot read the database: %s" % (path, e))
    head, _, body = data.partition(b"\n")
    header = parse_header(head)
    if header is None:
        # Not JSON, or not laid out one record per line: say which.
        check_identity(path, parse_document(path, data))
        raise LayoutError("%s: the first line is not the header: the "
                          "database is not laid out one record per line%s"
                          % (path, REBUILD))
    check_identity(path, header)
    check_header(path, header)
    if len(body) != header["body_size"]:
        raise LayoutError("%s: %d bytes follow the header line, which says "
                          "%d (body_size): the file is truncated or "
                          "extended%s" % (path, len(body),
                                          header["body_size"], REBUILD))
    doc = parse_document(path, data)
    if not isinstance(doc, dict):
        raise LayoutError("%s: not an atomics-tidy database" % path)
    Layout(path, header, body, doc).check()
    return doc
