"""Builds the whole-program database of test projects twice, in rounds (a
plain `atomics-tidy-db build`: the files that perform operations, then
those that define what their facts call) and of every file (`build
--all`), runs the checks on every file of the project with each
(atomics-tidy-run --all), and says whether they report the same: warnings,
notes and fix-its, to the byte.

usage: rounds-vs-all.py --driver CMD --db-tool TOOL --clang-tidy CT
                        --load MODULE --inc DIR --out DIR PROJECT...

A PROJECT is a directory of C files with its compile_commands.json.in
(@DIR@, @ROOT@ and @INC@ replaced) or without one (every .c file compiled
with the qemu headers): test/driver/Inputs/skip-files.py writes it. A
directory with fewer than two .c files is passed over. Prints one line per
project:

  NAME: N files, R analysed (rounds), A analysed (--all), W warnings: the same

(N counts the .c files, the compilation database may name fewer.)
"""

import argparse
import glob
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "driver", "Inputs"))
from importlib import import_module  # noqa: E402

compile_commands = import_module("skip-files").compile_commands


def build(a, project, db, extra):
    cmd = [sys.executable, a.db_tool, "build", "-p", project, "-o", db,
           "-j", "2", "--clang-tidy", a.clang_tidy, "--load", a.load] + extra
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("%s failed (%d):\n%s" % (" ".join(cmd), p.returncode,
                                           p.stderr))


def analysed(db):
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return c.execute("SELECT count(*) FROM units WHERE analysed = 1"
                         ).fetchone()[0]
    finally:
        c.close()


def findings(a, project, db):
    cmd = shlex.split(a.driver) + [
        "-p", "build", "--root", ".", "-j2", "--progress=none", "--all",
        "--database", db, "--database-as-is"]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=project)
    if p.returncode not in (0, 1):
        sys.exit("%s failed (%d) in %s:\n%s" % (" ".join(cmd), p.returncode,
                                                 project, p.stderr))
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    for o in ("--driver", "--db-tool", "--clang-tidy", "--load", "--inc",
              "--out"):
        ap.add_argument(o, required=True)
    ap.add_argument("projects", nargs="+")
    a = ap.parse_args()
    a.inc = os.path.abspath(a.inc)
    a.load = os.path.abspath(a.load)
    different = 0
    for src in a.projects:
        src = os.path.abspath(src)
        files = sorted(glob.glob(os.path.join(src, "**", "*.c"),
                                 recursive=True))
        if len(files) < 2:
            continue
        name = os.path.basename(src.rstrip(os.sep))
        dst = os.path.join(a.out, name)
        shutil.copytree(src, dst)
        os.makedirs(os.path.join(dst, "build"))
        with open(os.path.join(dst, "build", "compile_commands.json"),
                  "w") as f:
            f.write(compile_commands(src, dst, a.inc))
        rounds_db = os.path.join(dst, "rounds.db")
        all_db = os.path.join(dst, "all.db")
        build(a, os.path.join(dst, "build"), rounds_db, [])
        build(a, os.path.join(dst, "build"), all_db, ["--all"])
        with_rounds = findings(a, dst, rounds_db)
        with_all = findings(a, dst, all_db)
        same = with_rounds == with_all
        different += not same
        print("%s: %d files, %d analysed (rounds), %d analysed (--all), %d "
              "warnings: %s" % (
                  name, len(files), analysed(rounds_db), analysed(all_db),
                  with_all.count(": warning: "),
                  "the same" if same else "DIFFERENT"))
        if not same:
            print(with_rounds, "----", with_all, sep="\n")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
