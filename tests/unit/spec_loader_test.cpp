#include <catch2/catch.hpp>

#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "util/default_images.h"

using namespace raylog;
using testing::specFrom;

static std::vector<Diagnostic> problems(const std::string& yaml) { return testing::specProblems(yaml); }

TEST_CASE("the minimal spec is complete: every other field has a default") {
  Spec s = specFrom("spec:\n  output: {type: stdout}\n");
  CHECK(s.name == "t");
  CHECK_FALSE(s.ns.has_value());
  CHECK(s.strategy == "sidecar");
  CHECK(s.rayVersion == default_images::kRayVersion);
  CHECK(s.rayImage == std::string("rayproject/ray:") + default_images::kRayVersion);
  CHECK(s.head.cpu == "1");
  CHECK(s.head.rayStartParams.at("dashboard-host") == "0.0.0.0");
  REQUIRE(s.workerGroups.size() == 1);
  CHECK(s.workerGroups[0].name == "workers");
  CHECK(s.workerGroups[0].minReplicas == 1);
  CHECK(s.workerGroups[0].maxReplicas == 1);
  CHECK(s.agent.image == default_images::kFluentBit);
  CHECK(s.agent.configFormat == "yaml");
  CHECK(s.agent.sidecarMode == SidecarMode::Classic);
  CHECK(s.agent.refreshIntervalSeconds == 5);
  CHECK(s.agent.pathKey == "file");
  REQUIRE(s.outputs.size() == 1);
  CHECK(s.outputs[0].type == "stdout");
}

TEST_CASE("numbers given for quantities and ray start params become strings") {
  Spec s = specFrom("spec:\n  head: {cpu: 0.5, rayStartParams: {num-cpus: 0, block: true}}\n  output: {type: stdout}\n");
  CHECK(s.head.cpu == "0.5");
  CHECK(s.head.rayStartParams.at("num-cpus") == "0");
  CHECK(s.head.rayStartParams.at("block") == "true");
}

TEST_CASE("an empty workerGroups list means a head-only cluster") {
  CHECK(specFrom("spec:\n  workerGroups: []\n  output: {type: stdout}\n").workerGroups.empty());
}

TEST_CASE("unknown keys get a did-you-mean at the key's position") {
  auto p = problems("spec:\n  workerGroup: []\n  output: {type: stdout}\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].where.line == 6);
  CHECK(p[0].where.column == 3);
  CHECK_THAT(p[0].message, Catch::Contains("unknown key 'workerGroup'") && Catch::Contains("did you mean 'workerGroups'"));
}

TEST_CASE("semantic checks the schema cannot express") {
  auto dup = problems("spec:\n  workerGroups: [{name: a}, {name: a}]\n  output: {type: stdout}\n");
  REQUIRE(dup.size() == 1);
  CHECK_THAT(dup[0].message, Catch::Contains("already used"));

  auto range = problems("spec:\n  workerGroups: [{name: a, replicas: 5, maxReplicas: 2}]\n  output: {type: stdout}\n");
  REQUIRE(range.size() == 1);
  CHECK_THAT(range[0].message, Catch::Contains("maxReplicas (2) is less than replicas (5)"));

  auto min = problems("spec:\n  workerGroups: [{name: a, replicas: 1, minReplicas: 3, maxReplicas: 4}]\n  output: {type: stdout}\n");
  REQUIRE(min.size() == 1);
  CHECK_THAT(min[0].message, Catch::Contains("minReplicas (3) is greater than replicas (1)"));

  auto latest = problems("spec:\n  agent: {image: 'fluent/fluent-bit:latest'}\n  output: {type: stdout}\n");
  REQUIRE(latest.size() == 1);
  CHECK_THAT(latest[0].message, Catch::Contains("not pinned"));

  auto untagged = problems("spec:\n  ray: {image: 'rayproject/ray'}\n  output: {type: stdout}\n");
  REQUIRE(untagged.size() == 1);

  // Moving tags: a release line and the tags projects move on every build (issue 14).
  for (const char* tag : {"5.1", "3", "edge", "nightly"}) {
    CAPTURE(tag);
    auto moving = problems(std::string("spec:\n  agent: {image: 'fluent/fluent-bit:") + tag + "'}\n  output: {type: stdout}\n");
    REQUIRE(moving.size() == 1);
    CHECK_THAT(moving[0].message, Catch::Contains("not pinned") && Catch::Contains("moving tag ':" + std::string(tag) + "'") &&
                                      Catch::Contains("use a release tag"));
  }

  auto boolKey = problems("spec:\n  agent: {pathKey: 'true'}\n  output: {type: stdout}\n");
  REQUIRE(boolKey.size() == 1);
  CHECK_THAT(boolKey[0].message, Catch::Contains("not a switch"));

  auto tempDir = problems("spec:\n  head: {rayStartParams: {temp-dir: /data}}\n  output: {type: stdout}\n");
  REQUIRE(tempDir.size() == 1);
  CHECK_THAT(tempDir[0].message, Catch::Contains("moves Ray's logs"));
}

TEST_CASE("hostile values never reach the Fluent Bit config") {
  for (const char* v : {"\"file\\n[OUTPUT]\\n    Name http\"", "\"$(id)\"", "\"a b\"", "\"${HOME}\"", "\"x'y\""}) {
    auto p = problems(std::string("spec:\n  agent: {pathKey: ") + v + "}\n  output: {type: stdout}\n");
    CAPTURE(v);
    CHECK(p.size() == 1);
  }
  auto mem = problems("spec:\n  agent: {memBufLimit: \"5MB\\n[OUTPUT]\"}\n  output: {type: stdout}\n");
  CHECK(mem.size() == 1);
}

TEST_CASE("several problems are all reported, in file order") {
  auto p = problems("spec:\n  head: {cpu: lots}\n  workerGroups: [{name: A_B, replicas: -1}]\n  output: {type: stdout}\n");
  REQUIRE(p.size() == 3);
  CHECK(p[0].where.line == 6);
  CHECK_THAT(p[0].message, Catch::Contains("expected a Kubernetes quantity"));
  CHECK(p[1].where.line == 7);
  CHECK(p[1].where.line <= p[2].where.line);
}

TEST_CASE("RayJob and RayService fields go with their kind") {
  Spec job = specFrom("spec:\n  kind: RayJob\n  rayJob: {entrypoint: python x.py, runtimeEnv: {pip: [a]}}\n  output: {type: stdout}\n");
  CHECK(job.kind == "RayJob");
  CHECK(job.rayJob.entrypoint == "python x.py");
  CHECK(job.rayJob.runtimeEnvYaml == "pip:\n  - a\n");
  CHECK(job.rayJob.ttlSecondsAfterFinished == 60);
  CHECK(job.agent.sidecarMode == SidecarMode::Native);  // a job's cluster goes away at once
  CHECK(specFrom("spec:\n  kind: RayJob\n  rayJob: {entrypoint: x}\n  agent: {sidecarMode: classic}\n  output: {type: stdout}\n")
            .agent.sidecarMode == SidecarMode::Classic);

  auto noJob = problems("spec:\n  kind: RayJob\n  output: {type: stdout}\n");
  REQUIRE(noJob.size() == 1);
  CHECK_THAT(noJob[0].message, Catch::Contains("kind RayJob needs spec.rayJob"));
  auto wrongKind = problems("spec:\n  rayJob: {entrypoint: x}\n  output: {type: stdout}\n");
  REQUIRE(wrongKind.size() == 1);
  CHECK_THAT(wrongKind[0].message, Catch::Contains("rayJob only applies to kind RayJob"));

  Spec svc = specFrom("spec:\n  kind: RayService\n  rayService: {serveConfigV2: \"applications: []\\n\"}\n  output: {type: stdout}\n");
  CHECK(svc.rayService.serveConfigV2 == "applications: []\n");
  auto both = problems("spec:\n  kind: RayService\n  rayService: {serveConfigV2: 'a: 1', serveConfigV2File: x.yaml}\n  output: {type: stdout}\n");
  REQUIRE(both.size() == 1);
  CHECK_THAT(both[0].message, Catch::Contains("exactly one of"));
  auto missing = problems("spec:\n  kind: RayService\n  rayService: {serveConfigV2File: /nonexistent/serve.yaml}\n  output: {type: stdout}\n");
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].message, Catch::Contains("no such file"));
  auto notYaml = problems("spec:\n  kind: RayService\n  rayService: {serveConfigV2: \"a: [\"}\n  output: {type: stdout}\n");
  REQUIRE(notYaml.size() == 1);
  CHECK_THAT(notYaml[0].message, Catch::Contains("not valid YAML"));
}

