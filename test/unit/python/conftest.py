"""pytest configuration for the unit tests of tools/: the tools' Python
packages are imported from the source tree, as the scripts in tools/ do."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "tools"))
