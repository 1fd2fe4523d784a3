#!/usr/bin/env python3
"""Runs one atomics-* check on a test file and verifies what a user would see.

Usage (from a lit RUN line, through the %check_atomics_tidy substitution):

  %check_atomics_tidy [options] <source> <check-name> <temp-prefix> \
      [-- <clang-tidy args> [-- <compiler args>]]

For every language standard and target of the matrix (by default -std=c11
and -std=gnu11, x86_64 and aarch64, freestanding) it:

  1. strips the CHECK-* comments from <source> (keeping line numbers) and
     writes the result to <temp-prefix>.<std>.<target>.<ext>;
  2. runs clang-tidy with the module, --checks=-*,<check-name>, an empty
     --config (no stray .clang-tidy leaks in) unless the test gives one, and
     --fix;
  3. FileChecks clang-tidy's output against CHECK-MESSAGES[-suffix] lines,
     with every unexpected warning or error failing the test; a test without
     CHECK-MESSAGES lines must produce no warning at all;
  4. FileChecks the fixed file against CHECK-FIXES[-suffix] lines; a test
     without them must come out of --fix unchanged;
  5. compiles the fixed file with -fsyntax-only, to prove the fixes compile.

Target-dependent answers therefore show up as failures: every configuration
must give the same diagnostics.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

DEFAULT_TARGETS = ["x86_64-linux-gnu", "aarch64-linux-gnu"]
C_STANDARDS = ["c11", "gnu11"]
CXX_STANDARDS = ["c++17", "gnu++17"]


def fail(message):
    sys.stderr.write("check_atomics_tidy: " + message + "\n")
    sys.exit(1)


def run(cmd, **kwargs):
    sys.stdout.write("RUN: " + " ".join(shlex.quote(c) for c in cmd) + "\n")
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def split_extra_args(args):
    """Splits '[-- tidy args [-- compiler args]]'."""
    tidy, compiler = [], []
    if args and args[0] == "--":
        args = args[1:]
        if "--" in args:
            i = args.index("--")
            tidy, compiler = args[:i], args[i + 1:]
        else:
            tidy = args
    elif args:
        fail("unexpected arguments: %s" % " ".join(args))
    return tidy, compiler


def prefixes(base, suffixes):
    if not suffixes:
        return [base]
    return [base + "-" + s for s in suffixes]


def has_prefix(text, names):
    return any(re.search(r"\b" + re.escape(n) + r"(-NOT)?:", text) for n in names)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clang-tidy", required=True)
    p.add_argument("--module", required=True)
    p.add_argument("--filecheck", required=True)
    p.add_argument("--clang", required=True)
    p.add_argument("-check-suffix", "-check-suffixes", dest="suffixes", default="",
                   help="comma-separated: use CHECK-MESSAGES-<s>/CHECK-FIXES-<s>")
    p.add_argument("-std", dest="stds", default="",
                   help="comma-separated standards instead of the default matrix")
    p.add_argument("-targets", default=",".join(DEFAULT_TARGETS),
                   help="comma-separated target triples")
    p.add_argument("-expect-clang-tidy-error", action="store_true",
                   help="clang-tidy is expected to exit non-zero")
    p.add_argument("-no-compile-fixed", action="store_true",
                   help="do not compile the fixed file (only for inputs that "
                        "are not meant to compile)")
    p.add_argument("source")
    p.add_argument("check_name")
    p.add_argument("temp_prefix")
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        i = argv.index("--")
        argv, rest = argv[:i], argv[i:]
    args = p.parse_args(argv)
    tidy_args, compiler_args = split_extra_args(rest)

    suffixes = [s for s in args.suffixes.split(",") if s]
    msg_prefixes = prefixes("CHECK-MESSAGES", suffixes)
    fix_prefixes = prefixes("CHECK-FIXES", suffixes)

    with open(args.source, encoding="utf-8") as f:
        original = f.read()
    # Keep line numbers: the comment's text goes, the line stays.
    cleaned = re.sub(r"//\s*CHECK-[A-Z0-9-]*:[^\r\n]*", "//", original)

    ext = os.path.splitext(args.source)[1]
    is_cxx = ext in (".cpp", ".cc", ".cxx")
    stds = [s for s in args.stds.split(",") if s] or (CXX_STANDARDS if is_cxx else C_STANDARDS)
    targets = [t for t in args.targets.split(",") if t]
    has_messages = has_prefix(original, msg_prefixes)
    has_fixes = has_prefix(original, fix_prefixes)
    if not any(a.startswith("--config") for a in tidy_args):
        tidy_args = ["--config={}"] + tidy_args

    failures = []
    for std in stds:
        for target in targets:
            tag = "%s.%s" % (std.replace("+", "x"), target.split("-")[0])
            work = "%s.%s%s" % (args.temp_prefix, tag, ext)
            os.makedirs(os.path.dirname(os.path.abspath(work)), exist_ok=True)
            with open(work, "w", encoding="utf-8") as f:
                f.write(cleaned)
            cflags = ["-std=" + std, "--target=" + target, "-ffreestanding"] + compiler_args
            tidy = run([args.clang_tidy, work, "--load=" + args.module, "--fix",
                        "--checks=-*," + args.check_name] + tidy_args + ["--"] + cflags)
            out_file = work + ".msg"
            with open(out_file, "w", encoding="utf-8") as f:
                f.write(tidy.stdout)
            where = "[-std=%s --target=%s]" % (std, target)
            if (tidy.returncode != 0) != args.expect_clang_tidy_error:
                failures.append("%s clang-tidy exited with %d:\n%s"
                                % (where, tidy.returncode, tidy.stdout))
                continue

            if has_messages:
                fc = run([args.filecheck, "-input-file=" + out_file, args.source,
                          "-check-prefixes=" + ",".join(msg_prefixes),
                          "-implicit-check-not={{warning|error}}:"])
                if fc.returncode != 0:
                    failures.append("%s messages differ:\n%s" % (where, fc.stdout))
            else:
                unexpected = [l for l in tidy.stdout.splitlines()
                              if re.search(r"\b(warning|error):", l)]
                if unexpected and not args.expect_clang_tidy_error:
                    failures.append("%s no diagnostics expected, got:\n%s"
                                    % (where, "\n".join(unexpected)))

            with open(work, encoding="utf-8") as f:
                fixed = f.read()
            if has_fixes:
                fc = run([args.filecheck, "-input-file=" + work, args.source,
                          "-check-prefixes=" + ",".join(fix_prefixes),
                          "-strict-whitespace"])
                if fc.returncode != 0:
                    failures.append("%s fixed file differs:\n%s" % (where, fc.stdout))
            elif fixed != cleaned:
                failures.append("%s no fix expected, but the file changed" % where)

            if not args.no_compile_fixed:
                cc = run([args.clang, "-fsyntax-only", "-Werror=implicit-function-declaration",
                          "-Wno-unused-value"] + cflags + ["-x", "c++" if is_cxx else "c", work])
                if cc.returncode != 0:
                    failures.append("%s fixed file does not compile:\n%s" % (where, cc.stdout))

    if failures:
        for f in failures:
            sys.stderr.write(f + "\n")
        fail("%d failure(s) in %s" % (len(failures), args.source))
    print("check_atomics_tidy: %s passed in %d configurations"
          % (args.source, len(stds) * len(targets)))


if __name__ == "__main__":
    main()
