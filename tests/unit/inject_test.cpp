#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>

#include "k8s/manifests.h"
#include "inject/inject.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "util/diagnostic.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

namespace {

std::vector<std::string> plainFixtures() {
  std::vector<std::string> out;
  for (const auto& e : boost::filesystem::directory_iterator(std::string(RAYLOG_SOURCE_DIR) + "/tests/inject/plain"))
    out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string injectText(const Spec& spec, const std::string& text) {
  return emitStream(injectLogging(spec, parseManifests(text, "in.yaml")).objects);
}

std::string readFile(const std::string& path) { return readInputFile(path); }

}  // namespace

TEST_CASE("inject is idempotent and wires every pod template, for every example spec and plain fixture") {
  REQUIRE(plainFixtures().size() >= 3);
  for (const std::string& specPath : testing::exampleSpecs()) {
    Spec spec = loadSpecFile(specPath);
    for (const std::string& fixture : plainFixtures()) {
      CAPTURE(specPath, fixture);
      const std::string once = injectText(spec, readFile(fixture));
      CHECK(injectText(spec, once) == once);
      std::vector<YAML::Node> objects;
      for (const SourceDocument& d : parseManifests(once, "once")) objects.push_back(d.root);
      CHECK(testing::checkInvariantsFor(spec, objects) > 0);
    }
    // A rendered example already has its logging: inject leaves it as it is.
    const std::string rendered = readFile(boost::filesystem::path(specPath).parent_path().string() + "/rendered.yaml");
    const std::string reemitted = emitStream([&] {
      std::vector<YAML::Node> v;
      for (const SourceDocument& d : parseManifests(rendered, "r")) v.push_back(d.root);
      return v;
    }());
    CHECK(injectText(spec, rendered) == reemitted);
  }
}

TEST_CASE("objects of other kinds pass through unchanged and in order, ConfigMaps follow the Ray objects' namespace") {
  Spec spec = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const std::string input =
      "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: ray}\nspec: {ports: [{port: 1}]}\n---\n"
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c, namespace: ray}\n"
      "spec:\n  headGroupSpec:\n    template:\n      spec:\n        containers: [{name: ray-head, image: 'rayproject/ray:2.46.0'}]\n"
      "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n";
  InjectResult r = injectLogging(spec, parseManifests(input, "in.yaml"));
  REQUIRE(r.objects.size() == 4);
  CHECK(emitDocument(r.objects[0]) == "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: ray\nspec:\n  ports:\n    - port: 1\n");
  CHECK(r.objects[2]["kind"].Scalar() == "Deployment");
  CHECK(r.objects[3]["kind"].Scalar() == "ConfigMap");
  CHECK(r.objects[3]["metadata"]["namespace"].Scalar() == "ray");
  CHECK(r.summary.size() == 2);
}

TEST_CASE("a conflicting container is an error located at that container") {
  Spec spec = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const std::string input =
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    template:\n"
      "      spec:\n        containers:\n          - {name: ray-head, image: 'rayproject/ray:2.46.0'}\n"
      "          - {name: fluent-bit, image: 'my/fluent-bit:1'}\n";
  try {
    injectLogging(spec, parseManifests(input, "in.yaml"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].where.line == 10);
    CHECK(e.diagnostics()[0].where.column == 13);
    CHECK_THAT(e.diagnostics()[0].message,
               Catch::Contains("RayCluster/c spec.headGroupSpec.template") && Catch::Contains("container named 'fluent-bit'"));
  }
}

TEST_CASE("a scalar where a container belongs is a located error, not an internal one (found by fuzzing)") {
  Spec spec = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const std::string input =
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    template:\n"
      "      spec:\n        containers:\n          - just a string\n";
  try {
    injectLogging(spec, parseManifests(input, "in.yaml"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].where.file == "in.yaml");
    CHECK(e.diagnostics()[0].where.line == 9);
    CHECK_THAT(e.diagnostics()[0].message,
               Catch::Contains("RayCluster/c spec.headGroupSpec.template is not a valid pod template"));
  }
}

