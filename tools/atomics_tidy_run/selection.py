"""Which files the whole-program database pass must analyse.

Analysing a file is a full parse, and on a large program most files perform
no ordering operation: QEMU's 2955 files have 331 that name one. A file
contributes to the database only

1. if it performs an ordering operation: its text names one (the QEMU API's
   names, the GCC and C11 builtins) or names a macro or function of a header
   that performs one, directly or through further macros and functions
   (the header's "wrappers": QLIST_INSERT_HEAD_RCU, qemu_spin_lock(),
   rcu_read_lock()...);
2. or if it defines a function that the checks ask the database about on
   behalf of the files of 1: what a function called around an ordering
   operation reads and writes (and what it calls, CallDepth levels deep),
   and the summary of a function called after a read-modify-write. A build
   reads those calls from the facts of the files it analysed, in rounds
   (callee_rounds): each round analyses the files not analysed yet that
   define what the earlier rounds' units call, one level of calls deeper,
   CallDepth rounds at most. A sharded build cannot share
   facts between its shards, so it reads the calls from text instead
   (callee_files): the identifiers of the bodies that perform an
   operation, then of those bodies' callees; every shard computes the same
   selection, a larger one.

Both tests read text only (comments and strings removed). Their limits,
which `atomics-tidy-db build --all` avoids: a name of an operation produced
by token pasting, and a function whose definition a macro writes, are not
seen. docs/database.md says more.
"""

import glob
import json
import os
import re
import sqlite3

# Identifiers that can name an ordering operation: the API table's
# (lib/ApiTable.cpp: qatomic_*, the legacy atomic_*, smp_*, barrier(),
# signal_barrier()), the builtins, inline assembly (a fence instruction:
# lib/AtomicOperation.cpp) and C11's _Atomic (whose objects' operators are
# sequentially consistent operations).
OPERATION = re.compile(
    r"\b(?:q?atomic_\w+|smp_\w+|barrier|signal_barrier|__atomic_\w+|"
    r"__sync_\w+|__c11_atomic_\w+|asm|__asm|__asm__|_Atomic)\b")

_ATOMIC_TYPE = re.compile(r"\b_Atomic\b")

_COMMENT_OR_STRING = re.compile(
    r"""/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""", re.S)


_TOKEN = re.compile(r"""
    /\*.*?\*/ | //[^\n]* | "(?:\\.|[^"\\\n])*" | '(?:\\.|[^'\\\n])*'
  | ^[ \t]*\#[ \t]*define[ \t]+(?P<macro>\w+)(?P<mbody>(?:\\\n|[^\n])*)
  | ^[ \t]*\#(?:\\\n|[^\n])*
  | (?P<id>[A-Za-z_]\w*) | (?P<punct>[{}();])
""", re.S | re.M | re.X)

_NOT_FUNCTIONS = {"if", "while", "for", "switch", "return", "sizeof",
                  "typeof", "__typeof__", "_Alignof", "__attribute__",
                  "__asm__", "asm", "defined", "_Static_assert",
                  "__declspec", "alignas", "_Alignas"}

_IDENT = re.compile(r"[A-Za-z_]\w*")


def _read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def definitions(text):
    """The macros and the functions defined at file scope in C source
    `text`: {name: identifiers of its body}."""
    out = {}
    depth = 0            # braces
    parens = 0
    candidate = None     # the last identifier followed by '(' at depth 0
    pending = None       # a name whose parameter list just closed
    body_of = None       # the function whose body is open
    body = []
    last_id = None
    for m in _TOKEN.finditer(text):
        # By the last group the token matched (one look-up a token: most of
        # them are identifiers, and this runs over every file of a program).
        kind = m.lastgroup
        if kind == "id":
            ident = m.group()
            if body_of is not None:
                body.append(ident)
            elif pending is not None and parens == 0:
                # "f(void) __attribute__((x)) {": attributes before the body
                if ident not in ("__attribute__", "__asm__", "asm"):
                    pending = None
            last_id = ident
            continue
        if kind != "punct":
            if kind == "mbody":    # a #define: its name and its body
                out.setdefault(m.group("macro"), set()).update(
                    _IDENT.findall(m.group("mbody")))
            continue               # a comment, a string, a directive
        punct = m.group()
        if punct == "(":
            if depth == 0 and parens == 0:
                if pending is not None:
                    # "glue(f, SZ)(args) {": a name a macro makes up
                    pending = None
                elif last_id and last_id not in _NOT_FUNCTIONS:
                    candidate = last_id
            parens += 1
        elif punct == ")":
            parens = max(0, parens - 1)
            if depth == 0 and parens == 0 and candidate:
                pending, candidate = candidate, None
        elif punct == "{":
            if depth == 0 and parens == 0 and pending:
                body_of, body = pending, []
            pending = None
            depth += 1
        elif punct == "}":
            depth = max(0, depth - 1)
            if depth == 0 and body_of is not None:
                out.setdefault(body_of, set()).update(body)
                body_of = None
        elif punct == ";":
            if depth == 0 and parens == 0:
                pending = candidate = None
        last_id = None
    return out


