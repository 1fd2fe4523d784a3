"""What the HTML report shows, read from a SARIF log (sarif.py writes it;
`atomics-tidy-run --html` builds one in memory, `atomics-tidy-run html`
reads the files of an earlier run).

A SARIF result carries the warning, its notes (relatedLocations, in the
order clang-tidy gave them), its fix-its (with byte offsets) and its
fingerprint. The report adds what the source files say, when they are
readable under the project root and unchanged since the run (each
location's snippet is compared with the file's line): a few lines around
every place, the fix-its as unified diffs, and the function each finding
is in. Without the sources it shows the snippets the SARIF holds.

The notes of `atomics-missing-rmw-barrier` are sorted into the two threads
of a store-buffering race by what they say (checks/MissingRmwBarrierCheck.cpp
writes them): "the other thread writes 'Y' here", "then the full barrier
in 'f' orders that write ...", "and then loads 'X' here: ..." and "the
other thread: 'f' (file:line) writes ..." are the partner's (thread 2);
every other note is on the way from the read-modify-write to its load
(thread 1).
"""

import bisect
import difflib
import os
import re
import urllib.parse

from .merge import _get   # a key path into JSON that may lack it
from .sarif import FINGERPRINT_KEY

RACE_CHECK = "atomics-missing-rmw-barrier"

# The warning of a race (MissingRmwBarrierCheck::reportAfterRmw).
_RACE = re.compile(
    r"seq-cst read-modify-write '(?P<op>[^']+)' on '(?P<x>[^']+)' is not a full "
    r"barrier: the (?P<kind>.+?) of '(?P<y>[^']+)' after it can be satisfied before "
    r"its store is visible, while '(?P<partner>[^']+)' writes '(?P=y)' and then "
    r"loads '(?P=x)'")
# The notes of the partner (MissingRmwBarrierCheck::notePartner).
_PARTNER_NOTES = (
    ("write", re.compile(r"the other thread writes '[^']+' here(?!, with)")),
    ("write-barrier", re.compile(r"the other thread writes '[^']+' here, with a ")),
    ("barrier", re.compile(r"then the .+ in '[^']+' orders that write before its later")),
    ("load", re.compile(r"and then loads '[^']+' here")),
    ("elsewhere", re.compile(r"the other thread: '[^']+' \(")),
)
# Where a note names a place of another file: "(file:line)" or "at file:line".
_NAMED_PLACE = re.compile(r"(?:\(|\bat )(?P<path>[^\s():']+):(?P<line>\d+)(?::(?P<col>\d+))?")
_DEPRECATED = re.compile(r"'(?P<old>[^']+)' is deprecated: .*?(?:; use '(?P<new>[^']+)' "
                         r"instead)?$")
_CANDIDATE = re.compile(r"closest candidate: (?P<what>.+?) '(?P<name>[^']+)' in "
                        r"'(?P<function>[^']+)'(?: at (?P<at>\S+))? (?P<why>.*)$")
_UNPAIRED = re.compile(r"(?P<what>.+?) '(?P<name>[^']+)' (?P<orders>.+?); no (?P<missing>.+?) "
                       r"in (?P<scope>this translation unit|the program) (?P<wants>.+)$")
_STALE = re.compile(r"stale pairing comment: it names '(?P<target>[^']+)' as the partner "
                    r"of this (?P<what>.+?), but (?P<why>.+)$")
# The note of a stale comment at its operation (PairingCommentCheck).
_OPERATION_HERE = re.compile(r"(?P<what>.+?) '(?P<name>[^']+)' here$")
PAIRING_CHECKS = ("atomics-unpaired-barrier", "atomics-pairing-comment")
# At most this many edges in a function's neighbourhood are drawn; the text
# equivalent says how many more there are.
MAX_EDGES = 16


# -- the source files ----------------------------------------------------------

