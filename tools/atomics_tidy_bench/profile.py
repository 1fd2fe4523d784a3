"""clang-tidy's own measurement of each check (--enable-check-profile),
read from the JSON files that --store-check-profile=DIR writes: one per
translation unit, with "time.clang-tidy.CHECK.{wall,user,sys}" keys."""

import glob
import json
import os
import re

from atomics_tidy_run.errors import ToolError

KEY = re.compile(r"^time\.clang-tidy\.(.+)\.(wall|user|sys)$")


def tidy_args(directory):
    """The clang-tidy arguments that store the profile of one run in
    `directory` (one directory per run: the file names are timestamps)."""
    return ["--enable-check-profile", "--store-check-profile=" + directory]


def read(directory):
    """{check: {"wall": s, "cpu": user + sys}} from the profile(s) in
    `directory`."""
    files = glob.glob(os.path.join(directory, "*.json"))
    if not files:
        raise ToolError("clang-tidy wrote no check profile into %s "
                        "(--store-check-profile)" % directory)
    checks = {}
    for path in files:
        try:
            with open(path) as f:
                data = json.load(f)["profile"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ToolError("%s: not a clang-tidy check profile: %s" % (path, e))
        for key, value in data.items():
            m = KEY.match(key)
            if not m:
                continue
            t = checks.setdefault(m.group(1), {"wall": 0.0, "cpu": 0.0})
            t["wall" if m.group(2) == "wall" else "cpu"] += value
    return checks


def add(total, checks):
    """Adds one run's read() into `total` (the same shape)."""
    for name, t in checks.items():
        s = total.setdefault(name, {"wall": 0.0, "cpu": 0.0})
        s["wall"] += t["wall"]
        s["cpu"] += t["cpu"]
    return total
