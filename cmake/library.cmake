# The C++ library (public headers in include/cos_presign/), the explainer and
# the cos-presign CLI, natively. Included by the top-level CMakeLists.txt.
#
#   cos_presign          the installable library: the facade (src/lib/) over
#                        the core, the explainer (src/core/explain*.cpp,
#                        url_parts.cpp) and mbedTLS's three digest files, in
#                        one static archive, so a consumer links one file and
#                        needs neither mbedTLS nor our private headers.
#   cos-presign          the CLI (src/cli/).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(COS_PRESIGN_EXPLAIN_SOURCES
  src/core/url_parts.cpp
  src/core/explain.cpp
  src/core/explain_common.cpp
  src/core/explain_cos.cpp
  src/core/explain_sigv4.cpp)

# The core and mbedTLS sources are compiled again into this archive (a few
# small files) rather than shipped as three archives with build-tree paths.
add_library(cos_presign STATIC
  src/lib/convert.cpp
  src/lib/cos.cpp
  src/lib/sigv4.cpp
  src/lib/explain.cpp
  src/lib/explanation_json.cpp
  ${COS_PRESIGN_EXPLAIN_SOURCES}
  ${COS_PRESIGN_CORE_SOURCES}
  ${COS_PRESIGN_MBEDTLS_SOURCES})
add_library(cos_presign::cos_presign ALIAS cos_presign)
target_include_directories(cos_presign
  PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
  PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src ${MBEDTLS_SOURCE_DIR}/include ${MBEDTLS_SOURCE_DIR}/library)
target_compile_definitions(cos_presign PRIVATE
  MBEDTLS_CONFIG_FILE="${CMAKE_CURRENT_SOURCE_DIR}/src/mbedtls/cos_presign_mbedtls_config.h")
target_compile_features(cos_presign PUBLIC cxx_std_17)
# Errors are values: the library itself is built without exceptions or RTTI
# (its callers may use both).
target_compile_options(cos_presign PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti -Wall -Wextra -Wpedantic -Werror>)
set_target_properties(cos_presign PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME cos_presign)

add_executable(cos-presign
  src/cli/main.cpp
  src/cli/url_command.cpp
  src/cli/explain_command.cpp
  src/cli/output.cpp
  src/cli/arguments.cpp
  src/cli/credentials_file.cpp
  src/cli/json_reader.cpp
  src/cli/explain_text.cpp)
target_include_directories(cos-presign PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(cos-presign PRIVATE cos_presign)
target_compile_options(cos-presign PRIVATE -fno-exceptions -fno-rtti -Wall -Wextra -Wpedantic -Werror)

# Sanitizers for this build's tests only: never in the exported (installed)
# target's interface, which would make every consumer link ASan/UBSan.
if(COS_PRESIGN_SANITIZE)
  foreach(t cos_presign cos-presign)
    target_compile_options(${t} PUBLIC "$<BUILD_INTERFACE:${_san}>")
    target_link_options(${t} PUBLIC "$<BUILD_INTERFACE:${_san}>")
  endforeach()
endif()

# --- cmake --install: lib, headers, CLI, package config ----------------------
# On when this is the top-level project; a project that add_subdirectory()s
# it links the library and installs nothing of ours unless it asks.
option(COS_PRESIGN_INSTALL "Install the library, its headers, package config and the CLI" ${PROJECT_IS_TOP_LEVEL})
if(COS_PRESIGN_INSTALL)
  install(TARGETS cos_presign EXPORT cos_presign_targets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(DIRECTORY include/cos_presign DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(TARGETS cos-presign RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set(_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/cos_presign)
  install(EXPORT cos_presign_targets NAMESPACE cos_presign:: FILE cos_presignTargets.cmake DESTINATION ${_cmake_dir})
  configure_package_config_file(cmake/cos_presignConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/cos_presignConfig.cmake INSTALL_DESTINATION ${_cmake_dir})
  write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/cos_presignConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/cos_presignConfig.cmake
    ${CMAKE_CURRENT_BINARY_DIR}/cos_presignConfigVersion.cmake DESTINATION ${_cmake_dir})
endif()