class SourceFile:
    """A file as the report shows it: its lines (text), its bytes (for the
    fix-its' offsets), and whether it is still what the run analysed."""

    def __init__(self, path):
        self.path = path
        self.data = None
        try:
            with open(path, "rb") as f:
                self.data = f.read()
        except OSError:
            pass
        self.lines = [] if self.data is None else \
            self.data.decode("utf-8", "replace").split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.lines = [l.rstrip("\r") for l in self.lines]
        self.matches = self.data is not None   # cleared by a snippet that differs
        self._functions = None

    def line(self, n):
        return self.lines[n - 1] if 1 <= n <= len(self.lines) else None

    def check_snippet(self, line, snippet):
        if snippet is not None and self.line(line) != snippet:
            self.matches = False

    def usable(self):
        return self.data is not None and self.matches

    def function_at(self, line):
        if self._functions is None:
            self._functions = function_spans("\n".join(self.lines))
        starts = [s for s, _, _ in self._functions]
        i = bisect.bisect_right(starts, line) - 1
        if i >= 0 and self._functions[i][0] <= line <= self._functions[i][1]:
            return self._functions[i][2]
        return None


_NOT_NAMES = {"__attribute__", "__attribute", "__declspec", "__asm__", "asm", "__asm",
              "if", "while", "for", "switch", "return", "sizeof", "defined"}


def function_spans(text):
    """(first line, last line, name) of each function definition in C text,
    as the braces show it: a '{' at file level that follows a parenthesised
    parameter list, with no '=' since the last ';' or '}' (an initialiser),
    up to its matching '}'. Comments, strings, character constants and
    preprocessor lines are skipped. A heuristic for the report's 'function'
    column: the checks' diagnostics do not carry the enclosing function."""
    spans = []
    i, n, line = 0, len(text), 1
    depth = 0
    paren = 0
    name = None            # the identifier before the last file-level '('
    last_ident = None
    initialiser = False
    start = start_name = None
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            at_line_start = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if at_line_start and c == "#":
            # A preprocessor line, with its continuations.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    line += 1
                    i += 1
                i += 1
            continue
        at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c.isalpha() or c == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            last_ident = text[i:j]
            # A type after a macro's arguments at file level
            # (`MACRO(x) struct s {`): what follows is no function.
            if depth == 0 and paren == 0 and last_ident in ("struct", "union", "enum"):
                name = None
            i = j
            continue
        if depth == 0:
            if c == "(":
                if paren == 0 and last_ident and last_ident not in _NOT_NAMES:
                    name = last_ident
                paren += 1
            elif c == ")":
                paren = max(paren - 1, 0)
            elif c == ";" and paren == 0:
                name, initialiser = None, False
            elif c == "=" and paren == 0:
                initialiser = True
            elif c == "{":
                depth = 1
                start = line if name and not initialiser and paren == 0 else None
                start_name = name
            elif c == "}":
                name, initialiser = None, False
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    if start is not None:
                        spans.append((start, line, start_name))
                    start, name, initialiser = None, None, False
        last_ident = None
        i += 1
    return spans


class Sources:
    def __init__(self, root):
        self.root = root
        self._files = {}

    def get(self, rel):
        """The file at `rel` (relative to the root, or absolute)."""
        path = rel if os.path.isabs(rel) else os.path.join(self.root or "", rel)
        f = self._files.get(path)
        if f is None:
            f = self._files[path] = SourceFile(path)
        return f


# -- what a finding is made of -------------------------------------------------

