"""Which clang-tidy to run, with which atomics module, and whether it works.

A clang-tidy plugin only loads into the clang-tidy of the LLVM major version
it was built for, so the two are chosen together:

- `--clang-tidy PATH`: that clang-tidy (Debian's clang-tidy-19, or one with
  the atomics checks built in, such as atomics-clang-tidy). `--load` adds
  modules; without it, a clang-tidy that lacks the atomics-* checks gets the
  module in $ATOMICS_TIDY_MODULE, or else the one built for its LLVM version,
  if one is found (`module_candidates`).
- otherwise `--llvm N` (default: the first LLVM for which a module is found,
  19 before others) picks /usr/lib/llvm-N/bin/clang-tidy and that module.

`preflight` then asks clang-tidy for the enabled checks, which proves that
it runs and that the module loaded (a module built for another LLVM says so
on stderr, and its checks are missing).
"""

import glob
import os
import re
import shutil
import subprocess

from .errors import ToolError

TOOLS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_ROOT = os.path.dirname(TOOLS_DIR)
MODULE_NAME = "libatomics-tidy.so"


def module_candidates(major):
    """Where a module built for LLVM `major` may be, most specific first:
    the source tree's build directories (tools/build N), then the installed
    layout (cmake/Packaging.cmake: <prefix>/lib/atomics-tidy/llvm-N/, next
    to tools/)."""
    return [
        os.path.join(SOURCE_ROOT, "build", "llvm-%s" % major, "lib", MODULE_NAME),
        os.path.join(SOURCE_ROOT, "build-%s" % major, "lib", MODULE_NAME),
        os.path.join(SOURCE_ROOT, "llvm-%s" % major, MODULE_NAME),
    ]


def find_module(major):
    env = os.environ.get("ATOMICS_TIDY_MODULE")
    if env:
        if not os.path.isfile(env):
            raise ToolError("ATOMICS_TIDY_MODULE=%s does not exist" % env)
        return os.path.abspath(env)
    for c in module_candidates(major):
        if os.path.isfile(c):
            return c
    return None


def built_majors():
    found = set()
    for pattern in (os.path.join(SOURCE_ROOT, "build", "llvm-*", "lib", MODULE_NAME),
                    os.path.join(SOURCE_ROOT, "llvm-*", MODULE_NAME)):
        for p in glob.glob(pattern):
            m = re.search(r"llvm-(\d+)", p)
            if m:
                found.add(int(m.group(1)))
    return sorted(found, key=lambda v: (v != 19, -v))


