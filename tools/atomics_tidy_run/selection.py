"""Which files the whole-program database pass must analyse.

Analysing a file is a full parse, and on a large program most files perform
no ordering operation: QEMU's 2948 files have 135 that name one. A file
contributes to the database only

1. if it performs an ordering operation: its text names one (the QEMU API's
   names, the GCC and C11 builtins) or names a macro or function of a header
   that performs one, directly or through further macros and functions
   (the header's "wrappers": QLIST_INSERT_HEAD_RCU, qemu_spin_lock(),
   rcu_read_lock()...);
2. or if it defines a function that the files of 1 call within the
   CallDepth levels of the pairing checks: what that function reads and
   writes counts around the caller's operations. The calls, with their
   levels left, are in the facts of the files analysed, so this step runs
   after them, and again for the files it adds, while levels remain.

Both tests read text only (comments and strings removed). Their limits,
which `atomics-tidy-db build --all` avoids: a name of an operation produced
by token pasting, and a function whose definition a macro writes, are not
seen. docs/database.md says more.
"""

import glob
import os
import re

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
        if m.group("macro"):
            out.setdefault(m.group("macro"), set()).update(
                _IDENT.findall(m.group("mbody")))
            continue
        ident, punct = m.group("id"), m.group("punct")
        if ident:
            if body_of is not None:
                body.append(ident)
            elif pending is not None and parens == 0:
                # "f(void) __attribute__((x)) {": attributes before the body
                if ident not in ("__attribute__", "__asm__", "asm"):
                    pending = None
            last_id = ident
            continue
        if not punct:
            continue           # a comment, a string, a directive
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
                paths = []
                for d in ([here] if quote == '"' else []) + self.dirs:
                    p = os.path.normpath(os.path.join(d, name))
                    if os.path.isfile(p):
                        paths.append(os.path.realpath(p))
                self._found[key] = paths
            out.extend(paths)
        return out

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


def wrappers(headers):
    """The macros and functions of `headers` that perform an ordering
    operation, directly or through one another."""
    bodies = {}
    for path in headers:
        for name, ids in definitions(_read(path)).items():
            if name not in _KEYWORDS:
                bodies.setdefault(name, set()).update(ids)
    users = {}           # identifier -> the names whose bodies use it
    found = set()
    work = []
    for name, ids in bodies.items():
        if any(OPERATION.fullmatch(i) for i in ids):
            found.add(name)
            work.append(name)
        for i in ids:
            users.setdefault(i, []).append(name)
    while work:
        for user in users.get(work.pop(), ()):
            if user not in found:
                found.add(user)
                work.append(user)
    return found


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


class Definers:
    """Which files define the functions of given names, by their text."""

    def __init__(self, files):
        self.files = files
        self._defined = {}

    def of(self, names):
        found = set()
        if not names:
            return found
        mention = re.compile(r"\b(?:%s)\b" % "|".join(
            re.escape(n) for n in sorted(names)))
        for f in self.files:
            text = None
            if f not in self._defined:
                text = _read(f)
                if not mention.search(text):
                    continue
                self._defined[f] = set(definitions(text))
            if not names.isdisjoint(self._defined[f]):
                found.add(f)
        return found


def _levels(calls):
    return {n: l for n, l in (calls or {}).items()
            if isinstance(l, int) and not isinstance(l, bool) and l > 0}


class CallDemand:
    """The functions of other files whose accesses the analysed units need,
    with the levels of calls to follow from each: a point's calls, then
    what those functions call, one level less each time."""

    def __init__(self):
        self.wanted = {}      # name -> levels
        self.calls_of = {}    # name -> {callee: levels}, from the facts
        self.followed = {}    # name -> the levels it was followed with

    def absorb(self, facts):
        for p in facts.get("points", []):
            for calls in (p.get("calls_before"), p.get("calls_after")):
                for name, levels in _levels(calls).items():
                    self.wanted[name] = max(self.wanted.get(name, 0), levels)
        for f in facts.get("functions", []):
            if isinstance(f, dict) and isinstance(f.get("function"), str):
                self.calls_of.setdefault(f["function"], {}).update(
                    _levels(f.get("calls")))

    def next_names(self):
        """The names not yet followed as deep as they are wanted."""
        return {n: l for n, l in self.wanted.items()
                if l > self.followed.get(n, 0)}

    def follow(self, names):
        """Marks `names` followed (their definitions are analysed now) and
        wants what they call."""
        for name, levels in names.items():
            self.followed[name] = levels
            for callee, recorded in self.calls_of.get(name, {}).items():
                lv = min(recorded, levels - 1)
                if lv > self.wanted.get(callee, 0):
                    self.wanted[callee] = lv
