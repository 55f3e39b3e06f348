#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_names.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "test_helpers.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

static YAML::Node plainTemplate() {
  return YAML::Load(
      "metadata:\n  labels: {app: x}\nspec:\n  containers:\n    - name: ray-worker\n      image: rayproject/ray:2.46.0\n");
}

static const Spec& stdoutSpec() {
  static Spec s = testing::specFrom("spec:\n  output: {type: stdout}\n");
  return s;
}

TEST_CASE("pieces give Ray and Fluent Bit one emptyDir at /tmp/ray and mount the config") {
  YAML::Node node = plainTemplate();
  PodTemplate t(node);
  applyLoggingPieces(t, loggingPiecesFor(stdoutSpec(), RayNodeType::Worker, "g"));
  YAML::Node ray = t.rayContainer();
  YAML::Node fb = t.findContainer(kFluentBitContainer);
  REQUIRE(fb);
  CHECK(findMountAt(ray, "/tmp/ray")["name"].Scalar() == kRayLogVolume);
  CHECK(findMountAt(fb, "/tmp/ray")["name"].Scalar() == kRayLogVolume);
  CHECK(t.findVolume(kRayLogVolume)["emptyDir"].IsMap());
  CHECK(t.findVolume(kFluentBitConfigVolume)["configMap"]["name"].Scalar() == "t-fluent-bit");
  // The ConfigMap mounted whole, so edits reach the agent; the args name the YAML file.
  REQUIRE(findMountAt(fb, kFluentBitConfigDir));
  CHECK_FALSE(findMountAt(fb, kFluentBitConfigDir)["subPath"]);
  CHECK(fb["args"][1].Scalar() == std::string(kFluentBitConfigDir) + "/" + kFluentBitYamlKey);
  CHECK(fb["resources"]["limits"]["memory"]);
}

TEST_CASE("applying the pieces twice changes nothing the second time") {
  YAML::Node node = plainTemplate();
  PodTemplate t(node);
  auto pieces = loggingPiecesFor(stdoutSpec(), RayNodeType::Head, "g");
  applyLoggingPieces(t, pieces);
  const std::string once = emitDocument(node);
  applyLoggingPieces(t, pieces);
  CHECK(emitDocument(node) == once);
}

TEST_CASE("an existing /tmp/ray emptyDir is reused under its own name") {
  YAML::Node node = YAML::Load(
      "spec:\n  containers:\n    - name: ray-head\n      volumeMounts: [{name: log-volume, mountPath: /tmp/ray}]\n"
      "  volumes: [{name: log-volume, emptyDir: {}}]\n");
  PodTemplate t(node);
  applyLoggingPieces(t, loggingPiecesFor(stdoutSpec(), RayNodeType::Head, "g"));
  CHECK(findMountAt(t.findContainer(kFluentBitContainer), "/tmp/ray")["name"].Scalar() == "log-volume");
  CHECK_FALSE(t.findVolume(kRayLogVolume));
  CHECK(t.rayContainer()["volumeMounts"].size() == 1);
}

TEST_CASE("conflicting names are errors, never silent overwrites") {
  YAML::Node node = YAML::Load(
      "spec:\n  containers:\n    - name: ray-head\n    - name: fluent-bit\n      image: my/own:1\n");
  PodTemplate t(node);
  CHECK_THROWS_WITH(applyLoggingPieces(t, loggingPiecesFor(stdoutSpec(), RayNodeType::Head, "g")),
                    Catch::Contains("container named 'fluent-bit'"));

  YAML::Node hostPath = YAML::Load(
      "spec:\n  containers:\n    - name: ray-head\n      volumeMounts: [{name: h, mountPath: /tmp/ray}]\n"
      "  volumes: [{name: h, hostPath: {path: /var/ray}}]\n");
  PodTemplate t2(hostPath);
  CHECK_THROWS_WITH(applyLoggingPieces(t2, loggingPiecesFor(stdoutSpec(), RayNodeType::Head, "g")),
                    Catch::Contains("not an emptyDir"));
}

TEST_CASE("native mode puts the agent in initContainers with restartPolicy Always, and can switch back") {
  Spec native = testing::specFrom("spec:\n  agent: {sidecarMode: native}\n  output: {type: stdout}\n");
  YAML::Node node = plainTemplate();
  PodTemplate t(node);
  applyLoggingPieces(t, loggingPiecesFor(native, RayNodeType::Worker, "g"));
  REQUIRE(node["spec"]["initContainers"].size() == 1);
  CHECK(node["spec"]["initContainers"][0]["restartPolicy"].Scalar() == "Always");
  CHECK(node["spec"]["containers"].size() == 1);

  applyLoggingPieces(t, loggingPiecesFor(stdoutSpec(), RayNodeType::Worker, "g"));
  CHECK_FALSE(node["spec"]["initContainers"]);
  CHECK(node["spec"]["containers"].size() == 2);
}

TEST_CASE("a long agent grace period raises the pod's termination grace period") {
  Spec slow = testing::specFrom("spec:\n  agent: {graceSeconds: 60}\n  output: {type: stdout}\n");
  YAML::Node node = plainTemplate();
  PodTemplate t(node);
  applyLoggingPieces(t, loggingPiecesFor(slow, RayNodeType::Worker, "g"));
  CHECK(node["spec"]["terminationGracePeriodSeconds"].as<int>() == 70);
}
