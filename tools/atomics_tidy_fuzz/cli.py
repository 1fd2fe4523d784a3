"""atomics-tidy-fuzz: random C programs through every atomics-* check.

Each input (sources.py) is compiled (it must compile), analysed by
clang-tidy with all the atomics-* checks, its fix-its exported and applied
with clang-apply-replacements, and the fixed file compiled again. A broken
input is only analysed: clang-tidy must report its errors without
crashing. Prints each problem, then the totals:

  inputs: N (csmith C, rmw R, broken B), atomic operations: O
  crashes: 0, clang-tidy failures: 0, inputs that do not compile: 0
  broken inputs rejected with errors: E
  warnings: W (atomics-deprecated-mb a, ...)
  fix-its: F applied in K files, fixed files that do not compile: 0

Exit status 0 when there is no problem, 1 on a crash, a clang-tidy failure,
a fix-it that cannot be applied or a fixed file that does not compile, 2
when the fuzzer cannot run (csmith or clang-tidy missing) or made an input
that does not compile.
"""

import argparse
import collections
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time

from atomics_tidy_run import findings as findings_mod
from atomics_tidy_run import runner, toolchain
from atomics_tidy_run.errors import ToolError
from atomics_tidy_run.fixes_yaml import YamlError

from . import sources

CHECKS = "-*,atomics-*"


class Outcome:
    def __init__(self, inp):
        self.inp = inp
        self.problem = None     # (kind, detail) or None
        self.warnings = collections.Counter()
        self.fixits = 0
        self.rejected = False   # does not compile (a broken input)


def _run(cmd, cwd=None):
    try:
        p = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL, cwd=cwd)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except OSError as e:
        return 127, "", "cannot run %s: %s" % (cmd[0], e)


def _tail(text, n=15):
    return "\n".join(text.strip().splitlines()[-n:])


def chosen_fixits(findings):
    """The fix-its clang-apply-replacements applies: a diagnostic's own,
    else those of its first note that has some."""
    n = 0
    for f in findings:
        if f.replacements or any(note.replacements for note in f.notes):
            n += 1
    return n


def check_input(make, tools, workdir):
    inp = make()
    out = Outcome(inp)
    d = os.path.join(workdir, os.path.splitext(inp.name)[0])
    os.makedirs(os.path.join(d, "fixes"), exist_ok=True)
    path = os.path.join(d, inp.name)
    with open(path, "w") as f:
        f.write(inp.text)
    compile_cmd = [tools.clang, "-fsyntax-only", "-fno-color-diagnostics"] + inp.flags + [path]
    rc, o, e = _run(compile_cmd)
    if rc != 0 and not inp.broken:
        out.problem = ("input does not compile", _tail(o + e))
        return out
    out.rejected = rc != 0
    yaml_path = os.path.join(d, "fixes", "fixes.yaml")
    cmd = tools.tc.base_args() + ["--config={}", "--checks=" + CHECKS, "--quiet",
                                  "--export-fixes=" + yaml_path, path, "--"] + inp.flags
    start = time.monotonic()
    rc, o, e = _run(cmd)
    result = runner.Result(path, yaml_path, rc, o, e, time.monotonic() - start)
    if result.crashed():
        out.problem = ("crash (%s)" % result.signal_name(), _tail(e, 25))
        return out
    if out.rejected:
        if rc == 0 or "error:" not in o + e:
            out.problem = ("clang-tidy failed (exit status %d and no error message "
                           "for a file that does not compile)" % rc, _tail(o + e))
        return out
    if rc != 0:
        out.problem = ("clang-tidy failed (exit status %d)" % rc, _tail(o + e))
        return out
    found = []
    if os.path.exists(yaml_path):
        with open(yaml_path, encoding="utf-8", errors="replace") as f:
            try:
                found = findings_mod.from_yaml_text(f.read(), yaml_path, findings_mod.Sources())
            except YamlError as e:
                out.problem = ("clang-tidy failed (its exported fixes are malformed)", str(e))
                return out
    for f in found:
        out.warnings[f.check] += 1
    out.fixits = chosen_fixits(found)
    if not out.fixits:
        return out
    rc, o, e = _run([tools.apply, os.path.join(d, "fixes")])
    if rc != 0:
        out.problem = ("clang-apply-replacements failed (exit status %d)" % rc, _tail(o + e))
        return out
    rc, o, e = _run(compile_cmd)
    if rc != 0:
        out.problem = ("fixed file does not compile", _tail(o + e))
    return out