_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\n]+)[>"]', re.M)

_KEYWORDS = {"auto", "break", "case", "char", "const", "continue", "default",
             "do", "double", "else", "enum", "extern", "float", "for", "goto",
             "if", "inline", "int", "long", "register", "restrict", "return",
             "short", "signed", "sizeof", "static", "struct", "switch",
             "typedef", "union", "unsigned", "void", "volatile", "while",
             "bool", "_Bool",
             "main"}             # a .c file included: no one calls main


def include_directories(entries):
    """The directories the compile commands name for headers, most used
    first. The system's own (/usr/include) hold the C library's headers:
    no wrapper of the program's, and tens of thousands of files."""
    count = {}
    for e in entries:
        args = e.arguments()
        for i, a in enumerate(args):
            d = None
            if a in ("-I", "-isystem", "-iquote", "-idirafter") and \
                    i + 1 < len(args):
                d = args[i + 1]
            elif a.startswith("-I") and len(a) > 2:
                d = a[2:]
            if d is not None:
                d = os.path.normpath(os.path.join(e.directory, d))
                count[d] = count.get(d, 0) + 1
    return [d for d in sorted(count, key=lambda d: (-count[d], d))
            if d not in ("/usr/include", "/usr/local/include") and
            os.path.isdir(d)]


def compiler_include_directories(clang_tidy):
    """The include directory of the compiler that `clang_tidy` belongs to
    (clang's resource directory: <cpuid.h>, <stdatomic.h>...)."""
    bin_dir = os.path.dirname(os.path.realpath(clang_tidy))
    found = sorted(glob.glob(os.path.join(bin_dir, "..", "lib", "clang", "*",
                                          "include")))
    return [os.path.normpath(d) for d in found[-1:]]


class Includes:
    """The headers that the files of a program include, directly or through
    other headers, found in the including file's directory or in `dirs`.
    Every #include counts, whatever #if surrounds it; a name found in
    several of `dirs` counts in each (the commands search them in
    different orders)."""

    def __init__(self, sources, dirs):
        self.dirs = dirs
        self.of = {}          # file -> the headers it includes directly
        self._found = {}      # (directory or "", name) -> paths
        self._in_dirs = {}    # name -> its paths in `dirs`
        self._listings = {}   # directory -> the names in it
        work = list(sources)
        while work:
            path = work.pop()
            if path in self.of:
                continue
            self.of[path] = self._resolve(path)
            work.extend(p for p in self.of[path] if p not in self.of)
        self.headers = {h for hs in self.of.values() for h in hs}

    def _resolve(self, path):
        here = os.path.dirname(path)
        out = []
        for quote, name in _INCLUDE.findall(_read(path)):
            key = (here if quote == '"' else "", name)
            paths = self._found.get(key)
            if paths is None:
                # The search of `dirs` is the same from every directory: it
                # is done once per name (QEMU: 3 million stat calls to 60
                # thousand).
                paths = (self._existing(here, name) if quote == '"' else []) + \
                    self._search_dirs(name)
                self._found[key] = paths
            out.extend(paths)
        return out

    @staticmethod
    def _existing(directory, name):
        p = os.path.normpath(os.path.join(directory, name))
        return [os.path.realpath(p)] if os.path.isfile(p) else []

    def _search_dirs(self, name):
        paths = self._in_dirs.get(name)
        if paths is None:
            # A directory whose listing lacks the name's first component
            # cannot hold it: one listing per directory instead of a stat
            # per name and directory.
            first = name.split("/", 1)[0]
            paths = [p for d in self.dirs if first in self._listing(d)
                     for p in self._existing(d, name)]
            self._in_dirs[name] = paths
        return paths

    def _listing(self, directory):
        names = self._listings.get(directory)
        if names is None:
            try:
                names = set(os.listdir(directory))
            except OSError:
                names = set()
            self._listings[directory] = names
        return names

    def closure(self, path):
        """Every header `path` includes, directly or not."""
        seen = set()
        work = list(self.of.get(path, ()))
        while work:
            h = work.pop()
            if h not in seen:
                seen.add(h)
                work.extend(self.of.get(h, ()))
        return seen


def atomic_type_headers(headers):
    """The headers that declare _Atomic objects or types: code that includes
    one can operate on them with plain-looking operators."""
    return {h for h in headers if _ATOMIC_TYPE.search(
        _COMMENT_OR_STRING.sub(" ", _read(h)))}


def wrappers(headers, also=frozenset()):
    """The macros and functions of `headers` that perform an ordering
    operation, directly or through one another: {name: identifiers of its
    body}. `also`: more names that perform one (the checks' options)."""
    bodies = {}
    for path in headers:
        for name, ids in definitions(_read(path)).items():
            if name not in _KEYWORDS:
                bodies.setdefault(name, set()).update(ids)
    users = {}           # identifier -> the names whose bodies use it
    found = set()
    work = []
    for name, ids in bodies.items():
        if any(OPERATION.fullmatch(i) or i in also for i in ids):
            found.add(name)
            work.append(name)
        for i in ids:
            users.setdefault(i, []).append(name)
    while work:
        for user in users.get(work.pop(), ()):
            if user not in found:
                found.add(user)
                work.append(user)
    return {name: bodies[name] for name in found}


def performs_operations(path, wrapper_names, includes=None,
                        atomic_headers=frozenset()):
    """Whether the code of the file at `path` (its comments and strings
    aside: "a barrier" in prose is none) names an ordering operation or a
    wrapper, or includes a header that declares _Atomic objects."""
    text = _COMMENT_OR_STRING.sub(" ", _read(path))
    if OPERATION.search(text):
        return True
    if not wrapper_names.isdisjoint(_IDENT.findall(text)):
        return True
    return bool(atomic_headers) and includes is not None and \
        not atomic_headers.isdisjoint(includes.closure(path))


def names_any(path, names):
    """Whether the code of the file at `path` (not its comments and strings)
    names one of `names`."""
    if not names or not os.path.isfile(path):
        return False
    text = _COMMENT_OR_STRING.sub(" ", _read(path))
    return not names.isdisjoint(_IDENT.findall(text))


def _operating_bodies(path, wrapper_names, everything):
    """The identifiers of the bodies of the functions defined in the file
    at `path` that perform an ordering operation (all of them when
    `everything`: the file operates on _Atomic objects)."""
    ids = set()
    for name, body in definitions(_read(path)).items():
        if everything or any(OPERATION.fullmatch(i) for i in body) or \
                not wrapper_names.isdisjoint(body):
            ids.update(body)
    return ids


def callee_files(first, others, wrapper_bodies, depth, atomic_files=()):
    """The files of `others` that define a function called around an
    ordering operation of the files `first`, `depth` levels of calls deep
    (the checks' CallDepth): the functions called by the bodies that
    perform one (in `first`, and the headers' wrappers, `wrapper_bodies`),
    then the functions those call, while levels remain. By text, like the
    rest of the selection: a call is an identifier of such a body that
    another file defines."""
    called = set()
    for path in first:
        called |= _operating_bodies(path, set(wrapper_bodies),
                                    path in atomic_files)
    for ids in wrapper_bodies.values():
        called |= ids
    defined = {}
    for path in others:
        for name, body in definitions(_read(path)).items():
            if name not in _KEYWORDS:
                defined.setdefault(name, []).append((path, body))
    chosen = set()
    for _ in range(depth):
        following = set()
        for name in sorted(called & set(defined)):
            for path, body in defined.pop(name):
                chosen.add(path)
                following |= body
        called = following
    return chosen


# -- the database build's rounds (atomics-tidy-db build, update) -------------
#
# What the checks ask the database about a function of another file, by
# name (lib/DatabaseView.cpp, lib/FactsDatabase.cpp,
# checks/MissingRmwBarrierCheck.cpp):
#
# - the functions called before and after an ordering point (point_calls,
#   with the levels left to follow): what a call of each reaches in its own
#   file (functions, function_locations), and, while levels are left, what
#   the functions of other files it calls reach (function_calls, one level
#   less each time: lib/CallAccesses.cpp, addRemoteReach);
# - the functions whose calls loads follow before a full barrier
#   (after_calls): a unit with a read-modify-write before such a call reads
#   the callee's summary (summaries), which follows no calls.
#
# So a file must be analysed when it defines one of those functions; which
# functions they are, the facts of the files analysed say. A summary that
# says more than "returns, with no barrier" (a load, a barrier) belongs to
# a file that performs operations, which the first round analyses; of the
# other files the reach matters, and the summary of a function that cannot
# return. (Where only another file's loads follow a call, read from its
# summary, no unit records the call: a callee that cannot return there and
# performs no operation is not followed.)

CALLED = """
WITH RECURSIVE called(name, levels) AS (
  SELECT c.callee, c.levels FROM point_calls c
    JOIN points p ON p.id = c.point JOIN units u ON u.id = p.unit
    WHERE ?1 IS NULL OR u.file IN (SELECT value FROM json_each(?1))
  UNION
  SELECT c.callee, 1 FROM after_calls c JOIN units u ON u.id = c.unit
    WHERE ?1 IS NULL OR u.file IN (SELECT value FROM json_each(?1))
  UNION
  SELECT key, value FROM json_each(?2)
  UNION
  SELECT c.callee, min(c.levels, called.levels - 1) FROM called
    JOIN functions f ON f.name = called.name
    JOIN function_calls c ON c.function = f.id
    WHERE called.levels > 1)
SELECT name, max(levels) FROM called GROUP BY name
"""


def called(db_path, files=None, text_calls=None):
    """The functions the checks ask the database at `db_path` about, with
    the most levels of calls each is followed: those called around the
    points and after the read-modify-writes of the units of `files` (None:
    of every unit), and `text_calls` ({name: levels}), then, while levels
    are left, what the definitions of those functions in the database call,
    one level less each time. {name: levels}."""
    db = sqlite3.connect("file:%s?mode=ro" % db_path.replace(
        "%", "%25").replace("?", "%3f").replace("#", "%23"), uri=True,
        timeout=600)
    try:
        return dict(db.execute(CALLED, (
            None if files is None else json.dumps(sorted(files)),
            json.dumps(text_calls or {}))).fetchall())
    finally:
        db.close()


class Definers:
    """Which of `files` define a function (or a macro) of given names, by
    their text (definitions()); every file of such a name counts (a static
    function defined in several files; a stub and the real function, of
    which the database reads the first by file order, as it would with
    every file analysed)."""

    def __init__(self, files):
        self.files = list(files)
        self._defined = {}    # file -> the names its text defines

    def of(self, names):
        names = set(names) - _KEYWORDS
        found = set()
        if not names:
            return found
        # A few names (an update's): a file that does not contain one is
        # not parsed.
        few = len(names) <= 32
        for f in self.files:
            defined = self._defined.get(f)
            if defined is None:
                text = _read(f)
                if few and not any(n in text for n in names):
                    continue
                defined = self._defined[f] = set(definitions(text))
            if not names.isdisjoint(defined):
                found.add(f)
        return found


def uncovered_header_calls(headers, covered, names, includes, atomic_headers,
                           depth):
    """The names that the functions performing operations of `headers` not
    in `covered` (the files analysed and what they include) can call,
    {name: depth}. No unit of the database has their facts, and
    atomics-tidy-run analyses a file that includes such a header
    (Reporting.choose): what its functions call must be in the database.
    Read from text, as reports_in_header() reads the header."""
    out = {}
    for path in sorted(headers - covered):
        text = _DEFINE.sub(" ", _read(path))
        everything = path in atomic_headers or \
            not atomic_headers.isdisjoint(includes.closure(path))
        for body in definitions(text).values():
            if everything or any(OPERATION.fullmatch(i) or i in names
                                 for i in body):
                out.update((i, depth) for i in body if i not in _KEYWORDS)
    return out


def callee_rounds(db_path, depth, definers, analysed, fresh=None,
                  resolved=(), text_calls=None):
    """The files to analyse in each round after the first, one list per
    round: `depth()` rounds at most (the checks' CallDepth; a function,
    asked once a round has found files to add: an update that needs none
    does not ask clang-tidy), fewer when a round finds none. The caller
    analyses each list into the database at `db_path` before asking for the
    next; `analysed` are the files analysed before the first list.

    A round reads the names the checks ask the database about (called())
    and adds the files of `definers` (a Definers over the files not
    analysed) that define one of them and are not analysed yet. A name
    needed with n levels is followed n - 1 levels into what its
    definitions in the database call: the round that analyses its
    definitions finds what they call, one level less. The first round's
    units' calls are followed CallDepth levels at most, so CallDepth
    rounds resolve every level of them.

    `fresh`: for an update, the files it analysed: the names only they call
    (no other analysed unit) are new; the others' definers were analysed
    when those units were, and so were those of `resolved`, the names the
    files called before the update. `text_calls`: more names, {name:
    levels} (uncovered_header_calls)."""
    analysed = set(analysed)
    fresh = None if fresh is None else set(fresh)
    rounds = 0
    while True:
        if fresh is None:
            names = called(db_path, None, text_calls)
        else:
            names = set(called(db_path, fresh, text_calls)) - set(resolved)
            if names:
                names -= set(called(db_path, analysed - fresh))
        new = sorted(definers.of(names) - analysed)
        if not new:
            return
        yield new
        rounds += 1
        if rounds >= depth():
            return
        analysed.update(new)
        if fresh is not None:
            fresh.update(new)


# -- the files whose analysis can report a finding (atomics-tidy-run) --------
#
# A finding is reported at an operation (the RMW, the barrier, the deprecated
# call; a pairing comment is checked only next to an operation of the main
# file), in the main file or in a header the main file includes. So a file
# can get a finding only if it performs operations (performs_operations),
# or if it includes a header of the project whose own code performs one: a
# function of the header whose body names an operation or a wrapper (a
# static inline function: analysed in every unit that includes the header,
# with what each unit sees around it, so each can report differently), a
# wrapper used at file scope (a macro that defines a function), any function
# of a header that sees _Atomic objects. Macros alone are no such code: a
# macro's operation is reported where the macro is used.

_DEFINE = re.compile(r"^[ \t]*#[ \t]*define\b(?:\\\n|[^\n])*", re.M)
_MACRO = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)", re.M)


