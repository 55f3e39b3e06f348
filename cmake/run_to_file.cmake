# Runs BINARY with ARGS ('|'-separated) and writes its standard output to OUTPUT; fails the build
# when the command fails, so a broken generator never installs an empty file.
string(REPLACE "|" ";" ARGS "${ARGS}")
get_filename_component(dir ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${BINARY} ${ARGS} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${BINARY} ${ARGS} failed (${rc})")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