def llvm_major(clang_tidy):
    try:
        out = subprocess.run([clang_tidy, "--version"], capture_output=True,
                             text=True, errors="replace", timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise ToolError("cannot run %s: %s" % (clang_tidy, e))
    m = re.search(r"LLVM version (\d+)\.(\d+)\.(\d+)", out)
    return (m.group(1), m.group(0)[len("LLVM version "):]) if m else (None, None)


def has_atomics_checks(clang_tidy):
    """Whether this clang-tidy has the atomics checks built in."""
    try:
        out = subprocess.run([clang_tidy, "--list-checks", "--checks=-*,atomics-*"],
                             capture_output=True, text=True, errors="replace",
                             timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(l.strip().startswith("atomics-") for l in out.splitlines())


class Toolchain:
    def __init__(self, clang_tidy, loads, major, version):
        self.clang_tidy = clang_tidy
        self.loads = loads
        self.major = major
        self.version = version

    def base_args(self):
        return [self.clang_tidy] + ["--load=%s" % m for m in self.loads]


def choose(clang_tidy=None, loads=(), llvm=None):
    loads = [os.path.abspath(m) for m in loads]
    for m in loads:
        if not os.path.isfile(m):
            raise ToolError("--load: %s does not exist" % m)
    if clang_tidy:
        path = shutil.which(clang_tidy) if os.sep not in clang_tidy else (
            clang_tidy if os.access(clang_tidy, os.X_OK) else None)
        if not path:
            raise ToolError("--clang-tidy: %s is not an executable program" % clang_tidy)
        path = os.path.abspath(path)
        major, version = llvm_major(path)
        if llvm and major and str(llvm) != major:
            raise ToolError("--llvm %s does not match %s, which is LLVM %s"
                            % (llvm, path, version))
        if not loads and not has_atomics_checks(path):
            m = find_module(major or llvm or 19)
            if m:
                loads = [m]
        return Toolchain(path, loads, major, version)

    if llvm is None:
        majors = built_majors()
        if not majors:
            m = re.search(r"llvm-(\d+)", " ".join(loads))
            majors = [int(m.group(1))] if m else [19]
        llvm = majors[0]
    path = None
    for c in ("/usr/lib/llvm-%s/bin/clang-tidy" % llvm, shutil.which("clang-tidy-%s" % llvm)):
        if c and os.access(c, os.X_OK):
            path = c
            break
    if not path:
        raise ToolError("no clang-tidy for LLVM %s (looked for /usr/lib/llvm-%s/bin/clang-tidy "
                        "and clang-tidy-%s on PATH): install clang-tidy-%s, or pass --clang-tidy"
                        % (llvm, llvm, llvm, llvm))
    major, version = llvm_major(path)
    if not loads:
        m = find_module(major or llvm)
        if m:
            loads = [m]
    return Toolchain(path, loads, major or str(llvm), version)


def list_checks(tc, checks, config_args, db_dir, sample_file):
    cmd = tc.base_args() + config_args + ["--list-checks"]
    if checks is not None:
        cmd.append("--checks=%s" % checks)
    if sample_file:
        cmd += ["-p", db_dir, sample_file]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                           timeout=300)
    except (OSError, subprocess.SubprocessError) as e:
        raise ToolError("cannot run %s: %s" % (tc.clang_tidy, e))
    enabled = []
    after = False
    for line in p.stdout.splitlines():
        if line.strip() == "Enabled checks:":
            after = True
            continue
        if after and line.strip():
            enabled.append(line.strip())
    return p, enabled


def preflight(tc, checks, config_args, db_dir, sample_file):
    """The enabled checks; a ToolError with clang-tidy's own words when it
    cannot run them."""
    p, enabled = list_checks(tc, checks, config_args, db_dir, sample_file)
    stderr = "\n".join(l for l in p.stderr.splitlines() if l.strip())
    if p.returncode != 0 or not enabled:
        if not tc.loads and not any(c.startswith("atomics-") for c in enabled):
            raise ToolError(
                "%s has no atomics-* checks and no atomics-tidy module was found "
                "for LLVM %s: build one with 'tools/build %s', or pass "
                "--load=/path/to/%s built for LLVM %s%s"
                % (tc.clang_tidy, tc.major or "?", tc.major or "N", MODULE_NAME,
                   tc.major or "N", (" (clang-tidy said: %s)" % stderr) if stderr else ""))
        raise ToolError("%s cannot run the checks %s%s"
                        % (" ".join(tc.base_args()), repr(checks) if checks else "of its configuration",
                           (": " + stderr) if stderr else " (it enabled none)"))
    if stderr and "atomics-tidy:" in stderr:
        # The module's version guard: loaded, but registered nothing.
        raise ToolError(stderr)
    return enabled


def find_apply_replacements(tc):
    """clang-apply-replacements of the same LLVM: next to clang-tidy, or
    clang-apply-replacements-N / clang-apply-replacements on PATH."""
    here = os.path.join(os.path.dirname(os.path.realpath(tc.clang_tidy)),
                        "clang-apply-replacements")
    candidates = [here]
    if tc.major:
        candidates += ["/usr/lib/llvm-%s/bin/clang-apply-replacements" % tc.major,
                       shutil.which("clang-apply-replacements-%s" % tc.major)]
    candidates.append(shutil.which("clang-apply-replacements"))
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    return None
