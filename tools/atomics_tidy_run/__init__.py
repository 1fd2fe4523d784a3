"""atomics-tidy-run's modules, one job each: compdb (the compilation
database), toolchain (clang-tidy and the module), prepare (the whole-program
database step), selection (which files the database pass analyses),
database (the whole-program database file's layout, written and
validated), runner and progress (the parallel runs), fixes_yaml and
findings (clang-tidy's exported diagnostics), fingerprint and baseline,
changed (changed-lines mode), text, sarif, codequality and rules (outputs),
jsonfile and errors (reading JSON safely, and the tools' errors), interpreter
(a Python with PyYAML), cli (the command line)."""
