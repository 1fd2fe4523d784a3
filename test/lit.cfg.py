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
for var in ("XDG_CONFIG_HOME", "CLANG_TIDY_CONFIG", "ATOMICS_TIDY_DATABASE"):
    config.environment.pop(var, None)

# A sanitizer build (cmake/Sanitize.cmake): clang-tidy runs with the
# sanitizer runtime preloaded, so that it can load the instrumented module;
# the executables carry the runtime themselves. Any report fails the run.
if getattr(config, "sanitize", "").upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("sanitize")
    config.clang_tidy = config.sanitized_clang_tidy
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

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
config.substitutions.append(("%cpack", shlex.quote(getattr(config, "cpack", "cpack"))))

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

# The CI driver, tools/atomics-tidy-run (test/driver). %atomics_tidy_run runs
# it with this build's clang-tidy and module; %atomics_tidy_run_bare without
# (for the tests of how it finds them). The longer name comes first: lit
# substitutes in order.
import subprocess

tools_dir = os.path.join(config.atomics_tidy_src_root, "tools")
run_driver = "%s %s" % (python, shlex.quote(os.path.join(tools_dir, "atomics-tidy-run")))
config.substitutions.insert(0, ("%atomics_tidy_run_bare", run_driver))
config.substitutions.insert(1, ("%atomics_tidy_run", "%s --clang-tidy=%s --load=%s" % (
    run_driver, shlex.quote(config.clang_tidy), shlex.quote(config.atomics_tidy_module))))
config.substitutions.append(("%atomics_tidy_tools", shlex.quote(tools_dir)))
# The benchmark, tools/atomics-tidy-bench (test/bench: the shape of its
# output, never its times).
config.substitutions.insert(0, ("%atomics_tidy_bench", "%s %s" % (
    python, shlex.quote(os.path.join(tools_dir, "atomics-tidy-bench")))))
# Before %clang, which is a prefix of it.
config.substitutions.insert(0, ("%clang_apply_replacements", shlex.quote(
    os.path.join(config.llvm_tools_dir, "clang-apply-replacements"))))


def _python_with(modules):
    # Debian's python3 first: tools/install-deps installs its modules.
    for py in ("/usr/bin/python3", config.python_executable):
        if py and subprocess.run([py, "-c", "import " + ", ".join(modules)],
                                 capture_output=True).returncode == 0:
            return py
    return "/usr/bin/python3"


# A Python with jsonschema and PyYAML, to validate and read back the driver's
# outputs; the SARIF 2.1.0 schema that tools/install-deps fetches.
validator_python = shlex.quote(_python_with(["jsonschema", "yaml"]))
config.substitutions.append(("%validator_python", validator_python))
sarif_schema = os.environ.get("ATOMICS_TIDY_SARIF_SCHEMA") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
    "atomics-tidy", "sarif", "sarif-2.1.0-rtm.5.json")
config.substitutions.append(("%sarif_validate", "%s %s --schema=%s" % (
    validator_python,
    shlex.quote(os.path.join(config.test_source_root, "driver", "Inputs", "validate-sarif.py")),
    shlex.quote(sarif_schema))))

# Headless Chromium, for the HTML report's tests (test/html): feature
# "chromium" (tools/install-deps installs Debian's package), and %browser,
# test/html/browser.py driving it. ATOMICS_TIDY_CHROMIUM names another.
import shutil

chromium = os.environ.get("ATOMICS_TIDY_CHROMIUM") or shutil.which("chromium") or \
    shutil.which("chromium-browser")
if chromium:
    config.available_features.add("chromium")
elif os.environ.get("ATOMICS_TIDY_REQUIRE_CHROMIUM"):
    # CI (.ci/run) sets it: there the html tests must run, not be skipped.
    lit_config.fatal("ATOMICS_TIDY_REQUIRE_CHROMIUM is set and there is no chromium on PATH "
                     "(tools/install-deps installs Debian's; ATOMICS_TIDY_CHROMIUM names "
                     "another): the HTML report's tests (test/html) would be UNSUPPORTED")
config.substitutions.insert(0, ("%browser", "%s %s --chromium=%s" % (
    python, shlex.quote(os.path.join(config.test_source_root, "html", "browser.py")),
    shlex.quote(chromium or "chromium"))))
