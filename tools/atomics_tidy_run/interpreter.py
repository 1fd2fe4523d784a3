"""A Python that has PyYAML, for the tools that read clang-tidy's YAML.

The tools start as `#!/usr/bin/env python3` (or `python3 TOOL`), which may
be a Python of its own, a pyenv or a virtualenv one, that does not see
Debian's python3-yaml. A tool's entry calls `need_pyyaml()` before it
imports anything that needs PyYAML: when this Python has it, nothing
happens; when it has not and Debian's /usr/bin/python3 is another Python,
the tool runs again with that one (once: the environment marks the second
run); when no Python has it, the tool stops with how to install it.
"""

import os
import sys

SYSTEM_PYTHON = "/usr/bin/python3"
_AGAIN = "ATOMICS_TIDY_PYYAML_RERUN"


def need_pyyaml(prog, system_python=SYSTEM_PYTHON):
    try:
        import yaml  # noqa: F401
    except ImportError:
        pass
    else:
        # The mark is for this run only, not for the tools it starts.
        os.environ.pop(_AGAIN, None)
        return
    if not os.environ.get(_AGAIN) and os.access(system_python, os.X_OK) and \
            os.path.realpath(system_python) != os.path.realpath(sys.executable):
        os.environ[_AGAIN] = "1"
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(system_python, [system_python, sys.argv[0]] + sys.argv[1:])
    sys.stderr.write("%s: PyYAML is needed: apt-get install python3-yaml\n" % prog)
    sys.exit(2)
