# render SPEC --operator-values: the values file must equal DIR/operator-values.yaml and stdout
# DIR/operator-rendered.yaml, byte for byte (update: cmake --build build --target update-golden).
string(RANDOM LENGTH 8 suffix)
set(values ${DIR}/.operator-values-${suffix}.actual)
execute_process(COMMAND ${BINARY} render ${SPEC} --operator-values ${values}
                OUTPUT_VARIABLE actual ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${values})
  message(FATAL_ERROR "render --operator-values: exit code ${rc}; stderr:\n${err}")
endif()
file(READ ${values} actual_values)
file(REMOVE ${values})
file(READ ${DIR}/operator-values.yaml expected_values)
file(READ ${DIR}/operator-rendered.yaml expected)
if(NOT actual_values STREQUAL expected_values OR NOT actual STREQUAL expected)
  message(FATAL_ERROR "${DIR}/operator-values.yaml or operator-rendered.yaml differs from the binary's output; "
                      "if the change is intended, run: cmake --build build --target update-golden")
endif()
