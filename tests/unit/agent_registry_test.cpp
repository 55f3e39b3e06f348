// The agent registry: each agent is complete, the spec's schema offers exactly the registered
// agents, and each renders a spec that lint (which recognises agents through the same registry)
// finds clean.
#include <catch2/catch.hpp>

#include <boost/filesystem.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "agents/log_agent.h"
#include "lint/linter.h"
#include "render/render.h"
#include "spec/spec_schema.h"
#include "test_helpers.h"
#include "util/resources.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

namespace {
nlohmann::json agentSchema() {
  const auto schema = nlohmann::json::parse(specSchemaText());
  return schema["properties"]["spec"]["properties"]["agent"]["properties"];
}
}  // namespace

TEST_CASE("agent registry: every agent is complete and its names are its own") {
  std::set<std::string> types, containers;
  for (const LogAgent& a : logAgents()) {
    CAPTURE(a.type);
    CHECK(types.insert(a.type).second);
    CHECK_FALSE(a.product.empty());
    CHECK(a.runsFor);
    CHECK(a.checkSpec);
    CHECK(a.addPieces);
    CHECK(a.sidecarObjects);
    CHECK(a.recognises);
    CHECK(a.imageIsOurs);
    CHECK(static_cast<bool>(a.daemonSetObjects) == static_cast<bool>(a.daemonSetName));
    CHECK(findLogAgent(a.type) == &a);
    for (const std::string& c : a.containerNames) {
      CHECK(containers.insert(c).second);
      // lint and inject tell the agent by the container raylog-gen names after it
      CHECK(recogniseAgent(YAML::Load("{name: " + c + ", image: example.com/x:1}")) == &a);
    }
    if (a.tailsFiles) {
      CHECK_FALSE(a.defaults.image.empty());
      CHECK(a.imageIsOurs(a.defaults.image));
      CHECK(a.valueProblem);
    }
  }
  CHECK(findLogAgent("no-such-agent") == nullptr);
}

TEST_CASE("agent registry: the schema offers exactly the registered agents, with the first one's defaults") {
  const nlohmann::json agent = agentSchema();
  std::set<std::string> offered;
  for (const auto& t : agent["type"]["enum"]) offered.insert(t.get<std::string>());
  std::set<std::string> registered;
  for (const LogAgent& a : logAgents()) registered.insert(a.type);
  CHECK(offered == registered);
  const LogAgent& first = logAgents().front();
  CHECK(agent["type"]["default"] == first.type);
  CHECK(agent["image"]["default"] == first.defaults.image);
  CHECK(agent["flushSeconds"]["default"] == first.defaults.flushSeconds);
  CHECK(agent["resources"]["properties"]["requests"]["default"]["cpu"] == first.defaults.requestCpu);
  CHECK(agent["resources"]["properties"]["requests"]["default"]["memory"] == first.defaults.requestMemory);
  CHECK(agent["resources"]["properties"]["limits"]["default"]["cpu"] == first.defaults.limitCpu);
  CHECK(agent["resources"]["properties"]["limits"]["default"]["memory"] == first.defaults.limitMemory);
}

TEST_CASE("agent registry: a spec that only names an agent gets that agent's defaults and a clean lint") {
  for (const LogAgent& a : logAgents()) {
    if (!a.tailsFiles) continue;
    CAPTURE(a.type);
    const Spec spec = testing::specFrom("spec:\n  agent: {type: " + a.type + "}\n  output: {type: stdout}\n");
    CHECK(spec.agent.image == a.defaults.image);
    CHECK(spec.agent.requestMemory == a.defaults.requestMemory);
    CHECK(spec.agent.flushSeconds == a.defaults.flushSeconds);
    const std::vector<YAML::Node> objects = renderObjects(spec);
    size_t recognised = 0;
    for (const YAML::Node& o : objects)
      if (o["kind"].Scalar() == "RayCluster")
        for (const YAML::Node& c : o["spec"]["headGroupSpec"]["template"]["spec"]["containers"])
          if (recogniseAgent(c) == &a) ++recognised;
    CHECK(recognised == 1);
    namespace fs = boost::filesystem;
    const std::string path = (fs::temp_directory_path() / fs::unique_path("raylog-agent-%%%%%%.yaml")).string();
    std::ofstream(path) << renderStream(spec);
    const lint::LintResult result = lint::runLint({path}, {});
    fs::remove(path);
    CHECK(result.filesRead == 1);
    CHECK(result.findings.empty());
  }
}
