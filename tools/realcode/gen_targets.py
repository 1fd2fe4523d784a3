#!/usr/bin/env python3
"""Print the ninja targets that C compilation in a meson build dir depends on
(generated sources, headers, .inc/.def files), without the compile steps.

usage: gen_targets.py BUILD_DIR  > targets.txt ; ninja -C BUILD_DIR $(cat targets.txt)

It reads BUILD_DIR/build.ninja, takes every `build ...: c_COMPILER ...` edge
and collects its inputs, implicit deps and order-only deps that are produced by
some other build edge whose rule is not a compiler or linker (i.e. generated
files: qapi/trace/hxtool/decodetree/... outputs).
"""
import os, re, sys

bdir = sys.argv[1]
text = open(os.path.join(bdir, "build.ninja")).read().replace("$\n", "")


def split(s):
    # ninja paths: spaces escaped as "$ ", colons as "$:"
    return [p.replace("$ ", " ").replace("$:", ":")
            for p in re.split(r"(?<!\$) +", s.strip()) if p]


producers = {}  # output -> rule
compile_deps = set()
for line in text.splitlines():
    if not line.startswith("build "):
        continue
    m = re.match(r"build (.*?)(?<!\$): (\S+)(.*)$", line)
    if not m:
        continue
    outs, rule, rest = m.groups()
    outs = split(outs.split(" | ")[0])
    for o in outs:
        producers[o] = rule
    if re.fullmatch(r"c_COMPILER(_FOR_BUILD)?", rule):
        explicit, _, oo = rest.partition(" || ")
        explicit, _, implicit = explicit.partition(" | ")
        compile_deps.update(split(explicit) + split(implicit) + split(oo))

gen = sorted(d for d in compile_deps
             if d in producers and not re.search(r"COMPILER|LINKER|phony", producers[d]))
print("\n".join(gen))
