# Regenerates examples/*/rendered.yaml with the freshly built binary.
file(GLOB specs ${EXAMPLES}/*/raylog.yaml)
foreach(spec IN LISTS specs)
  get_filename_component(dir ${spec} DIRECTORY)
  file(READ ${spec} text)
  if(text MATCHES "\n  eks:")
    # Examples with spec.eks keep their setup script as a golden file too.
    execute_process(COMMAND ${BINARY} render ${spec} --eks-script ${dir}/eks-setup.sh OUTPUT_FILE ${dir}/rendered.yaml RESULT_VARIABLE rc)
  elseif(text MATCHES "\n  (gke|aks):")
    # Likewise spec.gke and spec.aks.
    set(cloud ${CMAKE_MATCH_1})
    execute_process(COMMAND ${BINARY} render ${spec} --${cloud}-script ${dir}/${cloud}-setup.sh OUTPUT_FILE ${dir}/rendered.yaml
                    RESULT_VARIABLE rc)
  else()
    execute_process(COMMAND ${BINARY} render ${spec} OUTPUT_FILE ${dir}/rendered.yaml RESULT_VARIABLE rc)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "render failed for ${spec}")
  endif()
  message(STATUS "updated ${dir}/rendered.yaml")
  if(EXISTS ${dir}/operator-values.yaml)  # operator-wide logging: the Helm values and its stream
    execute_process(COMMAND ${BINARY} render ${spec} --operator-values ${dir}/operator-values.yaml
                    OUTPUT_FILE ${dir}/operator-rendered.yaml RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "render --operator-values failed for ${spec}")
    endif()
    message(STATUS "updated ${dir}/operator-values.yaml, operator-rendered.yaml")
  endif()
endforeach()

# KRM function fixtures.
file(GLOB krm_inputs ${TESTS}/krm/*.input.yaml)
foreach(input IN LISTS krm_inputs)
  string(REPLACE ".input.yaml" ".expected.yaml" expected ${input})
  execute_process(COMMAND ${BINARY} krm INPUT_FILE ${input} OUTPUT_FILE ${expected})  # exit 2 for error cases is expected
  message(STATUS "updated ${expected}")
endforeach()

# kustomize examples (need kubectl).
find_program(KUBECTL kubectl)
if(KUBECTL)
  foreach(kind generator transformer)
    execute_process(COMMAND bash ${TESTS}/kustomize_check.sh ${BINARY} ${EXAMPLES}/kustomize/${kind} --update
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "kustomize ${kind} failed")
    endif()
    message(STATUS "updated ${EXAMPLES}/kustomize/${kind}/expected.yaml")
  endforeach()
else()
  message(WARNING "kubectl not found: examples/kustomize/*/expected.yaml not updated")
endif()

# Helm post-renderer fixture (tests/helm).
execute_process(COMMAND ${BINARY} inject --spec=${EXAMPLES}/sidecar-stdout/raylog.yaml
                INPUT_FILE ${TESTS}/helm/helm-template.yaml OUTPUT_FILE ${TESTS}/helm/post-rendered.yaml
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "inject failed for tests/helm/helm-template.yaml")
endif()
message(STATUS "updated ${TESTS}/helm/post-rendered.yaml")
