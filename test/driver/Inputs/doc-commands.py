#!/usr/bin/env python3
"""Finds every atomics-tidy-run command line in the files given (shell
continuation lines and YAML continuation lines joined) and prints each
option it uses, with whether `atomics-tidy-run --help` knows it.

    doc-commands.py HELP_TEXT_FILE FILE...
"""
import re
import sys

known = set(re.findall(r"(--[a-z][a-z-]*)", open(sys.argv[1]).read()))
for name in sys.argv[2:]:
    lines = open(name, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "atomics-tidy-run" in line and not line.lstrip().startswith("#"):
            command = line
            indent = len(line) - len(line.lstrip())
            while i + 1 < len(lines) and (command.rstrip().endswith("\\") or (
                    lines[i + 1].strip().startswith("--")
                    and len(lines[i + 1]) - len(lines[i + 1].lstrip()) > indent)):
                i += 1
                command = command.rstrip().rstrip("\\") + " " + lines[i].strip()
            after = command.split("atomics-tidy-run", 1)[1]
            for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", after):
                print("%s: %s %s" % (name.rsplit("/", 1)[-1], option,
                                     "known" if option in known else "UNKNOWN"))
        i += 1
