"""The compilation database: find it, read it, pick what to analyse.

A large project often compiles one source file several times, once per
target (QEMU builds util/ and hw/ files for many emulators, with different
-D flags). clang-tidy given such a file analyses every one of its commands.
The driver instead writes the entries it chose into databases of its own
("layers"), each holding at most one command per file, and points clang-tidy
at one layer per run:

- duplicates="first": each file once, with its first command (layer 0 only);
- duplicates="all": each distinct command once; layer k holds the k-th
  distinct command of every file that has one; the findings are merged.
"""

import json
import os
import shlex

from . import jsonfile
from .errors import ToolError

DB_NAME = "compile_commands.json"


class Entry:
    __slots__ = ("directory", "file", "raw")

    def __init__(self, directory, file, raw):
        self.directory = directory
        self.file = file      # absolute, real path
        self.raw = raw        # the entry as read, for the layer databases

    def arguments(self):
        """The command as a list of arguments (a command line that cannot
        be split stays one argument)."""
        if "arguments" in self.raw:
            return list(self.raw["arguments"])
        command = self.raw.get("command", "")
        # shlex is slow (QEMU: a second for 3141 commands); a command with
        # nothing to unquote splits at white space the same way.
        if not any(c in command for c in "\"'\\"):
            return command.split()
        try:
            return shlex.split(command)
        except ValueError:
            return [command]

    def command_key(self):
        """What makes two entries of one file the same compilation: the
        arguments and directory, without the output file."""
        args = self.arguments()
        key = []
        skip = False
        for a in args:
            if skip:
                skip = False
                continue
            if a in ("-o", "-MF", "-MQ", "-MT"):
                skip = True
                continue
            if a.startswith("-o") and len(a) > 2:
                continue
            key.append(a)
        return (self.directory, tuple(key))


def find(path, cwd):
    """The compile_commands.json that `path` (a file or a directory, or None)
    names, or found from `cwd` the way run-clang-tidy does: in the directory
    or a parent, or in a build/ directory there."""
    hint = ("generate one with CMake's -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, "
            "meson (it always writes one), or 'bear -- make', and pass its "
            "directory with -p")
    if path:
        if os.path.isfile(path) or (path.endswith(".json") and not os.path.isdir(path)):
            candidate = path
        else:
            candidate = os.path.join(path, DB_NAME)
        if not os.path.isfile(candidate):
            raise ToolError("no compilation database: %s does not exist (%s)"
                            % (candidate, hint))
        return os.path.abspath(candidate)
    d = os.path.abspath(cwd)
    while True:
        for c in (os.path.join(d, DB_NAME), os.path.join(d, "build", DB_NAME)):
            if os.path.isfile(c):
                return c
        parent = os.path.dirname(d)
        if parent == d:
            raise ToolError("no compilation database: no %s in %s, its parents "
                            "or their build/ directories (%s)"
                            % (DB_NAME, os.path.abspath(cwd), hint))
        d = parent


def load(db_path):
    try:
        with open(db_path, encoding="utf-8", errors="surrogateescape") as f:
            data = jsonfile.load(f)
    except json.JSONDecodeError as e:
        raise ToolError("%s is not valid JSON: %s at line %d column %d"
                        % (db_path, e.msg, e.lineno, e.colno))
    except jsonfile.NestingError as e:
        raise ToolError("%s is not a compilation database: %s" % (db_path, e))
    except OSError as e:
        raise ToolError("cannot read %s: %s" % (db_path, e.strerror))
    if not isinstance(data, list):
        raise ToolError("%s is not a compilation database: expected a JSON "
                        "array of entries" % db_path)
    entries = []
    real_dirs = {}
    for n, e in enumerate(data):
        if (not isinstance(e, dict) or not isinstance(e.get("directory"), str)
                or not isinstance(e.get("file"), str)
                or not (isinstance(e.get("command"), str)
                        or isinstance(e.get("arguments"), list))):
            raise ToolError("%s: entry %d is not a compilation database entry "
                            "(each needs \"directory\", \"file\" and "
                            "\"command\" or \"arguments\")" % (db_path, n + 1))
        args = e.get("arguments")
        if not (e.get("command") or "").strip() and not (
                isinstance(args, list) and args and all(isinstance(a, str) for a in args)):
            raise ToolError("%s: entry %d (%s) has no compile command: its \"command\" "
                            "or \"arguments\" is empty or not a list of strings"
                            % (db_path, n + 1, e["file"]))
        directory = os.path.normpath(os.path.join(os.path.dirname(db_path), e["directory"]))
        # Real paths, as the diagnostics and git diffs are compared in.
        file = _real_path(os.path.join(directory, e["file"]), real_dirs)
        entries.append(Entry(directory, file, e))
    return entries


def _real_path(path, real_dirs):
    """os.path.realpath(path), resolving each directory once (`real_dirs`
    remembers them): thousands of entries share a few hundred directories,
    and a file that is itself a link costs one more look."""
    head, name = os.path.split(path)
    real = real_dirs.get(head)
    if real is None:
        real = real_dirs[head] = os.path.realpath(head)
    file = os.path.join(real, name)
    return os.path.realpath(file) if os.path.islink(file) else file


def group(entries):
    """{file: [distinct entries, in database order]}, files in database
    order. Entries that differ only in their output file are one."""
    groups = {}
    for e in entries:
        groups.setdefault(e.file, []).append(e)
    # Splitting a command line is the slow part (QEMU: a second for 3141
    # commands): only the files with several entries need it.
    for file, found in groups.items():
        if len(found) > 1:
            distinct, keys = [], set()
            for e in found:
                key = e.command_key()
                if key not in keys:
                    keys.add(key)
                    distinct.append(e)
            groups[file] = distinct
    return groups


def select(groups, paths, excludes, cwd):
    """The files to analyse: those under one of `paths` (files or
    directories; all when empty) and matching none of `excludes` (compiled
    regular expressions, searched in the absolute path)."""
    roots = [os.path.realpath(os.path.join(cwd, p)) for p in paths]
    for r in roots:
        if not os.path.exists(r):
            raise ToolError("%s does not exist" % r)
    chosen = []
    for f in groups:
        if roots and not any(f == r or f.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            continue
        if any(x.search(f) for x in excludes):
            continue
        chosen.append(f)
    if roots and not chosen:
        raise ToolError("no file of the compilation database is under %s"
                        % " or ".join(paths))
    return chosen


def write_layers(groups, files, duplicates, directory):
    """Writes the layer databases under `directory`; returns the tasks as
    (file, layer directory, entry) in database order, layer 0 first."""
    layers = []
    for f in files:
        entries = groups[f] if duplicates == "all" else groups[f][:1]
        for k, e in enumerate(entries):
            while len(layers) <= k:
                layers.append([])
            layers[k].append(e)
    tasks = []
    for k, layer in enumerate(layers):
        d = os.path.join(directory, "layer%d" % k)
        os.makedirs(d, exist_ok=True)
        raw = []
        for e in layer:
            r = dict(e.raw)
            r["directory"] = e.directory
            r["file"] = e.file
            raw.append(r)
            tasks.append((e.file, d, e))
        with open(os.path.join(d, DB_NAME), "w", encoding="utf-8",
                  errors="surrogateescape") as out:
            json.dump(raw, out, indent=1)
    return tasks