class Tools:
    def __init__(self, tc, clang, apply):
        self.tc, self.clang, self.apply = tc, clang, apply


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="atomics-tidy-fuzz",
        description="Random C programs (csmith's, given atomics, and the differential "
                    "test's atomic-operation programs) through every atomics-* check: "
                    "no crash, and every fixed file compiles.")
    ap.add_argument("--count", type=int, default=100, help="number of input files (default 100)")
    ap.add_argument("--mode", choices=("mixed", "csmith", "rmw", "broken"), default="mixed",
                    help="which inputs: csmith programs (given atomics), rmw programs, broken "
                         "ones of either, or all three in turn (mixed, the default)")
    ap.add_argument("--seed", type=int, default=1, help="input I of a seed is always the same (default 1)")
    ap.add_argument("--clang-tidy", help="the clang-tidy to run (default: LLVM N's, see --llvm)")
    ap.add_argument("--load", action="append", default=[], metavar="MODULE",
                    help="module to load (default: the one built for that clang-tidy's LLVM)")
    ap.add_argument("--llvm", type=int, help="LLVM major version (default: the first built)")
    ap.add_argument("--clang", help="the clang that compiles inputs and fixed files "
                                    "(default: the LLVM's clang)")
    ap.add_argument("--csmith", help="the csmith to run (default: csmith on PATH)")
    ap.add_argument("-j", "--jobs", type=int, default=runner.default_jobs())
    ap.add_argument("--keep", metavar="DIR", help="write the inputs and fixed files here and keep them")
    args = ap.parse_args(argv)
    if args.count < 0:
        ap.error("--count must not be negative")
    return args


def plan(args):
    """The inputs, as functions that make them."""
    makers = []
    csmith = sources.find_csmith(args.csmith) if args.mode != "rmw" else None
    kinds = ("csmith", "rmw", "broken") if args.mode == "mixed" else (args.mode,)
    make = {"csmith": lambda i: sources.csmith_input(csmith, args.seed, i),
            "rmw": lambda i: sources.rmw_input(args.seed, i),
            "broken": lambda i: sources.broken_input(csmith, args.seed, i)}
    for i in range(args.count):
        kind, index = kinds[i % len(kinds)], i // len(kinds)
        makers.append(lambda kind=kind, index=index: make[kind](index))
    return makers


def main(argv=None, stdout=sys.stdout, stderr=sys.stderr):
    args = parse_args(argv)
    try:
        tc = toolchain.choose(args.clang_tidy, args.load, args.llvm)
        major = tc.major or args.llvm or 19
        clang = args.clang or "/usr/lib/llvm-%s/bin/clang" % major
        if not os.access(clang, os.X_OK):
            raise ToolError("no clang at %s: install clang-%s, or pass --clang" % (clang, major))
        apply = toolchain.find_apply_replacements(tc)
        if not apply:
            raise ToolError("clang-apply-replacements for LLVM %s not found: install "
                            "clang-tidy-%s" % (major, major))
        toolchain.preflight(tc, CHECKS, [], None, None)
        makers = plan(args)
    except (ToolError, sources.SourceError) as e:
        print("atomics-tidy-fuzz: error: %s" % e, file=stderr)
        return 2
    tools = Tools(tc, clang, apply)
    workdir = args.keep or tempfile.mkdtemp(prefix="atomics-tidy-fuzz.")
    try:
        return report(run_all(makers, tools, workdir, args.jobs), stdout, stderr)
    except sources.SourceError as e:
        print("atomics-tidy-fuzz: error: %s" % e, file=stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run_all(makers, tools, workdir, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda m: check_input(m, tools, workdir), makers))


def report(outcomes, stdout, stderr):
    kinds = collections.Counter(o.inp.name.split("_")[0] for o in outcomes)
    problems = collections.Counter()
    warnings = collections.Counter()
    for o in outcomes:
        warnings.update(o.warnings)
        if o.problem:
            kind, detail = o.problem
            problems[kind.split(" (")[0]] += 1
            print("PROBLEM: %s: %s\n%s\n" % (o.inp.name, kind, detail), file=stdout)
    # Applied: no problem, or the one found after applying them.
    applied = [o for o in outcomes if o.fixits and (
        not o.problem or o.problem[0] == "fixed file does not compile")]
    fixits = sum(o.fixits for o in applied)
    fixed_files = len(applied)
    print("inputs: %d (csmith %d, rmw %d, broken %d), atomic operations: %d" % (
        len(outcomes), kinds["csmith"], kinds["rmw"], kinds["broken"],
        sum(o.inp.operations for o in outcomes)), file=stdout)
    print("crashes: %d, clang-tidy failures: %d, inputs that do not compile: %d" % (
        problems["crash"], problems["clang-tidy failed"], problems["input does not compile"]),
        file=stdout)
    print("broken inputs rejected with errors: %d" % sum(1 for o in outcomes if o.rejected),
          file=stdout)
    print("warnings: %d (%s)" % (sum(warnings.values()), ", ".join(
        "%s %d" % (c, n) for c, n in sorted(warnings.items())) or "none"), file=stdout)
    print("fix-its: %d applied in %d files, not applicable: %d, fixed files that do not compile: %d" % (
        fixits, fixed_files, problems["clang-apply-replacements failed"],
        problems["fixed file does not compile"]), file=stdout)
    if problems["input does not compile"]:
        return 2
    return 1 if problems else 0
