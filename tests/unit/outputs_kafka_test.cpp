// The kafka output: what it writes in both config formats, the SASL password from a Secret, and
// that hostile values for each of its options are refused.
#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/outputs/output_backend.h"
#include "render/render.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

const FluentBitSection& kafkaOutput(const FluentBitConfig& c) {
  const FluentBitSection* hit = nullptr;
  for (const auto& s : c.sections)
    if (s.name == "OUTPUT" && s.get("Name") == "kafka") {
      REQUIRE(hit == nullptr);
      hit = &s;
    }
  REQUIRE(hit != nullptr);
  return *hit;
}

const char* const kBase = "type: kafka, brokers: [k0.kafka:9092, k1.kafka:9093], topic: ray-logs";

}  // namespace

TEST_CASE("kafka: brokers, one topic, JSON keyed by the pod") {
  Spec s = testing::specFrom(std::string("spec:\n  output: {") + kBase + "}\n");
  const FluentBitConfig c = fluentBitSidecarConfig(s);
  const FluentBitSection& out = kafkaOutput(c);
  CHECK(out.get("Match") == "ray");
  CHECK(out.get("brokers") == "k0.kafka:9092,k1.kafka:9093");
  CHECK(out.get("topics") == "ray-logs");
  CHECK(out.get("format") == "json");
  CHECK(out.get("message_key") == "${RAYLOG_POD}");
  CHECK(out.get("message_key_field").empty());
  CHECK(out.get("timestamp_key").empty());  // the plugin's default, @timestamp
  CHECK(out.get("rdkafka.security.protocol").empty());  // librdkafka's default: plaintext
  CHECK(outputSecrets(s.outputs).empty());
  // A node agent serves many pods: the key is each record's pod field.
  Spec ds = testing::specFrom(std::string("spec:\n  strategy: daemonset\n  output: {") + kBase + "}\n");
  const FluentBitConfig dc = fluentBitDaemonSetConfig(ds);
  CHECK(kafkaOutput(dc).get("message_key_field") == "pod");
}

TEST_CASE("kafka: SASL over TLS, the password from a Secret, in both config formats") {
  for (const char* format : {"yaml", "classic"}) {
    CAPTURE(format);
    Spec s = testing::specFrom(std::string("spec:\n  agent: {configFormat: ") + format + "}\n  output: {" + kBase +
                               ", tls: true, tlsVerify: false, user: ray, saslMechanism: SCRAM-SHA-512,"
                               " passwordSecret: {name: kafka, key: pw}, messageKeyField: ray_cluster,"
                               " timestampKey: ts}\n");
    const FluentBitConfig c = fluentBitSidecarConfig(s);
    const FluentBitSection& out = kafkaOutput(c);
    CHECK(out.get("rdkafka.security.protocol") == "SASL_SSL");
    CHECK(out.get("rdkafka.enable.ssl.certificate.verification") == "false");
    CHECK(out.get("rdkafka.sasl.mechanism") == "SCRAM-SHA-512");
    CHECK(out.get("rdkafka.sasl.username") == "ray");
    CHECK(out.get("rdkafka.sasl.password") == "${RAYLOG_OUT1_PASSWORD}");
    CHECK(out.get("message_key_field") == "ray_cluster");
    CHECK(out.get("timestamp_key") == "ts");
    auto secrets = outputSecrets(s.outputs);
    REQUIRE(secrets.size() == 1);
    CHECK(secrets[0].var == "RAYLOG_OUT1_PASSWORD");
    CHECK(secrets[0].secretName == "kafka");
    const std::string stream = renderStream(s);
    CHECK_THAT(stream, Catch::Contains("rdkafka.sasl.password") && Catch::Contains("${RAYLOG_OUT1_PASSWORD}"));
    CHECK_THAT(stream, Catch::Contains("k0.kafka:9092,k1.kafka:9093"));
  }
  Spec sasl = testing::specFrom(std::string("spec:\n  output: {") + kBase + ", user: u, passwordSecret: {name: a, key: b}}\n");
  const FluentBitConfig saslConfig = fluentBitSidecarConfig(sasl);
  CHECK(kafkaOutput(saslConfig).get("rdkafka.security.protocol") == "SASL_PLAINTEXT");
  CHECK(kafkaOutput(saslConfig).get("rdkafka.sasl.mechanism") == "PLAIN");
  Spec tls = testing::specFrom(std::string("spec:\n  output: {") + kBase + ", tls: true}\n");
  const FluentBitConfig tlsConfig = fluentBitSidecarConfig(tls);
  CHECK(kafkaOutput(tlsConfig).get("rdkafka.security.protocol") == "SSL");
  CHECK(kafkaOutput(tlsConfig).get("rdkafka.enable.ssl.certificate.verification").empty());
}

TEST_CASE("kafka: required keys, SASL keys together, inline password refused") {
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: kafka, topic: t}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: kafka, brokers: [k:9092]}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: kafka, brokers: [], topic: t}\n").empty());
  CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {") + kBase + ", user: u}\n").empty());
  CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {") + kBase + ", passwordSecret: {name: a, key: b}}\n").empty());
  CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {") + kBase + ", saslMechanism: PLAIN}\n").empty());
  CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {") + kBase + ", saslMechanism: GSSAPI, user: u,"
                                    " passwordSecret: {name: a, key: b}}\n").empty());
  auto inline_ = testing::specProblems(std::string("spec:\n  output: {") + kBase + ", user: u, password: abc}\n");
  REQUIRE_FALSE(inline_.empty());
  std::string all;
  for (const auto& d : inline_) all += d.message;
  CHECK_THAT(all, Catch::Contains("passwordSecret"));
  CHECK_FALSE(testing::specProblems("spec:\n  agent: {type: fluentd}\n  output: {type: kafka, brokers: [k:9092], topic: t}\n").empty());
}

TEST_CASE("kafka: hostile values for every option are refused") {
  const std::vector<std::string> fields = {"type: kafka, topic: t, brokers: [", "type: kafka, brokers: [k:1], topic: ",
                                           "type: kafka, brokers: [k:1], topic: t, messageKeyField: ",
                                           "type: kafka, brokers: [k:1], topic: t, timestampKey: ",
                                           "type: kafka, brokers: [k:1], topic: t, passwordSecret: {name: a, key: b}, user: "};
  const std::vector<std::string> hostile = {"\"x\\n[OUTPUT]\\n    Name http\"", "\"${HOME}\"", "\"[x\"", "\"@INCLUDE x\"",
                                            "\"#x\"", "\" lead\"", "\"a\\u0000b\"", "\"a,b\"", "\"k:1,evil:2\"",
                                            "\"k:1 \""};
  for (const std::string& prefix : fields)
    for (const std::string& value : hostile) {
      const std::string close = prefix.back() == '[' ? "]" : "";
      const std::string yaml = "spec:\n  output: {" + prefix + value + close + "}\n";
      CAPTURE(yaml);
      CHECK_FALSE(testing::specProblems(yaml).empty());
    }
  CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {") + kBase + ", timestampKey: \"@ts\"}\n").empty());
  // A broker without its port, or a port that is not a number.
  for (const char* bad : {"k", "k:", "k:x", ":9092", "k:9092:1"}) {
    CAPTURE(bad);
    CHECK_FALSE(testing::specProblems(std::string("spec:\n  output: {type: kafka, topic: t, brokers: [\"") + bad + "\"]}\n").empty());
  }
}