def _file_scope_names(text):
    """The identifiers of C source `text` outside braces (comments, strings
    and directives aside)."""
    out = set()
    depth = 0
    for m in _TOKEN.finditer(text):
        if m.group("id") and depth == 0:
            out.add(m.group("id"))
        elif m.group("punct") == "{":
            depth += 1
        elif m.group("punct") == "}":
            depth = max(0, depth - 1)
    return out


def reports_in_header(path, names, macros, includes, atomic_headers):
    """Whether the code of header `path` can hold a finding of its own:
    `names` are the operations' other names (the wrappers, the checks'
    configured names), `macros` those of them that are macros (one used
    at file scope can define a function; a prototype of a function
    defines nothing)."""
    text = _DEFINE.sub(" ", _read(path))
    functions = definitions(text)
    for body in functions.values():
        if any(OPERATION.fullmatch(i) or i in names for i in body):
            return True
    if functions and (path in atomic_headers or
                      not atomic_headers.isdisjoint(includes.closure(path))):
        return True
    return not macros.isdisjoint(_file_scope_names(text))


class Reporting:
    """Which files of a program can get a finding, by the text tests above:
    those that perform operations, and those that include a header of the
    project (under `root`) that reports in itself. `entries`: the files'
    compile commands; `extra_names`: names the checks' options make
    operations (atomics-missing-rmw-barrier's Wrappers,
    atomics-deprecated-mb's ExtraNames)."""

    def __init__(self, sources, entries, clang_tidy, root, extra_names=()):
        dirs = include_directories(entries) + \
            compiler_include_directories(clang_tidy)
        self.includes = Includes(sources, dirs)
        headers = self.includes.headers
        extra = set(extra_names)
        self.wrappers = wrappers(headers, extra)
        self.names = set(self.wrappers) | extra
        self.atomic_headers = atomic_type_headers(headers)
        macros = {m for h in headers for m in _MACRO.findall(_read(h))} & \
            self.names
        inside = root.rstrip(os.sep) + os.sep
        self.headers = {h for h in headers if h.startswith(inside) and
                        reports_in_header(h, self.names, macros, self.includes,
                                          self.atomic_headers)}

    def performs(self, path):
        # A file that is gone goes to clang-tidy, which says so.
        return not os.path.isfile(path) or \
            performs_operations(path, self.names, self.includes,
                                self.atomic_headers)

    def can_report(self, path):
        return self.performs(path) or \
            not self.headers.isdisjoint(self.includes.closure(path))

    def choose(self, files, whole_program):
        """The files of `files` to analyse: those that can report. With the
        whole-program database (`whole_program`) a header's findings do not
        depend on the unit that includes it: its partners are looked for in
        the whole program, not in the unit. Then the files that perform
        operations, and for each header that reports in itself and that none
        of them includes, one file that includes it (the first, sorted:
        every shard chooses the same) are enough. (A header whose code
        differs between units by their own #defines is the exception; --all
        analyses every unit.)"""
        if not whole_program:
            return [f for f in files if self.can_report(f)]
        chosen = {f for f in files if self.performs(f)}
        covered = set()
        for f in chosen:
            covered |= self.includes.closure(f)
        for f in sorted(set(files) - chosen):
            new = (self.headers & self.includes.closure(f)) - covered
            if new:
                chosen.add(f)
                covered |= new
        return [f for f in files if f in chosen]
