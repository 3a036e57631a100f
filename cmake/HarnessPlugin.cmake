# harness_add_plugin(NAME SOURCES file...)
#
# Declares a model plugin: a shared library built against the SDK only,
# placed in HARNESS_PLUGIN_OUTPUT_DIR (or the build folder's root when that
# is unset, as in an out-of-tree plugin build). Used in-tree and installed
# with the SDK's CMake package.
function(harness_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "harness_add_plugin(${name}): no SOURCES given")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE harness::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  set_property(GLOBAL APPEND PROPERTY HARNESS_PLUGIN_TARGETS ${name})
  if(HARNESS_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY ${HARNESS_PLUGIN_OUTPUT_DIR})
  endif()
endfunction()
