#!/usr/bin/env python3
"""Parse-check entries of a compile_commands.json with clang-19 -fsyntax-only.

usage: parse_check.py compile_commands.json [--sample N] [--seed S] [-j J] [--log FILE]

For each selected C entry (file ending in .c): the compiler (argv[0]) is
replaced by clang-19, output/dependency options (-o X, -c, -MD, -MMD, -MF X,
-MQ X, -MT X, -MP) are removed, and `-fsyntax-only -Wno-unknown-warning-option`
is appended.  If clang rejects an option as "unknown argument", that option is
dropped and the entry is retried (the dropped options are reported).
Prints "N passed, M failed".
"""
import argparse, json, os, random, re, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

CLANG = "/usr/lib/llvm-19/bin/clang"
DROP_WITH_ARG = {"-o", "-MF", "-MQ", "-MT"}
DROP = {"-c", "-MD", "-MMD", "-MP"}


def argv_of(e):
    if "arguments" in e:
        return list(e["arguments"])
    return shlex.split(e["command"])


def convert(argv):
    out = [CLANG]
    it = iter(argv[1:])
    for a in it:
        if a in DROP_WITH_ARG:
            next(it, None)
            continue
        if a in DROP:
            continue
        if a.startswith(("-MF", "-MQ", "-MT")) and len(a) > 3:
            continue
        if a.startswith("-o") and len(a) > 2 and not a.startswith("-obj"):
            continue
        out.append(a)
    out += ["-fsyntax-only", "-Wno-unknown-warning-option"]
    return out


UNKNOWN = re.compile(r"unknown argument: '([^']+)'|unsupported option '([^']+)'")


def check(e):
    argv = convert(argv_of(e))
    dropped = []
    for _ in range(8):
        p = subprocess.run(argv, cwd=e["directory"], capture_output=True, text=True)
        if p.returncode == 0:
            return True, dropped, ""
        bad = [m.group(1) or m.group(2) for m in UNKNOWN.finditer(p.stderr)]
        bad = [b.split(" ")[0].split("=")[0] if b not in argv else b for b in bad]
        removable = [b for b in bad if b in argv]
        if not removable:
            break
        for b in removable:
            argv.remove(b)
            dropped.append(b)
    errs = [l for l in p.stderr.splitlines() if "error" in l]
    return False, dropped, "\n".join(errs[:3]) or p.stderr[-500:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ccdb")
    ap.add_argument("--sample", type=int, default=0, help="0 = all entries")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--log")
    a = ap.parse_args()
    db = json.load(open(a.ccdb))
    c_entries = [e for e in db if e["file"].endswith(".c")]
    other = len(db) - len(c_entries)
    sel = c_entries
    if a.sample and a.sample < len(c_entries):
        sel = random.Random(a.seed).sample(c_entries, a.sample)
    with ThreadPoolExecutor(a.j) as ex:
        res = list(ex.map(check, sel))
    log = open(a.log, "w") if a.log else None
    nok = 0
    dropped_all = set()
    for e, (ok, dropped, err) in zip(sel, res):
        nok += ok
        dropped_all.update(dropped)
        line = f"{'PASS' if ok else 'FAIL'} {os.path.join(e['directory'], e['file'])}"
        if log:
            print(line, file=log)
            if not ok:
                print("   " + err.replace("\n", "\n   "), file=log)
        if not ok:
            print(line + "\n   " + err.replace("\n", "\n   "))
    print(f"entries={len(db)} c_entries={len(c_entries)} non_c={other} "
          f"unique_files={len(set(os.path.join(e['directory'], e['file']) for e in db))} "
          f"checked={len(sel)} seed={a.seed}")
    if dropped_all:
        print("options dropped because clang rejected them:", " ".join(sorted(dropped_all)))
    print(f"{nok} passed, {len(sel) - nok} failed")
    return 0 if nok == len(sel) else 1


if __name__ == "__main__":
    sys.exit(main())
