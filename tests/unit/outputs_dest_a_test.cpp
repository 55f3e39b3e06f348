// The opentelemetry, splunk, http and datadog outputs: what each writes, where its secrets come
// from, and that hostile values for each of their options are refused.
#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/outputs/output_backend.h"
#include "render/render.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

const FluentBitSection& only(const FluentBitConfig& c, const std::string& name, const std::string& plugin) {
  const FluentBitSection* hit = nullptr;
  for (const auto& s : c.sections)
    if (s.name == name && s.get("Name") == plugin) {
      REQUIRE(hit == nullptr);
      hit = &s;
    }
  REQUIRE(hit != nullptr);
  return *hit;
}

std::vector<std::string> all(const FluentBitSection& s, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : s.entries)
    if (k == key) out.push_back(v);
  return out;
}

}  // namespace

TEST_CASE("opentelemetry: a copy of the records with the origin under resource.attributes") {
  Spec s = testing::specFrom("spec:\n  output: {type: opentelemetry, host: otel.obs.svc, headers: {X-Team: ml}}\n");
  FluentBitConfig c = fluentBitSidecarConfig(s);
  const FluentBitSection& rewrite = only(c, "FILTER", "rewrite_tag");
  CHECK(rewrite.get("Match") == "ray");
  CHECK(rewrite.get("Rule") == "$ray_cluster .+ otlp1.$TAG true");
  // With the default filesystem buffer the copies are kept on disk as well.
  CHECK(rewrite.get("Emitter_Storage.type") == "filesystem");
  std::vector<std::string> nestedUnder;
  for (const auto& sec : c.sections)
    if (sec.name == "FILTER" && sec.get("Name") == "nest") {
      CHECK(sec.get("Match") == "otlp1.*");
      nestedUnder.push_back(sec.get("Nest_under"));
    }
  CHECK(nestedUnder == std::vector<std::string>{"attributes", "resource"});
  const FluentBitSection& out = only(c, "OUTPUT", "opentelemetry");
  CHECK(out.get("Match") == "otlp1.*");
  CHECK(out.get("Port") == "4318");
  CHECK(out.get("logs_uri") == "/v1/logs");
  CHECK(all(out, "logs_body_key") == std::vector<std::string>{"$message", "$log"});
  CHECK(all(out, "header") == std::vector<std::string>{"X-Team ml"});
  // The records of the other outputs keep their origin fields: nothing else matches otlp1.*.
  Spec two = testing::specFrom("spec:\n  outputs: [{type: stdout}, {type: opentelemetry, host: o}]\n");
  FluentBitConfig c2 = fluentBitSidecarConfig(two);
  CHECK(only(c2, "OUTPUT", "stdout").get("Match") == "ray");
  CHECK(only(c2, "OUTPUT", "opentelemetry").get("Match") == "otlp2.*");
}

TEST_CASE("opentelemetry on a node agent: one copy per pod's tag") {
  Spec s = testing::specFrom("spec:\n  strategy: daemonset\n  output: {type: opentelemetry, host: o}\n");
  FluentBitConfig c = fluentBitDaemonSetConfig(s);
  CHECK(only(c, "FILTER", "rewrite_tag").get("Rule") == "$ray_cluster .+ otlp1.$TAG true");
  CHECK(only(c, "OUTPUT", "opentelemetry").get("Match") == "otlp1.*");
}

TEST_CASE("splunk: token from a Secret, origin as indexed fields, pod as host") {
  Spec s = testing::specFrom(
      "spec:\n  agent: {pathKey: path}\n  output: {type: splunk, host: hec, tokenSecret: {name: hec, key: token}, index: ray}\n");
  const FluentBitConfig c = fluentBitSidecarConfig(s);
  const FluentBitSection& out = only(c, "OUTPUT", "splunk");
  CHECK(out.get("splunk_token") == "${RAYLOG_OUT1_TOKEN}");
  CHECK(out.get("Port") == "8088");
  CHECK(out.get("event_host") == "$pod");
  CHECK(out.get("event_source") == "$path");
  CHECK(out.get("event_index") == "ray");
  CHECK(all(out, "event_field") == std::vector<std::string>{"ray_cluster $ray_cluster", "namespace $namespace", "pod $pod",
                                                            "ray_node_type $ray_node_type", "ray_group $ray_group", "ray_owner_kind $ray_owner_kind",
                                  "ray_owner_name $ray_owner_name"});
  auto secrets = outputSecrets(s.outputs);
  REQUIRE(secrets.size() == 1);
  CHECK(secrets[0].var == "RAYLOG_OUT1_TOKEN");
  CHECK(secrets[0].secretName == "hec");
}