class Place:
    """A location of the SARIF log: its file (relative to the root when
    inside it), line and columns, the snippet the run saw, and the message
    (for a note)."""

    def __init__(self, loc, base_uris):
        phys = _get(loc, "physicalLocation") or {}
        art = phys.get("artifactLocation") or {}
        region = phys.get("region") or {}
        uri = urllib.parse.unquote(art.get("uri") or "")
        if art.get("uriBaseId"):
            self.rel = uri
        elif uri.startswith("file://"):
            self.rel = uri[len("file://"):]
        else:
            self.rel = uri
        self.line = int(region.get("startLine") or 0)
        self.col = int(region.get("startColumn") or 1)
        self.end_line = int(region.get("endLine") or self.line)
        self.end_col = int(region.get("endColumn") or 0)
        self.snippet = _get(region, "snippet", "text")
        self.message = _get(loc, "message", "text") or ""
        self.role = None        # set for a race's notes
        self.number = 0         # its number on the page, from 1

    def where(self):
        return "%s:%d:%d" % (self.rel, self.line, self.col)


class Fix:
    def __init__(self, description, files):
        self.description = description
        self.files = files      # [(rel, [(offset, length, text, line, col)])]
        self.diff = None        # unified diff text, when the sources allow


class Item:
    """One finding of the report."""

    def __init__(self, result, base_uris, number):
        self.number = number
        self.check = result.get("ruleId") or "clang-tidy"
        self.level = result.get("level") or "warning"
        self.message = _get(result, "message", "text") or ""
        locs = result.get("locations") or []
        self.place = Place(locs[0], base_uris) if locs else None
        self.notes = [Place(l, base_uris) for l in result.get("relatedLocations") or []]
        self.fingerprint = _get(result, "fingerprints", FINGERPRINT_KEY) or \
            _get(result, "partialFingerprints", FINGERPRINT_KEY)
        self.state = result.get("baselineState")    # "new", "unchanged" or None
        self.tus = _get(result, "properties", "reportedByTranslationUnits") or 1
        self.fixes = []
        for fx in result.get("fixes") or []:
            files = []
            for ch in fx.get("artifactChanges") or []:
                rel = Place({"physicalLocation": {"artifactLocation":
                                                  ch.get("artifactLocation") or {}}},
                            base_uris).rel
                reps = []
                for r in ch.get("replacements") or []:
                    region = r.get("deletedRegion") or {}
                    reps.append((region.get("byteOffset"), region.get("byteLength"),
                                 _get(r, "insertedContent", "text") or "",
                                 region.get("startLine") or 0, region.get("startColumn") or 0))
                files.append((rel, reps))
            self.fixes.append(Fix(_get(fx, "description", "text") or "", files))
        self.function = None
        self.page = None        # file name under findings/
        self.rule_short = ""

    @property
    def rel(self):
        return self.place.rel if self.place else ""

    @property
    def line(self):
        return self.place.line if self.place else 0

    def places(self):
        return ([self.place] if self.place else []) + self.notes

    # The story each check tells.

    def race(self):
        """The parts of a store-buffering race's warning (op, x, kind, y,
        partner), or None."""
        if self.check != RACE_CHECK:
            return None
        m = _RACE.match(self.message)
        return m.groupdict() if m else None

    def threads(self):
        """(thread 1's places, thread 2's groups of places) of a race: the
        read-modify-write and the notes on its way to the load; the
        partner's notes, one group per partner."""
        one = [self.place] if self.place else []
        two = []
        for n in self.notes:
            role = partner_role(n.message)
            if role is None:
                one.append(n)
                continue
            n.role = role
            if role in ("write", "write-barrier", "elsewhere") or not two:
                two.append([])
            two[-1].append(n)
        return one, two

    def deprecated(self):
        m = _DEPRECATED.match(self.message) if self.check == "atomics-deprecated-mb" else None
        return m.groupdict() if m else None

    def unpaired(self):
        m = _UNPAIRED.match(self.message) if self.check == "atomics-unpaired-barrier" else None
        return m.groupdict() if m else None

    def stale_comment(self):
        m = _STALE.match(self.message) if self.check == "atomics-pairing-comment" else None
        return m.groupdict() if m else None

    def operation(self):
        """(place, what, name) of the operation an unpaired-barrier or
        pairing-comment finding is about, or None: the warning's place for
        the first, the note at the operation for the second (the warning
        is at the comment)."""
        unp = self.unpaired()
        if unp and self.place:
            return self.place, unp["what"], unp["name"]
        if self.stale_comment():
            for n in self.notes:
                m = _OPERATION_HERE.match(n.message)
                if m:
                    return n, m.group("what"), m.group("name")
        return None

    def candidates(self):
        out = []
        for n in self.notes:
            m = _CANDIDATE.match(n.message)
            if m:
                out.append((n, m.groupdict()))
        return out


