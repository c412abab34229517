# clearpage_add_plugin(<name> SOURCES <files>... [LIBRARIES <targets>...])
#
# Builds a clearpage plugin library named clearpage_<name>.so, with hidden
# visibility, linked to the SDK. The same function serves plugins built in this
# tree and plugins built out of tree against an installed SDK.
function(clearpage_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "clearpage_add_plugin(${name}): SOURCES is required")
  endif()
  set(target clearpage_${name})
  add_library(${target} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${target} PRIVATE clearpage::sdk ${PLUGIN_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME clearpage_${name}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON)
  if(DEFINED CLEARPAGE_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CLEARPAGE_PLUGIN_OUTPUT_DIR})
  endif()
  if(DEFINED CLEARPAGE_INSTALL_PLUGIN_DIR)
    install(TARGETS ${target} LIBRARY DESTINATION ${CLEARPAGE_INSTALL_PLUGIN_DIR})
  endif()
endfunction()