TEST_CASE("http: plain headers and headers from Secrets") {
  Spec s = testing::specFrom(
      "spec:\n  output: {type: http, host: gw, uri: /in, headers: {X-Source: ray},"
      " headerSecrets: {Authorization: {name: gw, key: auth}, X-Api-Key: {name: gw, key: key}}}\n");
  const FluentBitConfig c = fluentBitSidecarConfig(s);
  const FluentBitSection& out = only(c, "OUTPUT", "http");
  CHECK(out.get("format") == "json_lines");
  CHECK(out.get("uri") == "/in");
  CHECK(out.get("Port") == "80");
  CHECK(all(out, "header") == std::vector<std::string>{"X-Source ray", "Authorization ${RAYLOG_OUT1_HEADER_AUTHORIZATION}",
                                                       "X-Api-Key ${RAYLOG_OUT1_HEADER_X_API_KEY}"});
  auto secrets = outputSecrets(s.outputs);
  REQUIRE(secrets.size() == 2);
  CHECK(secrets[0].var == "RAYLOG_OUT1_HEADER_AUTHORIZATION");
  CHECK(secrets[0].secretKey == "auth");
  const std::string stream = renderStream(s);
  CHECK_THAT(stream, Catch::Contains("RAYLOG_OUT1_HEADER_X_API_KEY"));
}

TEST_CASE("datadog: API key from a Secret, TLS by default, the sidecar's origin as tags") {
  Spec s = testing::specFrom("spec:\n  output: {type: datadog, apiKeySecret: {name: dd, key: k}, tags: {team: ml}}\n");
  const FluentBitConfig c = fluentBitSidecarConfig(s);
  const FluentBitSection& out = only(c, "OUTPUT", "datadog");
  CHECK(out.get("apikey") == "${RAYLOG_OUT1_API_KEY}");
  CHECK(out.get("Host") == "http-intake.logs.datadoghq.com");
  CHECK(out.get("Port") == "443");
  CHECK(out.get("tls") == "On");
  CHECK(out.get("dd_tags") == "ray_cluster:${RAYLOG_CLUSTER},namespace:${RAYLOG_NAMESPACE},pod:${RAYLOG_POD},team:ml");
  // A node agent serves many pods: no fixed origin tags, the records' fields say it.
  Spec ds = testing::specFrom("spec:\n  strategy: daemonset\n  output: {type: datadog, apiKeySecret: {name: dd, key: k}}\n");
  const FluentBitConfig dc = fluentBitDaemonSetConfig(ds);
  CHECK(only(dc, "OUTPUT", "datadog").get("dd_tags").empty());
}

TEST_CASE("new outputs: required keys and inline credentials name the Secret key to use") {
  auto token = testing::specProblems("spec:\n  output: {type: splunk, host: h, token: abc}\n");
  REQUIRE(token.size() == 2);  // the inline token, and the missing tokenSecret
  CHECK_THAT(token[0].message + token[1].message, Catch::Contains("use tokenSecret: {name: <secret>, key: <key>}"));
  auto key = testing::specProblems("spec:\n  output: {type: datadog, apiKey: abc}\n");
  REQUIRE(key.size() == 2);
  CHECK_THAT(key[0].message + key[1].message, Catch::Contains("use apiKeySecret: {name: <secret>, key: <key>}"));
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: splunk, host: h}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: datadog}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: http}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: opentelemetry}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  agent: {type: fluentd}\n  output: {type: splunk, host: h, "
                                    "tokenSecret: {name: a, key: b}}\n").empty());
}

TEST_CASE("new outputs: hostile values for every option are refused") {
  const std::vector<std::string> fields = {
      "type: opentelemetry, host: ", "type: opentelemetry, host: h, logsUri: ", "type: opentelemetry, host: h, user: ",
      "type: opentelemetry, host: h, headers: {X-A: ", "type: splunk, tokenSecret: {name: a, key: b}, host: ",
      "type: splunk, host: h, tokenSecret: {name: a, key: b}, index: ",
      "type: splunk, host: h, tokenSecret: {name: a, key: b}, sourcetype: ", "type: http, host: ",
      "type: http, host: h, uri: ", "type: http, host: h, user: ", "type: http, host: h, headers: {X-A: ",
      "type: datadog, apiKeySecret: {name: a, key: b}, host: ", "type: datadog, apiKeySecret: {name: a, key: b}, service: ",
      "type: datadog, apiKeySecret: {name: a, key: b}, source: ", "type: datadog, apiKeySecret: {name: a, key: b}, tags: {t: "};
  const std::vector<std::string> hostile = {"\"x\\n[OUTPUT]\\n    Name http\"", "\"${HOME}\"", "\"[x\"",
                                            "\"@INCLUDE x\"", "\"#x\"", "\" lead\"", "\"a\\u0000b\""};
  for (const std::string& prefix : fields)
    for (const std::string& value : hostile) {
      const std::string close = prefix.back() == ' ' && prefix.find('{', prefix.rfind(", ")) != std::string::npos ? "}" : "";
      const std::string yaml = "spec:\n  output: {" + prefix + value + close + "}\n";
      CAPTURE(yaml);
      CHECK_FALSE(testing::specProblems(yaml).empty());
    }
  // Header and tag names, and Secret references in headers.
  for (const char* bad : {"\"X A\"", "\"X:A\"", "\"X_A\"", "\"${X}\"", "\"\""}) {
    CAPTURE(bad);
    CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {type: http, host: h, headers: {") + bad + ": v}}\n").empty());
    CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {type: http, host: h, headerSecrets: {") + bad +
                                      ": {name: a, key: b}}}\n").empty());
  }
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: http, host: h, headerSecrets: {A: {name: \"a b\", key: b}}}\n").empty());
  CHECK(testing::specProblems("spec:\n  output: {type: http, host: h, headers: {X-A: \"Bearer x=y; z\"}}\n").empty());
}