TEST_CASE("a scalar after the Ray container is refused on the first run, not only on the second (found by fuzzing inject)") {
  Spec spec = testing::specFrom("spec:\n  output: {type: stdout}\n");
  for (const char* tail : {"          - name}\n", "            volumeMounts: [x]\n", "            env: [1]\n"}) {
    CAPTURE(tail);
    const std::string input =
        "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    template:\n"
        "      spec:\n        containers:\n          - name: ray-head\n            image: rayproject/ray:2.52.0\n" +
        std::string(tail);
    try {
      injectLogging(spec, parseManifests(input, "in.yaml"));
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].where.line == 11);
      CHECK_THAT(e.diagnostics()[0].message, Catch::Contains("is not a valid pod template (an entry of containers"));
    }
  }
}

TEST_CASE("a ConfigMap of the same name that raylog-gen did not create is not overwritten") {
  Spec spec = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const std::string input =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t-fluent-bit}\ndata: {x: y}\n---\n"
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    template:\n"
      "      spec:\n        containers: [{name: ray-head, image: 'rayproject/ray:2.46.0'}]\n";
  CHECK_THROWS_WITH(injectLogging(spec, parseManifests(input, "in.yaml")), Catch::Contains("not created by raylog-gen"));
}

TEST_CASE("inject with another file agent replaces raylog-gen's previous one instead of adding a second") {
  const Spec fluentBit = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const Spec fluentd = testing::specFrom("spec:\n  agent: {type: fluentd}\n  output: {type: stdout}\n");
  for (const std::string& fixture : plainFixtures()) {
    CAPTURE(fixture);
    const std::string withFluentBit = injectText(fluentBit, readFile(fixture));
    const std::string switched = injectText(fluentd, withFluentBit);
    CHECK_THAT(switched, !Catch::Contains("name: fluent-bit") && !Catch::Contains("fluent-bit-config"));
    std::vector<YAML::Node> objects;
    for (const SourceDocument& d : parseManifests(switched, "switched")) objects.push_back(d.root);
    CHECK(testing::checkInvariantsFor(fluentd, objects) > 0);
    // And back: the same as injecting Fluent Bit into the plain manifest; the Fluentd ConfigMap
    // raylog-gen wrote, which nothing mounts any more, goes too.
    const std::string back = injectText(fluentBit, switched);
    CHECK_THAT(back, !Catch::Contains("name: fluentd\n") && !Catch::Contains("fluentd-run") &&
                         !Catch::Contains("-fluentd\n"));
  }
}

TEST_CASE("inject switches Fluent Bit's config format both ways, and a manifest injected with subPath mounts is rewired") {
  const Spec yaml = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const Spec classic = testing::specFrom("spec:\n  agent: {configFormat: classic}\n  output: {type: stdout}\n");
  for (const std::string& fixture : plainFixtures()) {
    CAPTURE(fixture);
    const std::string withYaml = injectText(yaml, readFile(fixture));
    CHECK_THAT(withYaml, Catch::Contains("fluent-bit.yaml: |") && !Catch::Contains("fluent-bit.conf") &&
                             !Catch::Contains("subPath"));
    const std::string switched = injectText(classic, withYaml);
    CHECK_THAT(switched, Catch::Contains("fluent-bit.conf: |") && Catch::Contains("raylog-parsers.conf: |") &&
                             Catch::Contains("- /fluent-bit/etc/raylog/fluent-bit.conf") &&
                             !Catch::Contains("fluent-bit.yaml"));
    CHECK(injectText(classic, switched) == switched);
    CHECK(injectText(yaml, switched) == withYaml);
  }
  // An earlier raylog-gen mounted the config file by file (subPath): inject replaces those mounts.
  const std::string subPathMounts =
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    template:\n"
      "      metadata: {annotations: {raylog.dev/logging: fluent-bit}}\n      spec:\n        containers:\n          - {name: ray-head, image: rayproject/ray:2.52.0}\n"
      "          - name: fluent-bit\n            image: fluent/fluent-bit:3.2.10\n            volumeMounts:\n"
      "              - {name: fluent-bit-config, mountPath: /fluent-bit/etc/fluent-bit.conf, subPath: fluent-bit.conf}\n"
      "        volumes:\n          - {name: fluent-bit-config, configMap: {name: c-fluent-bit}}\n";
  const std::string rewired = injectText(yaml, subPathMounts);
  CHECK_THAT(rewired, !Catch::Contains("subPath") && Catch::Contains("mountPath: /fluent-bit/etc/raylog\n"));
}
