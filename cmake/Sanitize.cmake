# ATOMICS_TIDY_SANITIZE=ON: the project's own code (lib/, checks/, tools/)
# is built with AddressSanitizer and UndefinedBehaviorSanitizer; LLVM's
# libraries stay as the distribution built them. `tools/build 19 --sanitize`
# configures such a build in build/llvm-19-asan, `tools/run-tests --sanitize`
# runs the lit suite with it (docs/robustness.md).
#
# Both the module and the executables (atomics-clang-tidy, atomics-clangd)
# are instrumented. The executables carry the sanitizer runtime themselves.
# The module is loaded into the LLVM's uninstrumented clang-tidy, where the
# runtime must come first: the build writes bin/sanitized-clang-tidy, which
# runs that clang-tidy with the runtime preloaded, and the lit suite uses it
# as %clang_tidy.
option(ATOMICS_TIDY_SANITIZE
  "Build the module and executables with AddressSanitizer and UndefinedBehaviorSanitizer (the LLVM libraries stay uninstrumented)"
  OFF)
set(ATOMICS_TIDY_SANITIZED_CLANG_TIDY "")
if(NOT ATOMICS_TIDY_SANITIZE)
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  message(FATAL_ERROR "ATOMICS_TIDY_SANITIZE=ON needs GCC as the C++ compiler "
    "(it preloads GCC's libasan into clang-tidy); this build uses ${CMAKE_CXX_COMPILER_ID}. "
    "Configure with -DCMAKE_CXX_COMPILER=g++ in a fresh build directory.")
endif()
execute_process(COMMAND "${CMAKE_CXX_COMPILER}" -print-file-name=libasan.so
  OUTPUT_VARIABLE _asan_runtime OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT IS_ABSOLUTE "${_asan_runtime}" OR NOT EXISTS "${_asan_runtime}")
  message(FATAL_ERROR "ATOMICS_TIDY_SANITIZE=ON: ${CMAKE_CXX_COMPILER} has no AddressSanitizer "
    "runtime (libasan.so). On Debian: apt-get install libasan8 libubsan1")
endif()
# The runtime's real file (libasan.so is a link to libasan.so.N).
get_filename_component(_asan_runtime "${_asan_runtime}" REALPATH)
message(STATUS "atomics-tidy: sanitizers on (ASan+UBSan, runtime ${_asan_runtime})")

# vptr needs RTTI, which LLVM (and so this code) is built without. Every
# error stops the program: a finding is a failure, not a log line.
set(_sanitize -fsanitize=address,undefined -fno-sanitize=vptr
  -fno-sanitize-recover=all -fno-omit-frame-pointer)
target_compile_options(atomics_tidy_flags INTERFACE ${_sanitize} -g)
target_link_options(atomics_tidy_flags INTERFACE ${_sanitize})

# atomics_tidy_sanitized_wrapper(<out> <clang-tidy>): writes <out>, a
# script that runs <clang-tidy> with the sanitizer runtime preloaded (the
# test suite also wraps the other LLVM's clang-tidy this way, for the tests
# that load this module into it).
set(_sanitize_template "${CMAKE_CURRENT_LIST_DIR}/sanitized-clang-tidy.in")
function(atomics_tidy_sanitized_wrapper out real)
  set(_real_clang_tidy "${real}")
  configure_file("${_sanitize_template}" "${out}" @ONLY
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)
endfunction()
set(ATOMICS_TIDY_SANITIZED_CLANG_TIDY "${PROJECT_BINARY_DIR}/bin/sanitized-clang-tidy")
atomics_tidy_sanitized_wrapper("${ATOMICS_TIDY_SANITIZED_CLANG_TIDY}" "${ATOMICS_TIDY_CLANG_TIDY}")