def partner_role(message):
    for role, pattern in _PARTNER_NOTES:
        if pattern.match(message):
            return role
    return None


def named_places(message):
    """The (path, line, column or None) of each place that a note names in
    its text ("returns to 'f' (../util/a.c:282)", "... at ../util/a.c:290:5"):
    the places of other files, which the database knows and this unit does
    not."""
    return [(m.group("path"), int(m.group("line")), m.group("col") and int(m.group("col")))
            for m in _NAMED_PLACE.finditer(message)]


def partner_function(group):
    """The function of a partner, from the notes that show it."""
    for p in group:
        m = re.search(r"(?:thread: | in )'([^']+)'", p.message)
        if m:
            return m.group(1)
    return None


# -- the pairing neighbourhood -------------------------------------------------

class OpNode:
    """An operation of the pairing graph: one that a finding is about, or
    one that a note names as a closest candidate; or (kind "function") a
    function that a pairing comment names."""

    def __init__(self, key, rel, line, col, function, what, name, kind="operation"):
        self.key = key
        self.rel, self.line, self.col = rel, line, col
        self.function, self.what, self.name = function, what, name
        self.kind = kind
        self.items = []         # the findings about this operation

    def where(self):
        return "%s:%d" % (self.rel, self.line) if self.rel and self.line else (self.rel or "")

    def label(self):
        if self.kind == "function":
            return "'%s'" % self.name
        return "%s '%s'" % (self.what, self.name)


class Edge:
    """Why `src` does not pair with `dst`: `dst` is its closest candidate
    (kind "candidate") or the function its comment names ("comment"); the
    finding `item` says so."""

    def __init__(self, src, dst, why, kind, item):
        self.src, self.dst, self.why, self.kind, self.item = src, dst, why, kind, item


class PairingGraph:
    """The operations that the pairing findings of the log are about and
    the ones their notes name, and an edge per candidate and per function
    a stale comment names. A function's neighbourhood: its operations,
    every edge from or to one of them, and the nodes at their other ends
    (in other functions and files)."""

    def __init__(self, report):
        self.report = report
        self.nodes = {}
        self.edges = []
        self.of_item = {}       # id(item) -> its operation's node
        for it in report.items:
            if it.check not in PAIRING_CHECKS:
                continue
            op = it.operation()
            if op is None:
                continue
            place, what, name = op
            node = self._node(place.rel, place.line, place.col,
                              report.function_of(place.rel, place.line), what, name)
            node.items.append(it)
            self.of_item[id(it)] = node
        for it in report.items:
            src = self.of_item.get(id(it))
            if src is None:
                continue
            for note, c in it.candidates():
                rel, line, col = note.rel, note.line, note.col
                if c.get("at"):
                    rel, line, col = self._at(c["at"])
                dst = self._node(rel, line, col, c["function"], c["what"], c["name"])
                self.edges.append(Edge(src, dst, c["why"], "candidate", it))
            stale = it.stale_comment()
            if stale:
                rel, line = report.find_function(stale["target"], src.rel)
                key = ("function", stale["target"])
                dst = self.nodes.get(key)
                if dst is None:
                    dst = self.nodes[key] = OpNode(key, rel, line, 0, stale["target"], "",
                                                   stale["target"], "function")
                self.edges.append(Edge(src, dst, stale["why"], "comment", it))

    def _node(self, rel, line, col, function, what, name):
        key = (rel, line, col) if rel and line else ("?", function, name)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = OpNode(key, rel, line, col, function, what, name)
        elif function and not node.function:
            node.function = function
        return node

    def _at(self, at):
        """The (rel, line, column) of a note's "at path:line:column"."""
        parts = at.rsplit(":", 2)
        if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
            return at, 0, 0
        return self.report.relative(parts[0]), int(parts[1]), int(parts[2])

    def node_of(self, item):
        return self.of_item.get(id(item))

    def neighbourhood(self, item):
        """(the node of `item`'s operation, the nodes of its function in
        line order, the other nodes, the edges) or None."""
        me = self.node_of(item)
        if me is None:
            return None

        def home(n):
            return n is me or (me.function and n.kind == "operation" and
                               n.function == me.function and n.rel == me.rel)
        edges = [e for e in self.edges if home(e.src) or home(e.dst)]
        # This operation's edges first, then its function's, then those
        # that come in from other functions.
        edges.sort(key=lambda e: (e.src is not me, not home(e.src)))
        mine = {id(me): me}
        for n in self.nodes.values():
            if home(n) and n.items:
                mine[id(n)] = n
        others = {}
        for e in edges:
            for n in (e.src, e.dst):
                if home(n):
                    mine[id(n)] = n
                else:
                    others.setdefault(id(n), n)
        order = lambda n: (n.rel or "", n.function or "", n.line, n.col, n.name)
        return (me, sorted(mine.values(), key=order), sorted(others.values(), key=order),
                edges)


