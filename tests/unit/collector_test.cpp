// The History Server collector pieces in every pod template of the collector examples.
#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/history_collector/collector_names.h"
#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

namespace {

std::string envValue(const YAML::Node& container, const std::string& name) {
  YAML::Node e = findByName(container["env"], name);
  return e && e["value"] ? e["value"].Scalar() : "";
}

}  // namespace

TEST_CASE("Ray and the collector share the emptyDir at /tmp/ray, and the hook is there exactly for the legacy generation") {
  size_t withCollector = 0;
  for (const std::string& path : testing::exampleSpecs()) {
    Spec spec = loadSpecFile(path);
    if (!spec.collector.enabled) continue;
    ++withCollector;
    CAPTURE(path);
    if (spec.collector.mode == CollectorMode::Operator) {
      // KubeRay adds the collector, its volume and Ray's event settings from historyServerOptions.
      for (const YAML::Node& o : renderObjects(spec))
        if (isRayKind(o["kind"].Scalar())) {
          CHECK(rayClusterSpecOf(o)["historyServerOptions"]["collectorOptions"]["image"].Scalar() == spec.collector.image);
          for (RayPodTemplateRef& ref : rayPodTemplates(o)) CHECK_FALSE(ref.tmpl.findContainer(kCollectorContainer));
        }
      continue;
    }
    const bool legacy = spec.collector.release == CollectorRelease::V1_6;
    for (const YAML::Node& o : renderObjects(spec)) {
      for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
        CAPTURE(ref.path);
        YAML::Node ray = ref.tmpl.rayContainer();
        YAML::Node collector = ref.tmpl.findContainer(kCollectorContainer);
        REQUIRE(collector);
        YAML::Node rayMount = findMountAt(ray, kRayLogMountPath), collectorMount = findMountAt(collector, kRayLogMountPath);
        REQUIRE(rayMount);
        REQUIRE(collectorMount);
        CHECK(rayMount["name"].Scalar() == collectorMount["name"].Scalar());
        CHECK(ref.tmpl.findVolume(rayMount["name"].Scalar())["emptyDir"].IsMap());

        YAML::Node hook = ray["lifecycle"]["postStart"];
        CHECK(static_cast<bool>(hook) == legacy);
        if (hook) {
          const std::string script = hook["exec"]["command"][2].Scalar();
          CHECK_THAT(script, Catch::Contains(kNodeIdFile) && !Catch::Contains("grep -oP"));
        }
        const std::string role = ref.type == RayNodeType::Head ? "Head" : "Worker";
        if (legacy) CHECK(collector["command"][1].Scalar() == "--role=" + role);
        else CHECK(envValue(collector, "RAY_ROLE") == role);
        CHECK(envValue(ray, "RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR") ==
              "http://localhost:" + std::to_string(spec.collector.eventsPort) + "/v1/events");
        CHECK(ref.tmpl.node()["spec"]["serviceAccountName"].Scalar() == spec.collector.serviceAccountName);
        // Both agents in one pod, unless the collector is the only agent.
        CHECK(static_cast<bool>(ref.tmpl.findContainer(kFluentBitContainer)) == (spec.agent.type == "fluent-bit"));
      }
    }
  }
  CHECK(withCollector >= 2);
}

TEST_CASE("no credential value reaches the output, every credential is a secretKeyRef") {
  for (const std::string& path : testing::exampleSpecs()) {
    Spec spec = loadSpecFile(path);
    if (!spec.collector.enabled) continue;
    const std::string text = renderStream(spec);
    for (const char* secretish : {"minioadmin", "AccountKey", "AWS_SECRET_ACCESS_KEY=", "devstoreaccount1"})
      CHECK_THAT(text, !Catch::Contains(secretish));
    for (const YAML::Node& o : renderObjects(spec))
      for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
        YAML::Node collector = ref.tmpl.findContainer(kCollectorContainer);
        for (const char* name : {"AWS_S3ID", "AWS_S3SECRET", "AZURE_STORAGE_CONNECTION_STRING"}) {
          YAML::Node e = findByName(collector["env"], name);
          if (e) {
            CHECK_FALSE(e["value"]);
            CHECK(e["valueFrom"]["secretKeyRef"]["name"]);
          }
        }
      }
  }
}

TEST_CASE("collector spec errors") {
  auto problems = testing::specProblems;
  auto two = problems("spec:\n  ray: {version: \"2.56.0\"}\n  collector:\n    image: c:1.0.0\n    storage: {s3: {bucket: abc}, gcs: {bucket: abc}}\n  output: {type: stdout}\n");
  REQUIRE(two.size() == 1);
  CHECK_THAT(two[0].message, Catch::Contains("exactly one of s3, azureblob, gcs and aliyunoss"));
  auto latest = problems("spec:\n  ray: {version: \"2.56.0\"}\n  collector:\n    image: collector\n    storage: {s3: {bucket: abc}}\n  output: {type: stdout}\n");
  REQUIRE(latest.size() == 1);
  CHECK_THAT(latest[0].message, Catch::Contains("not pinned"));
  auto inlineKey = problems("spec:\n  ray: {version: \"2.56.0\"}\n  collector:\n    image: c:1.0.0\n    storage: {s3: {bucket: abc, secretAccessKey: hunter2}}\n  output: {type: stdout}\n");
  REQUIRE(inlineKey.size() == 1);
  CHECK_THAT(inlineKey[0].message, Catch::Contains("unknown key 'secretAccessKey'") && Catch::Contains("credentialsSecret"));
}
