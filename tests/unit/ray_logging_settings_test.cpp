// spec.ray.logging: Ray's environment on every Ray container (never the agent), the user's own
// values kept by inject, JSON-or-text parsing, and the bounded log volume.
#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "inject/inject.h"
#include "k8s/manifests.h"
#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "ray/ray_logging_settings.h"
#include "render/render.h"
#include "test_helpers.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

namespace {

const char* const kJsonSpec =
    "spec:\n"
    "  ray:\n"
    "    logging:\n"
    "      encoding: JSON\n"
    "      backendJson: true\n"
    "      serveEncoding: JSON\n"
    "      rotation: {maxBytes: 1048576, backupCount: 2}\n"
    "      dedup: false\n"
    "  workerGroups: [{name: a}, {name: b}]\n"
    "  output: {type: stdout}\n";

std::string envOf(const YAML::Node& container, const std::string& name) {
  const YAML::Node e = findByName(container["env"], name);
  return e && e["value"] ? e["value"].Scalar() : "";
}

}  // namespace

TEST_CASE("ray.logging: every Ray container gets Ray's variables, no agent does") {
  const Spec s = testing::specFrom(kJsonSpec);
  size_t rayContainers = 0;
  for (YAML::Node object : renderObjects(s)) {
    if (!isRayKind(object["kind"].Scalar())) continue;
    for (RayPodTemplateRef& ref : rayPodTemplates(object)) {
      const YAML::Node ray = ref.tmpl.rayContainer();
      ++rayContainers;
      CHECK(envOf(ray, "RAY_LOGGING_CONFIG_ENCODING") == "JSON");
      CHECK(envOf(ray, "RAY_BACKEND_LOG_JSON") == "1");
      CHECK(envOf(ray, "RAY_SERVE_LOG_ENCODING") == "JSON");
      CHECK(envOf(ray, "RAY_ROTATION_MAX_BYTES") == "1048576");
      CHECK(envOf(ray, "RAY_ROTATION_BACKUP_COUNT") == "2");
      CHECK(envOf(ray, "RAY_DEDUP_LOGS") == "0");
      const YAML::Node agent = ref.tmpl.findContainer(kFluentBitContainer);
      REQUIRE(agent);
      CHECK_FALSE(findByName(agent["env"], "RAY_LOGGING_CONFIG_ENCODING"));
    }
  }
  CHECK(rayContainers == 3);  // head and both worker groups
}

TEST_CASE("ray.logging: unset fields write nothing") {
  const Spec s = testing::specFrom("spec:\n  ray: {logging: {dedup: true}}\n  output: {type: stdout}\n");
  const auto env = rayLoggingEnv(s.rayLogging);
  REQUIRE(env.size() == 1);
  CHECK(env[0] == std::make_pair(std::string("RAY_DEDUP_LOGS"), std::string("1")));
  CHECK_FALSE(boundsLogDisk(s.rayLogging));
  CHECK(s.agent.logFormat == "text");
}

TEST_CASE("ray.logging: a JSON encoding makes the agent parse JSON-or-text; text with JSON is an error") {
  CHECK(testing::specFrom(kJsonSpec).agent.logFormat == "json");
  CHECK(testing::specFrom("spec:\n  ray: {logging: {serveEncoding: JSON}}\n  output: {type: stdout}\n").agent.logFormat ==
        "json");
  // Old specs keep working.
  CHECK(testing::specFrom("spec:\n  agent: {logFormat: json}\n  output: {type: stdout}\n").agent.logFormat == "json");
  const auto problems = testing::specProblems(
      "spec:\n  ray: {logging: {encoding: JSON}}\n  agent: {logFormat: text}\n  output: {type: stdout}\n");
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("logFormat text") && Catch::Contains("remove logFormat"));
  CHECK(problems[0].where.line > 0);
}

TEST_CASE("ray.logging: the Fluent Bit parser filter tries JSON first, then Ray's text formats") {
  const FluentBitConfig c = fluentBitSidecarConfig(testing::specFrom(kJsonSpec));
  std::vector<std::string> parsers;
  for (const FluentBitSection& sec : c.sections)
    if (sec.name == "FILTER" && sec.get("Name") == "parser" && sec.get("Key_Name") == "log")  // not the file's name
      for (const auto& [k, v] : sec.entries)
        if (k == "Parser") parsers.push_back(v);
  CHECK(parsers == std::vector<std::string>{"ray_json", "ray_python", "ray_cpp", "ray_serve"});
  bool multiline = false;
  for (const FluentBitSection& sec : c.sections)
    if (sec.name == "INPUT") multiline = sec.get("multiline.parser") == "ray_python_multiline";
  CHECK(multiline);  // tracebacks still kept with their record
}

