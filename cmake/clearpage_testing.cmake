# clearpage_add_plugin_test(<plugin> <sources>...)
#
# A GoogleTest executable for one plugin. It drives the plugin through the real
# host (tests/support), loading it from the build's plugin directory.
function(clearpage_add_plugin_test plugin)
  if(NOT CLEARPAGE_BUILD_TESTS)
    return()
  endif()
  set(target ${plugin}_plugin_test)
  add_executable(${target} ${ARGN})
  target_link_libraries(${target} PRIVATE clearpage_test_support)
  add_dependencies(${target} clearpage_${plugin})
  gtest_discover_tests(${target}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES LABELS "plugin;${plugin}"
    DISCOVERY_TIMEOUT 60)
endfunction()
