# `cmake --install` lays out: bin/harness, lib/harness/plugins/*.so (a
# fixed path, where the host looks next to itself),
# include/harness/*.h (the SDK) and lib/cmake/Harness (its CMake package).
include(CMakePackageConfigHelpers)

set(HARNESS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Harness)

set_target_properties(harness_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS harness_sdk EXPORT HarnessTargets)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/harness/include/harness
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT HarnessTargets
        NAMESPACE harness::
        DESTINATION ${HARNESS_CMAKE_DIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/HarnessConfig.cmake.in
  ${CMAKE_BINARY_DIR}/HarnessConfig.cmake
  INSTALL_DESTINATION ${HARNESS_CMAKE_DIR})
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/HarnessConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/HarnessConfig.cmake
  ${CMAKE_BINARY_DIR}/HarnessConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/HarnessPlugin.cmake
  DESTINATION ${HARNESS_CMAKE_DIR})

get_property(harness_plugin_targets GLOBAL PROPERTY HARNESS_PLUGIN_TARGETS)
if(harness_plugin_targets)
  install(TARGETS ${harness_plugin_targets}
          LIBRARY DESTINATION lib/harness/plugins)
endif()
