# Fails when docs/bytecodes.md differs from `jsvm bytecodes` (regenerate with
# `build/jsvm bytecodes > docs/bytecodes.md`).
execute_process(COMMAND ${JSVM} bytecodes OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "jsvm bytecodes failed: ${rc}")
endif()
file(READ ${DOC} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "docs/bytecodes.md is out of date: run `build/jsvm bytecodes > docs/bytecodes.md`")
endif()
message(STATUS "docs/bytecodes.md matches vm/interpreter/bytecodes.def")
