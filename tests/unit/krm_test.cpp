// The KRM function as library code (the CLI's krm tests check its golden output).
#include <catch2/catch.hpp>

#include "krm/krm_function.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

TEST_CASE("a failed KRM run returns the items exactly as received, not half injected (found by fuzzing)") {
  // The head template takes the logging pieces; the worker's scalar container then fails.
  const std::string items =
      "items:\n"
      "  - apiVersion: ray.io/v1\n    kind: RayCluster\n    metadata: {name: c}\n    spec:\n"
      "      headGroupSpec:\n        template:\n          spec:\n"
      "            containers: [{name: ray-head, image: 'rayproject/ray:2.46.0'}]\n"
      "      workerGroupSpecs:\n        - groupName: w\n          template:\n            spec:\n"
      "              containers: [just a string]\n";
  const std::string input = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n" + items +
                            "functionConfig:\n  apiVersion: raylog.dev/v1alpha1\n  kind: RayLogging\n"
                            "  metadata: {name: c}\n  spec:\n    output: {type: stdout}\n";
  const KrmResult result = runKrmFunction(input);
  REQUIRE(result.errors.size() == 1);
  CHECK_THAT(result.errors[0], Catch::Contains("is not a valid pod template"));
  const YAML::Node out = parseYamlStream(result.resourceList, "out.yaml")[0].root;
  const YAML::Node in = parseYamlStream(input, "in.yaml")[0].root;
  CHECK(emitDocument(out["items"]) == emitDocument(in["items"]));
}
