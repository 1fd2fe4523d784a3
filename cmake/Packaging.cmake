# What `cmake --install` puts where, beyond the runtime header
# (lib/include/CMakeLists.txt), and the Debian packages CPack makes of it.
#
#   <prefix>/lib/atomics-tidy/llvm-N/libatomics-tidy.so   the module (clang-tidy --load)
#   <prefix>/bin/atomics-clangd, atomics-clang-tidy        executables (tools/clangd, tools/clang-tidy)
#   <prefix>/lib/atomics-tidy/tools/                       atomics-tidy-run, atomics-tidy-db, pre-commit-hook
#   <prefix>/bin/atomics-tidy-run, atomics-tidy-db         links to them
#   <prefix>/lib/atomics-tidy/docs/ -> share/doc/atomics-tidy/  the check pages (the driver's SARIF help)
#   <prefix>/lib/atomics-tidy/VERSION
#
# lib/atomics-tidy has the source tree's shape (tools/, docs/), so the
# Python tools find the module, the docs and the version the same way in
# both. The module is in a directory per LLVM major: a plugin only loads into
# the clang-tidy it was built for.
#
# Packages (cpack -G DEB, or tools/package): atomics-tidy-llvm-N (the module
# and the executables, for that LLVM) and atomics-tidy (the tools, the docs,
# the runtime header), which every atomics-tidy-llvm-N depends on.
include(GNUInstallDirs)

set(ATOMICS_TIDY_INSTALL_ROOT "lib/atomics-tidy")
set(_llvm_component "atomics-tidy-llvm")
set(_common_component "atomics-tidy-common")

install(TARGETS AtomicsTidyModule
  LIBRARY DESTINATION "${ATOMICS_TIDY_INSTALL_ROOT}/llvm-${LLVM_VERSION_MAJOR}"
  COMPONENT ${_llvm_component})

install(PROGRAMS
  "${PROJECT_SOURCE_DIR}/tools/atomics-tidy-run"
  "${PROJECT_SOURCE_DIR}/tools/atomics-tidy-db"
  "${PROJECT_SOURCE_DIR}/tools/pre-commit-hook"
  DESTINATION "${ATOMICS_TIDY_INSTALL_ROOT}/tools"
  COMPONENT ${_common_component})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/tools/atomics_tidy_run"
  DESTINATION "${ATOMICS_TIDY_INSTALL_ROOT}/tools"
  COMPONENT ${_common_component}
  PATTERN "__pycache__" EXCLUDE)
# The database's schema, where the tools look for it (tools/../lib/, as in
# the source tree).
install(FILES "${PROJECT_SOURCE_DIR}/lib/FactsSchema.sql"
  DESTINATION "${ATOMICS_TIDY_INSTALL_ROOT}/lib"
  COMPONENT ${_common_component})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}"
  COMPONENT ${_common_component})

# Links made in the build tree and installed as links (relative: the prefix
# may move, and CPack stages the files elsewhere).
set(_links "${PROJECT_BINARY_DIR}/install-links")
file(MAKE_DIRECTORY "${_links}/bin" "${_links}/root")
foreach(_tool atomics-tidy-run atomics-tidy-db)
  file(CREATE_LINK "../${ATOMICS_TIDY_INSTALL_ROOT}/tools/${_tool}"
    "${_links}/bin/${_tool}" SYMBOLIC)
endforeach()
file(RELATIVE_PATH _docs_from_root "/p/${ATOMICS_TIDY_INSTALL_ROOT}" "/p/${CMAKE_INSTALL_DOCDIR}")
file(CREATE_LINK "${_docs_from_root}" "${_links}/root/docs" SYMBOLIC)
file(WRITE "${_links}/root/VERSION" "${PROJECT_VERSION}\n")
install(FILES "${_links}/bin/atomics-tidy-run" "${_links}/bin/atomics-tidy-db"
  DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT ${_common_component})
install(FILES "${_links}/root/docs" "${_links}/root/VERSION"
  DESTINATION "${ATOMICS_TIDY_INSTALL_ROOT}" COMPONENT ${_common_component})

# Debian packages.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "atomics-tidy")
set(CPACK_PACKAGE_VENDOR "atomics-tidy")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "atomics-tidy developers <atomics-tidy@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "clang-tidy checks for atomic operations and memory barriers in C")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING IGNORE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_COMPONENTS_ALL ${_llvm_component} atomics-tidy-tools ${_common_component}
  atomics-tidy-runtime)
# The module and the executables of one LLVM in one package; the rest, the
# same for every LLVM, in another.
set(CPACK_DEBIAN_ATOMICS-TIDY-LLVM_PACKAGE_NAME "atomics-tidy-llvm-${LLVM_VERSION_MAJOR}")
set(CPACK_DEBIAN_ATOMICS-TIDY-TOOLS_PACKAGE_NAME "atomics-tidy-llvm-${LLVM_VERSION_MAJOR}-tools")
set(CPACK_DEBIAN_ATOMICS-TIDY-COMMON_PACKAGE_NAME "atomics-tidy")
set(CPACK_DEBIAN_ATOMICS-TIDY-RUNTIME_PACKAGE_NAME "atomics-tidy-dev")
# The module writes and reads the whole-program database with SQLite.
set(CPACK_DEBIAN_ATOMICS-TIDY-LLVM_PACKAGE_DEPENDS
  "clang-tidy-${LLVM_VERSION_MAJOR}, libsqlite3-0, atomics-tidy (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_ATOMICS-TIDY-TOOLS_PACKAGE_DEPENDS
  "clangd-${LLVM_VERSION_MAJOR}, libclang-cpp${LLVM_VERSION_MAJOR}, atomics-tidy-llvm-${LLVM_VERSION_MAJOR} (= ${PROJECT_VERSION})")
# The tools read clang-tidy's exported fixes with PyYAML.
set(CPACK_DEBIAN_ATOMICS-TIDY-COMMON_PACKAGE_DEPENDS "python3 (>= 3.9), python3-yaml")
set(CPACK_DEBIAN_ATOMICS-TIDY-COMMON_PACKAGE_ARCHITECTURE "all")
set(CPACK_DEBIAN_ATOMICS-TIDY-RUNTIME_PACKAGE_ARCHITECTURE "all")
# The executables of two LLVMs have the same names.
set(CPACK_DEBIAN_ATOMICS-TIDY-TOOLS_PACKAGE_CONFLICTS "atomics-tidy-clangd")
set(CPACK_DEBIAN_ATOMICS-TIDY-TOOLS_PACKAGE_PROVIDES "atomics-tidy-clangd")
set(CPACK_DEBIAN_ATOMICS-TIDY-TOOLS_PACKAGE_REPLACES "atomics-tidy-clangd")
include(CPack)
