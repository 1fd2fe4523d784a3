# lit configuration for atomics-tidy. Run through the build tree's
# lit.site.cfg.py, which says where the module and the LLVM tools are.
import os
import shlex

import lit.formats

config.name = "atomics-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.atomics_tidy_obj_root, "test")

# FileCheck, not, count: from the LLVM we build for.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Nothing from the user's environment may change clang-tidy's behaviour.
for var in ("XDG_CONFIG_HOME", "CLANG_TIDY_CONFIG"):
    config.environment.pop(var, None)

python = shlex.quote(config.python_executable)
# The Python that runs lit, for tests that are Python scripts
# (test/differential).
config.substitutions.append(("%python", python))
driver = os.path.join(config.test_source_root, "check_atomics_tidy.py")
config.substitutions.append((
    "%check_atomics_tidy",
    "%s %s --clang-tidy=%s --module=%s --filecheck=%s --clang=%s" % (
        python, shlex.quote(driver), shlex.quote(config.clang_tidy),
        shlex.quote(config.atomics_tidy_module),
        shlex.quote(os.path.join(config.llvm_tools_dir, "FileCheck")),
        shlex.quote(config.clang))))
config.substitutions.append(("%clang_tidy", shlex.quote(config.clang_tidy)))
config.substitutions.append(("%clang", shlex.quote(config.clang)))
config.substitutions.append(("%module", shlex.quote(config.atomics_tidy_module)))
config.substitutions.append(("%inputs", shlex.quote(
    os.path.join(config.test_source_root, "Inputs"))))
config.substitutions.append(("%llvm_major", config.llvm_version_major))
config.substitutions.append(("%atomics_tidy_src", shlex.quote(config.atomics_tidy_src_root)))
# The build tree under test (for `cmake --install`), and the CMake that made it.
config.substitutions.append(("%atomics_tidy_build", shlex.quote(config.atomics_tidy_obj_root)))
config.substitutions.append(("%cmake", shlex.quote(config.cmake)))

config.available_features.add("llvm-" + config.llvm_version_major)
if config.other_clang_tidy:
    config.available_features.add("other-clang-tidy")
    config.substitutions.append(("%other_clang_tidy", shlex.quote(config.other_clang_tidy)))
    config.substitutions.append(("%other_llvm_major", config.other_llvm_major))

# atomics-clangd and atomics-clang-tidy (tools/), when built: features
# "clangd" and "tidy-executable" (test/clangd, test/tidy-executable).
if getattr(config, "atomics_clangd", ""):
    config.available_features.add("clangd")
    config.substitutions.append(("%atomics_clangd", shlex.quote(config.atomics_clangd)))
if getattr(config, "atomics_clang_tidy", ""):
    config.available_features.add("tidy-executable")
    config.substitutions.append(("%atomics_clang_tidy", shlex.quote(config.atomics_clang_tidy)))
# Which were asked for (ATOMICS_TIDY_BUILD_EXECUTABLES, on by default) and
# which were built (test/tidy-executable/built.test).
if getattr(config, "build_executables", "").upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("executables-requested")
config.substitutions.append(("%executables_built", "clangd=%s clang-tidy=%s" % (
    "yes" if getattr(config, "atomics_clangd", "") else "no",
    "yes" if getattr(config, "atomics_clang_tidy", "") else "no")))
# The LSP tests' helper (test/clangd/lsp.py).
config.substitutions.append(("%lsp", "%s %s" % (python, shlex.quote(
    os.path.join(config.test_source_root, "clangd", "lsp.py")))))