# -- the whole log -------------------------------------------------------------

class Report:
    def __init__(self, log, root=None, baseline=None):
        """`log`: a SARIF log of atomics-tidy-run (one run). `root`: where
        the sources are (default: the log's SRCROOT). `baseline`: the
        accepted fingerprints, to mark each finding new or not."""
        run = log["runs"][0]
        base = _get(run, "originalUriBaseIds", "SRCROOT", "uri") or ""
        if root is None and base.startswith("file://"):
            root = urllib.parse.unquote(base[len("file://"):]).rstrip("/") or "/"
        self.root = root
        self.sources = Sources(root)
        rules = {r.get("id"): r for r in _get(run, "tool", "driver", "rules") or []}
        self.tool_version = _get(run, "tool", "driver", "version")
        self.clang_tidy_version = _get(run, "properties", "clangTidyVersion")
        invocations = run.get("invocations") or [{}]
        self.successful = all(i.get("executionSuccessful", True) for i in invocations)
        self.notifications = [(_get(n, "message", "text") or "", n.get("level") or "")
                              for i in invocations
                              for n in i.get("toolExecutionNotifications") or []]
        accepted = set(baseline) if baseline is not None else None
        self.baseline_used = accepted is not None or any(
            r.get("baselineState") for r in run.get("results") or [])
        self.items = []
        for k, result in enumerate(run.get("results") or [], 1):
            it = Item(result, base, k)
            if accepted is not None:
                it.state = "unchanged" if it.fingerprint in accepted else "new"
            it.rule_short = _get(rules.get(it.check), "shortDescription", "text") or ""
            self.items.append(it)
        self._name_pages()
        self._pairing = None
        for it in self.items:
            for p in it.places():
                if p.rel:
                    self.sources.get(p.rel).check_snippet(p.line, p.snippet)
        for it in self.items:
            if it.place:
                src = self.sources.get(it.place.rel)
                it.function = src.function_at(it.place.line) if src.usable() else None
            for fx in it.fixes:
                fx.diff = self.diff(fx)

    def _name_pages(self):
        """findings/<fingerprint>.html, stable from run to run, or the
        finding's number when fingerprints are missing or repeat."""
        names = [("%s.html" % it.fingerprint.replace(":", "-")) if it.fingerprint and
                 re.fullmatch(r"[0-9a-f]+:\d+", it.fingerprint) else None
                 for it in self.items]
        if None in names or len(set(names)) != len(names):
            names = ["%d.html" % it.number for it in self.items]
        for it, name in zip(self.items, names):
            it.page = name

    def function_of(self, rel, line):
        """The function around a line of a file, or None."""
        src = self.sources.get(rel) if rel else None
        return src.function_at(line) if src is not None and src.usable() else None

    def relative(self, path):
        """A path named in a note, as the report names files: relative to
        the root when inside it (or when it is, without its leading '../',
        a file under the root)."""
        if os.path.isabs(path) and self.root:
            root = self.root.rstrip("/") + "/"
            if path.startswith(root):
                return path[len(root):]
        return self.resolve(path) or path

    def find_function(self, name, near=None):
        """(rel, first line) of the definition of function `name` in the
        sources the report reads (the file `near` first), or (None, 0)."""
        rels = ([near] if near else []) + sorted(
            {it.rel for it in self.items if it.rel and it.rel != near})
        for rel in rels:
            src = self.sources.get(rel)
            if not src.usable():
                continue
            if src._functions is None:
                src._functions = function_spans("\n".join(src.lines))
            for start, _, fn in src._functions:
                if fn == name:
                    return rel, start
        return None, 0

    def pairing_graph(self):
        if self._pairing is None:
            self._pairing = PairingGraph(self)
        return self._pairing

    def findings_at(self, rel, line, col, check=None):
        """The findings whose warning is at that place."""
        return [it for it in self.items if it.place and it.place.rel == rel and
                it.place.line == line and it.place.col == col and
                (check is None or it.check == check)]

    def excerpt_source(self, rel):
        """The SourceFile to take excerpts from, or None."""
        if not rel:
            return None
        src = self.sources.get(rel)
        return src if src.usable() else None

    def resolve(self, path):
        """The file of the project that a path named in a note means (a
        path relative to the build directory, '../util/a.c', is tried
        without its leading '../' under the root first), or None."""
        tries = []
        p = path
        while p.startswith("../"):
            p = p[3:]
            tries.append(p)
        tries.append(path)
        for t in tries:
            src = self.sources.get(t)
            if src.data is not None:
                return t
        return None

    def shown_places(self, item, note):
        """Where the report shows a note: at its own place, except when it
        is the warning's (a note that the check could only put there,
        naming another file's place), and at each place it names that can
        be read. Such a stand-in Place has the note's message and number."""
        out = []
        if not (item.place and note is not item.place and note.rel == item.place.rel
                and note.line == item.place.line):
            out.append(note)
        if note is item.place:
            return out
        for path, line, col in named_places(note.message):
            rel = self.resolve(path)
            text = self.sources.get(rel).line(line) if rel else None
            if text is None:
                continue
            q = Place({}, "")
            q.rel, q.line, q.end_line = rel, line, line
            q.col = col or len(text) - len(text.lstrip()) + 1
            q.message, q.number, q.role = note.message, note.number, note.role
            out.append(q)
        return out

    def diff(self, fix):
        """The fix as a unified diff (with 2 lines of context) of the files
        it changes, or None when a file cannot be read as the run saw it."""
        out = []
        for rel, reps in fix.files:
            src = self.excerpt_source(rel)
            if src is None or any(o is None or l is None for o, l, _, _, _ in reps):
                return None
            data = src.data
            for offset, length, text, _, _ in sorted(reps, key=lambda r: -r[0]):
                if offset + length > len(data):
                    return None
                data = data[:offset] + text.encode("utf-8", "surrogateescape") + \
                    data[offset + length:]
            old = src.data.decode("utf-8", "replace").splitlines(keepends=True)
            new = data.decode("utf-8", "replace").splitlines(keepends=True)
            for line in difflib.unified_diff(old, new, "a/" + rel.lstrip("/"),
                                             "b/" + rel.lstrip("/"), n=2):
                out.append(line if line.endswith("\n") else line + "\n")
        return "".join(out) or None
