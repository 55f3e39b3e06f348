// Every output backend, read back from the rendered config: required keys, routing, secrets.
#include <catch2/catch.hpp>
#include <regex>

#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/outputs/output_backend.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

ParsedFluentBitConfig configOf(const Spec& s) { return readFluentBitConfig(fluentBitSidecarConfig(s).render()); }

const std::map<std::string, std::pair<std::string, std::vector<std::string>>> kPlugins = {
    {"stdout", {"stdout", {"Format"}}},
    {"cloudwatch", {"cloudwatch_logs", {"region", "log_group_name", "log_stream_prefix", "log_stream_template"}}},
    {"s3", {"s3", {"bucket", "region", "s3_key_format", "upload_timeout", "total_file_size"}}},
    {"elasticsearch", {"es", {"Host", "Port", "Logstash_Format", "Logstash_Prefix", "HTTP_Passwd"}}},
    {"opensearch", {"opensearch", {"Host", "Port", "Index", "HTTP_Passwd"}}},
    {"loki", {"loki", {"Host", "Port", "labels"}}},
    {"azure_blob", {"azure_blob", {"account_name", "shared_key", "container_name"}}},
    {"forward", {"forward", {"Host", "Port"}}}};

}  // namespace

TEST_CASE("outputs-all: every backend's required keys, every output routed, secrets only as ${VAR}") {
  Spec s = loadSpecFile(std::string(RAYLOG_SOURCE_DIR) + "/examples/outputs-all/raylog.yaml");
  REQUIRE(s.outputs.size() == 8);
  ParsedFluentBitConfig p = configOf(s);
  REQUIRE(p.problems.empty());
  std::vector<std::string> inputTags;
  for (const auto& sec : p.config.sections)
    if (sec.name == "INPUT") inputTags.push_back(sec.get("Tag"));
  size_t outputs = 0;
  for (const auto& sec : p.config.sections) {
    if (sec.name != "OUTPUT") continue;
    const OutputSpec& o = s.outputs.at(outputs++);
    const auto& [plugin, required] = kPlugins.at(o.type);
    CAPTURE(o.type);
    CHECK(sec.get("Name") == plugin);
    for (const std::string& key : required) CHECK_FALSE(sec.get(key).empty());
    bool routed = false;
    for (const std::string& tag : inputTags) routed = routed || fluentBitTagMatches(sec.get("Match"), tag);
    CHECK(routed);
  }
  CHECK(outputs == s.outputs.size());

  // Secrets: the ConfigMap names env vars; the agent gets them from secretKeyRef.
  const std::string conf = fluentBitSidecarConfig(s).render();
  for (const SecretEnv& e : outputSecrets(s.outputs)) CHECK_THAT(conf, Catch::Contains("${" + e.var + "}"));
  for (const char* key : {"HTTP_Passwd", "shared_key", "http_passwd"})
    for (const auto& sec : p.config.sections)
      if (!sec.get(key).empty()) CHECK(std::regex_match(sec.get(key), std::regex("^\\$\\{RAYLOG_OUT[0-9]+_[A-Z_]+\\}$")));
  const std::string all = renderStream(s);
  CHECK_THAT(all, Catch::Contains("secretKeyRef") && Catch::Contains("name: es-credentials"));
}

TEST_CASE("per-backend keys: a key of another backend is an error with a did-you-mean") {
  auto p = testing::specProblems("spec:\n  output: {type: loki, host: l, bucket: logs}\n");
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0].message, Catch::Contains("'bucket' is not an option of output type loki"));
  auto missing = testing::specProblems("spec:\n  outputs: [{type: cloudwatch, region: us-west-2}]\n");
  REQUIRE(missing.size() == 1);
  // The schema's per-type condition reports it (as editors do), before the loader's own check.
  CHECK_THAT(missing[0].message, Catch::Contains("missing required key 'logGroup' in spec.outputs[0]"));
  auto both = testing::specProblems("spec:\n  output: {type: stdout}\n  outputs: [{type: stdout}]\n");
  REQUIRE(both.size() == 1);
  CHECK_THAT(both[0].message, Catch::Contains("not both"));
}

TEST_CASE("an inline credential is refused with the way to do it") {
  auto p = testing::specProblems("spec:\n  output: {type: elasticsearch, host: es, password: hunter2}\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].where.line == 6);
  CHECK_THAT(p[0].message, Catch::Contains("passwordSecret: {name: <secret>, key: <key>}"));
}

TEST_CASE("hostile values never reach the Fluent Bit config, for every field that does") {
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"cloudwatch", "region: us-west-2, logGroup: "}, {"cloudwatch", "region: us-west-2, logGroup: g, logStreamPrefix: "},
      {"s3", "bucket: abc, region: us-west-2, keyFormat: "}, {"s3", "bucket: abc, region: us-west-2, endpoint: "},
      {"elasticsearch", "host: "}, {"elasticsearch", "host: h, index: "}, {"elasticsearch", "host: h, user: "},
      {"loki", "host: "}, {"loki", "host: h, tenant: "}, {"azure_blob", "sharedKeySecret: {name: s, key: k}, account: "},
      {"forward", "host: "}};
  const std::vector<std::string> hostile = {"\"x\\n[OUTPUT]\\n    Name http\"", "\"$(id)\"", "\"a b\"", "\"${HOME}\"",
                                            "\"x'; rm -rf /; '\"", "\"]\"", "\" lead\""};
  for (const auto& [type, prefix] : fields)
    for (const std::string& value : hostile) {
      const std::string yaml = "spec:\n  output: {type: " + type + ", " + prefix + value + "}\n";
      CAPTURE(yaml);
      CHECK_FALSE(testing::specProblems(yaml).empty());
    }
  auto labels = testing::specProblems("spec:\n  output: {type: loki, host: h, labels: {team: \"a, job=x\"}}\n");
  CHECK_FALSE(labels.empty());
}
