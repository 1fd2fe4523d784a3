"""Calls need_pyyaml() (tools/atomics_tidy_run/interpreter.py) with the
given Python as the system's, then says which run it is and what it has.

    need-pyyaml.py TOOLS_DIR SYSTEM_PYTHON ARG...
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
from atomics_tidy_run.interpreter import need_pyyaml  # noqa: E402

need_pyyaml("need-pyyaml", system_python=sys.argv[2])
import yaml  # noqa: E402,F401

print("PyYAML found; run by the system Python: %s; rerun mark left: %s; arguments: %s" % (
    os.environ.get("BY_SYSTEM_PYTHON", "no"),
    os.environ.get("ATOMICS_TIDY_PYYAML_RERUN", "no"), " ".join(sys.argv[3:])))
