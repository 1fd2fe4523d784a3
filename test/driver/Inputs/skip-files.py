"""Runs atomics-tidy-run on test projects twice, analysing the files that can
get a finding (the default) and every file (--all), and says whether the
findings are the same: the text output, and the SARIF's results and rules;
with --database, the warnings and the SARIF results' rule, place and
message (a header's finding carries the notes of the units that reported
it, and with the database one unit reports it).

usage: skip-files.py --driver CMD --inc DIR --out DIR [--database] PROJECT...

A PROJECT is a directory of C files with its compile_commands.json.in
(@DIR@, @ROOT@ and @INC@ replaced), or without one: every .c file is then
compiled with -std=gnu11 -I<the qemu headers> -I<the project> -I<its
include/>. A directory
with no .c file (a helper's) is passed over. Prints one line per project:

  NAME: N files, K skipped, F findings: the same with --all
"""

import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys


def compile_commands(src, dst, inc):
    template = os.path.join(src, "compile_commands.json.in")
    if os.path.isfile(template):
        with open(template) as f:
            text = f.read()
        return (text.replace("@DIR@", dst).replace("@ROOT@", dst).replace("@INC@", inc))
    files = sorted(os.path.relpath(p, src) for p in
                   glob.glob(os.path.join(src, "**", "*.c"), recursive=True))
    return json.dumps([{"directory": dst, "file": f,
                        "arguments": ["cc", "-std=gnu11", "-I" + inc, "-I" + dst,
                                      "-I" + os.path.join(dst, "include"), "-c", f]}
                       for f in files], indent=1)


def run(driver, project, extra, sarif):
    cmd = driver + ["-p", "build", "--root", ".", "-j2", "--progress=none", "--no-snippets",
                    "--sarif", sarif] + extra
    p = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("%s failed (%d) in %s:\n%s" % (" ".join(cmd), p.returncode, project,
                                                p.stderr))
    with open(sarif) as f:
        log = json.load(f)["runs"][0]
    # How many translation units reported a header's finding depends on
    # how many were analysed: with the database one unit shows a header's
    # findings (selection.Reporting.choose), --all every one.
    for r in log["results"]:
        r.get("properties", {}).pop("reportedByTranslationUnits", None)
        if r.get("properties") == {}:
            del r["properties"]
    return p.stdout, p.stderr, {"results": log["results"], "rules": log["tool"]["driver"]["rules"]}


def warnings(text):
    return [line for line in text.splitlines() if ": warning: " in line]


def results(sarif):
    out = []
    for r in sarif["results"]:
        where = r["locations"][0]["physicalLocation"]
        out.append((r["ruleId"], where["artifactLocation"]["uri"],
                    where["region"].get("startLine"),
                    where["region"].get("startColumn"), r["message"]["text"]))
    return out, sarif["rules"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--inc", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--database", action="store_true")
    ap.add_argument("projects", nargs="+")
    a = ap.parse_args()
    driver = shlex.split(a.driver)
    a.inc = os.path.abspath(a.inc)
    different = 0
    for src in a.projects:
        src = os.path.abspath(src)
        if not glob.glob(os.path.join(src, "**", "*.c"), recursive=True):
            continue
        name = "/".join(p for p in src.split(os.sep)[-3:] if p != "Inputs")
        dst = os.path.join(a.out, name.replace(os.sep, "-"))
        shutil.copytree(src, dst)
        os.makedirs(os.path.join(dst, "build"), exist_ok=True)
        with open(os.path.join(dst, "build", "compile_commands.json"), "w") as f:
            f.write(compile_commands(src, dst, a.inc))
        db = ["--database", os.path.join(dst, "atomics-tidy.db")] if a.database else []
        text_sel, err_sel, sarif_sel = run(driver, dst, db, os.path.join(dst, "sel.sarif"))
        text_all, err_all, sarif_all = run(driver, dst, db + ["--all"],
                                           os.path.join(dst, "all.sarif"))
        summary = [l for l in err_sel.splitlines() if "files analysed" in l or
                   "file analysed" in l][-1]
        skipped = re.search(r"; (\d+) skipped", summary)
        analysed = int(re.search(r"(\d+) files? analysed", summary).group(1))
        n_skipped = int(skipped.group(1)) if skipped else 0
        if a.database:
            # A header's finding shows the notes of every unit that
            # reported it: of one with the database (the partners are the
            # same, named from the database or from the unit).
            same = warnings(text_sel) == warnings(text_all) and \
                results(sarif_sel) == results(sarif_all)
        else:
            same = text_sel == text_all and sarif_sel == sarif_all
        different += not same
        print("%s: %d files, %d skipped, %d findings: %s" % (
            name, analysed + n_skipped, n_skipped, len(sarif_all["results"]),
            "the same with --all" if same else "DIFFERENT with --all"))
        if not same:
            print(text_sel, "----", text_all, sep="\n")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