TEST_CASE("strategy stderr: no output, and no file-tailing agent beside it") {
  Spec s = specFrom("spec:\n  strategy: stderr\n");
  CHECK(s.strategy == "stderr");
  auto withAgent = problems("spec:\n  strategy: stderr\n  agent: {image: 'fluent/fluent-bit:3.2.10'}\n");
  REQUIRE(withAgent.size() == 1);
  CHECK_THAT(withAgent[0].message, Catch::Contains("collects nothing"));
  auto withCollector = problems("spec:\n  strategy: stderr\n  collector: {image: 'c:1.0.0', storage: {gcs: {bucket: abc}}}\n");
  REQUIRE(withCollector.size() == 1);
  CHECK_THAT(withCollector[0].message, Catch::Contains("remove spec.collector"));
  auto withOutput = problems("spec:\n  strategy: stderr\n  output: {type: stdout}\n");
  REQUIRE(withOutput.size() == 1);
  CHECK_THAT(withOutput[0].message, Catch::Contains("ships nothing itself"));
}

TEST_CASE("key names under propertyNames are checked, and a spec with them still reports its other errors (found by fuzzing)") {
  // valijson failed every non-empty rayStartParams silently; with no error of its own that hid
  // the missing header below, and render went on to an internal error.
  const auto p = problems("spec:\n  head: {rayStartParams: {num-cpus: 1}}\n  output: {type: stdout}\n");
  CHECK(p.empty());
  CHECK(specFrom("spec:\n  head: {rayStartParams: {num-cpus: 1}}\n  output: {type: loki, host: l, labels: {job: ray}}\n")
            .head.rayStartParams.at("num-cpus") == "1");
  std::vector<std::string> messages;
  try {
    loadSpecText("spec:\n  head: {rayStartParams: {num-cpus: 1}}\n  output: {type: stdout}\n", "s.yaml");
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) messages.push_back(d.format());
  }
  REQUIRE(messages.size() == 3);
  CHECK_THAT(messages[0], Catch::Contains("s.yaml:1:1: error: missing required key 'apiVersion'"));
  const auto bad = problems("spec:\n  head: {rayStartParams: {Num_CPUs: 1}}\n  output: {type: stdout}\n");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].format() == "test.yaml:6:27: error: 'Num_CPUs' is not a valid name in spec.head.rayStartParams; names must match ^[a-z][a-z0-9-]*$");
}