TEST_CASE("ray.logging: rotation bounds the log emptyDir and the Ray container's ephemeral storage") {
  const Spec s = testing::specFrom(kJsonSpec);
  // 1 MiB x (2 + 1) x 32 files + 64Mi (state) + 0 (stdout buffers in memory)
  CHECK(logVolumeLimitBytes(s) == (96LL + 64) * 1024 * 1024);
  for (YAML::Node object : renderObjects(s)) {
    if (!isRayKind(object["kind"].Scalar())) continue;
    for (RayPodTemplateRef& ref : rayPodTemplates(object)) {
      CHECK(ref.tmpl.findVolume(kRayLogVolume)["emptyDir"]["sizeLimit"].Scalar() == "160Mi");
      const YAML::Node res = ref.tmpl.rayContainer()["resources"];
      CHECK(res["requests"]["ephemeral-storage"].Scalar() == "160Mi");
      CHECK(res["limits"]["ephemeral-storage"].Scalar() == "2208Mi");
      CHECK(res["limits"]["cpu"]);  // added beside, not instead of, cpu and memory
    }
  }
  const Spec sized = testing::specFrom("spec:\n  ray: {logging: {disk: {sizeLimit: 20Gi}}}\n  output: {type: stdout}\n");
  CHECK(logVolumeLimitBytes(sized) == 20LL * 1024 * 1024 * 1024);
  const auto problems = testing::specProblems(
      "spec:\n  strategy: stderr\n  ray: {logging: {disk: {sizeLimit: 1Gi}}}\n");
  std::string all;
  for (const Diagnostic& d : problems) all += d.message + "\n";
  CHECK_THAT(all, Catch::Contains("disk.sizeLimit bounds the pod's shared log emptyDir"));
}

TEST_CASE("ray.logging: inject keeps the user's variables, sizeLimit and ephemeral storage, and says so") {
  const Spec s = testing::specFrom(kJsonSpec);
  const std::string manifest =
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n"
      "    template:\n      spec:\n        containers:\n          - name: ray-head\n            image: rayproject/ray:2.46.0\n"
      "            env: [{name: RAY_ROTATION_MAX_BYTES, value: \"0\"}]\n"
      "            resources: {limits: {ephemeral-storage: 50Gi}}\n"
      "            volumeMounts: [{name: logs, mountPath: /tmp/ray}]\n"
      "        volumes: [{name: logs, emptyDir: {sizeLimit: 40Gi}}]\n";
  InjectResult r = injectLogging(s, parseManifests(manifest, "in.yaml"));
  YAML::Node object = r.objects.front();
  PodTemplate t = rayPodTemplates(object).front().tmpl;
  const YAML::Node ray = t.rayContainer();
  CHECK(envOf(ray, "RAY_ROTATION_MAX_BYTES") == "0");          // the user's
  CHECK(envOf(ray, "RAY_LOGGING_CONFIG_ENCODING") == "JSON");  // the spec's, where the user set none
  CHECK(ray["env"].size() == 6);                               // no duplicate entry
  CHECK(t.findVolume("logs")["emptyDir"]["sizeLimit"].Scalar() == "40Gi");
  CHECK(ray["resources"]["limits"]["ephemeral-storage"].Scalar() == "50Gi");
  CHECK_FALSE(ray["resources"]["requests"]);  // no request above the user's limit
  std::string summary;
  for (const std::string& line : r.summary) summary += line + "\n";
  CHECK_THAT(summary, Catch::Contains("kept the Ray container's own RAY_ROTATION_MAX_BYTES (0)"));
  CHECK_THAT(summary, Catch::Contains("kept the template's own sizeLimit of log volume 'logs' (40Gi)"));
  CHECK_THAT(summary, Catch::Contains("kept the Ray container's own ephemeral-storage"));
  // Idempotent: a second run changes nothing.
  const std::string once = emitStream(r.objects);
  InjectResult again = injectLogging(s, parseManifests(once, "in.yaml"));
  CHECK(emitStream(again.objects) == once);
}

TEST_CASE("quantities: Kubernetes suffixes to bytes and back") {
  CHECK(quantityBytes("8Gi") == 8LL << 30);
  CHECK(quantityBytes("500M") == 500000000);
  CHECK(quantityBytes("1.5Ki") == 1536);
  CHECK(quantityBytes("1024") == 1024);
  CHECK(quantityBytes("10m") == -1);  // milli-bytes are no disk size
  CHECK(mebibytes(1) == "1Mi");
  CHECK(mebibytes(3LL << 20) == "3Mi");
}
