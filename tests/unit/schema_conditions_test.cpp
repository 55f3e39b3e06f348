// The JSON Schema as editors use it: every property has a description, and each output type's
// needed keys are schema conditions, so an editor flags what raylog-gen flags.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>

#include "test_helpers.h"
#include "util/resources.h"

namespace {

const nlohmann::json& schemaJson() {
  static const nlohmann::json s = nlohmann::json::parse(raylog::resource("schemas/raylogging.schema.json"));
  return s;
}

// Every property below `node`, with its path, in properties, items, definitions and conditions.
void eachProperty(const nlohmann::json& node, const std::string& path,
                  const std::function<void(const std::string&, const nlohmann::json&)>& visit) {
  if (!node.is_object()) return;
  if (node.contains("properties"))
    for (auto it = node["properties"].begin(); it != node["properties"].end(); ++it) {
      visit(path + "/" + it.key(), it.value());
      eachProperty(it.value(), path + "/" + it.key(), visit);
    }
  for (const char* key : {"items", "additionalProperties", "if", "then", "else", "not"})
    if (node.contains(key)) eachProperty(node[key], path + "/" + key, visit);
  if (node.contains("allOf"))
    for (size_t i = 0; i < node["allOf"].size(); ++i) eachProperty(node["allOf"][i], path + "/allOf" + std::to_string(i), visit);
  if (node.contains("definitions"))
    for (auto it = node["definitions"].begin(); it != node["definitions"].end(); ++it)
      eachProperty(it.value(), "#" + it.key(), visit);
}

// Properties that only restate a condition (`type: {const: loki}` inside an if) need no description.
bool isCondition(const std::string& path) { return path.find("/if/") != std::string::npos || path.find("/not/") != std::string::npos ||
                                                 path.find("/then/") != std::string::npos; }

}  // namespace

TEST_CASE("schema: every property has a description") {
  int properties = 0;
  std::vector<std::string> missing;
  eachProperty(schemaJson(), "", [&](const std::string& path, const nlohmann::json& p) {
    if (isCondition(path)) return;
    ++properties;
    if (!p.contains("description") || p["description"].get<std::string>().empty()) missing.push_back(path);
  });
  INFO("without a description: " << nlohmann::json(missing).dump());
  CHECK(properties > 140);
  CHECK(missing.empty());
}

TEST_CASE("schema: each output type's needed keys are conditions an editor checks") {
  auto problems = [](const std::string& output) { return testing::specProblems("spec:\n  output: " + output + "\n"); };
  // A loki output without host fails the schema itself, with the key named.
  auto loki = problems("{type: loki, port: 3100}");
  REQUIRE(loki.size() == 1);
  CHECK_THAT(loki[0].message, Catch::Contains("missing required key 'host' in spec.output"));
  CHECK(problems("{type: loki, host: loki.monitoring}").empty());
  for (const char* bad : {"{type: elasticsearch}", "{type: opensearch}", "{type: forward}", "{type: s3, region: us-east-1}",
                          "{type: azure_blob, account: acct}", "{type: cloudwatch, logGroup: g}",
                          "{type: cloudwatch, region: us-east-1}", "{type: s3, bucket: logs}"}) {
    INFO(bad);
    auto p = problems(bad);
    REQUIRE(p.size() == 1);
    CHECK_THAT(p[0].message, Catch::Contains("missing required key"));
  }
  // spec.eks gives the region; the container-insights preset the log group: not required then.
  CHECK(testing::specProblems("spec:\n  eks: {clusterName: c, region: us-west-2, iamMode: irsa}\n"
                              "  output: {type: s3, bucket: logs}\n").empty());
  CHECK(testing::specProblems("spec:\n  strategy: daemonset\n  daemonset: {preset: container-insights}\n"
                              "  eks: {clusterName: c, region: us-west-2, iamMode: node-role}\n"
                              "  output: {type: cloudwatch}\n").empty());
  // In a list too.
  auto list = testing::specProblems("spec:\n  outputs: [{type: stdout}, {type: forward}]\n");
  REQUIRE(list.size() == 1);
  CHECK_THAT(list[0].message, Catch::Contains("missing required key 'host' in spec.outputs[1]"));
}
