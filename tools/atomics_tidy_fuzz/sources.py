"""The fuzzer's input programs, each a C file with the flags to compile it.

- csmith: a random program of csmith's (Debian package csmith, its headers
  from libcsmith-dev), given atomics by atomize.py, including the
  QEMU-like test header (test/Inputs/qemu/atomic.h) or the project's
  runtime header (lib/include/atomics-tidy/atomic.h), alternately;
- rmw: random atomic-operation programs of the differential test
  (test/differential/rmw_programs.py), a few to a file;
- broken: one of those, damaged (cut short, characters or a closing
  parenthesis deleted, a line repeated) so that it most likely does not
  parse: clang-tidy must report the errors, not crash.

Input I of a seed is always the same program.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile

from . import atomize

TOOLS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_ROOT = os.path.dirname(TOOLS_DIR)
TEST_INPUTS = os.path.join(SOURCE_ROOT, "test", "Inputs")
RUNTIME_INCLUDE = os.path.join(SOURCE_ROOT, "lib", "include")
CSMITH_INCLUDE = "/usr/include/csmith"
RMW_PER_FILE = 8

sys.path.insert(0, os.path.join(SOURCE_ROOT, "test", "differential"))
import rmw_programs  # noqa: E402


class SourceError(Exception):
    """An input could not be made (csmith missing or failing)."""


class Input:
    def __init__(self, name, text, flags):
        self.name = name      # file name, e.g. csmith_0007.c
        self.text = text
        self.flags = flags    # compiler flags, after "--"
        self.operations = 0   # atomic operations it contains (csmith: added)
        self.broken = False   # damaged on purpose (broken_input)


def find_csmith(given=None):
    path = shutil.which(given or "csmith")
    if not path:
        raise SourceError("%s not found: install csmith with tools/install-deps "
                          "(Debian packages csmith and libcsmith-dev)" % (given or "csmith"))
    if not os.path.isfile(os.path.join(CSMITH_INCLUDE, "csmith.h")):
        raise SourceError("%s/csmith.h not found: apt-get install libcsmith-dev"
                          % CSMITH_INCLUDE)
    return path


def csmith_input(csmith, seed, index):
    s = (seed * 1000003 + index) % (2 ** 31)
    try:
        # csmith writes platform.info into its working directory.
        with tempfile.TemporaryDirectory(prefix="atomics-tidy-csmith.") as cwd:
            p = subprocess.run([csmith, "--seed", str(s), "--no-argc"], cwd=cwd,
                               capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        raise SourceError("csmith --seed %d: %s" % (s, e))
    if p.returncode != 0 or not p.stdout:
        raise SourceError("csmith --seed %d failed (exit status %d): %s"
                          % (s, p.returncode, p.stderr.strip()[-500:]))
    if index % 2 == 0:
        include, flags = '#include "atomic.h"', ["-I", os.path.join(TEST_INPUTS, "qemu")]
    else:
        include, flags = "#include <atomics-tidy/atomic.h>", ["-I", RUNTIME_INCLUDE]
    text, n = atomize.atomize(p.stdout, s, include)
    inp = Input("csmith_%04d.c" % index, text,
                ["-std=gnu11", "-w", "-I", CSMITH_INCLUDE] + flags)
    inp.operations = n
    return inp


def rmw_input(seed, index):
    first = index * RMW_PER_FILE
    programs = [rmw_programs.generate_program(seed, i)
                for i in range(first, first + RMW_PER_FILE)]
    text = rmw_programs.FILE_HEADER + "".join(
        rmw_programs.Emitter(p).program() for p in programs)
    text, _ = rmw_programs.strip_markers(text)
    # The differential test's compiler flags (its header, its target).
    flags = rmw_programs.Tools.flags_for(os.path.join(TEST_INPUTS))
    inp = Input("rmw_%04d.c" % index, text, flags)
    inp.operations = sum(len(p.sites) for p in programs)
    return inp


def broken_input(csmith, seed, index):
    inp = (csmith_input(csmith, seed + 7919, index) if index % 2 == 0 and csmith
           else rmw_input(seed + 7919, index))
    rng = random.Random(seed * 1000003 + index)
    text = inp.text
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) // 3, len(text))
        how = rng.choice(("cut", "delete", "paren", "repeat"))
        if how == "cut":
            text = text[:at]
        elif how == "delete":
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif how == "paren":
            p = text.find(")", at)
            if p >= 0:
                text = text[:p] + text[p + 1:]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
    broken = Input("broken_%04d.c" % index, text, inp.flags)
    broken.operations, broken.broken = inp.operations, True
    return broken
